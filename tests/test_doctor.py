"""``doctor``: the setup checks, run as a person runs them (``python main.py --config … doctor``)
against real parts: the sandbox over http and over HTTPS with a test certificate authority
(trusted through the system store, not trusted, trusted through ``ca_bundle``), a real proxy
(``proxy.py``, with and without a password), a PAC file in GNOME's real settings, a port held
by another process, the test session's real GNOME Keyring, a D-Bus that never answers, and a
host that takes connections nowhere. Unit tests cover each check's verdict logic.

How long doctor takes when everything is unreachable is measured in ``tests/bench_doctor.py``
(``make bench BENCH=doctor``), not asserted here.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import trustme

import core.doctor as doctor
import core.doctor.password_store as doctor_store
from core.doctor import CheckResult, Verdict
from core.doctor.ports import _busy_sentence, _linux_port_holders
from tests import test_company_network as company
from tests.netutil import free_port, free_ports, serving
from tests.plugin_cli import base_env
from tests.sandbox_harness import TestSandbox

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
PROXY_USER, PROXY_PASSWORD = company.PROXY_USER, company.PROXY_PASSWORD

# The company-network fixtures: a test CA, its PEM file, proxy.py, a PAC file server.
company_ca = company.company_ca
ca_file = company.ca_file
proxy_factory = company.proxy_factory
pac_server = company.pac_server

NAMES = [
    "settings",
    "redirect_ports",
    "password_store",
    "proxy",
    "dns",
    "tls",
    "authorize_endpoint",
    "token_endpoint",
    "clock",
    "box_app",
]


# --- running doctor ---------------------------------------------------------------------------


def run_doctor(
    config: Path | None, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, MAIN]
    if config is not None:
        argv += ["--config", str(config)]
    return subprocess.run(
        [*argv, "doctor", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or base_env(),
        cwd=ROOT,
        check=False,
    )


def doctor_json(
    config: Path | None, env: dict[str, str] | None = None
) -> tuple[int, dict[str, dict[str, Any]], str]:
    """Exit code, the checks by name, and all that was printed (stdout and stderr)."""
    result = run_doctor(config, "--json", env=env)
    report = json.loads(result.stdout)
    assert report["exit_code"] == result.returncode, result.stderr
    checks = {c["name"].split(":")[0]: c for c in report["checks"]}  # "tls:host" as "tls"
    assert list(checks) == NAMES
    return result.returncode, checks, result.stdout + result.stderr


def verdicts(checks: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {name: check["verdict"] for name, check in checks.items()}


def all_ok_but(checks: dict[str, dict[str, Any]], **expected: str) -> None:
    want = dict.fromkeys(NAMES, "ok") | expected
    assert verdicts(checks) == want, json.dumps(checks, indent=1)


def write_config(directory: Path, sandbox: TestSandbox, **changes: Any) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "config.json"
    path.write_text(json.dumps(sandbox.client_settings() | changes), encoding="utf-8")
    return path


def assert_no_secret(text: str, *secrets: str) -> None:
    for secret in (PROXY_PASSWORD, quote(PROXY_PASSWORD, safe=""), *secrets):
        assert secret not in text


@pytest.fixture
def box(sandbox_factory: Callable[..., TestSandbox]) -> TestSandbox:
    """The sandbox over plain http, with two free 127.0.0.1 return addresses."""
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    return sandbox_factory(redirect_uris=uris)


@pytest.fixture
def https_box(sandbox_factory: Callable[..., TestSandbox], company_ca: trustme.CA) -> TestSandbox:
    """The sandbox over HTTPS, its certificate issued by the company CA."""
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    return sandbox_factory(redirect_uris=uris, ssl_context=company.server_context(company_ca))


# --- all ok, and what is shown -----------------------------------------------------------------


def test_all_ok_against_the_sandbox(box: TestSandbox, tmp_path: Path) -> None:
    config = write_config(tmp_path, box)
    result = run_doctor(config)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(NAMES)  # one line per check, no fix lines
    assert all(line.startswith("ok       ") for line in lines)
    assert f"Settings: Using {config} (named by --config)." in lines[0]
    port_a, port_b = (int(u.rsplit(":", 1)[1].split("/")[0]) for u in box.redirect_uris)
    assert f"127.0.0.1:{port_a} and 127.0.0.1:{port_b}" in lines[1]
    assert "GNOME Keyring / Secret Service answers and is unlocked" in lines[2]
    assert "directly (no proxy is configured)" in lines[3]
    assert "Not used: Box is reached over plain http" in lines[5]
    assert "Box answers with its sign-in page for this app's client ID" in lines[9]
    assert result.stderr.strip().endswith(f"All {len(NAMES)} checks are ok.")
    assert_no_secret(result.stdout + result.stderr, box.client_secret)
    # It changed nothing at Box: an empty token request, the sign-in page shown twice.
    assert box.grant_count("authorization_code") == 0
    assert [r.method for r in box.requests_to("/oauth2/token")] == ["POST"]
    assert box.requests_to("/oauth2/token")[0].body == b""
    assert len(box.requests_to("/api/oauth2/authorize")) == 2


def test_json_report_for_it(box: TestSandbox, tmp_path: Path) -> None:
    config = write_config(tmp_path, box)
    result = run_doctor(config, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"box_login", "verdict", "exit_code", "checks"}
    assert (report["verdict"], report["exit_code"]) == ("ok", 0)
    for check in report["checks"]:
        assert set(check) == {
            "name",
            "title",
            "verdict",
            "summary",
            "fix",
            "details",
            "elapsed_ms",
        }
        assert isinstance(check["elapsed_ms"], int)
    checks = {c["name"]: c for c in report["checks"]}
    settings = checks["settings"]["details"]
    assert settings["file"] == str(config)
    assert settings["client_id"] == box.client_id
    assert checks["token_endpoint"]["details"]["status"] == 400
    assert checks["clock"]["details"]["offset_s"] == 0
    outcomes = checks["box_app"]["details"]["redirect_uris"]
    assert [o["outcome"] for o in outcomes] == ["sign_in", "sign_in"]
    assert_no_secret(result.stdout + result.stderr, box.client_secret)
    assert "state=" not in result.stdout  # no sign-in address with its query


# --- settings ------------------------------------------------------------------------------------


def offline_env(**changes: str) -> dict[str, str]:
    """For runs that fall back to Box's own addresses: a proxy that refuses, so that nothing
    leaves this computer."""
    return base_env(HTTPS_PROXY=f"http://127.0.0.1:{free_port()}", **changes)


def test_a_key_at_fault_is_named_with_its_fix(box: TestSandbox, tmp_path: Path) -> None:
    config = write_config(tmp_path, box, proxy="socks5://proxy.corp:1080")
    code, checks, _ = doctor_json(config, offline_env())
    assert code == 2
    settings = checks["settings"]
    assert settings["verdict"] == "problem"
    assert settings["details"]["key"] == "proxy"
    assert settings["details"]["file"] == str(config)
    assert '"proxy"' in settings["summary"]
    assert settings["fix"]
    # The other checks still run, with Box's defaults where the settings would say.
    assert checks["redirect_ports"]["verdict"] == "ok"
    assert checks["box_app"]["verdict"] == "warning"


def test_which_file_is_used_and_why(box: TestSandbox, tmp_path: Path) -> None:
    config = write_config(tmp_path / "named", box)
    env = base_env(BOX_LOGIN_CONFIG=str(config))
    code, checks, _ = doctor_json(None, env)
    assert code == 0
    assert "named by the BOX_LOGIN_CONFIG environment variable" in checks["settings"]["summary"]
    assert [p["role"] for p in checks["settings"]["details"]["looked_at"]][:2] == [
        "named by the BOX_LOGIN_CONFIG environment variable",
        "your own settings file",
    ]

    # The per-user file, found after an empty BOX_LOGIN_CONFIG; the system file comes last.
    user_dir = tmp_path / "xdg"
    write_config(user_dir / "box-login", box)
    env = base_env(XDG_CONFIG_HOME=str(user_dir), BOX_LOGIN_SYSTEM_CONFIG=str(tmp_path / "none"))
    code, checks, _ = doctor_json(None, env)
    assert code == 0
    assert "(your own settings file)" in checks["settings"]["summary"]

    # None anywhere: the places it looked, in order.
    env = offline_env(
        XDG_CONFIG_HOME=str(tmp_path / "empty"), BOX_LOGIN_SYSTEM_CONFIG=str(tmp_path / "none")
    )
    result = run_doctor(None, env=env)
    assert result.returncode == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith("problem  Settings: Box Login is not set up for a Box app yet")
    assert f"{tmp_path / 'none'} (the system-wide settings file" in first
    assert result.stdout.splitlines()[1].startswith("         Fix: Ask whoever gave you")


def test_unknown_keys_and_localhost_addresses_are_warnings(
    box: TestSandbox, tmp_path: Path
) -> None:
    config = write_config(tmp_path, box, proxxy="none")
    code, checks, _ = doctor_json(config)
    assert code == 1
    assert checks["settings"]["verdict"] == "warning"
    assert checks["settings"]["details"]["unknown_keys"] == ["proxxy"]
    assert '"proxxy"' in checks["settings"]["summary"]


# --- redirect ports ------------------------------------------------------------------------------


@pytest.fixture
def port_holder() -> Iterator[Callable[[int], int]]:
    """``hold(port)`` starts another process listening on 127.0.0.1:port; returns its pid."""
    started: list[subprocess.Popen[str]] = []

    def hold(port: int) -> int:
        code = (
            "import socket, sys\n"
            "s = socket.socket()\n"
            f"s.bind(('127.0.0.1', {port}))\n"
            "s.listen(1)\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n"
        )
        process = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        return process.pid

    try:
        yield hold
    finally:
        for process in started:
            process.kill()
            process.wait(10)


def test_a_busy_return_address_names_who_holds_it(
    box: TestSandbox, tmp_path: Path, port_holder: Callable[[int], int]
) -> None:
    first, second = box.redirect_uris
    busy_port = int(first.rsplit(":", 1)[1].split("/")[0])
    pid = port_holder(busy_port)
    code, checks, _ = doctor_json(write_config(tmp_path, box))
    ports = checks["redirect_ports"]
    assert (code, ports["verdict"]) == (1, "warning")
    assert f"127.0.0.1:{busy_port} is taken by another program (python" in ports["summary"]
    assert f"pid {pid})" in ports["summary"]
    assert "The sign-in will use 127.0.0.1:" in ports["summary"]
    assert ports["fix"].startswith("Nothing needs doing now.")
    entry = ports["details"]["ports"][0]
    assert entry["free"] is False
    assert entry["held_by"][0]["pid"] == pid

    # Only that one: nothing can be opened, and the fix says what to do.
    only = write_config(tmp_path / "one", box, redirect_uris=[first])
    code, checks, _ = doctor_json(only)
    ports = checks["redirect_ports"]
    assert (code, ports["verdict"]) == (2, "problem")
    assert ports["summary"].startswith("None of Box Login's return addresses can be opened.")
    assert f"(pid {pid})" in ports["fix"]
    assert f"http://127.0.0.1:{busy_port + 1}/callback" in ports["fix"]
    assert second  # still registered at the sandbox, not used here


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_port_holders_from_proc() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        port = held.getsockname()[1]
        holders = _linux_port_holders(port)
    assert holders is not None
    assert (Path("/proc/self/comm").read_text().strip(), os.getpid()) in holders
    assert _linux_port_holders(free_port()) is None


def test_windows_excluded_port_ranges_are_read_from_netsh() -> None:
    text = (
        "\nProtocol tcp Port Exclusion Ranges\n\n"
        "Start Port    End Port\n"
        "----------    --------\n"
        "      5357        5357\n"
        "     50000       50059     *\n\n"
        "* - Administered port exclusions.\n"
    )
    assert doctor.parse_excluded_port_ranges(text) == [(5357, 5357), (50000, 50059)]
    entry = {"address": "127.0.0.1:50001", "windows_excluded_range": [50000, 50059]}
    assert "reserved by Windows (excluded port range 50000-50059" in _busy_sentence(entry)


# --- password store ------------------------------------------------------------------------------


def test_no_password_store(box: TestSandbox, tmp_path: Path) -> None:
    env = base_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    code, checks, _ = doctor_json(write_config(tmp_path, box), env)
    store = checks["password_store"]
    assert (code, store["verdict"]) == (2, "problem")
    assert "No password store was found" in store["summary"]
    assert "--store encrypted-file" in store["fix"]
    # Told to keep the sign-in elsewhere, doctor does not ask the password store at all.
    result = run_doctor(write_config(tmp_path, box), "--store", "memory", env=env)
    assert result.returncode == 0, result.stdout
    assert "Password store: Not used: --store memory" in result.stdout


@pytest.fixture
def silent_dbus(tmp_path: Path) -> Iterator[str]:
    """A D-Bus that lets clients in and then never answers (a hung session bus); yields its
    address."""
    path = tmp_path / "bus"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen(8)
    stop = threading.Event()
    conns: list[socket.socket] = []

    def greet(conn: socket.socket) -> None:
        buffer = b""
        while not stop.is_set():
            try:
                data = conn.recv(4096)
            except OSError:
                return
            if not data:
                return
            buffer += data
            while b"\r\n" in buffer:
                line, buffer = buffer.split(b"\r\n", 1)
                line = line.lstrip(b"\0")
                if line.startswith(b"AUTH"):
                    conn.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
                elif line.startswith(b"NEGOTIATE_UNIX_FD"):
                    conn.sendall(b"AGREE_UNIX_FD\r\n")
                # after BEGIN: read everything, answer nothing

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conns.append(conn)
            threading.Thread(target=greet, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"unix:path={path}"
    finally:
        stop.set()
        server.close()
        for conn in conns:
            conn.close()


def test_a_password_store_that_never_answers_does_not_hold_doctor_up(
    box: TestSandbox, tmp_path: Path, silent_dbus: str
) -> None:
    env = base_env(DBUS_SESSION_BUS_ADDRESS=silent_dbus)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    code, checks, _ = doctor_json(write_config(tmp_path, box), env)
    store = checks["password_store"]
    assert (code, store["verdict"]) == (2, "problem")
    assert store["summary"] == "The password store did not answer within 5 seconds."
    assert store["details"]["answered"] is False
    # The rest were not held up.
    assert checks["box_app"]["verdict"] == "ok"


def test_the_password_store_probe_has_its_own_time_limit(
    box: TestSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def hangs() -> Any:
        release.wait(30)
        raise RuntimeError("released")

    monkeypatch.setattr(doctor_store, "PASSWORD_STORE_PROBE", hangs)
    monkeypatch.setattr(doctor_store, "STORE_TIMEOUT", 0.3)
    seen: list[str] = []
    try:
        results = doctor.run_checks(
            write_config(tmp_path, box), on_result=lambda r: seen.append(r.name)
        )
    finally:
        release.set()
    store = next(r for r in results if r.name == "password_store")
    assert store.verdict == Verdict.PROBLEM
    assert "did not answer within 0.3 seconds" in store.summary
    assert sorted(seen) == sorted(r.name for r in results)


# --- company networks ----------------------------------------------------------------------------


def test_https_with_the_company_ca_in_the_system_store(
    https_box: TestSandbox, tmp_path: Path, ca_file: Path, company_ca: trustme.CA
) -> None:
    env = company.network_free_env(SSL_CERT_FILE=str(ca_file))
    code, checks, output = doctor_json(write_config(tmp_path, https_box), env)
    all_ok_but(checks)
    assert code == 0
    tls = checks["tls"]
    organisation, unit = company.issuer_words(company_ca)
    assert tls["name"] == f"tls:127.0.0.1:{https_box.port}"
    assert tls["details"]["trusted"] is True
    assert tls["details"]["intercepted"] is True
    assert organisation in tls["details"]["issuer"]
    assert unit in tls["summary"]
    assert "the network appears to inspect secure connections" in tls["summary"]
    assert "This computer's certificate store accepts it" in tls["summary"]
    assert_no_secret(output, https_box.client_secret)


def test_https_with_an_untrusted_company_ca(
    https_box: TestSandbox, tmp_path: Path, company_ca: trustme.CA
) -> None:
    code, checks, output = doctor_json(
        write_config(tmp_path, https_box), company.network_free_env()
    )
    assert code == 2
    all_ok_but(
        checks,
        tls="problem",
        authorize_endpoint="problem",
        token_endpoint="problem",
        clock="warning",
        box_app="warning",
    )
    tls = checks["tls"]
    organisation, unit = company.issuer_words(company_ca)
    assert organisation in tls["summary"]
    assert unit in tls["summary"]
    assert "appears to inspect secure connections" in tls["summary"]
    assert '"ca_bundle"' in tls["fix"]
    assert tls["details"]["trusted"] is False
    assert "CERTIFICATE_VERIFY_FAILED" not in output
    assert https_box.requests_to("/oauth2/token") == []  # nothing got past the handshake


def test_https_with_the_company_ca_as_ca_bundle(
    https_box: TestSandbox, tmp_path: Path, ca_file: Path
) -> None:
    config = write_config(tmp_path, https_box, ca_bundle=str(ca_file))
    code, checks, _ = doctor_json(config, company.network_free_env())
    all_ok_but(checks)
    assert code == 0
    tls = checks["tls"]
    assert tls["details"]["ca_bundle"] == str(ca_file)
    assert f'with the "ca_bundle" file {ca_file}, accepts it' in tls["summary"]


def test_through_a_proxy_named_in_the_settings(
    https_box: TestSandbox,
    tmp_path: Path,
    ca_file: Path,
    proxy_factory: Callable[..., company.Proxy],
) -> None:
    proxy = proxy_factory()
    config = write_config(tmp_path, https_box, proxy=proxy.url)
    code, checks, _ = doctor_json(config, company.network_free_env(SSL_CERT_FILE=str(ca_file)))
    all_ok_but(checks)
    assert code == 0
    way = checks["proxy"]
    assert (
        f'through the proxy 127.0.0.1:{proxy.port} (named by "proxy" in Box Login\'s settings), '
        "for the sign-in page and the token calls alike" in way["summary"]
    )
    assert way["details"]["token_calls"]["source"] == "settings"
    assert "through the proxy" in checks["token_endpoint"]["summary"]
    tunnel = f"CONNECT 127.0.0.1:{https_box.port}"
    assert tunnel in proxy.wait_for(tunnel)


def test_a_proxy_that_wants_a_password(
    https_box: TestSandbox,
    tmp_path: Path,
    ca_file: Path,
    proxy_factory: Callable[..., company.Proxy],
) -> None:
    proxy = proxy_factory(basic_auth=f"{PROXY_USER}:{PROXY_PASSWORD}")
    config = write_config(tmp_path, https_box, proxy=proxy.url)
    env = company.network_free_env(SSL_CERT_FILE=str(ca_file))
    code, checks, output = doctor_json(config, env)
    assert code == 2
    way = checks["proxy"]
    assert way["verdict"] == "problem"
    assert f"The proxy server 127.0.0.1:{proxy.port}" in way["summary"]
    assert "needs a user name and password" in way["summary"]
    assert f"HTTPS_PROXY=http://USER:PASSWORD@127.0.0.1:{proxy.port}" in way["fix"]
    assert checks["token_endpoint"]["verdict"] == "problem"

    # The password in the environment variable that names the same proxy: all ok, and the
    # password is shown nowhere.
    secret = quote(PROXY_PASSWORD, safe="")
    env["HTTPS_PROXY"] = f"http://{PROXY_USER}:{secret}@127.0.0.1:{proxy.port}"
    code, checks, output = doctor_json(config, env)
    all_ok_but(checks)
    assert code == 0
    assert "user name and password from the HTTPS_PROXY" in checks["proxy"]["summary"]
    assert_no_secret(output, https_box.client_secret)
    text = run_doctor(config, "--verbose", env=env)
    assert text.returncode == 0
    assert_no_secret(text.stdout + text.stderr, https_box.client_secret)


@company.needs_gsettings
def test_a_pac_file_chooses_the_proxy(
    box: TestSandbox,
    tmp_path: Path,
    proxy_factory: Callable[..., company.Proxy],
    pac_server: Callable[[str], str],
) -> None:
    proxy = proxy_factory()
    pac_url = pac_server(
        "function FindProxyForURL(url, host) {\n"
        f'  if (url.indexOf("/oauth2/") >= 0) return "PROXY 127.0.0.1:{proxy.port}";\n'
        '  return "DIRECT";\n'
        "}\n"
    )
    gnome = company.gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    env = company.network_free_env(
        GSETTINGS_BACKEND=gnome["GSETTINGS_BACKEND"], XDG_CONFIG_HOME=gnome["XDG_CONFIG_HOME"]
    )
    code, checks, _ = doctor_json(write_config(tmp_path / "settings", box), env)
    all_ok_but(checks)
    assert code == 0
    way = checks["proxy"]
    assert f"through the proxy 127.0.0.1:{proxy.port}" in way["summary"]
    assert f"chosen by the proxy auto-configuration (PAC) file {pac_url}" in way["summary"]
    assert way["details"]["token_calls"]["source"] == f"pac:{pac_url}"
    line = f"POST 127.0.0.1:{box.port}/oauth2/token"
    assert line in proxy.wait_for(line)


@company.needs_gsettings
def test_a_pac_file_that_cannot_be_fetched_is_a_warning(box: TestSandbox, tmp_path: Path) -> None:
    pac_url = f"http://127.0.0.1:{free_port()}/proxy.pac"
    gnome = company.gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    env = company.network_free_env(
        GSETTINGS_BACKEND=gnome["GSETTINGS_BACKEND"], XDG_CONFIG_HOME=gnome["XDG_CONFIG_HOME"]
    )
    code, checks, _ = doctor_json(write_config(tmp_path / "settings", box), env)
    assert code == 1
    all_ok_but(checks, proxy="warning")
    assert "could not be used" in checks["proxy"]["summary"]
    assert "so it connects directly" in checks["proxy"]["summary"]


def test_an_unreachable_host(box: TestSandbox, tmp_path: Path) -> None:
    # A listener whose backlog is full drops every further connection: a host that answers
    # nothing, as a firewall that drops packets does.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))
    try:
        config = write_config(tmp_path, box, base_url=f"https://127.0.0.1:{port}")
        code, checks, _ = doctor_json(config)
    finally:
        filler.close()
        listener.close()
    assert code == 2
    all_ok_but(checks, tls="problem", token_endpoint="problem")
    assert "could not connect to 127.0.0.1 within 3 seconds" in checks["token_endpoint"]["summary"]
    assert checks["tls"]["summary"].startswith("Not checked:")


def test_a_host_that_does_not_resolve(box: TestSandbox, tmp_path: Path) -> None:
    config = write_config(tmp_path, box, base_url="https://box-login-test.invalid")
    result = run_doctor(config)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    dns = next(line for line in lines if line.startswith("problem  Name lookup:"))
    assert "could not find box-login-test.invalid on the network" in dns
    # The same cause fails the later checks: its fix is spelled out once.
    assert sum("Fix: Check your internet connection" in line for line in lines) == 1
    assert "Fix: as above." in result.stdout


# --- the Box app ---------------------------------------------------------------------------------


def test_an_unknown_client_id(box: TestSandbox, tmp_path: Path) -> None:
    code, checks, _ = doctor_json(write_config(tmp_path, box, client_id="not-this-app"))
    assert code == 2
    app = checks["box_app"]
    assert app["verdict"] == "problem"
    assert "Box does not know this app" in app["summary"]
    assert "not-this-app" in app["summary"]
    assert app["details"]["redirect_uris"][0]["error"] == "invalid_client"
    assert checks["authorize_endpoint"]["verdict"] == "ok"  # Box itself answered


def test_return_addresses_box_does_not_accept(box: TestSandbox, tmp_path: Path) -> None:
    registered = box.redirect_uris[0]
    other = f"http://127.0.0.1:{free_port()}/callback"
    # The first one unregistered: every sign-in that opens it fails.
    code, checks, _ = doctor_json(
        write_config(tmp_path / "a", box, redirect_uris=[other, registered])
    )
    assert (code, checks["box_app"]["verdict"]) == (2, "problem")
    assert f"does not accept the return address {other}" in checks["box_app"]["summary"]
    assert f"Register {other} exactly" in checks["box_app"]["fix"]
    # Only a later one: a warning (used only when the first port is busy).
    code, checks, _ = doctor_json(
        write_config(tmp_path / "b", box, redirect_uris=[registered, other])
    )
    assert (code, checks["box_app"]["verdict"]) == (1, "warning")
    outcomes = [(u["outcome"], u["error"]) for u in checks["box_app"]["details"]["redirect_uris"]]
    assert outcomes == [("sign_in", None), ("error", "redirect_uri_mismatch")]


def test_a_scope_box_does_not_accept(box: TestSandbox, tmp_path: Path) -> None:
    code, checks, _ = doctor_json(write_config(tmp_path, box, scope="no_such_scope"))
    assert (code, checks["box_app"]["verdict"]) == (2, "problem")
    assert '"scope" in the settings: "no_such_scope"' in checks["box_app"]["summary"]


def test_classify_authorize_answers() -> None:
    uri = "http://127.0.0.1:8765/callback"
    sign_in = '<form method="post"><input name="login"><input type="password" name="password">'
    assert doctor.classify_authorize_answer(200, {}, sign_in, uri) == ("sign_in", None)
    error_page = '<main id="error-page" data-error="invalid_client">'
    assert doctor.classify_authorize_answer(400, {}, error_page, uri) == (
        "error",
        "invalid_client",
    )
    assert doctor.classify_authorize_answer(200, {}, error_page, uri) == (
        "error",
        "invalid_client",
    )
    assert doctor.classify_authorize_answer(400, {}, "<p>Oops</p>", uri) == ("error", None)
    assert doctor.classify_authorize_answer(200, {}, "<p>Welcome</p>", uri) == ("unknown", None)
    back = {"location": f"{uri}?error=invalid_scope&state=x"}
    assert doctor.classify_authorize_answer(302, back, "", uri) == ("error", "invalid_scope")
    onward = {"location": "https://account.box.com/login?redirect_url=%2Fapi%2Foauth2"}
    assert doctor.classify_authorize_answer(302, onward, "", uri) == ("sign_in", None)


# --- the clock, and answers that are not Box's -------------------------------------------------


@pytest.fixture
def fake_box() -> Iterator[Callable[..., str]]:
    """``serve(skew=…, token_page=…)``: a Box stand-in whose ``Date`` is ``skew`` seconds
    off and whose token address answers with ``token_page`` (HTML) instead of Box's JSON."""

    def serve(skew: float = 0.0, token_page: str | None = None) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def date_time_string(self, timestamp: float | None = None) -> str:
                return email.utils.formatdate(time.time() + skew, usegmt=True)

            def answer(self, status: int, body: str, kind: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.answer(200, '<form><input type="password"></form>', "text/html")

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if token_page is not None:
                    self.answer(403, token_page, "text/html")
                else:
                    self.answer(400, '{"error": "invalid_request"}', "application/json")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = servers.enter_context(serving(Handler))
        return f"http://127.0.0.1:{server.server_address[1]}"

    with contextlib.ExitStack() as servers:
        yield serve


def fake_settings(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "config.json"
    path.write_text(
        json.dumps(
            {
                "client_id": "cid",
                "client_secret": "a-client-secret",
                "redirect_uris": [f"http://127.0.0.1:{free_port()}/callback"],
                "base_url": url,
                "oauth_2_url": f"{url}/api/oauth2",
            }
        )
    )
    return path


def test_a_clock_off_by_minutes(fake_box: Callable[..., str], tmp_path: Path) -> None:
    config = fake_settings(tmp_path, fake_box(skew=-300))
    results = {r.name: r for r in doctor.run_checks(config)}
    clock = results["clock"]
    assert clock.verdict == Verdict.PROBLEM
    assert clock.summary.startswith("This computer's clock is 5 minutes ahead of Box's.")
    assert "timedatectl set-ntp true" in (clock.fix or "")
    assert 299 <= clock.details["offset_s"] <= 301
    behind = {r.name: r for r in doctor.run_checks(fake_settings(tmp_path, fake_box(skew=20)))}
    assert behind["clock"].verdict == Verdict.WARNING
    assert "20 seconds behind Box's" in behind["clock"].summary


def test_clock_offset_from_a_date_header() -> None:
    now = time.time()
    header = email.utils.formatdate(now - 60, usegmt=True)
    offset = doctor.clock_offset(header, now)
    assert offset is not None
    assert 59 <= offset <= 61
    assert doctor.clock_offset(None, now) is None
    assert doctor.clock_offset("not a date", now) is None
    assert doctor.clock_result(3.0).verdict == Verdict.OK
    assert doctor.clock_result(-25.0).verdict == Verdict.WARNING
    assert doctor.clock_result(-31.0).verdict == Verdict.PROBLEM
    assert doctor.clock_result(None).verdict == Verdict.WARNING


def test_a_token_address_answered_by_someone_else(
    fake_box: Callable[..., str], tmp_path: Path
) -> None:
    url = fake_box(token_page="<h1>Blocked by your company's web filter</h1>")
    results = {r.name: r for r in doctor.run_checks(fake_settings(tmp_path, url))}
    token = results["token_endpoint"]
    assert token.verdict == Verdict.WARNING
    assert "(HTTP 403, text/html), but not as Box's token address does" in token.summary


# --- running them --------------------------------------------------------------------------------


def test_the_deadline_reports_what_did_not_finish(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # takes connections, never answers: a read that would wait 4 s
    port = listener.getsockname()[1]
    config = tmp_path / "config.json"
    config.write_text(
        json.dumps(
            {
                "client_id": "cid",
                "client_secret": "a-client-secret",
                "redirect_uris": [f"http://127.0.0.1:{free_port()}/callback"],
                "base_url": f"http://127.0.0.1:{port}",
                "oauth_2_url": f"http://127.0.0.1:{port}/api/oauth2",
            }
        )
    )
    try:
        results = doctor.run_checks(config, deadline=1.0)
    finally:
        listener.close()
    assert [r.name for r in results] == NAMES
    assert list(doctor.CHECK_NAMES) == NAMES  # the window orders its rows by it
    late = {r.name: r for r in results if r.summary.startswith("Did not finish within")}
    assert set(late) >= {"authorize_endpoint", "token_endpoint"}
    assert all(r.verdict == Verdict.PROBLEM for r in late.values())
    assert results[0].verdict == Verdict.OK


def test_exit_codes_and_the_text_report() -> None:
    ok = CheckResult("settings", Verdict.OK, "Fine.")
    warn = CheckResult("clock", Verdict.WARNING, "A bit off.", "Set it.")
    bad = CheckResult("tls:api.box.com", Verdict.PROBLEM, "Not trusted.", "Ask IT.")
    assert doctor.exit_code([ok]) == 0
    assert doctor.exit_code([ok, warn]) == 1
    assert doctor.exit_code([ok, warn, bad]) == 2
    assert doctor.report_lines([ok, warn, bad]) == [
        "ok       Settings: Fine.",
        "warning  Clock: A bit off.",
        "         Fix: Set it.",
        "problem  Secure connection to api.box.com: Not trusted.",
        "         Fix: Ask IT.",
    ]
    assert doctor.summary_line([ok, warn, bad]) == "1 problem and 1 warning in 3 checks."
    report = doctor.report_json([ok, bad])
    assert (report["verdict"], report["exit_code"]) == ("problem", 2)
    assert report["checks"][1]["title"] == "Secure connection to api.box.com"


def test_doctor_help_states_its_own_exit_codes() -> None:
    result = subprocess.run(
        [sys.executable, MAIN, "doctor", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    assert "exit codes (doctor's own):" in result.stdout
    for line in ("  0    every check is ok", "  1    warnings only", "  2    at least one problem"):
        assert line in result.stdout
    assert "the settings are missing or wrong" not in result.stdout  # not the others' codes
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`doctor` has exit codes of its own" in readme
