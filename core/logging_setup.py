"""Logging for the command line: one stderr handler behind a redaction backstop.

Box Login's modules never log a token, code, state or secret in the first place. This filter
is the second line of defence: whatever reaches the root handler is scrubbed of anything that
looks like one (``key=value`` pairs with a secret-sounding key, JSON fields of that kind,
``Bearer …`` headers, and long random-looking strings) before it is written.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

__all__ = ["REDACTED", "RedactingFilter", "RedactingFormatter", "configure_logging", "redact"]

REDACTED = "[redacted]"

_SECRET_KEYS = (
    r"access_token|refresh_token|subject_token|actor_token|id_token|token|code|state|"
    r"client_secret|secret|password|passphrase|assertion|privateKey|private_key"
)
# key=value as in query strings and form bodies (value ends at &, whitespace, quote or comma).
_KEY_VALUE = re.compile(
    rf"(?i)(?P<key>\b(?:{_SECRET_KEYS}))(?P<sep>=|%3D)(?P<value>[^&\s'\",;)\]}}]+)"
)
# "key": "value" / 'key': 'value' as in JSON or a dict's repr.
_KEY_QUOTED = re.compile(
    rf"(?i)(?P<key>[\"'](?:{_SECRET_KEYS})[\"']\s*:\s*)(?P<q>[\"'])(?P<value>[^\"']*)(?P=q)"
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s'\",]+")
# Box tokens and codes are 32 alphanumerics; states and sandbox values are URL-safe base64.
# A run of 24+ such characters that mixes letters and digits is treated as a secret.
_LONG_RANDOM = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{24,}(?![\w-])")


def redact(text: str) -> str:
    """``text`` with anything that looks like a token, code, state or secret replaced."""
    text = _KEY_VALUE.sub(lambda m: f"{m['key']}{m['sep']}{REDACTED}", text)
    text = _KEY_QUOTED.sub(lambda m: f"{m['key']}{m['q']}{REDACTED}{m['q']}", text)
    text = _BEARER.sub(lambda m: f"{m[1]} {REDACTED}", text)
    return _LONG_RANDOM.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (arguments merged in) through :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the record in place; never drops it."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the rest of the log
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted line, tracebacks included (exception messages can carry
    whatever a library put in them)."""

    def format(self, record: logging.LogRecord) -> str:
        """Format as usual, then redact."""
        return redact(super().format(record))


def configure_logging(*, verbose: bool = False, stream: TextIO | None = None) -> logging.Handler:
    """Send log records to stderr (DEBUG with ``verbose``, else WARNING) through the
    redaction filter. Replaces handlers a previous call installed. Returns the handler."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_box_login", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler._box_login = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    return handler
