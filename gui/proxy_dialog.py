"""“Sign in to the proxy”: the proxy server's user name and password, asked by the main window.

The sign-in page's proxy asked who the person is (HTTP 407) and Box Login had no answer, or a
wrong one. The sign-in window's process says so; this small dialog, in the main window's
process (where the password store and the token calls are), asks. What is typed goes to the
sign-in page (over its standard input) and to the token calls' network rules; it is kept in
the password store, as an entry of its own, only when the person ticks "Remember in the
password store" (off by default). See :mod:`gui.web_network`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.translation import sentences
from gui import theme
from gui.widgets import label


class ProxyCredentialsDialog(QDialog):
    """Asks for the proxy's user name and password; ``submitted(user, password, remember)``.

    Window-modal (:meth:`open`), so the main window keeps running. :meth:`ask` (again) fills
    in which proxy and whether the last answer was refused.
    """

    submitted = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None, *, can_remember: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Proxy sign-in"))  # Qt adds " — Box Login"
        self.setWindowIcon(theme.app_icon())
        self.title = label(self.tr("The proxy server needs your user name and password"))
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.text = label("")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("Proxy user name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Proxy password"))
        self.remember = QCheckBox(self.tr("Remember in the password store"))
        self.remember.setChecked(False)
        self.remember.setAccessibleDescription(
            self.tr(
                "Keep this user name and password in this computer's password store, so Box Login "
                "does not ask again. Unticked, they are used only until Box Login closes."
            )
        )
        if not can_remember:
            self.remember.setEnabled(False)
            self.remember.setToolTip(
                self.tr("This computer has no password store Box Login can use.")
            )
        self.problem = label("", "muted")
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.user)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in to the proxy"))
        ok.setIcon(QIcon())
        ok.setAccessibleName(self.tr("Sign in to the proxy"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setIcon(QIcon())
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def ask(self, proxy: str, words: str = "", *, refused: bool = False, user: str = "") -> None:
        """Say which proxy asks (``words``: where the decision came from) and whether the
        last user name and password were refused (``user``: the name given then, filled in
        again); the focus goes where typing starts."""
        if user:
            self.user.setText(user)
        named = f"{proxy} ({words})" if words and proxy else (proxy or "")
        if refused:
            self.title.setText(
                self.tr("The proxy server did not accept your user name and password")
            )
            text = (
                self.tr("The proxy server {proxy} refused them. Please type them again.")
                if named
                else self.tr("The proxy server refused them. Please type them again.")
            )
        else:
            self.title.setText(self.tr("The proxy server needs your user name and password"))
            text = (
                self.tr(
                    "The proxy server {proxy} asks who you are before it lets the Box sign-in "
                    "page through."
                )
                if named
                else self.tr(
                    "The proxy server asks who you are before it lets the Box sign-in page through."
                )
            )
        advice = self.tr(
            "Use the user name and password of your account on this network; your IT team "
            "can tell you which."
        )
        self.text.setText(sentences(text.format(proxy=named), advice))
        self.setAccessibleDescription(self.text.text())
        self.password.clear()
        (self.password if self.user.text() else self.user).setFocus()

    def _on_buttons_accepted(self) -> None:
        user = self.user.text().strip()
        if not user:
            self.problem.setText(self.tr("Please type the user name."))
            self.problem.show()
            self.user.setFocus()
            return
        self.problem.hide()
        self.submitted.emit(user, self.password.text(), self.remember.isChecked())
        self.password.clear()
        self.accept()
