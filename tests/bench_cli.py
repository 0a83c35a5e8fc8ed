"""Benchmark: ``main.py token`` with a valid stored token vs reading the keyring directly.

Both are fresh interpreters started with ``subprocess``, interleaved (so a slow moment hits
both), at least 15 runs each; the figure is the ratio of the medians. Goal: at most 1.5 times.
Needs a usable keyring (``make bench`` runs inside tests/session.sh).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 21
GOAL = 1.5


def _time(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{argv[1:3]} exited {result.returncode}: {result.stderr.strip()}")
    return elapsed, result.stdout


def run() -> list[str]:
    """Measure and return printable result lines."""
    from core.store import DEFAULT_SERVICE, KeyringStore, StoredToken, open_store

    store = open_store()
    if not isinstance(store, KeyringStore):  # pragma: no cover - open_store raises instead
        return ["skipped: no keyring store"]
    profile = f"bench-{uuid.uuid4().hex[:8]}"
    now = time.time()
    token = uuid.uuid4().hex
    store.save(
        StoredToken(
            profile=profile,
            access_token=token,
            refresh_token=uuid.uuid4().hex * 2,
            received_at=now,
            expires_at=now + 3600,
            refresh_expires_at=now + 60 * 24 * 3600,
            user_id="1",
            user_name="Bench",
            user_login="bench@example.com",
        )
    )
    env = dict(os.environ)
    env.pop("BOX_LOGIN_CONFIG", None)
    cli = [sys.executable, str(ROOT / "main.py"), "--profile", profile, "token"]
    direct = [
        sys.executable,
        "-c",
        f"import keyring; keyring.get_password({DEFAULT_SERVICE!r}, {profile + ':access_token'!r})",
    ]
    try:
        # Warm the page cache and the keyring daemon once before timing.
        _, out = _time(cli, env)
        if out != token + "\n":
            raise RuntimeError("main.py token did not print the stored token")
        _time(direct, env)
        cli_times: list[float] = []
        direct_times: list[float] = []
        for _ in range(RUNS):
            cli_times.append(_time(cli, env)[0])
            direct_times.append(_time(direct, env)[0])
    finally:
        store.delete(profile)

    cli_median = statistics.median(cli_times)
    direct_median = statistics.median(direct_times)
    ratio = cli_median / direct_median
    return [
        f"main.py token (valid stored token): median {cli_median * 1000:.0f} ms "
        f"(min {min(cli_times) * 1000:.0f}, max {max(cli_times) * 1000:.0f}, n={RUNS})",
        f"python -c 'keyring.get_password(...)': median {direct_median * 1000:.0f} ms "
        f"(min {min(direct_times) * 1000:.0f}, max {max(direct_times) * 1000:.0f}, n={RUNS})",
        f"ratio {ratio:.2f}x (goal <= {GOAL}x): {'met' if ratio <= GOAL else 'NOT met'}",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
