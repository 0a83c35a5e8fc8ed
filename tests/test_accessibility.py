"""Usable by everyone: every control named for screen readers, focus visible in every theme,
text contrast, light and dark following the system, high contrast left alone, small and
scaled screens, titles, and what is announced.

The screens are the real window's, built on a memory store (no keyring, no network): first
run, a broken settings file, no password store, connect, connected, the message bar, Set up…
and Advanced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QWidget,
)

from core.errors import BoxLoginError, KeyringUnavailableError
from core.settings import load_settings, parse_settings
from core.store import MemoryStore, StoredToken
from core.version import APP_NAME
from gui import theme
from gui.accessibility import accessible_name
from gui.app import make_application
from gui.failure import Failure
from gui.main_window import MainWindow
from gui.widgets import MessageBar, SecretField
from tests import screenshots

pytestmark = pytest.mark.gui

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
OFFLINE = parse_settings({"client_id": "c", "client_secret": "s"})
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTabBar)
#: Screens as the layout test sizes them: 1024x600 at 100 %, and 1366x768 at 150 % (911x512
#: device-independent pixels), each less 48 pixels of desktop panel and title bar.
SMALL_SCREENS = {"1024x600": (1024, 552), "1366x768@150%": (911, 464)}


@pytest.fixture(scope="module", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    return make_application()


@pytest.fixture
def light() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, theme.LIGHT)
    yield app
    theme.apply(app, theme.LIGHT)


def connected_token() -> StoredToken:
    """A sign-in whose access key contains a marker the screen-reader walk must never find."""
    token: StoredToken = screenshots.connected_token(access_token="A" * 8 + "secret-key" + "B" * 14)
    return token


def _no_keyring(choice: str | None, _passphrase: str | None) -> Any:
    if choice is None:
        raise KeyringUnavailableError("This computer has no password store.")
    return MemoryStore()


def broken_settings_failure(tmp_path: Path) -> Failure:
    broken = tmp_path / "box-login.json"
    broken.write_text('{"client_id": ')
    with pytest.raises(BoxLoginError) as info:
        load_settings(broken)
    return Failure.from_exception(info.value)


@pytest.fixture
def screens(qtbot: Any, tmp_path: Path) -> Iterator[Callable[[], dict[str, QWidget]]]:
    """Builds every screen (each shown in its own window); closes them afterwards."""
    windows: list[QWidget] = []

    def window(settings: Any, page: str, **kw: Any) -> MainWindow:
        kw.setdefault("store_factory", lambda _c, _p: store)
        w = MainWindow(settings, confirm=lambda *_a: True, **kw)
        qtbot.addWidget(w)
        w.resize(780, 600)
        w.show()
        qtbot.waitExposed(w)
        qtbot.waitUntil(lambda: w.current_page() == page, timeout=10_000)
        windows.append(w)
        return w

    store = MemoryStore()

    def build() -> dict[str, QWidget]:
        built: dict[str, QWidget] = {}
        built["first run"] = window(None, "first_run")
        built["settings problem"] = window(
            None, "first_run", startup_problem=broken_settings_failure(tmp_path)
        )
        built["no keyring"] = window(OFFLINE, "no_keyring", store_factory=_no_keyring)
        message = window(OFFLINE, "connect", store_factory=lambda _c, _p: MemoryStore())
        built["connect"] = message
        message.show_message("Box could not be reached.", "error", "ConnectionError: api.box.com")
        built["message bar"] = message
        connected_store = MemoryStore()
        connected_store.save(connected_token())
        connected = window(OFFLINE, "connected", store_factory=lambda _c, _p: connected_store)
        built["connected"] = connected
        connected._open_setup()
        built["Set up…"] = connected.setup_dialog
        connected.advanced_action.trigger()
        built["Advanced"] = connected.advanced_dialog
        windows.extend([connected.setup_dialog, connected.advanced_dialog])
        return built

    yield build
    for w in windows:
        if shiboken6.isValid(w):  # the dialogs delete themselves when closed
            w.close()


def controls(root: QWidget) -> list[QWidget]:
    """The interactive controls under ``root`` a person can reach (visible or behind a tab)."""
    found = [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and w.window() is root.window()
    ]
    if isinstance(root, INTERACTIVE):
        found.insert(0, root)
    return [w for w in found if w.isEnabled() or not w.isHidden()]


def has_words(name: str) -> bool:
    """Two letters in a row, in any script ("日本語" is a name; "✕", "••••" and "42" are not)."""
    return bool(re.search(r"[^\W\d_]{2,}", name))


# --- names --------------------------------------------------------------------------------


def test_every_control_of_every_screen_has_a_name(screens: Any) -> None:
    built = screens()
    unnamed: list[str] = []
    listing: dict[str, list[str]] = {}
    for screen, root in built.items():
        names = listing.setdefault(screen, [])
        for widget in controls(root):
            if isinstance(widget, QScrollArea) or widget.objectName().startswith("qt_"):
                continue
            name = accessible_name(widget)
            role = type(widget).__name__
            names.append(f"{role}: {name}")
            if not has_words(name):
                unnamed.append(f"{screen}: {role} {widget.objectName()!r} named {name!r}")
    # The menus' actions too (they are read out by their text).
    window = built["connected"]
    assert isinstance(window, MainWindow)
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&", "")
            listing.setdefault("menus", []).append(f"{menu.title().replace('&', '')}: {text}")
            if not has_words(text):
                unnamed.append(f"menu {menu.title()!r}: action named {text!r}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "accessible-names.json").write_text(json.dumps(listing, indent=1))
    assert not unnamed, "controls a screen reader cannot name:\n" + "\n".join(unnamed)


def test_close_buttons_and_key_field_have_the_names_people_hear(screens: Any) -> None:
    built = screens()
    bar = built["message bar"].findChild(MessageBar)
    assert bar is not None
    assert accessible_name(bar.close_button) == "Close message"
    window = built["connected"]
    assert isinstance(window, MainWindow)
    field = window.panel.secret
    assert accessible_name(field.edit) == "Access key (hidden)"
    secret = connected_token().access_token
    interface = QAccessible.queryAccessibleInterface(field.edit)
    assert interface is not None
    value = interface.text(QAccessible.Text.Value)
    assert SecretField.MASK not in value
    assert "\u25cf" not in value
    assert secret not in value
    text_interface = interface.textInterface()
    if text_interface is not None:
        whole = text_interface.text(0, text_interface.characterCount())
        assert "\u25cf" not in whole
        assert secret not in whole
    field.set_revealed(True)
    assert accessible_name(field.edit) == "Access key"
    assert field.edit.displayText() == secret
    field.set_revealed(False)
    assert field.edit.text() == ""  # nothing to select and copy while hidden


def test_disabled_menu_items_look_disabled(qtbot: Any, light: QApplication) -> None:
    menu = QMenu()
    qtbot.addWidget(menu)
    enabled = menu.addAction("Enabled item")
    disabled = menu.addAction("Disabled item")
    disabled.setEnabled(False)
    menu.popup(QPoint(0, 0))
    qtbot.waitExposed(menu)
    image = menu.grab().toImage()
    ink = [_darkest(image, menu.actionGeometry(a)) for a in (enabled, disabled)]
    assert theme.contrast_ratio(ink[0], theme.LIGHT.surface) >= 4.5
    # Visibly lighter than enabled text, and still readable.
    assert theme.contrast_ratio(ink[1], theme.LIGHT.surface) < 0.7 * theme.contrast_ratio(
        ink[0], theme.LIGHT.surface
    )
    assert theme.contrast_ratio(ink[1], theme.LIGHT.surface) >= 3.0
    menu.close()


def _darkest(image: QImage, rect: QRect) -> QColor:
    darkest = QColor("white")
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left() + 20, rect.right()):
            colour = image.pixelColor(x, y)
            if colour.lightness() < darkest.lightness():
                darkest = colour
    return darkest


# --- announcements --------------------------------------------------------------------------


def test_errors_and_outcomes_are_announced(qtbot: Any, screens: Any) -> None:
    window = screens()["connected"]
    assert isinstance(window, MainWindow)
    heard: list[tuple[str, bool]] = []
    window.announced.connect(lambda text, urgent: heard.append((text, urgent)))
    window.show_message("Box could not be reached.", "error")
    window.show_status("Disconnected.", 8000)
    window.show_status("Checking your connection…")  # work in progress: not announced
    assert heard == [("Box could not be reached.", True), ("Disconnected.", False)]
    assert window.message.accessibleName() == "Error"
    assert window.message.accessibleDescription() == "Box could not be reached."


# --- contrast and themes ----------------------------------------------------------------------


def text_pairs(c: theme.Colours) -> dict[str, tuple[str, str]]:
    """Every text colour the theme sets, on every background it is drawn on."""
    pairs = {
        "text on card": (c.text, c.surface),
        "text on window": (c.text, c.window),
        "muted on card": (c.muted, c.surface),
        "muted on window": (c.muted, c.window),
        "text on read-only field": (c.text, c.readonly_bg),
        "button text on filled button": (c.on_accent, c.accent),
        "button text on filled button, hovered": (c.on_accent, c.accent_hover),
        "link on card": (c.link, c.surface),
        "link on window": (c.link, c.window),
        "danger on card": (c.danger, c.surface),
        "demo badge": (c.on_demo, c.demo),
        "selected menu item": (c.on_selection, c.selection),
        "muted on demo strip": (c.muted, c.demo_bg),
        "text on demo strip": (c.text, c.demo_bg),
        "muted status bar": (c.muted, c.surface),
    }
    for level in ("info", "success", "warning", "error"):
        background = getattr(c, f"{level}_bg")
        pairs[f"text on {level} bar"] = (c.text, background)
        pairs[f"Details link on {level} bar"] = (c.link, background)
    return pairs


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_text_contrast_is_at_least_4_5_to_1(colours: theme.Colours) -> None:
    ratios = {name: theme.contrast_ratio(fg, bg) for name, (fg, bg) in text_pairs(colours).items()}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"contrast-{colours.name}.json").write_text(
        json.dumps(
            {k: round(v, 2) for k, v in sorted(ratios.items(), key=lambda i: i[1])}, indent=1
        )
    )
    low = {name: round(r, 2) for name, r in ratios.items() if r < 4.5}
    assert not low, f"text below 4.5:1 in the {colours.name} theme: {low}"


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_disabled_and_focus_look_are_visible(colours: theme.Colours) -> None:
    c = colours
    # Disabled text: readable (3:1) yet plainly fainter than enabled text.
    for background in (c.disabled_bg, c.surface):
        assert theme.contrast_ratio(c.disabled_text, background) >= 3.0
        assert theme.contrast_ratio(c.disabled_text, background) < theme.contrast_ratio(
            c.text, background
        )
    # Focus rings stand out from what is around them (3:1, WCAG's non-text contrast).
    for ring in (c.focus, c.focus_on_accent):
        for background in (c.surface, c.window):
            assert theme.contrast_ratio(ring, background) >= 3.0, (ring, background)


def test_the_palette_the_app_sets_is_the_themes(light: QApplication) -> None:
    from PySide6.QtGui import QPalette

    for colours in (theme.DARK, theme.LIGHT):
        theme.apply(light, colours)
        palette = light.palette()
        assert palette.color(QPalette.ColorRole.WindowText) == QColor(colours.text)
        assert palette.color(QPalette.ColorRole.Window) == QColor(colours.window)
        assert palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText) == QColor(
            colours.disabled_text
        )
        assert colours.text in light.styleSheet()
        # The sheet sets no colour for every widget at once (that made menus dark on black).
        assert "QWidget { color" not in light.styleSheet().replace("{{", "{")


def test_follows_the_systems_light_or_dark_preference(
    light: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(theme.THEME_VARIABLE, raising=False)
    for scheme, expected in (
        (Qt.ColorScheme.Dark, theme.DARK),
        (Qt.ColorScheme.Light, theme.LIGHT),
        (Qt.ColorScheme.Unknown, theme.LIGHT),
    ):
        assert theme.choose(SystemSays(scheme), environ={}) is expected  # type: ignore[arg-type]
    # Where the platform lets an application ask for a scheme (not Xvfb's), the real one.
    hints = QGuiApplication.styleHints()
    try:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        if hints.colorScheme() == Qt.ColorScheme.Dark:
            assert theme.choose(light) is theme.DARK
    finally:
        hints.unsetColorScheme()
    monkeypatch.setenv(theme.THEME_VARIABLE, "dark")
    assert theme.choose(light) is theme.DARK


class SystemSays:
    """What the desktop tells Qt (colour scheme, contrast), which Xvfb cannot be made to say:
    stands in for the application in :func:`gui.theme.choose`."""

    def __init__(
        self,
        scheme: Qt.ColorScheme,
        contrast: Qt.ContrastPreference = Qt.ContrastPreference.NoPreference,
    ) -> None:
        self._scheme = scheme
        self._contrast = contrast

    def styleHints(self) -> SystemSays:
        return self

    def accessibility(self) -> SystemSays:
        return self

    def colorScheme(self) -> Qt.ColorScheme:
        return self._scheme

    def contrastPreference(self) -> Qt.ContrastPreference:
        return self._contrast


def test_high_contrast_keeps_the_systems_palette(light: QApplication) -> None:
    says = SystemSays(Qt.ColorScheme.Dark, Qt.ContrastPreference.HighContrast)
    assert theme.choose(says, environ={}) is theme.SYSTEM  # type: ignore[arg-type]
    system = light.style().standardPalette()
    theme.apply(light, theme.SYSTEM)
    assert light.palette().color(light.palette().ColorRole.WindowText) == system.color(
        system.ColorRole.WindowText
    )
    sheet = light.styleSheet()
    assert not re.search(r"color: #", sheet.split("QComboBox::down-arrow")[0])


# --- visible focus ---------------------------------------------------------------------------


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_focus_is_visible_on_every_kind_of_control(
    qtbot: Any, screens: Any, light: QApplication, colours: theme.Colours
) -> None:
    theme.apply(light, colours)
    built = screens()
    window = built["connected"]
    assert isinstance(window, MainWindow)
    first_run = built["first run"]
    assert isinstance(first_run, MainWindow)
    bar = built["message bar"].findChild(MessageBar)
    assert bar is not None
    no_keyring = built["no keyring"]
    assert isinstance(no_keyring, MainWindow)
    kinds = {
        "big button": first_run.first_run.demo_button,
        "button": first_run.first_run.setup_button,
        "primary button": no_keyring.no_keyring.encrypted_button,
        "show/hide key": window.panel.secret.reveal_button,
        "message bar ✕": bar.close_button,
        "Details link": bar.details_button,
        "danger button": window.panel.disconnect_button,
        "key field": window.panel.secret.edit,
        "account list": window.profile_combo,
    }
    for dialog in ("Set up…", "Advanced"):
        built[dialog].close()  # (the setup dialog is modal for its window)
    qtbot.wait(100)
    for kind, widget in kinds.items():
        host = widget.window()
        qtbot.waitUntil(lambda h=host: (h.activateWindow(), h.isActiveWindow())[1], timeout=5000)
        widget.clearFocus()
        qtbot.wait(20)
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        try:
            qtbot.waitUntil(widget.hasFocus, timeout=2000)
        except Exception as exc:
            raise AssertionError(f"{kind} did not take the focus") from exc
        qtbot.wait(20)
        after = widget.grab().toImage()
        changed = _changed_pixels(before, after)
        assert changed >= 2 * (widget.width() + widget.height()), (
            f"{colours.name}: focus on {kind} changes only {changed} pixels"
        )


def _changed_pixels(a: QImage, b: QImage) -> int:
    if a.size() != b.size():
        return a.width() * a.height()
    return sum(
        1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)
    )


# --- small and scaled screens -----------------------------------------------------------------


@pytest.mark.parametrize("screen", list(SMALL_SCREENS), ids=list(SMALL_SCREENS))
def test_every_control_is_reachable_and_no_text_is_cut(
    qtbot: Any, screens: Any, screen: str
) -> None:
    width, height = SMALL_SCREENS[screen]
    built = screens()
    problems: list[str] = []
    for name, root in built.items():
        root.resize(min(root.width(), width) if name in ("Set up…", "Advanced") else width, height)
        qtbot.wait(60)
        if root.width() > width or root.height() > height:
            problems.append(f"{name}: {root.width()}x{root.height()} does not fit")
        for widget in controls(root):
            if not widget.isVisibleTo(root) or isinstance(widget, QTabBar):
                continue
            area = _scroll_area(widget)
            if area is not None:
                # Scrolled to (the whole control, not only its text cursor as Tab does).
                inner = area.widget()
                at = widget.mapTo(inner, QPoint(widget.width() // 2, widget.height() // 2))
                area.ensureVisible(
                    at.x(), at.y(), widget.width() // 2 + 1, widget.height() // 2 + 1
                )
                QApplication.processEvents()
                visible = QRect(area.viewport().mapTo(root, QPoint(0, 0)), area.viewport().size())
            else:
                visible = root.rect()
            where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
            label = f"{name}: {type(widget).__name__} {accessible_name(widget)!r}"
            if not visible.contains(where):
                problems.append(f"{label} at {where.getRect()} outside {visible.getRect()}")
            if (
                isinstance(widget, QPushButton)
                and widget.width() < widget.minimumSizeHint().width()
            ):
                problems.append(f"{label} squeezed to {widget.width()} px")
        for text in root.findChildren(QLabel):
            if not text.isVisibleTo(root) or not text.text() or text.pixmap() is not None:
                continue
            if text.wordWrap():
                if text.height() < text.heightForWidth(text.width()) - 1:
                    problems.append(f"{name}: text cut off: {text.text()[:40]!r}")
            elif text.width() < text.fontMetrics().horizontalAdvance(text.text()):
                problems.append(f"{name}: text cut off: {text.text()[:40]!r}")
        ARTIFACTS.mkdir(exist_ok=True)
        root.grab().save(str(ARTIFACTS / f"small-{screen}-{name.replace(' ', '-')}.png"))
    assert not problems, "\n".join(problems)


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def test_main_window_fits_small_screens() -> None:
    assert MainWindow.MINIMUM_SIZE.width() <= min(w for w, _h in SMALL_SCREENS.values())
    assert MainWindow.MINIMUM_SIZE.height() <= min(h for _w, h in SMALL_SCREENS.values())


# --- titles ----------------------------------------------------------------------------------


def shown_title(widget: QWidget) -> str:
    """The title the desktop shows: Qt adds " — <application display name>" to a title that
    does not already end with it (QPlatformWindow::formatWindowTitle)."""
    title = widget.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    if name and not title.endswith(name):
        title = f"{title} \u2014 {name}" if title else name
    return title


def test_titles_name_the_app_once(screens: Any) -> None:
    from gui.first_run import PassphraseDialog

    built = screens()
    window = built["first run"]
    assert isinstance(window, MainWindow)
    titles = {
        "window": shown_title(window),
        "Set up…": shown_title(built["Set up…"]),
        "Advanced": shown_title(built["Advanced"]),
        "passphrase": shown_title(PassphraseDialog()),
    }
    window.show_demo(True)
    titles["demo"] = shown_title(window)
    window.show_demo(False)
    assert titles["window"] == APP_NAME
    assert titles["demo"] == f"Demo \u2014 {APP_NAME}"
    for name, title in titles.items():
        assert title.count(APP_NAME) == 1, (name, title)


def test_icons_on_screen_follow_a_live_switch_between_light_and_dark(
    light: QApplication, qtbot: Any
) -> None:
    """The desktop switches to dark while the window is open: the line icons already on the
    buttons are redrawn in the dark theme's colours (not left dark on dark), and back."""
    from PySide6.QtWidgets import QPushButton

    button = QPushButton(theme.icon("copy"), "Copy")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)

    def ink() -> QColor:
        """The icon's darkest or lightest drawn pixel, whichever differs most from the
        button's background."""
        image = button.icon().pixmap(32, 32).toImage()
        drawn = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 200
        ]
        assert drawn
        return max(drawn, key=lambda c: abs(c.lightness() - 128))

    try:
        theme.apply(light, theme.LIGHT)
        light_ink = ink()
        theme.apply(light, theme.DARK)
        dark_ink = ink()
        assert light_ink.lightness() < 128 < dark_ink.lightness()
        assert theme.contrast_ratio(dark_ink, theme.DARK.surface) >= 4.5
        theme.apply(light, theme.LIGHT)
        assert ink() == light_ink
    finally:
        theme.apply(light, theme.LIGHT)


def test_screenshots_show_the_window_at_the_size_it_opens_with() -> None:
    from gui.main_window import MainWindow
    from tests.screenshots import NORMAL_SIZE

    size = MainWindow.PREFERRED_SIZE
    assert (size.width(), size.height()) == NORMAL_SIZE
