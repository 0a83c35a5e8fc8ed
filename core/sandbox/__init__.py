"""A local server that behaves like Box's OAuth 2.0 endpoints, for the demo mode and the tests.

It reproduces what ``shared/BOX-OAUTH.md`` describes: the authorize page (log in, then grant or
deny), exact redirect URI matching, the token endpoint for all five grant types with Box's
error bodies, revoke, and ``GET /2.0/users/me``. It binds 127.0.0.1 only and speaks HTTP/1.1
keep-alive with ``TCP_NODELAY`` set.

One module per concern: ``server`` (HTTP, routing, lifecycle), one per endpoint
(``authorize``, ``grants`` for the token endpoint, ``revoke``, ``users``), ``state`` (what it
has handed out), ``box`` (Box's paths, texts, scopes and people) and ``wire`` (requests and
answers). Fault injection, request recording and a scripted browser are the tests' own
(``tests/sandbox_harness.py``); printing and saving settings is the command line's.

Standard library only; PyJWT and cryptography are imported when a JWT assertion arrives.
"""

from __future__ import annotations

from core.sandbox.box import (
    AUTHORIZE_PATH,
    DEMO_USER,
    REVOKE_PATH,
    SCOPE_DESCRIPTIONS,
    TOKEN_PATH,
    USERS_ME_PATH,
    SandboxError,
    SandboxUser,
)
from core.sandbox.server import SandboxServer

__all__ = [
    "AUTHORIZE_PATH",
    "DEMO_USER",
    "REVOKE_PATH",
    "SCOPE_DESCRIPTIONS",
    "TOKEN_PATH",
    "USERS_ME_PATH",
    "SandboxError",
    "SandboxServer",
    "SandboxUser",
]
