"""The sandbox's HTTP server: it binds 127.0.0.1, reads each request and routes it.

HTTP/1.1 keep-alive with ``TCP_NODELAY`` set; every answer carries a ``box-request-id`` and a
Content-Length. What each path answers lives in its endpoint module (``authorize``,
``grants``, ``revoke``, ``users``).
"""

from __future__ import annotations

import contextlib
import http.server
import logging
import secrets
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from core.sandbox.authorize import AuthorizeEndpoint
from core.sandbox.box import (
    AUTHORIZE_PATH,
    DEMO_USER,
    REVOKE_PATH,
    TOKEN_PATH,
    USERS_ME_PATH,
    SandboxConfig,
    SandboxError,
    SandboxUser,
    service_account_for,
)
from core.sandbox.grants import TokenEndpoint
from core.sandbox.revoke import revoke
from core.sandbox.state import SandboxState
from core.sandbox.users import users_me
from core.sandbox.wire import HANG_UP, Request, Response, json_response

if TYPE_CHECKING:
    import ssl

    from core.oauth import BaseUrls

logger = logging.getLogger(__name__)

_MAX_BODY = 1024 * 1024
_REQUEST_ID_BYTES = 8


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
        self.sandbox._accepted(sock)
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


class SandboxServer:
    """A Box look-alike on 127.0.0.1 for the demo mode and the tests.

    Use as a context manager or call :meth:`start` / :meth:`stop`. Times come from ``clock``
    so tests can move time forward. The tests' harness (``tests/sandbox_harness.py``) adds
    fault injection and request recording through :meth:`_before_route` and
    :meth:`_accepted`, which do nothing here.
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
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.port = port
        self.clock = clock
        #: Serve HTTPS with this server context (tests of company networks); None: HTTP.
        self.ssl_context = ssl_context
        self.config = SandboxConfig(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uris=tuple(redirect_uris),
            users=tuple(users),
            enterprise_id=enterprise_id,
            jwt_public_keys=dict(jwt_public_keys or {}),
            code_lifetime=code_lifetime,
            access_token_lifetime=access_token_lifetime,
            refresh_token_lifetime=refresh_token_lifetime,
            app_name=app_name,
            app_scopes=tuple(app_scopes),
            show_demo_hint=show_demo_hint,
            service_account=service_account_for(enterprise_id),
        )
        self._state = SandboxState(clock)
        self._lock = self._state.lock
        self._stopping = threading.Event()
        self._server: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._authorize = AuthorizeEndpoint(self.config, self._state)
        self._token = TokenEndpoint(self.config, self._state)

    # --- configuration (read-only; see __init__) ------------------------------------------

    @property
    def client_id(self) -> str:
        return self.config.client_id

    @property
    def client_secret(self) -> str:
        return self.config.client_secret

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        return self.config.redirect_uris

    @property
    def users(self) -> tuple[SandboxUser, ...]:
        return self.config.users

    @property
    def enterprise_id(self) -> str:
        return self.config.enterprise_id

    @property
    def app_name(self) -> str:
        return self.config.app_name

    @property
    def service_account(self) -> SandboxUser:
        """The user behind enterprise (service account) tokens from CCG and JWT."""
        return self.config.service_account

    # --- lifecycle -----------------------------------------------------------------------

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
        if self.ssl_context is not None:
            # The handshake happens on each connection's first read, in its handler thread.
            server.socket = self.ssl_context.wrap_socket(
                server.socket, server_side=True, do_handshake_on_connect=False
            )
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
        self._stopping.set()  # wakes handlers waiting in _before_route
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
        """``http://127.0.0.1:PORT`` (``https`` with ``ssl_context``; the port is known after
        :meth:`start`)."""
        scheme = "https" if self.ssl_context is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

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

    # --- hooks for the tests' harness ----------------------------------------------------

    def _accepted(self, sock: socket.socket) -> None:
        """Called with each accepted connection's socket; nothing to do here."""

    def _before_route(self, request: Request) -> Response | None:
        """Called with every request read; an answer here is sent instead of the route's
        (:data:`~core.sandbox.wire.HANG_UP` closes the connection unanswered). None routes it.
        """
        return None

    # --- request dispatch ----------------------------------------------------------------

    def _handle(self, handler: _Handler) -> None:
        request = self._read(handler)
        if request is None:
            return
        response = self._before_route(request)
        if response is None:
            try:
                response = self._route(request)
            except Exception:
                logger.exception("sandbox failed on %s %s", request.method, request.path)
                response = json_response(
                    500, {"type": "error", "status": 500, "code": "internal_server_error"}
                )
        if response is HANG_UP:
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(handler, response)

    def _read(self, handler: _Handler) -> Request | None:
        """The request ``handler`` received, or None when it was refused already."""
        split = urllib.parse.urlsplit(handler.path)
        query = _first_values(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        body = b""
        length_header = handler.headers.get("Content-Length")
        if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self._send(handler, json_response(411, {"error": "invalid_request"}), close=True)
            return None
        if length_header:
            try:
                length = int(length_header)
            except ValueError:
                length = -1
            if length < 0 or length > _MAX_BODY:
                self._send(handler, json_response(413, {"error": "invalid_request"}), close=True)
                return None
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
        return Request(
            method=handler.command,
            path=split.path,
            headers={k: v for k, v in handler.headers.items()},
            query=query,
            form=form,
            is_form=is_form,
            body=body,
            authorization=handler.headers.get("Authorization", ""),
        )

    def _send(self, handler: _Handler, response: Response, *, close: bool = False) -> None:
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

    def _route(self, request: Request) -> Response:
        method, path = request.method, request.path
        if path == AUTHORIZE_PATH:
            if method in ("GET", "HEAD"):
                return self._authorize.get(request.query)
            if method == "POST":
                return self._authorize.post(request.form)
        elif path == TOKEN_PATH:
            if method == "POST":
                return self._token(request.form, request.is_form)
        elif path == REVOKE_PATH:
            if method == "POST":
                return revoke(self.config, self._state, request.form, request.is_form)
        elif path == USERS_ME_PATH:
            if method in ("GET", "HEAD"):
                return users_me(self._state, request.authorization)
        else:
            return json_response(
                404,
                {"type": "error", "status": 404, "code": "not_found", "message": "Not Found"},
            )
        return json_response(
            405,
            {
                "type": "error",
                "status": 405,
                "code": "method_not_allowed",
                "message": "Method Not Allowed",
            },
            {"Allow": "POST" if path in (TOKEN_PATH, REVOKE_PATH) else "GET, POST"},
        )
