"""End-to-end checks of the built Debian package: install, run, sign in, remove.

These tests change the machine (they install and purge the ``box-login`` package), so they only
run when asked to: ``BOX_LOGIN_DEB`` names a built .deb, and they run as root on Debian.
``packaging/ci-installer.sh`` builds the package and runs this file; see packaging/README.md.
With ``BOX_LOGIN_DEB_HAS_CONFIG=1`` the package is expected to carry a baked-in settings file
(``make deb CONFIG=...``) pointing at a sandbox on 127.0.0.1, which the tests start.

The tests run in file order and share one installation (module fixture); the last one removes
the package and checks that nothing is left behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.netutil import free_port as _free_port

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "box-login"
APP_ID = "com.example.BoxLogin"
COMMAND = Path("/usr/bin/box-login")
INSTALL_DIR = Path("/opt/box-login")
SYSTEM_CONFIG = Path("/etc/box-login/config.json")
DESKTOP_FILE = Path(f"/usr/share/applications/{APP_ID}.desktop")
METAINFO = Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")
COPYRIGHT = Path("/usr/share/doc/box-login/copyright")
ICONS = [
    Path("/usr/share/icons/hicolor/scalable/apps/box-login.svg"),
    *(
        Path(f"/usr/share/icons/hicolor/{n}x{n}/apps/box-login.png")
        for n in (16, 22, 24, 32, 48, 64, 128, 256, 512)
    ),
]

DEB = os.environ.get("BOX_LOGIN_DEB", "")
HAS_CONFIG = os.environ.get("BOX_LOGIN_DEB_HAS_CONFIG") == "1"


def _why_not() -> str | None:
    if not DEB:
        return (
            "installer tests need BOX_LOGIN_DEB=path/to/box-login_*.deb (packaging/ci-installer.sh)"
        )
    if not Path(DEB).is_file():
        return f"BOX_LOGIN_DEB={DEB} does not exist"
    if sys.platform != "linux" or not Path("/etc/debian_version").exists():
        return "installer tests run on Debian only"
    if os.geteuid() != 0:
        return "installer tests install a package and must run as root"
    if shutil.which("dpkg") is None:
        return "installer tests need dpkg"
    return None


pytestmark = [
    pytest.mark.skipif(_why_not() is not None, reason=_why_not() or ""),
    pytest.mark.slow,
]


# --- helpers ------------------------------------------------------------------------------------


def _run(
    *argv: str | Path, timeout: float = 120.0, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a command, capture its output, fail the test with that output on error."""
    done = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and done.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, argv))} exited {done.returncode}\n"
            f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
        )
    return done


def _app_env(**extra: str) -> dict[str, str]:
    """The environment for the installed app: no settings overrides from the test session."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOX_LOGIN_")}
    env.update(extra)
    return env


def _box_login(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run the installed /usr/bin/box-login (not the source tree's main.py)."""
    return subprocess.run(
        [str(COMMAND), *args], capture_output=True, text=True, timeout=timeout, env=_app_env()
    )


def _package_status() -> str:
    done = _run("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE, check=False)
    return done.stdout.strip() if done.returncode == 0 else "not-installed"


def _deb_field(field: str) -> str:
    return _run("dpkg-deb", "--field", DEB, field).stdout.strip()


class _Lines:
    """Reads a child process's output lines on a thread so the test can wait with a timeout."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: Any) -> None:
        for line in stream:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self.lines.append("\0EOF")
            self._cond.notify_all()

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        """The first line matching ``pattern``; fails the test after ``timeout`` seconds."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    match = regex.search(line)
                    if match:
                        return match
                left = deadline - time.monotonic()
                if "\0EOF" in self.lines or left <= 0:
                    shown = "\n".join(x for x in self.lines if x != "\0EOF")
                    pytest.fail(f"no line matching {pattern!r} (output so far):\n{shown}")
                self._cond.wait(left)

    @property
    def text(self) -> str:
        """Everything read so far."""
        with self._cond:
            return "\n".join(x for x in self.lines if x != "\0EOF")


class _Sandbox:
    """``box-login sandbox --port N`` from the installed package, as a child process."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [str(COMMAND), "sandbox", "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=_app_env(),
        )
        self.out = _Lines(self.proc.stdout)
        self.out.wait_for(r"Press Ctrl-C", timeout=60)

    def printed_settings(self) -> dict[str, Any]:
        """The settings-file JSON the sandbox printed for Box Login."""
        text = self.out.text
        data = json.loads(text[text.index("{") : text.rindex("}") + 1])
        assert isinstance(data, dict)
        return data

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _sign_in(*config_args: str) -> None:
    """``box-login [--config F] login --no-browser``, with this test acting as the browser."""
    from core.sandbox import complete_authorization

    proc = subprocess.Popen(
        [str(COMMAND), *config_args, "login", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_app_env(),
    )
    try:
        out = _Lines(proc.stdout)
        err = _Lines(proc.stderr)
        url = out.wait_for(r"^https?://\S+/authorize\?\S+$", timeout=60).group(0)
        callback = complete_authorization(url)
        assert callback.startswith("http://127.0.0.1:")
        assert proc.wait(timeout=60) == 0, err.text
        err.wait_for(r"Signed in as Ada Lovelace \(ada@example\.com\)", timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def _assert_token_works(sandbox: _Sandbox, *config_args: str) -> None:
    """``box-login token`` prints a token the sandbox accepts at /2.0/users/me."""
    done = _box_login(*config_args, "token")
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert token
    assert "\n" not in token
    me = requests.get(
        f"{sandbox.url}/2.0/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert me.status_code == 200
    assert me.json()["login"] == "ada@example.com"
    status = _box_login(*config_args, "status")
    assert status.returncode == 0, status.stderr
    assert "Secret Service" in status.stdout  # the real GNOME Keyring of the test session


# --- the installation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed() -> Iterator[list[Path]]:
    """Install the package (resolving Depends with apt); yields the files dpkg installed."""
    if _package_status() != "not-installed":
        _run("dpkg", "--purge", PACKAGE)
    deb = Path(DEB).resolve()
    started = time.monotonic()
    apt = _run(
        "apt-get",
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        str(deb),
        timeout=900,
        check=False,
    )
    if apt.returncode != 0:
        # No mirror reachable: fine if every dependency is already there.
        print(f"apt-get failed ({apt.returncode}); trying dpkg -i\n{apt.stderr[-2000:]}")
        _run("dpkg", "-i", str(deb), timeout=300)
    print(f"\ninstaller-figure: install {time.monotonic() - started:.1f} s")
    assert _package_status() == "installed"
    files = [Path(p) for p in _run("dpkg-query", "-L", PACKAGE).stdout.split("\n") if p]
    yield files
    if _package_status() != "not-installed":  # a test failed before the removal test
        _run("dpkg", "--purge", PACKAGE, check=False)


def test_package_metadata() -> None:
    """Name, version from pyproject.toml, Depends on Mesa, the layout, the conffile."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert _deb_field("Package") == PACKAGE
    assert _deb_field("Version") == version
    assert _deb_field("Architecture") == "amd64"
    depends = _deb_field("Depends")
    for needed in ("libgl1", "libegl1", "libgl1-mesa-dri", "libnss3", "libxcb-cursor0"):
        assert re.search(rf"(^|, ){re.escape(needed)}(,|$| )", depends), depends
    listing = _run("dpkg-deb", "--contents", DEB).stdout
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}  # --root-owner-group
    for path in (INSTALL_DIR / "box-login", COMMAND, DESKTOP_FILE, METAINFO, COPYRIGHT, *ICONS):
        assert f" ./{str(path).lstrip('/')}" in listing, path
    conffiles = _run("dpkg-deb", "--info", DEB, "conffiles", check=False)
    if HAS_CONFIG:
        assert conffiles.stdout.split() == [str(SYSTEM_CONFIG)]
        assert f" ./{str(SYSTEM_CONFIG).lstrip('/')}" in listing
    else:
        assert conffiles.returncode != 0 or not conffiles.stdout.strip()
        assert "./etc/" not in listing


def test_installed_files(installed: list[Path]) -> None:
    """The launcher, bundle, desktop entry, icons, metainfo and copyright are in place."""
    assert COMMAND in installed
    assert os.access(COMMAND, os.X_OK)
    assert (
        COMMAND.read_text(encoding="utf-8").rstrip().endswith('exec /opt/box-login/box-login "$@"')
    )
    assert (INSTALL_DIR / "box-login").is_file()
    assert (
        INSTALL_DIR / "_internal" / "PySide6" / "Qt" / "libexec" / "QtWebEngineProcess"
    ).is_file()
    for path in (DESKTOP_FILE, METAINFO, COPYRIGHT, *ICONS):
        assert path.is_file(), path
    _run("desktop-file-validate", DESKTOP_FILE)
    assert COPYRIGHT.read_text(encoding="utf-8").startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    )
    done = _box_login("--version")
    assert done.returncode == 0
    assert _deb_field("Version") in done.stdout + done.stderr


@pytest.mark.usefixtures("installed")
def test_smoke_test_finds_the_keyring() -> None:
    """``box-login --smoke-test`` shows the window under Xvfb and uses the Secret Service."""
    assert os.environ.get("DISPLAY"), "pytest-xvfb should have started Xvfb"
    started = time.monotonic()
    done = _box_login("--smoke-test", timeout=120)
    took = time.monotonic() - started
    print(f"\ninstaller-figure: installed --smoke-test {took:.2f} s")
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert re.search(r"^Keyring backend: .*SecretService", done.stdout, re.M), done.stdout
    assert "(shown)" in done.stdout
    # The trimmed bundle still renders pages and runs JavaScript in its embedded browser.
    assert "Web view: page loaded and JavaScript ran" in done.stdout, done.stdout


@pytest.mark.usefixtures("installed")
def test_smoke_test_fails_without_a_keyring(tmp_path: Path) -> None:
    """Without a Secret Service the frozen keyring has only ``fail``: exit 6, not a silent 0."""
    env = _app_env(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    done = subprocess.run(
        [str(COMMAND), "--smoke-test"], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 6, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert "keyring.backends.fail" in done.stdout


@pytest.mark.usefixtures("installed")
def test_sign_in_with_the_installed_command(tmp_path: Path) -> None:
    """Sandbox + ``login --no-browser`` + ``token`` with the installed binary, real keyring."""
    sandbox = _Sandbox(_free_port())
    try:
        settings = sandbox.printed_settings()
        assert settings["base_url"] == sandbox.url
        config = tmp_path / "config.json"
        config.write_text(json.dumps(settings), encoding="utf-8")
        _sign_in("--config", str(config))
        _assert_token_works(sandbox, "--config", str(config))
        revoked = _box_login("--config", str(config), "revoke")
        assert revoked.returncode == 0, revoked.stderr
        assert _box_login("--config", str(config), "status").returncode == 4  # not signed in
    finally:
        sandbox.stop()


@pytest.mark.usefixtures("installed")
def test_baked_in_settings_are_used() -> None:
    """A package built with CONFIG= signs in with /etc/box-login/config.json, no --config."""
    if not HAS_CONFIG:
        pytest.skip("the package was built without CONFIG= (set BOX_LOGIN_DEB_HAS_CONFIG=1)")
    assert SYSTEM_CONFIG.is_file()
    conffiles = _run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).stdout
    assert str(SYSTEM_CONFIG) in conffiles
    baked = json.loads(SYSTEM_CONFIG.read_text(encoding="utf-8"))
    match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)", baked["base_url"])
    assert match, "the CI CONFIG points at a sandbox on 127.0.0.1"
    user_config = Path(os.environ.get("XDG_CONFIG_HOME", "~/.config")).expanduser() / "box-login"
    assert not (user_config / "config.json").exists(), "a per-user file would win over /etc"
    sandbox = _Sandbox(int(match.group(1)))
    try:
        _sign_in()
        _assert_token_works(sandbox)
    finally:
        sandbox.stop()


def test_removal_leaves_nothing_behind(installed: list[Path]) -> None:
    """``dpkg -r`` removes every file but the conffile; ``dpkg -P`` removes that too."""
    _run("dpkg", "-r", PACKAGE)
    assert _package_status() in ("config-files", "not-installed")
    for path in (INSTALL_DIR, COMMAND, DESKTOP_FILE, METAINFO, COPYRIGHT, *ICONS):
        assert not path.exists(), f"{path} left behind by dpkg -r"
    left = [p for p in installed if p.exists() and not p.is_dir() and p != SYSTEM_CONFIG]
    assert left == []
    assert SYSTEM_CONFIG.exists() == HAS_CONFIG  # conffiles survive removal, as Debian wants
    _run("dpkg", "-P", PACKAGE)
    assert _package_status() == "not-installed"
    assert not SYSTEM_CONFIG.exists()
    assert not SYSTEM_CONFIG.parent.exists()
    assert not INSTALL_DIR.exists()
