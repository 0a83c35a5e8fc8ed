"""``doctor``: what Box Login needs on this computer, checked one plain line at a time.

The command line (``main.py doctor``, ``doctor --json``) and the window ("Check my setup")
show the same checks, in this order:

* **settings**: which settings file is used and why (the lookup order of
  :mod:`core.settings`), and any key at fault;
* **redirect ports**: each of the app's return addresses (loopback redirect URIs) can be
  opened here, as the sign-in opens it (:class:`core.loopback.LoopbackListener`); for a busy
  one, which program holds it when the system says (``/proc`` on Linux, ``lsof`` on macOS,
  ``netstat`` on Windows) and Windows' excluded port ranges;
* **password store**: the keyring backend is there, answers and is unlocked, probed in a
  thread of its own so that a hung D-Bus or keychain never holds up the rest;
* **proxy**: which way Box Login goes to Box and where that decision came from
  (:meth:`core.network.Network.proxy_for`), and whether the proxy lets it through;
* **name lookup** (DNS) of each Box host (or of the proxy, which then looks Box up);
* **secure connection** to each Box host: whether this computer's trust settings accept its
  certificate, who issued it, and whether the network appears to inspect secure connections
  (the certificate is not one a public certificate authority issued);
* **Box's sign-in and token addresses** answer, and how fast;
* **clock**: its offset against the ``Date`` of Box's answers (a JWT needs the right time);
* **Box app**: Box answers the sign-in address for this ``client_id`` and each redirect URI
  with its sign-in page, not an error page (docs/box-oauth.md).

Each check is a small function that returns a frozen :class:`CheckResult`. :func:`run_checks`
runs them at once, each in a daemon thread, with per-check time limits and one overall
deadline (:data:`DEADLINE`), so it returns within seconds even when every host is unreachable
or the password store hangs; results come back in the fixed order above. Nothing here prints,
logs or returns a secret: no client secret, token or proxy password, and no sign-in address
with its query.

The HTTP calls go through :class:`core.http.HttpClient` (its plain errors, the same trust
and proxy rules as the sign-in) and never change anything at Box: a GET of the sign-in page
and an empty POST to the token address, which Box answers with an error.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from core.errors import (
    BoxLoginError,
    CertificateVerificationError,
    ConfigError,
    NetworkError,
    ProxyError,
    TLSError,
)
from core.settings import (
    CONFIG_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_OAUTH_2_URL,
    DEFAULT_REDIRECT_URIS,
    KNOWN_KEYS,
    Settings,
    SettingsFileError,
    display_path,
    preferred_redirect_uri,
    settings_search_paths,
    user_settings_path,
)

if TYPE_CHECKING:
    from core.network import Network, ProxyDecision

__all__ = [
    "DEADLINE",
    "CheckResult",
    "Verdict",
    "exit_code",
    "report_json",
    "report_lines",
    "run_checks",
    "summary_line",
]

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

#: Seconds after which ``run_checks`` returns whatever has not finished as a problem.
DEADLINE = 8.0
#: (connect, read) seconds for each call to Box.
HTTP_TIMEOUT: tuple[float, float] = (3.0, 4.0)
#: Seconds the password store has to answer.
STORE_TIMEOUT = 5.0
#: Seconds a name lookup may take.
DNS_TIMEOUT = 3.0
#: An answer slower than this many seconds is a warning.
SLOW_ANSWER = 3.0
#: Clock offsets (seconds) beyond which the clock check warns, and fails. A JWT assertion
#: lives 30 seconds (core.jwt_assertion.LIFETIME) and Box accepts one at most 60 seconds
#: ahead: a clock off by more than 30 seconds breaks JWT sign-ins.
CLOCK_WARNING = 10.0
CLOCK_PROBLEM = 30.0
#: At most this many redirect URIs are checked with Box (each costs a request).
MAX_APP_CHECKS = 5


class Verdict(StrEnum):
    """A check's outcome: ``ok``, ``warning`` (works, but worth knowing) or ``problem``."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: a verdict, one sentence, the fix in plain words (for a warning or
    a problem), and details for IT (plain JSON values, never a secret).

    ``name`` is stable, for programs: ``settings``, ``redirect_ports``, ``password_store``,
    ``proxy``, ``dns``, ``tls`` or ``tls:<host>``, ``authorize_endpoint``,
    ``token_endpoint``, ``clock``, ``box_app``. ``elapsed`` (seconds) is set by
    :func:`run_checks`.
    """

    name: str
    verdict: Verdict
    summary: str
    fix: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float | None = None

    @property
    def title(self) -> str:
        """The check's name for people, e.g. "Secure connection to api.box.com"."""
        base, _, target = self.name.partition(":")
        if base == "tls" and target:
            return f"Secure connection to {target}"
        return _TITLES.get(base, base)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON values."""
        return {
            "name": self.name,
            "title": self.title,
            "verdict": str(self.verdict),
            "summary": self.summary,
            "fix": self.fix,
            "details": dict(self.details),
            "elapsed_ms": None if self.elapsed is None else round(self.elapsed * 1000),
        }


_TITLES = {
    "settings": "Settings",
    "redirect_ports": "Return addresses",
    "password_store": "Password store",
    "proxy": "Proxy",
    "dns": "Name lookup",
    "tls": "Secure connection",
    "authorize_endpoint": "Box sign-in address",
    "token_endpoint": "Box token address",
    "clock": "Clock",
    "box_app": "Box app",
}


def _ok(name: str, summary: str, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.OK, summary, None, details)


def _warning(name: str, summary: str, fix: str | None, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.WARNING, summary, fix, details)


def _problem(name: str, summary: str, fix: str | None, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.PROBLEM, summary, fix, details)


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _word_list(items: Sequence[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _error_words(exc: BoxLoginError) -> tuple[str, str | None]:
    """(what happened, the fix) of one of Box Login's errors."""
    return exc.message, exc.hint


# --- what the checks share ----------------------------------------------------------------


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
        error = ConfigError(f"The settings could not be read ({type(exc).__name__}).")
    network_settings = settings.network if settings is not None else NetworkSettings()
    return _Context(
        config_path, settings, error, store_choice, Network(network_settings, environ=environ)
    )


# --- settings -----------------------------------------------------------------------------


def _settings_places(config_path: Path | None) -> list[tuple[Path, str]]:
    """Every place settings are looked for, in order, with its role in words."""
    places = []
    from_env = os.environ.get(CONFIG_ENV)
    user = user_settings_path()
    for index, (path, _must_exist) in enumerate(settings_search_paths(config_path)):
        if index == 0 and config_path is not None:
            role = "named by --config"
        elif from_env and path == Path(from_env) and not (index == 0 and config_path):
            role = f"named by the {CONFIG_ENV} environment variable"
        elif path == user:
            role = "your own settings file"
        else:
            role = "the system-wide settings file an administrator installs"
        places.append((path, role))
    return places


def check_settings(ctx: _Context) -> CheckResult:
    """Which settings file is used and why; any key at fault."""
    name = "settings"
    places = _settings_places(ctx.config_path)
    looked = [{"path": str(path), "role": role, "exists": path.exists()} for path, role in places]
    order = "; ".join(f"{display_path(path)} ({role})" for path, role in places)
    error = ctx.settings_error
    if error is not None:
        key = error.key if isinstance(error, SettingsFileError) else None
        path = error.path if isinstance(error, SettingsFileError) else None
        return _problem(
            name,
            error.message,
            error.hint,
            file=None if path is None else str(path),
            key=key,
            looked_at=looked,
        )
    settings = ctx.settings
    if settings is None:
        return _problem(
            name,
            "Box Login is not set up for a Box app yet: there is no settings file. "
            f"It looked, in this order, at: {order}.",
            "Ask whoever gave you Box Login for its settings file, and save it as "
            f"{display_path(user_settings_path())} (or name it with --config).",
            file=None,
            looked_at=looked,
        )
    source = settings.source
    role = next((r for p, r in places if source is not None and p == source), "")
    earlier = []
    for path, _role in places:
        if path == source:
            break
        earlier.append(display_path(path))
    why = role
    if earlier:
        why += f"; nothing at {_word_list(earlier, 'or')}, which come first"
    shown = display_path(source) if source is not None else "settings built in code"
    details: dict[str, Any] = {
        "file": None if source is None else str(source),
        "why": role,
        "looked_at": looked,
        "client_id": settings.client_id,
        "base_url": settings.base_url,
        "oauth_2_url": settings.oauth_2_url,
        "redirect_uris": list(settings.redirect_uris),
        "proxy": settings.proxy,
        "ca_bundle": None if settings.ca_bundle is None else str(settings.ca_bundle),
    }
    notes: list[str] = []
    fixes: list[str] = []
    unknown = _unknown_keys(source)
    if unknown:
        details["unknown_keys"] = unknown
        listed = _word_list([f'"{k}"' for k in unknown])
        notes.append(f"it has {listed}, which Box Login does not know and ignores")
        fixes.append(
            f"Check the spelling of {listed} (the keys are {_word_list(list(KNOWN_KEYS))})."
        )
    better = [
        (uri, pref) for uri in settings.redirect_uris if (pref := preferred_redirect_uri(uri))
    ]
    if better:
        details["localhost_redirect_uris"] = [uri for uri, _ in better]
        notes.append(
            f'its return address {better[0][0]} uses "localhost"; 127.0.0.1 is recommended'
        )
        fixes.append(
            f"Register {better[0][1]} in the Box developer console and use it in the settings "
            'instead: 127.0.0.1 always means this computer, "localhost" depends on its setup.'
        )
    summary = f"Using {shown} ({why})."
    if notes:
        return _warning(name, f"{summary} But {'; and '.join(notes)}.", " ".join(fixes), **details)
    return _ok(name, summary, **details)


def _unknown_keys(source: Path | None) -> list[str]:
    if source is None:
        return []
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, dict):
        return []
    return [str(k) for k in data if k not in KNOWN_KEYS]


# --- redirect ports -------------------------------------------------------------------------


def check_redirect_ports(ctx: _Context) -> CheckResult:
    """Each return address can be opened here, as the sign-in opens it."""
    from core.loopback import ListenerPortsUnavailableError, LoopbackListener

    name = "redirect_ports"
    ports: list[dict[str, Any]] = []
    excluded = _windows_excluded_ranges() if sys.platform == "win32" else []
    for uri in ctx.redirect_uris:
        parts = urlsplit(uri)
        port = parts.port or 80
        shown = f"{parts.hostname}:{port}" if ":" not in (parts.hostname or "") else f"[::1]:{port}"
        entry: dict[str, Any] = {"uri": uri, "address": shown, "port": port, "free": True}
        listener = LoopbackListener([uri], secrets.token_urlsafe(8), timeout=5.0)
        try:
            listener.start()
        except ListenerPortsUnavailableError as exc:
            entry["free"] = False
            entry["why"] = exc.attempts[0][1] if exc.attempts else "could not be opened"
            holders = _port_holders(port)
            entry["held_by"] = (
                None if holders is None else [{"program": n, "pid": p} for n, p in holders]
            )
            ranges = [r for r in excluded if r[0] <= port <= r[1]]
            if ranges:
                entry["windows_excluded_range"] = list(ranges[0])
        else:
            entry["addresses"] = [
                f"[{h}]:{p}" if ":" in h else f"{h}:{p}" for h, p in listener.bound_addresses
            ]
        finally:
            listener.close()
        ports.append(entry)
    free = [p for p in ports if p["free"]]
    busy = [p for p in ports if not p["free"]]
    details: dict[str, Any] = {"ports": ports}
    if not busy:
        listed = _word_list([p["address"] for p in ports])
        plural = "es are" if len(ports) > 1 else " is"
        return _ok(name, f"Box Login's return address{plural} free: {listed}.", **details)
    sentences = [_busy_sentence(p) for p in busy]
    if free:
        summary = f"{' '.join(sentences)} The sign-in will use {free[0]['address']} instead."
        fix = _busy_fix(busy, final=False)
        return _warning(name, summary, fix, **details)
    next_port = max(p["port"] for p in ports) + 1
    summary = f"None of Box Login's return addresses can be opened. {' '.join(sentences)}"
    fix = (
        f"{_busy_fix(busy, final=True)} Or ask whoever administers the Box app to register "
        f"another redirect URI (for example http://127.0.0.1:{next_port}/callback) and add it "
        "to redirect_uris in Box Login's settings."
    )
    return _problem(name, summary, fix, **details)


def _holder_words(entry: Mapping[str, Any]) -> str:
    holders = entry.get("held_by")
    if not holders:
        return ""
    named = [f"{h['program']}, pid {h['pid']}" for h in holders]
    return f" ({'; '.join(named)})"


def _busy_sentence(entry: Mapping[str, Any]) -> str:
    address, why = entry["address"], entry.get("why", "")
    excluded = entry.get("windows_excluded_range")
    if excluded:
        return (
            f"Box Login's return address {address} is reserved by Windows (excluded port range "
            f"{excluded[0]}-{excluded[1]}, which Hyper-V, WSL or Docker reserve)."
        )
    if "in use" in why:
        if entry.get("held_by"):
            return (
                f"Box Login's return address {address} is taken by another program"
                f"{_holder_words(entry)}."
            )
        return (
            f"Box Login's return address {address} is taken by another program (the system "
            "did not say which)."
        )
    return f"Box Login's return address {address} cannot be opened: {why}."


def _busy_fix(busy: Sequence[Mapping[str, Any]], *, final: bool) -> str:
    held = [h for entry in busy for h in (entry.get("held_by") or [])]
    if held:
        names = _word_list(sorted({f"{h['program']} (pid {h['pid']})" for h in held}), "and")
        start = f"Close {names}"
    else:
        start = "Close the program that uses the port"
    if any(entry.get("windows_excluded_range") for entry in busy):
        start += (
            "; a port Windows reserves can be seen with: netsh interface ipv4 show "
            "excludedportrange protocol=tcp"
        )
    if not final:
        return f"Nothing needs doing now. To free it: {start[0].lower()}{start[1:]}."
    return f"{start}, then try again."


def _port_holders(port: int) -> list[tuple[str, int]] | None:
    """The programs holding TCP ``port``, as (name, pid), when the system tells; else None."""
    try:
        if sys.platform.startswith("linux") and os.path.isdir("/proc/net"):
            return _linux_port_holders(port)
        if sys.platform == "win32":  # pragma: no cover - Windows
            return _windows_port_holders(port)
        return _lsof_port_holders(port)  # pragma: no cover - macOS, BSD
    except Exception as exc:  # the answer is a courtesy: never fail the check over it
        logger.debug("doctor: could not tell who holds port %d (%s)", port, type(exc).__name__)
        return None


def _proc_socket_inodes(port: int, tables: Sequence[str]) -> set[str]:
    """The inodes of sockets bound to local ``port`` in /proc/net/tcp-style ``tables``."""
    inodes: set[str] = set()
    for table in tables:
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] == "06":  # TIME_WAIT holds nobody's port
                continue
            try:
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
            except (IndexError, ValueError):
                continue
            if local_port == port and fields[9] != "0":
                inodes.add(fields[9])
    return inodes


def _linux_port_holders(port: int, proc: str = "/proc") -> list[tuple[str, int]] | None:
    inodes = _proc_socket_inodes(port, (f"{proc}/net/tcp", f"{proc}/net/tcp6"))
    if not inodes:
        return None
    wanted = {f"socket:[{inode}]" for inode in inodes}
    found: list[tuple[str, int]] = []
    with os.scandir(proc) as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                fds = os.listdir(f"{proc}/{entry.name}/fd")
            except OSError:  # another user's process: the system does not tell
                continue
            for fd in fds:
                try:
                    target = os.readlink(f"{proc}/{entry.name}/fd/{fd}")
                except OSError:
                    continue
                if target in wanted:
                    try:
                        program = Path(f"{proc}/{entry.name}/comm").read_text().strip()
                    except OSError:
                        program = "a program"
                    found.append((program or "a program", int(entry.name)))
                    break
    return found or None


def _lsof_port_holders(port: int) -> list[tuple[str, int]] | None:  # pragma: no cover
    program = shutil.which("lsof")
    if program is None:
        return None
    result = subprocess.run(  # noqa: S603 -- a fixed program and arguments
        [program, "-nP", f"-iTCP:{port}", "-sTCP:LISTEN", "-Fpc"],
        capture_output=True,
        text=True,
        timeout=3,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    found: list[tuple[str, int]] = []
    pid: int | None = None
    for line in result.stdout.splitlines():
        if line.startswith("p") and line[1:].isdigit():
            pid = int(line[1:])
        elif line.startswith("c") and pid is not None:
            found.append((line[1:], pid))
    return found or None


def _windows_port_holders(port: int) -> list[tuple[str, int]] | None:  # pragma: no cover
    result = subprocess.run(
        ["netstat", "-ano", "-p", "TCP"],  # noqa: S607 -- the system's own netstat
        capture_output=True,
        text=True,
        timeout=3,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    pids: set[int] = set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if (
            len(fields) >= 5
            and fields[0].upper() == "TCP"
            and fields[-1].isdigit()
            and fields[1].rsplit(":", 1)[-1] == str(port)
            and fields[-1] != "0"
        ):
            pids.add(int(fields[-1]))
    found: list[tuple[str, int]] = []
    for pid in sorted(pids):
        listing = subprocess.run(  # noqa: S603 -- the system's tasklist, a number
            ["tasklist", "/FI", f"PID eq {pid}", "/FO", "CSV", "/NH"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=3,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        first = listing.stdout.strip().split(",")[0].strip('"')
        found.append((first or "a program", pid))
    return found or None


def parse_excluded_port_ranges(text: str) -> list[tuple[int, int]]:
    """The ranges in ``netsh interface ipv4 show excludedportrange protocol=tcp``'s output."""
    ranges = []
    for line in text.splitlines():
        match = re.match(r"^\s*(\d+)\s+(\d+)\b", line)
        if match:
            ranges.append((int(match.group(1)), int(match.group(2))))
    return ranges


def _windows_excluded_ranges() -> list[tuple[int, int]]:  # pragma: no cover - Windows
    ranges: list[tuple[int, int]] = []
    for family in ("ipv4", "ipv6"):
        try:
            result = subprocess.run(  # noqa: S603 -- fixed arguments
                ["netsh", "interface", family, "show", "excludedportrange", "protocol=tcp"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=3,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        ranges.extend(parse_excluded_port_ranges(result.stdout))
    return sorted(set(ranges))


# --- password store -----------------------------------------------------------------------


@dataclass(frozen=True)
class _StoreProbe:
    location: str
    state: str  # "ok", "missing", "locked", "no_collection", "failed"
    reason: str | None = None


def _probe_password_store() -> _StoreProbe:
    """Find keyring's backend and ask it something harmless, without prompting: on the
    Secret Service whether the default collection exists and is unlocked; elsewhere a read
    of an entry that does not exist."""
    import keyring
    import keyring.errors

    from core.keyring_backends import describe_backend, ensure_keyring_backend
    from core.secret_service import is_secret_service_backend

    backend = ensure_keyring_backend()
    location, usable = describe_backend(backend)
    if not usable:
        return _StoreProbe(location, "missing")
    if is_secret_service_backend(backend):
        from contextlib import closing

        import secretstorage

        try:
            with closing(secretstorage.dbus_init()) as bus:
                try:
                    collection = secretstorage.get_collection_by_alias(bus, "default")
                except secretstorage.exceptions.ItemNotFoundException:
                    return _StoreProbe(location, "no_collection")
                locked = collection.is_locked()
        except Exception as exc:
            return _StoreProbe(location, "failed", type(exc).__name__)
        return _StoreProbe(location, "locked" if locked else "ok")
    try:
        keyring.get_keyring().get_password("Box Login", "doctor-check (nothing stored)")
    except keyring.errors.KeyringLocked:
        return _StoreProbe(location, "locked")
    except Exception as exc:
        return _StoreProbe(location, "failed", type(exc).__name__)
    return _StoreProbe(location, "ok")


#: Replaced in tests (a probe that hangs, say); called in a daemon thread.
PASSWORD_STORE_PROBE: Callable[[], _StoreProbe] = _probe_password_store


def check_password_store(ctx: _Context, timeout: float | None = None) -> CheckResult:
    """The password store is there, answers and is unlocked (within ``timeout`` seconds,
    default :data:`STORE_TIMEOUT`)."""
    name = "password_store"
    timeout = STORE_TIMEOUT if timeout is None else timeout
    if ctx.store_choice in ("memory", "encrypted-file"):
        return _ok(
            name,
            f"Not used: --store {ctx.store_choice} keeps the sign-in "
            + ("only while Box Login runs." if ctx.store_choice == "memory" else "in a file."),
            store=ctx.store_choice,
        )
    outcome: list[_StoreProbe | BaseException] = []
    probe = PASSWORD_STORE_PROBE

    def run() -> None:
        try:
            outcome.append(probe())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, name="box-login-doctor-keyring", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        return _problem(
            name,
            f"The password store did not answer within {_seconds(timeout)}.",
            "Its service may be stuck: sign out of the desktop and in again (or restart the "
            "computer), then run this again. Meanwhile --store encrypted-file keeps the "
            "sign-in in a file protected by a passphrase.",
            store="keyring",
            answered=False,
            timeout_s=timeout,
        )
    result = outcome[0]
    if isinstance(result, BaseException):
        return _problem(
            name,
            f"The password store could not be asked ({type(result).__name__}).",
            "Check that it is installed and running, then run this again.",
            store="keyring",
            answered=False,
        )
    where = result.location
    details: dict[str, Any] = {"store": "keyring", "backend": where, "state": result.state}
    if result.state == "ok":
        return _ok(name, f"{where} answers and is unlocked.", **details)
    if result.state == "missing":
        return _problem(
            name,
            "No password store was found on this computer, so Box Login cannot keep your "
            "sign-in there.",
            "Install one (Debian/Ubuntu: sudo apt-get install gnome-keyring; or KWallet), or "
            "choose --store encrypted-file (a file protected by a passphrase).",
            **details,
        )
    if result.state == "locked":
        return _warning(
            name,
            f"{where} is locked: it will ask for your password when Box Login uses it.",
            "Unlock it (signing in to the desktop usually does), or just answer its prompt.",
            **details,
        )
    if result.state == "no_collection":
        return _warning(
            name,
            f"{where} has no default keyring yet: it will ask you to create one the first "
            "time Box Login keeps a sign-in.",
            "Nothing to do: answer its prompt (or create a default keyring in Passwords and Keys).",
            **details,
        )
    details["reason"] = result.reason
    return _problem(
        name,
        f"{where} could not be reached ({result.reason}).",
        "Check that it is running (on Linux, gnome-keyring-daemon in your desktop session), "
        "then run this again; or choose --store encrypted-file.",
        **details,
    )


# --- the network path ---------------------------------------------------------------------


def _endpoints(ctx: _Context) -> list[tuple[str, str]]:
    """(what, URL) of the two Box addresses, the sign-in page first."""
    return [("sign-in page", ctx.authorize_url), ("token calls", ctx.token_url)]


def _decision_dict(decision: ProxyDecision) -> dict[str, Any]:
    return {
        "proxy": decision.proxy,
        "source": decision.source,
        "note": decision.note,
        "credentials": None if decision.credentials is None else decision.credentials.origin,
    }


def _way_words(decision: ProxyDecision) -> str:
    way = "directly" if decision.url is None else f"through the proxy {decision.proxy}"
    return f"{way} ({decision.source_words()})"


def check_proxy(ctx: _Context) -> CheckResult:
    """The way to Box, where that decision came from, and whether the proxy lets us through."""
    name = "proxy"
    decisions: list[tuple[str, ProxyDecision]] = []
    try:
        for what, url in _endpoints(ctx):
            decisions.append((what, ctx.decision(url)))
    except ConfigError as exc:
        message, fix = _error_words(exc)
        return _problem(name, message, fix)
    details: dict[str, Any] = {
        what.replace("-", "_").replace(" ", "_"): _decision_dict(d) for what, d in decisions
    }
    first = decisions[0][1]
    if all(_way_words(d) == _way_words(first) for _, d in decisions):
        way = (
            f"Box Login reaches Box {_way_words(first)}, for the sign-in page and the token "
            "calls alike."
        )
    else:
        way = (
            "Box Login reaches Box "
            + " and ".join(f"{_way_words(d)} for the {what}" for what, d in decisions)
            + "."
        )
    if any(d.credentials is not None for _, d in decisions):
        way += (
            " It gives the proxy the user name and password from the HTTPS_PROXY "
            "environment variable."
        )
    # Whether the proxy lets Box Login through shows in the calls the other checks make.
    if any(d.url is not None for _, d in decisions):
        for answer in (ctx.token_answer(), ctx.authorize_answer()):
            if isinstance(answer.error, ProxyError):
                message, fix = _error_words(answer.error)
                return _problem(name, message, fix, **details)
    notes = [d.note for _, d in decisions if d.note and d.url is None and "NO_PROXY" not in d.note]
    if notes:
        return _warning(
            name,
            f"{way} But {notes[0]}, so it connects directly.",
            "Check the proxy settings (the PAC file's address in the system's settings, or "
            "the HTTPS_PROXY variable), or ask your IT team.",
            **details,
        )
    return _ok(name, way, **details)


def _lookup(host: str, port: int, timeout: float) -> tuple[list[str] | None, float, str | None]:
    """(addresses or None, seconds, failure) of one name, given up after ``timeout``."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            outcome.append(sorted({str(info[4][0]) for info in infos}))
        except (OSError, UnicodeError) as exc:
            outcome.append(exc)

    started = time.perf_counter()
    thread = threading.Thread(target=run, name="box-login-doctor-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    elapsed = time.perf_counter() - started
    if not outcome:
        return None, elapsed, "timeout"
    if isinstance(outcome[0], BaseException):
        return None, elapsed, "not found"
    return outcome[0], elapsed, None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def check_dns(ctx: _Context, timeout: float = DNS_TIMEOUT) -> CheckResult:
    """Each Box host's name resolves (or the proxy's, which then looks Box up)."""
    name = "dns"
    targets: dict[str, tuple[int, str]] = {}  # host -> (port, role)
    for _what, url in _endpoints(ctx):
        parts = urlsplit(url)
        host = parts.hostname or ""
        decision = ctx.decision(url)
        if decision.url is not None:
            proxy = urlsplit(decision.url)
            targets.setdefault(proxy.hostname or "", (proxy.port or 80, "proxy"))
            targets.setdefault(host, (parts.port or 443, "via proxy"))
        else:
            targets[host] = (parts.port or (443 if parts.scheme == "https" else 80), "direct")
    names = {h: v for h, v in targets.items() if h and not _is_address(h)}
    if not names:
        listed = _word_list(sorted(targets))
        return _ok(name, f"No name to look up: Box is reached at {listed}.", hosts={})
    results: dict[str, tuple[list[str] | None, float, str | None]] = {}
    threads = []
    lock = threading.Lock()

    def resolve(host: str, port: int) -> None:
        outcome = _lookup(host, port, timeout)
        with lock:
            results[host] = outcome

    for host, (port, _role) in names.items():
        thread = threading.Thread(target=resolve, args=(host, port), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(timeout + 0.5)
    details: dict[str, Any] = {}
    found, problems, left_to_proxy = [], [], []
    for host, (_port, role) in names.items():
        addresses, elapsed, failure = results.get(host, (None, timeout, "timeout"))
        details[host] = {
            "role": role,
            "addresses": addresses,
            "ms": _ms(elapsed),
            "failure": failure,
        }
        if failure is None:
            found.append(f"{host} ({_ms(elapsed)} ms)")
        elif role == "via proxy":
            left_to_proxy.append(host)
        else:
            problems.append((host, role, failure))
    if problems:
        host, role, failure = problems[0]
        subject = f"the proxy server's name {host}" if role == "proxy" else host
        if failure == "timeout":
            summary = f"Looking up {subject} did not finish within {_seconds(timeout)}."
            fix = (
                "The network's name service (DNS) is not answering: check the internet "
                "connection, or ask your IT team."
            )
        else:
            summary = (
                f"Box Login could not find {subject} on the network: the name does not resolve."
            )
            fix = (
                "Check the proxy's address with your IT team."
                if role == "proxy"
                else "Check your internet connection and the Box addresses in the settings "
                "(base_url, oauth_2_url). On a network that reaches the internet only through "
                'a proxy, ask your IT team which proxy to use ("proxy" in the settings).'
            )
        return _problem(name, summary, fix, hosts=details)
    summary = f"Found {_word_list(found)}." if found else ""
    if left_to_proxy:
        verb = "is" if len(left_to_proxy) == 1 else "are"
        summary += f" {_word_list(left_to_proxy)} {verb} looked up by the proxy, not here."
    return _ok(name, summary.strip(), hosts=details)


def _tls_targets(ctx: _Context) -> list[tuple[str, int, str]]:
    """(host, port, URL of the call that reaches it) of each distinct https Box host."""
    seen: dict[tuple[str, int], str] = {}
    for _what, url in _endpoints(ctx):
        parts = urlsplit(url)
        if parts.scheme != "https":
            continue
        seen.setdefault((parts.hostname or "", parts.port or 443), url)
    return [(host, port, url) for (host, port), url in seen.items()]


def _answer_for(ctx: _Context, url: str) -> _Answer:
    return ctx.token_answer() if url == ctx.token_url else ctx.authorize_answer()


def check_plain_http(ctx: _Context) -> CheckResult:
    """The line for "secure connection" when no Box address uses https (the sandbox)."""
    hosts = sorted({urlsplit(u).netloc for _w, u in _endpoints(ctx)})
    return _ok(
        "tls",
        f"Not used: Box is reached over plain http at {_word_list(hosts)} (a stand-in on "
        "this computer, such as the sandbox).",
        hosts=hosts,
    )


def check_tls(ctx: _Context, host: str, port: int, url: str) -> CheckResult:
    """The certificate of ``host`` is accepted; who issued it; whether it looks inspected."""
    from core.network import fetch_certificate_info

    name = f"tls:{host}" if port == 443 else f"tls:{host}:{port}"
    answer = _answer_for(ctx, url)
    error = answer.error
    base: dict[str, Any] = {"host": host, "port": port}
    if isinstance(error, CertificateVerificationError):
        return _problem(
            name,
            error.message,
            error.hint,
            **base,
            trusted=False,
            issuer=error.issuer,
            reason=error.reason,
        )
    if isinstance(error, TLSError):
        message, fix = _error_words(error)
        return _problem(name, message, fix, **base, trusted=False)
    if not answer.reached:
        assert error is not None
        message, fix = _error_words(error)
        return _problem(name, f"Not checked: {message}", fix, **base, trusted=None)
    info = fetch_certificate_info(host, port, answer.decision, timeout=HTTP_TIMEOUT[0])
    public = _public_authority_accepts(host, port, answer.decision)
    issuer = info.issuer if info is not None else None
    trust = _trust_words(ctx)
    details = dict(
        base,
        trusted=True,
        issuer=issuer,
        subject=None if info is None else info.subject,
        intercepted=None if public is None else not public,
        trust=ctx.network.trust,
        ca_bundle=None
        if ctx.network.settings.ca_bundle is None
        else str(ctx.network.settings.ca_bundle),
    )
    by = f"issued by {issuer}" if issuer else "whose issuer could not be read"
    if public is False:
        return _ok(
            name,
            f"Verified: the certificate was {by}, which is not a public certificate authority: "
            f"the network appears to inspect secure connections. {trust} accepts it, so Box "
            "Login works here.",
            **details,
        )
    if public:
        return _ok(
            name, f"Verified: the certificate was {by}, a public certificate authority.", **details
        )
    return _ok(name, f"Verified: the certificate was {by}; {trust} accepts it.", **details)


def _trust_words(ctx: _Context) -> str:
    network = ctx.network
    store = (
        "The certificates that come with Box Login (this computer has no certificate store)"
        if network.trust == "certifi"
        else "This computer's certificate store"
    )
    bundle = network.settings.ca_bundle
    if bundle is not None:
        return f'{store}, with the "ca_bundle" file {display_path(bundle)},'
    return store


def _public_authority_accepts(host: str, port: int, decision: ProxyDecision | None) -> bool | None:
    """True when a public certificate authority (certifi's list) vouches for ``host``'s
    certificate, False when it does not (someone in between, or a private server), None when
    that could not be found out. Goes the same way as Box Login's calls."""
    import certifi
    import requests

    session = requests.Session()
    session.trust_env = False
    try:
        session.head(
            f"https://{host}:{port}/",
            proxies=decision.requests_proxies() if decision is not None else {},
            verify=certifi.where(),
            timeout=HTTP_TIMEOUT,
            allow_redirects=False,
        )
    except requests.exceptions.SSLError:
        return False
    except requests.exceptions.RequestException:
        return None
    finally:
        session.close()
    return True


def _slow_words(answer: _Answer) -> str:
    return f"{_ms(answer.elapsed)} ms"


def _way(answer: _Answer) -> str:
    decision = answer.decision
    if decision is not None and decision.url is not None:
        return f" through the proxy {decision.proxy}"
    return ""


def _answer_details(answer: _Answer) -> dict[str, Any]:
    return {
        "url": answer.url,
        "status": answer.status,
        "ms": _ms(answer.elapsed),
        "proxy": None if answer.decision is None else answer.decision.proxy,
        "error": None if answer.error is None else type(answer.error).__name__,
    }


def _unreached(name: str, answer: _Answer) -> CheckResult:
    assert answer.error is not None
    message, fix = _error_words(answer.error)
    return _problem(name, message, fix, **_answer_details(answer))


def _box_trouble(name: str, answer: _Answer) -> CheckResult | None:
    if answer.status is not None and answer.status >= 500:
        return _problem(
            name,
            f"Box answered {answer.url} with an error of its own (HTTP {answer.status}): Box is "
            "having trouble right now.",
            "Wait a few minutes and run this again. If it stays, a proxy or firewall may be "
            "answering in Box's place: ask your IT team.",
            **_answer_details(answer),
        )
    return None


def _slow(name: str, answer: _Answer, summary: str) -> CheckResult:
    details = _answer_details(answer)
    if answer.elapsed > SLOW_ANSWER:
        return _warning(
            name,
            f"{summary} That is slow.",
            "Sign-ins may take long or time out: check the connection, or ask your IT team "
            "whether the proxy or firewall slows Box down.",
            **details,
        )
    return _ok(name, summary, **details)


def check_authorize_endpoint(ctx: _Context) -> CheckResult:
    """Box's sign-in address answers, and how fast."""
    name = "authorize_endpoint"
    answer = ctx.authorize_answer()
    if not answer.reached:
        return _unreached(name, answer)
    trouble = _box_trouble(name, answer)
    if trouble is not None:
        return trouble
    return _slow(
        name,
        answer,
        f"{answer.url} answered{_way(answer)} in {_slow_words(answer)} (HTTP {answer.status}).",
    )


def check_token_endpoint(ctx: _Context) -> CheckResult:
    """Box's token address answers like Box (an empty request gets an OAuth error)."""
    name = "token_endpoint"
    answer = ctx.token_answer()
    if not answer.reached:
        return _unreached(name, answer)
    trouble = _box_trouble(name, answer)
    if trouble is not None:
        return trouble
    try:
        data = json.loads(answer.body)
    except (ValueError, RecursionError):
        data = None
    if not (isinstance(data, dict) and isinstance(data.get("error"), str)):
        kind = answer.headers.get("content-type", "no content type").split(";")[0]
        return _warning(
            name,
            f"{answer.url} answered{_way(answer)} (HTTP {answer.status}, {kind}), but not as "
            "Box's token address does: something between this computer and Box (a proxy or "
            "firewall) may be answering in its place.",
            "Ask your IT team whether the network lets Box Login reach "
            f"{urlsplit(ctx.token_url).hostname}.",
            **_answer_details(answer),
        )
    return _slow(
        name,
        answer,
        f"{answer.url} answered{_way(answer)} in {_slow_words(answer)} (HTTP {answer.status}, "
        "as expected for a request without sign-in details).",
    )


def clock_offset(date_header: str | None, received_at: float) -> float | None:
    """Seconds this computer's clock is ahead of the server's (negative: behind), from a
    ``Date`` header received at ``received_at``; None when the header is missing or bad.
    The header has whole seconds, so half a second is added to its time."""
    if not date_header:
        return None
    try:
        when = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        from datetime import UTC

        when = when.replace(tzinfo=UTC)
    return received_at - (when.timestamp() + 0.5)


def _duration_words(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds < 120:
        return _seconds(round(seconds))
    if seconds < 7200:
        return f"{round(seconds / 60)} minutes"
    if seconds < 2 * 86400:
        return f"{round(seconds / 3600)} hours"
    return f"{round(seconds / 86400)} days"


_CLOCK_FIX = (
    "Set this computer's clock to update automatically (Windows: Settings, Time & language, "
    '"Set time automatically"; macOS: System Settings, General, Date & Time; Linux: '
    "timedatectl set-ntp true)."
)


def clock_result(offset: float | None, source: str | None = None) -> CheckResult:
    """The clock check's verdict for an ``offset`` (see :func:`clock_offset`)."""
    name = "clock"
    if offset is None:
        return _warning(
            name,
            "Not checked: Box's answers carried no date to compare with.",
            "If a proxy answers in Box's place, ask your IT team (see above).",
            offset_s=None,
        )
    rounded = round(offset)
    details = {"offset_s": rounded, "compared_with": source}
    side = "ahead of" if offset > 0 else "behind"
    if abs(offset) <= CLOCK_WARNING:
        return _ok(
            name,
            f"This computer's clock agrees with Box's (within {_seconds(CLOCK_WARNING)}).",
            **details,
        )
    summary = f"This computer's clock is {_duration_words(offset)} {side} Box's."
    if abs(offset) <= CLOCK_PROBLEM:
        return _warning(
            name,
            f"{summary} Sign-ins with a JWT app configuration fail beyond "
            f"{_seconds(CLOCK_PROBLEM)}.",
            _CLOCK_FIX,
            **details,
        )
    return _problem(
        name,
        f"{summary} Sign-ins with a JWT app configuration (the jwt command) fail when it is "
        f"off by more than {_seconds(CLOCK_PROBLEM)}, and times shown are wrong.",
        _CLOCK_FIX,
        **details,
    )


def check_clock(ctx: _Context) -> CheckResult:
    """The clock's offset against the ``Date`` of Box's answers."""
    answers = [ctx.token_answer(), ctx.authorize_answer()]
    for answer in answers:
        if answer.reached:
            offset = clock_offset(answer.headers.get("date"), answer.received_at)
            if offset is not None:
                return clock_result(offset, answer.url)
    if not any(answer.reached for answer in answers):
        return _warning(
            "clock",
            "Not checked: Box could not be reached (see above).",
            "Run this again when Box can be reached.",
            offset_s=None,
        )
    return clock_result(None)


# --- the Box app ------------------------------------------------------------------------


#: The OAuth error codes an authorize error page may name (docs/box-oauth.md).
_AUTHORIZE_ERRORS = (
    "invalid_client",
    "unauthorized_client",
    "redirect_uri_mismatch",
    "redirect_uri_missing",
    "unsupported_response_type",
    "invalid_scope",
    "invalid_request",
    "access_denied",
    "server_error",
    "temporarily_unavailable",
)
_ERROR_CODE = re.compile(r"\b(" + "|".join(_AUTHORIZE_ERRORS) + r")\b")
_SIGN_IN_FORM = re.compile(
    r"<form\b[^>]*>.*?<input\b[^>]*\b(?:type=\"?password|name=\"?login)", re.I | re.S
)


def classify_authorize_answer(
    status: int, headers: Mapping[str, str], body: str, redirect_uri: str
) -> tuple[str, str | None]:
    """What Box's answer to the sign-in address says: ``("sign_in", None)`` for its sign-in
    page (or a redirect on to it), ``("error", code)`` for an error page or an error sent to
    the redirect URI (``code`` None when the page names none), ``("unknown", None)``."""
    if 300 <= status < 400:
        location = headers.get("location", "")
        target = urlsplit(location)
        expected = urlsplit(redirect_uri)
        if (target.scheme, target.netloc, target.path) == (
            expected.scheme,
            expected.netloc,
            expected.path,
        ):
            error = parse_qs(target.query).get("error", [None])[0]
            return ("error", error) if error else ("sign_in", None)
        return ("sign_in", None)  # on to Box's sign-in page (or a single sign-on page)
    if status >= 400:
        match = _ERROR_CODE.search(body)
        return "error", match.group(1) if match else None
    if _SIGN_IN_FORM.search(body):
        return "sign_in", None
    match = _ERROR_CODE.search(body)
    if match:
        return "error", match.group(1)
    return "unknown", None


def _app_error_words(code: str | None, uri: str, ctx: _Context) -> tuple[str, str]:
    settings = ctx.settings
    assert settings is not None
    developer_console = "the app's Configuration page in the Box developer console"
    if code == "invalid_client":
        return (
            f'Box does not know this app: it refused the client ID ("client_id" in the '
            f"settings, {settings.client_id}).",
            f"Copy the Client ID again from {developer_console}. If it is right, the app may "
            "not be enabled yet: ask your Box administrator.",
        )
    if code == "unauthorized_client":
        return (
            "Box does not allow this app to sign in for this enterprise.",
            "Ask your Box administrator to authorize (enable) the app in the Admin Console.",
        )
    if code in ("redirect_uri_mismatch", "redirect_uri_missing"):
        return (
            f"Box does not accept the return address {uri} for this app.",
            f"Register {uri} exactly (same host, port and path) under OAuth 2.0 Redirect URIs "
            f'on {developer_console}, or remove it from "redirect_uris" in the settings.',
        )
    if code == "invalid_scope":
        return (
            f'Box does not accept the permissions asked for ("scope" in the settings: '
            f'"{settings.scope}").',
            f'Ask only for scopes the app has ({developer_console}), or leave "scope" out.',
        )
    if code in ("server_error", "temporarily_unavailable"):
        return (
            "Box could not show its sign-in page right now.",
            "Wait a few minutes and run this again.",
        )
    said = f" ({code})" if code else ""
    return (
        f"Box answered its sign-in address with an error page{said}, not its sign-in page.",
        f'Check "client_id" and "redirect_uris" in the settings against {developer_console}. '
        "Your Box administrator may also need to authorize the app.",
    )


def check_box_app(ctx: _Context) -> CheckResult:
    """Box answers the sign-in address for this client ID and each return address with its
    sign-in page, not an error page."""
    name = "box_app"
    settings = ctx.settings
    if settings is None:
        return _warning(
            name,
            "Not checked: there are no usable settings (see Settings).",
            None,
        )
    uris = list(ctx.redirect_uris)[:MAX_APP_CHECKS]
    base_details: dict[str, Any] = {"client_id": settings.client_id, "scope": settings.scope}
    first = ctx.authorize_answer(uris[0])
    if not first.reached or first.status is None:
        return _warning(
            name,
            "Not checked: Box's sign-in address could not be reached (see above).",
            "Fix the network first, then run this again.",
            **base_details,
        )
    checked: list[dict[str, Any]] = []
    for index, uri in enumerate(uris):
        answer = first if index == 0 else ctx.authorize_answer(uri)
        if answer.status is None:
            checked.append({"redirect_uri": uri, "outcome": "not reached", "error": None})
            continue
        kind, code = classify_authorize_answer(answer.status, answer.headers, answer.body, uri)
        checked.append(
            {"redirect_uri": uri, "outcome": kind, "error": code, "status": answer.status}
        )
    details = dict(base_details, redirect_uris=checked)
    refused = [c for c in checked if c["outcome"] == "error"]
    if refused:
        worst = refused[0]
        summary, fix = _app_error_words(worst["error"], worst["redirect_uri"], ctx)
        if worst is checked[0] or worst["error"] in (
            "invalid_client",
            "unauthorized_client",
            "invalid_scope",
        ):
            return _problem(name, summary, fix, **details)
        return _warning(
            name,
            f"{summary} The sign-in works while {uris[0]} can be opened.",
            fix,
            **details,
        )
    unknown = [c for c in checked if c["outcome"] == "unknown"]
    if unknown:
        return _warning(
            name,
            f"Box answered its sign-in address (HTTP {unknown[0]['status']}) with a page Box "
            "Login does not recognise as its sign-in page.",
            "Sign in to see what it shows; if it is not Box's page, a proxy or firewall may be "
            "answering in Box's place: ask your IT team.",
            **details,
        )
    addresses = _word_list([urlsplit(c["redirect_uri"]).netloc for c in checked])
    plural = "es" if len(checked) > 1 else ""
    return _ok(
        name,
        f"Box answers with its sign-in page for this app's client ID and return address{plural} "
        f"{addresses}.",
        **details,
    )


# --- running them -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    name: str
    run: Callable[[_Context], CheckResult]
    #: Seconds from the start after which the check counts as not finished (None: the
    #: overall deadline only), and what to say then.
    timeout: float | None = None
    on_timeout: Callable[[float], CheckResult] | None = None


def _store_timeout(seconds: float) -> CheckResult:
    return _problem(
        "password_store",
        f"The password store did not answer within {_seconds(round(seconds, 1))}.",
        "Its service may be stuck: sign out of the desktop and in again (or restart the "
        "computer), then run this again. Meanwhile --store encrypted-file keeps the sign-in in "
        "a file protected by a passphrase.",
        store="keyring",
        answered=False,
    )


def _plans(ctx: _Context) -> list[_Plan]:
    plans = [
        _Plan("settings", check_settings),
        _Plan("redirect_ports", check_redirect_ports),
        _Plan(
            "password_store",
            check_password_store,
            timeout=STORE_TIMEOUT + 0.5,
            on_timeout=_store_timeout,
        ),
        _Plan("proxy", check_proxy),
        _Plan("dns", check_dns),
    ]
    targets = _tls_targets(ctx)
    if targets:
        for host, port, url in targets:
            name = f"tls:{host}" if port == 443 else f"tls:{host}:{port}"

            def tls(c: _Context, h: str = host, p: int = port, u: str = url) -> CheckResult:
                return check_tls(c, h, p, u)

            plans.append(_Plan(name, tls))
    else:
        plans.append(_Plan("tls", check_plain_http))
    plans += [
        _Plan("authorize_endpoint", check_authorize_endpoint),
        _Plan("token_endpoint", check_token_endpoint),
        _Plan("clock", check_clock),
        _Plan("box_app", check_box_app),
    ]
    return plans


def run_checks(
    config_path: Path | None = None,
    *,
    store_choice: str | None = None,
    deadline: float = DEADLINE,
    environ: Mapping[str, str] | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Run every check at once; the results in the fixed order, within ``deadline`` seconds.

    ``config_path`` is ``--config``; ``store_choice`` is ``--store`` (``memory`` or
    ``encrypted-file`` skip the password store); ``environ`` replaces ``os.environ`` for
    the proxy decision. ``on_result`` is called with each result as it comes (from worker
    threads; the window uses it to fill its list). A check still running at the deadline is
    reported as a problem and left behind (its thread is a daemon).
    """
    started = time.monotonic()
    ctx = _load_context(config_path, store_choice, environ)
    plans = _plans(ctx)
    results: list[CheckResult | None] = [None] * len(plans)
    finished = threading.Condition()
    reported = [False] * len(plans)

    def publish(index: int, result: CheckResult) -> None:
        with finished:
            if results[index] is not None:
                return  # too late: the deadline already spoke
            results[index] = result
            finished.notify_all()
        if on_result is not None and not reported[index]:
            reported[index] = True
            try:
                on_result(result)
            except Exception:
                logger.exception("doctor: the result callback failed")

    def work(index: int, plan: _Plan) -> None:
        begun = time.perf_counter()
        try:
            result = plan.run(ctx)
        except Exception as exc:
            logger.debug("doctor: the %s check failed", plan.name, exc_info=True)
            result = _problem(
                plan.name,
                f"The check itself failed ({type(exc).__name__}).",
                "Run it again with --verbose and report what it shows.",
            )
        publish(index, replace(result, elapsed=time.perf_counter() - begun))

    for index, plan in enumerate(plans):
        threading.Thread(
            target=work, args=(index, plan), name=f"box-login-doctor-{plan.name}", daemon=True
        ).start()
    end = started + deadline
    for index, plan in enumerate(plans):
        limit = end if plan.timeout is None else min(end, started + plan.timeout)
        with finished:
            while results[index] is None and time.monotonic() < limit:
                finished.wait(max(0.0, limit - time.monotonic()))
            late = results[index] is None
        if late:
            waited = time.monotonic() - started
            if plan.on_timeout is not None:
                result = plan.on_timeout(min(waited, plan.timeout or waited))
            else:
                result = _problem(
                    plan.name,
                    f"Did not finish within {_seconds(round(waited, 1))}.",
                    "The network may be very slow or silently dropping connections: check "
                    "the connection, or ask your IT team.",
                )
            publish(index, replace(result, elapsed=waited))
    done = [r for r in results if r is not None]
    assert len(done) == len(plans)
    return done


# --- reports ------------------------------------------------------------------------------


def exit_code(results: Sequence[CheckResult]) -> int:
    """``doctor``'s exit status: 0 all ok, 1 warnings only, 2 any problem."""
    verdicts = {r.verdict for r in results}
    if Verdict.PROBLEM in verdicts:
        return 2
    if Verdict.WARNING in verdicts:
        return 1
    return 0


def report_lines(results: Sequence[CheckResult]) -> list[str]:
    """One line per check (``verdict  Title: summary``), the fix indented below it."""
    lines = []
    fixes: list[str] = []
    for result in results:
        lines.append(f"{result.verdict:<8} {result.title}: {result.summary}")
        if result.fix and result.verdict != Verdict.OK:
            # One cause often fails several checks: its fix is spelled out once.
            fix = "as above." if result.fix in fixes else result.fix
            fixes.append(result.fix)
            lines.append(f"{'':<8} Fix: {fix}")
    return lines


def summary_line(results: Sequence[CheckResult]) -> str:
    """One sentence about them all."""
    problems = sum(r.verdict == Verdict.PROBLEM for r in results)
    warnings = sum(r.verdict == Verdict.WARNING for r in results)
    if not problems and not warnings:
        return f"All {len(results)} checks are ok."
    parts = []
    if problems:
        parts.append(f"{problems} problem{'s' if problems != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{' and '.join(parts)} in {len(results)} checks."


def report_json(results: Sequence[CheckResult]) -> dict[str, Any]:
    """The whole report as plain JSON values (for ``doctor --json``)."""
    from core.version import __version__

    code = exit_code(results)
    return {
        "box_login": __version__,
        "verdict": ("ok", "warning", "problem")[code],
        "exit_code": code,
        "checks": [r.to_dict() for r in results],
    }
