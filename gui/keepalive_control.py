"""The window's way to keep-alive (``core.keepalive_schedulers``): what it asks, in words the
controller decides by, and the real thing behind it. Plain Python, no Qt; tests of the
controller hand in their own.

Modes are plain strings (``"renew"``: keep-alive on; ``"remind"``: off, reminders only;
``"off"``: nothing), so that the controller imports nothing of keep-alive until it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from core.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from core.settings import Settings

__all__ = [
    "KEEP_ALIVE_EXPLANATION",
    "KEEP_ALIVE_NOTHING",
    "KEEP_ALIVE_OFF",
    "KEEP_ALIVE_ON",
    "KEEP_ALIVE_UNAVAILABLE",
    "KeepAliveControl",
    "SystemKeepAlive",
    "job_config",
]

#: Said once, under the switch, when the window turns keep-alive on after the first sign-in.
KEEP_ALIVE_EXPLANATION = QT_TRANSLATE_NOOP(
    "KeepAlive",
    "Box ends a connection that goes unused for 60 days. So that yours keeps working while "
    "Box Login is closed, your computer now runs a short check once a day: when the "
    "connection is more than 30 days old, it renews it (nothing else is sent). If it "
    "cannot, you get a reminder a week before the end. You can turn this off here.",
)
#: Under the switch, afterwards.
KEEP_ALIVE_ON = QT_TRANSLATE_NOOP(
    "KeepAlive", "Once a day, your computer renews the connection when it is more than 30 days old."
)
KEEP_ALIVE_OFF = QT_TRANSLATE_NOOP(
    "KeepAlive", "Off: Box Login reminds you a week before the connection ends."
)
#: Turned off altogether ("box-login keep-alive uninstall"): not even reminders.
KEEP_ALIVE_NOTHING = QT_TRANSLATE_NOOP(
    "KeepAlive", "Off: nothing checks the connection while Box Login is closed."
)
KEEP_ALIVE_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "KeepAlive",
    "Not available with an encrypted file: renewing needs your passphrase, which Box Login "
    "never keeps. Open Box Login at least once every 60 days.",
)


class KeepAliveControl(Protocol):
    """Keep-alive as the window uses it. ``turn`` is slow (it asks the system's scheduler):
    run it in the background."""

    def choice(self) -> str | None:
        """The choice last made ("renew", "remind", "off"); None when never made."""
        ...

    def installed(self) -> str:
        """What is installed now: "renew", "remind" or "off"."""
        ...

    def turn(self, on: bool, config: Path | None) -> str:
        """Keep-alive on ("renew"), or off with reminders ("remind"); ``config``: the settings
        file the job must be told about. Returns what is installed afterwards."""
        ...


def job_config(settings: Settings | None) -> Path | None:
    """The settings file to name to the job: the one in use, unless it is one Box Login finds
    by itself (the person's or the system's), which may be replaced later (Set up…)."""
    source = settings.source if settings is not None else None
    if source is None:
        return None
    from core.settings import system_settings_paths, user_settings_path

    usual = {user_settings_path().resolve(), *(p.resolve() for p in system_settings_paths())}
    return None if Path(source).resolve() in usual else Path(source).resolve()


class SystemKeepAlive:
    """The real thing: ``core.keepalive_schedulers`` for this user."""

    def choice(self) -> str | None:
        from core.keepalive_schedulers import read_choice

        mode = read_choice()
        return None if mode is None else mode.value

    def installed(self) -> str:
        from core.keepalive_schedulers import status

        found = status()
        return "off" if found is None else found.mode.value

    def turn(self, on: bool, config: Path | None) -> str:
        from core.keepalive_schedulers import Mode, install

        return install(Mode.RENEW if on else Mode.REMIND, config=config).mode.value
