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
)
from core.errors import CertificateVerificationError, ConfigError, ProxyError, TLSError
from core.settings import display_path
from core.translation import QT_TRANSLATE_NOOP, sentences, translate, word_list

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
    if decision.url is None:
        way = translate("Doctor", "directly ({source})")
    else:
        way = translate("Doctor", "through the proxy {proxy} ({source})")
    return way.format(proxy=decision.proxy, source=decision.source_words())


def _way_for(what: str, decision: ProxyDecision) -> str:
    if what == "sign-in page":
        said = translate("Doctor", "{way} for the sign-in page")
    else:
        said = translate("Doctor", "{way} for the token calls")
    return said.format(way=_way_words(decision))


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
        way = translate(
            "Doctor",
            "Box Login reaches Box {way}, for the sign-in page and the token calls alike.",
        ).format(way=_way_words(first))
    else:
        (what_1, d_1), (what_2, d_2) = decisions
        way = translate("Doctor", "Box Login reaches Box {first} and {second}.").format(
            first=_way_for(what_1, d_1), second=_way_for(what_2, d_2)
        )
    if any(d.credentials is not None for _, d in decisions):
        way = translate(
            "Doctor",
            "{way} It gives the proxy the user name and password from the HTTPS_PROXY "
            "environment variable.",
        ).format(way=way)
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
            translate("Doctor", "{way} But {note}, so it connects directly.").format(
                way=way, note=notes[0]
            ),
            translate(
                "Doctor",
                "Check the proxy settings (the PAC file's address in the system's settings, or "
                "the HTTPS_PROXY variable), or ask your IT team.",
            ),
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
        listed = word_list(sorted(targets))
        said = translate("Doctor", "No name to look up: Box is reached at {hosts}.")
        return _ok(name, said.format(hosts=listed), hosts={})
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
        subject = (
            translate("Doctor", "the proxy server's name {host}").format(host=host)
            if role == "proxy"
            else host
        )
        if failure == "timeout":
            summary = translate("Doctor", "Looking up {name} did not finish within {seconds}.")
            summary = summary.format(name=subject, seconds=_seconds(timeout))
            fix = translate(
                "Doctor",
                "The network's name service (DNS) is not answering: check the internet "
                "connection, or ask your IT team.",
            )
        else:
            summary = translate(
                "Doctor",
                "Box Login could not find {name} on the network: the name does not resolve.",
            ).format(name=subject)
            fix = (
                translate("Doctor", "Check the proxy's address with your IT team.")
                if role == "proxy"
                else translate(
                    "Doctor",
                    "Check your internet connection and the Box addresses in the settings "
                    "(base_url, oauth_2_url). On a network that reaches the internet only through "
                    'a proxy, ask your IT team which proxy to use ("proxy" in the settings).',
                )
            )
        return _problem(name, summary, fix, hosts=details)
    found_words: list[str] = []
    if found:
        found_words.append(translate("Doctor", "Found {hosts}.").format(hosts=word_list(found)))
    if left_to_proxy:
        if len(left_to_proxy) == 1:
            by_proxy = translate("Doctor", "{hosts} is looked up by the proxy, not here.")
        else:
            by_proxy = translate("Doctor", "{hosts} are looked up by the proxy, not here.")
        found_words.append(by_proxy.format(hosts=word_list(left_to_proxy)))
    return _ok(name, sentences(*found_words), hosts=details)


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
        translate(
            "Doctor",
            "Not used: Box is reached over plain http at {hosts} (a stand-in on "
            "this computer, such as the sandbox).",
        ).format(hosts=word_list(hosts)),
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
        said = translate("Doctor", "Not checked: {reason}").format(reason=message)
        return _problem(name, said, fix, **base, trusted=None)
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
    by = (
        translate("Doctor", "issued by {issuer}").format(issuer=issuer)
        if issuer
        else translate("Doctor", "whose issuer could not be read")
    )
    if public is False:
        said = translate(
            "Doctor",
            "Verified: the certificate was {by}, which is not a public certificate authority: "
            "the network appears to inspect secure connections. {trust} accepts it, so Box "
            "Login works here.",
        )
    elif public:
        said = translate(
            "Doctor", "Verified: the certificate was {by}, a public certificate authority."
        )
    else:
        said = translate("Doctor", "Verified: the certificate was {by}; {trust} accepts it.")
    return _ok(name, said.format(by=by, trust=trust), **details)


def _trust_words(ctx: _Context) -> str:
    network = ctx.network
    store = (
        translate(
            "Doctor",
            "The certificates that come with Box Login (this computer has no certificate store)",
        )
        if network.trust == "certifi"
        else translate("Doctor", "This computer's certificate store")
    )
    bundle = network.settings.ca_bundle
    if bundle is not None:
        return translate("Doctor", '{store}, with the "ca_bundle" file {file},').format(
            store=store, file=display_path(bundle)
        )
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


def _proxy(answer: _Answer) -> str | None:
    """The proxy the answer came through, or None when it came directly."""
    decision = answer.decision
    if decision is not None and decision.url is not None:
        return decision.proxy or ""
    return None


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
            translate(
                "Doctor",
                "Box answered {url} with an error of its own (HTTP {status}): Box is "
                "having trouble right now.",
            ).format(url=answer.url, status=answer.status),
            translate(
                "Doctor",
                "Wait a few minutes and run this again. If it stays, a proxy or firewall may be "
                "answering in Box's place: ask your IT team.",
            ),
            **_answer_details(answer),
        )
    return None


def _slow(name: str, answer: _Answer, summary: str) -> CheckResult:
    details = _answer_details(answer)
    if answer.elapsed > SLOW_ANSWER:
        return _warning(
            name,
            translate("Doctor", "{summary} That is slow.").format(summary=summary),
            translate(
                "Doctor",
                "Sign-ins may take long or time out: check the connection, or ask your IT team "
                "whether the proxy or firewall slows Box down.",
            ),
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
    proxy = _proxy(answer)
    if proxy is None:
        said = translate("Doctor", "{url} answered in {time} (HTTP {status}).")
    else:
        said = translate(
            "Doctor", "{url} answered through the proxy {proxy} in {time} (HTTP {status})."
        )
    return _slow(
        name,
        answer,
        said.format(url=answer.url, proxy=proxy, time=_slow_words(answer), status=answer.status),
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
        content_type = answer.headers.get("content-type")
        kind = (
            translate("Doctor", "no content type")
            if content_type is None
            else content_type.split(";")[0]
        )
        proxy = _proxy(answer)
        if proxy is None:
            said = translate(
                "Doctor",
                "{url} answered (HTTP {status}, {kind}), but not as "
                "Box's token address does: something between this computer and Box (a proxy or "
                "firewall) may be answering in its place.",
            )
        else:
            said = translate(
                "Doctor",
                "{url} answered through the proxy {proxy} (HTTP {status}, {kind}), but not as "
                "Box's token address does: something between this computer and Box (a proxy or "
                "firewall) may be answering in its place.",
            )
        return _warning(
            name,
            said.format(url=answer.url, proxy=proxy, status=answer.status, kind=kind),
            translate(
                "Doctor", "Ask your IT team whether the network lets Box Login reach {host}."
            ).format(host=urlsplit(ctx.token_url).hostname),
            **_answer_details(answer),
        )
    proxy = _proxy(answer)
    if proxy is None:
        said = translate(
            "Doctor",
            "{url} answered in {time} (HTTP {status}, "
            "as expected for a request without sign-in details).",
        )
    else:
        said = translate(
            "Doctor",
            "{url} answered through the proxy {proxy} in {time} (HTTP {status}, "
            "as expected for a request without sign-in details).",
        )
    return _slow(
        name,
        answer,
        said.format(url=answer.url, proxy=proxy, time=_slow_words(answer), status=answer.status),
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
        return translate("Doctor", "{minutes} minutes").format(minutes=round(seconds / 60))
    if seconds < 2 * 86400:
        return translate("Doctor", "{hours} hours").format(hours=round(seconds / 3600))
    return translate("Doctor", "{days} days").format(days=round(seconds / 86400))


#: Translated where used.
_CLOCK_FIX = QT_TRANSLATE_NOOP(
    "Doctor",
    "Set this computer's clock to update automatically (Windows: Settings, Time & language, "
    '"Set time automatically"; macOS: System Settings, General, Date & Time; Linux: '
    "timedatectl set-ntp true).",
)


def clock_result(offset: float | None, source: str | None = None) -> CheckResult:
    """The clock check's verdict for an ``offset`` (see :func:`clock_offset`)."""
    name = "clock"
    if offset is None:
        return _warning(
            name,
            translate("Doctor", "Not checked: Box's answers carried no date to compare with."),
            translate("Doctor", "If a proxy answers in Box's place, ask your IT team (see above)."),
            offset_s=None,
        )
    rounded = round(offset)
    details = {"offset_s": rounded, "compared_with": source}
    if abs(offset) <= CLOCK_WARNING:
        return _ok(
            name,
            translate(
                "Doctor", "This computer's clock agrees with Box's (within {seconds})."
            ).format(seconds=_seconds(CLOCK_WARNING)),
            **details,
        )
    if offset > 0:
        summary = translate("Doctor", "This computer's clock is {duration} ahead of Box's.")
    else:
        summary = translate("Doctor", "This computer's clock is {duration} behind Box's.")
    summary = summary.format(duration=_duration_words(offset))
    fix = translate("Doctor", _CLOCK_FIX)
    if abs(offset) <= CLOCK_PROBLEM:
        return _warning(
            name,
            translate(
                "Doctor", "{summary} Sign-ins with a JWT app configuration fail beyond {seconds}."
            ).format(summary=summary, seconds=_seconds(CLOCK_PROBLEM)),
            fix,
            **details,
        )
    return _problem(
        name,
        translate(
            "Doctor",
            "{summary} Sign-ins with a JWT app configuration (the jwt command) fail when it is "
            "off by more than {seconds}, and times shown are wrong.",
        ).format(summary=summary, seconds=_seconds(CLOCK_PROBLEM)),
        fix,
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
            translate("Doctor", "Not checked: Box could not be reached (see above)."),
            translate("Doctor", "Run this again when Box can be reached."),
            offset_s=None,
        )
    return clock_result(None)
