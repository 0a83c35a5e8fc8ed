"""Where the sign-in window may go: plain rules, no Qt, so they are easy to test.

- HTTPS pages are allowed (Box, and a company's own single sign-on pages).
- Plain HTTP is blocked, except the app's own loopback return address and, when the sign-in
  page itself is served from this computer (the demo sandbox), that local server.
- What a sign-in page makes for itself is allowed: ``about:blank``, ``about:srcdoc`` frames,
  and ``blob:`` addresses of the page's own origin. ``data:`` is allowed in frames only, never
  as the whole page; ``file:``, ``javascript:`` and every other scheme are blocked.
- Identity providers that refuse embedded browsers (Google) are handed to the system browser.
- The address strip shows which kind of site the person is on.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: Identity providers that block sign-in inside an embedded browser.
HAND_OFF_HOSTS: frozenset[str] = frozenset({"accounts.google.com"})

BOX_DOMAINS: tuple[str, ...] = ("box.com", "boxcloud.com", "box.net")


class Decision(enum.Enum):
    """What to do with a navigation request."""

    ALLOW = "allow"
    REDIRECT = "redirect"  # the loopback return address: the listener takes it from here
    BLOCK = "block"
    HAND_OFF = "hand_off"  # continue the same sign-in in the system browser


class SiteKind(enum.Enum):
    """How the address strip presents a page."""

    BOX = "box"  # HTTPS on a Box host: lock
    DEMO = "demo"  # the sandbox on this computer
    LOCAL = "local"  # this app's own return page
    OTHER = "other"  # HTTPS but not Box: lock with a warning look
    INSECURE = "insecure"  # anything else: warning


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port
    if port is None:
        port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _blob_inner(url: str) -> str | None:
    """The address a ``blob:`` URL was made by (``blob:https://host/uuid`` → ``https://host/uuid``),
    None for any other URL."""
    if url[:5].lower() != "blob:":
        return None
    return url[5:]


@dataclass(frozen=True)
class NavigationPolicy:
    """Rules for one sign-in: its return address(es) and the sign-in server's address."""

    redirect_uris: tuple[str, ...]
    authorize_url_origin: tuple[str, str, int | None] = ("https", "account.box.com", 443)
    hand_off_hosts: frozenset[str] = field(default=HAND_OFF_HOSTS)

    @classmethod
    def for_sign_in(
        cls, authorize_url: str, redirect_uris: Iterable[str] | str
    ) -> NavigationPolicy:
        """The policy for a sign-in that starts at ``authorize_url``."""
        uris = (redirect_uris,) if isinstance(redirect_uris, str) else tuple(redirect_uris)
        return cls(redirect_uris=uris, authorize_url_origin=_origin(authorize_url))

    @property
    def local_sign_in_server(self) -> bool:
        """True when the sign-in page is served over plain HTTP from this computer (demo)."""
        scheme, host, _ = self.authorize_url_origin
        return scheme == "http" and _is_loopback(host)

    def is_redirect(self, url: str) -> bool:
        """True for the loopback return address (scheme, host, port and path match)."""
        parts = urlsplit(url)
        for uri in self.redirect_uris:
            expected = urlsplit(uri)
            if (
                _origin(url) == _origin(uri)
                and (parts.path or "/") == (expected.path or "/")
                and _is_loopback(expected.hostname or "")
            ):
                return True
        return False

    def decide(self, url: str, *, main_frame: bool = True, current: str | None = None) -> Decision:
        """Allow, block, recognise the return address, or hand off to the system browser.

        ``main_frame`` is False for a frame inside the page; ``current`` is the address of
        the page the request comes from (``blob:`` addresses are allowed only from there).
        """
        scheme, host, _ = _origin(url)
        if self.is_redirect(url):
            return Decision.REDIRECT
        if host in self.hand_off_hosts:
            return Decision.HAND_OFF
        if scheme == "https":
            return Decision.ALLOW
        if scheme == "http" and self._is_local_sign_in_server(url):
            return Decision.ALLOW
        lowered = url.lower()
        if lowered == "about:blank" or lowered.startswith(("about:blank?", "about:blank#")):
            return Decision.ALLOW
        if not main_frame and (
            lowered == "about:srcdoc" or lowered.startswith(("about:srcdoc?", "about:srcdoc#"))
        ):
            # A frame whose document the page wrote itself (<iframe srcdoc>).
            return Decision.ALLOW
        if scheme == "blob":
            return Decision.ALLOW if self._is_own_blob(url, current) else Decision.BLOCK
        if scheme == "data" and not main_frame:
            # Content the page wrote into one of its frames (an opaque origin of its own).
            # As the whole page it is refused: a sign-in page must show where it comes from.
            return Decision.ALLOW
        return Decision.BLOCK

    def _is_local_sign_in_server(self, url: str) -> bool:
        return self.local_sign_in_server and _origin(url) == self.authorize_url_origin

    def _is_own_blob(self, url: str, current: str | None) -> bool:
        """True for ``blob:ORIGIN/…`` made by the page at ``current`` (same origin), where
        that origin is one the sign-in may show (HTTPS, or the local sign-in server)."""
        inner = _blob_inner(url)
        if inner is None or not current:
            return False
        page = _blob_inner(current) or current
        origin = _origin(inner)
        if not origin[1] or origin != _origin(page):
            return False
        if origin[0] == "https":
            return origin[1] not in self.hand_off_hosts
        return origin[0] == "http" and self._is_local_sign_in_server(inner)

    def site_kind(self, url: str) -> SiteKind:
        """How the address strip should present ``url`` (a ``blob:`` address as the page
        that made it)."""
        url = _blob_inner(url) or url
        scheme, host, _ = _origin(url)
        if self.is_redirect(url):
            return SiteKind.LOCAL
        if (
            scheme == "http"
            and self.local_sign_in_server
            and _origin(url) == (self.authorize_url_origin)
        ):
            return SiteKind.DEMO
        if scheme != "https":
            return SiteKind.INSECURE
        # The sign-in server itself counts as Box only at its exact origin (a demo sandbox on
        # 127.0.0.1 does not make every https page on 127.0.0.1 "Box").
        if _origin(url) == self.authorize_url_origin or any(
            host == d or host.endswith("." + d) for d in BOX_DOMAINS
        ):
            return SiteKind.BOX
        return SiteKind.OTHER


def display_host(url: str) -> str:
    """Host (and port when not the default) for the address strip; never path or query."""
    url = _blob_inner(url) or url
    parts = urlsplit(url)
    host = parts.hostname or url.split(":", 1)[0]
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != default:
        return f"{host}:{port}"
    return host


def safe_location(url: str) -> str:
    """Scheme, host and path of a URL, for logs (never the query or fragment)."""
    parts = urlsplit(url)
    if not parts.netloc:
        return parts.scheme + ":" if parts.scheme else "(none)"
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path}"
