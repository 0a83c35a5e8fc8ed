"""Translating without Qt: for the window's modules that must not import Qt (the
controller, and what it imports), so they can run and be tested without it.

``translate(context, text)`` is Qt's ``QCoreApplication.translate`` once ``gui.i18n`` has
installed it (``set_translator``), else gives ``text`` unchanged. ``pyside6-lupdate`` finds
``translate("Context", "…")`` and ``QT_TRANSLATE_NOOP("Context", "…")`` calls by their
names, as it does Qt's own.
"""

from __future__ import annotations

from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it (for constants
    made at import time; :func:`translate` them where they are shown)."""
    del context
    return text


def _untranslated(_context: str, text: str) -> str:
    return text


_translator: Callable[[str, str], str] = _untranslated


def translate(context: str, text: str) -> str:
    """``text`` in the window's language (see the module's docstring)."""
    return _translator(context, text)


def set_translator(function: Callable[[str, str], str]) -> None:
    """Make :func:`translate` use ``function`` (``gui.i18n`` passes Qt's)."""
    global _translator
    _translator = function
