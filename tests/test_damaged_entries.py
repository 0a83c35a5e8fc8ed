"""Keyring entries edited by hand or damaged: plain answers, never a traceback, never a token
served without limit. Real processes against the sandbox and the test session's keyring."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from core.store import StoredToken
from tests.plugin_cli import Cli

#: JSON texts for the access token's expiry that cannot be believed.
BAD_TIMES = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e300",
    "-5",
    "99999999999999999999",
    '"in an hour"',
    "true",
    "[1]",
    "{}",
]


def write_meta(cli: Cli, **raw: str) -> None:
    """Replace the profile's details entry with ``key: raw JSON text`` pairs over the real
    ones (json.dumps cannot write NaN the way a hand edit or another program can)."""
    stored = cli.stored()
    assert stored is not None
    meta = {k: json.dumps(v) for k, v in stored.metadata().items()}
    meta.update(raw)
    text = "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in meta.items()) + "}"
    cli.store._set(f"{cli.profile}:meta", text, "details")


@pytest.mark.parametrize("bad", BAD_TIMES)
def test_a_damaged_expiry_renews_and_status_stays_plain(cli: Cli, bad: str) -> None:
    old = cli.login()
    write_meta(cli, expires_at=bad)

    status = cli.run("status")
    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr
    assert "renews on next use" in status.stdout

    as_json = cli.run("status", "--json")
    assert as_json.returncode == 0, as_json.stderr
    info = json.loads(as_json.stdout)  # strict JSON: no NaN or Infinity
    assert info["access_token_valid"] is False
    assert info["access_token_expires_at"] is None

    renewals = cli.sandbox.grant_count("refresh_token")
    token = cli.run("token")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip() != old.access_token
    assert cli.sandbox.grant_count("refresh_token") == renewals + 1
    assert cli.sandbox.is_access_token_active(token.stdout.strip())


@pytest.mark.parametrize("field", ["refresh_expires_at", "received_at"])
@pytest.mark.parametrize("bad", ["NaN", "Infinity", "1e300", '"x"'])
def test_other_damaged_times_are_unknown_not_a_crash(cli: Cli, field: str, bad: str) -> None:
    old = cli.login()
    write_meta(cli, **{field: bad})
    status = cli.run("status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["access_token_valid"] is True
    words = cli.run("status")
    assert words.returncode == 0, words.stderr
    token = cli.run("token")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip() == old.access_token  # still valid: nothing to renew


def test_wrong_types_for_names_and_flags(cli: Cli) -> None:
    cli.login()
    write_meta(cli, user_name="42", user_login="[1]", scope="{}", needs_sign_in='"yes"')
    status = cli.run("status", "--json")
    assert status.returncode == 0, status.stderr
    info = json.loads(status.stdout)
    assert info["user_name"] is None
    assert info["needs_sign_in"] is False


def test_an_expiry_far_ahead_is_renewed_not_served_for_years(cli: Cli) -> None:
    old = cli.login()
    write_meta(cli, expires_at=str(time.time() + 10 * 365 * 86400))
    token = cli.run("token")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip() != old.access_token


def test_a_damaged_renewal_mark_still_counts_as_unfinished(cli: Cli) -> None:
    old = cli.login()
    write_meta(cli, renewal_started_at='"garbage"')
    assert cli.store.load(cli.profile) is not None
    stored = cli.store.load(cli.profile)
    assert isinstance(stored, StoredToken)
    assert stored.renewal_interrupted
    token = cli.run("token")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip() != old.access_token
    status = cli.run("status", "--json")
    assert json.loads(status.stdout)["renewal_interrupted"] is False


# --- absurdly deep JSON where Box Login reads JSON it did not write itself ---------------

DEEP = "[" * 100_000


def test_deeply_nested_details_and_profile_list_are_unreadable_not_a_crash(cli: Cli) -> None:
    cli.login()
    # Written past Box Login's own size check, as another program could.
    cli.store.backend.set_password(cli.store.service, f"{cli.profile}:meta", DEEP)
    stored = cli.store.load(cli.profile)
    assert stored is not None
    assert not stored.access_token_valid()  # details unknown: renew before use
    status = cli.run("status")
    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr
    token = cli.run("token")
    assert token.returncode == 0, token.stderr
    assert cli.sandbox.is_access_token_active(token.stdout.strip())


def test_a_deeply_nested_encrypted_file_is_called_damaged(tmp_path: Path) -> None:
    from core.errors import StoreError
    from core.store import EncryptedFileStore

    path = tmp_path / "tokens.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(StoreError, match=r"damaged|unreadable|not"):
        EncryptedFileStore(path, passphrase="correct horse").list_profiles()


def test_a_deeply_nested_error_body_from_the_server_is_an_ordinary_error(cli: Cli) -> None:
    from core.errors import BoxResponseError
    from core.oauth import AuthorizationManager

    stored = cli.login()
    assert stored.refresh_token is not None
    auth = AuthorizationManager(cli.sandbox.base_urls)
    for status in (400, 500):
        cli.sandbox.inject_fault(
            "/oauth2/token", status=status, body=DEEP, headers={"Content-Type": "application/json"}
        )
        with pytest.raises(BoxResponseError):
            auth.refresh_access_token(
                cli.sandbox.client_id, cli.sandbox.client_secret, stored.refresh_token
            )
