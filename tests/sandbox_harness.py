"""The Box sandbox as the tests drive it: faults, delays, expiry, a record of every request,
and a scripted browser for its sign-in pages.

- :class:`TestSandbox`: :class:`core.sandbox.SandboxServer` plus what only tests need. The
  product's sandbox (demo mode, ``main.py sandbox``) keeps no request bodies (they hold
  secrets) and cannot be told to fail; this one can, through the server's
  ``_before_route`` and ``_accepted`` hooks.
- :func:`complete_authorization`: act as the person's browser on the authorize pages.

The fixtures in ``tests/plugin_sandbox.py`` build :class:`TestSandbox`.
"""

from __future__ import annotations

import json
import socket
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import requests

from core.sandbox import DEMO_USER, TOKEN_PATH, SandboxError, SandboxServer
from core.sandbox.wire import HANG_UP, Request, Response, html_response

__all__ = ["RecordedRequest", "TestSandbox", "complete_authorization"]


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

    def response(self) -> Response:
        headers = dict(self.headers)
        content_type = next(
            (headers.pop(k) for k in list(headers) if k.lower() == "content-type"), None
        )
        if isinstance(self.body, dict):
            body = json.dumps(self.body).encode()
            content_type = content_type or "application/json"
        elif isinstance(self.body, str):
            body = self.body.encode("utf-8")
            content_type = content_type or "text/plain; charset=utf-8"
        else:
            body = b""
        return Response(self.status, body, content_type, headers)


class TestSandbox(SandboxServer):
    """A sandbox that records every request and can be told to fail, wait or expire tokens.

    All inspection and fault methods are thread-safe.
    """

    __test__ = False  # a helper, not a pytest test class

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: Called with each accepted server-side socket (e.g. to read its options).
        self.connection_hook: Callable[[socket.socket], None] | None = None
        self._pages: dict[str, str] = {}
        self._clear_records()

    def _clear_records(self) -> None:
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        self._grant_counts: dict[str, int] = {}
        self._requests: list[RecordedRequest] = []

    # --- faults and extra pages ----------------------------------------------------------

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

    # --- expiry and inspection -----------------------------------------------------------

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far expired (not revoked)."""
        now = self.clock()
        with self._lock:
            for record in self._state.access.values():
                record.expires_at = min(record.expires_at, now - 1)

    def expire_refresh_tokens(self) -> None:
        """Make every refresh token issued so far expired."""
        now = self.clock()
        with self._lock:
            for record in self._state.refresh.values():
                record.expires_at = min(record.expires_at, now - 1)

    def expire_codes(self) -> None:
        """Make every authorization code issued so far expired."""
        now = self.clock()
        with self._lock:
            for record in self._state.codes.values():
                record.expires_at = min(record.expires_at, now - 1)

    def is_access_token_active(self, token: str) -> bool:
        """True when ``token`` would be accepted by ``/2.0/users/me`` now."""
        with self._lock:
            return self._state.live_access(token) is not None

    def is_refresh_token_active(self, token: str) -> bool:
        """True when ``token`` would be accepted by the refresh grant now."""
        with self._lock:
            record = self._state.refresh.get(token)
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
            self._state.clear()
            self._clear_records()

    # --- the server's hooks --------------------------------------------------------------

    def _accepted(self, sock: socket.socket) -> None:
        hook = self.connection_hook
        if hook is not None:
            hook(sock)

    def _before_route(self, request: Request) -> Response | None:
        record = RecordedRequest(
            method=request.method,
            path=request.path,
            headers=request.headers,
            form=request.form,
            query=request.query,
            body=request.body,
        )
        with self._lock:
            self._requests.append(record)
            if request.method == "POST" and request.path == TOKEN_PATH:
                grant_type = request.form.get("grant_type", "")
                self._grant_counts[grant_type] = self._grant_counts.get(grant_type, 0) + 1
            fault = self._take_fault(request.path)
            delay = self._delays.get(request.path, 0.0)
            page = self._pages.get(request.path)
        if delay > 0 and self._stopping.wait(delay):
            return HANG_UP
        if fault is not None:
            if fault.delay > 0 and self._stopping.wait(fault.delay):
                return HANG_UP
            return HANG_UP if fault.status == 0 else fault.response()
        if page is not None and request.method in ("GET", "HEAD"):
            return html_response(200, page)
        return None

    def _take_fault(self, path: str) -> _Fault | None:
        queue = self._faults.get(path)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault


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
