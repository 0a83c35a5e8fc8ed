"""Advanced (for administrators and developers): server access keys and limited access keys.

Three tabs: a server key through client credentials (enterprise or user), a server key
through JWT (the Box app configuration file, with a passphrase prompt when its key is
encrypted and the file has none), and a downscoped key for one file, folder or shared link.
Each result shows the key masked, with reveal, copy and its expiry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import AppConfigError
from core.translation import sentences
from gui import theme
from gui.failure import Failure
from gui.widgets import ClipboardGuard, MessageBar, SecretField, button, label
from gui.worker import TaskRunner

if TYPE_CHECKING:
    from core.session import BoxLogin
    from core.settings import Settings
    from core.tokens import AccessToken

logger = logging.getLogger(__name__)

DOWNSCOPE_SCOPES = (
    ("item_preview", QT_TRANSLATE_NOOP("AdvancedDialog", "Preview")),
    ("item_download", QT_TRANSLATE_NOOP("AdvancedDialog", "Download")),
    ("item_upload", QT_TRANSLATE_NOOP("AdvancedDialog", "Upload")),
    ("item_rename", QT_TRANSLATE_NOOP("AdvancedDialog", "Rename")),
    ("item_delete", QT_TRANSLATE_NOOP("AdvancedDialog", "Delete")),
    ("item_share", QT_TRANSLATE_NOOP("AdvancedDialog", "Share")),
    ("base_preview", QT_TRANSLATE_NOOP("AdvancedDialog", "UI Elements: preview")),
    ("base_explorer", QT_TRANSLATE_NOOP("AdvancedDialog", "UI Elements: explore")),
    ("base_upload", QT_TRANSLATE_NOOP("AdvancedDialog", "UI Elements: upload")),
    ("annotation_view_self", QT_TRANSLATE_NOOP("AdvancedDialog", "View own annotations")),
    ("annotation_edit", QT_TRANSLATE_NOOP("AdvancedDialog", "Edit annotations")),
)

PassphrasePrompt = Callable[[QWidget], str | None]


def default_passphrase_prompt(parent: QWidget) -> str | None:
    """Ask for the private key's passphrase."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("AdvancedDialog", "Passphrase"),
        QCoreApplication.translate(
            "AdvancedDialog", "The private key in this file is protected. Type its passphrase:"
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


class TokenResult(QWidget):
    """A resulting access key: masked with reveal and copy, and when it expires."""

    def __init__(self, clipboard: ClipboardGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.secret = SecretField(copy_text=self.tr("Copy"))
        self.secret.copy_requested.connect(self._on_secret_copy_requested)
        self.expiry = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.secret)
        layout.addWidget(self.expiry)
        self.hide()

    def show_token(self, token: AccessToken) -> None:
        """Show a new key."""
        self.secret.set_secret(token.access_token)
        expires = token.expires_at
        parts = []
        if expires is not None:
            moment = datetime.fromtimestamp(expires)
            clock = QLocale().toString(
                QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat
            )
            parts.append(
                self.tr("Valid until {time} ({minutes} minutes).").format(
                    time=clock, minutes=max(0, round((expires - time.time()) / 60))
                )
            )
        if token.restricted_to:
            parts.append(
                self.tr("Limited to {count} item(s).").format(count=len(token.restricted_to))
            )
        self.expiry.setText(sentences(*parts) or self.tr("Box did not say how long it is valid."))
        self.show()

    def _on_secret_copy_requested(self) -> None:
        if self.secret.secret():
            self._clipboard.copy(self.secret.secret())


class AdvancedDialog(QDialog):
    """Server access keys (client credentials, JWT) and limited (downscoped) access keys."""

    token_received = Signal(str, object)  # tab name, AccessToken

    def __init__(
        self,
        settings: Settings | None,
        login: BoxLogin | None,
        profile: str,
        *,
        runner: TaskRunner,
        parent: QWidget | None = None,
        ask_passphrase: PassphrasePrompt = default_passphrase_prompt,
        clipboard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Advanced — Box Login"))
        self.setWindowIcon(theme.app_icon())
        self.resize(640, 520)
        self._settings = settings
        self._login = login
        self._profile = profile
        self._runner = runner
        self._ask_passphrase = ask_passphrase
        self._clipboard = clipboard or ClipboardGuard(parent=self)

        intro = label(
            self.tr(
                "For administrators and developers. These keys act for an app or a company "
                "rather than for you; keep them private."
            ),
            "muted",
        )
        self.message = MessageBar()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_ccg_tab(), self.tr("Server key"))
        self.tabs.addTab(self._build_jwt_tab(), self.tr("Server key (JWT)"))
        self.tabs.addTab(self._build_downscope_tab(), self.tr("Limited key"))
        close = button(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    # --- client credentials ---------------------------------------------------------

    def _build_ccg_tab(self) -> QWidget:
        page = QWidget()
        text = label(
            self.tr(
                "Get a key for the app's service account (enterprise) or for one user, with the "
                "app's client ID and secret (client credentials)."
            ),
        )
        self.ccg_enterprise = QRadioButton(self.tr("Company (enterprise)"))
        self.ccg_user = QRadioButton(self.tr("User"))
        self.ccg_enterprise.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.ccg_enterprise)
        group.addButton(self.ccg_user)
        kinds = QHBoxLayout()
        kinds.addWidget(self.ccg_enterprise)
        kinds.addWidget(self.ccg_user)
        kinds.addStretch(1)
        self.ccg_subject_id = QLineEdit()
        self.ccg_subject_id.setPlaceholderText(self.tr("Enterprise ID or user ID"))
        form = QFormLayout()
        form.addRow(self.tr("For"), kinds)
        form.addRow(self.tr("ID"), self.ccg_subject_id)
        self.ccg_button = button(self.tr("Get server key"), "primary")
        self.ccg_button.clicked.connect(self._on_ccg_button_clicked)
        self.ccg_result = TokenResult(self._clipboard)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.ccg_button)
        layout.addWidget(self.ccg_result)
        layout.addStretch(1)
        return page

    def _on_ccg_button_clicked(self) -> None:
        from core.oauth import (
            AuthorizationManager,
            RequestAccessTokenBoxSubjectType,
            RequestAccessTokenGrantType,
        )

        settings = self._settings
        if settings is None:
            self.message.show_message(self.tr("Set up the Box app first (Tools menu)."), "warning")
            return
        subject_id = self.ccg_subject_id.text().strip()
        if not subject_id:
            self.message.show_message(self.tr("Type the enterprise or user ID."), "warning")
            return
        subject = (
            RequestAccessTokenBoxSubjectType.ENTERPRISE
            if self.ccg_enterprise.isChecked()
            else RequestAccessTokenBoxSubjectType.USER
        )

        def work() -> AccessToken:
            # The settings' proxy and ca_bundle, as for every other call to Box.
            auth = AuthorizationManager(settings.base_urls, network=settings.network)
            try:
                return auth.request_access_token(
                    RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
                    client_id=settings.client_id,
                    client_secret=settings.client_secret,
                    box_subject_type=subject,
                    box_subject_id=subject_id,
                )
            finally:
                auth.close()

        self._run("ccg", work, self.ccg_button, self.ccg_result)

    # --- JWT ----------------------------------------------------------------------------

    def _build_jwt_tab(self) -> QWidget:
        page = QWidget()
        text = label(
            self.tr(
                "Get a server key with the Box app's configuration file (JWT), downloaded from the "
                "Box Developer Console."
            ),
        )
        self.jwt_path = QLineEdit()
        self.jwt_path.setPlaceholderText(self.tr("…_config.json"))
        browse = button(self.tr("Choose file…"))
        browse.clicked.connect(self._on_browse_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.jwt_path, 1)
        row.addWidget(browse)
        self.jwt_user_id = QLineEdit()
        self.jwt_user_id.setPlaceholderText(self.tr("Leave empty for the company (enterprise)"))
        form = QFormLayout()
        form.addRow(self.tr("Configuration file"), row)
        form.addRow(self.tr("User ID"), self.jwt_user_id)
        self.jwt_button = button(self.tr("Get server key"), "primary")
        self.jwt_button.clicked.connect(self._on_jwt_button_clicked)
        self.jwt_result = TokenResult(self._clipboard)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.jwt_button)
        layout.addWidget(self.jwt_result)
        layout.addStretch(1)
        return page

    def _on_browse_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Box app configuration"),
            str(Path.home()),
            self.tr("JSON (*.json);;All files (*)"),
        )
        if name:
            self.jwt_path.setText(name)

    def _on_jwt_button_clicked(self) -> None:
        from core.jwt_assertion import JwtAppConfig

        path = self.jwt_path.text().strip()
        if not path:
            self.message.show_message(self.tr("Choose the Box app configuration file."), "warning")
            return
        try:
            config = JwtAppConfig.from_file(path)
        except AppConfigError as exc:
            self.message.show_failure(Failure.from_exception(exc))
            return
        if not config.passphrase and "ENCRYPTED" in config.private_key:
            passphrase = self._ask_passphrase(self)
            if not passphrase:
                return
            config = replace(config, passphrase=passphrase)
        user_id = self.jwt_user_id.text().strip()
        if user_id:
            subject_type, subject_id = "user", user_id
        elif config.enterprise_id:
            subject_type, subject_id = "enterprise", config.enterprise_id
        else:
            self.message.show_message(
                self.tr("The configuration has no enterprise ID; type a user ID."), "warning"
            )
            return
        base_urls = self._settings.base_urls if self._settings is not None else None
        network = self._settings.network if self._settings is not None else None

        def work() -> AccessToken:
            from core.jwt_assertion import make_assertion
            from core.oauth import AuthorizationManager, RequestAccessTokenGrantType

            assertion = make_assertion(
                config,
                subject_type="user" if subject_type == "user" else "enterprise",
                subject_id=subject_id,
            )
            auth = AuthorizationManager(base_urls, network=network)
            try:
                return auth.request_access_token(
                    RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
                    assertion=assertion,
                    client_id=config.client_id,
                    client_secret=config.client_secret,
                )
            finally:
                auth.close()

        self._run("jwt", work, self.jwt_button, self.jwt_result)

    # --- downscope -------------------------------------------------------------------

    def _build_downscope_tab(self) -> QWidget:
        page = QWidget()
        text = label(
            self.tr(
                "Make a key that can do only a few things, optionally only on one file, folder or "
                "shared link — for example to hand to a web page. It is made from your connected "
                "account."
            ),
        )
        grid = QGridLayout()
        self.scope_boxes: dict[str, QCheckBox] = {}
        for index, (scope, words) in enumerate(DOWNSCOPE_SCOPES):
            box = QCheckBox(self.tr(str(words)))
            box.setToolTip(scope)
            box.setChecked(scope in ("item_preview",))
            self.scope_boxes[scope] = box
            grid.addWidget(box, index // 3, index % 3)
        self.ds_resource = QLineEdit()
        self.ds_resource.setPlaceholderText(self.tr("https://api.box.com/2.0/files/123 (optional)"))
        self.ds_shared_link = QLineEdit()
        self.ds_shared_link.setPlaceholderText(self.tr("https://app.box.com/s/… (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("File or folder"), self.ds_resource)
        form.addRow(self.tr("Shared link"), self.ds_shared_link)
        self.ds_button = button(self.tr("Make limited key"), "primary")
        self.ds_button.clicked.connect(self._on_ds_button_clicked)
        self.ds_result = TokenResult(self._clipboard)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.ds_button)
        layout.addWidget(self.ds_result)
        layout.addStretch(1)
        return page

    def _on_ds_button_clicked(self) -> None:
        from core.oauth import RequestAccessTokenGrantType, RequestAccessTokenSubjectTokenType

        login = self._login
        if login is None:
            self.message.show_message(self.tr("Connect your Box account first."), "warning")
            return
        scope = " ".join(s for s, box in self.scope_boxes.items() if box.isChecked())
        if not scope:
            self.message.show_message(
                self.tr("Choose at least one thing the key may do."), "warning"
            )
            return
        resource = self.ds_resource.text().strip() or None
        shared_link = self.ds_shared_link.text().strip() or None
        if resource and shared_link:
            self.message.show_message(
                self.tr("Give a file or folder, or a shared link — not both."), "warning"
            )
            return
        profile = self._profile

        def work() -> AccessToken:
            subject = login.get_access_token(profile)
            return login.auth.request_access_token(
                RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
                subject_token=subject,
                subject_token_type=(
                    RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN
                ),
                scope=scope,
                resource=resource,
                box_shared_link=shared_link,
            )

        self._run("downscope", work, self.ds_button, self.ds_result)

    # --- common -------------------------------------------------------------------------

    def _run(
        self,
        name: str,
        work: Callable[[], AccessToken],
        trigger: QWidget,
        result: TokenResult,
    ) -> None:
        self.message.clear()
        trigger.setEnabled(False)

        def done(token: Any) -> None:
            trigger.setEnabled(True)
            result.show_token(token)
            self.token_received.emit(name, token)

        def failed(failure: Failure) -> None:
            trigger.setEnabled(True)
            self.message.show_failure(failure)

        self._runner.start(work, done, failed, name=f"advanced-{name}")
