"""Set up which Box app Box Login signs in to (for the person who administers the app)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import BoxLoginError
from gui import theme
from gui.failure import Failure
from gui.widgets import MessageBar, button, card, label, scrolling

if TYPE_CHECKING:
    from core.settings import Settings

logger = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Client ID, client secret, redirect URIs, scope and Box addresses; or a settings file.

    ``settings_saved(Settings, where)`` is emitted after the per-user settings were written.
    """

    settings_saved = Signal(object, str)

    #: Wide enough that each explanation takes at most two lines.
    WIDTH = 640

    def __init__(
        self,
        current: Settings | None = None,
        parent: QWidget | None = None,
        *,
        save_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        from core.settings import DEFAULT_BASE_URL, DEFAULT_OAUTH_2_URL, DEFAULT_REDIRECT_URIS

        self.setWindowTitle(self.tr("Set up Box Login"))
        self.setWindowIcon(theme.app_icon())
        self.setMinimumWidth(420)
        self._save_path = save_path

        title = label(self.tr("Set up Box Login"), "title")
        intro = label(
            self.tr(
                "For the person who manages the Box app this copy of Box Login signs in to. "
                "Open the settings file you were given, or copy the app's details from the "
                "Box Developer Console."
            ),
            "subtitle",
        )
        self.import_button = button(self.tr("Open a settings file…"))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addWidget(label(self.tr("(a .json file)"), "muted", wrap=False))
        import_row.addStretch(1)

        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText("e.g. 3a2b1c…")
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.redirect_uris = QPlainTextEdit()
        self.redirect_uris.setPlaceholderText(self.tr("One address per line"))
        self.redirect_uris.setPlainText("\n".join(DEFAULT_REDIRECT_URIS))
        self.redirect_uris.setFixedHeight(78)
        self.redirect_uris.setTabChangesFocus(True)  # Tab moves on; Enter adds a line
        self.scope = QLineEdit()
        self.scope.setPlaceholderText(self.tr("Leave empty to use the app's settings at Box"))

        app_card, app_layout = _section(self.tr("The Box app"))
        fields = _grid()
        _add_field(
            fields,
            self.tr("Client ID"),
            self.client_id,
            self.tr("The app's ID, on its Configuration page at Box."),
        )
        _add_field(
            fields,
            self.tr("Client secret"),
            self.client_secret,
            self.tr("The app's password, next to the client ID. Keep it private."),
        )
        self.redirect_help = _add_field(
            fields,
            self.tr("Redirect URIs"),
            self.redirect_uris,
            self.tr(
                "Where Box sends people back after they sign in; the app at Box must list the "
                "same ones. Addresses with 127.0.0.1 work best."
            ),
        )
        #: Shown while a "localhost" address is listed: which 127.0.0.1 address to use.
        self.localhost_advice = label("", "help")
        self.localhost_advice.hide()
        fields.addWidget(self.localhost_advice, fields.rowCount(), 1)
        self.redirect_uris.textChanged.connect(self._on_redirect_uris_text_changed)
        _add_field(
            fields,
            self.tr("Scope"),
            self.scope,
            self.tr(
                "Optional: what the app may do, e.g. root_readonly. Empty: all that the app "
                "was allowed at Box."
            ),
        )
        app_layout.addLayout(fields)

        self.base_url = QLineEdit(DEFAULT_BASE_URL)
        self.oauth_2_url = QLineEdit(DEFAULT_OAUTH_2_URL)
        # Almost nobody changes these: out of the way unless asked for (or already changed).
        self.addresses_button = button(
            self.tr("Box addresses (change only if Box told you to)…"), "link"
        )
        self.addresses_button.setCheckable(True)
        self.addresses_button.toggled.connect(self._on_addresses_button_toggled)
        servers, servers_layout = _section(self.tr("Box addresses"))
        self.addresses_card = servers
        servers.hide()
        servers_layout.addWidget(label(self.tr("Change these only if Box told you to."), "help"))
        addresses = _grid()
        _add_field(addresses, "API", self.base_url)
        _add_field(addresses, self.tr("Sign-in"), self.oauth_2_url)
        servers_layout.addLayout(addresses)

        self.message = MessageBar()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        self.save_button.setIcon(QIcon())  # plain words, like every other button
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setIcon(QIcon())
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        content = QWidget()
        layout = QVBoxLayout(content)
        self._layout = layout
        self._fitted_height = 0
        layout.setContentsMargins(20, 18, 20, 4)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(import_row)
        layout.addSpacing(4)
        layout.addWidget(app_card)
        layout.addWidget(self.addresses_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(servers)
        layout.addWidget(self.message)
        layout.addStretch(1)
        # On a small or scaled screen the fields scroll; Save and Cancel stay in reach.
        self._scroll = scrolling(content)
        self._buttons = buttons
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._scroll, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(20, 8, 20, 16)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)
        self._outer = outer
        if current is not None:
            self.fill(current)
        self.message.installEventFilter(self)
        # The keyboard starts at the first step, not on Save (Qt's pick for a dialog whose
        # first control is a button).
        self.import_button.setFocus()
        self._fit_height(width=self.WIDTH)

    def _fit_height(self, *, width: int | None = None) -> None:
        """Give the wrapped explanations the height they need: a top-level window does not
        ask its layout for the height at its width, and would squeeze the fields instead.
        On a screen too small for all of it, as tall as the screen allows: the fields
        scroll, Save and Cancel stay in reach."""
        self.ensurePolished()  # the style sheet's fonts decide how many lines wrap
        width = width if width is not None else self.width()
        needed = (
            self._layout.heightForWidth(width)
            + self._buttons.sizeHint().height()
            + self._outer.spacing()
            + 24
        )
        screen = self.screen()
        room = screen.availableGeometry().height() - 48 if screen is not None else needed
        height = max(240, min(needed, room))
        self.setMinimumHeight(min(height, 240))
        if not self.isVisible() or height > self.height() or self._fitted_height == self.height():
            self.resize(width, height)  # grow, or shrink back unless the person resized it
            self._fitted_height = height

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the height once the style sheet is applied."""
        super().showEvent(event)
        self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A message appeared or went away: fit the height again."""
        if watched is self.message and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            QTimer.singleShot(0, self, self._fit_height)
        return super().eventFilter(watched, event)

    def _on_redirect_uris_text_changed(self) -> None:
        advice = _localhost_advice(self.redirect_uris.toPlainText().splitlines())
        self.localhost_advice.setText(advice)
        if self.localhost_advice.isHidden() == bool(advice):
            self.localhost_advice.setVisible(bool(advice))
            QTimer.singleShot(0, self, self._fit_height)

    def _on_addresses_button_toggled(self, shown: bool) -> None:
        self.addresses_card.setVisible(shown)
        self.addresses_button.setText(
            self.tr("Hide Box addresses")
            if shown
            else self.tr("Box addresses (change only if Box told you to)…")
        )
        self._fit_height()

    def fill(self, settings: Settings) -> None:
        """Show ``settings`` in the fields."""
        from core.settings import DEFAULT_BASE_URL, DEFAULT_OAUTH_2_URL

        self.client_id.setText(settings.client_id)
        self.client_secret.setText(settings.client_secret)
        self.redirect_uris.setPlainText("\n".join(settings.redirect_uris))
        self.scope.setText(settings.scope or "")
        self.base_url.setText(settings.base_url)
        self.oauth_2_url.setText(settings.oauth_2_url)
        if (settings.base_url, settings.oauth_2_url) != (DEFAULT_BASE_URL, DEFAULT_OAUTH_2_URL):
            self.addresses_button.setChecked(True)  # show what differs from Box's own

    def settings(self) -> Settings:
        """The settings in the fields, checked (raises the settings error naming the field)."""
        from core.settings import parse_settings

        data: dict[str, object] = {
            "client_id": self.client_id.text().strip(),
            "client_secret": self.client_secret.text().strip(),
            "redirect_uris": [
                line.strip()
                for line in self.redirect_uris.toPlainText().splitlines()
                if line.strip()
            ],
            "base_url": self.base_url.text().strip(),
            "oauth_2_url": self.oauth_2_url.text().strip(),
        }
        if self.scope.text().strip():
            data["scope"] = self.scope.text().strip()
        return parse_settings(data)

    def import_file(self, path: Path) -> bool:
        """Fill the fields from a settings file; False (with a message) when it is invalid."""
        from core.settings import read_settings_file

        try:
            settings = read_settings_file(path)
        except BoxLoginError as exc:
            self.message.show_failure(Failure.from_exception(exc))
            return False
        self.fill(settings)
        self.message.show_message(
            self.tr("Read {file}. Check the details and click Save.").format(file=path.name),
            "info",
        )
        return True

    def _on_import_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a settings file"),
            str(Path.home()),
            self.tr("Settings (*.json);;All files (*)"),
        )
        if name:
            self.import_file(Path(name))

    def _on_buttons_accepted(self) -> None:
        from core.settings import display_path, save_user_settings

        try:
            settings = self.settings()
            where = save_user_settings(settings, path=self._save_path)
        except BoxLoginError as exc:
            self.message.show_failure(Failure.from_exception(exc))
            return
        except OSError as exc:
            self.message.show_message(
                self.tr("The settings could not be saved."), "error", f"{type(exc).__name__}"
            )
            return
        self.settings_saved.emit(settings, display_path(where))
        self.accept()


def _localhost_advice(lines: list[str]) -> str:
    """Plain-words advice for the first "localhost" address listed; "" when there is none.

    A recommendation only (RFC 8252 §8.3): such an address works, but what "localhost" means
    depends on the computer, while 127.0.0.1 always means this computer.
    """
    from core.settings import preferred_redirect_uri

    better = [(uri, p) for uri in (x.strip() for x in lines) if (p := preferred_redirect_uri(uri))]
    if not better:
        return ""
    uri, preferred = better[0]
    if len(better) > 1:
        text = QCoreApplication.translate(
            "SetupDialog",
            "Tip: use {preferred} instead of {uri} (and likewise for the others), and list it "
            "at Box too. 127.0.0.1 always means this computer; what “localhost” means depends "
            "on the computer’s setup.",  # noqa: RUF001
        )
    else:
        text = QCoreApplication.translate(
            "SetupDialog",
            "Tip: use {preferred} instead of {uri}, and list it at Box too. 127.0.0.1 always "
            "means this computer; what “localhost” means depends on the computer’s setup.",  # noqa: RUF001
        )
    return text.format(preferred=preferred, uri=uri)


def _section(heading: str) -> tuple[QFrame, QVBoxLayout]:
    """A card with a heading; returns the card and its layout."""
    frame = card()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.setSpacing(8)
    layout.addWidget(label(heading, "sectionTitle"))
    return frame, layout


def _grid() -> QGridLayout:
    """Labels on the left, fields (with their explanations under them) taking the rest.

    A grid rather than a QFormLayout: a form row does not grow for a wrapped explanation.
    """
    grid = QGridLayout()
    grid.setHorizontalSpacing(14)
    grid.setVerticalSpacing(4)
    grid.setColumnStretch(1, 1)
    grid.setColumnMinimumWidth(0, 96)
    return grid


def _add_field(grid: QGridLayout, name: str, field: QWidget, help_text: str = "") -> QLabel | None:
    """A row ``name`` | ``field``, with ``help_text`` (plain words) under the field.

    Returns the help text's label, if any.
    """
    row = grid.rowCount()
    if row > 1:
        grid.setRowMinimumHeight(row, 8)  # space between fields
        row += 1
    caption = label(name, "fieldLabel", wrap=False)
    caption.setBuddy(field)
    if isinstance(field, QPlainTextEdit):  # several lines: the caption goes by the first
        caption.setContentsMargins(0, 7, 0, 0)
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    else:
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    grid.addWidget(field, row, 1)
    if not help_text:
        return None
    explanation = label(help_text, "help")
    grid.addWidget(explanation, row + 1, 1)
    return explanation
