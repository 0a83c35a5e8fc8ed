"""What the sandbox copies from Box: its paths, grant types, error texts, scopes and people.

Every endpoint module reads these; none of them holds state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import BoxLoginError
from core.scopes import BOX_SCOPES

AUTHORIZE_PATH = "/api/oauth2/authorize"
TOKEN_PATH = "/oauth2/token"
REVOKE_PATH = "/oauth2/revoke"
USERS_ME_PATH = "/2.0/users/me"

GRANT_AUTHORIZATION_CODE = "authorization_code"
GRANT_REFRESH_TOKEN = "refresh_token"
GRANT_CLIENT_CREDENTIALS = "client_credentials"
GRANT_JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token"
JWT_AUDIENCE = "https://api.box.com/oauth2/token"
JWT_ALGORITHMS = ("RS256", "RS384", "RS512")

DESC_INVALID_CLIENT = "The client credentials are invalid"
DESC_BAD_GRANT_TYPE = "Invalid grant_type parameter or parameter missing"
DESC_BAD_CODE = "Auth code doesn't exist or is invalid for the client"
DESC_CODE_EXPIRED = "The authorization code has expired."
DESC_BAD_REFRESH = "Invalid refresh token"
DESC_REFRESH_EXPIRED = "Refresh token has expired"
DESC_NOT_AUTHORIZED = "This app is not authorized by the enterprise admin."
DESC_BAD_GRANT_CREDENTIALS = "Grant credentials are invalid"
DESC_DENIED = "The user denied access to your application"
DESC_INVALID_TOKEN = "The access token provided is invalid."

#: What the consent page says for each scope Box knows (unknown scopes are refused).
SCOPE_DESCRIPTIONS = BOX_SCOPES


class SandboxError(BoxLoginError):
    """The Box sandbox could not do what was asked."""

    exit_code = 3


@dataclass(frozen=True)
class SandboxUser:
    """A person who can sign in to the sandbox."""

    id: str
    name: str
    login: str
    password: str = field(repr=False, default="")


#: The demo account shown on the sandbox's sign-in page.
DEMO_USER = SandboxUser(
    id="20000001", name="Ada Lovelace", login="ada@example.com", password="demo"
)


@dataclass(frozen=True)
class SandboxConfig:
    """The Box app and enterprise one sandbox plays (see :class:`SandboxServer` for each)."""

    client_id: str
    client_secret: str = field(repr=False)
    redirect_uris: tuple[str, ...]
    users: tuple[SandboxUser, ...]
    enterprise_id: str
    jwt_public_keys: dict[str, str]
    code_lifetime: float
    access_token_lifetime: int
    refresh_token_lifetime: float
    app_name: str
    app_scopes: tuple[str, ...]
    show_demo_hint: bool
    #: The user behind enterprise (service account) tokens from CCG and JWT.
    service_account: SandboxUser

    def user_by_id(self, user_id: str) -> SandboxUser | None:
        return next((u for u in self.users if u.id == user_id), None)


def service_account_for(enterprise_id: str) -> SandboxUser:
    """The enterprise's service account, as CCG and JWT enterprise tokens name it."""
    return SandboxUser(
        id="30000001",
        name="Box Login Sandbox Service Account",
        login=f"AutomationUser_{enterprise_id}_sandbox@boxdevedition.com",
    )
