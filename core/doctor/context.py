"""What every check reads, computed once per run: the settings (or why there are none),
the network path, and Box's answers to the sign-in and token addresses.

Several checks look at the same HTTP answer (the proxy check, the secure connection, the
endpoints, the clock and the Box app all read the token call or the sign-in page): :class:`_Once`
makes each such call once per run, whichever check asks first, and the others wait for it, so
doctor costs Box two or three requests, not ten. :func:`_fetch` makes every call with Box
Login's own HTTP client (its trust, proxy and plain errors), so doctor sees what the sign-in
would see.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from core.errors import BoxLoginError, ConfigError, NetworkError
from core.settings import (
    DEFAULT_BASE_URL,
    DEFAULT_OAUTH_2_URL,
    DEFAULT_REDIRECT_URIS,
    Settings,
)
from core.translation import translate

if TYPE_CHECKING:
    from core.network import Network, ProxyDecision

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

#: (connect, read) seconds for each call to Box.
HTTP_TIMEOUT: tuple[float, float] = (3.0, 4.0)


class _Once:
    """Each keyed computation runs once; every later caller (from any thread) waits for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[Hashable, Future[Any]] = {}

    def get(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        with self._lock:
            future = self._futures.get(key)
            owner = future is None
            if future is None:
                future = self._futures[key] = Future()
        if owner:
            try:
                future.set_result(compute())
            except BaseException as exc:
                future.set_exception(exc)
        result: _T = future.result()  # run_checks' deadline bounds the wait
        return result


@dataclass(frozen=True)
class _Answer:
    """How one HTTP call to Box went: Box's answer (``status``) or the error."""

    url: str  # without its query: safe to show
    status: int | None
    headers: Mapping[str, str]  # names in lower case
    body: str
    elapsed: float
    received_at: float
    error: BoxLoginError | None
    decision: ProxyDecision | None

    @property
    def reached(self) -> bool:
        """True when the server itself answered (not a proxy refusing, no network error)."""
        return self.status is not None and not isinstance(self.error, NetworkError)


def _no_sleep(_seconds: float) -> None:
    """The HTTP client's back-off: doctor never retries."""


def _shown_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path}"


def _fetch(network: Network, method: str, url: str, *, form: bool = False) -> _Answer:
    """One call with Box Login's HTTP client (its trust, proxy and plain errors), recording
    the answer whatever its status (the client raises for 3xx and 5xx)."""
    import requests

    from core.http import HttpClient

    seen: list[requests.Response] = []
    client = HttpClient(timeout=HTTP_TIMEOUT, max_retry_wait=0.0, sleep=_no_sleep, network=network)

    def record(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        seen.append(response)

    client.session.hooks["response"].append(record)
    decision: ProxyDecision | None = None
    error: BoxLoginError | None = None
    started = time.perf_counter()
    try:
        decision = network.proxy_for(url)
        client.request(
            method,
            url,
            data="" if form else None,
            headers={"Content-Type": "application/x-www-form-urlencoded"} if form else None,
        )
    except BoxLoginError as exc:
        error = exc
    except Exception as exc:  # a check must end with a result, whatever went wrong
        logger.debug("doctor: %s %s failed (%s)", method, _shown_url(url), type(exc).__name__)
        error = NetworkError()
    elapsed = time.perf_counter() - started
    received_at = time.time()
    status: int | None = None
    headers: dict[str, str] = {}
    body = ""
    if seen:
        response = seen[-1]
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        try:
            raw = response.content[:200_000]
        except Exception:  # the body broke off: the status still counts
            raw = b""
        body = raw.decode(response.encoding or "utf-8", errors="replace")
    client.session.close()
    return _Answer(_shown_url(url), status, headers, body, elapsed, received_at, error, decision)


@dataclass
class _Context:
    """What every check reads: the settings (or why there are none) and the network path."""

    config_path: Path | None
    settings: Settings | None
    settings_error: BoxLoginError | None
    store_choice: str | None
    network: Network
    once: _Once = field(default_factory=_Once)
    state: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def base_url(self) -> str:
        return self.settings.base_url if self.settings else DEFAULT_BASE_URL

    @property
    def oauth_2_url(self) -> str:
        return self.settings.oauth_2_url if self.settings else DEFAULT_OAUTH_2_URL

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth2/token"

    @property
    def authorize_url(self) -> str:
        return f"{self.oauth_2_url}/authorize"

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        if self.settings is None:
            return DEFAULT_REDIRECT_URIS
        return self.settings.loopback_redirect_uris

    def decision(self, url: str) -> ProxyDecision:
        return self.once.get(("proxy", url), lambda: self.network.proxy_for(url))

    def token_answer(self) -> _Answer:
        url = self.token_url
        return self.once.get(("POST", url), lambda: _fetch(self.network, "POST", url, form=True))

    def authorize_answer(self, redirect_uri: str | None = None) -> _Answer:
        """Box's answer to the sign-in address for ``redirect_uri`` (default: the first);
        without settings, to the bare address."""
        url = self.authorize_url
        if self.settings is not None:
            from core.oauth import AuthorizationManager

            # The address the sign-in opens, built by the same code (never shown: its query
            # holds the state).
            auth = AuthorizationManager(self.settings.base_urls)
            try:
                url = auth.authorize_user(
                    "code",
                    self.settings.client_id,
                    redirect_uri=redirect_uri or self.redirect_uris[0],
                    state=self.state,
                    scope=self.settings.scope,
                )
            finally:
                auth.close()
        return self.once.get(("GET", url), lambda: _fetch(self.network, "GET", url))


def _load_context(
    config_path: Path | None, store_choice: str | None, environ: Mapping[str, str] | None
) -> _Context:
    from core.network import Network, NetworkSettings
    from core.settings import load_settings

    settings: Settings | None = None
    error: BoxLoginError | None = None
    try:
        settings = load_settings(config_path)
    except BoxLoginError as exc:
        error = exc
    except Exception as exc:  # pragma: no cover - load_settings raises only its own errors
        error = ConfigError(
            translate("Doctor", "The settings could not be read ({error}).").format(
                error=type(exc).__name__
            )
        )
    network_settings = settings.network if settings is not None else NetworkSettings()
    return _Context(
        config_path, settings, error, store_choice, Network(network_settings, environ=environ)
    )
