"""A local server that behaves like Box's OAuth 2.0 endpoints, for the demo mode and the tests.

It reproduces what ``shared/BOX-OAUTH.md`` describes: the authorize page (log in, then grant or
deny), exact redirect URI matching, the token endpoint for all five grant types with Box's
error bodies, revoke, and ``GET /2.0/users/me``. It binds 127.0.0.1 only, speaks HTTP/1.1
keep-alive with ``TCP_NODELAY`` set, and lets tests inject faults, delays and expiry.

Standard library only; PyJWT and cryptography are imported when a JWT assertion arrives, and
``requests`` only by :func:`complete_authorization`.
"""

from __future__ import annotations

import contextlib
import functools
import hmac
import html
import http.server
import json
import logging
import re
import secrets
import socket
import string
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from core.errors import BoxLoginError
from core.paths import resource_path

if TYPE_CHECKING:
    from core.oauth import BaseUrls

__all__ = [
    "DEMO_USER",
    "RecordedRequest",
    "SandboxError",
    "SandboxServer",
    "SandboxUser",
    "complete_authorization",
]

logger = logging.getLogger(__name__)

AUTHORIZE_PATH = "/api/oauth2/authorize"
TOKEN_PATH = "/oauth2/token"
REVOKE_PATH = "/oauth2/revoke"
USERS_ME_PATH = "/2.0/users/me"

GRANT_AUTHORIZATION_CODE = "authorization_code"
GRANT_REFRESH_TOKEN = "refresh_token"
GRANT_CLIENT_CREDENTIALS = "client_credentials"
GRANT_JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token"
JWT_AUDIENCE = "https://api.box.com/oauth2/token"
JWT_ALGORITHMS = ("RS256", "RS384", "RS512")

DESC_INVALID_CLIENT = "The client credentials are invalid"
DESC_BAD_GRANT_TYPE = "Invalid grant_type parameter or parameter missing"
DESC_BAD_CODE = "Auth code doesn't exist or is invalid for the client"
DESC_CODE_EXPIRED = "The authorization code has expired."
DESC_BAD_REFRESH = "Invalid refresh token"
DESC_REFRESH_EXPIRED = "Refresh token has expired"
DESC_NOT_AUTHORIZED = "This app is not authorized by the enterprise admin."
DESC_BAD_GRANT_CREDENTIALS = "Grant credentials are invalid"
DESC_DENIED = "The user denied access to your application"
DESC_INVALID_TOKEN = "The access token provided is invalid."

#: What the consent page says for each scope Box knows (unknown scopes are refused).
SCOPE_DESCRIPTIONS: dict[str, str] = {
    "root_readwrite": "Read and write all files and folders stored in Box",
    "root_readonly": "Read all files and folders stored in Box",
    "manage_managed_users": "Manage users",
    "manage_app_users": "Manage app users",
    "manage_groups": "Manage groups",
    "manage_webhook": "Manage webhooks",
    "manage_enterprise_properties": "Manage enterprise properties",
    "manage_data_retention": "Manage retention policies",
    "manage_legal_hold": "Manage legal holds",
    "manage_triggers": "Manage Box Relay",
    "sign_requests.readwrite": "Manage signature requests",
    "ai.readwrite": "Use Box AI",
    "item_preview": "Preview files",
    "item_download": "Download files and folders",
    "item_upload": "Upload files",
    "item_share": "Share files and folders",
    "item_delete": "Delete files and folders",
    "item_rename": "Rename files and folders",
    "item_comment": "Comment on files",
    "item_read": "Read files and folders",
    "item_readwrite": "Read and write files and folders",
    "base_preview": "Use Box UI Elements to preview",
    "base_upload": "Use Box UI Elements to upload",
    "base_explorer": "Use Box UI Elements to explore",
    "base_picker": "Use Box UI Elements to pick",
    "base_sidebar": "Use Box UI Elements sidebar",
    "annotation_edit": "Edit annotations",
    "annotation_view_all": "View all annotations",
    "annotation_view_self": "View your own annotations",
}

_RESOURCE_RE = re.compile(r"^/2\.0/(files|folders)/(\d+)/?$")
_MAX_BODY = 1024 * 1024
_PAGE_LIFETIME = 600.0
_REQUEST_ID_BYTES = 8


class SandboxError(BoxLoginError):
    """The Box sandbox could not do what was asked."""

    exit_code = 3


@dataclass(frozen=True)
class SandboxUser:
    """A person who can sign in to the sandbox."""

    id: str
    name: str
    login: str
    password: str = field(repr=False, default="")


#: The demo account shown on the sandbox's sign-in page.
DEMO_USER = SandboxUser(
    id="20000001", name="Ada Lovelace", login="ada@example.com", password="demo"
)


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the sandbox received it (kept in memory for wire tests only).

    ``form`` keeps the field order of the body; ``body`` is the raw body; ``query`` holds the
    query string's fields.
    """

    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)


@dataclass
class _Fault:
    status: int
    body: dict[str, Any] | str | None
    headers: dict[str, str]
    delay: float
    times: int


@dataclass
class _Grant:
    """One sign-in (or one machine token): its refresh token and access tokens die together."""

    id: int
    kind: str
    client_id: str
    user: SandboxUser
    scope: str
    refresh_token: str | None = None
    access_tokens: set[str] = field(default_factory=set)
    alive: bool = True


@dataclass
class _AccessRecord:
    grant_id: int
    expires_at: float
    scope: str
    restricted_to: list[dict[str, Any]]
    active: bool = True


@dataclass
class _RefreshRecord:
    grant_id: int
    expires_at: float
    active: bool = True


@dataclass
class _CodeRecord:
    client_id: str
    redirect_uri: str
    user: SandboxUser
    scope: str
    expires_at: float
    used: bool = False


@dataclass
class _PendingPage:
    """A login or consent page handed out; its CSRF token is the key and is single-use."""

    params: dict[str, str]
    redirect_uri: str
    expires_at: float
    user: SandboxUser | None = None


class _OAuthFailure(Exception):
    """An OAuth error answer of the token or revoke endpoint."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description


class _AuthorizeFailure(Exception):
    """A problem with an authorize request that Box shows as a page, not a redirect."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(error)
        self.error = error
        self.description = description


@functools.cache
def _template(name: str) -> string.Template:
    return string.Template(resource_path(name).read_text(encoding="utf-8"))


@functools.cache
def _css() -> str:
    return resource_path("sandbox.css").read_text(encoding="utf-8")


def _is_loopback_host(host: str | None) -> bool:
    return (host or "").lower() in ("localhost", "127.0.0.1", "::1")


def _append_query(url: str, params: Sequence[tuple[str, str]]) -> str:
    """``url`` with ``params`` added after any query it already has."""
    parts = urllib.parse.urlsplit(url)
    extra = urllib.parse.urlencode(list(params))
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _first_values(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


class _HTTPServer(http.server.ThreadingHTTPServer):
    """Threading server that sets TCP_NODELAY and can close idle keep-alive connections."""

    daemon_threads = True
    block_on_close = False
    sandbox: SandboxServer

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        # Without this every small response waits for the client's delayed ACK (~40 ms).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.connections_lock:
            self.open_connections.add(sock)
        hook = self.sandbox.connection_hook
        if hook is not None:
            hook(sock)
        return sock, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-request is normal here (timeouts, dropped faults);
        # the default prints a traceback to stderr.
        error = sys.exc_info()[1]
        logger.debug("sandbox: a connection ended abruptly (%s)", type(error).__name__)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.open_connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.open_connections)
            self.open_connections.clear()
        for sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Hands each request to the sandbox; speaks HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    server_version = "BoxSandbox/1.0"
    # An idle keep-alive connection gives up after this long.
    timeout = 60.0
    server: _HTTPServer

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self.server.sandbox._handle(self)

    def do_POST(self) -> None:
        self.server.sandbox._handle(self)

    def do_PUT(self) -> None:
        self.server.sandbox._handle(self)

    def do_DELETE(self) -> None:
        self.server.sandbox._handle(self)

    def do_HEAD(self) -> None:
        self.server.sandbox._handle(self)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Method and path only: the query may hold a code or state.
        path = urllib.parse.urlsplit(self.path).path if hasattr(self, "path") else "?"
        logger.debug("sandbox %s %s -> %s", getattr(self, "command", "?"), path, code)

    def log_error(self, format: str, *args: Any) -> None:
        logger.debug("sandbox connection problem")

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Response:
    """What a route answers; written by the sandbox with Content-Length and common headers."""

    def __init__(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = dict(headers or {})


def _json_response(status: int, data: Any, headers: Mapping[str, str] | None = None) -> _Response:
    body = json.dumps(data, separators=(",", ":")).encode()
    return _Response(status, body, "application/json", headers)


def _oauth_error(status: int, error: str, description: str) -> _Response:
    return _json_response(
        status,
        {"error": error, "error_description": description},
        {"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # No form-action: Chromium applies it to the redirect after the form, which goes to the
    # app's loopback address.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
}


def _html_response(status: int, page: str) -> _Response:
    return _Response(status, page.encode("utf-8"), "text/html; charset=utf-8", _PAGE_HEADERS)


class SandboxServer:
    """A Box look-alike on 127.0.0.1 for the demo mode and the tests.

    Use as a context manager or call :meth:`start` / :meth:`stop`. All inspection and fault
    methods are thread-safe. Times come from ``clock`` so tests can move time forward.
    """

    DEFAULT_CLIENT_ID = "sandbox-client-id"
    DEFAULT_CLIENT_SECRET = "sandbox-client-secret"
    DEFAULT_REDIRECT_URIS = (
        "http://127.0.0.1:8765/callback",
        "http://127.0.0.1:8766/callback",
        "http://127.0.0.1:8767/callback",
    )

    def __init__(
        self,
        *,
        port: int = 0,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        redirect_uris: Sequence[str] = DEFAULT_REDIRECT_URIS,
        users: Sequence[SandboxUser] = (DEMO_USER,),
        enterprise_id: str = "1000001",
        jwt_public_keys: Mapping[str, str] | None = None,
        code_lifetime: float = 30.0,
        access_token_lifetime: int = 3600,
        refresh_token_lifetime: float = 60 * 24 * 3600.0,
        app_name: str = "Box Login",
        app_scopes: Sequence[str] = ("root_readwrite",),
        show_demo_hint: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.port = port
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = tuple(redirect_uris)
        self.users = tuple(users)
        self.enterprise_id = enterprise_id
        self.jwt_public_keys = dict(jwt_public_keys or {})
        self.code_lifetime = code_lifetime
        self.access_token_lifetime = access_token_lifetime
        self.refresh_token_lifetime = refresh_token_lifetime
        self.app_name = app_name
        self.app_scopes = tuple(app_scopes)
        self.show_demo_hint = show_demo_hint
        self.clock = clock
        #: The user behind enterprise (service account) tokens from CCG and JWT.
        self.service_account = SandboxUser(
            id="30000001",
            name="Box Login Sandbox Service Account",
            login=f"AutomationUser_{enterprise_id}_sandbox@boxdevedition.com",
        )
        #: Test hook: called with each accepted server-side socket (e.g. to read its options).
        self.connection_hook: Callable[[socket.socket], None] | None = None

        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._pages: dict[str, str] = {}
        self._reset_state()

    # --- lifecycle -----------------------------------------------------------------------

    def _reset_state(self) -> None:
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        self._grant_counts: dict[str, int] = {}
        self._requests: list[RecordedRequest] = []
        self._grants: dict[int, _Grant] = {}
        self._access: dict[str, _AccessRecord] = {}
        self._refresh: dict[str, _RefreshRecord] = {}
        self._codes: dict[str, _CodeRecord] = {}
        self._pending: dict[str, _PendingPage] = {}
        self._jtis: dict[str, float] = {}
        self._next_grant_id = 1

    def start(self) -> SandboxServer:
        """Bind 127.0.0.1 and serve in a daemon thread; returns self."""
        if self._server is not None:
            return self
        try:
            server = _HTTPServer(("127.0.0.1", self.port), self)
        except OSError as exc:
            raise SandboxError(
                f"The Box sandbox could not use port {self.port} on 127.0.0.1: "
                f"{exc.strerror or exc}.",
                hint="Choose another port with --port, or 0 for any free port.",
            ) from exc
        self._stopping.clear()
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"box-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        logger.debug("sandbox listening on 127.0.0.1:%s", self.port)
        return self

    def stop(self) -> None:
        """Stop serving and close every connection, including idle keep-alive ones."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping in an injected delay
        server.shutdown()
        server.server_close()
        server.close_connections()
        if thread is not None:
            thread.join(timeout=5.0)
        self._server = None
        self._thread = None
        logger.debug("sandbox on port %s stopped", self.port)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """True while the server accepts connections."""
        return self._server is not None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (the port is known after :meth:`start`)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def server_address(self) -> tuple[str, int]:
        """The address the listening socket is bound to."""
        if self._server is None:
            raise SandboxError("The Box sandbox is not running.")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def base_urls(self) -> BaseUrls:
        """``core.oauth.BaseUrls`` pointing at this sandbox."""
        from core.oauth import BaseUrls

        return BaseUrls(base_url=self.url, oauth_2_url=self.url + "/api/oauth2")

    @property
    def authorize_endpoint(self) -> str:
        """The full URL of the authorize page."""
        return self.url + AUTHORIZE_PATH

    def client_settings(self) -> dict[str, Any]:
        """A settings-file JSON object (Box Login's settings keys) for this sandbox."""
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "redirect_uris": list(self.redirect_uris),
            "base_url": self.url,
            "oauth_2_url": self.url + "/api/oauth2",
        }

    # --- test and fault API --------------------------------------------------------------

    def inject_fault(
        self,
        path: str,
        *,
        status: int,
        body: dict[str, Any] | str | None = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests to ``path`` with this instead of the real answer.

        Faults on one path queue up in order, so several calls make a status sequence. The
        real handler does not run (a single-use token is not consumed). ``status=0`` closes
        the connection without answering. ``body``: dict → JSON, str → sent as is
        (``text/plain`` unless ``headers`` name a Content-Type), None → empty.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        fault = _Fault(status, body, dict(headers or {}), delay, times)
        with self._lock:
            self._faults.setdefault(path, []).append(fault)

    def set_delay(self, path: str, seconds: float) -> None:
        """Delay every answer on ``path`` by ``seconds`` (0 removes the delay)."""
        with self._lock:
            if seconds > 0:
                self._delays[path] = seconds
            else:
                self._delays.pop(path, None)

    def add_page(self, path: str, page_html: str) -> None:
        """Serve ``page_html`` at GET ``path`` (for GUI tests that need extra pages)."""
        with self._lock:
            self._pages[path] = page_html

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far expired (not revoked)."""
        now = self.clock()
        with self._lock:
            for record in self._access.values():
                record.expires_at = min(record.expires_at, now - 1)

    def expire_refresh_tokens(self) -> None:
        """Make every refresh token issued so far expired."""
        now = self.clock()
        with self._lock:
            for record in self._refresh.values():
                record.expires_at = min(record.expires_at, now - 1)

    def expire_codes(self) -> None:
        """Make every authorization code issued so far expired."""
        now = self.clock()
        with self._lock:
            for record in self._codes.values():
                record.expires_at = min(record.expires_at, now - 1)

    def is_access_token_active(self, token: str) -> bool:
        """True when ``token`` would be accepted by ``/2.0/users/me`` now."""
        with self._lock:
            return self._live_access(token) is not None

    def is_refresh_token_active(self, token: str) -> bool:
        """True when ``token`` would be accepted by the refresh grant now."""
        with self._lock:
            record = self._refresh.get(token)
            return bool(record and record.active and record.expires_at > self.clock())

    def grant_count(self, grant_type: str) -> int:
        """How many token POSTs named ``grant_type`` arrived (answered, failed or faulted)."""
        with self._lock:
            return self._grant_counts.get(grant_type, 0)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of every request received so far, in order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The recorded requests whose path is ``path``."""
        return [r for r in self.requests if r.path == path]

    def reset(self) -> None:
        """Forget faults, delays, counters, recorded requests, codes and tokens; keep config."""
        with self._lock:
            self._reset_state()

    # --- request dispatch ----------------------------------------------------------------

    def _handle(self, handler: _Handler) -> None:
        split = urllib.parse.urlsplit(handler.path)
        path = split.path
        query = _first_values(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        body = b""
        length_header = handler.headers.get("Content-Length")
        if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self._send(handler, _json_response(411, {"error": "invalid_request"}), close=True)
            return
        if length_header:
            try:
                length = int(length_header)
            except ValueError:
                length = -1
            if length < 0 or length > _MAX_BODY:
                self._send(handler, _json_response(413, {"error": "invalid_request"}), close=True)
                return
            body = handler.rfile.read(length)
        content_type = handler.headers.get("Content-Type", "")
        form: dict[str, str] = {}
        is_form = content_type.split(";")[0].strip().lower() == (
            "application/x-www-form-urlencoded"
        )
        if is_form:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                text = ""
            form = _first_values(urllib.parse.parse_qsl(text, keep_blank_values=True))
        record = RecordedRequest(
            method=handler.command,
            path=path,
            headers={k: v for k, v in handler.headers.items()},
            form=form,
            query=query,
            body=body,
        )
        with self._lock:
            self._requests.append(record)
            if handler.command == "POST" and path == TOKEN_PATH:
                grant_type = form.get("grant_type", "")
                self._grant_counts[grant_type] = self._grant_counts.get(grant_type, 0) + 1
            fault = self._take_fault(path)
            delay = self._delays.get(path, 0.0)
        if delay > 0 and self._stopping.wait(delay):
            return
        if fault is not None:
            if fault.delay > 0 and self._stopping.wait(fault.delay):
                return
            if fault.status == 0:
                handler.close_connection = True
                with contextlib.suppress(OSError):
                    handler.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(handler, self._fault_response(fault))
            return
        try:
            response = self._route(handler.command, path, query, form, is_form, handler)
        except Exception:
            logger.exception("sandbox failed on %s %s", handler.command, path)
            response = _json_response(
                500, {"type": "error", "status": 500, "code": "internal_server_error"}
            )
        self._send(handler, response)

    def _take_fault(self, path: str) -> _Fault | None:
        queue = self._faults.get(path)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    @staticmethod
    def _fault_response(fault: _Fault) -> _Response:
        headers = dict(fault.headers)
        content_type = next(
            (headers.pop(k) for k in list(headers) if k.lower() == "content-type"), None
        )
        if isinstance(fault.body, dict):
            body = json.dumps(fault.body).encode()
            content_type = content_type or "application/json"
        elif isinstance(fault.body, str):
            body = fault.body.encode("utf-8")
            content_type = content_type or "text/plain; charset=utf-8"
        else:
            body = b""
        return _Response(fault.status, body, content_type, headers)

    def _send(self, handler: _Handler, response: _Response, *, close: bool = False) -> None:
        try:
            handler.send_response(response.status)
            handler.send_header("box-request-id", secrets.token_hex(_REQUEST_ID_BYTES))
            if response.content_type:
                handler.send_header("Content-Type", response.content_type)
            for name, value in response.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(response.body)))
            if close:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(response.body)
            handler.wfile.flush()
        except OSError:
            handler.close_connection = True

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        form: dict[str, str],
        is_form: bool,
        handler: _Handler,
    ) -> _Response:
        with self._lock:
            page = self._pages.get(path)
        if page is not None and method in ("GET", "HEAD"):
            return _html_response(200, page)
        if path == AUTHORIZE_PATH:
            if method in ("GET", "HEAD"):
                return self._authorize_get(query)
            if method == "POST":
                return self._authorize_post(form)
        elif path == TOKEN_PATH:
            if method == "POST":
                return self._token(form, is_form)
        elif path == REVOKE_PATH:
            if method == "POST":
                return self._revoke(form, is_form)
        elif path == USERS_ME_PATH:
            if method in ("GET", "HEAD"):
                return self._users_me(handler.headers.get("Authorization", ""))
        else:
            return _json_response(
                404,
                {"type": "error", "status": 404, "code": "not_found", "message": "Not Found"},
            )
        return _json_response(
            405,
            {
                "type": "error",
                "status": 405,
                "code": "method_not_allowed",
                "message": "Method Not Allowed",
            },
            {"Allow": "POST" if path in (TOKEN_PATH, REVOKE_PATH) else "GET, POST"},
        )

    # --- authorize pages -----------------------------------------------------------------

    def _validate_authorize(self, params: Mapping[str, str]) -> str:
        """Check an authorize request like Box; returns the redirect URI to answer to."""
        client_id = params.get("client_id", "")
        if not client_id:
            raise _AuthorizeFailure("invalid_request", "The client_id parameter is missing.")
        if not hmac.compare_digest(client_id.encode(), self.client_id.encode()):
            raise _AuthorizeFailure("invalid_client", "The client ID is not valid.")
        response_type = params.get("response_type", "")
        if response_type != "code":
            raise _AuthorizeFailure(
                "unsupported_response_type",
                "The response_type parameter must be \u201ccode\u201d.",
            )
        redirect_uri = params.get("redirect_uri")
        if redirect_uri is None or redirect_uri == "":
            if len(self.redirect_uris) == 1:
                redirect_uri = self.redirect_uris[0]
            elif not self.redirect_uris:
                raise _AuthorizeFailure(
                    "redirect_uri_mismatch", "The application has no redirect URI configured."
                )
            else:
                raise _AuthorizeFailure(
                    "redirect_uri_missing",
                    "The application has several redirect URIs configured, so the request "
                    "must name one with the redirect_uri parameter.",
                )
        parts = urllib.parse.urlsplit(redirect_uri)
        scheme = parts.scheme.lower()
        try:
            host = parts.hostname
        except ValueError:
            host = None
        if scheme not in ("http", "https") or not host or parts.fragment:
            raise _AuthorizeFailure("invalid_request", "The redirect_uri parameter is not valid.")
        if scheme == "http" and not _is_loopback_host(host):
            raise _AuthorizeFailure(
                "invalid_request",
                "The redirect URI must use HTTPS unless it points to this computer "
                "(localhost, 127.0.0.1 or [::1]).",
            )
        if redirect_uri not in self.redirect_uris:
            raise _AuthorizeFailure(
                "redirect_uri_mismatch",
                "The redirect URI is missing or does not match a redirect URI registered "
                "for this application.",
            )
        return redirect_uri

    def _check_scope(self, scope: str | None) -> str | None:
        """The space-separated scope to grant, or None when it asks for unknown scopes."""
        if not scope:
            return " ".join(self.app_scopes)
        scopes = scope.split()
        if not scopes or any(s not in SCOPE_DESCRIPTIONS for s in scopes):
            return None
        return " ".join(scopes)

    def _authorize_get(self, query: dict[str, str]) -> _Response:
        params: dict[str, str] = {
            k: query[k]
            for k in ("client_id", "response_type", "redirect_uri", "state", "scope")
            if k in query
        }
        try:
            redirect_uri = self._validate_authorize(params)
        except _AuthorizeFailure as failure:
            return self._error_page(failure)
        if self._check_scope(params.get("scope")) is None:
            return self._redirect_with_error(
                redirect_uri, params, "invalid_scope", "The requested scope is invalid."
            )
        return self._login_page(params, redirect_uri)

    def _authorize_post(self, form: dict[str, str]) -> _Response:
        csrf = form.get("csrf_token", "")
        now = self.clock()
        with self._lock:
            self._prune(now)
            pending = self._pending.pop(csrf, None) if csrf else None
        if pending is None or pending.expires_at <= now:
            return self._error_page(
                _AuthorizeFailure(
                    "invalid_request",
                    "This page has expired or was already used. Go back to the app and start "
                    "signing in again.",
                )
            )
        sent = {k: form[k] for k in pending.params if k in form}
        if sent != pending.params:
            return self._error_page(
                _AuthorizeFailure("invalid_request", "The sign-in form was changed.")
            )
        if pending.user is None:
            return self._login_submitted(pending, form)
        decision = form.get("decision", "")
        if decision == "grant":
            return self._grant(pending, pending.user)
        if decision == "deny":
            return self._redirect_with_error(
                pending.redirect_uri, pending.params, "access_denied", DESC_DENIED
            )
        return self._consent_page(pending.params, pending.redirect_uri, pending.user)

    def _login_submitted(self, pending: _PendingPage, form: dict[str, str]) -> _Response:
        login = form.get("login", "").strip()
        password = form.get("password", "")
        for user in self.users:
            if user.login.lower() == login.lower() and hmac.compare_digest(
                user.password.encode(), password.encode()
            ):
                return self._consent_page(pending.params, pending.redirect_uri, user)
        return self._login_page(
            pending.params,
            pending.redirect_uri,
            login=login,
            message="The email address or password is not right. Try again.",
        )

    def _grant(self, pending: _PendingPage, user: SandboxUser) -> _Response:
        scope = self._check_scope(pending.params.get("scope")) or ""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _CodeRecord(
                client_id=pending.params["client_id"],
                redirect_uri=pending.redirect_uri,
                user=user,
                scope=scope,
                expires_at=self.clock() + self.code_lifetime,
            )
        answer = [("code", code)]
        if "state" in pending.params:
            answer.append(("state", pending.params["state"]))
        return self._redirect(_append_query(pending.redirect_uri, answer))

    def _redirect_with_error(
        self, redirect_uri: str, params: Mapping[str, str], error: str, description: str
    ) -> _Response:
        answer = [("error", error), ("error_description", description)]
        if "state" in params:
            answer.append(("state", params["state"]))
        return self._redirect(_append_query(redirect_uri, answer))

    @staticmethod
    def _redirect(location: str) -> _Response:
        return _Response(302, b"", None, {"Location": location, **_PAGE_HEADERS})

    def _new_page(self, params: dict[str, str], redirect_uri: str, user: SandboxUser | None) -> str:
        csrf = secrets.token_urlsafe(24)
        now = self.clock()
        with self._lock:
            self._prune(now)
            self._pending[csrf] = _PendingPage(
                dict(params), redirect_uri, now + _PAGE_LIFETIME, user
            )
        return csrf

    def _prune(self, now: float) -> None:
        for key in [k for k, p in self._pending.items() if p.expires_at <= now]:
            del self._pending[key]
        for key in [k for k, exp in self._jtis.items() if exp < now - 120]:
            del self._jtis[key]

    @staticmethod
    def _hidden_fields(params: Mapping[str, str], csrf: str) -> str:
        fields = [*params.items(), ("csrf_token", csrf)]
        return "\n    ".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in fields
        )

    def _login_page(
        self,
        params: dict[str, str],
        redirect_uri: str,
        *,
        login: str | None = None,
        message: str | None = None,
    ) -> _Response:
        csrf = self._new_page(params, redirect_uri, None)
        demo = self.users[0] if self.users else None
        hint = ""
        if self.show_demo_hint and demo is not None:
            hint = (
                '<div class="message hint" id="demo-hint">Demo account: '
                f"<strong>{html.escape(demo.login)}</strong>, password "
                f"<strong>{html.escape(demo.password)}</strong></div>"
            )
        if login is None:
            login = demo.login if (self.show_demo_hint and demo is not None) else ""
        page = _template("sandbox_login.html").substitute(
            css=_css(),
            app_name=html.escape(self.app_name),
            action=AUTHORIZE_PATH,
            hidden=self._hidden_fields(params, csrf),
            login=html.escape(login),
            message=(
                f'<div class="message error" id="login-error" role="alert">'
                f"{html.escape(message)}</div>"
                if message
                else ""
            ),
            hint=hint,
        )
        return _html_response(200, page)

    def _consent_page(
        self, params: dict[str, str], redirect_uri: str, user: SandboxUser
    ) -> _Response:
        csrf = self._new_page(params, redirect_uri, user)
        scope = self._check_scope(params.get("scope")) or ""
        items = "".join(
            f"<li>{html.escape(SCOPE_DESCRIPTIONS.get(s, s))}</li>" for s in scope.split()
        )
        page = _template("sandbox_consent.html").substitute(
            css=_css(),
            app_name=html.escape(self.app_name),
            scopes=items,
            user_login=html.escape(user.login),
            action=AUTHORIZE_PATH,
            hidden=self._hidden_fields(params, csrf),
        )
        return _html_response(200, page)

    @staticmethod
    def _error_page(failure: _AuthorizeFailure) -> _Response:
        page = _template("sandbox_error.html").substitute(
            css=_css(),
            error=html.escape(failure.error),
            description=html.escape(failure.description),
        )
        return _html_response(400, page)

    # --- token endpoint ------------------------------------------------------------------

    def _token(self, form: dict[str, str], is_form: bool) -> _Response:
        if not is_form:
            return _oauth_error(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        handlers: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = {
            GRANT_AUTHORIZATION_CODE: self._grant_authorization_code,
            GRANT_REFRESH_TOKEN: self._grant_refresh_token,
            GRANT_CLIENT_CREDENTIALS: self._grant_client_credentials,
            GRANT_JWT: self._grant_jwt,
            GRANT_TOKEN_EXCHANGE: self._grant_token_exchange,
        }
        grant = handlers.get(form.get("grant_type", ""))
        if grant is None:
            return _oauth_error(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        try:
            with self._lock:
                data = grant(form)
        except _OAuthFailure as failure:
            return _oauth_error(failure.status, failure.error, failure.description)
        return _json_response(200, data, {"Cache-Control": "no-store", "Pragma": "no-cache"})

    def _check_client(self, form: Mapping[str, str], *, required: bool = True) -> None:
        client_id = form.get("client_id")
        client_secret = form.get("client_secret")
        if not required and client_id is None and client_secret is None:
            return
        ok = (
            client_id is not None
            and client_secret is not None
            and hmac.compare_digest(client_id.encode(), self.client_id.encode())
            and hmac.compare_digest(client_secret.encode(), self.client_secret.encode())
        )
        if not ok:
            raise _OAuthFailure(400, "invalid_client", DESC_INVALID_CLIENT)

    def _new_grant(self, kind: str, user: SandboxUser, scope: str) -> _Grant:
        grant = _Grant(self._next_grant_id, kind, self.client_id, user, scope)
        self._next_grant_id += 1
        self._grants[grant.id] = grant
        return grant

    def _issue(
        self,
        grant: _Grant,
        *,
        with_refresh: bool,
        restricted_to: list[dict[str, Any]] | None = None,
        lifetime: float | None = None,
    ) -> dict[str, Any]:
        now = self.clock()
        access = secrets.token_urlsafe(24)
        seconds = self.access_token_lifetime if lifetime is None else lifetime
        self._access[access] = _AccessRecord(
            grant.id, now + seconds, grant.scope, list(restricted_to or [])
        )
        grant.access_tokens.add(access)
        data: dict[str, Any] = {
            "access_token": access,
            "expires_in": int(seconds),
            "token_type": "bearer",
            "restricted_to": list(restricted_to or []),
        }
        if with_refresh:
            refresh = secrets.token_urlsafe(48)
            self._refresh[refresh] = _RefreshRecord(grant.id, now + self.refresh_token_lifetime)
            grant.refresh_token = refresh
            data["refresh_token"] = refresh
        return data

    def _end_grant(self, grant: _Grant) -> None:
        grant.alive = False
        for token in grant.access_tokens:
            record = self._access.get(token)
            if record is not None:
                record.active = False
        if grant.refresh_token is not None:
            record_r = self._refresh.get(grant.refresh_token)
            if record_r is not None:
                record_r.active = False

    def _grant_authorization_code(self, form: dict[str, str]) -> dict[str, Any]:
        self._check_client(form)
        code = form.get("code")
        if not code:
            raise _OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        record = self._codes.get(code)
        if record is None or record.used or record.client_id != form.get("client_id"):
            raise _OAuthFailure(400, "invalid_grant", DESC_BAD_CODE)
        if record.expires_at <= self.clock():
            raise _OAuthFailure(400, "invalid_grant", DESC_CODE_EXPIRED)
        if "redirect_uri" in form and form["redirect_uri"] != record.redirect_uri:
            raise _OAuthFailure(
                400,
                "redirect_uri_mismatch",
                "The redirect URI does not match the one used to get the authorization code.",
            )
        record.used = True
        grant = self._new_grant(GRANT_AUTHORIZATION_CODE, record.user, record.scope)
        return self._issue(grant, with_refresh=True)

    def _grant_refresh_token(self, form: dict[str, str]) -> dict[str, Any]:
        self._check_client(form)
        token = form.get("refresh_token")
        if not token:
            raise _OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        record = self._refresh.get(token)
        grant = self._grants.get(record.grant_id) if record else None
        if record is None or grant is None or not record.active or not grant.alive:
            raise _OAuthFailure(400, "invalid_grant", DESC_BAD_REFRESH)
        if record.expires_at <= self.clock():
            raise _OAuthFailure(400, "invalid_grant", DESC_REFRESH_EXPIRED)
        # Rotation: the old refresh token and the access tokens issued with it die now.
        record.active = False
        for access in grant.access_tokens:
            access_record = self._access.get(access)
            if access_record is not None:
                access_record.active = False
        grant.access_tokens.clear()
        return self._issue(grant, with_refresh=True)

    def _grant_client_credentials(self, form: dict[str, str]) -> dict[str, Any]:
        self._check_client(form)
        subject_type = form.get("box_subject_type")
        subject_id = form.get("box_subject_id", "")
        if subject_type == "enterprise":
            if subject_id != self.enterprise_id:
                raise _OAuthFailure(400, "unauthorized_client", DESC_NOT_AUTHORIZED)
            user = self.service_account
        elif subject_type == "user":
            found = self._user_by_id(subject_id)
            if found is None:
                raise _OAuthFailure(400, "invalid_grant", DESC_BAD_GRANT_CREDENTIALS)
            user = found
        else:
            raise _OAuthFailure(
                400, "invalid_request", "The box_subject_type parameter is missing or invalid."
            )
        grant = self._new_grant(GRANT_CLIENT_CREDENTIALS, user, " ".join(self.app_scopes))
        return self._issue(grant, with_refresh=False)

    def _user_by_id(self, user_id: str) -> SandboxUser | None:
        return next((u for u in self.users if u.id == user_id), None)

    def _grant_jwt(self, form: dict[str, str]) -> dict[str, Any]:
        self._check_client(form)
        assertion = form.get("assertion")
        if not assertion:
            raise _OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        claims = self._verify_assertion(assertion)
        sub_type = claims.get("box_sub_type")
        sub = str(claims.get("sub", ""))
        user: SandboxUser | None
        if sub_type == "enterprise":
            user = self.service_account if sub == self.enterprise_id else None
        elif sub_type == "user":
            user = self._user_by_id(sub)
        else:
            raise _OAuthFailure(400, "invalid_grant", "Please check the 'box_sub_type' claim.")
        if user is None:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'sub' claim. The 'sub' specified is invalid.",
            )
        grant = self._new_grant(GRANT_JWT, user, " ".join(self.app_scopes))
        return self._issue(grant, with_refresh=False)

    def _verify_assertion(self, assertion: str) -> dict[str, Any]:
        """Verify a JWT assertion's signature and claims like Box; returns its claims."""
        import jwt  # lazy: PyJWT and cryptography are only needed for this grant

        try:
            header = jwt.get_unverified_header(assertion)
        except jwt.PyJWTError as exc:
            raise _OAuthFailure(
                400, "invalid_grant", "Please check the 'assertion' parameter."
            ) from exc
        algorithm = header.get("alg")
        if algorithm not in JWT_ALGORITHMS:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'alg' header parameter. Supported: RS256, RS384, RS512.",
            )
        kid = header.get("kid")
        public_pem = self.jwt_public_keys.get(str(kid)) if kid is not None else None
        if public_pem is None:
            raise _OAuthFailure(400, "invalid_grant", '"kid" invalid, unable to lookup correct key')
        try:
            claims: dict[str, Any] = jwt.decode(
                assertion,
                public_pem,
                algorithms=[algorithm],
                options={
                    "verify_signature": True,
                    "verify_exp": False,  # checked below against the sandbox clock
                    "verify_nbf": False,
                    "verify_iat": False,
                    "verify_aud": False,
                    "verify_iss": False,
                },
            )
        except jwt.InvalidSignatureError as exc:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                'Signature verification error. The public key identified by "kid" must '
                "correspond to the private key used for signing.",
            ) from exc
        except jwt.exceptions.InvalidSubjectError as exc:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'sub' claim. The 'sub' specified is invalid.",
            ) from exc
        except jwt.exceptions.InvalidJTIError as exc:
            raise _OAuthFailure(400, "invalid_grant", "Please check the 'jti' claim.") from exc
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise _OAuthFailure(
                400, "invalid_grant", "Please check the 'assertion' parameter."
            ) from exc
        if claims.get("aud") != JWT_AUDIENCE:
            raise _OAuthFailure(400, "invalid_grant", "Please check the 'aud' claim.")
        if claims.get("iss") != self.client_id:
            raise _OAuthFailure(400, "invalid_grant", "Please check the 'iss' claim.")
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise _OAuthFailure(400, "invalid_grant", "Please check the 'exp' claim.")
        now = self.clock()
        if exp <= now:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Current date/time MUST be before the expiration date/time listed in the "
                "'exp' claim",
            )
        if exp > now + 60:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'exp' claim. The 'exp' value exceeds the maximum value of "
                "60 seconds beyond the issue time.",
            )
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise _OAuthFailure(
                400, "invalid_grant", "Please check the 'jti' claim. A 'jti' value is required."
            )
        self._prune(now)
        if jti in self._jtis:
            raise _OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'jti' claim. A unique 'jti' value is required.",
            )
        self._jtis[jti] = float(exp)
        return claims

    def _grant_token_exchange(self, form: dict[str, str]) -> dict[str, Any]:
        # The SDK's downscope sends no client credentials; when sent they must be right.
        self._check_client(form, required=False)
        subject_token = form.get("subject_token")
        subject_type = form.get("subject_token_type")
        scope = form.get("scope", "")
        if not subject_token or not subject_type or not scope.strip():
            raise _OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        if subject_type != ACCESS_TOKEN_TYPE:
            raise _OAuthFailure(
                400, "invalid_request", "The subject_token_type parameter is not supported."
            )
        if "actor_token" in form and form.get("actor_token_type") != ID_TOKEN_TYPE:
            raise _OAuthFailure(
                400, "invalid_request", "The actor_token_type parameter is not supported."
            )
        subject = self._live_access(subject_token)
        if subject is None:
            raise _OAuthFailure(400, "invalid_grant", "The subject token is invalid.")
        scopes = scope.split()
        if any(s not in SCOPE_DESCRIPTIONS for s in scopes):
            raise _OAuthFailure(400, "invalid_scope", "The requested scope is invalid.")
        resource = form.get("resource")
        shared_link = form.get("box_shared_link")
        if resource and shared_link:
            raise _OAuthFailure(
                400, "invalid_request", "Send either resource or box_shared_link, not both."
            )
        target: dict[str, Any] | None = None
        if resource:
            match = _RESOURCE_RE.match(urllib.parse.urlsplit(resource).path)
            if match is None:
                raise _OAuthFailure(400, "invalid_resource", "The target resource is invalid.")
            target = {"type": match.group(1)[:-1], "id": match.group(2)}
        elif shared_link:
            if not shared_link.startswith(("https://", "http://")):
                raise _OAuthFailure(400, "invalid_resource", "The shared link is invalid.")
            target = {"type": "shared_link", "url": shared_link}
        restricted = [{"scope": s, "object": dict(target)} for s in scopes] if target else []
        parent = self._grants[subject.grant_id]
        grant = self._new_grant(GRANT_TOKEN_EXCHANGE, parent.user, " ".join(scopes))
        lifetime = max(1, int(subject.expires_at - self.clock()))
        data = self._issue(
            grant,
            with_refresh=False,
            restricted_to=restricted,
            lifetime=min(lifetime, self.access_token_lifetime),
        )
        data["issued_token_type"] = ACCESS_TOKEN_TYPE
        return data

    # --- revoke and users/me -------------------------------------------------------------

    def _revoke(self, form: dict[str, str], is_form: bool) -> _Response:
        if not is_form:
            return _oauth_error(400, "invalid_request", "The token parameter is missing.")
        try:
            self._check_client(form)
        except _OAuthFailure as failure:
            return _oauth_error(failure.status, failure.error, failure.description)
        token = form.get("token")
        if not token:
            return _oauth_error(400, "invalid_request", "The token parameter is missing.")
        with self._lock:
            access = self._access.get(token)
            refresh = self._refresh.get(token)
            grant_id = access.grant_id if access else refresh.grant_id if refresh else None
            grant = self._grants.get(grant_id) if grant_id is not None else None
            if grant is not None:
                # Box: revoking either token signs the user out of this grant.
                self._end_grant(grant)
        return _Response(200, b"", None, {"Cache-Control": "no-store"})

    def _live_access(self, token: str) -> _AccessRecord | None:
        record = self._access.get(token)
        if record is None or not record.active or record.expires_at <= self.clock():
            return None
        grant = self._grants.get(record.grant_id)
        if grant is None or not grant.alive:
            return None
        return record

    def _users_me(self, authorization: str) -> _Response:
        scheme, _, token = authorization.partition(" ")
        with self._lock:
            record = self._live_access(token.strip()) if scheme.lower() == "bearer" else None
            grant = self._grants.get(record.grant_id) if record else None
        if record is None or grant is None:
            return _json_response(
                401,
                {
                    "type": "error",
                    "status": 401,
                    "code": "unauthorized",
                    "error": "invalid_token",
                    "error_description": DESC_INVALID_TOKEN,
                    "message": "Unauthorized",
                },
                {
                    "WWW-Authenticate": 'Bearer realm="Service", error="invalid_token", '
                    f'error_description="{DESC_INVALID_TOKEN}"'
                },
            )
        user = grant.user
        return _json_response(
            200,
            {
                "type": "user",
                "id": user.id,
                "name": user.name,
                "login": user.login,
                "created_at": "2024-01-02T10:00:00-08:00",
                "modified_at": "2024-01-02T10:00:00-08:00",
                "language": "en",
                "timezone": "America/Los_Angeles",
                "space_amount": 10737418240,
                "space_used": 0,
                "max_upload_size": 2147483648,
                "status": "active",
                "job_title": "",
                "phone": "",
                "address": "",
                "avatar_url": "",
            },
        )


# --- a browser for tests --------------------------------------------------------------------


@dataclass
class _Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    """Collects forms, their inputs and their submit buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[_Form] = []
        self.error_code: str | None = None
        self.message: str | None = None
        self._in_message = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(_Form(a.get("action", ""), a.get("method", "get").lower()))
        elif tag == "input" and self.forms and a.get("name"):
            if a.get("type", "text") in ("submit", "button"):
                self.forms[-1].buttons.append((a["name"], a.get("value", "")))
            else:
                self.forms[-1].fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and self.forms and a.get("name"):
            self.forms[-1].buttons.append((a["name"], a.get("value", "")))
        elif tag == "main" and a.get("data-error"):
            self.error_code = a["data-error"]
        elif tag == "div" and a.get("id") in ("login-error", "error-description"):
            self._in_message = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._in_message = False

    def handle_data(self, data: str) -> None:
        if self._in_message and data.strip():
            self.message = (self.message or "") + data.strip()


def complete_authorization(
    authorize_url: str,
    *,
    login: str = DEMO_USER.login,
    password: str = DEMO_USER.password,
    decision: str = "grant",
    follow_redirect: bool = True,
    timeout: float = 10.0,
) -> str:
    """Act as the person's browser on the sandbox's authorize page; return the callback URL.

    GETs the page, logs in, presses Grant or Deny, and (``follow_redirect``) GETs the final
    redirect, which is normally the app's loopback listener. Raises :class:`SandboxError`
    when the sandbox shows an error page or refuses the login.
    """
    if decision not in ("grant", "deny"):
        raise ValueError("decision must be 'grant' or 'deny'")
    import requests  # lazy: only tests and tools drive the page

    with requests.Session() as session:
        response = session.get(authorize_url, allow_redirects=False, timeout=timeout)
        location: str | None = None
        for step in ("login", "consent"):
            if response.status_code in (301, 302, 303, 307, 308):
                location = urllib.parse.urljoin(response.url, response.headers["Location"])
                break
            parser = _FormParser()
            parser.feed(response.text)
            if response.status_code != 200 or not parser.forms:
                raise SandboxError(
                    "The Box sandbox showed an error page: "
                    f"{parser.error_code or response.status_code}"
                    + (f" ({parser.message})" if parser.message else "")
                )
            form = parser.forms[0]
            data = dict(form.fields)
            if step == "login":
                if "password" not in data:
                    raise SandboxError("The Box sandbox did not show its login form.")
                data["login"] = login
                data["password"] = password
                data.update(form.buttons[:1])
            else:
                if not any(name == "decision" for name, _ in form.buttons):
                    raise SandboxError(
                        "The Box sandbox did not accept the login: "
                        + (parser.message or "no consent page")
                    )
                data["decision"] = decision
            target = urllib.parse.urljoin(response.url, form.action or response.url)
            response = session.post(target, data=data, allow_redirects=False, timeout=timeout)
        else:
            if response.status_code in (301, 302, 303, 307, 308):
                location = urllib.parse.urljoin(response.url, response.headers["Location"])
        if location is None:
            parser = _FormParser()
            parser.feed(response.text)
            raise SandboxError(
                "The Box sandbox did not redirect back to the app: "
                f"{parser.error_code or response.status_code}"
            )
        if follow_redirect:
            session.get(location, allow_redirects=False, timeout=timeout)
        return location
