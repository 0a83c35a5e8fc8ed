"""Programs Box Login starts get its environment without its secrets (BOX_LOGIN_PASSPHRASE):
``core.childenv`` on its own, and the real web browser that ``login`` opens (a stand-in named
by BROWSER that writes down its environment) against the sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cli as cli_module
from core.store import KeyringStore, open_store
from tests.netutil import free_ports
from tests.plugin_cli import MAIN, ROOT, base_env, make_config
from tests.sandbox_harness import TestSandbox, complete_authorization

PASSPHRASE = "correct horse battery staple"


def test_child_environment_leaves_out_the_passphrase_and_keeps_the_rest() -> None:
    from core.childenv import (
        SECRET_ENVIRONMENT_VARIABLES,
        child_environment,
        forget_secret_environment,
    )

    assert cli_module.PASSPHRASE_ENV in SECRET_ENVIRONMENT_VARIABLES
    environ = {"BOX_LOGIN_PASSPHRASE": PASSPHRASE, "HTTPS_PROXY": "http://proxy:3128", "A": "b"}
    assert child_environment(environ) == {"HTTPS_PROXY": "http://proxy:3128", "A": "b"}
    assert environ["BOX_LOGIN_PASSPHRASE"] == PASSPHRASE  # a copy: the original is untouched
    forget_secret_environment(environ)
    assert environ == {"HTTPS_PROXY": "http://proxy:3128", "A": "b"}
    forget_secret_environment(environ)  # nothing left to forget: no error


def test_child_environment_defaults_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.childenv import child_environment, forget_secret_environment

    monkeypatch.setenv("BOX_LOGIN_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOX_LOGIN_TEST_MARK", "kept")
    copy = child_environment()
    assert "BOX_LOGIN_PASSPHRASE" not in copy
    assert copy["BOX_LOGIN_TEST_MARK"] == "kept"
    forget_secret_environment()
    probe = "import os; print(os.environ.get('BOX_LOGIN_PASSPHRASE', 'none'))"
    seen = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert seen == "none\n"


# --- the browser that ``login`` opens --------------------------------------------------------


def _fake_browser(directory: Path) -> tuple[Path, Path]:
    """A stand-in web browser (for BROWSER): writes its environment and arguments to a file."""
    script = directory / "fake-browser"
    dump = directory / "browser-saw.json"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"path = {str(dump)!r}\n"
        "with open(path + '.tmp', 'w') as f:\n"
        "    json.dump({'env': dict(os.environ), 'argv': sys.argv[1:]}, f)\n"
        "os.replace(path + '.tmp', path)\n",
        encoding="utf-8",
    )
    script.chmod(0o700)
    return script, dump


@pytest.fixture
def sandbox_config(
    sandbox_factory: Callable[..., TestSandbox], tmp_path: Path
) -> Iterator[tuple[Path, str]]:
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris)
    profile = f"t-{uuid.uuid4().hex[:10]}"
    store = open_store()
    assert isinstance(store, KeyringStore)
    try:
        yield make_config(tmp_path / "settings", sandbox), profile
    finally:
        store.delete(profile)


@pytest.mark.parametrize("store", ["keyring", "encrypted-file"])
def test_the_browser_login_opens_gets_no_passphrase(
    sandbox_config: tuple[Path, str],
    no_keyring_environ: dict[str, str],
    tmp_path: Path,
    store: str,
) -> None:
    config, profile = sandbox_config
    script, dump = _fake_browser(tmp_path)
    env = base_env() if store == "keyring" else dict(no_keyring_environ)
    env.update(
        BROWSER=str(script),
        BOX_LOGIN_PASSPHRASE=PASSPHRASE,
        BOX_LOGIN_TEST_MARK="inherited",
    )
    store_args = [] if store == "keyring" else ["--store", "encrypted-file"]
    argv = [sys.executable, MAIN, "--config", str(config), "--profile", profile, *store_args]
    login = subprocess.Popen(
        [*argv, "login", "--timeout", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while not dump.exists():
            assert login.poll() is None, login.communicate()
            assert time.monotonic() < deadline, "the browser was never opened"
            time.sleep(0.05)
        saw = json.loads(dump.read_text(encoding="utf-8"))
        # The browser was asked to open the sign-in page; finish the sign-in there.
        (url,) = saw["argv"]
        complete_authorization(url)
        _out, err = login.communicate(timeout=60)
    finally:
        login.kill()
    assert login.returncode == 0, err
    assert saw["env"]["BOX_LOGIN_TEST_MARK"] == "inherited"  # the rest of the environment
    assert "BOX_LOGIN_PASSPHRASE" not in saw["env"]
    assert not [name for name, value in saw["env"].items() if PASSPHRASE in value]
    if store == "encrypted-file":
        # The passphrase was still what protects the file: the next command reads it again.
        token = subprocess.run(
            [*argv, "token"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        assert token.returncode == 0, token.stderr
        assert token.stdout.strip()
