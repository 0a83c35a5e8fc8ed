"""The listener's tiny HTTP/1.x: reading a request head and writing an answer.

Only what the callback needs: the request line and headers (never a body), each part checked
against hard limits as it arrives so that junk or a flood is turned away early (400, 414, 431,
505) instead of being buffered, and short ``Connection: close`` answers that carry security
headers (no caching, no referrer, no framing, a strict Content-Security-Policy). Hand-written
rather than :mod:`http.server` for the reasons in :mod:`core.loopback`. Nothing here logs; the
pieces of a request that reach a log line go through :func:`_printable`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

#: Request line and headers together; more gets 431.
MAX_HEADER_BYTES: Final = 16 * 1024
#: Request target (path and query); more gets 414.
MAX_TARGET_BYTES: Final = 8 * 1024
MAX_HEADER_LINES: Final = 100

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
