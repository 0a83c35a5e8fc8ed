"""The window's parts on their own: worker, navigation rules, panel countdown, clipboard guard,
message bar, setup dialog, smoke test. Real Qt under Xvfb; no network except where noted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from core.errors import AccessDeniedError, InvalidClientError  # noqa: E402
from gui import theme  # noqa: E402
from gui.failure import UNEXPECTED_MESSAGE, Failure  # noqa: E402
from gui.navigation import Decision, NavigationPolicy, SiteKind, display_host  # noqa: E402
from gui.worker import TaskRunner  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    """The QApplication with Box Login's name, icon and style (screenshots show the real look)."""
    from gui.app import make_application

    return make_application()


def _assert_laid_out_without_overlap(parent: Any) -> None:
    """No two visible text-bearing widgets of ``parent`` overlap, none is squeezed below the
    height its text needs (wrapped text included)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

    boxes: list[tuple[str, QRect]] = []
    kinds = (QLabel, QLineEdit, QPlainTextEdit, QAbstractButton)
    for widget in parent.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(parent) or not widget.width():
            continue
        if any(isinstance(p, kinds) for p in _ancestors(widget, parent)):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed = widget.heightForWidth(widget.width())
            assert widget.height() >= needed, f"{widget.text()[:40]!r} is cut off"
        rect = QRect(widget.mapTo(parent, widget.rect().topLeft()), widget.size())
        name = getattr(widget, "text", lambda: "")() or type(widget).__name__
        boxes.append((str(name)[:40], rect))
    for i, (name, rect) in enumerate(boxes):
        for other_name, other in boxes[i + 1 :]:
            inside = rect.contains(other) or other.contains(rect)  # e.g. a button's own parts
            assert inside or not rect.intersects(other), f"{name!r} overlaps {other_name!r}"


def _ancestors(widget: Any, top: Any) -> list[Any]:
    """``widget``'s parents up to (not including) ``top``."""
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


# --- worker ---------------------------------------------------------------------------------


def _collect(runner: TaskRunner, fn: Any) -> tuple[list[Any], list[Failure]]:
    ok: list[Any] = []
    bad: list[Failure] = []
    runner.start(fn, ok.append, bad.append)
    return ok, bad


def test_worker_reports_result_on_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner()
    threads: list[bool] = []
    ok: list[Any] = []
    main = threading.get_ident()

    def on_ok(value: Any) -> None:
        threads.append(threading.get_ident() == main)
        ok.append(value)

    ran_on: list[int] = []

    def work() -> tuple[int, int]:
        ran_on.append(threading.get_ident())
        return (1, 2)

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.start(work, on_ok, lambda f: pytest.fail(f.details))
    assert ok == [(1, 2)]
    assert threads == [True]
    assert ran_on[0] != main


def test_worker_reports_none_result_as_success(qtbot: Any) -> None:
    runner = TaskRunner()
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        ok, bad = _collect(runner, lambda: None)
    assert ok == [None]
    assert bad == []


def test_worker_turns_box_login_error_into_failure(qtbot: Any) -> None:
    runner = TaskRunner()

    def work() -> None:
        raise InvalidClientError(status=400, error="invalid_client", request_id="r1")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        ok, bad = _collect(runner, work)
    assert ok == []
    (failure,) = bad
    assert failure.is_a(InvalidClientError)
    assert not failure.is_a(AccessDeniedError)
    assert failure.message == "Box rejected the app's client ID or client secret."
    assert "Ask whoever gave you this app" in failure.text
    assert "HTTP 400" in failure.details
    assert "box-request-id=r1" in failure.details


def test_worker_never_leaks_a_foreign_exception_text(qtbot: Any) -> None:
    runner = TaskRunner()

    def work() -> None:
        raise ValueError("refresh_token=SECRET-VALUE-123 could not be parsed")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        _ok, bad = _collect(runner, work)
    (failure,) = bad
    assert failure.message == UNEXPECTED_MESSAGE
    assert failure.details.startswith("ValueError at test_gui_units.py:")
    assert "SECRET" not in failure.text + failure.details


def test_worker_emits_exactly_one_outcome_each(qtbot: Any) -> None:
    runner = TaskRunner()
    outcomes: list[str] = []

    def maybe_fail(i: int) -> int:
        if i % 2:
            raise RuntimeError("odd")
        return i

    for i in range(10):
        runner.start(
            lambda i=i: maybe_fail(i),
            lambda _v: outcomes.append("ok"),
            lambda _f: outcomes.append("failed"),
        )
    qtbot.waitUntil(lambda: len(outcomes) >= 10, timeout=5000)
    qtbot.wait(100)
    assert sorted(outcomes) == ["failed"] * 5 + ["ok"] * 5
    assert not runner.is_busy()


def test_worker_relays_progress(qtbot: Any) -> None:
    runner = TaskRunner()
    seen: list[str] = []
    holder: list[Any] = []
    ready = threading.Event()

    def work() -> str:
        assert ready.wait(5)
        holder[0].report("step one")
        return "done"

    holder.append(runner.start(work, on_progressed=seen.append))
    ready.set()
    qtbot.waitUntil(lambda: seen == ["step one"], timeout=5000)


def test_worker_signals_are_deleted_on_the_gui_thread(qtbot: Any) -> None:
    # The pool deletes a finished runnable on its own thread. If the GUI side had already let
    # go of the worker, its signals QObject was deleted there too, racing the GUI thread that
    # was delivering and disconnecting its queued signals: a rare segfault of the whole run.
    import weakref

    from gui.worker import workers_in_pool

    main = threading.get_ident()
    deleted_on: list[int] = []
    for _round in range(10):
        runner = TaskRunner()
        outcomes: list[Any] = []
        for i in range(10):
            worker = runner.start(lambda i=i: i, outcomes.append)
            weakref.finalize(worker.signals, lambda: deleted_on.append(threading.get_ident()))
            del worker
        qtbot.waitUntil(lambda r=runner, o=outcomes: len(o) == 10 and not r.is_busy(), timeout=5000)
    qtbot.waitUntil(lambda: workers_in_pool() == 0, timeout=5000)
    # Some go at once; the rest when the pool's Python wrappers let go of them, later. Measured
    # on a loaded 2-core machine: 10 to 94 of the 100 within a second (so a bound of 50 failed
    # about one run in four). What this test guards is the thread: every deletion seen here,
    # however many, happened on the GUI thread. At least one round's worth must be seen.
    qtbot.waitUntil(lambda: len(deleted_on) >= 10, timeout=5000)
    qtbot.wait(100)
    assert all(thread == main for thread in deleted_on)


# --- navigation ----------------------------------------------------------------------------

BOX_AUTHORIZE = "https://account.box.com/api/oauth2/authorize?client_id=x&state=s"
REDIRECT = "http://127.0.0.1:8765/callback"


def test_navigation_policy_for_box() -> None:
    policy = NavigationPolicy.for_sign_in(BOX_AUTHORIZE, REDIRECT)
    assert policy.decide(BOX_AUTHORIZE) is Decision.ALLOW
    assert policy.decide("https://sso.example.com/login") is Decision.ALLOW
    assert policy.decide(REDIRECT + "?code=c&state=s") is Decision.REDIRECT
    # Another port or path on this computer is not the return address.
    assert policy.decide("http://127.0.0.1:8766/callback?code=c") is Decision.BLOCK
    assert policy.decide("http://127.0.0.1:8765/other") is Decision.BLOCK
    assert policy.decide("http://example.com/login") is Decision.BLOCK
    assert policy.decide("http://127.0.0.1:9999/api/oauth2/authorize") is Decision.BLOCK
    assert policy.decide("ftp://example.com/") is Decision.BLOCK
    assert policy.decide("file:///etc/passwd") is Decision.BLOCK
    assert policy.decide("https://accounts.google.com/o/oauth2/auth") is Decision.HAND_OFF
    assert policy.site_kind(BOX_AUTHORIZE) is SiteKind.BOX
    assert policy.site_kind("https://app.box.com/") is SiteKind.BOX
    assert policy.site_kind("https://evilbox.com/") is SiteKind.OTHER
    assert policy.site_kind("https://box.com.evil.example/") is SiteKind.OTHER
    assert policy.site_kind("http://example.com/") is SiteKind.INSECURE
    assert policy.site_kind(REDIRECT) is SiteKind.LOCAL


def test_navigation_policy_for_sandbox_allows_only_its_origin() -> None:
    sandbox = "http://127.0.0.1:41000/api/oauth2/authorize?client_id=x"
    policy = NavigationPolicy.for_sign_in(sandbox, REDIRECT)
    assert policy.local_sign_in_server
    assert policy.decide(sandbox) is Decision.ALLOW
    assert policy.decide("http://127.0.0.1:41000/anything") is Decision.ALLOW
    assert policy.decide("http://127.0.0.1:41001/anything") is Decision.BLOCK
    assert policy.decide("http://localhost:41000/anything") is Decision.BLOCK
    assert policy.site_kind(sandbox) is SiteKind.DEMO
    # Another (https) port on this computer is not the sign-in server.
    assert policy.site_kind("https://127.0.0.1:41001/") is SiteKind.OTHER


def test_navigation_policy_allows_what_a_sign_in_page_makes_itself() -> None:
    policy = NavigationPolicy.for_sign_in("https://sso.example.com/login?x=1", REDIRECT)
    page = "https://sso.example.com/login?x=1"
    own_blob = "blob:https://sso.example.com/0b7c1e2a-9f4d-4c4e-8a57-3e2f7d1c9b10"
    # Frames the page writes itself, and blobs of its own origin (in a frame or as the page).
    assert policy.decide("about:srcdoc", main_frame=False, current=page) is Decision.ALLOW
    assert policy.decide("about:blank", main_frame=False, current=page) is Decision.ALLOW
    assert policy.decide(own_blob, main_frame=False, current=page) is Decision.ALLOW
    assert policy.decide(own_blob, main_frame=True, current=page) is Decision.ALLOW
    assert policy.decide(own_blob, current=own_blob) is Decision.ALLOW  # from its own blob page
    assert policy.decide("data:text/html,<p>x", main_frame=False, current=page) is Decision.ALLOW
    # Not as the whole page, not from another origin, not without knowing the page.
    assert policy.decide("about:srcdoc", main_frame=True, current=page) is Decision.BLOCK
    assert policy.decide("data:text/html,<p>x", current=page) is Decision.BLOCK
    assert policy.decide("data:text/html;base64,PHA+", main_frame=True) is Decision.BLOCK
    assert policy.decide(own_blob, current="https://other.example.com/") is Decision.BLOCK
    assert policy.decide(own_blob, current="https://sso.example.com:8443/") is Decision.BLOCK
    assert policy.decide(own_blob) is Decision.BLOCK
    assert policy.decide("blob:null/0b7c1e2a", current=page) is Decision.BLOCK
    assert policy.decide("blob:http://sso.example.com/0b7c", current=page) is Decision.BLOCK
    assert (
        policy.decide("blob:http://sso.example.com/0b7c", current="http://sso.example.com/")
        is Decision.BLOCK
    )
    assert (
        policy.decide(
            "blob:https://accounts.google.com/0b7c", current="https://accounts.google.com/"
        )
        is Decision.BLOCK
    )
    # Still blocked, in any frame.
    for frame in (True, False):
        for url in (
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://example.com/",
            "about:version",
            "about:blankness",
            "chrome://settings",
            "filesystem:https://sso.example.com/temporary/x",
        ):
            assert policy.decide(url, main_frame=frame, current=page) is Decision.BLOCK, url
    # A blob page is shown as the page that made it.
    box = NavigationPolicy.for_sign_in(BOX_AUTHORIZE, REDIRECT)
    assert box.site_kind(own_blob) is SiteKind.OTHER
    assert box.site_kind("blob:https://account.box.com/0b7c") is SiteKind.BOX
    assert display_host(own_blob) == "sso.example.com"


def test_navigation_policy_allows_the_demo_servers_own_blobs_only() -> None:
    sandbox = "http://127.0.0.1:41000/api/oauth2/authorize?client_id=x"
    policy = NavigationPolicy.for_sign_in(sandbox, REDIRECT)
    blob = "blob:http://127.0.0.1:41000/0b7c1e2a"
    assert policy.decide(blob, main_frame=False, current=sandbox) is Decision.ALLOW
    assert policy.site_kind(blob) is SiteKind.DEMO
    other = "blob:http://127.0.0.1:41001/0b7c1e2a"
    assert policy.decide(other, current="http://127.0.0.1:41001/") is Decision.BLOCK
    callback = "blob:http://127.0.0.1:8765/0b7c1e2a"
    assert policy.decide(callback, current="http://127.0.0.1:8765/callback") is Decision.BLOCK


def test_display_host_shows_no_path_or_query() -> None:
    assert display_host(BOX_AUTHORIZE) == "account.box.com"
    assert display_host("http://127.0.0.1:8765/callback?code=abc") == "127.0.0.1:8765"


def test_console_redaction() -> None:
    from gui.signin_window import redact_console

    text = redact_console("failed to load https://x.example/cb?code=abc123&state=zz token ABCD" * 1)
    assert "abc123" not in text
    assert "zz" not in text
    assert "abcdefghijklmnopqrstuvwxyz0123" not in redact_console(
        "value abcdefghijklmnopqrstuvwxyz0123456789"
    )


# --- look --------------------------------------------------------------------------------


def test_initials() -> None:
    assert theme.initials("Ada Lovelace", "ada@example.com") == "AL"
    assert theme.initials("Grace Brewster Murray Hopper", None) == "GH"
    assert theme.initials("Plato", None) == "PL"
    assert theme.initials("", "zoe@example.com") == "Z"
    assert theme.initials(None, None) == "?"
    assert theme.avatar_colour("ada@example.com") == theme.avatar_colour("ada@example.com")


def test_every_icon_is_a_valid_svg(qapp: Any) -> None:
    for name in (
        "icon",
        "lock",
        "warning",
        "error",
        "info",
        "check",
        "copy",
        "eye",
        "eye-off",
        "chevron-down",
    ):
        icon = theme.icon(name)
        assert not icon.isNull(), name
        image = icon.pixmap(48, 48).toImage()
        assert image.width() == 48
        colours = {image.pixel(x, y) for x in range(0, 48, 3) for y in range(0, 48, 3)}
        assert len(colours) > 2, name


def test_panel_countdown_and_renewal_due(qtbot: Any, sandbox_clock: Any) -> None:
    from gui.token_panel import TokenPanel
    from tests.screenshots import connected_token

    panel = TokenPanel(clock=sandbox_clock, renew_before=300)
    qtbot.addWidget(panel)
    now = sandbox_clock()
    panel.show_token(connected_token(now), "GNOME Keyring / Secret Service")
    assert panel.countdown_text().startswith("Valid for 1 h 0 min")
    assert panel.scope_label.text() == "Read and change all your files and folders"
    sandbox_clock.advance(3600 - 299)
    with qtbot.waitSignal(panel.renewal_due, timeout=3000):
        pass
    assert panel.countdown_text().startswith("Renewing now")
    # Only once per key.
    with qtbot.assertNotEmitted(panel.renewal_due, wait=1500):
        pass
    panel.stop()


def test_message_bar_details(qtbot: Any) -> None:
    from gui.widgets import MessageBar

    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_failure(Failure(InvalidClientError, "Box rejected it.", "Ask.", "HTTP 400"))
    assert bar.level == "error"
    assert bar.text == "Box rejected it. Ask."
    assert bar.details.isHidden()
    bar.details_button.click()
    assert bar.details.toPlainText() == "HTTP 400"
    assert not bar.details.isHidden()
    bar.close_button.click()
    assert bar.isHidden()


# --- setup ----------------------------------------------------------------------------------


def test_setup_dialog_saves_checked_settings(qtbot: Any, tmp_path: Path) -> None:
    from gui.setup_dialog import SetupDialog

    target = tmp_path / "config.json"
    dialog = SetupDialog(None, save_path=target)
    qtbot.addWidget(dialog)
    dialog.show()
    # Missing client ID: a plain message naming the field, nothing written.
    dialog.save_button.click()
    assert "client_id" in dialog.message.text
    assert not target.exists()
    dialog.client_id.setText("my-client")
    dialog.client_secret.setText("my-secret")
    dialog.scope.setText("root_readonly")
    with qtbot.waitSignal(dialog.settings_saved, timeout=2000) as saved:
        dialog.save_button.click()
    settings = saved.args[0]
    assert settings.client_id == "my-client"
    assert settings.scope == "root_readonly"
    data = json.loads(target.read_text())
    assert data["client_secret"] == "my-secret"
    assert target.stat().st_mode & 0o077 == 0


def test_setup_dialog_imports_a_settings_file(qtbot: Any, tmp_path: Path) -> None:
    from gui.setup_dialog import SetupDialog

    good = tmp_path / "good.json"
    good.write_text(json.dumps({"client_id": "abc", "client_secret": "def"}))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    dialog = SetupDialog(None, save_path=tmp_path / "out.json")
    qtbot.addWidget(dialog)
    assert not dialog.import_file(bad)
    assert "not valid JSON" in dialog.message.text
    assert dialog.import_file(good)
    assert dialog.client_id.text() == "abc"
    dialog.show()
    qtbot.waitExposed(dialog)
    ARTIFACTS.mkdir(exist_ok=True)
    qtbot.wait(50)
    _assert_laid_out_without_overlap(dialog)
    dialog.grab().save(str(ARTIFACTS / "setup-dialog.png"))
    # Box's own addresses stay out of the way until asked for.
    assert not dialog.addresses_card.isVisibleTo(dialog)
    dialog.addresses_button.click()
    qtbot.waitUntil(lambda: dialog.height() >= dialog.layout().heightForWidth(dialog.width()))
    _assert_laid_out_without_overlap(dialog)
    dialog.grab().save(str(ARTIFACTS / "setup-dialog-addresses.png"))


def test_setup_dialog_shows_changed_box_addresses(qtbot: Any, tmp_path: Path) -> None:
    from core.settings import parse_settings
    from gui.setup_dialog import SetupDialog

    custom = parse_settings(
        {
            "client_id": "c",
            "client_secret": "s",
            "base_url": "http://127.0.0.1:9",
            "oauth_2_url": "http://127.0.0.1:9/api/oauth2",
        }
    )
    dialog = SetupDialog(custom, save_path=tmp_path / "out.json")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.addresses_card.isVisible()
    assert dialog.base_url.text() == "http://127.0.0.1:9"
    _assert_laid_out_without_overlap(dialog)
    plain = SetupDialog(parse_settings({"client_id": "c", "client_secret": "s"}))
    qtbot.addWidget(plain)
    assert not plain.addresses_card.isVisibleTo(plain)


# --- smoke test ------------------------------------------------------------------------------


def _smoke(env: dict[str, str] | None = None, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--smoke-test", *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_smoke_test_shows_window_and_names_the_keyring() -> None:
    result = _smoke()
    assert result.returncode == 0, result.stderr
    assert "Window: Box Login (shown)" in result.stdout
    assert "Keyring backend: keyring.backends.SecretService.Keyring" in result.stdout
    # The embedded browser loaded a page and ran JavaScript, and was released cleanly.
    assert "Web view: page loaded and JavaScript ran" in result.stdout
    assert "Release of profile requested" not in result.stderr
    assert "could not start" not in result.stderr


def test_smoke_test_fails_when_the_web_view_cannot_start(tmp_path: Path) -> None:
    # A bundle whose web page process cannot run (missing, wrong libraries): a plain
    # message and its own exit status, not a silent 0 and not a hang.
    broken = tmp_path / "QtWebEngineProcess"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    result = _smoke({**os.environ, "QTWEBENGINEPROCESS_PATH": str(broken)})
    assert result.returncode == 7, result.stdout + result.stderr
    assert "Window: Box Login (shown)" in result.stdout
    assert "Web view: page loaded" not in result.stdout
    assert "The embedded browser could not start" in result.stderr


def test_smoke_test_fails_without_a_password_store(no_keyring_environ: dict[str, str]) -> None:
    result = _smoke(no_keyring_environ)
    assert result.returncode != 0
    assert "keyring.backends.fail.Keyring" in result.stdout
    assert "No usable password store" in result.stderr
    assert "Web view: page loaded and JavaScript ran" in result.stdout
    # An explicit alternative makes it acceptable.
    result = _smoke(no_keyring_environ, "--store", "memory")
    assert result.returncode == 0, result.stderr


def test_no_keyring_offers_the_explicit_choices(qtbot: Any, tmp_path: Path) -> None:
    import keyring
    from keyring.backends import fail

    from core.settings import parse_settings
    from gui.main_window import MainWindow

    settings = parse_settings({"client_id": "c", "client_secret": "s"})
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # the real backend keyring falls back to
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.current_page() == "no_keyring", timeout=10_000)
        assert "no password store" in window.no_keyring.explanation.text()
        ARTIFACTS.mkdir(exist_ok=True)
        qtbot.wait(50)
        _assert_laid_out_without_overlap(window.no_keyring)
        # The main choice looks like the main choice, as everywhere else in the window.
        assert window.no_keyring.encrypted_button.objectName() == "primary"
        window.grab().save(str(ARTIFACTS / "nokeyring-1-choice.png"))
        qtbot.mouseClick(window.no_keyring.memory_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
        assert "memory only" in window.connect_page.store_label.text()
        window.close()
    finally:
        keyring.set_keyring(previous)


def test_desktop_file_name_and_wm_class_match_the_installed_desktop_entry() -> None:
    # Wayland matches the window to com.example.BoxLogin.desktop by the desktop file name;
    # X11 by WM_CLASS, whose instance the entry's StartupWMClass names. Run from a script
    # whose argv[0] is not "box-login", as from source.
    import shutil

    entry = ROOT / "packaging" / "linux" / "com.example.BoxLogin.desktop"
    assert entry.is_file()
    wm_class = next(
        line.split("=", 1)[1]
        for line in entry.read_text(encoding="utf-8").splitlines()
        if line.startswith("StartupWMClass=")
    )
    if shutil.which("xprop") is None:
        pytest.skip("xprop is not installed (Debian: x11-utils)")
    code = (
        "import subprocess, sys\n"
        "from PySide6.QtWidgets import QMainWindow\n"
        "from gui.app import make_application\n"
        "app = make_application()\n"
        "w = QMainWindow(); w.show(); app.processEvents()\n"
        "print(app.desktopFileName())\n"
        "print(subprocess.run(['xprop', '-id', str(int(w.winId())), 'WM_CLASS'],"
        " capture_output=True, text=True, check=True).stdout.strip())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert out[0] + ".desktop" == entry.name
    assert out[1] == f'WM_CLASS(STRING) = "{wm_class}", "Box Login"'


def test_main_window_does_not_import_web_engine() -> None:
    # The main window must not pull in Qt WebEngine: only the sign-in window's process does.
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "import gui.app, gui.main_window;"
        "from core.settings import parse_settings;"
        "w = gui.main_window.MainWindow(None); w.show(); app.processEvents();"
        "bad = [m for m in sys.modules if 'WebEngine' in m]; assert not bad, bad"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env, timeout=60)


# --- start-up and rendering ------------------------------------------------------------------


def test_window_appears_before_settings_store_and_screens_are_loaded(tmp_path: Path) -> None:
    # `python main.py` paints its first picture before reading settings, opening the keyring
    # or building the screens that picture does not show (they follow right after).
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"client_id": "c", "client_secret": "s"}))
    code = (
        "import json, sys, main, gui.app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "seen = {}\n"
        "heavy = ('core.settings', 'core.store', 'keyring', 'gui.token_panel', 'gui.first_run')\n"
        "def hook(window):\n"
        "    def exposed():\n"
        "        seen['loaded'] = [m for m in heavy if m in sys.modules]\n"
        "        seen['page'] = window.current_page()\n"
        "        QApplication.instance().exit(0)\n"
        "    window.first_exposed.connect(exposed)\n"
        "gui.app.window_hooks.append(hook)\n"
        "main.main(['--config', sys.argv[1], '--store', 'memory'])\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"loaded": [], "page": "loading"}


def test_fast_window_reads_settings_after_it_appears(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from core.store import MemoryStore
    from gui.app import create_main_window_fast

    missing = argparse.Namespace(config=None, profile=None, store=None)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty"))  # no settings anywhere
    window = create_main_window_fast(missing, store_factory=lambda _c, _p: MemoryStore())
    qtbot.addWidget(window)
    assert window.current_page() == "loading"
    window.show()
    qtbot.waitUntil(lambda: window.current_page() == "first_run", timeout=10_000)
    window.close()

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    window = create_main_window_fast(
        argparse.Namespace(config=bad, profile=None, store=None),
        store_factory=lambda _c, _p: MemoryStore(),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() == "first_run", timeout=10_000)
    # The first-run screen is an error card saying what is wrong (not "welcome… try the
    # demo" beside an error), with "Set up…" as its main action.
    card = window.first_run
    assert card.problem is not None
    assert card.title.text() == "Box Login's settings could not be read"
    assert card.intro.text() == card.problem.text
    assert card.primary_control() is card.setup_button
    assert not window.message.isVisible()
    window.close()

    good = tmp_path / "good.json"
    good.write_text(json.dumps({"client_id": "c", "client_secret": "s"}))
    window = create_main_window_fast(
        argparse.Namespace(config=good, profile=None, store=None),
        store_factory=lambda _c, _p: MemoryStore(),
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_exposed, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    assert window.settings is not None
    assert window.settings.client_id == "c"
    assert not window.windowIcon().isNull()
    window.close()


def test_web_pages_are_drawn_in_software_unless_chosen_otherwise() -> None:
    # In a fresh interpreter: importing the sign-in window's module imports Qt WebEngine,
    # which the tests' own process (the main window's side) must never do.
    code = """
import os
from gui.signin_dialog import SOFTWARE_RENDERING, use_software_rendering
assert SOFTWARE_RENDERING
assert os.environ["QT_QUICK_BACKEND"] == "software"
for chosen in ({"BOX_LOGIN_WEB_GPU": "1"}, {"QT_QUICK_BACKEND": "opengl"},
               {"QSG_RHI_BACKEND": "vulkan"}):
    env = dict(chosen)
    assert not use_software_rendering(env)
    assert env == chosen  # the person's choice is left alone
assert use_software_rendering({"QT_QUICK_BACKEND": "software"})
print("ok")
"""
    chosen = ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND", "BOX_LOGIN_WEB_GPU")
    env = {k: v for k, v in os.environ.items() if k not in chosen}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.split() == ["ok"]


@pytest.mark.parametrize(
    ("what", "setup", "call"),
    [
        (
            "Signal.emit() (True)",
            "class Emitter(QObject):\n    happened = Signal(str)\nthing = Emitter()\n",
            "thing.happened.emit('x')",
        ),
        ("QObject.setObjectName (None)", "thing = QObject()\n", "thing.setObjectName('x')"),
        (
            "QCoreApplication.processEvents (None)",
            "thing = QCoreApplication([])\n",
            "thing.processEvents()",
        ),
    ],
    ids=["emit", "setObjectName", "processEvents"],
)
def test_pyside6_keeps_the_reference_counts_of_what_it_returns(
    what: str, setup: str, call: str
) -> None:
    """PySide6 6.12.0 returned True from emit() and None from every void call without a
    reference; on Python 3.11 a few thousand calls abort Python (bool_dealloc, none_dealloc).
    200,000 calls in a fresh interpreter, with no workaround: any PySide6 that does this again
    fails here (the window calls setText every second, and much else)."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
        + setup
        + "before = (sys.getrefcount(None), sys.getrefcount(True))\n"
        + "for _ in range(200_000):\n"
        + f"    {call}\n"
        + "after = (sys.getrefcount(None), sys.getrefcount(True))\n"
        + "print('survived', after[0] - before[0], after[1] - before[1], flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, f"{what}: {done.stderr[-2000:]}"
    word, none_delta, true_delta = done.stdout.split()
    assert word == "survived"
    assert abs(int(none_delta)) < 100, what
    assert abs(int(true_delta)) < 100, what


def test_the_window_has_plain_words_for_every_scope_box_knows() -> None:
    from core.scopes import BOX_SCOPES
    from gui.token_panel import SCOPE_WORDS, describe_scope

    assert set(SCOPE_WORDS) == set(BOX_SCOPES)
    for name in BOX_SCOPES:
        assert describe_scope(name) != name  # never the raw name on screen
