"""Small widgets shared by the screens: message bar, secret field, clipboard guard, card."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.translation import sentences
from gui import accessibility, theme

if TYPE_CHECKING:
    from gui.failure import Failure

logger = logging.getLogger(__name__)

CLIPBOARD_CLEAR_MS = 60_000

#: KDE's mark for a password: Klipper and other clipboard managers (CopyQ, GPaste, …) keep
#: such content out of their history.
KDE_PASSWORD_HINT = "x-kde-passwordManagerHint"
#: How Qt names a Windows clipboard format in mime data: ``application/x-qt-windows-mime;
#: value="Name"`` is registered as the clipboard format ``Name`` (RegisterClipboardFormat).
WINDOWS_FORMAT = 'application/x-qt-windows-mime;value="{}"'
#: macOS's concealed type (nspasteboard.org) as Qt-based clipboard tools (CopyQ, KeePassXC)
#: name it. Qt itself puts an unknown mime type on the pasteboard as the type
#: ``com.trolltech.anymime.<mime>``; the native ``org.nspasteboard.ConcealedType`` needs a
#: native converter (QUtiMimeConverter), which PySide6 does not offer.
MACOS_CONCEALED = "application/x-nspasteboard-concealed-type"

_DWORD_0 = bytes(4)
_DWORD_1 = (1).to_bytes(4, "little")


def secret_hint_formats(platform: str | None = None) -> dict[str, bytes]:
    """The clipboard formats (mime type → data) that mark a copied secret as sensitive on
    ``platform`` (a ``sys.platform`` value; default: this one), for clipboard managers and
    the system's clipboard history.

    Windows: "ExcludeClipboardContentFromMonitorProcessing" (any data) keeps the content
    out of clipboard history, the cloud clipboard and clipboard monitors;
    "CanIncludeInClipboardHistory" and "CanUploadToCloudClipboard" set to the DWORD 0 say
    so to each of the first two (learn.microsoft.com, Windows "Clipboard Formats": "Cloud
    Clipboard and Clipboard History Formats").
    """
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return {
            WINDOWS_FORMAT.format("ExcludeClipboardContentFromMonitorProcessing"): _DWORD_1,
            WINDOWS_FORMAT.format("CanIncludeInClipboardHistory"): _DWORD_0,
            WINDOWS_FORMAT.format("CanUploadToCloudClipboard"): _DWORD_0,
        }
    if platform == "darwin":
        return {MACOS_CONCEALED: b"secret"}
    return {KDE_PASSWORD_HINT: b"secret"}


def secret_mime_data(secret: str, platform: str | None = None) -> QMimeData:
    """Mime data with ``secret`` as plain text, marked sensitive (:func:`secret_hint_formats`)."""
    data = QMimeData()
    data.setText(secret)
    for mime_type, value in secret_hint_formats(platform).items():
        data.setData(mime_type, value)
    return data


class ClipboardGuard(QObject):
    """Copies a secret, marked sensitive, and clears the clipboard later if it still holds
    that secret: after ``clear_after_ms``, and at the latest when the application quits."""

    cleared = Signal()

    def __init__(self, clear_after_ms: int = CLIPBOARD_CLEAR_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._secret: str | None = None
        app = QCoreApplication.instance()
        if app is not None:
            # Qt drops the connection when this guard is deleted.
            app.aboutToQuit.connect(self.clear_now)

    def copy(self, secret: str) -> None:
        """Put ``secret`` on the clipboard; it is wiped after ``clear_after_ms`` if unchanged."""
        QGuiApplication.clipboard().setMimeData(secret_mime_data(secret))
        self._secret = secret
        self._timer.start(self.clear_after_ms)

    def pending(self) -> bool:
        """True while a copied secret waits to be cleared."""
        return self._timer.isActive()

    def clear_now(self) -> None:
        """Clear the clipboard now if it still holds the copied secret (Box Login is closing);
        whatever the person copied since is left alone."""
        if self._secret is None:
            return
        self._timer.stop()
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._secret is not None and clipboard.text() == self._secret:
            clipboard.clear()
            logger.debug("Cleared the copied access key from the clipboard")
        self._secret = None
        self.cleared.emit()


def card() -> QFrame:
    """A white rounded panel."""
    frame = QFrame()
    frame.setObjectName("card")
    return frame


def label(
    text: str = "", name: str | None = None, *, wrap: bool = True, selectable: bool = False
) -> QLabel:
    """A label with an object name for the style sheet."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def button(text: str, name: str | None = None, icon: str | None = None) -> QPushButton:
    """A push button with an object name (primary, big, danger, link) and an optional icon.

    Enter presses it when it has the focus, as Space does (outside dialogs Qt leaves Enter
    to dialogs' default buttons otherwise); it takes the focus by Tab and by click.
    """
    widget = QPushButton(text)
    if name:
        widget.setObjectName(name)
    if icon:
        widget.setIcon(theme.icon(icon))
        widget.setIconSize(QSize(18, 18))
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setAutoDefault(True)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area that scrolls only when the window is too small
    for it (a small or scaled screen), rather than cutting its controls off. Tab scrolls to
    the control it reaches; the area itself takes no focus."""
    area = QScrollArea()
    area.setObjectName("page")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.viewport().setAutoFillBackground(False)
    widget.setAutoFillBackground(False)
    area.setWidget(widget)
    return area


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Size ``window`` to ``preferred``, or less where its screen's free area is smaller (a
    13-inch laptop at 150 %): a window must never start larger than the screen."""
    size = QSize(preferred)
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry().size()
        # Leave room for the title bar and frame the window manager adds.
        size = size.boundedTo(QSize(room.width() - 16, room.height() - 48))
    window.resize(size.expandedTo(window.minimumSize()))


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class MessageBar(QFrame):
    """An inline message (info, success, warning, error) with an optional Details section."""

    dismissed = Signal()
    #: The bar showed a message and told the screen reader (text, urgent).
    announced = Signal(str, bool)

    _ICONS = {"info": "info", "success": "check", "warning": "warning", "error": "error"}
    #: What a screen reader calls the bar, by level.
    _NAMES = {"info": "Information", "success": "Done", "warning": "Warning", "error": "Error"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setProperty("level", "info")
        self._icon = QLabel()
        self._icon.setFixedSize(22, 22)
        self._text = label("", "messageText", selectable=True)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.details_button = button(self.tr("Details"), "link")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(self.tr("Details"))
        self.details_button.setAccessibleDescription(
            self.tr("Shows or hides the technical details")
        )
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.setAccessibleName(self.tr("Close message"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self._details: QPlainTextEdit | None = None  # built when first needed (start-up cost)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._text, 1)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 8, 8)
        self._layout.addLayout(top)
        self.hide()

    @property
    def details(self) -> QPlainTextEdit:
        """The technical details shown behind the Details button."""
        if self._details is None:
            self._details = QPlainTextEdit()
            self._details.setReadOnly(True)
            self._details.setAccessibleName(self.tr("Technical details"))
            self._details.setTabChangesFocus(True)
            self._details.setMaximumHeight(80)
            self._details.hide()
            self._layout.addWidget(self._details)
        return self._details

    @property
    def text(self) -> str:
        """The message shown."""
        return self._text.text()

    @property
    def level(self) -> str:
        """info, success, warning or error."""
        return str(self.property("level"))

    def show_message(self, text: str, level: str = "info", details: str = "") -> None:
        """Show ``text``; ``details`` (technical, never secret) go behind the Details button."""
        self.setProperty("level", level)
        self._icon.setPixmap(theme.icon(self._ICONS.get(level, "info")).pixmap(20, 20))
        self._text.setText(text)
        if details or self._details is not None:
            self.details.setPlainText(details)
            self.details.hide()
        self.details_button.setChecked(False)
        self.details_button.setVisible(bool(details))
        self.setAccessibleName(self._NAMES.get(level, "Information"))
        self.setAccessibleDescription(text)
        repolish(self)
        self.show()
        urgent = level in ("warning", "error")
        accessibility.alert(self)
        accessibility.announce(self, f"{self.accessibleName()}: {text}", urgent=urgent)
        self.announced.emit(text, urgent)

    def show_failure(self, failure: Failure, prefix: str = "") -> None:
        """Show a failure from a worker as an error with its details."""
        text = sentences(prefix, failure.text)
        self.show_message(text, "error", failure.details)

    def clear(self) -> None:
        """Hide the bar."""
        self.hide()
        self._text.setText("")

    def _on_details_button_toggled(self, checked: bool) -> None:
        if checked or self._details is not None:
            self.details.setVisible(checked)
        self.details_button.setText(self.tr("Hide details") if checked else self.tr("Details"))

    def _on_close_button_clicked(self) -> None:
        self.clear()  # Qt moves the focus on to the next control of the window
        self.dismissed.emit()


class SecretField(QWidget):
    """A secret shown masked, with a reveal toggle and a copy button.

    Masked, the field holds no text at all: the dots are its placeholder, so neither a screen
    reader (which hears "Access key (hidden)") nor a select-and-copy gets them or the secret.
    """

    copy_requested = Signal()
    revealed_changed = Signal(bool)

    #: What a hidden secret looks like: a fixed number of dots, so the field never shows a
    #: dot cut in half at its edge, nor how long the secret is.
    MASK = "\u25cf" * 16

    def __init__(self, parent: QWidget | None = None, *, copy_text: str = "") -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setReadOnly(True)
        self.edit.setPlaceholderText("—")
        self._secret = ""
        self.edit.setAccessibleName(self.tr("Access key (hidden)"))
        self.edit.setAccessibleDescription(
            self.tr("Use “Show the access key” to read it, or copy it with the button after it.")
        )
        self.reveal_button = QToolButton()
        self.reveal_button.setCheckable(True)
        self.reveal_button.setIcon(theme.icon("eye"))
        self.reveal_button.setIconSize(QSize(20, 20))
        self.reveal_button.setToolTip(self.tr("Show the access key"))
        self.reveal_button.setAccessibleName(self.tr("Show the access key"))
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reveal_button.toggled.connect(self._on_reveal_button_toggled)
        self.copy_button = button(copy_text or self.tr("Copy"), None, "copy")
        self.copy_button.clicked.connect(self.copy_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.copy_button)

    def set_secret(self, value: str | None) -> None:
        """Show a new secret (masked unless revealed)."""
        self._secret = value or ""
        self._show()

    def secret(self) -> str:
        """The secret currently held."""
        return self._secret

    def _show(self) -> None:
        masked = bool(self._secret) and not self.is_revealed()
        self.edit.setPlaceholderText(self.MASK if masked else "—")
        self.edit.setText("" if masked else self._secret)
        self.edit.setCursorPosition(0)
        self.edit.setAccessibleName(
            self.tr("Access key (hidden)") if masked or not self._secret else self.tr("Access key")
        )

    def is_revealed(self) -> bool:
        """True when the secret is shown in clear."""
        return self.reveal_button.isChecked()

    def set_revealed(self, revealed: bool) -> None:
        """Show or mask the secret."""
        self.reveal_button.setChecked(revealed)

    def _on_reveal_button_toggled(self, checked: bool) -> None:
        self._show()
        self.reveal_button.setIcon(theme.icon("eye-off" if checked else "eye"))
        self.reveal_button.setToolTip(
            self.tr("Hide the access key") if checked else self.tr("Show the access key")
        )
        self.revealed_changed.emit(checked)
