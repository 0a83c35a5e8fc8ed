"""JWT assertions for Box's ``jwt-bearer`` grant, made from a Box app configuration file.

The assertion is what the official SDK signs (``JWTAuth.refresh_token``): header ``alg``
(RS256 unless asked otherwise), ``kid`` and ``typ``; claims ``iss``, ``sub``,
``box_sub_type``, ``aud``, ``jti`` and ``exp`` 30 seconds ahead. PyJWT and cryptography are
imported only when an assertion is made, so ``import core`` stays light.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from core.errors import AppConfigError
from core.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = ["ALGORITHMS", "AUDIENCE", "LIFETIME", "JwtAppConfig", "make_assertion"]

#: The ``aud`` claim Box expects.
AUDIENCE = "https://api.box.com/oauth2/token"
#: Signing algorithms Box accepts for app keys.
ALGORITHMS = ("RS256", "RS384", "RS512")
#: Seconds the assertion stays valid (the SDK's choice; Box allows at most 60).
LIFETIME = 30

_GET_CONFIG = QT_TRANSLATE_NOOP(
    "AppConfig",
    "Download the app's configuration again in the Box developer console "
    "(your app > Configuration > App Settings > Download as JSON).",
)


def _get_config() -> str:
    return translate("AppConfig", _GET_CONFIG)


@dataclass(frozen=True)
class JwtAppConfig:
    """The parts of a Box app configuration JSON that a JWT sign-in needs.

    Secrets (client secret, private key, passphrase) never appear in ``repr``.
    """

    client_id: str
    client_secret: str = field(repr=False)
    public_key_id: str
    private_key: str = field(repr=False)
    passphrase: str | None = field(default=None, repr=False)
    enterprise_id: str | None = None
    user_id: str | None = None

    @classmethod
    def from_file(cls, path: str | Path) -> JwtAppConfig:
        """Read a Box app configuration file (``*_config.json``)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The Box app configuration file {path} could not be read ({error}).",
                ).format(path=repr(str(path)), error=exc.strerror or type(exc).__name__),
                hint=translate("AppConfig", "Check the file's name and permissions."),
            ) from None
        except UnicodeDecodeError:
            raise AppConfigError(
                translate(
                    "AppConfig", "The Box app configuration file {path} is not a text (JSON) file."
                ).format(path=repr(str(path))),
                hint=_get_config(),
            ) from None
        return cls.from_json(text)

    @classmethod
    def from_json(cls, text: str) -> JwtAppConfig:
        """Parse the JSON text of a Box app configuration."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            # exc.msg/lineno/colno only: the document (which holds secrets) is never quoted.
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The Box app configuration is not valid JSON ({problem} at line {line}, "
                    "column {column}).",
                ).format(problem=exc.msg, line=exc.lineno, column=exc.colno),
                hint=_get_config(),
            ) from None
        except RecursionError:  # e.g. "[[[[…": Python's parser gives up on very deep nesting
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The Box app configuration is not valid JSON (it is nested too deeply to "
                    "read).",
                ),
                hint=_get_config(),
            ) from None
        if not isinstance(data, dict):
            raise AppConfigError(
                translate("AppConfig", "The Box app configuration is not a JSON object."),
                hint=_get_config(),
            )
        settings = _section(data, "boxAppSettings")
        app_auth = _section(settings, "appAuth", "boxAppSettings.")
        return cls(
            client_id=_required(settings, "clientID", "boxAppSettings."),
            client_secret=_required(settings, "clientSecret", "boxAppSettings."),
            public_key_id=_required(app_auth, "publicKeyID", "boxAppSettings.appAuth."),
            private_key=_required(app_auth, "privateKey", "boxAppSettings.appAuth."),
            passphrase=_optional(app_auth, "passphrase"),
            enterprise_id=_optional(data, "enterpriseID"),
            user_id=_optional(data, "userID"),
        )

    def load_private_key(self) -> RSAPrivateKey:
        """Decrypt the private key with the passphrase (imports cryptography)."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

        pem = self.private_key.encode("utf-8")
        encrypted = b"ENCRYPTED" in pem
        password = self.passphrase.encode("utf-8") if self.passphrase and encrypted else None
        if encrypted and password is None:
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The private key in the Box app configuration is encrypted, but the "
                    "configuration has no passphrase (boxAppSettings.appAuth.passphrase).",
                ),
                hint=_get_config(),
            )
        try:
            key = serialization.load_pem_private_key(pem, password=password)
        except (ValueError, TypeError):
            if encrypted:
                raise AppConfigError(
                    translate(
                        "AppConfig",
                        "The private key in the Box app configuration could not be opened with "
                        "its passphrase (boxAppSettings.appAuth.passphrase): the passphrase is "
                        "wrong or the key is damaged.",
                    ),
                    hint=translate(
                        "AppConfig",
                        "Download the configuration again, or generate a new key pair in "
                        "the Box developer console.",
                    ),
                ) from None
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The private key in the Box app configuration "
                    "(boxAppSettings.appAuth.privateKey) is not a readable PEM key.",
                ),
                hint=_get_config(),
            ) from None
        if not isinstance(key, RSAPrivateKey):
            raise AppConfigError(
                translate(
                    "AppConfig",
                    "The private key in the Box app configuration is not an RSA key; Box signs "
                    "in apps with RSA keys only.",
                ),
                hint=translate(
                    "AppConfig", "Generate a new key pair in the Box developer console."
                ),
            )
        return key


def make_assertion(
    config: JwtAppConfig,
    *,
    subject_type: Literal["enterprise", "user"],
    subject_id: str,
    algorithm: str = "RS256",
    now: float | None = None,
) -> str:
    """A signed JWT assertion for ``request_access_token(jwt-bearer, assertion=...)``.

    ``subject_type`` is ``"enterprise"`` (``subject_id`` = the enterprise id, e.g.
    ``config.enterprise_id``) or ``"user"`` (an app or managed user's id).
    """
    import jwt

    sub_type = str(subject_type.value if isinstance(subject_type, Enum) else subject_type)
    if sub_type not in ("enterprise", "user"):
        raise ValueError(f"subject_type must be 'enterprise' or 'user', not {sub_type!r}")
    if algorithm not in ALGORITHMS:
        raise ValueError(f"algorithm must be one of {', '.join(ALGORITHMS)}, not {algorithm!r}")
    if not subject_id:
        raise AppConfigError(
            translate(
                "AppConfig",
                "No enterprise ID to sign in as (enterpriseID is missing from the configuration).",
            )
            if sub_type == "enterprise"
            else translate("AppConfig", "No user ID to sign in as."),
            hint=_get_config(),
        )
    issued = time.time() if now is None else now
    claims: dict[str, Any] = {
        "iss": config.client_id,
        "sub": subject_id,
        "box_sub_type": sub_type,
        "aud": AUDIENCE,
        "jti": secrets.token_urlsafe(32),
        "exp": int(issued) + LIFETIME,
    }
    return jwt.encode(
        claims,
        config.load_private_key(),
        algorithm=algorithm,
        headers={"kid": config.public_key_id, "typ": "JWT"},
    )


def _section(data: Mapping[str, Any], key: str, prefix: str = "") -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise AppConfigError(
            translate("AppConfig", "The Box app configuration has no {key} section.").format(
                key=prefix + key
            ),
            hint=_get_config(),
        )
    return value


def _required(data: Mapping[str, Any], key: str, prefix: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AppConfigError(
            translate("AppConfig", "The Box app configuration has no {key}.").format(
                key=prefix + key
            ),
            hint=_get_config(),
        )
    return value


def _optional(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value else None
