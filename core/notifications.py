"""Desktop notifications for keep-alive's reminders, through the freedesktop Notifications
D-Bus interface (``org.freedesktop.Notifications``), with ``jeepney``: no Qt, no GLib.

jeepney is already there on Linux (keyring's Secret Service backend uses it, through
secretstorage). On macOS and Windows the command line shows reminders with Qt instead
(``gui.notify``), loaded only when there is something to show.

Activating a notification (clicking it: the server's "default" action) opens Box Login on that
notification's profile. A D-Bus server tells only the program that sent the notification, and
only while it is connected; so :func:`show` keeps listening for ``ActionInvoked`` for a while
(``ACTIVATION_WAIT``) and stops early once every notification is closed. After that, clicking
an old notification does nothing (open Box Login yourself). The servers that expire a
notification say so with ``NotificationClosed`` (dunst, notification-daemon); GNOME Shell keeps
it in its list without a word, so the job waits the whole time there.

Nothing here puts a token or secret in a notification: the texts are keep-alive's reminders.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.translation import translate

__all__ = [
    "ACTIVATION_WAIT",
    "Notice",
    "NotificationsUnavailableError",
    "Shown",
    "launch_box_login",
    "show",
]

logger = logging.getLogger(__name__)

#: How long to wait for a notification to be clicked before giving up (seconds).
ACTIVATION_WAIT = 300.0

_BUS_NAME = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"
_INTERFACE = "org.freedesktop.Notifications"
_APP_NAME = "Box Login"
_ICON = "box-login"  # the icon the .deb installs in the hicolor theme
_DESKTOP_ENTRY = "com.example.BoxLogin"


class NotificationsUnavailableError(Exception):
    """No notification server could be reached (no session bus, or nobody owns the name)."""


@dataclass(frozen=True)
class Notice:
    """One notification: its words, and the profile that activating it opens (None: the
    default one)."""

    title: str
    body: str
    profile: str | None = None


@dataclass
class Shown:
    """What :func:`show` did: the server's id for each notice shown, and the profiles whose
    notification was activated (in order)."""

    ids: list[int] = field(default_factory=list)
    activated: list[str | None] = field(default_factory=list)
    server: str = ""


def show(
    notices: Sequence[Notice],
    *,
    on_activate: Callable[[str | None], None] | None = None,
    wait: float = ACTIVATION_WAIT,
    clock: Callable[[], float] = time.monotonic,
) -> Shown:
    """Show ``notices`` on the session bus's notification server; then, with ``on_activate``,
    listen up to ``wait`` seconds for one to be activated and call ``on_activate(profile)``
    for it. Stops listening once every notice was activated or closed.

    Raises NotificationsUnavailableError when there is no session bus or server.
    """
    from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    if not notices:
        return Shown()
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        raise NotificationsUnavailableError(translate("Notifications", "no session bus"))
    try:
        connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as exc:
        raise NotificationsUnavailableError(
            translate("Notifications", "no session bus ({error})").format(error=type(exc).__name__)
        ) from None
    server = DBusAddress(_PATH, bus_name=_BUS_NAME, interface=_INTERFACE)
    shown = Shown()

    def call(message: Any) -> Any:
        """The reply's body; an error reply raises (the bus failed to start a server…)."""
        try:
            return unwrap_msg(connection.send_and_get_reply(message, timeout=10))
        except (DBusErrorResponse, TimeoutError, OSError) as exc:
            name = getattr(exc, "name", "") or type(exc).__name__
            raise NotificationsUnavailableError(
                translate("Notifications", "no notification server ({name})").format(name=name)
            ) from None

    try:
        info = call(new_method_call(server, "GetServerInformation"))
        capabilities = call(new_method_call(server, "GetCapabilities"))[0]
        shown.server = str(info[0]) if info else ""
        actions = on_activate is not None and "actions" in capabilities
        rule = MatchRule(type="signal", interface=_INTERFACE, path=_PATH)
        if actions:
            call(message_bus.AddMatch(rule))
        by_id: dict[int, str | None] = {}
        for notice in notices:
            hints: dict[str, tuple[str, Any]] = {
                "desktop-entry": ("s", _DESKTOP_ENTRY),
                "urgency": ("y", 1),
            }
            reply = call(
                new_method_call(
                    server,
                    "Notify",
                    "susssasa{sv}i",
                    (
                        _APP_NAME,
                        0,
                        _ICON,
                        notice.title,
                        notice.body,
                        ["default", translate("Notifications", "Open Box Login")]
                        if actions
                        else [],
                        hints,
                        -1,
                    ),
                )
            )
            notification_id = int(reply[0])
            shown.ids.append(notification_id)
            by_id[notification_id] = notice.profile
        logger.info("Showed %d notification(s) through %s", len(shown.ids), shown.server)
        if actions and on_activate is not None:
            _listen(connection, rule, by_id, shown, on_activate, wait, clock)
    finally:
        connection.close()
    return shown


def _listen(
    connection: Any,
    rule: Any,
    by_id: dict[int, str | None],
    shown: Shown,
    on_activate: Callable[[str | None], None],
    wait: float,
    clock: Callable[[], float],
) -> None:
    deadline = clock() + wait
    with connection.filter(rule) as queue:
        while by_id:
            left = deadline - clock()
            if left <= 0:
                logger.debug("Stopped waiting for a notification to be clicked")
                return
            try:
                message = connection.recv_until_filtered(queue, timeout=left)
            except TimeoutError:
                return
            member = message.header.fields.get(3)  # HeaderFields.member
            body = message.body
            if not body or int(body[0]) not in by_id:
                continue
            if member == "ActionInvoked" and body[1] == "default":
                profile = by_id.pop(int(body[0]))
                shown.activated.append(profile)
                on_activate(profile)
            elif member == "NotificationClosed":
                by_id.pop(int(body[0]), None)


def launch_box_login(profile: str | None, command: Sequence[str]) -> None:
    """Start Box Login's window on ``profile`` (``command``: how to start Box Login), in a
    session of its own so that it outlives whoever started it."""
    import subprocess

    from core.childenv import child_environment

    argv = [*command]
    if profile:
        argv += ["--profile", profile]
    kwargs: dict[str, Any] = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True
    else:  # pragma: no cover - Windows
        kwargs["creationflags"] = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
            subprocess, "CREATE_NEW_PROCESS_GROUP", 0
        )
    subprocess.Popen(  # noqa: S603 - our own program
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_environment(),
        close_fds=True,
        **kwargs,
    )
    logger.info("Opened Box Login for profile %s", profile or "default")
