"""Which way a request goes: :class:`Network` and the proxy rules of ``proxy: system``.

In this order: the environment variables (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` with
``NO_PROXY``) when one is set for the address's scheme; then the desktop: GNOME's settings
(``gsettings``) on Linux, the PAC address or the proxies of the Windows / macOS system settings
there; else a direct connection. PAC files are fetched directly and run by ``pypac``; one that
cannot be fetched or run means a direct connection with a note, as browsers do. The system's
configuration and PAC files are read once, on first use, and kept.

:class:`Network` lives here because choosing the way is most of what it does; its
:meth:`Network.ssl_context` is built by :mod:`core.network.trust`.
"""

from __future__ import annotations

import ast
import fnmatch
import ipaddress
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from core.childenv import child_environment
from core.errors import ConfigError
from core.network.decision import (
    PROXY_NONE,
    PROXY_SYSTEM,
    NetworkSettings,
    ProxyCredentials,
    ProxyDecision,
    _default_port,
    _host_port,
    parse_proxy_url,
)
from core.network.trust import add_ca_bundle, base_ssl_context
from core.translation import translate

if TYPE_CHECKING:
    import ssl

# The package's one logger: its lines keep the name they have always had (log filters
# select on it), whichever module writes them.
logger = logging.getLogger("core.network")

#: Seconds allowed to fetch a PAC file (connect, read) and to ask ``gsettings``.
PAC_TIMEOUT = 3.0
GSETTINGS_TIMEOUT = 2.0


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
        context, self.trust = base_ssl_context()
        bundle = self.settings.ca_bundle
        if bundle is not None:
            add_ca_bundle(context, bundle)
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
                    translate(
                        "Network",
                        '"proxy" in Box Login\'s settings is not a proxy address it can use: '
                        "{problem}.",
                    ).format(problem=exc),
                    hint=translate(
                        "Network",
                        'Use "system", "none" or an address like "http://proxy.example.com:3128".',
                    ),
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

    def use_credentials(self, credentials: ProxyCredentials | None) -> None:
        """Use ``credentials`` for whichever proxy is chosen from now on (None: those of the
        environment again). The window passes what the person typed for the sign-in page's
        proxy, so that the token calls get through the same proxy too."""
        with self._lock:
            self._credentials = credentials

    def bypass_patterns(self, decision: ProxyDecision) -> tuple[str, ...]:
        """The exceptions that come with ``decision``'s source: ``NO_PROXY`` for the
        environment, GNOME's ignore-hosts for GNOME's manual proxy; none otherwise (a PAC
        file decides per address itself). For the sign-in page, which applies them to every
        address it visits."""
        with self._lock:
            if decision.source == "environment":
                no_proxy = self._environment_proxies().get("no", "")
                return tuple(no_proxy.replace(",", " ").split())
            if decision.source == "gnome":
                kind, config = self._desktop_config()
                if kind == "gnome":
                    return tuple(str(h) for h in config.get("ignore", ()))
        return ()

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
            return ProxyDecision(
                None, "environment", translate("Network", "the address is in NO_PROXY")
            )
        try:
            url, credentials = parse_proxy_url(value)
        except ValueError as exc:
            note = translate(
                "Network", "the {variable} environment variable is not usable: {problem}"
            ).format(variable=f"{scheme.upper()}_PROXY", problem=exc)
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
            note = translate("Network", "the PAC file failed for this address ({error})").format(
                error=type(exc).__name__
            )
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
        return ProxyDecision(
            None, source, translate("Network", "the PAC file offered no proxy Box Login can use")
        )

    def _load_pac(self, pac_url: str) -> _Pac | str:
        """The PAC file at ``pac_url``, or why it cannot be used (a note)."""
        shown = _shown_url(pac_url)
        try:
            script = self._download(pac_url)
            pac = _Pac(shown, script)
        except Exception as exc:  # any failure: go direct, as browsers do
            note = translate("Network", "the PAC file {file} could not be used ({error})").format(
                file=shown, error=type(exc).__name__
            )
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
