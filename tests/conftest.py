"""Shared test configuration. Fixtures live in the plugin modules listed below."""

from __future__ import annotations

pytest_plugins = ["tests.plugin_sandbox", "tests.plugin_keyring", "tests.plugin_cli"]
