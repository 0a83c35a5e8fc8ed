"""Token store: the real Secret Service keyring, the encrypted file, memory, and no keyring."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from core.errors import (
    KeyringUnavailableError,
    SecretTooLargeError,
    StoreError,
    StoreLockedError,
)
from core.store import (
    MAX_SECRET_BYTES,
    REFRESH_TOKEN_LIFETIME,
    EncryptedFileStore,
    InvalidProfileNameError,
    KeyringStore,
    MemoryStore,
    StoredToken,
    TokenStore,
    WrongPassphraseError,
    backend_location,
    describe_backend,
    ensure_keyring_backend,
    is_usable_backend,
    open_store,
)
from core.tokens import AccessToken
from tests.plugin_keyring import make_token, secret_service_items

ROOT = Path(__file__).resolve().parent.parent
SECRET_SERVICE = "GNOME Keyring / Secret Service"


def _secrets(token: StoredToken) -> list[str]:
    return [s for s in (token.access_token, token.refresh_token) if s]


# --- StoredToken --------------------------------------------------------------------------


def test_stored_token_hides_secrets_in_repr_str_redacted_and_public_dict() -> None:
    token = make_token()
    shown = [repr(token), str(token), token.redacted(), json.dumps(token.to_public_dict())]
    for text in shown:
        for secret in _secrets(token):
            assert secret not in text
    assert "ada@example.com" in token.redacted()
    public = token.to_public_dict(now=token.received_at)
    assert public["has_access_token"] is True
    assert public["access_token_seconds_left"] == 3600
    assert public["access_token_expires_at"].endswith("+00:00")
    assert public["refresh_token_valid"] is True
    assert "access_token" not in public
    assert "refresh_token" not in public


def test_access_token_valid_honours_margin_and_now() -> None:
    now = 1_800_000_000.0
    token = make_token(now=now)  # expires at now + 3600
    assert token.access_token_valid(now=now)
    assert token.access_token_valid(margin=60, now=now + 3539)
    assert not token.access_token_valid(margin=60, now=now + 3540)
    assert not token.access_token_valid(margin=0, now=now + 3600)
    assert token.access_token_valid(margin=0, now=now + 3599)
    assert not make_token(now=now, access_token=None).access_token_valid(now=now)
    assert not make_token(now=now, needs_sign_in=True).access_token_valid(now=now)


def test_refresh_expiry_is_sixty_days_after_issue() -> None:
    received = 1_800_000_000.0
    answer = AccessToken(
        access_token="a" * 32,
        expires_in=3600,
        token_type="bearer",
        refresh_token="r" * 64,
        received_at=received,
    )
    user = type("User", (), {"id": "7", "name": "Ada", "login": "ada@example.com"})()
    token = StoredToken.from_access_token("default", answer, user=user, scope="root_readonly")
    assert (
        token.refresh_expires_at == received + 60 * 24 * 3600 == received + REFRESH_TOKEN_LIFETIME
    )
    assert token.expires_at == received + 3600
    assert (token.user_id, token.user_name, token.user_login) == ("7", "Ada", "ada@example.com")
    assert token.refresh_token_valid(now=received + 59 * 24 * 3600)
    assert not token.refresh_token_valid(now=received + 60 * 24 * 3600)

    # A refresh answer keeps who signed in from the previous token.
    later = AccessToken(
        access_token="b" * 32, expires_in=3600, refresh_token="s" * 64, received_at=received + 10
    )
    refreshed = StoredToken.from_access_token("default", later, previous=token)
    assert refreshed.user_login == "ada@example.com"
    assert refreshed.scope == "root_readonly"
    assert refreshed.refresh_expires_at == received + 10 + REFRESH_TOKEN_LIFETIME


def test_marked_needs_sign_in_keeps_identity_and_drops_tokens() -> None:
    marked = make_token().marked_needs_sign_in()
    assert marked.needs_sign_in
    assert marked.access_token is None
    assert marked.refresh_token is None
    assert marked.user_login == "ada@example.com"
    assert not marked.refresh_token_valid()


# --- keyring store on the real Secret Service ----------------------------------------------


def test_round_trip_uses_three_separate_entries(
    keyring_store: KeyringStore, keyring_service: str
) -> None:
    token = make_token()
    keyring_store.save(token)
    assert keyring_store.load("default") == token

    items = secret_service_items(keyring_service)
    assert set(items) == {
        "default:access_token",
        "default:refresh_token",
        "default:meta",
        "profiles",
    }
    assert items["default:access_token"] == token.access_token
    assert items["default:refresh_token"] == token.refresh_token
    meta = json.loads(items["default:meta"])
    assert meta["user_login"] == "ada@example.com"
    assert meta["expires_at"] == token.expires_at
    for secret in _secrets(token):
        assert secret not in items["default:meta"]
        assert secret not in items["profiles"]
    assert json.loads(items["profiles"]) == ["default"]


def test_entries_are_keyrings_own_both_ways(
    keyring_store: KeyringStore, keyring_service: str
) -> None:
    """The store's one-connection path writes what keyring writes (same label, attributes):
    keyring, secret-tool and older Box Login versions read it, and it reads theirs."""
    import secretstorage

    backend = keyring.get_keyring()
    token = make_token()
    keyring_store.save(token)
    assert backend.get_password(keyring_service, "default:access_token") == token.access_token
    with closing(secretstorage.dbus_init()) as bus:
        collection = secretstorage.get_default_collection(bus)
        (item,) = collection.search_items(
            {"service": keyring_service, "username": "default:refresh_token"}
        )
        assert item.get_attributes()["application"] == "Python keyring library"
        assert item.get_label() == f"Password for 'default:refresh_token' on '{keyring_service}'"

    backend.set_password(keyring_service, "default:access_token", "written-by-keyring")
    loaded = keyring_store.load("default")
    assert loaded is not None
    assert loaded.access_token == "written-by-keyring"
    keyring_store.save(token)  # replaces keyring's item instead of adding a second one
    assert secret_service_items(keyring_service)["default:access_token"] == token.access_token


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count calls of ``module.name`` (the real function still runs)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_one_secret_service_connection_serves_loads_and_saves(
    keyring_service: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import secretstorage

    from core import secret_service

    monkeypatch.setattr(secret_service, "SECRET_SERVICE", secret_service.SecretServiceConnection())
    connections = _counting(monkeypatch, secretstorage, "dbus_init")
    store = KeyringStore(keyring_service, lock_dir=tmp_path)
    token = make_token()
    store.save(token)
    for _ in range(3):
        assert store.load("default") == token
    assert KeyringStore(keyring_service, lock_dir=tmp_path).list_profiles() == ["default"]
    assert len(connections) == 1

    # A connection that broke (the daemon or bus went away) is replaced, not reported.
    secret_service.SECRET_SERVICE._connection.close()
    assert store.load("default") == token
    assert len(connections) == 2


def test_a_briefly_missing_default_collection_is_retried_never_created(
    keyring_store: KeyringStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GNOME Keyring can briefly answer that there is no default collection when clients
    come and go quickly (it cannot be made to do that on demand, hence the stand-in). The
    store asks again after a short pause and never creates a collection (that prompts)."""
    import secretstorage
    import secretstorage.collection

    from core import secret_service

    token = make_token()
    keyring_store.save(token)
    monkeypatch.setattr(secret_service, "SECRET_SERVICE", secret_service.SecretServiceConnection())
    keyring_store._secret_service = secret_service.SECRET_SERVICE
    real_alias = secretstorage.get_collection_by_alias
    answers = ["missing", "missing"]

    def flaky_alias(connection: Any, alias: str) -> Any:
        if answers and answers.pop(0) == "missing":
            raise secretstorage.exceptions.ItemNotFoundException("No collection with such alias.")
        return real_alias(connection, alias)

    def no_creation(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a collection was created")

    monkeypatch.setattr(secretstorage, "get_collection_by_alias", flaky_alias)
    monkeypatch.setattr(secretstorage, "create_collection", no_creation)
    monkeypatch.setattr(secretstorage.collection, "create_collection", no_creation)
    assert keyring_store.load("default") == token
    assert answers == []

    # Missing for good (after the retries): nothing can be stored there; still no creation.
    monkeypatch.setattr(secret_service, "SECRET_SERVICE", secret_service.SecretServiceConnection())
    keyring_store._secret_service = secret_service.SECRET_SERVICE
    answers.extend(["missing"] * 12)  # 3 entries x (1 try + 3 retries)
    assert keyring_store.load("default") is None
    assert answers == []


def test_metadata_round_trips_including_needs_sign_in(keyring_store: KeyringStore) -> None:
    token = make_token(
        "work", user_name="Zoë Ångström", scope="root_readwrite manage_groups"
    ).marked_needs_sign_in()
    keyring_store.save(token)
    loaded = keyring_store.load("work")
    assert loaded == token
    assert loaded is not None
    assert loaded.needs_sign_in
    assert loaded.user_name == "Zoë Ångström"


def test_multiple_profiles_list_and_delete(
    keyring_store: KeyringStore, keyring_service: str
) -> None:
    assert keyring_store.list_profiles() == []
    tokens = {name: make_token(name) for name in ("work", "default", "ada@example.com")}
    for token in tokens.values():
        keyring_store.save(token)
    assert keyring_store.list_profiles() == ["ada@example.com", "default", "work"]
    for name, token in tokens.items():
        assert keyring_store.load(name) == token

    keyring_store.save(make_token("work"))  # saving again does not duplicate the index
    assert keyring_store.list_profiles() == ["ada@example.com", "default", "work"]

    keyring_store.delete("work")
    assert keyring_store.load("work") is None
    assert keyring_store.list_profiles() == ["ada@example.com", "default"]
    assert keyring_store.load("default") == tokens["default"]
    assert not [u for u in secret_service_items(keyring_service) if u.startswith("work:")]

    keyring_store.delete("default")
    keyring_store.delete("ada@example.com")
    assert keyring_store.list_profiles() == []
    assert secret_service_items(keyring_service) == {}


def test_a_renewal_save_reads_the_index_without_taking_its_lock(
    keyring_store: KeyringStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a profile the index already names (every renewal) neither takes the index's
    file lock nor rewrites the index; a new profile still does both."""
    real_lock = keyring_store._index_lock
    locked: list[int] = []

    def counted_lock() -> Any:
        locked.append(1)
        return real_lock()

    monkeypatch.setattr(keyring_store, "_index_lock", counted_lock)
    keyring_store.save(make_token("work"))
    assert len(locked) == 1
    keyring_store.save(make_token("work"))  # a renewal: listed already
    keyring_store.save_details(make_token("work").marked_renewing(time.time()))
    assert len(locked) == 1
    keyring_store.save(make_token("home"))
    assert len(locked) == 2
    assert keyring_store.list_profiles() == ["home", "work"]


def test_another_store_instance_sees_the_same_profiles(
    keyring_store: KeyringStore, keyring_service: str, tmp_path: Path
) -> None:
    keyring_store.save(make_token("one"))
    other = KeyringStore(keyring_service, lock_dir=tmp_path / "keyring-locks")
    other.save(make_token("two"))
    assert keyring_store.list_profiles() == ["one", "two"]


def test_concurrent_saves_keep_the_index_complete(
    keyring_store: KeyringStore, keyring_service: str, tmp_path: Path
) -> None:
    names = [f"p{i}" for i in range(6)]
    errors: list[BaseException] = []

    def save(name: str) -> None:
        try:
            KeyringStore(keyring_service, lock_dir=tmp_path / "keyring-locks").save(
                make_token(name)
            )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert keyring_store.list_profiles() == names


def test_load_and_delete_of_unknown_profile(keyring_store: KeyringStore) -> None:
    assert keyring_store.load("nobody") is None
    keyring_store.delete("nobody")  # nothing to forget is not an error


def test_saving_without_refresh_token_removes_the_old_one(
    keyring_store: KeyringStore, keyring_service: str
) -> None:
    keyring_store.save(make_token())
    keyring_store.save(make_token(refresh_token=None, refresh_expires_at=None))
    loaded = keyring_store.load("default")
    assert loaded is not None
    assert loaded.refresh_token is None
    assert "default:refresh_token" not in secret_service_items(keyring_service)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"access_token": "a" * MAX_SECRET_BYTES}, "access token"),
        ({"refresh_token": "r" * 2400}, "refresh token"),
        ({"user_name": "N" * 2100}, "token details"),
    ],
)
def test_too_large_value_is_refused_before_anything_is_written(
    keyring_store: KeyringStore, changes: dict[str, Any], named: str
) -> None:
    before = make_token()
    keyring_store.save(before)
    with pytest.raises(SecretTooLargeError) as info:
        keyring_store.save(make_token(**changes))
    assert named in str(info.value)
    assert str(MAX_SECRET_BYTES) in str(info.value)
    assert "aaaa" not in str(info.value)
    assert keyring_store.load("default") == before


def test_value_just_under_the_limit_is_stored(keyring_store: KeyringStore) -> None:
    token = make_token(access_token="a" * (MAX_SECRET_BYTES - 1))
    keyring_store.save(token)
    assert keyring_store.load("default") == token


@pytest.mark.parametrize("bad", ["", "a:b", "../etc", " lead", "x" * 65, "tab\there"])
def test_invalid_profile_names_are_refused(keyring_store: KeyringStore, bad: str) -> None:
    with pytest.raises(InvalidProfileNameError):
        keyring_store.load(bad)
    with pytest.raises(InvalidProfileNameError):
        keyring_store.save(make_token(bad))


def test_no_secret_in_logs(keyring_store: KeyringStore, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = make_token()
    keyring_store.save(token)
    keyring_store.load("default")
    keyring_store.delete("default")
    assert "default" in caplog.text  # the profile name is logged, so the log is not empty
    for secret in _secrets(token):
        assert secret not in caplog.text


def test_location_and_describe_backend_name_the_secret_service(
    keyring_store: KeyringStore,
) -> None:
    assert keyring_store.location() == SECRET_SERVICE
    assert describe_backend() == (SECRET_SERVICE, True)
    assert isinstance(keyring_store, TokenStore)


def test_open_store_uses_the_keyring_when_there_is_one() -> None:
    store = open_store()
    assert isinstance(store, KeyringStore)
    assert store.location() == SECRET_SERVICE
    assert isinstance(open_store(choice="memory"), MemoryStore)
    with pytest.raises(StoreError, match="not a way to store"):
        open_store(choice="plaintext")
    with pytest.raises(StoreError, match="passphrase"):
        open_store(choice="encrypted-file")


# --- the order of writes, and crashes in the middle -----------------------------------------


class _RecordingBackend(KeyringBackend):
    """The real Secret Service backend, recording writes and optionally failing the n-th one
    (a crash in the middle of a save cannot be produced otherwise)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, real: KeyringBackend, fail_at: int | None = None) -> None:
        super().__init__()
        self.real = real
        self.fail_at = fail_at
        self.writes: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        return self.real.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.fail_at is not None and len(self.writes) == self.fail_at:
            raise keyring.errors.PasswordSetError("simulated crash")
        self.writes.append(username)
        self.real.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.real.delete_password(service, username)


def test_save_writes_refresh_token_first_then_access_token_then_details(
    keyring_service: str, tmp_path: Path
) -> None:
    backend = _RecordingBackend(keyring.get_keyring())
    store = KeyringStore(keyring_service, backend=backend, lock_dir=tmp_path)
    store.save(make_token())
    assert backend.writes == [
        "default:refresh_token",
        "default:access_token",
        "default:meta",
        "profiles",
    ]


@pytest.mark.parametrize("crash_at", [1, 2])
def test_a_crash_mid_save_never_pairs_a_new_access_token_with_a_burned_refresh_token(
    keyring_service: str, tmp_path: Path, crash_at: int
) -> None:
    now = time.time()
    # The stored access token has expired: time to refresh. Box answers with new tokens and
    # burns the old refresh token; then the save is interrupted after ``crash_at`` writes.
    old = make_token(now=now - 4000)
    KeyringStore(keyring_service, lock_dir=tmp_path).save(old)
    new = make_token(now=now)
    crashing = KeyringStore(
        keyring_service,
        backend=_RecordingBackend(keyring.get_keyring(), crash_at),
        lock_dir=tmp_path,
    )
    with pytest.raises(StoreError):
        crashing.save(new)

    after = KeyringStore(keyring_service, lock_dir=tmp_path).load("default")
    assert after is not None
    assert after.refresh_token == new.refresh_token  # the live one, never the burned one
    # The next run must refresh (with that live token) rather than trust a stale pairing.
    assert not after.access_token_valid(now=now)


# --- keyring errors become Box Login's errors, with no secret --------------------------------


class _FailingBackend(KeyringBackend):
    """A backend that fails in set ways (a locked or broken keyring cannot be produced here
    without a desktop prompt)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def test_locked_keyring_becomes_store_locked_error() -> None:
    store = KeyringStore("x", backend=_FailingBackend(keyring.errors.KeyringLocked("locked")))
    with pytest.raises(StoreLockedError, match="locked"):
        store.load("default")


def test_other_keyring_errors_become_plain_store_errors_without_the_secret(
    tmp_path: Path,
) -> None:
    token = make_token()
    leaky = keyring.errors.PasswordSetError(f"could not store {token.access_token}")
    store = KeyringStore("x", backend=_FailingBackend(leaky), lock_dir=tmp_path)
    with pytest.raises(StoreError) as info:
        store.save(token)
    assert type(info.value) is StoreError
    assert token.access_token not in str(info.value)
    assert token.access_token not in repr(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    with pytest.raises(StoreError):
        KeyringStore("x", backend=_FailingBackend(OSError("dbus gone"))).list_profiles()


# --- which backend, and what to call it ----------------------------------------------------


def test_backend_names_in_plain_words() -> None:
    assert backend_location(keyring.get_keyring()) == SECRET_SERVICE
    assert backend_location(fail.Keyring()) == "no password store"
    assert "disabled" in backend_location(null.Keyring())
    assert not is_usable_backend(fail.Keyring())
    assert not is_usable_backend(null.Keyring())
    assert is_usable_backend(keyring.get_keyring())
    # The chainer in this session chains the Secret Service.
    chain = chainer.ChainerBackend()
    assert is_usable_backend(chain) == bool(chain.backends)
    assert describe_backend(fail.Keyring()) == ("no password store", False)


@pytest.fixture
def restore_keyring() -> Any:
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.mark.usefixtures("restore_keyring")
def test_frozen_app_finds_a_platform_backend_when_keyring_settled_for_fail() -> None:
    keyring.set_keyring(fail.Keyring())  # what keyring picks in a bundle without entry points
    assert ensure_keyring_backend().__class__ is fail.Keyring  # not frozen: left alone
    chosen = ensure_keyring_backend(force=True)
    assert type(chosen).__module__ == "keyring.backends.SecretService"
    assert keyring.get_keyring() is chosen
    assert describe_backend() == (SECRET_SERVICE, True)


@pytest.mark.usefixtures("restore_keyring")
def test_frozen_detection_uses_sys_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert type(ensure_keyring_backend()).__module__ == "keyring.backends.SecretService"


@pytest.mark.usefixtures("restore_keyring")
def test_frozen_app_with_no_viable_backend_keeps_fail() -> None:
    keyring.set_keyring(fail.Keyring())
    chosen = ensure_keyring_backend(
        force=True,
        candidates=("keyring.backends.Windows.WinVaultKeyring", "no.such.module.Keyring"),
    )
    assert isinstance(chosen, fail.Keyring)
    with pytest.raises(KeyringUnavailableError):
        open_store()


@pytest.mark.usefixtures("restore_keyring")
def test_frozen_app_respects_a_pinned_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(fail.Keyring())
    assert isinstance(ensure_keyring_backend(force=True), fail.Keyring)


# --- memory and encrypted file -------------------------------------------------------------


def test_memory_store_round_trip() -> None:
    store = MemoryStore()
    assert isinstance(store, TokenStore)
    token = make_token()
    store.save(token)
    store.save(make_token("work"))
    assert store.load("default") == token
    assert store.list_profiles() == ["default", "work"]
    store.delete("default")
    assert store.load("default") is None
    assert "memory" in store.location()


def _assert_no_plaintext(root: Path, secrets: list[str]) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, f"{secret[:3]}… found in {path}"


def test_encrypted_file_round_trip_private_and_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "store" / "tokens.encrypted"
    store = EncryptedFileStore(path, passphrase="correct horse battery staple")
    assert isinstance(store, TokenStore)
    assert store.list_profiles() == []
    tokens = [make_token(), make_token("work", user_login="bob@example.com")]
    for token in tokens:
        store.save(token)

    reopened = EncryptedFileStore(path, passphrase="correct horse battery staple")
    assert reopened.list_profiles() == ["default", "work"]
    assert reopened.load("default") == tokens[0]
    assert reopened.load("work") == tokens[1]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "encrypted file" in store.location()
    _assert_no_plaintext(tmp_path, [s for t in tokens for s in _secrets(t)] + ["bob@example"])
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.name + ".lock"]

    reopened.delete("default")
    assert EncryptedFileStore(path, passphrase="correct horse battery staple").list_profiles() == [
        "work"
    ]


def test_encrypted_files_get_their_own_salt(tmp_path: Path) -> None:
    salts = []
    for name in ("a", "b"):
        store = EncryptedFileStore(tmp_path / name, passphrase="same passphrase")
        store.save(make_token())
        salts.append(json.loads((tmp_path / name).read_text())["header"]["kdf"]["salt"])
    assert salts[0] != salts[1]


def test_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tokens.encrypted"
    EncryptedFileStore(path, passphrase="right").save(make_token())
    with pytest.raises(WrongPassphraseError, match="passphrase does not open"):
        EncryptedFileStore(path, passphrase="wrong")


def test_tampered_or_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.encrypted"
    EncryptedFileStore(path, passphrase="pw").save(make_token())
    doc = json.loads(path.read_text())
    doc["header"]["kdf"]["n"] = 2**14  # changing the authenticated header breaks the tag
    path.write_text(json.dumps(doc))
    with pytest.raises(StoreError):
        EncryptedFileStore(path, passphrase="pw")
    path.write_text('{"hello": "world"}')
    with pytest.raises(StoreError, match="not a Box Login token file"):
        EncryptedFileStore(path, passphrase="pw")


def test_encrypted_file_concurrent_saves_keep_every_profile(tmp_path: Path) -> None:
    path = tmp_path / "tokens.encrypted"
    EncryptedFileStore(path, passphrase="pw").save(make_token("seed"))
    errors: list[BaseException] = []

    def save(name: str) -> None:
        try:
            EncryptedFileStore(path, passphrase="pw").save(make_token(name))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(f"p{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert EncryptedFileStore(path, passphrase="pw").list_profiles() == [
        "p0",
        "p1",
        "p2",
        "p3",
        "seed",
    ]


# --- no keyring at all: keyring's real fail backend in a subprocess -----------------------

_NO_KEYRING_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from core.errors import KeyringUnavailableError
    from core.store import open_store, describe_backend, StoredToken

    token = StoredToken(**json.loads(sys.argv[1]))
    out = {"describe": list(describe_backend())}
    try:
        open_store()
    except KeyringUnavailableError as exc:
        out["error"] = str(exc)
    store = open_store(choice="encrypted-file", passphrase="a passphrase")
    store.save(token)
    out["location"] = store.location()
    out["path"] = str(store.path)
    again = open_store(choice="encrypted-file", passphrase="a passphrase")
    out["round_trip"] = again.load(token.profile) == token
    try:
        open_store(choice="encrypted-file", passphrase="not it")
    except Exception as exc:
        out["wrong"] = type(exc).__name__
    memory = open_store(choice="memory")
    memory.save(token)
    out["memory"] = memory.load(token.profile) == token
    print(json.dumps(out))
    """
)


def _run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_a_keyring_nothing_falls_back_to_plaintext(
    no_keyring_environ: dict[str, str], tmp_path: Path
) -> None:
    token = make_token()
    fields = {k: getattr(token, k) for k in token.__dataclass_fields__}
    proc = _run_python(_NO_KEYRING_SCRIPT, no_keyring_environ, json.dumps(fields))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)

    assert out["describe"] == ["no password store", False]
    message = out["error"]
    assert "no password store" in message
    assert "passphrase" in message
    assert "only while Box Login runs" in message
    assert "never saves it as plain text" in message
    assert out["round_trip"] is True
    assert out["wrong"] == "WrongPassphraseError"
    assert out["memory"] is True

    # The encrypted file sits in the person's data folder, private, and holds no plaintext;
    # nothing anywhere in the fresh HOME/XDG folders holds a token.
    data_home = Path(no_keyring_environ["XDG_DATA_HOME"])
    path = Path(out["path"])
    assert path.is_relative_to(data_home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "encrypted file" in out["location"]
    _assert_no_plaintext(tmp_path / "nokeyring", _secrets(token))
    for secret in _secrets(token):
        assert secret not in proc.stdout + proc.stderr


_PINNED_SCRIPT = textwrap.dedent(
    """
    import json
    import keyring
    from core.errors import KeyringUnavailableError
    from core.store import describe_backend, ensure_keyring_backend, open_store

    ensure_keyring_backend(force=True)  # even a frozen app must not override the pin
    out = {"backend": type(keyring.get_keyring()).__module__, "describe": describe_backend()}
    try:
        out["location"] = open_store().location()
    except KeyringUnavailableError as exc:
        out["error"] = str(exc)
    print(json.dumps(out))
    """
)


def test_backend_pinned_in_keyringrc_is_respected(no_keyring_environ: dict[str, str]) -> None:
    env = dict(no_keyring_environ)
    del env["PYTHON_KEYRING_BACKEND"]
    config = Path(env["XDG_CONFIG_HOME"]) / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir(parents=True)
    config.write_text("[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    proc = _run_python(_PINNED_SCRIPT, env)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["backend"] == "keyring.backends.null"  # the Secret Service is running, unused
    assert "disabled" in out["error"]


def test_backend_pinned_in_environment_is_respected(no_keyring_environ: dict[str, str]) -> None:
    proc = _run_python(_PINNED_SCRIPT, no_keyring_environ)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["backend"] == "keyring.backends.fail"
    assert out["describe"] == ["no password store", False]
    assert "no password store" in out["error"]

    env = dict(no_keyring_environ, PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
    out = json.loads(_run_python(_PINNED_SCRIPT, env).stdout)
    assert out["location"] == SECRET_SERVICE


def test_encrypted_file_store_never_writes_outside_its_folder(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    store: Callable[[], EncryptedFileStore] = lambda: EncryptedFileStore(  # noqa: E731
        tmp_path / "only-here" / "t", passphrase="pw"
    )
    store().save(make_token())
    assert set(os.listdir(tmp_path)) - before == {"only-here"}


def test_every_platform_backend_has_a_plain_name() -> None:
    from keyring.backends import SecretService, Windows, kwallet, libsecret, macOS

    assert backend_location(Windows.WinVaultKeyring()) == "Windows Credential Manager"
    assert backend_location(macOS.Keyring()) == "macOS Keychain"
    assert backend_location(kwallet.DBusKeyring()) == "KWallet"
    assert backend_location(libsecret.Keyring()) == SECRET_SERVICE
    assert backend_location(SecretService.Keyring()) == SECRET_SERVICE


def test_size_limit_counts_utf16_bytes_for_windows_credential_manager(tmp_path: Path) -> None:
    # Credential Manager stores UTF-16: 1,000 ASCII characters are 2,000 bytes there. The check
    # runs before any call into the backend (which could not work on this machine anyway).
    from keyring.backends.Windows import WinVaultKeyring

    store = KeyringStore("x", backend=WinVaultKeyring(), lock_dir=tmp_path)
    with pytest.raises(SecretTooLargeError, match="access token is 2000 bytes"):
        store.save(make_token(access_token="a" * 1000))
    assert "Windows Credential Manager" in store.location()


def test_headless_machine_without_secret_service_gets_the_explicit_choice(
    no_keyring_environ: dict[str, str],
) -> None:
    # Nothing pinned and no D-Bus session: keyring's own discovery settles for ``fail``.
    env = dict(no_keyring_environ)
    del env["PYTHON_KEYRING_BACKEND"]
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    proc = _run_python(_PINNED_SCRIPT, env)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["describe"] == ["no password store", False]
    assert "encrypted-file" in out["error"]
    assert "memory" in out["error"]
