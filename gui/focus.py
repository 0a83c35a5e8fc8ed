"""Where the keyboard focus goes: the window controller's intentions (``Focus``) carried out.

The controller says what should have the focus next ("the screen's main action", "back to
the button that started this"); :class:`FocusKeeper` finds that control in the window. Qt
moves the focus away from a button it disables (to the next control: the key field after
Copy), so the keeper remembers where the focus was when the actions were disabled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from gui.window_view import Focus


class FocusKeeper:
    """Moves the focus in ``window``; ``current_screen`` gives the screen shown, whose
    ``primary_control()`` (if it has one) names its main action."""

    def __init__(self, window: QWidget, current_screen: Callable[[], QWidget | None]) -> None:
        self._window = window
        self._current_screen = current_screen
        self._enabled = True
        self._resume: QWidget | None = None
        self._primary_pending = False

    def actions_enabling(self, enabled: bool) -> None:
        """Call before the window enables or disables its actions."""
        if not enabled and self._enabled:
            focused = QApplication.focusWidget()
            if focused is not None and self._window.isAncestorOf(focused):
                self._resume = focused
        self._enabled = enabled

    def actions_enabled(self, enabled: bool) -> None:
        """Call after: a main action waiting to be enabled gets the focus now."""
        if enabled and self._primary_pending:
            self.move(Focus.PRIMARY)

    def move(self, target: Focus) -> None:
        """Put the focus on ``target``."""
        if target == Focus.RESUME:
            widget, self._resume = self._resume, None
            if widget is None:
                return  # nothing to go back to (the action came from a menu, or by itself)
            if self._can_focus(widget):
                self._focus(widget)
                return
        self._resume = None
        screen = self._current_screen()
        primary = getattr(screen, "primary_control", None)
        widget = primary() if callable(primary) else None
        if widget is None:
            return
        self._primary_pending = not widget.isEnabled()  # then: once the work is done
        if not self._primary_pending:
            self._focus(widget)

    def _can_focus(self, widget: QWidget) -> bool:
        return (
            self._window.isAncestorOf(widget)
            and widget.isVisibleTo(self._window)
            and widget.isEnabled()
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        )

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()
