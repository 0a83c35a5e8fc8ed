"""The command line as people and scripts use it: ``python main.py …`` in subprocesses, against
the sandbox over real HTTP and the real (test session's) GNOME Keyring."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import requests

from cli import serve_sandbox
from core.http import MAX_RETRIES
from core.sandbox import SandboxError
from tests.netutil import query
from tests.plugin_cli import MAIN, ROOT, TOKEN_PATH, Cli, base_env, make_config
from tests.sandbox_harness import TestSandbox, complete_authorization

# --- sign-in ---------------------------------------------------------------------------


def test_login_no_browser_prints_only_the_url_and_signs_in(cli: Cli) -> None:
    login = cli.start_login("--timeout", "60")
    params = query(login.url)
    assert login.url.startswith(cli.sandbox.url + "/api/oauth2/authorize?")
    assert params["redirect_uri"] == json.loads(cli.config.read_text())["redirect_uris"][0]
    callback = complete_authorization(login.url)
    result = login.finish()

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # the URL line was the only output
    assert "Signed in as Ada Lovelace (ada@example.com)" in result.stderr
    assert "GNOME Keyring" in result.stderr
    stored = cli.stored()
    assert stored is not None
    assert stored.user_login == "ada@example.com"
    assert stored.access_token
    assert cli.sandbox.is_access_token_active(stored.access_token)
    assert stored.refresh_token
    assert cli.sandbox.is_refresh_token_active(stored.refresh_token)
    for secret in (query(callback)["code"], params["state"], stored.access_token):
        assert secret not in result.stderr


def test_login_denied(cli: Cli) -> None:
    login = cli.start_login("--timeout", "60")
    complete_authorization(login.url, decision="deny")
    result = login.finish()
    assert result.returncode == 4
    assert "declined" in result.stderr
    assert result.stdout == ""
    assert cli.stored() is None


def test_login_timeout(cli: Cli) -> None:
    login = cli.start_login("--timeout", "1")
    result = login.finish()
    assert result.returncode == 4
    assert "took too long" in result.stderr
    assert cli.stored() is None


def forged(callback: str) -> str:
    parts = urllib.parse.urlsplit(callback)
    params = dict(urllib.parse.parse_qsl(parts.query))
    params["state"] = "forged-" + uuid.uuid4().hex
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(params)))


def test_forged_state_is_refused_and_the_wait_goes_on(cli: Cli) -> None:
    login = cli.start_login("--timeout", "60")
    callback = complete_authorization(login.url, follow_redirect=False)
    refused = requests.get(forged(callback), timeout=10)
    assert refused.status_code >= 400
    assert login.proc.poll() is None  # still waiting
    assert cli.stored() is None
    assert requests.get(callback, timeout=10).status_code == 200
    result = login.finish()
    assert result.returncode == 0, result.stderr
    assert cli.stored() is not None


def test_forged_state_alone_ends_in_a_timeout(cli: Cli) -> None:
    login = cli.start_login("--timeout", "3")
    callback = complete_authorization(login.url, follow_redirect=False)
    requests.get(forged(callback), timeout=10)
    result = login.finish()
    assert result.returncode == 4
    assert cli.stored() is None
    assert cli.sandbox.grant_count("authorization_code") == 0


def test_a_taken_port_moves_to_the_next_redirect_uri(cli: Cli) -> None:
    uris = json.loads(cli.config.read_text())["redirect_uris"]
    taken = urllib.parse.urlsplit(uris[0]).port
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", taken))
        squatter.listen()
        login = cli.start_login("--timeout", "60")
        assert query(login.url)["redirect_uri"] == uris[1]
        complete_authorization(login.url)
        result = login.finish()
    assert result.returncode == 0, result.stderr
    assert cli.stored() is not None


def test_all_ports_taken_is_a_plain_error(cli: Cli) -> None:
    uris = json.loads(cli.config.read_text())["redirect_uris"]
    squatters = []
    try:
        for uri in uris:
            s = socket.socket()
            s.bind(("127.0.0.1", urllib.parse.urlsplit(uri).port))
            s.listen()
            squatters.append(s)
        result = cli.run("login", "--no-browser", "--timeout", "5")
    finally:
        for s in squatters:
            s.close()
    assert result.returncode == 3
    assert result.stdout == ""
    for uri in uris:
        assert str(urllib.parse.urlsplit(uri).port) in result.stderr


# --- token -----------------------------------------------------------------------------


def test_token_prints_exactly_the_token_and_a_newline(cli: Cli) -> None:
    stored = cli.login()
    result = cli.run("token")
    assert result.returncode == 0
    assert result.stdout == f"{stored.access_token}\n"
    assert result.stderr == ""


def test_token_when_not_signed_in(cli: Cli) -> None:
    result = cli.run("token")
    assert result.returncode == 4
    assert result.stdout == ""
    assert "not signed in" in result.stderr
    assert "login" in result.stderr


def test_token_on_a_valid_token_needs_no_settings_and_imports_nothing_heavy(cli: Cli) -> None:
    stored = cli.login()
    code = (
        "import sys, main\n"
        f"rc = main.main(['--profile', {cli.profile!r}, 'token'])\n"
        "names = ('requests', 'urllib3', 'jwt', 'PySide6', 'filelock', 'core.oauth')\n"
        "print('HEAVY', [n for n in names if n in sys.modules], rc)\n"
    )
    # No --config and no settings anywhere: a valid token is served from the store alone.
    env = base_env(XDG_CONFIG_HOME=str(cli.config.parent / "empty-config"))
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{stored.access_token}\nHEAVY [] 0\n"


def test_eight_concurrent_token_processes_cause_one_refresh(cli: Cli) -> None:
    old = cli.login()
    cli.expire()
    cli.sandbox.set_delay(TOKEN_PATH, 0.5)  # the others reach the lock while one refreshes
    procs = [cli.start("token") for _ in range(8)]
    results = [(p.communicate(timeout=120), p.returncode) for p in procs]
    for (_out, err), rc in results:
        assert rc == 0, err
    tokens = {out for (out, _), _ in results}
    assert len(tokens) == 1
    (token,) = tokens
    assert token.endswith("\n")
    assert token.strip() != old.access_token
    assert cli.sandbox.is_access_token_active(token.strip())
    assert cli.sandbox.grant_count("refresh_token") == 1
    stored = cli.stored()
    assert stored is not None
    assert stored.access_token == token.strip()


def test_503_with_retry_after_during_refresh_succeeds(cli: Cli) -> None:
    cli.login()
    cli.expire()
    cli.sandbox.inject_fault(
        TOKEN_PATH, status=503, body={"error": "unavailable"}, headers={"Retry-After": "1"}
    )
    result = cli.run("token")
    assert result.returncode == 0, result.stderr
    assert cli.sandbox.is_access_token_active(result.stdout.strip())
    assert cli.sandbox.grant_count("refresh_token") == 2


def test_invalid_grant_means_sign_in_again(cli: Cli) -> None:
    cli.login()
    cli.expire()
    cli.sandbox.expire_refresh_tokens()
    result = cli.run("token")
    assert result.returncode == 4
    assert result.stdout == ""
    assert "Sign in again" in result.stderr
    assert "ada@example.com" in result.stderr
    status = cli.run("status", "--json")
    assert status.returncode == 4
    info = json.loads(status.stdout)
    assert info["needs_sign_in"] is True
    assert info["signed_in"] is False
    assert info["user_login"] == "ada@example.com"


def test_refresh_command(cli: Cli) -> None:
    old = cli.login()
    result = cli.run("refresh")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Renewed" in result.stderr
    new = cli.stored()
    assert new is not None
    assert new.access_token != old.access_token


# --- status, profiles ------------------------------------------------------------------


def test_status_json_has_the_facts_and_no_secret(cli: Cli) -> None:
    stored = cli.login()
    result = cli.run("status", "--json")
    assert result.returncode == 0
    info = json.loads(result.stdout)
    assert info["profile"] == cli.profile
    assert info["signed_in"] is True
    assert info["user_name"] == "Ada Lovelace"
    assert info["user_login"] == "ada@example.com"
    assert info["access_token_valid"] is True
    assert info["access_token_expires_at"]
    assert info["refresh_token_expires_at"]
    assert "GNOME Keyring" in info["store"]
    assert stored.access_token
    assert stored.refresh_token
    settings = json.loads(cli.config.read_text())
    for secret in (stored.access_token, stored.refresh_token, settings["client_secret"]):
        assert secret not in result.stdout
        assert secret not in result.stderr


def test_status_in_words(cli: Cli) -> None:
    stored = cli.login()
    result = cli.run("status")
    assert result.returncode == 0
    assert "Ada Lovelace (ada@example.com)" in result.stdout
    assert "valid until" in result.stdout
    assert "59 days left" in result.stdout
    assert "GNOME Keyring" in result.stdout
    assert stored.access_token
    assert stored.access_token not in result.stdout


def test_status_when_not_signed_in(cli: Cli) -> None:
    result = cli.run("status")
    assert result.returncode == 4
    assert "not signed in" in result.stdout
    assert "login" in result.stderr


def test_profiles_lists_the_signed_in_profile(cli: Cli) -> None:
    cli.login()
    result = cli.run("profiles")
    assert result.returncode == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith(cli.profile))
    assert "ada@example.com" in line


# --- revoke ----------------------------------------------------------------------------


def test_revoke_is_verified(cli: Cli) -> None:
    stored = cli.login()
    result = cli.run("revoke")
    assert result.returncode == 0, result.stderr
    assert "Box no longer accepts the old access token" in result.stderr
    assert stored.access_token
    assert stored.refresh_token
    assert not cli.sandbox.is_access_token_active(stored.access_token)
    assert not cli.sandbox.is_refresh_token_active(stored.refresh_token)
    assert cli.stored() is None
    assert cli.run("token").returncode == 4


def test_logout_when_box_is_unreachable(cli: Cli) -> None:
    """End to end, the real back-off included (7.5 s); the other offline tests run the
    command in-process with the back-off recorded instead (``Cli.run_here``)."""
    cli.login()
    cli.sandbox.stop()
    result = cli.run("logout")  # stdin is not a terminal: no question, nothing changed
    assert result.returncode == 5
    assert "could not be reached, so your sign-in was not ended at Box." in result.stderr
    assert "--forget-if-offline" in result.stderr
    assert cli.stored() is not None
    forgot = cli.run_here("logout", "--forget-if-offline")
    assert forgot.returncode == 0, forgot.stderr
    assert "Removed the sign-in from this computer" in forgot.stderr
    assert cli.stored() is None
    assert len(cli.sleeps.calls) == MAX_RETRIES  # Box was asked again before forgetting


@pytest.mark.parametrize(("answer", "code", "kept"), [("y", 0, False), ("n", 5, True)])
def test_logout_offline_in_a_terminal_asks_before_forgetting(
    cli: Cli, answer: str, code: int, kept: bool
) -> None:
    cli.login()
    cli.sandbox.stop()
    controller, terminal = pty.openpty()
    try:
        os.write(controller, f"{answer}\n".encode())
        with open(terminal, encoding="utf-8", closefd=False) as stdin:  # a real terminal
            result = cli.run_here("logout", stdin=stdin)
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Remove the sign-in from this computer anyway?" in result.stderr
    assert (cli.stored() is not None) == kept
    assert len(cli.sleeps.calls) == MAX_RETRIES  # refused: retried, then the question


# --- no password store -----------------------------------------------------------------


def files_under(*roots: Path) -> set[Path]:
    return {p for root in roots for p in root.rglob("*") if p.is_file()}


def test_no_keyring_offers_the_explicit_choice_and_writes_nothing(
    cli: Cli, no_keyring_environ: dict[str, str], tmp_path: Path
) -> None:
    before = files_under(tmp_path)
    for command in (("login", "--no-browser", "--timeout", "5"), ("token",), ("status",)):
        result = cli.run(*command, env=no_keyring_environ)
        assert result.returncode == 6, (command, result.stderr)
        assert result.stdout == ""
        assert "no password store" in result.stderr
        assert "--store encrypted-file" in result.stderr
        assert "--store memory" in result.stderr
        assert "BOX_LOGIN_PASSPHRASE" in result.stderr
    assert files_under(tmp_path) == before
    assert cli.sandbox.requests == []  # nobody was sent to sign in for nothing


def test_encrypted_file_store_keeps_no_plaintext(
    cli: Cli, no_keyring_environ: dict[str, str], tmp_path: Path
) -> None:
    env = no_keyring_environ | {"BOX_LOGIN_PASSPHRASE": "correct horse battery staple"}
    before = files_under(tmp_path)
    login = cli.start_login("--store", "encrypted-file", env=env)
    complete_authorization(login.url)
    result = login.finish()
    assert result.returncode == 0, result.stderr
    assert "encrypted file" in result.stderr
    token = cli.run("--store", "encrypted-file", "token", env=env)
    assert token.returncode == 0, token.stderr
    access = token.stdout.strip()
    assert cli.sandbox.is_access_token_active(access)
    written = files_under(tmp_path) - before
    assert written, "the encrypted file was not written where expected"
    for path in written:
        assert access.encode() not in path.read_bytes()
    wrong = cli.run(
        "--store", "encrypted-file", "token", env=env | {"BOX_LOGIN_PASSPHRASE": "wrong"}
    )
    assert wrong.returncode == 6
    assert wrong.stdout == ""


def test_encrypted_file_without_a_passphrase_or_terminal(
    cli: Cli, no_keyring_environ: dict[str, str]
) -> None:
    result = cli.run("--store", "encrypted-file", "token", env=no_keyring_environ)
    assert result.returncode == 3
    assert "BOX_LOGIN_PASSPHRASE" in result.stderr


def test_memory_store_signs_in_for_this_run_only(
    cli: Cli, no_keyring_environ: dict[str, str]
) -> None:
    login = cli.start_login("--store", "memory", env=no_keyring_environ)
    complete_authorization(login.url)
    result = login.finish()
    assert result.returncode == 0, result.stderr
    assert "forgotten when this command ends" in result.stderr
    assert "Signed in as Ada Lovelace" in result.stderr


# --- logging ---------------------------------------------------------------------------


def test_verbose_sign_in_refresh_and_revoke_log_no_secret(cli: Cli) -> None:
    login = cli.start_login("--verbose")
    callback = complete_authorization(login.url)
    signed_in = login.finish()
    assert signed_in.returncode == 0, signed_in.stderr
    first = cli.stored()
    assert first is not None
    cli.expire()
    refreshed = cli.run("--verbose", "token")
    assert refreshed.returncode == 0, refreshed.stderr
    second = cli.stored()
    assert second is not None
    revoked = cli.run("--verbose", "revoke")
    assert revoked.returncode == 0, revoked.stderr

    log = signed_in.stderr + refreshed.stderr + revoked.stderr
    assert "DEBUG" in log  # the log really was at DEBUG
    assert "/oauth2/token" in log
    secrets = {
        "code": query(callback)["code"],
        "state": query(login.url)["state"],
        "client secret": json.loads(cli.config.read_text())["client_secret"],
        "access token": first.access_token,
        "refresh token": first.refresh_token,
        "new access token": second.access_token,
        "new refresh token": second.refresh_token,
    }
    for what, value in secrets.items():
        assert value, what
        assert value not in log, f"the {what} was in the log"


# --- other grants ----------------------------------------------------------------------


def test_ccg_prints_a_token(cli: Cli) -> None:
    result = cli.run("ccg", "--subject-type", "enterprise", "--subject-id", "1000001")
    assert result.returncode == 0, result.stderr
    assert cli.sandbox.is_access_token_active(result.stdout.strip())
    as_json = cli.run("ccg", "--subject-type", "enterprise", "--subject-id", "1000001", "--json")
    data = json.loads(as_json.stdout)
    assert cli.sandbox.is_access_token_active(data["access_token"])
    assert data["token_type"] == "bearer"


def test_ccg_refused_is_explained(cli: Cli) -> None:
    result = cli.run("ccg", "--subject-type", "enterprise", "--subject-id", "999")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Details:" in result.stderr


def _jwt_app_config(path: Path, sandbox: TestSandbox, kid: str, pem: str, **auth: Any) -> Path:
    data = {
        "boxAppSettings": {
            "clientID": sandbox.client_id,
            "clientSecret": sandbox.client_secret,
            "appAuth": {"publicKeyID": kid, "privateKey": pem, **auth},
        },
        "enterpriseID": sandbox.enterprise_id,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_jwt_prints_a_token(sandbox_factory: Callable[..., TestSandbox], tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"key passphrase"),
    ).decode()
    sandbox = sandbox_factory(jwt_public_keys={"kid1": public.decode()})
    config = make_config(tmp_path, sandbox)
    app = _jwt_app_config(
        tmp_path / "app.json", sandbox, "kid1", private, passphrase="key passphrase"
    )
    argv = [sys.executable, MAIN, "--config", str(config), "jwt", "--app-config", str(app)]
    run = subprocess.run(argv, capture_output=True, text=True, env=base_env(), cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert sandbox.is_access_token_active(run.stdout.strip())
    assert sandbox.grant_count("urn:ietf:params:oauth:grant-type:jwt-bearer") == 1

    # Without the passphrase in the file and no terminal to ask on: a plain error.
    bare = _jwt_app_config(tmp_path / "bare.json", sandbox, "kid1", private)
    argv[-1] = str(bare)
    run = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=base_env(),
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 3
    assert "passphrase" in run.stderr
    assert run.stdout == ""


def test_downscope_prints_a_restricted_token(cli: Cli) -> None:
    stored = cli.login()
    resource = f"{cli.sandbox.url}/2.0/files/123"
    result = cli.run("downscope", "--scope", "item_preview item_download", "--resource", resource)
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert token != stored.access_token
    assert cli.sandbox.is_access_token_active(token)
    as_json = json.loads(
        cli.run("downscope", "--scope", "item_preview", "--resource", resource, "--json").stdout
    )
    assert as_json["restricted_to"]
    assert "refresh_token" not in as_json or not as_json["refresh_token"]


# --- help, usage, configuration --------------------------------------------------------


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, MAIN, *args],
        capture_output=True,
        text=True,
        env=env or base_env(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        (),
        ("login",),
        ("token",),
        ("status",),
        ("revoke",),
        ("ccg",),
        ("jwt",),
        ("downscope",),
        ("sandbox",),
    ],
)
def test_help_is_plain_and_documents_exit_codes(command: Sequence[str]) -> None:
    result = run_main(*command, "--help")
    assert result.returncode == 0
    assert "exit codes:" in result.stdout
    assert "130" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    result = run_main("token", "--no-such-option")
    assert result.returncode == 2
    assert result.stdout == ""
    bad_profile = run_main("--profile", "../etc", "token")
    assert bad_profile.returncode == 2
    assert "profile name" in bad_profile.stderr


def test_logout_is_an_alias_of_revoke() -> None:
    assert "Sign out" in run_main("logout", "--help").stdout


def test_not_configured_points_to_the_demo(tmp_path: Path) -> None:
    env = base_env(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        BOX_LOGIN_SYSTEM_CONFIG=str(tmp_path / "nowhere.json"),
    )
    result = run_main("login", "--no-browser", env=env)
    assert result.returncode == 3
    assert "sandbox" in result.stderr
    assert result.stdout == ""


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    result = run_main("--config", str(tmp_path / "missing.json"), "token")
    assert result.returncode == 3
    assert "missing.json" in result.stderr


def test_deeply_nested_settings_file_is_named(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    result = run_main("--config", str(deep), "--store", "memory", "login", "--no-browser")
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert f"{deep} is not valid JSON" in result.stderr
    assert "unexpected" not in result.stderr
    assert "Traceback" not in result.stderr


def test_deeply_nested_app_configuration_is_a_plain_error(tmp_path: Path) -> None:
    deep = tmp_path / "app.json"
    deep.write_text('{"boxAppSettings": ' * 100_000, encoding="utf-8")
    result = run_main("--store", "memory", "jwt", "--app-config", str(deep))
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert "Box app configuration is not valid JSON" in result.stderr
    assert "unexpected" not in result.stderr
    assert "Traceback" not in result.stderr


def test_seconds_options_accept_exactly_what_their_message_says(tmp_path: Path) -> None:
    """--timeout and --min-valid take 1 to 86400 seconds, as their error message says."""
    env = base_env(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        BOX_LOGIN_SYSTEM_CONFIG=str(tmp_path / "nowhere.json"),
    )
    message = "between 1 and 86400"
    wrong = []
    for value in ("0.0001", "0.5", "0", "-1", "nan", "inf", "-inf", "86401", "1", "86400"):
        accepted = value in ("1", "86400")
        for args in (
            ("login", "--no-browser", f"--timeout={value}"),
            ("token", f"--min-valid={value}"),
        ):
            result = run_main("--store", "memory", *args, env=env)
            # Past the parser, both commands stop at once: there are no settings (exit 3).
            refused = result.returncode == 2 and message in result.stderr
            if (result.returncode == 3) != accepted or refused == accepted:
                wrong.append((args, result.returncode, result.stderr[-200:]))
    assert wrong == []


def test_window_defaults_match_the_parser() -> None:
    """``python main.py`` without arguments skips the parser; its namespace must be the same."""
    import main
    from cli import parse_args

    parsed = vars(parse_args([]))
    defaults = vars(main.window_defaults())
    assert {key: parsed[key] for key in defaults} == defaults


def test_plain_start_opens_the_window_without_the_command_line() -> None:
    """``python main.py`` with no arguments: the window, without the cli package or its parser."""
    code = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import gui.app, main\n"
        "seen = {}\n"
        "def hook(window):\n"
        "    def exposed():\n"
        "        seen['cli'] = any(m == 'cli' or m.startswith('cli.') for m in sys.modules)\n"
        "        seen['title'] = window.windowTitle()\n"
        "        QApplication.instance().exit(0)\n"
        "    window.first_exposed.connect(exposed)\n"
        "gui.app.window_hooks.append(hook)\n"
        "sys.argv = ['main.py']\n"
        "rc = main.main()\n"
        "print(json.dumps(seen | {'rc': rc}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "cli": False,
        "title": "Box Login",
        "rc": 0,
    }


# --- the sandbox command (moved with the code from tests/test_sandbox.py) ------------------

TIMEOUT = 10.0


def test_sandbox_command_prints_what_a_person_needs_and_stops() -> None:
    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(target=serve_sandbox, args=(0, out), kwargs={"stop": stop})
    thread.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while "Ctrl-C" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        text = out.getvalue()
        match = re.search(r"running at (http://127\.0\.0\.1:(\d+))", text)
        assert match, text
        assert "ada@example.com" in text
        assert "'demo'" in text
        settings = json.loads(text[text.index("{") : text.rindex("}") + 1])
        assert settings["base_url"] == match.group(1)
        assert settings["client_id"] == "sandbox-client-id"
        response = requests.get(match.group(1) + "/2.0/users/me", timeout=TIMEOUT)
        assert response.status_code == 401
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    with pytest.raises(requests.ConnectionError):
        requests.get(match.group(1) + "/2.0/users/me", timeout=TIMEOUT)


def test_sandbox_command_saves_the_settings_file_on_request(tmp_path: Path) -> None:
    """``main.py sandbox --save-settings FILE`` writes settings that load_settings accepts."""
    from core.settings import load_settings

    target = tmp_path / "sandbox.json"
    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(
        target=serve_sandbox, args=(0, out), kwargs={"stop": stop, "settings_path": target}
    )
    thread.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while "Ctrl-C" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert f"--config {target} login" in out.getvalue()
        settings = load_settings(target)
        assert settings is not None
        assert settings.client_id == "sandbox-client-id"
        assert requests.get(settings.base_url + "/2.0/users/me", timeout=TIMEOUT).status_code == 401
        if os.name == "posix":
            assert target.stat().st_mode & 0o777 == 0o600
    finally:
        stop.set()
        thread.join(TIMEOUT)


def test_sandbox_command_on_a_taken_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = io.StringIO()
        with pytest.raises(SandboxError, match=r"could not use port"):
            serve_sandbox(port, out)
        assert out.getvalue() == ""


def test_exit_codes_have_one_home_that_help_readme_and_errors_follow() -> None:
    """core.errors.EXIT_CODES is the one list: --help prints every code, the README's table
    has the same codes, and every error class exits with a listed code."""
    import re

    import core.errors as errors
    from cli import exit_codes_help

    codes = {code for code, _ in errors.EXIT_CODES}
    for code, meaning in errors.EXIT_CODES:
        assert re.search(rf"^  {code}\s+{re.escape(meaning)}$", exit_codes_help(), re.M), code
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Exit codes") :].split("\n\n")[1]
    assert {int(m) for m in re.findall(r"^\| (\d+) \|", table, re.M)} == codes
    classes = [c for c in vars(errors).values() if isinstance(c, type)]
    for cls in classes:
        if issubclass(cls, errors.BoxLoginError):
            assert cls.exit_code in codes, cls
    assert errors.EXIT_WEB_VIEW_FAILED in codes
    assert errors.EXIT_NO_KEYRING in codes


def test_the_command_line_speaks_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Help texts, argparse's own words and the commands' sentences come from the catalogue
    (made here with pyside6-lrelease; the shipped ones are filled in later)."""
    from cli import build_parser
    from core import translation
    from core.doctor import CheckResult, Verdict, report_lines, summary_line

    messages = {
        "argparse": {"usage: ": "Aufruf: "},
        "CommandLineHelp": {"print the same as JSON": "dasselbe als JSON ausgeben"},
        "CommandLine": {"Profile": "Profil", "{label}:": "{label}:"},
        "Doctor": {"All {count} checks are ok.": "Alle {count} Prüfungen sind in Ordnung."},
    }
    contexts = "".join(
        f"<context><name>{name}</name>"
        + "".join(
            f"<message><source>{source}</source><translation>{text}</translation></message>"
            for source, text in pairs.items()
        )
        + "</context>"
        for name, pairs in messages.items()
    )
    ts = tmp_path / "box-login_de.ts"
    ts.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        f"{contexts}</TS>",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts)], check=True)
    try:
        translation.use_language("de", tmp_path)
        parser = build_parser("main.py")
        assert parser.format_usage().startswith("Aufruf: main.py")
        with pytest.raises(SystemExit):
            parser.parse_args(["status", "--help"])
        assert "dasselbe als JSON ausgeben" in capsys.readouterr().out
        ok = CheckResult("clock", Verdict.OK, "fine")
        assert summary_line([ok]) == "Alle 1 Prüfungen sind in Ordnung."
        assert report_lines([ok]) == ["ok       Clock: fine"]
    finally:
        translation.use_language("en")
    assert build_parser("main.py").format_usage().startswith("usage: main.py")
