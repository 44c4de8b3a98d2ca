"""文件 → 恢复备份…: the backups of a workspace (time, department-years, projects), restored as a copy.

Restoring never writes over the workspace: the clerk names a new file (beside the workspace by
default), the backup is copied there, and the window opens the copy. The number of backups kept
per workspace is set here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.errors import PerfdeskError
from perfdesk.models.workspace import WORKSPACE_SUFFIX
from perfdesk.services.backups import KEEP_RANGE, MINUTES_RANGE, BackupInfo, list_backups, restore_backup
from perfdesk.ui import dialogs
from perfdesk.ui.settings import AppSettings

COLUMNS = ("备份时间", "部门年度", "项目数")


class BackupDialog(QDialog):
    """Signals: restored(Path): a backup was written to this new file (the window opens it);
    minutesChanged(int): the clerk set another interval between automatic backups."""

    restored = Signal(Path)
    minutesChanged = Signal(int)

    def __init__(self, workspace: Path, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复备份")
        self.resize(720, 420)
        self.workspace = workspace
        self.settings = settings
        self.backups: list[BackupInfo] = list_backups(workspace)
        intro = QLabel(
            f"“{workspace.name}”的备份（打开时和编辑期间每 {settings.backup_minutes} 分钟自动备份）。"
            "恢复时另存为一个新文件，原文件不会被覆盖。"
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), len(COLUMNS))
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(self.backups):
            projects = "" if backup.problem else str(backup.projects)
            for column, text in enumerate((backup.when, backup.contents, projects)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.empty = QLabel("这个工作区还没有备份。")
        self.empty.setVisible(not self.backups)
        self.keep = QSpinBox()
        self.keep.setRange(*KEEP_RANGE)
        self.keep.setValue(settings.backup_keep)
        self.keep.valueChanged.connect(self._keep_changed)
        self.minutes = QSpinBox()
        self.minutes.setRange(*MINUTES_RANGE)
        self.minutes.setValue(settings.backup_minutes)
        self.minutes.valueChanged.connect(self._minutes_changed)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel("编辑期间每隔"))
        keep_row.addWidget(self.minutes)
        keep_row.addWidget(QLabel("分钟备份一次；每个工作区保留最近"))
        keep_row.addWidget(self.keep)
        keep_row.addWidget(QLabel("份备份"))
        keep_row.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("恢复为新文件…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(keep_row)
        layout.addWidget(self.buttons)
        if self.backups:
            self.table.selectRow(0)

    def _keep_changed(self, value: int) -> None:
        self.settings.backup_keep = value

    def _minutes_changed(self, value: int) -> None:
        self.settings.backup_minutes = value
        self.minutesChanged.emit(value)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        backup = self.selected()
        self.restore_button.setEnabled(backup is not None and backup.problem is None)

    def suggested_target(self, backup: BackupInfo) -> Path:
        stamp = backup.made.strftime("%Y%m%d-%H%M")
        return self.workspace.with_name(f"{self.workspace.stem}（备份 {stamp}）{WORKSPACE_SUFFIX}")

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "恢复备份为新文件", str(self.suggested_target(backup)), f"perfdesk 工作区 (*{WORKSPACE_SUFFIX})"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != WORKSPACE_SUFFIX:
            target = target.with_name(target.name + WORKSPACE_SUFFIX)
        try:
            restore_backup(backup.path, target)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法恢复备份")
            return
        self.accept()
        self.restored.emit(target)


def show_backups(
    parent: QWidget, workspace: Path, settings: AppSettings, on_minutes: Callable[[int], None] | None = None
) -> Path | None:
    """Show the dialog; the new file a backup was restored to, or None."""
    dialog = BackupDialog(workspace, settings, parent)
    result: list[Path] = []
    dialog.restored.connect(result.append)
    if on_minutes is not None:
        dialog.minutesChanged.connect(on_minutes)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    return result[0] if result else None
