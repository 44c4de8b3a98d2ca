"""Checks run off the GUI thread, so a 1,000-project file never freezes typing.

The worker never touches the EditSession's ORM objects (a SQLAlchemy session
is not thread-safe): a ``DepartmentChecker`` (perfdesk.services.checking) reads
the department in its own session, used by one job at a time. Every edit is
committed before its Change event fires, so that read sees it. The runner
collects which projects edits stayed inside, so the checker re-reads and
re-checks only those (an edit costs the same in a 1,000-project department as
in a small one); anything else checks the whole department-year again.
Requests are debounced; a newer request cancels the running check through
``should_stop`` and results carry a generation number so stale ones are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from perfdesk.checks import CheckCancelled
from perfdesk.models import Workspace
from perfdesk.services.checking import DepartmentChecker, describe_failure

#: Quiet time after the last edit before re-checking: typing a word costs one check, not one per key.
DEBOUNCE_MS = 400


class _Job(QRunnable):
    """One check of one department for one generation."""

    def __init__(
        self, runner: CheckRunner, department_id: int, touched: frozenset[int] | None, generation: int
    ) -> None:
        super().__init__()
        self.runner = runner
        self.department_id = department_id
        self.touched = touched
        self.generation = generation

    def run(self) -> None:
        try:
            findings = self.runner.checker.check(self.department_id, self.touched, self._stale)
        except CheckCancelled:
            return
        except Exception as exc:  # noqa: BLE001 -- a locked or vanished file must not kill the thread silently
            self.runner.failed.emit(self.generation, describe_failure(exc))
            return
        self.runner.finished.emit(self.generation, findings)

    def _stale(self) -> bool:
        return self.runner.generation != self.generation


class CheckRunner(QObject):
    """Checks one department in the background on request.

    Signals:
        started(): a check began (the shown findings are now out of date).
        results(list[Finding]): the findings of the latest request; stale runs never report.
        error(str): the latest check could not run (the reason, for the panel to show).
    """

    started = Signal()
    results = Signal(object)
    error = Signal(str)
    #: Emitted from the worker thread (queued to this object's thread): generation, payload.
    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.checker = DepartmentChecker(workspace)  # used by the one worker thread only
        self.department_id: int | None = None
        self._touched: set[int] | None = None  # projects edited since the last check started; None: check all
        self.generation = 0
        self.running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # a cancelled run stops at the next project; the new one then starts
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self.run_now)
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)

    def set_department(self, department_id: int | None) -> None:
        """Check this department now (None: stop and forget)."""
        self.department_id = department_id
        self._touched = None
        if department_id is None:
            self.cancel()
        else:
            self.run_now()

    def request(self, project_id: int | None = None) -> None:
        """Something changed (inside project ``project_id`` only, when given): check again once edits pause."""
        if self.department_id is not None:
            self.generation += 1  # whatever runs now is already out of date
            if project_id is None:
                self._touched = None
            elif self._touched is not None:
                self._touched.add(project_id)
            self._timer.start()

    def check_all(self) -> None:
        """Read and check the whole department-year again now (重新检查)."""
        self._touched = None
        self.run_now()

    def run_now(self) -> None:
        self._timer.stop()
        if self.department_id is None:
            return
        self.generation += 1
        self.running = True
        self.started.emit()
        touched = None if self._touched is None else frozenset(self._touched)
        self._touched = set()
        self._pool.start(_Job(self, self.department_id, touched, self.generation))

    def pending(self) -> bool:
        """A re-check is scheduled but has not started yet."""
        return self._timer.isActive()

    def cancel(self) -> None:
        """Drop pending and running checks (their results will be ignored)."""
        self._timer.stop()
        self.generation += 1
        self.running = False

    def shutdown(self) -> None:
        """Cancel and wait for the worker, before the workspace is closed."""
        self.cancel()
        self._pool.waitForDone()
        self.checker.close()

    def _on_finished(self, generation: int, findings: object) -> None:
        if generation == self.generation:
            self.running = False
            self.results.emit(findings)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.running = False
            self.error.emit(message)
