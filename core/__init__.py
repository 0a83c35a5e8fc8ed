"""Box Login's core: Box OAuth 2.0, the sandbox, the listener, the token store. No Qt here.

``import core`` (and so ``import core.version``) stays light: every name below is imported
on first use, so the window and ``main.py token`` load only what they need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from core.version import __version__

if TYPE_CHECKING:
    from core.errors import *  # noqa: F403
    from core.jwt_assertion import JwtAppConfig, make_assertion  # noqa: F401
    from core.oauth import (  # noqa: F401
        AuthorizationManager,
        AuthorizeUserResponseType,
        BaseUrls,
        BoxUser,
        RefreshAccessTokenGrantType,
        RequestAccessTokenActorTokenType,
        RequestAccessTokenBoxSubjectType,
        RequestAccessTokenGrantType,
        RequestAccessTokenSubjectTokenType,
    )
    from core.tokens import AccessToken  # noqa: F401

_LAZY = {
    "AccessToken": "core.tokens",
    "AuthorizationManager": "core.oauth",
    "AuthorizeUserResponseType": "core.oauth",
    "BaseUrls": "core.oauth",
    "BoxUser": "core.oauth",
    "JwtAppConfig": "core.jwt_assertion",
    "make_assertion": "core.jwt_assertion",
    "RefreshAccessTokenGrantType": "core.oauth",
    "RequestAccessTokenActorTokenType": "core.oauth",
    "RequestAccessTokenBoxSubjectType": "core.oauth",
    "RequestAccessTokenGrantType": "core.oauth",
    "RequestAccessTokenSubjectTokenType": "core.oauth",
}

# The error types (core.errors.__all__) are importable from here too; they are looked up on
# first use like the rest, without importing core.errors up front.
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        errors = importlib.import_module("core.errors")
        if name not in errors.__all__:
            raise AttributeError(f"module 'core' has no attribute {name!r}")
        module_name = "core.errors"
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    import core.errors

    return sorted({*globals(), *_LAZY, *core.errors.__all__})
