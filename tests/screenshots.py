"""Screenshots of every screen of the window, for README and for looking at: light, dark,
and at 1366x768 on a 150 % screen (911x512 device-independent pixels).

``python -m tests.screenshots OUT_DIR [light|dark] [--scaled]`` runs one variant in this
process; without a theme it runs every variant, each in a fresh interpreter (the scale factor
and the theme must be chosen before Qt starts). Run it under a display: ``tests/session.sh
--xvfb .venv/bin/python -m tests.screenshots resources/screenshots``. In German or Japanese,
name the language inside the session (which otherwise pins English): ``tests/session.sh
--xvfb env BOX_LOGIN_LANGUAGE=ja .venv/bin/python -m …``; the files then end in -de/-ja.

The sign-in window is the demo's, in its own process, grabbed through its test hook.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: 1366x768 at 150 %: the window at the whole screen's size in device-independent pixels.
SCALED_SIZE = (911, 512)
#: The window as it first opens (MainWindow.PREFERRED_SIZE; a test keeps the two equal).
NORMAL_SIZE = (780, 680)


def connected_token(now: float | None = None, access_token: str = "a" * 32) -> Any:
    """Ada's sign-in as the screens show it: an hour left on the access key, 60 days on the
    sign-in (from ``now``, default the current time)."""
    from core.store import StoredToken

    now = time.time() if now is None else now
    return StoredToken(
        profile="default",
        access_token=access_token,
        refresh_token="r" * 64,
        received_at=now,
        expires_at=now + 3600,
        refresh_expires_at=now + 60 * 86400,
        user_name="Ada Lovelace",
        user_login="ada@example.com",
        scope="root_readwrite",
    )


def _spin(app: Any, until: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def _settle(app: Any, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _unreachable_box() -> Any:
    """What the window shows when Box cannot be reached: a real refused connection through
    core's HTTP client (so the message is the product's own, in the window's language)."""
    from core.errors import NetworkError
    from core.http import HttpClient
    from core.network.decision import NetworkSettings
    from gui.failure import Failure
    from tests.netutil import free_ports

    (port,) = free_ports(1)
    client = HttpClient(network=NetworkSettings(proxy="none"))
    try:
        client.request("POST", f"http://127.0.0.1:{port}/oauth2/token", data="")
    except NetworkError as exc:
        return Failure.from_exception(exc)
    raise AssertionError("nothing should answer on a free port")


def run_variant(out: Path, theme: str, scaled: bool) -> list[Path]:
    """Every screen in one theme and size; returns the files written."""
    os.environ["BOX_LOGIN_THEME"] = theme
    import tempfile

    from core.errors import BoxLoginError
    from core.settings import load_settings, parse_settings
    from core.store import MemoryStore
    from gui.application import make_application
    from gui.failure import Failure
    from gui.main_window import MainWindow
    from gui.signin_window import SignInWindow

    SignInWindow.test_hooks = True  # screenshots of the sign-in page use its test hooks

    app = make_application([sys.argv[0]])
    # BOX_LOGIN_LANGUAGE=de|ja: the same screens in that language (make_application reads it).
    language = os.environ.get("BOX_LOGIN_LANGUAGE", "en")
    suffix = f"{theme}{'-150' if scaled else ''}{'' if language == 'en' else '-' + language}"
    size = SCALED_SIZE if scaled else NORMAL_SIZE
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(widget: Any, name: str) -> None:
        _settle(app)
        path = out / f"{name}-{suffix}.png"
        assert widget.grab().save(str(path)), path
        written.append(path)

    def window(settings: Any, store: Any = None, **kw: Any) -> MainWindow:
        chosen = store or MemoryStore()
        w = MainWindow(settings, store_factory=lambda _c, _p: chosen, confirm=lambda *a: True, **kw)
        w.resize(*size)
        w.show()
        w.activateWindow()  # as a window manager would: the focus ring shows
        _spin(app, lambda: w.windowHandle() is not None and w.windowHandle().isExposed())
        return w

    offline = parse_settings({"client_id": "c", "client_secret": "s"})

    w = window(None)
    _spin(app, lambda: w.current_page() == "first_run")
    shoot(w, "first-run")
    w.close()

    broken = Path(tempfile.mkdtemp()) / "box-login.json"
    broken.write_text('{"client_id": "c", "client_secret": ')
    try:
        load_settings(broken)
        raise AssertionError("a broken settings file was read")
    except BoxLoginError as exc:
        problem = Failure.from_exception(exc)
    w = window(None, startup_problem=problem)
    _spin(app, lambda: w.current_page() == "first_run")
    shoot(w, "settings-problem")
    w.close()

    def no_keyring(_c: Any, _p: Any) -> Any:
        from core.errors import KeyringUnavailableError

        if _c is None:
            raise KeyringUnavailableError("This computer has no password store.")
        return MemoryStore()

    w = MainWindow(offline, store_factory=no_keyring)
    w.resize(*size)
    w.show()
    _spin(app, lambda: w.current_page() == "no_keyring")
    shoot(w, "no-keyring")
    w.close()

    w = window(offline)
    _spin(app, lambda: w.current_page() == "connect")
    shoot(w, "connect")
    w.show_failure(_unreachable_box())
    shoot(w, "message-bar")
    w.close()

    store = MemoryStore()
    store.save(connected_token())
    w = window(offline, store)
    _spin(app, lambda: w.current_page() == "connected")
    shoot(w, "connected")
    w.accounts_menu.popup(w.mapToGlobal(w.rect().topLeft()))
    _settle(app)
    shoot(w.accounts_menu, "account-menu")
    w.accounts_menu.hide()
    w._open_setup()
    dialog = w.setup_dialog
    if scaled:
        dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1]))
    shoot(dialog, "setup")
    dialog.close()
    w.advanced_action.setEnabled(True)
    w.advanced_action.trigger()
    shoot(w.advanced_dialog, "advanced")
    w.advanced_dialog.close()
    w.close()

    w = window(None)
    _spin(app, lambda: w.current_page() == "first_run")
    w.start_demo()
    _spin(app, lambda: w.signin_window is not None)
    signin = w.signin_window
    assert signin is not None
    box: list[Any] = []
    deadline = time.monotonic() + 30
    while not box and time.monotonic() < deadline:
        signin.run_js("document.querySelector('#login') !== null", box.append)
        _spin(app, lambda: bool(box), 20)
        if box and box[0] is not True:
            box.clear()
            _settle(app, 0.2)
    path = out / f"sign-in-{suffix}.png"
    done: list[Any] = []
    signin.grab(str(path), done.append, min_colours=8)
    _spin(app, lambda: bool(done), 30)
    written.append(path)
    shoot(w, "demo")
    w.close()
    return written


def main(argv: list[str]) -> int:
    """See the module docstring."""
    out = Path(argv[0]) if argv else ROOT / "resources" / "screenshots"
    if len(argv) >= 2:
        for path in run_variant(out, argv[1], "--scaled" in argv):
            print(path)
        return 0
    for theme, scaled in (("light", False), ("dark", False), ("light", True), ("dark", True)):
        env = {**os.environ}
        if scaled:
            env["QT_SCALE_FACTOR"] = "1.5"
        args = [sys.executable, "-m", "tests.screenshots", str(out), theme]
        subprocess.run([*args, *(["--scaled"] if scaled else [])], cwd=ROOT, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
