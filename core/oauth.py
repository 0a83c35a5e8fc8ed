"""Box's OAuth 2.0 operations, byte-for-byte what the official SDK sends, minus its mistakes.

:class:`AuthorizationManager` has the four methods of ``box_sdk_gen``'s manager of the same
name (same names, parameters and enums; see docs/box-oauth.md) plus :meth:`get_current_user`.
Differences on purpose: ``authorize_user`` returns the URL for a browser instead of fetching
it; errors are :mod:`core.errors` types that never contain a secret; single-use codes and
refresh tokens are never spent by a blind retry (see :mod:`core.http`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlencode

import requests

from core.errors import (
    BoxAPIError,
    BoxResponseError,
    InvalidTokenError,
    OAuthError,
    oauth_error_class,
)
from core.http import DEFAULT_TIMEOUT, HttpClient, Reply
from core.network import Network, NetworkSettings
from core.tokens import AccessToken
from core.translation import QT_TRANSLATE_NOOP, translate

__all__ = [
    "AuthorizationManager",
    "AuthorizeUserResponseType",
    "BaseUrls",
    "BoxUser",
    "RefreshAccessTokenGrantType",
    "RequestAccessTokenActorTokenType",
    "RequestAccessTokenBoxSubjectType",
    "RequestAccessTokenGrantType",
    "RequestAccessTokenSubjectTokenType",
]

logger = logging.getLogger(__name__)

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


# --- the SDK's enums (class names, member names and values as in box_sdk_gen 1.17.0) ------
# (str, Enum) rather than StrEnum, as in the SDK, so str()/format() behave the same.


class AuthorizeUserResponseType(str, Enum):  # noqa: UP042
    """``response_type`` of the authorize URL."""

    CODE = "code"


class RequestAccessTokenGrantType(str, Enum):  # noqa: UP042
    """``grant_type`` of a token request."""

    AUTHORIZATION_CODE = "authorization_code"
    REFRESH_TOKEN = "refresh_token"
    CLIENT_CREDENTIALS = "client_credentials"
    URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE = (
        "urn:ietf:params:oauth:grant-type:token-exchange"
    )


class RequestAccessTokenSubjectTokenType(str, Enum):  # noqa: UP042
    """``subject_token_type`` of a token exchange."""

    URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token"


class RequestAccessTokenActorTokenType(str, Enum):  # noqa: UP042
    """``actor_token_type`` of a token exchange for an annotator token."""

    URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token"


class RequestAccessTokenBoxSubjectType(str, Enum):  # noqa: UP042
    """``box_subject_type`` of a client-credentials grant."""

    ENTERPRISE = "enterprise"
    USER = "user"


class RefreshAccessTokenGrantType(str, Enum):  # noqa: UP042
    """``grant_type`` of :meth:`AuthorizationManager.refresh_access_token`."""

    REFRESH_TOKEN = "refresh_token"


# --- values --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseUrls:
    """Where Box lives (the SDK's field names). Point it at the sandbox or ``ent.box.com``."""

    base_url: str = "https://api.box.com"
    oauth_2_url: str = "https://account.box.com/api/oauth2"
    upload_url: str = "https://upload.box.com/api"


@dataclass(frozen=True)
class BoxUser:
    """Who an access token belongs to (from ``GET /2.0/users/me``)."""

    id: str
    name: str
    login: str


# --- helpers -------------------------------------------------------------------------------


def _text(value: object) -> str:
    """A form/query value as the SDK sends it: enums by value, everything else as str."""
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _encode(fields: Iterable[tuple[str, object]]) -> str:
    """``urlencode`` of the fields in order, None dropped (the SDK's ``prepare_params``)."""
    return urlencode([(name, _text(value)) for name, value in fields if value is not None])


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _oauth_error(reply: Reply, refused: str) -> BoxResponseError:
    """The error for a 4xx answer of the token or revoke endpoint; ``refused`` is the
    message for an unknown ``error`` (marked for translation in "SignIn", with ``{status}``)."""
    body = reply.json_object() or {}
    error = _str_or_none(body.get("error"))
    description = _str_or_none(body.get("error_description"))
    cls = oauth_error_class(error)
    message = None
    if cls is OAuthError:
        message = translate("SignIn", refused).format(status=reply.status)
    return cls(
        message,
        status=reply.status,
        error=error,
        error_description=description,
        request_id=reply.request_id,
    )


def _bearer_error(header: str | None) -> tuple[str | None, str | None]:
    """``error`` and ``error_description`` from a ``WWW-Authenticate: Bearer ...`` header."""
    if not header:
        return None, None
    found: dict[str, str] = {}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if sep:
            found[name.strip().rsplit(" ", 1)[-1].lower()] = value.strip().strip('"')
    return found.get("error"), found.get("error_description")


class AuthorizationManager:
    """Box's four OAuth 2.0 operations (the official SDK's ``AuthorizationManager``) plus
    :meth:`get_current_user`.

    ``extra_headers`` given here go on every request; per-call ``extra_headers`` are merged
    over them, and a ``None`` value removes a header. ``network`` (the settings' ``proxy`` and
    ``ca_bundle``, see :mod:`core.network`) says whom to trust and which proxy to take; without
    it, the system's certificate store and proxy configuration. ``sleep`` and ``clock`` exist
    for tests.
    """

    def __init__(
        self,
        base_urls: BaseUrls | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        *,
        max_retry_wait: float = 30.0,
        extra_headers: Mapping[str, str | None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        network: NetworkSettings | Network | None = None,
    ) -> None:
        self.base_urls = base_urls if base_urls is not None else BaseUrls()
        self._http = HttpClient(
            session,
            timeout,
            max_retry_wait=max_retry_wait,
            extra_headers=extra_headers,
            sleep=sleep,
            clock=clock,
            network=network,
        )

    @property
    def network(self) -> Network | None:
        """The trust and proxy rules the calls follow (None with a caller's own session)."""
        return self._http.network

    @property
    def session(self) -> requests.Session:
        """The ``requests`` session every call goes through (connections are reused)."""
        return self._http.session

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.session.close()

    # -- the SDK's four methods ---------------------------------------------------------------

    def authorize_user(
        self,
        response_type: AuthorizeUserResponseType | str,
        client_id: str,
        *,
        redirect_uri: str | None = None,
        state: str | None = None,
        scope: str | None = None,
        extra_headers: Mapping[str, str | None] | None = None,
    ) -> str:
        """The URL of Box's sign-in page, to open in the person's browser.

        The query is what the SDK's ``BoxOAuth.get_authorize_url`` builds: ``client_id``,
        ``response_type``, ``redirect_uri``, ``state``, ``scope`` in that order, absent ones
        dropped. ``extra_headers`` is accepted for the SDK's signature; a browser sends its
        own headers, so it has no effect.
        """
        del extra_headers
        query = _encode(
            (
                ("client_id", client_id),
                ("response_type", response_type),
                ("redirect_uri", redirect_uri),
                ("state", state),
                ("scope", scope),
            )
        )
        return f"{self.base_urls.oauth_2_url}/authorize?{query}"

    def request_access_token(
        self,
        grant_type: RequestAccessTokenGrantType | str,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        code: str | None = None,
        refresh_token: str | None = None,
        assertion: str | None = None,
        subject_token: str | None = None,
        subject_token_type: RequestAccessTokenSubjectTokenType | str | None = None,
        actor_token: str | None = None,
        actor_token_type: RequestAccessTokenActorTokenType | str | None = None,
        scope: str | None = None,
        resource: str | None = None,
        box_subject_type: RequestAccessTokenBoxSubjectType | str | None = None,
        box_subject_id: str | None = None,
        box_shared_link: str | None = None,
        extra_headers: Mapping[str, str | None] | None = None,
    ) -> AccessToken:
        """``POST {base_url}/oauth2/token`` for any of the five grant types.

        Raises an :class:`~core.errors.OAuthError` subclass when Box refuses,
        :class:`~core.errors.BoxServerError`/:class:`~core.errors.RateLimitedError`, or a
        :class:`~core.errors.NetworkError` subclass.
        """
        body = _encode(
            (
                ("grant_type", grant_type),
                ("client_id", client_id),
                ("client_secret", client_secret),
                ("code", code),
                ("refresh_token", refresh_token),
                ("assertion", assertion),
                ("subject_token", subject_token),
                ("subject_token_type", subject_token_type),
                ("actor_token", actor_token),
                ("actor_token_type", actor_token_type),
                ("scope", scope),
                ("resource", resource),
                ("box_subject_type", box_subject_type),
                ("box_subject_id", box_subject_id),
                ("box_shared_link", box_shared_link),
            )
        )
        return self._token_call(body, extra_headers)

    def refresh_access_token(
        self,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        *,
        grant_type: RefreshAccessTokenGrantType | str = RefreshAccessTokenGrantType.REFRESH_TOKEN,
        extra_headers: Mapping[str, str | None] | None = None,
    ) -> AccessToken:
        """Trade a (single-use) refresh token for a new access and refresh token.

        Never retried unless Box certainly did not see the request (connection refused, 429,
        503): a retry after Box used the refresh token would only get ``invalid_grant``.
        """
        body = _encode(
            (
                ("grant_type", grant_type),
                ("client_id", client_id),
                ("client_secret", client_secret),
                ("refresh_token", refresh_token),
            )
        )
        return self._token_call(body, extra_headers)

    def revoke_access_token(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        token: str | None = None,
        extra_headers: Mapping[str, str | None] | None = None,
    ) -> None:
        """``POST {base_url}/oauth2/revoke``: end an access or refresh token (and its pair)."""
        body = _encode(
            (("client_id", client_id), ("client_secret", client_secret), ("token", token))
        )
        reply = self._http.request(
            "POST",
            f"{self.base_urls.base_url}/oauth2/revoke",
            data=body,
            headers=_FORM,
            call_headers=extra_headers,
        )
        if reply.status >= 400:
            raise _oauth_error(
                reply,
                QT_TRANSLATE_NOOP("SignIn", "Box refused to sign this app out (HTTP {status})."),
            )

    # -- beyond the SDK ------------------------------------------------------------------------

    def get_current_user(
        self, access_token: str, *, extra_headers: Mapping[str, str | None] | None = None
    ) -> BoxUser:
        """``GET {base_url}/2.0/users/me``: who the access token belongs to.

        Raises :class:`~core.errors.InvalidTokenError` when Box no longer accepts the token.
        """
        reply = self._http.request(
            "GET",
            f"{self.base_urls.base_url}/2.0/users/me",
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
            call_headers=extra_headers,
        )
        body = reply.json_object()
        if reply.status == 401:
            error, description = _bearer_error(reply.response.headers.get("WWW-Authenticate"))
            raise InvalidTokenError(
                status=401,
                error=error or "invalid_token",
                error_description=description,
                request_id=reply.request_id or _str_or_none((body or {}).get("request_id")),
            )
        if reply.status >= 400:
            body = body or {}
            raise BoxAPIError(
                translate("SignIn", "Box refused to say who is signed in (HTTP {status}).").format(
                    status=reply.status
                ),
                status=reply.status,
                error=_str_or_none(body.get("code")),
                error_description=_str_or_none(body.get("message")),
                request_id=reply.request_id or _str_or_none(body.get("request_id")),
            )
        user_id = body.get("id") if body else None
        if body is None or not isinstance(user_id, str | int) or isinstance(user_id, bool):
            raise _unreadable(
                reply,
                QT_TRANSLATE_NOOP(
                    "SignIn",
                    "Box's answer (HTTP {status}, {content_type}) did not contain the signed-in "
                    "user.",
                ),
            )
        name, login = body.get("name"), body.get("login")
        return BoxUser(
            id=str(user_id),
            name=name if isinstance(name, str) else "",
            login=login if isinstance(login, str) else "",
        )

    # -- internals -----------------------------------------------------------------------------

    def _token_call(self, body: str, extra_headers: Mapping[str, str | None] | None) -> AccessToken:
        reply = self._http.request(
            "POST",
            f"{self.base_urls.base_url}/oauth2/token",
            data=body,
            headers=_FORM,
            call_headers=extra_headers,
        )
        if reply.status >= 400:
            raise _oauth_error(
                reply, QT_TRANSLATE_NOOP("SignIn", "Box refused to sign you in (HTTP {status}).")
            )
        data = reply.json_object()
        if data is None or not isinstance(data.get("access_token"), str):
            raise _unreadable(
                reply,
                QT_TRANSLATE_NOOP(
                    "SignIn",
                    "Box's answer (HTTP {status}, {content_type}) did not contain a token.",
                ),
            )
        try:
            return AccessToken.from_response(data, received_at=reply.received_at)
        except (TypeError, ValueError):  # e.g. "expires_in": "soon"
            raise _unreadable(
                reply,
                QT_TRANSLATE_NOOP(
                    "SignIn",
                    "Box's answer (HTTP {status}, {content_type}) did not contain a usable token.",
                ),
            ) from None


def _unreadable(reply: Reply, message: str) -> BoxResponseError:
    """``message``: marked for translation in "SignIn", with ``{status}`` and
    ``{content_type}``."""
    content_type = reply.response.headers.get("Content-Type")
    if content_type is None:
        content_type = translate("SignIn", "no content type")
    return BoxResponseError(
        translate("SignIn", message).format(
            status=reply.status, content_type=content_type.split(";")[0]
        ),
        status=reply.status,
        request_id=reply.request_id,
        hint=translate(
            "SignIn",
            "If Box Login is pointed at a proxy or a custom Box address, check the settings.",
        ),
    )
