"""What a screen reader hears: announcements, and names for controls that show a symbol.

Qt tells assistive technology (AT-SPI on Linux, UI Automation on Windows, NSAccessibility on
macOS) about a widget's name, role and state by itself; what it cannot know is when a change
matters to the person. :func:`announce` says so: Qt 6.8's announcement event (read out
politely, or at once for errors) and, for message bars, the Alert event screen readers watch.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def announce(source: QObject, text: str, *, urgent: bool = False) -> None:
    """Have the screen reader say ``text``, coming from ``source`` (a widget on screen).

    ``urgent`` interrupts what it is reading (errors); otherwise it waits its turn.
    """
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def alert(widget: QWidget) -> None:
    """``widget`` (a message bar) appeared with something the person must know."""
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def name_changed(widget: QWidget) -> None:
    """``widget``'s accessible name changed (a label whose text says the state)."""
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))


def name(widget: QWidget, text: str, description: str = "") -> None:
    """Give ``widget`` an accessible name (and a description where the name is not enough)."""
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)


def accessible_name(widget: QObject) -> str:
    """What a screen reader calls ``widget`` (its name as Qt reports it)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return str(interface.text(QAccessible.Text.Name) or "")


def name_form_fields(root: QWidget) -> None:
    """Name the input fields of ``root``'s form layouts after their row's label, where Qt
    cannot: a row whose field is a layout (a field with a "Choose file…" button beside it)
    has no label buddy, so its field would be read out without a name."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            caption = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            text_widget = caption.widget() if caption is not None else None
            if not isinstance(text_widget, QLabel) or field is None:
                continue
            text = text_widget.text().replace("&", "")
            inner = field.layout()
            items = [inner.itemAt(i) for i in range(inner.count())] if inner else [field]
            candidates = [item.widget() for item in items if item is not None]
            for widget in candidates:
                if isinstance(widget, (QLineEdit, QComboBox, QPlainTextEdit)):
                    if not widget.accessibleName() and text_widget.buddy() is not widget:
                        widget.setAccessibleName(text)
                    break
