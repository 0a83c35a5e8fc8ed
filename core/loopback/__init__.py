"""The loopback listener: receives Box's answer to a sign-in on this computer (RFC 8252 §7.3).

Box sends the person's browser back to one of the app's registered redirect URIs, e.g.
``http://127.0.0.1:8765/callback?code=…&state=…``. :class:`LoopbackListener` binds the first
of those URIs it can open (loopback only, never all interfaces), answers the callback with a
Box Login page and hands the code to whoever waits.

A ``localhost`` URI is bound on every loopback address the name can mean (127.0.0.1 and
[::1], and any other loopback address the system resolver gives): browsers try [::1] first,
so an address left free would let any local program take the sign-in (RFC 8252 §8.3).

It is a small single-threaded HTTP/1.x server built on :mod:`selectors`, not on
:mod:`http.server`: a silent or slow client, a favicon request, a port scanner or a flood of
junk must never hold up the real callback, and nothing it logs may carry the query string.

The package is split by concern, each module small enough to read in one sitting:

* :mod:`core.loopback.addresses`: which redirect URIs can be received here, which loopback
  addresses each one means (the ``localhost`` rule above) and binding them, all or nothing;
  the error when none can be opened.
* :mod:`core.loopback.wire`: the tiny HTTP/1.x parser (request line and headers only, with
  hard limits) and the answers it writes, security headers included.
* :mod:`core.loopback.pages`: the branded pages the browser shows and every string on them.
* :mod:`core.loopback.listener`: :class:`LoopbackListener`, the serving loop, and routing
  the callback to a :class:`CallbackResult` or an error.

Everything a caller needs is importable from ``core.loopback`` itself.
"""

from __future__ import annotations

from core.loopback.addresses import ListenerPortsUnavailableError
from core.loopback.listener import CallbackResult, LoopbackListener
from core.loopback.pages import PAGE_MESSAGES, render_page

__all__ = [
    "PAGE_MESSAGES",
    "CallbackResult",
    "ListenerPortsUnavailableError",
    "LoopbackListener",
    "render_page",
]
