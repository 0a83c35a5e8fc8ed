"""Running the checks: :func:`run_checks` starts every check at once, each in a daemon
thread, and returns their results in the fixed order within one overall deadline
(:data:`DEADLINE`), so doctor answers within seconds even when every host is unreachable or
the password store hangs.

A check may also have a time limit of its own (the password store's): past it, the runner
reports it with that check's own words and moves on. A check still running at the deadline is
reported as a problem and left behind; a result that comes after that is dropped. A check that
raises becomes a problem too: every check ends with a result.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from core.doctor import password_store
from core.doctor.box_app import check_box_app
from core.doctor.context import _Context, _load_context
from core.doctor.network_checks import (
    _tls_targets,
    check_authorize_endpoint,
    check_clock,
    check_dns,
    check_plain_http,
    check_proxy,
    check_tls,
    check_token_endpoint,
)
from core.doctor.password_store import _store_timeout, check_password_store
from core.doctor.ports import check_redirect_ports
from core.doctor.results import CheckResult, _problem, _seconds
from core.doctor.settings_check import check_settings
from core.translation import translate

logger = logging.getLogger(__name__)

#: Seconds after which ``run_checks`` returns whatever has not finished as a problem.
DEADLINE = 8.0


@dataclass(frozen=True)
class _Plan:
    name: str
    run: Callable[[_Context], CheckResult]
    #: Seconds from the start after which the check counts as not finished (None: the
    #: overall deadline only), and what to say then.
    timeout: float | None = None
    on_timeout: Callable[[float], CheckResult] | None = None


def _plans(ctx: _Context) -> list[_Plan]:
    plans = [
        _Plan("settings", check_settings),
        _Plan("redirect_ports", check_redirect_ports),
        _Plan(
            "password_store",
            check_password_store,
            # Read from its module at each run, as check_password_store reads it: one limit.
            timeout=password_store.STORE_TIMEOUT + 0.5,
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
                translate("Doctor", "The check itself failed ({error}).").format(
                    error=type(exc).__name__
                ),
                translate("Doctor", "Run it again with --verbose and report what it shows."),
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
                    translate("Doctor", "Did not finish within {seconds}.").format(
                        seconds=_seconds(round(waited, 1))
                    ),
                    translate(
                        "Doctor",
                        "The network may be very slow or silently dropping connections: check "
                        "the connection, or ask your IT team.",
                    ),
                )
            publish(index, replace(result, elapsed=waited))
    done = [r for r in results if r is not None]
    assert len(done) == len(plans)
    return done
