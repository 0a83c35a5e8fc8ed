"""A renewal killed at any moment never leaves ``token`` serving a token Box refuses.

Real processes, a real GNOME Keyring, the sandbox over loopback and real SIGKILLs: the command
line renews (``token --min-valid 3600`` always renews, since access tokens live an hour) and is
killed right after each keyring write, right after Box's answer arrived, and at 100 random
moments around the token exchange. After each kill a new ``token`` runs and what it printed is
tried on the sandbox's ``users/me``.

Outcomes:
- ``ok``: ``token`` exited 0 and Box accepted what it printed.
- ``sign in again``: ``token`` exited 4 asking to sign in again (acceptable only when the kill
  came after Box answered and before the first write of the answer: no client can avoid it).
- ``dead token served``: ``token`` exited 0 with a token Box refuses (never acceptable).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from core.sandbox import USERS_ME_PATH
from tests.plugin_cli import ROOT, TOKEN_PATH, Cli

HARNESS = str(ROOT / "tests" / "kill_harness.py")
#: Always renews: a new access token has 3600 s, less than the asked-for 3600 + margin.
RENEW = ("token", "--min-valid", "3600")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.slow


def harness_argv(cli: Cli, *mode: str) -> list[str]:
    return [sys.executable, HARNESS, *mode, "--", *cli.argv(*RENEW)[2:]]


def outcome(cli: Cli) -> str:
    """Run ``token`` and judge what it printed against Box (the sandbox)."""
    result = cli.run("token")
    if result.returncode == 0:
        token = result.stdout.strip()
        answer = requests.get(
            cli.sandbox.url + USERS_ME_PATH,
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        return "ok" if answer.status_code == 200 else "dead token served"
    if result.returncode == 4 and "Sign in again" in result.stderr:
        return "sign in again"
    return f"exit {result.returncode}: {result.stderr.strip()[-200:]}"


def run_harness(cli: Cli, *mode: str) -> subprocess.CompletedProcess[str]:
    """The renewal under the kill harness, in ``mode`` (see tests/kill_harness.py)."""
    return subprocess.run(
        harness_argv(cli, *mode),
        capture_output=True,
        text=True,
        timeout=120,
        env=cli.env,
        cwd=ROOT,
        check=False,
    )


def writes_of_a_renewal(cli: Cli) -> int:
    cli.login()
    result = run_harness(cli, "none")
    assert result.returncode == 0, result.stderr
    line = [x for x in result.stderr.splitlines() if x.startswith("kill-harness: writes=")][-1]
    return int(line.split("=")[1])


def test_a_kill_right_after_each_keyring_write_leaves_a_working_token(cli: Cli) -> None:
    total = writes_of_a_renewal(cli)
    assert total >= 3  # refresh token, access token, details at the least
    seen: dict[int, str] = {}
    for n in range(1, total + 1):
        cli.login()
        killed = run_harness(cli, "after-write", str(n))
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        seen[n] = outcome(cli)
        # And the profile keeps working afterwards (the next renewal is not refused).
        if seen[n] == "ok":
            assert cli.run(*RENEW).returncode == 0
            assert outcome(cli) == "ok"
    assert seen == dict.fromkeys(range(1, total + 1), "ok")


def test_a_kill_between_boxs_answer_and_the_first_write_asks_to_sign_in_again(cli: Cli) -> None:
    cli.login()
    killed = run_harness(cli, "after-answer")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # Box burned the stored refresh token and ended the access token issued with it; the new
    # ones died with the process. Never a dead token served as valid: a plain sign-in-again.
    assert outcome(cli) == "sign in again"
    status = cli.run("status")
    assert status.returncode == 4
    assert "sign in again" in status.stdout


def test_100_kills_at_random_moments_around_the_token_exchange(cli: Cli) -> None:
    trials = int(os.environ.get("BOX_LOGIN_KILL_TRIALS", "100"))
    rng = random.Random(int(os.environ.get("BOX_LOGIN_KILL_SEED", "8")))
    # Box takes 10 ms to answer, so kills land before, during and after its answer and the
    # keyring writes that follow it.
    cli.sandbox.set_delay(TOKEN_PATH, 0.010)
    table: Counter[str] = Counter()
    killed_count = 0
    cli.login()
    for _ in range(trials):
        before = cli.sandbox.grant_count("refresh_token")
        proc = subprocess.Popen(
            harness_argv(cli, "none"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=cli.env,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 30
        while cli.sandbox.grant_count("refresh_token") == before and proc.poll() is None:
            assert time.monotonic() < deadline, "the renewal never reached the sandbox"
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.060))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        killed_count += proc.returncode == -signal.SIGKILL
        result = outcome(cli)
        table[result] += 1
        if result != "ok":
            cli.login()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "kill-renewal-table.json").write_text(
        json.dumps({"trials": trials, "killed": killed_count, "outcomes": table}, indent=2)
    )
    assert killed_count >= trials // 2, "most trials must really be killed mid-renewal"
    assert set(table) <= {"ok", "sign in again"}, dict(table)
    # The unavoidable loss is a narrow window (Box answered, nothing written yet): most kills
    # land elsewhere (before the answer, or after the new refresh token was written).
    assert table["ok"] >= trials * 0.5, dict(table)


def test_harness_counts_writes(cli: Cli, tmp_path: Path) -> None:
    """The harness itself: without a kill the renewal finishes and prints a working token."""
    assert writes_of_a_renewal(cli) >= 3
    assert outcome(cli) == "ok"
