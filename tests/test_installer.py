"""End-to-end checks of an installed Box Login: install, run, sign in, remove.

Two ways to run, both only when asked to (they need an installed program):

- ``BOX_LOGIN_DEB`` names a built .deb (Debian/Ubuntu, as root): the tests install it with
  apt, check the package, run the installed ``/usr/bin/box-login``, and remove it, checking
  that nothing is left behind. ``packaging/ci-installer.sh`` builds the package and runs this
  file; see packaging/README.md. With ``BOX_LOGIN_DEB_HAS_CONFIG=1`` the package is expected to
  carry a baked-in settings file (``make deb CONFIG=...``) pointing at a sandbox on 127.0.0.1,
  which the tests start; ``BOX_LOGIN_DEB_UNBUNDLED=1`` says it was built with ``DEB_UNBUNDLE=1``.
- ``BOX_LOGIN_INSTALLED`` names the command-line executable of a Box Login that an installer
  already put in place, on any system (``packaging/windows/test-installer.sh``,
  ``packaging/macos/test-dmg.sh``): the tests run that program (smoke test, sign-in with its
  own command line against its own sandbox, the native password store). Installing it and
  checking that uninstalling leaves nothing behind is the calling script's part.
  ``BOX_LOGIN_INSTALLED_CONFIG`` names the settings file the installer baked in, if any.

The tests run in file order and share one installation (module fixture); with a .deb the last
one removes the package and checks that nothing is left behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
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
INSTALL_DIR = Path("/opt/box-login")
SYSTEM_CONFIG = Path("/etc/box-login/config.json")
DESKTOP_FILE = Path(f"/usr/share/applications/{APP_ID}.desktop")
METAINFO = Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")
COPYRIGHT = Path("/usr/share/doc/box-login/copyright")
APPARMOR_PROFILE = Path("/etc/apparmor.d/box-login")  # written by the postinst on AppArmor 4
ICONS = [
    Path("/usr/share/icons/hicolor/scalable/apps/box-login.svg"),
    *(
        Path(f"/usr/share/icons/hicolor/{n}x{n}/apps/box-login.png")
        for n in (16, 22, 24, 32, 48, 64, 128, 256, 512)
    ),
]

DEB = os.environ.get("BOX_LOGIN_DEB", "")
HAS_CONFIG = os.environ.get("BOX_LOGIN_DEB_HAS_CONFIG") == "1"
UNBUNDLED = os.environ.get("BOX_LOGIN_DEB_UNBUNDLED") == "1"
INSTALLED = "" if DEB else os.environ.get("BOX_LOGIN_INSTALLED", "")

#: The installed program's command-line executable.
COMMAND = Path(INSTALLED) if INSTALLED else Path("/usr/bin/box-login")
#: The settings file the installer baked in (None: built without one).
BAKED_CONFIG: Path | None
if DEB:
    BAKED_CONFIG = SYSTEM_CONFIG if HAS_CONFIG else None
else:
    _baked = os.environ.get("BOX_LOGIN_INSTALLED_CONFIG", "")
    BAKED_CONFIG = Path(_baked) if _baked else None

#: The native password store of each system: (keyring backend module, its plain name).
NATIVE_STORE = {
    "linux": ("keyring.backends.SecretService", "Secret Service"),
    "win32": ("keyring.backends.Windows", "Windows Credential Manager"),
    "darwin": ("keyring.backends.macOS", "macOS Keychain"),
}


def _why_not() -> str | None:
    if INSTALLED:
        if not COMMAND.is_file():
            return f"BOX_LOGIN_INSTALLED={INSTALLED} does not exist"
        if sys.platform not in NATIVE_STORE:
            return f"no native password store known for {sys.platform}"
        return None
    if not DEB:
        return (
            "installer tests need BOX_LOGIN_DEB=path/to/box-login_*.deb (packaging/ci-installer.sh)"
            " or BOX_LOGIN_INSTALLED=path/to/the/installed/box-login"
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
deb_only = pytest.mark.skipif(
    not DEB,
    reason="checks the Debian package itself (BOX_LOGIN_DEB); the installer's script "
    "checks its own files",
)


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
    """Run the installed program (not the source tree's main.py)."""
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
    from tests.sandbox_harness import complete_authorization

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
    # The system's own password store: the real GNOME Keyring of the test session on Linux,
    # Windows Credential Manager, the keychain the macOS job created.
    assert NATIVE_STORE[sys.platform][1] in status.stdout, status.stdout


# --- the installation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed() -> Iterator[list[Path]]:
    """Install the package (resolving Depends with apt); yields the files dpkg installed.

    With ``BOX_LOGIN_INSTALLED`` the program is already installed: yields no file list.
    """
    if INSTALLED:
        assert COMMAND.is_file(), COMMAND
        yield []
        return
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


def _needed_libraries(root: Path) -> dict[str, str]:
    """Every DT_NEEDED soname of every ELF file under ``root`` that the tree itself does not
    provide: ``{soname: a file that needs it}``."""
    provided = {p.name for p in root.rglob("*.so*")}
    needed: dict[str, str] = {}
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        dynamic = _run("readelf", "-d", "-W", path, check=False).stdout
        for soname in re.findall(r"\(NEEDED\).*\[(.+?)\]", dynamic):
            if soname not in provided:
                needed.setdefault(soname, str(path.relative_to(root)))
    return needed


def _owning_packages(soname: str, loader_cache: str) -> set[str]:
    """The installed package(s) that provide ``soname`` here (``loader_cache``: ``ldconfig -p``)."""
    match = re.search(rf"^\s*{re.escape(soname)} \(.*x86-64.*\) => (\S+)$", loader_cache, re.M)
    assert match, f"{soname} is not installed on this machine"
    path = Path(match.group(1))
    for candidate in (path, path.resolve(), str(path).removeprefix("/usr"), f"/usr{path}"):
        found = _run("dpkg-query", "-S", candidate, check=False)
        if found.returncode == 0:
            return {p.strip() for p in found.stdout.split(":", 1)[0].split(",")}
    raise AssertionError(f"{path} belongs to no package")


@deb_only
def test_package_metadata(tmp_path: Path) -> None:
    """Name, version from pyproject.toml, Depends on Mesa, the layout, the conffile."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert _deb_field("Package") == PACKAGE
    assert _deb_field("Version") == version
    assert _deb_field("Architecture") == "amd64"
    depends = _deb_field("Depends")
    depends_on = {
        alternative.split()[0]
        for item in depends.split(",")
        for alternative in item.split("|")
        if alternative.strip()
    }

    def in_depends(package: str) -> bool:
        return bool(re.search(rf"(^|, ){re.escape(package)}(,|$| )", depends))

    # Never bundled (PyInstaller leaves the system's GL alone; Mesa's drivers are dlopen()ed).
    for needed in ("libgl1", "libegl1", "libgl1-mesa-dri"):
        assert in_depends(needed), depends
    listing = _run("dpkg-deb", "--contents", DEB).stdout
    bundled = {
        line.split(" ./", 1)[1].split(" -> ")[0].rsplit("/", 1)[-1]
        for line in listing.splitlines()
        if " ./opt/box-login/_internal/" in line
    }
    # NSS and the xcb cursor library: with DEB_UNBUNDLE=1 taken from the system through
    # Depends; by default in the bundle or in Depends, never neither. By default the bundle
    # keeps the NSS it was built with (no dependency on a release's package names).
    for library, package in (("libnss3.so", "libnss3"), ("libxcb-cursor.so.0", "libxcb-cursor0")):
        if UNBUNDLED:
            assert in_depends(package), depends
        else:
            assert library in bundled or in_depends(package), (library, depends)
    if not UNBUNDLED:
        assert "libnss3.so" in bundled, "the default build keeps the bundle's libraries"
    # Every library that an ELF file of the package needs and the package does not carry comes
    # from a package in Depends (or from libc6/libstdc++6/libgcc-s1, which every system has).
    tree = tmp_path / "deb"
    _run("dpkg-deb", "-x", DEB, tree, timeout=300)
    loader_cache = _run("/sbin/ldconfig", "-p").stdout
    everywhere = depends_on | {"libc6", "libgcc-s1", "libstdc++6"}
    providers = {
        soname: (who, _owning_packages(soname, loader_cache))
        for soname, who in _needed_libraries(tree / "opt" / "box-login").items()
    }
    uncovered = {s: where for s, where in providers.items() if not where[1] & everywhere}
    assert uncovered == {}, f"needed but neither bundled nor in Depends: {uncovered}\n{depends}"
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


@deb_only
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
    # The built catalogues are shipped; their sources and README's pictures are not.
    resources = INSTALL_DIR / "_internal" / "resources"
    assert sorted(p.name for p in (resources / "translations").iterdir()) == [
        "box-login_de.qm",
        "box-login_ja.qm",
    ]
    assert not (resources / "screenshots").exists()
    _run("desktop-file-validate", DESKTOP_FILE)
    assert COPYRIGHT.read_text(encoding="utf-8").startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    )
    done = _box_login("--version")
    assert done.returncode == 0
    assert _deb_field("Version") in done.stdout + done.stderr


@pytest.mark.usefixtures("installed")
def test_smoke_test_finds_the_keyring() -> None:
    """``box-login --smoke-test`` shows the window (under Xvfb on Linux) and uses the system's
    own password store: Secret Service, Windows Credential Manager, macOS Keychain."""
    if sys.platform == "linux":
        assert os.environ.get("DISPLAY"), "pytest-xvfb should have started Xvfb"
    started = time.monotonic()
    done = _box_login("--smoke-test", timeout=120)
    took = time.monotonic() - started
    print(f"\ninstaller-figure: installed --smoke-test {took:.2f} s")
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    module = re.escape(NATIVE_STORE[sys.platform][0])
    assert re.search(rf"^Keyring backend: {module}\.", done.stdout, re.M), done.stdout
    assert "(shown)" in done.stdout
    # The trimmed bundle still renders pages and runs JavaScript in its embedded browser.
    assert "Web view: page loaded and JavaScript ran" in done.stdout, done.stdout


@pytest.mark.usefixtures("installed")
def test_the_installed_command_line_speaks_german_and_japanese() -> None:
    """The installed program carries the built catalogues: its help and messages follow
    --language (the command line reads them without Qt)."""
    german = _box_login("--language", "de", "--help")
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aufruf: "), german.stdout[:200]
    japanese = _box_login("--language", "ja", "status", "--profile", "no-such-profile")
    assert "ログイン" in japanese.stderr, japanese.stderr


@pytest.mark.usefixtures("installed")
def test_smoke_test_fails_without_a_keyring(tmp_path: Path) -> None:
    """Without a password store the frozen keyring has only ``fail``: exit 6, not a silent 0.

    On Linux the store really is missing (no D-Bus session); elsewhere the system's store cannot
    be taken away, so keyring's own setting pins its ``fail`` backend.
    """
    if sys.platform == "linux":
        env = _app_env(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    else:
        env = _app_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = subprocess.run(
        [str(COMMAND), "--smoke-test"], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 6, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert "keyring.backends.fail" in done.stdout


def _userns_restricted() -> bool:
    """True where AppArmor forbids unprivileged user namespaces (Ubuntu 24.04 and later)."""
    knob = Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    return knob.exists() and knob.read_text(encoding="ascii").strip() == "1"


@deb_only
@pytest.mark.usefixtures("installed")
def test_web_view_in_its_sandbox_as_a_normal_user() -> None:
    """As a normal user the installed program's embedded browser runs inside Chromium's
    sandbox (no ``QTWEBENGINE_DISABLE_SANDBOX``): on Ubuntu 24.04 and later only thanks to the
    AppArmor profile the package installs, which must then be in place."""
    import pwd

    user = os.environ.get("BOX_LOGIN_TEST_USER") or "nobody"
    account = pwd.getpwnam(user)
    restricted = _userns_restricted()
    if restricted:
        assert APPARMOR_PROFILE.is_file(), "AppArmor restricts user namespaces: profile missing"
    else:
        probe = _run(
            "runuser", "-u", user, "--", "unshare", "--user", "--map-root-user", "true",
            check=False,
        )  # fmt: skip
        if probe.returncode != 0:
            pytest.skip(
                f"this machine gives {user} no user namespaces at all (a container?), so "
                f"Chromium's sandbox cannot run here: {probe.stderr.strip()}"
            )
    # A fresh home and a copy of tests/session.sh (a private D-Bus session, GNOME Keyring and
    # Xvfb) that the user can reach: pytest's own temporary folders are root's alone.
    home = Path(tempfile.mkdtemp(prefix="box-login-user-"))
    try:
        home.chmod(0o755)  # the user must reach it; it holds no secret
        session = home / "session.sh"
        shutil.copyfile(ROOT / "tests" / "session.sh", session)
        session.chmod(0o755)
        os.chown(home, account.pw_uid, account.pw_gid)
        env = ["PATH=/usr/local/bin:/usr/bin:/bin", f"HOME={home}", "LANG=C.UTF-8"]
        done = _run(
            "runuser", "-u", user, "--", "env", "-i", *env,
            "sh", session, "--xvfb", COMMAND, "--smoke-test",
            timeout=180, check=False,
        )  # fmt: skip
    finally:
        shutil.rmtree(home, ignore_errors=True)
    output = f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert "Web view: page loaded and JavaScript ran" in done.stdout, output
    assert done.returncode == 0, output
    assert "No usable sandbox" not in done.stderr, output


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
    """An installer built with settings baked in (``make deb CONFIG=``: /etc/box-login/
    config.json; the Windows installer's ``CONFIG_FILE``) signs in with them, no --config."""
    if BAKED_CONFIG is None:
        pytest.skip(
            "the installer was built without settings (set BOX_LOGIN_DEB_HAS_CONFIG=1 or "
            "BOX_LOGIN_INSTALLED_CONFIG)"
        )
    from core.settings import user_settings_path

    assert BAKED_CONFIG.is_file(), BAKED_CONFIG
    if DEB:
        conffiles = _run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).stdout
        assert str(SYSTEM_CONFIG) in conffiles
    baked = json.loads(BAKED_CONFIG.read_text(encoding="utf-8"))
    match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)", baked["base_url"])
    assert match, "the CI CONFIG points at a sandbox on 127.0.0.1"
    if user_settings_path() != BAKED_CONFIG:  # a system-wide file: a per-user one would win
        assert not user_settings_path().exists(), "a per-user file would win over the baked one"
    sandbox = _Sandbox(int(match.group(1)))
    try:
        _sign_in()
        _assert_token_works(sandbox)
        revoked = _box_login("revoke")  # leave no sign-in in the system's password store
        assert revoked.returncode == 0, revoked.stderr
    finally:
        sandbox.stop()


def _install_keep_alive_for_this_user() -> list[Path]:
    """Keep-alive turned on with the installed command, in this user's real home (the
    package's prerm looks in the homes of the password database), plus the systemd units a
    desktop with a systemd user instance would have got, enabled. Returns their paths."""
    import pwd

    from core.keepalive_schedulers import SYSTEMD_TIMER, systemd_units

    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "XDG_RUNTIME_DIR")}
    done = subprocess.run(
        [str(COMMAND), "keep-alive", "install"],
        capture_output=True, text=True, timeout=120, check=False, env=env | {"HOME": str(home)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = home / ".config" / "autostart" / "box-login-keepalive.desktop"
    assert entry.is_file(), done.stderr
    units = home / ".config" / "systemd" / "user"
    written = [entry]
    for name, text in systemd_units([str(COMMAND), "keep-alive", "run-once"]).items():
        (units / name).parent.mkdir(parents=True, exist_ok=True)
        (units / name).write_text(text, encoding="utf-8")
        written.append(units / name)
    wants = units / "timers.target.wants" / SYSTEMD_TIMER
    wants.parent.mkdir(exist_ok=True)
    wants.unlink(missing_ok=True)
    wants.symlink_to(units / SYSTEMD_TIMER)
    return [*written, wants]


@deb_only
def test_removal_leaves_nothing_behind(installed: list[Path]) -> None:
    """``dpkg -r`` removes every file but the conffile; ``dpkg -P`` removes that too; and
    the prerm turns keep-alive off for every user (its timers and autostart entries)."""
    keep_alive = _install_keep_alive_for_this_user()
    _run("dpkg", "-r", PACKAGE)
    for path in keep_alive:
        assert not path.exists(), f"{path} left behind by dpkg -r"
        assert not path.is_symlink(), f"{path} left behind by dpkg -r"
    assert _package_status() in ("config-files", "not-installed")
    # ...and the AppArmor profile the postinst may have written (not a file of the package).
    for path in (INSTALL_DIR, COMMAND, DESKTOP_FILE, METAINFO, COPYRIGHT, APPARMOR_PROFILE, *ICONS):
        assert not path.exists(), f"{path} left behind by dpkg -r"
    left = [p for p in installed if p.exists() and not p.is_dir() and p != SYSTEM_CONFIG]
    assert left == []
    assert SYSTEM_CONFIG.exists() == HAS_CONFIG  # conffiles survive removal, as Debian wants
    _run("dpkg", "-P", PACKAGE)
    assert _package_status() == "not-installed"
    assert not SYSTEM_CONFIG.exists()
    assert not SYSTEM_CONFIG.parent.exists()
    assert not INSTALL_DIR.exists()
