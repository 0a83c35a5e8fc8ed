"""The main window's decisions, without widgets: ``gui.window_controller.WindowController``
driven through a recording view, tasks the test runs itself, and real core objects (memory
and encrypted-file stores, ``BoxLogin`` against the sandbox server over loopback).

No QApplication here: these run in the fast loop. What the window then looks like is
``test_gui_e2e.py``'s business.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from core.errors import BoxLoginError, KeyringUnavailableError, NotSignedInError, StoreError
from core.session import BoxLogin
from core.settings import Settings, parse_settings
from core.store import (
    CHOICE_ENCRYPTED_FILE,
    CHOICE_KEYRING,
    CHOICE_MEMORY,
    EncryptedFileStore,
    KeyringStore,
    MemoryStore,
    StoredToken,
    TokenStore,
    open_store,
)
from gui.demo import DEMO_HINT, DEMO_INTRO
from gui.failure import Failure
from gui.profiles import ProfileEntry, profile_title, switcher_entries
from gui.window_controller import RENEWAL_RETRY_MS, WindowController, store_words
from gui.window_view import Focus, Page, WindowEvents
from tests.netutil import free_ports
from tests.sandbox_harness import TestSandbox, complete_authorization

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = parse_settings({"client_id": "c", "client_secret": "s"})


# --- a recording view, and tasks the test runs -----------------------------------------------


class RecordingView:
    """Stands in for the window: keeps what it was last asked to show."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.page: Page | None = None
        self.actions_enabled: bool | None = None
        self.account_menu: bool | None = None
        self.switching_offered: bool | None = None
        self.advanced: bool | None = None
        self.demo: bool | None = None
        self.profiles: list[ProfileEntry] = []
        self.status = ""
        self.message: tuple[str, str] | None = None
        self.connect: tuple[StoredToken | None, str] | None = None
        self.connected: tuple[StoredToken, str] | None = None
        self.sign_in_url: str | None = None
        self.copied: list[str] = []
        self.answers: list[bool] = []
        self.passphrase: str | None = None
        self.account_name: str | None = None
        self.focus: list[Focus] = []
        self.settings_problem: Failure | None = None

    def _note(self, *call: Any) -> None:
        self.calls.append(call)

    def names(self) -> list[str]:
        """The requests made, in order."""
        return [c[0] for c in self.calls]

    def show_page(self, page: Page) -> None:
        self._note("show_page", page)
        self.page = page

    def offer_account_switching(self, offered: bool) -> None:
        self._note("offer_account_switching", offered)
        self.switching_offered = offered
        self.account_menu = offered

    def enable_actions(self, enabled: bool, *, account_menu: bool) -> None:
        self._note("enable_actions", enabled, account_menu)
        self.actions_enabled = enabled
        self.account_menu = account_menu

    def enable_advanced(self, enabled: bool) -> None:
        self._note("enable_advanced", enabled)
        self.advanced = enabled

    def move_focus(self, target: Focus) -> None:
        self._note("move_focus", target)
        self.focus.append(target)

    def show_settings_problem(self, failure: Failure) -> None:
        self._note("show_settings_problem", failure)
        self.settings_problem = failure

    def show_demo(self, active: bool) -> None:
        self._note("show_demo", active)
        self.demo = active

    def show_profiles(self, entries: Sequence[ProfileEntry], current: str) -> None:
        self._note("show_profiles", tuple(entries), current)
        self.profiles = list(entries)

    def select_profile(self, profile: str) -> None:
        self._note("select_profile", profile)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self._note("show_status", text, timeout_ms)
        self.status = text

    def show_message(self, text: str, level: str, details: str = "") -> None:
        self._note("show_message", text, level)
        self.message = (text, level)

    def show_failure(self, failure: Failure, prefix: str = "") -> None:
        self._note("show_failure", failure, prefix)
        self.message = (f"{prefix} {failure.text}".strip(), "error")

    def clear_message(self) -> None:
        self._note("clear_message")
        self.message = None

    def show_connect(self, stored: StoredToken | None, where: str) -> None:
        self._note("show_connect", stored, where)
        self.connect = (stored, where)

    def show_connected(self, stored: StoredToken, where: str) -> None:
        self._note("show_connected", stored, where)
        self.connected = (stored, where)

    def stop_countdown(self) -> None:
        self._note("stop_countdown")

    def allow_renewal_retry(self, after_ms: int = 0) -> None:
        self._note("allow_renewal_retry", after_ms)

    def confirm(self, title: str, text: str, yes: str) -> bool:
        self._note("confirm", title)
        return self.answers.pop(0)

    def ask_passphrase(self, new_file: bool) -> str | None:
        self._note("ask_passphrase", new_file)
        return self.passphrase

    def ask_account_name(self) -> str | None:
        self._note("ask_account_name")
        return self.account_name

    def open_sign_in_window(self, authorize_url: str, redirect_uri: str, hint: str | None) -> None:
        self._note("open_sign_in_window", hint)
        self.sign_in_url = authorize_url

    def finish_sign_in_window(self, who: str) -> None:
        self._note("finish_sign_in_window", who)

    def close_sign_in_window(self) -> None:
        self._note("close_sign_in_window")

    def shut_down_sign_in_window(self) -> None:
        self._note("shut_down_sign_in_window")

    def copy_secret(self, secret: str) -> int:
        self._note("copy_secret")
        self.copied.append(secret)
        return 30_000

    def clear_clipboard(self) -> None:
        self._note("clear_clipboard")


class ManualTasks:
    """Background work the test runs, in order, on its own thread (``run``)."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, Callable[[], Any], Any, Any, bool]] = []

    def start(
        self,
        fn: Callable[[], Any],
        on_succeeded: Callable[[Any], None] | None = None,
        on_failed: Callable[[Failure], None] | None = None,
        *,
        name: str = "task",
        track_busy: bool = True,
    ) -> object:
        self.pending.append((name, fn, on_succeeded, on_failed, track_busy))
        return name

    def names(self) -> list[str]:
        return [p[0] for p in self.pending]

    def run(self, name: str) -> None:
        """Run the first pending task called ``name`` and deliver its outcome."""
        index = self.names().index(name)
        _name, fn, on_succeeded, on_failed, _tracked = self.pending.pop(index)
        try:
            result = fn()
        except BaseException as exc:
            if on_failed is not None:
                on_failed(Failure.from_exception(exc))
        else:
            if on_succeeded is not None:
                on_succeeded(result)

    def run_all(self) -> None:
        while self.pending:
            self.run(self.pending[0][0])

    def is_busy(self) -> bool:
        return any(tracked for *_rest, tracked in self.pending)

    def wait_for_done(self, timeout: float = 10.0) -> bool:
        return True


class Events:
    """The controller's events, in order."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    def make(self) -> WindowEvents:
        def note(name: str) -> Callable[..., None]:
            return lambda *args: self.seen.append((name, args[0] if args else None))

        return WindowEvents(
            connected=note("connected"),
            account_shown=note("account_shown"),
            disconnected=note("disconnected"),
            sign_in_failed=note("sign_in_failed"),
            refreshed=note("refreshed"),
            page_changed=note("page_changed"),
            copied=note("copied"),
        )

    def names(self) -> list[str]:
        return [name for name, _value in self.seen]


class Harness:
    """A controller with its recording view, tasks and events."""

    def __init__(
        self,
        settings: Settings | None,
        tmp_path: Path,
        *,
        store: TokenStore | None = None,
        store_factory: Callable[[str | None, str | None], TokenStore] | None = None,
        **kw: Any,
    ) -> None:
        chosen = store if store is not None else MemoryStore()
        self.view = RecordingView()
        self.tasks = ManualTasks()
        self.events = Events()
        self.controller = WindowController(
            self.view,
            self.tasks,
            settings,
            store_factory=store_factory or (lambda _choice, _passphrase: chosen),
            login_factory=lambda s, st: BoxLogin(s, st, lock_dir=tmp_path / "locks"),
            events=self.events.make(),
            **kw,
        )

    def open_and_start(self) -> None:
        self.controller.open()
        self.controller.start()
        self.tasks.run_all()


def signed_in(profile: str = "default", **changes: Any) -> StoredToken:
    base: dict[str, Any] = dict(
        profile=profile,
        access_token="a" * 32,
        refresh_token="r" * 64,
        received_at=1_780_000_000.0,
        expires_at=1_780_003_600.0,
        refresh_expires_at=1_780_000_000.0 + 60 * 86400,
        user_name="Ada Lovelace",
        user_login="ada@example.com",
        scope="root_readwrite",
    )
    base.update(changes)
    return StoredToken(**base)


def sign_in(harness: Harness) -> None:
    """Click "Connect", let the scripted browser grant access, run the sign-in."""
    harness.controller.begin_sign_in()
    url = harness.view.sign_in_url
    assert url is not None
    browser = threading.Thread(target=complete_authorization, args=(url,), daemon=True)
    browser.start()
    harness.tasks.run("sign-in")  # flow.wait(), here on the test's thread
    browser.join(10)


@pytest.fixture
def box(sandbox_factory: Callable[..., TestSandbox]) -> TestSandbox:
    """The sandbox, with redirect URIs on ports free now (not the usual 8765 and 8766, which
    another test run on this computer may hold)."""
    return sandbox_factory(redirect_uris=[f"http://127.0.0.1:{p}/callback" for p in free_ports(2)])


@pytest.fixture
def box_settings(box: TestSandbox) -> Settings:
    return parse_settings(box.client_settings())


# --- pages and start-up ------------------------------------------------------------------------


def test_pages_are_named_by_a_str_enum() -> None:
    assert [str(p) for p in Page] == ["loading", "first_run", "no_keyring", "connect", "connected"]
    assert Page.CONNECT == "connect"
    assert json.dumps({"page": Page.LOADING}) == '{"page": "loading"}'


def test_without_settings_the_window_opens_on_first_run(tmp_path: Path) -> None:
    h = Harness(None, tmp_path)
    assert h.controller.page == Page.LOADING
    h.controller.open()
    assert h.view.page == Page.FIRST_RUN
    assert h.view.switching_offered is False
    assert h.view.advanced is False
    assert h.events.seen == [("page_changed", Page.FIRST_RUN)]


def test_start_opens_the_store_then_shows_connect_with_actions_disabled_meanwhile(
    tmp_path: Path,
) -> None:
    h = Harness(OFFLINE, tmp_path)
    h.controller.open()
    assert h.view.page is None  # the loading screen the window starts on stays
    h.controller.start()
    assert h.tasks.names() == ["open-store"]
    assert h.view.status == "Opening your password store…"
    assert h.view.actions_enabled is False
    assert h.controller.is_busy()
    h.tasks.run("open-store")
    assert h.tasks.names() == ["status"]
    assert h.view.status == "Checking your connection…"
    h.tasks.run("status")
    assert h.controller.page == Page.CONNECT
    assert h.view.connect == (None, "Kept in memory only — forgotten when Box Login closes")
    assert h.view.actions_enabled is True
    assert h.view.account_menu is True
    assert h.view.switching_offered is True
    assert h.view.status == "Ready."
    assert not h.controller.is_busy()


def test_invalid_settings_open_first_run_and_say_what_is_wrong(tmp_path: Path) -> None:
    from core.settings import load_settings

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    h = Harness(None, tmp_path, settings_loader=lambda: load_settings(bad))
    h.open_and_start()
    assert h.controller.page == Page.FIRST_RUN
    # The first-run screen says what is wrong (an error card), not "welcome" beside it.
    problem = h.view.settings_problem
    assert problem is not None
    assert problem.is_a(BoxLoginError)
    assert "bad.json" in problem.text or "bad.json" in problem.details
    assert h.view.message is None
    assert h.view.advanced is False


def test_no_password_store_offers_the_choices_then_opens_the_chosen_one(tmp_path: Path) -> None:
    opened: list[tuple[str | None, str | None]] = []

    def factory(choice: str | None, passphrase: str | None) -> TokenStore:
        opened.append((choice, passphrase))
        if choice is None:
            raise KeyringUnavailableError("This computer has no password store.")
        return open_store(choice=choice, passphrase=passphrase, path=tmp_path / "t.encrypted")

    h = Harness(OFFLINE, tmp_path, store_factory=factory)
    h.open_and_start()
    assert h.controller.page == Page.NO_KEYRING
    assert h.view.status == "No password store found on this computer."
    h.view.passphrase = None  # the passphrase dialog was cancelled: nothing happens
    h.controller.choose_encrypted_file()
    assert h.tasks.pending == []
    h.view.passphrase = "open sesame"
    h.controller.choose_encrypted_file()
    h.tasks.run_all()
    assert opened[-1] == (CHOICE_ENCRYPTED_FILE, "open sesame")
    assert h.controller.page == Page.CONNECT
    assert h.view.connect is not None
    assert h.view.connect[1].startswith("Your connection will be saved in an encrypted file ")
    assert h.view.connect[1].endswith(", protected by your passphrase")


# --- where the connection is kept: decided by the store's kind -------------------------------


def test_stores_say_their_kind(tmp_path: Path) -> None:
    assert MemoryStore().kind == CHOICE_MEMORY
    assert open_store(choice=CHOICE_MEMORY).kind == CHOICE_MEMORY
    encrypted = open_store(choice=CHOICE_ENCRYPTED_FILE, passphrase="p", path=tmp_path / "t")
    assert encrypted.kind == CHOICE_ENCRYPTED_FILE
    assert KeyringStore.kind == CHOICE_KEYRING


class _OddlyWordedMemoryStore(MemoryStore):
    """A memory store whose plain words happen to read like a keyring's."""

    def location(self) -> str:
        return "encrypted file that is not one"


def test_store_words_follow_the_kind_not_the_wording(tmp_path: Path) -> None:
    assert store_words(_OddlyWordedMemoryStore()) == (
        "Kept in memory only — forgotten when Box Login closes"
    )
    encrypted = EncryptedFileStore(tmp_path / "tokens.encrypted", passphrase="p")
    assert store_words(encrypted) == (
        f"Saved in an {encrypted.location()}, protected by your passphrase"
    )


# --- accounts ------------------------------------------------------------------------------------


def test_switcher_lists_the_main_account_first_and_the_current_one_always() -> None:
    entries = [ProfileEntry("work", None), ProfileEntry("default", "Ada Lovelace")]
    listed = switcher_entries(entries, "home")
    assert [profile_title(e) for e in listed] == ["Ada Lovelace (Main account)", "home", "work"]


def test_switching_is_refused_while_busy_and_names_are_checked(tmp_path: Path) -> None:
    store = MemoryStore()
    store.save(signed_in())
    h = Harness(OFFLINE, tmp_path, store=store)
    h.controller.open()
    h.controller.start()
    h.tasks.run("open-store")  # the status check is still running
    h.controller.switch_profile("work")
    assert h.controller.profile == "default"
    assert h.view.calls[-1] == ("select_profile", "default")
    h.tasks.run_all()
    assert h.controller.page == Page.CONNECTED

    h.controller.add_profile("no spaces please")
    assert h.controller.profile == "default"
    assert h.view.message is not None
    assert h.view.message[1] == "warning"

    h.view.account_name = "work"
    h.controller.add_account_from_list()
    assert h.view.calls[h.view.names().index("ask_account_name") - 1] == (
        "select_profile",
        "default",
    )
    h.tasks.run_all()
    assert h.controller.profile == "work"
    assert h.controller.page == Page.CONNECT
    assert ("stop_countdown",) in h.view.calls  # leaving the connected screen
    assert [e.profile for e in h.view.profiles] == ["default", "work"]


# --- the sign-in -----------------------------------------------------------------------------


def test_sign_in_shows_the_account_while_saving_then_connects(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    h.controller.begin_sign_in()
    assert h.view.calls[-1] == ("open_sign_in_window", None)
    assert h.view.actions_enabled is False
    assert h.view.status == "Waiting for you to sign in to Box…"
    h.controller.begin_sign_in()  # a second click while one runs: nothing new
    assert h.view.names().count("open_sign_in_window") == 1
    url = h.view.sign_in_url
    assert url is not None
    browser = threading.Thread(target=complete_authorization, args=(url,), daemon=True)
    browser.start()
    h.tasks.run("sign-in")
    browser.join(10)

    assert h.events.names()[-3:] == ["account_shown", "account_shown", "connected"]
    # While saving: the account is shown, the actions stay disabled until the save is done.
    shown = h.view.names().index("show_connected")
    saving = next(
        i
        for i, call in enumerate(h.view.calls)
        if call[0] == "show_status" and call[1].startswith("Saving the connection in memory only")
    )
    saved = h.view.calls.index(("show_status", "Connected as Ada Lovelace.", 8000))
    assert shown < saving < saved
    assert h.view.calls[saving - 1] == ("enable_actions", False, False)
    assert h.view.calls[-1] == ("finish_sign_in_window", "Ada Lovelace")
    assert h.view.actions_enabled is True
    assert h.controller.page == Page.CONNECTED
    assert h.view.status == "Connected as Ada Lovelace."
    assert h.controller.flow is None
    h.tasks.run("profiles")
    assert [profile_title(e) for e in h.view.profiles] == ["Ada Lovelace (Main account)"]


class _FailingSaveStore(MemoryStore):
    def save(self, token: StoredToken) -> None:
        raise StoreError("The password store refused the write.")


def test_a_failed_save_after_the_account_was_shown_goes_back_to_connect(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path, store=_FailingSaveStore())
    h.open_and_start()
    sign_in(h)
    assert "account_shown" in h.events.names()
    name, failure = h.events.seen[-1]
    assert name == "sign_in_failed"
    assert failure.is_a(StoreError)
    assert ("close_sign_in_window",) in h.view.calls
    names = h.view.names()
    assert len(names) - names[::-1].index("stop_countdown") > names.index("show_connected")
    h.tasks.run_all()  # the status is read again: nothing saved
    assert h.controller.page == Page.CONNECT
    assert h.view.message is not None
    assert h.view.message[0].startswith("Connecting to Box did not work.")
    assert "refused the write" in h.view.message[0]


def test_a_sign_in_that_cannot_start_says_so(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:  # another program holds the only redirect port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = parse_settings(
            {
                "client_id": "c",
                "client_secret": "s",
                "redirect_uris": [f"http://127.0.0.1:{port}/callback"],
            }
        )
        h = Harness(settings, tmp_path)
        h.open_and_start()
        h.controller.begin_sign_in()
    assert h.controller.flow is None
    assert "open_sign_in_window" not in h.view.names()
    name, failure = h.events.seen[-1]
    assert name == "sign_in_failed"
    assert failure.is_a(BoxLoginError)
    assert h.view.status == "Not connected."


# --- the connected account ------------------------------------------------------------------


def test_renewal_waits_while_busy_and_an_automatic_failure_retries_later(
    tmp_path: Path, box: TestSandbox, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    sign_in(h)
    h.tasks.run_all()
    h.controller.copy_access_key()  # busy: the countdown's renewal must wait
    h.controller.renewal_due()
    assert h.view.calls[-1] == ("allow_renewal_retry", 0)
    h.tasks.run_all()
    box.inject_fault(
        "/oauth2/token", status=400, body={"error": "invalid_client", "error_description": "x"}
    )
    h.controller.renewal_due()
    assert h.view.status == "Renewing the access key…"
    h.tasks.run("refresh")
    assert ("allow_renewal_retry", RENEWAL_RETRY_MS) in h.view.calls
    assert h.view.message is not None
    assert h.view.message[0].startswith("Box Login could not renew the access key; it will try")
    assert h.view.status == "Renewing did not work."

    h.controller.refresh_now()
    h.tasks.run("refresh")
    assert h.events.names()[-1] == "refreshed"
    assert h.view.status == "Access key renewed."


def test_refreshing_an_account_that_is_gone_asks_to_sign_in_again(tmp_path: Path) -> None:
    store = MemoryStore()
    store.save(signed_in())
    h = Harness(OFFLINE, tmp_path, store=store)
    h.open_and_start()
    store.delete("default")  # e.g. removed by the command line meanwhile
    h.controller.refresh_now()
    h.tasks.run("refresh")
    assert h.view.message == ("Box asks you to sign in again. Click “Connect again”.", "warning")
    h.tasks.run("status")
    assert h.controller.page == Page.CONNECT


def test_copy_puts_a_valid_key_on_the_clipboard_and_says_for_how_long(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    sign_in(h)
    h.tasks.run_all()
    h.controller.copy_access_key()
    assert h.view.status == "Getting a valid access key…"
    h.tasks.run("copy-token")
    assert h.view.connected is not None
    assert h.view.copied == [h.view.connected[0].access_token]
    assert h.view.status == (
        "Access key copied. Box Login clears it from the clipboard in 30 seconds."
    )
    assert h.events.names()[-1] == "copied"


def test_disconnect_asks_first_then_revokes_and_shows_connect(
    tmp_path: Path, box: TestSandbox, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    sign_in(h)
    h.tasks.run_all()
    h.view.answers = [False]
    h.controller.disconnect()
    assert h.tasks.pending == []
    h.view.answers = [True]
    h.controller.disconnect()
    assert h.view.calls[-3] == ("confirm", "Disconnect from Box?")
    h.tasks.run("revoke")
    assert h.view.message is not None
    assert h.view.message[1] == "success"
    assert h.controller.page == Page.CONNECT
    assert h.events.seen[-1] == ("disconnected", "default")
    assert h.view.connect == (None, "Kept in memory only — forgotten when Box Login closes")
    with pytest.raises(NotSignedInError):
        h.controller.login.get_access_token("default")  # type: ignore[union-attr]


def test_focus_goes_to_the_next_useful_control_after_each_action(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    assert h.view.focus[-1] == Focus.PRIMARY  # "Connect to Box" on the connect screen
    # After a sign-in: the connected screen's main action (not the Account list).
    sign_in(h)
    after_sign_in = h.view.names()[h.view.names().index("finish_sign_in_window") - 1]
    assert after_sign_in == "move_focus"
    assert h.view.focus[-1] == Focus.PRIMARY
    h.tasks.run_all()
    # After Copy and after Refresh: back to the button that started it.
    h.view.focus.clear()
    h.controller.copy_access_key()
    h.tasks.run("copy-token")
    assert h.view.focus == [Focus.RESUME]
    h.view.focus.clear()
    h.controller.refresh_now()
    h.tasks.run("refresh")
    assert h.view.focus[-1] == Focus.RESUME
    # After a disconnect: the connect screen's main action.
    h.view.answers = [True]
    h.controller.disconnect()
    h.tasks.run("revoke")
    assert h.controller.page == Page.CONNECT
    assert h.view.focus[-1] == Focus.PRIMARY


def test_a_cancelled_sign_in_puts_the_focus_back_on_connect(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    h.controller.begin_sign_in()
    h.view.focus.clear()
    h.controller.cancel_sign_in()
    h.tasks.run("sign-in")
    assert h.view.focus == [Focus.PRIMARY]


# --- the demo ------------------------------------------------------------------------------


def test_demo_signs_in_against_the_pretend_box_and_saved_settings_leave_it(
    tmp_path: Path, box_settings: Settings
) -> None:
    started: list[TestSandbox] = []

    def start_sandbox() -> TestSandbox:
        uris = [f"http://127.0.0.1:{p}/callback" for p in free_ports(2)]
        started.append(TestSandbox(redirect_uris=uris).start())
        return started[-1]

    keyring_like = MemoryStore()
    h = Harness(None, tmp_path, store=keyring_like, sandbox_factory=start_sandbox)
    h.controller.open()
    h.controller.start_demo()
    try:
        assert h.view.demo is True
        assert h.controller.demo_active
        assert h.controller.store is not None
        assert h.controller.store.kind == CHOICE_MEMORY
        assert h.controller.store is not keyring_like  # demo connections: their own memory
        assert h.view.message == (DEMO_INTRO, "info")
        assert h.view.calls[-1] == ("open_sign_in_window", DEMO_HINT)
        assert h.controller.page == Page.CONNECT
        assert h.controller.setup_settings is None  # set-up never starts from the demo's
        h.controller.cancel_sign_in()
        h.tasks.run("sign-in")
        assert h.events.names()[-1] == "sign_in_failed"

        h.controller.settings_saved(box_settings, "/somewhere/config.json")
        assert h.view.demo is False
        assert not h.controller.demo_active
        assert not started[0].running
        assert h.view.message == ("Settings saved to /somewhere/config.json.", "success")
        h.tasks.run_all()
        assert h.controller.store is keyring_like  # the demo's memory store was let go
        assert h.controller.setup_settings == box_settings
    finally:
        h.controller.close()
        for server in started:
            server.stop()


def test_closing_stops_the_sign_in_the_countdown_and_the_demo(tmp_path: Path) -> None:
    h = Harness(OFFLINE, tmp_path)
    h.open_and_start()
    h.controller.close()
    assert h.view.names()[-3:] == ["shut_down_sign_in_window", "stop_countdown", "clear_clipboard"]


# --- the shape of gui/ -----------------------------------------------------------------------


def test_the_window_logic_imports_no_qt() -> None:
    code = (
        "import sys, gui.window_controller, gui.window_view, gui.profiles, gui.demo,"
        " gui.failure; bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))];"
        " assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_gui_modules_import_no_circle() -> None:
    import ast

    modules = {p.stem: p for p in (ROOT / "gui").glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "gui":
                deps |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gui."):
                deps.add(str(node.module).removeprefix("gui."))
            elif isinstance(node, ast.Import):
                deps |= {
                    a.name.removeprefix("gui.") for a in node.names if a.name.startswith("gui.")
                }
        graph[name] = {d for d in deps if d in modules and d != name}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or reaches(nxt, goal, seen | {nxt}) for nxt in graph[start] - seen)

    circles = sorted(name for name in graph if reaches(name, name, set()))
    assert circles == []
