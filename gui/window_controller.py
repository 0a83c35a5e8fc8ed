"""What the main window does, without its widgets: which screen, what is enabled, what it
says, and what happens on each result.

Plain Python (no Qt), as Dangerzone keeps its logic apart from its GUI. The
:class:`WindowController` holds the window's state (settings, store, the account shown, the
sign-in in progress, how many actions run) and is the one place that decides what happens
next; the window (``gui.main_window``) only lays out, wires its widgets' signals to the
controller's methods and carries out the small :class:`WindowView` requests. Slow work goes
through ``tasks`` (``gui.worker.TaskRunner`` in the window: results come back on the GUI
thread); callbacks core makes on a worker thread go through ``relay``. Tests hand in a
recording view, tasks they run themselves and ``relay=lambda handler: handler``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from core.errors import (
    AccessDeniedError,
    BoxLoginError,
    KeyringUnavailableError,
    NeedsSignInError,
    NetworkError,
    NotSignedInError,
    SignInCancelledError,
    SignInTimeoutError,
)
from core.translation import translate
from gui.profiles import DEFAULT_PROFILE, ProfileEntry, profile_entries, switcher_entries
from gui.window_view import (
    ACCOUNT_PAGES,
    Focus,
    Page,
    Tasks,
    WindowEvents,
    WindowView,
)

if TYPE_CHECKING:
    from core.session import BoxLogin, SignInFlow
    from core.settings import Settings
    from core.store import StoredToken, TokenStore
    from gui.demo import Demo, SandboxFactory
    from gui.failure import Failure
    from gui.keepalive_control import KeepAliveControl

logger = logging.getLogger(__name__)


#: After a failed automatic renewal, try again this much later (not on every tick).
RENEWAL_RETRY_MS = 30_000
#: How long a status line that reports an outcome stays (one that reports work stays).
STATUS_MS = 8000

StoreFactory = Callable[[str | None, str | None], "TokenStore"]
LoginFactory = Callable[["Settings", "TokenStore"], "BoxLogin"]
SettingsLoader = Callable[[], "Settings | None"]
#: Wraps a GUI-thread handler into a callback core may call from any thread.
Relay = Callable[[Callable[[Any], None]], Callable[[Any], None]]


def default_store_factory(choice: str | None, passphrase: str | None) -> TokenStore:
    """``core.store.open_store`` (keyring unless an explicit choice is given)."""
    from core.store import open_store

    return open_store(choice=choice, passphrase=passphrase)


def default_login_factory(clock: Callable[[], float]) -> LoginFactory:
    """Builds ``core.session.BoxLogin`` with ``clock``."""

    def make(settings: Settings, store: TokenStore) -> BoxLogin:
        from core.session import BoxLogin

        return BoxLogin(settings, store, clock=clock)

    return make


def _failure(exc: BaseException) -> Failure:
    from gui.failure import Failure  # loaded when something first fails, not at start-up

    return Failure.from_exception(exc)


def store_words(store: TokenStore | None, *, future: bool = False) -> str:
    """Where the connection is kept, in plain words ("Saved in GNOME Keyring / …"); with
    ``future``, before anything is connected ("Your connection will be saved in …")."""
    if store is None:
        return translate("WindowController", "Saved in ")
    from core.store import CHOICE_ENCRYPTED_FILE, CHOICE_MEMORY  # loaded with the store

    if store.kind == CHOICE_MEMORY:
        return translate(
            "WindowController", "Kept in memory only — forgotten when Box Login closes"
        )
    if store.kind == CHOICE_ENCRYPTED_FILE:
        text = (
            translate(
                "WindowController",
                "Your connection will be saved in an {place}, protected by your passphrase",
            )
            if future
            else translate("WindowController", "Saved in an {place}, protected by your passphrase")
        )
    elif future:
        text = translate("WindowController", "Your connection will be saved in {place}")
    else:
        text = translate("WindowController", "Saved in {place}")
    return text.format(place=store.location())


def future_store_words(store: TokenStore | None) -> str:
    """:func:`store_words` before anything is connected ("Your connection will be saved…")."""
    if store is None:
        return translate("WindowController", "Your connection will be saved in ")
    return store_words(store, future=True)


class WindowController:
    """The main window's state and decisions (see the module docstring)."""

    def __init__(
        self,
        view: WindowView,
        tasks: Tasks,
        settings: Settings | None,
        *,
        profile: str = DEFAULT_PROFILE,
        store_factory: StoreFactory = default_store_factory,
        store_choice: str | None = None,
        login_factory: LoginFactory | None = None,
        sandbox_factory: SandboxFactory | None = None,
        settings_loader: SettingsLoader | None = None,
        relay: Relay = lambda handler: handler,
        events: WindowEvents | None = None,
        keep_alive: KeepAliveControl | None = None,
    ) -> None:
        self._view = view
        self._tasks = tasks
        self._settings = settings
        self._profile = profile
        self._store_factory = store_factory
        self._store_choice = store_choice
        self._login_factory = login_factory or default_login_factory(time.time)
        self._sandbox_factory = sandbox_factory
        self._demo: Demo | None = None  # made (and gui.demo imported) when first needed
        self._settings_loader = settings_loader
        self._relay = relay
        self._events = events or WindowEvents()
        self._keep_alive = keep_alive  # None: no keep-alive switch (tests of other things)
        self._keep_alive_busy = False
        self._store: TokenStore | None = None
        self._login: BoxLogin | None = None
        self._flow: SignInFlow | None = None
        self._page_problem: Failure | None = None  # why the sign-in page did not load
        self._page = Page.LOADING  # what the window shows before it is told anything
        self._shown: StoredToken | None = None  # the account on the connected screen
        self._busy_actions = 0
        self._shown_before_saved = False
        self._on_saving = relay(self._on_signed_in_saving)

    # --- state ----------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        """The screen shown."""
        return self._page

    @property
    def profile(self) -> str:
        """The account (profile) shown."""
        return self._profile

    @property
    def settings(self) -> Settings | None:
        """The Box app settings in use."""
        return self._settings

    @property
    def demo(self) -> Demo:
        """The demo and its pretend Box (``sandbox_factory`` starts that)."""
        if self._demo is None:
            from gui.demo import Demo

            self._demo = Demo(self._sandbox_factory)
        return self._demo

    @property
    def demo_active(self) -> bool:
        """True while the window runs the demo."""
        return self._demo is not None and self._demo.active

    @property
    def setup_settings(self) -> Settings | None:
        """What the set-up dialog starts from: the settings in use, never the demo's."""
        return None if self.demo_active else self._settings

    @property
    def store(self) -> TokenStore | None:
        """The token store in use (None until opened)."""
        return self._store

    @property
    def login(self) -> BoxLogin | None:
        """The sign-in lifecycle object (None until settings and store exist)."""
        return self._login

    @property
    def flow(self) -> SignInFlow | None:
        """The sign-in in progress, or None."""
        return self._flow

    def is_busy(self) -> bool:
        """True while an action, the sign-in or any other tracked task runs."""
        return self._busy_actions > 0 or self._flow is not None or self._tasks.is_busy()

    # --- start-up -------------------------------------------------------------------------

    def open(self, startup_problem: Failure | None = None) -> None:
        """The window was built: list the account, say what went wrong before, and show the
        first-run screen if nothing is set up (else the loading screen stays)."""
        self._show_profiles([])
        if startup_problem is not None:
            self._view.show_settings_problem(startup_problem)
        if self._settings is None and self._settings_loader is None:
            self._show_page(Page.FIRST_RUN)

    def start(self) -> None:
        """The window is on screen: read the settings if not read yet, open the store."""
        loader = self._settings_loader
        if loader is not None:
            self._settings_loader = None
            self._load_settings(loader)
        if self._settings is not None and self._store is None and self._login is None:
            self._open_store()

    def _load_settings(self, loader: SettingsLoader) -> None:
        """Invalid settings open the first-run screen saying what is wrong."""
        try:
            self._settings = loader()
        except BoxLoginError as exc:
            self._settings = None
            self._view.show_settings_problem(_failure(exc))
        if self._settings is None:
            self._show_page(Page.FIRST_RUN)
        self._view.enable_advanced(self._settings is not None)

    # --- screens and what is enabled --------------------------------------------------------

    def _show_page(self, page: Page) -> None:
        if page == self._page:
            return
        self._view.show_page(page)  # may build it, which calls refresh_controls first
        self._page = page
        ready = page in ACCOUNT_PAGES
        self._view.offer_account_switching(ready)
        self._view.enable_advanced(self._settings is not None)
        if page != Page.CONNECTED:
            self._stop_countdown()
        self._view.move_focus(Focus.PRIMARY)
        self._events.page_changed(page)

    def refresh_controls(self) -> None:
        """Enable what may start now: nothing while an action or the sign-in runs (the
        window also calls this after building a screen)."""
        busy = self._busy_actions > 0 or self._flow is not None
        self._view.enable_actions(not busy, account_menu=not busy and self._page in ACCOUNT_PAGES)

    def _begin_action(self, status: str) -> None:
        """An action started: disable the buttons that could start another one."""
        self._busy_actions += 1
        self._view.show_status(status)
        self.refresh_controls()

    def _end_action(self, status: str | None = None) -> None:
        self._busy_actions = max(0, self._busy_actions - 1)
        if status is not None:
            self._view.show_status(status, STATUS_MS)
        self.refresh_controls()
        self._view.move_focus(Focus.RESUME)  # after Copy or Refresh, stay on that button

    def _show_connected(self, stored: StoredToken) -> None:
        self._shown = stored
        self._view.show_connected(stored, store_words(self._store))
        self._show_keep_alive()

    def _show_connect(self, stored: StoredToken | None) -> None:
        self._view.show_connect(stored, future_store_words(self._store))

    def _stop_countdown(self) -> None:
        self._shown = None
        self._view.stop_countdown()

    # --- store and status -----------------------------------------------------------------

    def choose_encrypted_file(self) -> None:
        """No password store: keep connections in the encrypted file (asks its passphrase)."""
        from core.store import CHOICE_ENCRYPTED_FILE, default_encrypted_file_path

        passphrase = self._view.ask_passphrase(not default_encrypted_file_path().exists())
        if passphrase:
            self._store_choice = CHOICE_ENCRYPTED_FILE
            self._open_store(CHOICE_ENCRYPTED_FILE, passphrase)

    def choose_memory(self) -> None:
        """No password store: keep connections only while Box Login runs."""
        from core.store import CHOICE_MEMORY

        self._store_choice = CHOICE_MEMORY
        self._open_store(CHOICE_MEMORY, None)

    def _open_store(self, choice: str | None = None, passphrase: str | None = None) -> None:
        self._show_page(Page.LOADING)
        factory = self._store_factory
        choice = choice if choice is not None else self._store_choice
        # core.store.CHOICE_ENCRYPTED_FILE; the store module is not imported this early.
        if choice == "encrypted-file" and not passphrase:
            from core.store import default_encrypted_file_path

            passphrase = self._view.ask_passphrase(not default_encrypted_file_path().exists())
            if not passphrase:
                self._show_page(Page.NO_KEYRING)
                return
        self._begin_action(translate("WindowController", "Opening your password store…"))
        self._tasks.start(
            lambda: factory(choice, passphrase),
            self._on_store_opened,
            self._on_store_failed,
            name="open-store",
        )

    def _on_store_opened(self, store: TokenStore) -> None:
        self._end_action()
        self._store = store
        assert self._settings is not None
        self._login = self._login_factory(self._settings, store)
        self._load_status()

    def _on_store_failed(self, failure: Failure) -> None:
        self._end_action()
        if failure.is_a(KeyringUnavailableError):
            self._view.show_status(
                translate("WindowController", "No password store found on this computer.")
            )
            self._show_page(Page.NO_KEYRING)
            return
        self._show_page(Page.NO_KEYRING)
        self._view.show_failure(
            failure,
            translate("WindowController", "Box Login could not open where it keeps connections."),
        )

    def _load_status(self) -> None:
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action(translate("WindowController", "Checking your connection…"))

        def work() -> tuple[StoredToken | None, tuple[ProfileEntry, ...]]:
            stored = login.status(profile)
            return stored, profile_entries(login.store)

        self._tasks.start(work, self._on_status_loaded, self._on_status_failed, name="status")

    def _on_status_loaded(
        self, result: tuple[StoredToken | None, tuple[ProfileEntry, ...]]
    ) -> None:
        stored, entries = result
        self._end_action(translate("WindowController", "Ready."))
        self._show_profiles(entries)
        self._show_stored(stored)

    def _on_status_failed(self, failure: Failure) -> None:
        self._end_action()
        self._show_page(Page.CONNECT)
        self._show_connect(None)
        self._view.show_failure(
            failure,
            translate("WindowController", "Box Login could not read your saved connection."),
        )

    def _show_stored(self, stored: StoredToken | None) -> None:
        if stored is not None and stored.access_token and not stored.needs_sign_in:
            self._show_connected(stored)
            self._show_page(Page.CONNECTED)
            self._events.account_shown(stored)
            self._events.connected(stored)
        else:
            self._show_connect(stored)
            self._show_page(Page.CONNECT)

    # --- accounts (profiles) ----------------------------------------------------------------

    def _show_profiles(self, entries: Sequence[ProfileEntry]) -> None:
        self._view.show_profiles(switcher_entries(entries, self._profile), self._profile)

    def _refresh_profiles(self) -> None:
        login = self._login
        if login is None:
            return
        store = login.store
        self._tasks.start(
            lambda: profile_entries(store),
            self._show_profiles,
            lambda failure: logger.debug("Could not list profiles: %s", failure.details),
            name="profiles",
            track_busy=False,
        )

    def switch_profile(self, profile: str) -> None:
        """Show another account (profile); refused while something runs."""
        if profile == self._profile or self.is_busy():
            self._view.select_profile(self._profile)
            return
        self._profile = profile
        self._view.clear_message()
        self._view.show_status(
            translate("WindowController", "Switched to {profile}.").format(profile=profile), 4000
        )
        self._load_status()

    def add_profile(self, profile: str) -> None:
        """Start a new, empty account (profile) and offer to connect it."""
        from core.store import InvalidProfileNameError, check_profile

        try:
            check_profile(profile)
        except InvalidProfileNameError as exc:
            self._view.show_message(
                translate(
                    "WindowController",
                    "Please use a short name with letters, digits, dots or dashes (for example "
                    "“work”).",
                ),
                "warning",
                exc.details(),
            )
            return
        self._profile = profile
        self._view.clear_message()
        self._load_status()

    def add_account(self) -> None:
        """Ask for a new account's name, then :meth:`add_profile`."""
        if self.is_busy():
            return
        name = self._view.ask_account_name()
        if name:
            self.add_profile(name)

    def add_account_from_list(self) -> None:
        """The switcher's last row ("Add another…"): keep the account shown chosen, then ask."""
        self._view.select_profile(self._profile)
        self.add_account()

    # --- first run, demo, set-up -------------------------------------------------------------

    def start_demo(self) -> None:
        """Start the pretend Box on this computer and sign in against it."""
        from gui.demo import DEMO_INTRO

        self._view.clear_message()
        try:
            settings = self.demo.start()
        except BoxLoginError as exc:
            self._view.show_failure(
                _failure(exc), translate("WindowController", "The demo could not start.")
            )
            return
        self._view.show_demo(True)
        self._settings = settings
        self._store = self.demo.make_store()
        self._login = self._login_factory(settings, self._store)
        self._show_connect(None)
        self._show_profiles([])
        self._show_page(Page.CONNECT)
        self._view.show_message(translate("Demo", DEMO_INTRO), "info")
        self.begin_sign_in()

    def settings_saved(self, settings: Settings, where: str) -> None:
        """The set-up dialog saved ``settings`` to ``where``: leave the demo, use them."""
        from core.store import CHOICE_MEMORY

        self._leave_demo()
        self._settings = settings
        self._view.show_message(
            translate("WindowController", "Settings saved to {where}.").format(where=where),
            "success",
        )
        if self._store is None or self._store.kind == CHOICE_MEMORY:
            self._store = None
            self._open_store()
        else:
            self._login = self._login_factory(settings, self._store)
            self._load_status()

    def _leave_demo(self) -> None:
        if self._demo is not None and self._demo.stop():
            self._view.show_demo(False)

    # --- sign-in --------------------------------------------------------------------------

    def begin_sign_in(self) -> None:
        """Open the sign-in window on Box's page and wait for the return in the background."""
        login = self._login
        if login is None or self._flow is not None:
            return
        if not self.demo_active:
            self._view.clear_message()
        from gui.callback_pages import page_messages

        progress = self._relay(self._on_flow_progressed)
        try:
            # Binds the loopback listener and builds the address: no network, no keyring.
            flow = login.begin_sign_in(
                self._profile,
                progress=progress,
                on_signed_in=self._on_saving,
                page_messages=page_messages(),
            )
        except BoxLoginError as exc:
            self._show_sign_in_failure(_failure(exc))
            return
        self._flow = flow
        self.refresh_controls()
        self._view.show_status(translate("WindowController", "Waiting for you to sign in to Box…"))
        hint = None
        if self.demo_active:
            from gui.demo import DEMO_HINT

            hint = translate("Demo", DEMO_HINT)
        self._page_problem = None
        self._view.open_sign_in_window(flow.authorize_url, flow.redirect_uri, hint)
        self._tasks.start(flow.wait, self._on_flow_succeeded, self._on_flow_failed, name="sign-in")

    def cancel_sign_in(self) -> None:
        """The sign-in window was closed or cancelled: stop waiting."""
        flow = self._flow
        if flow is not None:
            flow.cancel()

    def sign_in_page_failed(self, failure: Failure | None) -> None:
        """The sign-in page did not load (``failure`` says why; the sign-in window shows its
        own error page), or, with None, a page loaded after all. Should the person give up
        now, the window reports what happened rather than "cancelled"."""
        if self._flow is None:
            return
        self._page_problem = failure
        self._view.show_status(
            translate(
                "WindowController",
                "The Box sign-in page did not load; the sign-in window says why.",
            )
            if failure is not None
            else translate("WindowController", "Waiting for you to sign in to Box…")
        )

    def sign_in_handed_off(self) -> None:
        """The sign-in continues in the system browser."""
        self._view.show_status(
            translate("WindowController", "Continue signing in in your web browser…")
        )

    def _on_flow_progressed(self, text: str) -> None:
        self._view.show_status(str(text))

    def _on_signed_in_saving(self, stored: StoredToken) -> None:
        """A sign-in is being saved: show the account now, the save finishes meanwhile.

        Writing to the keyring takes most of the time between Box's redirect and the end of
        the sign-in (several D-Bus round trips)."""
        flow = self._flow
        if (
            flow is None
            or getattr(flow, "profile", None) != stored.profile
            or stored.profile != self._profile
            or not stored.access_token
            or stored.needs_sign_in
        ):
            return
        self._shown_before_saved = True
        self._show_connected(stored)
        self._show_page(Page.CONNECTED)
        self.refresh_controls()  # the actions stay disabled until the save is done
        where = (self._store.location() if self._store is not None else "") or (
            translate("WindowController", "your password store")
        )
        self._view.show_status(
            translate("WindowController", "Saving the connection in {where}…").format(where=where)
        )
        self._events.account_shown(stored)

    def _on_flow_succeeded(self, stored: StoredToken) -> None:
        self._flow = None
        self._shown_before_saved = False
        who = (
            stored.user_name
            or stored.user_login
            or translate("WindowController", "your Box account")
        )
        self.refresh_controls()
        self._view.clear_message()
        self._view.show_status(
            translate("WindowController", "Connected as {who}.").format(who=who), STATUS_MS
        )
        self._show_stored(stored)
        self._view.move_focus(Focus.PRIMARY)  # the connected screen's first useful button
        self._view.finish_sign_in_window(who)
        self._refresh_profiles()
        self._keep_alive_after_sign_in()

    def _on_flow_failed(self, failure: Failure) -> None:
        self._flow = None
        self.refresh_controls()
        self._view.move_focus(Focus.PRIMARY)  # "Connect" again
        self._view.close_sign_in_window()
        if self._shown_before_saved:
            # The account was shown while saving, but the save did not work: show the truth.
            self._shown_before_saved = False
            self._stop_countdown()
            self._load_status()
        self._show_sign_in_failure(failure)

    def _show_sign_in_failure(self, failure: Failure) -> None:
        problem, self._page_problem = self._page_problem, None
        if problem is not None and failure.is_a(SignInCancelledError, SignInTimeoutError):
            failure = problem  # given up because the page did not load: say why
        if failure.is_a(SignInCancelledError):
            self._view.show_status(
                translate("WindowController", "Sign-in cancelled. Nothing was saved."), STATUS_MS
            )
        elif failure.is_a(AccessDeniedError):
            self._view.show_status(translate("WindowController", "Not connected."), STATUS_MS)
            self._view.show_message(
                translate(
                    "WindowController",
                    "You chose not to give access at Box, so nothing was connected. You can "
                    "connect again whenever you like.",
                ),
                "warning",
                failure.details,
            )
        elif failure.is_a(SignInTimeoutError):
            self._view.show_status(translate("WindowController", "Not connected."), STATUS_MS)
            self._view.show_message(
                translate(
                    "WindowController",
                    "Signing in took too long, so Box Login stopped waiting. Please try again.",
                ),
                "warning",
                failure.details,
            )
        else:
            self._view.show_status(translate("WindowController", "Not connected."), STATUS_MS)
            self._view.show_failure(
                failure, translate("WindowController", "Connecting to Box did not work.")
            )
        self._events.sign_in_failed(failure)

    # --- keep-alive ----------------------------------------------------------------------------

    def _keep_alive_kind(self) -> str | None:
        """``"keyring"``: the switch is offered; ``"encrypted-file"``: shown, unavailable (renewing
        needs the passphrase); None: no switch (memory only, the demo, no keep-alive)."""
        if self._keep_alive is None or self._store is None or self.demo_active:
            return None
        kind = self._store.kind
        return kind if kind in ("keyring", "encrypted-file") else None

    def _show_keep_alive(self, note: str | None = None) -> None:
        """Show keep-alive as it is installed (read from files: quick)."""
        from gui.keepalive_control import (
            KEEP_ALIVE_NOTHING,
            KEEP_ALIVE_OFF,
            KEEP_ALIVE_ON,
            KEEP_ALIVE_UNAVAILABLE,
        )

        kind = self._keep_alive_kind()
        if kind is None or self._keep_alive is None:
            if self._keep_alive is not None:
                self._view.show_keep_alive(None, "")
            return
        if kind != "keyring":
            self._view.show_keep_alive(
                False, translate("KeepAlive", KEEP_ALIVE_UNAVAILABLE), enabled=False
            )
            return
        mode = self._keep_alive.installed()
        words = {"renew": KEEP_ALIVE_ON, "remind": KEEP_ALIVE_OFF}.get(mode, KEEP_ALIVE_NOTHING)
        words = translate("KeepAlive", words)
        self._view.show_keep_alive(
            mode == "renew", note or words, enabled=not self._keep_alive_busy
        )

    def _keep_alive_after_sign_in(self) -> None:
        """After the first sign-in, keep-alive is turned on, once, with one explanation;
        afterwards only the person changes it."""
        control = self._keep_alive
        if control is None or self._keep_alive_kind() != "keyring" or self._keep_alive_busy:
            return
        if control.choice() is None:
            self._turn_keep_alive(True, first=True)

    def set_keep_alive(self, on: bool) -> None:
        """The person flipped "Keep me connected even when Box Login is closed"; off keeps
        the reminders (a week before a connection ends)."""
        if self._keep_alive_kind() != "keyring" or self._keep_alive_busy:
            self._show_keep_alive()  # the switch goes back to what is true
            return
        self._turn_keep_alive(on, first=False)

    def _turn_keep_alive(self, on: bool, *, first: bool) -> None:
        from gui.keepalive_control import job_config

        control = self._keep_alive
        assert control is not None
        config = job_config(self._settings)
        self._keep_alive_busy = True
        self._view.show_keep_alive(
            on,
            translate("WindowController", "Setting it up…")
            if on
            else translate("WindowController", "Turning it off…"),
            enabled=False,
        )
        self._tasks.start(
            lambda: control.turn(on, config),
            lambda mode: self._on_keep_alive_set(str(mode), first),
            self._on_keep_alive_failed,
            name="keep-alive",
            track_busy=False,
        )

    def _on_keep_alive_set(self, mode: str, first: bool) -> None:
        from gui.keepalive_control import KEEP_ALIVE_EXPLANATION

        self._keep_alive_busy = False
        self._show_keep_alive(
            translate("KeepAlive", KEEP_ALIVE_EXPLANATION) if first and mode == "renew" else None
        )
        if not first:
            self._view.show_status(
                translate("WindowController", "Keep-alive is on.")
                if mode == "renew"
                else translate("WindowController", "Keep-alive is off; reminders stay on."),
                STATUS_MS,
            )

    def _on_keep_alive_failed(self, failure: Failure) -> None:
        self._keep_alive_busy = False
        self._show_keep_alive()
        self._view.show_failure(
            failure, translate("WindowController", "Box Login could not change keep-alive.")
        )

    # --- the connected account's actions ------------------------------------------------------

    def refresh_now(self, *, automatic: bool = False) -> None:
        """Get a new access key from Box (in the background)."""
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action(
            translate("WindowController", "Renewing the access key…")
            if automatic
            else translate("WindowController", "Getting a new access key from Box…")
        )
        self._tasks.start(
            lambda: login.refresh(profile),
            lambda stored: self._on_refresh_succeeded(stored, automatic),
            lambda failure: self._on_refresh_failed(failure, automatic),
            name="refresh",
        )

    def _on_refresh_succeeded(self, stored: StoredToken, automatic: bool) -> None:
        self._end_action(translate("WindowController", "Access key renewed."))
        if stored.profile == self._profile:
            self._show_stored(stored)
        self._events.refreshed(stored)

    def _on_refresh_failed(self, failure: Failure, automatic: bool) -> None:
        self._end_action(translate("WindowController", "Renewing did not work."))
        if failure.is_a(NeedsSignInError, NotSignedInError):
            self._view.show_message(
                translate(
                    "WindowController", "Box asks you to sign in again. Click “Connect again”."
                ),
                "warning",
                failure.details,
            )
            self._load_status()
            return
        if automatic:
            self._view.allow_renewal_retry(RENEWAL_RETRY_MS)
            self._view.show_failure(
                failure,
                translate(
                    "WindowController",
                    "Box Login could not renew the access key; it will try again.",
                ),
            )
            return
        self._view.show_failure(
            failure, translate("WindowController", "Box Login could not renew the access key.")
        )

    def renewal_due(self) -> None:
        """The access key is about to expire: renew it, unless something else runs."""
        if self._busy_actions or self._flow is not None:
            self._view.allow_renewal_retry()  # try again on the next tick
            return
        self.refresh_now(automatic=True)

    def copy_access_key(self) -> None:
        """Copy a valid access key (renewed first if needed) to the clipboard."""
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action(translate("WindowController", "Getting a valid access key…"))
        self._tasks.start(
            lambda: login.get_access_token(profile),
            self._on_access_key_ready,
            self._on_access_key_failed,
            name="copy-token",
        )

    def _on_access_key_ready(self, token: str) -> None:
        seconds = max(1, round(self._view.copy_secret(token) / 1000))
        self._end_action(
            translate(
                "WindowController",
                "Access key copied. Box Login clears it from the clipboard in {seconds} seconds.",
            ).format(seconds=seconds)
        )
        current = self._shown
        if current is not None and current.access_token != token:
            self._load_status()  # it was renewed on the way
        self._events.copied()

    def _on_access_key_failed(self, failure: Failure) -> None:
        self._end_action(translate("WindowController", "Copying did not work."))
        if failure.is_a(NeedsSignInError, NotSignedInError):
            self._load_status()
        self._view.show_failure(
            failure, translate("WindowController", "Box Login could not get a valid access key.")
        )

    def disconnect(self) -> None:
        """Ask, then :meth:`disconnect_now`."""
        stored = self._shown
        who = (stored.user_name or stored.user_login) if stored else None
        if not self._view.confirm(
            translate("WindowController", "Disconnect from Box?"),
            translate(
                "WindowController",
                "Disconnect {who}? Box Login will tell Box to end the "
                "connection and remove it from this computer. Your program will no longer be able "
                "to use Box until you connect again.",
            ).format(who=who or translate("WindowController", "this account")),
            translate("WindowController", "Disconnect"),
        ):
            return
        self.disconnect_now()

    def disconnect_now(self) -> None:
        """Revoke at Box, verify, remove locally (in the background)."""
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action("Disconnecting…")
        self._tasks.start(
            lambda: login.revoke(profile),
            self._on_revoke_succeeded,
            self._on_revoke_failed,
            name="revoke",
        )

    def _on_revoke_succeeded(self, result: Any) -> None:
        verified = bool(getattr(result, "verified", False))
        self._end_action(translate("WindowController", "Disconnected."))
        self._view.show_message(
            translate(
                "WindowController",
                "Disconnected. Box confirmed that the old access key no longer works.",
            )
            if verified
            else translate("WindowController", "Disconnected and removed from this computer."),
            "success",
        )
        self._after_disconnect()

    def _on_revoke_failed(self, failure: Failure) -> None:
        from core.session import RevokeOfflineError

        self._end_action(translate("WindowController", "Disconnecting did not finish."))
        if failure.is_a(RevokeOfflineError, NetworkError):
            if self._view.confirm(
                translate("WindowController", "Box could not be reached"),
                translate(
                    "WindowController",
                    "Box could not be reached, so the connection could not be ended at Box. "
                    "Remove it from this computer anyway? It then stays valid at Box until it "
                    "expires (at most 60 days).",
                ),
                translate("WindowController", "Remove from this computer"),
            ):
                self._forget()
            else:
                self._view.show_failure(failure)
            return
        if failure.is_a(NotSignedInError):
            self._after_disconnect()
            return
        self._view.show_failure(
            failure, translate("WindowController", "Disconnecting did not work.")
        )

    def _forget(self) -> None:
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action(
            translate("WindowController", "Removing the connection from this computer…")
        )
        self._tasks.start(
            lambda: login.forget(profile),
            lambda _result: self._on_forget_succeeded(),
            self._on_forget_failed,
            name="forget",
        )

    def _on_forget_succeeded(self) -> None:
        self._end_action(translate("WindowController", "Removed from this computer."))
        self._view.show_message(
            translate(
                "WindowController",
                "Removed from this computer. Box was not told (it could not be reached); the "
                "old connection ends there by itself.",
            ),
            "warning",
        )
        self._after_disconnect()

    def _on_forget_failed(self, failure: Failure) -> None:
        self._end_action()
        self._view.show_failure(
            failure, translate("WindowController", "Box Login could not remove the connection.")
        )

    def _after_disconnect(self) -> None:
        self._stop_countdown()
        self._show_connect(None)
        self._show_page(Page.CONNECT)
        self._events.disconnected(self._profile)
        self._refresh_profiles()

    # --- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Box Login closes: stop a running sign-in and its window, the countdown and the
        demo server (after the background work returned), and clear the clipboard."""
        self.cancel_sign_in()
        self._view.shut_down_sign_in_window()
        self._stop_countdown()
        self._tasks.wait_for_done(10.0)
        self._leave_demo()
        self._view.clear_clipboard()
