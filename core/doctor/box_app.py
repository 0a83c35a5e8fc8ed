"""The **Box app** check: Box answers the sign-in address for this ``client_id`` and each
redirect URI with its sign-in page, not an error page (docs/box-oauth.md).

Box shows an error page (or sends an error to the redirect URI) for an unknown client, a
return address the app has not registered, or a scope it does not have: this check is the one
that finds a wrong settings file before the person tries to sign in. It reads the page only;
nothing is signed in and nothing changes at Box.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from core.doctor.context import _Context
from core.doctor.results import CheckResult, _ok, _problem, _warning
from core.translation import translate, word_list

#: At most this many redirect URIs are checked with Box (each costs a request).
MAX_APP_CHECKS = 5


#: The OAuth error codes an authorize error page may name (docs/box-oauth.md).
_AUTHORIZE_ERRORS = (
    "invalid_client",
    "unauthorized_client",
    "redirect_uri_mismatch",
    "redirect_uri_missing",
    "unsupported_response_type",
    "invalid_scope",
    "invalid_request",
    "access_denied",
    "server_error",
    "temporarily_unavailable",
)
_ERROR_CODE = re.compile(r"\b(" + "|".join(_AUTHORIZE_ERRORS) + r")\b")
_SIGN_IN_FORM = re.compile(
    r"<form\b[^>]*>.*?<input\b[^>]*\b(?:type=\"?password|name=\"?login)", re.I | re.S
)


def classify_authorize_answer(
    status: int, headers: Mapping[str, str], body: str, redirect_uri: str
) -> tuple[str, str | None]:
    """What Box's answer to the sign-in address says: ``("sign_in", None)`` for its sign-in
    page (or a redirect on to it), ``("error", code)`` for an error page or an error sent to
    the redirect URI (``code`` None when the page names none), ``("unknown", None)``."""
    if 300 <= status < 400:
        location = headers.get("location", "")
        target = urlsplit(location)
        expected = urlsplit(redirect_uri)
        if (target.scheme, target.netloc, target.path) == (
            expected.scheme,
            expected.netloc,
            expected.path,
        ):
            error = parse_qs(target.query).get("error", [None])[0]
            return ("error", error) if error else ("sign_in", None)
        return ("sign_in", None)  # on to Box's sign-in page (or a single sign-on page)
    if status >= 400:
        match = _ERROR_CODE.search(body)
        return "error", match.group(1) if match else None
    if _SIGN_IN_FORM.search(body):
        return "sign_in", None
    match = _ERROR_CODE.search(body)
    if match:
        return "error", match.group(1)
    return "unknown", None


def _app_error_words(code: str | None, uri: str, ctx: _Context) -> tuple[str, str]:
    settings = ctx.settings
    assert settings is not None
    developer_console = translate(
        "Doctor", "the app's Configuration page in the Box developer console"
    )
    if code == "invalid_client":
        return (
            translate(
                "Doctor",
                'Box does not know this app: it refused the client ID ("client_id" in the '
                "settings, {client_id}).",
            ).format(client_id=settings.client_id),
            translate(
                "Doctor",
                "Copy the Client ID again from {console}. If it is right, the app may "
                "not be enabled yet: ask your Box administrator.",
            ).format(console=developer_console),
        )
    if code == "unauthorized_client":
        return (
            translate("Doctor", "Box does not allow this app to sign in for this enterprise."),
            translate(
                "Doctor",
                "Ask your Box administrator to authorize (enable) the app in the Admin Console.",
            ),
        )
    if code in ("redirect_uri_mismatch", "redirect_uri_missing"):
        return (
            translate(
                "Doctor", "Box does not accept the return address {address} for this app."
            ).format(address=uri),
            translate(
                "Doctor",
                "Register {address} exactly (same host, port and path) under OAuth 2.0 Redirect "
                'URIs on {console}, or remove it from "redirect_uris" in the settings.',
            ).format(address=uri, console=developer_console),
        )
    if code == "invalid_scope":
        return (
            translate(
                "Doctor",
                'Box does not accept the permissions asked for ("scope" in the settings: '
                '"{scope}").',
            ).format(scope=settings.scope),
            translate(
                "Doctor", 'Ask only for scopes the app has ({console}), or leave "scope" out.'
            ).format(console=developer_console),
        )
    if code in ("server_error", "temporarily_unavailable"):
        return (
            translate("Doctor", "Box could not show its sign-in page right now."),
            translate("Doctor", "Wait a few minutes and run this again."),
        )
    if code:
        said = translate(
            "Doctor",
            "Box answered its sign-in address with an error page ({code}), not its sign-in page.",
        ).format(code=code)
    else:
        said = translate(
            "Doctor", "Box answered its sign-in address with an error page, not its sign-in page."
        )
    return (
        said,
        translate(
            "Doctor",
            'Check "client_id" and "redirect_uris" in the settings against {console}. '
            "Your Box administrator may also need to authorize the app.",
        ).format(console=developer_console),
    )


def check_box_app(ctx: _Context) -> CheckResult:
    """Box answers the sign-in address for this client ID and each return address with its
    sign-in page, not an error page."""
    name = "box_app"
    settings = ctx.settings
    if settings is None:
        return _warning(
            name,
            translate("Doctor", "Not checked: there are no usable settings (see Settings)."),
            None,
        )
    uris = list(ctx.redirect_uris)[:MAX_APP_CHECKS]
    base_details: dict[str, Any] = {"client_id": settings.client_id, "scope": settings.scope}
    first = ctx.authorize_answer(uris[0])
    if not first.reached or first.status is None:
        return _warning(
            name,
            translate(
                "Doctor", "Not checked: Box's sign-in address could not be reached (see above)."
            ),
            translate("Doctor", "Fix the network first, then run this again."),
            **base_details,
        )
    checked: list[dict[str, Any]] = []
    for index, uri in enumerate(uris):
        answer = first if index == 0 else ctx.authorize_answer(uri)
        if answer.status is None:
            checked.append({"redirect_uri": uri, "outcome": "not reached", "error": None})
            continue
        kind, code = classify_authorize_answer(answer.status, answer.headers, answer.body, uri)
        checked.append(
            {"redirect_uri": uri, "outcome": kind, "error": code, "status": answer.status}
        )
    details = dict(base_details, redirect_uris=checked)
    refused = [c for c in checked if c["outcome"] == "error"]
    if refused:
        worst = refused[0]
        summary, fix = _app_error_words(worst["error"], worst["redirect_uri"], ctx)
        if worst is checked[0] or worst["error"] in (
            "invalid_client",
            "unauthorized_client",
            "invalid_scope",
        ):
            return _problem(name, summary, fix, **details)
        return _warning(
            name,
            translate(
                "Doctor", "{summary} The sign-in works while {address} can be opened."
            ).format(summary=summary, address=uris[0]),
            fix,
            **details,
        )
    unknown = [c for c in checked if c["outcome"] == "unknown"]
    if unknown:
        return _warning(
            name,
            translate(
                "Doctor",
                "Box answered its sign-in address (HTTP {status}) with a page Box "
                "Login does not recognise as its sign-in page.",
            ).format(status=unknown[0]["status"]),
            translate(
                "Doctor",
                "Sign in to see what it shows; if it is not Box's page, a proxy or firewall may be "
                "answering in Box's place: ask your IT team.",
            ),
            **details,
        )
    addresses = word_list([urlsplit(c["redirect_uri"]).netloc for c in checked])
    if len(checked) > 1:
        said = translate(
            "Doctor",
            "Box answers with its sign-in page for this app's client ID and return addresses "
            "{addresses}.",
        )
    else:
        said = translate(
            "Doctor",
            "Box answers with its sign-in page for this app's client ID and return address "
            "{addresses}.",
        )
    return _ok(name, said.format(addresses=addresses), **details)
