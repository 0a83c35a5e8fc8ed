"""The window's keep-alive switch: the controller's decisions (``gui.window_controller``,
driven as in ``test_window_controller.py``: a recording view, tasks the test runs, the real
sandbox and keyring) and the connected panel's switch and days left (``gui.token_panel``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.keepalive_schedulers import SchedulerError
from core.session import BoxLogin
from core.settings import Settings, parse_settings, user_settings_path
from core.store import EncryptedFileStore, KeyringStore, MemoryStore, TokenStore
from gui.keepalive_control import (
    KEEP_ALIVE_EXPLANATION,
    KEEP_ALIVE_NOTHING,
    KEEP_ALIVE_OFF,
    KEEP_ALIVE_ON,
    KEEP_ALIVE_UNAVAILABLE,
    job_config,
)
from gui.window_controller import WindowController
from tests.netutil import free_ports
from tests.plugin_keyring import make_token
from tests.sandbox_harness import TestSandbox
from tests.test_window_controller import Events, ManualTasks, RecordingView, sign_in


class KeepAliveView(RecordingView):
    def __init__(self) -> None:
        super().__init__()
        self.keep_alive: tuple[bool | None, str, bool] | None = None

    def show_keep_alive(self, on: bool | None, note: str, *, enabled: bool = True) -> None:
        self._note("show_keep_alive", on, enabled)
        self.keep_alive = (on, note, enabled)


class RecordingKeepAlive:
    """Keep-alive as the window sees it, recorded (the real one is tested in
    test_keepalive.py): ``chosen`` the choice made before, ``mode`` what is installed."""

    def __init__(self, chosen: str | None = None, *, fails: bool = False) -> None:
        self.chosen = chosen
        self.mode = chosen if chosen in ("renew", "remind") else "off"
        self.turned: list[tuple[bool, Path | None]] = []
        self.fails = fails

    def choice(self) -> str | None:
        return self.chosen

    def installed(self) -> str:
        return self.mode

    def turn(self, on: bool, config: Path | None) -> str:
        self.turned.append((on, config))
        if self.fails:
            raise SchedulerError("The system's scheduler refused to enable the timer.")
        self.mode = self.chosen = "renew" if on else "remind"
        return self.mode


class Harness:
    def __init__(
        self,
        settings: Settings | None,
        tmp_path: Path,
        store: TokenStore,
        keep_alive: RecordingKeepAlive | None,
    ) -> None:
        self.view = KeepAliveView()
        self.tasks = ManualTasks()
        self.keep_alive = keep_alive
        self.controller = WindowController(
            self.view,
            self.tasks,
            settings,
            store_factory=lambda _choice, _passphrase: store,
            login_factory=lambda s, st: BoxLogin(s, st, lock_dir=tmp_path / "locks"),
            events=Events().make(),
            keep_alive=keep_alive,
        )
        self.controller.open()
        self.controller.start()
        self.tasks.run_all()


@pytest.fixture
def box_settings(sandbox_factory: Callable[..., TestSandbox]) -> Settings:
    box = sandbox_factory(redirect_uris=[f"http://127.0.0.1:{p}/callback" for p in free_ports(2)])
    return parse_settings(box.client_settings())


def test_the_first_sign_in_turns_keep_alive_on_with_one_explanation(
    box_settings: Settings, keyring_store: KeyringStore, tmp_path: Path
) -> None:
    control = RecordingKeepAlive(chosen=None)
    h = Harness(box_settings, tmp_path, keyring_store, control)
    assert h.view.keep_alive is None  # nothing connected, no switch yet
    sign_in(h)
    assert h.view.keep_alive == (True, "Setting it up…", False)
    assert h.tasks.names() == ["profiles", "keep-alive"]  # in the background, not busy
    assert h.view.actions_enabled is True
    h.tasks.run_all()
    assert control.turned == [(True, None)]  # the usual settings: no --config for the job
    assert h.view.keep_alive == (True, KEEP_ALIVE_EXPLANATION, True)
    assert "more than 30 days old" in KEEP_ALIVE_EXPLANATION
    assert "You can turn this off here." in KEEP_ALIVE_EXPLANATION

    # Shown again later: on, in short.
    h.controller.switch_profile("other")
    h.tasks.run_all()
    h.controller.switch_profile("default")
    h.tasks.run_all()
    assert h.view.keep_alive == (True, KEEP_ALIVE_ON, True)
    # Signing in again does not decide again.
    h.controller.begin_sign_in()
    h.controller.cancel_sign_in()
    h.tasks.run_all()
    assert control.turned == [(True, None)]


def test_a_choice_made_before_is_kept(
    box_settings: Settings, keyring_store: KeyringStore, tmp_path: Path
) -> None:
    control = RecordingKeepAlive(chosen="remind")  # the person turned it off once
    h = Harness(box_settings, tmp_path, keyring_store, control)
    sign_in(h)
    h.tasks.run_all()
    assert control.turned == []
    assert h.view.keep_alive == (False, KEEP_ALIVE_OFF, True)


def test_the_switch_turns_it_off_and_on(
    box_settings: Settings, keyring_store: KeyringStore, tmp_path: Path
) -> None:
    keyring_store.save(make_token())
    control = RecordingKeepAlive(chosen="renew")
    custom = tmp_path / "elsewhere" / "settings.json"
    settings = parse_settings(box_settings.to_dict(), source=custom)
    h = Harness(settings, tmp_path, keyring_store, control)
    assert h.view.keep_alive == (True, KEEP_ALIVE_ON, True)

    h.controller.set_keep_alive(False)
    assert h.view.keep_alive == (False, "Turning it off…", False)
    h.controller.set_keep_alive(True)  # a second flip while the first runs: ignored
    h.tasks.run_all()
    assert control.turned == [(False, custom.resolve())]  # the job is told which settings
    assert h.view.keep_alive == (False, KEEP_ALIVE_OFF, True)
    assert h.view.status == "Keep-alive is off; reminders stay on."

    h.controller.set_keep_alive(True)
    h.tasks.run_all()
    assert h.view.keep_alive == (True, KEEP_ALIVE_ON, True)
    assert h.view.status == "Keep-alive is on."


def test_a_refusing_scheduler_is_said_and_the_switch_tells_the_truth(
    keyring_store: KeyringStore, tmp_path: Path
) -> None:
    keyring_store.save(make_token())
    control = RecordingKeepAlive(chosen="remind", fails=True)
    h = Harness(parse_settings({"client_id": "c", "client_secret": "s"}), tmp_path,
                keyring_store, control)  # fmt: skip
    h.controller.set_keep_alive(True)
    h.tasks.run_all()
    assert h.view.keep_alive == (False, KEEP_ALIVE_OFF, True)
    assert h.view.message is not None
    text, level = h.view.message
    assert level == "error"
    assert text.startswith("Box Login could not change keep-alive.")
    assert "refused to enable the timer" in text


def test_turned_off_altogether_says_so(keyring_store: KeyringStore, tmp_path: Path) -> None:
    keyring_store.save(make_token())
    control = RecordingKeepAlive(chosen="off")  # box-login keep-alive uninstall
    h = Harness(parse_settings({"client_id": "c", "client_secret": "s"}), tmp_path,
                keyring_store, control)  # fmt: skip
    assert h.view.keep_alive == (False, KEEP_ALIVE_NOTHING, True)


def test_an_encrypted_file_says_keep_alive_is_not_available(tmp_path: Path) -> None:
    store = EncryptedFileStore(tmp_path / "tokens", passphrase="correct horse")
    store.save(make_token())
    control = RecordingKeepAlive(chosen=None)
    offline = parse_settings({"client_id": "c", "client_secret": "s"})
    h = Harness(offline, tmp_path, store, control)
    assert h.view.keep_alive == (False, KEEP_ALIVE_UNAVAILABLE, False)
    assert "passphrase" in KEEP_ALIVE_UNAVAILABLE
    h.controller.set_keep_alive(True)
    h.tasks.run_all()
    assert control.turned == []


def test_memory_only_shows_no_switch(tmp_path: Path) -> None:
    store = MemoryStore()
    store.save(make_token())
    h = Harness(parse_settings({"client_id": "c", "client_secret": "s"}), tmp_path, store,
                RecordingKeepAlive())  # fmt: skip
    assert h.view.keep_alive == (None, "", True)


def test_the_job_is_told_only_about_settings_it_would_not_find() -> None:
    data = {"client_id": "c", "client_secret": "s"}
    assert job_config(None) is None
    assert job_config(parse_settings(data)) is None
    assert job_config(parse_settings(data, source=user_settings_path())) is None
    other = Path("/srv/box/settings.json")
    assert job_config(parse_settings(data, source=other)) == other


# --- the panel itself -----------------------------------------------------------------------


def test_the_panel_says_days_left_and_flips_the_switch(qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from gui.token_panel import TokenPanel

    now = time.time()
    panel = TokenPanel(clock=lambda: now)
    qtbot.addWidget(panel)
    token = make_token(now=now - 12.5 * 86400)  # 47.5 days left
    panel.show_token(token, "Saved in GNOME Keyring")
    assert panel.until_label.text().endswith("(47 days left)")
    assert panel.until_label.text().startswith("Connected until ")
    assert not panel.keep_alive_switch.isVisibleTo(panel)

    panel.show_keep_alive(True, KEEP_ALIVE_ON)
    assert panel.keep_alive_switch.isVisibleTo(panel)
    assert panel.keep_alive_switch.text() == "Keep me connected even when Box Login is closed"
    assert panel.keep_alive_switch.isChecked()
    assert panel.keep_alive_note.text() == KEEP_ALIVE_ON
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.keep_alive_toggled, timeout=5000) as flipped:
        qtbot.mouseClick(panel.keep_alive_switch, Qt.MouseButton.LeftButton)
    assert flipped.args == [False]
    with qtbot.assertNotEmitted(panel.keep_alive_toggled):
        panel.show_keep_alive(True, KEEP_ALIVE_ON)  # the window setting it says nothing
    panel.show_keep_alive(None, "")
    assert not panel.keep_alive_switch.isVisibleTo(panel)
    panel.stop()
