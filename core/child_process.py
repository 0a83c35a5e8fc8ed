"""Run another program in Box Login's place, as ``box-login exec`` does: signals sent to Box
Login reach the program, and its exit status comes back the way a shell reports it.

- POSIX: SIGINT, SIGTERM and SIGHUP sent to Box Login are passed on to the program (one that
  Box Login was started ignoring, as under ``nohup``, stays ignored by both). A Ctrl-C
  typed at the terminal already reaches the program (the terminal signals its whole foreground
  process group, Box Login and the program alike), so the first SIGINT is passed on only when
  Box Login is not in the terminal's foreground (a ``kill -INT`` from elsewhere, or no
  terminal); a second one always is. Otherwise the program would see every Ctrl-C twice.
  (``uv run`` follows the same rule for the same reason.)
- Windows: Ctrl-C reaches every program attached to the console; Box Login ignores it and
  waits for the program.

A program ended by signal N gives 128+N, as shells report it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import Any

__all__ = ["FORWARDED_SIGNALS", "exit_status", "run_forwarding_signals"]

#: The signals passed on to the program (POSIX).
FORWARDED_SIGNALS: tuple[str, ...] = ("SIGINT", "SIGTERM", "SIGHUP")


def exit_status(returncode: int) -> int:
    """``subprocess``'s return code as a shell reports it: 128+N for "ended by signal N"."""
    return 128 - returncode if returncode < 0 else returncode


def run_forwarding_signals(argv: Sequence[str], env: Mapping[str, str]) -> int:
    """Run ``argv`` with exactly ``env`` as its environment, with this process's standard
    streams, until it ends; returns its exit status (see :func:`exit_status`).

    Raises OSError (FileNotFoundError, PermissionError…) when it cannot be started.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "nt":
        return _run_on_windows(argv, env)
    return _run_on_posix(argv, env)


def _run_on_windows(argv: Sequence[str], env: Mapping[str, str]) -> int:
    proc = subprocess.Popen(list(argv), env=dict(env))  # noqa: S603 - the person's command
    # The console gives the program its own Ctrl-C; this process just waits for it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return exit_status(proc.wait())
    finally:
        signal.signal(signal.SIGINT, previous)


class _Forwarder:
    """The signal handler while the program runs."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.pending: list[int] = []
        self.interrupts = 0

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.proc is None:  # not started yet: passed on once it is
            self.pending.append(signum)
            return
        if signum == signal.SIGINT:
            self.interrupts += 1
            if self.interrupts == 1 and _in_terminal_foreground():
                return  # the terminal's Ctrl-C reached the program too
        self.send(signum)

    def send(self, signum: int) -> None:
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                self.proc.send_signal(signum)


def _in_terminal_foreground() -> bool:
    """True when this process belongs to the foreground process group of its controlling
    terminal (so a Ctrl-C typed there was sent to the program as well)."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY | getattr(os, "O_NOCTTY", 0))
    except OSError:  # no controlling terminal
        return False
    try:
        return os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:
        return False
    finally:
        os.close(fd)


def _run_on_posix(argv: Sequence[str], env: Mapping[str, str]) -> int:
    forwarder = _Forwarder()
    numbers = [getattr(signal, name) for name in FORWARDED_SIGNALS]
    previous: dict[int, Any] = {}
    # Handlers first: a signal that arrives while the program starts is passed on to it
    # rather than ending Box Login and leaving the program running alone.
    # An ignored signal (nohup's SIGHUP, SIGINT for a shell's background job) stays ignored,
    # and so it stays for the program: a handler here would end that at exec.
    for number in numbers:
        if signal.getsignal(number) != signal.SIG_IGN:
            previous[number] = signal.signal(number, forwarder)
    try:
        # The person's own command, no shell.
        forwarder.proc = subprocess.Popen(list(argv), env=dict(env))  # noqa: S603
        for number in forwarder.pending:
            forwarder.send(number)
        return exit_status(forwarder.proc.wait())
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
