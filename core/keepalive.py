"""Keep-alive: renew each profile's sign-in before Box's 60 days run out, and say when it cannot.

Box ends a sign-in whose refresh token goes unused for 60 days. Box Login renews while its
window is open or when a program asks ``box-login token``; someone who connects and then
leaves the integration alone for two months loses the connection without a word. Keep-alive
is a short job the platform's own scheduler starts (``core.keepalive_schedulers``: a systemd
user timer, a LaunchAgent, a Task Scheduler task), about once a day:
``box-login keep-alive run-once``, which calls :func:`run_once`. Nothing of Box Login's runs
in between.

The rules :func:`run_once` keeps:

- **Zero network calls when nothing is due.** A profile is due when its refresh token is
  older than ``RENEW_AFTER`` (see there for why 30 days); the age is read from the store
  (``refresh_expires_at``, else ``received_at``). ``requests`` is not even imported then.
- **Each due profile is renewed once**, under the same per-profile lock as every other
  caller (``BoxLogin.renew_if`` re-reads the store under the lock and renews only if it is
  still due, so overlapping runs, the window and ``token`` never renew it twice).
- **It never prompts.** The password store is asked whether it is locked without unlocking
  it (a locked store is reported, not opened). An encrypted token file needs its passphrase,
  which Box Login never keeps, so keep-alive is not available there
  (``KeepAliveUnavailableError``).
- **It says what matters** as :class:`Reminder` values (the caller shows them as desktop
  notifications, ``core.notifications``): a sign-in ending within ``REMIND_WITHIN`` that is not
  being renewed, a sign-in Box ended (``invalid_grant``: revoked by an administrator, a
  password change), a locked password store while something is due.

A small record (``keep-alive-record.json`` in the state folder: profile names, when each refresh
token ends, which ended sign-ins were already reported; no secret) lets a run that finds the
store locked tell whether anything could be due, and keeps an ended sign-in from being
reported every day.

Plain Python: no Qt, and nothing heavy at import time.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import (
    BoxLoginError,
    ConfigError,
    NeedsSignInError,
    NotConfiguredError,
    NotSignedInError,
    StoreLockedError,
)
from core.translation import QT_TRANSLATE_NOOP, sentences, translate

if TYPE_CHECKING:
    from core.session import BoxLogin
    from core.settings import Settings
    from core.store import StoredToken, TokenStore

__all__ = [
    "DAY",
    "REMIND_WITHIN",
    "REMIND_WITHIN_DAYS",
    "RENEW_AFTER",
    "RENEW_AFTER_DAYS",
    "KeepAliveReport",
    "KeepAliveUnavailableError",
    "Outcome",
    "ProfileResult",
    "ProfileState",
    "Reminder",
    "ReminderKind",
    "check_available",
    "days_left",
    "days_left_words",
    "is_due",
    "profile_states",
    "record_path",
    "run_once",
    "summary_lines",
]

logger = logging.getLogger(__name__)

DAY = 24 * 3600.0

#: Renew a profile whose refresh token is older than this. Why 30 days, half of Box's 60:
#: the scheduler runs the job about once a day, but a laptop may be off or away from the
#: network for weeks (holidays), and a renewal may fail for days (Box or the proxy down, the
#: password store locked). Renewing at 30 days leaves 30 days, some 30 daily attempts, before
#: the sign-in ends, and the reminder a week before the end (``REMIND_WITHIN``) comes only
#: after three weeks of failures. Renewing sooner would change nothing for a profile in use
#: (every renewal by the window or ``token`` makes the refresh token new again, so the job
#: finds nothing due and sends nothing) and would only rotate an idle profile's refresh
#: token more often: each rotation is a keyring write and a moment where Box has taken the
#: old token. At 30 days an idle profile is renewed about twice in 60 days.
RENEW_AFTER_DAYS = 30
RENEW_AFTER = RENEW_AFTER_DAYS * DAY

#: Remind the person when a sign-in that is not being renewed ends within this.
REMIND_WITHIN_DAYS = 7
REMIND_WITHIN = REMIND_WITHIN_DAYS * DAY

#: Box's refresh token lifetime (``core.stored_token.REFRESH_TOKEN_LIFETIME``), repeated here
#: so that this module does not import the store (and keyring) to decide what is due.
_REFRESH_LIFETIME = 60 * DAY

_RECORD_NAME = "keep-alive-record.json"
_RECORD_FORMAT = 1


class KeepAliveUnavailableError(ConfigError):
    """Keep-alive needs the system password store."""


def check_available(store_kind: str | None) -> None:
    """Raise ``KeepAliveUnavailableError`` unless keep-alive can work with this kind of store
    (``TokenStore.kind``; None: the default, the system password store)."""
    # The store's CHOICE_* names, spelled out: core.store (and keyring) stay unimported.
    if store_kind in (None, "keyring"):
        return
    if store_kind == "encrypted-file":
        raise KeepAliveUnavailableError(
            translate(
                "KeepAlive",
                "Keep-alive is not available with an encrypted token file: renewing needs your "
                "passphrase, and Box Login never keeps it, so nothing can renew while you are "
                "away.",
            ),
            hint=translate(
                "KeepAlive",
                "Use the system password store (keyring) to keep the connection alive, or "
                "use Box Login at least once every 60 days.",
            ),
        )
    raise KeepAliveUnavailableError(
        translate(
            "KeepAlive",
            "Keep-alive is not available when the sign-in is kept in memory only: it is gone "
            "when Box Login closes.",
        ),
        hint=translate("KeepAlive", "Use the system password store (keyring)."),
    )


# --- what is due --------------------------------------------------------------------------


def _issued_at(stored: StoredToken) -> float | None:
    """When the refresh token was issued: 60 days before its end, else when the access
    token that came with it arrived; None when unknown."""
    if stored.refresh_expires_at is not None:
        return stored.refresh_expires_at - _REFRESH_LIFETIME
    return stored.received_at


def is_due(stored: StoredToken, now: float, renew_after: float = RENEW_AFTER) -> bool:
    """True when keep-alive should renew ``stored`` at ``now``: it has a refresh token and
    no ended sign-in, and the refresh token is older than ``renew_after`` (or its age is
    unknown), or an earlier renewal did not finish."""
    if not stored.refresh_token or stored.needs_sign_in:
        return False
    if stored.renewal_interrupted:
        return True
    issued = _issued_at(stored)
    return issued is None or now - issued >= renew_after


def days_left(stored: StoredToken | None, now: float) -> int | None:
    """Whole days left in Box's 60-day window (0 in the last day); None when there is no
    refresh token or its end is unknown."""
    if (
        stored is None
        or stored.needs_sign_in
        or not stored.refresh_token
        or stored.refresh_expires_at is None
    ):
        return None
    return max(0, math.floor((stored.refresh_expires_at - now) / DAY))


def days_left_words(days: int) -> str:
    """ "59 days left", "1 day left", "less than a day left"."""
    if days <= 0:
        return translate("KeepAlive", "less than a day left")
    if days == 1:
        return translate("KeepAlive", "1 day left")
    return translate("KeepAlive", "{days} days left").format(days=days)


@dataclass(frozen=True)
class ProfileState:
    """One profile as keep-alive sees it (for ``keep-alive status`` and the window)."""

    profile: str
    user_login: str | None
    needs_sign_in: bool
    days_left: int | None
    due: bool


def profile_states(store: TokenStore, now: float | None = None) -> list[ProfileState]:
    """Every stored profile with its days left and whether keep-alive would renew it now.
    Reads the store only (no network)."""
    now = time.time() if now is None else now
    states = []
    for name in store.list_profiles():
        stored = store.load(name)
        if stored is None:
            continue
        states.append(
            ProfileState(
                profile=name,
                user_login=stored.user_login,
                needs_sign_in=stored.needs_sign_in,
                days_left=days_left(stored, now),
                due=is_due(stored, now),
            )
        )
    return states


# --- what a run did --------------------------------------------------------------------------


class Outcome(StrEnum):
    """What a run did with one profile."""

    #: Younger than ``RENEW_AFTER``: nothing sent.
    NOT_DUE = "not-due"
    #: Renewed at Box.
    RENEWED = "renewed"
    #: Due when read, but another process renewed it before the lock was ours.
    RENEWED_ELSEWHERE = "renewed-elsewhere"
    #: Due, not renewed: the run was told to remind only.
    NOT_RENEWED = "not-renewed"
    #: Box no longer accepts the sign-in (or it reached its 60 days): sign in again.
    ENDED = "ended"
    #: The sign-in had already ended before this run.
    NEEDS_SIGN_IN = "needs-sign-in"
    #: The renewal failed (network, Box, settings); the next run tries again.
    FAILED = "failed"


class ReminderKind(StrEnum):
    """Why a reminder is shown."""

    ENDING_SOON = "ending-soon"
    ENDED = "ended"
    LOCKED = "locked"


@dataclass(frozen=True)
class Reminder:
    """A desktop notification to show: plain words, and the profile that activating it
    opens Box Login on (None: the default one)."""

    kind: ReminderKind
    profile: str | None
    title: str
    body: str


@dataclass(frozen=True)
class ProfileResult:
    """One profile after a run. ``detail``: what went wrong, in words (never a secret)."""

    profile: str
    outcome: Outcome
    days_left: int | None
    user_login: str | None = None
    detail: str = ""
    exit_code: int = 0


@dataclass(frozen=True)
class KeepAliveReport:
    """What :func:`run_once` did: one result per profile it looked at, the reminders to show,
    and whether the password store was locked (then nothing was looked at)."""

    results: tuple[ProfileResult, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    locked: bool = False

    @property
    def renewed(self) -> list[str]:
        """The profiles renewed at Box by this run."""
        return [r.profile for r in self.results if r.outcome == Outcome.RENEWED]

    @property
    def exit_code(self) -> int:
        """0 when nothing went wrong; else the exit code of the first thing that did (6: the
        store was locked, 4: a sign-in ended, 5: Box could not be reached…)."""
        if self.locked:
            return StoreLockedError.exit_code
        for result in self.results:
            if result.exit_code:
                return result.exit_code
        return 0


# --- the record ----------------------------------------------------------------------------


def record_path() -> Path:
    """Where the record is kept: ``keep-alive-record.json`` in the per-user state folder."""
    from core.settings import state_dir

    return state_dir() / _RECORD_NAME


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass
class _Record:
    """Per profile: when its refresh token ends (None: unknown); and for an ended sign-in
    already reported, when that sign-in began (``received_at``, kept by a store after the
    end), so that a later sign-in that ends is reported again."""

    ends: dict[str, float | None] = field(default_factory=dict)
    ended_reported: dict[str, float | None] = field(default_factory=dict)
    known: bool = False  # False: no record was found (never run, or unreadable)

    @classmethod
    def read(cls, path: Path) -> _Record:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            profiles = data["profiles"]
            if not isinstance(profiles, dict):
                raise TypeError
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            logger.info("The keep-alive record %s was unreadable; starting afresh", path)
            return cls()
        record = cls(known=True)
        for name, entry in profiles.items():
            if not isinstance(entry, dict):
                continue
            if "ended" in entry:  # nothing to renew until the next sign-in
                record.ended_reported[str(name)] = _number(entry["ended"])
                continue
            record.ends[str(name)] = _number(entry.get("refresh_expires_at"))
        return record

    def write(self, path: Path) -> None:
        from core.settings import write_private_file

        profiles: dict[str, Any] = {
            name: {"refresh_expires_at": end} for name, end in sorted(self.ends.items())
        }
        for name, began in sorted(self.ended_reported.items()):
            profiles[name] = {"ended": began}
        text = json.dumps({"format": _RECORD_FORMAT, "profiles": profiles}, indent=1)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private_file(path, (text + "\n").encode("utf-8"))
        except OSError as exc:  # the record only spares reminders; never fail a run on it
            logger.info("Could not write the keep-alive record (%s)", type(exc).__name__)

    def anything_due(self, now: float) -> bool:
        """True when the record says some profile is due at ``now``, or knows nothing."""
        if not self.known:
            return True
        return any(
            end is None or now - (end - _REFRESH_LIFETIME) >= RENEW_AFTER
            for end in self.ends.values()
        )


# --- words ---------------------------------------------------------------------------------


def _who(profile: str, user_login: str | None) -> str:
    if user_login and profile != "default":
        return translate("KeepAlive", "{login} (profile {profile})").format(
            login=user_login, profile=profile
        )
    if user_login:
        return user_login
    if profile == "default":
        return translate("KeepAlive", "your Box account")
    return translate("KeepAlive", "profile {profile}").format(profile=profile)


#: The months' names, translated where shown (the system's locale is not the chosen language).
_MONTHS = (
    QT_TRANSLATE_NOOP("KeepAlive", "January"),
    QT_TRANSLATE_NOOP("KeepAlive", "February"),
    QT_TRANSLATE_NOOP("KeepAlive", "March"),
    QT_TRANSLATE_NOOP("KeepAlive", "April"),
    QT_TRANSLATE_NOOP("KeepAlive", "May"),
    QT_TRANSLATE_NOOP("KeepAlive", "June"),
    QT_TRANSLATE_NOOP("KeepAlive", "July"),
    QT_TRANSLATE_NOOP("KeepAlive", "August"),
    QT_TRANSLATE_NOOP("KeepAlive", "September"),
    QT_TRANSLATE_NOOP("KeepAlive", "October"),
    QT_TRANSLATE_NOOP("KeepAlive", "November"),
    QT_TRANSLATE_NOOP("KeepAlive", "December"),
)


def _date(epoch: float) -> str:
    moment = datetime.fromtimestamp(epoch)
    month = translate("KeepAlive", _MONTHS[moment.month - 1])
    return translate("KeepAlive", "{day} {month}").format(day=moment.day, month=month)


def _ending_soon(stored: StoredToken, now: float, renewing: bool, why: str = "") -> Reminder:
    days = days_left(stored, now) or 0
    assert stored.refresh_expires_at is not None
    who = _who(stored.profile, stored.user_login)
    date = _date(stored.refresh_expires_at)
    if renewing:
        title = translate("KeepAlive", "Box Login could not renew your Box connection")
        if days <= 0:
            body = translate(
                "KeepAlive",
                "The connection for {who} ends today ({date}).",
            )
        elif days == 1:
            body = translate(
                "KeepAlive",
                "The connection for {who} ends in 1 day ({date}).",
            )
        else:
            body = translate(
                "KeepAlive",
                "The connection for {who} ends in {days} days ({date}).",
            )
    else:
        if days <= 0:
            title = translate("KeepAlive", "Your Box connection ends today")
        elif days == 1:
            title = translate("KeepAlive", "Your Box connection ends in 1 day")
        else:
            title = translate("KeepAlive", "Your Box connection ends in {days} days")
        body = translate(
            "KeepAlive",
            "Box ends the connection for {who} on {date} unless "
            "it is used. Open Box Login to renew it, or turn on “Keep me connected even when "
            "Box Login is closed”.",
        )
    title = title.format(days=days)
    body = body.format(who=who, date=date, days=days)
    if renewing:
        again = translate("KeepAlive", "Box Login tries again every day; open it to renew now.")
        body = sentences(body, why, again)
    return Reminder(ReminderKind.ENDING_SOON, stored.profile, title, body)


def _ended(profile: str, user_login: str | None) -> Reminder:
    return Reminder(
        ReminderKind.ENDED,
        profile,
        translate("KeepAlive", "Your Box connection has ended"),
        translate(
            "KeepAlive",
            "Box no longer accepts the sign-in for {who}: an administrator "
            "may have removed the access, the password may have changed, or it went unused for "
            "60 days. Open Box Login to connect again; your programs cannot use Box until you do.",
        ).format(who=_who(profile, user_login)),
    )


def _locked(location: str) -> Reminder:
    return Reminder(
        ReminderKind.LOCKED,
        None,
        translate("KeepAlive", "Box Login could not renew your Box connection"),
        translate(
            "KeepAlive",
            "The password store ({store}) is locked, so Box Login could not renew your Box "
            "connection. Unlock it, for example by signing in to your desktop again; Box Login "
            "tries again tomorrow.",
        ).format(store=location),
    )


# --- the run -------------------------------------------------------------------------------


def _make_login(store: TokenStore, settings: Settings, clock: Callable[[], float]) -> BoxLogin:
    from core.oauth import AuthorizationManager
    from core.session import BoxLogin

    auth = AuthorizationManager(settings.base_urls, network=settings.network, clock=clock)
    return BoxLogin(settings, store, auth=auth, clock=clock)


def run_once(
    store: TokenStore,
    settings: Settings | Callable[[], Settings | None] | None,
    clock: Callable[[], float] = time.time,
    *,
    renew: bool = True,
    login: BoxLogin | None = None,
    record: Path | None = None,
) -> KeepAliveReport:
    """One keep-alive run over every profile in ``store``; returns what it did.

    ``renew=False`` renews nothing and only reminds (keep-alive off, reminders on).
    ``settings`` (the Box app, or a function that loads them) are needed only when something
    is due: a function is called then only, so a run with nothing due does not even read the
    settings file (None: a due profile fails with "not set up"). ``clock`` gives "now" to the
    decision and to the renewal, so a test moves time for both. ``login`` replaces the
    ``BoxLogin`` built from the settings on first need; ``record`` the record's path (default
    :func:`record_path`).

    Raises ``KeepAliveUnavailableError`` for a store other than the system password store.
    Never raises for one profile's failure: it is in the report.
    """
    check_available(store.kind)
    path = record_path() if record is None else record
    previous = _Record.read(path)
    now = clock()
    is_locked = getattr(store, "is_locked", None)
    try:
        if callable(is_locked) and is_locked():
            raise StoreLockedError("locked")
        names = store.list_profiles()
    except StoreLockedError:
        logger.info("The password store is locked; nothing was checked")
        said = (_locked(store.location()),) if previous.anything_due(now) else ()
        return KeepAliveReport((), said, locked=True)

    made: list[BoxLogin] = [login] if login is not None else []

    def get_login() -> BoxLogin:
        if not made:
            loaded = settings() if callable(settings) else settings
            if loaded is None:
                raise NotConfiguredError(
                    translate("KeepAlive", "Box Login is not set up for a Box app.")
                )
            made.append(_make_login(store, loaded, clock))
        return made[0]

    results: list[ProfileResult] = []
    reminders: list[Reminder] = []
    now_record = _Record(known=True)
    locked = False
    for name in names:
        try:
            result, stored = _run_profile(name, store, get_login, clock, renew, reminders)
        except StoreLockedError:
            locked = True
            break
        if result is None:
            continue
        results.append(result)
        if stored is not None:
            now_record.ends[name] = stored.refresh_expires_at
        if result.outcome in (Outcome.ENDED, Outcome.NEEDS_SIGN_IN):
            now_record.ends.pop(name, None)  # nothing to renew until the next sign-in
            began = stored.received_at if stored is not None else None
            if name not in previous.ended_reported or previous.ended_reported[name] != began:
                reminders.append(_ended(name, result.user_login))
            now_record.ended_reported[name] = began
    if locked:
        reminders = [_locked(store.location())]
    else:
        now_record.write(path)
    report = KeepAliveReport(tuple(results), tuple(reminders), locked=locked)
    logger.info(
        "Keep-alive: %d profile(s) looked at, renewed: %s",
        len(results),
        ", ".join(report.renewed) or "none",
    )
    return report


def _run_profile(
    name: str,
    store: TokenStore,
    get_login: Callable[[], BoxLogin],
    clock: Callable[[], float],
    renew: bool,
    reminders: list[Reminder],
) -> tuple[ProfileResult | None, StoredToken | None]:
    """One profile: (its result, what is stored for it afterwards); (None, None) when nothing
    is stored. Raises StoreLockedError (the whole run stops)."""
    stored = store.load(name)
    if stored is None:
        return None, None
    now = clock()
    if stored.needs_sign_in:
        return ProfileResult(name, Outcome.NEEDS_SIGN_IN, None, stored.user_login), stored
    if not is_due(stored, now):
        return ProfileResult(name, Outcome.NOT_DUE, days_left(stored, now), stored.user_login), (
            stored
        )
    left = days_left(stored, now)
    ending = (
        left is not None
        and stored.refresh_expires_at is not None
        and (stored.refresh_expires_at - now <= REMIND_WITHIN)
    )
    if not renew:
        if ending:
            reminders.append(_ending_soon(stored, now, renewing=False))
        return ProfileResult(name, Outcome.NOT_RENEWED, left, stored.user_login), stored
    try:
        renewed = get_login().renew_if(name, is_due)
    except NeedsSignInError:
        return ProfileResult(
            name, Outcome.ENDED, None, stored.user_login,
            translate("KeepAlive", "Box no longer accepts this sign-in."),
            NeedsSignInError.exit_code,
        ), stored  # fmt: skip
    except NotSignedInError:
        return None, None  # signed out meanwhile
    except StoreLockedError:
        raise
    except BoxLoginError as exc:
        logger.info("Keep-alive could not renew profile %s (%s)", name, exc.details())
        if ending:
            reminders.append(_ending_soon(stored, now, renewing=True, why=str(exc)))
        return ProfileResult(
            name, Outcome.FAILED, left, stored.user_login, str(exc), exc.exit_code
        ), stored
    if renewed is None:
        again = store.load(name) or stored
        outcome = Outcome.RENEWED_ELSEWHERE
        return ProfileResult(name, outcome, days_left(again, clock()), again.user_login), again
    return ProfileResult(
        name, Outcome.RENEWED, days_left(renewed, clock()), renewed.user_login
    ), renewed


def summary_lines(report: KeepAliveReport) -> Sequence[str]:
    """One line per profile, in words, for the command line and the job's log."""
    if report.locked:
        return [
            translate("KeepAlive", "The password store is locked: nothing was checked or renewed.")
        ]
    lines = []
    for r in report.results:
        words = _outcome_words(r.outcome, r.days_left is not None)
        left = "" if r.days_left is None else days_left_words(r.days_left)
        words = words.format(left=left, detail=r.detail)
        lines.append(
            translate("KeepAlive", "{profile}: {outcome}").format(profile=r.profile, outcome=words)
        )
    return lines or [translate("KeepAlive", "No connected accounts.")]


def _outcome_words(outcome: Outcome, with_days: bool) -> str:
    """What happened to one profile ({left}: its days left, {detail}: why it failed)."""
    if outcome == Outcome.ENDED:
        return translate("KeepAlive", "Box ended this sign-in: sign in again")
    if outcome == Outcome.NEEDS_SIGN_IN:
        return translate("KeepAlive", "needs to sign in again")
    if with_days:
        return {
            Outcome.NOT_DUE: translate("KeepAlive", "not due ({left})"),
            Outcome.RENEWED: translate("KeepAlive", "renewed ({left})"),
            Outcome.RENEWED_ELSEWHERE: translate(
                "KeepAlive", "already renewed by another Box Login ({left})"
            ),
            Outcome.NOT_RENEWED: translate(
                "KeepAlive", "due, not renewed: reminders only ({left})"
            ),
            Outcome.FAILED: translate("KeepAlive", "could not renew ({left}): {detail}"),
        }[outcome]
    return {
        Outcome.NOT_DUE: translate("KeepAlive", "not due"),
        Outcome.RENEWED: translate("KeepAlive", "renewed"),
        Outcome.RENEWED_ELSEWHERE: translate("KeepAlive", "already renewed by another Box Login"),
        Outcome.NOT_RENEWED: translate("KeepAlive", "due, not renewed: reminders only"),
        Outcome.FAILED: translate("KeepAlive", "could not renew: {detail}"),
    }[outcome]
