# ruff: noqa: E501, RUF001  (a table of prose: long sentences with typographic quotes)
"""The pages the browser shows after signing in (core/loopback/pages.py), in the window's
language: the window hands ``page_messages()`` to the sign-in's loopback listener.

``CALLBACK_PAGE_WORDS`` repeats core's English table (``PAGE_MESSAGES``; a test keeps the two
equal) so that ``pyside6-lupdate`` sees every sentence; core itself never imports Qt.
"""

from __future__ import annotations

from core.translation import QT_TRANSLATE_NOOP, translate

CALLBACK_PAGE_WORDS: dict[str, str] = {
    "lang": QT_TRANSLATE_NOOP("CallbackPages", "en"),
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
        "If you are signing in, go back to Box Login and finish there. If you did not start a sign-in, you can ignore this page.",
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
        "Go back to Box Login and try again. If it keeps happening, ask whoever gave you the app for help.",
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
    """The callback pages' words in the window's language (``lang`` included)."""
    return {key: translate("CallbackPages", text) for key, text in CALLBACK_PAGE_WORDS.items()}
