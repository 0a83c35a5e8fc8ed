"""Box Login used from programs: ``token --format``, ``exec``, the keyring entries' layout and
``core/box_sdk.py`` (Box's own Python SDK, box-sdk-gen, getting its tokens from Box Login).

Everything real: ``python main.py`` subprocesses, the sandbox over loopback, the test session's
GNOME Keyring, and box-sdk-gen's own ``BoxClient`` making its HTTP calls to the sandbox.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import termios
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from core.box_sdk import BoxLoginAuth, BoxLoginCommandError, box_login_auth
from core.store import META_FORMAT
from tests.plugin_cli import MAIN, ROOT, TOKEN_PATH, Cli, base_env
from tests.sandbox_harness import TestSandbox

# --- token --format ----------------------------------------------------------------------


def test_token_format_json_has_exactly_the_documented_shape(cli: Cli) -> None:
    stored = cli.login()
    assert stored.expires_at is not None
    result = cli.run("token", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    answer = json.loads(result.stdout)
    assert list(answer) == ["access_token", "expires_at", "profile", "user"]
    assert answer["access_token"] == stored.access_token
    assert answer["profile"] == cli.profile
    assert answer["user"] == {
        "id": stored.user_id,
        "name": "Ada Lovelace",
        "login": "ada@example.com",
    }
    expires_at = datetime.fromisoformat(answer["expires_at"])
    assert expires_at.utcoffset() is not None
    assert expires_at.utcoffset().total_seconds() == 0
    assert answer["expires_at"].endswith("+00:00")  # parsed by every Python, not only 3.11+
    assert stored.expires_at - 1 < expires_at.timestamp() <= stored.expires_at


def test_token_formats_env_and_header(cli: Cli) -> None:
    stored = cli.login()
    env = cli.run("token", "--format", "env")
    assert (env.returncode, env.stdout, env.stderr) == (
        0,
        f"BOX_ACCESS_TOKEN={stored.access_token}\n",
        "",
    )
    header = cli.run("token", "--format", "header")
    assert header.returncode == 0
    assert header.stdout == f"Authorization: Bearer {stored.access_token}\n"
    plain = cli.run("token", "--format", "plain")
    assert plain.stdout == f"{stored.access_token}\n"
    # What the formats are for: a shell's eval, and curl's -H.
    shell = subprocess.run(
        ["sh", "-c", 'eval "$1"; printf %s "$BOX_ACCESS_TOKEN"', "sh", env.stdout],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shell.stdout == stored.access_token


def test_token_format_json_renews_an_expired_token_first(cli: Cli) -> None:
    old = cli.login()
    cli.expire()
    result = cli.run("token", "--format", "json", "--min-valid", "120")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["access_token"] != old.access_token
    assert cli.sandbox.is_access_token_active(answer["access_token"])
    new = cli.stored()
    assert new is not None
    assert new.expires_at is not None
    assert answer["access_token"] == new.access_token
    assert datetime.fromisoformat(answer["expires_at"]).timestamp() == int(new.expires_at)
    assert answer["user"]["login"] == "ada@example.com"
    assert cli.sandbox.grant_count("refresh_token") == 1


def test_token_formats_on_a_valid_token_import_nothing_heavy(cli: Cli) -> None:
    """The fast path stays fast in every format (test_cli checks the plain one)."""
    stored = cli.login()
    code = (
        "import sys, main\n"
        "rcs = [main.main(['--profile', sys.argv[1], 'token', '--format', f])\n"
        "       for f in ('json', 'env', 'header')]\n"
        "names = ('requests', 'urllib3', 'jwt', 'PySide6', 'filelock', 'core.oauth',\n"
        "         'core.child_process', 'box_sdk_gen')\n"
        "print('HEAVY', [n for n in names if n in sys.modules], rcs)\n"
    )
    env = base_env(XDG_CONFIG_HOME=str(cli.config.parent / "empty-config"))
    result = subprocess.run(
        [sys.executable, "-c", code, cli.profile],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("HEAVY [] [0, 0, 0]\n"), result.stdout
    assert f"Authorization: Bearer {stored.access_token}\n" in result.stdout


def test_token_format_is_checked() -> None:
    result = subprocess.run(
        [sys.executable, MAIN, "token", "--format", "yaml"],
        capture_output=True,
        text=True,
        env=base_env(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "plain" in result.stderr


# --- the keyring entries as an interface ---------------------------------------------------


def test_the_meta_entry_carries_its_format_version(cli: Cli) -> None:
    stored = cli.login()
    raw = cli.store.backend.get_password(cli.store.service, f"{cli.profile}:meta")
    assert raw is not None
    meta = json.loads(raw)
    assert meta["format"] == META_FORMAT == 1
    # The documented keys (README, "The keyring entries"): a program may rely on them.
    documented = {
        "format",
        "received_at",
        "expires_at",
        "refresh_expires_at",
        "user_id",
        "user_name",
        "user_login",
        "scope",
        "needs_sign_in",
        "renewal_started_at",
    }
    assert set(meta) == documented
    assert meta["renewal_started_at"] is None
    assert meta["expires_at"] == stored.expires_at
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The keyring entries") :]
    for key in documented:
        assert f"`{key}`" in section, key


def test_a_meta_entry_without_format_still_reads(cli: Cli) -> None:
    """Entries written before the version key existed (and by programs that write it back
    without it) mean format 1."""
    stored = cli.login()
    raw = cli.store.backend.get_password(cli.store.service, f"{cli.profile}:meta")
    assert raw is not None
    meta = json.loads(raw)
    del meta["format"]
    cli.store.backend.set_password(cli.store.service, f"{cli.profile}:meta", json.dumps(meta))
    assert cli.stored() == stored
    result = cli.run("token")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{stored.access_token}\n"
    status = json.loads(cli.run("status", "--json").stdout)
    assert status["access_token_valid"] is True


# --- exec ----------------------------------------------------------------------------------

SHOW_ENV = (
    "import json, os; print(json.dumps({k: os.environ.get(k) for k in "
    "('BOX_ACCESS_TOKEN', 'BOX_ACCESS_TOKEN_EXPIRES_AT', 'BOX_LOGIN_PASSPHRASE', 'KEEP_ME')}))"
)


def test_exec_gives_the_command_the_token_and_nothing_secret(cli: Cli) -> None:
    stored = cli.login()
    assert stored.expires_at is not None
    env = cli.env | {
        "BOX_LOGIN_PASSPHRASE": "not for the command",
        "BOX_ACCESS_TOKEN_EXPIRES_AT": "an old value",
        "KEEP_ME": "kept",
    }
    result = cli.run("exec", "--", sys.executable, "-c", SHOW_ENV, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    seen = json.loads(result.stdout)
    assert seen["BOX_ACCESS_TOKEN"] == stored.access_token
    expires_at = datetime.fromisoformat(seen["BOX_ACCESS_TOKEN_EXPIRES_AT"])
    assert expires_at.tzinfo is not None
    assert expires_at.timestamp() == int(stored.expires_at)
    assert seen["BOX_LOGIN_PASSPHRASE"] is None
    assert seen["KEEP_ME"] == "kept"


def test_exec_renews_first_and_the_command_can_use_the_token(cli: Cli) -> None:
    old = cli.login()
    cli.expire()
    check = (
        "import os, sys, urllib.request\n"
        "request = urllib.request.Request(sys.argv[1] + '/2.0/users/me', headers={\n"
        "    'Authorization': 'Bearer ' + os.environ['BOX_ACCESS_TOKEN']})\n"
        "print(urllib.request.urlopen(request, timeout=10).status)\n"
    )
    result = cli.run("exec", "--", sys.executable, "-c", check, cli.sandbox.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "200\n"
    new = cli.stored()
    assert new is not None
    assert new.access_token != old.access_token
    assert cli.sandbox.grant_count("refresh_token") == 1


def test_exec_min_valid_defaults_to_five_minutes(cli: Cli) -> None:
    """A command keeps one token for its whole run: exec renews one with under 300 s left,
    where token (60 s) would not."""
    stored = cli.login()
    cli.store.save(dataclasses.replace(stored, expires_at=time.time() + 200))
    assert cli.run("token").stdout == f"{stored.access_token}\n"
    assert cli.sandbox.grant_count("refresh_token") == 0
    result = cli.run("exec", "--", sys.executable, "-c", SHOW_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["BOX_ACCESS_TOKEN"] != stored.access_token
    assert cli.sandbox.grant_count("refresh_token") == 1
    again = cli.run("exec", "--min-valid", "60", "--", sys.executable, "-c", SHOW_ENV)
    assert again.returncode == 0, again.stderr
    assert cli.sandbox.grant_count("refresh_token") == 1


@pytest.mark.parametrize(
    ("script", "status"),
    [("exit 0", 0), ("exit 7", 7), ("kill -TERM $$", 128 + 15), ("kill -KILL $$", 128 + 9)],
)
def test_exec_exits_with_the_commands_status(cli: Cli, script: str, status: int) -> None:
    cli.login()
    result = cli.run("exec", "--", "sh", "-c", script)
    assert result.returncode == status, result.stderr
    assert result.stderr == ""


def test_exec_of_a_missing_or_unrunnable_command(cli: Cli, tmp_path: Path) -> None:
    cli.login()
    missing = cli.run("exec", "--", "no-such-command-here")
    assert missing.returncode == 127
    assert "no-such-command-here: command not found" in missing.stderr
    unrunnable = tmp_path / "not-executable"
    unrunnable.write_text("#!/bin/sh\n", encoding="utf-8")
    refused = cli.run("exec", "--", str(unrunnable))
    assert refused.returncode == 126
    assert "Permission denied" in refused.stderr


def test_exec_when_not_signed_in_does_not_run_the_command(cli: Cli, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = cli.run("exec", "--", "touch", str(marker))
    assert result.returncode == 4
    assert "not signed in" in result.stderr
    assert not marker.exists()


def test_exec_needs_a_command() -> None:
    for argv in (["exec"], ["exec", "--"]):
        result = subprocess.run(
            [sys.executable, MAIN, *argv],
            capture_output=True,
            text=True,
            env=base_env(),
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, argv
        assert "exec -- COMMAND" in result.stderr
    helped = subprocess.run(
        [sys.executable, MAIN, "exec", "--help"],
        capture_output=True,
        text=True,
        env=base_env(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert helped.returncode == 0
    assert "BOX_ACCESS_TOKEN_EXPIRES_AT" in helped.stdout
    assert "exit codes:" in helped.stdout


def test_exec_passes_the_commands_own_options_through(cli: Cli) -> None:
    """Everything after the command is the command's, even Box Login's option names."""
    cli.login()
    result = cli.run(
        "exec", "--", sys.executable, "-c", "import sys; print(sys.argv[1:])", "--profile", "--"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['--profile', '--']\n"


#: A command that reports each signal it receives (one line each in a file), and exits 40+N
#: after the first one and a short wait (so a second, duplicated signal is seen too). Each
#: delivery is counted where it happens, by the wakeup file descriptor: Python may run its
#: handler once for two signals that arrive close together.
SIGNAL_REPORTER = """
import os, select, signal, sys, time
out = open(sys.argv[1], "a", buffering=1)
read_end, write_end = os.pipe()
os.set_blocking(write_end, False)
signal.set_wakeup_fd(write_end)
for name in ("SIGINT", "SIGTERM", "SIGHUP"):
    signal.signal(getattr(signal, name), lambda number, frame: None)
out.write("ready\\n")
select.select([read_end], [], [], 30)
time.sleep(0.5)
os.set_blocking(read_end, False)
try:
    got = os.read(read_end, 100)
except BlockingIOError:
    got = b""
for number in got:
    out.write(f"{number}\\n")
sys.exit(40 + got[0] if got else 1)
"""


def _wait_for_line(path: Path, line: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and line in path.read_text().splitlines():
            return
        time.sleep(0.02)
    raise AssertionError(f"{line!r} never appeared in {path}")


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_exec_forwards_signals_to_the_command(cli: Cli, tmp_path: Path, name: str) -> None:
    cli.login()
    report = tmp_path / "signals"
    proc = subprocess.Popen(
        cli.argv("exec", "--", sys.executable, "-c", SIGNAL_REPORTER, str(report)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli.env,
        cwd=ROOT,
        start_new_session=True,  # no controlling terminal: a signal comes from kill alone
    )
    try:
        _wait_for_line(report, "ready")
        number = getattr(signal, name)
        proc.send_signal(number)  # to Box Login only, not to the command
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 40 + number, err
    assert report.read_text().splitlines() == ["ready", str(int(number))]


def test_exec_a_terminals_ctrl_c_reaches_the_command_once(cli: Cli, tmp_path: Path) -> None:
    """The terminal sends Ctrl-C to its whole foreground process group, the command
    included: Box Login must not send it a second one."""
    cli.login()
    report = tmp_path / "signals"
    controller, terminal = os.openpty()

    def take_the_terminal() -> None:  # in the child, after setsid: make it the controlling tty
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    try:
        proc = subprocess.Popen(
            cli.argv("exec", "--", sys.executable, "-c", SIGNAL_REPORTER, str(report)),
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env=cli.env,
            cwd=ROOT,
            start_new_session=True,
            preexec_fn=take_the_terminal,
        )
        os.close(terminal)
        terminal = -1
        try:
            _wait_for_line(report, "ready")
            os.write(controller, b"\x03")  # Ctrl-C typed at the terminal
            proc.wait(timeout=30)
        finally:
            proc.kill()
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    assert proc.returncode == 40 + signal.SIGINT
    assert report.read_text().splitlines() == ["ready", str(int(signal.SIGINT))]


def test_exec_leaves_an_ignored_hangup_ignored(cli: Cli, tmp_path: Path) -> None:
    """Under nohup (SIGHUP ignored) the command keeps ignoring SIGHUP too."""
    cli.login()
    check = (
        "import signal; print(signal.getsignal(signal.SIGHUP) == signal.SIG_IGN, "
        "signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)"
    )
    result = subprocess.run(
        ["nohup", *cli.argv("exec", "--", sys.executable, "-c", check)],
        capture_output=True,
        text=True,
        env=cli.env,
        cwd=tmp_path,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True True\n"


# --- core/box_sdk.py: box-sdk-gen through Box Login ------------------------------------------


def test_box_sdk_module_needs_nothing_from_box_login(tmp_path: Path) -> None:
    """A program copies the one file: it must load with box-sdk-gen alone, without Box
    Login's packages (whose top-level names ``core``, ``cli``, ``gui`` would clash)."""
    copy = tmp_path / "box_login_sdk.py"
    shutil.copyfile(ROOT / "core" / "box_sdk.py", copy)
    code = (
        "import importlib.util, json, sys\n"
        "spec = importlib.util.spec_from_file_location('box_login_sdk', sys.argv[1])\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['box_login_sdk'] = module\n"
        "spec.loader.exec_module(module)\n"
        "auth = module.box_login_auth('work')\n"
        "ours = [n for n in sys.modules if n.split('.')[0] in ('core', 'cli', 'gui', 'main',\n"
        "        'tests', 'resources')]\n"
        "print(json.dumps({'ours': ours, 'command': list(auth.command),\n"
        "                  'sdk': 'box_sdk_gen' in sys.modules}))\n"
    )
    # -I: no current directory, no PYTHONPATH, no user site on sys.path; run from elsewhere.
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(copy)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ours": [], "command": ["box-login"], "sdk": True}


def _wrapper(tmp_path: Path, cli: Cli) -> tuple[list[str], Path]:
    """A stand-in for the installed ``box-login``: logs its arguments, then runs main.py."""
    log = tmp_path / "box-login-calls"
    script = tmp_path / "box-login"
    script.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$*\" >> '{log}'\n"
        f"exec '{sys.executable}' '{MAIN}' --config '{cli.config}' \"$@\"\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return [str(script)], log


def _calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _client(sandbox: TestSandbox, auth: BoxLoginAuth) -> Any:
    from box_sdk_gen import BoxClient
    from box_sdk_gen.networking.base_urls import BaseUrls
    from box_sdk_gen.networking.network import NetworkSession
    from box_sdk_gen.networking.retries import BoxRetryStrategy

    session = NetworkSession(
        base_urls=BaseUrls(
            base_url=sandbox.url,
            upload_url=sandbox.url,
            oauth_2_url=sandbox.url + "/api/oauth2",
        ),
        # The SDK waits 1-3 s before its retry after a 401; the behaviour is the same faster.
        retry_strategy=BoxRetryStrategy(retry_base_interval=0.05),
    )
    return BoxClient(auth=auth, network_session=session)


@pytest.fixture
def sdk_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Everything logged at DEBUG while the test runs (to check that no token is in it)."""
    caplog.set_level(logging.DEBUG)
    return caplog


def test_box_sdk_client_calls_box_with_box_logins_token(
    cli: Cli, tmp_path: Path, sdk_log: pytest.LogCaptureFixture
) -> None:
    stored = cli.login()
    command, log = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    me = _client(cli.sandbox, auth).users.get_user_me()
    assert (me.name, me.login) == ("Ada Lovelace", "ada@example.com")
    assert _calls(log) == [f"--profile {cli.profile} token --format json"]
    assert auth.retrieve_token().access_token == stored.access_token
    assert auth.token_storage.get().access_token == stored.access_token
    assert stored.access_token not in sdk_log.text
    assert stored.access_token not in repr(auth)


def test_box_sdk_client_and_eight_token_processes_renew_once_together(
    cli: Cli, tmp_path: Path, sdk_log: pytest.LogCaptureFixture
) -> None:
    """The SDK's call meets the token Box expired while eight ``token`` processes renew it:
    one renewal in all, no refresh token used twice, no invalid_grant, every token handed
    out works."""
    first = cli.login()
    command, log = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    client = _client(cli.sandbox, auth)
    assert client.users.get_user_me().login == "ada@example.com"  # the SDK keeps this token

    cli.expire()  # at the sandbox, and in the store
    cli.sandbox.set_delay(TOKEN_PATH, 0.5)  # the others reach the lock while one renews
    procs = [cli.start("token") for _ in range(8)]
    me = client.users.get_user_me()  # 401 → Box Login → the retry
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    cli.sandbox.set_delay(TOKEN_PATH, 0)

    assert me.login == "ada@example.com"
    for _out, err, code in results:
        assert code == 0, err  # an invalid_grant would exit 4
        assert "invalid" not in err.lower()
    handed_out = {out.strip() for out, _, _ in results} | {auth.retrieve_token().access_token}
    assert first.access_token not in handed_out
    for token in handed_out:
        assert cli.sandbox.is_access_token_active(token)
    assert len(handed_out) == 1
    refreshes = [
        r.form["refresh_token"]
        for r in cli.sandbox.requests_to(TOKEN_PATH)
        if r.form.get("grant_type") == "refresh_token"
    ]
    assert refreshes == [first.refresh_token]  # one renewal, with the stored refresh token
    stored = cli.stored()
    assert stored is not None
    assert not stored.needs_sign_in
    assert stored.access_token in handed_out
    assert _calls(log) == [f"--profile {cli.profile} token --format json"] * 2
    for token in (*handed_out, first.access_token, first.refresh_token):
        assert token
        assert token not in sdk_log.text


def test_box_sdk_asks_for_a_renewal_when_box_refuses_the_stored_token(
    cli: Cli, tmp_path: Path
) -> None:
    """Box ended the token early (Box Login's store still thinks it valid): ``token`` hands
    back the same one, so the module asks for ``refresh`` and then for the token again."""
    first = cli.login()
    command, log = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    client = _client(cli.sandbox, auth)
    client.users.get_user_me()
    cli.sandbox.expire_access_tokens()  # at Box only
    assert client.users.get_user_me().login == "ada@example.com"
    token = f"--profile {cli.profile} token --format json"
    assert _calls(log) == [token, token, f"--profile {cli.profile} refresh", token]
    stored = cli.stored()
    assert stored is not None
    assert stored.access_token != first.access_token
    assert auth.retrieve_token().access_token == stored.access_token
    assert cli.sandbox.grant_count("refresh_token") == 1


def test_box_sdk_threads_refused_together_ask_box_login_once(cli: Cli, tmp_path: Path) -> None:
    """Eight threads of one program get 401 with the same token: the first asks Box Login,
    the others use what it got (no forced renewal for each)."""
    cli.login()
    command, log = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    client = _client(cli.sandbox, auth)
    client.users.get_user_me()
    cli.expire()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            barrier.wait(timeout=30)
            client.users.get_user_me()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert _calls(log) == [f"--profile {cli.profile} token --format json"] * 2
    assert cli.sandbox.grant_count("refresh_token") == 1


def test_box_sdk_hundred_calls_run_box_login_once(cli: Cli, tmp_path: Path) -> None:
    """The token is kept in memory until shortly before it expires (bench_programs times it)."""
    cli.login()
    command, log = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    client = _client(cli.sandbox, auth)
    for _ in range(100):
        client.users.get_user_me()
    assert len(_calls(log)) == 1
    assert auth.command_runs == 1


def test_box_sdk_asks_again_shortly_before_the_token_expires(cli: Cli, tmp_path: Path) -> None:
    stored = cli.login()
    assert stored.expires_at is not None
    command, log = _wrapper(tmp_path, cli)
    now = [time.time()]
    auth = BoxLoginAuth(cli.profile, command, clock=lambda: now[0])
    auth.retrieve_token()
    now[0] = stored.expires_at - 31
    auth.retrieve_token()
    assert len(_calls(log)) == 1
    now[0] = stored.expires_at - 29  # inside the 30 s margin
    auth.retrieve_token()
    assert len(_calls(log)) == 2


def test_box_sdk_downscope_and_revoke(cli: Cli, tmp_path: Path) -> None:
    stored = cli.login()
    command, _ = _wrapper(tmp_path, cli)
    auth = box_login_auth(cli.profile, command)
    client = _client(cli.sandbox, auth)
    resource = f"{cli.sandbox.url}/2.0/files/123"
    narrow = auth.downscope_token(
        ["item_preview"], resource=resource, network_session=client.network_session
    )
    assert narrow.access_token != stored.access_token
    assert cli.sandbox.is_access_token_active(narrow.access_token)
    assert narrow.restricted_to

    auth.revoke_token()  # signs the profile out, through Box Login
    assert cli.stored() is None
    assert stored.access_token is not None
    assert not cli.sandbox.is_access_token_active(stored.access_token)
    with pytest.raises(BoxLoginCommandError) as raised:
        client.users.get_user_me()
    assert raised.value.exit_code == 4
    assert "not signed in" in raised.value.message


def test_box_sdk_errors_are_plain(cli: Cli, tmp_path: Path) -> None:
    with pytest.raises(BoxLoginCommandError) as not_signed_in:
        box_login_auth(cli.profile, _wrapper(tmp_path, cli)[0]).retrieve_token()
    assert not_signed_in.value.exit_code == 4
    assert "login" in not_signed_in.value.message
    with pytest.raises(BoxLoginCommandError) as missing:
        box_login_auth(cli.profile, ["no-such-box-login"]).retrieve_token()
    assert missing.value.exit_code is None
    assert "no-such-box-login" in missing.value.message
    broken = tmp_path / "says-nonsense"
    broken.write_text("#!/bin/sh\necho 'secret-looking output'\n", encoding="utf-8")
    broken.chmod(0o755)
    with pytest.raises(BoxLoginCommandError) as unreadable:
        box_login_auth(cli.profile, [str(broken)]).retrieve_token()
    assert "could not be read" in unreadable.value.message
    assert "secret-looking" not in str(unreadable.value)
    with pytest.raises(BoxLoginCommandError, match="box-login --profile work login"):
        box_login_auth("work").get_authorize_url()


# --- the start-up of the command (issue 12, part 4) --------------------------------------------


def test_token_starts_no_program_and_skips_keyrings_macos_binding(cli: Cli) -> None:
    """Off macOS, keyring's macOS backend ran ldconfig and gcc at every start (ctypes'
    find_library for three Apple libraries) only to find nothing."""
    stored = cli.login()
    code = (
        "import sys\n"
        "started = []\n"
        "sys.addaudithook(lambda event, args: started.append(args[1]) "
        "if event == 'subprocess.Popen' else None)\n"
        "import main\n"
        "rc = main.main(['--profile', sys.argv[1], 'token'])\n"
        "print('STARTED', started, rc, sys.modules.get('keyring.backends.macOS.api', 'absent'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, cli.profile],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli.env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{stored.access_token}\nSTARTED [] 0 None\n"


HOOKS = ROOT / "packaging" / "pyinstaller-hooks"


def test_the_bundles_pyside6_hook_loads_qt_only_when_the_window_does(tmp_path: Path) -> None:
    """packaging/pyinstaller-hooks replaces PyInstaller's PySide6 run-time hook, which loads
    Qt at every start of the bundle. Run here in a plain interpreter, as the bundle would."""
    pyinstaller = pytest.importorskip("PyInstaller")
    fake_modules = Path(pyinstaller.__file__).parent / "fake-modules"
    site = Path(pytest.importorskip("PySide6").__file__).parent.parent
    code = (
        "import json, os, runpy, sys\n"
        "sys._MEIPASS = sys.argv[1]\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from _pyi_rth_utils import qt\n"
        "real, calls = qt.create_embedded_qt_conf, []\n"
        "def recorded(bindings, prefix):\n"
        "    calls.append([bindings, prefix, 'PySide6.QtCore' in sys.modules])\n"
        "    real(bindings, prefix)\n"
        "qt.create_embedded_qt_conf = recorded\n"
        "runpy.run_path(sys.argv[3])\n"
        "at_start = [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))]\n"
        "from PySide6 import QtWidgets\n"
        "from PySide6.QtCore import QFile\n"
        "print(json.dumps({'at_start': at_start, 'calls': calls,\n"
        "    'plugins': os.environ['QT_PLUGIN_PATH'],\n"
        "    'qt_conf': QFile.exists(':/qt/etc/qt.conf'),\n"
        "    'hooked': [type(f).__name__ for f in sys.meta_path if 'Qt' in type(f).__name__]}))\n"
    )
    hook = HOOKS / "rthooks" / "pyi_rth_pyside6_deferred.py"
    result = subprocess.run(
        [sys.executable, "-c", code, str(site), str(fake_modules), str(hook)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=base_env(QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    prefix = str(site / "PySide6" / "Qt")
    assert seen == {
        "at_start": [],  # nothing of Qt until the window needs it
        "calls": [["PySide6", prefix, True]],  # then PyInstaller's check, once, right after
        "plugins": str(site / "PySide6" / "Qt" / "plugins"),
        "qt_conf": True,
        "hooked": [],  # and the finder is gone
    }


def test_the_spec_uses_the_hook_and_leaves_box_sdk_out() -> None:
    import ast
    import re

    rthooks = ast.literal_eval((HOOKS / "rthooks.dat").read_text(encoding="utf-8"))
    assert rthooks == {"PySide6": ["pyi_rth_pyside6_deferred.py"]}
    spec = (ROOT / "packaging" / "box-login.spec").read_text(encoding="utf-8")
    assert 'hookspath=[str(ROOT / "packaging" / "pyinstaller-hooks")]' in spec
    assert '"core.box_sdk",' in spec
    # The hook follows PyInstaller's (pinned in pyproject.toml) in everything but the deferral.
    pyinstaller = pytest.importorskip("PyInstaller")
    theirs = (Path(pyinstaller.__file__).parent / "hooks/rthooks/pyi_rth_pyside6.py").read_text()
    ours = (HOOKS / "rthooks" / "pyi_rth_pyside6_deferred.py").read_text()

    def environment(text: str) -> set[str]:
        keys = r"""os\.environ\[["'](\w+)["']\]"""
        prepended = r"""prepend_path_to_environment_variable\([^,]+, ["'](\w+)["']\)"""
        return set(re.findall(keys, text)) | set(re.findall(prepended, text))

    assert environment(ours) == environment(theirs)
    assert 'create_embedded_qt_conf("PySide6", pyqt_path)' in theirs.replace("'", '"')
