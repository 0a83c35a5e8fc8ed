"""``/oauth2/revoke``: revoking either token of a sign-in signs the user out of it, as on Box."""

from __future__ import annotations

from core.sandbox.box import SandboxConfig
from core.sandbox.grants import check_client
from core.sandbox.state import SandboxState
from core.sandbox.wire import OAuthFailure, Response, oauth_error


def revoke(
    config: SandboxConfig, state: SandboxState, form: dict[str, str], is_form: bool
) -> Response:
    """Answer ``POST /oauth2/revoke``: 200 for a known or unknown token alike."""
    if not is_form:
        return oauth_error(400, "invalid_request", "The token parameter is missing.")
    try:
        check_client(config, form)
    except OAuthFailure as failure:
        return oauth_error(failure.status, failure.error, failure.description)
    token = form.get("token")
    if not token:
        return oauth_error(400, "invalid_request", "The token parameter is missing.")
    with state.lock:
        access = state.access.get(token)
        refresh = state.refresh.get(token)
        grant_id = access.grant_id if access else refresh.grant_id if refresh else None
        grant = state.grants.get(grant_id) if grant_id is not None else None
        if grant is not None:
            # Box: revoking either token signs the user out of this grant.
            state.end_grant(grant)
    return Response(200, b"", None, {"Cache-Control": "no-store"})
