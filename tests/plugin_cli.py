"""The command line driven as a person or a script would: ``python main.py …`` subprocesses
against a sandbox over loopback and the test session's real GNOME Keyring.

- ``cli``: a :class:`Cli` for one test: a sandbox with two 127.0.0.1 redirect URIs, a settings
  file pointing at it and a unique profile (deleted from the keyring afterwards).
  ``Cli.run_here`` runs a command in the test's own process instead, with the HTTP client's
  back-off recorded rather than waited out: for the paths where Box cannot be reached.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pytest

from core.store import KeyringStore, StoredToken, open_store
from tests.netutil import Sleeps, free_ports
from tests.sandbox_harness import TestSandbox, complete_authorization

if TYPE_CHECKING:
    from core.session import BoxLogin

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
TOKEN_PATH = "/oauth2/token"


def base_env(**changes: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BOX_LOGIN_CONFIG", None)
    env.pop("BOX_LOGIN_PASSPHRASE", None)
    env.update(changes)
    return env


@dataclass
class Cli:
    """Runs ``main.py --config <sandbox settings> --profile <unique>`` as a subprocess."""

    sandbox: TestSandbox
    config: Path
    profile: str
    store: KeyringStore
    env: dict[str, str]
    #: The waits ``run_here`` did not wait (the HTTP client's back-off), in seconds.
    sleeps: Sleeps = field(default_factory=Sleeps)

    def argv(self, *args: str) -> list[str]:
        return [
            sys.executable,
            MAIN,
            "--config",
            str(self.config),
            "--profile",
            self.profile,
            *args,
        ]

    def run(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args),
            capture_output=True,
            text=True,
            timeout=120,
            env=env or self.env,
            cwd=ROOT,
            input=input,
            check=False,
        )

    def run_here(self, *args: str, stdin: TextIO | None = None) -> subprocess.CompletedProcess[str]:
        """What ``run`` does, in this process: ``main.py``'s wiring and the command line's
        ``run``, except that the OAuth client records its back-off in ``sleeps`` instead of
        waiting (0.5 + 1 + 2 + 4 s for each call to a Box that refuses). ``stdin`` is what
        the command reads from (default: nothing, and not a terminal)."""
        import cli
        import main
        from core.oauth import AuthorizationManager
        from core.session import BoxLogin

        sleeps = self.sleeps

        class NoWaitWiring(main.Wiring):
            def box_login(self) -> BoxLogin:
                if self._box_login is None:
                    settings = self.settings()
                    auth = AuthorizationManager(
                        settings.base_urls, network=settings.network, sleep=sleeps
                    )
                    self._box_login = BoxLogin(settings, self.store(), auth=auth)
                return self._box_login

        argv = self.argv(*args)[2:]
        args_ = cli.parse_args(argv)
        out, err = io.StringIO(), io.StringIO()
        console = cli.Console(out=out, err=err, stdin=io.StringIO() if stdin is None else stdin)
        code = cli.run(args_, NoWaitWiring(args_, console), console)
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        """``main.py … ARGS`` started and left running, its output in pipes, no input."""
        return subprocess.Popen(
            self.argv(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env or self.env,
            cwd=ROOT,
        )

    def start_login(self, *args: str, env: dict[str, str] | None = None) -> LoginProcess:
        return LoginProcess(self.start("login", "--no-browser", *args, env=env))

    def login(self, *args: str, env: dict[str, str] | None = None) -> StoredToken:
        """A whole successful sign-in through the command line; returns what was stored."""
        login = self.start_login(*args, env=env)
        complete_authorization(login.url)
        result = login.finish()
        assert result.returncode == 0, result.stderr
        stored = self.stored()
        assert stored is not None
        return stored

    def stored(self) -> StoredToken | None:
        return self.store.load(self.profile)

    def expire(self) -> StoredToken:
        """Make the stored access token expired (here and at the sandbox)."""
        stored = self.stored()
        assert stored is not None
        expired = replace(stored, expires_at=time.time() - 5)
        self.store.save(expired)
        self.sandbox.expire_access_tokens()
        return expired


class LoginProcess:
    """A running ``main.py login --no-browser``: its first stdout line is the sign-in URL."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        assert proc.stdout is not None
        self.url = proc.stdout.readline().rstrip("\n")

    def finish(self, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        out, err = self.proc.communicate(timeout=timeout)
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, out, err)


def make_config(directory: Path, sandbox: TestSandbox, **changes: Any) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "config.json"
    path.write_text(json.dumps(sandbox.client_settings() | changes), encoding="utf-8")
    return path


@pytest.fixture
def cli(sandbox_factory: Callable[..., TestSandbox], tmp_path: Path) -> Iterator[Cli]:
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris)
    store = open_store()
    assert isinstance(store, KeyringStore)
    profile = f"t-{uuid.uuid4().hex[:10]}"
    try:
        yield Cli(sandbox, make_config(tmp_path / "settings", sandbox), profile, store, base_env())
    finally:
        store.delete(profile)
