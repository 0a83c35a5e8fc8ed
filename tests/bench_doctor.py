"""Benchmark: how long ``main.py doctor`` takes, as a person runs it (a fresh interpreter).

1. All ok: the sandbox over HTTPS with a certificate from a test CA that the "system store"
   trusts (``SSL_CERT_FILE``, as OpenSSL and truststore read it on Linux), two free return
   addresses, the session's real GNOME Keyring.
2. Everything unreachable: both Box addresses on hosts that never answer a connection (a
   listener with a full backlog drops every SYN, as a firewall that drops packets does).

Goal (issue 9): at most 10 seconds, even in case 2. Medians of a few runs each. Needs a
usable keyring (``make bench`` runs inside tests/session.sh): ``make bench BENCH=doctor``.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
GOAL = 10.0


def _free_ports(count: int) -> list[int]:
    held = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            held.append(s)
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def _time_doctor(config: Path, env: dict[str, str], expected: int) -> float:
    argv = [sys.executable, str(ROOT / "main.py"), "--config", str(config), "doctor"]
    started = time.perf_counter()
    result = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != expected:
        raise RuntimeError(
            f"doctor exited {result.returncode}, not {expected}:\n{result.stdout}{result.stderr}"
        )
    return elapsed


def _line(label: str, times: list[float]) -> str:
    median = statistics.median(times)
    verdict = "met" if max(times) <= GOAL else "NOT met"
    return (
        f"{label}: median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
        f"n={len(times)}); goal <= {GOAL:g} s: {verdict}"
    )


def _network_free_env(**changes: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().endswith("_proxy")
        and k not in ("BOX_LOGIN_CONFIG", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE")
    }
    env.update(changes)
    return env


def run() -> list[str]:
    """Measure and return printable result lines."""
    import trustme

    from core.sandbox import SandboxServer

    folder = Path(tempfile.mkdtemp(prefix="bench-doctor-"))
    ca = trustme.CA(organization_name="Bench Corp Inspection")
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in _free_ports(2))
    sandbox = SandboxServer(redirect_uris=uris, ssl_context=context).start()
    lines = []
    try:
        ok_config = folder / "ok.json"
        ok_config.write_text(json.dumps(sandbox.client_settings()))
        env = _network_free_env(SSL_CERT_FILE=str(ca_file))
        _time_doctor(ok_config, env, 0)  # warm the file cache and the keyring daemon
        lines.append(
            _line(
                "doctor, all ok (HTTPS sandbox, test CA trusted)",
                [_time_doctor(ok_config, env, 0) for _ in range(RUNS)],
            )
        )
    finally:
        sandbox.stop()

    listeners, fillers = [], []
    try:
        for _ in range(2):
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(0)
            listeners.append(listener)
            fillers.append(socket.create_connection(listener.getsockname()))
        (_, token_port), (_, oauth_port) = (s.getsockname() for s in listeners)
        dead_config = folder / "unreachable.json"
        dead_config.write_text(
            json.dumps(
                {
                    "client_id": "bench",
                    "client_secret": "bench-secret",
                    "redirect_uris": list(uris),
                    "base_url": f"https://127.0.0.1:{token_port}",
                    "oauth_2_url": f"https://127.0.0.1:{oauth_port}/api/oauth2",
                }
            )
        )
        env = _network_free_env()
        lines.append(
            _line(
                "doctor, every Box host unreachable (connections dropped)",
                [_time_doctor(dead_config, env, 2) for _ in range(max(3, RUNS - 2))],
            )
        )
    finally:
        for sock in fillers + listeners:
            sock.close()
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
