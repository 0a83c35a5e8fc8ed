"""The sign-in window from the main window's side: a child process that shows Box's page.

Qt WebEngine (Chromium) costs ~150 MiB that a process never fully gives back, and its
helper processes live as long as the process that started them. So the embedded browser
runs in its own process (``main.py --sign-in-window``, see :mod:`gui.signin_dialog`) that
exits when the sign-in ends; the main window never imports Qt WebEngine.

Everything that matters stays here, in the main window's process: the loopback listener, the
state, the code exchange and the keyring. The child only shows the page. They speak JSON
lines: the authorize address and options go to the child's standard input (never its command
line: other users can read that), events come back on its standard output, and its log lines
on standard error are relayed into this process's log at debug level (scrubbed again).

When the person continues in their own browser, or when the child stops unexpectedly, the
child is gone and a small window of this process (:class:`BrowserWaitDialog`, no web engine)
takes its place: it can open the same sign-in in the system browser again, or cancel.

The page takes the same way to Box as the token calls (:mod:`gui.web_network`): this process
decides the proxy for the sign-in address on a worker thread while the child starts, and
sends it with the sign-in, together with the proxy's user name and password when they are
known, ``ca_bundle`` and the settings' Box hosts. When the page does not load, the child shows
Box Login's own error page and says why (``load_failed``); this process keeps that as the
sign-in's outcome should the person then give up (:attr:`SignInWindow.page_problem`), and asks
for the proxy's user name and password when the proxy wants them (:mod:`gui.proxy_dialog`).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QObject,
    QProcess,
    QProcessEnvironment,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.childenv import child_environment
from core.translation import sentences
from core.version import self_command
from gui import theme
from gui.web_network import PageProblem, Problem, WebNetwork
from gui.widgets import button, label
from gui.worker import TaskRunner

logger = logging.getLogger(__name__)

Opener = Callable[[QUrl], bool]

#: The command-line flag that makes ``main.py`` (or the bundled executable) the child.
CHILD_FLAG = "--sign-in-window"

_QUERY = re.compile(r"[?#][^\s\"'<>]*")
_LONG_WORD = re.compile(r"[A-Za-z0-9_\-.~+/=]{24,}")


def redact_console(text: str) -> str:
    """A log or console line with query strings and long token-like words removed."""
    return _LONG_WORD.sub("[…]", _QUERY.sub("?[…]", text))[:500]


def child_command() -> tuple[str, list[str]]:
    """Program and arguments that start the sign-in window process.

    From source: this Python running ``main.py``; frozen (PyInstaller): the bundle's own
    executable, which is ``main.py`` too.
    """
    program, *args = self_command()
    return program, [*args, CHILD_FLAG]


def child_process_environment() -> QProcessEnvironment:
    """This process's environment without Box Login's secrets (``core.childenv``): the
    sign-in window's process, and the web page processes it starts, inherit it."""
    environment = QProcessEnvironment()
    for name, value in child_environment().items():
        environment.insert(name, value)
    return environment


class BrowserWaitDialog(QDialog):
    """“Continue in your web browser”: shown while the sign-in continues in the system browser
    (handed off, or the sign-in window stopped). No web engine: it belongs to the main
    window's process."""

    cancelled = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Box — Box Login"))
        self.setWindowIcon(theme.app_icon())
        self.setModal(False)
        self.is_finished = False
        icon = QLabel()
        icon.setPixmap(theme.icon("globe").pixmap(56, 56))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(self.tr("Continue in your web browser"), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("", "subtitle")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = button(self.tr("Open in my browser instead"), None, "globe")
        self.open_button.clicked.connect(self.open_requested)
        self.cancel_button = button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        layout.addLayout(bottom)
        self.resize(480, 360)

    def show_text(self, text: str, *, again: bool, title: str | None = None) -> None:
        """Explain what to do; ``again`` names the button “Open the sign-in page again”."""
        self.title.setText(title or self.tr("Continue in your web browser"))
        self.text.setText(text)
        self.open_button.setText(
            self.tr("Open the sign-in page again")
            if again
            else self.tr("Open in my browser instead")
        )

    def finish_success(self, who: str, linger_ms: int) -> None:
        """Say the sign-in worked, then close after ``linger_ms``."""
        self.is_finished = True
        self.title.setText(self.tr("Connected"))
        self.text.setText(
            self.tr("You're connected as {who}. This window closes by itself.").format(who=who)
        )
        self.open_button.hide()
        self.cancel_button.setEnabled(False)
        QTimer.singleShot(linger_ms, self, self.accept)

    def reject(self) -> None:
        """Cancel (button, Escape or window close)."""
        if not self.is_finished:
            self.cancelled.emit()
        super().reject()


class SignInWindow(QObject):
    """The sign-in window as the main window sees it: starts the child process, relays its
    events, and replaces it with a :class:`BrowserWaitDialog` when needed.

    Signals: ``cancelled`` (the person gave up: cancel the flow), ``handed_off`` (the same
    sign-in continues in the system browser), ``redirect_reached``, ``page_loaded(ok)``,
    ``changed`` (address or message changed) and ``finished`` (no sign-in window is left).
    The owner calls :meth:`start`, then :meth:`finish_success` or :meth:`close`.

    ``run_js``, ``grab``, ``click``, ``current_url`` and ``load`` are test hooks: they reach
    into the child's page, which this process cannot touch. They work only while
    ``SignInWindow.test_hooks`` is True (the test suite's conftest sets it; the product never
    does): the child refuses them otherwise, so a program that could write to the child's
    standard input still could not run script in the Box page.
    """

    #: Turns the test hooks on for sign-in windows started from now on (tests only).
    test_hooks: bool = False

    cancelled = Signal()
    handed_off = Signal()
    redirect_reached = Signal()
    page_loaded = Signal(bool)
    changed = Signal()
    finished = Signal()
    #: The page did not load (a gui.failure.Failure saying why), or None once one did.
    page_failed = Signal(object)
    #: The error page's "Check my setup" was clicked.
    check_setup_requested = Signal()

    SUCCESS_LINGER_MS = 1200

    def __init__(
        self,
        authorize_url: str,
        redirect_uri: str,
        *,
        opener: Opener,
        hint: str | None = None,
        parent: QWidget | None = None,
        success_linger_ms: int | None = None,
        network: WebNetwork | None = None,
    ) -> None:
        super().__init__(parent)
        self._authorize_url = authorize_url
        self._redirect_uri = redirect_uri
        self._opener = opener
        self._hint = hint
        self._parent_widget = parent
        self._network = network
        self._runner = TaskRunner(parent=self)
        self._options_sent = False
        self._abandoned = False
        #: Why the page did not load, while Box Login's own error page shows it.
        self.page_problem: PageProblem | None = None
        self.proxy_dialog: QDialog | None = None
        self._proxy_user = ""  # the proxy user name last typed (asked again: filled in)
        self._linger_ms = self.SUCCESS_LINGER_MS if success_linger_ms is None else success_linger_ms
        self.is_handed_off = False
        self.is_finished = False
        self.is_closed = False
        self.redirect_at: float | None = None
        self.failure_reason: str | None = None
        #: What the child's address strip shows: host, kind (a SiteKind value) and note.
        self.address: tuple[str, str, str] | None = None
        #: The child's message bar: text and level ("" when none).
        self.message_text = ""
        self.message_level = ""
        self.browser_dialog: BrowserWaitDialog | None = None
        self._ended = False  # the child said how it ends (closed, cancelled, handed off)
        self._replies: dict[int, Callable[[dict[str, Any]], None]] = {}
        self._next_id = 1
        self._stdout = QByteArray()
        self._stderr = QByteArray()
        self._process: QProcess | None = QProcess(self)
        self._process.readyReadStandardOutput.connect(self._on_process_ready_read_standard_output)
        self._process.readyReadStandardError.connect(self._on_process_ready_read_standard_error)
        self._process.finished.connect(self._on_process_finished)
        self._process.errorOccurred.connect(self._on_process_error_occurred)

    # --- the owner's controls ------------------------------------------------------------

    @property
    def process_id(self) -> int:
        """The child's process id (0 when it is not running)."""
        process = self._process
        return int(process.processId()) if process is not None else 0

    def is_running(self) -> bool:
        """True while the child process runs."""
        process = self._process
        return process is not None and process.state() != QProcess.ProcessState.NotRunning

    def start(self) -> None:
        """Start the child and hand it the sign-in (over its standard input) once the way to
        Box is decided (on a worker thread, while the child starts)."""
        assert self._process is not None
        program, args = child_command()
        self._process.setProcessEnvironment(child_process_environment())
        self._process.start(program, args)
        network = self._network
        if network is None:
            self._send_start({})
            return
        url, back = self._authorize_url, self._redirect_uri
        self._runner.start(
            lambda: network.start_options(url, back),
            self._send_start,
            self._on_network_failed,
            name="sign-in-network",
            track_busy=False,
        )

    def _on_network_failed(self, failure: Any) -> None:
        logger.warning("The sign-in page's proxy could not be decided: %s", failure.details)
        self._send_start({})

    def _send_start(self, network_options: dict[str, Any]) -> None:
        process = self._process
        if self._abandoned or process is None:
            return
        options: dict[str, Any] = {
            "authorize_url": self._authorize_url,
            "redirect_uri": self._redirect_uri,
            "hint": self._hint,
            "success_linger_ms": self._linger_ms,
            "log_level": logging.getLogger("gui").getEffectiveLevel(),
            "test_hooks": SignInWindow.test_hooks,
        }
        options.update(network_options)
        parent = self._parent_widget
        if parent is not None and parent.isVisible():
            options["parent_window"] = int(parent.winId())
            frame = parent.frameGeometry()
            options["parent_geometry"] = [frame.x(), frame.y(), frame.width(), frame.height()]
        process.write(json.dumps(options).encode() + b"\n")
        self._options_sent = True

    def finish_success(self, who: str) -> None:
        """The sign-in completed: the window says so briefly, then closes."""
        self.is_finished = True
        if self.browser_dialog is not None:
            self.browser_dialog.finish_success(who, self._linger_ms)
        self._send({"cmd": "close", "who": who})

    def close(self) -> None:
        """Close the sign-in window now (the sign-in ended; this is not a cancel)."""
        self.is_finished = True
        self._close_proxy_dialog()
        dialog = self.browser_dialog
        if dialog is not None:
            dialog.is_finished = True
            dialog.done(0)
        self._send({"cmd": "close"})

    def shutdown(self, timeout_ms: int = 3000) -> None:
        """Stop the child for good (the main window closes): close, wait, then kill."""
        self.is_finished = True
        self._close_proxy_dialog()
        if self.browser_dialog is not None:
            self.browser_dialog.is_finished = True
            self.browser_dialog.hide()
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return
        self._send({"cmd": "close"})
        process.closeWriteChannel()
        if not process.waitForFinished(timeout_ms):
            logger.warning("The sign-in window did not close in time; stopping it")
            process.kill()
            process.waitForFinished(1000)

    # --- test hooks ----------------------------------------------------------------------

    def run_js(self, script: str, callback: Callable[[Any], None]) -> None:
        """Test hook: run ``script`` in the page; ``callback(result)``."""
        self._request({"cmd": "run_js", "script": script}, lambda r: callback(r.get("result")))

    def grab(
        self, path: str, callback: Callable[[dict[str, Any]], None], *, min_colours: int = 0
    ) -> None:
        """Test hook: save a screenshot of the window to ``path`` once the page's picture is
        stable; ``callback`` gets ``ok`` and ``painted_at`` (this process's perf_counter)."""
        if self.browser_dialog is not None and not self.is_running():
            ok = self.browser_dialog.grab().save(path)
            callback({"ok": ok, "painted_at": time.perf_counter()})
            return

        def done(reply: dict[str, Any]) -> None:
            at = reply.get("painted_at")
            reply["painted_at"] = _to_perf_counter(at) if isinstance(at, float) else None
            callback(reply)

        self._request({"cmd": "grab", "path": path, "min_colours": min_colours}, done)

    def click(self, name: str, callback: Callable[[Any], None] | None = None) -> None:
        """Test hook: click the child's ``cancel`` or ``browser`` button."""
        self._request({"cmd": "click", "name": name}, lambda r: (callback or _ignore)(r))

    def current_url(self, callback: Callable[[str], None]) -> None:
        """Test hook: the page's address."""
        self._request({"cmd": "current_url"}, lambda r: callback(str(r.get("url", ""))))

    def load(self, url: str, callback: Callable[[Any], None] | None = None) -> None:
        """Test hook: make the page load ``url`` as if typed in (not from the page)."""
        self._request({"cmd": "load", "url": url}, lambda r: (callback or _ignore)(r))

    # --- internals -----------------------------------------------------------------------

    def _request(self, command: dict[str, Any], reply: Callable[[dict[str, Any]], None]) -> None:
        number = self._next_id
        self._next_id += 1
        self._replies[number] = reply
        if not self._send({**command, "id": number}):
            self._replies.pop(number, None)
            reply({"error": "the sign-in window is not running"})

    def _send(self, command: dict[str, Any]) -> bool:
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return False
        if not self._options_sent:
            if command.get("cmd") != "close":
                return False
            # Closed before it was told the sign-in: it never opens (end of input: it exits).
            self._abandoned = True
            process.closeWriteChannel()
            return True
        process.write(json.dumps(command).encode() + b"\n")
        return True

    def send_proxy_credentials(self, user: str, password: str) -> None:
        """Give the page the proxy's user name and password (it tries again with them)."""
        self._send({"cmd": "proxy_credentials", "user": user, "password": password})

    def _on_process_ready_read_standard_output(self) -> None:
        assert self._process is not None
        self._stdout.append(self._process.readAllStandardOutput())
        while (end := self._stdout.indexOf(b"\n")) >= 0:
            line = bytes(self._stdout.left(end).data())
            self._stdout.remove(0, end + 1)
            try:
                message = json.loads(line)
            except ValueError:
                logger.debug("Sign-in window sent something unexpected (%d bytes)", len(line))
                continue
            if isinstance(message, dict):
                self._on_child_message(message)

    def _on_process_ready_read_standard_error(self) -> None:
        assert self._process is not None
        self._stderr.append(self._process.readAllStandardError())
        while (end := self._stderr.indexOf(b"\n")) >= 0:
            line = bytes(self._stderr.left(end).data()).decode("utf-8", "replace").rstrip()
            self._stderr.remove(0, end + 1)
            if line and logger.isEnabledFor(logging.DEBUG):
                logger.debug("Sign-in window: %s", redact_console(line))

    def _on_child_message(self, message: dict[str, Any]) -> None:
        number = message.get("reply")
        if isinstance(number, int):
            reply = self._replies.pop(number, None)
            if reply is not None:
                reply(message)
            return
        event = message.get("event")
        if event == "address":
            self.address = (
                str(message.get("host", "")),
                str(message.get("kind", "")),
                str(message.get("note", "")),
            )
            self.changed.emit()
        elif event == "message":
            self.message_text = str(message.get("text", ""))
            self.message_level = str(message.get("level", ""))
            self.changed.emit()
        elif event == "loaded":
            ok = bool(message.get("ok"))
            if ok and self.page_problem is not None:
                self._set_problem(None)
            self.page_loaded.emit(ok)
        elif event == "load_failed":
            problem = PageProblem.from_event(message)
            if problem is not None:
                self._set_problem(problem)
                if problem.problem is Problem.PROXY_AUTH:
                    self._ask_proxy_credentials(problem)
        elif event == "check_setup":
            self.check_setup_requested.emit()
        elif event == "redirect":
            at = message.get("at")
            self.redirect_at = (
                _to_perf_counter(at) if isinstance(at, float) else time.perf_counter()
            )
            self.redirect_reached.emit()
        elif event == "hand_off":
            self._ended = True
            self._hand_off(str(message.get("reason") or ""))
        elif event == "cancelled":
            self._ended = True
            if not self.is_finished:
                self.cancelled.emit()
        elif event == "closed":
            self._ended = True
        elif event == "failed":
            self.failure_reason = str(message.get("reason") or "")

    def _set_problem(self, problem: PageProblem | None) -> None:
        self.page_problem = problem
        self.page_failed.emit(problem.failure() if problem is not None else None)

    def _ask_proxy_credentials(self, problem: PageProblem) -> None:
        """The proxy wants a user name and password: ask the person (in this process, where
        the password store and the token calls are)."""
        from gui.proxy_dialog import ProxyCredentialsDialog

        network = self._network
        dialog = self.proxy_dialog
        if not isinstance(dialog, ProxyCredentialsDialog):
            dialog = ProxyCredentialsDialog(
                self._parent_widget,
                can_remember=network is not None and network.passwords is not None,
            )
            dialog.submitted.connect(self._on_proxy_dialog_submitted)
            dialog.finished.connect(self._on_proxy_dialog_finished)
            self.proxy_dialog = dialog
        dialog.ask(
            problem.proxy or "",
            problem.proxy_words,
            refused=problem.credentials_refused,
            user=self._proxy_user,
        )
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def _on_proxy_dialog_submitted(self, user: str, password: str, remember: bool) -> None:
        from core.network import ProxyCredentials

        self._proxy_user = user
        self.send_proxy_credentials(user, password)
        network = self._network
        if network is not None:
            credentials = ProxyCredentials(user, password, "window")
            self._runner.start(
                lambda: network.use_credentials(credentials, remember=remember),
                None,
                lambda failure: logger.warning(
                    "Could not keep the proxy's user name and password: %s",
                    failure.details,
                ),
                name="proxy-credentials",
                track_busy=False,
            )

    def _close_proxy_dialog(self) -> None:
        dialog = self.proxy_dialog
        if dialog is not None:
            dialog.done(0)

    def _on_proxy_dialog_finished(self, _result: int) -> None:
        dialog = self.proxy_dialog
        self.proxy_dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _hand_off(self, reason: str) -> None:
        if self.is_handed_off or self.is_finished:
            return
        if self.page_problem is not None:
            self._set_problem(None)  # the person goes on in the browser: not this outcome
        self.is_handed_off = True
        opened = self._open_in_browser()
        text = self.tr("Finish signing in in your web browser. This window updates by itself.")
        if reason:
            text = sentences(reason, text)
        if not opened:
            text = self.tr(
                "Box Login could not open your web browser. Open your browser, then click "
                "“Open the sign-in page again”."
            )
        self._show_browser_dialog(text, again=True)
        self.handed_off.emit()

    def _open_in_browser(self) -> bool:
        opened = bool(self._opener(QUrl(self._authorize_url)))
        logger.info("Sign-in handed to the system browser (%s)", "opened" if opened else "failed")
        return opened

    def _show_browser_dialog(self, text: str, *, again: bool, title: str | None = None) -> None:
        dialog = self.browser_dialog
        if dialog is None:
            dialog = BrowserWaitDialog(self._parent_widget)
            dialog.cancelled.connect(self._on_browser_dialog_cancelled)
            dialog.open_requested.connect(self._on_browser_dialog_open_requested)
            dialog.finished.connect(self._on_browser_dialog_finished)
            self.browser_dialog = dialog
        dialog.show_text(text, again=again, title=title)
        dialog.show()

    def _on_browser_dialog_cancelled(self) -> None:
        if not self.is_finished:
            self.cancelled.emit()

    def _on_browser_dialog_open_requested(self) -> None:
        dialog = self.browser_dialog
        if self._open_in_browser():
            self.is_handed_off = True
            if dialog is not None:
                dialog.show_text(
                    self.tr(
                        "Finish signing in in your web browser. This window updates by itself."
                    ),
                    again=True,
                )
            self.handed_off.emit()
        elif dialog is not None:
            dialog.show_text(
                self.tr(
                    "Box Login could not open your web browser. Open your browser, then click "
                    "“Open the sign-in page again”."
                ),
                again=True,
            )

    def _on_browser_dialog_finished(self, _result: int) -> None:
        dialog = self.browser_dialog
        self.browser_dialog = None
        if dialog is not None:
            dialog.deleteLater()
        self._maybe_finished()

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            logger.warning("The sign-in window could not start")
            self.failure_reason = self.failure_reason or "it could not start"
            self._on_process_finished(-1, QProcess.ExitStatus.CrashExit)

    def _on_process_finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        if self.is_closed or self._process is None:
            return
        self._on_process_ready_read_standard_output()
        self._on_process_ready_read_standard_error()
        for reply in self._replies.values():
            reply({"error": "the sign-in window is not running"})
        self._replies.clear()
        self._process.deleteLater()
        self._process = None
        self._close_proxy_dialog()  # nothing left to give the proxy's password to
        crashed = status == QProcess.ExitStatus.CrashExit or exit_code != 0
        if not self._ended and not self.is_finished:
            reason = self.failure_reason or (
                "it stopped unexpectedly"
                if status == QProcess.ExitStatus.CrashExit
                else f"it stopped unexpectedly (exit code {exit_code})"
            )
            logger.warning("The sign-in window stopped: %s", reason)
            self._show_browser_dialog(
                self.tr(
                    "The sign-in window closed unexpectedly. Nothing was sent or saved. You can "
                    "continue signing in in your web browser instead, or cancel and try again."
                ),
                again=False,
                title=self.tr("The sign-in window stopped"),
            )
        elif crashed:
            logger.debug("Sign-in window process ended (exit code %s)", exit_code)
        self._maybe_finished()

    def _maybe_finished(self) -> None:
        if self.is_closed or self._process is not None or self.browser_dialog is not None:
            return
        self.is_closed = True
        self.finished.emit()


def _to_perf_counter(monotonic_at: float) -> float:
    """A time.monotonic() reading of another process as this process's perf_counter (both
    read the system's monotonic clock on Linux; elsewhere this is a close estimate)."""
    return time.perf_counter() - (time.monotonic() - monotonic_at)


def _ignore(_value: Any) -> None:
    return None
