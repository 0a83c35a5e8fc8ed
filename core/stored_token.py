"""What a token store keeps for one profile: ``StoredToken``, and the rules for trusting it.

Every store (``core.store``) keeps the same value: the two tokens, their expiry, who signed in,
the scope, and the marks ``needs_sign_in`` and ``renewal_started_at`` that the sign-in
lifecycle (``core.session``) sets. Times read back from a store are checked here, so a damaged
or hand-edited entry never crashes ``status`` nor keeps a token "valid" for ever. Tokens never
appear in ``repr``, logs or errors. ``core.store`` re-exports every name here.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from core.tokens import mask_secret

if TYPE_CHECKING:
    from core.tokens import AccessToken

__all__ = ["MAX_ACCESS_TOKEN_LIFETIME", "META_FORMAT", "REFRESH_TOKEN_LIFETIME", "StoredToken"]

#: The version of the ``meta`` entry's layout (``metadata()``), written as its ``"format"`` key.
#: Programs may read the keyring entries directly (README, "Use Box Login from your program"),
#: so the layout is an interface: keys may be added without changing the number; it changes
#: only when an existing key changes meaning. Entries written before the key existed have
#: no ``"format"`` and mean the same as format 1; readers accept both.
META_FORMAT = 1

#: Box refresh tokens live 60 days from the moment they are issued (or until used once).
REFRESH_TOKEN_LIFETIME = 60 * 24 * 3600.0


def _iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=UTC).isoformat(timespec="seconds")


#: Stored times outside these bounds (seconds since the epoch: 2001 to 2200) are not believed:
#: a hand-edited or damaged entry must not crash ``status`` or keep a token "valid" forever.
_EPOCH_MIN = 1e9
_EPOCH_MAX = 7.3e9

#: Box's access tokens live 60 minutes. A stored expiry further ahead than this cannot be
#: Box's (a damaged entry, or a clock set far back): the token is renewed rather than trusted.
MAX_ACCESS_TOKEN_LIFETIME = 24 * 3600.0


def _opt_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _opt_epoch(value: object) -> float | None:
    """A stored time if it is a plausible one, else None (NaN, infinities, absurd values)."""
    number = _opt_float(value)
    if number is None or not math.isfinite(number) or not _EPOCH_MIN <= number <= _EPOCH_MAX:
        return None
    return number


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


class _UserLike(Protocol):
    """What a Box user (``core.oauth.BoxUser``) offers; kept structural to avoid the import."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def login(self) -> str: ...


@dataclass(frozen=True)
class StoredToken:
    """One profile's sign-in as kept by a store: tokens, their expiry and who signed in.

    Times are seconds since the epoch. ``refresh_expires_at`` is 60 days after the refresh
    token was issued. ``needs_sign_in`` is set when Box no longer accepts the refresh token;
    the identity is kept so the app can say who has to sign in again. ``renewal_started_at``
    is set (and saved) just before the refresh token is sent to Box and cleared when the
    answer is saved: while it is set the stored access token is never handed out, because Box
    may already have ended it (see ``BoxLogin._refresh_locked``). Tokens never appear in
    ``repr``; use ``redacted()`` or ``to_public_dict()`` for display.
    """

    profile: str
    access_token: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    received_at: float | None = None
    expires_at: float | None = None
    refresh_expires_at: float | None = None
    user_id: str | None = None
    user_name: str | None = None
    user_login: str | None = None
    scope: str | None = None
    needs_sign_in: bool = False
    renewal_started_at: float | None = None

    @classmethod
    def from_access_token(
        cls,
        profile: str,
        token: AccessToken,
        *,
        user: _UserLike | None = None,
        scope: str | None = None,
        previous: StoredToken | None = None,
    ) -> StoredToken:
        """What to store after Box answered a code exchange or a refresh with ``token``.

        Identity and scope come from ``user``/``scope`` or else from ``previous``. Box rotates
        refresh tokens on every refresh; should an answer carry none, the previous one is kept
        together with its original expiry.
        """
        if token.refresh_token:
            refresh_token: str | None = token.refresh_token
            refresh_expires_at: float | None = token.received_at + REFRESH_TOKEN_LIFETIME
        elif previous is not None:
            refresh_token = previous.refresh_token
            refresh_expires_at = previous.refresh_expires_at
        else:
            refresh_token = refresh_expires_at = None
        return cls(
            profile=profile,
            access_token=token.access_token,
            refresh_token=refresh_token,
            received_at=token.received_at,
            expires_at=token.expires_at,
            refresh_expires_at=refresh_expires_at,
            user_id=user.id if user else (previous.user_id if previous else None),
            user_name=user.name if user else (previous.user_name if previous else None),
            user_login=user.login if user else (previous.user_login if previous else None),
            scope=scope if scope is not None else (previous.scope if previous else None),
            needs_sign_in=False,
        )

    def access_token_valid(self, margin: float = 60.0, now: float | None = None) -> bool:
        """True when there is an access token that stays valid for more than ``margin`` s.

        False when the profile needs sign-in, while a renewal is unfinished (its answer may
        have ended this token at Box), and when the expiry is unknown or further ahead than an
        access token can live (a damaged entry): such a token is renewed, never served
        without limit.
        """
        if not self.access_token or self.needs_sign_in or self.renewal_started_at is not None:
            return False
        now = time.time() if now is None else now
        if self.expires_at is None or not self.expiry_believable(now):
            return False
        return self.expires_at - now > margin

    def expiry_believable(self, now: float | None = None) -> bool:
        """True when the access token's expiry is known and no further ahead than an access
        token can live (``MAX_ACCESS_TOKEN_LIFETIME``); otherwise it is renewed before use."""
        if self.expires_at is None:
            return False
        return self.expires_at - (time.time() if now is None else now) <= MAX_ACCESS_TOKEN_LIFETIME

    def refresh_token_valid(self, now: float | None = None) -> bool:
        """True when there is a refresh token that has not reached its 60-day end."""
        if not self.refresh_token or self.needs_sign_in:
            return False
        if self.refresh_expires_at is None:
            return True
        return self.refresh_expires_at > (time.time() if now is None else now)

    def seconds_left(self, now: float | None = None) -> float | None:
        """Seconds until the access token expires (negative once expired; None if unknown)."""
        if self.expires_at is None:
            return None
        return self.expires_at - (time.time() if now is None else now)

    def marked_needs_sign_in(self) -> StoredToken:
        """A copy without tokens, flagged as needing sign-in; the identity is kept."""
        return dataclasses.replace(
            self,
            access_token=None,
            refresh_token=None,
            expires_at=None,
            refresh_expires_at=None,
            needs_sign_in=True,
            renewal_started_at=None,
        )

    def marked_renewing(self, started_at: float) -> StoredToken:
        """A copy recording that a renewal started at ``started_at`` (see the class doc)."""
        return dataclasses.replace(self, renewal_started_at=started_at)

    @property
    def renewal_interrupted(self) -> bool:
        """True when a renewal started and its answer was never saved (a crash, or an answer
        that may have been lost): the next use renews with the stored refresh token."""
        return self.renewal_started_at is not None and not self.needs_sign_in

    def metadata(self) -> dict[str, Any]:
        """Everything but the two tokens, as JSON-ready values (what the ``meta`` entry holds),
        with the layout's version first (``META_FORMAT``)."""
        return {
            "format": META_FORMAT,
            "received_at": self.received_at,
            "expires_at": self.expires_at,
            "refresh_expires_at": self.refresh_expires_at,
            "user_id": self.user_id,
            "user_name": self.user_name,
            "user_login": self.user_login,
            "scope": self.scope,
            "needs_sign_in": self.needs_sign_in,
            "renewal_started_at": self.renewal_started_at,
        }

    @classmethod
    def from_parts(
        cls,
        profile: str,
        meta: Mapping[str, Any] | None,
        access_token: str | None,
        refresh_token: str | None,
    ) -> StoredToken:
        """Rebuild from the ``metadata()`` mapping and the two tokens; bad fields become None.

        A time that is not a plausible one (a wrong type, NaN, an infinity, centuries away)
        counts as unknown: an access token with an unknown expiry is renewed before use. A
        damaged renewal mark still counts as a renewal that did not finish. The ``"format"``
        key may be absent (entries written before it existed): nothing else depends on it.
        """
        meta = meta or {}
        renewal = meta.get("renewal_started_at")
        return cls(
            profile=profile,
            access_token=_opt_str(access_token) or None,
            refresh_token=_opt_str(refresh_token) or None,
            received_at=_opt_epoch(meta.get("received_at")),
            expires_at=_opt_epoch(meta.get("expires_at")),
            refresh_expires_at=_opt_epoch(meta.get("refresh_expires_at")),
            user_id=_opt_str(meta.get("user_id")),
            user_name=_opt_str(meta.get("user_name")),
            user_login=_opt_str(meta.get("user_login")),
            scope=_opt_str(meta.get("scope")),
            needs_sign_in=meta.get("needs_sign_in") is True,
            renewal_started_at=None if renewal is None else (_opt_epoch(renewal) or _EPOCH_MIN),
        )

    def to_public_dict(self, now: float | None = None) -> dict[str, Any]:
        """Status facts for screens and ``status --json``: never a token.

        Times are ISO 8601 in UTC; ``access_token_seconds_left`` is rounded down.
        """
        left = self.seconds_left(now)
        return {
            "profile": self.profile,
            "user_id": self.user_id,
            "user_name": self.user_name,
            "user_login": self.user_login,
            "scope": self.scope,
            "needs_sign_in": self.needs_sign_in,
            "has_access_token": bool(self.access_token),
            "has_refresh_token": bool(self.refresh_token),
            "received_at": _iso(self.received_at),
            "access_token_expires_at": _iso(self.expires_at),
            "access_token_seconds_left": None if left is None else int(left // 1),
            "access_token_valid": self.access_token_valid(margin=0.0, now=now),
            "renewal_interrupted": self.renewal_interrupted,
            "refresh_token_expires_at": _iso(self.refresh_expires_at),
            "refresh_token_valid": self.refresh_token_valid(now=now),
        }

    def redacted(self) -> str:
        """A one-line description safe for logs and screens."""
        parts = [
            f"profile={self.profile!r}",
            f"access_token={mask_secret(self.access_token)}",
            f"refresh_token={mask_secret(self.refresh_token)}",
            f"expires_at={_iso(self.expires_at)}",
            f"refresh_expires_at={_iso(self.refresh_expires_at)}",
        ]
        if self.user_login:
            parts.append(f"user={self.user_login!r}")
        if self.needs_sign_in:
            parts.append("needs_sign_in=True")
        if self.renewal_started_at is not None:
            parts.append("renewal_interrupted=True")
        return "StoredToken(" + ", ".join(parts) + ")"
