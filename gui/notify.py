"""Keep-alive's reminders on macOS and Windows, through Qt (``QSystemTrayIcon.showMessage``:
Notification Center on macOS, a toast on Windows). Linux uses the freedesktop D-Bus interface
without Qt (``core.notifications``); this module is loaded only when a reminder must be shown
there, so the keep-alive job loads no Qt otherwise.

Qt shows one message at a time, so several reminders become one. Clicking it opens Box Login
on the first reminder's profile, while this waits (``core.notifications.ACTIVATION_WAIT``).
Written for macOS and Windows and not run there yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.notifications import ACTIVATION_WAIT, Notice, NotificationsUnavailableError

__all__ = ["show_with_qt"]


def show_with_qt(
    notices: Sequence[Notice],
    *,
    on_activate: Callable[[str | None], None] | None = None,
    wait: float = ACTIVATION_WAIT,
) -> None:
    """Show ``notices`` as one system notification; call ``on_activate(profile)`` when it is
    clicked within ``wait`` seconds. Raises NotificationsUnavailableError without a tray."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from gui import theme

    if not notices:
        return
    app = QApplication.instance() or QApplication([])
    if not QSystemTrayIcon.isSystemTrayAvailable():
        raise NotificationsUnavailableError("no system tray")
    tray = QSystemTrayIcon(theme.app_icon())
    tray.setToolTip("Box Login")
    title = notices[0].title if len(notices) == 1 else f"Box Login: {len(notices)} reminders"
    body = "\n\n".join(n.body if len(notices) == 1 else f"{n.title}. {n.body}" for n in notices)

    def clicked() -> None:
        if on_activate is not None:
            on_activate(notices[0].profile)
        app.quit()

    tray.messageClicked.connect(clicked)
    tray.show()
    tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
    QTimer.singleShot(int(wait * 1000) if on_activate is not None else 16_000, app.quit)
    app.exec()
    tray.hide()
