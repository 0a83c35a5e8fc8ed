"""keyring's Secret Service backend over one D-Bus connection kept for the whole process.

Why this is a module of its own: keyring's ``SecretService`` backend opens a new D-Bus
connection for every get, set and delete. That costs ~10 ms each, and GNOME Keyring mishandles
clients that connect and leave quickly while others are busy: it can briefly answer that there
is no default collection (secretstorage then asks to create one, which needs a prompt) or even
abort. ``KeyringStore`` therefore sends its calls through ``SECRET_SERVICE`` when keyring's own
backend on the default collection is in use (``connection_for``), which keeps these rules:

* one connection per process (a forked child or another session bus starts afresh);
* items are found and written with the attributes and labels keyring uses, so ``keyring get``,
  ``secret-tool`` and keyring itself read the same entries;
* a call that fails in a way that passes is retried on a fresh connection after a short pause
  (``RETRY_DELAYS``, under a second in all), so a busy daemon is not reported as an error;
* nothing here prompts or creates a collection: a locked or missing collection is left to
  keyring's backend (``NotServed``), which asks the person as it always does.

Nothing here logs or puts into an error a secret. ``secretstorage`` and ``jeepney`` are imported
on first use only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "RETRY_DELAYS",
    "SECRET_SERVICE",
    "NoDefaultCollection",
    "NotServed",
    "SecretServiceConnection",
    "connection_for",
    "is_secret_service_backend",
]

logger = logging.getLogger(__name__)

#: Pauses before retrying a Secret Service call that failed in a way that passes (the daemon
#: briefly not knowing a new client, an item replaced meanwhile, a restarting daemon).
RETRY_DELAYS = (0.05, 0.2, 0.5)


class NotServed(Exception):
    """The shared connection cannot do this call; keyring's own backend must (once)."""


class NoDefaultCollection(Exception):
    """The Secret Service has no default collection (after the retries)."""


def is_secret_service_backend(backend: KeyringBackend) -> bool:
    """True for exactly keyring's Secret Service backend (a subclass may change its
    behaviour) using the default collection (keyring can be configured to use another)."""
    cls = type(backend)
    return (
        cls.__module__ == "keyring.backends.SecretService"
        and cls.__name__ == "Keyring"
        and not hasattr(backend, "preferred_collection")
    )


class SecretServiceConnection:
    """keyring's get, set and delete on the Secret Service over one D-Bus connection.

    See the module's documentation for why and for the rules kept. A forked child or another
    session bus gets a fresh connection; so does a call after one that failed. Thread-safe
    (one lock around each call).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self._collection: Any = None
        self._owner: tuple[int, str | None] | None = None

    def _reset(self) -> None:
        connection, self._connection, self._collection = self._connection, None, None
        owner, self._owner = self._owner, None
        if connection is not None and owner is not None and owner[0] == os.getpid():
            with suppress(Exception):
                connection.close()

    def _default_collection(self) -> Any:
        import secretstorage

        owner = (os.getpid(), os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
        if self._collection is not None and self._owner == owner:
            return self._collection
        if self._owner != owner:  # first use, another bus, or a forked child: start afresh
            self._connection = self._collection = None
        self._reset()
        self._connection = secretstorage.dbus_init()
        self._owner = owner
        try:
            # ReadAlias only: unlike get_default_collection, never creates a collection.
            collection = secretstorage.get_collection_by_alias(self._connection, "default")
        except secretstorage.exceptions.ItemNotFoundException:
            raise NoDefaultCollection() from None
        if collection.is_locked():
            raise secretstorage.exceptions.LockedException("locked")
        collection.session = secretstorage.util.open_session(self._connection)
        self._collection = collection
        return collection

    def _call(self, action: str, operation: Any) -> Any:
        from jeepney.wrappers import DBusErrorResponse
        from secretstorage.exceptions import LockedException, SecretStorageException

        with self._lock:
            for delay in (*RETRY_DELAYS, None):
                try:
                    return operation(self._default_collection())
                except LockedException:
                    self._reset()
                    raise NotServed("locked") from None
                except NoDefaultCollection:
                    self._reset()
                    if delay is None:
                        raise
                    failure = "no default collection"
                except (SecretStorageException, DBusErrorResponse, OSError, EOFError) as exc:
                    self._reset()
                    if delay is None:
                        raise NotServed(type(exc).__name__) from None
                    failure = type(exc).__name__
                logger.debug("Secret Service failed to %s (%s); retrying", action, failure)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def default_collection_locked(self) -> bool:
        """True when the default collection exists and is locked. Only asks: never unlocks,
        prompts or creates anything (keep-alive must not prompt a person who is away).
        False when there is no default collection or the service cannot be asked."""
        from jeepney.wrappers import DBusErrorResponse
        from secretstorage.exceptions import LockedException, SecretStorageException

        with self._lock:
            try:
                self._default_collection()
            except LockedException:
                self._reset()
                return True
            except (NoDefaultCollection, SecretStorageException, DBusErrorResponse, OSError):
                self._reset()
            return False

    @staticmethod
    def _query(backend: KeyringBackend, service: str, username: str) -> dict[str, str]:
        scheme = backend.schemes[backend.scheme]  # type: ignore[attr-defined]
        return {scheme["username"]: username, scheme["service"]: service}

    def get_password(self, backend: KeyringBackend, service: str, username: str) -> str | None:
        """Like keyring's ``get_password``; None when there is no default collection."""
        query = self._query(backend, service, username)

        def get(collection: Any) -> str | None:
            for item in collection.search_items(query):
                return str(item.get_secret().decode("utf-8"))
            return None

        try:
            return self._call("read", get)  # type: ignore[no-any-return]
        except NoDefaultCollection:
            return None  # keyring writes to the default collection: nothing can be stored

    def set_password(
        self, backend: KeyringBackend, service: str, username: str, password: str
    ) -> None:
        """Like keyring's ``set_password`` (same label and attributes; idempotent)."""
        attributes = self._query(backend, service, username)
        attributes["application"] = str(getattr(backend, "appid", "Python keyring library"))
        label = f"Password for '{username}' on '{service}'"

        def put(collection: Any) -> None:
            collection.create_item(label, attributes, password.encode("utf-8"), replace=True)

        try:
            self._call("write", put)
        except NoDefaultCollection:
            raise NotServed("no default collection") from None  # keyring creates one

    def delete_password(self, backend: KeyringBackend, service: str, username: str) -> bool:
        """Delete every matching item; False when there was none."""
        query = self._query(backend, service, username)

        def delete(collection: Any) -> bool:
            items = list(collection.search_items(query))
            for item in items:
                item.delete()
            return bool(items)

        try:
            return bool(self._call("delete", delete))
        except NoDefaultCollection:
            return False


SECRET_SERVICE = SecretServiceConnection()


def connection_for(backend: KeyringBackend) -> SecretServiceConnection | None:
    """The process's shared connection when ``backend`` is keyring's own Secret Service
    backend on the default collection; None for any other backend (used as keyring gives it)."""
    return SECRET_SERVICE if is_secret_service_backend(backend) else None
