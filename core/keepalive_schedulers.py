"""Keep-alive's place in the platform's own scheduler: written, read back and removed here.

``box-login keep-alive install`` asks the platform to start ``box-login keep-alive run-once``
(``core.keepalive.run_once``) about once a day; nothing of Box Login's runs in between.

==================  ==============================================================  ==========
platform            what is written                                                 started
==================  ==============================================================  ==========
Linux with systemd  ``box-login-keepalive.service`` and ``.timer`` in                daily, and
                    ``~/.config/systemd/user``, enabled with ``systemctl --user``     after a day
                                                                                    missed
Linux without       ``~/.config/autostart/box-login-keepalive.desktop`` (XDG         at each
a systemd user      autostart)                                                      desktop
instance                                                                            sign-in
macOS               ``~/Library/LaunchAgents/com.example.BoxLogin.keepalive.plist``  daily, and
                    loaded with ``launchctl bootstrap gui/UID``                      at sign-in
Windows             a Task Scheduler task ``\\Box Login\\Keep-alive (USER)``, created  daily, and
                    from XML with ``schtasks /Create /XML``                          after a day
                                                                                    missed
==================  ==============================================================  ==========

Each entry runs ``run-once`` (keep-alive on) or ``run-once --remind-only`` (keep-alive off,
reminders on); :func:`status` reads that back from what is installed. The person's choice is
also kept in ``keep-alive.json`` in Box Login's settings folder, so the window knows whether
it was ever made (it turns keep-alive on once, after the first sign-in).

The file contents come from pure functions (``systemd_units``, ``autostart_entry``,
``launchd_plist``, ``task_xml``), which the tests check with the platforms' own tools where
this machine has them (``systemd-analyze verify``, ``desktop-file-validate``). Commands
(``systemctl``, ``launchctl``, ``schtasks``) go through ``runner`` so tests can record them.

No Qt here, no network, nothing heavy at import time.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core.errors import BoxLoginError
from core.translation import translate
from core.version import self_command

__all__ = [
    "AUTOSTART_NAME",
    "LAUNCHD_LABEL",
    "SYSTEMD_SERVICE",
    "SYSTEMD_TIMER",
    "Installed",
    "Mode",
    "SchedulerError",
    "autostart_entry",
    "choice_path",
    "install",
    "job_command",
    "launchd_plist",
    "read_choice",
    "self_command",
    "status",
    "systemd_units",
    "task_name",
    "task_xml",
    "uninstall",
]

logger = logging.getLogger(__name__)

SYSTEMD_SERVICE = "box-login-keepalive.service"
SYSTEMD_TIMER = "box-login-keepalive.timer"
AUTOSTART_NAME = "box-login-keepalive.desktop"
LAUNCHD_LABEL = "com.example.BoxLogin.keepalive"
TASK_FOLDER = "Box Login"
#: The desktop entry of the installed app (packaging/linux/com.example.BoxLogin.desktop).
DESKTOP_ID = "com.example.BoxLogin"
#: Our entries say so in their first line; uninstall removes only files that do.
MARK = "Written by Box Login (box-login keep-alive install)"
_REMIND_FLAG = "--remind-only"


def _autostart_where() -> str:
    return translate("KeepAlive", "XDG autostart entry, run at each desktop sign-in")


def _systemd_where() -> str:
    return translate("KeepAlive", "systemd user timer {timer}").format(timer=SYSTEMD_TIMER)


def _launchd_where() -> str:
    return translate("KeepAlive", "LaunchAgent {label}").format(label=LAUNCHD_LABEL)


def _task_where(name: str) -> str:
    return translate("KeepAlive", "Task Scheduler task {name}").format(name=name)


Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


class Mode(StrEnum):
    """The person's choice: renew (keep-alive on), remind only, or nothing at all."""

    RENEW = "renew"
    REMIND = "remind"
    OFF = "off"


class SchedulerError(BoxLoginError):
    """The platform's scheduler refused to set up keep-alive."""

    exit_code = 1


@dataclass(frozen=True)
class Installed:
    """What is installed: which scheduler, in which mode, its files, and whether the
    scheduler says it is enabled (None: it could not be asked)."""

    scheduler: str
    mode: Mode
    files: tuple[Path, ...]
    enabled: bool | None
    where: str


def _run(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the platform's scheduler commands, fixed words
        list(argv),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        stdin=subprocess.DEVNULL,
    )


# --- the command the scheduler runs (self_command: core.version) -------------------------


def _windowless(command: list[str]) -> list[str]:
    """On Windows, the launcher that opens no console window (a daily black window would
    be alarming): ``Box Login.exe`` next to ``box-login.exe``, or ``pythonw.exe``."""
    first = Path(command[0])
    for candidate in (first.with_name("Box Login.exe"), first.with_name("pythonw.exe")):
        if candidate.is_file():
            return [str(candidate), *command[1:]]
    return command


def job_command(mode: Mode, config: Path | None = None) -> list[str]:
    """The argv the scheduler starts: ``… [--config PATH] keep-alive run-once [--remind-only]``."""
    argv = self_command()
    if config is not None:
        argv += ["--config", str(Path(config).resolve())]
    argv += ["keep-alive", "run-once"]
    if mode == Mode.REMIND:
        argv.append(_REMIND_FLAG)
    return argv


# --- the person's choice ---------------------------------------------------------------------


def choice_path() -> Path:
    """``keep-alive.json`` in Box Login's per-user settings folder."""
    import platformdirs

    from core.settings import APP_DIR_NAME

    return platformdirs.user_config_path(APP_DIR_NAME, appauthor=False) / "keep-alive.json"


def read_choice() -> Mode | None:
    """The choice last made (install, uninstall, the window's switch); None: never made."""
    try:
        data = json.loads(choice_path().read_text(encoding="utf-8"))
        return Mode(data["mode"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_choice(mode: Mode) -> None:
    from core.settings import write_private_file

    path = choice_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private_file(path, (json.dumps({"mode": mode.value}) + "\n").encode("utf-8"))


# --- Linux: systemd user timer ---------------------------------------------------------------


def _systemd_word(arg: str, *, program: bool = False) -> str:
    """One ExecStart= word, quoted for systemd: backslash and double quote escaped, ``%``
    (specifiers) doubled, and ``$`` (variables) doubled in the arguments (the program's path
    is not expanded, so there it stays single)."""
    if any(c in arg for c in "\n\r\0"):
        raise ValueError("a command argument cannot contain a line break")
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    if not program:
        escaped = escaped.replace("$", "$$")
    return f'"{escaped}"'


def _systemd_command(command: Sequence[str]) -> str:
    words = [_systemd_word(command[0], program=True)]
    return " ".join(words + [_systemd_word(a) for a in command[1:]])


def systemd_units(command: Sequence[str]) -> dict[str, str]:
    """The service and timer files, by file name."""
    service = f"""\
# {MARK}; "box-login keep-alive uninstall" removes it.
[Unit]
Description=Box Login keep-alive: renew Box sign-ins before Box ends them

[Service]
Type=oneshot
ExecStart={_systemd_command(command)}
# A reminder that is clicked starts Box Login's window from this job: the window must
# outlive the job (the default would stop every process the job started).
KillMode=process
# It waits a few minutes at most for a reminder to be clicked.
TimeoutStartSec=15min
Nice=10
"""
    timer = f"""\
# {MARK}; "box-login keep-alive uninstall" removes it.
[Unit]
Description=Box Login keep-alive, once a day

[Timer]
# Late morning, when computers tend to be on and online, spread over two hours.
OnCalendar=*-*-* 10:00:00
RandomizedDelaySec=2h
# A day missed while the computer was off runs at the next start.
Persistent=true

[Install]
WantedBy=timers.target
"""
    return {SYSTEMD_SERVICE: service, SYSTEMD_TIMER: timer}


def _config_home() -> Path:
    value = os.environ.get("XDG_CONFIG_HOME")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".config"


def systemd_dir() -> Path:
    """``$XDG_CONFIG_HOME/systemd/user`` (``~/.config/systemd/user``)."""
    return _config_home() / "systemd" / "user"


def autostart_dir() -> Path:
    """``$XDG_CONFIG_HOME/autostart`` (``~/.config/autostart``)."""
    return _config_home() / "autostart"


def has_systemd_user_instance(runner: Runner = _run) -> bool:
    """True when a systemd user instance answers (``systemctl --user show-environment``).
    Where its socket is missing, systemctl is not even asked (it would ask D-Bus to start
    one, and fail)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime or not (Path(runtime) / "systemd" / "private").exists():
        return False
    try:
        return runner(["systemctl", "--user", "show-environment"]).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


# --- Linux: XDG autostart (no systemd user instance) -----------------------------------------


def _desktop_exec_word(arg: str) -> str:
    """One argument of a desktop entry's Exec key: quoted, with the characters the
    specification reserves escaped, then escaped again as a string value (backslashes
    doubled), and ``%`` doubled (field codes)."""
    if any(c in arg for c in "\n\r\0"):
        raise ValueError("a command argument cannot contain a line break")
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return ('"' + quoted + '"').replace("\\", "\\\\").replace("%", "%%")


def autostart_entry(command: Sequence[str]) -> str:
    """The XDG autostart desktop entry that runs ``command`` at each desktop sign-in."""
    return f"""\
# {MARK}; "box-login keep-alive uninstall" removes it.
[Desktop Entry]
Type=Application
Name=Box Login keep-alive
Comment=Renews your Box sign-in before Box ends it
Exec={" ".join(_desktop_exec_word(a) for a in command)}
Icon=box-login
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
X-GNOME-Autostart-Delay=120
"""


# --- macOS: LaunchAgent ---------------------------------------------------------------------


def launchd_path() -> Path:
    """``~/Library/LaunchAgents/com.example.BoxLogin.keepalive.plist``."""
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def launchd_plist(command: Sequence[str]) -> bytes:
    """The LaunchAgent: daily at 10:00 (launchd runs a time missed during sleep at wake),
    and at each sign-in (RunAtLoad)."""
    import plistlib

    document = {
        "Label": LAUNCHD_LABEL,
        "Comment": MARK,
        "ProgramArguments": list(command),
        "StartCalendarInterval": {"Hour": 10, "Minute": 0},
        "RunAtLoad": True,
        "ProcessType": "Background",
        "LowPriorityIO": True,
        "Nice": 10,
        # A clicked reminder starts Box Login's window; launchd must not end it with the job.
        "AbandonProcessGroup": True,
    }
    return plistlib.dumps(document, fmt=plistlib.FMT_XML)


# --- Windows: Task Scheduler ----------------------------------------------------------------


def task_name(user: str | None = None) -> str:
    r"""``\Box Login\Keep-alive (USER)``: task names are machine-wide, so the user is in it."""
    user = user or os.environ.get("USERNAME") or "user"
    safe = "".join(c if c.isalnum() or c in " ._-" else "_" for c in user)
    return f"\\{TASK_FOLDER}\\Keep-alive ({safe})"


def task_xml(command: Sequence[str], *, name: str | None = None, user: str | None = None) -> str:
    """The task, as Task Scheduler's XML (schema 1.2, Windows 7 and later): daily at 10:00
    with a two-hour spread, started as soon as possible after a start was missed, as the
    signed-in person without elevation, never twice at once, stopped after 15 minutes."""
    from xml.sax.saxutils import escape

    name = name or task_name(user)
    principal_user = ""
    if user:
        principal_user = f"\n      <UserId>{escape(user)}</UserId>"
    arguments = subprocess.list2cmdline(list(command[1:]))
    return f"""\
<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>{escape(MARK)}. Renews Box sign-ins before Box ends them.</Description>
    <URI>{escape(name)}</URI>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2025-01-01T10:00:00</StartBoundary>
      <RandomDelay>PT2H</RandomDelay>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
      <Enabled>true</Enabled>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">{principal_user}
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT15M</ExecutionTimeLimit>
    <Enabled>true</Enabled>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command[0])}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


# --- install, uninstall, status --------------------------------------------------------------


def _platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def _check(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        said = (result.stderr or result.stdout or "").strip().splitlines()
        if said:
            message = translate("KeepAlive", "The system's scheduler refused to {what}: {said}")
        else:
            message = translate(
                "KeepAlive", "The system's scheduler refused to {what} (exit code {code})."
            )
        raise SchedulerError(
            message.format(what=what, said=said[-1][:200] if said else "", code=result.returncode),
            hint=translate(
                "KeepAlive",
                "Run the command again with --verbose, or turn keep-alive off and on again.",
            ),
        )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _ours(path: Path) -> bool:
    """True when ``path`` is a file Box Login wrote (its mark is in it)."""
    try:
        return path.is_file() and MARK.encode() in path.read_bytes()
    except OSError:
        return False


def _remove(paths: Sequence[Path]) -> list[Path]:
    removed = []
    for path in paths:
        if _ours(path):
            path.unlink()
            removed.append(path)
    return removed


def _mode_of(path: Path) -> Mode:
    try:
        return Mode.REMIND if _REMIND_FLAG.encode() in path.read_bytes() else Mode.RENEW
    except OSError:
        return Mode.RENEW


def install(
    mode: Mode,
    *,
    config: Path | None = None,
    runner: Runner = _run,
    platform: str | None = None,
) -> Installed:
    """Install (or replace) keep-alive in ``mode`` (RENEW or REMIND) for this user and record
    the choice. ``config``: the settings file the job must read (named by ``--config``).

    Raises SchedulerError when the scheduler refuses.
    """
    if mode == Mode.OFF:
        raise ValueError("use uninstall() to turn keep-alive off")
    command = job_command(mode, config)
    platform = platform or _platform()
    if platform == "windows":
        installed = _install_task(command, runner)
    elif platform == "macos":
        installed = _install_launchd(command, runner)
    elif has_systemd_user_instance(runner):
        installed = _install_systemd(command, runner)
    else:
        installed = _install_autostart(command)
    _write_choice(mode)
    logger.info("Keep-alive installed (%s, %s)", installed.scheduler, mode.value)
    return installed


def _install_systemd(command: Sequence[str], runner: Runner) -> Installed:
    folder = systemd_dir()
    files = []
    for name, text in systemd_units(command).items():
        _write(folder / name, text.encode("utf-8"))
        files.append(folder / name)
    _check(
        runner(["systemctl", "--user", "daemon-reload"]), translate("KeepAlive", "reload its units")
    )
    _check(
        runner(["systemctl", "--user", "enable", "--now", SYSTEMD_TIMER]),
        translate("KeepAlive", "enable {timer}").format(timer=SYSTEMD_TIMER),
    )
    _remove([autostart_dir() / AUTOSTART_NAME])  # a fallback written earlier
    return Installed("systemd", _mode_of(files[0]), tuple(files), True, _systemd_where())


def _install_autostart(command: Sequence[str]) -> Installed:
    path = autostart_dir() / AUTOSTART_NAME
    _write(path, autostart_entry(command).encode("utf-8"))
    return Installed("autostart", _mode_of(path), (path,), True, _autostart_where())


def _uid() -> int:
    getuid = getattr(os, "getuid", None)
    return int(getuid()) if getuid is not None else 0


def _install_launchd(command: Sequence[str], runner: Runner) -> Installed:
    path = launchd_path()
    domain = f"gui/{_uid()}"
    runner(["launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"])  # an earlier one, if loaded
    _write(path, launchd_plist(command))
    _check(
        runner(["launchctl", "bootstrap", domain, str(path)]),
        translate("KeepAlive", "load the LaunchAgent"),
    )
    return Installed("launchd", _mode_of(path), (path,), True, _launchd_where())


def _install_task(command: Sequence[str], runner: Runner) -> Installed:
    import tempfile

    name = task_name()
    xml = task_xml(_windowless(list(command)), name=name, user=os.environ.get("USERNAME"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "box-login-keepalive.xml"
        path.write_bytes(xml.encode("utf-16"))  # with a BOM, as schtasks expects
        _check(
            runner(["schtasks", "/Create", "/TN", name, "/XML", str(path), "/F"]),
            translate("KeepAlive", "create the scheduled task"),
        )
    mode = Mode.REMIND if _REMIND_FLAG in command else Mode.RENEW
    return Installed("task-scheduler", mode, (), True, _task_where(name))


def uninstall(*, runner: Runner = _run, platform: str | None = None) -> list[str]:
    """Remove keep-alive (and its reminders) for this user and record the choice "off".
    Returns what was removed, in words (empty: nothing was installed)."""
    platform = platform or _platform()
    removed: list[str] = []
    if platform == "windows":
        name = task_name()
        if runner(["schtasks", "/Query", "/TN", name]).returncode == 0:
            _check(
                runner(["schtasks", "/Delete", "/TN", name, "/F"]),
                translate("KeepAlive", "delete the task"),
            )
            removed.append(_task_where(name))
    elif platform == "macos":
        path = launchd_path()
        if _ours(path):
            runner(["launchctl", "bootout", f"gui/{_uid()}/{LAUNCHD_LABEL}"])
            removed += [str(p) for p in _remove([path])]
    else:
        units = [systemd_dir() / SYSTEMD_TIMER, systemd_dir() / SYSTEMD_SERVICE]
        if any(_ours(p) for p in units) and has_systemd_user_instance(runner):
            runner(["systemctl", "--user", "disable", "--now", SYSTEMD_TIMER])
        removed += [str(p) for p in _remove(units)]
        link = systemd_dir() / "timers.target.wants" / SYSTEMD_TIMER
        if link.is_symlink() and not link.exists():  # enabled, and the unit is now gone
            link.unlink()
        if removed and has_systemd_user_instance(runner):
            runner(["systemctl", "--user", "daemon-reload"])
        removed += [str(p) for p in _remove([autostart_dir() / AUTOSTART_NAME])]
    _write_choice(Mode.OFF)
    return removed


def status(
    *, ask: bool = False, runner: Runner = _run, platform: str | None = None
) -> Installed | None:
    """What is installed for this user (None: nothing). Reads files; asks the scheduler
    whether it is enabled only with ``ask`` (``keep-alive status``), so the window and
    ``status`` stay quick (on Windows, without ``ask``, the recorded choice stands in)."""
    platform = platform or _platform()
    if not ask:
        return _status(None, platform)
    return _status(runner, platform)


def _status(runner: Runner | None, platform: str) -> Installed | None:
    if platform == "windows":
        name = task_name()
        if runner is None:
            choice = read_choice()
            if choice in (Mode.RENEW, Mode.REMIND):
                return Installed("task-scheduler", choice, (), None, _task_where(name))
            return None
        result = runner(["schtasks", "/Query", "/TN", name, "/XML"])
        if result.returncode != 0:
            return None
        mode = Mode.REMIND if _REMIND_FLAG in result.stdout else Mode.RENEW
        return Installed("task-scheduler", mode, (), True, _task_where(name))
    if platform == "macos":
        path = launchd_path()
        if not _ours(path):
            return None
        enabled = None
        if runner is not None:
            enabled = (
                runner(["launchctl", "print", f"gui/{_uid()}/{LAUNCHD_LABEL}"]).returncode == 0
            )
        return Installed("launchd", _mode_of(path), (path,), enabled, _launchd_where())
    service, timer = systemd_dir() / SYSTEMD_SERVICE, systemd_dir() / SYSTEMD_TIMER
    if _ours(service) and _ours(timer):
        enabled = None
        if runner is not None and has_systemd_user_instance(runner):
            answer = runner(["systemctl", "--user", "is-enabled", SYSTEMD_TIMER])
            enabled = answer.stdout.strip() == "enabled"
        return Installed(
            "systemd", _mode_of(service), (service, timer), enabled,
            _systemd_where(),
        )  # fmt: skip
    entry = autostart_dir() / AUTOSTART_NAME
    if _ours(entry):
        return Installed("autostart", _mode_of(entry), (entry,), True, _autostart_where())
    return None
