"""A request as the endpoints see it and the answers they give (status, body, headers)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    """One request, read and parsed; it lives only while it is answered.

    ``form`` holds the body's fields when it is a form (first value of each name), ``query``
    the query string's; ``body`` is the raw body; ``authorization`` the Authorization header.
    """

    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, str]
    form: dict[str, str]
    is_form: bool
    body: bytes = field(default=b"", repr=False)
    authorization: str = field(default="", repr=False)


class OAuthFailure(Exception):
    """An OAuth error answer of the token or revoke endpoint."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description


class Response:
    """What an endpoint answers; written by the server with Content-Length and common headers.

    :data:`HANG_UP` is the answer that closes the connection without a word.
    """

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


#: Close the connection without answering (a server that dies mid-request).
HANG_UP = Response(0)


def json_response(status: int, data: Any, headers: Mapping[str, str] | None = None) -> Response:
    body = json.dumps(data, separators=(",", ":")).encode()
    return Response(status, body, "application/json", headers)


def oauth_error(status: int, error: str, description: str) -> Response:
    return json_response(
        status,
        {"error": error, "error_description": description},
        {"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # No form-action: Chromium applies it to the redirect after the form, which goes to the
    # app's loopback address.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
}


def html_response(status: int, page: str) -> Response:
    return Response(status, page.encode("utf-8"), "text/html; charset=utf-8", PAGE_HEADERS)


def redirect(location: str) -> Response:
    return Response(302, b"", None, {"Location": location, **PAGE_HEADERS})
