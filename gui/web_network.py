"""The sign-in page's way to Box: the same proxy and trust as the token calls, and plain words
for when Box cannot be reached.

Plain Python (no Qt), used by both processes of the sign-in (see :mod:`gui.signin_window`):

* the main window's process decides, with the token calls' own
  :class:`core.network.Network` (:class:`WebNetwork`): the proxy for the sign-in address
  (:meth:`~core.network.Network.proxy_for`), the proxy's user name and password when they are
  known (the environment, or the password store when the person chose to keep them there),
  the ``ca_bundle`` file and the Box hosts of the settings. All of it goes to the sign-in
  window's process in its start message, over standard input: never on a command line or in
  the environment;
* the sign-in window's process turns the proxy into Chromium's switches before Qt WebEngine
  starts (:func:`chromium_proxy_flags`), accepts a certificate that Chromium does not trust
  only when it chains to a certificate authority of ``ca_bundle`` and belongs to a Box host of
  the settings (:func:`chain_verifies`), and replaces Chromium's error pages with Box Login's
  own (:class:`PageProblem`, :func:`error_page_html`).

Chromium never sends loopback addresses through a proxy. The loopback callback must stay on
this computer, so that is left alone, except when the sign-in address is itself on loopback
(the demo, the tests' sandbox) and the decision is a proxy: then ``<-loopback>`` lifts the
rule and the return address alone is listed as an exception, so the page takes the proxy as
the token calls do and the callback still reaches Box Login directly.

Proxy passwords cross between the processes in the JSON start message and the
``proxy_credentials`` command only; they never appear in a log line, a message or a repr.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core.errors import (
    CertificateVerificationError,
    HostNotFoundError,
    NetworkError,
    ProxyAuthenticationRequiredError,
    ProxyError,
    RefusedConnectionError,
    RequestTimeoutError,
)
from core.network import ProxyCredentials, ProxyDecision
from core.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from core.network import Network
    from core.session import BoxLogin
    from core.settings import Settings
    from gui.failure import Failure

logger = logging.getLogger(__name__)

#: The keyring service of proxy passwords the person chose to keep (one entry per proxy,
#: named by its ``host:port``): apart from the Box sign-ins of ``core.store``.
PROXY_PASSWORD_SERVICE = "Box Login proxy"
#: Seconds the password store has to find a kept proxy password before the sign-in window
#: opens without it (the page then asks).
PASSWORD_LOOKUP_TIMEOUT = 3.0

#: Buttons on Box Login's own error page are links to this host, which never resolves
#: (``.invalid`` is reserved): the sign-in window catches them before anything is sent.
ACTION_HOST = "box-login.invalid"
ACTIONS = ("retry", "check", "browser")

#: Chromium's environment variable for its switches (read when Qt WebEngine starts).
CHROMIUM_FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"


# --- which way: Chromium's proxy switches ------------------------------------------------------


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` (and its subdomains), 127.0.0.0/8 and ::1."""
    host = host.lower().strip("[]").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "").lower(), port or (443 if parts.scheme == "https" else 80)


def _shown_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def chromium_bypass_rules(patterns: Iterable[str]) -> list[str]:
    """``NO_PROXY``-style patterns (``example.com`` and ``.example.com`` also cover its
    subdomains, ``*.example.com``, ``10.0.0.0/8``, an optional ``:port``) as Chromium's
    ``--proxy-bypass-list`` rules."""
    rules: list[str] = []
    for raw in patterns:
        pattern = raw.strip().lower()
        if not pattern or any(c in pattern for c in ";\"' "):
            continue
        if pattern == "*":
            rules.append("*")
            continue
        port = ""
        if pattern.startswith("["):  # [::1]:8080
            rules.append(pattern)
            continue
        if pattern.count(":") == 1:
            name, _, maybe_port = pattern.partition(":")
            if maybe_port.isdigit():
                pattern, port = name, f":{maybe_port}"
        try:
            ipaddress.ip_network(pattern, strict=False)
        except ValueError:
            pass
        else:
            ipv6_address = ":" in pattern and "/" not in pattern
            rules.append(f"[{pattern}]{port}" if ipv6_address else pattern + port)
            continue
        if "*" in pattern:
            rules.append(pattern + port)
            continue
        domain = pattern.lstrip(".")
        rules += [domain + port, f"*.{domain}{port}"]
    return rules


def proxy_options(
    decision: ProxyDecision,
    authorize_url: str,
    redirect_uri: str,
    bypass: Sequence[str] = (),
) -> dict[str, Any]:
    """The ``proxy`` part of the sign-in window's start message: the way the token calls take
    for ``authorize_url``, for Chromium. No credentials (they travel apart)."""
    words = decision.source_words()
    shown = {"shown": decision.proxy, "words": words}
    if decision.source.startswith("pac:"):
        if decision.source == "pac:wpad":
            if decision.url is None and decision.note:
                return {"mode": "direct", **shown}  # no PAC file was found: as the token calls
            return {"mode": "auto_detect", **shown}
        if decision.url is None and decision.note:
            return {"mode": "direct", **shown}  # the PAC file could not be used: direct
        return {"mode": "pac", "pac_url": decision.source[4:], **shown}
    if decision.url is None:
        return {"mode": "direct", **shown}
    rules = chromium_bypass_rules(bypass)
    host, _port = _host_port(authorize_url)
    if is_loopback_host(host):
        # The sign-in address is on loopback and the decision is a proxy: take it, as the
        # token calls do; only the return address stays direct (it is Box Login itself).
        back_host, back_port = _host_port(redirect_uri)
        rules = ["<-loopback>", *rules, f"{_shown_host(back_host)}:{back_port}"]
    return {"mode": "fixed", "server": decision.url, "bypass": rules, **shown}


def chromium_proxy_flags(options: Mapping[str, Any] | None) -> list[str]:
    """Chromium's switches for a ``proxy`` start-message part (none without one: Qt
    WebEngine's own choice)."""
    if not isinstance(options, Mapping):
        return []
    mode = options.get("mode")
    if mode == "direct":
        return ["--no-proxy-server"]
    if mode == "auto_detect":
        return ["--proxy-auto-detect"]
    if mode == "pac":
        pac_url = str(options.get("pac_url") or "")
        if pac_url and not any(c in pac_url for c in " \"'"):
            return [f"--proxy-pac-url={pac_url}"]
        return []
    if mode == "fixed":
        server = str(options.get("server") or "")
        if not server or any(c in server for c in " \"'@"):
            return []
        flags = [f"--proxy-server={server}"]
        bypass = [str(rule) for rule in options.get("bypass") or () if str(rule)]
        if bypass:
            flags.append(f"--proxy-bypass-list={';'.join(bypass)}")
        return flags
    return []


def add_chromium_flags(environ: dict[str, str] | Any, flags: Sequence[str]) -> None:
    """Append ``flags`` to ``QTWEBENGINE_CHROMIUM_FLAGS`` in ``environ`` (the last of a
    repeated switch wins, so these override any given before)."""
    if not flags:
        return
    current = environ.get(CHROMIUM_FLAGS_VARIABLE, "").strip()
    environ[CHROMIUM_FLAGS_VARIABLE] = " ".join([*([current] if current else []), *flags])


# --- whom to trust: ca_bundle for the page ------------------------------------------------------


def _is_a_ca(_policy: object, _cert: object, extension: Any) -> None:
    if extension is None or not extension.ca:
        raise ValueError("not a certificate authority")


def _may_sign_certificates(_policy: object, _cert: object, extension: Any) -> None:
    if extension is not None and not extension.key_cert_sign:
        raise ValueError("may not sign certificates")


def _for_servers(_policy: object, _cert: object, extension: Any) -> None:
    from cryptography.x509.oid import ExtendedKeyUsageOID

    allowed = {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
    if extension is not None and not allowed & set(extension):
        raise ValueError("not for servers")


def _not_a_ca(_policy: object, _cert: object, extension: Any) -> None:
    if extension is not None and extension.ca:
        raise ValueError("a certificate authority, not a server")


def chain_verifies(
    chain_der: Sequence[bytes],
    host: str,
    ca_bundle: Path,
    *,
    now: datetime.datetime | None = None,
) -> bool:
    """True when the server certificate ``chain_der[0]`` (the others: what the server sent
    along) is signed, through them, by a certificate authority of ``ca_bundle``, every
    certificate on the way is valid at ``now``, and it names ``host``.

    With ``cryptography``'s path builder. The extension rules are those that matter for
    trust (the issuers are certificate authorities allowed to sign, the server's certificate
    is for servers and names the host), not the public web's stricter profile: a company's
    certificate authority made with OpenSSL often has a critical subjectAltName or
    extendedKeyUsage, which the web profile refuses and OpenSSL (the token calls) accepts.
    """
    from cryptography import x509
    from cryptography.x509.verification import (
        Criticality,
        ExtensionPolicy,
        PolicyBuilder,
        Store,
    )

    if not chain_der:
        return False
    try:
        authorities = x509.load_pem_x509_certificates(ca_bundle.read_bytes())
        chain = [x509.load_der_x509_certificate(der) for der in chain_der]
    except (OSError, ValueError) as exc:
        logger.info("Could not check the certificate with ca_bundle (%s)", type(exc).__name__)
        return False
    name = host.strip("[]").rstrip(".")
    try:
        subject: x509.DNSName | x509.IPAddress = x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        subject = x509.DNSName(name)
    server_policy = (
        ExtensionPolicy.permit_all()
        .require_present(x509.SubjectAlternativeName, Criticality.AGNOSTIC, None)
        .may_be_present(x509.ExtendedKeyUsage, Criticality.AGNOSTIC, _for_servers)
        .may_be_present(x509.BasicConstraints, Criticality.AGNOSTIC, _not_a_ca)
    )
    authority_policy = (
        ExtensionPolicy.permit_all()
        .require_present(x509.BasicConstraints, Criticality.AGNOSTIC, _is_a_ca)
        .may_be_present(x509.KeyUsage, Criticality.AGNOSTIC, _may_sign_certificates)
    )
    builder = (
        PolicyBuilder()
        .store(Store(authorities))
        .extension_policies(ee_policy=server_policy, ca_policy=authority_policy)
    )
    if now is not None:
        builder = builder.time(now)
    try:
        builder.build_server_verifier(subject).verify(chain[0], chain[1:])
    except Exception as exc:  # cryptography's VerificationError, or a policy that cannot apply
        logger.info("The certificate of %s does not chain to ca_bundle (%s)", host, exc)
        return False
    return True


def box_hosts(settings: Settings) -> list[tuple[str, int]]:
    """The Box hosts of the settings, as ``(host, port)``: only these may be trusted through
    ``ca_bundle`` in the sign-in page."""
    hosts: list[tuple[str, int]] = []
    for url in (settings.oauth_2_url, settings.base_url):
        entry = _host_port(url)
        if entry[0] and entry not in hosts:
            hosts.append(entry)
    return hosts


@dataclass(frozen=True)
class PageNetwork:
    """The sign-in window process's copy of the network part of its start message."""

    #: The ``proxy`` part (see :func:`proxy_options`), or None: Qt WebEngine's own choice.
    proxy: Mapping[str, Any] | None = None
    ca_bundle: Path | None = None
    box_hosts: frozenset[tuple[str, int]] = frozenset()
    credentials: ProxyCredentials | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> PageNetwork:
        """Read the start message (anything missing or malformed is left out)."""
        proxy = options.get("proxy")
        bundle = options.get("ca_bundle")
        hosts: set[tuple[str, int]] = set()
        for entry in options.get("box_hosts") or ():
            if isinstance(entry, list | tuple) and len(entry) == 2 and isinstance(entry[1], int):
                hosts.add((str(entry[0]).lower(), entry[1]))
        given = options.get("proxy_credentials")
        credentials = None
        if isinstance(given, Mapping) and isinstance(given.get("user"), str):
            credentials = ProxyCredentials(given["user"], str(given.get("password") or ""), "main")
        return cls(
            proxy if isinstance(proxy, Mapping) else None,
            Path(bundle) if isinstance(bundle, str) and bundle else None,
            frozenset(hosts),
            credentials,
        )

    @property
    def uses_proxy(self) -> bool:
        """True when the page may go through a proxy (a fixed one or a PAC file)."""
        return self.proxy is not None and self.proxy.get("mode") in ("fixed", "pac", "auto_detect")

    @property
    def proxy_shown(self) -> str | None:
        """The proxy's ``host:port`` for messages (None: direct or decided per address)."""
        if self.proxy is None or self.proxy.get("mode") != "fixed":
            return None
        shown = self.proxy.get("shown")
        return str(shown) if shown else None

    @property
    def proxy_words(self) -> str:
        """Where the proxy decision came from, in words."""
        return str(self.proxy.get("words") or "") if self.proxy is not None else ""

    def is_box_host(self, url: str) -> bool:
        """True when ``url`` is on one of the settings' Box hosts (host and port)."""
        return _host_port(url) in self.box_hosts


# --- when the page does not load -----------------------------------------------------------------


class Problem(StrEnum):
    """Why the sign-in page did not load, as Box Login tells it."""

    DNS = "dns"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"
    PROXY_UNREACHABLE = "proxy_unreachable"
    PROXY_REFUSED = "proxy_refused"
    PROXY_AUTH = "proxy_auth"
    CERTIFICATE = "certificate"


#: Chromium's network error codes (net/base/net_error_list.h) and what they mean here.
_NET_ERRORS: Mapping[int, Problem] = {
    -7: Problem.TIMEOUT,  # TIMED_OUT
    -100: Problem.UNREACHABLE,  # CONNECTION_CLOSED
    -101: Problem.UNREACHABLE,  # CONNECTION_RESET
    -102: Problem.REFUSED,  # CONNECTION_REFUSED
    -103: Problem.UNREACHABLE,  # CONNECTION_ABORTED
    -104: Problem.UNREACHABLE,  # CONNECTION_FAILED
    -105: Problem.DNS,  # NAME_NOT_RESOLVED
    -106: Problem.OFFLINE,  # INTERNET_DISCONNECTED
    -109: Problem.UNREACHABLE,  # ADDRESS_UNREACHABLE
    -111: Problem.PROXY_REFUSED,  # TUNNEL_CONNECTION_FAILED
    -115: Problem.PROXY_AUTH,  # PROXY_AUTH_UNSUPPORTED
    -118: Problem.TIMEOUT,  # CONNECTION_TIMED_OUT
    -127: Problem.PROXY_AUTH,  # PROXY_AUTH_REQUESTED
    -130: Problem.PROXY_UNREACHABLE,  # PROXY_CONNECTION_FAILED
    -131: Problem.PROXY_UNREACHABLE,  # MANDATORY_PROXY_CONFIGURATION_FAILED
    -136: Problem.PROXY_UNREACHABLE,  # PROXY_CERTIFICATE_INVALID
    -137: Problem.DNS,  # NAME_RESOLUTION_FAILED
    -324: Problem.UNREACHABLE,  # EMPTY_RESPONSE
}
#: Codes that are no failure to report: a navigation Box Login (or a newer one) stopped.
#: ABORTED, BLOCKED_BY_CLIENT, BLOCKED_BY_RESPONSE, DISALLOWED_URL_SCHEME.
_NOT_PROBLEMS = frozenset({-3, -20, -27, -301})


def classify_load_error(
    code: int, domain: str, *, proxy_auth_asked: bool = False, proxy: bool = False
) -> Problem | None:
    """What a failed main-frame load (Qt's ``QWebEngineLoadingInfo`` error code and domain
    name) means; None when Chromium's own handling stays (an answer from the server, such as
    Box's own error pages, or a navigation that was stopped on purpose)."""
    if domain in ("HttpStatusCodeDomain", "NoErrorDomain") or code in _NOT_PROBLEMS:
        return None
    if proxy_auth_asked:
        return Problem.PROXY_AUTH  # the proxy asked who we are and got no (good) answer
    if domain == "CertificateErrorDomain" or -299 <= code <= -200:
        return Problem.CERTIFICATE
    known = _NET_ERRORS.get(code)
    if known is not None:
        if known is Problem.REFUSED and proxy:
            return Problem.PROXY_REFUSED
        return known
    if domain in ("ConnectionErrorDomain", "DnsErrorDomain", "HttpErrorDomain"):
        if proxy and domain != "DnsErrorDomain":
            return Problem.PROXY_REFUSED
        return Problem.UNREACHABLE
    return None


@dataclass(frozen=True)
class PageProblem:
    """A sign-in page that did not load: what the error page and the main window say.

    ``host`` is the host the page was loading (never its query), ``proxy`` the proxy's
    ``host:port`` and ``proxy_words`` where it came from, when one is used.
    """

    problem: Problem
    host: str
    code: int = 0
    proxy: str | None = None
    proxy_words: str = ""
    credentials_refused: bool = False
    ca_bundle: bool = False

    def to_event(self) -> dict[str, Any]:
        """The child's ``load_failed`` event (plain JSON)."""
        return {
            "event": "load_failed",
            "problem": str(self.problem),
            "host": self.host,
            "code": self.code,
            "proxy": self.proxy,
            "proxy_words": self.proxy_words,
            "credentials_refused": self.credentials_refused,
            "ca_bundle": self.ca_bundle,
        }

    @classmethod
    def from_event(cls, message: Mapping[str, Any]) -> PageProblem | None:
        """The problem a ``load_failed`` event describes (None when it is not one)."""
        try:
            problem = Problem(str(message.get("problem")))
        except ValueError:
            return None
        code = message.get("code")
        proxy = message.get("proxy")
        return cls(
            problem,
            str(message.get("host") or "Box"),
            code if isinstance(code, int) else 0,
            str(proxy) if proxy else None,
            str(message.get("proxy_words") or ""),
            bool(message.get("credentials_refused")),
            bool(message.get("ca_bundle")),
        )

    @property
    def _proxy_named(self) -> str:
        proxy = self.proxy or "in use"
        return f"{proxy} ({self.proxy_words})" if self.proxy_words and self.proxy else proxy

    @property
    def headline(self) -> str:
        """The error page's title line."""
        return {
            Problem.DNS: translate("PageProblem", "Box can't be found"),
            Problem.REFUSED: translate("PageProblem", "Box refused the connection"),
            Problem.TIMEOUT: translate("PageProblem", "Box did not answer"),
            Problem.OFFLINE: translate("PageProblem", "You're not connected to the internet"),
            Problem.UNREACHABLE: translate("PageProblem", "Box can't be reached"),
            Problem.PROXY_UNREACHABLE: translate(
                "PageProblem", "The proxy server can't be reached"
            ),
            Problem.PROXY_REFUSED: translate(
                "PageProblem", "The proxy server did not let the page through"
            ),
            Problem.PROXY_AUTH: (
                translate(
                    "PageProblem", "The proxy server did not accept your user name and password"
                )
                if self.credentials_refused
                else translate("PageProblem", "The proxy server needs your user name and password")
            ),
            Problem.CERTIFICATE: translate("PageProblem", "This may not really be Box"),
        }[self.problem]

    @property
    def body(self) -> str:
        """What happened, in one or two sentences."""
        host, proxy = self.host, self._proxy_named
        return {
            Problem.DNS: translate(
                "PageProblem",
                "Box Login could not find {host} on the network: the name does not resolve.",
            ).format(host=host),
            Problem.REFUSED: translate(
                "PageProblem", "{host} refused the connection, so nothing was sent."
            ).format(host=host),
            Problem.TIMEOUT: translate("PageProblem", "{host} did not answer in time.").format(
                host=host
            ),
            Problem.OFFLINE: translate(
                "PageProblem", "This computer is not connected to a network."
            ),
            Problem.UNREACHABLE: translate(
                "PageProblem", "The connection to {host} broke off before the page arrived."
            ).format(host=host),
            Problem.PROXY_UNREACHABLE: translate(
                "PageProblem", "Box Login could not connect to the proxy server {proxy}."
            ).format(proxy=proxy),
            Problem.PROXY_REFUSED: translate(
                "PageProblem", "The proxy server {proxy} could not open a connection to {host}."
            ).format(proxy=proxy, host=host),
            Problem.PROXY_AUTH: (
                translate(
                    "PageProblem", "The proxy server {proxy} refused the user name and password."
                )
                if self.credentials_refused
                else translate(
                    "PageProblem",
                    "The proxy server {proxy} asks who you are before it lets the sign-in page "
                    "through.",
                )
            ).format(proxy=proxy),
            Problem.CERTIFICATE: translate(
                "PageProblem",
                "The security certificate of {host} could not be verified, so Box Login "
                "stopped loading the page. Nothing was sent.",
            ).format(host=host)
            + (
                " "
                + translate(
                    "PageProblem",
                    'The certificate file named by "ca_bundle" in the settings does not vouch '
                    "for it either.",
                )
                if self.ca_bundle
                else ""
            ),
        }[self.problem]

    @property
    def todo(self) -> str:
        """What to do about it."""
        return {
            Problem.DNS: translate(
                "PageProblem",
                "Check that this computer is connected to the internet, then try "
                "again. On a company network, ask your IT team whether Box is reached through a "
                "proxy.",
            ),
            Problem.REFUSED: translate(
                "PageProblem",
                "Try again in a minute. If it keeps happening, a firewall may be "
                "blocking Box Login.",
            ),
            Problem.TIMEOUT: translate(
                "PageProblem",
                "Check the connection and try again. On a company network a "
                "firewall may be blocking the way to Box.",
            ),
            Problem.OFFLINE: translate("PageProblem", "Connect to a network, then try again."),
            Problem.UNREACHABLE: translate(
                "PageProblem",
                "Check that this computer is connected to the internet, then try again.",
            ),
            Problem.PROXY_UNREACHABLE: translate(
                "PageProblem", "Check the proxy settings, or ask your IT team which proxy to use."
            ),
            Problem.PROXY_REFUSED: translate(
                "PageProblem",
                "Try again in a minute. If it keeps happening, ask your IT "
                "team whether the proxy lets Box through.",
            ),
            Problem.PROXY_AUTH: translate(
                "PageProblem",
                "Type them in the window Box Login opened, then try again. "
                "Your IT team can tell you which ones to use.",
            ),
            Problem.CERTIFICATE: translate(
                "PageProblem",
                "If you are at work, your IT team can give you the "
                "certificate file Box Login needs for this network.",
            ),
        }[self.problem]

    def failure(self) -> Failure:
        """What the main window reports once the sign-in ends this way."""
        from gui.failure import Failure

        kinds: Mapping[Problem, type[NetworkError]] = {
            Problem.DNS: HostNotFoundError,
            Problem.REFUSED: RefusedConnectionError,
            Problem.TIMEOUT: RequestTimeoutError,
            Problem.PROXY_UNREACHABLE: ProxyError,
            Problem.PROXY_REFUSED: ProxyError,
            Problem.PROXY_AUTH: ProxyAuthenticationRequiredError,
            Problem.CERTIFICATE: CertificateVerificationError,
        }
        details = f"The sign-in page did not load: {self.problem.value}"
        if self.code:
            details += f" (Chromium error {self.code})"
        details += f", host={self.host}"
        if self.proxy:
            details += f", proxy={self.proxy}"
        return Failure(
            kinds.get(self.problem, NetworkError),
            translate("PageProblem", "The sign-in page did not load. {what}").format(
                what=self.body
            ),
            self.todo,
            details,
        )


#: The words on the error page's buttons (and the window's title).
PAGE_WORDS: Mapping[str, str] = {
    "lang": "en",
    "dir": "ltr",
    "app_name": "Box Login",
    "title": QT_TRANSLATE_NOOP("PageProblem", "Sign-in page not loaded – Box Login"),  # noqa: RUF001
    "retry": QT_TRANSLATE_NOOP("PageProblem", "Try again"),
    "check": QT_TRANSLATE_NOOP("PageProblem", "Check my setup"),
    "browser": QT_TRANSLATE_NOOP("PageProblem", "Open in my browser instead"),
}
#: The page's language code, "translated" into each language's own (de, ja).
PAGE_LANGUAGE = QT_TRANSLATE_NOOP("PageProblem", "en")


def error_page_html(problem: PageProblem) -> str:
    """Box Login's own error page for ``problem``, in the look of its other pages (no
    address, no query: nothing of the sign-in's client id or state)."""
    from core.loopback.pages import render_page
    from core.paths import resource_path

    try:
        template = resource_path("signin_error.html").read_text(encoding="utf-8")
        css = resource_path("pages.css").read_text(encoding="utf-8")
    except OSError as exc:
        logger.error("Could not read the error page (%s)", exc.strerror)
        template, css = _FALLBACK_PAGE, ""
    values = {
        **{key: translate("PageProblem", text) for key, text in PAGE_WORDS.items()},
        "lang": translate("PageProblem", PAGE_LANGUAGE),
        "css": css,
        "headline": problem.headline,
        "body": problem.body,
        "todo": problem.todo,
        "problem": problem.problem.value,
        "action_url": f"https://{ACTION_HOST}/",
    }
    return render_page(template, values).decode("utf-8")


_FALLBACK_PAGE = (
    '<!DOCTYPE html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>'
    '</head><body><main data-problem="{{problem}}"><h1>{{headline}}</h1><p>{{body}}</p>'
    '<p>{{todo}}</p><form method="get" action="{{action_url}}retry">'
    '<button type="submit" id="retry">{{retry}}</button>'
    '<button type="submit" id="check" formaction="{{action_url}}check">{{check}}</button>'
    '<button type="submit" id="browser" formaction="{{action_url}}browser">{{browser}}</button>'
    "</form></main></body></html>"
)


def page_action(url: str) -> str | None:
    """The error page's button an address stands for (``retry``, ``check``, ``browser``)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or (parts.hostname or "") != ACTION_HOST:
        return None
    action = parts.path.strip("/")
    return action if action in ACTIONS else None


# --- the main window's side ----------------------------------------------------------------


class ProxyPasswords:
    """Proxy user names and passwords the person chose to keep, in the password store: one
    entry per proxy (its ``host:port``) under :data:`PROXY_PASSWORD_SERVICE`, apart from the
    Box sign-ins. Blocking calls (D-Bus, keychain): never on the GUI thread."""

    def __init__(self, backend: KeyringBackend, service: str = PROXY_PASSWORD_SERVICE) -> None:
        self._backend = backend
        self.service = service

    def __repr__(self) -> str:
        return f"ProxyPasswords(service={self.service!r})"

    def load(self, proxy: str) -> ProxyCredentials | None:
        """The kept user name and password for ``proxy`` (None when none or unreadable)."""
        try:
            value = self._backend.get_password(self.service, proxy)
        except Exception as exc:  # keyring raises many kinds; none may stop the sign-in
            logger.info("Could not read the kept proxy password (%s)", type(exc).__name__)
            return None
        if not value:
            return None
        try:
            data = json.loads(value)
            return ProxyCredentials(str(data["user"]), str(data["password"]), "password store")
        except (ValueError, KeyError, TypeError):
            logger.info("The kept proxy password for %s is not readable; ignored", proxy)
            return None

    def save(self, proxy: str, credentials: ProxyCredentials) -> bool:
        """Keep ``credentials`` for ``proxy``; False when the store refused."""
        value = json.dumps({"user": credentials.user, "password": credentials.password})
        try:
            self._backend.set_password(self.service, proxy, value)
        except Exception as exc:
            logger.warning("Could not keep the proxy password (%s)", type(exc).__name__)
            return False
        logger.info("Kept the proxy user name and password for %s in the password store", proxy)
        return True

    def forget(self, proxy: str) -> None:
        """Remove what is kept for ``proxy`` (nothing when nothing is)."""
        try:
            if self._backend.get_password(self.service, proxy) is not None:
                self._backend.delete_password(self.service, proxy)
                logger.info("Removed the kept proxy password for %s", proxy)
        except Exception as exc:
            logger.info("Could not remove the kept proxy password (%s)", type(exc).__name__)


def _with_timeout(work: Callable[[], Any], seconds: float) -> Any:
    """``work()``'s result, or None when it takes longer than ``seconds`` (left running)."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    return box[0] if box else None


class WebNetwork:
    """The main window's half: decides the sign-in page's way with the token calls' own
    :class:`core.network.Network` (``network()`` returns it; called on a worker thread), and
    takes the proxy password the person types for both halves."""

    def __init__(
        self,
        settings: Settings,
        network: Callable[[], Network],
        passwords: ProxyPasswords | None = None,
    ) -> None:
        self._settings = settings
        self._get_network = network
        self._network: Network | None = None
        self.passwords = passwords
        #: The decision for the sign-in address (set by :meth:`start_options`).
        self.decision: ProxyDecision | None = None

    def network(self) -> Network:
        """The token calls' network rules (built on first use)."""
        if self._network is None:
            self._network = self._get_network()
        return self._network

    def start_options(self, authorize_url: str, redirect_uri: str) -> dict[str, Any]:
        """The network part of the sign-in window's start message. Blocking (the proxy
        decision may read GNOME's settings or a PAC file; a kept password is read from the
        password store): run it on a worker thread."""
        network = self.network()
        decision = network.proxy_for(authorize_url)
        credentials = decision.credentials
        if decision.url is not None and credentials is None and self.passwords is not None:
            passwords, proxy = self.passwords, decision.proxy or ""
            credentials = _with_timeout(lambda: passwords.load(proxy), PASSWORD_LOOKUP_TIMEOUT)
            if credentials is not None:
                network.use_credentials(credentials)  # the code exchange takes them too
        self.decision = decision
        logger.info("The sign-in page goes %s", decision.describe())
        options: dict[str, Any] = {
            "proxy": proxy_options(
                decision, authorize_url, redirect_uri, network.bypass_patterns(decision)
            ),
            "box_hosts": [list(entry) for entry in box_hosts(self._settings)],
        }
        if self._settings.ca_bundle is not None:
            options["ca_bundle"] = str(self._settings.ca_bundle)
        if credentials is not None:
            options["proxy_credentials"] = {
                "user": credentials.user,
                "password": credentials.password,
            }
        return options

    def use_credentials(self, credentials: ProxyCredentials, *, remember: bool) -> None:
        """The person typed the proxy's user name and password: the token calls use them
        too; kept in the password store only when ``remember`` (else any kept ones are
        removed, as the person said not to keep them). Blocking: a worker thread."""
        self.network().use_credentials(credentials)
        decision = self.decision
        proxy = decision.proxy if decision is not None else None
        if self.passwords is None or not proxy:
            return
        if remember:
            self.passwords.save(proxy, credentials)
        else:
            self.passwords.forget(proxy)

    @classmethod
    def for_login(cls, login: BoxLogin) -> WebNetwork:
        """For a sign-in of ``login``: its settings, the network rules of its own token calls,
        and its password store (when it is one) for proxy passwords the person keeps."""
        settings = login.settings
        store = login.store
        keyring = getattr(store, "kind", "") == "keyring"
        backend = getattr(store, "backend", None) if keyring else None

        def network() -> Network:
            from core.network import Network

            return login.auth.network or Network(settings.network)

        return cls(settings, network, ProxyPasswords(backend) if backend is not None else None)
