"""The two faces of the main screen: "Connect to Box", and the connected account."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QLocale,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.first_run import centre
from gui.widgets import SecretField, button, card, label

if TYPE_CHECKING:
    from core.store import StoredToken

#: Plain words for Box's scopes (what the program may do), one for each name in
#: core.scopes.BOX_SCOPES (a test keeps the two lists equal).
SCOPE_WORDS = {
    "root_readwrite": QT_TRANSLATE_NOOP("Scopes", "Read and change all your files and folders"),
    "root_readonly": QT_TRANSLATE_NOOP("Scopes", "Read all your files and folders"),
    "manage_managed_users": QT_TRANSLATE_NOOP("Scopes", "Manage users"),
    "manage_app_users": QT_TRANSLATE_NOOP("Scopes", "Manage app users"),
    "manage_groups": QT_TRANSLATE_NOOP("Scopes", "Manage groups"),
    "manage_webhook": QT_TRANSLATE_NOOP("Scopes", "Manage webhooks"),
    "manage_enterprise_properties": QT_TRANSLATE_NOOP("Scopes", "Manage company settings"),
    "manage_data_retention": QT_TRANSLATE_NOOP("Scopes", "Manage retention policies"),
    "manage_legal_hold": QT_TRANSLATE_NOOP("Scopes", "Manage legal holds"),
    "sign_requests.readwrite": QT_TRANSLATE_NOOP("Scopes", "Send and manage signature requests"),
    "ai.readwrite": QT_TRANSLATE_NOOP("Scopes", "Use Box AI"),
    "item_preview": QT_TRANSLATE_NOOP("Scopes", "Preview files"),
    "item_download": QT_TRANSLATE_NOOP("Scopes", "Download files and folders"),
    "item_upload": QT_TRANSLATE_NOOP("Scopes", "Upload files"),
    "item_share": QT_TRANSLATE_NOOP("Scopes", "Share files and folders"),
    "item_delete": QT_TRANSLATE_NOOP("Scopes", "Delete files and folders"),
    "item_rename": QT_TRANSLATE_NOOP("Scopes", "Rename files and folders"),
    "item_comment": QT_TRANSLATE_NOOP("Scopes", "Comment on files"),
    "item_read": QT_TRANSLATE_NOOP("Scopes", "Read files and folders"),
    "item_readwrite": QT_TRANSLATE_NOOP("Scopes", "Read and change files and folders"),
    "manage_triggers": QT_TRANSLATE_NOOP("Scopes", "Manage automated workflows (Box Relay)"),
    "base_preview": QT_TRANSLATE_NOOP("Scopes", "Show file previews inside the app"),
    "base_upload": QT_TRANSLATE_NOOP("Scopes", "Upload files from inside the app"),
    "base_explorer": QT_TRANSLATE_NOOP("Scopes", "Browse your files inside the app"),
    "base_picker": QT_TRANSLATE_NOOP("Scopes", "Pick files inside the app"),
    "base_sidebar": QT_TRANSLATE_NOOP("Scopes", "Show file details inside the app"),
    "annotation_edit": QT_TRANSLATE_NOOP("Scopes", "Add and change notes on files"),
    "annotation_view_all": QT_TRANSLATE_NOOP("Scopes", "See everyone's notes on files"),
    "annotation_view_self": QT_TRANSLATE_NOOP("Scopes", "See your own notes on files"),
}

#: Renew the access key this long before it expires.
RENEW_BEFORE_SECONDS = 300.0


def describe_scope(scope: str | None) -> str:
    """What the program may do, in plain words."""
    if not scope:
        return QCoreApplication.translate(
            "Scopes", "Everything the app was allowed when it was set up at Box"
        )
    separator = QCoreApplication.translate("Scopes", "; ")
    return separator.join(
        QCoreApplication.translate("Scopes", str(SCOPE_WORDS[s])) if s in SCOPE_WORDS else s
        for s in scope.split()
    )


#: The long date's pattern in each language (QLocale's own long format adds the weekday).
_DATE_PATTERNS = {
    QLocale.Language.German: "d. MMMM yyyy",
    QLocale.Language.Japanese: "yyyy年M月d日",
}


def format_date(epoch: float) -> str:
    """27 January 2026 (27. Januar 2026, 2026年1月27日): in the window's language."""
    locale = QLocale()
    moment = QDateTime.fromSecsSinceEpoch(int(epoch)).date()
    return locale.toString(moment, _DATE_PATTERNS.get(locale.language(), "d MMMM yyyy"))


def format_duration(seconds: float) -> str:
    """59 min 31 s / 2 h 5 min / 45 s (numbers written the window's language's way)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    number = QLocale().toString
    if hours:
        return QCoreApplication.translate("Duration", "{hours} h {minutes} min").format(
            hours=number(hours), minutes=number(minutes)
        )
    if minutes:
        return QCoreApplication.translate("Duration", "{minutes} min {seconds} s").format(
            minutes=number(minutes), seconds=f"{secs:02d}"
        )
    return QCoreApplication.translate("Duration", "{seconds} s").format(seconds=number(secs))


class ConnectPage(QWidget):
    """Nothing connected for this account: one big "Connect to Box" button."""

    connect_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame = card()
        frame.setFixedWidth(500)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(32, 30, 32, 30)
        layout.setSpacing(12)
        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(self.tr("Connect your Box account"), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = label(
            self.tr(
                "Sign in to Box once. Box Login keeps the connection safe on this computer and "
                "renews it by itself, so your program can use your Box files."
            ),
            "subtitle",
        )
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = label("", "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.hide()
        self.connect_button = button(self.tr("Connect to Box"), "big")
        self.connect_button.setAccessibleName(self.tr("Connect to Box"))
        self.connect_button.clicked.connect(self.connect_clicked)
        self.store_label = label("", "muted")
        self.store_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(logo)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.note)
        layout.addSpacing(8)
        layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(4)
        layout.addWidget(self.store_label)
        centre(self, frame)

    def show_state(self, stored: StoredToken | None, where: str) -> None:
        """Nothing stored, or a sign-in that ended (``needs_sign_in``); ``where``: where the
        connection will be kept, in words."""
        if stored is not None and stored.needs_sign_in:
            who = stored.user_name or stored.user_login or self.tr("this account")
            self.title.setText(self.tr("Connect again"))
            self.note.setText(
                self.tr(
                    "Box asked for a new sign-in for {who}. Connect again to continue; "
                    "your program cannot use Box until you do."
                ).format(who=who)
            )
            self.note.show()
            self.connect_button.setText(self.tr("Connect again"))
        else:
            self.title.setText(self.tr("Connect your Box account"))
            self.note.hide()
            self.connect_button.setText(self.tr("Connect to Box"))
        self.store_label.setText(where)

    def primary_control(self) -> QWidget:
        """The main action (the window puts the keyboard focus there)."""
        return self.connect_button

    def set_actions_enabled(self, enabled: bool) -> None:
        """Disable "Connect" while something runs."""
        self.connect_button.setEnabled(enabled)


class TokenPanel(QWidget):
    """The connected account: who, until when, the live countdown and the actions.

    ``renewal_due`` is emitted once per access key when it is about to expire; the owner
    renews it in the background and calls :meth:`show_token` with the result.
    """

    refresh_clicked = Signal()
    copy_clicked = Signal()
    disconnect_clicked = Signal()
    renewal_due = Signal()
    #: The person flipped "Keep me connected even when Box Login is closed" (on or off).
    keep_alive_toggled = Signal(bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
        renew_before: float = RENEW_BEFORE_SECONDS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.renew_before = renew_before
        self._stored: StoredToken | None = None
        self._renewal_requested = False

        frame = card()
        frame.setFixedWidth(600)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)

        self.avatar = QLabel()
        self.avatar.setFixedSize(64, 64)
        self.name_label = label("", "userName", selectable=True)
        self.login_label = label("", "muted", selectable=True)
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addStretch(1)
        who.addWidget(self.name_label)
        who.addWidget(self.login_label)
        who.addStretch(1)
        self.connected_badge = QLabel()
        self.connected_badge.setPixmap(theme.icon("check").pixmap(22, 22))
        self.connected_badge.setToolTip(self.tr("Connected"))
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.avatar)
        head.addLayout(who, 1)
        head.addWidget(self.connected_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        line = QFrame()
        line.setObjectName("rule")  # the theme's colour for lines
        line.setFixedHeight(1)
        layout.addWidget(line)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.until_label = label("", "countdown")
        self.countdown_label = label("")
        self.scope_label = label("")
        self.store_label = label("")
        rows = (
            (self.tr("Connection"), self.until_label),
            (self.tr("Access key"), self.countdown_label),
            (self.tr("Allowed to"), self.scope_label),
            (self.tr("Where"), self.store_label),
        )
        for row, (caption, widget) in enumerate(rows):
            cap = label(caption, "fieldLabel", wrap=False)
            grid.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        # Keep-alive (gui.keepalive_control): hidden until the owner says what it is.
        self.keep_alive_switch = QCheckBox(
            self.tr("Keep me connected even when Box Login is closed")
        )
        self.keep_alive_switch.clicked.connect(self.keep_alive_toggled)
        self.keep_alive_note = label("", "muted")
        self.keep_alive_switch.hide()
        self.keep_alive_note.hide()
        layout.addWidget(self.keep_alive_switch)
        layout.addWidget(self.keep_alive_note)

        self.secret = SecretField(copy_text=self.tr("Copy access key"))
        self.secret.copy_requested.connect(self.copy_clicked)
        self.copy_button = self.secret.copy_button
        secret_caption = label(
            self.tr("Your program uses this access key to reach Box for you. Keep it private."),
            "muted",
        )
        layout.addWidget(secret_caption)
        layout.addWidget(self.secret)

        self.refresh_button = button(self.tr("Refresh now"), None, "refresh")
        self.refresh_button.setToolTip(self.tr("Get a new access key from Box now"))
        self.refresh_button.clicked.connect(self.refresh_clicked)
        self.disconnect_button = button(self.tr("Disconnect…"), "danger", "disconnect")
        self.disconnect_button.setToolTip(
            self.tr("End this connection at Box and remove it from this computer")
        )
        self.disconnect_button.clicked.connect(self.disconnect_clicked)
        actions = QHBoxLayout()
        actions.addWidget(self.refresh_button)
        actions.addStretch(1)
        actions.addWidget(self.disconnect_button)
        layout.addLayout(actions)
        centre(self, frame)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def stored(self) -> StoredToken | None:
        """The sign-in shown."""
        return self._stored

    def _days_left_words(self, days: int) -> str:
        """core.keepalive.days_left_words, in the window's language."""
        if days <= 0:
            return self.tr("less than a day left")
        if days == 1:
            return self.tr("1 day left")
        return self.tr("{days} days left").format(days=QLocale().toString(days))

    def show_token(self, stored: StoredToken, where: str) -> None:
        """Show a (new) sign-in, kept ``where`` (in words); restarts the countdown."""
        self._stored = stored
        self._renewal_requested = False
        name = stored.user_name or stored.user_login or self.tr("Box user")
        self.name_label.setText(name)
        self.login_label.setText(stored.user_login or "")
        self.avatar.setPixmap(
            theme.avatar_pixmap(
                stored.user_name, stored.user_login, 64, self.devicePixelRatioF() or 1.0
            )
        )
        if stored.refresh_expires_at:
            from core.keepalive import days_left

            left = days_left(stored, self._clock())
            until = self.tr("Connected until {date}").format(
                date=format_date(stored.refresh_expires_at)
            )
            if left is not None:
                # Brackets and spacing differ by language (Japanese: full-width, no space).
                until = self.tr("{until} ({days_left})").format(
                    until=until, days_left=self._days_left_words(left)
                )
            self.until_label.setText(until)
            self.until_label.setToolTip(
                self.tr(
                    "Box keeps this connection for 60 days after the last renewal. Box Login "
                    "renews it while it is in use."
                )
            )
        else:
            self.until_label.setText(self.tr("Connected"))
        self.scope_label.setText(describe_scope(stored.scope))
        self.store_label.setText(where)
        self.secret.set_secret(stored.access_token)
        self._update_countdown()
        self._timer.start()

    def primary_control(self) -> QWidget:
        """The first useful button: "Copy access key"."""
        return self.copy_button

    def stop(self) -> None:
        """Stop the countdown (nothing connected any more)."""
        self._timer.stop()
        self._stored = None

    def set_busy(self, busy: bool) -> None:
        """Disable the actions while one of them runs."""
        for widget in (self.refresh_button, self.copy_button, self.disconnect_button):
            widget.setEnabled(not busy)

    def show_keep_alive(self, on: bool | None, note: str, *, enabled: bool = True) -> None:
        """The keep-alive switch: on or off with ``note`` under it, or hidden (None)."""
        self.keep_alive_switch.setVisible(on is not None)
        self.keep_alive_note.setVisible(on is not None and bool(note))
        self.keep_alive_switch.setChecked(bool(on))
        self.keep_alive_switch.setEnabled(enabled)
        self.keep_alive_note.setText(note)

    def renewal_failed(self) -> None:
        """A background renewal failed; allow another attempt on a later tick."""
        self._renewal_requested = False

    def seconds_left(self) -> float | None:
        """Seconds until the access key expires."""
        if self._stored is None or self._stored.expires_at is None:
            return None
        return self._stored.expires_at - self._clock()

    def countdown_text(self) -> str:
        """The text of the live countdown."""
        return self.countdown_label.text()

    def _on_timer_timeout(self) -> None:
        self._update_countdown()

    def _update_countdown(self) -> None:
        left = self.seconds_left()
        stored = self._stored
        if stored is not None and (
            stored.renewal_interrupted or not stored.expiry_believable(self._clock())
        ):
            # An unfinished earlier renewal, or an end time that cannot be Box's: the stored
            # key may no longer work, so renew it now (as the command line's token does).
            self.countdown_label.setText(self.tr("Renewing…"))
            left = 0.0
        elif left is None:
            return
        elif left <= 0:
            self.countdown_label.setText(self.tr("Expired — renewing…"))
        elif left <= self.renew_before:
            self.countdown_label.setText(
                self.tr("Renewing now (valid for {duration})").format(
                    duration=format_duration(left)
                )
            )
        else:
            self.countdown_label.setText(
                self.tr("Valid for {duration} — renews by itself before it runs out").format(
                    duration=format_duration(left)
                )
            )
        if left <= self.renew_before and not self._renewal_requested:
            self._renewal_requested = True
            self.renewal_due.emit()
