"""``/oauth2/token``: the token endpoint and its five grant types, one class each.

Like Authlib's grants: :class:`TokenEndpoint` picks the grant named by ``grant_type``; a grant
checks the form like Box, raises :class:`OAuthFailure` with Box's error and description, or
returns the token answer. The endpoint holds the state's lock while a grant runs, so two
refreshes with one token cannot both win.
"""

from __future__ import annotations

import hmac
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any, ClassVar

from core.sandbox.box import (
    ACCESS_TOKEN_TYPE,
    DESC_BAD_CODE,
    DESC_BAD_GRANT_CREDENTIALS,
    DESC_BAD_GRANT_TYPE,
    DESC_BAD_REFRESH,
    DESC_CODE_EXPIRED,
    DESC_INVALID_CLIENT,
    DESC_NOT_AUTHORIZED,
    DESC_REFRESH_EXPIRED,
    GRANT_AUTHORIZATION_CODE,
    GRANT_CLIENT_CREDENTIALS,
    GRANT_JWT,
    GRANT_REFRESH_TOKEN,
    GRANT_TOKEN_EXCHANGE,
    ID_TOKEN_TYPE,
    JWT_ALGORITHMS,
    JWT_AUDIENCE,
    SCOPE_DESCRIPTIONS,
    SandboxConfig,
    SandboxUser,
)
from core.sandbox.state import Grant, SandboxState
from core.sandbox.wire import OAuthFailure, Response, json_response, oauth_error

_RESOURCE_RE = re.compile(r"^/2\.0/(files|folders)/(\d+)/?$")


def check_client(config: SandboxConfig, form: Mapping[str, str], *, required: bool = True) -> None:
    """Raise ``invalid_client`` unless the form carries this app's id and secret (or, when
    not ``required``, neither)."""
    client_id = form.get("client_id")
    client_secret = form.get("client_secret")
    if not required and client_id is None and client_secret is None:
        return
    ok = (
        client_id is not None
        and client_secret is not None
        and hmac.compare_digest(client_id.encode(), config.client_id.encode())
        and hmac.compare_digest(client_secret.encode(), config.client_secret.encode())
    )
    if not ok:
        raise OAuthFailure(400, "invalid_client", DESC_INVALID_CLIENT)


class BaseGrant:
    """One grant type; called with the form under the state's lock."""

    GRANT_TYPE: ClassVar[str]

    def __init__(self, config: SandboxConfig, state: SandboxState) -> None:
        self.config = config
        self.state = state

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        raise NotImplementedError

    def _new_grant(self, user: SandboxUser, scope: str) -> Grant:
        return self.state.new_grant(self.GRANT_TYPE, self.config.client_id, user, scope)

    def _issue(
        self,
        grant: Grant,
        *,
        with_refresh: bool,
        restricted_to: list[dict[str, Any]] | None = None,
        lifetime: float | None = None,
    ) -> dict[str, Any]:
        config = self.config
        return self.state.issue(
            grant,
            lifetime=config.access_token_lifetime if lifetime is None else lifetime,
            refresh_lifetime=config.refresh_token_lifetime if with_refresh else None,
            restricted_to=restricted_to,
        )


class AuthorizationCodeGrant(BaseGrant):
    GRANT_TYPE = GRANT_AUTHORIZATION_CODE

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        check_client(self.config, form)
        code = form.get("code")
        if not code:
            raise OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        record = self.state.codes.get(code)
        if record is None or record.used or record.client_id != form.get("client_id"):
            raise OAuthFailure(400, "invalid_grant", DESC_BAD_CODE)
        if record.expires_at <= self.state.clock():
            raise OAuthFailure(400, "invalid_grant", DESC_CODE_EXPIRED)
        if "redirect_uri" in form and form["redirect_uri"] != record.redirect_uri:
            raise OAuthFailure(
                400,
                "redirect_uri_mismatch",
                "The redirect URI does not match the one used to get the authorization code.",
            )
        record.used = True
        grant = self._new_grant(record.user, record.scope)
        return self._issue(grant, with_refresh=True)


class RefreshTokenGrant(BaseGrant):
    GRANT_TYPE = GRANT_REFRESH_TOKEN

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        check_client(self.config, form)
        token = form.get("refresh_token")
        if not token:
            raise OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        state = self.state
        record = state.refresh.get(token)
        grant = state.grants.get(record.grant_id) if record else None
        if record is None or grant is None or not record.active or not grant.alive:
            raise OAuthFailure(400, "invalid_grant", DESC_BAD_REFRESH)
        if record.expires_at <= state.clock():
            raise OAuthFailure(400, "invalid_grant", DESC_REFRESH_EXPIRED)
        # Rotation: the old refresh token and the access tokens issued with it die now.
        record.active = False
        for access in grant.access_tokens:
            access_record = state.access.get(access)
            if access_record is not None:
                access_record.active = False
        grant.access_tokens.clear()
        return self._issue(grant, with_refresh=True)


class ClientCredentialsGrant(BaseGrant):
    GRANT_TYPE = GRANT_CLIENT_CREDENTIALS

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        config = self.config
        check_client(config, form)
        subject_type = form.get("box_subject_type")
        subject_id = form.get("box_subject_id", "")
        if subject_type == "enterprise":
            if subject_id != config.enterprise_id:
                raise OAuthFailure(400, "unauthorized_client", DESC_NOT_AUTHORIZED)
            user = config.service_account
        elif subject_type == "user":
            found = config.user_by_id(subject_id)
            if found is None:
                raise OAuthFailure(400, "invalid_grant", DESC_BAD_GRANT_CREDENTIALS)
            user = found
        else:
            raise OAuthFailure(
                400, "invalid_request", "The box_subject_type parameter is missing or invalid."
            )
        grant = self._new_grant(user, " ".join(config.app_scopes))
        return self._issue(grant, with_refresh=False)


class JWTBearerGrant(BaseGrant):
    GRANT_TYPE = GRANT_JWT

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        config = self.config
        check_client(config, form)
        assertion = form.get("assertion")
        if not assertion:
            raise OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        claims = self._verify_assertion(assertion)
        sub_type = claims.get("box_sub_type")
        sub = str(claims.get("sub", ""))
        user: SandboxUser | None
        if sub_type == "enterprise":
            user = config.service_account if sub == config.enterprise_id else None
        elif sub_type == "user":
            user = config.user_by_id(sub)
        else:
            raise OAuthFailure(400, "invalid_grant", "Please check the 'box_sub_type' claim.")
        if user is None:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'sub' claim. The 'sub' specified is invalid.",
            )
        grant = self._new_grant(user, " ".join(config.app_scopes))
        return self._issue(grant, with_refresh=False)

    def _verify_assertion(self, assertion: str) -> dict[str, Any]:
        """Verify a JWT assertion's signature and claims like Box; returns its claims."""
        import jwt  # lazy: PyJWT and cryptography are only needed for this grant

        try:
            header = jwt.get_unverified_header(assertion)
        except jwt.PyJWTError as exc:
            raise OAuthFailure(
                400, "invalid_grant", "Please check the 'assertion' parameter."
            ) from exc
        algorithm = header.get("alg")
        if algorithm not in JWT_ALGORITHMS:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'alg' header parameter. Supported: RS256, RS384, RS512.",
            )
        kid = header.get("kid")
        public_pem = self.config.jwt_public_keys.get(str(kid)) if kid is not None else None
        if public_pem is None:
            raise OAuthFailure(400, "invalid_grant", '"kid" invalid, unable to lookup correct key')
        try:
            claims: dict[str, Any] = jwt.decode(
                assertion,
                public_pem,
                algorithms=[algorithm],
                options={
                    "verify_signature": True,
                    "verify_exp": False,  # checked below against the sandbox clock
                    "verify_nbf": False,
                    "verify_iat": False,
                    "verify_aud": False,
                    "verify_iss": False,
                },
            )
        except jwt.InvalidSignatureError as exc:
            raise OAuthFailure(
                400,
                "invalid_grant",
                'Signature verification error. The public key identified by "kid" must '
                "correspond to the private key used for signing.",
            ) from exc
        except jwt.exceptions.InvalidSubjectError as exc:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'sub' claim. The 'sub' specified is invalid.",
            ) from exc
        except jwt.exceptions.InvalidJTIError as exc:
            raise OAuthFailure(400, "invalid_grant", "Please check the 'jti' claim.") from exc
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise OAuthFailure(
                400, "invalid_grant", "Please check the 'assertion' parameter."
            ) from exc
        if claims.get("aud") != JWT_AUDIENCE:
            raise OAuthFailure(400, "invalid_grant", "Please check the 'aud' claim.")
        if claims.get("iss") != self.config.client_id:
            raise OAuthFailure(400, "invalid_grant", "Please check the 'iss' claim.")
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise OAuthFailure(400, "invalid_grant", "Please check the 'exp' claim.")
        now = self.state.clock()
        if exp <= now:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Current date/time MUST be before the expiration date/time listed in the "
                "'exp' claim",
            )
        if exp > now + 60:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'exp' claim. The 'exp' value exceeds the maximum value of "
                "60 seconds beyond the issue time.",
            )
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise OAuthFailure(
                400, "invalid_grant", "Please check the 'jti' claim. A 'jti' value is required."
            )
        self.state.prune(now)
        if jti in self.state.jtis:
            raise OAuthFailure(
                400,
                "invalid_grant",
                "Please check the 'jti' claim. A unique 'jti' value is required.",
            )
        self.state.jtis[jti] = float(exp)
        return claims


class TokenExchangeGrant(BaseGrant):
    GRANT_TYPE = GRANT_TOKEN_EXCHANGE

    def __call__(self, form: dict[str, str]) -> dict[str, Any]:
        # The SDK's downscope sends no client credentials; when sent they must be right.
        check_client(self.config, form, required=False)
        subject_token = form.get("subject_token")
        subject_type = form.get("subject_token_type")
        scope = form.get("scope", "")
        if not subject_token or not subject_type or not scope.strip():
            raise OAuthFailure(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        if subject_type != ACCESS_TOKEN_TYPE:
            raise OAuthFailure(
                400, "invalid_request", "The subject_token_type parameter is not supported."
            )
        if "actor_token" in form and form.get("actor_token_type") != ID_TOKEN_TYPE:
            raise OAuthFailure(
                400, "invalid_request", "The actor_token_type parameter is not supported."
            )
        subject = self.state.live_access(subject_token)
        if subject is None:
            raise OAuthFailure(400, "invalid_grant", "The subject token is invalid.")
        scopes = scope.split()
        if any(s not in SCOPE_DESCRIPTIONS for s in scopes):
            raise OAuthFailure(400, "invalid_scope", "The requested scope is invalid.")
        target = self._target(form.get("resource"), form.get("box_shared_link"))
        restricted = [{"scope": s, "object": dict(target)} for s in scopes] if target else []
        parent = self.state.grants[subject.grant_id]
        grant = self._new_grant(parent.user, " ".join(scopes))
        lifetime = max(1, int(subject.expires_at - self.state.clock()))
        data = self._issue(
            grant,
            with_refresh=False,
            restricted_to=restricted,
            lifetime=min(lifetime, self.config.access_token_lifetime),
        )
        data["issued_token_type"] = ACCESS_TOKEN_TYPE
        return data

    @staticmethod
    def _target(resource: str | None, shared_link: str | None) -> dict[str, Any] | None:
        """The one file, folder or shared link the new token is limited to, if any."""
        if resource and shared_link:
            raise OAuthFailure(
                400, "invalid_request", "Send either resource or box_shared_link, not both."
            )
        if resource:
            match = _RESOURCE_RE.match(urllib.parse.urlsplit(resource).path)
            if match is None:
                raise OAuthFailure(400, "invalid_resource", "The target resource is invalid.")
            return {"type": match.group(1)[:-1], "id": match.group(2)}
        if shared_link:
            if not shared_link.startswith(("https://", "http://")):
                raise OAuthFailure(400, "invalid_resource", "The shared link is invalid.")
            return {"type": "shared_link", "url": shared_link}
        return None


GRANTS: tuple[type[BaseGrant], ...] = (
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    ClientCredentialsGrant,
    JWTBearerGrant,
    TokenExchangeGrant,
)


class TokenEndpoint:
    """``POST /oauth2/token`` of one sandbox."""

    def __init__(self, config: SandboxConfig, state: SandboxState) -> None:
        self.state = state
        self.grants = {grant.GRANT_TYPE: grant(config, state) for grant in GRANTS}

    def __call__(self, form: dict[str, str], is_form: bool) -> Response:
        if not is_form:
            return oauth_error(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        grant = self.grants.get(form.get("grant_type", ""))
        if grant is None:
            return oauth_error(400, "invalid_request", DESC_BAD_GRANT_TYPE)
        try:
            with self.state.lock:
                data = grant(form)
        except OAuthFailure as failure:
            return oauth_error(failure.status, failure.error, failure.description)
        return json_response(200, data, {"Cache-Control": "no-store", "Pragma": "no-cache"})
