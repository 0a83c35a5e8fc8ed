"""The serving loop: :class:`LoopbackListener` and what a callback gives, :class:`CallbackResult`.

One thread, one :mod:`selectors` loop over the listening sockets and the open connections:
each connection has a deadline, the oldest idle one is dropped when too many are open, and the
first answer that ends the sign-in closes the listening sockets. The addresses come from
:mod:`core.loopback.addresses`, the HTTP from :mod:`core.loopback.wire`, the pages from
:mod:`core.loopback.pages`; what the callback means (code, state, Box's error) is decided here,
in :meth:`LoopbackListener._route`.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import selectors
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Final
from urllib.parse import parse_qs

from core.errors import (
    BoxLoginError,
    InvalidRequestError,
    OAuthError,
    SignInCancelledError,
    SignInError,
    SignInTimeoutError,
    oauth_error_class,
)
from core.loopback.addresses import (
    _bind_failure,
    _BindError,
    _Endpoint,
    _open_listening_socket,
    _parse_redirect_uri,
    _ports_error,
)
from core.loopback.pages import _ERROR_MESSAGE_KEYS, _Pages
from core.loopback.wire import (
    MAX_HEADER_BYTES,
    _BadRequest,
    _early_check,
    _parse_head,
    _plain,
    _printable,
    _Request,
    _response,
)
from core.translation import translate

# The package's one logger: its lines keep the name they have always had (log filters and
# the tests select on it), whichever module writes them.
logger = logging.getLogger("core.loopback")

#: Open connections at once; beyond this the oldest one still sending its request is dropped,
#: so a crowd of silent clients cannot keep the browser's real callback out.
DEFAULT_MAX_CONNECTIONS: Final = 64
_LINGER_SECONDS: Final = 1.0


@dataclass(frozen=True)
class CallbackResult:
    """What a good callback carried: the authorization code, its state and where it came."""

    code: str = field(repr=False)
    state: str = field(repr=False)
    redirect_uri: str


class _Conn:
    __slots__ = ("accepted", "deadline", "fd", "final", "inbuf", "lingering", "outbuf", "sock")

    def __init__(self, sock: socket.socket, now: float, timeout: float) -> None:
        self.sock = sock
        self.fd = sock.fileno()
        self.accepted = now
        self.deadline = now + timeout
        self.inbuf = b""
        self.outbuf = b""
        self.final = False
        #: Answer sent; reading and discarding what the client still sends, so closing
        #: does not reset the connection before the client has read the answer.
        self.lingering = False


_Outcome = CallbackResult | BoxLoginError


class LoopbackListener:
    """Waits on a loopback redirect URI for Box's answer to one sign-in.

    ``start()`` binds the first usable redirect URI (127.0.0.1, ::1 for ``[::1]``, every
    loopback address for ``localhost``; never all interfaces) and serves in a background
    thread; ``wait()`` returns the :class:`CallbackResult` or raises the matching
    :mod:`core.errors` error. Only GET on the redirect URI's exact path counts; everything
    else gets 404/405 and is otherwise ignored. An answer whose ``state`` does not match gets
    an error page and the wait goes on. The listener closes after the first answer that ends
    the sign-in, on timeout (``timeout`` seconds after ``start()``), on ``cancel()`` and on
    ``close()``.
    """

    def __init__(
        self,
        redirect_uris: Sequence[str],
        expected_state: str,
        *,
        timeout: float = 300.0,
        connection_timeout: float = 10.0,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        messages: Mapping[str, str] | None = None,
    ) -> None:
        if isinstance(redirect_uris, str):
            redirect_uris = (redirect_uris,)
        if not expected_state:
            raise ValueError("expected_state must not be empty")
        self._uris = tuple(redirect_uris)
        self._state = expected_state.encode("utf-8")
        self._timeout = timeout
        self._connection_timeout = connection_timeout
        self._max_connections = max(1, max_connections)
        self._messages = messages
        #: The redirect URI being listened on (None before ``start()``).
        self.redirect_uri: str | None = None
        self._endpoint: _Endpoint | None = None
        #: The listening sockets, one per address of the redirect URI (empty once closed).
        self._socks: list[socket.socket] = []
        self._bound: tuple[tuple[str, int], ...] = ()
        self._pages: _Pages | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._outcome: _Outcome | None = None
        #: The answer that ends the sign-in once its page is sent (serving thread only).
        self._pending: _Outcome | None = None
        self._stop = threading.Event()
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._deadline = 0.0

    # --- public API ------------------------------------------------------------------

    @property
    def bound_address(self) -> tuple[str, int] | None:
        """The (host, port) of the first listening socket, while it is open.

        For a ``localhost`` URI that is 127.0.0.1; see :attr:`bound_addresses` for all.
        """
        bound = self._bound
        return bound[0] if bound else None

    @property
    def bound_addresses(self) -> tuple[tuple[str, int], ...]:
        """Every (host, port) listened on, while open: two or more for ``localhost``."""
        return self._bound

    @property
    def finished(self) -> bool:
        """True once the sign-in has ended (answer, error, timeout, cancel or close)."""
        return self._done.is_set()

    def start(self) -> str:
        """Bind the first usable redirect URI, start serving and return that URI.

        Raises :class:`~core.errors.PortsUnavailableError` naming the ports tried when none
        of the redirect URIs can be opened.
        """
        if self._thread is not None:
            raise RuntimeError("LoopbackListener.start() was already called")
        attempts: list[tuple[str, str]] = []
        ports: list[int] = []
        for uri in self._uris:
            parsed = _parse_redirect_uri(uri)
            if isinstance(parsed, str):
                logger.info("Skipping redirect URI %s: %s", _printable(uri), parsed)
                attempts.append((uri, parsed))
                continue
            if parsed.port not in ports:
                ports.append(parsed.port)
            try:
                socks = _open_listening_socket(parsed)
            except OSError as exc:
                why = _bind_failure(exc)
                host = exc.address[1] if isinstance(exc, _BindError) else parsed.host
                logger.info("Cannot listen on %s port %d: %s", host, parsed.port, why)
                attempts.append((uri, why))
                continue
            self._socks, self._endpoint, self.redirect_uri = socks, parsed, uri
            break
        if not self._socks or self._endpoint is None:
            raise _ports_error(ports, attempts)
        self._bound = tuple(
            (str(name[0]), int(name[1])) for name in (s.getsockname() for s in self._socks)
        )
        hosts = " and ".join(f"[{h}]" if ":" in h else h for h, _ in self._bound)
        port = self._bound[0][1]
        self._pages = _Pages.load(self._messages)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._deadline = time.monotonic() + self._timeout
        logger.info(
            "Waiting for the sign-in answer on %s port %d, path %s",
            hosts,
            port,
            _printable(self._endpoint.path),
        )
        self._thread = threading.Thread(target=self._serve, name="box-login-loopback", daemon=True)
        self._thread.start()
        return self.redirect_uri or ""

    def wait(self, timeout: float | None = None) -> CallbackResult:
        """Block until the sign-in ends; the callback's result or the reason it failed.

        Raises an :class:`~core.errors.OAuthError` subclass (e.g. AccessDeniedError) when Box
        answered with an error, SignInTimeoutError after ``timeout`` seconds (default: what
        is left of the listener's overall timeout), SignInCancelledError after ``cancel()``.
        The listener is closed when this returns or raises.
        """
        if self._thread is None:
            raise RuntimeError("LoopbackListener.wait() needs start() first")
        if timeout is None:
            # The serving thread enforces the overall deadline; the margin only guards
            # against that thread dying without a word.
            limit = max(0.0, self._deadline - time.monotonic()) + 5.0
        else:
            limit = max(0.0, timeout)
        if not self._done.wait(limit):
            self._finish(SignInTimeoutError())
        self.close()
        outcome = self._outcome
        if isinstance(outcome, CallbackResult):
            return outcome
        if outcome is None:  # pragma: no cover - _finish always sets one
            raise SignInError(translate("Loopback", "The sign-in listener stopped unexpectedly."))
        raise outcome

    def cancel(self) -> None:
        """End the wait with SignInCancelledError; safe from any thread, any number of times."""
        if self._finish(SignInCancelledError()):
            logger.info("Sign-in cancelled")
        self._wake()

    def close(self) -> None:
        """Stop serving and close every socket. Idempotent."""
        self._finish(SignInCancelledError())
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            self._wake()
            thread.join(timeout=10.0)
        if thread is None or not thread.is_alive():
            for sock in (self._wake_r, self._wake_w):
                if sock is not None:
                    sock.close()

    def __enter__(self) -> LoopbackListener:
        if self._thread is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LoopbackListener(redirect_uri={self.redirect_uri!r})"

    # --- internals -------------------------------------------------------------------

    def _finish(self, outcome: _Outcome) -> bool:
        """Record the outcome if none yet; stop the server. True when this one counted."""
        with self._lock:
            first = self._outcome is None
            if first:
                self._outcome = outcome
        self._stop.set()
        self._done.set()
        return first

    def _wake(self) -> None:
        wake = self._wake_w
        if wake is None:
            return
        # A full or closed pipe means the server is awake or gone either way.
        with contextlib.suppress(OSError):
            wake.send(b"x")

    def _serve(self) -> None:
        assert self._socks
        sel = selectors.DefaultSelector()
        conns: dict[int, _Conn] = {}
        try:
            for listening in self._socks:
                sel.register(listening, selectors.EVENT_READ, None)
            if self._wake_r is not None:
                sel.register(self._wake_r, selectors.EVENT_READ, None)
            while not self._stop.is_set():
                now = time.monotonic()
                if now >= self._deadline:
                    if self._finish(SignInTimeoutError()):
                        logger.info("Sign-in timed out after %.0f s", self._timeout)
                    break
                wake_at = min([self._deadline, *(c.deadline for c in conns.values())])
                for key, mask in sel.select(max(0.0, wake_at - now)):
                    if key.fileobj is self._wake_r:
                        self._drain_wake()
                    elif key.data is None:
                        source = key.fileobj
                        # Not closed earlier in this round (after the answer that ends it).
                        if isinstance(source, socket.socket) and source in self._socks:
                            self._accept(sel, source, conns)
                    else:
                        conn = key.data
                        assert isinstance(conn, _Conn)
                        if conn.fd not in conns:
                            continue  # dropped earlier in this round
                        if mask & selectors.EVENT_READ:
                            self._on_readable(sel, conn, conns)
                        if mask & selectors.EVENT_WRITE and conn.fd in conns:
                            self._on_writable(sel, conn, conns)
                now = time.monotonic()
                for conn in [c for c in conns.values() if c.deadline <= now]:
                    self._drop(sel, conn, conns)
        except Exception:
            logger.exception("The sign-in listener failed")
            self._finish(
                SignInError(
                    translate("Loopback", "The sign-in listener stopped unexpectedly. Try again.")
                )
            )
        finally:
            for conn in list(conns.values()):
                self._drop(sel, conn, conns)
            self._close_listening(sel)
            sel.close()
            self._finish(SignInCancelledError())
            logger.debug("Sign-in listener closed")

    def _close_listening(self, sel: selectors.BaseSelector) -> None:
        socks, self._socks, self._bound = self._socks, [], ()
        for sock in socks:
            with contextlib.suppress(KeyError, ValueError):
                sel.unregister(sock)
            sock.close()

    def _drain_wake(self) -> None:
        assert self._wake_r is not None
        try:
            while self._wake_r.recv(512):
                pass
        except OSError:
            pass

    def _accept(
        self, sel: selectors.BaseSelector, listening: socket.socket, conns: dict[int, _Conn]
    ) -> None:
        for _ in range(64):
            try:
                sock, _addr = listening.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. EMFILE: keep serving the ones we have
                logger.warning("Could not accept a connection: %s", exc.strerror)
                return
            if len(conns) >= self._max_connections:
                self._evict_one(sel, conns)
            sock.setblocking(False)
            conn = _Conn(sock, time.monotonic(), self._connection_timeout)
            conns[conn.fd] = conn
            sel.register(sock, selectors.EVENT_READ, conn)

    def _evict_one(self, sel: selectors.BaseSelector, conns: dict[int, _Conn]) -> None:
        reading = [c for c in conns.values() if not c.final and (c.lingering or not c.outbuf)]
        victims = reading or [c for c in conns.values() if not c.final]
        if victims:
            victim = min(victims, key=lambda c: c.accepted)
            logger.debug("Too many connections; dropping the oldest idle one")
            self._drop(sel, victim, conns)

    def _drop(self, sel: selectors.BaseSelector, conn: _Conn, conns: dict[int, _Conn]) -> None:
        conns.pop(conn.fd, None)
        with contextlib.suppress(KeyError, ValueError):
            sel.unregister(conn.sock)
        conn.sock.close()
        if conn.final and self._pending is not None:
            # Flushed, or the browser went away or never read the page: the answer counts.
            self._finish(self._pending)

    def _on_readable(
        self, sel: selectors.BaseSelector, conn: _Conn, conns: dict[int, _Conn]
    ) -> None:
        try:
            chunk = conn.sock.recv(8192)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(sel, conn, conns)
            return
        if conn.lingering:
            if not chunk:
                self._drop(sel, conn, conns)
            return
        if conn.outbuf:
            if not chunk:  # the client finished sending; keep writing the answer
                sel.modify(conn.sock, selectors.EVENT_WRITE, conn)
            return  # a body or pipelined bytes after the request: not needed
        if not chunk:
            self._drop(sel, conn, conns)
            return
        conn.inbuf += chunk
        end = -1
        for sep in (b"\r\n\r\n", b"\n\n"):
            pos = conn.inbuf.find(sep)
            if pos >= 0 and (end < 0 or pos + len(sep) < end):
                end = pos + len(sep)
        try:
            if end < 0:
                _early_check(conn.inbuf)
                return
            if end > MAX_HEADER_BYTES:
                _early_check(conn.inbuf[: MAX_HEADER_BYTES + 1])
                raise _BadRequest(431)
            request = _parse_head(conn.inbuf[:end])
        except _BadRequest as bad:
            logger.debug("Loopback: malformed request -> %d", bad.status)
            self._respond(sel, conn, _plain(bad.status))
            return
        conn.inbuf = b""
        status, payload, outcome = self._route(request)
        logger.debug(
            "Loopback: %s %s -> %d",
            _printable(request.method, 16),
            _printable(request.path),
            status,
        )
        if outcome is not None and self._pending is None:
            self._pending = outcome
            conn.final = True
            # One answer ends the sign-in: take no new connections.
            self._close_listening(sel)
        self._respond(sel, conn, payload)

    def _respond(self, sel: selectors.BaseSelector, conn: _Conn, payload: bytes) -> None:
        conn.outbuf = payload
        conn.deadline = time.monotonic() + self._connection_timeout
        sel.modify(conn.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, conn)

    def _on_writable(
        self, sel: selectors.BaseSelector, conn: _Conn, conns: dict[int, _Conn]
    ) -> None:
        try:
            sent = conn.sock.send(conn.outbuf)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(sel, conn, conns)
            return
        conn.outbuf = conn.outbuf[sent:]
        if conn.outbuf:
            return
        with contextlib.suppress(OSError):
            conn.sock.shutdown(socket.SHUT_WR)
        if conn.final:
            self._drop(sel, conn, conns)
            return
        conn.lingering = True
        conn.deadline = min(conn.deadline, time.monotonic() + _LINGER_SECONDS)
        sel.modify(conn.sock, selectors.EVENT_READ, conn)

    def _route(self, request: _Request) -> tuple[int, bytes, _Outcome | None]:
        assert self._endpoint is not None
        assert self._pages is not None
        head = request.method == "HEAD"
        if request.path != self._endpoint.path:
            return 404, _plain(404, head=head), None
        if request.method != "GET":
            return 405, _plain(405, head=head, extra=(("Allow", "GET"),)), None
        pages = self._pages
        if self._pending is not None:
            return 400, self._page(400, pages.error_page("already_finished")), None
        try:
            params = parse_qs(
                request.query, keep_blank_values=True, max_num_fields=64, errors="strict"
            )
        except ValueError:  # includes UnicodeDecodeError
            return 400, self._page(400, pages.error_page("bad_request")), None
        if any(len(params.get(name, ())) > 1 for name in ("code", "state", "error")):
            return 400, self._page(400, pages.error_page("bad_request")), None

        def one(name: str) -> str | None:
            values = params.get(name)
            return values[0] if values else None

        error, state, code = one("error"), one("state"), one("code")
        if error is None and state is None and code is None:
            return 400, self._page(400, pages.error_page("bad_request")), None
        if not self._state_matches(state):
            logger.warning(
                "Ignored an answer on the callback address whose state did not match this "
                "sign-in (state %s); still waiting",
                "missing" if not state else "different",
            )
            return 400, self._page(400, pages.error_page("state_mismatch")), None
        if error is not None:
            cls = oauth_error_class(error)
            description = one("error_description")
            failure: OAuthError = cls(
                error=error[:200],
                error_description=description[:500] if description else None,
            )
            logger.info("Box answered the sign-in with an error (%s)", type(failure).__name__)
            reason = _ERROR_MESSAGE_KEYS.get(error, "oauth_error")
            return 200, self._page(200, pages.error_page(reason, error)), failure
        if not code:
            failure = InvalidRequestError(
                translate(
                    "Loopback",
                    "Box's answer to the sign-in had no authorization code. Try signing in again.",
                ),
                error="invalid_request",
                error_description="The callback carried no code.",
            )
            return 400, self._page(400, pages.error_page("missing_code")), failure
        assert self.redirect_uri is not None
        result = CallbackResult(code=code, state=state or "", redirect_uri=self.redirect_uri)
        logger.info("Received the sign-in answer")
        return 200, self._page(200, pages.success_page()), result

    def _state_matches(self, state: str | None) -> bool:
        if not state:
            return False
        return hmac.compare_digest(state.encode("utf-8"), self._state)

    @staticmethod
    def _page(status: int, body: bytes) -> bytes:
        return _response(status, body, content_type="text/html; charset=utf-8")
