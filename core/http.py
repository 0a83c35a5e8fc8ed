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
* log lines name method, host, path, status, time and Box's request id, nothing else.

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
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from core.errors import (
    BoxResponseError,
    BoxServerError,
    ConfigError,
    NetworkError,
    RateLimitedError,
    RequestTimeoutError,
    TLSError,
)
from core.version import __version__

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
#: Our ``User-Agent``: who we are, and on which Python.
USER_AGENT = f"box-login/{__version__} python/{_PYTHON}"
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


def _connection_refused(exc: BaseException) -> bool:
    """True when the chain under a requests ``ConnectionError`` is a refused connection."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError):
            return True
        stack.extend(item.args)
        stack.append(getattr(item, "reason", None))
        stack.append(item.__cause__)
        stack.append(item.__context__)
    return False


class HttpClient:
    """Sends one request at a time with Box Login's timeout, retry and error rules.

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
    ) -> None:
        self.session = session if session is not None else requests.Session()
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
                )
            except requests.exceptions.SSLError:
                logger.debug("%s %s %s: TLS failure", method, host, path)
                raise TLSError().never_arrived() from None
            except requests.exceptions.ConnectTimeout:
                logger.debug("%s %s %s: no connection within the timeout", method, host, path)
                raise RequestTimeoutError().never_arrived() from None
            except requests.exceptions.Timeout:
                logger.debug(
                    "%s %s %s: no answer within %.3g s",
                    method,
                    host,
                    path,
                    time.perf_counter() - started,
                )
                raise RequestTimeoutError() from None
            except requests.exceptions.ConnectionError as exc:
                refused = _connection_refused(exc)
                logger.debug(
                    "%s %s %s: %s",
                    method,
                    host,
                    path,
                    "refused" if refused else "connection failed",
                )
                delay = _backoff(retries + 1)
                if (
                    (refused or idempotent)
                    and retries < MAX_RETRIES
                    and waited + delay <= self.max_retry_wait
                ):
                    retries += 1
                    waited += delay
                    logger.debug("%s %s %s: retry %d in %.3g s", method, host, path, retries, delay)
                    self._sleep(delay)
                    continue
                error = NetworkError()
                raise (error.never_arrived() if refused else error) from None
            except (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ):
                shown = host or _USERINFO.sub("//", url.split("?")[0])
                raise ConfigError(
                    f"The Box address {shown!r} in Box Login's settings is not a valid web address."
                ) from None
            except requests.exceptions.InvalidHeader:
                # The value may be a credential, so neither it nor its name is repeated.
                raise ConfigError(
                    "A header for the request to Box is not valid (a value contains a line "
                    "break or starts with a space)."
                ) from None
            except requests.exceptions.RequestException:
                logger.debug("%s %s %s: request failed", method, host, path)
                raise NetworkError() from None

            received_at = self._clock()
            status = response.status_code
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
                    f"Box answered with a redirect (HTTP {status}) instead of an answer. "
                    "Box Login does not follow redirects when it sends sign-in details.",
                    status=status,
                    request_id=request_id,
                    hint="Check the Box addresses (base_url, oauth_2_url) in the settings.",
                )
            return Reply(response, received_at)


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
        hint = f"Box asked to wait {math.ceil(retry_after)} seconds before trying again."
    return cls(
        status=status,
        error=error,
        error_description=description,
        request_id=request_id,
        hint=hint,
    )
