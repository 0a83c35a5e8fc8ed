"""Box Login's entry point and composition root.

Parses the command line, builds the core objects a command needs (only those, and only when
it needs them, so that ``main.py token`` stays fast) and hands them to the command line or,
without a command, to the window.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from core.version import command_name

if TYPE_CHECKING:
    import cli
    from core.oauth import AuthorizationManager, BaseUrls
    from core.session import BoxLogin
    from core.settings import Settings
    from core.store import TokenStore


class Wiring:
    """The core objects for one run, built on first use from the parsed arguments."""

    def __init__(self, args: argparse.Namespace, console: cli.Console) -> None:
        self._args = args
        self._console = console
        self._settings: Settings | None = None
        self._settings_loaded = False
        self._store: TokenStore | None = None
        self._box_login: BoxLogin | None = None

    def optional_settings(self) -> Settings | None:
        """The settings from --config or the usual places; None when there are none."""
        if not self._settings_loaded:
            from core.settings import load_settings

            self._settings = load_settings(self._args.config)
            self._settings_loaded = True
        return self._settings

    def settings(self) -> Settings:
        """The settings; NotConfiguredError when there are none."""
        settings = self.optional_settings()
        if settings is None:
            from core.errors import NotConfiguredError
            from core.translation import translate

            raise NotConfiguredError(
                translate("Main", "Box Login is not set up for a Box app yet."),
                hint=translate(
                    "Main",
                    "Ask whoever gave you this program for its settings file (and pass it "
                    'with --config PATH), or run "{command} sandbox" to try the demo.',
                ).format(command=command_name()),
            )
        return settings

    def store(self) -> TokenStore:
        """The token store chosen with --store (keyring by default)."""
        if self._store is None:
            from core.store import open_store

            choice = self._args.store
            import cli

            passphrase = cli.store_passphrase(self._console) if choice == "encrypted-file" else None
            self._store = open_store(choice=choice, passphrase=passphrase)
        return self._store

    def box_login(self) -> BoxLogin:
        """The sign-in lifecycle for these settings and this store."""
        if self._box_login is None:
            from core.session import BoxLogin

            self._box_login = BoxLogin(self.settings(), self.store())
        return self._box_login

    def auth(self, base_urls: BaseUrls | None = None) -> AuthorizationManager:
        """An OAuth client for ``base_urls`` (default: the settings', else Box's own)."""
        from core.oauth import AuthorizationManager

        settings = self.optional_settings()
        if base_urls is None and settings is not None:
            base_urls = settings.base_urls
        return AuthorizationManager(
            base_urls, network=settings.network if settings is not None else None
        )


def window_defaults() -> argparse.Namespace:
    """What ``cli.parse_args([])`` gives, without importing the command line (a test checks
    that the two agree)."""
    return argparse.Namespace(
        config=None,
        profile="default",
        store=None,
        verbose=False,
        language=None,
        smoke_test=False,
        command=None,
    )


def main(argv: list[str] | None = None) -> int:
    """Run Box Login: the window without a command, else the command line."""
    if (sys.argv[1:] if argv is None else argv)[:1] == ["--sign-in-window"]:
        # The sign-in window's own process (started by the window, see gui/signin_window.py).
        import gui.signin_dialog

        return gui.signin_dialog.child_main()
    if (sys.argv[1:] if argv is None else argv)[:1] == ["--web-check"]:
        # The smoke test's web view check, in its own process (see gui/app.py).
        import gui.app

        return gui.app.web_check_main()
    if not (sys.argv[1:] if argv is None else argv):
        # The desktop starts Box Login without arguments: open the window without loading
        # the command line's parser and commands (the first picture comes sooner).
        from core.logging_setup import configure_logging

        configure_logging(verbose=False)
        import gui.app

        return int(gui.app.run(window_defaults()))
    import cli

    cli.speak_chosen_language(sys.argv[1:] if argv is None else argv)
    args = cli.parse_args(argv)
    cli.configure_logging(verbose=args.verbose)
    if args.smoke_test:
        import gui.app

        return int(gui.app.smoke_test(args))
    if args.command is None:
        import gui.app

        return int(gui.app.run(args))
    console = cli.Console()
    return cli.run(args, Wiring(args, console), console)


if __name__ == "__main__":
    sys.exit(main())
