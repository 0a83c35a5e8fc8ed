"""The error hierarchy's messages and the AccessToken value."""

from __future__ import annotations

import inspect

import pytest

import core.errors as errors
import core.loopback.addresses
import core.session
import core.settings
import core.store
from core.tokens import AccessToken, mask_secret

ERROR_CLASSES = [
    cls
    for module in (errors, core.loopback.addresses, core.session, core.settings, core.store)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if issubclass(cls, errors.BoxLoginError) and cls.__module__ == module.__name__
]


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_default_message_is_the_whole_first_paragraph(cls: type[errors.BoxLoginError]) -> None:
    message = str(cls())
    first_paragraph = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
    assert message.startswith(first_paragraph)
    # default_message repeats the docstring for translation (lupdate cannot read docstrings).
    assert "default_message" in vars(cls), "mark the message: default_message = QT_TRANSLATE_NOOP"
    assert cls.default_message == first_paragraph, "default_message differs from the docstring"
    assert message.rstrip().endswith((".", ")")), message
    assert "\n" not in message


def test_oauth_error_codes_map_to_their_classes() -> None:
    assert errors.oauth_error_class("invalid_grant") is errors.InvalidGrantError
    assert errors.oauth_error_class("access_denied") is errors.AccessDeniedError
    assert errors.oauth_error_class("something_new") is errors.OAuthError
    assert errors.oauth_error_class(None) is errors.OAuthError


def test_response_error_details_carry_box_facts() -> None:
    err = errors.InvalidClientError(
        status=400,
        error="invalid_client",
        error_description="The client credentials are invalid",
        request_id="abc123",
    )
    assert "Ask whoever gave you this app" in str(err)
    details = err.details()
    for part in ("HTTP 400", "error=invalid_client", "client credentials", "abc123"):
        assert part in details
    assert "abc123" in repr(err)
    assert err.exit_code == 3


def test_access_token_expiry_and_secrets_hidden() -> None:
    token = AccessToken.from_response(
        {
            "access_token": "A" * 32,
            "refresh_token": "R" * 64,
            "expires_in": 3600,
            "token_type": "bearer",
            "restricted_to": [],
        },
        received_at=1000.0,
    )
    assert token.expires_at == 4600.0
    assert not token.is_expired(now=4000.0)
    assert token.is_expired(leeway=60, now=4550.0)
    assert token.is_expired(now=4600.0)
    assert token.seconds_left(now=1600.0) == 3000.0
    for text in (repr(token), str(token), token.redacted(), str(token.to_dict())):
        assert "A" * 8 not in text
        assert "R" * 8 not in text
    assert token.to_dict(include_secrets=True)["refresh_token"] == "R" * 64
    assert token.restricted_to == ()


def test_access_token_without_expiry_is_not_expired() -> None:
    token = AccessToken(access_token="x")
    assert token.expires_at is None
    assert not token.is_expired(leeway=10_000)


def test_mask_secret_reveals_only_length() -> None:
    assert mask_secret("secret-value") == "•••• (12 characters)"
    assert mask_secret(None) == "(none)"
    with pytest.raises(AttributeError):
        AccessToken(access_token="x").access_token = "y"  # type: ignore[misc]


def test_command_name_follows_how_box_login_was_started(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from core.version import command_name

    monkeypatch.setattr(sys, "argv", ["/usr/bin/box-login", "status"])
    assert command_name() == "box-login"
    monkeypatch.setattr(sys, "argv", ["main.py", "status"])
    assert command_name() == "python main.py"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert command_name() == "box-login"
