"""Starting the window: ``run(args)`` for ``python main.py`` and ``smoke_test(args)``.

``args`` is main.py's namespace: ``.config`` (Path or None), ``.profile``, ``.store``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QTimer
from PySide6.QtWidgets import QApplication

from core.version import APP_NAME
from gui.application import make_application

if TYPE_CHECKING:
    from core.settings import Settings
    from gui.main_window import MainWindow

logger = logging.getLogger(__name__)

#: The wake-up socket pair of ``quit_on_termination_signals`` (kept open for the process).
_SIGNAL_WAKEUP: list[object] = []


def quit_on_termination_signals(app: QCoreApplication) -> None:
    """Make SIGTERM, SIGINT and SIGHUP (logging out, ``kill``, Ctrl+C) quit the event loop
    normally, so ``aboutToQuit`` runs — the copied access key leaves the clipboard — instead
    of the process dying where it stands.

    Python runs a signal handler only when the interpreter gets control, which a Qt event loop
    waiting in C++ may not give it for a long time; the signal also writes a byte to a socket
    that a ``QSocketNotifier`` watches, which wakes the loop. Only for Box Login's own
    processes (a test's process keeps its own handlers); not on Windows, which has no such
    signals for a window.
    """
    if sys.platform == "win32" or _SIGNAL_WAKEUP:
        return
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda _number, _frame: app.quit())
    _SIGNAL_WAKEUP.extend((reader, writer, notifier))


def create_main_window(args: argparse.Namespace, **collaborators: Any) -> MainWindow:
    """Read the settings named by ``args`` and build the main window (not shown yet).

    Invalid settings do not stop the window: it opens on the first-run screen and says
    what is wrong with the file.
    """
    from core.errors import BoxLoginError
    from gui.failure import Failure
    from gui.main_window import DEFAULT_PROFILE, MainWindow

    problem: Failure | None = None
    try:
        settings = _settings_loader(args)()
    except BoxLoginError as exc:
        settings = None
        problem = Failure.from_exception(exc)
    return MainWindow(
        settings,
        profile=getattr(args, "profile", None) or DEFAULT_PROFILE,
        store_choice=_store_choice(args),
        startup_problem=problem,
        **collaborators,
    )


def create_main_window_fast(args: argparse.Namespace, **collaborators: Any) -> MainWindow:
    """Like :func:`create_main_window`, but the settings are read right after the window is
    on screen (what ``python main.py`` uses: the window appears sooner)."""
    from gui.main_window import DEFAULT_PROFILE, MainWindow

    return MainWindow(
        None,
        profile=getattr(args, "profile", None) or DEFAULT_PROFILE,
        store_choice=_store_choice(args),
        settings_loader=_settings_loader(args),
        **collaborators,
    )


def _settings_loader(args: argparse.Namespace) -> Callable[[], Settings | None]:
    config: Path | None = getattr(args, "config", None)

    def load() -> Settings | None:
        from core.settings import load_settings

        return load_settings(Path(config) if config else None)

    return load


#: Called with the main window that ``run`` built, before it is shown (benchmarks use it).
window_hooks: list[Callable[[MainWindow], None]] = []


def _store_choice(args: argparse.Namespace) -> str | None:
    choice = getattr(args, "store", None)
    return str(choice) if choice else None


def apply_language_option(args: argparse.Namespace) -> None:
    """``--language``: put it where this process and the sign-in window's find it."""
    import os

    from gui import i18n

    language = getattr(args, "language", None)
    if language:
        os.environ[i18n.ENVIRONMENT_VARIABLE] = language


def run(args: argparse.Namespace) -> int:
    """Open Box Login's window and run until it closes."""
    from core.childenv import forget_secret_environment

    # The window never reads Box Login's secrets from the environment; whatever it starts
    # (the sign-in window, the system browser) must not inherit them either.
    forget_secret_environment()
    apply_language_option(args)
    app = make_application(icon=False)
    quit_on_termination_signals(app)
    window = create_main_window_fast(args)
    for hook in window_hooks:
        hook(window)
    window.show()
    return int(app.exec())


# ``--smoke-test``'s exit statuses live with every other one (core.errors.EXIT_CODES).
from core.errors import EXIT_NO_KEYRING, EXIT_WEB_VIEW_FAILED  # noqa: E402

WEB_CHECK_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Box Login check</title>"
    "</head><body><p>Box Login check</p>"
    "<script>document.title = 'ready ' + (6 * 7);</script></body></html>"
)
WEB_CHECK_EXPECTED = "ready 42"


def smoke_test(
    args: argparse.Namespace,
    *,
    out: Callable[[str], None] | None = None,
    expose_timeout_ms: int = 10_000,
    web_timeout_ms: int = 20_000,
) -> int:
    """Build and show the main window, prove the embedded browser works, print the keyring
    backend in use, exit.

    The web check loads a tiny self-contained page in a web view on an off-the-record
    profile and runs JavaScript in it, the way the sign-in window does (no network).

    Exit status:

    - 0: window shown, web view working, a usable password store;
    - 1: the window never appeared on screen;
    - 6 (``EXIT_NO_KEYRING``): keyring's ``fail`` backend is all there is and no explicit
      alternative (``--store encrypted-file`` or ``--store memory``) was chosen;
    - 7 (``EXIT_WEB_VIEW_FAILED``): the embedded browser could not load the page or run
      JavaScript within ``web_timeout_ms``.

    Installer tests use this to prove the bundle finds the system's password store and
    ships a working Qt WebEngine.
    """
    import keyring

    from core.store import describe_backend

    say = out or (lambda text: print(text, flush=True))
    apply_language_option(args)
    app = make_application()
    window = create_main_window(args, store_factory=_no_store_factory)
    window.show()
    shown = _wait_until_exposed(app, window, timeout_ms=expose_timeout_ms)
    backend = keyring.get_keyring()
    plain, usable = describe_backend(backend)
    say(f"Window: {window.windowTitle()} ({'shown' if shown else 'NOT shown'})")
    say(f"Keyring backend: {type(backend).__module__}.{type(backend).__qualname__} ({plain})")
    web_problem = check_web_view_in_child(timeout_ms=web_timeout_ms)
    if web_problem is None:
        say("Web view: page loaded and JavaScript ran")
    else:
        say(f"Web view: FAILED ({web_problem})")
    window.close()
    choice = _store_choice(args)
    if not shown:
        return 1
    if not usable and choice not in ("encrypted-file", "memory"):
        print(
            "No usable password store: keyring found only its 'fail' backend. Install GNOME "
            "Keyring (or KWallet), or choose --store encrypted-file or --store memory.",
            file=sys.stderr,
        )
        return EXIT_NO_KEYRING
    if web_problem is not None:
        print(
            "The embedded browser could not start, so the Box sign-in page cannot be shown "
            f"in Box Login ({web_problem}).",
            file=sys.stderr,
        )
        return EXIT_WEB_VIEW_FAILED
    if not usable:
        say(f"Token store: {choice} (chosen explicitly)")
    return 0


#: ``main.py --web-check``: the web view check's own process (see ``check_web_view_in_child``).
WEB_CHECK_FLAG = "--web-check"


def web_check_main() -> int:
    """``main.py --web-check``: run ``check_web_view`` set up as the sign-in window's process
    is (software drawing unless chosen otherwise) and print ``ok`` or ``problem: REASON``."""
    import gui.signin_dialog

    if gui.signin_dialog.SOFTWARE_RENDERING:
        import os

        os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    app = make_application(icon=False, share_gl=not gui.signin_dialog.SOFTWARE_RENDERING)
    problem = check_web_view(app)
    print("ok" if problem is None else f"problem: {problem}", flush=True)
    return 0 if problem is None else EXIT_WEB_VIEW_FAILED


def check_web_view_in_child(*, timeout_ms: int = 20_000) -> str | None:
    """``check_web_view`` in a process of its own, as the sign-in window runs the embedded
    browser: a browser that cannot start can abort its whole process (Chromium's FATAL
    "Cannot communicate with zygote" when its helper program is broken), which must end in
    the smoke test's plain message, not take the smoke test down with it.

    Returns None when the page loaded and ran JavaScript, else a short reason.
    """
    import subprocess

    from core.childenv import child_environment
    from core.version import self_command

    argv = [*self_command(), WEB_CHECK_FLAG]
    try:
        done = subprocess.run(  # noqa: S603 - our own program, no shell
            argv,
            capture_output=True,
            text=True,
            timeout=timeout_ms / 1000 + 15,
            env=child_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"no answer within {timeout_ms / 1000:.0f} s"
    lines = done.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    if done.returncode == 0 and last == "ok":
        return None
    if last.startswith("problem: "):
        return last.removeprefix("problem: ")
    if done.returncode < 0:
        return f"the embedded browser stopped (signal {-done.returncode})"
    return f"the embedded browser could not start (exit code {done.returncode})"


def check_web_view(app: QApplication, *, timeout_ms: int = 20_000) -> str | None:
    """Load a tiny page in a web view on an off-the-record profile and run JavaScript in it.

    Returns None when both worked, else a short reason (no page content, nothing secret).
    The web engine is released before returning (page, view, then profile).
    """
    import shiboken6
    from PySide6.QtCore import QEventLoop, QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    # The sign-in module makes the window's rendering choice (software unless the person
    # chose otherwise) when imported, which must happen before the first view exists.
    import gui.signin_dialog  # noqa: F401

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    outcome: dict[str, Any] = {}

    def finish(key: str, value: Any) -> None:
        if "done" in outcome:  # the first outcome counts (late answers are ignored)
            return
        outcome[key] = value
        outcome["done"] = True
        timer.stop()
        loop.quit()

    def on_js_result(value: Any) -> None:
        if value == WEB_CHECK_EXPECTED:
            finish("ok", True)
        else:
            finish("problem", "JavaScript did not run")

    def on_load_finished(ok: bool) -> None:
        if ok:
            page.runJavaScript("document.title", 0, on_js_result)
        else:
            finish("problem", "the page did not load")

    def on_render_process_terminated(_status: Any, exit_code: int) -> None:
        finish("problem", f"the web page process stopped (exit code {exit_code})")

    def on_timeout() -> None:
        finish("problem", f"no answer within {timeout_ms / 1000:.0f} s")

    profile = QWebEngineProfile()  # no name: off the record, nothing kept on disk
    page = QWebEnginePage(profile)
    view = QWebEngineView()
    view.setWindowTitle(f"{APP_NAME} — checking the web view")
    view.setPage(page)
    view.resize(320, 120)
    page.loadFinished.connect(on_load_finished)
    page.renderProcessTerminated.connect(on_render_process_terminated)
    timer.timeout.connect(on_timeout)
    deadline = QDeadlineTimer(timeout_ms)
    timer.start(timeout_ms)
    view.show()
    page.setHtml(WEB_CHECK_PAGE, QUrl("about:blank"))
    if "done" not in outcome:
        loop.exec()
    logger.debug("Web view check took %d ms", timeout_ms - max(0, deadline.remainingTime()))
    # Safe teardown order (PLATFORM.md): stop and delete the page, then the view, then the
    # profile; a profile deleted while a page still uses it makes Qt WebEngine complain.
    page.triggerAction(QWebEnginePage.WebAction.Stop)
    view.hide()
    for obj in (page, view, profile):
        if shiboken6.isValid(obj):
            shiboken6.delete(obj)
    app.processEvents()
    if outcome.get("ok"):
        return None
    return str(outcome.get("problem", "unknown problem"))


def _wait_until_exposed(app: QApplication, window: MainWindow, *, timeout_ms: int) -> bool:
    """Run the event loop until the window is on screen (True) or ``timeout_ms`` passed."""
    timer = QTimer()
    timer.setInterval(20)
    deadline = QDeadlineTimer(timeout_ms)
    result: list[bool] = []

    def check() -> None:
        handle = window.windowHandle()
        exposed = window.isVisible() and handle is not None and handle.isExposed()
        if exposed or deadline.hasExpired():
            result.append(exposed)
            timer.stop()
            app.exit(0)  # exit, not quit: quit would close the window first

    timer.timeout.connect(check)
    timer.start()
    app.exec()
    return bool(result and result[0])


def _no_store_factory(choice: str | None, passphrase: str | None) -> Any:
    """The smoke test shows the window without touching the keyring's contents."""
    from core.store import MemoryStore

    return MemoryStore()
