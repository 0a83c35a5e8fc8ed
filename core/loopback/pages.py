# ruff: noqa: RUF001  (the pages' prose uses typographic quotes and dashes, as lupdate reads them)
"""The branded pages the browser shows after a sign-in, and every string on them.

The templates are markup only (``resources/callback_success.html``, ``callback_error.html``
and ``pages.css``); every word a person reads is in :data:`PAGE_MESSAGES`, marked for
translation and given in the chosen language by :func:`page_messages`. Values are
HTML-escaped when filled in; a missing resource file falls back to a plain built-in page, so
the sign-in still finishes.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from core.paths import resource_path
from core.translation import QT_TRANSLATE_NOOP, translate

# The package's one logger: its lines keep the name they have always had (log filters and
# the tests select on it), whichever module writes them.
logger = logging.getLogger("core.loopback")

_ERROR_CODE_RE: Final = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_PLACEHOLDER_RE: Final = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
#: Placeholders filled with trusted markup from resources/, not escaped.
_RAW_PLACEHOLDERS: Final = frozenset({"css"})

#: Every string a person sees on the callback pages, in English: the templates in resources/
#: hold only markup. Marked for translation in context "CallbackPages" (``lang`` too: a
#: translation gives its language code); :func:`page_messages` gives them translated.
PAGE_MESSAGES: Final[Mapping[str, str]] = {
    "lang": QT_TRANSLATE_NOOP("CallbackPages", "en"),
    "dir": "ltr",
    "app_name": "Box Login",
    "close_tab": QT_TRANSLATE_NOOP(
        "CallbackPages", "You can close this tab and return to Box Login."
    ),
    "success_title": QT_TRANSLATE_NOOP("CallbackPages", "Signed in – Box Login"),
    "success_headline": QT_TRANSLATE_NOOP("CallbackPages", "You’re signed in to Box"),
    "success_body": QT_TRANSLATE_NOOP(
        "CallbackPages", "Box Login received your sign-in and is finishing up."
    ),
    "error_title": QT_TRANSLATE_NOOP("CallbackPages", "Sign-in didn’t finish – Box Login"),
    "error_headline": QT_TRANSLATE_NOOP("CallbackPages", "Sign-in didn’t finish"),
    "details_label": QT_TRANSLATE_NOOP("CallbackPages", "Box said:"),
    "reason_access_denied": QT_TRANSLATE_NOOP(
        "CallbackPages", "You chose not to give Box Login access to your Box account."
    ),
    "todo_access_denied": QT_TRANSLATE_NOOP(
        "CallbackPages", "If that was a mistake, go back to Box Login and sign in again."
    ),
    "reason_state_mismatch": QT_TRANSLATE_NOOP(
        "CallbackPages", "This answer did not belong to your sign-in, so Box Login ignored it."
    ),
    "todo_state_mismatch": QT_TRANSLATE_NOOP(
        "CallbackPages",
        "If you are signing in, go back to Box Login and finish there. "
        "If you did not start a sign-in, you can ignore this page.",
    ),
    "reason_missing_code": QT_TRANSLATE_NOOP(
        "CallbackPages",
        "Box’s answer was incomplete, so Box Login could not finish signing you in.",
    ),
    "todo_missing_code": QT_TRANSLATE_NOOP(
        "CallbackPages", "Go back to Box Login and sign in again."
    ),
    "reason_config_error": QT_TRANSLATE_NOOP(
        "CallbackPages", "Box did not accept how this app is set up."
    ),
    "todo_config_error": QT_TRANSLATE_NOOP(
        "CallbackPages",
        "Ask whoever gave you Box Login, or your Box administrator, to check the app’s settings.",
    ),
    "reason_server_error": QT_TRANSLATE_NOOP("CallbackPages", "Box is having trouble right now."),
    "todo_server_error": QT_TRANSLATE_NOOP(
        "CallbackPages", "Wait a minute, then go back to Box Login and sign in again."
    ),
    "reason_oauth_error": QT_TRANSLATE_NOOP("CallbackPages", "Box could not sign you in."),
    "todo_oauth_error": QT_TRANSLATE_NOOP(
        "CallbackPages",
        "Go back to Box Login and try again. If it keeps happening, ask whoever gave you "
        "the app for help.",
    ),
    "reason_bad_request": QT_TRANSLATE_NOOP(
        "CallbackPages", "This page was opened with an address that is not a sign-in answer."
    ),
    "todo_bad_request": QT_TRANSLATE_NOOP(
        "CallbackPages", "Go back to Box Login and sign in from there."
    ),
    "reason_already_finished": QT_TRANSLATE_NOOP(
        "CallbackPages", "This sign-in has already finished."
    ),
    "todo_already_finished": QT_TRANSLATE_NOOP(
        "CallbackPages", "Go back to Box Login to continue."
    ),
}


def page_messages() -> dict[str, str]:
    """The callback pages' words in the language ``core.translation`` speaks now (the
    window's or the command line's choice), ``lang`` giving its code. Called when a
    listener starts, never at import time: the language is chosen after imports."""
    return {
        key: text if key in _UNTRANSLATED else translate("CallbackPages", text)
        for key, text in PAGE_MESSAGES.items()
    }


#: Not words: the text direction and the program's name stay as they are.
_UNTRANSLATED: Final = frozenset({"dir", "app_name"})

_ERROR_MESSAGE_KEYS: Final = {
    "access_denied": "access_denied",
    "invalid_client": "config_error",
    "unauthorized_client": "config_error",
    "invalid_scope": "config_error",
    "redirect_uri_mismatch": "config_error",
    "unsupported_response_type": "config_error",
    "server_error": "server_error",
    "temporarily_unavailable": "server_error",
}

_FALLBACK_TEMPLATE: Final = (
    '<!DOCTYPE html><html lang="{{lang}}" dir="{{dir}}"><head><meta charset="utf-8">'
    "<title>{{title}}</title></head><body><h1>{{headline}}</h1><p>{{body}}</p>"
    "<p>{{todo}}</p><p>{{close_tab}}</p></body></html>"
)


def render_page(template: str, values: Mapping[str, str]) -> bytes:
    """Fill ``{{name}}`` placeholders with HTML-escaped ``values``; UTF-8 bytes.

    ``{{css}}`` takes trusted markup verbatim. A placeholder without a value becomes empty,
    so a partial translation table still gives a working page.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name, "")
        return value if name in _RAW_PLACEHOLDERS else html.escape(value, quote=True)

    return _PLACEHOLDER_RE.sub(fill, template).encode("utf-8")


def _read_resource(name: str) -> str | None:
    try:
        return resource_path(name).read_text(encoding="utf-8")
    except OSError as exc:
        logger.error("Could not read the page resource %s: %s", name, exc.strerror)
        return None


@dataclass(frozen=True)
class _Pages:
    success: str
    error: str
    css: str
    messages: Mapping[str, str]

    @classmethod
    def load(cls, messages: Mapping[str, str] | None) -> _Pages:
        table = page_messages()
        if messages:
            table.update(messages)
        return cls(
            success=_read_resource("callback_success.html") or _FALLBACK_TEMPLATE,
            error=_read_resource("callback_error.html") or _FALLBACK_TEMPLATE,
            css=_read_resource("pages.css") or "",
            messages=table,
        )

    def success_page(self) -> bytes:
        m = self.messages
        values = {
            **m,
            "css": self.css,
            "title": m["success_title"],
            "headline": m["success_headline"],
            "body": m["success_body"],
            "todo": "",
        }
        return render_page(self.success, values)

    def error_page(self, reason: str, box_error: str | None = None) -> bytes:
        m = self.messages
        details = ""
        if box_error and _ERROR_CODE_RE.fullmatch(box_error):
            details = box_error
        values = {
            **m,
            "css": self.css,
            "title": m["error_title"],
            "headline": m["error_headline"],
            "body": m.get(f"reason_{reason}", ""),
            "todo": m.get(f"todo_{reason}", ""),
            "details": details,
            "details_label": m["details_label"] if details else "",
            "details_class": "" if details else "is-empty",
        }
        return render_page(self.error, values)
