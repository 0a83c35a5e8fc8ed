"""Benchmark: Box's Python SDK (box-sdk-gen) signed in through Box Login (``core/box_sdk.py``).

A real ``BoxClient`` makes 100 ``users/me`` calls to the Box sandbox on 127.0.0.1 with
``box_login_auth``; Box Login's command is a wrapper script that counts its runs. Goal: one
run of Box Login for the 100 calls (the token is kept in memory), not 100. Shown besides:
what one run of ``box-login token --format json`` costs, and the calls' median against the
same calls with a fixed token (box-sdk-gen's ``BoxDeveloperTokenAuth``), i.e. what the
module adds per call once it holds a token. Needs a usable keyring (``make bench``).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

CALLS = 100


def _median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


def run() -> list[str]:
    """Measure and return printable result lines."""
    from box_sdk_gen import BoxClient, BoxDeveloperTokenAuth
    from box_sdk_gen.networking.base_urls import BaseUrls
    from box_sdk_gen.networking.network import NetworkSession

    from core.box_sdk import box_login_auth
    from core.store import KeyringStore, open_store
    from tests.netutil import free_ports
    from tests.plugin_cli import MAIN, Cli, base_env, make_config
    from tests.sandbox_harness import TestSandbox

    store = open_store()
    if not isinstance(store, KeyringStore):  # pragma: no cover - open_store raises instead
        return ["skipped: no keyring store"]
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = TestSandbox(redirect_uris=uris).start()
    profile = f"bench-{uuid.uuid4().hex[:8]}"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            config = make_config(folder / "settings", sandbox)
            cli = Cli(sandbox, config, profile, store, base_env())
            stored = cli.login()
            assert stored.access_token is not None
            log = folder / "runs"
            wrapper = folder / "box-login"
            wrapper.write_text(
                "#!/bin/sh\n"
                f"echo run >> '{log}'\n"
                f"exec '{sys.executable}' '{MAIN}' --config '{cli.config}' \"$@\"\n",
                encoding="utf-8",
            )
            wrapper.chmod(0o755)
            session = NetworkSession(base_urls=BaseUrls(base_url=sandbox.url))

            def calls(client: BoxClient) -> list[float]:
                spent = []
                for _ in range(CALLS):
                    started = time.perf_counter()
                    client.users.get_user_me()
                    spent.append(time.perf_counter() - started)
                return spent

            auth = box_login_auth(profile, [str(wrapper)])
            through_box_login = calls(BoxClient(auth=auth, network_session=session))
            runs = len(log.read_text().splitlines())
            fixed = calls(
                BoxClient(
                    auth=BoxDeveloperTokenAuth(token=stored.access_token), network_session=session
                )
            )
            one_run = []
            for _ in range(5):
                started = time.perf_counter()
                box_login_auth(profile, [str(wrapper)]).retrieve_token()
                one_run.append(time.perf_counter() - started)
    finally:
        store.delete(profile)
        sandbox.stop()
    verdict = "met" if runs == 1 else "NOT met"
    return [
        f"{CALLS} users/me calls through box_login_auth: {runs} run(s) of Box Login "
        f"(goal: 1, not {CALLS}): {verdict}",
        f"total {sum(through_box_login):.2f} s; first call {through_box_login[0] * 1000:.0f} ms "
        f"(runs box-login token --format json), the other {CALLS - 1}: median "
        f"{_median_ms(through_box_login[1:])}",
        f"the same {CALLS} calls with a fixed token (BoxDeveloperTokenAuth): median "
        f"{_median_ms(fixed)}, total {sum(fixed):.2f} s",
        f"one run of box-login token --format json (from source): median {_median_ms(one_run)}"
        f" — {CALLS} runs would add about {statistics.median(one_run) * CALLS:.0f} s",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
