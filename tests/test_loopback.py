"""The loopback listener over real sockets: callbacks, junk, forged state, ports, pages, logs."""

from __future__ import annotations

import concurrent.futures
import contextlib
import errno
import http.client
import ipaddress
import logging
import os
import random
import re
import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import pytest

import core.loopback as loopback
import core.loopback.addresses as addresses
import core.loopback.listener as listener_module
from core.errors import (
    AccessDeniedError,
    InvalidRequestError,
    OAuthError,
    PortsUnavailableError,
    SignInCancelledError,
    SignInTimeoutError,
)
from core.loopback import PAGE_MESSAGES, CallbackResult, LoopbackListener
from core.paths import resource_path
from tests.netutil import free_ports
from tests.squatter import Squatter, free_dual_stack_ports, has_ipv6_loopback

HOST = "127.0.0.1"


# --- helpers ---------------------------------------------------------------------------


def uri(port: int, path: str = "/callback", host: str = HOST) -> str:
    return f"http://{host}:{port}{path}"


def port_of(redirect_uri: str) -> int:
    return int(redirect_uri.rsplit(":", 1)[1].split("/", 1)[0])


def callback_target(**params: str) -> str:
    return "/callback?" + urlencode(params)


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: str) -> None:
        self.status, self.headers, self.body = status, headers, body


def get(port: int, target: str, *, method: str = "GET", host: str = HOST) -> Reply:
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request(method, target)
        resp = conn.getresponse()
        body = resp.read().decode("utf-8")
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, body)
    finally:
        conn.close()


def raw_exchange(port: int, data: bytes, *, timeout: float = 5.0) -> int | None:
    """Send raw bytes, read until the server closes; the status code answered, if any."""
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        with contextlib.suppress(OSError):
            s.sendall(data)
        chunks = []
        with contextlib.suppress(OSError):
            while chunk := s.recv(65536):
                chunks.append(chunk)
    head = b"".join(chunks)[:64]
    match = re.match(rb"HTTP/1\.1 (\d{3}) ", head)
    return int(match.group(1)) if match else None


def connect_error(host: str, port: int) -> OSError | None:
    """The error connecting to host:port gives, or None when something accepts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        try:
            s.connect((host, port))
        except OSError as exc:
            return exc
    return None


def assert_closed(port: int, host: str = HOST) -> None:
    assert isinstance(connect_error(host, port), ConnectionRefusedError)


def in_thread(fn: Callable[[], object], delay: float = 0.0) -> concurrent.futures.Future[object]:
    future: concurrent.futures.Future[object] = concurrent.futures.Future()

    def run() -> None:
        if delay:
            time.sleep(delay)
        try:
            future.set_result(fn())
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future


@pytest.fixture
def make_listener() -> Iterator[Callable[..., LoopbackListener]]:
    made: list[LoopbackListener] = []

    def make(*args: object, **kwargs: object) -> LoopbackListener:
        listener = LoopbackListener(*args, **kwargs)  # type: ignore[arg-type]
        made.append(listener)
        return listener

    yield make
    for listener in made:
        listener.close()


@pytest.fixture
def state() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture
def code() -> str:
    return secrets.token_urlsafe(24)


# --- the good path ---------------------------------------------------------------------


def test_good_callback_returns_result_and_success_page(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    assert listener.start() == uri(port)
    assert listener.redirect_uri == uri(port)

    reply = in_thread(lambda: get(port, callback_target(code=code, state=state)))
    result = listener.wait(timeout=10)

    assert result == CallbackResult(code=code, state=state, redirect_uri=uri(port))
    assert code not in repr(result)
    assert state not in repr(result)
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    assert page.status == 200
    assert "You\u2019re signed in to Box" in page.body
    assert "You can close this tab and return to Box Login." in page.body
    assert '<html lang="en"' in page.body
    assert "<svg" in page.body
    assert "<style>" in page.body
    assert "{{" not in page.body
    # No external fetches: no src/href anywhere, no URL except the SVG namespace-free markup.
    assert not re.search(r"\b(src|href)\s*=", page.body)
    assert "http" not in page.body
    assert code not in page.body
    # One good callback closes the listener.
    assert listener.bound_address is None
    assert_closed(port)


def test_response_headers_protect_the_code(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    not_found = get(port, "/favicon.ico")
    reply = in_thread(lambda: get(port, callback_target(code=code, state=state)))
    listener.wait(timeout=10)
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    for response in (page, not_found):
        headers = response.headers
        assert headers["cache-control"] == "no-store"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        csp = [part.strip() for part in headers["content-security-policy"].split(";")]
        assert "default-src 'none'" in csp
        assert "style-src 'unsafe-inline'" in csp
        assert "img-src data:" in csp
        assert headers["connection"] == "close"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert not_found.status == 404


def test_http10_absolute_form_and_half_closed_client(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    request = (
        f"GET http://{HOST}:{port}{callback_target(code=code, state=state)} HTTP/1.0\r\n\r\n"
    ).encode()

    def send_then_half_close() -> bytes:
        with socket.create_connection((HOST, port), timeout=5) as s:
            s.sendall(request)
            s.shutdown(socket.SHUT_WR)
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            return data

    answer = in_thread(send_then_half_close)
    assert listener.wait(timeout=10).code == code
    data = answer.result(timeout=5)
    assert isinstance(data, bytes)
    assert data.startswith(b"HTTP/1.1 200 OK\r\n")
    assert "You\u2019re signed in to Box".encode() in data


def test_context_manager_starts_and_closes(state) -> None:
    (port,) = free_ports(1)
    with LoopbackListener([uri(port)], state) as listener:
        assert listener.bound_address == (HOST, port)
        assert get(port, "/").status == 404
    assert_closed(port)
    listener.close()  # idempotent
    with pytest.raises(SignInCancelledError):
        listener.wait(timeout=1)


def test_misuse_is_reported(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    with pytest.raises(RuntimeError):
        listener.wait(timeout=0.1)
    listener.start()
    with pytest.raises(RuntimeError):
        listener.start()
    with pytest.raises(ValueError, match="expected_state"):
        LoopbackListener([uri(port)], "")


# --- junk ------------------------------------------------------------------------------


def _junk(port: int, rng: random.Random, count: int) -> list[tuple[str, bytes, int | None]]:
    """(kind, bytes, the status the listener must answer or None when any answer will do)."""
    huge_header = b"GET /callback HTTP/1.1\r\nX-Big: " + b"a" * (20 * 1024) + b"\r\n\r\n"
    huge_url = b"GET /callback?code=x&pad=" + b"A" * (9 * 1024) + b" HTTP/1.1\r\n\r\n"
    fixed: list[tuple[str, bytes, int | None]] = [
        ("favicon", b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n", 404),
        ("root", b"GET / HTTP/1.1\r\n\r\n", 404),
        ("near-path", b"GET /callback/ HTTP/1.1\r\n\r\n", 404),
        ("case-path", b"GET /CALLBACK?code=a&state=b HTTP/1.1\r\n\r\n", 404),
        ("head", b"HEAD /callback HTTP/1.1\r\n\r\n", 405),
        ("post", b"POST /callback HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 405),
        ("options", b"OPTIONS * HTTP/1.1\r\n\r\n", 404),
        ("connect", b"CONNECT example.com:443 HTTP/1.1\r\n\r\n", 404),
        ("http2", b"GET /callback HTTP/2.0\r\n\r\n", 505),
        ("no-version", b"GET /callback\r\n\r\n", 400),
        ("extra-spaces", b"GET  /callback  HTTP/1.1\r\n\r\n", 400),
        ("bad-header", b"GET /callback HTTP/1.1\r\nno colon here\r\n\r\n", 400),
        ("control-chars", b"GET /call\x01back HTTP/1.1\r\n\r\n", 400),
        ("nul", b"\x00\x01\x02\x03 junk\r\n\r\n", 400),
        ("tls-hello", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64), 400),
        ("huge-header", huge_header, 431),
        ("huge-url", huge_url, 414),
        (
            "forged-state",
            f"GET {callback_target(code='c', state='x')} HTTP/1.1\r\n\r\n".encode(),
            400,
        ),
        ("no-params", b"GET /callback HTTP/1.1\r\n\r\n", 400),
        ("bad-percent", b"GET /callback?state=%ff%fe&code=x HTTP/1.1\r\n\r\n", 400),
        ("partial", b"GET /callback?code=abc&sta", None),
    ]
    items = []
    for i in range(count):
        if i % 4 == 0:
            size = rng.randint(1, 4096)
            # A leading NUL makes sure random bytes can never look like a request.
            items.append(("random", b"\x00" + rng.randbytes(size), 400))
        else:
            items.append(fixed[i % len(fixed)])
    return items


def test_thousand_junk_requests_then_real_callback(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state, connection_timeout=5.0)
    listener.start()
    rng = random.Random(20240603)
    items = _junk(port, rng, 1000)

    # Silent, half-open connections held open through the whole test, like a browser's
    # speculative preconnects or a stuck client.
    silent = [socket.create_connection((HOST, port), timeout=5) for _ in range(20)]
    try:
        started = time.monotonic()

        def send(item: tuple[str, bytes, int | None]) -> tuple[str, int | None, int | None]:
            kind, data, expected = item
            if expected is None:  # send half a request and vanish
                with socket.create_connection((HOST, port), timeout=5) as s:
                    s.sendall(data)
                return kind, None, None
            return kind, raw_exchange(port, data), expected

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            outcomes = list(pool.map(send, items))
        junk_seconds = time.monotonic() - started

        wrong = Counter(
            (kind, got, want) for kind, got, want in outcomes if want is not None and got != want
        )
        answered = Counter(got for _, got, _ in outcomes)
        # The huge header may be cut short by a reset while the client still sends; every
        # other kind must get exactly its status.
        assert not {k: v for k, v in wrong.items() if k[0] != "huge-header" or k[1] is not None}
        assert answered[404] >= 150
        assert answered[400] >= 300
        assert answered[431] >= 1

        before = time.monotonic()
        reply = get(port, callback_target(code=code, state=state))
        result = listener.wait(timeout=10)
        callback_seconds = time.monotonic() - before
    finally:
        for s in silent:
            s.close()
    assert reply.status == 200
    assert result.code == code
    assert callback_seconds < 3.0
    print(f"\n1,000 junk requests: {junk_seconds:.2f} s; callback: {callback_seconds:.3f} s")


def test_silent_and_slow_clients_are_dropped_after_connection_timeout(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state, connection_timeout=0.5)
    listener.start()
    silent = socket.create_connection((HOST, port), timeout=5)
    trickle = socket.create_connection((HOST, port), timeout=5)
    started = time.monotonic()
    try:
        # A trickle of bytes does not extend the deadline (slowloris).
        closed_by_server = False
        for byte in b"GET /callback?code=abc HTTP/1.1\r\n":
            try:
                trickle.send(bytes([byte]))
            except OSError:
                closed_by_server = True
                break
            time.sleep(0.05)
        assert closed_by_server or trickle.recv(100) == b""
        assert silent.recv(100) == b""
        assert time.monotonic() - started < 3.0
    finally:
        silent.close()
        trickle.close()


def test_connection_cap_drops_oldest_silent_client(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state, max_connections=8)
    listener.start()
    silent = [socket.create_connection((HOST, port), timeout=5) for _ in range(30)]
    try:
        started = time.monotonic()
        reply = get(port, callback_target(code=code, state=state))
        assert reply.status == 200
        assert listener.wait(timeout=5).code == code
        assert time.monotonic() - started < 2.0
        # The oldest silent client was dropped by the server to make room.
        silent[0].settimeout(2)
        assert silent[0].recv(10) == b""
    finally:
        for s in silent:
            s.close()


# --- state, errors, timeout, cancel ----------------------------------------------------


def test_forged_or_missing_state_shows_error_page_and_keeps_waiting(
    make_listener, state, code
) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    forged = secrets.token_urlsafe(32)
    for target in (
        callback_target(code="stolen", state=forged),
        callback_target(code="stolen"),
        callback_target(code="stolen", state=""),
        callback_target(error="access_denied", state=forged),
        callback_target(error="access_denied"),
        callback_target(code="a", state=state) + "&" + urlencode({"state": state}),
    ):
        reply = get(port, target)
        assert reply.status == 400, target
        assert "Sign-in didn\u2019t finish" in reply.body
        assert "stolen" not in reply.body
    mismatch = get(port, callback_target(code="stolen", state=forged))
    assert "This answer did not belong to your sign-in" in mismatch.body
    assert 'class="details is-empty"' in mismatch.body  # no empty "Box said:" line
    # Still waiting and still listening.
    assert not listener.finished
    assert listener.bound_address == (HOST, port)
    reply = get(port, callback_target(code=code, state=state))
    assert reply.status == 200
    assert listener.wait(timeout=5).code == code


def test_access_denied_with_matching_state_ends_the_wait(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    target = callback_target(
        error="access_denied", error_description="The user denied access", state=state
    )
    reply = in_thread(lambda: get(port, target))
    with pytest.raises(AccessDeniedError) as caught:
        listener.wait(timeout=10)
    assert caught.value.error == "access_denied"
    assert caught.value.error_description == "The user denied access"
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    assert "Sign-in didn\u2019t finish" in page.body
    assert "You chose not to give Box Login access" in page.body
    assert "<code>access_denied</code>" in page.body
    assert 'class="details is-empty"' not in page.body
    assert "You can close this tab and return to Box Login." in page.body
    assert_closed(port)


def test_other_oauth_errors_map_to_their_class(make_listener, state) -> None:
    ports = free_ports(2)
    first = make_listener([uri(ports[0])], state)
    first.start()
    # error_description comes from the address bar: carried in the error, never shown.
    hostile = "<b>Call 555-0100 to restore your account</b>"
    target = callback_target(error="server_error", error_description=hostile, state=state)
    reply = in_thread(lambda: get(ports[0], target))
    with pytest.raises(OAuthError) as caught:
        first.wait(timeout=10)
    assert type(caught.value) is OAuthError
    assert caught.value.error == "server_error"
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    assert "Box is having trouble right now." in page.body
    assert "555-0100" not in page.body

    second = make_listener([uri(ports[1])], state)
    second.start()
    weird = "<script>alert(1)</script>"
    reply = in_thread(lambda: get(ports[1], callback_target(error=weird, state=state)))
    with pytest.raises(OAuthError):
        second.wait(timeout=10)
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    assert "<script>" not in page.body
    assert "Box could not sign you in." in page.body


def test_missing_code_with_matching_state_is_invalid_request(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    reply = in_thread(lambda: get(port, callback_target(state=state, code="")))
    with pytest.raises(InvalidRequestError):
        listener.wait(timeout=10)
    page = reply.result(timeout=5)
    assert isinstance(page, Reply)
    assert "answer was incomplete" in page.body


def test_overall_timeout(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state, timeout=0.3)
    listener.start()
    started = time.monotonic()
    with pytest.raises(SignInTimeoutError):
        listener.wait()
    assert 0.25 <= time.monotonic() - started < 2.0
    assert_closed(port)
    with pytest.raises(SignInTimeoutError):  # the outcome sticks
        listener.wait()


def test_wait_timeout_argument(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    started = time.monotonic()
    with pytest.raises(SignInTimeoutError):
        listener.wait(timeout=0.2)
    assert time.monotonic() - started < 2.0
    assert_closed(port)


def test_cancel_from_another_thread(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    in_thread(listener.cancel, delay=0.2)
    started = time.monotonic()
    with pytest.raises(SignInCancelledError):
        listener.wait(timeout=30)
    assert time.monotonic() - started < 2.0
    assert_closed(port)
    listener.cancel()  # twice is fine
    listener.close()


def test_cancel_before_wait_and_callback_after_cancel(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port)], state)
    listener.start()
    listener.cancel()
    with pytest.raises(SignInCancelledError):
        listener.wait(timeout=5)
    assert_closed(port)


# --- ports and addresses ---------------------------------------------------------------


@contextlib.contextmanager
def occupied(port: int, host: str = HOST) -> Iterator[socket.socket]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, port))
        s.listen(1)
        yield s


def test_taken_port_moves_to_next_redirect_uri(make_listener, state, code, caplog) -> None:
    caplog.set_level(logging.INFO, logger="core.loopback")
    taken, free = free_ports(2)
    with occupied(taken):
        listener = make_listener([uri(taken), uri(free)], state)
        assert listener.start() == uri(free)
        assert listener.bound_address == (HOST, free)
        assert f"port {taken}: port in use" in caplog.text
        get(port=free, target=callback_target(code=code, state=state))
        assert listener.wait(timeout=5).redirect_uri == uri(free)


def test_all_ports_taken_names_them_and_what_to_do(make_listener, state) -> None:
    ports = free_ports(3)
    with occupied(ports[0]), occupied(ports[1]), occupied(ports[2]):
        listener = make_listener([uri(p) for p in ports], state)
        with pytest.raises(PortsUnavailableError) as caught:
            listener.start()
    error = caught.value
    # Plain words for the person; the ports and the redirect URI advice under Details.
    text = str(error)
    assert text.startswith("Another program on this computer is using the connection")
    assert "port" not in text.lower()
    assert "redirect" not in text.lower()
    details = error.details()
    for port in ports:
        assert str(port) in details
    assert "Close the program" in details
    assert "redirect URI" in details
    assert isinstance(error, loopback.ListenerPortsUnavailableError)
    assert error.ports == tuple(ports)
    assert all("in use" in why for _, why in error.attempts)
    assert listener.redirect_uri is None


def test_access_denied_port_moves_on(make_listener, state, monkeypatch) -> None:
    # Windows' reserved port ranges (WSAEACCES 10013) cannot happen here; simulate that one
    # bind failure and let the rest run for real.
    blocked, free = free_ports(2)
    real_open = listener_module._open_listening_socket

    def open_socket(ep: addresses._Endpoint) -> list[socket.socket]:
        if ep.port == blocked:
            exc = OSError(errno.EACCES, "An attempt was made to access a socket in a way ...")
            exc.winerror = 10013  # type: ignore[attr-defined]
            raise exc
        return real_open(ep)

    monkeypatch.setattr(listener_module, "_open_listening_socket", open_socket)
    listener = make_listener([uri(blocked), uri(free)], state)
    assert listener.start() == uri(free)


def test_bind_failure_reasons() -> None:
    assert "in use" in addresses._bind_failure(OSError(errno.EADDRINUSE, "x"))
    assert "in use" in addresses._bind_failure(OSError(10048, "x"))
    assert "denied" in addresses._bind_failure(OSError(errno.EACCES, "x"))
    assert "denied" in addresses._bind_failure(OSError(10013, "x"))
    assert "no such loopback" in addresses._bind_failure(OSError(errno.EADDRNOTAVAIL, "x"))
    assert "no such loopback" in addresses._bind_failure(OSError(errno.EAFNOSUPPORT, "x"))
    wrapped = addresses._BindError((socket.AF_INET6, "::1"), OSError(errno.EADDRINUSE, "x"))
    assert "in use" in addresses._bind_failure(wrapped)


def test_non_loopback_and_https_uris_are_skipped(make_listener, state, caplog) -> None:
    caplog.set_level(logging.INFO, logger="core.loopback")
    (port,) = free_ports(1)
    skipped = [
        f"https://127.0.0.1:{port}/callback",
        f"http://example.com:{port}/callback",
        f"http://0.0.0.0:{port}/callback",
        f"http://192.168.1.10:{port}/callback",
        "http://127.0.0.1:0/callback",
        "not a url",
    ]
    listener = make_listener([*skipped, uri(port)], state)
    assert listener.start() == uri(port)
    assert caplog.text.count("Skipping redirect URI") == len(skipped)

    nothing = make_listener(skipped, state)
    with pytest.raises(PortsUnavailableError, match="None of Box Login's redirect URIs"):
        nothing.start()


def test_binds_only_loopback(make_listener, state) -> None:
    (port,) = free_ports(1)
    listener = make_listener([uri(port, host="localhost")], state)
    assert listener.start() == uri(port, host="localhost")
    assert listener.bound_address == ("127.0.0.1", port)
    # 127.0.0.2 reaches this machine's loopback interface too, but not a 127.0.0.1 socket.
    assert isinstance(connect_error("127.0.0.2", port), ConnectionRefusedError)
    # And an address on a real interface, when the machine has one.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for UDP connect
            outside = probe.getsockname()[0]
        except OSError:
            outside = None
    if outside and not outside.startswith("127."):
        assert connect_error(outside, port) is not None
    assert get(port, "/").status == 404


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_ipv6_loopback_uri(make_listener, state, code) -> None:
    (port,) = free_ports(1, host="::1")
    redirect = f"http://[::1]:{port}/callback"
    listener = make_listener([redirect], state)
    assert listener.start() == redirect
    assert listener.bound_address == ("::1", port)
    assert isinstance(connect_error(HOST, port), ConnectionRefusedError)
    reply = get(port, callback_target(code=code, state=state), host="::1")
    assert reply.status == 200
    assert listener.wait(timeout=5).redirect_uri == redirect
    assert_closed(port, host="::1")


# --- localhost: every loopback address it can mean (issue 8, part 2) --------------------

needs_ipv6 = pytest.mark.skipif(not has_ipv6_loopback(), reason="no IPv6 loopback here")


def localhost_uri(port: int) -> str:
    return uri(port, host="localhost")


def test_localhost_binds_every_loopback_address(make_listener, state) -> None:
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    assert listener.start() == localhost_uri(port)
    assert listener.bound_address == (HOST, port)
    bound = listener.bound_addresses
    assert (HOST, port) in bound
    if has_ipv6_loopback():
        assert ("::1", port) in bound
        assert connect_error("::1", port) is None
    for host, bound_port in bound:
        assert bound_port == port
        assert ipaddress.ip_address(host).is_loopback
    assert connect_error(HOST, port) is None
    listener.close()
    for host, _ in bound:
        assert_closed(port, host=host)
    assert listener.bound_addresses == ()


@needs_ipv6
def test_localhost_callback_sent_to_ipv6_loopback_is_received(make_listener, state, code) -> None:
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    listener.start()
    reply = get(port, callback_target(code=code, state=state), host="::1")
    assert reply.status == 200
    assert "You\u2019re signed in to Box" in reply.body
    result = listener.wait(timeout=5)
    assert result == CallbackResult(code=code, state=state, redirect_uri=localhost_uri(port))
    # The one answer ends it: neither address takes connections any more.
    assert_closed(port, host="::1")
    assert_closed(port)


@needs_ipv6
def test_squatter_on_ipv6_loopback_makes_localhost_fall_back(
    make_listener, state, code, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="core.loopback")
    taken, free = free_dual_stack_ports(2)
    with Squatter("::1", taken) as squatter:
        listener = make_listener([localhost_uri(taken), localhost_uri(free)], state)
        assert listener.start() == localhost_uri(free)
        assert f"Cannot listen on ::1 port {taken}: port in use" in caplog.text
        # All or nothing: the 127.0.0.1 half of the taken URI was let go at once.
        assert_closed(taken)
        assert set(listener.bound_addresses) >= {(HOST, free), ("::1", free)}
        # A browser following the URI in use reaches Box Login on either address.
        reply = get(free, callback_target(code=code, state=state), host="::1")
        assert reply.status == 200
        assert listener.wait(timeout=5).redirect_uri == localhost_uri(free)
        assert squatter.connections == 0
        assert squatter.received == b""


@needs_ipv6
def test_squatters_on_every_ipv6_port_leave_no_localhost_uri(make_listener, state) -> None:
    ports = free_dual_stack_ports(2)
    with Squatter("::1", ports[0]), Squatter("::1", ports[1]):
        listener = make_listener([localhost_uri(p) for p in ports], state)
        with pytest.raises(PortsUnavailableError) as caught:
            listener.start()
        for port in ports:
            assert_closed(port)  # nothing left listening on 127.0.0.1 either
    error = caught.value
    assert isinstance(error, loopback.ListenerPortsUnavailableError)
    assert error.ports == tuple(ports)
    assert all("in use" in why for _, why in error.attempts)
    assert "Close the program" in error.details()


def test_taken_ipv4_loopback_makes_localhost_fall_back(make_listener, state) -> None:
    taken, free = free_dual_stack_ports(2)
    with occupied(taken):
        listener = make_listener([localhost_uri(taken), localhost_uri(free)], state)
        assert listener.start() == localhost_uri(free)
    if has_ipv6_loopback():
        assert_closed(taken, host="::1")


@needs_ipv6
def test_squatter_cannot_join_a_bound_localhost_port(make_listener, state) -> None:
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    listener.start()
    for host in ("::1", HOST):
        for reuse in (False, True):
            with pytest.raises(OSError, match=rf"\[Errno {errno.EADDRINUSE}\]"):
                Squatter(host, port, reuse=reuse).close()


@needs_ipv6
def test_address_literals_bind_only_that_address(make_listener, state) -> None:
    # 127.0.0.1 and [::1] are what the browser connects to, whatever holds the other one.
    v4, v6 = free_dual_stack_ports(2)
    with Squatter("::1", v4) as on_v6, Squatter(HOST, v6) as on_v4:
        listener = make_listener([uri(v4)], state)
        assert listener.start() == uri(v4)
        assert listener.bound_addresses == ((HOST, v4),)
        listener.close()
        listener = make_listener([f"http://[::1]:{v6}/callback"], state)
        assert listener.start() == f"http://[::1]:{v6}/callback"
        assert listener.bound_addresses == (("::1", v6),)
        listener.close()
        assert on_v6.connections == on_v4.connections == 0


@pytest.mark.parametrize("missing", [errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT])
def test_localhost_without_ipv6_binds_ipv4_only(
    make_listener, state, code, monkeypatch, missing
) -> None:
    real_bind = addresses._bind_one

    def bind_one(address: tuple[socket.AddressFamily, str], port: int) -> socket.socket:
        if address[0] == socket.AF_INET6:
            raise OSError(missing, os.strerror(missing))
        return real_bind(address, port)

    monkeypatch.setattr(addresses, "_bind_one", bind_one)
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    assert listener.start() == localhost_uri(port)
    assert listener.bound_addresses == ((HOST, port),)
    get(port, callback_target(code=code, state=state))
    assert listener.wait(timeout=5).code == code


def test_localhost_when_python_has_no_ipv6(make_listener, state, monkeypatch) -> None:
    monkeypatch.setattr(socket, "has_ipv6", False)
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    listener.start()
    assert listener.bound_addresses == ((HOST, port),)


def test_localhost_ipv6_access_denied_falls_back(make_listener, state, monkeypatch) -> None:
    # A port reserved for IPv6 only (Windows' excluded ranges, say) is as good as taken.
    blocked, free = free_dual_stack_ports(2)
    real_bind = addresses._bind_one

    def bind_one(address: tuple[socket.AddressFamily, str], port: int) -> socket.socket:
        if address[0] == socket.AF_INET6 and port == blocked:
            raise OSError(errno.EACCES, "Permission denied")
        return real_bind(address, port)

    monkeypatch.setattr(addresses, "_bind_one", bind_one)
    listener = make_listener([localhost_uri(blocked), localhost_uri(free)], state)
    assert listener.start() == localhost_uri(free)
    assert_closed(blocked)


def test_localhost_with_no_loopback_at_all_is_unavailable(
    make_listener, state, monkeypatch
) -> None:
    def bind_one(address: tuple[socket.AddressFamily, str], port: int) -> socket.socket:
        raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")

    monkeypatch.setattr(addresses, "_bind_one", bind_one)
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    with pytest.raises(PortsUnavailableError) as caught:
        listener.start()
    error = caught.value
    assert isinstance(error, loopback.ListenerPortsUnavailableError)
    assert error.attempts == ((localhost_uri(port), "this computer has no such loopback address"),)


def _can_listen_on(host: str) -> bool:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((host, 0))
        return True
    except OSError:
        return False


def test_localhost_also_binds_other_loopback_addresses_the_resolver_gives(
    make_listener, state, monkeypatch
) -> None:
    # A hosts file may map localhost to more of 127/8; a browser that asks the system
    # resolver could go there. Addresses off this computer are never bound, whatever it says.
    def getaddrinfo(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        assert host == "localhost"
        stream = socket.SOCK_STREAM
        return [
            (socket.AF_INET, stream, 6, "", ("127.0.0.2", 0)),
            (socket.AF_INET, stream, 6, "", ("192.0.2.7", 0)),
            (socket.AF_INET6, stream, 6, "", ("::1", 0, 0, 0)),
            (socket.AF_INET6, stream, 6, "", ("fe80::1%lo", 0, 0, 1)),
            (socket.AF_INET6, stream, 6, "", ("2001:db8::1", 0, 0, 0)),
            (socket.AF_INET, stream, 6, "", ("127.0.0.1", 0)),
            (socket.AF_INET, stream, 6, "", ("127.0.0.2", 0)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    listener.start()
    hosts = [host for host, _ in listener.bound_addresses]
    expected = [HOST, "::1"] if has_ipv6_loopback() else [HOST]
    if _can_listen_on("127.0.0.2"):  # Linux and Windows; macOS has only 127.0.0.1 on lo0
        expected.append("127.0.0.2")
        assert connect_error("127.0.0.2", port) is None
    assert hosts == expected


def test_localhost_when_the_resolver_fails(make_listener, state, monkeypatch) -> None:
    def getaddrinfo(*args: object, **kwargs: object) -> list[tuple[object, ...]]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    (port,) = free_dual_stack_ports(1)
    listener = make_listener([localhost_uri(port)], state)
    listener.start()
    expected = {(HOST, port), ("::1", port)} if has_ipv6_loopback() else {(HOST, port)}
    assert set(listener.bound_addresses) == expected


# --- logging ---------------------------------------------------------------------------


def test_debug_log_never_contains_code_state_or_query(make_listener, state, code, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    (port,) = free_ports(1)
    forged = secrets.token_urlsafe(32)
    listener = make_listener([uri(port)], state)
    listener.start()
    get(port, callback_target(code=code, state=forged))
    get(port, "/favicon.ico?" + urlencode({"code": code, "state": state}))
    raw_exchange(port, f"GET {callback_target(code=code)} HTTP/1.1\r\nbad\r\n\r\n".encode())
    for absolute, with_state in (
        (f"http://{HOST}:{port}", forged),  # absolute form of the callback itself
        (f"https://{HOST}:{port}", state),
        ("ftp://x", state),
    ):
        target = absolute + callback_target(code=code, state=with_state)
        assert raw_exchange(port, f"GET {target} HTTP/1.1\r\n\r\n".encode()) in (400, 404)
    get(port, callback_target(code=code, state=state))
    listener.wait(timeout=5)

    text = caplog.text
    for secret in (code, state, forged):
        assert secret not in text
    assert "code=" not in text
    assert "state=" not in text
    assert "?" not in "".join(r.getMessage() for r in caplog.records if r.name == "core.loopback")
    # What is logged: method, path and status.
    assert "GET /callback -> 200" in text
    assert "GET /callback -> 400" in text
    assert "GET /favicon.ico -> 404" in text
    assert any(
        r.levelno == logging.WARNING and "did not match" in r.getMessage() for r in caplog.records
    )


# --- pages -----------------------------------------------------------------------------

_COMPUTED = {
    "css",
    "title",
    "headline",
    "body",
    "todo",
    "details",
    "details_label",
    "details_class",
}


@pytest.mark.parametrize("name", ["callback_success.html", "callback_error.html"])
def test_templates_hold_no_visible_text_of_their_own(name: str) -> None:
    template = resource_path(name).read_text(encoding="utf-8")
    placeholders = set(re.findall(r"\{\{\s*([a-z_]+)\s*\}\}", template))
    assert placeholders
    assert placeholders <= set(PAGE_MESSAGES) | _COMPUTED
    visible = re.sub(
        r"<style>.*?</style>|<svg.*?</svg>|<[^>]+>|\{\{[^}]+\}\}", " ", template, flags=re.S
    )
    assert not re.search(r"[A-Za-z]", visible), visible
    assert "http:" not in template
    assert "https:" not in template
    assert "@import" not in resource_path("pages.css").read_text(encoding="utf-8")
    assert "url(" not in resource_path("pages.css").read_text(encoding="utf-8")


def test_translation_table_is_used_and_escaped(make_listener, state, code) -> None:
    (port,) = free_ports(1)
    messages = {
        "lang": "fr",
        "success_headline": "Vous \u00eates connect\u00e9 \u00e0 Box",
        "success_body": "<script>alert(1)</script> & co",
    }
    listener = make_listener([uri(port)], state, messages=messages)
    listener.start()
    reply = get(port, callback_target(code=code, state=state))
    listener.wait(timeout=5)
    assert '<html lang="fr"' in reply.body
    assert "Vous \u00eates connect\u00e9 \u00e0 Box" in reply.body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in reply.body
    assert "<script>" not in reply.body
    assert "You can close this tab" in reply.body  # untranslated keys fall back to English


def test_render_page_escapes_and_keeps_css_raw() -> None:
    out = loopback.render_page(
        "<style>{{css}}</style><h1>{{ headline }}</h1><p>{{missing}}</p>",
        {"css": "a > b { color: red }", "headline": 'He said "hi" <b>'},
    ).decode()
    assert (
        out == "<style>a > b { color: red }</style><h1>He said &quot;hi&quot; &lt;b&gt;</h1><p></p>"
    )
