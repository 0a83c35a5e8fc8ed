"""Box Login's command line: sign in, print a token for scripts, status, sign out.

Only what was asked for (a token, a URL, JSON, a list) goes to standard output; every message
goes to standard error. Nothing here imports Qt, ``requests`` or PyJWT at module level, so
``main.py token`` with a valid stored token costs little more than reading the keyring.

``main.py`` builds the core objects (a :class:`Services`) and calls :func:`run`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TextIO

from core.errors import (
    AppConfigError,
    BoxLoginError,
    BoxResponseError,
    ConfigError,
    KeyringUnavailableError,
    NeedsSignInError,
    NotSignedInError,
    SignInCancelledError,
)
from core.logging_setup import configure_logging
from core.version import APP_NAME, __version__, command_name

if TYPE_CHECKING:
    from core.oauth import AuthorizationManager, BaseUrls
    from core.session import BoxLogin
    from core.settings import Settings
    from core.store import StoredToken, TokenStore
    from core.tokens import AccessToken

__all__ = [
    "EXIT_CODES_HELP",
    "PASSPHRASE_ENV",
    "Console",
    "Services",
    "build_parser",
    "configure_logging",
    "parse_args",
    "run",
    "store_passphrase",
]

logger = logging.getLogger(__name__)

#: Environment variable holding the passphrase of ``--store encrypted-file``.
PASSPHRASE_ENV = "BOX_LOGIN_PASSPHRASE"
STORE_CHOICES = ("keyring", "encrypted-file", "memory")

EXIT_CODES_HELP = """\
exit codes:
  0    done
  1    something unexpected went wrong
  2    the command line was not understood
  3    the settings are missing or wrong, or the Box app is set up wrongly
  4    you need to sign in (again), or the sign-in was declined or did not finish
  5    Box could not be reached, or is having trouble
  6    the password store (keyring) could not be used
  130  cancelled (Ctrl-C)
"""

_MAIN_DESCRIPTION = f"""\
{APP_NAME} connects your Box account to programs on this computer. Sign in once; the
sign-in is kept in your computer's password store and renewed automatically. Without a
command, {APP_NAME} opens its window."""

_MAIN_EPILOG = f"""\
examples:
  %(prog)s login                  sign in (opens your web browser)
  %(prog)s token                  print a valid access token, for scripts:
        curl -H "Authorization: Bearer $(%(prog)s token)" https://api.box.com/2.0/users/me
  %(prog)s status                 who is signed in, and until when
  %(prog)s --profile work login   sign in a second account, kept separately
  %(prog)s logout                 sign out (ends the access at Box too)
  %(prog)s sandbox                try it all against a demo Box on this computer

Messages go to standard error; only what you asked for (a token, an address, JSON) goes
to standard output. Every command has its own --help.

{EXIT_CODES_HELP}"""

_STORE_HELP = (
    "where to keep the sign-in: keyring (the system password store, default), "
    "encrypted-file (a file protected by a passphrase taken from "
    f"{PASSPHRASE_ENV} or asked for), memory (this run only)"
)

# The same rule as the token store (core.store), checked here so a bad name is a usage error.
_PROFILE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")


# --- collaborators ---------------------------------------------------------------------


class Services(Protocol):
    """The core objects a command needs, built on first use by the composition root
    (``main.py``), so that each command builds only what it uses."""

    def settings(self) -> Settings:
        """The Box app settings; raises NotConfiguredError when there are none."""
        ...

    def optional_settings(self) -> Settings | None:
        """The Box app settings, or None when there are none."""
        ...

    def store(self) -> TokenStore:
        """The token store (raises KeyringUnavailableError when no choice can be made)."""
        ...

    def box_login(self) -> BoxLogin:
        """The lifecycle object for the settings and the store."""
        ...

    def auth(self, base_urls: BaseUrls | None = None) -> AuthorizationManager:
        """An OAuth client for ``base_urls`` (default: the settings' ones)."""
        ...


@dataclass
class Console:
    """Where the command line reads and writes; tests and embedders can swap the streams."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)

    def say(self, message: str) -> None:
        """A message for the person (standard error)."""
        print(message, file=self.err, flush=True)

    def emit(self, text: str) -> None:
        """Requested output (standard output): one line."""
        self.out.write(text + "\n")
        self.out.flush()

    def interactive(self) -> bool:
        """True when a person can answer a question on standard input."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question on standard error; only "y"/"yes" count as yes."""
        self.err.write(f"{question} [y/N] ")
        self.err.flush()
        answer = self.stdin.readline()
        return answer.strip().lower() in ("y", "yes")

    def secret(self, prompt: str) -> str:
        """Ask for a passphrase without echoing it (on the terminal, prompt on stderr)."""
        import getpass

        return getpass.getpass(prompt, stream=self.err)


def store_passphrase(console: Console | None = None) -> str:
    """The passphrase for ``--store encrypted-file``: from BOX_LOGIN_PASSPHRASE, else asked
    for when a person is at the terminal; ConfigError otherwise."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    console = console or Console()
    if not console.interactive():
        raise ConfigError(
            f"The encrypted file needs a passphrase. Set {PASSPHRASE_ENV}, or run the "
            "command in a terminal to type it."
        )
    value = console.secret("Passphrase for Box Login's encrypted file: ")
    if not value:
        raise ConfigError("An empty passphrase cannot protect the file.")
    return value


# --- arguments -------------------------------------------------------------------------


def _profile(value: str) -> str:
    if not _PROFILE_RE.fullmatch(value):
        raise argparse.ArgumentTypeError(
            "a profile name is 1 to 64 letters, digits or . _ @ + - "
            "and starts with a letter or digit"
        )
    return value


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    # "not (1 <= seconds <= …)" also refuses nan, for which every comparison is false.
    if not 1 <= seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError("give a number of seconds between 1 and 86400")
    return seconds


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port number is between 0 and 65535")
    return port


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # The same options work before and after the command ("main.py --profile w token" and
    # "main.py token --profile w"); on sub-commands they must not overwrite the top's values.
    default: Any = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("options for every command")
    group.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        default=default,
        help="the settings file of the Box app (default: look in the usual places)",
    )
    group.add_argument(
        "--profile",
        metavar="NAME",
        type=_profile,
        default="default" if top else default,
        help="which connected account to use (default: %(default)s)"
        if top
        else "which connected account to use",
    )
    group.add_argument("--store", choices=STORE_CHOICES, default=default, help=_STORE_HELP)
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="write a detailed log to standard error (it never contains a token or secret)",
    )


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``main.py``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=_MAIN_DESCRIPTION,
        epilog=_MAIN_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the window and the embedded browser, check that they and the password "
        "store work, and quit (for installers and CI; exit 0 when all is well, 6 without a "
        "password store, 7 when the embedded browser cannot start)",
    )
    _common_options(parser, top=True)

    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    def add(name: str, summary: str, description: str, epilog: str = "", **kw: Any) -> Any:
        sub = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=(epilog + "\n\n" if epilog else "") + EXIT_CODES_HELP,
            formatter_class=_Formatter,
            **kw,
        )
        _common_options(sub, top=False)
        return sub

    login = add(
        "login",
        "sign in to Box in your web browser",
        "Sign in to Box. Opens your web browser at Box's sign-in page and waits until you\n"
        "have signed in and allowed access, then keeps the sign-in in the password store.\n"
        'It ends with "Signed in as NAME (LOGIN)" on standard error.',
        "examples:\n"
        "  %(prog)s\n"
        "      opens your web browser at Box's sign-in page\n"
        "  %(prog)s --no-browser\n"
        "      prints the address to open yourself (on a server, or to use another\n"
        "      browser); nothing else goes to standard output",
    )
    login.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a browser; print the sign-in address, alone on one line, on "
        "standard output",
    )
    login.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_seconds,
        default=300.0,
        help="stop waiting after this many seconds (default: %(default).0f)",
    )

    token = add(
        "token",
        "print a valid access token (for scripts)",
        "Print the access token, and nothing else, on standard output, renewing it first\n"
        "when it is about to expire. When you are not signed in, nothing is printed on\n"
        "standard output, a message goes to standard error and the exit code is 4.",
        'example:\n  curl -H "Authorization: Bearer $(%(prog)s)" https://api.box.com/2.0/users/me',
    )
    token.add_argument(
        "--min-valid",
        metavar="SECONDS",
        type=_positive_seconds,
        default=60.0,
        help="renew first unless the token stays valid this long (default: %(default).0f)",
    )

    status = add(
        "status",
        "who is signed in, until when, and where it is kept",
        "Show the profile, the Box user, when the access token and the refresh token\n"
        "expire, the permissions (scope) and where the sign-in is kept. Never shows a\n"
        "token. Exit code 0 when signed in, 4 when a sign-in is needed. No network.",
    )
    status.add_argument("--json", action="store_true", help="print the same as JSON")

    add(
        "refresh",
        "renew the access token now",
        "Renew the access token now, even if it is still valid. (token renews by itself\n"
        "when needed; this is for trying it out.)",
    )

    revoke = add(
        "revoke",
        "sign out: end the access at Box and forget it here",
        "Sign out: asks Box to end this program's access (refresh and access token), removes\n"
        "the sign-in from this computer, and checks with Box that the old token no longer\n"
        "works. When Box cannot be reached, it says so and (in a terminal) asks whether to\n"
        "remove the sign-in from this computer anyway.",
        aliases=["logout"],
    )
    revoke.add_argument(
        "--forget-if-offline",
        action="store_true",
        help="when Box cannot be reached, remove the sign-in from this computer without asking"
        " (it then stays valid at Box until it expires)",
    )

    add(
        "profiles",
        "list the connected accounts",
        "List the profiles (one per connected account) on standard output, with the Box\n"
        "user of each.",
    )

    json_help = (
        "print Box's whole answer as JSON instead of the token alone (includes every token in it)"
    )
    ccg = add(
        "ccg",
        "get a server token with Client Credentials (administrators)",
        "Get an access token with the Client Credentials Grant of the configured Box app\n"
        "(a server-side app authorized by the Box administrator), and print it.",
        "example:\n  %(prog)s --subject-type enterprise --subject-id 1234567",
    )
    ccg.add_argument("--subject-type", choices=("enterprise", "user"), required=True)
    ccg.add_argument("--subject-id", metavar="ID", required=True)
    ccg.add_argument("--json", action="store_true", help=json_help)

    jwt = add(
        "jwt",
        "get a server token with a JWT app configuration (administrators)",
        "Get an access token for a server-side Box app (JWT authentication) from the app\n"
        "configuration file downloaded from the Box developer console, and print it. If the\n"
        "file has no passphrase for its private key, you are asked for it.",
        "examples:\n"
        "  %(prog)s --app-config 1234_config.json              the app's service account\n"
        "  %(prog)s --app-config 1234_config.json --user-id 42 acting as user 42",
    )
    jwt.add_argument("--app-config", metavar="FILE", type=Path, required=True)
    jwt.add_argument(
        "--user-id",
        metavar="ID",
        help="act as this Box user (default: the enterprise's service account)",
    )
    jwt.add_argument("--json", action="store_true", help=json_help)

    downscope = add(
        "downscope",
        "get a restricted token from your sign-in (for sharing with less trusted code)",
        "Exchange your access token for one with fewer permissions, optionally limited to\n"
        "one file or folder, and print it.",
        'example:\n  %(prog)s --scope "item_preview" --resource https://api.box.com/2.0/files/123',
    )
    downscope.add_argument(
        "--scope",
        required=True,
        metavar='"S …"',
        help='the permissions, separated by spaces, e.g. "item_preview item_download"',
    )
    where = downscope.add_mutually_exclusive_group()
    where.add_argument("--resource", metavar="URL", help="the API URL of one file or folder")
    where.add_argument("--shared-link", metavar="URL", help="a shared link")
    downscope.add_argument("--json", action="store_true", help=json_help)

    sandbox = add(
        "sandbox",
        "run a demo Box on this computer",
        "Run a stand-in for Box on this computer (no internet, no Box account needed). It\n"
        "prints its address and a settings file that points at it; stop it with Ctrl-C.",
    )
    sandbox.add_argument(
        "--port", type=_port, default=0, help="port to listen on (default: any free port)"
    )
    sandbox.add_argument(
        "--save-settings",
        metavar="FILE",
        type=Path,
        help="also save the settings that point at it in FILE, ready for --config FILE",
    )
    return parser


def parse_args(argv: Sequence[str] | None = None, prog: str | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default ``sys.argv[1:]``); exits with code 2 on a usage error."""
    args = build_parser(prog).parse_args(argv)
    if args.command == "logout":
        args.command = "revoke"
    return args


# --- commands --------------------------------------------------------------------------


def _cmd_login(args: argparse.Namespace, services: Services, console: Console) -> int:
    box = services.box_login()
    if args.store == "memory":
        console.say("Note: with --store memory the sign-in is forgotten when this command ends.")
    flow = box.begin_sign_in(args.profile, progress=console.say, timeout=args.timeout)
    try:
        if args.no_browser:
            console.emit(flow.authorize_url)
            console.say("Open the address above in a web browser and sign in to Box.")
        else:
            import webbrowser

            from core.childenv import forget_secret_environment

            # The store is open: the browser (and all it starts) gets no passphrase.
            forget_secret_environment()
            console.say("Opening your web browser at Box's sign-in page…")
            if not webbrowser.open(flow.authorize_url):
                console.say("No web browser could be opened. Open this address yourself:")
                console.emit(flow.authorize_url)
        stored = flow.wait()
    except KeyboardInterrupt:
        flow.cancel()
        raise SignInCancelledError() from None
    finally:
        flow.close()
    console.say(f"Your sign-in is kept in {box.store.location()}.")
    logger.debug("Signed in for profile %s", stored.profile)
    return 0


def _cmd_token(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.session import usable_access_token

    # A script reading a still-valid token needs neither the settings nor the network.
    token = usable_access_token(services.store().load(args.profile), args.min_valid)
    if token is None:
        token = services.box_login().renew_access_token(args.profile, margin=args.min_valid)
    console.emit(token)
    return 0


def _when(epoch: float | None, now: float) -> str:
    if epoch is None:
        return "unknown"
    local = datetime.fromtimestamp(epoch).astimezone()
    stamp = local.strftime("%Y-%m-%d %H:%M %Z").strip()
    left = epoch - now
    if left <= 0:
        return f"expired ({stamp})"
    return f"valid until {stamp} ({_duration(left)} left)"


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "less than a minute"
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hours"
    return f"{hours // 24} days"


def _access_token_words(stored: StoredToken, now: float) -> str:
    from core.store import MAX_ACCESS_TOKEN_LIFETIME

    if not stored.access_token:
        return "none"
    if stored.renewal_interrupted:
        return "renews on next use (an earlier renewal did not finish)"
    if stored.expires_at is None:
        return "renews on next use (its end time is unknown)"
    if stored.expires_at - now > MAX_ACCESS_TOKEN_LIFETIME:
        return "renews on next use (its stored end time cannot be right)"
    return _when(stored.expires_at, now)


def _cmd_status(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.store import StoredToken

    store = services.store()
    stored = store.load(args.profile)
    now = time.time()
    signed_in = bool(
        stored and not stored.needs_sign_in and (stored.access_token or stored.refresh_token)
    )
    code = 0 if signed_in else NotSignedInError.exit_code
    if args.json:
        # to_public_dict never holds a token; an empty StoredToken gives the same keys.
        info = (stored or StoredToken(profile=args.profile)).to_public_dict(now)
        info.update(profile=args.profile, signed_in=signed_in, store=store.location())
        console.emit(json.dumps(info, indent=2))
        return code
    rows: list[tuple[str, str]] = [("Profile", args.profile)]
    if stored is None:
        rows.append(("Box user", "not signed in"))
    else:
        who = f"{stored.user_name or '?'} ({stored.user_login or '?'}), user id {stored.user_id}"
        if stored.needs_sign_in:
            who += " — needs to sign in again"
        rows.append(("Box user", who))
        rows.append(("Access token", _access_token_words(stored, now)))
        rows.append(
            (
                "Refresh token",
                _when(stored.refresh_expires_at, now) if stored.refresh_token else "none",
            )
        )
        rows.append(("Scope", stored.scope or "all of the app's scopes"))
    rows.append(("Kept in", store.location()))
    for label, value in rows:
        console.emit(f"{label + ':':<15}{value}")
    if not signed_in:
        again = "" if args.profile == "default" else f" --profile {args.profile}"
        console.say(f'Sign in with "{command_name()}{again} login".')
    return code


def _cmd_refresh(args: argparse.Namespace, services: Services, console: Console) -> int:
    stored = services.box_login().refresh(args.profile)
    console.say(
        f"Renewed the access token for {stored.user_login or args.profile}: "
        f"{_when(stored.expires_at, time.time())}."
    )
    return 0


def _cmd_revoke(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.session import RevokeOfflineError

    box = services.box_login()
    try:
        result = box.revoke(args.profile)
    except RevokeOfflineError as exc:
        console.say(str(exc))
        forget = args.forget_if_offline or (
            console.interactive()
            and console.confirm(
                "Remove the sign-in from this computer anyway? (It stays valid at Box until "
                "it expires.)"
            )
        )
        if not forget:
            console.say(
                "Nothing was changed. To remove it from this computer only, run "
                f'"{command_name()} logout --forget-if-offline".'
            )
            return exc.exit_code
        box.forget(args.profile)
        console.say(
            "Removed the sign-in from this computer. It stays valid at Box until it expires "
            "(at most 60 days); to end it sooner, remove the app in your Box account settings "
            "(Apps) or run this command again when online."
        )
        return 0
    if result.revoked_at_box:
        console.say("Signed out: Box ended this program's access.")
    else:
        console.say("Signed out. (There was no valid token to end at Box.)")
    console.say(f"The sign-in was removed from {box.store.location()}.")
    if result.verified:
        console.say("Checked: Box no longer accepts the old access token.")
    elif result.revoked_at_box:
        console.say("Box Login could not confirm that Box stopped accepting the old access token.")
    return 0


def _cmd_profiles(args: argparse.Namespace, services: Services, console: Console) -> int:
    store = services.store()
    names = store.list_profiles()
    if not names:
        console.say(f'No connected accounts yet. Sign in with "{command_name()} login".')
        return 0
    width = max(len(n) for n in names)
    for name in names:
        stored = store.load(name)
        who = ""
        if stored is not None:
            who = f"{stored.user_name or '?'} ({stored.user_login or '?'})"
            if stored.needs_sign_in:
                who += " — needs to sign in again"
        console.emit(f"{name:<{width}}  {who}".rstrip())
    return 0


def _print_token(args: argparse.Namespace, token: AccessToken, console: Console) -> int:
    if args.json:
        console.emit(json.dumps(token.to_dict(include_secrets=True), indent=2))
    elif token.access_token:
        console.emit(token.access_token)
    else:
        raise BoxResponseError("Box answered without an access token.")
    return 0


def _cmd_ccg(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.oauth import RequestAccessTokenBoxSubjectType, RequestAccessTokenGrantType

    settings = services.settings()
    token = services.auth().request_access_token(
        RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        box_subject_type=RequestAccessTokenBoxSubjectType(args.subject_type),
        box_subject_id=args.subject_id,
    )
    return _print_token(args, token, console)


def _encrypted_pem(pem: str | None) -> bool:
    return bool(pem) and "ENCRYPTED" in (pem or "")


def _cmd_jwt(args: argparse.Namespace, services: Services, console: Console) -> int:
    from dataclasses import replace

    from core.jwt_assertion import JwtAppConfig, make_assertion
    from core.oauth import RequestAccessTokenGrantType

    config = JwtAppConfig.from_file(args.app_config)
    if not config.passphrase and _encrypted_pem(config.private_key):
        if not console.interactive():
            raise AppConfigError(
                "The app configuration's private key is encrypted and the file has no "
                "passphrase. Run the command in a terminal to type it."
            )
        config = replace(config, passphrase=console.secret("Passphrase of the private key: "))
    subject_type: Literal["enterprise", "user"]
    if args.user_id:
        subject_type, subject_id = "user", args.user_id
    else:
        if not config.enterprise_id:
            raise AppConfigError(
                "The app configuration has no enterpriseID. Give --user-id to act as a user."
            )
        subject_type, subject_id = "enterprise", config.enterprise_id
    assertion = make_assertion(config, subject_type=subject_type, subject_id=subject_id)
    settings = services.optional_settings()
    token = services.auth(settings.base_urls if settings else None).request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
        assertion=assertion,
        client_id=config.client_id,
        client_secret=config.client_secret,
    )
    return _print_token(args, token, console)


def _cmd_downscope(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.oauth import RequestAccessTokenGrantType, RequestAccessTokenSubjectTokenType

    scope = " ".join(args.scope.replace(",", " ").split())
    if not scope:
        raise ConfigError('Give at least one permission with --scope, e.g. --scope "item_preview".')
    box = services.box_login()
    subject = box.get_access_token(args.profile)
    token = box.auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
        subject_token=subject,
        subject_token_type=(
            RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN
        ),
        scope=scope,
        resource=args.resource,
        box_shared_link=args.shared_link,
    )
    return _print_token(args, token, console)


def _cmd_sandbox(args: argparse.Namespace, services: Services, console: Console) -> int:
    serve_sandbox(args.port, console.out, settings_path=args.save_settings)  # until Ctrl-C
    return 0


def serve_sandbox(
    port: int,
    out: TextIO,
    *,
    stop: threading.Event | None = None,
    settings_path: Path | None = None,
) -> None:
    """Run the Box sandbox on 127.0.0.1:``port`` until Ctrl-C (or ``stop`` is set).

    Prints its address, the demo login and a ready-to-use settings file for Box Login, and
    with ``settings_path`` also writes that file (mode 0600: it holds the demo client secret).
    Raises :class:`core.sandbox.SandboxError` when the port is taken.
    """
    from core.sandbox import SandboxServer

    sandbox = SandboxServer(port=port).start()
    try:
        demo = sandbox.users[0]
        settings = json.dumps(sandbox.client_settings(), indent=2)
        if settings_path is not None:
            from core.settings import write_private_file

            write_private_file(settings_path, (settings + "\n").encode())
            how = (
                f"The settings that point {APP_NAME} at it are saved in {settings_path}:\n"
                f'run "{command_name()} --config {settings_path} login".\n'
            )
        else:
            how = (
                f"To point {APP_NAME} at it, save these settings as a file (for example\n"
                f'sandbox.json) and run "{command_name()} --config sandbox.json login"\n'
                "(or let --save-settings FILE do it):\n"
            )
        out.write(
            f"The Box sandbox is running at {sandbox.url}\n"
            f"Sign in with {demo.login} and the password {demo.password!r}.\n"
            "\n"
            f"{how}"
            f"{settings}\n"
            "\n"
            f'Or open {APP_NAME} and choose "Try the demo", which starts its own sandbox.\n'
            "\n"
            "Press Ctrl-C to stop.\n"
        )
        out.flush()
        waiter = stop or threading.Event()
        with contextlib.suppress(KeyboardInterrupt):
            while not waiter.wait(0.5):
                pass
    finally:
        sandbox.stop()


_COMMANDS: dict[str, Callable[[argparse.Namespace, Services, Console], int]] = {
    "login": _cmd_login,
    "token": _cmd_token,
    "status": _cmd_status,
    "refresh": _cmd_refresh,
    "revoke": _cmd_revoke,
    "profiles": _cmd_profiles,
    "ccg": _cmd_ccg,
    "jwt": _cmd_jwt,
    "downscope": _cmd_downscope,
    "sandbox": _cmd_sandbox,
}


def _keyring_unavailable_message(exc: KeyringUnavailableError) -> str:
    return (
        f"{exc}\n"
        f"{APP_NAME} never keeps your sign-in in a plain file. Choose one and run the command "
        "again:\n"
        "  --store encrypted-file   keep it in a file encrypted with a passphrase\n"
        f"                           (taken from {PASSPHRASE_ENV}, or asked for)\n"
        "  --store memory           keep it only while this command runs\n"
        f"for example: {command_name()} --store encrypted-file login\n"
        "Or install a password store (Debian/Ubuntu: sudo apt-get install gnome-keyring)."
    )


def run(args: argparse.Namespace, services: Services, console: Console | None = None) -> int:
    """Run the command in ``args``; returns the exit code. Errors become plain messages on
    standard error (with technical details when Box answered), never a traceback."""
    console = console or Console()
    handler = _COMMANDS[args.command]
    try:
        return handler(args, services, console)
    except KeyboardInterrupt:
        console.say("Cancelled.")
        return SignInCancelledError.exit_code
    except KeyringUnavailableError as exc:
        console.say(_keyring_unavailable_message(exc))
        return exc.exit_code
    except (NotSignedInError, NeedsSignInError) as exc:
        console.say(str(exc))
        return exc.exit_code
    except BoxLoginError as exc:
        console.say(str(exc))
        if isinstance(exc, BoxResponseError):
            console.say(f"(Details: {exc.details()})")
        logger.debug("Command %s failed", args.command, exc_info=True)
        return exc.exit_code
    except Exception as exc:
        logger.debug("Command %s failed unexpectedly", args.command, exc_info=True)
        console.say(
            f"Something unexpected went wrong ({type(exc).__name__}). Run the command again "
            "with --verbose for details."
        )
        return 1
