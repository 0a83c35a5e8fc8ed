"""A scripted, recording HTTP server on 127.0.0.1 for the OAuth client's tests.

Unlike the sandbox (a Box stand-in that keeps state), it answers each request from a script
(``script``), or else from a fixed default, and records every request as it arrived
(``hits``), so a test can check the bytes on the wire. Used by ``test_oauth``,
``test_oauth_wire_compat`` and the benchmarks.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from core.oauth import BaseUrls

TOKEN_BODY = {
    "access_token": "AT-server-issued-0001",
    "expires_in": 3600,
    "token_type": "bearer",
    "restricted_to": [],
    "refresh_token": "RT-server-issued-0001",
}
USER_BODY = {"type": "user", "id": "11446498", "name": "Ada Lovelace", "login": "ada@example.com"}


@dataclass(frozen=True)
class Answer:
    """One scripted response. ``drop`` closes the connection without answering."""

    status: int = 200
    body: dict[str, Any] | str | bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False


@dataclass(frozen=True)
class Recorded:
    """A request as the server received it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    client_port: int

    @property
    def form(self) -> list[tuple[str, str]]:
        """The urlencoded body as ordered (name, value) pairs."""
        return parse_qsl(self.body.decode("ascii"), keep_blank_values=True, strict_parsing=False)

    @property
    def content_type(self) -> str | None:
        """The Content-Type header."""
        return self.headers.get("content-type")


DEFAULT_ANSWERS: dict[tuple[str, str], Answer] = {
    ("POST", "/oauth2/token"): Answer(200, TOKEN_BODY),
    ("POST", "/oauth2/revoke"): Answer(200, ""),
    ("GET", "/2.0/users/me"): Answer(200, USER_BODY),
    ("GET", "/api/oauth2/authorize"): Answer(200, "<html>Box sign-in</html>"),
}


class ScriptedServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 answering from scripts and recording requests."""

    def __init__(self, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str, deque[Answer]] = defaultdict(deque)
        self.requests: list[Recorded] = []
        self.request_id_counter = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                answer = owner._next(self.command, parts.path)
                with owner._lock:
                    owner.requests.append(
                        Recorded(
                            self.command,
                            parts.path,
                            parts.query,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            self.client_address[1],
                        )
                    )
                    owner.request_id_counter += 1
                    request_id = f"req-{owner.request_id_counter:04d}"
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if isinstance(answer.body, dict):
                    payload = json.dumps(answer.body).encode()
                    content_type = "application/json"
                elif isinstance(answer.body, str):
                    payload = answer.body.encode()
                    content_type = "text/html; charset=utf-8"
                else:
                    payload = answer.body or b""
                    content_type = "application/octet-stream"
                self.send_response(answer.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("box-request-id", request_id)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _next(self, method: str, path: str) -> Answer:
        with self._lock:
            queue = self._scripts.get(f"{method} {path}")
            if queue:
                return queue.popleft()
        return DEFAULT_ANSWERS.get((method, path), Answer(404, {"error": "not_found"}))

    def script(self, method: str, path: str, *answers: Answer) -> None:
        """Answer the next requests to ``method path`` with ``answers``, then the default."""
        with self._lock:
            self._scripts[f"{method} {path}"].extend(answers)

    def hits(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        """Recorded requests, optionally filtered."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)
            ]

    @property
    def base_urls(self) -> BaseUrls:
        """BaseUrls pointing at this server."""
        return BaseUrls(base_url=self.url, oauth_2_url=self.url + "/api/oauth2")

    def start(self) -> ScriptedServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
