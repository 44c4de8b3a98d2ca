"""Export from the GUI: the same ``export_workspace`` as the command line, on a worker thread.

The window asks for a file name, shows a QProgressDialog while the worker
runs, and offers to open the file or its folder when done. What a format is
called and its file filter come from the export registry.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from perfdesk.errors import PerfdeskError
from perfdesk.export.registry import ExportFormat, ExportOptions
from perfdesk.locations import data_dir
from perfdesk.ui import dialogs

if TYPE_CHECKING:  # the export service (and the database code) loads with the first export, not at start-up
    from perfdesk.services.exporting import ExportResult


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


def export_folder(workspace: Path) -> Path:
    """Where the save dialog starts: beside the workspace, unless that is perfdesk's own data folder
    (a sample opened from the welcome page) — a clerk would never find the file there: 文档 then."""
    if workspace.resolve().is_relative_to(data_dir().resolve()):
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return workspace.parent


@dataclass(frozen=True)
class ExportRequest:
    """One export: what to write where (``export_workspace``'s arguments, passed to the worker)."""

    workspace: Path
    target: Path
    department: str | None = None
    year: int | None = None
    options: ExportOptions | None = None


class ExportJob(QRunnable):
    """Runs one export off the GUI thread; reports through Qt signals (queued to the GUI)."""

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.signals = _Signals()
        self._request = request

    def run(self) -> None:
        from perfdesk.services.exporting import export_workspace

        r = self._request
        try:
            result = export_workspace(
                r.workspace,
                r.target,
                department=r.department,
                year=r.year,
                progress=self.signals.progress.emit,
                options=r.options,
            )
        except Exception as exc:  # noqa: BLE001 -- handed to the GUI thread, which decides how to show it
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def offer_open(parent: QWidget | None, result: ExportResult) -> None:
    """Tell the clerk where the file is and offer to open it or its folder."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "导出完成",
        f"已导出 {'、'.join(result.departments)}：\n{result.path}",
        parent=parent,
    )
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result.path).parent)))


class ExportRunner(QObject):
    """Asks for the target, runs the job with a progress dialog, then reports.

    Signals:
        finished(object): the ExportResult (after the clerk was told).
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._job: ExportJob | None = None  # keeps the running job's signals object alive until it reports
        self._progress: QProgressDialog | None = None

    def start(
        self,
        fmt: ExportFormat,
        workspace: Path,
        department: str | None,
        year: int | None,
        suggested: str,
        options: ExportOptions | None = None,
    ) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._window, f"导出 {fmt.label}", str(export_folder(workspace) / (suggested + fmt.suffix)), fmt.file_filter
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != fmt.suffix:
            target = target.with_name(target.name + fmt.suffix)
        self.run(ExportRequest(workspace, target, department, year, options))

    def run(self, request: ExportRequest) -> None:
        progress = QProgressDialog(f"正在导出 {request.target.name}…", "", 0, 0, self._window)
        progress.setWindowTitle("导出")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self._progress = progress
        job = ExportJob(request)
        job.signals.progress.connect(self._on_progress)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        QThreadPool.globalInstance().start(job)

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(max(total, 1))
            self._progress.setValue(done)

    def _finish(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
        self._progress = None
        self._job = None

    def _on_done(self, result: ExportResult) -> None:
        self._finish()
        offer_open(self._window, result)
        self.finished.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, PerfdeskError):
            dialogs.show_error(self._window, exc, "导出失败")
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
