"""Box Login by keyboard alone, end to end: first start, the demo's sign-in in the real
sign-in window (its own process, Qt WebEngine), copy, refresh, another account and back,
Set up… and its Escape, disconnect with its question, and a sign-in cancelled by Escape —
in English and in Japanese (the menus' access keys, the announcements and the questions are
read in the language the window speaks; the sign-in window's own process speaks it too).

Only key presses drive it: Qt key events sent to the widget that has the keyboard focus (or
to the open menu or dialog, which have it), and, for the sign-in window's page in its own
process, real key presses at the X server (tests/xkeyboard.py), which go where the X focus
is. No clicks and no calls that act on the window; the test only reads what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget

from core.session import BoxLogin
from core.store import MemoryStore
from core.translation import translate
from gui import i18n
from gui.app import make_application
from gui.main_window import MainWindow
from gui.signin_window import SignInWindow
from tests.test_gui_e2e import run_js, shoot, wait_for_element
from tests.xkeyboard import XKeyboard

pytestmark = pytest.mark.gui

Key = Qt.Key


@pytest.fixture(scope="module", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    return make_application()


@pytest.fixture(params=["en", "ja"])
def language(request: Any, _box_login_app: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The window (and, through BOX_LOGIN_LANGUAGE, the sign-in window's process) in one
    language; English afterwards."""
    from tests.test_i18n import build_qm_files

    build_qm_files()
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, request.param)
    assert i18n.install_translators(_box_login_app, request.param)
    yield request.param
    i18n.install_translators(_box_login_app, "en")


def access_key(text: str) -> Key:
    """The key after "&" in a menu's or an action's text ("ツール(&T)" → T)."""
    found = re.search(r"&(\w)", text)
    assert found, text
    return Key(ord(found.group(1).upper()))


@pytest.fixture
def keyboard() -> Iterator[XKeyboard]:
    board = XKeyboard()
    yield board
    board.close()


def keyboard_target() -> QWidget:
    """Where a key press goes now: the open menu, else the focused widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the keyboard focus"
    return focused


def press(
    qtbot: Any, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(keyboard_target(), key, modifier)


def tab_to(qtbot: Any, target: QWidget, *, limit: int = 30, backwards: bool = False) -> int:
    """Press Tab (Shift+Tab) until ``target`` has the focus; returns how many presses."""
    for presses in range(limit):
        if QApplication.focusWidget() is target:
            return presses
        press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab)
    assert QApplication.focusWidget() is target, f"{target!r} not reached by Tab"
    return limit


def when_modal(qtbot: Any, kind: type, then: Callable[[QWidget], None]) -> list[QWidget]:
    """Once a modal ``kind`` (a QMessageBox, an input dialog) is open, run ``then`` with it;
    for a key press that opens one and waits for its answer inside Qt's nested loop."""
    seen: list[QWidget] = []

    def check() -> None:
        modal = QApplication.activeModalWidget()
        focused = QApplication.focusWidget()
        if isinstance(modal, kind) and focused is not None and modal.isAncestorOf(focused):
            seen.append(modal)
            then(modal)
            return
        if isinstance(modal, kind) and modal.isVisible() and not modal.isActiveWindow():
            modal.activateWindow()  # what a window manager does for a new dialog (Xvfb has none)
        QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)
    return seen


def keys_in(qtbot: Any, dialog: QWidget, text: str = "", *, finish: Key = Key.Key_Return) -> None:
    """Type ``text`` into ``dialog``'s focused control, then press ``finish``."""
    if text:
        qtbot.keyClicks(keyboard_target(), text)
    qtbot.keyClick(keyboard_target(), finish)


def focus_name(widget: QWidget | None) -> str:
    return "" if widget is None else (widget.accessibleName() or widget.objectName())


def test_whole_flow_by_keyboard_alone(
    qtbot: Any, tmp_path: Path, keyboard: XKeyboard, language: str
) -> None:
    window = MainWindow(
        None,
        store_factory=lambda _c, _p: MemoryStore(),
        login_factory=lambda s, st: BoxLogin(s, st, lock_dir=tmp_path / "locks"),
        success_linger_ms=300,
        clipboard_clear_ms=60_000,
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # the desktop gives the new window the keyboard
    qtbot.waitActive(window)
    try:
        _flow(qtbot, window, keyboard, language)
    finally:
        window.close()
        window.runner.wait_for_done(10)


def _flow(qtbot: Any, window: MainWindow, keyboard: XKeyboard, language: str) -> None:
    def said(text: str) -> str:
        return translate("WindowController", text)

    assert window.tools_menu.title() != "&Tools" or language == "en"
    # First start: the keyboard is on "Try the demo"; Enter presses it.
    qtbot.waitUntil(lambda: window.current_page() == "first_run", timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.first_run.demo_button)
    shoot(qtbot, window, f"keyboard-{language}-1-first-run")
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        press(qtbot, Key.Key_Return)
    signin = opened.args[0]
    assert isinstance(signin, SignInWindow)

    # The sign-in window opens with the keyboard in the page's first field.
    wait_for_element(qtbot, signin, "#login-page form", timeout=20_000)
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, signin, "document.activeElement && document.activeElement.id") == "login"
        ),
        timeout=10_000,
    )
    shoot(qtbot, signin, f"keyboard-{language}-2-signin", min_colours=8)
    keyboard.type("ada@example.com")
    keyboard.press("Tab")
    keyboard.type("demo")
    qtbot.waitUntil(
        lambda: run_js(qtbot, signin, "document.querySelector('#password').value") == "demo",
        timeout=10_000,
    )
    assert run_js(qtbot, signin, "document.querySelector('#login').value") == "ada@example.com"
    keyboard.press("Return")
    wait_for_element(qtbot, signin, "#consent-page form", timeout=15_000)
    # Consent: Tab reaches "Grant access to Box" first; Enter grants.
    keyboard.press("Tab")
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, signin, "document.activeElement && document.activeElement.value")
            == "grant"
        ),
        timeout=10_000,
    )
    with qtbot.waitSignal(window.connected, timeout=15_000):
        keyboard.press("Return")

    # Connected: the sign-in window closes, the keyboard is back on "Copy access key".
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panel.copy_button, timeout=10_000)
    assert window.isActiveWindow()
    shoot(qtbot, window, f"keyboard-{language}-3-connected")

    # Copy: Enter copies; the focus stays on the button.
    announced: list[str] = []
    window.announced.connect(lambda text, _urgent: announced.append(text))
    with qtbot.waitSignal(window.copied, timeout=10_000):
        press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.copy_button.isEnabled(), timeout=5000)
    assert QApplication.focusWidget() is window.panel.copy_button
    copied = said(
        "Access key copied. Box Login clears it from the clipboard in {seconds} seconds."
    ).format(seconds=60)
    assert copied in announced, announced

    # Refresh: Tab to it, Space presses it too; the focus stays there.
    tab_to(qtbot, window.panel.refresh_button)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: window.panel.refresh_button.isEnabled(), timeout=5000)
    assert QApplication.focusWidget() is window.panel.refresh_button
    assert said("Access key renewed.") in announced

    # Another account: the Account list, Down to "Add another Box account…", a name, Enter.
    # (Once the window is idle: its busy indicator has gone, as a person would see.)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10_000)
    tab_to(qtbot, window.profile_combo, backwards=True)
    asked = when_modal(qtbot, QInputDialog, lambda dialog: keys_in(qtbot, dialog, "work"))
    with qtbot.waitSignal(window.page_changed, timeout=10_000):
        press(qtbot, Key.Key_Down)
    assert asked
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    assert window.profile == "work"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connect_button, timeout=5000)
    # …and back: Up in the list shows the connected account again.
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10_000)
    tab_to(qtbot, window.profile_combo, backwards=True)
    with qtbot.waitSignal(window.connected, timeout=10_000):
        press(qtbot, Key.Key_Up)
    assert window.profile == "default"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panel.copy_button, timeout=5000)

    # Tools → Set up… by its access keys; Escape closes the dialog, the focus comes back.
    press(qtbot, access_key(window.tools_menu.title()), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.tools_menu, timeout=5000)
    press(qtbot, access_key(window.setup_action.text()))
    qtbot.waitUntil(lambda: getattr(window, "setup_dialog", None) is not None, timeout=5000)
    dialog = window.setup_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow(), timeout=5000)
    assert QApplication.focusWidget() is dialog.import_button
    shoot(qtbot, dialog, f"keyboard-{language}-4-setup")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    assert QApplication.focusWidget() is window.panel.copy_button

    # Disconnect: Tab to it, Enter; the question's Enter is "Disconnect".
    tab_to(qtbot, window.panel.disconnect_button)
    answered = when_modal(qtbot, QMessageBox, lambda box: keys_in(qtbot, box))
    with qtbot.waitSignal(window.disconnected, timeout=15_000):
        press(qtbot, Key.Key_Return)
    assert answered
    assert answered[0].windowTitle() == said("Disconnect from Box?")
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connect_button, timeout=5000)
    assert said("Disconnected.") in announced, announced
    shoot(qtbot, window, f"keyboard-{language}-5-disconnected")

    # Connect again, and give up with Escape in the sign-in window: back on "Connect".
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        press(qtbot, Key.Key_Return)
    signin = opened.args[0]
    wait_for_element(qtbot, signin, "#login-page form", timeout=20_000)
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, signin, "document.activeElement && document.activeElement.id") == "login"
        ),
        timeout=10_000,
    )
    keyboard.type("x")
    qtbot.waitUntil(
        lambda: run_js(qtbot, signin, "document.querySelector('#login').value") == "x",
        timeout=10_000,
    )
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000):
        keyboard.press("Escape")
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connect_button, timeout=10_000)
    assert not isinstance(QApplication.activeModalWidget(), QDialog)
