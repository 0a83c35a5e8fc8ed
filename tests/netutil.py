"""Small network helpers shared by the tests: free ports, a URL's query, a sleep that does not
wait (for the HTTP client's back-off)."""

from __future__ import annotations

import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """Distinct ports nothing listens on right now (all held open together so none repeats,
    then released)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    held = []
    try:
        for _ in range(count):
            s = socket.socket(family, socket.SOCK_STREAM)
            s.bind((host, 0))
            held.append(s)
        return [int(s.getsockname()[1]) for s in held]
    finally:
        for s in held:
            s.close()


def free_port(host: str = "127.0.0.1") -> int:
    """One port nothing listens on right now."""
    return free_ports(1, host)[0]


def query(url: str) -> dict[str, str]:
    """The query parameters of ``url`` (the last of a repeated name wins)."""
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


class Sleeps:
    """An injectable ``sleep`` that records and does not wait (``AuthorizationManager(...,
    sleep=Sleeps())``): the HTTP client's back-off without the seconds."""

    def __init__(self, hook: Callable[[float], None] | None = None) -> None:
        self.calls: list[float] = []
        self._hook = hook

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        if self._hook:
            self._hook(seconds)


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """A threaded HTTP server running ``handler`` on a free 127.0.0.1 port (read it from
    ``server.server_address[1]``), shut down and closed when the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
