"""Secrets at the window's edges: the copied access key on the real clipboard (marked
sensitive, cleared when Box Login closes or quits) and the environment of what the window
starts (no BOX_LOGIN_PASSPHRASE). Real Qt under Xvfb, real processes."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QProcess, Qt

from tests.netutil import serving
from tests.procutil import descendants

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from PySide6.QtGui import QGuiApplication  # noqa: E402

from gui.widgets import ClipboardGuard  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 clipboard, /proc")


@pytest.fixture(scope="session", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    from gui.app import make_application

    return make_application()


def _secret() -> str:
    return "acc" + uuid.uuid4().hex[:29]


def _run_script(qtbot: Any, code: str, *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``code`` in another Python process (same display) while this one's event loop
    keeps running: this process may own the clipboard and must answer that process."""
    process = QProcess()
    process.setWorkingDirectory(str(ROOT))
    process.start(sys.executable, ["-c", code, *args])
    assert process.waitForStarted(10_000)
    if stdin:
        process.write(stdin)
    process.closeWriteChannel()
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=30_000)
    out = bytes(process.readAllStandardOutput().data()).decode()
    err = bytes(process.readAllStandardError().data()).decode()
    return process.exitCode(), out, err


#: Prints what another program sees on the clipboard: every format and its data (hex).
READ_CLIPBOARD = """
import json
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["reader"])
data = app.clipboard().mimeData()
print(json.dumps({f: bytes(data.data(f).data()).hex() for f in data.formats()}))
"""


def _clipboard_seen_by_another_program(qtbot: Any) -> dict[str, bytes]:
    code, out, err = _run_script(qtbot, READ_CLIPBOARD)
    assert code == 0, err
    return {name: bytes.fromhex(value) for name, value in json.loads(out).items()}


# --- marked sensitive --------------------------------------------------------------------


def test_copied_key_is_marked_secret_for_clipboard_managers(qtbot: Any) -> None:
    guard = ClipboardGuard()
    secret = _secret()
    guard.copy(secret)
    seen = _clipboard_seen_by_another_program(qtbot)
    assert seen["text/plain"] == secret.encode()
    # KDE's hint, which Klipper, CopyQ and GPaste honour (what another program reads).
    assert seen["x-kde-passwordManagerHint"] == b"secret"
    # Nothing but the text carries the secret.
    assert [f for f, v in seen.items() if secret.encode() in v and not f.startswith("text/")] == []
    guard.clear_now()


def test_secret_formats_on_each_platform() -> None:
    from gui.widgets import secret_hint_formats, secret_mime_data

    windows = 'application/x-qt-windows-mime;value="{}"'
    assert secret_hint_formats("win32") == {
        windows.format("ExcludeClipboardContentFromMonitorProcessing"): b"\x01\0\0\0",
        windows.format("CanIncludeInClipboardHistory"): b"\0\0\0\0",
        windows.format("CanUploadToCloudClipboard"): b"\0\0\0\0",
    }
    assert secret_hint_formats("darwin") == {"application/x-nspasteboard-concealed-type": b"secret"}
    assert secret_hint_formats("linux") == {"x-kde-passwordManagerHint": b"secret"}
    assert secret_hint_formats("freebsd14") == {"x-kde-passwordManagerHint": b"secret"}
    for platform in ("win32", "darwin", "linux"):
        data = secret_mime_data("s3cret", platform)
        assert data.text() == "s3cret"
        expected = secret_hint_formats(platform)
        assert set(data.formats()) == {"text/plain", *expected}
        for name, value in expected.items():
            assert bytes(data.data(name).data()) == value


# --- cleared when Box Login closes or quits ------------------------------------------------


#: A small Box Login: copies the secret (argv[1]) with a ClipboardGuard, says "copied", and
#: quits when it reads "quit". A slot connected after the guard's says, at aboutToQuit, what
#: the clipboard held then: "secret", "persons" (what the person copied since) or "empty".
QUITTING_APP = """
import sys
from PySide6.QtCore import QSocketNotifier, QTimer
from gui.app import make_application
from gui.widgets import ClipboardGuard

secret = sys.argv[1]
app = make_application(icon=False)
guard = ClipboardGuard()
clipboard = app.clipboard()

def report():
    text = clipboard.text()
    held = {secret: "secret", "my own text": "persons", "": "empty"}.get(text, "other")
    print("at-quit", held, flush=True)

app.aboutToQuit.connect(report)

def start():
    guard.copy(secret)
    print("copied", flush=True)

def on_input():
    notifier.setEnabled(False)
    if sys.stdin.buffer.readline().strip() == b"quit":
        app.quit()

notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(on_input)
QTimer.singleShot(0, start)
app.exec()
"""


def _start_quitting_app(qtbot: Any, secret: str) -> QProcess:
    process = QProcess()
    process.setWorkingDirectory(str(ROOT))
    process.start(sys.executable, ["-c", QUITTING_APP, secret])
    assert process.waitForStarted(10_000)
    qtbot.waitUntil(lambda: b"copied" in bytes(process.peek(64).data()), timeout=20_000)
    return process


def _quit(qtbot: Any, process: QProcess) -> str:
    process.write(b"quit\n")
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=20_000)
    assert process.exitCode() == 0, bytes(process.readAllStandardError().data()).decode()
    return bytes(process.readAllStandardOutput().data()).decode()


def test_sigterm_quits_normally_and_clears_the_copied_key(qtbot: Any) -> None:
    """Logging out or ``kill`` sends SIGTERM: Box Login quits through its event loop, so the
    key leaves the clipboard (without the handler the process just died, key left behind)."""
    code = QUITTING_APP.replace(
        "app = make_application(icon=False)\n",
        "app = make_application(icon=False)\n"
        "from gui.app import quit_on_termination_signals\n"
        "quit_on_termination_signals(app)\n",
    )
    process = QProcess()
    process.setWorkingDirectory(str(ROOT))
    process.start(sys.executable, ["-c", code, _secret()])
    assert process.waitForStarted(10_000)
    qtbot.waitUntil(lambda: b"copied" in bytes(process.peek(64).data()), timeout=20_000)
    process.terminate()  # SIGTERM
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=20_000)
    assert process.exitStatus() == QProcess.ExitStatus.NormalExit
    assert "at-quit empty" in bytes(process.readAllStandardOutput().data()).decode()
    assert QGuiApplication.clipboard().text() == ""


def test_quitting_clears_the_copied_key_but_not_what_the_person_copied_since(
    qtbot: Any,
) -> None:
    clipboard = QGuiApplication.clipboard()
    secret = _secret()
    app = _start_quitting_app(qtbot, secret)
    # The key is on the real clipboard (this program reads it) until Box Login quits.
    assert clipboard.text() == secret
    assert "at-quit empty" in _quit(qtbot, app)

    # The person copied something else (in this program) after the key: left alone.
    app = _start_quitting_app(qtbot, secret)
    assert clipboard.text() == secret
    clipboard.setText("my own text")
    assert "at-quit persons" in _quit(qtbot, app)
    assert clipboard.text() == "my own text"
    clipboard.clear()


def _main_window(qtbot: Any) -> Any:
    from core.store import MemoryStore
    from gui.main_window import MainWindow

    window = MainWindow(None, store_factory=lambda _c, _p: MemoryStore())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_closing_the_window_clears_the_copied_key_but_not_later_copies(qtbot: Any) -> None:
    clipboard = QGuiApplication.clipboard()
    window = _main_window(qtbot)
    secret = _secret()
    window.clipboard.copy(secret)
    assert clipboard.text() == secret
    window.close()
    assert clipboard.text() == ""
    assert not window.clipboard.pending()

    window = _main_window(qtbot)
    window.clipboard.copy(_secret())
    clipboard.setText("my own text")  # the person copied something else afterwards
    window.close()
    assert clipboard.text() == "my own text"
    clipboard.clear()


def test_a_key_copied_in_advanced_is_cleared_after_the_dialog_closed(qtbot: Any) -> None:
    clipboard = QGuiApplication.clipboard()
    window = _main_window(qtbot)
    window._on_advanced_action_triggered()
    dialog = window.advanced_dialog
    secret = _secret()
    dialog.ccg_result.secret.set_secret(secret)
    dialog.ccg_result.secret.copy_button.click()
    assert clipboard.text() == secret
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        dialog.close()
    # The dialog (and whatever it owned) is gone; the key still goes away with the window.
    assert window.clipboard.pending()
    window.close()
    assert clipboard.text() == ""


# --- what the window starts gets no BOX_LOGIN_PASSPHRASE -----------------------------------


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>sign in</title><p id=ready>Sign in</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def sign_in_page() -> Iterator[str]:
    """A sign-in page served from this computer (like the demo sandbox)."""
    with serving(_Page) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/authorize"


@pytest.mark.gui
def test_sign_in_window_and_its_web_processes_get_no_passphrase(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, sign_in_page: str
) -> None:
    from gui.signin_window import SignInWindow

    passphrase = "correct horse battery " + uuid.uuid4().hex
    monkeypatch.setenv("BOX_LOGIN_PASSPHRASE", passphrase)
    monkeypatch.setenv("BOX_LOGIN_TEST_MARK", "inherited")
    signin = SignInWindow(sign_in_page, "http://127.0.0.1:9/callback", opener=lambda _u: True)
    try:
        with qtbot.waitSignal(signin.page_loaded, timeout=30_000) as loaded:
            signin.start()
        assert loaded.args == [True]
        child = signin.process_id
        environ = _environ(child)
        assert environ.get("BOX_LOGIN_TEST_MARK") == "inherited"  # the rest is passed on
        assert "BOX_LOGIN_PASSPHRASE" not in environ
        assert not [k for k, v in environ.items() if passphrase in v]
        # The page's processes start from that environment. Chromium writes their titles
        # over the environment they started with, so only what is left of it can be read.
        web = {p for p in descendants(child) if "QtWebEngine" in _comm(p)}
        assert web, "the page's own processes were not found"
        for pid in web:
            assert passphrase.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
    finally:
        signin.shutdown()


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return ""


def test_the_window_starts_programs_without_the_passphrase(qtbot: Any) -> None:
    """``python main.py`` (the window): anything it starts gets no BOX_LOGIN_PASSPHRASE."""
    code = (
        "import subprocess, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import gui.app, main\n"
        "def hook(window):\n"
        "    def check():\n"
        '        probe = \'import os; print(os.environ.get("BOX_LOGIN_PASSPHRASE", "none"))\'\n'
        "        seen = subprocess.run([sys.executable, '-c', probe], capture_output=True,\n"
        "                              text=True, check=True).stdout.strip()\n"
        "        print('child sees', seen, flush=True)\n"
        "        window.close()\n"
        "    QTimer.singleShot(0, check)\n"
        "gui.app.window_hooks.append(hook)\n"
        "sys.exit(gui.app.run(main.window_defaults()))\n"
    )
    env = dict(os.environ, BOX_LOGIN_PASSPHRASE="correct horse battery staple")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "child sees none" in result.stdout
