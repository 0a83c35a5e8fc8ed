"""Shared test configuration. Fixtures live in the plugin modules listed below."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.plugin_sandbox", "tests.plugin_keyring", "tests.plugin_cli"]


@pytest.fixture(autouse=True)
def _sign_in_window_test_hooks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Window tests drive the sign-in window's page through its test hooks, which the
    product leaves off (gui/signin_window.py, ``SignInWindow.test_hooks``). A test that checks
    the product's own behaviour marks itself ``product_hooks``."""
    from gui.signin_window import SignInWindow

    SignInWindow.test_hooks = request.node.get_closest_marker("product_hooks") is None
    try:
        yield
    finally:
        SignInWindow.test_hooks = False


@pytest.fixture(autouse=True)
def _sign_in_window_log(caplog: pytest.LogCaptureFixture) -> None:
    """The sign-in window runs in its own process; its standard error comes back as DEBUG
    lines of gui.signin_window (redacted). Capturing them means a failing window test shows
    what the sign-in window said ("Captured log call")."""
    caplog.set_level(logging.DEBUG, logger="gui.signin_window")
