"""Where Box Login keeps each connected account's tokens.

The normal home is the system password store through ``keyring`` (GNOME Keyring / Secret
Service, Windows Credential Manager, macOS Keychain, KWallet): ``KeyringStore``. When the
computer has none, Box Login never falls back to a plain file on its own: ``open_store`` raises
``KeyringUnavailableError`` and the person chooses either ``EncryptedFileStore`` (a file
protected by a passphrase) or ``MemoryStore`` (this run only).

Neighbours: ``core.stored_token`` (what is kept: ``StoredToken``), ``core.secret_service`` (one
Secret Service connection per process, and why) and ``core.keyring_backends`` (naming and
finding keyring's backends). The public names of the first and the last are importable from
here too.

Nothing in this module logs or puts into an error message a token or passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import keyring
import keyring.errors
import platformdirs
from keyring.backend import KeyringBackend

from core.errors import (
    KeyringUnavailableError,
    SecretTooLargeError,
    StoreError,
    StoreLockedError,
)
from core.keyring_backends import (
    FROZEN_BACKEND_CANDIDATES,
    backend_location,
    describe_backend,
    ensure_keyring_backend,
    is_usable_backend,
)
from core.profiles import DEFAULT_PROFILE, PROFILE_NAME_RULE, is_valid_profile_name
from core.secret_service import NotServed, connection_for
from core.settings import APP_DIR_NAME, display_path, state_dir, write_private_file
from core.stored_token import (
    MAX_ACCESS_TOKEN_LIFETIME,
    META_FORMAT,
    REFRESH_TOKEN_LIFETIME,
    StoredToken,
)
from core.translation import QT_TRANSLATE_NOOP, translate

__all__ = [
    "CHOICE_ENCRYPTED_FILE",
    "CHOICE_KEYRING",
    "CHOICE_MEMORY",
    "DEFAULT_PROFILE",
    "DEFAULT_SERVICE",
    "FROZEN_BACKEND_CANDIDATES",
    "MAX_ACCESS_TOKEN_LIFETIME",
    "MAX_SECRET_BYTES",
    "META_FORMAT",
    "REFRESH_TOKEN_LIFETIME",
    "EncryptedFileStore",
    "InvalidProfileNameError",
    "KeyringStore",
    "MemoryStore",
    "StoredToken",
    "TokenStore",
    "WrongPassphraseError",
    "backend_location",
    "check_profile",
    "default_encrypted_file_path",
    "describe_backend",
    "ensure_keyring_backend",
    "is_usable_backend",
    "open_store",
]

logger = logging.getLogger(__name__)

DEFAULT_SERVICE = "Box Login"
#: Largest value written to one keyring entry. Windows Credential Manager refuses more than
#: 2,560 bytes per secret; staying well under leaves room for the backend's own overhead.
MAX_SECRET_BYTES = 2000

CHOICE_KEYRING = "keyring"
CHOICE_ENCRYPTED_FILE = "encrypted-file"
CHOICE_MEMORY = "memory"


class InvalidProfileNameError(StoreError):
    """That profile name cannot be used. Use letters, digits and . _ @ + - (up to 64)."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "That profile name cannot be used. Use letters, digits and . _ @ + - (up to 64)."
    )

    exit_code = 2


class WrongPassphraseError(StoreError):
    """The passphrase does not open the encrypted token file. Check it and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "The passphrase does not open the encrypted token file. Check it and try again."
    )


def check_profile(profile: str) -> str:
    """``profile`` if it is a valid profile name (``core.profiles``), else
    InvalidProfileNameError."""
    if not is_valid_profile_name(profile):
        raise InvalidProfileNameError(
            translate("Store", '"{profile}" cannot be used as a profile name.').format(
                profile=profile
            ),
            hint=translate("Store", "Use {rule}.").format(
                rule=translate("Profiles", PROFILE_NAME_RULE)
            ),
        )
    return profile


@runtime_checkable
class TokenStore(Protocol):
    """What every token store offers (``KeyringStore``, ``EncryptedFileStore``, ``MemoryStore``)."""

    @property
    def kind(self) -> str:
        """``CHOICE_KEYRING``, ``CHOICE_ENCRYPTED_FILE`` or ``CHOICE_MEMORY``: what code decides
        by (``location()`` is worded for people and may change)."""
        ...

    def location(self) -> str:
        """Where tokens live, in plain words (for ``status`` and the window)."""
        ...

    def list_profiles(self) -> list[str]:
        """Profiles that have something stored, sorted."""
        ...

    def load(self, profile: str) -> StoredToken | None:
        """The profile's stored sign-in, or None."""
        ...

    def save(self, token: StoredToken) -> None:
        """Store ``token`` under ``token.profile``, replacing what was there."""
        ...

    def save_details(self, token: StoredToken) -> None:
        """Store only ``token``'s details (``metadata()``: times, user, scope, the renewal
        mark), keeping the stored tokens. Used to mark a renewal before it starts; ``token``
        must carry the tokens already stored."""
        ...

    def delete(self, profile: str) -> None:
        """Forget the profile (no error when there is nothing to forget)."""
        ...


# --- keyring store ----------------------------------------------------------------------


def _stored_size(value: str, backend: KeyringBackend) -> int:
    # Windows Credential Manager keeps the secret as UTF-16, two bytes per ASCII character.
    encoding = (
        "utf-16-le" if type(backend).__module__.startswith("keyring.backends.Windows") else "utf-8"
    )
    return len(value.encode(encoding))


class KeyringStore:
    """Tokens in the system password store, one profile per connected account.

    Each profile uses three entries of the keyring service ``service``: usernames
    ``<profile>:refresh_token``, ``<profile>:access_token`` and ``<profile>:meta`` (JSON:
    the layout's version ``format``, times, Box user, scope, needs_sign_in, the renewal mark;
    a documented interface, see ``META_FORMAT``). keyring cannot list entries, so an index entry
    (username ``profiles``, a JSON list) names the profiles; it is updated under a file lock.
    """

    INDEX_USERNAME = "profiles"
    kind = CHOICE_KEYRING

    def __init__(
        self,
        service: str = DEFAULT_SERVICE,
        *,
        backend: KeyringBackend | None = None,
        lock_dir: Path | None = None,
    ) -> None:
        self.service = service
        self.backend = keyring.get_keyring() if backend is None else backend
        self._lock_dir = lock_dir
        self._secret_service = connection_for(self.backend)

    def __repr__(self) -> str:
        return f"KeyringStore(service={self.service!r}, location={self.location()!r})"

    def location(self) -> str:
        """The password store in plain words, e.g. "GNOME Keyring / Secret Service"."""
        return backend_location(self.backend)

    def is_locked(self) -> bool:
        """True when the password store is known to be locked, found out without unlocking
        it (nothing prompts). Known for the Secret Service (GNOME Keyring, KWallet's Secret
        Service) used through the shared connection; False for other backends, whose reads
        raise ``StoreLockedError`` (or ask the person, as those backends do) instead."""
        return self._secret_service is not None and self._secret_service.default_collection_locked()

    # entries

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn keyring's (and its backends') exceptions into Box Login's, without details
        that could carry a value."""
        try:
            yield
        except keyring.errors.KeyringLocked:
            raise StoreLockedError(
                translate(
                    "Store", "The {store} is locked, so Box Login could not {action}."
                ).format(store=self.location(), action=translate("Store", action)),
                hint=translate(
                    "Store", "Unlock it (for example by signing in to your desktop) and try again."
                ),
            ) from None
        except keyring.errors.NoKeyringError:
            raise KeyringUnavailableError() from None
        except Exception as exc:
            logger.debug("Keyring failed to %s: %s", action, type(exc).__name__)
            raise StoreError(
                translate("Store", "The {store} refused to {action} ({error}).").format(
                    store=self.location(),
                    action=translate("Store", action),
                    error=type(exc).__name__,
                ),
                hint=translate(
                    "Store",
                    "Check that the password store is running and unlocked, then try again.",
                ),
            ) from None

    def _get(self, username: str) -> str | None:
        with self._errors(QT_TRANSLATE_NOOP("Store", "read your Box sign-in")):
            if self._secret_service is not None:
                with suppress(NotServed):
                    return self._secret_service.get_password(self.backend, self.service, username)
            return self.backend.get_password(self.service, username)

    def _check_size(self, value: str, what: str) -> None:
        size = _stored_size(value, self.backend)
        if size >= MAX_SECRET_BYTES:
            raise SecretTooLargeError(
                translate(
                    "Store",
                    "The {what} is {size} bytes, too large for the {store} "
                    "(Box Login keeps each value under {limit} bytes).",
                ).format(
                    what=translate("Store", what),
                    size=size,
                    store=self.location(),
                    limit=MAX_SECRET_BYTES,
                ),
                hint=translate(
                    "Store", "Nothing was saved. Report this to whoever supports Box Login."
                ),
            )

    def _set(self, username: str, value: str, what: str) -> None:
        self._check_size(value, what)
        with self._errors(QT_TRANSLATE_NOOP("Store", "save your Box sign-in")):
            if self._secret_service is not None:
                with suppress(NotServed):
                    self._secret_service.set_password(self.backend, self.service, username, value)
                    return
            self.backend.set_password(self.service, username, value)

    def _delete(self, username: str) -> None:
        # PasswordDeleteError means nothing was there: deleting is idempotent.
        with (
            self._errors(QT_TRANSLATE_NOOP("Store", "remove your Box sign-in")),
            suppress(keyring.errors.PasswordDeleteError),
        ):
            if self._secret_service is not None:
                with suppress(NotServed):
                    self._secret_service.delete_password(self.backend, self.service, username)
                    return
            self.backend.delete_password(self.service, username)

    # index of profiles

    def _read_index(self, *, warn: bool = True) -> list[str]:
        raw = self._get(self.INDEX_USERNAME)
        if not raw:
            return []
        try:
            names = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            if warn:
                logger.warning(
                    "The profile list in the %s was unreadable; rebuilding it", self.location()
                )
            return []
        if not isinstance(names, list):
            return []
        return [n for n in names if is_valid_profile_name(n)]

    @contextmanager
    def _index_lock(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        digest = hashlib.sha256(self.service.encode("utf-8")).hexdigest()[:16]
        lock_dir = state_dir() if self._lock_dir is None else self._lock_dir
        lock = FileLock(str(lock_dir / f"keyring-index-{digest}.lock"), timeout=30)
        try:
            with lock:
                yield
        except Timeout:
            raise StoreError(
                translate("Store", "Another Box Login is busy with the list of profiles."),
                hint=translate("Store", "Wait a moment and try again."),
            ) from None

    def _update_index(self, add: str | None = None, remove: str | None = None) -> None:
        with self._index_lock():
            names = self._read_index()
            updated = [n for n in names if n != remove]
            if add is not None and add not in updated:
                updated.append(add)
            updated.sort()
            if updated == names:
                return
            if updated:
                self._set(
                    self.INDEX_USERNAME,
                    json.dumps(updated),
                    QT_TRANSLATE_NOOP("Store", "list of profiles"),
                )
            else:
                self._delete(self.INDEX_USERNAME)

    # TokenStore

    def list_profiles(self) -> list[str]:
        """Profiles named in the index (kept sorted)."""
        return sorted(self._read_index())

    def load(self, profile: str) -> StoredToken | None:
        """The profile's tokens and metadata, or None when nothing is stored.

        The metadata is read first because ``save`` writes it last: if another process is
        saving meanwhile, details that are already new imply tokens that are new too, and old
        details (an old expiry) at worst make the caller refresh under its lock and re-read.
        """
        check_profile(profile)
        meta_raw = self._get(f"{profile}:meta")
        access = self._get(f"{profile}:access_token")
        refresh = self._get(f"{profile}:refresh_token")
        if meta_raw is None and access is None and refresh is None:
            return None
        meta: Mapping[str, Any] | None = None
        if meta_raw is not None:
            try:
                parsed = json.loads(meta_raw)
            except (ValueError, RecursionError):
                parsed = None
            if isinstance(parsed, Mapping):
                meta = parsed
            else:
                logger.warning("Stored details for profile %s were unreadable", profile)
        return StoredToken.from_parts(profile, meta, access, refresh)

    def save(self, token: StoredToken) -> None:
        """Store the profile's tokens and metadata as three entries and list the profile.

        Order matters because Box burns a refresh token when it is used. The refresh token is
        written first, then the access token, then the metadata (which holds the access
        token's expiry and clears the renewal mark). A renewal writes the mark before it asks
        Box (``save_details``), so whatever point a crash interrupts this, the store holds the
        newest refresh token Box issued and the mark still stands until the last write: the
        next run does not hand out the access token (Box may have ended the old one) and
        renews with that refresh token. The opposite order could leave a fresh access token
        next to a burned refresh token, which works for an hour and then forces a new sign-in.
        Everything is size-checked before the first write, so a too-large value leaves the
        store untouched.
        """
        profile = check_profile(token.profile)
        meta = json.dumps(token.metadata(), separators=(",", ":"))
        for value, what in (
            (token.refresh_token, QT_TRANSLATE_NOOP("Store", "refresh token")),
            (token.access_token, QT_TRANSLATE_NOOP("Store", "access token")),
            (meta, QT_TRANSLATE_NOOP("Store", "token details (user name, login, scope)")),
        ):
            if value is not None:
                self._check_size(value, what)
        for username, value, what in (
            (
                f"{profile}:refresh_token",
                token.refresh_token,
                QT_TRANSLATE_NOOP("Store", "refresh token"),
            ),
            (
                f"{profile}:access_token",
                token.access_token,
                QT_TRANSLATE_NOOP("Store", "access token"),
            ),
        ):
            if value:
                self._set(username, value, what)
            else:
                self._delete(username)
        self._set(f"{profile}:meta", meta, QT_TRANSLATE_NOOP("Store", "token details"))
        # A renewal saves a profile the index already names: one read, no lock. Only a
        # missing name takes the lock (and ``_update_index`` reads again under it). A delete
        # racing this save ends as it could with the lock taken here: the check is a read
        # of the index as a locked update would have read it just before the delete's.
        if profile not in self._read_index(warn=False):
            self._update_index(add=profile)
        logger.debug("Saved profile %s to the %s", profile, self.location())

    def save_details(self, token: StoredToken) -> None:
        """Write the meta entry alone (one keyring write; the tokens stay as they are)."""
        profile = check_profile(token.profile)
        meta = json.dumps(token.metadata(), separators=(",", ":"))
        self._check_size(
            meta, QT_TRANSLATE_NOOP("Store", "token details (user name, login, scope)")
        )
        self._set(f"{profile}:meta", meta, QT_TRANSLATE_NOOP("Store", "token details"))

    def delete(self, profile: str) -> None:
        """Remove the profile's entries (secrets first) and drop it from the index."""
        check_profile(profile)
        for kind in ("refresh_token", "access_token", "meta"):
            self._delete(f"{profile}:{kind}")
        self._update_index(remove=profile)
        logger.debug("Deleted profile %s from the %s", profile, self.location())


# --- memory store -----------------------------------------------------------------------


class MemoryStore:
    """Tokens kept in this process only: gone when Box Login exits. Thread-safe."""

    kind = CHOICE_MEMORY

    def __init__(self) -> None:
        self._tokens: dict[str, StoredToken] = {}
        self._lock = threading.Lock()

    def location(self) -> str:
        """Plain words for status output."""
        return translate("Store", "memory only (forgotten when Box Login closes)")

    def list_profiles(self) -> list[str]:
        """Profiles stored in this run."""
        with self._lock:
            return sorted(self._tokens)

    def load(self, profile: str) -> StoredToken | None:
        """The profile's tokens, or None."""
        with self._lock:
            return self._tokens.get(check_profile(profile))

    def save(self, token: StoredToken) -> None:
        """Keep ``token`` for the rest of this run."""
        with self._lock:
            self._tokens[check_profile(token.profile)] = token

    def save_details(self, token: StoredToken) -> None:
        """Keep ``token`` (the tokens in memory are replaced together with the details)."""
        self.save(token)

    def delete(self, profile: str) -> None:
        """Forget the profile."""
        with self._lock:
            self._tokens.pop(check_profile(profile), None)


# --- encrypted file store ---------------------------------------------------------------

_FILE_FORMAT = "box-login-tokens"
_FILE_VERSION = 1
_SCRYPT_N = 2**15  # ~32 MiB and ~0.1 s per derivation: fine once per run
_SCRYPT_R = 8
_SCRYPT_P = 1
_SALT_BYTES = 16
_NONCE_BYTES = 12


def default_encrypted_file_path() -> Path:
    """Where ``EncryptedFileStore`` keeps its file by default (the per-user data folder)."""
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False) / "tokens.encrypted"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


class EncryptedFileStore:
    """Tokens in one file encrypted with a passphrase: scrypt derives an AES-256-GCM key.

    The file is JSON: a header (format, version, scrypt parameters, a random salt chosen when
    the file is created) and the AES-GCM nonce and ciphertext; the header is authenticated as
    associated data. Each write uses a fresh nonce, goes through a temporary file and
    ``os.replace``, and leaves the file readable by its owner only. A wrong passphrase raises
    ``WrongPassphraseError`` when the store is opened.
    """

    kind = CHOICE_ENCRYPTED_FILE

    def __init__(self, path: Path | None = None, *, passphrase: str) -> None:
        if not passphrase:
            raise StoreError(
                translate("Store", "An encrypted token file needs a passphrase."),
                hint=translate(
                    "Store", "Choose a passphrase, or keep the token for this run only."
                ),
            )
        self.path = default_encrypted_file_path() if path is None else Path(path)
        self._passphrase = passphrase.encode("utf-8")
        self._keys: dict[bytes, bytes] = {}  # salt -> derived key, to derive once per run
        self._lock = threading.Lock()
        if self.path.exists():
            self._read()  # fail now, with a clear message, if the passphrase is wrong

    def __repr__(self) -> str:
        return f"EncryptedFileStore(path={str(self.path)!r})"

    def location(self) -> str:
        """Plain words for status output."""
        return translate("Store", "encrypted file {path}").format(path=display_path(self.path))

    def _key(self, salt: bytes, n: int, r: int, p: int) -> bytes:
        cache_key = salt + f":{n}:{r}:{p}".encode()
        key = self._keys.get(cache_key)
        if key is None:
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

            key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(self._passphrase)
            self._keys[cache_key] = key
        return key

    def _unreadable(self, why: str) -> StoreError:
        return StoreError(
            translate("Store", "The token file {path} cannot be read: {why}.").format(
                path=display_path(self.path), why=why
            ),
            hint=translate("Store", "Delete it and sign in again."),
        )

    def _read(self) -> tuple[dict[str, dict[str, Any]], bytes | None]:
        """(profiles, salt) from the file; ({}, None) when there is no file yet."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, None
        except OSError as exc:
            raise self._unreadable(exc.strerror or type(exc).__name__) from None
        try:
            doc = json.loads(raw)
            header = doc["header"]
            if header.get("format") != _FILE_FORMAT or header.get("version") != _FILE_VERSION:
                raise ValueError("unknown format")
            kdf = header["kdf"]
            n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
            if kdf.get("name") != "scrypt" or not (2**10 <= n <= 2**20 and r <= 32 and p <= 4):
                raise ValueError("unsupported key derivation")
            salt = _unb64(kdf["salt"])
            nonce = _unb64(doc["nonce"])
            ciphertext = _unb64(doc["ciphertext"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise self._unreadable(translate("Store", "it is not a Box Login token file")) from None
        aad = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
        try:
            plain = AESGCM(self._key(salt, n, r, p)).decrypt(nonce, ciphertext, aad)
        except InvalidTag:
            raise WrongPassphraseError(
                translate("Store", "The passphrase does not open {path}.").format(
                    path=display_path(self.path)
                ),
                hint=translate(
                    "Store",
                    "Check the passphrase and try again (or delete the file and sign in again).",
                ),
            ) from None
        try:
            profiles = json.loads(plain)["profiles"]
            if not isinstance(profiles, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError, RecursionError):
            raise self._unreadable(translate("Store", "its contents are damaged")) from None
        return profiles, salt

    def _write(self, profiles: dict[str, dict[str, Any]], salt: bytes | None) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt = os.urandom(_SALT_BYTES) if salt is None else salt
        header = {
            "format": _FILE_FORMAT,
            "version": _FILE_VERSION,
            "kdf": {
                "name": "scrypt",
                "salt": _b64(salt),
                "n": _SCRYPT_N,
                "r": _SCRYPT_R,
                "p": _SCRYPT_P,
            },
            "cipher": "AES-256-GCM",
        }
        aad = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
        nonce = os.urandom(_NONCE_BYTES)
        plain = json.dumps({"profiles": profiles}, separators=(",", ":")).encode("utf-8")
        ciphertext = AESGCM(self._key(salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)).encrypt(
            nonce, plain, aad
        )
        doc = {"header": header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            write_private_file(self.path, json.dumps(doc, indent=1).encode("utf-8"))
        except OSError as exc:
            raise StoreError(
                translate("Store", "Box Login could not write {path} ({error}).").format(
                    path=display_path(self.path), error=exc.strerror or type(exc).__name__
                )
            ) from None

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise read-modify-write across threads and processes."""
        from filelock import FileLock

        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self._lock, FileLock(str(self.path) + ".lock", timeout=30):
            yield

    def list_profiles(self) -> list[str]:
        """Profiles in the file."""
        profiles, _ = self._read()
        return sorted(profiles)

    def load(self, profile: str) -> StoredToken | None:
        """The profile's tokens, or None."""
        check_profile(profile)
        profiles, _ = self._read()
        entry = profiles.get(profile)
        if not isinstance(entry, dict):
            return None
        return StoredToken.from_parts(
            profile,
            entry.get("meta"),
            entry.get("access_token"),  # from_parts drops what is not a string
            entry.get("refresh_token"),
        )

    def save(self, token: StoredToken) -> None:
        """Replace the profile's tokens (the whole file is rewritten atomically)."""
        profile = check_profile(token.profile)
        with self._locked():
            profiles, salt = self._read()
            profiles[profile] = {
                "access_token": token.access_token,
                "refresh_token": token.refresh_token,
                "meta": token.metadata(),
            }
            self._write(profiles, salt)
        logger.debug("Saved profile %s to %s", profile, self.location())

    def save_details(self, token: StoredToken) -> None:
        """Rewrite the profile with ``token`` (one atomic write of the whole file)."""
        self.save(token)

    def delete(self, profile: str) -> None:
        """Forget the profile."""
        check_profile(profile)
        with self._locked():
            profiles, salt = self._read()
            if profiles.pop(profile, None) is not None:
                self._write(profiles, salt)


# --- choosing a store -------------------------------------------------------------------


def _no_password_store_error(backend: KeyringBackend) -> KeyringUnavailableError:
    if type(backend).__module__ == "keyring.backends.null":
        message = translate(
            "Store",
            "This computer has no password store Box Login can use (keyring is disabled in "
            "its settings), so it cannot keep your Box sign-in safely on its own.",
        )
    else:
        message = translate(
            "Store",
            "This computer has no password store Box Login can use, so it cannot keep your "
            "Box sign-in safely on its own.",
        )
    return KeyringUnavailableError(
        message,
        hint=translate(
            "Store",
            "Choose one: keep it in a file encrypted with a passphrase you pick "
            '("{encrypted_file}"), or keep it only while Box Login runs '
            '("{memory}"). Box Login never saves it as plain text.',
        ).format(encrypted_file=CHOICE_ENCRYPTED_FILE, memory=CHOICE_MEMORY),
    )


def open_store(
    *,
    choice: str | None = None,
    passphrase: str | None = None,
    path: Path | None = None,
    service: str = DEFAULT_SERVICE,
) -> TokenStore:
    """The token store to use.

    ``choice`` None or ``"keyring"``: the system password store (keyring's current backend,
    which already honours ``PYTHON_KEYRING_BACKEND`` and ``keyringrc.cfg``); raises
    ``KeyringUnavailableError`` when there is none, never falling back by itself.
    ``"encrypted-file"``: ``EncryptedFileStore(path, passphrase=passphrase)``.
    ``"memory"``: ``MemoryStore()``.
    """
    if choice in (None, CHOICE_KEYRING):
        backend = ensure_keyring_backend()
        if not is_usable_backend(backend):
            logger.info("No usable keyring backend (%s)", type(backend).__name__)
            raise _no_password_store_error(backend)
        return KeyringStore(service, backend=backend)
    if choice == CHOICE_ENCRYPTED_FILE:
        return EncryptedFileStore(path, passphrase=passphrase or "")
    if choice == CHOICE_MEMORY:
        return MemoryStore()
    raise StoreError(
        translate("Store", '"{choice}" is not a way to store tokens.').format(choice=choice),
        hint=translate("Store", 'Use "{keyring}", "{encrypted_file}" or "{memory}".').format(
            keyring=CHOICE_KEYRING, encrypted_file=CHOICE_ENCRYPTED_FILE, memory=CHOICE_MEMORY
        ),
    )
