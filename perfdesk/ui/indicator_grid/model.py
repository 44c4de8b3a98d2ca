"""The indicator grid's table model: an adapter over one project's indicator rows.

It stores nothing of its own but the row order it last told the view about;
edits go out as undo commands (``operations``) and come back as EditSession
change events, which become the matching insert/remove/move/dataChanged calls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from perfdesk.domain.frameworks import Framework, get_framework
from perfdesk.domain.values import numeric, parse_value, range_problem
from perfdesk.layout.indicator_table import (
    COL_LEVEL1,
    COL_LEVEL2,
    COL_VALUE,
    COLUMNS,
    indicator_cells,
)
from perfdesk.models import Collection, Department, Indicator, Project
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.services.library import LibraryItem
from perfdesk.ui.indicator_grid import operations

IndicatorRole = Qt.ItemDataRole.UserRole + 1  # the Indicator of the row
ProblemRole = Qt.ItemDataRole.UserRole + 2  # why a cell is flagged, or None

#: The roles whose answer depends on what is wrong with the cell (the only ones that need ``_problem``).
PROBLEM_ROLES = frozenset(
    {
        ProblemRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
    }
)

ERROR_COLOR = QColor("#c62828")
WARNING_COLOR = QColor("#b26a00")
ERROR_BACKGROUND = QColor("#fdecea")

AnyIndex = QModelIndex | QPersistentModelIndex

#: Every role ``data`` answers (any other is None before the row is looked up).
_ROLES = PROBLEM_ROLES | {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    IndicatorRole,
    Qt.ItemDataRole.TextAlignmentRole,
}


def describe_value(indicator: Indicator) -> tuple[str, str | None]:
    """The 指标值 as the grammar reads it, and a problem (or None), for tooltips and the status line."""
    text = indicator.value_text()
    if not text:
        return "指标值为空", None
    parsed = parse_value(text)
    if parsed.problem:
        return f"无法识别：{parsed.problem}（原文已保留）", parsed.problem
    if parsed.op is None and numeric(parsed.value) is None:
        return f"定性值 · {parsed.value}", None
    parts = [f"运算符 {parsed.op}" if parsed.op else "无运算符", f"数值 {parsed.value}"]
    parts.append(f"单位 {parsed.unit}" if parsed.unit else "无单位")
    warning = None if parsed.op else "数值前缺少运算符（≥、≤、= …）"
    return " · ".join(parts), warning


def framework_of(project: Project | None) -> Framework:
    """The department's framework, falling back to the default for an unknown id."""
    try:
        return get_framework(project.department.framework_id if project is not None else None)
    except KeyError:
        return get_framework(None)


class IndicatorTableModel(QAbstractTableModel):
    """Rows = a project's indicators, columns = the printed table's six columns.

    Signals:
        structureChanged: rows or their groups changed; the view re-applies its spans.
        tableChanged: a field of the project or its department changed (budget, goals, 版式…): the
            printed table's column widths, which the view's columns follow, may have changed.
        message(str): what an edit did beyond its cell (a group renamed, rows moved into
            their groups) or why it was refused, for the status line.
    """

    structureChanged = Signal()
    tableChanged = Signal()
    message = Signal(str)

    def __init__(self, edits: EditSession, undo_stack: QUndoStack, parent: Any = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.undo_stack = undo_stack
        self.project: Project | None = None
        self.framework = framework_of(None)
        self._rows: list[Indicator] = []
        #: The column headers as shown: each caption broken between words to fit its column (``set_captions``).
        self._captions: tuple[str, ...] = COLUMNS
        #: Each row's printed cells and each cell's problem, worked out once per change: showing a
        #: project asks a dozen times per cell (sizing, spans, painting).
        self._cells: dict[Indicator, tuple[str, ...]] = {}
        self._problems: dict[tuple[Indicator, int], tuple[str | None, bool]] = {}
        edits.subscribe(self._on_change)
        self._attached = True

    def detach(self) -> None:
        """Stop listening to the session (the widget is going away); safe to call twice."""
        if self._attached:
            self._attached = False
            self.edits.unsubscribe(self._on_change)

    def set_project(self, project: Project | None) -> None:
        self.beginResetModel()
        self._forget()
        self.project = project
        self.framework = framework_of(project)
        self._rows = list(project.indicators) if project is not None else []
        self.endResetModel()
        self.structureChanged.emit()

    @property
    def indicators(self) -> list[Indicator]:
        return list(self._rows)

    def indicator(self, row: int) -> Indicator | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._captions[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Horizontal:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def set_captions(self, captions: tuple[str, ...]) -> None:
        """Show the column headers as ``captions`` (``COLUMNS`` with line breaks between words)."""
        if captions != self._captions:
            self._captions = captions
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None  # sizing a row asks for a dozen roles per cell
        indicator = self.indicator(index.row()) if index.isValid() else None
        if indicator is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            cells = self._cells.get(indicator)
            if cells is None:
                cells = self._cells[indicator] = indicator_cells(indicator)
            return cells[column]
        if role == IndicatorRole:
            return indicator
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter if column in (COL_LEVEL1, COL_LEVEL2, COL_VALUE) else None
        if role not in PROBLEM_ROLES:  # a view asks for a dozen roles per cell it sizes or paints: answer fast
            return None
        problem, severe = self._problem(indicator, column)
        if role == ProblemRole:
            return problem
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_value(indicator)[0] if column == COL_VALUE else problem
        if role == Qt.ItemDataRole.ForegroundRole and problem:
            return QBrush(ERROR_COLOR if severe else WARNING_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and problem and severe:
            return QBrush(ERROR_BACKGROUND)
        return None

    def _problem(self, indicator: Indicator, column: int) -> tuple[str | None, bool]:
        """What is wrong with one cell and whether it is an error (red) rather than a warning (orange)."""
        known = self._problems.get((indicator, column))
        if known is None:
            known = self._problems[indicator, column] = self._find_problem(indicator, column)
        return known

    def _find_problem(self, indicator: Indicator, column: int) -> tuple[str | None, bool]:
        if column == COL_VALUE:
            parsed = parse_value(indicator.value_text())
            if parsed.problem:
                return parsed.problem, True
            return describe_value(indicator)[1], False
        if column == COL_LEVEL1 and indicator.level1 not in self.framework.level1_names:
            return f"“{indicator.level1}”不是“{self.framework.name}”的一级指标", False
        if column == COL_LEVEL2 and not self.framework.allows(indicator.level1, indicator.level2):
            return f"“{indicator.level2}”不在“{indicator.level1}”之下", False
        return None, False

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push an undo command; the view updates when the session reports the change.

        A merged 一级/二级 cell stands for its whole group (any of its rows renames
        all of them); a group label is never blanked.
        """
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.project is None:
            return False
        text = "" if value is None else str(value)
        row, column = index.row(), index.column()
        if column in operations.LABEL_COLUMNS and not text.strip():
            self.message.emit(operations.LABEL_NOT_BLANK)
            return False
        too_big = range_problem(text) if column == COL_VALUE else None
        if too_big is not None:  # the range of perfdesk.domain.limits, as the amount fields and the import use it
            self.message.emit(f"未保存：第 {row + 1} 行的指标值{too_big}。")
            return False
        outcome = operations.set_cells(self.edits, self.undo_stack, self.project, self.framework, [(row, column, text)])
        notes = []
        if outcome.changed > 1:
            notes.append(
                f"已把整组 {outcome.changed} 行的“{COLUMNS[column]}”改为“{text.strip()}”（合并单元格代表整组）"
            )
        if outcome.moved:
            notes.append(outcome.moved_note())
        if notes:
            self.message.emit("；".join(notes))
        return True

    def fill_from_library(self, row: int, item: LibraryItem) -> None:
        """Fill a row from a 指标库 suggestion (name, description, value, basis) as one undo step."""
        if self.project is not None and 0 <= row < len(self._rows):
            operations.fill_row(self.edits, self.undo_stack, self.project, self.framework, row, item.filled())
            self.message.emit(f"已从指标库填入“{item.name}”的描述、指标值和依据（Ctrl+Z 可撤销）")

    # --- following the session --------------------------------------------------------

    def _forget(self) -> None:
        self._cells.clear()
        self._problems.clear()

    def _on_change(self, change: Change) -> None:
        self._forget()  # any edit may change a cell: its row, the rows around it, the framework
        project = self.project
        if project is None:
            return
        if change.kind is ChangeKind.FIELD:
            self._on_field(change)
        elif change.parent is project and change.collection is Collection.INDICATORS:
            self._on_row_change(change)
        elif change.kind in (ChangeKind.REMOVE, ChangeKind.DEPARTMENTS) and not self.edits.contains(project):
            self.set_project(None)  # the project (or its department) was deleted

    def _on_field(self, change: Change) -> None:
        entity = change.entity
        if isinstance(entity, Indicator):
            row = next((r for r, ind in enumerate(self._rows) if ind is entity), None)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                if change.field in ("level1", "level2"):
                    self.structureChanged.emit()
        elif self.project is not None and isinstance(entity, Department) and entity is self.project.department:
            if change.field == "framework":
                self.set_project(self.project)
            else:
                self.tableChanged.emit()
        elif entity is self.project:
            self.tableChanged.emit()

    def _on_row_change(self, change: Change) -> None:
        assert self.project is not None
        if change.kind is ChangeKind.INSERT and change.index is not None and isinstance(change.entity, Indicator):
            self.beginInsertRows(QModelIndex(), change.index, change.index)
            self._rows.insert(change.index, change.entity)
            self.endInsertRows()
        elif change.kind is ChangeKind.REMOVE and change.old_index is not None:
            self.beginRemoveRows(QModelIndex(), change.old_index, change.old_index)
            del self._rows[change.old_index]
            self.endRemoveRows()
        elif change.kind is ChangeKind.MOVE and change.old_index is not None and change.index is not None:
            old, new = change.old_index, change.index
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
            self._rows.insert(new, self._rows.pop(old))
            self.endMoveRows()
        if self._rows != list(self.project.indicators):  # out of step (should not happen): start over
            self.set_project(self.project)
        else:
            self.structureChanged.emit()
