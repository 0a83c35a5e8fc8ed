"""Profile names: the one rule for what can name a connected account.

A profile names one sign-in (``--profile work``); the token store uses it in keyring entry
names and the lock in a file name, so the rule is strict: 1 to 64 letters, digits or
``. _ @ + -``, starting with a letter or digit. The command line, the store and the window
all check names here.
"""

from __future__ import annotations

import re

from core.translation import QT_TRANSLATE_NOOP

__all__ = ["DEFAULT_PROFILE", "PROFILE_NAME_RULE", "is_valid_profile_name"]

DEFAULT_PROFILE = "default"

#: The rule in words, for messages; marked for translation: ``translate("Profiles", …)`` it.
PROFILE_NAME_RULE = QT_TRANSLATE_NOOP(
    "Profiles",
    "letters, digits and . _ @ + - (up to 64 characters, starting with a letter or digit)",
)

_PROFILE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")


def is_valid_profile_name(name: object) -> bool:
    """True when ``name`` is a string that follows the rule (the whole string: no newline)."""
    return isinstance(name, str) and _PROFILE_RE.fullmatch(name) is not None
