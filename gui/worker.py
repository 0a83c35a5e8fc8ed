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
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

if TYPE_CHECKING:
    from gui.failure import Failure

logger = logging.getLogger(__name__)

# Workers the pool may still hold, kept alive here (GUI thread only) until the pool has deleted
# their C++ runnable. Deleting a worker runs on the thread that drops its last reference and
# takes its ``signals`` QObject with it; a QObject must not be deleted on a pool thread while
# the GUI thread delivers or disconnects its queued signals (that crashed the process).
_IN_POOL: set[Worker] = set()
_SWEEP_MS = 5
_sweep_pending = False


def _release_deleted_workers() -> None:
    """Drop, on the GUI thread, every worker whose runnable the pool has deleted."""
    global _sweep_pending
    _sweep_pending = False
    for worker in [w for w in _IN_POOL if not shiboken6.isValid(w)]:
        _IN_POOL.discard(worker)
    # A worker whose callable has returned is deleted by the pool moments later: look again
    # soon. Workers still running are looked at again when a task finishes or starts.
    if any(w.is_done() for w in _IN_POOL):
        _schedule_release()


def _schedule_release() -> None:
    """Run :func:`_release_deleted_workers` from the GUI thread's event loop, once."""
    global _sweep_pending
    if not _sweep_pending:
        _sweep_pending = True
        QTimer.singleShot(_SWEEP_MS, _release_deleted_workers)


def workers_in_pool() -> int:
    """How many workers are still kept for the pool (for tests)."""
    return len(_IN_POOL)


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
        self.setAutoDelete(True)  # the pool deletes it once run() has returned
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
            from gui.failure import Failure  # loaded when first needed, not at start-up

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

    def is_done(self) -> bool:
        """True once the callable has returned."""
        return self._done.is_set()

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
        """Run ``fn`` in the background and call back on the GUI thread.

        The callbacks go through a delivery object owned by this runner: once the runner (and
        the window that owns it) is deleted, late results are dropped instead of reaching
        deleted widgets.
        """
        worker = Worker(fn, name=name)
        delivery = _Delivery(self, worker, track_busy, on_succeeded, on_failed, on_progressed)
        signals = worker.signals
        signals.succeeded.connect(delivery.on_succeeded, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(delivery.on_failed, Qt.ConnectionType.QueuedConnection)
        signals.progressed.connect(delivery.on_progressed, Qt.ConnectionType.QueuedConnection)
        signals.finished.connect(delivery.on_finished, Qt.ConnectionType.QueuedConnection)
        if track_busy:
            was_idle = self.busy_count() == 0
            self._active.add(worker)
            if was_idle:
                self.busy_changed.emit(True)
        else:
            self._untracked.add(worker)
        _IN_POOL.add(worker)  # released on this thread once the pool has deleted it
        self._pool.start(worker)
        _release_deleted_workers()  # also frees workers of runners deleted while they ran
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
        """Called by the worker's delivery object once its outcome was delivered."""
        if tracked:
            self._active.discard(worker)
            if not self._active:
                self.busy_changed.emit(False)
        else:
            self._untracked.discard(worker)


class _Delivery(QObject):
    """Receives one worker's signals on the GUI thread and calls the caller's callbacks."""

    def __init__(
        self,
        runner: TaskRunner,
        worker: Worker,
        tracked: bool,
        on_succeeded: Callable[[Any], None] | None,
        on_failed: Callable[[Failure], None] | None,
        on_progressed: Callable[[str], None] | None,
    ) -> None:
        super().__init__(runner)  # no Python reference back to the runner: no cycle
        self._worker = worker
        # The pool deletes the runnable on its own thread; the signals object lives on the
        # GUI thread and must die there, so this GUI-thread object keeps the last reference.
        self._signals = worker.signals
        self._tracked = tracked
        self._on_succeeded = on_succeeded
        self._on_failed = on_failed
        self._on_progressed = on_progressed

    @Slot(object)
    def on_succeeded(self, value: Any) -> None:
        """The callable returned."""
        if self._on_succeeded is not None:
            self._on_succeeded(value)

    @Slot(object)
    def on_failed(self, failure: Failure) -> None:
        """The callable raised."""
        if self._on_failed is not None:
            self._on_failed(failure)

    @Slot(str)
    def on_progressed(self, text: str) -> None:
        """The callable reported progress."""
        if self._on_progressed is not None:
            self._on_progressed(text)

    @Slot()
    def on_finished(self) -> None:
        """Always last: tell the runner, then go away."""
        runner = self.parent()
        if isinstance(runner, TaskRunner):
            runner._on_worker_finished(self._worker, self._tracked)
        _schedule_release()
        self.deleteLater()


class CallbackRelay(QObject):
    """A plain callback for core (``progress``, ``on_signed_in``) that may be called on any
    thread and runs ``handler`` on this object's thread (the GUI thread): queued from a worker
    thread, at once from the GUI thread itself. A call once the relay is gone is dropped (the
    window closed; the work that called it still finishes)."""

    _relayed = Signal(object)

    def __init__(self, handler: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = handler
        self._relayed.connect(self._on_relayed)

    def __call__(self, value: Any) -> None:
        try:
            self._relayed.emit(value)
        except RuntimeError:
            logger.debug("Nobody left to relay a callback to")

    @Slot(object)
    def _on_relayed(self, value: Any) -> None:
        self._handler(value)
