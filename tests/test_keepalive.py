"""Keep-alive (core/keepalive.py, core/keepalive_schedulers.py, ``main.py keep-alive``) and its
reminders (core/notifications.py), with real parts: the sandbox over loopback with the
client's clock moved in-process (``run_once(clock=…)``), the test session's GNOME Keyring,
``main.py keep-alive run-once`` as a subprocess, systemd's own verifier for the unit files,
``desktop-file-validate`` for the autostart entry, and dunst, a real notification server, on
the test session's D-Bus under Xvfb.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import filelock
import pytest

from core import keepalive
from core.keepalive import (
    DAY,
    KeepAliveUnavailableError,
    Outcome,
    ReminderKind,
    days_left,
    is_due,
    run_once,
)
from core.keepalive_schedulers import (
    AUTOSTART_NAME,
    SYSTEMD_SERVICE,
    SYSTEMD_TIMER,
    Mode,
    autostart_entry,
    job_command,
    launchd_plist,
    read_choice,
    systemd_units,
    task_xml,
)
from core.notifications import Notice, NotificationsUnavailableError, launch_box_login, show
from core.oauth import AuthorizationManager
from core.session import BoxLogin, _lock_name
from core.settings import Settings, parse_settings, state_dir
from core.store import EncryptedFileStore, KeyringStore, StoredToken
from tests.netutil import Sleeps, free_ports
from tests.notification_server import Dunst
from tests.plugin_cli import ROOT, Cli
from tests.plugin_keyring import make_token
from tests.plugin_sandbox import FakeClock
from tests.sandbox_harness import TestSandbox, complete_authorization

TOKEN_PATH = "/oauth2/token"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux desktop's parts")


# --- in-process: run_once against the sandbox, the clock moved ---------------------------------


@dataclass
class World:
    """A sandbox and the client sharing one fake clock, settings pointing at the sandbox, and a
    keyring store of the test's own."""

    sandbox: TestSandbox
    settings: Settings
    store: KeyringStore
    clock: FakeClock
    record: Path

    def box(self, **kwargs: Any) -> BoxLogin:
        auth = AuthorizationManager(self.settings.base_urls, clock=self.clock, **kwargs)
        return BoxLogin(self.settings, self.store, auth=auth, clock=self.clock)

    def sign_in(self, profile: str) -> StoredToken:
        flow = self.box().begin_sign_in(profile, timeout=30)
        with ThreadPoolExecutor(1) as browser, ThreadPoolExecutor(1) as waiter:
            waiting = waiter.submit(flow.wait)
            browser.submit(complete_authorization, flow.authorize_url).result(timeout=30)
            return waiting.result(timeout=30)

    def run(self, **kwargs: Any) -> keepalive.KeepAliveReport:
        return run_once(self.store, self.settings, self.clock, record=self.record, **kwargs)

    def refreshes(self) -> int:
        return self.sandbox.grant_count("refresh_token")


@pytest.fixture
def world(
    sandbox_factory: Callable[..., TestSandbox], keyring_store: KeyringStore, tmp_path: Path
) -> World:
    clock = FakeClock()
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris, clock=clock)
    settings = parse_settings(sandbox.client_settings())
    return World(sandbox, settings, keyring_store, clock, tmp_path / "record.json")


def test_renews_exactly_the_profiles_that_are_due_and_none_twice(world: World) -> None:
    first = {p: world.sign_in(p) for p in ("a", "b")}
    world.clock.advance(20 * DAY)
    later = world.sign_in("c")
    world.clock.advance(11 * DAY)  # a and b: 31 days old; c: 11
    requests_before = len(world.sandbox.requests)

    report = world.run()

    assert sorted(report.renewed) == ["a", "b"]
    assert {r.profile: r.outcome for r in report.results} == {
        "a": Outcome.RENEWED,
        "b": Outcome.RENEWED,
        "c": Outcome.NOT_DUE,
    }
    assert world.refreshes() == 2
    assert len(world.sandbox.requests) == requests_before + 2  # the two refreshes, nothing else
    for profile, old in first.items():
        new = world.store.load(profile)
        assert new is not None
        assert new.refresh_token != old.refresh_token
        assert new.access_token
        assert world.sandbox.is_access_token_active(new.access_token)
        assert days_left(new, world.clock()) == 60  # a new 60-day window (the clock stands)
        assert not world.sandbox.is_refresh_token_active(old.refresh_token or "")
    assert world.store.load("c") == later
    assert report.reminders == ()
    assert report.exit_code == 0

    # The same moment again: nothing is due any more, so nothing at all is sent.
    requests_before = len(world.sandbox.requests)
    again = world.run()
    assert again.renewed == []
    assert len(world.sandbox.requests) == requests_before
    assert world.refreshes() == 2

    # Twenty days on, c alone is due.
    world.clock.advance(20 * DAY)
    assert world.run().renewed == ["c"]
    assert world.refreshes() == 3


def test_nothing_due_sends_nothing_and_reads_no_settings(world: World) -> None:
    for profile in ("a", "b"):
        world.sign_in(profile)
    world.clock.advance(29 * DAY)
    requests_before = len(world.sandbox.requests)
    asked: list[str] = []

    def settings() -> Settings:
        asked.append("settings")
        return world.settings

    report = run_once(world.store, settings, world.clock, record=world.record)

    assert [r.outcome for r in report.results] == [Outcome.NOT_DUE, Outcome.NOT_DUE]
    assert [r.days_left for r in report.results] == [31, 31]
    assert len(world.sandbox.requests) == requests_before
    assert asked == []  # not even the settings file was read


def test_overlapping_runs_wait_for_the_profile_lock_and_renew_once(world: World) -> None:
    """The lock is BoxLogin's per-profile lock: a run that finds the profile due waits for it,
    re-reads, and leaves alone what another process renewed meanwhile."""
    world.sign_in("a")
    world.clock.advance(40 * DAY)
    lock = filelock.FileLock(state_dir() / _lock_name("a"))
    with ThreadPoolExecutor(1) as pool, lock:
        waiting = pool.submit(world.run)
        time.sleep(0.5)
        assert not waiting.done()  # held by "another process"
        assert world.refreshes() == 0
        # That process renews (it holds the lock; this BoxLogin's own lock folder is elsewhere).
        other = BoxLogin(
            world.settings,
            world.store,
            auth=AuthorizationManager(world.settings.base_urls, clock=world.clock),
            clock=world.clock,
            lock_dir=state_dir() / "elsewhere",
        )
        other.refresh("a")
        assert world.refreshes() == 1
    report = waiting.result(timeout=60)
    assert [r.outcome for r in report.results] == [Outcome.RENEWED_ELSEWHERE], report
    assert world.refreshes() == 1


def test_concurrent_runs_renew_each_due_profile_once(world: World) -> None:
    for profile in ("a", "b", "c"):
        world.sign_in(profile)
    world.clock.advance(35 * DAY)
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda _: world.run(), range(4)))
    assert world.refreshes() == 3
    renewed = [p for r in reports for p in r.renewed]
    assert sorted(renewed) == ["a", "b", "c"]


def test_box_ended_the_sign_in_reminds_once(world: World) -> None:
    world.sign_in("a")
    world.clock.advance(31 * DAY)
    world.sandbox.expire_refresh_tokens()  # as if an administrator had removed the access

    report = world.run()

    assert [r.outcome for r in report.results] == [Outcome.ENDED]
    assert report.exit_code == 4
    stored = world.store.load("a")
    assert stored is not None
    assert stored.needs_sign_in
    assert stored.refresh_token is None
    (reminder,) = report.reminders
    assert reminder.kind == ReminderKind.ENDED
    assert reminder.profile == "a"
    assert reminder.title == "Your Box connection has ended"
    assert "ada@example.com (profile a)" in reminder.body
    assert "Open Box Login to connect again" in reminder.body

    # The next day: still ended, nothing sent, and not said again.
    world.clock.advance(DAY)
    requests_before = len(world.sandbox.requests)
    again = world.run()
    assert [r.outcome for r in again.results] == [Outcome.NEEDS_SIGN_IN]
    assert again.reminders == ()
    assert len(world.sandbox.requests) == requests_before
    # Signed in again, then ended again: said again.
    world.sign_in("a")
    world.clock.advance(31 * DAY)
    world.sandbox.expire_refresh_tokens()
    assert [r.kind for r in world.run().reminders] == [ReminderKind.ENDED]


def test_remind_only_renews_nothing_and_reminds_in_the_last_week(world: World) -> None:
    world.sign_in("a")
    world.clock.advance(40 * DAY)
    requests_before = len(world.sandbox.requests)
    report = world.run(renew=False)
    assert [r.outcome for r in report.results] == [Outcome.NOT_RENEWED]
    assert report.reminders == ()  # 19 days left: no reminder yet

    world.clock.advance(14 * DAY)  # 6 days left
    report = world.run(renew=False)
    (reminder,) = report.reminders
    assert reminder.kind == ReminderKind.ENDING_SOON
    assert reminder.title == "Your Box connection ends in 6 days"
    assert "Keep me connected even when Box Login is closed" in reminder.body
    assert len(world.sandbox.requests) == requests_before
    assert report.exit_code == 0


def test_a_failing_renewal_in_the_last_week_reminds(world: World, tmp_path: Path) -> None:
    world.sign_in("a")
    world.clock.advance(55 * DAY)
    world.sandbox.stop()  # Box cannot be reached
    login = world.box(sleep=Sleeps())
    report = run_once(world.store, world.settings, world.clock, login=login, record=world.record)
    (result,) = report.results
    assert result.outcome == Outcome.FAILED
    assert report.exit_code == 5
    (reminder,) = report.reminders
    assert reminder.title == "Box Login could not renew your Box connection"
    assert "ends in 5 days" in reminder.body
    stored = world.store.load("a")
    assert stored is not None
    assert not stored.needs_sign_in


def test_due_rules() -> None:
    now = 2_000_000_000.0
    fresh = make_token(now=now)
    assert not is_due(fresh, now)
    assert not is_due(fresh, now + 29.9 * DAY)
    assert is_due(fresh, now + 30 * DAY)
    assert is_due(replace(fresh, refresh_expires_at=None, received_at=None), now)  # unknown age
    assert not is_due(replace(fresh, refresh_expires_at=None, received_at=now), now + DAY)
    assert is_due(replace(fresh, renewal_started_at=now), now)  # an unfinished renewal
    assert not is_due(fresh.marked_needs_sign_in(), now + 40 * DAY)
    assert not is_due(replace(fresh, refresh_token=None), now + 40 * DAY)
    assert days_left(fresh, now) == 60
    assert days_left(fresh, now + 1) == 59
    assert days_left(fresh, now + 60 * DAY + 5) == 0
    assert days_left(fresh.marked_needs_sign_in(), now) is None
    assert keepalive.days_left_words(1) == "1 day left"
    assert keepalive.days_left_words(0) == "less than a day left"


def test_encrypted_file_and_memory_stores_are_refused(tmp_path: Path) -> None:
    store = EncryptedFileStore(tmp_path / "tokens", passphrase="correct horse")
    with pytest.raises(KeepAliveUnavailableError, match="passphrase"):
        run_once(store, None, record=tmp_path / "record.json")
    with pytest.raises(KeepAliveUnavailableError, match="memory"):
        keepalive.check_available("memory")


def test_the_command_lines_numbers_are_keep_alives() -> None:
    from cli import parser

    assert parser.RENEW_AFTER_DAYS == keepalive.RENEW_AFTER_DAYS
    assert parser.REMIND_WITHIN_DAYS == keepalive.REMIND_WITHIN_DAYS


# --- the real command: main.py keep-alive run-once -------------------------------------------


def make_due(cli: Cli, days_old: float) -> StoredToken:
    """Rewrite the stored sign-in as if its refresh token were ``days_old`` days old (the
    sandbox still accepts it: its own clock says it is fresh)."""
    stored = cli.stored()
    assert stored is not None
    issued = time.time() - days_old * DAY
    aged = replace(stored, received_at=issued, refresh_expires_at=issued + 60 * DAY)
    cli.store.save(aged)
    return aged


def test_run_once_command_with_nothing_due_makes_no_request(cli: Cli) -> None:
    cli.login()
    before = len(cli.sandbox.requests)
    result = cli.run("keep-alive", "run-once")
    assert result.returncode == 0, result.stderr
    assert f"{cli.profile}: not due (59 days left)" in result.stderr
    assert len(cli.sandbox.requests) == before
    assert result.stdout == ""


def test_run_once_command_with_nothing_due_loads_neither_qt_nor_http(cli: Cli) -> None:
    cli.login()
    argv = cli.argv("keep-alive", "run-once")
    result = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        capture_output=True, text=True, env=cli.env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "core.keepalive" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "requests", "urllib3")}


def test_run_once_command_renews_a_due_profile_once(cli: Cli) -> None:
    cli.login()
    aged = make_due(cli, 40)
    result = cli.run("keep-alive", "run-once")
    assert result.returncode == 0, result.stderr
    assert f"{cli.profile}: renewed (59 days left)" in result.stderr
    assert cli.sandbox.grant_count("refresh_token") == 1
    renewed = cli.stored()
    assert renewed is not None
    assert renewed.refresh_token != aged.refresh_token
    assert renewed.refresh_expires_at
    assert renewed.refresh_expires_at > time.time() + 59 * DAY
    for secret in (aged.refresh_token, renewed.refresh_token, renewed.access_token):
        assert secret
        assert secret not in result.stderr

    # Three at once on a profile that is due again: one renewal between them.
    make_due(cli, 45)
    runs = [
        subprocess.Popen(
            cli.argv("keep-alive", "run-once"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli.env,
            cwd=ROOT,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert cli.sandbox.grant_count("refresh_token") == 2
    said = [line for _, err in outputs for line in err.splitlines() if cli.profile in line]
    assert sorted(line.split(": ")[1].split(" (")[0] for line in said) in (
        # The others waited for the lock, or came after the renewal was saved.
        ["already renewed by another Box Login"] * 2 + ["renewed"],
        ["already renewed by another Box Login", "not due", "renewed"],
        ["not due", "not due", "renewed"],
    )


def test_status_says_the_days_left(cli: Cli, tmp_path: Path) -> None:
    cli.login()
    make_due(cli, 12.5)
    env = cli.env | {"XDG_CONFIG_HOME": str(tmp_path / "config")}  # keep-alive never chosen
    words = cli.run("status", env=env)
    assert words.returncode == 0, words.stderr
    assert "Days left:     47 days left of Box's 60" in words.stdout
    assert "Keep-alive:    off" in words.stdout
    info = json.loads(cli.run("status", "--json", env=env).stdout)
    assert info["days_left"] == 47
    assert info["keep_alive"] == "off"


def test_keep_alive_needs_the_password_store(cli: Cli, tmp_path: Path) -> None:
    env = cli.env | {"BOX_LOGIN_PASSPHRASE": "correct horse"}
    for action in ("install", "run-once"):
        result = cli.run("--store", "encrypted-file", "keep-alive", action, env=env)
        assert result.returncode == 3, result.stderr
        assert "not available with an encrypted token file" in result.stderr
        assert "passphrase" in result.stderr


# --- the schedulers --------------------------------------------------------------------------


def _verify_units(folder: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # --user needs a runtime folder; the test session's is its own scratch folder.
    assert env.get("XDG_RUNTIME_DIR"), "run through tests/run-suite.sh"
    return subprocess.run(
        [
            "systemd-analyze",
            "--user",
            "verify",
            str(folder / SYSTEMD_SERVICE),
            str(folder / SYSTEMD_TIMER),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _write_units(folder: Path, command: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in systemd_units(command).items():
        (folder / name).write_text(text, encoding="utf-8")


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing: packaging/linux/system-deps.sh install")
    for mode in (Mode.RENEW, Mode.REMIND):
        folder = tmp_path / mode.value
        _write_units(folder, job_command(mode, tmp_path / "my settings.json"))
        result = _verify_units(folder)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""  # systemd warns (and ignores the line) for a bad setting
    text = systemd_units(job_command(Mode.REMIND))[SYSTEMD_SERVICE]
    assert "keep-alive run-once --remind-only" in text.replace('"', "")

    # The verifier catches what this test is there for (a setting systemd would ignore).
    broken = tmp_path / "broken"
    _write_units(broken, job_command(Mode.RENEW))
    unit = broken / SYSTEMD_SERVICE
    unit.write_text(unit.read_text().replace("KillMode=process", "KillMode=proces"))
    assert "Failed to parse kill mode" in _verify_units(broken).stderr


def test_systemd_quoting_survives_spaces_percent_and_dollar(tmp_path: Path) -> None:
    """An executable under a folder named with a space, "%" and "$": systemd must find it
    (it checks that ExecStart's program exists and is executable)."""
    odd = tmp_path / "Box Login 100% $HOME"
    odd.mkdir()
    python = odd / "python3"
    python.symlink_to(sys.executable)
    folder = tmp_path / "units"
    _write_units(folder, [str(python), str(odd / "main.py"), "keep-alive", "run-once"])
    result = _verify_units(folder)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # And a path that does not exist is reported: the check is real.
    _write_units(folder, [str(odd / "nothing"), "keep-alive", "run-once"])
    assert "is not executable" in _verify_units(folder).stderr


def _desktop_exec_argv(value: str) -> list[str]:
    """The Desktop Entry specification's reading of an Exec value: the string escapes, then
    the quoting (a reader independent of the writer under test)."""
    unescaped, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped.append(
                {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(value[i + 1], value[i + 1])
            )
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped).replace("%%", "%")
    argv, word, quoted, i = [], "", False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            word += text[i + 1]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            argv.append(word)
            word = ""
        else:
            word += c
        i += 1
    return [*argv, word]


def test_autostart_entry_is_valid_and_runs_the_same_command(tmp_path: Path) -> None:
    command = [
        "/opt/Box Login/box-login",
        "--config",
        '/home/a "b"/100% $x\\y`z`.json',
        "keep-alive",
        "run-once",
    ]
    entry = tmp_path / AUTOSTART_NAME
    entry.write_text(autostart_entry(command), encoding="utf-8")
    if shutil.which("desktop-file-validate") is None:
        pytest.fail("desktop-file-validate is missing (Debian: desktop-file-utils)")
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""
    (exec_line,) = [line for line in entry.read_text().splitlines() if line.startswith("Exec=")]
    assert _desktop_exec_argv(exec_line.removeprefix("Exec=")) == command


def test_launch_agent_and_task_xml_say_the_same_command(tmp_path: Path) -> None:
    import plistlib
    import xml.etree.ElementTree as ET

    command = ["/Applications/Box Login.app/Contents/MacOS/box-login", "keep-alive", "run-once"]
    plist = plistlib.loads(launchd_plist(command))
    assert plist["ProgramArguments"] == command
    assert plist["StartCalendarInterval"] == {"Hour": 10, "Minute": 0}
    assert plist["RunAtLoad"] is True
    assert plist["AbandonProcessGroup"] is True

    windows = [r"C:\Program Files\Box Login\Box Login.exe", "--config", r"C:\a b\c.json",
               "keep-alive", "run-once", "--remind-only"]  # fmt: skip
    xml = task_xml(windows, name=r"\Box Login\Keep-alive (ada)", user=r"PC\ada")
    # As written for schtasks: UTF-16 with a BOM. (Our own text, not untrusted input.)
    root = ET.fromstring(xml.encode("utf-16"))  # noqa: S314
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert root.findtext("t:Actions/t:Exec/t:Command", namespaces=ns) == windows[0]
    arguments = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=ns)
    assert arguments == r'--config "C:\a b\c.json" keep-alive run-once --remind-only'
    assert root.findtext("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval",
                         namespaces=ns) == "1"  # fmt: skip
    assert root.findtext("t:Settings/t:StartWhenAvailable", namespaces=ns) == "true"
    assert root.findtext("t:Principals/t:Principal/t:RunLevel", namespaces=ns) == "LeastPrivilege"
    assert root.findtext("t:Principals/t:Principal/t:UserId", namespaces=ns) == r"PC\ada"


class Recorder:
    """The scheduler's commands, recorded; ``systemd`` says whether a systemd user instance
    answers. (Only the commands: the files are real and checked by the verifier above.)"""

    def __init__(self, *, systemd: bool) -> None:
        self.systemd = systemd
        self.calls: list[list[str]] = []

    def __call__(self, argv: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(argv))
        ok = self.systemd
        out = "enabled\n" if argv[-2:] == ["is-enabled", SYSTEMD_TIMER] else ""
        return subprocess.CompletedProcess(list(argv), 0 if ok else 1, out, "")


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A configuration folder of the test's own, and a runtime folder where a systemd user
    instance's socket would be (the recorder answers in its place)."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    runtime = tmp_path / "runtime"
    (runtime / "systemd").mkdir(parents=True)
    (runtime / "systemd" / "private").touch()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return home


def test_install_with_systemd_writes_enables_and_uninstall_removes(config_home: Path) -> None:
    from core import keepalive_schedulers as sched

    runner = Recorder(systemd=True)
    installed = sched.install(Mode.RENEW, runner=runner, platform="linux")
    units = config_home / "systemd" / "user"
    assert installed.scheduler == "systemd"
    assert {p.name for p in units.iterdir()} == {SYSTEMD_SERVICE, SYSTEMD_TIMER}
    assert runner.calls[1:] == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", SYSTEMD_TIMER],
    ]
    assert read_choice() == Mode.RENEW
    status = sched.status(ask=True, runner=runner, platform="linux")
    assert status is not None
    assert status.mode == Mode.RENEW
    assert status.enabled is True

    sched.install(Mode.REMIND, runner=runner, platform="linux")  # switched off in the window
    status = sched.status(platform="linux")
    assert status is not None
    assert status.mode == Mode.REMIND

    runner.calls.clear()
    removed = sched.uninstall(runner=runner, platform="linux")
    assert sorted(Path(p).name for p in removed) == [SYSTEMD_SERVICE, SYSTEMD_TIMER]
    assert ["systemctl", "--user", "disable", "--now", SYSTEMD_TIMER] in runner.calls
    assert list(units.iterdir()) == []
    assert sched.status(platform="linux") is None
    assert read_choice() == Mode.OFF


def test_uninstall_leaves_files_it_did_not_write(config_home: Path) -> None:
    from core import keepalive_schedulers as sched

    units = config_home / "systemd" / "user"
    units.mkdir(parents=True)
    (units / SYSTEMD_TIMER).write_text("[Timer]\nOnCalendar=daily\n")  # someone's own
    assert sched.uninstall(runner=Recorder(systemd=True), platform="linux") == []
    assert (units / SYSTEMD_TIMER).exists()


def test_install_command_without_systemd_falls_back_to_autostart(cli: Cli, tmp_path: Path) -> None:
    """The real command in the test session, which has no systemd user instance."""
    env = cli.env | {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = cli.run("keep-alive", "install", env=env)
    assert result.returncode == 0, result.stderr
    assert "Keep-alive is on" in result.stderr
    assert "each time you sign in to your desktop" in result.stderr
    entry = tmp_path / "config" / "autostart" / AUTOSTART_NAME
    text = entry.read_text()
    assert "keep-alive run-once" in text.replace('"', "")
    assert str(cli.config) in text  # the settings the job must read
    assert not (tmp_path / "config" / "systemd").exists()

    status = json.loads(cli.run("keep-alive", "status", "--json", env=env).stdout)
    assert status["keep_alive"] == "on"
    assert status["scheduler"] == "autostart"
    assert status["chosen"] == "renew"
    assert status["renew_after_days"] == 30
    assert [p["profile"] for p in status["profiles"] if p["profile"] == cli.profile] == []

    result = cli.run("keep-alive", "uninstall", env=env)
    assert result.returncode == 0, result.stderr
    assert not entry.exists()
    assert json.loads(cli.run("keep-alive", "status", "--json", env=env).stdout)["mode"] == "off"


# --- reminders on a real notification server ---------------------------------------------


@pytest.fixture
def notification_server(tmp_path: Path) -> Iterator[Dunst]:
    """dunst on the test session's bus, for this test only."""
    why = Dunst.missing()
    if why is not None:
        pytest.fail(why)
    server = Dunst(tmp_path / "dunst").start()
    try:
        yield server
    finally:
        server.stop()


def test_a_reminder_reaches_the_server_and_a_click_opens_its_profile(
    notification_server: Dunst,
) -> None:
    notice = Notice("Your Box connection ends in 5 days", "Box ends the connection…", "work")
    activated: list[str | None] = []
    with ThreadPoolExecutor(1) as person:
        clicked = person.submit(
            lambda: (notification_server.wait_displayed(1), notification_server.click(0))
        )
        shown = show([notice], on_activate=activated.append, wait=30)
        clicked.result(timeout=30)
    assert activated == ["work"]
    assert shown.server == "dunst"
    (received,) = notification_server.history()
    assert received["summary"] == "Your Box connection ends in 5 days"
    assert received["body"] == "Box ends the connection…"
    assert received["appname"] == "Box Login"
    assert received["default_action_name"] == "default"
    assert received["id"] == shown.ids[0]


def test_closed_reminders_end_the_wait(notification_server: Dunst) -> None:
    notices = [Notice("One", "first", "a"), Notice("Two", "second", None)]
    with ThreadPoolExecutor(1) as person:
        person.submit(
            lambda: (notification_server.wait_displayed(2), notification_server.close_all())
        )
        started = time.monotonic()
        shown = show(notices, on_activate=lambda profile: None, wait=60)
    assert time.monotonic() - started < 30  # not the whole minute
    assert shown.activated == []
    assert [n["summary"] for n in notification_server.history()] == ["One", "Two"]


def test_no_server_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    with pytest.raises(NotificationsUnavailableError):
        show([Notice("t", "b")])


def test_opening_box_login_starts_it_on_the_profile_in_its_own_session(tmp_path: Path) -> None:
    out = tmp_path / "argv.json"
    script = (
        "import json, os, sys; "
        f"open({str(out)!r}, 'w').write(json.dumps([sys.argv[1:], os.getsid(0)]))"
    )
    launch_box_login("work", [sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not out.exists() or not out.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    argv, session = json.loads(out.read_text())
    assert argv == ["--profile", "work"]
    assert session != os.getsid(0)  # it outlives the job that started it


def test_run_once_command_reminds_on_the_desktop(cli: Cli, notification_server: Dunst) -> None:
    """The job as the scheduler runs it, keep-alive off (reminders only), five days left."""
    cli.login()
    make_due(cli, 54.5)
    before = len(cli.sandbox.requests)
    job = subprocess.Popen(
        cli.argv("keep-alive", "run-once", "--remind-only"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli.env,
        cwd=ROOT,
    )
    notification_server.wait_displayed(1)
    notification_server.close_all()  # the job stops waiting for a click
    _, err = job.communicate(timeout=60)
    assert job.returncode == 0, err
    (received,) = notification_server.history()
    assert received["summary"] == "Your Box connection ends in 5 days"
    assert f"ada@example.com (profile {cli.profile})" in received["body"]
    assert "Open Box Login to renew it" in received["body"]
    assert received["appname"] == "Box Login"
    assert len(cli.sandbox.requests) == before  # reminders only: nothing sent to Box
    stored = cli.stored()
    assert stored is not None
    for secret in (stored.access_token, stored.refresh_token):
        assert secret
        assert secret not in received["body"]
        assert secret not in err


def test_a_locked_password_store_is_never_opened_and_is_reminded_when_it_matters(
    tmp_path: Path,
) -> None:
    why = Dunst.missing()
    if why is not None:
        pytest.fail(why)
    env = {k: v for k, v in os.environ.items() if k != "BOX_LOGIN_IN_TEST_SESSION"}
    result = subprocess.run(
        [str(ROOT / "tests" / "session.sh"), sys.executable,
         str(ROOT / "tests" / "keepalive_locked_session.py"), str(tmp_path / "dunst")],
        capture_output=True, text=True, env=env, timeout=240, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["locked_before"] is True
    first, second = report["runs"]
    # No record of what is due: it cannot know, so it says the store is locked.
    assert first["code"] == 6, first["stderr"]
    assert "The password store is locked: nothing was checked or renewed." in first["stderr"]
    assert first["shown_after"] < 20
    # The record says nothing is due: locked, but nothing to say.
    assert second["code"] == 6, second["stderr"]
    assert "Reminder:" not in second["stderr"]
    (received,) = report["history"]
    assert received["summary"] == "Box Login could not renew your Box connection"
    assert "password store (GNOME Keyring / Secret Service) is locked" in received["body"]
    # Asked whether it is locked, never asked to unlock it: nothing prompted.
    assert "Unlock" not in report["secret_service_members"]
    assert report["locked_after"] is True


# --- the .deb's removal -------------------------------------------------------------------

PRERM = ROOT / "packaging" / "linux" / "debian" / "prerm"


def _prerm(tmp_path: Path, action: str, homes: dict[str, Path]) -> tuple[str, list[str]]:
    """Run the prerm with stand-ins for getent (these users), runuser (records the user, then
    runs the command as this test's user) and systemctl (records); returns (stderr, calls)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    passwd = "".join(
        f"{u}:x:{1000 + i}:{1000 + i}::{h}:/bin/sh\\n" for i, (u, h) in enumerate(homes.items())
    )
    stubs = {
        "getent": f'[ "$1" = passwd ] && printf "{passwd}"\n',
        "runuser": f'echo "runuser $1 $2" >>{log}\nshift 3\nexec "$@"\n',
        "systemctl": f'echo "systemctl $*" >>{log}\n',
    }
    for name, body in stubs.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    result = subprocess.run(
        ["sh", str(PRERM), action], capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines() if log.exists() else []
    return result.stderr, calls


def test_removing_the_deb_turns_keep_alive_off_for_every_user(tmp_path: Path) -> None:
    command = ["/opt/box-login/box-login", "keep-alive", "run-once"]
    homes = {name: tmp_path / "home" / name for name in ("ada", "bob", "cy", "dee")}
    units = homes["ada"] / ".config" / "systemd" / "user"
    _write_units(units, command)
    (units / "timers.target.wants").mkdir()
    (units / "timers.target.wants" / SYSTEMD_TIMER).symlink_to(units / SYSTEMD_TIMER)
    (units / "backup.timer").write_text("[Timer]\nOnCalendar=daily\n")  # ada's own
    entry = homes["bob"] / ".config" / "autostart" / AUTOSTART_NAME
    entry.parent.mkdir(parents=True)
    entry.write_text(autostart_entry(command))
    not_ours = homes["cy"] / ".config" / "systemd" / "user" / SYSTEMD_TIMER
    not_ours.parent.mkdir(parents=True)
    not_ours.write_text("[Timer]\nOnCalendar=weekly\n")  # cy's own file of that name
    homes["dee"].mkdir(parents=True)  # nothing of ours

    # An upgrade keeps everything.
    _, calls = _prerm(tmp_path, "upgrade", homes)
    assert calls == []
    assert (units / SYSTEMD_TIMER).exists()

    said, calls = _prerm(tmp_path, "remove", homes)
    assert sorted(units.iterdir()) == [units / "backup.timer", units / "timers.target.wants"]
    assert list((units / "timers.target.wants").iterdir()) == []
    assert not entry.exists()
    assert not_ours.exists()
    # The files went as each user, not as root; a user with nothing of ours was left alone.
    assert calls == ["runuser -u ada", "runuser -u bob", "runuser -u cy"]
    assert "turned keep-alive off for ada" in said
    assert "turned keep-alive off for bob" in said
