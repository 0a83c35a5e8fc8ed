"""Which password store keyring uses, in plain words, and finding one inside a frozen app.

Kept apart from the token stores (``core.store``) because it is about keyring itself: the
plain name of a backend for ``status``, the window and ``--smoke-test`` (``backend_location``,
``describe_backend``), whether a backend can keep anything at all (``is_usable_backend``: not
keyring's ``fail`` and ``null`` backends), and ``ensure_keyring_backend``, which a PyInstaller
bundle needs because keyring finds its backends through package metadata the bundle can lack.
``core.store`` re-exports every name here.
"""

from __future__ import annotations

import configparser
import importlib
import logging
import os
import sys
from collections.abc import Callable

if sys.platform != "darwin":
    # keyring imports every backend to rank them, and its macOS one binds Apple's libraries
    # as it is imported: off macOS, ctypes' find_library then runs ldconfig and gcc for each
    # of three libraries only to fail (~40 ms from source, over 100 ms in the bundle, on every
    # "box-login token"). keyring already treats the failed binding as "no macOS backend" (and
    # the backend refuses any system but macOS anyway), so it is refused at once instead.
    sys.modules.setdefault("keyring.backends.macOS.api", None)  # type: ignore[arg-type]

import keyring
from keyring.backend import KeyringBackend

from core.translation import QT_TRANSLATE_NOOP, translate

__all__ = [
    "FROZEN_BACKEND_CANDIDATES",
    "backend_location",
    "describe_backend",
    "ensure_keyring_backend",
    "is_usable_backend",
]

logger = logging.getLogger(__name__)

#: Marked for translation (context "Store"): the systems' own names for their password stores.
_PLAIN_NAMES = {
    "keyring.backends.SecretService": QT_TRANSLATE_NOOP("Store", "GNOME Keyring / Secret Service"),
    "keyring.backends.libsecret": QT_TRANSLATE_NOOP("Store", "GNOME Keyring / Secret Service"),
    "keyring.backends.Windows": QT_TRANSLATE_NOOP("Store", "Windows Credential Manager"),
    "keyring.backends.macOS": QT_TRANSLATE_NOOP("Store", "macOS Keychain"),
    "keyring.backends.kwallet": QT_TRANSLATE_NOOP("Store", "KWallet"),
}
_NO_PASSWORD_STORE = QT_TRANSLATE_NOOP("Store", "no password store")
_KEYRING_DISABLED = QT_TRANSLATE_NOOP("Store", "no password store (keyring is disabled)")

#: Platform backends tried by ``ensure_keyring_backend`` when entry points are missing.
FROZEN_BACKEND_CANDIDATES = (
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.libsecret.Keyring",
)


def _chained(backend: KeyringBackend) -> list[KeyringBackend] | None:
    """The backends a chainer delegates to, or None when ``backend`` is not a chainer."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        return list(backend.backends)
    return None


def backend_location(backend: KeyringBackend) -> str:
    """A keyring backend's name in plain words, e.g. "Windows Credential Manager"
    (translated)."""
    return _plain_name(backend, lambda text: translate("Store", text))


def _plain_name(backend: KeyringBackend, words: Callable[[str], str] = str) -> str:
    """The backend's plain name, its words passed through ``words`` (English for logs)."""
    chained = _chained(backend)
    if chained is not None:
        if not chained:
            return words(_NO_PASSWORD_STORE)
        return " + ".join(dict.fromkeys(_plain_name(b, words) for b in chained))
    module = type(backend).__module__
    for prefix, plain in _PLAIN_NAMES.items():
        if module == prefix or module.startswith(prefix + "."):
            return words(plain)
    if module == "keyring.backends.fail":
        return words(_NO_PASSWORD_STORE)
    if module == "keyring.backends.null":
        return words(_KEYRING_DISABLED)
    return str(getattr(type(backend), "name", type(backend).__name__))


def is_usable_backend(backend: KeyringBackend) -> bool:
    """False for keyring's ``fail`` and ``null`` backends and a chainer with nothing to chain."""
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    chained = _chained(backend)
    if chained is not None:
        return any(is_usable_backend(b) for b in chained)
    return True


def describe_backend(backend: KeyringBackend | None = None) -> tuple[str, bool]:
    """``(plain name, usable)`` of keyring's current backend, for ``status``/``--smoke-test``."""
    backend = keyring.get_keyring() if backend is None else backend
    return backend_location(backend), is_usable_backend(backend)


def _backend_pinned() -> bool:
    """True when the person chose a backend through keyring's own configuration."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    try:
        from keyring.util import platform_

        config = configparser.RawConfigParser()
        config.read(platform_.config_root() / "keyringrc.cfg", encoding="utf-8")
        return config.has_option("backend", "default-keyring")
    except (OSError, configparser.Error):
        return False


def ensure_keyring_backend(
    *, force: bool = False, candidates: tuple[str, ...] = FROZEN_BACKEND_CANDIDATES
) -> KeyringBackend:
    """Make keyring's backend choice work inside a frozen (PyInstaller) app; return the backend.

    keyring discovers backends through package metadata and entry points, which a bundle can
    lack: it then settles for its ``fail`` backend. When frozen (or ``force``), the current
    backend is unusable and the person pinned nothing (``PYTHON_KEYRING_BACKEND``,
    ``keyringrc.cfg``), the platform backends are imported by name and the viable one with
    the highest priority is installed with ``keyring.set_keyring``.
    """
    current = keyring.get_keyring()
    if not (force or getattr(sys, "frozen", False)):
        return current
    if is_usable_backend(current) or _backend_pinned():
        return current
    best: tuple[float, type[KeyringBackend]] | None = None
    for dotted in candidates:
        module_name, _, class_name = dotted.rpartition(".")
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
            priority = float(cls.priority)  # raises RuntimeError when not viable here
        except Exception as exc:  # any failure just means "not this one"
            logger.debug("Keyring backend %s not usable: %s", dotted, type(exc).__name__)
            continue
        if priority > 0 and (best is None or priority > best[0]):
            best = (priority, cls)
    if best is None:
        logger.info("No keyring backend found in this bundle")
        return current
    chosen = best[1]()
    keyring.set_keyring(chosen)
    logger.info("Using keyring backend %s", _plain_name(chosen))
    return chosen
