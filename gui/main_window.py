"""Box Login's main window: first run, "Connect to Box", and the connected account.

The window lays out its screens and wires their signals to its
:class:`gui.window_controller.WindowController` (``_connect_signals`` and the ``_make_*_page``
methods), which decides everything else: which screen, what is enabled, what it says and what
happens on each result. The window carries out the controller's small requests (the
``WindowView`` methods below) and relays its events to the signals. Every slow call (keyring,
network) goes through :class:`gui.worker.TaskRunner`. The window gets its collaborators from
its caller (settings, how to open the store, how to build the ``BoxLogin``, the system-browser
opener, the clock, the demo sandbox), so tests hand in their own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.version import APP_NAME, __version__
from gui import accessibility, theme
from gui.focus import FocusKeeper
from gui.profile_switcher import ProfileSwitcher
from gui.profiles import ADD_ACCOUNT_TEXT, DEFAULT_PROFILE, ProfileEntry
from gui.widgets import ClipboardGuard, MessageBar, fit_to_screen, label, scrolling
from gui.window_controller import (
    LoginFactory,
    SettingsLoader,
    StoreFactory,
    WindowController,
    default_login_factory,
    default_store_factory,
)
from gui.window_view import Focus, Page, WindowEvents
from gui.worker import CallbackRelay, TaskRunner

if TYPE_CHECKING:
    from core.session import BoxLogin
    from core.settings import Settings
    from core.store import StoredToken, TokenStore
    from gui.doctor_dialog import DoctorDialog
    from gui.failure import Failure
    from gui.first_run import FirstRunPage, NoKeyringPage
    from gui.keepalive_control import KeepAliveControl
    from gui.signin_window import SignInWindow
    from gui.token_panel import ConnectPage, TokenPanel

__all__ = ["DEFAULT_PROFILE", "MainWindow", "Page"]

logger = logging.getLogger(__name__)

Opener = Callable[[QUrl], bool]
Confirm = Callable[[QWidget, str, str, str], bool]
PassphrasePrompt = Callable[[QWidget | None, bool], str | None]


def _system_keep_alive() -> KeepAliveControl:
    """Keep-alive for this user (``gui.keepalive_control``; nothing heavy is imported)."""
    from gui.keepalive_control import SystemKeepAlive

    return SystemKeepAlive()


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
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)  # Enter: the action the person just chose
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes_button


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
    #: The visible screen changed (its name: a :class:`Page`).
    page_changed = Signal(str)
    #: The access key was copied to the clipboard.
    copied = Signal()
    #: The window was drawn on screen for the first time (emitted once, after that paint).
    first_exposed = Signal()
    #: Something was said to the screen reader (text, urgent): an outcome in the status bar,
    #: or a message bar.
    announced = Signal(str, bool)

    PAGES = tuple(Page)
    #: Small enough for 1024x600 at 100 % and 1366x768 at 150 % (911x512 device-independent
    #: pixels) with room for the desktop's panels; the screens scroll when they need more.
    MINIMUM_SIZE = QSize(440, 360)
    PREFERRED_SIZE = QSize(780, 680)

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
        keep_alive: KeepAliveControl | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(self.MINIMUM_SIZE)
        fit_to_screen(self, self.PREFERRED_SIZE)

        self._opener = opener or QDesktopServices.openUrl
        self._confirm = confirm
        self._ask_passphrase = ask_passphrase
        self._clock = clock
        self._success_linger_ms = success_linger_ms
        self.signin_window: SignInWindow | None = None
        self._started = False
        self._containers: dict[Page, QScrollArea] = {}  # each screen in its scroll area

        self.runner = TaskRunner(parent=self)
        self.clipboard = ClipboardGuard(parent=self)
        if clipboard_clear_ms is not None:
            self.clipboard.clear_after_ms = clipboard_clear_ms

        # Only what the first picture shows is built now; the other screens, the icons and
        # (with ``settings_loader``) the settings come right after the window is on screen.
        self._build_menus()
        self._build_ui()
        self._focus = FocusKeeper(self, self._current_screen)
        self.controller = WindowController(
            self,
            self.runner,
            settings,
            profile=profile,
            store_factory=store_factory,
            store_choice=store_choice,
            login_factory=login_factory or default_login_factory(clock),
            sandbox_factory=sandbox_factory,
            settings_loader=settings_loader,
            relay=lambda handler: CallbackRelay(handler, self),
            events=WindowEvents(
                connected=self.connected.emit,
                account_shown=self.account_shown.emit,
                disconnected=self.disconnected.emit,
                sign_in_failed=self.sign_in_failed.emit,
                refreshed=self.refreshed.emit,
                page_changed=self.page_changed.emit,
                copied=self.copied.emit,
            ),
            keep_alive=keep_alive or _system_keep_alive(),
        )
        self._connect_signals()
        self.controller.open(startup_problem)

    # --- start-up ------------------------------------------------------------------------

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
        self.controller.start()  # the store opens on a worker thread; screens built meanwhile
        QTimer.singleShot(0, self, self._build_remaining_pages)

    def _build_remaining_pages(self) -> None:
        for page in Page:
            self._page(page)

    # --- building ------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.accounts_menu = bar.addMenu(self.tr("&Account"))
        self.add_account_action = QAction(
            QCoreApplication.translate("Profiles", ADD_ACCOUNT_TEXT), self
        )
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut("Ctrl+Q")

        tools = bar.addMenu(self.tr("&Tools"))
        self.tools_menu = tools
        self.setup_action = QAction(self.tr("&Set up the Box app…"), self)
        self.setup_action.setToolTip(
            self.tr("For administrators: which Box app Box Login signs in to")
        )
        self.advanced_action = QAction(self.tr("&Advanced: server and limited access keys…"), self)
        tools.addAction(self.setup_action)
        tools.addSeparator()
        tools.addAction(self.advanced_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu = help_menu
        self.doctor_action = QAction(self.tr("&Check my setup…"), self)
        self.doctor_action.setToolTip(
            self.tr("What Box Login needs on this computer and on the way to Box")
        )
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        help_menu.addAction(self.doctor_action)
        help_menu.addSeparator()
        self._build_language_menu(help_menu)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_language_menu(self, help_menu: QMenu) -> None:
        """Help ▸ Language: follow the system, or one of the shipped languages; remembered
        (QSettings) and used from the next start."""
        from gui import i18n

        self.language_menu = help_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        saved = i18n.saved_choice()
        choices: list[tuple[str | None, str]] = [(None, self.tr("Same as the system"))]
        choices += [(code, i18n.NATIVE_NAMES[code]) for code in i18n.LANGUAGES]
        self.language_actions: dict[str | None, QAction] = {}
        for code, text in choices:
            action = QAction(text, group)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def _choose_language(self, language: str | None) -> None:
        from gui import i18n

        if language == i18n.saved_choice():
            return
        i18n.save_choice(language)
        self.statusBar().showMessage(
            self.tr("The new language is used the next time you open Box Login."), 8000
        )

    def _build_ui(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        header = QHBoxLayout()
        logo = QLabel()
        logo.setFixedSize(28, 28)  # its picture is drawn right after the window appears
        self._logo = logo
        title = label(APP_NAME, "appTitle", wrap=False)
        self.demo_badge = QLabel(self.tr("Demo"))
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip(self.tr("A pretend Box on this computer; nothing real is used."))
        self.demo_badge.hide()
        self.profiles = ProfileSwitcher(
            self.accounts_menu, self.add_account_action, self.quit_action, self
        )
        header.addWidget(logo)
        header.addWidget(title)
        header.addWidget(self.demo_badge)
        header.addStretch(1)
        header.addWidget(self.profiles.label)
        header.addWidget(self.profiles.combo)
        layout.addLayout(header)

        self.message = MessageBar()
        self.message.announced.connect(self.announced)
        layout.addWidget(self.message)

        self.stack = QStackedWidget()
        self.loading_page = QWidget()
        loading_layout = QVBoxLayout(self.loading_page)
        loading_text = label(self.tr("Opening…"), "subtitle")
        loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading_layout.addWidget(loading_text)
        self._pages: dict[Page, QWidget] = {Page.LOADING: self.loading_page}
        self.stack.addWidget(self.loading_page)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_indicator = QProgressBar()
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setFixedWidth(110)
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.hide()
        self.statusBar().addPermanentWidget(self.busy_indicator)

    def _connect_signals(self) -> None:
        """The header's, the menus' and the runner's signals (each screen's are wired when
        it is built, in its ``_make_*_page``)."""
        controller = self.controller
        self.runner.busy_changed.connect(self.busy_indicator.setVisible)
        self.profiles.profile_chosen.connect(controller.switch_profile)
        self.profiles.add_chosen.connect(controller.add_account_from_list)
        self.add_account_action.triggered.connect(controller.add_account)
        self.quit_action.triggered.connect(self.close)
        self.setup_action.triggered.connect(self._open_setup)
        self.advanced_action.triggered.connect(self._on_advanced_action_triggered)
        self.about_action.triggered.connect(self._on_about_action_triggered)
        self.doctor_action.triggered.connect(self.open_doctor_dialog)

    # --- screens, built on first use ------------------------------------------------------

    def _page(self, page: Page) -> QWidget:
        """The screen ``page``, built the first time it is needed."""
        widget = self._pages.get(page)
        if widget is None:
            makers = {
                Page.FIRST_RUN: self._make_first_run_page,
                Page.NO_KEYRING: self._make_no_keyring_page,
                Page.CONNECT: self._make_connect_page,
                Page.CONNECTED: self._make_connected_page,
            }
            widget = makers[page]()
            self._pages[page] = widget
            self.stack.addWidget(self._scrolling(page, widget))
            self.controller.refresh_controls()
        return widget

    def _scrolling(self, page: Page, widget: QWidget) -> QWidget:
        area = scrolling(widget)  # on a small or scaled screen, a screen scrolls
        self._containers[page] = area
        return area

    def _current_screen(self) -> QWidget | None:
        current = self.stack.currentWidget()
        return current.widget() if isinstance(current, QScrollArea) else current

    def _make_first_run_page(self) -> QWidget:
        from gui.first_run import FirstRunPage

        page = FirstRunPage()
        page.demo_clicked.connect(self.controller.start_demo)
        page.setup_clicked.connect(self._open_setup)
        return page

    def _make_no_keyring_page(self) -> QWidget:
        from gui.first_run import NoKeyringPage

        page = NoKeyringPage()
        page.encrypted_file_clicked.connect(self.controller.choose_encrypted_file)
        page.memory_clicked.connect(self.controller.choose_memory)
        return page

    def _make_connect_page(self) -> QWidget:
        from gui.token_panel import ConnectPage

        page = ConnectPage()
        page.connect_clicked.connect(self.controller.begin_sign_in)
        return page

    def _make_connected_page(self) -> QWidget:
        from gui.token_panel import TokenPanel

        panel = TokenPanel(clock=self._clock)
        panel.refresh_clicked.connect(self.controller.refresh_now)
        panel.copy_clicked.connect(self.controller.copy_access_key)
        panel.disconnect_clicked.connect(self.controller.disconnect)
        panel.renewal_due.connect(self.controller.renewal_due)
        panel.keep_alive_toggled.connect(self.controller.set_keep_alive)
        return panel

    @property
    def first_run(self) -> FirstRunPage:
        """The first-run screen (demo or set-up)."""
        return self._page(Page.FIRST_RUN)  # type: ignore[return-value]

    @property
    def no_keyring(self) -> NoKeyringPage:
        """The "no password store" screen."""
        return self._page(Page.NO_KEYRING)  # type: ignore[return-value]

    @property
    def connect_page(self) -> ConnectPage:
        """The "Connect to Box" screen."""
        return self._page(Page.CONNECT)  # type: ignore[return-value]

    @property
    def connect_button(self) -> QPushButton:
        """The big "Connect to Box" button."""
        return self.connect_page.connect_button

    @property
    def panel(self) -> TokenPanel:
        """The connected-account screen."""
        return self._page(Page.CONNECTED)  # type: ignore[return-value]

    @property
    def profile_combo(self) -> QComboBox:
        """The account list in the header."""
        return self.profiles.combo

    def _built(self, page: Page) -> Any:
        """The screen ``page`` if it was built, else None (never builds it)."""
        return self._pages.get(page)

    # --- state (the controller's) ----------------------------------------------------------

    @property
    def profile(self) -> str:
        """The account (profile) shown."""
        return self.controller.profile

    @property
    def settings(self) -> Settings | None:
        """The Box app settings in use."""
        return self.controller.settings

    @property
    def store(self) -> TokenStore | None:
        """The token store in use (None until opened)."""
        return self.controller.store

    @property
    def login(self) -> BoxLogin | None:
        """The sign-in lifecycle object (None until settings and store exist)."""
        return self.controller.login

    @property
    def demo(self) -> bool:
        """True while the window runs the demo."""
        return self.controller.demo_active

    @property
    def sandbox(self) -> Any:
        """The demo's pretend Box server, while it runs."""
        return self.controller.demo.sandbox

    def current_page(self) -> Page:
        """The visible screen (a ``StrEnum``: compares equal to its name)."""
        return self.controller.page

    def is_busy(self) -> bool:
        """True while an action or the sign-in runs."""
        return self.controller.is_busy()

    # --- what users and tests ask for (decided by the controller) ---------------------------

    def begin_sign_in(self) -> None:
        """Open the sign-in window on Box's page and wait for the return in the background."""
        self.controller.begin_sign_in()

    def refresh_now(self, *, automatic: bool = False) -> None:
        """Get a new access key from Box (in the background)."""
        self.controller.refresh_now(automatic=automatic)

    def disconnect_now(self) -> None:
        """Revoke at Box, verify, remove locally (in the background)."""
        self.controller.disconnect_now()

    def start_demo(self) -> None:
        """Start the pretend Box on this computer and sign in against it."""
        self.controller.start_demo()

    def switch_profile(self, profile: str) -> None:
        """Show another account (profile)."""
        self.controller.switch_profile(profile)

    def add_profile(self, profile: str) -> None:
        """Start a new, empty account (profile) and offer to connect it."""
        self.controller.add_profile(profile)

    # --- WindowView: the controller's requests ------------------------------------------------

    def show_page(self, page: Page) -> None:
        """Show ``page`` (built the first time)."""
        widget = self._page(page)
        self.stack.setCurrentWidget(self._containers.get(page, widget))

    def move_focus(self, target: Focus) -> None:
        """Put the keyboard focus on ``target`` (``gui.focus``)."""
        self._focus.move(target)

    def offer_account_switching(self, offered: bool) -> None:
        """Show or hide the account switcher; enable or disable the Account menu."""
        self.profiles.set_offered(offered)
        self.accounts_menu.setEnabled(offered)

    def enable_actions(self, enabled: bool, *, account_menu: bool) -> None:
        """Enable or disable every button that starts an action, and the Account menu."""
        self._focus.actions_enabling(enabled)
        panel = self._built(Page.CONNECTED)
        if panel is not None:
            panel.set_busy(not enabled)
        for page in (Page.CONNECT, Page.FIRST_RUN, Page.NO_KEYRING):
            built = self._built(page)
            if built is not None:
                built.set_actions_enabled(enabled)
        self.profiles.combo.setEnabled(enabled)
        self.accounts_menu.setEnabled(account_menu)
        self._focus.actions_enabled(enabled)

    def enable_advanced(self, enabled: bool) -> None:
        """Enable or disable Tools → Advanced."""
        self.advanced_action.setEnabled(enabled)

    def show_demo(self, active: bool) -> None:
        """Show or hide that this is the demo (badge, title)."""
        self.demo_badge.setVisible(active)
        # Qt adds " — Box Login" to a title that does not end with the name already.
        self.setWindowTitle("Demo" if active else APP_NAME)

    def show_profiles(self, entries: Sequence[ProfileEntry], current: str) -> None:
        """List ``entries`` in the switcher and the Account menu, ``current`` chosen."""
        self.profiles.show_entries(entries, current)

    def select_profile(self, profile: str) -> None:
        """Put the switcher back on ``profile``."""
        self.profiles.select(profile)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """The status bar line (0: until replaced). An outcome (a line that goes away again:
        "Disconnected.", "Access key copied…") is also said to the screen reader."""
        self.statusBar().showMessage(text, timeout_ms)
        if timeout_ms > 0:
            accessibility.announce(self.statusBar(), text)
            self.announced.emit(text, False)

    def show_message(self, text: str, level: str, details: str = "") -> None:
        """The message bar."""
        self.message.show_message(text, level, details)

    def show_failure(self, failure: Failure, prefix: str = "") -> None:
        """The message bar, for a failure."""
        self.message.show_failure(failure, prefix)

    def clear_message(self) -> None:
        """Hide the message bar."""
        self.message.clear()

    def show_settings_problem(self, failure: Failure) -> None:
        """The first-run screen says what is wrong with the settings."""
        self.first_run.show_problem(failure)

    def show_connect(self, stored: StoredToken | None, where: str) -> None:
        """Fill the "Connect to Box" screen."""
        self.connect_page.show_state(stored, where)

    def show_connected(self, stored: StoredToken, where: str) -> None:
        """Fill the connected-account screen."""
        self.panel.show_token(stored, where)

    def show_keep_alive(self, on: bool | None, note: str, *, enabled: bool = True) -> None:
        """The "Keep me connected even when Box Login is closed" switch."""
        self.panel.show_keep_alive(on, note, enabled=enabled)

    def stop_countdown(self) -> None:
        """The connected-account screen shows nothing any more."""
        panel = self._built(Page.CONNECTED)
        if panel is not None:
            panel.stop()

    def allow_renewal_retry(self, after_ms: int = 0) -> None:
        """Let the countdown ask for a renewal again (now, or after ``after_ms``)."""
        if after_ms:
            QTimer.singleShot(after_ms, self.panel, self.panel.renewal_failed)
        else:
            self.panel.renewal_failed()

    def confirm(self, title: str, text: str, yes: str) -> bool:
        """Ask a yes/no question."""
        try:
            return self._confirm(self, title, text, yes)
        finally:
            self._on_dialog_finished()

    def ask_passphrase(self, new_file: bool) -> str | None:
        """The encrypted file's passphrase."""
        try:
            return self._ask_passphrase(self, new_file)
        finally:
            self._on_dialog_finished()

    def ask_account_name(self) -> str | None:
        """A name for a new account."""
        name, ok = QInputDialog.getText(
            self,
            self.tr("Add another Box account"),
            self.tr("A short name for this account (for example “work” or “personal”):"),
        )
        self._on_dialog_finished()
        return name.strip() if ok and name.strip() else None

    def open_sign_in_window(self, authorize_url: str, redirect_uri: str, hint: str | None) -> None:
        """Open the sign-in window (its own process) on Box's page."""
        from gui.signin_window import SignInWindow
        from gui.web_network import WebNetwork

        login = self.controller.login  # the page takes the way of its token calls
        signin = SignInWindow(
            authorize_url,
            redirect_uri,
            opener=self._opener,
            hint=hint,
            parent=self,
            success_linger_ms=self._success_linger_ms,
            network=WebNetwork.for_login(login) if login is not None else None,
        )
        signin.cancelled.connect(self.controller.cancel_sign_in)
        signin.handed_off.connect(self.controller.sign_in_handed_off)
        signin.page_failed.connect(self.controller.sign_in_page_failed)
        signin.check_setup_requested.connect(self.open_doctor_dialog)
        signin.finished.connect(self._on_signin_window_finished)
        self.signin_window = signin
        signin.start()
        self.sign_in_opened.emit(signin)

    def finish_sign_in_window(self, who: str) -> None:
        """The sign-in worked: the open sign-in window says so and closes."""
        signin = self.signin_window
        if signin is not None and not signin.is_closed:
            signin.finish_success(who)

    def close_sign_in_window(self) -> None:
        """The sign-in ended: closing its window is not a cancel."""
        signin = self.signin_window
        if signin is not None and not signin.is_closed:
            signin.close()

    def shut_down_sign_in_window(self) -> None:
        """Box Login closes: end the sign-in window's process."""
        signin = self.signin_window
        if signin is not None:
            signin.shutdown()

    def copy_secret(self, secret: str) -> int:
        """Copy to the clipboard; returns the milliseconds until it is cleared."""
        clear_after_ms = self.clipboard.clear_after_ms
        self.clipboard.copy(secret)
        return clear_after_ms

    def clear_clipboard(self) -> None:
        """Clear what Box Login copied."""
        self.clipboard.clear_now()

    # --- slots ----------------------------------------------------------------------------

    def _on_signin_window_finished(self) -> None:
        signin = self.sender()
        if signin is self.signin_window:
            self.signin_window = None
        if isinstance(signin, QObject):
            signin.deleteLater()
        self._on_dialog_finished()

    def _on_dialog_finished(self, _result: int = 0) -> None:
        # The keyboard comes back here (to the focus set meanwhile) when a window of ours
        # closes, also where no window manager hands it back.
        if self.isVisible():
            self.activateWindow()

    def _open_setup(self) -> None:
        from gui.setup_dialog import SetupDialog

        dialog = SetupDialog(self.controller.setup_settings, parent=self)
        dialog.settings_saved.connect(self.controller.settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()
        self.setup_dialog = dialog

    def _on_advanced_action_triggered(self) -> None:
        from gui.advanced import AdvancedDialog

        dialog = AdvancedDialog(
            self.controller.settings,
            self.controller.login,
            self.controller.profile,
            runner=self.runner,
            parent=self,
            clipboard=self.clipboard,  # outlives the dialog: what it copied is still cleared
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._on_dialog_finished)
        accessibility.name_form_fields(dialog)
        dialog.show()
        self.advanced_dialog = dialog

    def open_doctor_dialog(self) -> None:
        """Help → Check my setup (also the sign-in error page's button): the doctor's checks
        for the settings file and store in use (the password store during the demo)."""
        from gui.doctor_dialog import config_path_for, open_doctor_dialog

        shown = getattr(self, "doctor_dialog", None)
        if shown is not None:
            shown.raise_()
            shown.activateWindow()
            return
        settings, store = self.controller.settings, self.controller.store
        demo = self.controller.demo_active
        kind = store.kind if store is not None and not demo else None
        dialog = open_doctor_dialog(
            self,
            config_path=config_path_for(settings) if not demo else None,
            store_choice=kind if kind != "keyring" else None,
        )
        dialog.finished.connect(self._on_doctor_dialog_finished)
        self.doctor_dialog: DoctorDialog | None = dialog

    def _on_doctor_dialog_finished(self, _result: int) -> None:
        self.doctor_dialog = None

    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr(
                "Connects your Box account to a program on this computer and keeps the "
                "connection safe in your password store."
            ),
        )

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a running sign-in, close the sign-in window, stop the demo server."""
        self.controller.close()
        super().closeEvent(event)
