"""Fixtures around the Box sandbox server (owned by the sandbox work).

- ``sandbox``: a fresh :class:`tests.sandbox_harness.TestSandbox` (the product's
  :class:`core.sandbox.SandboxServer` plus faults, delays and a record of every request) with
  the default config, started for one test and stopped after it.
- ``sandbox_factory``: ``sandbox_factory(**kwargs)`` starts a sandbox with a custom config
  (any ``SandboxServer`` keyword); every one it made is stopped after the test.
- ``sandbox_clock``: a :class:`FakeClock` to pass as ``clock=`` so a test can move time
  forward (``sandbox_clock.advance(31)``) instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.sandbox_harness import TestSandbox


class FakeClock:
    """A clock that starts at the real time and moves only when told to."""

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        with self._lock:
            self._now += seconds


@pytest.fixture
def sandbox() -> Iterator[TestSandbox]:
    """A fresh Box sandbox (default config) running for this test."""
    server = TestSandbox().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., TestSandbox]]:
    """Start sandboxes with custom configs; all are stopped after the test."""
    started: list[TestSandbox] = []

    def make(**kwargs: Any) -> TestSandbox:
        server = TestSandbox(**kwargs).start()
        started.append(server)
        return server

    try:
        yield make
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def sandbox_clock() -> FakeClock:
    """A fake clock for ``SandboxServer(clock=...)``."""
    return FakeClock()
