"""The loopback listener: receives Box's answer to a sign-in on this computer (RFC 8252 §7.3).

Box sends the person's browser back to one of the app's registered redirect URIs, e.g.
``http://127.0.0.1:8765/callback?code=…&state=…``. :class:`LoopbackListener` binds the first
of those URIs it can open (loopback only, never all interfaces), answers the callback with a
Box Login page and hands the code to whoever waits.

A ``localhost`` URI is bound on every loopback address the name can mean (127.0.0.1 and
[::1], and any other loopback address the system resolver gives): browsers try [::1] first,
so an address left free would let any local program take the sign-in (RFC 8252 §8.3).

It is a small single-threaded HTTP/1.x server built on :mod:`selectors`, not on
:mod:`http.server`: a silent or slow client, a favicon request, a port scanner or a flood of
junk must never hold up the real callback, and nothing it logs may carry the query string.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import html
import ipaddress
import logging
import re
import selectors
import socket
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Final
from urllib.parse import parse_qs, urlsplit

from core.errors import (
    BoxLoginError,
    InvalidRequestError,
    OAuthError,
    PortsUnavailableError,
    SignInCancelledError,
    SignInError,
    SignInTimeoutError,
    oauth_error_class,
)
from core.paths import resource_path
from core.settings import LOOPBACK_HOSTS

__all__ = [
    "PAGE_MESSAGES",
    "CallbackResult",
    "ListenerPortsUnavailableError",
    "LoopbackListener",
    "render_page",
]

logger = logging.getLogger(__name__)

#: Request line and headers together; more gets 431.
MAX_HEADER_BYTES: Final = 16 * 1024
#: Request target (path and query); more gets 414.
MAX_TARGET_BYTES: Final = 8 * 1024
MAX_HEADER_LINES: Final = 100
#: Open connections at once; beyond this the oldest one still sending its request is dropped,
#: so a crowd of silent clients cannot keep the browser's real callback out.
DEFAULT_MAX_CONNECTIONS: Final = 64
_LINGER_SECONDS: Final = 1.0

_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS: Final = (
    ("Cache-Control", "no-store"),
    ("Pragma", "no-cache"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", _CSP),
)
_REASONS: Final = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    505: "HTTP Version Not Supported",
}
_TOKEN_CHARS: Final = frozenset(
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_VERSION_RE: Final = re.compile(rb"HTTP/(\d)\.(\d)")
_ERROR_CODE_RE: Final = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_PLACEHOLDER_RE: Final = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
#: Placeholders filled with trusted markup from resources/, not escaped.
_RAW_PLACEHOLDERS: Final = frozenset({"css"})

_WSAEACCES: Final = 10013
_WSAEADDRINUSE: Final = 10048
_PORT_TAKEN_CODES: Final = frozenset({errno.EADDRINUSE, _WSAEADDRINUSE})
_ACCESS_DENIED_CODES: Final = frozenset({errno.EACCES, errno.EPERM, _WSAEACCES})
_WSAEADDRNOTAVAIL: Final = 10049
_WSAEAFNOSUPPORT: Final = 10047
#: The machine has no such address (or no IPv6 at all): nobody can listen there, so nobody
#: can take a sign-in sent there either.
_NO_SUCH_ADDRESS_CODES: Final = frozenset(
    {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, _WSAEADDRNOTAVAIL, _WSAEAFNOSUPPORT}
)

# --- pages -----------------------------------------------------------------------------

#: Every string a person sees on the callback pages. A translator edits this one table
#: (``lang`` and ``dir`` included); the templates in resources/ hold only markup.
PAGE_MESSAGES: Final[Mapping[str, str]] = {
    "lang": "en",
    "dir": "ltr",
    "app_name": "Box Login",
    "close_tab": "You can close this tab and return to Box Login.",
    "success_title": "Signed in \u2013 Box Login",
    "success_headline": "You\u2019re signed in to Box",
    "success_body": "Box Login received your sign-in and is finishing up.",
    "error_title": "Sign-in didn\u2019t finish \u2013 Box Login",
    "error_headline": "Sign-in didn\u2019t finish",
    "details_label": "Box said:",
    "reason_access_denied": "You chose not to give Box Login access to your Box account.",
    "todo_access_denied": "If that was a mistake, go back to Box Login and sign in again.",
    "reason_state_mismatch": (
        "This answer did not belong to your sign-in, so Box Login ignored it."
    ),
    "todo_state_mismatch": (
        "If you are signing in, go back to Box Login and finish there. "
        "If you did not start a sign-in, you can ignore this page."
    ),
    "reason_missing_code": (
        "Box\u2019s answer was incomplete, so Box Login could not finish signing you in."
    ),
    "todo_missing_code": "Go back to Box Login and sign in again.",
    "reason_config_error": "Box did not accept how this app is set up.",
    "todo_config_error": (
        "Ask whoever gave you Box Login, or your Box administrator, to check the app\u2019s "
        "settings."
    ),
    "reason_server_error": "Box is having trouble right now.",
    "todo_server_error": "Wait a minute, then go back to Box Login and sign in again.",
    "reason_oauth_error": "Box could not sign you in.",
    "todo_oauth_error": (
        "Go back to Box Login and try again. If it keeps happening, ask whoever gave you "
        "the app for help."
    ),
    "reason_bad_request": "This page was opened with an address that is not a sign-in answer.",
    "todo_bad_request": "Go back to Box Login and sign in from there.",
    "reason_already_finished": "This sign-in has already finished.",
    "todo_already_finished": "Go back to Box Login to continue.",
}

_ERROR_MESSAGE_KEYS: Final = {
    "access_denied": "access_denied",
    "invalid_client": "config_error",
    "unauthorized_client": "config_error",
    "invalid_scope": "config_error",
    "redirect_uri_mismatch": "config_error",
    "unsupported_response_type": "config_error",
    "server_error": "server_error",
    "temporarily_unavailable": "server_error",
}

_FALLBACK_TEMPLATE: Final = (
    '<!DOCTYPE html><html lang="{{lang}}" dir="{{dir}}"><head><meta charset="utf-8">'
    "<title>{{title}}</title></head><body><h1>{{headline}}</h1><p>{{body}}</p>"
    "<p>{{todo}}</p><p>{{close_tab}}</p></body></html>"
)


def render_page(template: str, values: Mapping[str, str]) -> bytes:
    """Fill ``{{name}}`` placeholders with HTML-escaped ``values``; UTF-8 bytes.

    ``{{css}}`` takes trusted markup verbatim. A placeholder without a value becomes empty,
    so a partial translation table still gives a working page.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name, "")
        return value if name in _RAW_PLACEHOLDERS else html.escape(value, quote=True)

    return _PLACEHOLDER_RE.sub(fill, template).encode("utf-8")


def _read_resource(name: str) -> str | None:
    try:
        return resource_path(name).read_text(encoding="utf-8")
    except OSError as exc:
        logger.error("Could not read the page resource %s: %s", name, exc.strerror)
        return None


@dataclass(frozen=True)
class _Pages:
    success: str
    error: str
    css: str
    messages: Mapping[str, str]

    @classmethod
    def load(cls, messages: Mapping[str, str] | None) -> _Pages:
        table = dict(PAGE_MESSAGES)
        if messages:
            table.update(messages)
        return cls(
            success=_read_resource("callback_success.html") or _FALLBACK_TEMPLATE,
            error=_read_resource("callback_error.html") or _FALLBACK_TEMPLATE,
            css=_read_resource("pages.css") or "",
            messages=table,
        )

    def success_page(self) -> bytes:
        m = self.messages
        values = {
            **m,
            "css": self.css,
            "title": m["success_title"],
            "headline": m["success_headline"],
            "body": m["success_body"],
            "todo": "",
        }
        return render_page(self.success, values)

    def error_page(self, reason: str, box_error: str | None = None) -> bytes:
        m = self.messages
        details = ""
        if box_error and _ERROR_CODE_RE.fullmatch(box_error):
            details = box_error
        values = {
            **m,
            "css": self.css,
            "title": m["error_title"],
            "headline": m["error_headline"],
            "body": m.get(f"reason_{reason}", ""),
            "todo": m.get(f"todo_{reason}", ""),
            "details": details,
            "details_label": m["details_label"] if details else "",
            "details_class": "" if details else "is-empty",
        }
        return render_page(self.error, values)


# --- results and errors ----------------------------------------------------------------


@dataclass(frozen=True)
class CallbackResult:
    """What a good callback carried: the authorization code, its state and where it came."""

    code: str = field(repr=False)
    state: str = field(repr=False)
    redirect_uri: str


class ListenerPortsUnavailableError(PortsUnavailableError):
    """Box Login could not open any of its registered return addresses on this computer."""

    def __init__(
        self,
        message: str | None = None,
        *,
        hint: str | None = None,
        ports: Sequence[int] = (),
        attempts: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message, hint=hint)
        #: The ports Box Login tried to open, in order.
        self.ports: tuple[int, ...] = tuple(ports)
        #: (redirect URI, why it could not be used), one per configured URI.
        self.attempts: tuple[tuple[str, str], ...] = tuple(attempts)

    def details(self) -> str:
        lines = [type(self).__name__]
        lines.extend(f"{uri}: {why}" for uri, why in self.attempts)
        return "\n".join(lines)


def _word_list(items: Sequence[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _ports_error(ports: Sequence[int], attempts: Sequence[tuple[str, str]]) -> BoxLoginError:
    if not ports:
        return ListenerPortsUnavailableError(
            "None of Box Login's redirect URIs is an address on this computer "
            "(http://127.0.0.1:PORT/…, http://localhost:PORT/… or http://[::1]:PORT/…).",
            hint=(
                "Ask whoever administers the Box app to register a redirect URI such as "
                "http://127.0.0.1:8765/callback and add it to Box Login's settings."
            ),
            attempts=attempts,
        )
    names = [str(p) for p in ports]
    plural = "s" if len(names) > 1 else ""
    return ListenerPortsUnavailableError(
        f"Box Login could not open any of its registered return addresses on this computer "
        f"(tried port{plural} {_word_list(names)}).",
        hint=(
            f"Close the program that is using port{plural} {_word_list(names, 'or')} and try "
            f"again, or ask whoever administers the Box app to register another redirect URI "
            f"(for example http://127.0.0.1:{ports[-1] + 1}/callback) and add it to Box "
            f"Login's settings."
        ),
        ports=ports,
        attempts=attempts,
    )


# --- redirect URIs and sockets ---------------------------------------------------------


_Address = tuple[socket.AddressFamily, str]
_IPV4_LOOPBACK: Final[_Address] = (socket.AF_INET, "127.0.0.1")
_IPV6_LOOPBACK: Final[_Address] = (socket.AF_INET6, "::1")


@dataclass(frozen=True)
class _Endpoint:
    uri: str
    #: The redirect URI's host, lower case: ``127.0.0.1``, ``localhost`` or ``::1``.
    host: str
    port: int
    path: str

    @property
    def is_localhost(self) -> bool:
        """A name, not an address: the browser picks which loopback address it means."""
        return self.host == "localhost"

    @property
    def display_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host


def _parse_redirect_uri(uri: str) -> _Endpoint | str:
    """The endpoint to bind for ``uri``, or why it cannot be received here."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return "not a valid address"
    if parts.scheme.lower() != "http":
        return "not a plain http:// address, so it cannot be received on this computer"
    host = (parts.hostname or "").lower()
    if host not in LOOPBACK_HOSTS:
        return "not a loopback address (127.0.0.1, localhost or [::1])"
    if parts.username is not None or parts.password is not None or parts.fragment:
        return "not a valid redirect URI (user name or fragment)"
    if port == 0:
        return "has port 0; Box needs a fixed port"
    return _Endpoint(uri, host, 80 if port is None else port, parts.path or "/")


def _resolved_loopback_addresses(name: str) -> list[_Address]:
    """The loopback addresses the system resolver gives for ``name``, in its order.

    Anything that is not a loopback address is dropped: whatever the hosts file says, Box
    Login never listens beyond this computer. A resolver failure gives no addresses (the
    caller binds the standard ones regardless).
    """
    try:
        infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[_Address] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        host = str(sockaddr[0])
        try:
            address = ipaddress.ip_address(host)
        except ValueError:  # e.g. a scoped IPv6 address: never loopback
            continue
        if not address.is_loopback:
            logger.debug("Ignoring %s for %s: not a loopback address", _printable(host), name)
            continue
        entry = (socket.AddressFamily(family), address.compressed)
        if entry not in found:
            found.append(entry)
    return found


def _listen_addresses(ep: _Endpoint) -> list[_Address]:
    """Every address ``ep`` must be listened on, the URI's "main" one first.

    An address literal means just that address. ``localhost`` means whatever the browser
    makes of it: Chromium (so the sign-in window and most people's browsers) connects to
    [::1] before 127.0.0.1 even where the hosts file names only 127.0.0.1, and other
    browsers follow the system resolver. Any of those left unbound could be taken by another
    program on this computer, which would then receive the authorization code.
    """
    if ep.host == "::1":
        return [_IPV6_LOOPBACK]
    if not ep.is_localhost:
        return [_IPV4_LOOPBACK]
    addresses = [_IPV4_LOOPBACK]
    if socket.has_ipv6:
        addresses.append(_IPV6_LOOPBACK)
    for extra in _resolved_loopback_addresses(ep.host):
        if extra not in addresses and (extra[0] == socket.AF_INET or socket.has_ipv6):
            addresses.append(extra)
    return addresses


class _BindError(OSError):
    """One address of an endpoint could not be bound; says which (for the log line)."""

    def __init__(self, address: _Address, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.address = address
        self.cause = cause


def _no_such_address(exc: OSError) -> bool:
    return bool({exc.errno, getattr(exc, "winerror", None)} & _NO_SUCH_ADDRESS_CODES)


def _bind_failure(exc: OSError) -> str:
    if isinstance(exc, _BindError):
        exc = exc.cause
    codes = {exc.errno, getattr(exc, "winerror", None)}
    if codes & _PORT_TAKEN_CODES:
        return "port in use by another program"
    if codes & _ACCESS_DENIED_CODES:
        return "access to the port denied (reserved or privileged)"
    if codes & _NO_SUCH_ADDRESS_CODES:
        return "this computer has no such loopback address"
    return f"could not be opened ({exc.strerror or type(exc).__name__})"


def _bind_one(address: _Address, port: int) -> socket.socket:
    family, host = address
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":
            # Without this another program could bind the same port on Windows and steal
            # the callback; SO_REUSEADDR there would allow exactly that, so never set it.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # POSIX: only lets us rebind over TIME_WAIT leftovers of an earlier sign-in.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            # [::1] only: the IPv4 side is its own socket, so each address fails on its own.
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _open_listening_socket(ep: _Endpoint) -> list[socket.socket]:
    """Listening sockets on every address of ``ep`` (see :func:`_listen_addresses`).

    All or nothing: when one address is taken (another program listens there, or the port is
    reserved), the others are closed and :class:`_BindError` is raised, so the caller moves
    to the next redirect URI. A browser would otherwise reach that other program. The one
    failure skipped is an address this computer does not have for a ``localhost`` URI (no
    IPv6, say): nobody can listen there, so no sign-in can be sent there.
    """
    opened: list[socket.socket] = []
    last_missing: _BindError | None = None
    try:
        for address in _listen_addresses(ep):
            try:
                opened.append(_bind_one(address, ep.port))
            except OSError as exc:
                failure = _BindError(address, exc)
                if not (ep.is_localhost and _no_such_address(exc)):
                    raise failure from exc
                logger.debug(
                    "No %s on this computer; not listening there for %s",
                    address[1],
                    ep.display_host,
                )
                last_missing = failure
    except BaseException:
        for sock in opened:
            sock.close()
        raise
    if not opened:
        assert last_missing is not None  # _listen_addresses never returns an empty list
        raise last_missing
    return opened


# --- HTTP ------------------------------------------------------------------------------


def _response(
    status: int,
    body: bytes,
    *,
    content_type: str = "text/plain; charset=utf-8",
    head: bool = False,
    extra: Sequence[tuple[str, str]] = (),
) -> bytes:
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in (*_SECURITY_HEADERS, *extra)),
    ]
    head_bytes = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    return head_bytes if head else head_bytes + body


def _plain(status: int, *, head: bool = False, extra: Sequence[tuple[str, str]] = ()) -> bytes:
    text = f"{status} {_REASONS.get(status, 'Error')}\n".encode("ascii")
    return _response(status, text, head=head, extra=extra)


def _printable(text: str, limit: int = 80) -> str:
    """A piece of a request safe to put in a log line: no control characters, short."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return cleaned + ("…" if len(text) > limit else "")


class _BadRequest(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    query: str


def _early_check(buf: bytes) -> None:
    """Reject a request that cannot become valid HTTP before it is complete."""
    start = buf.lstrip(b"\r\n")
    method_end = start.find(b" ")
    method = start if method_end < 0 else start[:method_end]
    if len(method) > 16 or any(b not in _TOKEN_CHARS for b in method) or method_end == 0:
        raise _BadRequest(400)
    line_end = start.find(b"\n")
    if line_end < 0 and len(start) > MAX_TARGET_BYTES + 32:
        raise _BadRequest(414)
    if len(buf) > MAX_HEADER_BYTES:
        raise _BadRequest(414 if line_end < 0 else 431)


def _parse_head(head: bytes) -> _Request:
    lines = head.lstrip(b"\r\n").split(b"\n")
    request_line = lines[0].rstrip(b"\r")
    parts = request_line.split(b" ")
    if len(parts) != 3 or not parts[0] or any(b not in _TOKEN_CHARS for b in parts[0]):
        raise _BadRequest(400)
    raw_method, target, version = parts
    match = _VERSION_RE.fullmatch(version)
    if match is None:
        raise _BadRequest(400)
    if match.group(1) != b"1":
        raise _BadRequest(505)
    if len(target) > MAX_TARGET_BYTES:
        raise _BadRequest(414)
    if not target or any(b < 0x21 or b > 0x7E for b in target):
        raise _BadRequest(400)
    header_lines = [line.rstrip(b"\r") for line in lines[1:]]
    header_lines = [line for line in header_lines if line]
    if len(header_lines) > MAX_HEADER_LINES:
        raise _BadRequest(431)
    for line in header_lines:
        name, colon, _value = line.partition(b":")
        if not colon or not name or any(b not in _TOKEN_CHARS for b in name):
            raise _BadRequest(400)
    text = target.decode("ascii")
    if text.startswith("/"):
        path, _, query = text.partition("?")
        path = path.partition("#")[0]
        query = query.partition("#")[0]
    elif text.lower().startswith("http://"):
        try:
            split = urlsplit(text)
        except ValueError:
            raise _BadRequest(400) from None
        path, query = split.path or "/", split.query
    else:
        # "*" (OPTIONS), CONNECT's host:port, https://…: never the callback. Drop any query
        # so that it cannot reach a log line.
        path, query = text.partition("?")[0], ""
    return _Request(raw_method.decode("ascii"), path, query)


# --- the listener ----------------------------------------------------------------------


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
            raise SignInError("The sign-in listener stopped unexpectedly.")
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
            self._finish(SignInError("The sign-in listener stopped unexpectedly. Try again."))
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
                "Box's answer to the sign-in had no authorization code. Try signing in again.",
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
