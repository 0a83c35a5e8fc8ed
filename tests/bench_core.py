"""Benchmarks of the core (``make bench``): import cost and one token call on loopback.

1. ``import core`` vs ``import box_sdk_gen``: fresh interpreters, interleaved, medians of the
   import itself (measured inside the child) and of the whole process. Goal: <= 0.5x.
2. One client-credentials token call against the Box sandbox on 127.0.0.1 (our own scripted
   server if the sandbox is missing): ``core.oauth`` vs box-sdk-gen vs a bare
   ``requests.Session.post(data=dict)`` + ``.json()``, sessions reused, interleaved in
   rotating order, medians. Goal: ours <= 1.10x bare.

``run()`` returns the printable lines; environment knobs: ``BENCH_IMPORT_RUNS`` (default 21),
``BENCH_CALLS`` (default 500). Besides wall time, the client thread's CPU time per call is
shown: on a busy machine it is the steadier measure of what the client itself costs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

IMPORT_GOAL = 0.5
CALL_GOAL = 1.10

_IMPORT_CHILD = (
    "import time, sys\n"
    "t = time.perf_counter()\n"
    "import {module}\n"
    "sys.stdout.write(repr(time.perf_counter() - t))\n"
)


def _time_import(module: str) -> tuple[float, float]:
    """(seconds spent in the import statement, seconds for the whole child process)."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHILD.format(module=module)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out), time.perf_counter() - started


def bench_imports(runs: int) -> list[str]:
    """Median import times of core, core.oauth and box_sdk_gen in fresh interpreters."""
    modules = ["core", "core.oauth", "box_sdk_gen", "python_only"]
    results: dict[str, list[tuple[float, float]]] = {m: [] for m in modules}
    for module in modules[:3]:  # warm the OS file cache and write .pyc files once
        _time_import(module)
    for i in range(runs):
        order = modules[i % len(modules) :] + modules[: i % len(modules)]
        for module in order:
            results[module].append(_time_import("sys" if module == "python_only" else module))

    def med(module: str, which: int) -> float:
        return statistics.median(r[which] for r in results[module])

    sdk_import, sdk_total = med("box_sdk_gen", 0), med("box_sdk_gen", 1)
    baseline = med("python_only", 1)
    lines = [f"imports: {runs} fresh interpreters each, interleaved, medians"]
    for module in ("core", "core.oauth", "box_sdk_gen"):
        imp, total = med(module, 0), med(module, 1)
        lines.append(
            f"  import {module:<12} {imp * 1000:7.1f} ms import, {total * 1000:6.1f} ms process"
            f"  ({imp / sdk_import:.2f}x sdk import; process "
            f"{total / sdk_total:.2f}x)"
        )
    lines.append(f"  bare interpreter           {baseline * 1000:6.1f} ms process")
    ratio = med("core", 0) / sdk_import
    verdict = "OK" if ratio <= IMPORT_GOAL else "MISSED"
    lines.append(
        f"  import core / import box_sdk_gen = {ratio:.3f}x (goal <= {IMPORT_GOAL}x): {verdict}"
    )
    return lines


def _start_server(stack: ExitStack) -> tuple[str, str, str, str, str]:
    """(kind, base_url, client_id, client_secret, enterprise_id) of a fast local server."""
    try:
        from core.sandbox import SandboxServer
    except ImportError:
        from tests.scripted_server import ScriptedServer

        scripted = stack.enter_context(ScriptedServer())
        return "scripted test server", scripted.url, "cid", "secret", "1000001"
    sandbox = stack.enter_context(SandboxServer())
    return (
        "Box sandbox",
        sandbox.url,
        sandbox.client_id,
        sandbox.client_secret,
        sandbox.enterprise_id,
    )


def bench_token_call(calls: int) -> list[str]:
    """Median time of one client-credentials token call: ours, box-sdk-gen, bare requests."""
    import requests
    from box_sdk_gen.managers import authorization as sdk
    from box_sdk_gen.networking.base_urls import BaseUrls as SdkBaseUrls
    from box_sdk_gen.networking.network import NetworkSession

    from core import oauth

    with ExitStack() as stack:
        kind, url, client_id, secret, enterprise = _start_server(stack)

        ours = oauth.AuthorizationManager(oauth.BaseUrls(base_url=url))
        stack.callback(ours.close)
        theirs = sdk.AuthorizationManager(
            network_session=NetworkSession(base_urls=SdkBaseUrls(base_url=url))
        )
        bare = requests.Session()
        stack.callback(bare.close)

        def call_ours() -> Any:
            return ours.request_access_token(
                oauth.RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
                client_id=client_id,
                client_secret=secret,
                box_subject_type=oauth.RequestAccessTokenBoxSubjectType.ENTERPRISE,
                box_subject_id=enterprise,
            ).access_token

        def call_sdk() -> Any:
            return theirs.request_access_token(
                sdk.RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
                client_id=client_id,
                client_secret=secret,
                box_subject_type=sdk.RequestAccessTokenBoxSubjectType.ENTERPRISE,
                box_subject_id=enterprise,
            ).access_token

        def call_bare() -> Any:
            # What a person would write by hand: requests form-encodes the dict itself.
            response = bare.post(
                url + "/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                    "box_subject_type": "enterprise",
                    "box_subject_id": enterprise,
                },
                timeout=(5, 30),
            )
            response.raise_for_status()
            return response.json()["access_token"]

        contenders: dict[str, Callable[[], Any]] = {
            "core.oauth": call_ours,
            "box-sdk-gen": call_sdk,
            "bare requests": call_bare,
        }
        names = list(contenders)
        for _ in range(20):  # warm-up: connections open, code paths hot
            for fn in contenders.values():
                assert fn()
        samples: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for i in range(calls):
            order = names[i % len(names) :] + names[: i % len(names)]
            for name in order:
                cpu_started = time.thread_time()
                started = time.perf_counter()
                contenders[name]()
                samples[name].append(time.perf_counter() - started)
                cpu[name].append(time.thread_time() - cpu_started)

    medians = {name: statistics.median(values) for name, values in samples.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    p90 = {name: statistics.quantiles(values, n=10)[-1] for name, values in samples.items()}
    bare_median = medians["bare requests"]
    lines = [f"token call (client_credentials) on loopback, {kind}: {calls} calls each, medians"]
    for name in names:
        lines.append(
            f"  {name:<14} {medians[name] * 1e6:8.0f} us  (p90 {p90[name] * 1e6:6.0f} us)"
            f"  {medians[name] / bare_median:.3f}x bare;  client CPU "
            f"{cpu_medians[name] * 1e6:5.0f} us ({cpu_medians[name] / cpu_medians[names[2]]:.3f}x)"
        )
    ratio = medians["core.oauth"] / bare_median
    verdict = "OK" if ratio <= CALL_GOAL else "MISSED"
    lines.append(f"  core.oauth / bare requests = {ratio:.3f}x (goal <= {CALL_GOAL}x): {verdict}")
    return lines


def run() -> list[str]:
    """Run both benchmarks; return the result lines for ``make bench``."""
    import_runs = max(15, int(os.environ.get("BENCH_IMPORT_RUNS", "21")))
    calls = max(200, int(os.environ.get("BENCH_CALLS", "500")))
    return bench_imports(import_runs) + bench_token_call(calls)


if __name__ == "__main__":
    for line in run():
        print(line)
