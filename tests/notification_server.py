"""dunst, a real freedesktop notification server, on the test session's D-Bus (under Xvfb),
and what it received, read back with its own ``dunstctl``.

Started with a configuration that keeps every notification until closed (no timeout), so a
test decides when one goes. ``history()`` closes the ones shown and returns every notification
received, as dunst recorded it (summary, body, application name, default action).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

__all__ = ["Dunst", "notifications_owned"]

_CONFIG = """\
[global]
    follow = none
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""


def notifications_owned() -> bool:
    """True when a process owns org.freedesktop.Notifications on the session bus (asked of
    the bus itself: this starts nothing)."""
    result = subprocess.run(
        [
            "dbus-send", "--session", "--print-reply=literal", "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ],
        capture_output=True, text=True, timeout=10, check=False,
    )  # fmt: skip
    return "true" in result.stdout


class Dunst:
    """A dunst of our own: :meth:`start`, then :meth:`stop` (which ends it by its id)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def missing() -> str | None:
        """Why dunst cannot run here, or None."""
        for tool in ("dunst", "dunstctl", "dbus-send"):
            if shutil.which(tool) is None:
                return f"{tool} is missing (packaging/linux/system-deps.sh install: dunst, dbus)"
        if not os.environ.get("DISPLAY"):
            return "no X display (pytest-xvfb starts one)"
        return None

    def start(self) -> Dunst:
        if notifications_owned():
            raise RuntimeError("another notification server already owns the name")
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "dunstrc"
        config.write_text(_CONFIG, encoding="utf-8")
        log = (self.folder / "dunst.log").open("wb")
        self.proc = subprocess.Popen(
            ["dunst", "-config", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 10
        while not notifications_owned():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("dunst did not start: " + self.log())
            time.sleep(0.05)
        return self

    def log(self) -> str:
        path = self.folder / "dunst.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def ctl(self, *args: str) -> str:
        result = subprocess.run(
            ["dunstctl", *args], capture_output=True, text=True, timeout=10, check=True
        )
        return result.stdout

    def displayed(self) -> int:
        """How many notifications are on screen now."""
        return int(self.ctl("count", "displayed").strip() or 0)

    def wait_displayed(self, count: int = 1, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self.displayed() < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"dunst shows {self.displayed()} notification(s), not {count}")
            time.sleep(0.05)

    def click(self, position: int = 0) -> None:
        """What a click on the notification does: its default action."""
        self.ctl("action", str(position))

    def close_all(self) -> None:
        self.ctl("close-all")

    def history(self) -> list[dict[str, Any]]:
        """Every notification received (the ones still shown are closed first), oldest
        first, as ``{field: value}``."""
        self.close_all()
        time.sleep(0.1)
        data = json.loads(self.ctl("history"))["data"][0]
        entries = [{key: field["data"] for key, field in entry.items()} for entry in data]
        return sorted(entries, key=lambda entry: entry["id"])

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
