"""Set up which Box app Box Login signs in to (for the person who administers the app)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import BoxLoginError
from gui import theme
from gui.widgets import MessageBar, button, label
from gui.worker import Failure

if TYPE_CHECKING:
    from core.settings import Settings

logger = logging.getLogger(__name__)


class SetupDialog(QDialog):
    """Client ID, client secret, redirect URIs, scope and Box addresses; or a settings file.

    ``settings_saved(Settings, where)`` is emitted after the per-user settings were written.
    """

    settings_saved = Signal(object, str)

    def __init__(
        self,
        current: Settings | None = None,
        parent: QWidget | None = None,
        *,
        save_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        from core.settings import DEFAULT_BASE_URL, DEFAULT_OAUTH_2_URL, DEFAULT_REDIRECT_URIS

        self.setWindowTitle("Set up Box Login")
        self.setWindowIcon(theme.app_icon())
        self.resize(600, 560)
        self._save_path = save_path

        intro = label(
            "For the person who manages the program that uses Box: enter the details of its "
            "Box app (from the Box Developer Console), or open a settings file you were given.",
            "subtitle",
        )
        self.import_button = button("Open a settings file…", None, None)
        self.import_button.clicked.connect(self._on_import_button_clicked)

        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText("e.g. 3a2b1c…")
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.redirect_uris = QPlainTextEdit()
        self.redirect_uris.setPlaceholderText("One address per line")
        self.redirect_uris.setPlainText("\n".join(DEFAULT_REDIRECT_URIS))
        self.redirect_uris.setMaximumHeight(90)
        self.scope = QLineEdit()
        self.scope.setPlaceholderText("Leave empty to use the app's settings at Box")
        form = QFormLayout()
        form.addRow("Client ID", self.client_id)
        form.addRow("Client secret", self.client_secret)
        form.addRow("Redirect URIs", self.redirect_uris)
        form.addRow("Scope (optional)", self.scope)

        self.base_url = QLineEdit(DEFAULT_BASE_URL)
        self.oauth_2_url = QLineEdit(DEFAULT_OAUTH_2_URL)
        servers = QGroupBox("Box addresses (change only if Box told you to)")
        servers_form = QFormLayout(servers)
        servers_form.addRow("API", self.base_url)
        servers_form.addRow("Sign-in", self.oauth_2_url)

        self.message = MessageBar()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(servers)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if current is not None:
            self.fill(current)

    def fill(self, settings: Settings) -> None:
        """Show ``settings`` in the fields."""
        self.client_id.setText(settings.client_id)
        self.client_secret.setText(settings.client_secret)
        self.redirect_uris.setPlainText("\n".join(settings.redirect_uris))
        self.scope.setText(settings.scope or "")
        self.base_url.setText(settings.base_url)
        self.oauth_2_url.setText(settings.oauth_2_url)

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
        self.message.show_message(f"Read {path.name}. Check the details and click Save.", "info")
        return True

    def _on_import_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a settings file", str(Path.home()), "Settings (*.json);;All files (*)"
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
                "The settings could not be saved.", "error", f"{type(exc).__name__}"
            )
            return
        self.settings_saved.emit(settings, display_path(where))
        self.accept()
