"""Background work: run a core callable on ``QThreadPool`` and report back on the GUI thread.

Network and keyring calls never run on the GUI thread. A :class:`Worker` wraps one callable
and always emits exactly one of ``succeeded`` or ``failed``; an exception never escapes
silently. Only immutable values cross the signals: the callable's result (core returns frozen
dataclasses) or a :class:`Failure`, never the live exception with its traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import BoxLoginError

logger = logging.getLogger(__name__)

UNEXPECTED_MESSAGE = "Something unexpected went wrong. Please try again."


@dataclass(frozen=True)
class Failure:
    """What went wrong, in words a person can read, plus the technical part for "Details".

    ``error_type`` keeps the exception's class so callers can react to a kind of error
    (``failure.is_a(SignInCancelledError)``) without holding the exception object itself.
    """

    error_type: type[BaseException]
    message: str
    hint: str | None = None
    details: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        """Translate an exception; only Box Login's own errors contribute their wording."""
        if isinstance(exc, BoxLoginError):
            return cls(type(exc), exc.message, exc.hint, exc.details())
        # A foreign exception's text may quote a URL or a body: keep only its type and place.
        tb = exc.__traceback__
        where = ""
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            code = tb.tb_frame.f_code
            where = f" at {code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno} in {code.co_name}"
        return cls(type(exc), UNEXPECTED_MESSAGE, None, f"{type(exc).__name__}{where}")

    def is_a(self, *kinds: type[BaseException]) -> bool:
        """True when the failure is one of ``kinds`` (or a subclass)."""
        return issubclass(self.error_type, kinds)

    @property
    def text(self) -> str:
        """Message and hint as one paragraph."""
        return f"{self.message} {self.hint}" if self.hint else self.message


class WorkerSignals(QObject):
    """The signals of a :class:`Worker` (a ``QRunnable`` cannot carry signals itself)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(str)
    finished = Signal()


class Worker(QRunnable):
    """Runs ``fn()`` on a pool thread; emits ``succeeded(result)`` or ``failed(Failure)``.

    ``report(text)`` may be handed to core code as its plain progress callback; it turns
    into the ``progressed`` signal on the GUI thread.
    """

    def __init__(self, fn: Callable[[], Any], *, name: str = "task") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self.name = name
        self._fn = fn
        self._done = threading.Event()

    def report(self, text: str) -> None:
        """Progress callback for core code (thread-safe)."""
        self.signals.progressed.emit(str(text))

    def run(self) -> None:
        """Called by the pool. Never raises."""
        try:
            result = self._fn()
        except BaseException as exc:
            failure = Failure.from_exception(exc)
            logger.debug("Task %s failed: %s", self.name, failure.details)
            self._emit(self.signals.failed, failure)
        else:
            logger.debug("Task %s succeeded", self.name)
            self._emit(self.signals.succeeded, result)
        finally:
            self._done.set()
            try:
                self.signals.finished.emit()
            except RuntimeError:
                logger.debug("A finished task had nobody left to tell")

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the callable has returned (for shutdown and tests)."""
        return self._done.wait(timeout)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the receiver side was torn down while we ran
            logger.debug("A finished task had nobody left to tell")


class TaskRunner(QObject):
    """Starts workers on a thread pool and keeps them alive until they report.

    ``busy_changed(bool)`` tells the window when to show its busy indicator.
    """

    busy_changed = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._active: set[Worker] = set()
        self._untracked: set[Worker] = set()

    def start(
        self,
        fn: Callable[[], Any],
        on_succeeded: Callable[[Any], None] | None = None,
        on_failed: Callable[[Failure], None] | None = None,
        *,
        name: str = "task",
        on_progressed: Callable[[str], None] | None = None,
        track_busy: bool = True,
    ) -> Worker:
        """Run ``fn`` in the background and call back on the GUI thread."""
        worker = Worker(fn, name=name)
        if on_succeeded is not None:
            worker.signals.succeeded.connect(on_succeeded)
        if on_failed is not None:
            worker.signals.failed.connect(on_failed)
        if on_progressed is not None:
            worker.signals.progressed.connect(on_progressed)
        worker.signals.finished.connect(lambda: self._on_worker_finished(worker, track_busy))
        if track_busy:
            was_idle = self.busy_count() == 0
            self._active.add(worker)
            if was_idle:
                self.busy_changed.emit(True)
        else:
            self._untracked.add(worker)
        self._pool.start(worker)
        return worker

    def busy_count(self) -> int:
        """How many tracked tasks are still running."""
        return len(self._active)

    def is_busy(self) -> bool:
        """True while any tracked task runs."""
        return bool(self._active)

    def wait_for_done(self, timeout: float = 10.0) -> bool:
        """Block until every started task has returned (shutdown and tests)."""
        ok = True
        for worker in list(self._active | self._untracked):
            ok = worker.wait(timeout) and ok
        return ok

    def _on_worker_finished(self, worker: Worker, tracked: bool) -> None:
        if tracked:
            self._active.discard(worker)
            if not self._active:
                self.busy_changed.emit(False)
        else:
            self._untracked.discard(worker)
