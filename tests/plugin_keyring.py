"""Fixtures around the real Secret Service keyring (owned by the token-store work).

``tests/run-suite.sh`` starts a private D-Bus session with an unlocked GNOME Keyring, so these
fixtures use the real thing. Each test gets its own keyring service name, and whatever the test
left under it is deleted afterwards (and reported, so a store that leaks entries is noticed).
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from core.store import KeyringStore, StoredToken

__all__ = ["make_token", "no_keyring_env", "secret_service_items"]


def _default_collection(bus: Any) -> Any:
    """The default collection, asking again briefly if GNOME Keyring says there is none (it
    can, for a moment, while other clients come and go); never creates one (that prompts)."""
    import secretstorage

    for delay in (0.05, 0.2, 0.5, None):
        try:
            return secretstorage.get_collection_by_alias(bus, "default")
        except secretstorage.exceptions.ItemNotFoundException:
            if delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def secret_service_items(service: str) -> dict[str, str]:
    """Every Secret Service item keyring wrote under ``service``: ``{username: secret}``.

    Reads the keyring directly (through secretstorage), not through the store under test.
    """
    import secretstorage

    with closing(secretstorage.dbus_init()) as bus:
        collection = _default_collection(bus)
        items = {}
        for item in collection.search_items({"service": service}):
            username = item.get_attributes().get("username", "")
            items[username] = item.get_secret().decode("utf-8")
        return items


def _delete_secret_service_items(service: str) -> int:
    import secretstorage

    with closing(secretstorage.dbus_init()) as bus:
        collection = _default_collection(bus)
        items = list(collection.search_items({"service": service}))
        for item in items:
            item.delete()
        return len(items)


def make_token(
    profile: str = "default", *, now: float | None = None, **changes: Any
) -> StoredToken:
    """A realistic stored token (random secrets, valid for an hour) with ``changes`` applied."""
    now = time.time() if now is None else now
    values: dict[str, Any] = {
        "profile": profile,
        "access_token": "acc" + uuid.uuid4().hex[:29],  # Box access tokens: 32 characters
        "refresh_token": "ref" + uuid.uuid4().hex + uuid.uuid4().hex[:29],  # 64 characters
        "received_at": now,
        "expires_at": now + 3600,
        "refresh_expires_at": now + 60 * 24 * 3600,
        "user_id": "12345",
        "user_name": "Ada Lovelace",
        "user_login": "ada@example.com",
        "scope": "root_readwrite",
        "needs_sign_in": False,
    }
    values.update(changes)
    return StoredToken(**values)


@pytest.fixture
def keyring_service() -> Iterator[str]:
    """A keyring service name used by this test only; its entries are deleted afterwards."""
    service = f"Box Login test {uuid.uuid4().hex[:12]}"
    yield service
    if sys.platform.startswith("linux"):
        _delete_secret_service_items(service)
    else:  # Windows Credential Manager, macOS Keychain: no search, so go by the index
        store = KeyringStore(service)
        for profile in store.list_profiles():
            store.delete(profile)


#: The system password store each platform's test run must use (the CI jobs set them up).
NATIVE_BACKENDS = {
    "linux": "keyring.backends.SecretService",
    "win32": "keyring.backends.Windows",
    "darwin": "keyring.backends.macOS",
}


@pytest.fixture
def keyring_store(keyring_service: str, tmp_path: Path) -> KeyringStore:
    """A ``KeyringStore`` on the real Secret Service, under a service name unique to the test."""
    import keyring

    backend = keyring.get_keyring()
    expected = NATIVE_BACKENDS.get("linux" if sys.platform.startswith("linux") else sys.platform)
    if type(backend).__module__ != expected:
        pytest.fail(f"expected the system password store {expected}, not {backend}")
    lock_dir = tmp_path / "keyring-locks"
    lock_dir.mkdir()
    return KeyringStore(keyring_service, backend=backend, lock_dir=lock_dir)


@pytest.fixture
def token_factory() -> Callable[..., StoredToken]:
    """``make_token`` as a fixture: ``token_factory("work", user_login="x@example.com")``."""
    return make_token


def no_keyring_env(root: Path) -> dict[str, str]:
    """Environment for a subprocess that has no password store: keyring's ``fail`` backend
    pinned, and fresh HOME/XDG folders under ``root`` so anything written can be inspected."""
    env = dict(os.environ)
    for name in ("home", "config", "data", "state", "cache", "runtime"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "runtime").chmod(0o700)
    env.update(
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_STATE_HOME=str(root / "state"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_RUNTIME_DIR=str(root / "runtime"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    env.pop("BOX_LOGIN_CONFIG", None)
    return env


@pytest.fixture
def no_keyring_environ(tmp_path: Path) -> dict[str, str]:
    """``no_keyring_env`` under ``tmp_path / "nokeyring"`` (for subprocess tests)."""
    return no_keyring_env(tmp_path / "nokeyring")
