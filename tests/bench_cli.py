"""Benchmark: ``box-login token`` with a valid stored token vs reading the keyring directly.

Measured, each a fresh process started with ``subprocess``, interleaved (so a slow moment
hits all of them), 21 runs each, medians compared:

- ``python main.py token`` from source;
- the installed command, when ``BOX_LOGIN_INSTALLED`` names it (for example
  ``BOX_LOGIN_INSTALLED=/usr/bin/box-login make bench BENCH=cli`` after installing the .deb,
  or ``dist/box-login/box-login`` for the bundle ``make -C packaging bundle`` builds);
- the baseline: ``python -c 'import keyring; keyring.get_password(...)'``.

Goal (issue 12): the installed command at most 1.5 times the baseline (and the same from
source). ``--version`` is shown too: what starting the program costs before any keyring work.
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
RUNS = int(os.environ.get("BENCH_CLI_RUNS", "21"))
GOAL = 1.5
INSTALLED_ENV = "BOX_LOGIN_INSTALLED"


def _time(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {result.returncode}: {result.stderr.strip()}")
    return elapsed, result.stdout


def _line(label: str, times: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, n={len(times)})"
    )


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
    source = [sys.executable, str(ROOT / "main.py")]
    commands: dict[str, list[str]] = {
        "main.py token (from source)": [*source, "--profile", profile, "token"],
        "python -c 'keyring.get_password(...)'": [
            sys.executable,
            "-c",
            "import keyring; "
            f"keyring.get_password({DEFAULT_SERVICE!r}, {profile + ':access_token'!r})",
        ],
        "main.py --version (from source)": [*source, "--version"],
    }
    installed = os.environ.get(INSTALLED_ENV)
    if installed:
        commands["installed box-login token"] = [installed, "--profile", profile, "token"]
        commands["installed box-login --version"] = [installed, "--version"]
    times: dict[str, list[float]] = {label: [] for label in commands}
    try:
        # Warm the page cache and the keyring daemon once before timing.
        for label, argv in commands.items():
            _, out = _time(argv, env)
            if "token" in label and out != token + "\n":
                raise RuntimeError(f"{label} did not print the stored token")
        for _ in range(RUNS):
            for label, argv in commands.items():
                times[label].append(_time(argv, env)[0])
    finally:
        store.delete(profile)

    lines = [_line(label, values) for label, values in times.items()]
    baseline = statistics.median(times["python -c 'keyring.get_password(...)'"])
    for label in ("main.py token (from source)", "installed box-login token"):
        if label in times:
            ratio = statistics.median(times[label]) / baseline
            verdict = "met" if ratio <= GOAL else "NOT met"
            lines.append(f"{label} / keyring read: {ratio:.2f}x (goal <= {GOAL}x): {verdict}")
    if not installed:
        lines.append(
            f"installed command: not measured (set {INSTALLED_ENV}=/path/to/box-login, e.g. "
            "/usr/bin/box-login once the .deb is installed)"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
