"""The accounts (profiles) the window offers: which, in what order, under what title.

Plain Python (no Qt): the window's controller decides with it, the account switcher
(``gui.profile_switcher``) shows what it returns, and tests use it without a QApplication.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from core.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from core.store import TokenStore

#: The account the window shows when none is named (``core.store.DEFAULT_PROFILE``, which
#: is not imported here: the window's first picture does not need the store).
DEFAULT_PROFILE = "default"
#: The last row of the account list and an item of the Account menu.
ADD_ACCOUNT_TEXT = QT_TRANSLATE_NOOP("Profiles", "Add another Box account…")


class ProfileEntry(NamedTuple):
    """One profile in the account switcher (a NamedTuple: immutable, and quicker to define
    than a dataclass while the window starts)."""

    profile: str
    user_name: str | None


def profile_entries(store: TokenStore) -> tuple[ProfileEntry, ...]:
    """Every profile ``store`` holds, with the name of who signed in (reads the store: run it
    in the background)."""
    entries = []
    for profile in store.list_profiles():
        stored = store.load(profile)
        entries.append(ProfileEntry(profile, stored.user_name if stored else None))
    return tuple(entries)


def switcher_entries(entries: Iterable[ProfileEntry], current: str) -> list[ProfileEntry]:
    """What the switcher lists: ``entries`` plus ``current`` (even with nothing stored yet),
    the main account first, then by name."""
    known = {e.profile: e for e in entries}
    if current not in known:
        known[current] = ProfileEntry(current, None)
    return sorted(known.values(), key=lambda e: (e.profile != DEFAULT_PROFILE, e.profile))


def profile_title(entry: ProfileEntry) -> str:
    """ "Ada Lovelace (Main account)", "work", …"""
    name = (
        translate("Profiles", "Main account") if entry.profile == DEFAULT_PROFILE else entry.profile
    )
    if entry.user_name:
        title = translate("Profiles", "{user} ({account})")
        return title.format(user=entry.user_name, account=name)
    return name
