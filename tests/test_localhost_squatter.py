"""A ``localhost`` redirect URI cannot be taken by another program (issue 8, part 2).

Chromium, so the sign-in window's Qt WebEngine page and most people's browsers, connects to
[::1] before 127.0.0.1 for ``localhost``. When Box Login listened only on 127.0.0.1, a program
listening on [::1]:PORT received ``GET /callback?code=…&state=…``. These tests sign in through
the real web view against the sandbox with such a squatter in place and check that it never
receives a byte: before Box Login listens (Box Login moves on to the next redirect URI) and
after (the squatter cannot listen at all). Both fail on a listener bound to 127.0.0.1 alone.

Also here: the Set up… dialog's advice to use 127.0.0.1 addresses.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.store import KeyringStore
from gui.main_window import MainWindow
from tests import test_gui_e2e as e2e
from tests.sandbox_harness import TestSandbox
from tests.squatter import Squatter, free_dual_stack_ports, has_ipv6_loopback
from tests.test_gui_e2e import connect, decide, log_in, sandbox_settings, shoot

# The window tests' fixtures: Box Login's QApplication, and main windows on the real keyring.
_box_login_app = e2e._box_login_app
make_window = e2e.make_window

pytestmark = pytest.mark.gui

needs_ipv6 = pytest.mark.skipif(
    not has_ipv6_loopback(), reason="no IPv6 loopback: nothing can listen on [::1] here"
)


def localhost_uri(port: int) -> str:
    return f"http://localhost:{port}/callback"


def finish_sign_in(qtbot: Any, window: MainWindow, squatter: Squatter | None) -> list[Any]:
    """Log in and grant on the sandbox's pages; wait until Box Login has the sign-in or the
    squatter got something (a stolen sign-in never reaches Box Login); what Box Login got."""
    signin = window.signin_window
    assert signin is not None
    log_in(qtbot, signin)
    connected: list[Any] = []
    window.connected.connect(connected.append)
    decide(qtbot, signin, "grant")
    qtbot.waitUntil(
        lambda: bool(connected) or (squatter is not None and squatter.connections > 0),
        timeout=20_000,
    )
    if squatter is not None:
        qtbot.wait(200)  # let a request in flight land before counting
    return connected


def assert_signed_in(
    window: MainWindow, connected: list[Any], sandbox: TestSandbox, store: KeyringStore
) -> None:
    assert connected, "the sign-in never reached Box Login"
    saved = store.load("default")
    assert saved is not None
    assert saved.access_token == connected[0].access_token
    assert sandbox.is_access_token_active(saved.access_token)
    assert window.current_page() == "connected"


@needs_ipv6
def test_squatter_on_ipv6_loopback_before_sign_in_receives_nothing(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox_factory: Callable[..., TestSandbox],
    keyring_store: KeyringStore,
) -> None:
    taken, free = free_dual_stack_ports(2)
    uris = [localhost_uri(taken), localhost_uri(free)]
    sandbox = sandbox_factory(redirect_uris=uris)
    with Squatter("::1", taken) as squatter:
        window = make_window(sandbox_settings(sandbox))
        connect(qtbot, window, "squatter-before-1")
        redirect_uri = window.controller.flow.redirect_uri  # type: ignore[union-attr]
        connected = finish_sign_in(qtbot, window, squatter)

        assert squatter.connections == 0, squatter.received[:120]
        assert squatter.received == b""
        # [::1]:taken was not Box Login's, so it used the next redirect URI instead.
        assert redirect_uri == uris[1]
        assert_signed_in(window, connected, sandbox, keyring_store)
        assert sandbox.grant_count("authorization_code") == 1
    shoot(qtbot, window, "squatter-before-2-connected")


@needs_ipv6
def test_squatter_arriving_after_box_login_listens_cannot_take_the_sign_in(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox_factory: Callable[..., TestSandbox],
    keyring_store: KeyringStore,
) -> None:
    (port,) = free_dual_stack_ports(1)
    sandbox = sandbox_factory(redirect_uris=[localhost_uri(port)])
    window = make_window(sandbox_settings(sandbox))
    connect(qtbot, window, "squatter-after-1")
    # Box Login listens now; a program that tries [::1] on the same port (sharing options
    # and all) finds it taken.
    squatters: list[Squatter] = []
    refusals: list[int | None] = []
    for reuse in (False, True):
        try:
            squatters.append(Squatter("::1", port, reuse=reuse))
        except OSError as exc:
            refusals.append(exc.errno)
    try:
        connected = finish_sign_in(qtbot, window, squatters[0] if squatters else None)
        for squatter in squatters:
            assert squatter.connections == 0, squatter.received[:120]
            assert squatter.received == b""
        assert refusals == [errno.EADDRINUSE, errno.EADDRINUSE]
        assert_signed_in(window, connected, sandbox, keyring_store)
    finally:
        for squatter in squatters:
            squatter.close()


# --- the Set up… dialog recommends 127.0.0.1 -------------------------------------------------


def test_setup_dialog_recommends_127_0_0_1_addresses(qtbot: Any, tmp_path: Path) -> None:
    from gui.setup_dialog import SetupDialog

    dialog = SetupDialog(None, save_path=tmp_path / "config.json")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The field's explanation says which addresses are best, in plain words.
    assert "127.0.0.1" in dialog.redirect_help.text()
    # The defaults are 127.0.0.1 addresses: no advice needed.
    assert not dialog.localhost_advice.isVisibleTo(dialog)

    dialog.redirect_uris.setPlainText(
        "http://localhost:8765/callback\nhttp://127.0.0.1:8766/callback"
    )
    qtbot.waitUntil(lambda: dialog.localhost_advice.isVisibleTo(dialog), timeout=2000)
    advice = dialog.localhost_advice.text()
    assert "http://127.0.0.1:8765/callback" in advice
    assert "instead of http://localhost:8765/callback" in advice
    assert "others" not in advice
    shoot(qtbot, dialog, "setup-dialog-localhost-advice")
    dialog.redirect_uris.setPlainText("http://localhost:8765/cb\n  http://localhost:8766/cb  ")
    assert "use http://127.0.0.1:8765/cb instead" in dialog.localhost_advice.text()
    assert "likewise for the others" in dialog.localhost_advice.text()
    dialog.redirect_uris.setPlainText(
        "http://localhost:8765/callback\nhttp://127.0.0.1:8766/callback"
    )

    # Advice, not an error: the settings still save as written.
    dialog.client_id.setText("c")
    dialog.client_secret.setText("s")
    with qtbot.waitSignal(dialog.settings_saved, timeout=2000) as saved:
        dialog.save_button.click()
    assert saved.args[0].redirect_uris[0] == "http://localhost:8765/callback"

    again = SetupDialog(saved.args[0], save_path=tmp_path / "config.json")
    qtbot.addWidget(again)
    assert again.localhost_advice.isVisibleTo(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.localhost_advice.isVisible()
    again.redirect_uris.setPlainText("http://127.0.0.1:8765/callback")
    qtbot.waitUntil(lambda: not again.localhost_advice.isVisibleTo(again), timeout=2000)
