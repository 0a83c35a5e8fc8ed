"""Screens shown before anything can be connected: first run, and "no password store"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import accessibility, theme
from gui.widgets import button, card, label, repolish

if TYPE_CHECKING:
    from gui.failure import Failure


def _centered_card(parent: QWidget, width: int = 520) -> QVBoxLayout:
    """A card centred in ``parent``; returns the card's layout."""
    frame = card()
    frame.setFixedWidth(width)
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(32, 28, 32, 28)
    inner.setSpacing(12)
    centre(parent, frame)
    return inner


def centre(parent: QWidget, frame: QWidget) -> None:
    """Put ``frame`` in the middle of ``parent``.

    Stretches rather than an alignment flag: a layout item with an alignment gets only its
    size hint, which cuts off word-wrapped text.
    """
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(frame)
    row.addStretch(1)
    outer = QVBoxLayout(parent)
    outer.setContentsMargins(24, 16, 24, 16)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)


class FirstRunPage(QWidget):
    """This copy is not set up for a Box app yet: try the demo, or set it up.

    When the settings file could not be read, the same card says what is wrong instead
    (:meth:`show_problem`), with "Set up…" first.
    """

    demo_clicked = Signal()
    setup_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _centered_card(self)
        self._layout = layout
        self.logo = logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = title = label(self.tr("Welcome to Box Login"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = intro = label(
            self.tr(
                "Box Login connects your Box account to a program on this computer. You sign in "
                "to Box once; Box Login keeps the connection safe and renews it for you."
            ),
            "subtitle",
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_set_up = not_set_up = label(
            self.tr(
                "This copy of Box Login is not set up yet: it does not know which program should "
                "get access. Whoever gave you Box Login can send you a settings file."
            ),
            "muted",
        )
        not_set_up.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.demo_button = button(self.tr("Try the demo"), "big", None)
        self.demo_button.setToolTip(
            self.tr(
                "Runs a pretend Box on this computer so you can see how signing in works. "
                "No Box account needed."
            )
        )
        self.demo_button.clicked.connect(self.demo_clicked)
        self.demo_note = demo_note = label(
            self.tr("No Box account needed: a pretend Box runs on this computer."), "muted"
        )
        demo_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setup_button = button(self.tr("Set up…"))
        self.setup_button.setToolTip(
            self.tr(
                "For the person who manages the program: enter its Box app details or open a "
                "settings file."
            )
        )
        self.setup_button.clicked.connect(self.setup_clicked)

        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(not_set_up)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(demo_note)
        layout.addSpacing(6)
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.details_button: QPushButton | None = None  # built by show_problem
        self.details: QPlainTextEdit | None = None
        self.problem: Failure | None = None

    def primary_control(self) -> QWidget:
        """The main action: "Try the demo", or "Set up…" when the settings have a problem."""
        return self.setup_button if self.problem is not None else self.demo_button

    def show_problem(self, failure: Failure) -> None:
        """The settings file could not be read: say so (not "welcome"), with "Set up…" as
        the main action and the technical part behind "Details"."""
        self.problem = failure
        self.logo.setPixmap(theme.icon("error").pixmap(48, 48))
        self.title.setText(self.tr("Box Login's settings could not be read"))
        self.intro.setText(failure.text)
        self.not_set_up.setText(
            self.tr(
                "Whoever gave you Box Login can send you a new settings file. Open it with "
                "“Set up…”, or try the demo meanwhile."
            )
        )
        self.demo_note.hide()
        self.setup_button.setText(self.tr("Set up…"))
        self.setup_button.setObjectName("big")
        self.demo_button.setObjectName("")
        for widget in (self.setup_button, self.demo_button):
            repolish(widget)
        # "Set up…" first: it is what fixes this.
        layout = self._layout
        layout.removeWidget(self.setup_button)
        layout.insertWidget(
            layout.indexOf(self.demo_button), self.setup_button, 0, Qt.AlignmentFlag.AlignHCenter
        )
        QWidget.setTabOrder(self.setup_button, self.demo_button)
        if failure.details:
            if self.details_button is None:
                self.details_button = button(self.tr("Details"), "link")
                self.details_button.setCheckable(True)
                self.details_button.setAccessibleDescription(
                    self.tr("Shows or hides the technical details")
                )
                self.details = QPlainTextEdit()
                self.details.setReadOnly(True)
                self.details.setAccessibleName(self.tr("Technical details"))
                self.details.setTabChangesFocus(True)
                self.details.setMaximumHeight(90)
                self.details.hide()
                self.details_button.toggled.connect(self._on_details_button_toggled)
                at = layout.indexOf(self.not_set_up)
                layout.insertWidget(at, self.details_button, 0, Qt.AlignmentFlag.AlignHCenter)
                layout.insertWidget(at + 1, self.details)
            assert self.details is not None
            self.details.setPlainText(failure.details)

    def _on_details_button_toggled(self, checked: bool) -> None:
        if self.details is not None and self.details_button is not None:
            self.details.setVisible(checked)
            self.details_button.setText(self.tr("Hide details") if checked else self.tr("Details"))

    def set_actions_enabled(self, enabled: bool) -> None:
        """Disable both choices while something runs."""
        self.demo_button.setEnabled(enabled)
        self.setup_button.setEnabled(enabled)


class NoKeyringPage(QWidget):
    """The computer has no password store: explain, and offer the two explicit choices."""

    encrypted_file_clicked = Signal()
    memory_clicked = Signal()

    #: Both choices get the same width, so neither looks like an afterthought.
    CHOICE_WIDTH = 330

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _centered_card(self, 540)
        icon = QLabel()
        icon.setPixmap(theme.icon("warning").pixmap(44, 44))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = label(self.tr("Where to keep your connection"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = label(
            self.tr(
                "This computer has no password store (such as GNOME Keyring) that Box Login can "
                "use, and Box Login never keeps your Box connection in a plain file. Please choose:"
            ),
            "subtitle",
        )
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.encrypted_button = button(self.tr("Keep it in an encrypted file…"), "primary")
        self.encrypted_button.setToolTip(
            self.tr("You choose a passphrase; you will type it each time you start Box Login.")
        )
        self.encrypted_button.clicked.connect(self.encrypted_file_clicked)
        encrypted_note = _note(
            self.tr(
                "Locked with a passphrase you choose. You type it each time you start Box Login."
            )
        )
        self.memory_button = button(self.tr("Keep it only while Box Login is open"))
        self.memory_button.setToolTip(self.tr("Nothing is saved on this computer."))
        self.memory_button.clicked.connect(self.memory_clicked)
        memory_note = _note(self.tr("Nothing is saved: you connect to Box again next time."))
        for choice in (self.encrypted_button, self.memory_button):
            choice.setFixedWidth(self.CHOICE_WIDTH)

        rule = QFrame()
        rule.setObjectName("rule")
        rule.setFixedHeight(1)
        install = _note(
            self.tr(
                "Or have a password store installed, then start Box Login again. On Debian or "
                "Ubuntu, whoever looks after this computer can run "
                "“sudo apt-get install gnome-keyring”."
            )
        )
        install.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(self.explanation)
        layout.addSpacing(10)
        for choice, note in (
            (self.encrypted_button, encrypted_note),
            (self.memory_button, memory_note),
        ):
            layout.addWidget(choice, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(-6)  # the note belongs to the button above it
            layout.addWidget(note)
            layout.addSpacing(8)
        layout.addWidget(rule)
        layout.addSpacing(2)
        layout.addWidget(install)

    def primary_control(self) -> QWidget:
        """The main action: the encrypted file."""
        return self.encrypted_button

    def set_actions_enabled(self, enabled: bool) -> None:
        """Disable both choices while something runs."""
        self.encrypted_button.setEnabled(enabled)
        self.memory_button.setEnabled(enabled)


def _note(text: str) -> QLabel:
    """A short, centred, muted line under a choice."""
    note = label(text, "muted")
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return note


class PassphraseDialog(QDialog):
    """Asks for the passphrase of the encrypted file (twice when the file is new)."""

    def __init__(self, parent: QWidget | None = None, *, new_file: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase"))  # Qt adds " — Box Login"
        self.new_file = new_file
        text = (
            self.tr(
                "Choose a passphrase for the file that keeps your Box connection. You will need "
                "it each time you start Box Login; it cannot be recovered."
            )
            if new_file
            else self.tr("Type the passphrase of the file that keeps your Box connection.")
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = label("", "muted")
        self.problem.setAccessibleName(self.tr("Problem"))
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if new_file:
            form.addRow(self.tr("Type it again"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.passphrase.setFocus()
        layout = QVBoxLayout(self)
        layout.addWidget(label(text))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def value(self) -> str:
        """The passphrase typed."""
        return self.passphrase.text()

    def _say(self, text: str, field: QLineEdit) -> None:
        self.problem.setText(text)
        accessibility.announce(self.problem, text, urgent=True)
        field.setFocus()

    def _on_buttons_accepted(self) -> None:
        if not self.passphrase.text():
            self._say(self.tr("Please type a passphrase."), self.passphrase)
            return
        if self.new_file and self.passphrase.text() != self.repeat.text():
            self._say(
                self.tr("The two passphrases are different. Please type them again."), self.repeat
            )
            return
        self.accept()


def ask_passphrase(parent: QWidget | None, new_file: bool) -> str | None:
    """The default passphrase prompt; None when the person cancels."""
    dialog = PassphraseDialog(parent, new_file=new_file)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.value()
        return None
    finally:
        dialog.deleteLater()
