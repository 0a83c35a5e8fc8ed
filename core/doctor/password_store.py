"""The **password store** check: the keyring backend is there, answers and is unlocked.

A hung D-Bus or keychain can block for minutes, so the probe runs in a daemon thread of its
own with a time limit (:data:`STORE_TIMEOUT`) and never holds up the other checks; the runner
(:mod:`core.doctor.runner`) reads the same limit for its own watch on this check. It asks
nothing that would prompt the person: on the Secret Service, whether the default collection
exists and is unlocked; elsewhere, a read of an entry that does not exist.

Tests replace :data:`PASSWORD_STORE_PROBE` and :data:`STORE_TIMEOUT` here, in this module,
where they are read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.doctor.context import _Context
from core.doctor.results import CheckResult, _ok, _problem, _seconds, _warning
from core.translation import translate

#: Seconds the password store has to answer.
STORE_TIMEOUT = 5.0


@dataclass(frozen=True)
class _StoreProbe:
    location: str
    state: str  # "ok", "missing", "locked", "no_collection", "failed"
    reason: str | None = None


def _probe_password_store() -> _StoreProbe:
    """Find keyring's backend and ask it something harmless, without prompting: on the
    Secret Service whether the default collection exists and is unlocked; elsewhere a read
    of an entry that does not exist."""
    import keyring
    import keyring.errors

    from core.keyring_backends import describe_backend, ensure_keyring_backend
    from core.secret_service import is_secret_service_backend

    backend = ensure_keyring_backend()
    location, usable = describe_backend(backend)
    if not usable:
        return _StoreProbe(location, "missing")
    if is_secret_service_backend(backend):
        from contextlib import closing

        import secretstorage

        try:
            with closing(secretstorage.dbus_init()) as bus:
                try:
                    collection = secretstorage.get_collection_by_alias(bus, "default")
                except secretstorage.exceptions.ItemNotFoundException:
                    return _StoreProbe(location, "no_collection")
                locked = collection.is_locked()
        except Exception as exc:
            return _StoreProbe(location, "failed", type(exc).__name__)
        return _StoreProbe(location, "locked" if locked else "ok")
    try:
        keyring.get_keyring().get_password("Box Login", "doctor-check (nothing stored)")
    except keyring.errors.KeyringLocked:
        return _StoreProbe(location, "locked")
    except Exception as exc:
        return _StoreProbe(location, "failed", type(exc).__name__)
    return _StoreProbe(location, "ok")


#: Replaced in tests (a probe that hangs, say); called in a daemon thread.
PASSWORD_STORE_PROBE: Callable[[], _StoreProbe] = _probe_password_store


def check_password_store(ctx: _Context, timeout: float | None = None) -> CheckResult:
    """The password store is there, answers and is unlocked (within ``timeout`` seconds,
    default :data:`STORE_TIMEOUT`)."""
    name = "password_store"
    timeout = STORE_TIMEOUT if timeout is None else timeout
    if ctx.store_choice in ("memory", "encrypted-file"):
        if ctx.store_choice == "memory":
            said = translate(
                "Doctor", "Not used: --store memory keeps the sign-in only while Box Login runs."
            )
        else:
            said = translate(
                "Doctor", "Not used: --store encrypted-file keeps the sign-in in a file."
            )
        return _ok(name, said, store=ctx.store_choice)
    outcome: list[_StoreProbe | BaseException] = []
    probe = PASSWORD_STORE_PROBE

    def run() -> None:
        try:
            outcome.append(probe())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, name="box-login-doctor-keyring", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        return _problem(
            name,
            translate("Doctor", "The password store did not answer within {seconds}.").format(
                seconds=_seconds(timeout)
            ),
            _stuck_fix(),
            store="keyring",
            answered=False,
            timeout_s=timeout,
        )
    result = outcome[0]
    if isinstance(result, BaseException):
        return _problem(
            name,
            translate("Doctor", "The password store could not be asked ({error}).").format(
                error=type(result).__name__
            ),
            translate("Doctor", "Check that it is installed and running, then run this again."),
            store="keyring",
            answered=False,
        )
    where = result.location
    details: dict[str, Any] = {"store": "keyring", "backend": where, "state": result.state}
    if result.state == "ok":
        return _ok(
            name,
            translate("Doctor", "{store} answers and is unlocked.").format(store=where),
            **details,
        )
    if result.state == "missing":
        return _problem(
            name,
            translate(
                "Doctor",
                "No password store was found on this computer, so Box Login cannot keep your "
                "sign-in there.",
            ),
            translate(
                "Doctor",
                "Install one (Debian/Ubuntu: sudo apt-get install gnome-keyring; or KWallet), or "
                "choose --store encrypted-file (a file protected by a passphrase).",
            ),
            **details,
        )
    if result.state == "locked":
        return _warning(
            name,
            translate(
                "Doctor", "{store} is locked: it will ask for your password when Box Login uses it."
            ).format(store=where),
            translate(
                "Doctor",
                "Unlock it (signing in to the desktop usually does), or just answer its prompt.",
            ),
            **details,
        )
    if result.state == "no_collection":
        return _warning(
            name,
            translate(
                "Doctor",
                "{store} has no default keyring yet: it will ask you to create one the first "
                "time Box Login keeps a sign-in.",
            ).format(store=where),
            translate(
                "Doctor",
                "Nothing to do: answer its prompt (or create a default keyring in Passwords and "
                "Keys).",
            ),
            **details,
        )
    details["reason"] = result.reason
    return _problem(
        name,
        translate("Doctor", "{store} could not be reached ({reason}).").format(
            store=where, reason=result.reason
        ),
        translate(
            "Doctor",
            "Check that it is running (on Linux, gnome-keyring-daemon in your desktop session), "
            "then run this again; or choose --store encrypted-file.",
        ),
        **details,
    )


def _store_timeout(seconds: float) -> CheckResult:
    """What the runner reports when this check overruns its own limit (its thread hung
    before even its time limit could speak)."""
    return _problem(
        "password_store",
        translate("Doctor", "The password store did not answer within {seconds}.").format(
            seconds=_seconds(round(seconds, 1))
        ),
        _stuck_fix(),
        store="keyring",
        answered=False,
    )


def _stuck_fix() -> str:
    return translate(
        "Doctor",
        "Its service may be stuck: sign out of the desktop and in again (or restart the "
        "computer), then run this again. Meanwhile --store encrypted-file keeps the sign-in in "
        "a file protected by a passphrase.",
    )
