"""Box Login's core: Box OAuth 2.0, the sandbox, the listener, the token store. No Qt here.

``import core`` stays light: the OAuth client (and with it ``requests``) is imported on
first use of one of its names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.errors import *  # noqa: F403
from core.errors import __all__ as _errors_all
from core.tokens import AccessToken
from core.version import __version__

if TYPE_CHECKING:
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

_LAZY = {
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

__all__ = [*_errors_all, "AccessToken", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
