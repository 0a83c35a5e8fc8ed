"""The sign-in window's own process: Box's page in an embedded, forgetful browser.

Runs as ``main.py --sign-in-window`` (see :mod:`gui.signin_window`, the main window's side,
for why and for the protocol): :func:`child_main` reads the sign-in from standard input,
shows :class:`SignInDialog`, reports events as JSON lines on standard output and exits when
the sign-in ends, when its window is closed or when its standard input closes (the main
window's process is gone). Only this process imports Qt WebEngine. The page runs on an
off-the-record profile: no cookies, cache or history survive the window. When the window
closes, page, view and profile are deleted in that order (PLATFORM.md), then the process ends.

The page is drawn in software (Qt Quick's software backend, which also makes Chromium
composite in software) unless the person chose a Qt Quick backend themselves: a sign-in form
needs no GPU, and it saves ~40-60 MiB (no OpenGL driver in the process), shows the first page
sooner and avoids the GPU driver problems embedded Chromium is known for. Set
``BOX_LOGIN_WEB_GPU=1`` to draw with the GPU again.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import IO, Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut, QWindow
from PySide6.QtNetwork import QAuthenticator
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from core.network import ProxyCredentials
from gui import theme
from gui.navigation import Decision, NavigationPolicy, SiteKind, display_host, safe_location
from gui.signin_window import redact_console
from gui.web_network import (
    PageNetwork,
    PageProblem,
    Problem,
    add_chromium_flags,
    chain_verifies,
    chromium_proxy_flags,
    classify_load_error,
    error_page_html,
    page_action,
)
from gui.widgets import MessageBar, button, repolish

logger = logging.getLogger(__name__)


def use_software_rendering(environ: MutableMapping[str, str] | None = None) -> bool:
    """Draw web pages in software unless the person chose otherwise; True when software.

    Chooses through the environment (``QT_QUICK_BACKEND=software``), which Qt reads when the
    first web view is drawn, so this must run before that (this module calls it when
    imported). The environment, not ``QQuickWindow.setGraphicsApi``: the bundle leaves out
    PySide6's QtQuick module (packaging/box-login.spec), and the sign-in window's process
    starts a little lighter without it.
    """
    env = os.environ if environ is None else environ
    backend = env.get("QT_QUICK_BACKEND")
    if backend:
        return backend == "software"
    if env.get("BOX_LOGIN_WEB_GPU") == "1" or env.get("QSG_RHI_BACKEND"):
        return False
    env["QT_QUICK_BACKEND"] = "software"
    return True


#: True when this process draws web pages in software (then it needs no OpenGL at all).
SOFTWARE_RENDERING = use_software_rendering()


class AddressStrip(QFrame):
    """Read-only strip showing where the page is: host, a lock for HTTPS, a warning look
    for hosts that are neither Box nor the demo server."""

    changed = Signal(str, str, str)  # host, kind (a SiteKind value), note

    _NOTES = {
        SiteKind.BOX: ("lock", "Box", "normal"),
        SiteKind.DEMO: (
            "demo",
            QT_TRANSLATE_NOOP("AddressStrip", "Demo sign-in page on this computer"),
            "demo",
        ),
        SiteKind.LOCAL: (
            "check",
            QT_TRANSLATE_NOOP("AddressStrip", "Box Login on this computer"),
            "normal",
        ),
        SiteKind.OTHER: (
            "lock",
            QT_TRANSLATE_NOOP(
                "AddressStrip",
                "Not a Box page — continue only if your organization signs in here",
            ),
            "warning",
        ),
        SiteKind.INSECURE: ("warning", QT_TRANSLATE_NOOP("AddressStrip", "Not secure"), "warning"),
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
        self.not_reached = False

    def show_url(self, url: str, kind: SiteKind) -> None:
        """Present ``url`` (only its host is shown)."""
        self.show_host(display_host(url), kind)

    def show_host(self, host: str, kind: SiteKind) -> None:
        """Present ``host`` as a site of ``kind``."""
        icon_name, note, look = self._NOTES[kind]
        note = self.tr(str(note))
        self.kind = kind
        self._icon.setPixmap(theme.icon(icon_name).pixmap(18, 18))
        self._icon.setToolTip(self.tr("Secure connection") if icon_name == "lock" else note)
        self.host_label.setText(host)
        self.note_label.setText(note)
        self.setProperty("kind", look)
        repolish(self)
        self.not_reached = False
        self.changed.emit(host, kind.value, note)

    def show_not_reached(self) -> None:
        """The page shown is not the host's: it could not be reached (no lock: nothing was
        verified)."""
        note = self.tr("Could not be reached")
        self._icon.setPixmap(theme.icon("warning").pixmap(18, 18))
        self._icon.setToolTip(note)
        self.note_label.setText(note)
        self.setProperty("kind", "warning")
        repolish(self)
        self.not_reached = True
        kind = self.kind.value if self.kind is not None else ""
        self.changed.emit(self.host_label.text(), kind, note)


class SignInPage(QWebEnginePage):
    """A page that enforces the navigation policy and reports what happened.

    It also shows Box Login's own error page (:meth:`show_own_page`), whose buttons are
    links to ``gui.web_network.ACTION_HOST`` reported as ``own_page_action`` and never
    loaded; answers the proxy's request for a user name and password with those the main
    window's process gave (once per address: asked again, they were refused); and trusts a
    certificate Chromium does not only when it chains to ``ca_bundle`` and belongs to a Box
    host of the settings.
    """

    navigation_blocked = Signal(str)  # host of the blocked address
    hand_off_requested = Signal(str)  # reason, in plain words
    redirect_reached = Signal()
    certificate_refused = Signal(str)  # host
    own_page_action = Signal(str)  # "retry", "check" or "browser"

    def __init__(
        self,
        profile: QWebEngineProfile,
        policy: NavigationPolicy,
        network: PageNetwork | None = None,
    ) -> None:
        super().__init__(profile, None)
        self.policy = policy
        self.network = network or PageNetwork()
        #: True while Box Login's own error page is shown (its buttons work only then).
        self.own_page_shown = False
        self._own_page_pending = False
        self._credentials: ProxyCredentials | None = self.network.credentials
        self._answered: set[str] = set()  # addresses the proxy got the credentials for
        #: Since the last navigation: the proxy asked and got no answer (none, or refused).
        self.proxy_auth_unanswered = False
        self.credentials_refused = False
        self.certificateError.connect(self._on_self_certificate_error)
        self.proxyAuthenticationRequired.connect(self._on_self_proxy_authentication_required)
        if hasattr(self, "webAuthUxRequested"):
            self.webAuthUxRequested.connect(self._on_self_web_auth_ux_requested)

    def show_own_page(self, html: str) -> None:
        """Show Box Login's own page (no address of its own: nothing of the sign-in shows)."""
        self._own_page_pending = True
        self.setHtml(html, QUrl("about:blank"))

    def set_credentials(self, credentials: ProxyCredentials | None) -> None:
        """The proxy's user name and password to answer with from now on."""
        self._credentials = credentials
        self._answered.clear()
        self.credentials_refused = False

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Apply the policy before any network request is made."""
        text = url.toString() if isinstance(url, QUrl) else str(url)
        if is_main_frame and self._own_page_pending and text.startswith("data:text/html"):
            self._own_page_pending = False  # the page show_own_page set: ours
            self.own_page_shown = True
            return True
        if is_main_frame and self.own_page_shown:
            action = page_action(text)
            if action is not None:
                logger.debug("Error page: %s", action)
                self.own_page_action.emit(action)
                return False
        if is_main_frame:
            self.own_page_shown = False
            self.proxy_auth_unanswered = False
        # The page's own address: a blob: address is allowed only when made by that page.
        decision = self.policy.decide(text, main_frame=is_main_frame, current=self.url().toString())
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
        # Never "continue anyway": a person cannot judge a certificate warning. Box Login
        # decides instead, by the settings: a certificate from a certificate authority of
        # ca_bundle, for a Box host of the settings. Chromium on Linux trusts NSS's store,
        # not the PEM file the token calls load, so without this the company's CA that
        # ca_bundle names would be trusted by the token calls and not by the page.
        url = error.url().toString()
        host = display_host(url)
        if self._trusted_by_ca_bundle(error, url):
            logger.info("Trusted the certificate of %s: it chains to ca_bundle", host)
            error.acceptCertificate()
            return
        logger.warning("Refused a page with a certificate problem on %s", host)
        error.rejectCertificate()
        self.certificate_refused.emit(host)

    def _trusted_by_ca_bundle(self, error: QWebEngineCertificateError, url: str) -> bool:
        bundle = self.network.ca_bundle
        if bundle is None or not self.network.is_box_host(url):
            return False
        kind = error.type()
        if kind != QWebEngineCertificateError.Type.CertificateAuthorityInvalid:
            return False  # only "unknown issuer": a wrong name, date or revocation stays refused
        if not error.isOverridable():
            return False
        chain = [bytes(certificate.toDer().data()) for certificate in error.certificateChain()]
        return chain_verifies(chain, QUrl(url).host(), bundle)

    def _on_self_proxy_authentication_required(
        self, url: QUrl, authenticator: QAuthenticator, proxy_host: str
    ) -> None:
        # Synchronous: a user name set here answers the proxy; none leaves it unanswered.
        address = url.toString()
        credentials = self._credentials
        if credentials is not None and address not in self._answered:
            self._answered.add(address)
            authenticator.setUser(credentials.user)
            authenticator.setPassword(credentials.password)
            logger.debug("Answered the proxy %s with the given user name", proxy_host)
            return
        if credentials is not None:
            self.credentials_refused = True  # asked again for the same address: refused
        if not self.proxy_auth_unanswered:
            logger.info("The proxy %s asks for a user name and password", proxy_host)
        self.proxy_auth_unanswered = True

    def _on_self_web_auth_ux_requested(self, request: object) -> None:
        cancel = getattr(request, "cancel", None)
        if callable(cancel):
            cancel()
        self.hand_off_requested.emit(self.tr("This sign-in asks for a security key."))


class SignInDialog(QDialog):
    """Box's sign-in page with an address strip, progress, Cancel and a browser hand-off.

    The dialog does not run the sign-in (the main window's process does): it reports
    ``cancelled`` (the person gave up), ``hand_off_requested(reason)`` (continue in the
    system browser), ``redirect_reached`` and ``page_loaded(ok)``, and its owner calls
    :meth:`finish_success` or closes it.
    """

    cancelled = Signal()
    hand_off_requested = Signal(str)
    redirect_reached = Signal()
    page_loaded = Signal(bool)
    message_shown = Signal(str, str)  # text, level
    #: The page did not load (a PageProblem): Box Login's own error page is shown instead.
    load_failed = Signal(object)
    #: The error page's "Check my setup".
    check_setup_requested = Signal()

    SUCCESS_LINGER_MS = 1200

    #: Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.
    PREFERRED_SIZE = QSize(560, 820)

    def __init__(
        self,
        authorize_url: str,
        redirect_uri: str,
        *,
        hint: str | None = None,
        parent: QWidget | None = None,
        success_linger_ms: int | None = None,
        network: PageNetwork | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Box — Box Login"))
        self.setWindowIcon(theme.app_icon())
        self.setModal(False)
        self.resize(self.sizeHint())
        self._authorize_url = authorize_url
        self._hint = hint
        self._success_linger_ms = (
            self.SUCCESS_LINGER_MS if success_linger_ms is None else success_linger_ms
        )
        self.policy = NavigationPolicy.for_sign_in(authorize_url, (redirect_uri,))
        self.is_handed_off = False
        self.is_finished = False
        self._blocked_last = False
        self._network = network or PageNetwork()
        self._failed_url: str | None = None
        #: The last load failure shown on Box Login's own error page (None once a page loads).
        self.problem: PageProblem | None = None

        self.address = AddressStrip()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.message = MessageBar()

        self._profile: QWebEngineProfile | None = QWebEngineProfile()  # no name: off the record
        self._page: SignInPage | None = SignInPage(self._profile, self.policy, self._network)
        self._page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        # Chromium's own error page shows the whole address (the sign-in's client id and
        # state): Box Login shows its own instead (_on_page_loading_changed).
        self._page.settings().setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
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
        self._page.loadingChanged.connect(self._on_page_loading_changed)
        self._page.own_page_action.connect(self._on_page_own_page_action)

        self.browser_button = button(self.tr("Open in my browser instead"), "link", "globe")
        self.browser_button.setToolTip(
            self.tr(
                "Continue this same sign-in in your usual web browser (for example if you use "
                "a security key or your organization's sign-in page does not work here)."
            )
        )
        self.browser_button.clicked.connect(self._on_browser_button_clicked)
        self.cancel_button = button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        # Escape cancels as in any dialog, also while the page has the keyboard (the web
        # view keeps the key from reaching the dialog).
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)
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
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def start(self) -> None:
        """Show the hint and where the page is, and start loading it (connect first)."""
        if self._hint:
            self._say(self._hint, "info")
        self.address.show_url(self._authorize_url, self.policy.site_kind(self._authorize_url))
        if self.view is not None:
            # The keyboard starts in the page, where Chromium focuses its first field (the
            # autofocus one), not on the message's ✕ or "Open in my browser instead".
            self.view.setFocus()
        self.load(self._authorize_url)

    def load(self, url: str) -> bool:
        """Load ``url`` as if typed into an address bar; False when refused or no page.

        The policy decides here first, as for any navigation: Qt runs a ``javascript:``
        address given to ``load`` in the page without asking ``acceptNavigationRequest``.
        """
        page = self._page
        if page is None:
            return False
        if self.policy.decide(url) is Decision.BLOCK:
            logger.debug("Refused to load %s", safe_location(url))
            page.navigation_blocked.emit(display_host(url))
            return False
        page.load(QUrl(url))
        return True

    # --- the owner's controls ------------------------------------------------------

    def page(self) -> SignInPage | None:
        """The web page (None once the web engine was released)."""
        return self._page

    def set_proxy_credentials(self, credentials: ProxyCredentials) -> None:
        """The proxy's user name and password (typed in the main window): try again with
        them when the page is waiting for them."""
        page = self._page
        if page is None:
            return
        page.set_credentials(credentials)
        if page.own_page_shown:
            self.retry()

    def retry(self) -> None:
        """Load again the address that did not load (the sign-in page when none did)."""
        self.message.clear()
        self.load(self._failed_url or self._authorize_url)

    def finish_success(self, who: str) -> None:
        """The sign-in completed: say so, then close after a short moment."""
        self.is_finished = True
        self.cancel_button.setEnabled(False)
        self.browser_button.hide()
        self._say(
            self.tr("Connected as {who}. This window closes by itself.").format(who=who),
            "success",
        )
        QTimer.singleShot(self._success_linger_ms, self, self.accept)

    def hand_off(self, reason: str | None = None) -> None:
        """Ask for the same sign-in (same address, same listener) in the system browser;
        the main window's process opens it, and this window closes."""
        if self.is_handed_off or self.is_finished:
            return
        self.is_handed_off = True
        self.is_finished = True
        self.hand_off_requested.emit(reason or "")
        # Never delete the page from inside one of its own callbacks.
        QTimer.singleShot(0, self, self.accept)

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
            view.hide()
        if page is not None and shiboken6.isValid(page):
            shiboken6.delete(page)
        if view is not None and shiboken6.isValid(view):
            shiboken6.delete(view)
        if profile is not None and shiboken6.isValid(profile):
            shiboken6.delete(profile)
        if page is not None:
            logger.debug("Released the sign-in web engine")

    # --- QDialog ---------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel (button, Escape or window close)."""
        if not self.is_finished:
            self.is_finished = True
            self.cancelled.emit()
        super().reject()

    def sizeHint(self) -> QSize:
        """A size that fits Box's sign-in page, as far as the screen allows."""
        size = QSize(self.PREFERRED_SIZE)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().height() - 60  # the title bar, a little air
            size.setHeight(max(480, min(size.height(), room)))
        return size

    # --- internals -----------------------------------------------------------------

    def _say(self, text: str, level: str, details: str = "") -> None:
        self.message.show_message(text, level, details)
        self.message_shown.emit(text, level)

    def _on_browser_button_clicked(self) -> None:
        self.hand_off()

    def _on_page_url_changed(self, url: QUrl) -> None:
        text = url.toString()
        if text and text != "about:blank" and self.address.kind is not SiteKind.INSECURE:
            self.address.show_url(text, self.policy.site_kind(text))

    def _on_page_load_started(self) -> None:
        self._blocked_last = False
        page = self._page
        own = page is not None and page.own_page_shown
        if not self.is_finished:
            # Box Login's own error page has this button itself.
            self.browser_button.setVisible(not own)
        if own:
            return
        if self.address.kind is SiteKind.INSECURE:
            self.address.kind = None  # a new page: show it as it is
        self.progress.setValue(5)
        self.progress.show()

    def _on_page_load_progress(self, value: int) -> None:
        self.progress.setValue(max(5, value))

    def _on_page_load_finished(self, ok: bool) -> None:
        self.progress.setValue(100)
        QTimer.singleShot(300, self, self._hide_progress_if_idle)
        page = self._page
        if page is not None and page.own_page_shown:
            self.progress.hide()
            return  # Box Login's own error page (or one of its buttons): not a sign-in page
        if ok:
            self.problem = None
            if self.address.not_reached and page is not None:  # loaded after all (same address)
                url = page.url().toString()
                self.address.show_url(url, self.policy.site_kind(url))
        elif not self._blocked_last and not self.is_finished:
            logger.info("The sign-in page did not load")
        self.page_loaded.emit(ok)

    def _on_page_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        # loadFinished(False) comes first and says only that; this says why.
        page = self._page
        if info.status() != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        if page is None or page.own_page_shown or self.is_finished:
            return
        code = int(info.errorCode())
        network = self._network
        kind = classify_load_error(
            code,
            info.errorDomain().name,
            proxy_auth_asked=page.proxy_auth_unanswered,
            proxy=network.uses_proxy,
        )
        if kind is None:
            return
        url = info.url().toString()
        host = QUrl(url).host() or display_host(url) or "Box"
        problem = PageProblem(
            kind,
            host,
            code,
            network.proxy_shown,
            network.proxy_words,
            credentials_refused=page.credentials_refused,
            ca_bundle=kind is Problem.CERTIFICATE
            and network.ca_bundle is not None
            and network.is_box_host(url),
        )
        self._failed_url = url
        self.problem = problem
        logger.info("The sign-in page did not load: %s (Chromium error %s)", kind.value, code)
        # Never replace the page from inside one of its own callbacks: one turn later.
        QTimer.singleShot(0, self, lambda: self._show_problem(problem))
        self.load_failed.emit(problem)

    def _show_problem(self, problem: PageProblem) -> None:
        page = self._page
        if page is None or self.is_finished or self.problem is not problem:
            return
        page.show_own_page(error_page_html(problem))
        if problem.problem is not Problem.CERTIFICATE:  # that one already says "Not secure"
            self.address.show_not_reached()

    def _on_page_own_page_action(self, action: str) -> None:
        # Reported from inside the page's navigation request: act one turn later.
        QTimer.singleShot(0, self, lambda: self._do_own_page_action(action))

    def _do_own_page_action(self, action: str) -> None:
        if self.is_finished:
            return
        if action == "retry":
            self.retry()
        elif action == "check":
            self.check_setup_requested.emit()
        elif action == "browser":
            self.hand_off()

    def _hide_progress_if_idle(self) -> None:
        if self.progress.value() >= 100:
            self.progress.hide()

    def _on_page_navigation_blocked(self, host: str) -> None:
        self._blocked_last = True
        self._say(
            self.tr(
                "Box Login did not open {host} because the connection is not secure. "
                "Your sign-in was not sent anywhere."
            ).format(host=host),
            "warning",
        )

    def _on_page_hand_off_requested(self, reason: str) -> None:
        self.hand_off(reason)

    def _on_page_redirect_reached(self) -> None:
        self.cancel_button.setEnabled(False)
        self._say(self.tr("Finishing…"), "info")
        self.redirect_reached.emit()

    def _on_page_certificate_refused(self, host: str) -> None:
        self._blocked_last = True
        self.address.show_host(host, SiteKind.INSECURE)
        self._say(
            self.tr(
                "Box Login stopped loading {host}: its security certificate could not be "
                "verified, so this may not really be Box. Nothing was sent. Try again later or "
                "on another network; if you are at work, your IT team can tell you whether a "
                "network device inspects secure connections."
            ).format(host=host),
            "error",
            details=f"Certificate refused for {host}",
        )


# --- the process ---------------------------------------------------------------------------


class _LineReader(QObject):
    """Reads lines from the main window's process on a thread; ``line``/``closed`` arrive on
    the GUI thread."""

    line = Signal(bytes)
    closed = Signal()

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream
        self._thread = threading.Thread(target=self._run, name="sign-in stdin", daemon=True)

    def start(self) -> None:
        """Start reading."""
        self._thread.start()

    def _run(self) -> None:
        try:
            for raw in self._stream:
                self.line.emit(raw)
        except (OSError, ValueError):
            pass
        self.closed.emit()


def _colours(image: QImage, limit: int = 64) -> int:
    seen: set[int] = set()
    w, h = image.width(), image.height()
    for y in range(0, h, max(1, h // 40)):
        for x in range(0, w, max(1, w // 40)):
            seen.add(image.pixel(x, y))
            if len(seen) >= limit:
                return len(seen)
    return len(seen)


class SignInProcess(QObject):
    """Runs one :class:`SignInDialog` for the main window's process (see module docstring)."""

    def __init__(self, app: QApplication, out: IO[str], stdin: IO[bytes]) -> None:
        super().__init__()
        self._app = app
        self._out = out
        self._stdin = stdin
        self.exit_code = 0
        self.dialog: SignInDialog | None = None
        self._parent_window: QWindow | None = None
        self._ending = False
        self._test_hooks = False

    def send(self, message: dict[str, Any]) -> None:
        """One JSON line to the main window's process (ignored once it is gone)."""
        try:
            self._out.write(json.dumps(message, default=str) + "\n")
            self._out.flush()
        except (OSError, ValueError):
            pass

    def open(self, options: Mapping[str, Any]) -> None:
        """Build and show the window for ``options`` (see SignInWindow.start)."""
        linger = options.get("success_linger_ms")
        dialog = SignInDialog(
            str(options["authorize_url"]),
            str(options["redirect_uri"]),
            hint=options.get("hint") or None,
            success_linger_ms=int(linger) if isinstance(linger, int) else None,
            network=PageNetwork.from_options(options),
        )
        self.dialog = dialog
        self._test_hooks = options.get("test_hooks") is True
        dialog.address.changed.connect(self._on_address_changed)
        dialog.message_shown.connect(self._on_dialog_message_shown)
        dialog.page_loaded.connect(self._on_dialog_page_loaded)
        dialog.load_failed.connect(self._on_dialog_load_failed)
        dialog.check_setup_requested.connect(self._on_dialog_check_setup_requested)
        dialog.redirect_reached.connect(self._on_dialog_redirect_reached)
        dialog.hand_off_requested.connect(self._on_dialog_hand_off_requested)
        dialog.cancelled.connect(self._on_dialog_cancelled)
        dialog.finished.connect(self._on_dialog_finished)
        page = dialog.page()
        if page is not None:
            page.renderProcessTerminated.connect(self._on_page_render_process_terminated)
        self._place(dialog, options)
        dialog.start()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

        reader = _LineReader(self._stdin)
        reader.line.connect(self._on_reader_line, Qt.ConnectionType.QueuedConnection)
        reader.closed.connect(self._on_reader_closed, Qt.ConnectionType.QueuedConnection)
        self._reader = reader
        reader.start()

    def _place(self, dialog: SignInDialog, options: Mapping[str, Any]) -> None:
        """Centre over the main window and, on X11, belong to it (transient for it)."""
        geometry = options.get("parent_geometry")
        if isinstance(geometry, list) and len(geometry) == 4:
            parent = QRect(*(int(v) for v in geometry))
            frame = QRect(0, 0, dialog.width(), dialog.height())
            frame.moveCenter(parent.center())
            screen = QGuiApplication.screenAt(parent.center()) or QGuiApplication.primaryScreen()
            if screen is not None:
                room = screen.availableGeometry()
                frame.moveLeft(max(room.left(), min(frame.left(), room.right() - frame.width())))
                frame.moveTop(max(room.top(), min(frame.top(), room.bottom() - frame.height())))
            dialog.move(frame.topLeft())
        wid = options.get("parent_window")
        if isinstance(wid, int) and wid and QGuiApplication.platformName() == "xcb":
            foreign = QWindow.fromWinId(wid)
            dialog.winId()  # creates the native window
            handle = dialog.windowHandle()
            if foreign is not None and handle is not None:
                handle.setTransientParent(foreign)
                self._parent_window = foreign

    # --- commands from the main window's process ---------------------------------------

    def _on_reader_line(self, raw: bytes) -> None:
        try:
            command = json.loads(raw)
        except ValueError:
            logger.debug("Ignored a line that is not JSON (%d bytes)", len(raw))
            return
        if not isinstance(command, dict):
            return
        name = command.get("cmd")
        number = command.get("id")
        dialog = self.dialog
        if dialog is None:
            return
        if name in _TEST_HOOKS and not self._test_hooks:
            logger.warning("Refused the test command %r: test hooks are off", name)
            self.send({"reply": number, "error": "test hooks are off"})
            return
        if name == "close":
            who = command.get("who")
            if who and not dialog.is_handed_off:
                dialog.finish_success(str(who))
            else:
                dialog.is_finished = True
                dialog.done(0)
        elif name == "run_js":
            self._run_js(number, str(command.get("script", "")))
        elif name == "grab":
            self._grab(number, str(command.get("path")), int(command.get("min_colours") or 0))
        elif name == "click":
            buttons = {"cancel": dialog.cancel_button, "browser": dialog.browser_button}
            target = buttons.get(str(command.get("name")))
            self.send({"reply": number, "ok": target is not None})
            if target is not None:
                target.click()
        elif name == "current_url":
            page = dialog.page()
            self.send({"reply": number, "url": page.url().toString() if page else ""})
        elif name == "load":
            self.send({"reply": number, "ok": dialog.page() is not None})
            dialog.load(str(command.get("url", "")))
        elif name == "proxy_credentials":
            user, password = command.get("user"), command.get("password")
            if isinstance(user, str) and isinstance(password, str):
                dialog.set_proxy_credentials(ProxyCredentials(user, password, "window"))
        else:
            self.send({"reply": number, "error": f"unknown command {name!r}"})

    def _on_reader_closed(self) -> None:
        # The main window's process is gone (or let go of us): nobody to sign in for.
        dialog = self.dialog
        if dialog is not None and not self._ending:
            logger.debug("Standard input closed: closing")
            dialog.is_finished = True
            dialog.done(0)

    def _run_js(self, number: Any, script: str) -> None:
        dialog = self.dialog
        page = dialog.page() if dialog is not None else None
        if page is None:
            self.send({"reply": number, "error": "no page"})
            return
        page.runJavaScript(script, 0, lambda result: self.send({"reply": number, "result": result}))

    def _grab(self, number: Any, path: str, min_colours: int) -> None:
        deadline = time.monotonic() + 10.0
        last: list[QImage | None] = [None]
        timer = QTimer(self)
        timer.setInterval(5)

        def finish(ok: bool, painted_at: float | None) -> None:
            timer.stop()
            timer.deleteLater()
            dialog = self.dialog
            saved = ok and dialog is not None and dialog.grab().save(path)
            self.send({"reply": number, "ok": bool(saved), "painted_at": painted_at})

        def tick() -> None:
            dialog = self.dialog
            view = dialog.view if dialog is not None else None
            if view is not None and min_colours:
                if time.monotonic() > deadline:
                    finish(False, None)
                    return
                image = view.grab().toImage()
                if _colours(image) < min_colours:
                    last[0] = None
                    return
                # Chromium paints in tiles: wait until two grabs in a row are the same picture.
                same = last[0] is not None and image == last[0]
                last[0] = image
                if not same:
                    return
            finish(True, time.monotonic())

        timer.timeout.connect(tick)
        timer.start()

    # --- the dialog's events -------------------------------------------------------------

    def _on_address_changed(self, host: str, kind: str, note: str) -> None:
        self.send({"event": "address", "host": host, "kind": kind, "note": note})

    def _on_dialog_message_shown(self, text: str, level: str) -> None:
        self.send({"event": "message", "text": text, "level": level})

    def _on_dialog_page_loaded(self, ok: bool) -> None:
        self.send({"event": "loaded", "ok": ok})

    def _on_dialog_load_failed(self, problem: PageProblem) -> None:
        self.send(problem.to_event())

    def _on_dialog_check_setup_requested(self) -> None:
        self.send({"event": "check_setup"})

    def _on_dialog_redirect_reached(self) -> None:
        self.send({"event": "redirect", "at": time.monotonic()})

    def _on_dialog_hand_off_requested(self, reason: str) -> None:
        self.send({"event": "hand_off", "reason": reason})

    def _on_dialog_cancelled(self) -> None:
        self.send({"event": "cancelled"})

    def _on_page_render_process_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        dialog = self.dialog
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        if dialog is None or dialog.is_finished:
            return
        logger.warning("The web page process stopped (%s, exit code %s)", status.name, exit_code)
        self.send({"event": "failed", "reason": f"the web page stopped, exit code {exit_code}"})
        self.exit_code = 1
        self._ending = True
        dialog.is_finished = True
        dialog.done(0)

    def _on_dialog_finished(self, _result: int) -> None:
        # Never delete the page from inside one of its own callbacks: one turn later.
        QTimer.singleShot(0, self, self._end)

    def _end(self) -> None:
        self._ending = True
        dialog = self.dialog
        if dialog is not None:
            dialog.release_web_engine()
            dialog.hide()
        if self.exit_code == 0:
            self.send({"event": "closed"})
        self._app.quit()


def _protocol_streams() -> tuple[IO[str], IO[bytes]]:
    """The protocol's output (the real standard output) and input; anything else written to
    standard output afterwards (Python or native code) goes to standard error instead."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin: IO[bytes] = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    return out, stdin


def _configure_child_logging(level: int) -> None:
    """Log lines to standard error (the main window's process relays them), scrubbed."""
    from core.logging_setup import RedactingFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


#: Commands only a test may send (``SignInWindow.test_hooks``).
_TEST_HOOKS = frozenset({"run_js", "grab", "click", "current_url", "load"})


def child_main(app_factory: Callable[[], QApplication] | None = None) -> int:
    """``main.py --sign-in-window``: show the sign-in window described on standard input.

    Exit status 0 when the window closed as asked, 1 when the web page stopped, 2 when the
    input was not a sign-in.
    """
    out, stdin = _protocol_streams()
    _configure_child_logging(logging.WARNING)
    from gui.application import make_application

    # The sign-in first: Chromium reads its proxy switches when Qt WebEngine starts, with
    # the application (the main window's process chose them, as for the token calls).
    try:
        options = json.loads(stdin.readline())
        if not isinstance(options, dict) or not options.get("authorize_url"):
            raise ValueError("no sign-in address")
    except ValueError:
        print("box-login --sign-in-window: expected the sign-in on standard input", file=sys.stderr)
        return 2
    level = options.get("log_level")
    _configure_child_logging(level if isinstance(level, int) else logging.WARNING)
    flags = chromium_proxy_flags(options.get("proxy"))
    if flags:
        logger.debug("Chromium's proxy switches: %s", " ".join(f.split("=")[0] for f in flags))
    add_chromium_flags(os.environ, flags)
    if SOFTWARE_RENDERING:
        # Drawn in software, this process needs no OpenGL: without this, Qt's X11 plugin
        # loads the OpenGL driver anyway (Mesa with LLVM: ~30 MiB across the processes).
        os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    app = (
        app_factory()
        if app_factory
        else make_application(icon=False, share_gl=not SOFTWARE_RENDERING)
    )
    app.setQuitOnLastWindowClosed(False)
    runner = SignInProcess(app, out, stdin)
    runner.open(options)
    app.exec()
    if runner.dialog is not None:
        shiboken6.delete(runner.dialog)
    return runner.exit_code
