"""Between the main window and its controller: the screens (:class:`Page`), what the
controller asks of the window (:class:`WindowView`), what it reports (:class:`WindowEvents`)
and how it runs slow work (:class:`Tasks`).

Plain Python (no Qt): ``gui.main_window.MainWindow`` is the real view, tests hand the
controller a recording one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from core.store import StoredToken
    from gui.failure import Failure
    from gui.profiles import ProfileEntry


class Page(StrEnum):
    """The window's screens. A ``StrEnum``: a page compares equal to its name."""

    LOADING = "loading"
    FIRST_RUN = "first_run"
    NO_KEYRING = "no_keyring"
    CONNECT = "connect"
    CONNECTED = "connected"


class Focus(StrEnum):
    """Where the keyboard focus goes next: an intention, the window finds the control."""

    #: The shown screen's main action ("Connect to Box", "Copy access key", "Try the demo").
    PRIMARY = "primary"
    #: Back to the control that started the action that just ended (Copy, Refresh…), if it
    #: can take the focus again; else the screen's main action.
    RESUME = "resume"


#: Screens that show an account, so switching accounts is offered there.
ACCOUNT_PAGES = frozenset({Page.CONNECT, Page.CONNECTED})


class Tasks(Protocol):
    """Runs slow work off the GUI thread and calls back on it (``gui.worker.TaskRunner``)."""

    def start(
        self,
        fn: Callable[[], Any],
        on_succeeded: Callable[[Any], None] | None = None,
        on_failed: Callable[[Failure], None] | None = None,
        *,
        name: str = "task",
        track_busy: bool = True,
    ) -> object:
        """Run ``fn``; then exactly one of the callbacks, with its result or a Failure."""
        ...

    def is_busy(self) -> bool:
        """True while a tracked task runs."""
        ...

    def wait_for_done(self, timeout: float = 10.0) -> bool:
        """Block until every task has returned."""
        ...


class WindowView(Protocol):
    """What the controller asks of the window: small requests, no decisions."""

    def show_page(self, page: Page) -> None:
        """Show ``page`` (built the first time)."""

    def offer_account_switching(self, offered: bool) -> None:
        """Show or hide the account switcher; enable or disable the Account menu."""

    def enable_actions(self, enabled: bool, *, account_menu: bool) -> None:
        """Enable or disable every button that starts an action, and the Account menu."""

    def enable_advanced(self, enabled: bool) -> None:
        """Enable or disable Tools → Advanced."""

    def move_focus(self, target: Focus) -> None:
        """Put the keyboard focus on ``target`` (see :class:`Focus`)."""

    def show_settings_problem(self, failure: Failure) -> None:
        """The settings could not be read: the first-run screen says what is wrong instead
        of welcoming (``failure``'s details behind "Details")."""

    def show_demo(self, active: bool) -> None:
        """Show or hide that this is the demo (badge, title)."""

    def show_profiles(self, entries: Sequence[ProfileEntry], current: str) -> None:
        """List ``entries`` in the switcher and the Account menu, ``current`` chosen."""

    def select_profile(self, profile: str) -> None:
        """Put the switcher back on ``profile``."""

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """The status bar line (0: until replaced)."""

    def show_message(self, text: str, level: str, details: str = "") -> None:
        """The message bar: "info", "success", "warning" or "error"."""

    def show_failure(self, failure: Failure, prefix: str = "") -> None:
        """The message bar, for a failure (its details behind "Details")."""

    def clear_message(self) -> None:
        """Hide the message bar."""

    def show_connect(self, stored: StoredToken | None, where: str) -> None:
        """Fill the "Connect to Box" screen (``stored``: a sign-in that needs renewing)."""

    def show_connected(self, stored: StoredToken, where: str) -> None:
        """Fill the connected-account screen; restarts its countdown."""

    def show_keep_alive(self, on: bool | None, note: str, *, enabled: bool = True) -> None:
        """The connected screen's "Keep me connected even when Box Login is closed" switch:
        on or off with ``note`` under it, or hidden (None); ``enabled``: can be flipped."""

    def stop_countdown(self) -> None:
        """The connected-account screen shows nothing any more."""

    def allow_renewal_retry(self, after_ms: int = 0) -> None:
        """Let the countdown ask for a renewal again (now, or after ``after_ms``)."""

    def confirm(self, title: str, text: str, yes: str) -> bool:
        """Ask a yes/no question; ``yes`` names the action."""

    def ask_passphrase(self, new_file: bool) -> str | None:
        """The encrypted file's passphrase (None: not given)."""

    def ask_account_name(self) -> str | None:
        """A name for a new account (None: not given)."""

    def open_sign_in_window(self, authorize_url: str, redirect_uri: str, hint: str | None) -> None:
        """Open the sign-in window on Box's page."""

    def finish_sign_in_window(self, who: str) -> None:
        """The sign-in worked: let the open sign-in window say so and close."""

    def close_sign_in_window(self) -> None:
        """The sign-in ended: close the open sign-in window (not a cancel)."""

    def shut_down_sign_in_window(self) -> None:
        """Box Login closes: end the sign-in window's process."""

    def copy_secret(self, secret: str) -> int:
        """Copy to the clipboard; returns the milliseconds until it is cleared."""

    def clear_clipboard(self) -> None:
        """Clear what Box Login copied."""


def _ignore(*_args: Any) -> None:
    pass


class WindowEvents:
    """What the controller tells the world (the window relays each to its signal): plain
    callables, each doing nothing unless given. A plain class rather than a dataclass: it is
    built while the window starts, and every millisecond there shows."""

    def __init__(
        self,
        *,
        connected: Callable[[StoredToken], None] = _ignore,
        account_shown: Callable[[StoredToken], None] = _ignore,
        disconnected: Callable[[str], None] = _ignore,
        sign_in_failed: Callable[[Failure], None] = _ignore,
        refreshed: Callable[[StoredToken], None] = _ignore,
        page_changed: Callable[[str], None] = _ignore,
        copied: Callable[[], None] = _ignore,
    ) -> None:
        #: The panel shows a connected account, saved in the store.
        self.connected = connected
        #: The panel shows an account (after a sign-in: while it is still being saved).
        self.account_shown = account_shown
        #: The account (this profile) was disconnected.
        self.disconnected = disconnected
        #: A sign-in ended without connecting.
        self.sign_in_failed = sign_in_failed
        #: A renewal (manual or automatic) finished.
        self.refreshed = refreshed
        #: The screen shown changed.
        self.page_changed = page_changed
        #: The access key was copied.
        self.copied = copied
