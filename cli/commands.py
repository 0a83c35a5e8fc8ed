"""The commands: what each does, in words for a person on standard error and only the
requested output (a token, an address, JSON) on standard output.

``main.py`` builds the core objects (a :class:`~cli.console.Services`) and calls :func:`run`.
Core's errors state facts; saying which command to run next is this face's job.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from cli.console import PASSPHRASE_ENV, Console, Services
from core.errors import (
    AppConfigError,
    BoxLoginError,
    BoxResponseError,
    ConfigError,
    KeyringUnavailableError,
    NotSignedInError,
    PortsUnavailableError,
    SignInCancelledError,
    SignInNeededError,
)
from core.translation import display_width, pad, sentences, translate
from core.version import APP_NAME, command_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from core.keepalive import Reminder
    from core.store import StoredToken
    from core.tokens import AccessToken

__all__ = ["run", "serve_sandbox"]

logger = logging.getLogger(__name__)


def _cmd_login(args: argparse.Namespace, services: Services, console: Console) -> int:
    box = services.box_login()
    if args.store == "memory":
        console.say(
            translate(
                "CommandLine",
                "Note: with --store memory the sign-in is forgotten when this command ends.",
            )
        )
    flow = box.begin_sign_in(args.profile, progress=console.say, timeout=args.timeout)
    try:
        if args.no_browser:
            console.emit(flow.authorize_url)
            console.say(
                translate(
                    "CommandLine", "Open the address above in a web browser and sign in to Box."
                )
            )
        else:
            import webbrowser

            from core.childenv import forget_secret_environment

            # The store is open: the browser (and all it starts) gets no passphrase.
            forget_secret_environment()
            console.say(translate("CommandLine", "Opening your web browser at Box's sign-in page…"))
            if not webbrowser.open(flow.authorize_url):
                console.say(
                    translate(
                        "CommandLine", "No web browser could be opened. Open this address yourself:"
                    )
                )
                console.emit(flow.authorize_url)
        stored = flow.wait()
    except KeyboardInterrupt:
        flow.cancel()
        raise SignInCancelledError() from None
    finally:
        flow.close()
    console.say(
        translate("CommandLine", "Your sign-in is kept in {place}.").format(
            place=box.store.location()
        )
    )
    logger.debug("Signed in for profile %s", stored.profile)
    return 0


#: What ``exec`` puts in the command's environment (and ``token --format env`` prints).
TOKEN_ENV = "BOX_ACCESS_TOKEN"
TOKEN_EXPIRES_AT_ENV = "BOX_ACCESS_TOKEN_EXPIRES_AT"


def _valid_sign_in(args: argparse.Namespace, services: Services) -> StoredToken:
    """The profile's sign-in with an access token valid for more than ``args.min_valid``
    seconds, renewed first when needed."""
    from core.session import usable_access_token

    # A script reading a still-valid token needs neither the settings nor the network.
    stored = services.store().load(args.profile)
    if stored is None or usable_access_token(stored, args.min_valid) is None:
        stored = services.box_login().renew_sign_in(args.profile, margin=args.min_valid)
    return stored


def _utc_iso(epoch: float) -> str:
    # Seconds only, cut rather than rounded: the stated end is never later than the real one.
    # "+00:00" rather than "Z": Python before 3.11 parses only that form.
    return datetime.fromtimestamp(int(epoch), tz=UTC).isoformat()


def _token_fields(stored: StoredToken) -> tuple[str, str | None]:
    """The access token of a valid sign-in (see ``_valid_sign_in``) and its end; the end is
    None only if Box's renewal answer lacked ``expires_in`` (Box always sends it)."""
    assert stored.access_token is not None
    return stored.access_token, None if stored.expires_at is None else _utc_iso(stored.expires_at)


def _cmd_token(args: argparse.Namespace, services: Services, console: Console) -> int:
    stored = _valid_sign_in(args, services)
    token, expires_at = _token_fields(stored)
    if args.format == "json":
        user = {"id": stored.user_id, "name": stored.user_name, "login": stored.user_login}
        document = {
            "access_token": token,
            "expires_at": expires_at,
            "profile": stored.profile,
            "user": user,
        }
        console.emit(json.dumps(document, indent=2))
    elif args.format == "env":
        import shlex

        # Box's tokens need no quoting; a damaged entry must not become shell code in eval.
        console.emit(f"{TOKEN_ENV}={shlex.quote(token)}")
    elif args.format == "header":
        console.emit(f"Authorization: Bearer {token}")
    else:
        console.emit(token)
    return 0


def _cmd_exec(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.child_process import run_forwarding_signals
    from core.childenv import child_environment

    token, expires_at = _token_fields(_valid_sign_in(args, services))
    # The command gets Box Login's environment without its secrets (the passphrase of
    # --store encrypted-file), plus the token.
    env = child_environment() | {TOKEN_ENV: token}
    env.pop(TOKEN_EXPIRES_AT_ENV, None)  # never an inherited, older one
    if expires_at is not None:
        env[TOKEN_EXPIRES_AT_ENV] = expires_at
    program = args.argv[0]
    try:
        return run_forwarding_signals(args.argv, env)
    except FileNotFoundError:
        console.say(
            translate("CommandLine", "{command} exec: {program}: command not found").format(
                command=command_name(), program=program
            )
        )
        return 127  # as shells say it
    except OSError as exc:
        console.say(f"{command_name()} exec: {program}: {exc.strerror or exc}")
        return 126


def _when(epoch: float | None, now: float) -> str:
    if epoch is None:
        return translate("CommandLine", "unknown")
    # A locale-neutral time: the same digits in every language.
    local = datetime.fromtimestamp(epoch).astimezone()
    stamp = local.strftime("%Y-%m-%d %H:%M %Z").strip()
    left = epoch - now
    if left <= 0:
        return translate("CommandLine", "expired ({time})").format(time=stamp)
    return translate("CommandLine", "valid until {time} ({time_left})").format(
        time=stamp, time_left=_time_left(left)
    )


def _time_left(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return translate("CommandLine", "less than a minute left")
    if minutes == 1:
        return translate("CommandLine", "1 minute left")
    if minutes < 120:
        return translate("CommandLine", "{minutes} minutes left").format(minutes=minutes)
    hours = minutes // 60
    if hours < 48:
        return translate("CommandLine", "{hours} hours left").format(hours=hours)
    return translate("CommandLine", "{days} days left").format(days=hours // 24)


def _access_token_words(stored: StoredToken, now: float) -> str:
    if not stored.access_token:
        return translate("CommandLine", "none")
    if stored.renewal_interrupted:
        return translate("CommandLine", "renews on next use (an earlier renewal did not finish)")
    if stored.expires_at is None:
        return translate("CommandLine", "renews on next use (its end time is unknown)")
    if not stored.expiry_believable(now):
        return translate("CommandLine", "renews on next use (its stored end time cannot be right)")
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
    from core.keepalive import days_left

    left = days_left(stored, now)
    if args.json:
        # to_public_dict never holds a token; an empty StoredToken gives the same keys.
        info = (stored or StoredToken(profile=args.profile)).to_public_dict(now)
        info.update(profile=args.profile, signed_in=signed_in, store=store.location())
        info.update(days_left=left, keep_alive=_keep_alive_words(store.kind, short=True))
        console.emit(json.dumps(info, indent=2))
        return code
    # The table for people, in their language (--json is for programs).
    rows: list[tuple[str, str]] = [(translate("CommandLine", "Profile"), args.profile)]
    box_user = translate("CommandLine", "Box user")
    if stored is None:
        rows.append((box_user, translate("CommandLine", "not signed in")))
    else:
        if stored.needs_sign_in:
            who = translate(
                "CommandLine", "{name} ({login}), user id {id} — needs to sign in again"
            )
        else:
            who = translate("CommandLine", "{name} ({login}), user id {id}")
        who = who.format(
            name=stored.user_name or "?", login=stored.user_login or "?", id=stored.user_id
        )
        rows.append((box_user, who))
        rows.append((translate("CommandLine", "Access token"), _access_token_words(stored, now)))
        rows.append(
            (
                translate("CommandLine", "Refresh token"),
                _when(stored.refresh_expires_at, now)
                if stored.refresh_token
                else translate("CommandLine", "none"),
            )
        )
        if left is not None:
            rows.append((translate("CommandLine", "Days left"), _days_left_row(left)))
        rows.append(
            (
                translate("CommandLine", "Scope"),
                stored.scope or translate("CommandLine", "all of the app's scopes"),
            )
        )
    rows.append((translate("CommandLine", "Kept in"), store.location()))
    if stored is not None and not stored.needs_sign_in:
        rows.append((translate("CommandLine", "Keep-alive"), _keep_alive_words(store.kind)))
    width = max(15, *(display_width(label) + 2 for label, _ in rows))
    for label, value in rows:
        console.emit(f"{pad(_label(label), width)}{value}")
    if not signed_in:
        console.say(_how_to_sign_in(args.profile))
    return code


def _label(label: str) -> str:
    """A row's label with its colon ("Profile:"), as the language writes it."""
    return translate("CommandLine", "{label}:").format(label=label)


def _cmd_refresh(args: argparse.Namespace, services: Services, console: Console) -> int:
    stored = services.box_login().refresh(args.profile)
    console.say(
        translate("CommandLine", "Renewed the access token for {who}: {when}.").format(
            who=stored.user_login or args.profile, when=_when(stored.expires_at, time.time())
        )
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
                translate(
                    "CommandLine",
                    "Remove the sign-in from this computer anyway? (It stays valid at Box until "
                    "it expires.)",
                )
            )
        )
        if not forget:
            console.say(
                translate(
                    "CommandLine",
                    'Nothing was changed. To remove it from this computer only, run "{command}".',
                ).format(command=f"{command_name()} logout --forget-if-offline")
            )
            return exc.exit_code
        box.forget(args.profile)
        console.say(
            translate(
                "CommandLine",
                "Removed the sign-in from this computer. It stays valid at Box until it expires "
                "(at most 60 days); to end it sooner, remove the app in your Box account settings "
                "(Apps) or run this command again when online.",
            )
        )
        return 0
    if result.revoked_at_box:
        console.say(translate("CommandLine", "Signed out: Box ended this program's access."))
    else:
        console.say(
            translate("CommandLine", "Signed out. (There was no valid token to end at Box.)")
        )
    console.say(
        translate("CommandLine", "The sign-in was removed from {place}.").format(
            place=box.store.location()
        )
    )
    if result.verified:
        console.say(
            translate("CommandLine", "Checked: Box no longer accepts the old access token.")
        )
    elif result.revoked_at_box:
        console.say(
            translate(
                "CommandLine",
                "Box Login could not confirm that Box stopped accepting the old access token.",
            )
        )
    return 0


def _cmd_profiles(args: argparse.Namespace, services: Services, console: Console) -> int:
    store = services.store()
    names = store.list_profiles()
    if not names:
        console.say(
            translate("CommandLine", 'No connected accounts yet. Sign in with "{command}".').format(
                command=f"{command_name()} login"
            )
        )
        return 0
    width = max(display_width(n) for n in names)
    for name in names:
        stored = store.load(name)
        who = ""
        if stored is not None:
            if stored.needs_sign_in:
                who = translate("CommandLine", "{name} ({login}) — needs to sign in again")
            else:
                who = "{name} ({login})"
            who = who.format(name=stored.user_name or "?", login=stored.user_login or "?")
        console.emit(f"{pad(name, width)}  {who}".rstrip())
    return 0


def _print_token(args: argparse.Namespace, token: AccessToken, console: Console) -> int:
    if args.json:
        console.emit(json.dumps(token.to_dict(include_secrets=True), indent=2))
    elif token.access_token:
        console.emit(token.access_token)
    else:
        raise BoxResponseError(translate("CommandLine", "Box answered without an access token."))
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
                translate(
                    "CommandLine",
                    "The app configuration's private key is encrypted and the file has no "
                    "passphrase. Run the command in a terminal to type it.",
                )
            )
        passphrase = console.secret(translate("CommandLine", "Passphrase of the private key: "))
        config = replace(config, passphrase=passphrase)
    subject_type: Literal["enterprise", "user"]
    if args.user_id:
        subject_type, subject_id = "user", args.user_id
    else:
        if not config.enterprise_id:
            raise AppConfigError(
                translate(
                    "CommandLine",
                    "The app configuration has no enterpriseID. Give --user-id to act as a user.",
                )
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
        raise ConfigError(
            translate(
                "CommandLine",
                'Give at least one permission with --scope, e.g. --scope "item_preview".',
            )
        )
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
            how = translate(
                "CommandLine",
                'The settings that point {app} at it are saved in {file}:\nrun "{command}".\n',
            ).format(
                app=APP_NAME,
                file=settings_path,
                command=f"{command_name()} --config {settings_path} login",
            )
        else:
            how = translate(
                "CommandLine",
                "To point {app} at it, save these settings as a file (for example\n"
                'sandbox.json) and run "{command}"\n'
                "(or let --save-settings FILE do it):\n",
            ).format(app=APP_NAME, command=f"{command_name()} --config sandbox.json login")
        running = translate(
            "CommandLine",
            "The Box sandbox is running at {address}\n"
            "Sign in with {login} and the password {password}.\n",
        ).format(address=sandbox.url, login=demo.login, password=repr(demo.password))
        out.write(
            f"{running}\n"
            f"{how}"
            f"{settings}\n"
            "\n"
            + translate(
                "CommandLine",
                'Or open {app} and choose "Try the demo", which starts its own sandbox.\n',
            ).format(app=APP_NAME)
            + "\n"
            + translate("CommandLine", "Press Ctrl-C to stop.\n")
        )
        out.flush()
        waiter = stop or threading.Event()
        with contextlib.suppress(KeyboardInterrupt):
            while not waiter.wait(0.5):
                pass
    finally:
        sandbox.stop()


def _days_left_row(left: int) -> str:
    from core.keepalive import days_left_words

    return translate(
        "CommandLine", "{days_left} of Box's 60 (every renewal starts the 60 again)"
    ).format(days_left=days_left_words(left))


def _keep_alive_words(store_kind: str | None, *, short: bool = False) -> str:
    """Keep-alive's state in words, from the files it installed (no scheduler is asked)."""
    from core.keepalive import RENEW_AFTER_DAYS, KeepAliveUnavailableError, check_available
    from core.keepalive_schedulers import Mode, status

    try:
        check_available(store_kind)
    # short: the values of status --json, for programs (never translated).
    except KeepAliveUnavailableError:
        if short:
            return "not available"
        return translate("CommandLine", "not available with this way of keeping the sign-in")
    installed = status()
    if installed is None:
        if short:
            return "off"
        return translate("CommandLine", 'off (turn it on with "{command}")').format(
            command=f"{command_name()} keep-alive install"
        )
    if installed.mode == Mode.REMIND:
        if short:
            return "reminders only"
        return translate("CommandLine", "reminders only ({where})").format(where=installed.where)
    if short:
        return "on"
    return translate("CommandLine", "on: renews when older than {days} days ({where})").format(
        days=RENEW_AFTER_DAYS, where=installed.where
    )


def _job_config(args: argparse.Namespace) -> Path | None:
    """The settings file the scheduled job must be told about: --config, else the file
    BOX_LOGIN_CONFIG names (the scheduler does not pass this environment on)."""
    import os

    from core.settings import CONFIG_ENV

    if args.config is not None:
        return Path(args.config).resolve()
    named = os.environ.get(CONFIG_ENV)
    return Path(named).resolve() if named else None


def _cmd_keep_alive(args: argparse.Namespace, services: Services, console: Console) -> int:
    action = args.keep_alive_action
    if action == "run-once":
        return _keep_alive_run_once(args, services, console)
    if action == "status":
        return _keep_alive_status(args, services, console)
    from core.keepalive import REMIND_WITHIN_DAYS, RENEW_AFTER_DAYS, check_available
    from core.keepalive_schedulers import Mode, install, uninstall

    if action == "uninstall":
        removed = uninstall()
        if removed:
            console.say(translate("CommandLine", "Keep-alive and its reminders are off. Removed:"))
            for what in removed:
                console.say(f"  {what}")
        else:
            console.say(translate("CommandLine", "Keep-alive was not installed; it stays off."))
        return 0
    check_available(args.store)
    services.store()  # a computer without a password store is told so now, not by the job
    if services.optional_settings() is None:
        console.say(
            translate(
                "CommandLine",
                "Note: Box Login is not set up for a Box app yet; keep-alive has nothing to renew "
                "until you sign in.",
            )
        )
    mode = Mode.REMIND if args.remind_only else Mode.RENEW
    installed = install(mode, config=_job_config(args))
    how = (
        translate("CommandLine", "once a day")
        if installed.scheduler != "autostart"
        else translate(
            "CommandLine",
            "each time you sign in to your desktop (this computer has no systemd user session)",
        )
    )
    if mode == Mode.RENEW:
        console.say(
            translate(
                "CommandLine",
                "Keep-alive is on: {how}, the system runs a short check that renews every "
                "sign-in older than {days} days, and sends nothing to Box otherwise.",
            ).format(how=how, days=RENEW_AFTER_DAYS)
        )
    else:
        console.say(
            translate(
                "CommandLine",
                "Reminders are on, keep-alive renews nothing: {how}, the system checks whether "
                "a sign-in ends within {days} days.",
            ).format(how=how, days=REMIND_WITHIN_DAYS)
        )
    console.say(
        translate(
            "CommandLine",
            "You get a desktop notification when a sign-in is about to end, when Box ended one, "
            "or when the password store is locked.",
        )
    )
    console.say(translate("CommandLine", "Installed: {where}.").format(where=installed.where))
    for path in installed.files:
        console.say(f"  {path}")
    console.say(
        translate("CommandLine", 'Turn it off with "{command}".').format(
            command=f"{command_name()} keep-alive uninstall"
        )
    )
    return 0


def _keep_alive_status(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.keepalive import (
        REMIND_WITHIN_DAYS,
        RENEW_AFTER_DAYS,
        KeepAliveUnavailableError,
        check_available,
        days_left_words,
        profile_states,
    )
    from core.keepalive_schedulers import Mode, read_choice, status

    installed = status(ask=True)
    mode = installed.mode if installed is not None else Mode.OFF
    available = ""
    try:
        check_available(args.store)
    except KeepAliveUnavailableError as exc:
        available = str(exc)
    states = []
    if not available:
        states = profile_states(services.store())
    if args.json:
        info = {
            "keep_alive": {Mode.RENEW: "on", Mode.REMIND: "reminders only"}.get(mode, "off"),
            "mode": mode.value,
            "chosen": choice.value if (choice := read_choice()) else None,
            "scheduler": installed.scheduler if installed else None,
            "enabled": installed.enabled if installed else None,
            "files": [str(p) for p in installed.files] if installed else [],
            "renew_after_days": RENEW_AFTER_DAYS,
            "remind_within_days": REMIND_WITHIN_DAYS,
            "available": not available,
            "profiles": [
                {
                    "profile": s.profile,
                    "user_login": s.user_login,
                    "needs_sign_in": s.needs_sign_in,
                    "days_left": s.days_left,
                    "due": s.due,
                }
                for s in states
            ],
        }
        console.emit(json.dumps(info, indent=2))
        return 0
    if available:
        console.emit(available)
        return 0
    label = _label(translate("CommandLine", "Keep-alive"))
    width = max(15, display_width(label) + 1)
    console.emit(f"{pad(label, width)}{_keep_alive_words(args.store)}")
    if installed is not None and installed.enabled is False:
        disabled = translate(
            "CommandLine", "(installed, but the system's scheduler has it disabled)"
        )
        console.emit(" " * width + disabled)
    for state in states:
        if state.needs_sign_in:
            words = translate("CommandLine", "needs to sign in again")
        elif state.days_left is None:
            words = (
                translate("CommandLine", "days left unknown (due)")
                if state.due
                else translate("CommandLine", "days left unknown")
            )
        elif state.due:
            words = translate("CommandLine", "{days_left}, due: older than {days} days").format(
                days_left=days_left_words(state.days_left), days=RENEW_AFTER_DAYS
            )
        else:
            words = days_left_words(state.days_left)
        who = f" ({state.user_login})" if state.user_login else ""
        console.emit(f"  {state.profile}{who}: {words}")
    if not states:
        console.emit("  " + translate("CommandLine", "No connected accounts."))
    return 0


def _keep_alive_run_once(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.keepalive import check_available, run_once, summary_lines

    check_available(args.store)
    # The settings are read only if something is due (a bad file fails those profiles).
    report = run_once(services.store(), services.optional_settings, renew=not args.remind_only)
    for line in summary_lines(report):
        console.say(line)
    if report.reminders:
        _show_reminders(args, report.reminders, console)
    return report.exit_code


def _show_reminders(
    args: argparse.Namespace, reminders: Sequence[Reminder], console: Console
) -> None:
    """Show keep-alive's reminders as desktop notifications (also written to standard error,
    the job's log); clicking one opens Box Login on its profile."""
    import sys

    from core.notifications import Notice, NotificationsUnavailableError, launch_box_login, show
    from core.version import self_command

    for reminder in reminders:
        console.say(
            translate("CommandLine", "Reminder: {title}. {body}").format(
                title=reminder.title, body=reminder.body
            )
        )
    notices = [Notice(r.title, r.body, r.profile) for r in reminders]
    window = self_command() + (["--config", str(_job_config(args))] if _job_config(args) else [])

    def open_window(profile: str | None) -> None:
        launch_box_login(profile, window)

    # A person at a terminal has read the reminder: no waiting for a click then.
    on_activate = None if console.interactive() else open_window
    try:
        if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
            show(notices, on_activate=on_activate)
        else:
            from gui.notify import show_with_qt

            show_with_qt(notices, on_activate=on_activate)
    except NotificationsUnavailableError as exc:
        console.say(
            translate("CommandLine", "(No desktop notification could be shown: {reason}.)").format(
                reason=exc
            )
        )


def _cmd_doctor(args: argparse.Namespace, services: Services, console: Console) -> int:
    from core.doctor import exit_code, report_json, report_lines, run_checks, summary_line

    # Not services.settings(): a settings file at fault is one of the things to report.
    if args.json:
        # --json is for programs and IT's tools: the same words whatever the language.
        from core import translation

        language = translation.current_language()
        translation.use_language("en")
        try:
            results = run_checks(args.config, store_choice=args.store)
            console.emit(json.dumps(report_json(results), indent=2))
        finally:
            translation.use_language(language)
    else:
        results = run_checks(args.config, store_choice=args.store)
        for line in report_lines(results):
            console.emit(line)
    console.say(summary_line(results))
    return exit_code(results)  # doctor's own: 0 all ok, 1 warnings only, 2 any problem


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
    "doctor": _cmd_doctor,
    "exec": _cmd_exec,
    "keep-alive": _cmd_keep_alive,
}


def _keyring_unavailable_message(exc: KeyringUnavailableError) -> str:
    return f"{exc}\n" + translate(
        "CommandLine",
        "{app} never keeps your sign-in in a plain file. Choose one and run the command "
        "again:\n"
        "  --store encrypted-file   keep it in a file encrypted with a passphrase\n"
        "                           (taken from {variable}, or asked for)\n"
        "  --store memory           keep it only while this command runs\n"
        "for example: {command}\n"
        "Or install a password store (Debian/Ubuntu: sudo apt-get install gnome-keyring).",
    ).format(
        app=APP_NAME,
        variable=PASSPHRASE_ENV,
        command=f"{command_name()} --store encrypted-file login",
    )


def _how_to_sign_in(profile: str) -> str:
    again = "" if profile == "default" else f" --profile {profile}"
    return translate("CommandLine", 'Sign in with "{command}".').format(
        command=f"{command_name()}{again} login"
    )


def run(args: argparse.Namespace, services: Services, console: Console | None = None) -> int:
    """Run the command in ``args``; returns the exit code. Errors become plain messages on
    standard error (with technical details when Box answered), never a traceback."""
    console = console or Console()
    handler = _COMMANDS[args.command]
    try:
        return handler(args, services, console)
    except KeyboardInterrupt:
        console.say(translate("CommandLine", "Cancelled."))
        return SignInCancelledError.exit_code
    except KeyringUnavailableError as exc:
        console.say(_keyring_unavailable_message(exc))
        return exc.exit_code
    except SignInNeededError as exc:
        console.say(sentences(str(exc), _how_to_sign_in(exc.profile)))
        return exc.exit_code
    except BoxLoginError as exc:
        console.say(str(exc))
        if isinstance(exc, BoxResponseError):
            console.say(
                translate("CommandLine", "(Details: {details})").format(details=exc.details())
            )
        elif isinstance(exc, PortsUnavailableError):
            # The window keeps ports and redirect URIs under "Details"; in a terminal, whoever
            # runs the command is often the one who can act on them.
            lines = exc.details().splitlines()[1:]
            console.say(translate("CommandLine", "Details:") + "\n  " + "\n  ".join(lines))
        logger.debug("Command %s failed", args.command, exc_info=True)
        return exc.exit_code
    except Exception as exc:
        logger.debug("Command %s failed unexpectedly", args.command, exc_info=True)
        console.say(
            translate(
                "CommandLine",
                "Something unexpected went wrong ({error}). Run the command again "
                "with --verbose for details.",
            ).format(error=type(exc).__name__)
        )
        return 1
