"""``/api/oauth2/authorize``: Box's sign-in pages (log in, then grant or deny).

A GET checks the request like Box and shows the login page; each POST carries a single-use
CSRF token naming the page it answers. Granting redirects to the app with a code, denying
with ``access_denied``; a request Box cannot redirect for is shown as an error page.
"""

from __future__ import annotations

import functools
import hmac
import html
import secrets
import string
import urllib.parse
from collections.abc import Mapping, Sequence

from core.paths import resource_path
from core.sandbox.box import (
    AUTHORIZE_PATH,
    DESC_DENIED,
    SCOPE_DESCRIPTIONS,
    SandboxConfig,
    SandboxUser,
)
from core.sandbox.state import CodeRecord, PendingPage, SandboxState
from core.sandbox.wire import Response, html_response, redirect
from core.settings import LOOPBACK_HOSTS

_PAGE_LIFETIME = 600.0


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
    return (host or "").lower() in LOOPBACK_HOSTS


def _append_query(url: str, params: Sequence[tuple[str, str]]) -> str:
    """``url`` with ``params`` added after any query it already has."""
    parts = urllib.parse.urlsplit(url)
    extra = urllib.parse.urlencode(list(params))
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit(parts._replace(query=query))


class AuthorizeEndpoint:
    """The authorize pages of one sandbox."""

    def __init__(self, config: SandboxConfig, state: SandboxState) -> None:
        self.config = config
        self.state = state

    def get(self, query: dict[str, str]) -> Response:
        params: dict[str, str] = {
            k: query[k]
            for k in ("client_id", "response_type", "redirect_uri", "state", "scope")
            if k in query
        }
        try:
            redirect_uri = self._validate(params)
        except _AuthorizeFailure as failure:
            return self._error_page(failure)
        if self._check_scope(params.get("scope")) is None:
            return self._redirect_with_error(
                redirect_uri, params, "invalid_scope", "The requested scope is invalid."
            )
        return self._login_page(params, redirect_uri)

    def post(self, form: dict[str, str]) -> Response:
        csrf = form.get("csrf_token", "")
        now = self.state.clock()
        with self.state.lock:
            self.state.prune(now)
            pending = self.state.pending.pop(csrf, None) if csrf else None
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

    def _validate(self, params: Mapping[str, str]) -> str:
        """Check an authorize request like Box; returns the redirect URI to answer to."""
        config = self.config
        client_id = params.get("client_id", "")
        if not client_id:
            raise _AuthorizeFailure("invalid_request", "The client_id parameter is missing.")
        if not hmac.compare_digest(client_id.encode(), config.client_id.encode()):
            raise _AuthorizeFailure("invalid_client", "The client ID is not valid.")
        response_type = params.get("response_type", "")
        if response_type != "code":
            raise _AuthorizeFailure(
                "unsupported_response_type",
                "The response_type parameter must be \u201ccode\u201d.",
            )
        redirect_uri = params.get("redirect_uri")
        if redirect_uri is None or redirect_uri == "":
            if len(config.redirect_uris) == 1:
                redirect_uri = config.redirect_uris[0]
            elif not config.redirect_uris:
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
        if redirect_uri not in config.redirect_uris:
            raise _AuthorizeFailure(
                "redirect_uri_mismatch",
                "The redirect URI is missing or does not match a redirect URI registered "
                "for this application.",
            )
        return redirect_uri

    def _check_scope(self, scope: str | None) -> str | None:
        """The space-separated scope to grant, or None when it asks for unknown scopes."""
        if not scope:
            return " ".join(self.config.app_scopes)
        scopes = scope.split()
        if not scopes or any(s not in SCOPE_DESCRIPTIONS for s in scopes):
            return None
        return " ".join(scopes)

    def _login_submitted(self, pending: PendingPage, form: dict[str, str]) -> Response:
        login = form.get("login", "").strip()
        password = form.get("password", "")
        for user in self.config.users:
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

    def _grant(self, pending: PendingPage, user: SandboxUser) -> Response:
        scope = self._check_scope(pending.params.get("scope")) or ""
        code = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.codes[code] = CodeRecord(
                client_id=pending.params["client_id"],
                redirect_uri=pending.redirect_uri,
                user=user,
                scope=scope,
                expires_at=self.state.clock() + self.config.code_lifetime,
            )
        answer = [("code", code)]
        if "state" in pending.params:
            answer.append(("state", pending.params["state"]))
        return redirect(_append_query(pending.redirect_uri, answer))

    @staticmethod
    def _redirect_with_error(
        redirect_uri: str, params: Mapping[str, str], error: str, description: str
    ) -> Response:
        answer = [("error", error), ("error_description", description)]
        if "state" in params:
            answer.append(("state", params["state"]))
        return redirect(_append_query(redirect_uri, answer))

    def _new_page(self, params: dict[str, str], redirect_uri: str, user: SandboxUser | None) -> str:
        csrf = secrets.token_urlsafe(24)
        now = self.state.clock()
        with self.state.lock:
            self.state.prune(now)
            self.state.pending[csrf] = PendingPage(
                dict(params), redirect_uri, now + _PAGE_LIFETIME, user
            )
        return csrf

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
    ) -> Response:
        config = self.config
        csrf = self._new_page(params, redirect_uri, None)
        demo = config.users[0] if config.users else None
        hint = ""
        if config.show_demo_hint and demo is not None:
            hint = (
                '<div class="message hint" id="demo-hint">Demo account: '
                f"<strong>{html.escape(demo.login)}</strong>, password "
                f"<strong>{html.escape(demo.password)}</strong></div>"
            )
        if login is None:
            login = demo.login if (config.show_demo_hint and demo is not None) else ""
        page = _template("sandbox_login.html").substitute(
            css=_css(),
            app_name=html.escape(config.app_name),
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
        return html_response(200, page)

    def _consent_page(
        self, params: dict[str, str], redirect_uri: str, user: SandboxUser
    ) -> Response:
        csrf = self._new_page(params, redirect_uri, user)
        scope = self._check_scope(params.get("scope")) or ""
        items = "".join(
            f"<li>{html.escape(SCOPE_DESCRIPTIONS.get(s, s))}</li>" for s in scope.split()
        )
        page = _template("sandbox_consent.html").substitute(
            css=_css(),
            app_name=html.escape(self.config.app_name),
            scopes=items,
            user_login=html.escape(user.login),
            action=AUTHORIZE_PATH,
            hidden=self._hidden_fields(params, csrf),
        )
        return html_response(200, page)

    @staticmethod
    def _error_page(failure: _AuthorizeFailure) -> Response:
        page = _template("sandbox_error.html").substitute(
            css=_css(),
            error=html.escape(failure.error),
            description=html.escape(failure.description),
        )
        return html_response(400, page)
