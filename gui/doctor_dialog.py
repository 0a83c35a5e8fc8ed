"""Help → “Check my setup”: the checks of ``main.py doctor``, in a window.

The same checks as the command line (:mod:`core.doctor`), listed as they finish: an icon per
verdict (ok, warning, problem), one sentence each, and for a warning or a problem what to do
about it. **Run again** runs them all again; **Copy report** puts the command line's report
(``core.doctor.report_lines``: no secret in it) on the clipboard, for IT.

:func:`core.doctor.run_checks` runs on a worker thread (:class:`gui.worker.TaskRunner`) and
finishes within seconds even when nothing answers; each result it reports on the way comes
from one of its own threads into a queue that the GUI thread empties (a timer), so a closed
dialog never receives anything and the window never waits.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.doctor import CHECK_NAMES
from core.version import APP_NAME, __version__
from gui import theme
from gui.widgets import button, label
from gui.worker import TaskRunner

if TYPE_CHECKING:
    from core.doctor import CheckResult
    from core.settings import Settings
    from gui.failure import Failure

logger = logging.getLogger(__name__)

#: The icon (resources/<name>.svg) and the word a screen reader says for each verdict.
VERDICT_LOOK = {
    "ok": ("check", "ok"),
    "warning": ("warning", "warning"),
    "problem": ("error", "problem"),
}


Runner = Callable[..., "list[CheckResult]"]


def _rank(name: str) -> int:
    base = name.partition(":")[0]
    return CHECK_NAMES.index(base) if base in CHECK_NAMES else len(CHECK_NAMES)


def config_path_for(settings: Settings | None) -> Path | None:
    """What ``--config`` would be for the window's settings: None when the usual lookup finds
    that file anyway (the checks then say why it was chosen), else the file itself (the window
    was started with ``--config``)."""
    from core.settings import settings_search_paths

    source = settings.source if settings is not None else None
    if source is None:
        return None
    found = next((path for path, _must in settings_search_paths() if path.is_file()), None)
    if found is not None and found.resolve() == source.resolve():
        return None
    return source


def report_text(results: Sequence[CheckResult]) -> str:
    """The report **Copy report** puts on the clipboard: ``doctor``'s lines, no secret."""
    from core.doctor import report_lines, summary_line

    lines = [f"{APP_NAME} {__version__} — Check my setup", summary_line(results), ""]
    lines += report_lines(results)
    return "\n".join(lines) + "\n"


class CheckRow(QFrame):
    """One check: its verdict's icon, its title, what it found and, if needed, what to do.
    Takes the focus by Tab, so a keyboard (and a screen reader) can go from check to check."""

    def __init__(self, result: CheckResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkRow")
        self.result = result
        verdict = str(result.verdict)
        icon_name, word = VERDICT_LOOK.get(verdict, ("info", verdict))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setProperty("verdict", verdict)
        icon = QLabel()
        icon.setPixmap(theme.icon(icon_name).pixmap(QSize(20, 20), self.devicePixelRatioF()))
        icon.setFixedSize(22, 22)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        icon.setToolTip(word.capitalize())
        self.icon = icon
        self.title = label(result.title, wrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        self.summary = label(result.summary, selectable=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.title)
        texts.addWidget(self.summary)
        self.fix: QLabel | None = None
        description = result.summary
        if result.fix and verdict != "ok":
            what_to_do = self.tr("What to do: {fix}").format(fix=result.fix)
            self.fix = label(what_to_do, "muted", selectable=True)
            self.fix.setTextFormat(Qt.TextFormat.PlainText)
            texts.addWidget(self.fix)
            description += " " + what_to_do
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        self.setAccessibleName(f"{result.title}: {word}")
        self.setAccessibleDescription(description)
        self.setStyleSheet(
            "QFrame#checkRow { border: 2px solid transparent; border-radius: 6px; }"
            "QFrame#checkRow:focus { border-color: palette(highlight); }"
        )


class DoctorDialog(QDialog):
    """“Check my setup”: the doctor's checks as they finish, **Run again**, **Copy report**.

    ``config_path`` and ``store_choice`` are what ``--config`` and ``--store`` would be
    (the window's settings file, and its store when that is not the password store).
    ``run`` replaces :func:`core.doctor.run_checks` (tests). ``checks_done(results)`` says
    when a run has finished.
    """

    checks_done = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        config_path: Path | None = None,
        store_choice: str | None = None,
        run: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check my setup"))  # Qt adds " — Box Login"
        self.setWindowIcon(theme.app_icon())
        self.setModal(False)
        self._config_path = config_path
        self._store_choice = store_choice
        self._run = run
        self._runner = TaskRunner(parent=self)
        self._arrived: queue.SimpleQueue[tuple[int, CheckResult]] = queue.SimpleQueue()
        self._drain = QTimer(self)
        self._drain.setInterval(40)
        self._drain.timeout.connect(self._on_drain_timeout)
        self._generation = 0
        self.running = False
        self.results: list[CheckResult] = []
        self.rows: list[CheckRow] = []

        title = label(self.tr("Check my setup"), "title")
        intro = label(
            self.tr(
                "Box Login checks what it needs on this computer and on the way to Box. It "
                "changes nothing, here or at Box."
            ),
            "subtitle",
        )
        self.status = label("", wrap=True)
        self.status.setAccessibleName(self.tr("Result"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName(self.tr("Checking"))

        self._list = QWidget()
        self._list.setObjectName("checkList")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(2)
        self._list_layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self._list)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setAccessibleName(self.tr("Checks"))
        self.area = area

        self.run_again_button = button(self.tr("Run again"), None, "refresh")
        self.run_again_button.setAccessibleName(self.tr("Run again"))
        self.run_again_button.clicked.connect(self.start)
        self.copy_button = button(self.tr("Copy report"), None, "copy")
        self.copy_button.setAccessibleName(self.tr("Copy report"))
        self.copy_button.setToolTip(self.tr("Copy the results as text, for example to send to IT."))
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button = button(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.run_again_button)
        bottom.addWidget(self.copy_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(area, 1)
        layout.addLayout(bottom)
        self._size_to_screen(QSize(640, 620))

    def _size_to_screen(self, preferred: QSize) -> None:
        size = QSize(preferred)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry().size()
            size = size.boundedTo(QSize(room.width() - 16, room.height() - 48))
        self.resize(size)

    # --- running -------------------------------------------------------------------------

    def start(self) -> None:
        """Run every check (again); the list fills as they finish."""
        if self.running:
            return
        self._generation += 1
        generation = self._generation
        self.running = True
        self.results = []
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        self.status.setText(self.tr("Checking…"))
        self.progress.show()
        self.run_again_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.close_button.setFocus()
        arrived = self._arrived
        run = self._run
        config_path, store_choice = self._config_path, self._store_choice

        def work() -> list[CheckResult]:
            from core.doctor import run_checks

            def on_result(result: CheckResult) -> None:
                arrived.put((generation, result))  # from the checks' own threads

            return (run or run_checks)(config_path, store_choice=store_choice, on_result=on_result)

        self._drain.start()
        self._runner.start(
            work,
            lambda results: self._on_checks_done(generation, results),
            lambda failure: self._on_checks_failed(generation, failure),
            name="doctor",
            track_busy=False,
        )

    def copy_report(self) -> None:
        """Put the report on the clipboard (no secret: the same lines as ``doctor``)."""
        if not self.results:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(report_text(self.results))
        self.status.setText(
            self.tr("{summary} The report is on the clipboard.").format(summary=self._summary())
        )

    # --- internals -----------------------------------------------------------------------

    def _summary(self) -> str:
        from core.doctor import summary_line

        return summary_line(self.results)

    def _on_drain_timeout(self) -> None:
        while True:
            try:
                generation, result = self._arrived.get_nowait()
            except queue.Empty:
                break
            if generation == self._generation:
                self._add(result)
        if not self.running:
            self._drain.stop()

    def _add(self, result: CheckResult) -> None:
        if any(row.result.name == result.name for row in self.rows):
            return
        rank = _rank(result.name)
        index = sum(1 for row in self.rows if _rank(row.result.name) <= rank)
        row = CheckRow(result)
        self.rows.insert(index, row)
        self._list_layout.insertWidget(index, row)
        if self.running:
            self.status.setText(
                f"Checking… {len(self.rows)} check{'s' if len(self.rows) != 1 else ''} done."
            )

    def _on_checks_done(self, generation: int, results: list[CheckResult]) -> None:
        if generation != self._generation:
            return
        self._on_drain_timeout()
        for result in results:  # anything the deadline reported, in its place
            self._add(result)
        self.results = list(results)
        self._finish(self._summary())

    def _on_checks_failed(self, generation: int, failure: Failure) -> None:
        if generation != self._generation:
            return
        logger.warning("Check my setup failed: %s", failure.details)
        self._on_drain_timeout()
        self._finish(self.tr("The checks could not run: {reason}").format(reason=failure.message))

    def _finish(self, text: str) -> None:
        self.running = False
        self._drain.stop()
        self.progress.hide()
        self.status.setText(text)
        self.run_again_button.setEnabled(True)
        self.copy_button.setEnabled(bool(self.results))
        first = self.rows[0] if self.rows else self.run_again_button
        problem = next((r for r in self.rows if str(r.result.verdict) != "ok"), None)
        (problem or first).setFocus()
        self.checks_done.emit(list(self.results))

    def result_names(self) -> list[str]:
        """The checks listed, in order (for tests)."""
        return [row.result.name for row in self.rows]


def open_doctor_dialog(parent: QWidget, **kwargs: Any) -> DoctorDialog:
    """Open (and start) “Check my setup” over ``parent``; deleted when closed."""
    dialog = DoctorDialog(parent, **kwargs)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.start()
    return dialog
