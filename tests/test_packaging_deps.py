"""The system packages the installer builds need: ``packaging/linux/system-deps.sh`` lists them.

``make deb`` runs ``system-deps.sh install-deb`` and ``packaging/ci-installer.sh`` runs
``install-installers``: as root they install what is missing, otherwise they print the exact
``sudo apt-get install`` line and fail. The script runs here with stand-ins for ``dpkg-query``,
``id`` and ``apt-get`` on PATH, so nothing is installed and "not root" needs no other user.

Every command the packaging scripts run must come from a package in those lists, or from one
every Debian system has: a tool added to a packaging script without its package fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_DEPS = ROOT / "packaging" / "linux" / "system-deps.sh"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Debian packaging only")

_COREUTILS = (
    "basename", "cat", "chmod", "cp", "cut", "date", "dirname", "du", "head", "id", "install",
    "ln", "mkdir", "mktemp", "mv", "paste", "printf", "readlink", "rm", "sort", "stat", "tee",
    "touch", "tr", "uname",
)  # fmt: skip
#: The Debian package of every command the packaging scripts run. A new command goes here, and
#: its package into system-deps.sh (unless every Debian system has it: BASE).
COMMAND_PACKAGES = {
    # build tools: system-deps.sh DEB_BUILD / INSTALLER_BUILD
    "strip": "binutils",
    "readelf": "binutils",
    "objdump": "binutils",
    "file": "file",
    "dpkg-architecture": "dpkg-dev",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "makensis": "nsis",
    "time": "time",  # /bin/sh (dash), which runs Makefile recipes, has no time keyword
    # on every Debian system (Essential or Priority: required), or needed to get this far
    "apt-get": "apt",
    "awk": "mawk",
    "cmp": "diffutils",
    "dpkg": "dpkg",
    "dpkg-deb": "dpkg",
    "dpkg-query": "dpkg",
    "find": "findutils",
    "xargs": "findutils",
    "grep": "grep",
    "sed": "sed",
    "ldconfig": "libc-bin",
    "ldd": "libc-bin",
    "git": "git",
    "make": "make",
    **dict.fromkeys(_COREUTILS, "coreutils"),
}
#: Packages a machine that can run ``make`` on a clone of this repository has.
BASE = {"apt", "mawk", "diffutils", "dpkg", "findutils", "grep", "sed", "libc-bin", "coreutils"}
BASE |= {"make", "git"}  # make: the README asks for it; git: build-deb.sh works without it
#: Commands PyInstaller itself runs while it builds the bundle (its documented requirements).
PYINSTALLER_RUNS = ("objdump", "ldd")

#: Which list each packaging script's commands must be covered by.
SCRIPTS = {
    "packaging/linux/build-deb.sh": "install-deb",
    "packaging/Makefile": "install-deb",
    "packaging/windows/build-placeholder.sh": "install-installers",
    "packaging/ci-installer.sh": "install-installers",
}

_KEYWORDS = {
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case",
    "esac", "!", "{", "}", "[[", "]]", "function", "select",
}  # fmt: skip
_BUILTINS = {
    ".", ":", "[", "alias", "break", "cd", "command", "continue", "declare", "echo", "eval",
    "exit", "export", "false", "local", "printf", "pwd", "read", "readonly", "return",
    "set", "shift", "test", "trap", "true", "type", "umask", "unset", "wait", "mapfile",
}  # fmt: skip


# --- running system-deps.sh with stand-ins -------------------------------------------------


def _stubs(tmp_path: Path, *, uid: int, installed: set[str]) -> tuple[dict[str, str], Path]:
    """PATH with stand-ins for dpkg-query (only ``installed`` is installed), id and apt-get
    (which records its arguments); returns (environment, apt-get log)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "apt-get.log"
    scripts = {
        # system-deps.sh calls: dpkg-query -W -f='${db:Status-Status}' PACKAGE
        "dpkg-query": 'case " $STUB_INSTALLED " in\n'
        '    *" $3 "*) printf installed ;;\n'
        '    *) echo "dpkg-query: no packages found matching $3" >&2; exit 1 ;;\n'
        "esac\n",
        "id": f'[ "$1" = -u ] && echo {uid}\n',
        "apt-get": f'echo "$*" >>{log}\n',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        path.chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin:/usr/sbin:/sbin",
        "STUB_INSTALLED": " ".join(sorted(installed)),
        "LANG": "C.UTF-8",
    }
    return env, log


def _run(mode: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SYSTEM_DEPS), mode], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def _apt_line(stderr: str) -> list[str]:
    lines = [line.strip() for line in stderr.splitlines() if "apt-get install" in line]
    assert len(lines) == 1, stderr
    words = lines[0].split()
    assert words[:3] == ["sudo", "apt-get", "install"], lines[0]
    return words[3:]


def packages_for(mode: str, tmp_path: Path) -> list[str]:
    """The packages ``system-deps.sh MODE`` wants: what it asks for when none is installed."""
    env, _ = _stubs(tmp_path / mode, uid=1000, installed=set())
    result = _run(mode, env)
    assert result.returncode == 1, result.stderr
    return _apt_line(result.stderr)


def test_not_root_prints_the_exact_apt_get_line_and_fails(tmp_path: Path) -> None:
    deb = packages_for("install-deb", tmp_path)
    for tool in ("binutils", "file", "dpkg-dev", "desktop-file-utils", "appstream"):
        assert tool in deb
    assert "libnss3" in deb  # the bundle's libraries are looked up on the build machine
    assert "nsis" not in deb  # only the Windows installer script needs it
    assert "gnome-keyring" not in deb  # a test package

    # Only what is missing is asked for, and nothing is installed without root.
    env, log = _stubs(tmp_path, uid=1000, installed=set(deb) - {"desktop-file-utils", "file"})
    result = _run("install-deb", env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "needed to build the .deb" in result.stderr
    assert "    sudo apt-get install file desktop-file-utils\n" in result.stderr
    assert not log.exists()

    installers = packages_for("install-installers", tmp_path)
    assert set(installers) == set(deb) | {"nsis"}


def test_as_root_installs_what_is_missing(tmp_path: Path) -> None:
    deb = packages_for("install-deb", tmp_path)
    env, log = _stubs(tmp_path, uid=0, installed=set(deb) - {"desktop-file-utils", "appstream"})
    result = _run("install-deb", env)
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends desktop-file-utils appstream",
    ]
    # check-deb never installs, even as root; nothing missing means nothing to do.
    assert _run("check-deb", env).returncode == 1
    assert len(log.read_text().splitlines()) == 2
    env, log = _stubs(tmp_path / "all", uid=0, installed=set(deb))
    for mode in ("check-deb", "install-deb"):
        assert _run(mode, env).returncode == 0
    assert not log.exists()


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    env, log = _stubs(tmp_path, uid=0, installed=set())
    result = _run("install-debs", env)
    assert result.returncode == 2
    assert "unknown mode" in result.stderr
    assert not log.exists()


# --- the commands the packaging scripts run -------------------------------------------------


def _drop_heredocs(text: str) -> str:
    lines: list[str] = []
    delimiter: str | None = None
    for line in text.splitlines():
        if delimiter is not None:
            if line.strip() == delimiter:
                delimiter = None
            continue
        match = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", line)
        if match:
            delimiter = match.group(1)
        lines.append(line)
    return "\n".join(lines)


def _code_only(text: str) -> str:
    """The shell text with comments and the text of quoted strings taken out (a quoted string
    becomes "" but keeps the $( … ) inside it), line continuations joined and the lines inside
    a $( … ) joined with ";", so that every line is a whole command line."""
    out: list[str] = []
    stack: list[list[Any]] = [["code", 0]]  # contexts: code, subst (with paren depth), double
    i, n = 0, len(text)
    while i < n:
        c, kind = text[i], stack[-1][0]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "\\":
            if kind != "double":
                out.append("" if nxt == "\n" else "E")
            i += 2
            continue
        if kind == "double":
            if c == '"':
                stack.pop()
                out.append('"')
            elif c == "$" and nxt == "(":
                stack.append(["subst", 0])
                out.append("$(")
                i += 1
            i += 1
            continue
        if c == "'":
            i = text.index("'", i + 1) + 1  # the text of a '…' string is no command
            continue
        if c == '"':
            stack.append(["double", 0])
            out.append('"')
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n;"):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif c in "$<" and nxt == "(":
            stack.append(["subst", 0])
            out.append(c + "(")
            i += 1
        elif kind == "subst" and c == "(":
            stack[-1][1] += 1
            out.append(c)
        elif kind == "subst" and c == ")":
            if stack[-1][1] == 0:
                stack.pop()
            else:
                stack[-1][1] -= 1
            out.append(c)
        elif c == "\n" and kind == "subst":
            out.append(";")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _substitutions(line: str) -> tuple[str, list[str]]:
    """``line`` with each $( … ) / <( … ) replaced by a word, and the command lines inside."""
    inner: list[str] = []
    while True:
        start = max(line.rfind("$("), line.rfind("<("))
        if start < 0:
            return line, inner
        depth, end = 0, len(line)
        for i in range(start + 1, len(line)):
            depth += {"(": 1, ")": -1}.get(line[i], 0)
            if depth == 0:
                end = i
                break
        if not line.startswith("$((", start):  # $(( … )) is arithmetic, not a command
            inner.append(line[start + 2 : end])
        line = line[:start] + "SUBST" + line[end + 1 :]


def commands_run_by(path: Path) -> set[str]:
    """The names of the commands a packaging script (or a Makefile's recipes) runs."""
    text = path.read_text(encoding="utf-8")
    bash = text.startswith("#!/bin/bash")  # make runs recipes with /bin/sh
    if path.name == "Makefile":
        recipes = [line[1:].lstrip("@-") for line in text.splitlines() if line.startswith("\t")]
        text = re.sub(r"\$\((\w+)\)", r"$\1", "\n".join(recipes)).replace("$$", "$")
    functions = set(re.findall(r"^\s*([\w-]+)\s*\(\)", text, flags=re.MULTILINE))
    found: set[str] = set()
    in_case = 0
    for whole_line in _code_only(_drop_heredocs(text)).splitlines():
        line = whole_line
        if in_case:  # a case pattern ("xz)", "a | b)") is not a command
            line = re.sub(r"^\s*[^\s()]+(\s*\|\s*[^\s()]+)*\)", " ", line)
        line = re.sub(r"\bcase\s+\S+\s+in\b(\s+[^()]*\))?", " ", line)
        in_case += len(re.findall(r"\bcase\b", whole_line))
        in_case = max(0, in_case - len(re.findall(r"\besac\b", whole_line)))
        pending = [line]
        while pending:
            line, inner = _substitutions(pending.pop())
            pending.extend(inner)
            found |= _command_names(line, functions, bash)
    return found


def _command_names(line: str, functions: set[str], bash: bool) -> set[str]:
    names = set()
    while re.search(r"\$\{[^{}]*\}", line):  # ${…} expansions hold no command
        line = re.sub(r"\$\{[^{}]*\}", "V", line)
    for segment in re.split(r"\|\||&&|[|;&(){}`]", line):
        words = segment.split()
        while words and (
            words[0] in _KEYWORDS
            or re.fullmatch(r"[A-Za-z_][\w\[\]$-]*\+?=.*", words[0])
            or words[0] == "exec"
            or (words[0] == "time" and bash)
        ):
            if words[0] in ("for", "case", "select"):
                words = []  # "for x in …": the rest of the segment is words, not commands
                break
            words = words[1:]
        if words and words[0] == "xargs":  # xargs [-options] COMMAND
            words = [w for w in words[1:] if not w.startswith("-")]
        if words[:2] == ["command", "-v"]:
            words = words[2:]  # "command -v X": X is a command the script relies on
        if not words:
            continue
        name = words[0]
        if name.startswith("/"):
            name = name.rsplit("/", 1)[-1]  # /sbin/ldconfig
        elif "/" in name or not re.fullmatch(r"[A-Za-z_][\w.+-]*", name):
            continue  # this project's scripts, variables, quoted words, redirections
        if name not in _BUILTINS and name not in functions and name != "SUBST":
            names.add(name)
    return names


def _check_the_parser(tmp_path: Path) -> None:
    """commands_run_by sees the tools build-deb.sh runs, and commands wherever a script puts
    them, and nothing else."""
    found = commands_run_by(ROOT / "packaging" / "linux" / "build-deb.sh")
    for tool in ("strip", "readelf", "file", "dpkg-architecture", "desktop-file-validate"):
        assert tool in found
    assert "appstreamcli" in found
    assert {"xz", "zstd", "Package", "say", "die", "if"}.isdisjoint(found)

    script = tmp_path / "build.sh"
    script.write_text(
        "#!/bin/bash\n"
        "say() { printf '%s\\n' \"$*\" >&2; }  # a function, not a command\n"
        "VERSION=$(tool-a --version)\n"
        'if command -v tool-b >/dev/null; then x="$(tool-c -q "$(tool-d)")"; fi\n'
        "find . -print0 | xargs -0 -r tool-e --flag && /usr/sbin/tool-f || say 'no tool-x'\n"
        'case "$1" in\n'
        "    pattern-a | pattern-b) time tool-g ;;\n"
        "    *) LANG=C tool-h \\\n"
        "        --option ;;\n"
        "esac\n"
        "while read -r line; do tool-i; done < <(tool-j)\n"
        "cat <<EOF\nnot-a-command here\nEOF\n"
        'echo "not-a-command (either)" $((1 + $(tool-k)))\n',
        encoding="utf-8",
    )
    tools = {f"tool-{c}" for c in "abcdefghijk"}
    assert commands_run_by(script) == tools | {"find", "cat"}


def test_every_command_the_packaging_scripts_run_has_its_package_listed(
    tmp_path: Path,
) -> None:
    _check_the_parser(tmp_path)
    if shutil.which("dpkg-query") is not None:
        _check_the_table()
    problems = []
    for script, mode in SCRIPTS.items():
        listed = set(packages_for(mode, tmp_path))
        commands = commands_run_by(ROOT / script)
        if script == "packaging/Makefile":
            commands |= set(PYINSTALLER_RUNS)
        for command in sorted(commands):
            package = COMMAND_PACKAGES.get(command)
            if package is None:
                problems.append(
                    f"{script} runs {command!r}: add it to COMMAND_PACKAGES in this test with "
                    "its Debian package, and the package to packaging/linux/system-deps.sh"
                )
            elif package not in listed and package not in BASE:
                problems.append(
                    f"{script} runs {command!r} from the package {package}, which "
                    f"'system-deps.sh {mode}' does not install"
                )
    assert problems == []


def _check_the_table() -> None:
    """Each command found on this machine belongs to the package the table says; each BASE
    package but make and git is Essential or Priority: required."""
    spellings: dict[str, set[str]] = {}  # command: the paths it may be registered under
    for command in COMMAND_PACKAGES:
        where = shutil.which(command)
        if where is None or (os.path.islink(where) and "alternatives" in os.readlink(where)):
            continue  # absent, or chosen among packages (awk: mawk or gawk)
        paths = {where, str(Path(where).resolve())}
        spellings[command] = {q for p in paths for q in (p, p.removeprefix("/usr"), "/usr" + p)}
    every_path = sorted(set().union(*spellings.values()))
    listing = subprocess.run(
        ["dpkg-query", "-S", *every_path], capture_output=True, text=True, check=False
    ).stdout
    owners: dict[str, set[str]] = {}
    for line in listing.splitlines():
        packages, _, path = line.partition(": ")
        if not packages.startswith("diversion "):
            owners.setdefault(path, set()).update(p.split(":")[0] for p in packages.split(", "))
    wrong = []
    for command, paths in spellings.items():
        found = set().union(*(owners.get(p, set()) for p in paths))
        if found and COMMAND_PACKAGES[command] not in found:
            wrong.append((command, COMMAND_PACKAGES[command], sorted(found)))
    for package in BASE - {"git", "make"}:
        fields = subprocess.run(
            ["dpkg-query", "-W", "-f=${Essential} ${Priority}", package],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if fields and fields not in ("yes required", "no required"):
            wrong.append(("(base)", package, [fields]))
    assert wrong == []


#: The Debian package of every system tool the tests run beyond the program's own needs,
#: which ``system-deps.sh install`` (the test list) must install.
TEST_COMMAND_PACKAGES = {
    "xvfb-run": "xvfb",
    "gnome-keyring-daemon": "gnome-keyring",
    "systemd-analyze": "systemd",  # tests/test_keepalive.py: the unit files, verified
    "dunst": "dunst",  # tests/test_keepalive.py: the real notification server
    "dunstctl": "dunst",
}


def test_the_tools_the_tests_run_are_in_the_test_list(tmp_path: Path) -> None:
    listed = set(packages_for("install", tmp_path))
    assert {"systemd", "dunst"} <= listed
    missing = {c: p for c, p in TEST_COMMAND_PACKAGES.items() if p not in listed}
    assert missing == {}
    assert "dunst" not in packages_for("install-runtime", tmp_path)  # for tests only
    # Where the tools are installed, they come from the packages the table says.
    for command, package in TEST_COMMAND_PACKAGES.items():
        where = shutil.which(command)
        if where is None or shutil.which("dpkg-query") is None:
            continue
        paths = {where, str(Path(where).resolve())}
        paths |= {q for p in paths for q in (p.removeprefix("/usr"), "/usr" + p)}
        owners = subprocess.run(
            ["dpkg-query", "-S", *sorted(paths)], capture_output=True, text=True, check=False
        ).stdout
        assert f"{package}:" in owners or f"{package}," in owners, (command, owners)
