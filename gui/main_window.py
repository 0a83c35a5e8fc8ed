"""Box Login's main window: first run, "Connect to Box", and the connected account.

Every slow call (keyring, network) goes through :class:`gui.worker.TaskRunner`. The window
gets its collaborators from its caller (settings, how to open the store, how to build the
``BoxLogin``, the system-browser opener, the clock, the demo sandbox), so tests hand in
their own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import (
    AccessDeniedError,
    BoxLoginError,
    NeedsSignInError,
    NetworkError,
    NotSignedInError,
    SignInCancelledError,
    SignInTimeoutError,
)
from core.version import APP_NAME, __version__
from gui import theme
from gui.widgets import ClipboardGuard, MessageBar, label
from gui.worker import Failure, TaskRunner

if TYPE_CHECKING:
    from core.session import BoxLogin, SignInFlow
    from core.settings import Settings
    from core.store import StoredToken, TokenStore
    from gui.first_run import FirstRunPage, NoKeyringPage
    from gui.signin_window import SignInWindow
    from gui.token_panel import ConnectPage, TokenPanel

logger = logging.getLogger(__name__)

DEFAULT_PROFILE = "default"
DEMO_HINT = "Demo: sign in as ada@example.com with the password demo."

StoreFactory = Callable[[str | None, str | None], "TokenStore"]
LoginFactory = Callable[["Settings", "TokenStore"], "BoxLogin"]
Opener = Callable[[QUrl], bool]
Confirm = Callable[[QWidget, str, str, str], bool]
PassphrasePrompt = Callable[[QWidget | None, bool], str | None]
SettingsLoader = Callable[[], "Settings | None"]


def default_store_factory(choice: str | None, passphrase: str | None) -> TokenStore:
    """``core.store.open_store`` (keyring unless an explicit choice is given)."""
    from core.store import open_store

    return open_store(choice=choice, passphrase=passphrase)


def default_ask_passphrase(parent: QWidget | None, new_file: bool) -> str | None:
    """``gui.first_run.ask_passphrase`` (imported when first needed)."""
    from gui.first_run import ask_passphrase

    return ask_passphrase(parent, new_file)


def default_confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Ask a yes/no question; ``yes`` names the action (e.g. "Disconnect")."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


@dataclass(frozen=True)
class ProfileEntry:
    """One profile in the account switcher."""

    profile: str
    user_name: str | None


class _ProgressRelay(QObject):
    """Turns core's plain progress callback (any thread) into a GUI-thread signal."""

    reported = Signal(str)

    def __call__(self, text: str) -> None:
        self.reported.emit(str(text))


class _SavingRelay(QObject):
    """Core's ``on_signed_in`` callback (worker thread): tells the GUI thread (queued) who
    signed in while the store is still saving it.

    Writing to the keyring takes most of the time between Box's redirect and the end of the
    sign-in (several D-Bus round trips); knowing who signed in before that lets the panel show
    the account while the save completes.
    """

    saving = Signal(object)  # the StoredToken (frozen)

    def __call__(self, stored: StoredToken) -> None:
        try:
            self.saving.emit(stored)
        except RuntimeError:  # the window is gone; saving still matters
            logger.debug("Nobody to tell about a save")


class MainWindow(QMainWindow):
    """The one window of Box Login."""

    #: The panel now shows a connected account (a StoredToken), saved in the store.
    connected = Signal(object)
    #: The panel shows an account (a StoredToken); after a sign-in this comes while the
    #: store is still saving it, ``connected`` follows once it is saved.
    account_shown = Signal(object)
    #: The account was disconnected (profile name).
    disconnected = Signal(str)
    #: A sign-in ended without connecting (a Failure).
    sign_in_failed = Signal(object)
    #: The sign-in window was opened (a SignInWindow: its own process).
    sign_in_opened = Signal(object)
    #: A refresh (manual or automatic) finished (a StoredToken).
    refreshed = Signal(object)
    #: The visible screen changed (its name).
    page_changed = Signal(str)
    #: The access key was copied to the clipboard.
    copied = Signal()

    PAGES = ("loading", "first_run", "no_keyring", "connect", "connected")

    def __init__(
        self,
        settings: Settings | None,
        *,
        profile: str = DEFAULT_PROFILE,
        store_factory: StoreFactory = default_store_factory,
        store_choice: str | None = None,
        login_factory: LoginFactory | None = None,
        opener: Opener | None = None,
        confirm: Confirm = default_confirm,
        ask_passphrase: PassphrasePrompt = default_ask_passphrase,
        clock: Callable[[], float] = time.time,
        sandbox_factory: Callable[[], Any] | None = None,
        clipboard_clear_ms: int | None = None,
        success_linger_ms: int | None = None,
        startup_problem: Failure | None = None,
        settings_loader: SettingsLoader | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(780, 680)
        self.setMinimumSize(660, 600)

        self._settings = settings
        self._profile = profile
        self._store_factory = store_factory
        self._store_choice = store_choice
        self._login_factory = login_factory or _default_login_factory(clock)
        self._opener = opener or QDesktopServices.openUrl
        self._confirm = confirm
        self._ask_passphrase = ask_passphrase
        self._clock = clock
        self._sandbox_factory = sandbox_factory
        self._success_linger_ms = success_linger_ms
        self._settings_loader = settings_loader
        self._store: TokenStore | None = None
        self._login: BoxLogin | None = None
        self._flow: SignInFlow | None = None
        self.signin_window: SignInWindow | None = None
        self.sandbox: Any = None
        self.demo = False
        self._busy_actions = 0
        self._connect_clicked_at: float | None = None
        self._shown_before_saved = False
        self._saving_relay = _SavingRelay(self)
        self._saving_relay.saving.connect(self._on_saving_relay_saving)

        self.runner = TaskRunner(parent=self)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.clipboard = ClipboardGuard(parent=self)
        if clipboard_clear_ms is not None:
            self.clipboard.clear_after_ms = clipboard_clear_ms

        # Only what the first picture shows is built now; the other screens, the icons and
        # (with ``settings_loader``) the settings come right after the window is on screen.
        self._build_ui()
        self._build_menus()
        self._update_profile_switcher([])

        if startup_problem is not None:
            self.message.show_failure(startup_problem)
        self._started = False
        if settings is None and settings_loader is None:
            self._show_page("first_run")
        else:
            self._show_page("loading")

    # --- start-up ------------------------------------------------------------------------

    #: The window was drawn on screen for the first time (emitted once, after that paint).
    first_exposed = Signal()

    def showEvent(self, event: QShowEvent) -> None:
        """Finish starting once the window is on screen, not before (it appears faster)."""
        super().showEvent(event)
        if self._started:
            return
        handle = self.windowHandle()
        if handle is not None and not handle.isExposed():
            handle.installEventFilter(self)
        else:
            QTimer.singleShot(0, self, self._start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Wait for the first Expose of the native window (see ``showEvent``)."""
        if event.type() == QEvent.Type.Expose and watched is self.windowHandle():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._start)
        return super().eventFilter(watched, event)

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        self.first_exposed.emit()
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.windowIcon().isNull():
            app.setWindowIcon(theme.app_icon())
        self.setWindowIcon(theme.app_icon())
        self._logo.setPixmap(theme.app_icon().pixmap(28, 28))
        loader = self._settings_loader
        if loader is not None:
            self._settings_loader = None
            self._load_settings(loader)
        if self._settings is not None and self._store is None and self._login is None:
            self._open_store()  # on a worker thread; the screens are built meanwhile
        QTimer.singleShot(0, self, self._build_remaining_pages)

    def _load_settings(self, loader: SettingsLoader) -> None:
        """Read the settings; invalid ones open the first-run screen saying what is wrong."""
        try:
            self._settings = loader()
        except BoxLoginError as exc:
            self._settings = None
            self.message.show_failure(Failure.from_exception(exc))
        if self._settings is None:
            self._show_page("first_run")
        self.advanced_action.setEnabled(self._settings is not None)

    def _build_remaining_pages(self) -> None:
        for name in self.PAGES:
            self._page(name)

    # --- building ------------------------------------------------------------------

    def _build_ui(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        header = QHBoxLayout()
        logo = QLabel()
        logo.setFixedSize(28, 28)  # its picture is drawn right after the window appears
        self._logo = logo
        title = label(APP_NAME, wrap=False)
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.demo_badge = QLabel("Demo")
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip("A pretend Box on this computer; nothing real is used.")
        self.demo_badge.hide()
        self.profile_label = label("Account", "fieldLabel", wrap=False)
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(240)
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_combo.setAccessibleName("Account")
        self.profile_combo.activated.connect(self._on_profile_combo_activated)
        header.addWidget(logo)
        header.addWidget(title)
        header.addWidget(self.demo_badge)
        header.addStretch(1)
        header.addWidget(self.profile_label)
        header.addWidget(self.profile_combo)
        layout.addLayout(header)

        self.message = MessageBar()
        layout.addWidget(self.message)

        self.stack = QStackedWidget()
        self.loading_page = QWidget()
        loading_layout = QVBoxLayout(self.loading_page)
        loading_text = label("Opening…", "subtitle")
        loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading_layout.addWidget(loading_text)
        self._pages: dict[str, QWidget] = {"loading": self.loading_page}
        self.stack.addWidget(self.loading_page)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_indicator = QProgressBar()
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setFixedWidth(110)
        self.busy_indicator.setAccessibleName("Working")
        self.busy_indicator.hide()
        self.statusBar().addPermanentWidget(self.busy_indicator)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        account = bar.addMenu("&Account")
        self.accounts_menu = account
        self._profile_actions = QActionGroup(self)
        self._profile_actions.setExclusive(True)
        self.add_account_action = QAction("Add another Box account…", self)
        self.add_account_action.triggered.connect(self._on_add_account_action_triggered)
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut("Ctrl+Q")
        self.quit_action.triggered.connect(self.close)
        self._rebuild_account_menu([])

        tools = bar.addMenu("&Tools")
        self.setup_action = QAction("Set up the Box app…", self)
        self.setup_action.setToolTip("For administrators: which Box app Box Login signs in to")
        self.setup_action.triggered.connect(self._on_setup_action_triggered)
        self.advanced_action = QAction("Advanced: server and limited access keys…", self)
        self.advanced_action.triggered.connect(self._on_advanced_action_triggered)
        tools.addAction(self.setup_action)
        tools.addSeparator()
        tools.addAction(self.advanced_action)

        help_menu = bar.addMenu("&Help")
        about = QAction(f"About {APP_NAME}", self)
        about.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about)

    # --- screens, built on first use ------------------------------------------------------

    def _page(self, name: str) -> QWidget:
        """The screen called ``name``, built the first time it is needed."""
        page = self._pages.get(name)
        if page is None:
            page = getattr(self, f"_make_{name}_page")()
            self._pages[name] = page
            self.stack.addWidget(page)
            self._sync_enabled()
        return page

    def _make_first_run_page(self) -> QWidget:
        from gui.first_run import FirstRunPage

        page = FirstRunPage()
        page.demo_clicked.connect(self._on_first_run_demo_clicked)
        page.setup_clicked.connect(self._on_first_run_setup_clicked)
        return page

    def _make_no_keyring_page(self) -> QWidget:
        from gui.first_run import NoKeyringPage

        page = NoKeyringPage()
        page.encrypted_file_clicked.connect(self._on_no_keyring_encrypted_file_clicked)
        page.memory_clicked.connect(self._on_no_keyring_memory_clicked)
        return page

    def _make_connect_page(self) -> QWidget:
        from gui.token_panel import ConnectPage

        page = ConnectPage()
        page.connect_clicked.connect(self._on_connect_page_connect_clicked)
        return page

    def _make_connected_page(self) -> QWidget:
        from gui.token_panel import TokenPanel

        panel = TokenPanel(clock=self._clock)
        panel.refresh_clicked.connect(self._on_panel_refresh_clicked)
        panel.copy_clicked.connect(self._on_panel_copy_clicked)
        panel.disconnect_clicked.connect(self._on_panel_disconnect_clicked)
        panel.renewal_due.connect(self._on_panel_renewal_due)
        return panel

    @property
    def first_run(self) -> FirstRunPage:
        """The first-run screen (demo or set-up)."""
        return self._page("first_run")  # type: ignore[return-value]

    @property
    def no_keyring(self) -> NoKeyringPage:
        """The "no password store" screen."""
        return self._page("no_keyring")  # type: ignore[return-value]

    @property
    def connect_page(self) -> ConnectPage:
        """The "Connect to Box" screen."""
        return self._page("connect")  # type: ignore[return-value]

    @property
    def connect_button(self) -> QPushButton:
        """The big "Connect to Box" button."""
        return self.connect_page.connect_button

    @property
    def panel(self) -> TokenPanel:
        """The connected-account screen."""
        return self._page("connected")  # type: ignore[return-value]

    def _built(self, name: str) -> Any:
        """The screen called ``name`` if it was built, else None (never builds it)."""
        return self._pages.get(name)

    # --- state -------------------------------------------------------------------------

    @property
    def profile(self) -> str:
        """The account (profile) shown."""
        return self._profile

    @property
    def settings(self) -> Settings | None:
        """The Box app settings in use."""
        return self._settings

    @property
    def store(self) -> TokenStore | None:
        """The token store in use (None until opened)."""
        return self._store

    @property
    def login(self) -> BoxLogin | None:
        """The sign-in lifecycle object (None until settings and store exist)."""
        return self._login

    def current_page(self) -> str:
        """Name of the visible screen."""
        widget = self.stack.currentWidget()
        for name, page in self._pages.items():
            if page is widget:
                return name
        return "?"

    def _show_page(self, name: str) -> None:
        if self.current_page() == name:
            return
        self.stack.setCurrentWidget(self._page(name))
        ready = name in ("connect", "connected")
        self.profile_combo.setVisible(ready)
        self.profile_label.setVisible(ready)
        self.accounts_menu.setEnabled(ready)
        self.advanced_action.setEnabled(self._settings is not None)
        panel = self._built("connected")
        if name != "connected" and panel is not None:
            panel.stop()
        self.page_changed.emit(name)

    def _location(self) -> str:
        return self._store.location() if self._store is not None else ""

    def _begin_action(self, status: str) -> None:
        """An action started: disable the buttons that could start another one."""
        self._busy_actions += 1
        self.statusBar().showMessage(status)
        self._sync_enabled()

    def _end_action(self, status: str | None = None) -> None:
        self._busy_actions = max(0, self._busy_actions - 1)
        if status is not None:
            self.statusBar().showMessage(status, 8000)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        if not hasattr(self, "accounts_menu"):
            return  # still building the window
        busy = self._busy_actions > 0 or self._flow is not None
        panel = self._built("connected")
        if panel is not None:
            panel.set_busy(busy)
        connect_page = self._built("connect")
        if connect_page is not None:
            connect_page.connect_button.setEnabled(not busy)
        self.profile_combo.setEnabled(not busy)
        self.accounts_menu.setEnabled(not busy and self.current_page() in ("connect", "connected"))
        first_run = self._built("first_run")
        if first_run is not None:
            first_run.demo_button.setEnabled(not busy)
            first_run.setup_button.setEnabled(not busy)
        no_keyring = self._built("no_keyring")
        if no_keyring is not None:
            no_keyring.encrypted_button.setEnabled(not busy)
            no_keyring.memory_button.setEnabled(not busy)

    def is_busy(self) -> bool:
        """True while an action or the sign-in runs."""
        return self._busy_actions > 0 or self._flow is not None or self.runner.is_busy()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy_indicator.setVisible(busy)

    # --- store and status -------------------------------------------------------------

    def _open_store(self, choice: str | None = None, passphrase: str | None = None) -> None:
        self._show_page("loading")
        factory = self._store_factory
        choice = choice if choice is not None else self._store_choice
        if choice == "encrypted-file" and not passphrase:
            from core.store import default_encrypted_file_path

            passphrase = self._ask_passphrase(self, not default_encrypted_file_path().exists())
            if not passphrase:
                self._show_page("no_keyring")
                return
        self._begin_action("Opening your password store…")
        self.runner.start(
            lambda: factory(choice, passphrase),
            self._on_store_opened,
            self._on_store_failed,
            name="open-store",
        )

    def _on_store_opened(self, store: TokenStore) -> None:
        self._end_action()
        self._store = store
        assert self._settings is not None
        self._login = self._make_login(self._settings, store)
        self._load_status()

    def _make_login(self, settings: Settings, store: TokenStore) -> BoxLogin:
        return self._login_factory(settings, store)

    def _on_store_failed(self, failure: Failure) -> None:
        from core.errors import KeyringUnavailableError

        self._end_action()
        if failure.is_a(KeyringUnavailableError):
            self.statusBar().showMessage("No password store found on this computer.")
            self._show_page("no_keyring")
            return
        self._show_page("no_keyring")
        self.message.show_failure(failure, "Box Login could not open where it keeps connections.")

    def _load_status(self) -> None:
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action("Checking your connection…")

        def work() -> tuple[StoredToken | None, tuple[ProfileEntry, ...]]:
            stored = login.status(profile)
            return stored, _profile_entries(login.store)

        self.runner.start(work, self._on_status_loaded, self._on_status_failed, name="status")

    def _on_status_loaded(
        self, result: tuple[StoredToken | None, tuple[ProfileEntry, ...]]
    ) -> None:
        stored, entries = result
        self._end_action("Ready.")
        self._update_profile_switcher(entries)
        self._show_stored(stored)

    def _on_status_failed(self, failure: Failure) -> None:
        self._end_action()
        self._show_page("connect")
        self.connect_page.show_state(None, self._location())
        self.message.show_failure(failure, "Box Login could not read your saved connection.")

    def _show_stored(self, stored: StoredToken | None) -> None:
        if stored is not None and stored.access_token and not stored.needs_sign_in:
            self.panel.show_token(stored, self._location())
            self._show_page("connected")
            self.account_shown.emit(stored)
            self.connected.emit(stored)
        else:
            self.connect_page.show_state(stored, self._location())
            self._show_page("connect")

    # --- profiles ------------------------------------------------------------------------

    def _update_profile_switcher(
        self, entries: tuple[ProfileEntry, ...] | list[ProfileEntry]
    ) -> None:
        known = {e.profile: e for e in entries}
        if self._profile not in known:
            known[self._profile] = ProfileEntry(self._profile, None)
        ordered = sorted(known.values(), key=lambda e: (e.profile != DEFAULT_PROFILE, e.profile))
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for entry in ordered:
            self.profile_combo.addItem(_profile_title(entry), entry.profile)
        self.profile_combo.addItem("Add another Box account…", None)
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(self._profile))
        self.profile_combo.blockSignals(False)
        self._rebuild_account_menu(ordered)

    def _rebuild_account_menu(self, entries: list[ProfileEntry]) -> None:
        menu = self.accounts_menu
        menu.clear()
        for action in self._profile_actions.actions():
            self._profile_actions.removeAction(action)
        for entry in entries:
            action = QAction(_profile_title(entry), self)
            action.setCheckable(True)
            action.setChecked(entry.profile == self._profile)
            action.setData(entry.profile)
            action.triggered.connect(lambda _checked=False, p=entry.profile: self.switch_profile(p))
            self._profile_actions.addAction(action)
            menu.addAction(action)
        if entries:
            menu.addSeparator()
        menu.addAction(self.add_account_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def switch_profile(self, profile: str) -> None:
        """Show another account (profile)."""
        if profile == self._profile or self.is_busy():
            self.profile_combo.setCurrentIndex(self.profile_combo.findData(self._profile))
            return
        self._profile = profile
        self.message.clear()
        self.statusBar().showMessage(f"Switched to {profile}.", 4000)
        self._load_status()

    def add_profile(self, profile: str) -> None:
        """Start a new, empty account (profile) and offer to connect it."""
        from core.store import InvalidProfileNameError, _check_profile

        try:
            _check_profile(profile)
        except InvalidProfileNameError as exc:
            self.message.show_message(
                "Please use a short name with letters, digits, dots or dashes (for example "
                "“work”).",
                "warning",
                exc.details(),
            )
            return
        self._profile = profile
        self.message.clear()
        self._load_status()

    def _on_profile_combo_activated(self, index: int) -> None:
        data = self.profile_combo.itemData(index)
        if data is None:
            self.profile_combo.setCurrentIndex(self.profile_combo.findData(self._profile))
            self._on_add_account_action_triggered()
        else:
            self.switch_profile(str(data))

    def _on_add_account_action_triggered(self) -> None:
        if self.is_busy():
            return
        name, ok = QInputDialog.getText(
            self,
            "Add another Box account",
            "A short name for this account (for example “work” or “personal”):",
        )
        if ok and name.strip():
            self.add_profile(name.strip())

    # --- first run and demo ---------------------------------------------------------

    def _on_first_run_demo_clicked(self) -> None:
        self.start_demo()

    def start_demo(self) -> None:
        """Start the pretend Box on this computer and sign in against it."""
        from core.settings import parse_settings
        from core.store import MemoryStore

        self.message.clear()
        try:
            if self.sandbox is None:
                factory = self._sandbox_factory or _default_sandbox_factory
                self.sandbox = factory()
            settings = parse_settings(self.sandbox.client_settings())
        except BoxLoginError as exc:
            self.message.show_failure(Failure.from_exception(exc), "The demo could not start.")
            return
        self.demo = True
        self.demo_badge.show()
        self.setWindowTitle(f"{APP_NAME} — demo")
        self._settings = settings
        # Demo connections are not real: keep them in memory, never in the keyring.
        self._store = MemoryStore()
        self._login = self._make_login(settings, self._store)
        self.connect_page.show_state(None, self._location())
        self._update_profile_switcher([])
        self._show_page("connect")
        self.message.show_message(
            "This is the demo: a pretend Box runs on this computer. " + DEMO_HINT, "info"
        )
        self.begin_sign_in()

    def _on_first_run_setup_clicked(self) -> None:
        self._open_setup()

    def _on_setup_action_triggered(self) -> None:
        self._open_setup()

    def _open_setup(self) -> None:
        from gui.setup_dialog import SetupDialog

        dialog = SetupDialog(self._settings if not self.demo else None, parent=self)
        dialog.settings_saved.connect(self._on_setup_dialog_settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.setup_dialog = dialog

    def _on_setup_dialog_settings_saved(self, settings: Settings, where: str) -> None:
        self._leave_demo()
        self._settings = settings
        self.message.show_message(f"Settings saved to {where}.", "success")
        if self._store is None or isinstance(self._store, _memory_store_type()):
            self._store = None
            self._open_store()
        else:
            self._login = self._make_login(settings, self._store)
            self._load_status()

    def _leave_demo(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        if self.demo:
            self.demo = False
            self.demo_badge.hide()
            self.setWindowTitle(APP_NAME)

    # --- no keyring -----------------------------------------------------------------------

    def _on_no_keyring_encrypted_file_clicked(self) -> None:
        from core.store import default_encrypted_file_path

        new_file = not default_encrypted_file_path().exists()
        passphrase = self._ask_passphrase(self, new_file)
        if passphrase:
            self._store_choice = "encrypted-file"
            self._open_store("encrypted-file", passphrase)

    def _on_no_keyring_memory_clicked(self) -> None:
        self._store_choice = "memory"
        self._open_store("memory", None)

    # --- sign-in ------------------------------------------------------------------------

    def _on_connect_page_connect_clicked(self) -> None:
        self.begin_sign_in()

    def begin_sign_in(self) -> None:
        """Open the sign-in window on Box's page and wait for the return in the background."""
        login = self._login
        if login is None or self._flow is not None:
            return
        self._connect_clicked_at = time.perf_counter()
        if not self.demo:
            self.message.clear()
        relay = _ProgressRelay(self)
        relay.reported.connect(self._on_flow_progressed)
        try:
            # Binds the loopback listener and builds the address: no network, no keyring.
            flow = login.begin_sign_in(
                self._profile, progress=relay, on_signed_in=self._saving_relay
            )
        except BoxLoginError as exc:
            self._show_sign_in_failure(Failure.from_exception(exc))
            return
        self._flow = flow
        self._sync_enabled()
        self.statusBar().showMessage("Waiting for you to sign in to Box…")
        from gui.signin_window import SignInWindow  # the web view runs in its own process

        signin = SignInWindow(
            flow.authorize_url,
            flow.redirect_uri,
            opener=self._opener,
            hint=DEMO_HINT if self.demo else None,
            parent=self,
            success_linger_ms=self._success_linger_ms,
        )
        signin.cancelled.connect(self._on_signin_window_cancelled)
        signin.handed_off.connect(self._on_signin_window_handed_off)
        signin.finished.connect(self._on_signin_window_finished)
        self.signin_window = signin
        signin.start()
        self.sign_in_opened.emit(signin)
        self.runner.start(flow.wait, self._on_flow_succeeded, self._on_flow_failed, name="sign-in")

    def _on_flow_progressed(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def _on_saving_relay_saving(self, stored: StoredToken) -> None:
        """A sign-in is being saved: show the account now, the save finishes meanwhile."""
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
        self.panel.show_token(stored, self._location())
        self._show_page("connected")
        self._sync_enabled()  # the actions stay disabled until the save is done
        where = self._location() or "your password store"
        self.statusBar().showMessage(f"Saving the connection in {where}…")
        self.account_shown.emit(stored)

    def _on_flow_succeeded(self, stored: StoredToken) -> None:
        self._flow = None
        self._shown_before_saved = False
        who = stored.user_name or stored.user_login or "your Box account"
        self._sync_enabled()
        self.message.clear()
        self.statusBar().showMessage(f"Connected as {who}.", 8000)
        self._show_stored(stored)
        signin = self.signin_window
        if signin is not None and not signin.is_closed:
            signin.finish_success(who)
        self._refresh_profiles()

    def _on_flow_failed(self, failure: Failure) -> None:
        self._flow = None
        self._sync_enabled()
        self._close_sign_in_window()
        if self._shown_before_saved:
            # The account was shown while saving, but the save did not work: show the truth.
            self._shown_before_saved = False
            self.panel.stop()
            self._load_status()
        self._show_sign_in_failure(failure)

    def _show_sign_in_failure(self, failure: Failure) -> None:
        if failure.is_a(SignInCancelledError):
            self.statusBar().showMessage("Sign-in cancelled. Nothing was saved.", 8000)
        elif failure.is_a(AccessDeniedError):
            self.statusBar().showMessage("Not connected.", 8000)
            self.message.show_message(
                "You chose not to give access at Box, so nothing was connected. You can "
                "connect again whenever you like.",
                "warning",
                failure.details,
            )
        elif failure.is_a(SignInTimeoutError):
            self.statusBar().showMessage("Not connected.", 8000)
            self.message.show_message(
                "Signing in took too long, so Box Login stopped waiting. Please try again.",
                "warning",
                failure.details,
            )
        else:
            self.statusBar().showMessage("Not connected.", 8000)
            self.message.show_failure(failure, "Connecting to Box did not work.")
        self.sign_in_failed.emit(failure)

    def _on_signin_window_cancelled(self) -> None:
        flow = self._flow
        if flow is not None:
            flow.cancel()

    def _on_signin_window_handed_off(self) -> None:
        self.statusBar().showMessage("Continue signing in in your web browser…")

    def _on_signin_window_finished(self) -> None:
        signin = self.sender()
        if signin is self.signin_window:
            self.signin_window = None
        if isinstance(signin, QObject):
            signin.deleteLater()

    def _close_sign_in_window(self) -> None:
        signin = self.signin_window
        if signin is not None and not signin.is_closed:
            signin.close()  # the sign-in ended: closing it is not a cancel

    # --- connected-panel actions ------------------------------------------------------

    def _on_panel_refresh_clicked(self) -> None:
        self.refresh_now()

    def refresh_now(self, *, automatic: bool = False) -> None:
        """Get a new access key from Box (in the background)."""
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action(
            "Renewing the access key…" if automatic else "Getting a new access key from Box…"
        )
        self.runner.start(
            lambda: login.refresh(profile),
            lambda stored: self._on_refresh_succeeded(stored, automatic),
            lambda failure: self._on_refresh_failed(failure, automatic),
            name="refresh",
        )

    def _on_refresh_succeeded(self, stored: StoredToken, automatic: bool) -> None:
        self._end_action("Access key renewed.")
        if stored.profile == self._profile:
            self._show_stored(stored)
        self.refreshed.emit(stored)

    def _on_refresh_failed(self, failure: Failure, automatic: bool) -> None:
        self._end_action("Renewing did not work.")
        if failure.is_a(NeedsSignInError, NotSignedInError):
            self.message.show_message(
                "Box asks you to sign in again. Click “Connect again”.", "warning", failure.details
            )
            self._load_status()
            return
        if automatic:
            # Try again in half a minute, not on every tick of the countdown.
            QTimer.singleShot(30_000, self.panel, self.panel.renewal_failed)
            self.message.show_failure(
                failure, "Box Login could not renew the access key; it will try again."
            )
            return
        self.message.show_failure(failure, "Box Login could not renew the access key.")

    def _on_panel_renewal_due(self) -> None:
        if self._busy_actions or self._flow is not None:
            self.panel.renewal_failed()  # try again on the next tick
            return
        self.refresh_now(automatic=True)

    def _on_panel_copy_clicked(self) -> None:
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action("Getting a valid access key…")
        self.runner.start(
            lambda: login.get_access_token(profile),
            self._on_copy_token_ready,
            self._on_copy_token_failed,
            name="copy-token",
        )

    def _on_copy_token_ready(self, token: str) -> None:
        seconds = max(1, round(self.clipboard.clear_after_ms / 1000))
        self.clipboard.copy(token)
        self._end_action(
            f"Access key copied. Box Login clears it from the clipboard in {seconds} seconds."
        )
        current = self.panel.stored
        if current is not None and current.access_token != token:
            self._load_status()  # it was renewed on the way
        self.copied.emit()

    def _on_copy_token_failed(self, failure: Failure) -> None:
        self._end_action("Copying did not work.")
        if failure.is_a(NeedsSignInError, NotSignedInError):
            self._load_status()
        self.message.show_failure(failure, "Box Login could not get a valid access key.")

    def _on_panel_disconnect_clicked(self) -> None:
        stored = self.panel.stored
        who = (stored.user_name or stored.user_login) if stored else None
        if not self._confirm(
            self,
            "Disconnect from Box?",
            f"Disconnect {who or 'this account'}? Box Login will tell Box to end the "
            "connection and remove it from this computer. Your program will no longer be able "
            "to use Box until you connect again.",
            "Disconnect",
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
        self.runner.start(
            lambda: login.revoke(profile),
            self._on_revoke_succeeded,
            self._on_revoke_failed,
            name="revoke",
        )

    def _on_revoke_succeeded(self, result: Any) -> None:
        verified = bool(getattr(result, "verified", False))
        self._end_action("Disconnected.")
        self.message.show_message(
            "Disconnected. Box confirmed that the old access key no longer works."
            if verified
            else "Disconnected and removed from this computer.",
            "success",
        )
        self._after_disconnect()

    def _on_revoke_failed(self, failure: Failure) -> None:
        from core.session import RevokeOfflineError

        self._end_action("Disconnecting did not finish.")
        if failure.is_a(RevokeOfflineError, NetworkError):
            if self._confirm(
                self,
                "Box could not be reached",
                "Box could not be reached, so the connection could not be ended at Box. "
                "Remove it from this computer anyway? It then stays valid at Box until it "
                "expires (at most 60 days).",
                "Remove from this computer",
            ):
                self._forget()
            else:
                self.message.show_failure(failure)
            return
        if failure.is_a(NotSignedInError):
            self._after_disconnect()
            return
        self.message.show_failure(failure, "Disconnecting did not work.")

    def _forget(self) -> None:
        login = self._login
        if login is None:
            return
        profile = self._profile
        self._begin_action("Removing the connection from this computer…")
        self.runner.start(
            lambda: login.forget(profile),
            lambda _result: self._on_forget_succeeded(),
            self._on_forget_failed,
            name="forget",
        )

    def _on_forget_succeeded(self) -> None:
        self._end_action("Removed from this computer.")
        self.message.show_message(
            "Removed from this computer. Box was not told (it could not be reached); the "
            "old connection ends there by itself.",
            "warning",
        )
        self._after_disconnect()

    def _on_forget_failed(self, failure: Failure) -> None:
        self._end_action()
        self.message.show_failure(failure, "Box Login could not remove the connection.")

    def _after_disconnect(self) -> None:
        self.panel.stop()
        self.connect_page.show_state(None, self._location())
        self._show_page("connect")
        self.disconnected.emit(self._profile)
        self._refresh_profiles()

    def _refresh_profiles(self) -> None:
        login = self._login
        if login is None:
            return
        store = login.store
        self.runner.start(
            lambda: _profile_entries(store),
            self._update_profile_switcher,
            lambda failure: logger.debug("Could not list profiles: %s", failure.details),
            name="profiles",
            track_busy=False,
        )

    # --- advanced, about ---------------------------------------------------------------

    def _on_advanced_action_triggered(self) -> None:
        from gui.advanced import AdvancedDialog

        dialog = AdvancedDialog(
            self._settings,
            self._login,
            self._profile,
            runner=self.runner,
            parent=self,
            clipboard=self.clipboard,  # outlives the dialog: what it copied is still cleared
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        self.advanced_dialog = dialog

    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Connects your Box account to a program on "
            "this computer and keeps the connection safe in your password store.",
        )

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a running sign-in, close the sign-in window, stop the demo server."""
        flow = self._flow
        if flow is not None:
            flow.cancel()
        signin = self.signin_window
        if signin is not None:
            signin.shutdown()
        panel = self._built("connected")
        if panel is not None:
            panel.stop()
        self.runner.wait_for_done(10.0)
        self._leave_demo()
        self.clipboard.clear_now()
        super().closeEvent(event)


def _default_login_factory(clock: Callable[[], float]) -> LoginFactory:
    def make(settings: Settings, store: TokenStore) -> BoxLogin:
        from core.session import BoxLogin

        return BoxLogin(settings, store, clock=clock)

    return make


def _default_sandbox_factory() -> Any:
    from core.sandbox import SandboxServer

    return SandboxServer().start()


def _memory_store_type() -> type:
    from core.store import MemoryStore

    return MemoryStore


def _profile_entries(store: TokenStore) -> tuple[ProfileEntry, ...]:
    entries = []
    for profile in store.list_profiles():
        stored = store.load(profile)
        entries.append(ProfileEntry(profile, stored.user_name if stored else None))
    return tuple(entries)


def _profile_title(entry: ProfileEntry) -> str:
    name = "Main account" if entry.profile == DEFAULT_PROFILE else entry.profile
    if entry.user_name:
        return f"{entry.user_name} ({name})"
    return name
