"""The test environment is the real one: a Secret Service keyring and a 24-bit X display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_real_secret_service_keyring_is_in_use() -> None:
    backend = keyring.get_keyring()
    assert type(backend).__module__ == "keyring.backends.SecretService", backend
    keyring.set_password("box-login-test-env", "probe", "value")
    try:
        assert keyring.get_password("box-login-test-env", "probe") == "value"
    finally:
        keyring.delete_password("box-login-test-env", "probe")


@pytest.mark.skipif(sys.platform != "linux", reason="Xvfb only on Linux")
def test_display_is_24_bit() -> None:
    display = os.environ.get("DISPLAY")
    assert display, "pytest-xvfb did not start a display"
    out = subprocess.run(
        ["xdpyinfo", "-display", display], capture_output=True, text=True, check=False
    ).stdout
    assert "depth of root window:    24 planes" in out


def test_core_and_the_command_line_do_not_import_qt() -> None:
    """Every module of core/ (subpackages included) and cli/, imported in a fresh
    interpreter, loads no PySide6 module."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import cli, core\n"
        "names = []\n"
        "for package in (core, cli):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "        names.append(info.name)\n"
        "assert len(names) > 40, names\n"
        "assert 'core.sandbox.grants' in names and 'cli.commands' in names, names\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_version_matches_pyproject() -> None:
    import tomllib

    from core.version import __version__

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["version"] == __version__


@pytest.mark.parametrize(
    ("message", "ok"),
    [
        ("Short subject\n\nA body that says why.\n", True),
        ("Short subject\n", True),
        ("x" * 72 + "\n\nbody\n", True),
        ("x" * 73 + "\n\nbody\n", False),
        ("Subject\nbody without a blank line\n", False),
        ("\n", False),
    ],
)
def test_commit_message_check(tmp_path: Path, message: str, ok: bool) -> None:
    """The pre-commit commit-msg hook: subject <= 72 characters, blank line before the body."""
    path = tmp_path / "COMMIT_EDITMSG"
    path.write_text(message, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "check-commit-message"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode == 0) is ok, done.stderr
