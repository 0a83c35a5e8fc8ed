"""The GitHub workflows (.github/workflows) can only run on GitHub's runners, so what can be
checked here is checked here: every script and path a workflow runs exists in the repository
(and is executable where it is run directly), the Ubuntu jobs run the very steps CI runs here
(.ci/run, which runs ``make test`` and packaging/ci-installer.sh, and ``make deb``), each
required system has its job, actions are pinned to commit SHAs, and nothing from the event
reaches a shell. ``make lint`` adds GitHub's workflow schema (check-jsonschema) and zizmor.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
#: The systems the installers are for, each with its own job (issue 11).
RUNNERS = {"windows-latest", "macos-latest", "macos-13", "ubuntu-22.04", "ubuntu-24.04"}
#: Paths that workflows name but the build creates (never in the repository).
BUILT = ("dist/", "build/", "release/", ".venv/")
_PATH = re.compile(r"(?<![\w/.-])((?:\.ci|\.github|packaging|tests|resources)/[\w./*-]+)")


def _load(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def _runs(workflow: dict[str, Any], job: str | None = None) -> list[str]:
    """The ``run:`` scripts of every step (of ``job`` only, when given), in order."""
    return [
        step["run"]
        for name, step in _steps(workflow)
        if "run" in step and (job is None or name == job)
    ]


def _git_mode(relative: str) -> str:
    # safe.directory: the Ubuntu jobs run the suite as root in a checkout the runner user owns.
    done = subprocess.run(
        ["git", "-c", f"safe.directory={ROOT}", "-C", str(ROOT), "ls-files", "-s", "--", relative],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()[0] if done.stdout else ""


def _commands(script: str) -> list[list[str]]:
    """The simple commands of a ``run:`` script, split into words (line continuations joined)."""
    commands = []
    for line in script.replace("\\\n", " ").splitlines():
        for part in re.split(r"&&|\|\||;|\|", line):
            try:
                words = shlex.split(part, comments=True)
            except ValueError:
                continue
            while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
                words = words[1:]  # VAR=value before the command
            if words[:1] == ["sudo"]:
                words = words[1:]
                if words[:1] == ["env"]:
                    words = [w for w in words[1:] if "=" not in w]
            if words:
                commands.append(words)
    return commands


def test_there_are_workflows() -> None:
    assert RELEASE in WORKFLOWS


def test_scripts_keep_lf_line_endings_on_windows() -> None:
    """Git for Windows checks text out with CRLF unless told otherwise; bash then fails."""
    for path in ("packaging/windows/build-installer.sh", "packaging/ci-sandbox-config.sh"):
        done = subprocess.run(
            ["git", "-c", f"safe.directory={ROOT}", "-C", str(ROOT), "check-attr", "eol", path],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip().endswith("eol: lf"), done.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_path_a_workflow_names_exists(path: Path) -> None:
    """Scripts and files the steps name are in the repository; those run directly are
    executable there (as git records it, which is what a fresh checkout gets)."""
    workflow = _load(path)
    named: set[str] = set()
    for script in _runs(workflow):
        named |= set(_PATH.findall(script))
        for words in _commands(script):
            if "/" in words[0] and not words[0].startswith(BUILT):
                assert _git_mode(words[0]) == "100755", f"{words[0]} is not executable in git"
    assert named, "no script named?"
    for name in sorted(named):
        if name.startswith(BUILT):
            continue
        if "*" in name:
            assert list(ROOT.glob(name)), name
        else:
            assert (ROOT / name).exists(), f"{path.name} runs {name}, which does not exist"
            assert _git_mode(name), f"{name} exists but is not committed"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_make_targets_a_workflow_runs_exist(path: Path) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for script in _runs(_load(path)):
        for words in _commands(script):
            if words[0] == "make":
                wanted = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
                assert set(wanted) <= targets, (wanted, targets)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_checkouts_keep_no_credentials(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", text, re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*#\s*v\d+(\.\d+)*\s*", comment), f"{action}: no # vX.Y.Z"
    for _, step in _steps(_load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_expression_in_a_shell(path: Path) -> None:
    """No permission by default, each job asks for its own; ``${{ }}`` never inside a
    ``run:`` (template injection): values reach scripts through ``env:``."""
    workflow = _load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert job.get("timeout-minutes"), name
    for script in _runs(workflow):
        assert "${{" not in script, script


def test_every_system_has_its_job() -> None:
    workflow = _load(RELEASE)
    runners: set[str] = set()
    for job in workflow["jobs"].values():
        runs_on = job["runs-on"]
        if "matrix.os" in str(runs_on):
            runners |= set(job["strategy"]["matrix"]["os"])
        else:
            runners.add(runs_on)
    assert runners >= RUNNERS


def test_ubuntu_jobs_run_what_ci_runs_here() -> None:
    """The Ubuntu jobs run .ci/run itself (system-deps.sh, ``make test``, ci-installer.sh), then
    ``make deb`` and ci-installer.sh on that release .deb; nothing of their own."""
    runs = _runs(_load(RELEASE), "ubuntu")
    commands = [words for script in runs for words in _commands(script)]
    assert ["bash", ".ci/run"] in commands
    assert ["make", "deb"] in commands
    assert ["packaging/ci-installer.sh"] in commands
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in (
        "packaging/linux/system-deps.sh install",
        "make test",
        "packaging/ci-installer.sh",
    ):
        assert re.search(rf"^\s*{re.escape(step)}(\s|$)", ci_run, re.M), step
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert test_recipe
    assert "lint" in test_recipe.group(1)
    assert "tests/run-suite.sh" in test_recipe.group(1)
    assert re.search(r"^deb:.*\n\t\$\(MAKE\) -C packaging deb", makefile, re.M)


def test_windows_and_macos_jobs_use_the_packaging_scripts() -> None:
    workflow = _load(RELEASE)
    windows = " ".join(_runs(workflow, "windows"))
    for script in ("packaging/windows/build-installer.sh", "packaging/windows/test-installer.sh"):
        assert script in windows
    assert "per-user" in windows
    assert "per-machine" in windows
    assert workflow["jobs"]["windows"]["runs-on"] == "windows-latest"
    assert workflow["jobs"]["windows"]["defaults"]["run"]["shell"] == "bash"
    macos = " ".join(_runs(workflow, "macos"))
    for script in (
        "packaging/macos/ci-keychain.sh test-keychain",
        "packaging/macos/build-dmg.sh",
        "packaging/macos/test-dmg.sh",
    ):
        assert script in macos
    # Each job runs the whole suite with its native password store before building.
    for job in ("windows", "macos"):
        assert any("-m pytest" in run and "tests/" not in run for run in _runs(workflow, job))


def test_signing_is_skipped_with_a_clear_line_without_its_secrets() -> None:
    """Each script that receives signing secrets says plainly when it skipped signing."""
    workflow = _load(RELEASE)
    for _, step in _steps(workflow):
        env = step.get("env", {})
        if not any("secrets." in str(v) for v in env.values()):
            continue
        scripts = [w[0] for w in _commands(step["run"]) if w[0].startswith("packaging/")]
        assert scripts, step
        for script in scripts:
            text = (ROOT / script).read_text(encoding="utf-8")
            assert re.search(r"(signing|notarisation) skipped", text), script


def test_a_tag_publishes_every_installer_with_checksums() -> None:
    workflow = _load(RELEASE)
    assert "v*" in workflow["on"]["push"]["tags"]
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert set(publish["needs"]) == set(workflow["jobs"]) - {"publish"}
    assert publish["permissions"] == {"contents": "write"}
    uploads = [
        step["with"]["name"]
        for _, step in _steps(workflow)
        if str(step.get("uses", "")).startswith("actions/upload-artifact@")
    ]
    assert len(uploads) == 3
    assert all(name.startswith("installer-") for name in uploads)
    download = next(s for s in publish["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["pattern"] == "installer-*"
    script = " ".join(_runs(workflow, "publish"))
    assert "sha256sum" in script
    assert "SHA256SUMS" in script
    assert "gh release create" in script
    # Only the publishing job may write to the repository.
    for name, job in workflow["jobs"].items():
        if name != "publish":
            assert job["permissions"] == {"contents": "read"}, name


@pytest.mark.parametrize(
    "script",
    sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "packaging").rglob("*.sh")
        if p.read_text(encoding="utf-8").startswith("#!/bin/bash")
    ),
)
def test_bash_scripts_parse(script: str) -> None:
    """The scripts written for Windows and macOS cannot run here; bash can at least read them."""
    # The bash on PATH (Git Bash on Windows), not whatever Windows finds first (WSL's).
    bash = shutil.which("bash")
    assert bash, "bash is not on PATH"
    done = subprocess.run([bash, "-n", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
