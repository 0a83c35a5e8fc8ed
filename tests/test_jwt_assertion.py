"""JWT assertions from a Box app configuration: real keys, real PyJWT verification."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from core.errors import AppConfigError
from core.jwt_assertion import AUDIENCE, JwtAppConfig, make_assertion

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"
CLIENT_SECRET = "jwt-client-secret-do-not-leak-93ab"
NOW = 1_800_000_000.7


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key: Any, passphrase: str | None) -> str:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    ).decode()


def _public_pem(key: Any) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def box_config(key: Any, passphrase: str | None = PASSPHRASE, **top: Any) -> dict[str, Any]:
    """A Box app configuration JSON document as the developer console downloads it."""
    return {
        "boxAppSettings": {
            "clientID": "jwt-client-id",
            "clientSecret": CLIENT_SECRET,
            "appAuth": {
                "publicKeyID": "kid-4f1c",
                "privateKey": _pem(key, passphrase),
                "passphrase": passphrase or "",
            },
        },
        "enterpriseID": "1000001",
        **top,
    }


@pytest.fixture(scope="module")
def config(rsa_key: rsa.RSAPrivateKey) -> JwtAppConfig:
    return JwtAppConfig.from_json(json.dumps(box_config(rsa_key)))


def _decode(assertion: str, key: rsa.RSAPrivateKey, algorithm: str = "RS256") -> dict[str, Any]:
    return jwt.decode(
        assertion,
        _public_pem(key),
        algorithms=[algorithm],
        audience=AUDIENCE,
        options={"verify_exp": False},
    )


def test_from_json_reads_box_fields(config: JwtAppConfig) -> None:
    assert config.client_id == "jwt-client-id"
    assert config.client_secret == CLIENT_SECRET
    assert config.public_key_id == "kid-4f1c"
    assert config.private_key.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert config.passphrase == PASSPHRASE
    assert config.enterprise_id == "1000001"
    assert config.user_id is None


def test_repr_hides_secrets(config: JwtAppConfig) -> None:
    text = repr(config)
    assert "jwt-client-id" in text
    for secret in (CLIENT_SECRET, PASSPHRASE, "PRIVATE KEY"):
        assert secret not in text


def test_assertion_header_and_claims(config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey) -> None:
    assertion = make_assertion(config, subject_type="enterprise", subject_id="1000001", now=NOW)
    header = jwt.get_unverified_header(assertion)
    assert header == {"alg": "RS256", "kid": "kid-4f1c", "typ": "JWT"}
    claims = _decode(assertion, rsa_key)
    assert list(claims) == ["iss", "sub", "box_sub_type", "aud", "jti", "exp"]
    assert claims["iss"] == "jwt-client-id"
    assert claims["sub"] == "1000001"
    assert claims["box_sub_type"] == "enterprise"
    assert claims["aud"] == "https://api.box.com/oauth2/token"
    assert claims["exp"] == int(NOW) + 30
    assert 29 < claims["exp"] - NOW <= 60
    assert len(claims["jti"]) >= 22  # >= 128 bits of urlsafe base64


def test_user_subject_and_unique_jti(config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey) -> None:
    first = _decode(make_assertion(config, subject_type="user", subject_id="42"), rsa_key)
    second = _decode(make_assertion(config, subject_type="user", subject_id="42"), rsa_key)
    assert (first["sub"], first["box_sub_type"]) == ("42", "user")
    assert first["jti"] != second["jti"]


def test_exp_is_current_by_default(config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey) -> None:
    assertion = make_assertion(config, subject_type="enterprise", subject_id="1")
    claims = jwt.decode(assertion, _public_pem(rsa_key), algorithms=["RS256"], audience=AUDIENCE)
    assert claims["exp"] > 0  # verify_exp on: not expired


@pytest.mark.parametrize("algorithm", ["RS384", "RS512"])
def test_other_rsa_algorithms(
    config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey, algorithm: str
) -> None:
    assertion = make_assertion(
        config, subject_type="enterprise", subject_id="1", algorithm=algorithm
    )
    assert jwt.get_unverified_header(assertion)["alg"] == algorithm
    assert _decode(assertion, rsa_key, algorithm)["sub"] == "1"


@pytest.mark.parametrize("algorithm", ["HS256", "none", "ES256"])
def test_unsupported_algorithm(config: JwtAppConfig, algorithm: str) -> None:
    with pytest.raises(ValueError, match="algorithm"):
        make_assertion(config, subject_type="enterprise", subject_id="1", algorithm=algorithm)


def test_bad_subject_type(config: JwtAppConfig) -> None:
    with pytest.raises(ValueError, match="subject_type"):
        make_assertion(config, subject_type="group", subject_id="1")  # type: ignore[arg-type]


def test_enum_subject_type_accepted(config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey) -> None:
    from core.oauth import RequestAccessTokenBoxSubjectType

    assertion = make_assertion(
        config,
        subject_type=RequestAccessTokenBoxSubjectType.USER,  # type: ignore[arg-type]
        subject_id="7",
    )
    assert _decode(assertion, rsa_key)["box_sub_type"] == "user"


def test_same_shape_as_the_sdk(config: JwtAppConfig, rsa_key: rsa.RSAPrivateKey) -> None:
    from box_sdk_gen.internal.utils import (
        JwtAlgorithm,
        JwtKey,
        JwtSignOptions,
        create_jwt_assertion,
        get_epoch_time_in_seconds,
        get_uuid,
    )

    theirs = create_jwt_assertion(
        {"exp": get_epoch_time_in_seconds() + 30, "box_sub_type": "enterprise"},
        JwtKey(key=config.private_key, passphrase=PASSPHRASE),
        JwtSignOptions(
            algorithm=JwtAlgorithm.RS256,
            audience=AUDIENCE,
            subject="1000001",
            issuer=config.client_id,
            jwtid=get_uuid(),
            keyid=config.public_key_id,
        ),
    )
    ours = make_assertion(config, subject_type="enterprise", subject_id="1000001")
    assert jwt.get_unverified_header(ours) == jwt.get_unverified_header(theirs)
    their_claims, our_claims = _decode(theirs, rsa_key), _decode(ours, rsa_key)
    assert list(our_claims) == list(their_claims)
    for name in ("iss", "sub", "box_sub_type", "aud"):
        assert our_claims[name] == their_claims[name]
    assert abs(our_claims["exp"] - their_claims["exp"]) <= 2


def test_unencrypted_key_works_even_with_passphrase(rsa_key: rsa.RSAPrivateKey) -> None:
    data = box_config(rsa_key, passphrase=None)
    data["boxAppSettings"]["appAuth"]["passphrase"] = "unused"
    config = JwtAppConfig.from_json(json.dumps(data))
    assertion = make_assertion(config, subject_type="enterprise", subject_id="1")
    assert _decode(assertion, rsa_key)["sub"] == "1"


def test_wrong_passphrase(rsa_key: rsa.RSAPrivateKey) -> None:
    data = box_config(rsa_key)
    data["boxAppSettings"]["appAuth"]["passphrase"] = "wrong-passphrase-xyz"
    config = JwtAppConfig.from_json(json.dumps(data))
    with pytest.raises(AppConfigError, match="passphrase") as info:
        make_assertion(config, subject_type="enterprise", subject_id="1")
    err = info.value
    assert err.__cause__ is None
    assert err.__suppress_context__
    for text in (str(err), repr(err), err.details()):
        assert "wrong-passphrase-xyz" not in text
        assert "PRIVATE KEY" not in text


def test_encrypted_key_without_passphrase(rsa_key: rsa.RSAPrivateKey) -> None:
    data = box_config(rsa_key)
    del data["boxAppSettings"]["appAuth"]["passphrase"]
    config = JwtAppConfig.from_json(json.dumps(data))
    with pytest.raises(AppConfigError, match=r"boxAppSettings\.appAuth\.passphrase"):
        make_assertion(config, subject_type="enterprise", subject_id="1")


def test_damaged_key(rsa_key: rsa.RSAPrivateKey) -> None:
    data = box_config(rsa_key, passphrase=None)
    data["boxAppSettings"]["appAuth"]["privateKey"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n"
    config = JwtAppConfig.from_json(json.dumps(data))
    with pytest.raises(AppConfigError, match=r"boxAppSettings\.appAuth\.privateKey"):
        make_assertion(config, subject_type="enterprise", subject_id="1")


def test_non_rsa_key() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    config = JwtAppConfig.from_json(json.dumps(box_config(key)))
    with pytest.raises(AppConfigError, match="not an RSA key"):
        make_assertion(config, subject_type="enterprise", subject_id="1")


def test_missing_enterprise_id(rsa_key: rsa.RSAPrivateKey) -> None:
    data = box_config(rsa_key)
    del data["enterpriseID"]
    config = JwtAppConfig.from_json(json.dumps(data))
    assert config.enterprise_id is None
    with pytest.raises(AppConfigError, match="enterpriseID"):
        make_assertion(config, subject_type="enterprise", subject_id=config.enterprise_id or "")


def test_numeric_ids_become_strings(rsa_key: rsa.RSAPrivateKey) -> None:
    config = JwtAppConfig.from_json(json.dumps(box_config(rsa_key, enterpriseID=55, userID=66)))
    assert (config.enterprise_id, config.user_id) == ("55", "66")


def test_malformed_json_does_not_quote_the_document() -> None:
    text = '{"boxAppSettings": {"clientSecret": "' + CLIENT_SECRET + '", oops}'
    with pytest.raises(AppConfigError, match=r"not valid JSON .*line 1, column") as info:
        JwtAppConfig.from_json(text)
    assert CLIENT_SECRET not in str(info.value)
    assert info.value.__cause__ is None


@pytest.mark.parametrize("text", ["[" * 100_000, '{"boxAppSettings": ' * 100_000])
def test_deeply_nested_json_is_a_plain_configuration_error(text: str) -> None:
    with pytest.raises(AppConfigError, match=r"not valid JSON .*nested too deeply") as info:
        JwtAppConfig.from_json(text)
    assert info.value.__cause__ is None


def test_json_that_is_not_an_object() -> None:
    with pytest.raises(AppConfigError, match="not a JSON object"):
        JwtAppConfig.from_json("[1, 2]")


@pytest.mark.parametrize(
    ("path", "named"),
    [
        (("boxAppSettings",), "boxAppSettings"),
        (("boxAppSettings", "appAuth"), "boxAppSettings.appAuth"),
        (("boxAppSettings", "clientID"), "boxAppSettings.clientID"),
        (("boxAppSettings", "clientSecret"), "boxAppSettings.clientSecret"),
        (("boxAppSettings", "appAuth", "publicKeyID"), "boxAppSettings.appAuth.publicKeyID"),
        (("boxAppSettings", "appAuth", "privateKey"), "boxAppSettings.appAuth.privateKey"),
    ],
)
def test_missing_key_is_named(
    rsa_key: rsa.RSAPrivateKey, path: tuple[str, ...], named: str
) -> None:
    data = box_config(rsa_key)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    with pytest.raises(AppConfigError) as info:
        JwtAppConfig.from_json(json.dumps(data))
    assert f"has no {named}" in str(info.value)
    assert "developer console" in str(info.value)


def test_from_file(tmp_path: Path, rsa_key: rsa.RSAPrivateKey) -> None:
    path = tmp_path / "12345_abcdef_config.json"
    path.write_text(json.dumps(box_config(rsa_key)), encoding="utf-8")
    assert JwtAppConfig.from_file(path).public_key_id == "kid-4f1c"
    with pytest.raises(AppConfigError, match="could not be read"):
        JwtAppConfig.from_file(tmp_path / "missing.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(AppConfigError):
        JwtAppConfig.from_file(binary)


def test_importing_core_stays_light() -> None:
    code = (
        "import sys\n"
        "import core, core.http, core.oauth, core.jwt_assertion\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('jwt', 'cryptography'))\n"
        "assert not heavy, heavy\n"
        "from core.jwt_assertion import make_assertion\n"
        "core.AuthorizationManager\n"
        "assert 'jwt' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
