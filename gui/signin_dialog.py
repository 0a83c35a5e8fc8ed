"""The sign-in window: Box's own page in an embedded, forgetful browser.

This module imports Qt WebEngine, so the main window imports it only when the person first
clicks Connect (the main window appears faster without it). The page runs on an
off-the-record profile: no cookies, cache or history survive the window. When the window
closes, page, view and profile are deleted in that order (PLATFORM.md).

The page is drawn in software (Qt Quick's software backend, which also makes Chromium
composite in software) unless the person chose a Qt Quick backend themselves: a sign-in form
needs no GPU, and it saves ~40-60 MiB (no OpenGL driver in the process), shows the first page
sooner and avoids the GPU driver problems embedded Chromium is known for. Set
``BOX_LOGIN_WEB_GPU=1`` to draw with the GPU again.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.navigation import Decision, NavigationPolicy, SiteKind, display_host, safe_location
from gui.widgets import MessageBar, button, label, repolish

logger = logging.getLogger(__name__)

Opener = Callable[[QUrl], bool]

_QUERY = re.compile(r"[?#][^\s\"'<>]*")
_LONG_WORD = re.compile(r"[A-Za-z0-9_\-.~+/=]{24,}")


def use_software_rendering(environ: Mapping[str, str] | None = None) -> bool:
    """Draw web pages in software unless the person chose otherwise; True when chosen here.

    Must run before the first web view exists (this module calls it when imported).
    """
    env = os.environ if environ is None else environ
    if (
        env.get("BOX_LOGIN_WEB_GPU") == "1"
        or env.get("QT_QUICK_BACKEND")
        or env.get("QSG_RHI_BACKEND")
    ):
        return False
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    return True


use_software_rendering()


def redact_console(text: str) -> str:
    """A console message with query strings and long token-like words removed."""
    return _LONG_WORD.sub("[…]", _QUERY.sub("?[…]", text))[:500]


def default_opener(url: QUrl) -> bool:
    """Open ``url`` in the person's web browser."""
    return QDesktopServices.openUrl(url)


class AddressStrip(QFrame):
    """Read-only strip showing where the page is: host, a lock for HTTPS, a warning look
    for hosts that are neither Box nor the demo server."""

    _NOTES = {
        SiteKind.BOX: ("lock", "Box", "normal"),
        SiteKind.DEMO: ("demo", "Demo sign-in page on this computer", "demo"),
        SiteKind.LOCAL: ("check", "Box Login on this computer", "normal"),
        SiteKind.OTHER: (
            "lock",
            "Not a Box page — continue only if your organization signs in here",
            "warning",
        ),
        SiteKind.INSECURE: ("warning", "Not secure", "warning"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addressStrip")
        self.setProperty("kind", "normal")
        self._icon = QLabel()
        self._icon.setFixedSize(18, 18)
        self.host_label = QLabel("")
        self.host_label.setObjectName("hostLabel")
        self.host_label.setStyleSheet("font-weight: 600;")
        self.note_label = QLabel("")
        self.note_label.setObjectName("muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self.host_label)
        layout.addWidget(self.note_label, 1)
        self.kind: SiteKind | None = None

    def show_url(self, url: str, kind: SiteKind) -> None:
        """Present ``url`` (only its host is shown)."""
        self.show_host(display_host(url), kind)

    def show_host(self, host: str, kind: SiteKind) -> None:
        """Present ``host`` as a site of ``kind``."""
        icon_name, note, look = self._NOTES[kind]
        self.kind = kind
        self._icon.setPixmap(theme.icon(icon_name).pixmap(18, 18))
        self._icon.setToolTip("Secure connection" if icon_name == "lock" else note)
        self.host_label.setText(host)
        self.note_label.setText(note)
        self.setProperty("kind", look)
        repolish(self)


class SignInPage(QWebEnginePage):
    """A page that enforces the navigation policy and reports what happened."""

    navigation_blocked = Signal(str)  # host of the blocked address
    hand_off_requested = Signal(str)  # reason, in plain words
    redirect_reached = Signal()
    certificate_refused = Signal(str)  # host

    def __init__(self, profile: QWebEngineProfile, policy: NavigationPolicy) -> None:
        super().__init__(profile, None)
        self.policy = policy
        self.certificateError.connect(self._on_self_certificate_error)
        if hasattr(self, "webAuthUxRequested"):
            self.webAuthUxRequested.connect(self._on_self_web_auth_ux_requested)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Apply the policy before any network request is made."""
        text = url.toString() if isinstance(url, QUrl) else str(url)
        decision = self.policy.decide(text)
        logger.debug(
            "Navigation to %s (%s, main frame: %s): %s",
            safe_location(text),
            getattr(nav_type, "name", nav_type),
            is_main_frame,
            decision.value,
        )
        if decision is Decision.REDIRECT:
            self.redirect_reached.emit()
            return True
        if decision is Decision.ALLOW:
            return True
        if decision is Decision.HAND_OFF:
            if is_main_frame:
                self.hand_off_requested.emit(
                    f"{display_host(text)} does not allow signing in inside another app."
                )
            return False
        self.navigation_blocked.emit(display_host(text))
        return False

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line_number: int,
        source_id: str,
    ) -> None:
        """Console messages go to logging at debug level, without secrets."""
        logger.debug(
            "Sign-in page console (%s) %s:%s: %s",
            getattr(level, "name", level),
            safe_location(source_id),
            line_number,
            redact_console(message),
        )

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        """Links that want a new window open in this one (the policy still applies)."""
        return self

    def _on_self_certificate_error(self, error: QWebEngineCertificateError) -> None:
        # Never "continue anyway": a person cannot judge a certificate warning.
        host = display_host(error.url().toString())
        logger.warning("Refused a page with a certificate problem on %s", host)
        error.rejectCertificate()
        self.certificate_refused.emit(host)

    def _on_self_web_auth_ux_requested(self, request: object) -> None:
        cancel = getattr(request, "cancel", None)
        if callable(cancel):
            cancel()
        self.hand_off_requested.emit("This sign-in asks for a security key.")


class SignInDialog(QDialog):
    """Box's sign-in page with an address strip, progress, Cancel and a browser hand-off.

    The dialog does not run the sign-in: its owner waits on the listener and calls
    :meth:`finish_success` or closes it. ``cancelled`` means the person gave up;
    ``handed_off`` means the same sign-in continues in the system browser.
    """

    cancelled = Signal()
    handed_off = Signal()
    redirect_reached = Signal()
    page_loaded = Signal(bool)

    SUCCESS_LINGER_MS = 1200

    def __init__(
        self,
        authorize_url: str,
        redirect_uri: str,
        *,
        opener: Opener | None = None,
        hint: str | None = None,
        parent: QWidget | None = None,
        success_linger_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to Box — Box Login")
        self.setWindowIcon(theme.app_icon())
        self.setModal(False)
        self.resize(self.sizeHint())
        self._authorize_url = authorize_url
        self._opener = opener or default_opener
        self._success_linger_ms = (
            self.SUCCESS_LINGER_MS if success_linger_ms is None else success_linger_ms
        )
        self.policy = NavigationPolicy.for_sign_in(authorize_url, (redirect_uri,))
        self.is_handed_off = False
        self.is_finished = False
        self.opened_at = time.perf_counter()
        self.redirect_at: float | None = None
        self._blocked_last = False

        self.address = AddressStrip()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.message = MessageBar()
        if hint:
            self.message.show_message(hint, "info")

        self._profile: QWebEngineProfile | None = QWebEngineProfile()  # no name: off the record
        self._page: SignInPage | None = SignInPage(self._profile, self.policy)
        self._page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        self.view: QWebEngineView | None = QWebEngineView()
        self.view.setPage(self._page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._page.urlChanged.connect(self._on_page_url_changed)
        self._page.loadStarted.connect(self._on_page_load_started)
        self._page.loadProgress.connect(self._on_page_load_progress)
        self._page.loadFinished.connect(self._on_page_load_finished)
        self._page.navigation_blocked.connect(self._on_page_navigation_blocked)
        self._page.hand_off_requested.connect(self._on_page_hand_off_requested)
        self._page.redirect_reached.connect(self._on_page_redirect_reached)
        self._page.certificate_refused.connect(self._on_page_certificate_refused)

        self.browser_page = self._build_browser_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.browser_page)

        self.browser_button = button("Open in my browser instead", "link", "globe")
        self.browser_button.setToolTip(
            "Continue this same sign-in in your usual web browser (for example if you use "
            "a security key or your organization's sign-in page does not work here)."
        )
        self.browser_button.clicked.connect(self._on_browser_button_clicked)
        self.cancel_button = button("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.browser_button)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.address)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self.address.show_url(authorize_url, self.policy.site_kind(authorize_url))
        self.view.setUrl(QUrl(authorize_url))

    # --- the owner's controls ------------------------------------------------------

    def page(self) -> SignInPage | None:
        """The web page (None once the web engine was released)."""
        return self._page

    def finish_success(self, who: str) -> None:
        """The sign-in completed: say so, then close after a short moment."""
        self.is_finished = True
        self.cancel_button.setEnabled(False)
        self.browser_button.hide()
        self.message.show_message(f"Connected as {who}. This window closes by itself.", "success")
        if self.is_handed_off:
            self._browser_text.setText(f"You're connected as {who}.")
        QTimer.singleShot(self._success_linger_ms, self, self.accept)

    def hand_off(self, reason: str | None = None) -> None:
        """Continue the same sign-in (same address, same listener) in the system browser."""
        if self.is_handed_off or self.is_finished:
            return
        opened = self._opener(QUrl(self._authorize_url))
        self.is_handed_off = True
        logger.info("Sign-in handed to the system browser (%s)", "opened" if opened else "failed")
        text = "Finish signing in in your web browser. This window updates by itself."
        if reason:
            text = f"{reason} {text}"
        if not opened:
            text = (
                "Box Login could not open your web browser. Open your browser, then click "
                "“Open the sign-in page again”."
            )
        self._browser_text.setText(text)
        self.stack.setCurrentWidget(self.browser_page)
        self.browser_button.hide()
        self.progress.hide()
        self.message.clear()
        self.address.show_url(self._authorize_url, self.policy.site_kind(self._authorize_url))
        # Never delete the page from inside one of its own callbacks.
        QTimer.singleShot(0, self, self.release_web_engine)
        self.handed_off.emit()

    def release_web_engine(self) -> None:
        """Delete page, view and profile, in that order (safe to call more than once)."""
        page, view, profile = self._page, self.view, self._profile
        self._page = None
        self.view = None
        self._profile = None
        if page is not None and shiboken6.isValid(page):
            page.disconnect(self)
            page.triggerAction(QWebEnginePage.WebAction.Stop)
        if view is not None and shiboken6.isValid(view):
            self.stack.removeWidget(view)
            view.hide()
        if page is not None and shiboken6.isValid(page):
            shiboken6.delete(page)
        if view is not None and shiboken6.isValid(view):
            shiboken6.delete(view)
        if profile is not None and shiboken6.isValid(profile):
            shiboken6.delete(profile)
        if page is not None:
            logger.debug("Released the sign-in web engine")
            QTimer.singleShot(500, self.return_freed_memory)

    @staticmethod
    def return_freed_memory() -> None:
        """Hand the web engine's freed heap back to the system (glibc keeps it otherwise)."""
        if sys.platform.startswith("linux"):
            try:
                ctypes.CDLL("libc.so.6").malloc_trim(0)
            except (OSError, AttributeError):
                logger.debug("malloc_trim is not available here")

    def dispose(self) -> None:
        """Release the web engine and delete the dialog."""
        self.release_web_engine()
        self.deleteLater()

    # --- QDialog ---------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel (button, Escape or window close)."""
        if not self.is_finished:
            self.cancelled.emit()
        super().reject()

    def done(self, result: int) -> None:
        """Close; the web engine is released right after."""
        super().done(result)
        QTimer.singleShot(0, self, self.release_web_engine)

    #: Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.
    PREFERRED_SIZE = QSize(560, 820)

    def sizeHint(self) -> QSize:
        """A size that fits Box's sign-in page, as far as the screen allows."""
        size = QSize(self.PREFERRED_SIZE)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().height() - 60  # the title bar, a little air
            size.setHeight(max(480, min(size.height(), room)))
        return size

    # --- internals -----------------------------------------------------------------

    def _build_browser_page(self) -> QWidget:
        page = QWidget()
        icon = QLabel()
        icon.setPixmap(theme.icon("globe").pixmap(56, 56))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = label("Continue in your web browser", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._browser_text = label("", "subtitle")
        self._browser_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        again = button("Open the sign-in page again", None, "globe")
        again.clicked.connect(self._on_again_button_clicked)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(self._browser_text)
        layout.addSpacing(12)
        layout.addWidget(again, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    def _on_again_button_clicked(self) -> None:
        self._opener(QUrl(self._authorize_url))

    def _on_browser_button_clicked(self) -> None:
        self.hand_off()

    def _on_page_url_changed(self, url: QUrl) -> None:
        text = url.toString()
        if text and text != "about:blank" and self.address.kind is not SiteKind.INSECURE:
            self.address.show_url(text, self.policy.site_kind(text))

    def _on_page_load_started(self) -> None:
        if self.is_handed_off:
            return
        self._blocked_last = False
        if self.address.kind is SiteKind.INSECURE:
            self.address.kind = None  # a new page: show it as it is
        self.progress.setValue(5)
        self.progress.show()

    def _on_page_load_progress(self, value: int) -> None:
        if self.is_handed_off:
            return
        self.progress.setValue(max(5, value))

    def _on_page_load_finished(self, ok: bool) -> None:
        self.progress.setValue(100)
        QTimer.singleShot(300, self, self._hide_progress_if_idle)
        if not ok and not self._blocked_last and not self.is_handed_off and not self.is_finished:
            logger.info("The sign-in page did not load")
        self.page_loaded.emit(ok)

    def _hide_progress_if_idle(self) -> None:
        if self.progress.value() >= 100:
            self.progress.hide()

    def _on_page_navigation_blocked(self, host: str) -> None:
        self._blocked_last = True
        self.message.show_message(
            f"Box Login did not open {host} because the connection is not secure. "
            "Your sign-in was not sent anywhere.",
            "warning",
        )

    def _on_page_hand_off_requested(self, reason: str) -> None:
        self.hand_off(reason)

    def _on_page_redirect_reached(self) -> None:
        self.redirect_at = time.perf_counter()
        self.cancel_button.setEnabled(False)
        self.message.show_message("Finishing…", "info")
        self.redirect_reached.emit()

    def _on_page_certificate_refused(self, host: str) -> None:
        self._blocked_last = True
        self.address.show_host(host, SiteKind.INSECURE)
        self.message.show_message(
            f"Box Login stopped loading {host}: its security certificate could not be "
            "verified, so this may not really be Box. Nothing was sent. Try again later or "
            "on another network; if you are at work, your IT team can tell you whether a "
            "network device inspects secure connections.",
            "error",
            details=f"Certificate refused for {host}",
        )
