"""What the sandbox has handed out: sign-ins (grants), tokens, codes, open pages, JWT ids.

One :class:`SandboxState` per sandbox, shared by the endpoints. Whoever reads or changes it
holds :attr:`SandboxState.lock` (re-entrant) for the whole step.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.sandbox.box import SandboxUser


@dataclass
class Grant:
    """One sign-in (or one machine token): its refresh token and access tokens die together."""

    id: int
    kind: str
    client_id: str
    user: SandboxUser
    scope: str
    refresh_token: str | None = None
    access_tokens: set[str] = field(default_factory=set)
    alive: bool = True


@dataclass
class AccessRecord:
    grant_id: int
    expires_at: float
    scope: str
    restricted_to: list[dict[str, Any]]
    active: bool = True


@dataclass
class RefreshRecord:
    grant_id: int
    expires_at: float
    active: bool = True


@dataclass
class CodeRecord:
    client_id: str
    redirect_uri: str
    user: SandboxUser
    scope: str
    expires_at: float
    used: bool = False


@dataclass
class PendingPage:
    """A login or consent page handed out; its CSRF token is the key and is single-use."""

    params: dict[str, str]
    redirect_uri: str
    expires_at: float
    user: SandboxUser | None = None


class SandboxState:
    """The sandbox's memory; times come from ``clock``."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        """Forget every grant, token, code, page and JWT id."""
        self.grants: dict[int, Grant] = {}
        self.access: dict[str, AccessRecord] = {}
        self.refresh: dict[str, RefreshRecord] = {}
        self.codes: dict[str, CodeRecord] = {}
        self.pending: dict[str, PendingPage] = {}
        self.jtis: dict[str, float] = {}
        self._next_grant_id = 1

    def new_grant(self, kind: str, client_id: str, user: SandboxUser, scope: str) -> Grant:
        grant = Grant(self._next_grant_id, kind, client_id, user, scope)
        self._next_grant_id += 1
        self.grants[grant.id] = grant
        return grant

    def issue(
        self,
        grant: Grant,
        *,
        lifetime: float,
        refresh_lifetime: float | None,
        restricted_to: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A token answer for ``grant``: an access token, and a refresh token unless
        ``refresh_lifetime`` is None."""
        now = self.clock()
        access = secrets.token_urlsafe(24)
        self.access[access] = AccessRecord(
            grant.id, now + lifetime, grant.scope, list(restricted_to or [])
        )
        grant.access_tokens.add(access)
        data: dict[str, Any] = {
            "access_token": access,
            "expires_in": int(lifetime),
            "token_type": "bearer",
            "restricted_to": list(restricted_to or []),
        }
        if refresh_lifetime is not None:
            refresh = secrets.token_urlsafe(48)
            self.refresh[refresh] = RefreshRecord(grant.id, now + refresh_lifetime)
            grant.refresh_token = refresh
            data["refresh_token"] = refresh
        return data

    def end_grant(self, grant: Grant) -> None:
        """Sign ``grant`` out: every token issued under it stops working."""
        grant.alive = False
        for token in grant.access_tokens:
            record = self.access.get(token)
            if record is not None:
                record.active = False
        if grant.refresh_token is not None:
            record_r = self.refresh.get(grant.refresh_token)
            if record_r is not None:
                record_r.active = False

    def live_access(self, token: str) -> AccessRecord | None:
        """The record of ``token`` when Box would accept it now, else None."""
        record = self.access.get(token)
        if record is None or not record.active or record.expires_at <= self.clock():
            return None
        grant = self.grants.get(record.grant_id)
        if grant is None or not grant.alive:
            return None
        return record

    def prune(self, now: float) -> None:
        """Drop expired pages and JWT ids no longer needed to refuse a replay."""
        for key in [k for k, p in self.pending.items() if p.expires_at <= now]:
            del self.pending[key]
        for key in [k for k, exp in self.jtis.items() if exp < now - 120]:
            del self.jtis[key]
