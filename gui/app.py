"""Starting the window: ``run(args)`` for ``python main.py`` and ``smoke_test(args)``.

``args`` is main.py's namespace: ``.config`` (Path or None), ``.profile``, ``.store``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.version import APP_NAME, __version__
from gui import theme

if TYPE_CHECKING:
    from core.settings import Settings
    from gui.main_window import MainWindow

logger = logging.getLogger(__name__)

DESKTOP_FILE_NAME = "box-login"


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The QApplication with Box Login's name, icon and look (reused if one exists).

    ``icon=False`` leaves the icon to the main window, which sets it once it is on screen
    (drawing the SVG icon is not needed for the first picture).
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt WebEngine is imported later, when the sign-in window first opens; it needs
        # shared OpenGL contexts, which must be requested before the application exists.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    if icon:
        app.setWindowIcon(theme.app_icon())
    theme.apply(app)
    return app


def create_main_window(args: argparse.Namespace, **collaborators: Any) -> MainWindow:
    """Read the settings named by ``args`` and build the main window (not shown yet).

    Invalid settings do not stop the window: it opens on the first-run screen and says
    what is wrong with the file.
    """
    from core.errors import BoxLoginError
    from gui.main_window import DEFAULT_PROFILE, MainWindow
    from gui.worker import Failure

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


def run(args: argparse.Namespace) -> int:
    """Open Box Login's window and run until it closes."""
    app = make_application(icon=False)
    window = create_main_window_fast(args)
    for hook in window_hooks:
        hook(window)
    window.show()
    return int(app.exec())


def smoke_test(
    args: argparse.Namespace,
    *,
    out: Callable[[str], None] | None = None,
    expose_timeout_ms: int = 10_000,
) -> int:
    """Build and show the main window, print the keyring backend in use, exit.

    Exit status 0, or 6 when keyring's ``fail`` backend is all there is and no explicit
    alternative (``--store encrypted-file`` or ``--store memory``) was chosen. Installer
    tests use this to prove the bundle finds the system's password store.
    """
    import keyring

    from core.store import describe_backend

    say = out or (lambda text: print(text, flush=True))
    app = make_application()
    window = create_main_window(args, store_factory=_no_store_factory)
    window.show()
    shown = _wait_until_exposed(app, window, timeout_ms=expose_timeout_ms)
    backend = keyring.get_keyring()
    plain, usable = describe_backend(backend)
    say(f"Window: {window.windowTitle()} ({'shown' if shown else 'NOT shown'})")
    say(f"Keyring backend: {type(backend).__module__}.{type(backend).__qualname__} ({plain})")
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
        return 6
    if not usable:
        say(f"Token store: {choice} (chosen explicitly)")
    return 0


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
