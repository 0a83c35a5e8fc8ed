"""The window end to end: real Qt WebEngine page under Xvfb (in the sign-in window's own
process), the sandbox over loopback HTTP, the real loopback listener and the real GNOME
Keyring (tests/run-suite.sh).

The tests' process plays the main window's; it never imports Qt WebEngine. The page is
driven through the sign-in window's test hooks (run_js, grab, click, current_url).
Each test saves screenshots of the screens it passes through to tests/artifacts/.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget

from core.errors import SignInCancelledError, StoreError
from core.session import BoxLogin
from core.settings import Settings, parse_settings
from core.store import KeyringStore, MemoryStore, StoredToken, TokenStore
from gui.app import make_application
from gui.main_window import MainWindow
from gui.navigation import SiteKind
from gui.signin_window import SignInWindow
from tests.netutil import Sleeps
from tests.procutil import descendants
from tests.sandbox_harness import TestSandbox, complete_authorization

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


# --- helpers (also used by tests/bench_gui.py) -------------------------------------------


def distinct_colours(widget: QWidget, limit: int = 64) -> int:
    """How many colours a grab of ``widget`` has (sampled); a blank grab has one or two."""
    image = widget.grab().toImage()
    seen: set[int] = set()
    w, h = image.width(), image.height()
    if w == 0 or h == 0:
        return 0
    for y in range(0, h, max(1, h // 40)):
        for x in range(0, w, max(1, w // 40)):
            seen.add(image.pixel(x, y))
            if len(seen) >= limit:
                return len(seen)
    return len(seen)


def ask(qtbot: Any, request: Callable[[Callable[[Any], None]], None], timeout: int = 10_000) -> Any:
    """Make a request whose answer comes to a callback, and wait for the answer."""
    box: list[Any] = []
    request(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


def shoot(qtbot: Any, widget: QWidget | SignInWindow, name: str, *, min_colours: int = 0) -> Path:
    """Save a screenshot of ``widget`` (or of the sign-in window) to tests/artifacts/NAME.png.

    With ``min_colours``, first wait until the web page has that many colours and two grabs
    in a row are the same picture (a web view grabbed too early is blank; Chromium paints in
    tiles).
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if isinstance(widget, SignInWindow):
        reply = ask(
            qtbot,
            lambda done: widget.grab(str(path), done, min_colours=min_colours),
            timeout=15_000,
        )
        assert reply.get("ok"), reply
        return path
    if min_colours:
        qtbot.waitUntil(lambda: distinct_colours(widget) >= min_colours, timeout=10_000)
    qtbot.wait(50)  # let pending paint events run (no sleep: the event loop spins)
    assert widget.grab().save(str(path)), path
    return path


def run_js(qtbot: Any, signin: SignInWindow, script: str, timeout: int = 10_000) -> Any:
    """Run ``script`` in the sign-in window's page and return its result."""
    return ask(qtbot, lambda done: signin.run_js(script, done), timeout=timeout)


def navigate(qtbot: Any, signin: SignInWindow, url: str) -> None:
    """Make the page go to ``url`` (as a link on the page would; the policy applies)."""
    run_js(qtbot, signin, f"window.location.href = {json.dumps(url)}; true")


def click(qtbot: Any, signin: SignInWindow, name: str) -> None:
    """Click the sign-in window's ``cancel`` or ``browser`` button."""
    reply = ask(qtbot, lambda done: signin.click(name, done))
    assert reply.get("ok"), reply


def wait_for_element(
    qtbot: Any, signin: SignInWindow, selector: str, timeout: int = 10_000
) -> None:
    """Wait until the page's document has an element matching ``selector``."""
    deadline = time.monotonic() + timeout / 1000

    def present() -> bool:
        script = f"document.querySelector({selector!r}) !== null && document.readyState"
        result = run_js(qtbot, signin, script, timeout=max(1000, int(timeout / 2)))
        return result == "complete"

    while not present():
        assert time.monotonic() < deadline, f"{selector} never appeared"
        qtbot.wait(50)


def log_in(
    qtbot: Any, signin: SignInWindow, login: str = "ada@example.com", password: str = "demo"
) -> None:
    """Fill and submit the sandbox's login form."""
    wait_for_element(qtbot, signin, "#login-page form")
    run_js(
        qtbot,
        signin,
        f"document.querySelector('#login').value = {login!r};"
        f"document.querySelector('#password').value = {password!r};"
        "document.querySelector('button[name=step]').click(); true",
    )
    wait_for_element(qtbot, signin, "#consent-page form")


def decide(qtbot: Any, signin: SignInWindow, decision: str) -> None:
    """Click Grant or Deny on the sandbox's consent page."""
    run_js(qtbot, signin, f"document.querySelector('button[value={decision}]').click(); true")


def sandbox_settings(sandbox: TestSandbox) -> Settings:
    """Settings pointing at ``sandbox``."""
    return parse_settings(sandbox.client_settings())


class RecordingOpener:
    """Stands in for the system browser: records the URLs it was asked to open."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString())
        return True


@pytest.fixture(scope="session", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    """The QApplication with Box Login's name, icon and style."""
    return make_application()


@pytest.fixture
def make_window(
    qtbot: Any, tmp_path: Path, keyring_store: KeyringStore
) -> Iterator[Callable[..., MainWindow]]:
    """Build a main window on the real keyring store; closed (and drained) after the test."""
    windows: list[MainWindow] = []

    def make(
        settings: Settings | None, *, store: TokenStore | None = None, **kw: Any
    ) -> MainWindow:
        chosen = keyring_store if store is None else store
        kw.setdefault("store_factory", lambda _choice, _passphrase: chosen)
        kw.setdefault("login_factory", lambda s, st: BoxLogin(s, st, lock_dir=tmp_path / "locks"))
        kw.setdefault("success_linger_ms", 300)
        kw.setdefault("confirm", lambda *_args: True)
        window = MainWindow(settings, **kw)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.runner.wait_for_done(10)


def connect(qtbot: Any, window: MainWindow, name: str) -> SignInWindow:
    """Click Connect and return the sign-in window once the sandbox page is painted."""
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        qtbot.mouseClick(window.connect_button, Qt.MouseButton.LeftButton)
    signin = opened.args[0]
    assert isinstance(signin, SignInWindow)
    wait_for_element(qtbot, signin, "#login-page form", timeout=20_000)
    shoot(qtbot, signin, f"{name}-signin-login", min_colours=8)
    return signin


def sign_in(qtbot: Any, window: MainWindow, name: str) -> Any:
    """Connect → log in → grant; returns the StoredToken the window shows."""
    signin = connect(qtbot, window, name)
    log_in(qtbot, signin)
    shoot(qtbot, signin, f"{name}-signin-consent", min_colours=8)
    with qtbot.waitSignal(window.connected, timeout=15_000) as done:
        decide(qtbot, signin, "grant")
    return done.args[0]


# --- tests --------------------------------------------------------------------------------


def test_connect_end_to_end_saves_in_keyring_and_shows_user(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    window = make_window(sandbox_settings(sandbox))
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    shoot(qtbot, window, "connect-1-start")
    assert window.windowTitle() == "Box Login"
    events: list[tuple[str, str, str]] = []
    window.account_shown.connect(
        lambda _s: events.append(("shown", window.current_page(), window.panel.name_label.text()))
    )
    window.connected.connect(lambda _s: events.append(("connected", window.current_page(), "")))

    stored = sign_in(qtbot, window, "connect-2")

    # The panel showed the user while the keyring save was still running, then "connected"
    # followed once it was saved (the connected signal comes only after the save).
    assert events[0] == ("shown", "connected", "Ada Lovelace")
    assert events[-1][0] == "connected"

    # The tokens are in the real keyring, and Box (the sandbox) accepts them.
    saved = keyring_store.load("default")
    assert saved is not None
    assert saved.access_token == stored.access_token
    assert sandbox.is_access_token_active(saved.access_token)
    assert saved.refresh_token
    assert sandbox.is_refresh_token_active(saved.refresh_token)
    assert window.current_page() == "connected"
    assert window.panel.name_label.text() == "Ada Lovelace"
    assert window.panel.login_label.text() == "ada@example.com"
    assert window.panel.until_label.text().startswith("Connected until ")
    assert "Valid for" in window.panel.countdown_text()
    assert window.panel.store_label.text() == "Saved in GNOME Keyring / Secret Service"
    # The access key is masked until revealed.
    assert window.panel.secret.edit.displayText() != saved.access_token
    window.panel.secret.set_revealed(True)
    assert window.panel.secret.edit.displayText() == saved.access_token
    window.panel.secret.set_revealed(False)

    signin = window.signin_window
    if signin is not None and signin.is_running():  # the success page lingers, then closes
        shoot(qtbot, signin, "connect-3-signin-success")
        qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)
    shoot(qtbot, window, "connect-4-connected")


def test_refresh_now_rotates_tokens(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    window = make_window(sandbox_settings(sandbox))
    first = sign_in(qtbot, window, "refresh-1")
    qtbot.waitUntil(lambda: window.panel.refresh_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.refreshed, timeout=10_000) as done:
        qtbot.mouseClick(window.panel.refresh_button, Qt.MouseButton.LeftButton)
        # The button is disabled while its work runs.
        assert not window.panel.refresh_button.isEnabled()
    renewed = done.args[0]
    assert renewed.access_token != first.access_token
    assert not sandbox.is_refresh_token_active(first.refresh_token)
    assert keyring_store.load("default").refresh_token == renewed.refresh_token
    assert window.panel.secret.secret() == renewed.access_token
    assert sandbox.grant_count("refresh_token") == 1
    qtbot.waitUntil(lambda: window.panel.refresh_button.isEnabled(), timeout=5000)
    shoot(qtbot, window, "refresh-3-after")


def test_copy_access_key_and_clipboard_is_cleared(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window(sandbox_settings(sandbox), clipboard_clear_ms=400)
    stored = sign_in(qtbot, window, "copy-1")
    qtbot.waitUntil(lambda: window.panel.copy_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.copied, timeout=10_000):
        qtbot.mouseClick(window.panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == stored.access_token
    with qtbot.waitSignal(window.clipboard.cleared, timeout=5000):
        pass
    assert QGuiApplication.clipboard().text() == ""

    # Something else copied meanwhile is left alone.
    with qtbot.waitSignal(window.copied, timeout=10_000):
        qtbot.mouseClick(window.panel.copy_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText("my own text")
    with qtbot.waitSignal(window.clipboard.cleared, timeout=5000):
        pass
    assert QGuiApplication.clipboard().text() == "my own text"


def test_disconnect_revokes_at_box_and_removes_locally(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    questions: list[str] = []

    def confirm(_parent: Any, title: str, _text: str, _yes: str) -> bool:
        questions.append(title)
        return True

    window = make_window(sandbox_settings(sandbox), confirm=confirm)
    stored = sign_in(qtbot, window, "disconnect-1")
    qtbot.waitUntil(lambda: window.panel.disconnect_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.disconnected, timeout=10_000):
        qtbot.mouseClick(window.panel.disconnect_button, Qt.MouseButton.LeftButton)
    assert questions == ["Disconnect from Box?"]
    assert not sandbox.is_access_token_active(stored.access_token)
    assert not sandbox.is_refresh_token_active(stored.refresh_token)
    assert keyring_store.load("default") is None
    assert window.current_page() == "connect"
    assert "Box confirmed" in window.message.text
    shoot(qtbot, window, "disconnect-2-done")


def test_disconnect_offline_offers_to_forget_locally(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox: TestSandbox,
    keyring_store,
    tmp_path: Path,
) -> None:
    from core.http import MAX_RETRIES
    from core.oauth import AuthorizationManager

    answers = iter([True, True])
    questions: list[str] = []
    sleeps = Sleeps()  # Box's 503s are retried with back-off: recorded, not waited out

    def confirm(_parent: Any, title: str, _text: str, _yes: str) -> bool:
        questions.append(title)
        return next(answers)

    def login(settings: Settings, store: TokenStore) -> BoxLogin:
        auth = AuthorizationManager(settings.base_urls, network=settings.network, sleep=sleeps)
        return BoxLogin(settings, store, auth=auth, lock_dir=tmp_path / "locks")

    window = make_window(sandbox_settings(sandbox), confirm=confirm, login_factory=login)
    sign_in(qtbot, window, "offline-1")
    qtbot.waitUntil(lambda: window.panel.disconnect_button.isEnabled(), timeout=5000)
    sandbox.inject_fault("/oauth2/revoke", status=503, times=20)
    with qtbot.waitSignal(window.disconnected, timeout=20_000):
        qtbot.mouseClick(window.panel.disconnect_button, Qt.MouseButton.LeftButton)
    assert questions == ["Disconnect from Box?", "Box could not be reached"]
    assert keyring_store.load("default") is None
    assert "Removed from this computer" in window.message.text
    assert len(sleeps.calls) == MAX_RETRIES
    shoot(qtbot, window, "offline-2-forgotten")


def test_deny_shows_plain_message_and_saves_nothing(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    window = make_window(sandbox_settings(sandbox))
    signin = connect(qtbot, window, "deny-1")
    log_in(qtbot, signin)
    with qtbot.waitSignal(window.sign_in_failed, timeout=15_000) as failed:
        decide(qtbot, signin, "deny")
    from core.errors import AccessDeniedError

    assert failed.args[0].is_a(AccessDeniedError)
    assert "chose not to give access" in window.message.text
    assert keyring_store.load("default") is None
    assert window.current_page() == "connect"
    qtbot.waitUntil(lambda: window.connect_button.isEnabled(), timeout=5000)
    shoot(qtbot, window, "deny-2-message")


def test_cancel_stops_the_listener(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    window = make_window(sandbox_settings(sandbox))
    signin = connect(qtbot, window, "cancel-1")
    assert not window.connect_button.isEnabled()
    redirect_uri = window.controller.flow.redirect_uri  # type: ignore[union-attr]
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000) as failed:
        click(qtbot, signin, "cancel")

    assert failed.args[0].is_a(SignInCancelledError)
    assert window.message.isHidden()  # a cancel is not an error
    assert "cancelled" in window.statusBar().currentMessage()
    assert keyring_store.load("default") is None
    qtbot.waitUntil(lambda: window.connect_button.isEnabled(), timeout=5000)
    # The listener is gone: its port refuses connections.
    import requests

    with pytest.raises(requests.ConnectionError):
        requests.get(redirect_uri, timeout=2)
    shoot(qtbot, window, "cancel-2-after")


def test_hand_off_to_system_browser_continues_same_sign_in(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    # A page that sends the person to Google's sign-in, which refuses embedded browsers.
    sandbox.add_page(
        "/sso/google",
        # (a meta refresh: the sandbox's Content-Security-Policy forbids inline scripts)
        "<!DOCTYPE html><html><head><meta http-equiv='refresh' content='0; "
        "url=https://accounts.google.com/o/oauth2/v2/auth?client_id=x'></head>"
        "<body><p>Taking you to your company sign-in…</p></body></html>",
    )
    opener = RecordingOpener()
    window = make_window(sandbox_settings(sandbox), opener=opener)
    signin = connect(qtbot, window, "handoff-1")
    authorize_url = window.controller.flow.authorize_url  # type: ignore[union-attr]
    with qtbot.waitSignal(signin.handed_off, timeout=10_000):
        navigate(qtbot, signin, sandbox.url + "/sso/google")
    # Intercepted before any network: the system browser gets the same sign-in address.
    assert opener.urls == [authorize_url]
    assert signin.is_handed_off
    # The web engine's process is gone; a small window of this process says what to do.
    qtbot.waitUntil(lambda: not signin.is_running(), timeout=5000)
    assert signin.browser_dialog is not None
    assert "does not allow signing in inside another app" in signin.browser_dialog.text.text()
    shoot(qtbot, signin, "handoff-2-continue-in-browser")
    # The "browser" finishes the same sign-in: same state, same listener.
    with qtbot.waitSignal(window.connected, timeout=15_000):
        complete_authorization(opener.urls[0])
    assert window.panel.name_label.text() == "Ada Lovelace"
    assert keyring_store.load("default") is not None
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)
    shoot(qtbot, window, "handoff-3-connected")


def test_open_in_browser_button_hands_off(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    opener = RecordingOpener()
    window = make_window(sandbox_settings(sandbox), opener=opener)
    signin = connect(qtbot, window, "browserbutton-1")
    with qtbot.waitSignal(signin.handed_off, timeout=5000):
        click(qtbot, signin, "browser")
    assert opener.urls == [window.controller.flow.authorize_url]  # type: ignore[union-attr]
    dialog = signin.browser_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000) as failed:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert failed.args[0].is_a(SignInCancelledError)
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)


def test_plain_http_navigation_is_blocked(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    other = TestSandbox().start()  # another http server on this computer: not allowed
    try:
        window = make_window(sandbox_settings(sandbox))
        signin = connect(qtbot, window, "blocked-1")
        navigate(qtbot, signin, other.url + "/api/oauth2/authorize")
        qtbot.waitUntil(lambda: signin.message_level == "warning", timeout=5000)
        assert "not secure" in signin.message_text
        assert other.requests == []  # nothing was sent
        shoot(qtbot, signin, "blocked-2-warning")
        with qtbot.waitSignal(window.sign_in_failed, timeout=10_000):
            click(qtbot, signin, "cancel")
    finally:
        other.stop()


def test_first_run_demo_signs_in_against_in_process_sandbox(
    qtbot: Any, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(None)
    assert window.current_page() == "first_run"
    shoot(qtbot, window, "demo-1-first-run")
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        qtbot.mouseClick(window.first_run.demo_button, Qt.MouseButton.LeftButton)
    assert window.demo
    assert window.sandbox is not None
    # Qt shows "Demo — Box Login": the title leaves the app name to the application.
    assert window.windowTitle() == "Demo"
    signin = opened.args[0]
    wait_for_element(qtbot, signin, "#login-page form", timeout=20_000)
    assert signin.address is not None
    assert signin.address[1] == "demo"
    assert signin.message_level == "info"  # the demo hint
    assert ask(qtbot, signin.current_url).startswith(window.sandbox.url + "/api/oauth2/authorize")
    shoot(qtbot, signin, "demo-2-signin", min_colours=8)
    log_in(qtbot, signin)
    with qtbot.waitSignal(window.connected, timeout=15_000):
        decide(qtbot, signin, "grant")
    assert window.panel.name_label.text() == "Ada Lovelace"
    assert "memory only" in window.panel.store_label.text()
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)
    shoot(qtbot, window, "demo-3-connected")
    sandbox = window.sandbox
    window.close()
    assert not sandbox.running


def test_access_key_renews_itself_before_expiry(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox: TestSandbox,
    sandbox_clock: Any,
    tmp_path: Path,
) -> None:
    window = make_window(sandbox_settings(sandbox), clock=sandbox_clock)
    first = sign_in(qtbot, window, "renew-1")
    assert sandbox.grant_count("refresh_token") == 0
    # Ten minutes before expiry nothing happens…
    sandbox_clock.advance(3600 - 600)
    with qtbot.assertNotEmitted(window.refreshed, wait=1500):
        pass
    # …five minutes before, the window renews in the background.
    sandbox_clock.advance(310)
    with qtbot.waitSignal(window.refreshed, timeout=5000) as renewed:
        pass
    assert renewed.args[0].access_token != first.access_token
    assert sandbox.grant_count("refresh_token") == 1
    assert window.panel.secret.secret() == renewed.args[0].access_token


def test_profiles_add_and_switch(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    window = make_window(sandbox_settings(sandbox))
    sign_in(qtbot, window, "profiles-1")
    qtbot.waitUntil(lambda: window.signin_window is None and not window.is_busy(), timeout=5000)
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        window.add_profile("work")
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=5000)
    assert window.profile == "work"
    titles = [window.profile_combo.itemText(i) for i in range(window.profile_combo.count())]
    assert "Ada Lovelace (Main account)" in titles
    assert "work" in titles
    assert titles[-1] == "Add another Box account…"
    shoot(qtbot, window, "profiles-2-work-empty")
    with qtbot.waitSignal(window.connected, timeout=5000) as shown:
        window.switch_profile("default")
    assert shown.args[0].user_login == "ada@example.com"
    assert keyring_store.load("work") is None


def test_console_goes_to_debug_log_and_no_secret_is_logged(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox: TestSandbox,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    caplog.set_level(logging.DEBUG)
    window = make_window(sandbox_settings(sandbox))
    signin = connect(qtbot, window, "logging-1")
    state = parse_qs(urlsplit(window.controller.flow.authorize_url).query)["state"][0]  # type: ignore[union-attr]
    run_js(qtbot, signin, f"console.warn('hello from the page ?state={state}'); true")
    qtbot.waitUntil(lambda: "hello from the page" in caplog.text, timeout=5000)
    log_in(qtbot, signin)
    with qtbot.waitSignal(window.connected, timeout=15_000) as done:
        decide(qtbot, signin, "grant")
    stored = done.args[0]
    code = sandbox.requests_to("/oauth2/token")[0].form["code"]
    records = [r for r in caplog.records if r.name.startswith("gui.")]
    assert any("Sign-in page console" in r.getMessage() for r in records)
    text = caplog.text
    for secret in (stored.access_token, stored.refresh_token, state, code):
        assert secret not in text


def _is_chromium(pid: int) -> bool:
    try:
        return "QtWebEngine" in Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_web_engine_lives_only_in_the_sign_in_window_process_which_ends_with_it(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    window = make_window(sandbox_settings(sandbox))
    signin = connect(qtbot, window, "process-1")
    child = signin.process_id
    assert child
    assert child != os.getpid()
    assert _alive(child)
    chromium = descendants(child)
    assert any(_is_chromium(p) for p in chromium), "Chromium's helpers are the child's"
    mine = descendants(os.getpid())
    assert {child} | chromium <= mine
    assert {p for p in mine if _is_chromium(p)} == {p for p in chromium if _is_chromium(p)}
    # Drawn in software, the sign-in window's process loads no OpenGL driver (Mesa/LLVM).
    maps = Path(f"/proc/{child}/maps").read_text()
    assert "libQt6WebEngineCore" in maps
    assert "_dri.so" not in maps
    assert "libLLVM" not in maps
    # This process (the main window's) never loads Qt WebEngine.
    assert not [m for m in sys.modules if "WebEngine" in m]
    # The authorize address (it carries the state) is not on the child's command line.
    command_line = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
    assert command_line[-2:] == [b"--sign-in-window", b""]
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000):
        click(qtbot, signin, "cancel")
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=10_000)
    qtbot.waitUntil(lambda: not any(_alive(p) for p in {child} | chromium), timeout=10_000)
    assert not [m for m in sys.modules if "WebEngine" in m]


def test_sign_in_window_crash_offers_the_browser_and_the_same_sign_in(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, keyring_store
) -> None:
    opener = RecordingOpener()
    window = make_window(sandbox_settings(sandbox), opener=opener)
    signin = connect(qtbot, window, "crash-1")
    authorize_url = window.controller.flow.authorize_url  # type: ignore[union-attr]
    os.kill(signin.process_id, signal.SIGKILL)
    qtbot.waitUntil(lambda: signin.browser_dialog is not None, timeout=10_000)
    dialog = signin.browser_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.title.text() == "The sign-in window stopped"
    assert "closed unexpectedly" in dialog.text.text()
    assert dialog.open_button.text() == "Open in my browser instead"
    assert window.controller.flow is not None  # the sign-in still waits: nothing was lost
    assert opener.urls == []
    shoot(qtbot, dialog, "crash-2-stopped")
    with qtbot.waitSignal(signin.handed_off, timeout=5000):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opener.urls == [authorize_url]
    with qtbot.waitSignal(window.connected, timeout=15_000):
        complete_authorization(opener.urls[0])
    assert window.panel.name_label.text() == "Ada Lovelace"
    assert keyring_store.load("default") is not None
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)


def test_sign_in_window_crash_then_cancel_stops_the_listener(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    window = make_window(sandbox_settings(sandbox))
    signin = connect(qtbot, window, "crashcancel-1")
    redirect_uri = window.controller.flow.redirect_uri  # type: ignore[union-attr]
    os.kill(signin.process_id, signal.SIGKILL)
    qtbot.waitUntil(lambda: signin.browser_dialog is not None, timeout=10_000)
    dialog = signin.browser_dialog
    assert dialog is not None
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000) as failed:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert failed.args[0].is_a(SignInCancelledError)
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=5000)
    qtbot.waitUntil(lambda: window.connect_button.isEnabled(), timeout=5000)
    import requests

    with pytest.raises(requests.ConnectionError):
        requests.get(redirect_uri, timeout=2)


def test_sign_in_window_process_exits_when_its_input_closes(sandbox: TestSandbox) -> None:
    # The main window's process died: the sign-in window must not outlive it.
    from urllib.parse import urlencode

    from core.settings import DEFAULT_REDIRECT_URIS

    query = urlencode(
        {
            "response_type": "code",
            "client_id": sandbox.client_id,
            "redirect_uri": DEFAULT_REDIRECT_URIS[0],
            "state": "not-a-real-state",
        }
    )
    options = {
        "authorize_url": f"{sandbox.url}/api/oauth2/authorize?{query}",
        "redirect_uri": DEFAULT_REDIRECT_URIS[0],
    }
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--sign-in-window"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdin is not None
    assert child.stdout is not None
    child.stdin.write(json.dumps(options).encode() + b"\n")
    child.stdin.flush()
    events = []
    for raw in child.stdout:
        events.append(json.loads(raw))
        if events[-1].get("event") == "loaded":
            break
    assert {"event": "loaded", "ok": True} in events
    assert any(e.get("event") == "address" and e.get("kind") == "demo" for e in events)
    child.stdin.close()
    try:
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()
    rest = [json.loads(raw) for raw in child.stdout]
    assert rest[-1] == {"event": "closed"}


def test_sign_in_window_refuses_input_that_is_not_a_sign_in() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--sign-in-window"],
        cwd=ROOT,
        input=b"not json\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"expected the sign-in on standard input" in result.stderr


def _self_signed_https_server(tmp_path: Path) -> tuple[Any, str]:
    import datetime
    import http.server
    import ssl
    import threading

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<h1>not Box</h1>")

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"https://127.0.0.1:{server.server_address[1]}/"


def test_certificate_error_is_refused_with_plain_explanation(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, tmp_path: Path
) -> None:
    server, url = _self_signed_https_server(tmp_path)
    try:
        window = make_window(sandbox_settings(sandbox))
        signin = connect(qtbot, window, "certificate-1")
        with qtbot.waitSignal(signin.page_loaded, timeout=10_000):
            navigate(qtbot, signin, url)
        qtbot.waitUntil(lambda: signin.message_level == "error", timeout=10_000)
        assert signin.address is not None
        assert signin.address[1] == SiteKind.INSECURE.value
        assert signin.address[2] == "Not secure"
        assert "security certificate could not be verified" in signin.message_text
        assert "127.0.0.1" in signin.message_text
        shoot(qtbot, signin, "certificate-2-refused")
        with qtbot.waitSignal(window.sign_in_failed, timeout=10_000):
            click(qtbot, signin, "cancel")
    finally:
        server.shutdown()


def test_advanced_server_and_limited_keys(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    window = make_window(sandbox_settings(sandbox))
    sign_in(qtbot, window, "advanced-1")
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5000)
    window.advanced_action.trigger()
    dialog = window.advanced_dialog
    qtbot.waitExposed(dialog)

    dialog.ccg_subject_id.setText(sandbox.enterprise_id)
    with qtbot.waitSignal(dialog.token_received, timeout=10_000) as got:
        qtbot.mouseClick(dialog.ccg_button, Qt.MouseButton.LeftButton)
    ccg = got.args[1]
    assert sandbox.is_access_token_active(ccg.access_token)
    assert dialog.ccg_result.secret.secret() == ccg.access_token
    assert dialog.ccg_result.expiry.text().startswith("Valid until")
    shoot(qtbot, dialog, "advanced-2-server-key")

    dialog.tabs.setCurrentIndex(2)
    dialog.ds_resource.setText(sandbox.url + "/2.0/files/123")
    with qtbot.waitSignal(dialog.token_received, timeout=10_000) as got:
        qtbot.mouseClick(dialog.ds_button, Qt.MouseButton.LeftButton)
    limited = got.args[1]
    assert limited.restricted_to
    assert "Limited to" in dialog.ds_result.expiry.text()
    shoot(qtbot, dialog, "advanced-3-limited-key")

    # A wrong subject: a plain message with details, never a secret.
    dialog.tabs.setCurrentIndex(0)
    dialog.ccg_user.setChecked(True)
    dialog.ccg_subject_id.setText("no-such-user")
    qtbot.mouseClick(dialog.ccg_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.level == "error" and dialog.message.isVisible())
    assert sandbox.client_secret not in dialog.message.details.toPlainText()
    dialog.close()


def test_advanced_jwt_with_passphrase_prompt(
    qtbot: Any, sandbox_factory: Callable[..., TestSandbox], tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from gui.advanced import AdvancedDialog
    from gui.worker import TaskRunner

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sandbox = sandbox_factory(jwt_public_keys={"kid1": public_pem.decode()})
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"open sesame"),
    ).decode()
    config = tmp_path / "123_config.json"
    config.write_text(
        json.dumps(
            {
                "boxAppSettings": {
                    "clientID": sandbox.client_id,
                    "clientSecret": sandbox.client_secret,
                    "appAuth": {"publicKeyID": "kid1", "privateKey": encrypted, "passphrase": ""},
                },
                "enterpriseID": sandbox.enterprise_id,
            }
        )
    )
    asked: list[bool] = []

    def ask(_parent: Any) -> str:
        asked.append(True)
        return "open sesame"

    dialog = AdvancedDialog(
        sandbox_settings(sandbox), None, "default", runner=TaskRunner(), ask_passphrase=ask
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.jwt_path.setText(str(config))
    with qtbot.waitSignal(dialog.token_received, timeout=15_000) as got:
        qtbot.mouseClick(dialog.jwt_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    assert sandbox.is_access_token_active(got.args[1].access_token)
    shoot(qtbot, dialog, "advanced-4-jwt")


class _FailingSaveStore(MemoryStore):
    """A store whose writes fail, like a keyring that breaks mid-save (cannot be staged with
    the real GNOME Keyring here)."""

    def save(self, token: StoredToken) -> None:
        raise StoreError("The password store refused the write.")


def test_failed_save_after_the_account_was_shown_goes_back_to_connect(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    window = make_window(sandbox_settings(sandbox), store=_FailingSaveStore())
    signin = connect(qtbot, window, "savefail-1")
    log_in(qtbot, signin)
    with (
        qtbot.waitSignal(window.sign_in_failed, timeout=15_000) as failed,
        qtbot.waitSignal(window.account_shown, timeout=15_000),
    ):
        decide(qtbot, signin, "grant")
    assert failed.args[0].is_a(StoreError)
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    assert window.panel.stored is None
    assert "refused the write" in window.message.text
    # Nobody holds the grant: core revoked what Box issued.
    assert sandbox.grant_count("authorization_code") == 1
    revoked = _revoked_tokens(sandbox)
    assert revoked
    assert not any(sandbox.is_refresh_token_active(t) for t in revoked)
    shoot(qtbot, window, "savefail-2-message")


def _revoked_tokens(sandbox: TestSandbox) -> list[str]:
    tokens = []
    for request in sandbox.requests:
        if request.path.endswith("/oauth2/revoke"):
            tokens.append(str(request.form.get("token", "")))
    return [t for t in tokens if t]


@pytest.mark.product_hooks
def test_the_products_sign_in_window_refuses_test_commands(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    """Without SignInWindow.test_hooks (as in the product) the sign-in window's process runs
    no script in the Box page and takes no screenshot, whoever writes to its input."""
    window = make_window(sandbox_settings(sandbox))
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        qtbot.mouseClick(window.connect_button, Qt.MouseButton.LeftButton)
    signin = opened.args[0]
    assert isinstance(signin, SignInWindow)
    qtbot.waitSignal(signin.page_loaded, timeout=20_000).wait()
    for request in (
        lambda done: signin.run_js("document.title", done),
        lambda done: signin.current_url(done),
        lambda done: signin.load("data:text/html,x", done),
    ):
        reply = ask(qtbot, request, timeout=15_000)
        assert not reply or (isinstance(reply, dict) and reply.get("error")), reply
