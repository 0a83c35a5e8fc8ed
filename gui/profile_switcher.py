"""The account switcher in the window's header, and the accounts in its Account menu.

It only shows what it is given (``gui.profiles`` decides the order and titles) and says what
was chosen; the window's controller decides what a choice does.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu

from gui.profiles import ADD_ACCOUNT_TEXT, ProfileEntry, profile_title
from gui.widgets import label


class ProfileSwitcher(QObject):
    """The "Account" caption and list (``label``, ``combo``), and the accounts listed at the
    top of ``menu`` above ``add_action`` and ``quit_action``."""

    #: An account was chosen, in the list or the menu (its profile name).
    profile_chosen = Signal(str)
    #: The list's last row, "Add another Box account…", was chosen.
    add_chosen = Signal()

    def __init__(
        self, menu: QMenu, add_action: QAction, quit_action: QAction, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._menu = menu
        self._add_action = add_action
        self._quit_action = quit_action
        self._actions = QActionGroup(self)
        self._actions.setExclusive(True)
        self.label = label(self.tr("Account"), "fieldLabel", wrap=False)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(240)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setAccessibleName(self.tr("Account"))
        self.combo.setAccessibleDescription(
            self.tr("Which Box account Box Login shows; the last entry adds another account")
        )
        self.label.setBuddy(self.combo)
        self.combo.activated.connect(self._on_combo_activated)
        self._fill_menu([], None)

    def show_entries(self, entries: Sequence[ProfileEntry], current: str) -> None:
        """List ``entries`` (in this order), ``current`` chosen."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for entry in entries:
            self.combo.addItem(profile_title(entry), entry.profile)
        self.combo.addItem(QCoreApplication.translate("Profiles", ADD_ACCOUNT_TEXT), None)
        self.combo.setCurrentIndex(self.combo.findData(current))
        self.combo.blockSignals(False)
        self._fill_menu(entries, current)

    def select(self, profile: str) -> None:
        """Show ``profile`` as chosen in the list."""
        self.combo.setCurrentIndex(self.combo.findData(profile))

    def set_offered(self, offered: bool) -> None:
        """Show or hide the caption and the list."""
        self.combo.setVisible(offered)
        self.label.setVisible(offered)

    def _fill_menu(self, entries: Sequence[ProfileEntry], current: str | None) -> None:
        menu = self._menu
        menu.clear()
        for action in self._actions.actions():
            self._actions.removeAction(action)
        for entry in entries:
            action = QAction(profile_title(entry), self.parent())
            action.setCheckable(True)
            action.setChecked(entry.profile == current)
            action.setData(entry.profile)
            action.triggered.connect(
                lambda _checked=False, p=entry.profile: self.profile_chosen.emit(p)
            )
            self._actions.addAction(action)
            menu.addAction(action)
        if entries:
            menu.addSeparator()
        menu.addAction(self._add_action)
        menu.addSeparator()
        menu.addAction(self._quit_action)

    def _on_combo_activated(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data is None:
            self.add_chosen.emit()
        else:
            self.profile_chosen.emit(str(data))
