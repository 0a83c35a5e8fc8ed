"""``GET /2.0/users/me``: the signed-in person, for a live access token; Box's 401 otherwise."""

from __future__ import annotations

from core.sandbox.box import DESC_INVALID_TOKEN
from core.sandbox.state import SandboxState
from core.sandbox.wire import Response, json_response


def users_me(state: SandboxState, authorization: str) -> Response:
    """Answer ``GET /2.0/users/me`` with the ``Authorization`` header ``authorization``."""
    scheme, _, token = authorization.partition(" ")
    with state.lock:
        record = state.live_access(token.strip()) if scheme.lower() == "bearer" else None
        grant = state.grants.get(record.grant_id) if record else None
    if record is None or grant is None:
        return json_response(
            401,
            {
                "type": "error",
                "status": 401,
                "code": "unauthorized",
                "error": "invalid_token",
                "error_description": DESC_INVALID_TOKEN,
                "message": "Unauthorized",
            },
            {
                "WWW-Authenticate": 'Bearer realm="Service", error="invalid_token", '
                f'error_description="{DESC_INVALID_TOKEN}"'
            },
        )
    user = grant.user
    return json_response(
        200,
        {
            "type": "user",
            "id": user.id,
            "name": user.name,
            "login": user.login,
            "created_at": "2024-01-02T10:00:00-08:00",
            "modified_at": "2024-01-02T10:00:00-08:00",
            "language": "en",
            "timezone": "America/Los_Angeles",
            "space_amount": 10737418240,
            "space_used": 0,
            "max_upload_size": 2147483648,
            "status": "active",
            "job_title": "",
            "phone": "",
            "address": "",
            "avatar_url": "",
        },
    )
