"""Windows specifics, on Windows for real: no mock stands in for the system here.

- Windows Credential Manager keeps each secret as UTF-16 and refuses more than 2,560 bytes:
  Box Login's store counts UTF-16 bytes against its own limit (``MAX_SECRET_BYTES``), which the
  real Credential Manager (keyring's Windows backend) must accept, while a value that is small
  in UTF-8 but too large in UTF-16 must really be refused by Windows.
- Hyper-V, WSL and Docker reserve ("exclude") TCP port ranges; binding one fails with WSAEACCES
  (10013), not "in use". A real bind on a real excluded port (from ``netsh interface ipv4 show
  excludedportrange protocol=tcp``; when there is none, one is added for the test as
  administrator and removed afterwards) must be reported as denied, and the sign-in listener
  must move on to the next redirect URI.
- Settings an administrator installs for everyone live in ``%PROGRAMDATA%\\Box Login\\
  config.json`` (the per-machine installer writes them there): the real folder, found by the
  real lookup.

These run in the Windows job of .github/workflows/release.yml; elsewhere they are skipped.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows only: the real system")

WSAEACCES = 10013
#: Credential Manager's limit for one secret (CRED_MAX_CREDENTIAL_BLOB_SIZE: 5 * 512 bytes).
CRED_MAX_CREDENTIAL_BLOB_SIZE = 2560


# --- Windows Credential Manager ---------------------------------------------------------------


@pytest.fixture
def vault() -> Iterator[tuple[Any, str, list[str]]]:
    """keyring's Windows backend, a service name for this test only, and a list the test
    appends the usernames it writes to (deleted afterwards)."""
    import keyring.errors
    from keyring.backends.Windows import WinVaultKeyring

    backend = WinVaultKeyring()
    service = f"Box Login test {uuid.uuid4().hex[:12]}"
    written: list[str] = []
    yield backend, service, written
    for username in written:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            backend.delete_password(service, username)
        assert backend.get_password(service, username) is None


def test_credential_manager_is_keyrings_native_choice() -> None:
    from core.store import describe_backend

    plain, usable = describe_backend()
    assert plain == "Windows Credential Manager"
    assert usable


def test_credential_manager_refuses_more_than_2560_utf16_bytes(vault: Any) -> None:
    """1,280 ASCII characters (2,560 bytes as UTF-16) are kept; 1,281 are refused, though in
    UTF-8 they are only 1,281 bytes: the size that counts is the UTF-16 one."""
    backend, service, written = vault
    fits = "a" * (CRED_MAX_CREDENTIAL_BLOB_SIZE // 2)
    written.append("fits")
    backend.set_password(service, "fits", fits)
    assert backend.get_password(service, "fits") == fits
    too_big = "a" * (CRED_MAX_CREDENTIAL_BLOB_SIZE // 2 + 1)
    assert len(too_big.encode("utf-8")) < CRED_MAX_CREDENTIAL_BLOB_SIZE
    written.append("too-big")
    with pytest.raises(Exception) as refused:  # noqa: PT011 (pywin32-ctypes' own error type)
        backend.set_password(service, "too-big", too_big)
    print(f"Credential Manager refused {len(too_big)} characters: {refused.value!r}")
    assert backend.get_password(service, "too-big") is None


def test_store_keeps_values_under_its_limit_in_credential_manager(
    vault: Any, tmp_path: Path
) -> None:
    """The store's UTF-16 count: 999 ASCII characters (1,998 bytes) are saved and read back
    from the real Credential Manager; 1,000 (2,000 bytes) are refused before anything is
    written, and what was saved before stays."""
    from core.errors import SecretTooLargeError
    from core.store import MAX_SECRET_BYTES, KeyringStore
    from tests.plugin_keyring import make_token

    assert MAX_SECRET_BYTES <= CRED_MAX_CREDENTIAL_BLOB_SIZE
    backend, service, written = vault
    written += ["default:access_token", "default:refresh_token", "default:meta", "profiles"]
    store = KeyringStore(service, backend=backend, lock_dir=tmp_path)
    assert store.location() == "Windows Credential Manager"
    largest = make_token(
        access_token="a" * (MAX_SECRET_BYTES // 2 - 1), user_name="Zoë Ångström 日本"
    )
    store.save(largest)
    assert store.load("default") == largest
    with pytest.raises(SecretTooLargeError, match=f"{MAX_SECRET_BYTES} bytes"):
        store.save(make_token(access_token="a" * (MAX_SECRET_BYTES // 2)))
    assert store.load("default") == largest
    store.delete("default")
    assert store.load("default") is None


# --- excluded (reserved) port ranges -------------------------------------------------------------


def _excluded_ranges() -> list[tuple[int, int]]:
    done = subprocess.run(
        ["netsh", "interface", "ipv4", "show", "excludedportrange", "protocol=tcp"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [(int(a), int(b)) for a, b in re.findall(r"^\s*(\d+)\s+(\d+)", done.stdout, re.M)]


def _is_admin() -> bool:
    return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]


def _netsh_range(action: str, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["netsh", "interface", "ipv4", action, "excludedportrange", "protocol=tcp",
         f"startport={port}", "numberofports=1", "store=active"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def excluded_port() -> Iterator[int]:
    """A TCP port inside one of Windows' excluded port ranges: an existing one, or one added
    for these tests (administrator only; ``store=active``, removed afterwards)."""
    ranges = [(a, b) for a, b in _excluded_ranges() if a >= 1024]
    if ranges:
        print(f"excluded port ranges here: {ranges}")
        yield ranges[0][0]
        return
    if not _is_admin():
        pytest.skip("no excluded port range here, and adding one needs administrator rights")
    from tests.netutil import free_port

    port = free_port()
    added = _netsh_range("add", port)
    assert added.returncode == 0, added.stdout + added.stderr
    try:
        assert any(a <= port <= b for a, b in _excluded_ranges())
        yield port
    finally:
        _netsh_range("delete", port)


def test_bind_on_an_excluded_port_is_denied_not_in_use(excluded_port: int) -> None:
    import core.loopback.addresses as addresses

    with pytest.raises(OSError, match=r"(?i)access|forbidden|permission") as caught:
        addresses._bind_one((socket.AF_INET, "127.0.0.1"), excluded_port)
    assert getattr(caught.value, "winerror", None) == WSAEACCES, repr(caught.value)
    assert "denied" in addresses._bind_failure(caught.value)


def test_sign_in_listener_moves_past_an_excluded_port(excluded_port: int) -> None:
    from core.loopback import LoopbackListener
    from tests.netutil import free_port

    free = free_port()
    uris = [f"http://127.0.0.1:{excluded_port}/callback", f"http://127.0.0.1:{free}/callback"]
    listener = LoopbackListener(uris, secrets.token_urlsafe(16))
    try:
        assert listener.start() == uris[1]
    finally:
        listener.close()


def test_only_an_excluded_port_is_reported_as_denied(excluded_port: int) -> None:
    from core.errors import PortsUnavailableError
    from core.loopback import LoopbackListener

    uri = f"http://127.0.0.1:{excluded_port}/callback"
    listener = LoopbackListener([uri], secrets.token_urlsafe(16))
    try:
        with pytest.raises(PortsUnavailableError) as caught:
            listener.start()
    finally:
        listener.close()
    assert str(excluded_port) in str(caught.value)
    attempts = dict(getattr(caught.value, "attempts", ()))
    assert "denied" in attempts[uri], attempts


# --- %PROGRAMDATA% --------------------------------------------------------------------------------


def _known_program_data() -> Path:
    """The ProgramData folder as Windows itself knows it (CSIDL_COMMON_APPDATA)."""
    buf = ctypes.create_unicode_buffer(260)
    result = ctypes.windll.shell32.SHGetFolderPathW(None, 0x23, None, 0, buf)  # type: ignore[attr-defined]
    assert result == 0
    return Path(buf.value)


def test_settings_for_everyone_are_read_from_programdata(monkeypatch: pytest.MonkeyPatch) -> None:
    """A settings file in the real %PROGRAMDATA%\\Box Login (where the per-machine installer
    writes it) is found with nothing else set; the environment variable the installer reads
    names the folder Windows knows, and the fallback without it is that folder too."""
    from core.settings import (
        CONFIG_ENV,
        SYSTEM_CONFIG_ENV,
        load_settings,
        system_settings_paths,
        user_settings_path,
    )

    monkeypatch.delenv(SYSTEM_CONFIG_ENV, raising=False)
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    program_data = _known_program_data()
    assert Path(os.environ["PROGRAMDATA"]) == program_data
    target = program_data / "Box Login" / "config.json"
    assert system_settings_paths() == [target]
    monkeypatch.delenv("PROGRAMDATA")
    assert system_settings_paths() == [target]  # the fallback is the real folder too
    monkeypatch.undo()
    monkeypatch.delenv(SYSTEM_CONFIG_ENV, raising=False)
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    if target.exists():
        pytest.skip(f"{target} exists on this machine: not touching a real installation")
    if user_settings_path().exists():
        pytest.skip(f"{user_settings_path()} exists and would win over {target}")
    made_dir = not target.parent.exists()
    target.parent.mkdir(exist_ok=True)
    client_id = f"programdata-test-{uuid.uuid4().hex[:8]}"
    try:
        target.write_text(
            json.dumps({"client_id": client_id, "client_secret": "s"}), encoding="utf-8"
        )
        settings = load_settings()
        assert settings is not None
        assert settings.client_id == client_id
        assert settings.source == target
    finally:
        target.unlink(missing_ok=True)
        if made_dir:
            target.parent.rmdir()
