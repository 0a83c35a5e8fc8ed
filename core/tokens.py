"""The access token Box returns, as a frozen value that knows when it expires."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def mask_secret(value: str | None) -> str:
    """A display form of a secret that reveals nothing but its length."""
    if not value:
        return "(none)"
    return f"•••• ({len(value)} characters)"


@dataclass(frozen=True)
class AccessToken:
    """Box's ``AccessToken`` schema (same field names as the official SDK) plus the moment it
    was received, so it can answer ``expires_at`` and ``is_expired``.

    ``access_token`` and ``refresh_token`` never appear in ``repr``; use ``redacted()`` for
    display.
    """

    access_token: str | None = field(default=None, repr=False)
    expires_in: int | None = None
    token_type: str | None = None
    restricted_to: tuple[Mapping[str, Any], ...] | None = None
    refresh_token: str | None = field(default=None, repr=False)
    issued_token_type: str | None = None
    #: Seconds since the epoch when the response arrived (Box's response has no issue time).
    received_at: float = field(default_factory=time.time)

    @property
    def expires_at(self) -> float | None:
        """Seconds since the epoch when the access token stops working (None if unknown)."""
        if self.expires_in is None:
            return None
        return self.received_at + self.expires_in

    def seconds_left(self, now: float | None = None) -> float | None:
        """Seconds until expiry (negative once expired; None if unknown)."""
        expires_at = self.expires_at
        if expires_at is None:
            return None
        return expires_at - (time.time() if now is None else now)

    def is_expired(self, leeway: float = 0.0, now: float | None = None) -> bool:
        """True when the token has expired or will within ``leeway`` seconds.

        A token without ``expires_in`` is treated as not expired (Box always sends it).
        """
        left = self.seconds_left(now)
        return left is not None and left <= leeway

    @classmethod
    def from_response(
        cls, data: Mapping[str, Any], *, received_at: float | None = None
    ) -> AccessToken:
        """Build from Box's JSON token response; unknown fields are ignored."""
        restricted = data.get("restricted_to")
        expires_in = data.get("expires_in")
        return cls(
            access_token=_opt_str(data.get("access_token")),
            expires_in=int(expires_in) if isinstance(expires_in, int | float | str) else None,
            token_type=_opt_str(data.get("token_type")),
            restricted_to=tuple(restricted) if isinstance(restricted, list) else None,
            refresh_token=_opt_str(data.get("refresh_token")),
            issued_token_type=_opt_str(data.get("issued_token_type")),
            received_at=time.time() if received_at is None else received_at,
        )

    def to_dict(self, *, include_secrets: bool = False) -> dict[str, Any]:
        """Box's field names plus ``received_at``/``expires_at``; secrets only on request."""
        out: dict[str, Any] = {
            "access_token": self.access_token
            if include_secrets
            else mask_secret(self.access_token),
            "expires_in": self.expires_in,
            "token_type": self.token_type,
            "restricted_to": list(self.restricted_to) if self.restricted_to is not None else None,
            "refresh_token": self.refresh_token
            if include_secrets
            else mask_secret(self.refresh_token),
            "issued_token_type": self.issued_token_type,
            "received_at": self.received_at,
            "expires_at": self.expires_at,
        }
        return {k: v for k, v in out.items() if v is not None}

    def redacted(self) -> str:
        """A one-line description safe for logs and screens."""
        parts = [f"access_token={mask_secret(self.access_token)}"]
        if self.refresh_token:
            parts.append(f"refresh_token={mask_secret(self.refresh_token)}")
        if self.expires_in is not None:
            parts.append(f"expires_in={self.expires_in}")
        if self.restricted_to:
            parts.append(f"restricted_to={len(self.restricted_to)} item(s)")
        return "AccessToken(" + ", ".join(parts) + ")"


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
