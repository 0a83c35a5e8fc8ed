"""The pages the browser shows after signing in, in the window's language: the window hands
``page_messages()`` to the sign-in's loopback listener.

The words and their translation live in core (``core.loopback.pages``, context
"CallbackPages"): ``gui.i18n`` makes ``core.translation`` speak the window's language, so
core's :func:`~core.loopback.pages.page_messages` already gives them translated.
"""

from __future__ import annotations

from core.loopback.pages import page_messages

__all__ = ["page_messages"]
