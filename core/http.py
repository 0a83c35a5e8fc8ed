"""The one place Box Login talks HTTP: timeouts, careful retries, our own error types.

Rules this module keeps (see docs/box-oauth.md for why):

* every request has a (connect, read) timeout and never follows a redirect;
* 429 and 503 are retried after ``Retry-After`` (seconds or HTTP-date) while the total wait
  stays within ``max_retry_wait``; beyond it the error is raised at once;
* any other failure of a POST is not retried unless the connection was refused, because the
  only way to know a single-use code or refresh token was not spent is that the request never
  reached the server; a GET may also be retried after other connection errors;
* ``requests`` exceptions become :mod:`core.errors` types without their text (it can carry
  URLs) and without chaining them (``from None``);
* log lines name method, host, path, status, time and Box's request id, nothing else;
* the network path comes from :mod:`core.network`: servers are verified against the operating
  system's certificate store (``truststore``) plus the settings' ``ca_bundle``, and each
  request takes the proxy :meth:`core.network.Network.proxy_for` chooses (the environment is
  not consulted again by ``requests``: ``trust_env`` is off on the sessions built here);
* network failures become plain, distinct errors: a certificate the system does not trust
  (naming who issued it), a proxy that wants a password (407), a name that does not resolve,
  a refused connection, a connect or read timeout.

``requests``/urllib3 already set ``TCP_NODELAY`` on client sockets
(``urllib3.connection.HTTPConnection.default_socket_options``), so small POSTs are not held
back by Nagle's algorithm; a test checks it.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import math
import platform
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from core.errors import (
    BoxResponseError,
    BoxServerError,
    CertificateVerificationError,
    ConfigError,
    HostNotFoundError,
    NetworkError,
    ProxyAuthenticationRequiredError,
    ProxyError,
    RateLimitedError,
    RefusedConnectionError,
    RequestTimeoutError,
    TLSError,
)
from core.network import Network, NetworkSettings, ProxyDecision, fetch_certificate_info
from core.translation import QT_TRANSLATE_NOOP, translate
from core.version import USER_AGENT, __version__

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_RETRIES",
    "USER_AGENT",
    "X_BOX_UA",
    "HttpClient",
    "Reply",
    "merge_headers",
    "parse_retry_after",
]

logger = logging.getLogger(__name__)

_PYTHON = platform.python_version()
#: Box's own analytics header, in the format the official SDK sends.
X_BOX_UA = f"agent=box-login/{__version__}; env=python/{_PYTHON}"
#: (connect, read) seconds.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
#: At most this many retries of one call, however short the waits.
MAX_RETRIES = 4

_RETRY_AFTER_STATUSES = frozenset({429, 503})
_DELTA_SECONDS = re.compile(r"\d{1,10}(?:\.\d+)?")
_USERINFO = re.compile(r"//[^/@]*@")


@dataclass(frozen=True)
class Reply:
    """A response that was not retried away: 2xx or 4xx (3xx, 429 and 5xx raise)."""

    response: requests.Response
    #: Seconds since the epoch when the response arrived.
    received_at: float

    @property
    def status(self) -> int:
        """The HTTP status code."""
        return self.response.status_code

    @property
    def request_id(self) -> str | None:
        """Box's ``box-request-id`` header, if any."""
        return self.response.headers.get("box-request-id")

    def json_object(self) -> dict[str, Any] | None:
        """The body as a JSON object, or None when it is not one."""
        try:
            data = self.response.json()
        except (ValueError, RecursionError):  # RecursionError: a hostile, absurdly deep body
            return None
        return data if isinstance(data, dict) else None


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header value.

    Accepts delta-seconds (``"120"``) and an HTTP-date (``"Wed, 21 Oct 2015 07:28:00 GMT"``;
    a date in the past means 0). Returns None for a missing or unreadable value.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _DELTA_SECONDS.fullmatch(text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; parsedate leaves "-0000" naive
        when = when.replace(tzinfo=datetime.UTC)
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def merge_headers(*layers: Mapping[str, str | None] | None) -> dict[str, str]:
    """Later layers win (case-insensitively); a None value removes the header."""
    merged: dict[str, tuple[str, str | None]] = {}
    for layer in layers:
        if layer:
            for name, value in layer.items():
                merged[name.lower()] = (name, value)
    return {name: value for name, value in merged.values() if value is not None}


def _backoff(retry_number: int) -> float:
    """Wait before retry ``retry_number`` (1-based) when Box gave no ``Retry-After``."""
    return float(min(0.5 * 2 ** (retry_number - 1), 8.0))


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception under it (arguments, ``reason``, cause, context)."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        stack.extend(item.args)
        stack.append(getattr(item, "reason", None))
        stack.append(item.__cause__)
        stack.append(item.__context__)


def _connection_refused(exc: BaseException) -> bool:
    """True when the chain under a requests ``ConnectionError`` is a refused connection."""
    return any(isinstance(item, ConnectionRefusedError) for item in _causes(exc))


def _name_not_resolved(exc: BaseException) -> bool:
    """True when the chain holds a failed name lookup (``socket.gaierror``)."""
    return any(isinstance(item, socket.gaierror) for item in _causes(exc))


_TUNNEL_STATUS = re.compile(r"Tunnel connection failed: (\d{3})(?: ([^\r\n]{0,80}))?")


def _tunnel_refusal(exc: BaseException) -> tuple[int, str] | None:
    """``(status, reason)`` when a proxy answered ``CONNECT`` with an error status."""
    for item in _causes(exc):
        if isinstance(item, OSError):
            found = _TUNNEL_STATUS.search(str(item))
            if found:
                return int(found.group(1)), (found.group(2) or "").strip()
    return None


def _certificate_failure(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    for item in _causes(exc):
        if isinstance(item, ssl.SSLCertVerificationError):
            return item
    return None


class TrustStoreAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that verifies with one ``ssl.SSLContext`` (as pip does with
    ``truststore``), for direct connections and for tunnels through a proxy alike.

    ``requests`` would otherwise load certifi's file into every connection's context
    (``cert_verify`` sets ``ca_certs``); with our own context that is skipped unless a caller
    passes ``verify=PATH``, which then adds to it.
    """

    def __init__(self, ssl_context: ssl.SSLContext, **kwargs: Any) -> None:
        self._ssl_context = ssl_context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._ssl_context
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        if verify is True:
            conn.ca_certs = None
            conn.ca_cert_dir = None


class HttpClient:
    """Sends one request at a time with Box Login's timeout, retry and error rules.

    ``network`` (settings or a ready :class:`core.network.Network`) says whom to trust and
    which proxy to take; without it, the system's store and proxy configuration. A caller's
    own ``session`` is used as it is (its trust and proxies are the caller's) unless
    ``network`` is given too, which then chooses the proxy of each request.
    ``sleep`` and ``clock`` are injectable so tests need not wait for real.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        *,
        max_retry_wait: float = 30.0,
        extra_headers: Mapping[str, str | None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        network: NetworkSettings | Network | None = None,
    ) -> None:
        if isinstance(network, Network):
            self.network: Network | None = network
        elif network is not None or session is None:
            self.network = Network(network)
        else:
            self.network = None
        self._owns_session = session is None
        if session is None:
            session = requests.Session()
            session.trust_env = False  # proxies and trust come from self.network only
        self.session = session
        self._tls_ready = not self._owns_session
        self.timeout = timeout
        self.max_retry_wait = max_retry_wait
        self._base_headers = merge_headers(
            {"User-Agent": USER_AGENT, "X-Box-UA": X_BOX_UA}, extra_headers
        )
        self._sleep = sleep
        self._clock = clock

    def request(
        self,
        method: str,
        url: str,
        *,
        data: str | None = None,
        headers: Mapping[str, str | None] | None = None,
        call_headers: Mapping[str, str | None] | None = None,
    ) -> Reply:
        """Send ``method url`` and return a 2xx or 4xx reply; raise our errors otherwise.

        ``headers`` are set by the caller's protocol (Content-Type, Authorization) and win over
        the caller-supplied ``call_headers`` (per-call ``extra_headers``).
        """
        sent_headers = merge_headers(self._base_headers, call_headers, headers)
        parts = urlsplit(url)
        host, path = parts.hostname or "", parts.path or "/"
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            port = 0  # requests reports the address as invalid below
        decision = self._prepare(url, parts.scheme)
        proxies = decision.requests_proxies() if decision is not None else None
        if decision is not None and decision.url is not None:
            logger.debug("%s %s %s goes through %s", method, host, path, decision.describe())
        elif decision is not None and decision.note:
            logger.debug("%s %s %s goes direct: %s", method, host, path, decision.note)
        idempotent = method.upper() in ("GET", "HEAD", "OPTIONS")
        waited = 0.0
        retries = 0
        while True:
            started = time.perf_counter()
            try:
                response = self.session.request(
                    method,
                    url,
                    data=data,
                    headers=sent_headers,
                    timeout=self.timeout,
                    allow_redirects=False,
                    proxies=proxies,
                )
            except requests.exceptions.SSLError as exc:
                logger.debug("%s %s %s: TLS failure", method, host, path)
                raise self._tls_error(exc, host, port, decision).never_arrived() from None
            except requests.exceptions.ConnectTimeout:
                logger.debug("%s %s %s: no connection within the timeout", method, host, path)
                raise _connect_timeout(host, self.timeout[0], decision).never_arrived() from None
            except requests.exceptions.Timeout:
                elapsed = time.perf_counter() - started
                logger.debug("%s %s %s: no answer within %.3g s", method, host, path, elapsed)
                raise RequestTimeoutError(
                    translate("Network", "{host} did not answer within {seconds}.").format(
                        host=host or "Box", seconds=_seconds(self.timeout[1])
                    ),
                    hint=translate(
                        "Network",
                        "Try again in a minute. If it keeps happening, check your internet "
                        "connection.",
                    ),
                ) from None
            except requests.exceptions.ConnectionError as exc:
                refused = _connection_refused(exc)
                refusal = _tunnel_refusal(exc)
                logger.debug(
                    "%s %s %s: %s",
                    method,
                    host,
                    path,
                    f"proxy answered {refusal[0]}"
                    if refusal
                    else "refused"
                    if refused
                    else "connection failed",
                )
                delay = _backoff(retries + 1)
                if (
                    (refused or idempotent)
                    and refusal is None
                    and retries < MAX_RETRIES
                    and waited + delay <= self.max_retry_wait
                ):
                    retries += 1
                    waited += delay
                    logger.debug("%s %s %s: retry %d in %.3g s", method, host, path, retries, delay)
                    self._sleep(delay)
                    continue
                raise _connection_error(exc, host, decision) from None
            except (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ):
                shown = host or _USERINFO.sub("//", url.split("?")[0])
                raise ConfigError(
                    translate(
                        "Network",
                        "The Box address {address} in Box Login's settings is not a valid web "
                        "address.",
                    ).format(address=repr(shown))
                ) from None
            except requests.exceptions.InvalidHeader:
                # The value may be a credential, so neither it nor its name is repeated.
                raise ConfigError(
                    translate(
                        "Network",
                        "A header for the request to Box is not valid (a value contains a line "
                        "break or starts with a space).",
                    )
                ) from None
            except requests.exceptions.RequestException:
                logger.debug("%s %s %s: request failed", method, host, path)
                raise NetworkError() from None

            received_at = self._clock()
            status = response.status_code
            if status == 407:
                response.close()
                logger.debug(
                    "%s %s %s: the proxy wants a user name and password", method, host, path
                )
                raise _proxy_auth_error(decision, host)
            request_id = response.headers.get("box-request-id")
            logger.debug(
                "%s %s %s -> %d in %.1f ms (box-request-id=%s)",
                method,
                host,
                path,
                status,
                (time.perf_counter() - started) * 1000.0,
                request_id,
            )

            if status in _RETRY_AFTER_STATUSES:
                header = response.headers.get("Retry-After")
                delay_or_none = parse_retry_after(header, now=received_at)
                delay = _backoff(retries + 1) if delay_or_none is None else delay_or_none
                if retries < MAX_RETRIES and waited + delay <= self.max_retry_wait:
                    response.close()
                    retries += 1
                    waited += delay
                    logger.debug(
                        "%s %s %s: retry %d in %.3g s after HTTP %d",
                        method,
                        host,
                        path,
                        retries,
                        delay,
                        status,
                    )
                    self._sleep(delay)
                    continue
                raise _server_error(response, request_id, retry_after=delay_or_none)
            if status >= 500:
                raise _server_error(response, request_id, retry_after=None)
            if 300 <= status < 400:
                raise BoxResponseError(
                    translate(
                        "Network",
                        "Box answered with a redirect (HTTP {status}) instead of an answer. "
                        "Box Login does not follow redirects when it sends sign-in details.",
                    ).format(status=status),
                    status=status,
                    request_id=request_id,
                    hint=translate(
                        "Network",
                        "Check the Box addresses (base_url, oauth_2_url) in the settings.",
                    ),
                )
            return Reply(response, received_at)

    def _prepare(self, url: str, scheme: str) -> ProxyDecision | None:
        """The proxy decision for ``url``; on the first https request of a session built
        here, mounts the adapter that verifies with the system store (built only then, so
        plain-http use, like the sandbox, never loads it)."""
        if self.network is None:
            return None
        if not self._tls_ready and scheme.lower() == "https":
            self.session.mount("https://", TrustStoreAdapter(self.network.ssl_context()))
            self._tls_ready = True
        return self.network.proxy_for(url)

    def _tls_error(
        self,
        exc: BaseException,
        host: str,
        port: int,
        decision: ProxyDecision | None,
    ) -> TLSError:
        failure = _certificate_failure(exc)
        if failure is None:
            return TLSError(
                translate(
                    "Network", "Box Login could not set up a secure connection to {host}."
                ).format(host=host or "Box"),
                hint=translate(
                    "Network",
                    "If you are on a company network, a proxy or firewall may be interfering "
                    "with secure connections: ask your IT team.",
                ),
            )
        info = fetch_certificate_info(host, port, decision, timeout=min(self.timeout[0], 3.0))
        code = getattr(failure, "verify_code", None)
        reason = getattr(failure, "verify_message", None) or None
        ca_bundle = self.network.settings.ca_bundle if self.network is not None else None
        return _certificate_error(host, info, code, reason, ca_bundle)


def _seconds(value: float) -> str:
    if value == 1:
        return translate("Network", "1 second")
    return translate("Network", "{seconds} seconds").format(seconds=f"{value:g}")


_ASK_FOR_PROXY = QT_TRANSLATE_NOOP(
    "Network",
    "Check the proxy settings, or ask your IT team which proxy to use "
    '("proxy" in Box Login\'s settings; "system" follows this computer\'s settings).',
)


def _connect_timeout(host: str, seconds: float, decision: ProxyDecision | None) -> NetworkError:
    if decision is not None and decision.url is not None:
        return RequestTimeoutError(
            translate(
                "Network",
                "Box Login could not connect to {host} through the proxy server "
                "{proxy} ({where}) within {seconds}.",
            ).format(
                host=host or "Box",
                proxy=decision.proxy,
                where=decision.source_words(),
                seconds=_seconds(seconds),
            ),
            hint=translate("Network", _ASK_FOR_PROXY),
        )
    return RequestTimeoutError(
        translate("Network", "Box Login could not connect to {host} within {seconds}.").format(
            host=host or "Box", seconds=_seconds(seconds)
        ),
        hint=translate(
            "Network",
            "Check your internet connection. On a company network a firewall may block the "
            "connection, or a proxy may be needed: ask your IT team.",
        ),
    )


def _proxy_auth_error(
    decision: ProxyDecision | None, host: str
) -> ProxyAuthenticationRequiredError:
    if decision is None or decision.url is None:
        return ProxyAuthenticationRequiredError(
            translate(
                "Network",
                "A proxy server between this computer and {host} needs a user name and "
                "password, but Box Login was not set up to use a proxy.",
            ).format(host=host or "Box"),
            hint=translate(
                "Network",
                'Ask your IT team for the proxy\'s address, and set it as "proxy" in Box '
                "Login's settings (or in the HTTPS_PROXY environment variable).",
            ),
        )
    proxy = decision.proxy or ""
    where = decision.source_words()
    credentials = decision.credentials
    if credentials is None:
        return ProxyAuthenticationRequiredError(
            translate(
                "Network",
                "The proxy server {proxy} ({where}) needs a user name and password, and Box "
                "Login has none for it.",
            ).format(proxy=proxy, where=where),
            proxy=proxy,
            source=decision.source,
            hint=translate(
                "Network",
                "Give them in the HTTPS_PROXY environment variable, as "
                "HTTPS_PROXY=http://USER:PASSWORD@{proxy} (ask your IT team if you do not know "
                "them), and try again; in the window, Box Login asks for them. Box Login never "
                "reads them from its settings file.",
            ).format(proxy=proxy),
        )
    origin = (
        translate("Network", "from the HTTPS_PROXY environment variable")
        if credentials.origin == "environment"
        else credentials.origin
    )
    return ProxyAuthenticationRequiredError(
        translate(
            "Network",
            "The proxy server {proxy} ({where}) did not accept the user name and password Box "
            "Login gave it ({origin}).",
        ).format(proxy=proxy, where=where, origin=origin),
        proxy=proxy,
        source=decision.source,
        hint=translate(
            "Network", "Check them, or ask your IT team for the right ones, and try again."
        ),
    )


def _connection_error(
    exc: BaseException, host: str, decision: ProxyDecision | None
) -> NetworkError:
    """The plain error for a failed connection (the request never reached Box, except for
    the plain ``NetworkError`` of a connection that broke)."""
    refusal = _tunnel_refusal(exc)
    via_proxy = isinstance(exc, requests.exceptions.ProxyError) or refusal is not None
    if via_proxy and decision is not None and decision.url is not None:
        proxy, where = decision.proxy or "", decision.source_words()
        if refusal is not None and refusal[0] == 407:
            return _proxy_auth_error(decision, host)
        if refusal is not None:
            status = f"{refusal[0]} {refusal[1]}".strip()
            return ProxyError(
                translate(
                    "Network",
                    "The proxy server {proxy} ({where}) would not connect Box Login to "
                    "{host} (it answered {status}).",
                ).format(proxy=proxy, where=where, host=host or "Box", status=status),
                proxy=proxy,
                source=decision.source,
                hint=translate(
                    "Network", "Ask your IT team whether the proxy allows {host}."
                ).format(host=host or "Box"),
            )
        if _name_not_resolved(exc):
            message = translate(
                "Network",
                "The proxy server {proxy} ({where}) could not be found on the network (its "
                "name does not resolve).",
            )
        elif _connection_refused(exc):
            message = translate(
                "Network", "The proxy server {proxy} ({where}) refused the connection."
            )
        else:
            message = translate(
                "Network",
                "The proxy server {proxy} ({where}) could not be used (the connection to it "
                "failed).",
            )
        return ProxyError(
            message.format(proxy=proxy, where=where),
            proxy=proxy,
            source=decision.source,
            hint=translate("Network", _ASK_FOR_PROXY),
        )
    if _name_not_resolved(exc):
        return HostNotFoundError(
            translate(
                "Network",
                "Box Login could not find {host} on the network: the name does not resolve.",
            ).format(host=host or "Box"),
            hint=translate(
                "Network",
                "Check your internet connection and the Box addresses in the settings "
                "(base_url, oauth_2_url). On a network that reaches the internet only through a "
                'proxy, ask your IT team which proxy to use ("proxy" in the settings).',
            ),
        )
    if _connection_refused(exc):
        return RefusedConnectionError()
    return NetworkError()


_UNTRUSTED_HINT = QT_TRANSLATE_NOOP(
    "Network",
    "Ask your IT team for the company's root certificate: they can add it to this computer's "
    'certificate store, or give you a PEM file to name as "ca_bundle" in Box Login\'s settings.',
)


def _certificate_error(
    host: str,
    info: Any,
    code: int | None,
    reason: str | None,
    ca_bundle: Any,
) -> CertificateVerificationError:
    """The plain message for a certificate this computer does not accept.

    ``info`` is a :class:`core.network.CertificateInfo` (or None), ``code`` OpenSSL's
    ``X509_V_ERR_*`` number. Never the bare OpenSSL text: that goes to ``details()``.
    """
    issuer = info.issuer if info is not None else None
    target = host or "Box"
    by = (
        translate("Network", "issued by {issuer}").format(issuer=issuer)
        if issuer
        else translate("Network", "issued by an authority this computer does not know")
    )
    if code in (9, 10):  # X509_V_ERR_CERT_NOT_YET_VALID, X509_V_ERR_CERT_HAS_EXPIRED
        message = translate(
            "Network",
            "Box Login could not verify the secure connection to {host}: the certificate "
            "it was shown ({issued_by}) has expired or is not valid yet.",
        ).format(host=target, issued_by=by)
        hint = translate(
            "Network",
            "Check that this computer's date and time are right. If they are, tell your IT "
            "team: the network may be inspecting secure connections with an outdated "
            "certificate.",
        )
    elif code in (62, 64):  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
        message = translate(
            "Network",
            "Box Login could not verify the secure connection to {host}: the certificate "
            "it was shown ({issued_by}) is for another server.",
        ).format(host=target, issued_by=by)
        hint = translate(
            "Network",
            "Check the Box addresses in the settings. If they are right, the network may be "
            "redirecting secure connections: tell your IT team.",
        )
    else:
        if info is not None and info.self_signed:
            message = translate(
                "Network",
                "Box Login could not verify the secure connection to {host}: the certificate "
                "it was shown is self-signed ({issuer}), and this computer does not trust it. "
                "The network appears to inspect secure connections (company proxies and "
                "security software do this).",
            )
        elif not issuer:
            message = translate(
                "Network",
                "Box Login could not verify the secure connection to {host}: the certificate "
                "it was shown was issued by an authority this computer does not trust. The "
                "network appears to inspect secure connections (company proxies and security "
                "software do this).",
            )
        else:
            message = translate(
                "Network",
                "Box Login could not verify the secure connection to {host}: the certificate "
                "it was shown was issued by {issuer}, which this computer does not trust. The "
                "network appears to inspect secure connections (company proxies and security "
                "software do this).",
            )
        message = message.format(host=target, issuer=issuer)
        hint = translate("Network", _UNTRUSTED_HINT)
        if ca_bundle is not None:
            from core.settings import display_path

            if issuer:
                hint = translate(
                    "Network",
                    'The certificate file named as "ca_bundle" ({path}) does not include it '
                    "either. Ask your IT team for the certificate of {issuer}, to add it to "
                    "that file or to this computer's certificate store.",
                )
            else:
                hint = translate(
                    "Network",
                    'The certificate file named as "ca_bundle" ({path}) does not include it '
                    "either. Ask your IT team for the certificate of the authority that issued "
                    "it, to add it to that file or to this computer's certificate store.",
                )
            hint = hint.format(path=display_path(ca_bundle), issuer=issuer)
    return CertificateVerificationError(
        message, host=host or None, issuer=issuer, reason=reason, hint=hint
    )


def _server_error(
    response: requests.Response, request_id: str | None, *, retry_after: float | None
) -> BoxServerError:
    status = response.status_code
    error: str | None = None
    description: str | None = None
    try:
        body = response.json()
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        raw_error = body.get("error") or body.get("code")
        raw_description = body.get("error_description") or body.get("message")
        error = raw_error if isinstance(raw_error, str) else None
        description = raw_description if isinstance(raw_description, str) else None
    cls = RateLimitedError if status == 429 else BoxServerError
    hint = None
    if retry_after is not None:
        hint = translate(
            "Network", "Box asked to wait {seconds} seconds before trying again."
        ).format(seconds=math.ceil(retry_after))
    return cls(
        status=status,
        error=error,
        error_description=description,
        request_id=request_id,
        hint=hint,
    )
