"""One network path for Box Login: whom to trust, and which way to go.

Box's customers sit behind proxies, some of which inspect secure connections with a company
certificate authority installed in the operating system. The sign-in page (Chromium) trusts
the operating system and takes its proxy; the token calls must do the same, or the person signs
in and then the code exchange fails. This module is the one place that decides, for both:

* **Trust** (:meth:`Network.ssl_context`): the operating system's certificate store through
  ``truststore`` (as pip does: an ``SSLContext`` handed to the HTTP client, never
  ``truststore.inject_into_ssl()``), plus the ``ca_bundle`` file of the settings. certifi's
  certificates are used only where the system store cannot be (no ``truststore``, or a Linux
  system without any certificate file).
* **Proxy** (:meth:`Network.proxy_for`): the ``proxy`` setting is ``system`` (the default),
  ``none`` or ``http://host:port``. ``system`` means, in this order: the environment variables
  (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` with ``NO_PROXY``) when one is set for the
  address's scheme; then the desktop: GNOME's settings (``gsettings``, ``org.gnome.system.proxy``:
  ``auto`` with a PAC address, or WPAD when it has none; ``manual`` with its ignore-hosts) on
  Linux, the PAC address or the proxies of the Windows / macOS system settings there; else a
  direct connection. PAC files are evaluated by ``pypac``. The answer is a plain
  :class:`ProxyDecision` that says where it came from, for the token calls, the web view and
  ``doctor`` alike.

Proxy user names and passwords are never read from the settings file. They come from the
environment variable that names the same proxy (``HTTPS_PROXY=http://USER:PASSWORD@host:port``,
as curl, pip and git read it), or from the caller (the window asks for them). They never appear
in a decision's ``repr``, a log line or an error message.

Importing this module loads neither ``requests`` nor ``truststore`` nor ``pypac``: each is
imported when first needed.
"""

from __future__ import annotations

import ast
import fnmatch
import ipaddress
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from core.childenv import child_environment
from core.errors import ConfigError

if TYPE_CHECKING:
    import ssl

__all__ = [
    "PROXY_NONE",
    "PROXY_SYSTEM",
    "CertificateInfo",
    "Network",
    "NetworkSettings",
    "ProxyCredentials",
    "ProxyDecision",
    "ca_bundle_error",
    "ca_bundle_problem",
    "fetch_certificate_info",
    "parse_proxy_url",
]

logger = logging.getLogger(__name__)

PROXY_SYSTEM = "system"
PROXY_NONE = "none"
#: Seconds allowed to fetch a PAC file (connect, read) and to ask ``gsettings``.
PAC_TIMEOUT = 3.0
GSETTINGS_TIMEOUT = 2.0
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
        """Where the decision came from, in words."""
        if self.source.startswith("pac:"):
            return f"chosen by the proxy auto-configuration (PAC) file {self.source[4:]}"
        return _SOURCE_WORDS.get(self.source, self.source)

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
    "settings": 'named by "proxy" in Box Login\'s settings',
    "none": '"proxy" is "none" in Box Login\'s settings',
    "environment": "from the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables",
    "gnome": "from GNOME's network proxy settings",
    "os": "from the system's proxy settings",
    "default": "no proxy is configured",
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
        raise ValueError("not a valid proxy address") from None
    scheme = parts.scheme.lower()
    if scheme not in SUPPORTED_PROXY_SCHEMES:
        raise ValueError(f"{scheme} proxies are not supported (only http and https)")
    host = parts.hostname
    if not host:
        raise ValueError("the proxy address has no host")
    credentials = None
    if parts.username is not None:
        credentials = ProxyCredentials(unquote(parts.username), unquote(parts.password or ""))
    shown_host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown_host}:{port or _default_port(scheme)}", credentials


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or _default_port(parts.scheme)


# --- bypass lists (NO_PROXY, GNOME's ignore-hosts) -------------------------------------------


def _bypassed(host: str, port: int, patterns: Sequence[str]) -> bool:
    """True when ``host`` (``port``) matches one of ``patterns``: ``*``, a host name or domain
    (``example.com`` and ``.example.com`` also match its subdomains), a wildcard
    (``*.example.com``), an IP address or network (``10.0.0.0/8``), optionally with ``:port``."""
    host = host.lower().strip("[]")
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for raw in patterns:
        pattern = raw.strip().lower()
        if not pattern:
            continue
        if pattern == "*":
            return True
        pattern_port: int | None = None
        if pattern.startswith("[") and "]" in pattern:  # [::1]:8080
            inside, _, rest = pattern[1:].partition("]")
            pattern = inside
            if rest.startswith(":") and rest[1:].isdigit():
                pattern_port = int(rest[1:])
        elif pattern.count(":") == 1:
            name, _, maybe_port = pattern.partition(":")
            if maybe_port.isdigit():
                pattern, pattern_port = name, int(maybe_port)
        if pattern_port is not None and pattern_port != port:
            continue
        if address is not None:
            try:
                if address in ipaddress.ip_network(pattern, strict=False):
                    return True
            except ValueError:
                pass
            continue
        if any(c in pattern for c in "*?["):
            if fnmatch.fnmatchcase(host, pattern):
                return True
            continue
        domain = pattern.lstrip(".")
        if host == domain or host.endswith("." + domain):
            return True
    return False


# --- GNOME ----------------------------------------------------------------------------------


def _gvariant(text: str) -> object:
    """A ``gsettings get`` value (string, integer, boolean or list of strings) as Python."""
    text = text.strip()
    if text.startswith("@as "):
        text = text[4:]
    for prefix in ("uint32 ", "int32 "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text in ("true", "false"):
        return text == "true"
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _gsettings_reader(environ: Mapping[str, str]) -> Callable[[str, str], object] | None:
    """A reader of GNOME's settings (``gsettings get``), or None where there is none."""
    if sys.platform in ("win32", "darwin"):
        return None
    program = shutil.which("gsettings", path=environ.get("PATH"))
    if program is None:
        return None

    def get(schema: str, key: str) -> object:
        try:
            result = subprocess.run(  # noqa: S603 -- a fixed program and arguments
                [program, "get", schema, key],
                capture_output=True,
                text=True,
                timeout=GSETTINGS_TIMEOUT,
                env=child_environment(environ),  # never Box Login's own secrets
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if result.returncode != 0:
            return None
        return _gvariant(result.stdout)

    return get


# --- PAC --------------------------------------------------------------------------------------


class _Pac:
    """A PAC file evaluated with pypac (one JavaScript context, used under a lock)."""

    def __init__(self, source: str, script: str) -> None:
        from pypac.parser import PACFile

        self.source = source
        self._file = PACFile(script)
        self._lock = threading.Lock()

    def find(self, url: str, host: str) -> list[str]:
        """The PAC answer as a list of proxy URLs and ``"DIRECT"``, in the file's order."""
        from pypac.parser import parse_pac_value

        with self._lock:
            value = self._file.find_proxy_for_url(url, host)
        return [str(item) for item in parse_pac_value(value or "DIRECT", "socks5")]


def _shown_url(url: str) -> str:
    """A URL for messages: without user name, password or query."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return f"{parts.scheme}://{netloc}{parts.path}"


# --- certificates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateInfo:
    """What a server's certificate says about who issued it (read without verifying it)."""

    issuer: str
    subject: str
    self_signed: bool


def _name_words(name: Any) -> str:
    """An X.509 name as a person reads it: its common name and organisation."""
    from cryptography.x509.oid import NameOID

    def first(oid: Any) -> str | None:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    common = first(NameOID.COMMON_NAME) or first(NameOID.ORGANIZATIONAL_UNIT_NAME)
    organisation = first(NameOID.ORGANIZATION_NAME)
    if common and organisation and organisation not in common:
        return f'"{common}" ({organisation})'
    if common or organisation:
        return f'"{common or organisation}"'
    return f'"{name.rfc4514_string()}"'


def fetch_certificate_info(
    host: str, port: int, decision: ProxyDecision | None = None, *, timeout: float = 3.0
) -> CertificateInfo | None:
    """Connect once more, without verifying, to read who issued ``host``'s certificate.

    Goes the same way as the request did (through ``decision``'s proxy with ``CONNECT``), sends
    nothing but the TLS handshake, and gives up (None) on any failure within ``timeout``.
    """
    import ssl

    try:
        if decision is not None and decision.url is not None:
            proxy_host, proxy_port = _host_port(decision.url)
            sock = socket.create_connection((proxy_host, proxy_port), timeout=timeout)
            try:
                _connect_tunnel(sock, host, port, decision.credentials)
            except BaseException:
                sock.close()
                raise
        else:
            sock = socket.create_connection((host, port), timeout=timeout)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # only to read the certificate; nothing is sent
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except (OSError, ValueError) as exc:
        logger.debug("Could not read the certificate of %s:%s (%s)", host, port, type(exc).__name__)
        return None
    if not der:
        return None
    from cryptography import x509

    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    return CertificateInfo(
        issuer=_name_words(cert.issuer),
        subject=_name_words(cert.subject),
        self_signed=cert.issuer == cert.subject,
    )


def _connect_tunnel(
    sock: socket.socket, host: str, port: int, credentials: ProxyCredentials | None
) -> None:
    """Ask the proxy on ``sock`` for a tunnel to ``host:port``; OSError when it says no."""
    target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    if credentials is not None:
        import base64

        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk or len(reply) > 65536:
            raise OSError("the proxy closed the connection")
        reply += chunk
    status = reply.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or status[1] != b"200":
        raise OSError("the proxy refused the tunnel")


# --- the network path -------------------------------------------------------------------------


class Network:
    """The trust and proxy rules for one :class:`NetworkSettings`.

    ``credentials`` (e.g. typed into the window) are used for whichever proxy is chosen;
    without them, those in the environment variable naming the same proxy are. ``environ``
    replaces ``os.environ`` (tests). The system's proxy configuration and PAC files are read
    once, on first use, and kept.
    """

    def __init__(
        self,
        settings: NetworkSettings | None = None,
        *,
        credentials: ProxyCredentials | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings if settings is not None else NetworkSettings()
        self._credentials = credentials
        self._environ = dict(os.environ if environ is None else environ)
        self._lock = threading.RLock()
        self._env_proxies: dict[str, str] | None = None
        self._desktop: tuple[str, Any] | None = None
        self._pacs: dict[str, _Pac | str] = {}
        self._ssl_context: ssl.SSLContext | None = None
        self.trust: str | None = None

    def __repr__(self) -> str:
        return f"Network({self.settings!r})"

    # -- trust ------------------------------------------------------------------------------

    def ssl_context(self) -> ssl.SSLContext:
        """The context that verifies servers: the system store (or certifi) plus ``ca_bundle``.

        Raises ConfigError naming the file and the ``ca_bundle`` key when that file cannot be
        used. ``self.trust`` then says which store is used: ``system`` or ``certifi``.
        """
        with self._lock:
            if self._ssl_context is None:
                self._ssl_context = self._make_ssl_context()
            return self._ssl_context

    def _make_ssl_context(self) -> ssl.SSLContext:
        import ssl

        context: ssl.SSLContext | None = None
        why = ""
        try:
            import truststore
        except ImportError:
            why = "truststore is not installed"
        else:
            if _system_store_found():
                context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                self.trust = "system"
            else:
                why = "no certificate store was found on this system"
        if context is None:
            import certifi

            context = ssl.create_default_context(cafile=certifi.where())
            self.trust = "certifi"
            logger.info("Verifying servers with certifi's certificates: %s", why)
        bundle = self.settings.ca_bundle
        if bundle is not None:
            try:
                context.load_verify_locations(cafile=str(bundle))
            except (OSError, ssl.SSLError) as exc:
                raise ca_bundle_error(bundle, exc) from None
        return context

    # -- proxy ------------------------------------------------------------------------------

    def proxy_for(self, url: str) -> ProxyDecision:
        """Which way a request to ``url`` goes. A PAC file that cannot be fetched or run
        means a direct connection, with a ``note`` that says so; only an unusable ``proxy``
        setting (built in code: the settings file is checked on reading) raises ConfigError."""
        setting = self.settings.proxy
        if setting == PROXY_NONE:
            return ProxyDecision(None, "none")
        if setting != PROXY_SYSTEM:
            try:
                proxy_url, _ = parse_proxy_url(setting)  # core.settings checked it already
            except ValueError as exc:
                raise ConfigError(
                    f'"proxy" in Box Login\'s settings is not a proxy address it can use: {exc}.',
                    hint='Use "system", "none" or an address like "http://proxy.example.com:3128".',
                ) from None
            return self._with_credentials(ProxyDecision(proxy_url, "settings"))
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        try:
            port = parts.port or _default_port(scheme)
        except ValueError:
            port = _default_port(scheme)
        with self._lock:
            decision = self._from_environment(scheme, host, port)
            if decision is None:
                decision = self._from_desktop(url, scheme, host, port)
        return self._with_credentials(decision)

    def _with_credentials(self, decision: ProxyDecision) -> ProxyDecision:
        if decision.url is None or decision.credentials is not None:
            return decision
        credentials = self._credentials or self._environment_credentials(decision.url)
        if credentials is None:
            return decision
        return ProxyDecision(decision.url, decision.source, decision.note, credentials)

    def _environment_proxies(self) -> dict[str, str]:
        """``{scheme: value}`` from ``*_proxy`` variables (lower case wins, as in urllib)."""
        if self._env_proxies is None:
            found: dict[str, str] = {}
            for name in sorted(self._environ, key=lambda n: n.islower()):  # upper case first
                value = self._environ[name]
                if value and name.lower().endswith("_proxy"):
                    found[name.lower()[: -len("_proxy")]] = value
            self._env_proxies = found
        return self._env_proxies

    def _environment_credentials(self, proxy_url: str) -> ProxyCredentials | None:
        """The credentials an environment variable gives for this same proxy, if any."""
        wanted = _host_port(proxy_url)
        for key in ("https", "http", "all"):
            value = self._environment_proxies().get(key)
            if not value:
                continue
            try:
                url, credentials = parse_proxy_url(value)
            except ValueError:
                continue
            if credentials is not None and _host_port(url) == wanted:
                return credentials
        return None

    def _from_environment(self, scheme: str, host: str, port: int) -> ProxyDecision | None:
        proxies = self._environment_proxies()
        value = proxies.get(scheme) or proxies.get("all")
        if not value:
            return None
        no_proxy = proxies.get("no", "")
        if _bypassed(host, port, no_proxy.replace(",", " ").split()):
            return ProxyDecision(None, "environment", "the address is in NO_PROXY")
        try:
            url, credentials = parse_proxy_url(value)
        except ValueError as exc:
            note = f"the {scheme.upper()}_PROXY environment variable is not usable: {exc}"
            logger.warning("Connecting directly: %s", note)
            return ProxyDecision(None, "environment", note)
        return ProxyDecision(url, "environment", None, credentials)

    def _desktop_config(self) -> tuple[str, Any]:
        """What the desktop says, read once: ``("pac", url)``, ``("wpad", None)``,
        ``("gnome", {...})``, ``("os", proxies)`` or ``("default", None)``."""
        if self._desktop is None:
            self._desktop = self._read_desktop_config()
            logger.debug("System proxy configuration: %s", self._desktop[0])
        return self._desktop

    def _read_desktop_config(self) -> tuple[str, Any]:
        if sys.platform in ("win32", "darwin"):
            return self._read_os_config()
        get = _gsettings_reader(self._environ)
        if get is None:
            return ("default", None)
        mode = get("org.gnome.system.proxy", "mode")
        if mode == "auto":
            pac_url = get("org.gnome.system.proxy", "autoconfig-url")
            if isinstance(pac_url, str) and pac_url.strip():
                return ("pac", pac_url.strip())
            return ("wpad", None)
        if mode == "manual":
            config: dict[str, Any] = {}
            for scheme in ("http", "https"):
                host = get(f"org.gnome.system.proxy.{scheme}", "host")
                port = get(f"org.gnome.system.proxy.{scheme}", "port")
                if isinstance(host, str) and host.strip() and isinstance(port, int) and port > 0:
                    config[scheme] = f"http://{host.strip()}:{port}"
            ignore = get("org.gnome.system.proxy", "ignore-hosts")
            config["ignore"] = (
                [h for h in ignore if isinstance(h, str)] if isinstance(ignore, list) else []
            )
            return ("gnome", config)
        return ("default", None)

    def _read_os_config(self) -> tuple[str, Any]:  # pragma: no cover - Windows and macOS
        try:
            from pypac.os_settings import (
                autoconfig_url_from_preferences,
                autoconfig_url_from_registry,
            )

            if sys.platform == "win32":
                pac_url = autoconfig_url_from_registry()
            else:
                pac_url = autoconfig_url_from_preferences()
        except Exception as exc:  # a broken OS lookup means "no PAC"
            logger.debug("No PAC address from the system settings (%s)", type(exc).__name__)
            pac_url = None
        if pac_url:
            pac_url = str(pac_url)
            if "://" not in pac_url:  # a local path (Windows allows one)
                pac_url = Path(pac_url).as_uri()
            return ("pac", pac_url)
        import urllib.request

        if sys.platform == "win32":
            proxies = urllib.request.getproxies_registry()
        else:
            proxies = urllib.request.getproxies_macosx_sysconf()  # type: ignore[attr-defined]
        return ("os", dict(proxies)) if proxies else ("default", None)

    def _from_desktop(self, url: str, scheme: str, host: str, port: int) -> ProxyDecision:
        kind, config = self._desktop_config()
        if kind == "pac":
            return self._from_pac(str(config), url, host)
        if kind == "wpad":
            return self._from_wpad(url, host)
        if kind == "gnome":
            if _bypassed(host, port, config["ignore"]):
                return ProxyDecision(None, "gnome", "the address is in GNOME's ignore-hosts")
            value = config.get(scheme)
            return ProxyDecision(value, "gnome") if value else ProxyDecision(None, "gnome")
        if kind == "os":  # pragma: no cover - Windows and macOS
            return self._from_os(config, scheme, host)
        return ProxyDecision(None, "default")

    def _from_os(
        self, proxies: Mapping[str, str], scheme: str, host: str
    ) -> ProxyDecision:  # pragma: no cover - Windows and macOS
        import urllib.request

        value = proxies.get(scheme) or proxies.get("all")
        if not value or urllib.request.proxy_bypass(host):
            return ProxyDecision(None, "os")
        try:
            proxy_url, credentials = parse_proxy_url(value)
        except ValueError as exc:
            return ProxyDecision(None, "os", f"the system's proxy is not usable: {exc}")
        return ProxyDecision(proxy_url, "os", None, credentials)

    def _from_pac(self, pac_url: str, url: str, host: str) -> ProxyDecision:
        source = f"pac:{_shown_url(pac_url)}"
        pac = self._pacs.get(pac_url)
        if pac is None:
            pac = self._load_pac(pac_url)
            self._pacs[pac_url] = pac
        if isinstance(pac, str):  # why it could not be used
            return ProxyDecision(None, source, pac)
        return self._pac_decision(pac, source, url, host)

    def _pac_decision(self, pac: _Pac, source: str, url: str, host: str) -> ProxyDecision:
        try:
            answers = pac.find(url, host)
        except Exception as exc:  # any JavaScript failure: go direct
            note = f"the PAC file failed for this address ({type(exc).__name__})"
            logger.warning("Connecting directly: %s", note)
            return ProxyDecision(None, source, note)
        for answer in answers:
            if answer == "DIRECT":
                return ProxyDecision(None, source)
            try:
                proxy_url, credentials = parse_proxy_url(answer)
            except ValueError:
                continue  # e.g. SOCKS: try the PAC file's next choice
            return ProxyDecision(proxy_url, source, None, credentials)
        return ProxyDecision(None, source, "the PAC file offered no proxy Box Login can use")

    def _load_pac(self, pac_url: str) -> _Pac | str:
        """The PAC file at ``pac_url``, or why it cannot be used (a note)."""
        shown = _shown_url(pac_url)
        try:
            script = self._download(pac_url)
            pac = _Pac(shown, script)
        except Exception as exc:  # any failure: go direct, as browsers do
            note = f"the PAC file {shown} could not be used ({type(exc).__name__})"
            logger.warning("Connecting directly: %s", note)
            return note
        logger.debug("Using the PAC file %s", shown)
        return pac

    def _download(self, url: str) -> str:
        """A PAC file's text: ``file://`` read locally, ``http(s)://`` fetched directly."""
        import urllib.request

        if url.lower().startswith("file://"):
            path = unquote(urlsplit(url).path)
            if sys.platform == "win32" and path.startswith("/") and path[2:3] == ":":
                path = path[1:]  # pragma: no cover - Windows
            return Path(path).read_text(encoding="utf-8", errors="replace")
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError("not an http, https or file address")
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # a PAC file is fetched directly, as browsers do
            urllib.request.HTTPSHandler(context=self.ssl_context()),
        )
        with opener.open(url, timeout=PAC_TIMEOUT) as response:
            data: bytes = response.read(1_000_001)
        if len(data) > 1_000_000:
            raise ValueError("the PAC file is larger than 1 MB")
        return data.decode("utf-8", errors="replace")

    def _from_wpad(self, url: str, host: str) -> ProxyDecision:
        """GNOME's "automatic" mode without an address: WPAD (``wpad.<domain>/wpad.dat``)."""
        if "wpad" not in self._pacs:
            found: _Pac | str = "no PAC file was found by WPAD"
            try:
                from pypac.api import collect_pac_urls

                candidates = collect_pac_urls(from_os_settings=False, from_dns=True)
            except Exception as exc:
                candidates = []
                logger.debug("WPAD search failed (%s)", type(exc).__name__)
            for candidate in candidates:
                loaded = self._load_pac(str(candidate))
                if not isinstance(loaded, str):
                    found = loaded
                    break
            self._pacs["wpad"] = found
        pac = self._pacs["wpad"]
        if isinstance(pac, str):
            return ProxyDecision(None, "pac:wpad", pac)
        return self._pac_decision(pac, f"pac:{pac.source}", url, host)


def _system_store_found() -> bool:
    """True where ``truststore`` has certificates to work with: always on Windows and macOS;
    on Linux when OpenSSL's default file or folder (``SSL_CERT_FILE``/``SSL_CERT_DIR``
    included) or one of the usual distribution files exists."""
    if sys.platform in ("win32", "darwin"):
        return True
    import ssl

    defaults = ssl.get_default_verify_paths()
    if defaults.cafile:
        return True
    if defaults.capath and os.path.isdir(defaults.capath) and os.listdir(defaults.capath):
        return True
    return any(
        os.path.isfile(candidate)
        for candidate in (
            "/etc/ssl/cert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/pki/tls/cert.pem",
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/ssl/ca-bundle.pem",
        )
    )


def ca_bundle_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with a ``ca_bundle`` file, as ``(problem, fix)``; None when it loads."""
    import ssl

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(path))
    except ssl.SSLError:
        return (
            "does not hold certificates in PEM format",
            'A PEM file is text that starts with "-----BEGIN CERTIFICATE-----". A binary '
            "(DER) .cer or .crt file can be converted with: openssl x509 -inform der -in "
            "company.cer -out company.pem",
        )
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else None
        return (
            f"could not be read ({reason or type(exc).__name__})",
            "Check that the file exists and that you may read it.",
        )
    return None


def ca_bundle_error(path: Path, exc: BaseException | None = None) -> ConfigError:
    """The error for a ``ca_bundle`` file that cannot be used (names the file and the key)."""
    from core.settings import SettingsFileError, display_path

    problem, fix = ca_bundle_problem(path) or (
        f"could not be used ({type(exc).__name__ if exc else 'unknown problem'})",
        "Ask whoever gave you the file for a fresh copy.",
    )
    return SettingsFileError(
        f'The certificate file {display_path(path)} (named by "ca_bundle" in the settings) '
        f"{problem}.",
        path=path,
        key="ca_bundle",
        hint=fix,
    )
