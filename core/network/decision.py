"""The plain values of the network path: settings, proxy credentials, and a decision.

:class:`ProxyDecision` is what every caller gets back (the token calls, the web view and
``doctor`` alike): frozen data that says which way and where that came from, safe to pass
between threads and to show. Proxy passwords never appear in a ``repr``, a log line or an
error message; :func:`parse_proxy_url` splits them off a URL as the environment gives it.
Nothing here reads the system or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from core.translation import QT_TRANSLATE_NOOP, translate

PROXY_SYSTEM = "system"
PROXY_NONE = "none"
#: The proxy schemes Box Login can use (SOCKS would need another library).
SUPPORTED_PROXY_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class NetworkSettings:
    """The settings' network keys: ``proxy`` and ``ca_bundle`` (see core.settings)."""

    #: ``"system"``, ``"none"`` or a proxy URL ``http://host:port`` (without credentials).
    proxy: str = PROXY_SYSTEM
    #: A PEM file of certificate authorities trusted in addition to the system's.
    ca_bundle: Path | None = None


@dataclass(frozen=True)
class ProxyCredentials:
    """A proxy user name and password. ``origin`` says where they came from, for messages."""

    user: str
    password: str = field(repr=False)
    origin: str = "environment"


@dataclass(frozen=True)
class ProxyDecision:
    """Which way a request to one address goes, and why.

    ``url`` is the proxy (``http://host:port``, never with credentials) or None for a direct
    connection. ``source`` is where the decision came from: ``settings`` (the ``proxy`` key),
    ``none`` (the key says so), ``environment``, ``pac:<PAC URL>``, ``gnome``, ``os`` (the
    Windows or macOS system settings) or ``default`` (nothing is configured). ``note`` explains
    a fallback (e.g. a PAC file that could not be fetched). Plain data: the web view can use
    the same decision.
    """

    url: str | None
    source: str
    note: str | None = None
    credentials: ProxyCredentials | None = field(default=None, repr=False, compare=False)

    @property
    def proxy(self) -> str | None:
        """The proxy as ``host:port`` (None for a direct connection)."""
        if self.url is None:
            return None
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        return f"{host}:{parts.port or _default_port(parts.scheme)}"

    def describe(self) -> str:
        """In words: which way and why (no credentials)."""
        way = "a direct connection" if self.url is None else f"the proxy {self.proxy}"
        return f"{way} ({self.source_words()})"

    def source_words(self) -> str:
        """Where the decision came from, in words (translated: they go into messages)."""
        if self.source.startswith("pac:"):
            return translate(
                "Network", "chosen by the proxy auto-configuration (PAC) file {pac}"
            ).format(pac=self.source[4:])
        words = _SOURCE_WORDS.get(self.source)
        return self.source if words is None else translate("Network", words)

    def requests_proxies(self) -> dict[str, str]:
        """The ``proxies`` argument for ``requests`` (credentials included when known)."""
        if self.url is None:
            return {}
        url = self.url
        if self.credentials is not None:
            parts = urlsplit(url)
            user = quote(self.credentials.user, safe="")
            password = quote(self.credentials.password, safe="")
            url = f"{parts.scheme}://{user}:{password}@{parts.netloc}"
        return {"http": url, "https": url}


_SOURCE_WORDS = {
    "settings": QT_TRANSLATE_NOOP("Network", 'named by "proxy" in Box Login\'s settings'),
    "none": QT_TRANSLATE_NOOP("Network", '"proxy" is "none" in Box Login\'s settings'),
    "environment": QT_TRANSLATE_NOOP(
        "Network", "from the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables"
    ),
    "gnome": QT_TRANSLATE_NOOP("Network", "from GNOME's network proxy settings"),
    "os": QT_TRANSLATE_NOOP("Network", "from the system's proxy settings"),
    "default": QT_TRANSLATE_NOOP("Network", "no proxy is configured"),
}


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


# --- proxy URLs ----------------------------------------------------------------------------


def parse_proxy_url(value: str) -> tuple[str, ProxyCredentials | None]:
    """``(url, credentials)`` for a proxy URL as the environment gives it.

    ``url`` is ``scheme://host:port`` (``http://`` added when the scheme is missing, the port
    defaulted from the scheme); credentials are split off. Raises ValueError when it is not a
    usable proxy URL (the message never repeats the value: it may hold a password).
    """
    text = value.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(translate("Network", "not a valid proxy address")) from None
    scheme = parts.scheme.lower()
    if scheme not in SUPPORTED_PROXY_SCHEMES:
        raise ValueError(
            translate("Network", "{scheme} proxies are not supported (only http and https)").format(
                scheme=scheme
            )
        )
    host = parts.hostname
    if not host:
        raise ValueError(translate("Network", "the proxy address has no host"))
    credentials = None
    if parts.username is not None:
        credentials = ProxyCredentials(unquote(parts.username), unquote(parts.password or ""))
    shown_host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown_host}:{port or _default_port(scheme)}", credentials


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or _default_port(parts.scheme)
