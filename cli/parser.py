"""The command line's arguments: options, commands, help texts and what a value may be.

Building the parser imports nothing heavy (no ``requests``, Qt or PyJWT): ``token`` with a
valid stored token costs little more than reading the keyring.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.childenv import PASSPHRASE_ENV
from core.errors import EXIT_CODES
from core.profiles import PROFILE_NAME_RULE, is_valid_profile_name
from core.translation import (
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    current_language,
    display_width,
    translate,
    wrap,
)
from core.version import APP_NAME, __version__

__all__ = [
    "EXEC_MIN_VALID",
    "STORE_CHOICES",
    "TOKEN_FORMATS",
    "build_parser",
    "exit_codes_help",
    "parse_args",
]

STORE_CHOICES = ("keyring", "encrypted-file", "memory")

#: ``core.keepalive.RENEW_AFTER_DAYS`` and ``REMIND_WITHIN_DAYS``, for the help texts without
#: importing keep-alive for every command (a test keeps them equal).
RENEW_AFTER_DAYS = 30
REMIND_WITHIN_DAYS = 7

#: ``token --format``: for scripts (plain, env, header) and programs (json).
TOKEN_FORMATS = ("plain", "json", "env", "header")

#: ``exec --min-valid`` default: the command keeps one token for its whole run, so it gets
#: one with at least 5 minutes left (``token``'s 60 s suit a caller that asks again).
EXEC_MIN_VALID = 300.0

# The help texts are built with the parser (not at import time), in the language chosen by
# cli.speak_chosen_language, which main.py calls first.


def exit_codes_help() -> str:
    """Every command's exit codes and their meanings (core.errors.EXIT_CODES), for --help."""
    lines = "".join(
        f"  {code:<4} {translate('ExitCodes', meaning)}\n" for code, meaning in EXIT_CODES
    )
    return translate("CommandLineHelp", "exit codes:") + "\n" + lines


def _doctor_exit_codes_help() -> str:
    """``doctor``'s exit codes: its own meanings, unlike every other command's (EXIT_CODES)."""
    return translate(
        "CommandLineHelp",
        "exit codes (doctor's own):\n"
        "  0    every check is ok\n"
        "  1    warnings only: Box Login works, but something is worth knowing\n"
        "  2    at least one problem (each comes with its fix), or a command line that was\n"
        "       not understood\n",
    )


def _main_description() -> str:
    return translate(
        "CommandLineHelp",
        "{app} connects your Box account to programs on this computer. Sign in once; the\n"
        "sign-in is kept in your computer's password store and renewed automatically. Without a\n"
        "command, {app} opens its window.",
    ).format(app=APP_NAME)


def _main_epilog() -> str:
    # The example commands stay as they are; only their explanations are translated.
    examples = [
        (
            "%(prog)s login                  ",
            translate("CommandLineHelp", "sign in (opens your web browser)"),
        ),
        (
            "%(prog)s token                  ",
            translate("CommandLineHelp", "print a valid access token, for scripts:"),
        ),
        (
            "      ",
            'curl -H "Authorization: Bearer $(%(prog)s token)" https://api.box.com/2.0/users/me',
        ),
        (
            "%(prog)s status                 ",
            translate("CommandLineHelp", "who is signed in, and until when"),
        ),
        (
            "%(prog)s --profile work login   ",
            translate("CommandLineHelp", "sign in a second account, kept separately"),
        ),
        (
            "%(prog)s logout                 ",
            translate("CommandLineHelp", "sign out (ends the access at Box too)"),
        ),
        (
            "%(prog)s sandbox                ",
            translate("CommandLineHelp", "try it all against a demo Box on this computer"),
        ),
    ]
    return (
        translate("CommandLineHelp", "examples:")
        + "\n"
        + "".join(f"  {command}{words}\n" for command, words in examples)
        + "\n"
        + translate(
            "CommandLineHelp",
            "Messages go to standard error; only what you asked for (a token, an address, JSON) "
            "goes\n"
            "to standard output. Every command has its own --help.",
        )
        + "\n\n"
        + exit_codes_help()
    )


def _store_help() -> str:
    return translate(
        "CommandLineHelp",
        "where to keep the sign-in: keyring (the system password store, default), "
        "encrypted-file (a file protected by a passphrase taken from "
        "{variable} or asked for), memory (this run only)",
    ).format(variable=PASSPHRASE_ENV)


# --- argparse's own words ------------------------------------------------------------

#: The words argparse itself prints to people ("usage: ", its section titles, its errors):
#: Python 3.11's gettext msgids, exactly, which argparse passes to its module-level ``_`` when
#: it uses them (looked up at call time). Listed here for pyside6-lupdate; argparse's errors
#: about how a parser is built are left out.
_ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)
_ARGPARSE_GETTEXT = argparse._  # type: ignore[attr-defined]


def _argparse_words(text: Any) -> Any:
    # argparse also passes None and the titles it was given (already in the language).
    return translate("argparse", text) if text in _ARGPARSE_WORDS else text


def _speak_argparse() -> None:
    """Let argparse's own words follow the chosen language (gettext's, in English)."""
    english = current_language() == "en"
    argparse._ = _ARGPARSE_GETTEXT if english else _argparse_words  # type: ignore[attr-defined]


# --- arguments -------------------------------------------------------------------------


def _profile(value: str) -> str:
    # The store's rule (core.profiles), checked here so that a bad name is a usage error.
    if not is_valid_profile_name(value):
        raise argparse.ArgumentTypeError(
            translate("CommandLine", "a profile name is made of {rule}").format(
                rule=translate("Profiles", PROFILE_NAME_RULE)
            )
        )
    return value


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CommandLine", "{value} is not a number of seconds").format(value=repr(value))
        ) from None
    # "not (1 <= seconds <= …)" also refuses nan, for which every comparison is false.
    if not 1 <= seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError(
            translate("CommandLine", "give a number of seconds between 1 and 86400")
        )
    return seconds


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CommandLine", "{value} is not a port number").format(value=repr(value))
        ) from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            translate("CommandLine", "a port number is between 0 and 65535")
        )
    return port


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse lines the usage up by the length of "usage: "; "使い方: " is wider.
        shown = translate("argparse", "usage: ") if prefix is None else prefix
        extra = display_width(shown) - len(shown)
        self._width -= extra
        try:
            return super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra

    def _split_lines(self, text: str, width: int) -> list[str]:
        # By terminal columns, breaking Japanese between characters (argparse counts
        # characters and breaks at spaces only: Japanese help came out twice as wide).
        return wrap(text, width)


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # The same options work before and after the command ("main.py --profile w token" and
    # "main.py token --profile w"); on sub-commands they must not overwrite the top's values.
    default: Any = None if top else argparse.SUPPRESS
    group = parser.add_argument_group(translate("CommandLineHelp", "options for every command"))
    group.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        default=default,
        help=translate(
            "CommandLineHelp",
            "the settings file of the Box app (default: look in the usual places)",
        ),
    )
    group.add_argument(
        "--profile",
        metavar="NAME",
        type=_profile,
        default="default" if top else default,
        help=translate("CommandLineHelp", "which connected account to use (default: %(default)s)")
        if top
        else translate("CommandLineHelp", "which connected account to use"),
    )
    group.add_argument("--store", choices=STORE_CHOICES, default=default, help=_store_help())
    group.add_argument(
        "--language",
        choices=LANGUAGES,
        default=default,
        help=translate(
            "CommandLineHelp",
            "the window's language (default: BOX_LOGIN_LANGUAGE, the one chosen in the window,"
            " else the system's)",
        ),
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=translate(
            "CommandLineHelp",
            "write a detailed log to standard error (it never contains a token or secret)",
        ),
    )


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for ``main.py``."""
    _speak_argparse()
    parser = argparse.ArgumentParser(
        prog=prog,
        description=_main_description(),
        epilog=_main_epilog(),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=translate("CommandLineHelp", "show program's version number and exit"),
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=translate(
            "CommandLineHelp",
            "start the window and the embedded browser, check that they and the password "
            "store work, and quit (for installers and CI; exit 0 when all is well, 6 without a "
            "password store, 7 when the embedded browser cannot start)",
        ),
    )
    _common_options(parser, top=True)

    commands = parser.add_subparsers(
        dest="command", title=translate("CommandLineHelp", "commands"), metavar="COMMAND"
    )
    exit_codes = exit_codes_help()

    def add(name: str, summary: str, description: str, epilog: str = "", **kw: Any) -> Any:
        sub = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=(epilog + "\n\n" if epilog else "") + exit_codes,
            formatter_class=_Formatter,
            **kw,
        )
        _common_options(sub, top=False)
        return sub

    examples = translate("CommandLineHelp", "examples:")
    example = translate("CommandLineHelp", "example:")

    login = add(
        "login",
        translate("CommandLineHelp", "sign in to Box in your web browser"),
        translate(
            "CommandLineHelp",
            "Sign in to Box. Opens your web browser at Box's sign-in page and waits until you\n"
            "have signed in and allowed access, then keeps the sign-in in the password store.\n"
            'It ends with "Signed in as NAME (LOGIN)" on standard error.',
        ),
        f"{examples}\n"
        "  %(prog)s\n"
        + translate("CommandLineHelp", "      opens your web browser at Box's sign-in page")
        + "\n  %(prog)s --no-browser\n"
        + translate(
            "CommandLineHelp",
            "      prints the address to open yourself (on a server, or to use another\n"
            "      browser); nothing else goes to standard output",
        ),
    )
    login.add_argument(
        "--no-browser",
        action="store_true",
        help=translate(
            "CommandLineHelp",
            "do not open a browser; print the sign-in address, alone on one line, on "
            "standard output",
        ),
    )
    login.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_seconds,
        default=300.0,
        help=translate(
            "CommandLineHelp", "stop waiting after this many seconds (default: %(default).0f)"
        ),
    )

    token = add(
        "token",
        translate("CommandLineHelp", "print a valid access token (for scripts)"),
        translate(
            "CommandLineHelp",
            "Print the access token, and nothing else, on standard output, renewing it first\n"
            "when it is about to expire. When you are not signed in, nothing is printed on\n"
            "standard output, a message goes to standard error and the exit code is 4.",
        ),
        f"{example}\n"
        '  curl -H "Authorization: Bearer $(%(prog)s)" https://api.box.com/2.0/users/me',
    )
    token.add_argument(
        "--min-valid",
        metavar="SECONDS",
        type=_positive_seconds,
        default=60.0,
        help=translate(
            "CommandLineHelp",
            "renew first unless the token stays valid this long (default: %(default).0f)",
        ),
    )
    token.add_argument(
        "--format",
        choices=TOKEN_FORMATS,
        default="plain",
        help=translate(
            "CommandLineHelp",
            "plain: the token alone (default); json: "
            '{"access_token", "expires_at" (ISO 8601, UTC), "profile", "user": {"id", "name", '
            '"login"}}; env: BOX_ACCESS_TOKEN=…; header: Authorization: Bearer …',
        ),
    )

    run_command = add(
        "exec",
        translate("CommandLineHelp", "run a command with a valid access token in its environment"),
        translate(
            "CommandLineHelp",
            "Run COMMAND with BOX_ACCESS_TOKEN (a valid access token, renewed first when needed)\n"
            "and BOX_ACCESS_TOKEN_EXPIRES_AT (its end, ISO 8601 in UTC) in its environment. "
            "Ctrl-C,\n"
            "SIGTERM and SIGHUP reach the command; the exit code is the command's (128+N when a\n"
            "signal N ended it; 127 when it cannot be found, 126 when it cannot be started).\n"
            "When no token can be had, the command does not run, and Box Login exits with one of\n"
            "its own exit codes (below).",
        ),
        f"{examples}\n"
        '  %(prog)s -- sh -c \'curl -H "Authorization: Bearer $BOX_ACCESS_TOKEN" \\\n'
        "      https://api.box.com/2.0/users/me'\n"
        "  %(prog)s --min-valid 1800 -- ./nightly-sync.py",
    )
    run_command.add_argument(
        "--min-valid",
        metavar="SECONDS",
        type=_positive_seconds,
        default=EXEC_MIN_VALID,
        help=translate(
            "CommandLineHelp",
            "renew first unless the token stays valid this long; the command gets one token "
            "for its whole run (default: %(default).0f)",
        ),
    )
    run_command.add_argument(
        "argv",
        nargs=argparse.REMAINDER,
        metavar="-- COMMAND [ARGS …]",
        help=translate("CommandLineHelp", "the command to run and its arguments (after --)"),
    )

    same_as_json = translate("CommandLineHelp", "print the same as JSON")
    status = add(
        "status",
        translate("CommandLineHelp", "who is signed in, until when, and where it is kept"),
        translate(
            "CommandLineHelp",
            "Show the profile, the Box user, when the access token and the refresh token\n"
            "expire, the permissions (scope) and where the sign-in is kept. Never shows a\n"
            "token. Exit code 0 when signed in, 4 when a sign-in is needed. No network.",
        ),
    )
    status.add_argument("--json", action="store_true", help=same_as_json)

    add(
        "refresh",
        translate("CommandLineHelp", "renew the access token now"),
        translate(
            "CommandLineHelp",
            "Renew the access token now, even if it is still valid. (token renews by itself\n"
            "when needed; this is for trying it out.)",
        ),
    )

    revoke = add(
        "revoke",
        translate("CommandLineHelp", "sign out: end the access at Box and forget it here"),
        translate(
            "CommandLineHelp",
            "Sign out: asks Box to end this program's access (refresh and access token), "
            "removes\n"
            "the sign-in from this computer, and checks with Box that the old token no longer\n"
            "works. When Box cannot be reached, it says so and (in a terminal) asks whether to\n"
            "remove the sign-in from this computer anyway.",
        ),
        aliases=["logout"],
    )
    revoke.add_argument(
        "--forget-if-offline",
        action="store_true",
        help=translate(
            "CommandLineHelp",
            "when Box cannot be reached, remove the sign-in from this computer without asking"
            " (it then stays valid at Box until it expires)",
        ),
    )

    add(
        "profiles",
        translate("CommandLineHelp", "list the connected accounts"),
        translate(
            "CommandLineHelp",
            "List the profiles (one per connected account) on standard output, with the Box\n"
            "user of each.",
        ),
    )

    _add_keep_alive(add, same_as_json)

    json_help = translate(
        "CommandLineHelp",
        "print Box's whole answer as JSON instead of the token alone (includes every token in it)",
    )
    ccg = add(
        "ccg",
        translate("CommandLineHelp", "get a server token with Client Credentials (administrators)"),
        translate(
            "CommandLineHelp",
            "Get an access token with the Client Credentials Grant of the configured Box app\n"
            "(a server-side app authorized by the Box administrator), and print it.",
        ),
        f"{example}\n  %(prog)s --subject-type enterprise --subject-id 1234567",
    )
    ccg.add_argument("--subject-type", choices=("enterprise", "user"), required=True)
    ccg.add_argument("--subject-id", metavar="ID", required=True)
    ccg.add_argument("--json", action="store_true", help=json_help)

    jwt = add(
        "jwt",
        translate(
            "CommandLineHelp", "get a server token with a JWT app configuration (administrators)"
        ),
        translate(
            "CommandLineHelp",
            "Get an access token for a server-side Box app (JWT authentication) from the app\n"
            "configuration file downloaded from the Box developer console, and print it. If the\n"
            "file has no passphrase for its private key, you are asked for it.",
        ),
        f"{examples}\n"
        "  %(prog)s --app-config 1234_config.json              "
        + translate("CommandLineHelp", "the app's service account")
        + "\n  %(prog)s --app-config 1234_config.json --user-id 42 "
        + translate("CommandLineHelp", "acting as user {id}").format(id="42"),
    )
    jwt.add_argument("--app-config", metavar="FILE", type=Path, required=True)
    jwt.add_argument(
        "--user-id",
        metavar="ID",
        help=translate(
            "CommandLineHelp", "act as this Box user (default: the enterprise's service account)"
        ),
    )
    jwt.add_argument("--json", action="store_true", help=json_help)

    downscope = add(
        "downscope",
        translate(
            "CommandLineHelp",
            "get a restricted token from your sign-in (for sharing with less trusted code)",
        ),
        translate(
            "CommandLineHelp",
            "Exchange your access token for one with fewer permissions, optionally limited to\n"
            "one file or folder, and print it.",
        ),
        f"{example}\n"
        '  %(prog)s --scope "item_preview" --resource https://api.box.com/2.0/files/123',
    )
    downscope.add_argument(
        "--scope",
        required=True,
        metavar='"S …"',
        help=translate(
            "CommandLineHelp",
            'the permissions, separated by spaces, e.g. "item_preview item_download"',
        ),
    )
    where = downscope.add_mutually_exclusive_group()
    where.add_argument(
        "--resource",
        metavar="URL",
        help=translate("CommandLineHelp", "the API URL of one file or folder"),
    )
    where.add_argument(
        "--shared-link", metavar="URL", help=translate("CommandLineHelp", "a shared link")
    )
    downscope.add_argument("--json", action="store_true", help=json_help)

    sandbox = add(
        "sandbox",
        translate("CommandLineHelp", "run a demo Box on this computer"),
        translate(
            "CommandLineHelp",
            "Run a stand-in for Box on this computer (no internet, no Box account needed). It\n"
            "prints its address and a settings file that points at it; stop it with Ctrl-C.",
        ),
    )
    sandbox.add_argument(
        "--port",
        type=_port,
        default=0,
        help=translate("CommandLineHelp", "port to listen on (default: any free port)"),
    )
    sandbox.add_argument(
        "--save-settings",
        metavar="FILE",
        type=Path,
        help=translate(
            "CommandLineHelp",
            "also save the settings that point at it in FILE, ready for --config FILE",
        ),
    )

    doctor = add(
        "doctor",
        translate(
            "CommandLineHelp", "check this computer's setup for Box Login, one line per check"
        ),
        translate(
            "CommandLineHelp",
            "Check what Box Login needs, one line each with a verdict (ok, warning or problem)\n"
            "and, for a problem, how to fix it: the settings file (which one, and why), the\n"
            "return addresses (ports), the password store, the way to Box (proxy, name lookup,\n"
            "secure connection and who issued Box's certificate, Box's sign-in and token\n"
            "addresses and how fast they answer), the clock, and whether Box accepts this app.\n"
            "Never shows a secret and changes nothing; takes at most about 10 seconds, even "
            "when\n"
            "Box cannot be reached.",
        ),
    )
    # doctor's exit codes are its own, not the other commands' (see _doctor_exit_codes_help).
    doctor.epilog = (
        f"{examples}\n"
        "  %(prog)s\n"
        "  %(prog)s --json > box-login-doctor.json     "
        + translate("CommandLineHelp", "a report to send to IT")
        + "\n\n"
        + _doctor_exit_codes_help()
    )
    doctor.add_argument(
        "--json",
        action="store_true",
        help=translate("CommandLineHelp", "print the results as JSON (for IT and scripts)"),
    )
    return parser


def _add_keep_alive(add: Any, same_as_json: str) -> None:
    examples = translate("CommandLineHelp", "examples:")
    keep_alive = add(
        "keep-alive",
        translate(
            "CommandLineHelp",
            "keep your sign-ins alive while Box Login is closed (daily, by the system)",
        ),
        translate(
            "CommandLineHelp",
            "Box ends a sign-in that goes unused for 60 days. Keep-alive asks this computer's "
            "own\n"
            "scheduler (a systemd user timer on Linux, a LaunchAgent on macOS, a Task Scheduler\n"
            "task on Windows) to run a short check once a day: it renews every connected "
            "account\n"
            "whose sign-in is more than {renew_after} days old, and sends nothing to Box "
            "otherwise. It reminds\n"
            "you with a desktop notification when a sign-in will end within "
            "{remind_within} days, when Box\n"
            "ended one, or when the password store is locked. Nothing of Box Login runs in "
            "between.\n"
            "Keep-alive needs the system password store: with an encrypted token file it "
            "cannot\n"
            "renew without your passphrase, which Box Login never keeps.",
        ).format(renew_after=RENEW_AFTER_DAYS, remind_within=REMIND_WITHIN_DAYS),
        f"{examples}\n"
        "  %(prog)s install                 "
        + translate("CommandLineHelp", "turn it on")
        + "\n  %(prog)s install --remind-only   "
        + translate("CommandLineHelp", "only remind me before a sign-in ends")
        + "\n  %(prog)s status                  "
        + translate("CommandLineHelp", "is it on, and how many days each sign-in has left")
        + "\n  %(prog)s uninstall               "
        + translate("CommandLineHelp", "turn it off, reminders too"),
    )
    actions = keep_alive.add_subparsers(
        dest="keep_alive_action",
        title=translate("CommandLineHelp", "actions"),
        metavar="ACTION",
        required=True,
    )

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(
            name, help=summary, description=description, formatter_class=_Formatter
        )
        _common_options(sub, top=False)
        return sub

    install = action(
        "install",
        translate(
            "CommandLineHelp", "turn keep-alive on for this user (or replace what is installed)"
        ),
        translate(
            "CommandLineHelp", "Turn keep-alive on for this user (or replace what is installed)."
        ),
    )
    install.add_argument(
        "--remind-only",
        action="store_true",
        help=translate(
            "CommandLineHelp",
            "never renew: only remind me when a sign-in will end within {days} days",
        ).format(days=REMIND_WITHIN_DAYS),
    )
    action(
        "uninstall",
        translate("CommandLineHelp", "turn keep-alive and its reminders off for this user"),
        translate("CommandLineHelp", "Turn keep-alive and its reminders off for this user."),
    )
    status = action(
        "status",
        translate(
            "CommandLineHelp", "say whether keep-alive is on, and the days left of each sign-in"
        ),
        translate(
            "CommandLineHelp", "Say whether keep-alive is on, and the days left of each sign-in."
        ),
    )
    status.add_argument("--json", action="store_true", help=same_as_json)
    run_once = action(
        "run-once",
        translate(
            "CommandLineHelp",
            "check now: renew what is due and show reminders (what the scheduler runs)",
        ),
        translate(
            "CommandLineHelp",
            "Check now: renew what is due and show reminders (what the scheduler runs).",
        ),
    )
    run_once.add_argument(
        "--remind-only",
        action="store_true",
        help=translate("CommandLineHelp", "renew nothing; only show reminders"),
    )


def parse_args(argv: Sequence[str] | None = None, prog: str | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default ``sys.argv[1:]``); exits with code 2 on a usage error."""
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.command == "logout":
        args.command = "revoke"
    if args.command == "exec":
        # REMAINDER keeps the "--" that ends the options; the command follows it.
        args.argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
        if not args.argv:
            parser.error(
                translate("CommandLine", "exec needs a command to run: exec -- COMMAND [ARGS …]")
            )
    return args
