"""比较…: what changed between two department-years, as a tree with the old and new text side by side.

The new side is a department-year of the open workspace; the old side another one,
or one from another workspace or document (其他文件…). Activating a change of the
new side (double-click, Enter) asks the window to open the item (``targetActivated``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.checks import Location
from perfdesk.compare.model import Comparison, Difference, Kind, Target
from perfdesk.compare.report import summary
from perfdesk.errors import PerfdeskError
from perfdesk.models import Collection, Department
from perfdesk.models.lists import named
from perfdesk.services.comparing import compare_departments, compare_with_file
from perfdesk.services.importing import READERS
from perfdesk.ui import dialogs
from perfdesk.ui.check_panel.navigate import go_to_location
from perfdesk.ui.tree import NodeKind
from perfdesk.ui.workspace_view import WorkspaceView

COLUMNS = ("变化", "内容", "原（旧）", "新")
KIND_COLORS = {
    Kind.ADDED: QColor("#1b7f3b"),
    Kind.REMOVED: QColor("#b3261e"),
    Kind.RENAMED: QColor("#6a3fb5"),
    Kind.CHANGED: QColor("#1f5fa8"),
}
#: The old side's last entry: a department-year of another file.
OTHER_FILE = "其他文件…"
#: Longest text shown in a cell (the whole text is in its tooltip), and how much of it precedes a change.
CELL_CHARS, CONTEXT_CHARS = 120, 12


def excerpts(old: str | None, new: str | None) -> tuple[str, str]:
    """The two texts as cells show them: one line each, from a little before where they first differ.

    A long paragraph changed in its middle shows the changed words, not the same opening twice.
    """
    before, after = (old or "").replace("\n", " ⏎ "), (new or "").replace("\n", " ⏎ ")
    same = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after))
    )
    start = max(0, same - CONTEXT_CHARS) if same > 2 * CONTEXT_CHARS else 0
    return _cut(before, start), _cut(after, start)


def _cut(text: str, start: int) -> str:
    shown = ("…" if start else "") + text[start:]
    return shown if len(shown) <= CELL_CHARS else shown[: CELL_CHARS - 1] + "…"


class CompareDialog(QDialog):
    """Signals: targetActivated(object, object): the new department and the ``Target`` to open."""

    targetActivated = Signal(object, object)

    def __init__(
        self,
        departments: list[Department],
        current: Department | None = None,
        directory: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle("比较")
        self.departments = departments
        self.directory = directory
        self.comparison: Comparison | None = None
        self.old_file: Path | None = None
        self.old = QComboBox()
        self.old.setObjectName("compareOld")
        self.new = QComboBox()
        self.new.setObjectName("compareNew")
        for department in departments:
            self.old.addItem(department.label())
            self.new.addItem(department.label())
        self.old.addItem(OTHER_FILE)
        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("compareTree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)  # group rows span: not by contents
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 72)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(1, 300)
        run = QPushButton("比较")
        run.setObjectName("compareRun")
        run.clicked.connect(self.run)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("旧："))
        choose.addWidget(self.old, 1)
        choose.addWidget(QLabel("→ 新："))
        choose.addWidget(self.new, 1)
        choose.addWidget(run)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        hint = QLabel("双击一项变化，在主窗口中打开它（新年度中已删除的项目无法打开）。")
        hint.setStyleSheet("color: #4b5563;")
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.tree.itemActivated.connect(self._activated)
        self.old.activated.connect(self._old_chosen)
        self.resize(1100, 680)
        self._preselect(current)

    def _preselect(self, current: Department | None) -> None:
        """New: the department shown; old: its previous year in the workspace (or the first other one)."""
        if not self.departments:
            return
        new = current if current in self.departments else self.departments[-1]
        self.new.setCurrentIndex(self.departments.index(new))
        earlier = [d for d in self.departments if d.name == new.name and d.fiscal_year < new.fiscal_year]
        others = [d for d in self.departments if d is not new]
        old = max(earlier, key=lambda d: d.fiscal_year) if earlier else (others[0] if others else new)
        self.old.setCurrentIndex(self.departments.index(old))
        self.run()

    def _old_chosen(self, index: int) -> None:
        if self.old.itemText(index) != OTHER_FILE:
            self.old_file = None
            self.run()
            return
        patterns = " ".join(f"*{suffix}" for suffix in sorted({".perfdesk", *READERS}))
        chosen, _ = QFileDialog.getOpenFileName(
            self, "与哪个文件比较", self.directory, f"工作区或文档 ({patterns});;所有文件 (*)"
        )
        if chosen:
            self.old_file = Path(chosen)
            self.run()

    def run(self) -> None:
        """Compare the chosen pair and show the changes."""
        if not self.departments:
            self.summary.setText("工作区中没有部门，无法比较。")
            return
        new = self.departments[self.new.currentIndex()]
        try:
            if self.old.currentText() == OTHER_FILE and self.old_file is not None:
                comparison = compare_with_file(self.old_file, new)
            elif self.old.currentText() == OTHER_FILE:
                return
            else:
                comparison = compare_departments(self.departments[self.old.currentIndex()], new)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法比较")
            return
        self.show_comparison(comparison)

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.summary.setText(f"{comparison.old_label} → {comparison.new_label}：{summary(comparison)}")
        self.tree.clear()
        for group, differences in comparison.groups():
            top = QTreeWidgetItem([f"{group}（{len(differences)} 处变化）"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # a long project name reads whole across the columns
            for difference in differences:
                top.addChild(self._row(difference))
            top.setExpanded(True)

    def _row(self, difference: Difference) -> QTreeWidgetItem:
        row = QTreeWidgetItem([difference.kind.label, difference.item, *excerpts(difference.old, difference.new)])
        row.setForeground(0, QBrush(KIND_COLORS[difference.kind]))
        row.setToolTip(2, difference.old or "")
        row.setToolTip(3, difference.new or "")
        row.setData(0, Qt.ItemDataRole.UserRole, difference)
        return row

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        difference = item.data(0, Qt.ItemDataRole.UserRole)
        if not isinstance(difference, Difference):
            return
        if difference.target.side != "new":
            self.summary.setText(f"“{difference.item}”在新年度中已删除，无法打开。")
            return
        self.targetActivated.emit(self.departments[self.new.currentIndex()], difference.target)


def change_location(department: Department, target: Target) -> Location | None:
    """Where a change of the new side is, as the finding navigation reads it; None when it is gone."""
    if target.section is None:
        return Location(department.name, department.fiscal_year, field=target.field)
    projects = named(Collection(target.section)).of(department)
    number = target.project_index or 0
    if not 1 <= number <= len(projects):
        return None
    project = projects[number - 1]
    row = target.indicator_index
    indicator = project.indicators[row - 1] if row is not None and 1 <= row <= len(project.indicators) else None
    return Location(
        department.name,
        department.fiscal_year,
        section=Collection(target.section),
        project_index=number,
        project_code=project.code or None,
        project_name=project.name,
        project_id=project.id,
        indicator_index=row if indicator is not None else None,
        indicator_id=indicator.id if indicator is not None else None,
        field=target.field,
    )


def open_change(view: WorkspaceView, department: Department, target: Target) -> bool:
    """Show a change's item in the main window (its department first); False when it no longer exists."""
    location = change_location(department, target)
    if location is None:
        return False
    index = view.model.find(NodeKind.DEPARTMENT, (Department, department.id))
    if index.isValid():
        view.tree.select_index(index)
    return go_to_location(view, location)
