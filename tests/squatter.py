"""A hostile local program for the loopback tests: it listens where Box Login's sign-in answer
might go and records everything that reaches it (issue 8, part 2).

A ``localhost`` redirect URI is a name; browsers try [::1] before 127.0.0.1. A program that
listens on [::1]:PORT while Box Login listens only on 127.0.0.1:PORT receives
``GET /callback?code=…&state=…``. :class:`Squatter` plays that program.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from types import TracebackType


def has_ipv6_loopback() -> bool:
    """True when this machine can listen on [::1]."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def free_dual_stack_ports(count: int, *, attempts: int = 200) -> list[int]:
    """Distinct ports free on both 127.0.0.1 and (where the machine has it) [::1]."""
    ipv6 = has_ipv6_loopback()
    held: list[socket.socket] = []
    ports: list[int] = []
    try:
        for _ in range(attempts):
            if len(ports) == count:
                break
            v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            held.append(v4)
            v4.bind(("127.0.0.1", 0))
            port = int(v4.getsockname()[1])
            if ipv6:
                v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                held.append(v6)
                v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                try:
                    v6.bind(("::1", port))
                except OSError:
                    continue
            ports.append(port)
        if len(ports) < count:
            raise RuntimeError(f"no {count} ports free on both loopback addresses")
        return ports
    finally:
        for s in held:
            s.close()


class Squatter:
    """Listens on ``host``:``port`` and records every connection and byte it receives.

    It answers each request with a plain 200 page, as a thief would to keep the person
    unsuspecting, and so that a browser it robs finishes loading instead of waiting.
    ``reuse`` sets SO_REUSEADDR and SO_REUSEPORT first, the options a thief would try to
    share a port that is already taken.
    """

    _ANSWER = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n"
        b"Connection: close\r\n\r\nstolen"
    )

    def __init__(self, host: str, port: int, *, reuse: bool = False) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if reuse:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if hasattr(socket, "SO_REUSEPORT"):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind((host, port))
            sock.listen(16)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        self.host, self.port = host, port
        self._sock = sock
        self._lock = threading.Lock()
        self._connections = 0
        self._received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="squatter", daemon=True)
        self._thread.start()

    @property
    def connections(self) -> int:
        """How many connections it accepted."""
        with self._lock:
            return self._connections

    @property
    def received(self) -> bytes:
        """Every byte any connection sent it."""
        with self._lock:
            return bytes(self._received)

    def _run(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._sock, selectors.EVENT_READ, None)
        try:
            while not self._stop.is_set():
                for key, _mask in sel.select(0.05):
                    if key.data is None:
                        with contextlib.suppress(BlockingIOError, InterruptedError):
                            conn, _addr = self._sock.accept()
                            conn.setblocking(False)
                            with self._lock:
                                self._connections += 1
                            sel.register(conn, selectors.EVENT_READ, b"")
                        continue
                    conn = key.fileobj
                    assert isinstance(conn, socket.socket)
                    try:
                        chunk = conn.recv(65536)
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        chunk = b""
                    with self._lock:
                        self._received += chunk
                    seen = key.data + chunk
                    if not chunk or b"\r\n\r\n" in seen:
                        sel.unregister(conn)
                        with contextlib.suppress(OSError):
                            conn.setblocking(True)
                            conn.settimeout(1)
                            conn.sendall(self._ANSWER)
                        conn.close()
                    else:
                        sel.modify(conn, selectors.EVENT_READ, seen)
        finally:
            for key in list(sel.get_map().values()):
                key.fileobj.close()
            sel.close()

    def close(self) -> None:
        """Stop listening. Idempotent."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def __enter__(self) -> Squatter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
