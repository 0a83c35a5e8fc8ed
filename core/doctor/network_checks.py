"""The checks of the network path to Box, in the order a call goes:

* **proxy**: which way Box Login goes to Box and where that decision came from
  (:meth:`core.network.Network.proxy_for`), and whether the proxy lets it through;
* **name lookup** (DNS) of each Box host (or of the proxy, which then looks Box up), each in a
  daemon thread with a time limit, since a resolver can hang far longer than doctor may take;
* **secure connection** to each Box host: whether this computer's trust settings accept its
  certificate, who issued it, and whether the network appears to inspect secure connections
  (the certificate is not one a public certificate authority issued);
* **Box's sign-in and token addresses** answer, and how fast;
* **clock**: its offset against the ``Date`` of Box's answers (a JWT needs the right time).

They share Box's answers through :class:`core.doctor.context._Context`, so the calls are made
once whichever check asks first.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import socket
import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core.doctor.context import HTTP_TIMEOUT, _Answer, _Context
from core.doctor.results import (
    CheckResult,
    _error_words,
    _ms,
    _ok,
    _problem,
    _seconds,
    _warning,
    _word_list,
)
from core.errors import CertificateVerificationError, ConfigError, ProxyError, TLSError
from core.settings import display_path

if TYPE_CHECKING:
    from core.network import ProxyDecision

#: Seconds a name lookup may take.
DNS_TIMEOUT = 3.0
#: An answer slower than this many seconds is a warning.
SLOW_ANSWER = 3.0
#: Clock offsets (seconds) beyond which the clock check warns, and fails. A JWT assertion
#: lives 30 seconds (core.jwt_assertion.LIFETIME) and Box accepts one at most 60 seconds
#: ahead: a clock off by more than 30 seconds breaks JWT sign-ins.
CLOCK_WARNING = 10.0
CLOCK_PROBLEM = 30.0


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
