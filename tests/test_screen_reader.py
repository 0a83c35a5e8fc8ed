"""Box Login as a screen reader meets it: the window's accessibility tree read from another
process over AT-SPI (tests/atspi.py), the way Orca reads it on Linux — not through Qt's own
objects in the same process. Every control a person acts on has a name there; the hidden
access key is not readable; activating "Copy access key" makes the program announce it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import atspi

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def desktop() -> Iterator[atspi.Desktop]:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.fail("needs the test session's D-Bus (tests/session.sh)")
    bus = atspi.turn_on()
    seen = atspi.Desktop(bus)
    yield seen
    seen.close()
    atspi.turn_on(False)


@pytest.fixture
def window(desktop: atspi.Desktop) -> Iterator[object]:
    started: list[subprocess.Popen[bytes]] = []

    def start(screen: str, language: str = "en") -> atspi.Node:
        env = {**os.environ, "BOX_LOGIN_LANGUAGE": language, "QT_ACCESSIBILITY": "1"}
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.atspi_window", screen], cwd=ROOT, env=env
        )
        started.append(process)
        app = desktop.application(process.pid)
        assert app.name == "Box Login"
        return app

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


def _unnamed(app: atspi.Node) -> list[str]:
    return [
        f"{node.role} at {node.address[1]}"
        for node in app.walk()
        if node.showing and node.role in atspi.INTERACTIVE_ROLES and not node.name.strip()
    ]


def _named(app: atspi.Node, role: str) -> dict[str, atspi.Node]:
    return {node.name: node for node in app.walk() if node.role == role and node.showing}


@pytest.mark.parametrize("screen", ["first-run", "connected", "setup"])
def test_every_control_has_a_name_a_screen_reader_can_say(window, screen: str) -> None:  # type: ignore[no-untyped-def]
    app = window(screen)
    assert _unnamed(app) == []
    buttons = _named(app, "push button")
    expected = {
        "first-run": {"Try the demo", "Set up…"},
        "connected": {"Copy access key", "Refresh now", "Disconnect…"},
        "setup": {"Save", "Cancel"},
    }[screen]
    assert expected <= set(buttons), sorted(buttons)


def test_the_hidden_access_key_is_not_read_out_and_copying_is_announced(window, desktop) -> None:  # type: ignore[no-untyped-def]
    app = window("connected")
    names = {node.name for node in app.walk() if node.showing}
    assert "Access key (hidden)" in names
    assert not any("a" * 16 in name for name in names)
    texts = [n for n in app.walk() if n.role in ("text", "password text") and n.showing]
    for node in texts:
        (content,) = desktop._call(node.address, "org.a11y.atspi.Text", "GetText", "ii", 0, -1)
        assert "a" * 16 not in content, node.name
    with desktop.listen("Announcement") as heard:
        desktop.do_action(_named(app, "push button")["Copy access key"])
        said = []
        while not any("Access key copied." in text for text in said):
            signal = desktop.connection.recv_until_filtered(heard, timeout=10)
            said.append(str(signal.body[3][1]))
    assert any(text.startswith("Access key copied.") for text in said), said


def test_in_japanese_the_names_are_japanese(window) -> None:  # type: ignore[no-untyped-def]
    app = window("connected", "ja")
    assert _unnamed(app) == []
    buttons = _named(app, "push button")
    assert "アクセスキーをコピー" in buttons, sorted(buttons)
    assert "Copy access key" not in buttons
