"""The grid view: the printed table's merges as spans, and spreadsheet keys.

Spans are view state (Qt ignores ``QAbstractItemModel.span``), so the view
re-applies them from ``indicator_merges`` — the same runs the Word and Excel
writers merge — after every change to the rows.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QLineEdit, QTableView, QWidget

from perfdesk.layout.indicator_table import (
    COL_BASIS,
    COL_DESCRIPTION,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_NAME,
    COL_VALUE,
    indicator_merges,
)
from perfdesk.ui.indicator_grid import operations
from perfdesk.ui.indicator_grid.delegates import MOVE_DOWN, MOVE_NEXT, IndicatorDelegate
from perfdesk.ui.indicator_grid.model import IndicatorTableModel
from perfdesk.ui.indicator_grid.tsv import parse_tsv, to_tsv

#: Starting widths (px) that fit typical Chinese labels; 绩效指标描述 takes the rest.
COLUMN_WIDTHS = {COL_LEVEL1: 84, COL_LEVEL2: 136, COL_NAME: 170, COL_DESCRIPTION: 220, COL_VALUE: 96, COL_BASIS: 124}

HEADER_STYLE = """
QHeaderView::section:horizontal {
    background: #f3f4f6; color: #1f2937; padding: 4px 6px;
    border: none; border-right: 1px solid #d1d5db; border-bottom: 1px solid #9ca3af;
}
QTableView { gridline-color: #d1d5db; selection-background-color: #dbeafe; selection-color: #111827; }
QTableView::item { padding: 3px 4px; }
"""


class IndicatorGridView(QTableView):
    """A QTableView that shows the printed merges and behaves like a spreadsheet.

    Signals:
        appendRequested: Tab in the table's last cell (a new row, as in a Word table).
        message(str): something the clerk should read (a refused paste, a move that would cross groups).
    """

    appendRequested = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = IndicatorDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.moveRequested.connect(self.move_after_edit)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab is handled here, spreadsheet-style
        self.setStyleSheet(HEADER_STYLE)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def grid_model(self) -> IndicatorTableModel:
        model = self.model()
        assert isinstance(model, IndicatorTableModel)
        return model

    def setModel(self, model: IndicatorTableModel) -> None:  # type: ignore[override]
        super().setModel(model)
        model.structureChanged.connect(self.apply_spans)
        model.modelReset.connect(self.apply_spans)
        header = self.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.apply_spans()

    def apply_spans(self) -> None:
        """Show each run of equal 一级 / 二级 cells merged, exactly as it will print."""
        self.clearSpans()
        for run in indicator_merges(self.grid_model().indicators):
            if run.count > 1:
                self.setSpan(run.first, run.column, run.count, 1)
        self.resizeRowsToContents()

    # --- where the cursor is ----------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.selectionModel().selectedIndexes()} if self.selectionModel() else set()
        current = self.current_row()
        return sorted(rows or ({current} if current is not None else set()))

    def go_to(self, row: int, column: int) -> None:
        """Make (row, column) the current and only selected cell."""
        model = self.grid_model()
        if not 0 <= row < model.rowCount():
            return
        index = model.index(row, max(0, min(column, model.columnCount() - 1)))
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def move_after_edit(self, move: str) -> None:
        """Enter moves down; Tab moves right, wraps to the next row, and in the last cell adds a row."""
        index = self.currentIndex()
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        last_row, last_column = self.grid_model().rowCount() - 1, self.grid_model().columnCount() - 1
        if move == MOVE_DOWN:
            self.go_to(min(row + self._row_span_at(row, column), last_row), column)
        elif move == MOVE_NEXT:
            if column < last_column:
                self.go_to(row, column + 1)
            elif row < last_row:
                self.go_to(row + 1, 0)
            else:
                self.appendRequested.emit()
        elif column > 0:
            self.go_to(row, column - 1)
        elif row > 0:
            self.go_to(row - 1, last_column)

    def _row_span_at(self, row: int, column: int) -> int:
        return max(1, self.rowSpan(row, column)) if column in (COL_LEVEL1, COL_LEVEL2) else 1

    # --- editing ------------------------------------------------------------------------

    @overload
    def edit(self, index: QModelIndex | QPersistentModelIndex, /) -> None: ...
    @overload
    def edit(
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger,
        event: QEvent | None,
        /,
    ) -> bool: ...
    def edit(
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool | None:
        """Typing into a cell replaces its content, as in Excel; F2 and double-click keep it."""
        if trigger is None:
            super().edit(index)
            return None
        self.delegate.overwrite_next = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        try:
            # Qt calls this with a null event (edit(index) passes nullptr); the stub's QEvent omits that.
            return super().edit(index, trigger, event)  # type: ignore[arg-type]
        finally:
            self.delegate.overwrite_next = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A phrase from a Pinyin IME starts editing like a typed key, and lands in the editor."""
        text = event.commitString()
        index = self.currentIndex()
        if self.state() == QAbstractItemView.State.EditingState or not text or not index.isValid():
            super().inputMethodEvent(event)
            return
        if self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            editor = self.indexWidget(index)
            line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
            if isinstance(line, QLineEdit) and not line.text():  # Qt forwards key presses, not IME commits
                commit = QInputMethodEvent()
                commit.setCommitString(text)
                QApplication.sendEvent(editor, commit)

    def event(self, event: QEvent) -> bool:
        """Claim the grid's keys (Ctrl+C/V/Z/Y, Delete) before window shortcuts take them."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        keys = (
            QKeySequence.StandardKey.Copy,
            QKeySequence.StandardKey.Paste,
            QKeySequence.StandardKey.Undo,
            QKeySequence.StandardKey.Redo,
            QKeySequence.StandardKey.Delete,
            QKeySequence.StandardKey.Cut,
        )
        return any(event.matches(key) for key in keys) or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.grid_model()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Undo):
            model.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            model.undo_stack.redo()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.clear_selection()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.move_after_edit(MOVE_DOWN)
        elif event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.move_after_edit(MOVE_NEXT)
        elif event.key() == Qt.Key.Key_Backtab:
            self.move_after_edit("previous")
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:
        """Tab stays inside the grid (it moves between cells)."""
        return False

    # --- clipboard ----------------------------------------------------------------------

    def selected_block(self) -> list[list[str]]:
        """The selection's bounding rectangle as printed cell texts (merged cells repeat their text)."""
        indexes = self.selectionModel().selectedIndexes() or (
            [self.currentIndex()] if self.currentIndex().isValid() else []
        )
        if not indexes:
            return []
        rows = [i.row() for i in indexes]
        columns = [i.column() for i in indexes]
        model = self.grid_model()
        return [
            [str(model.index(r, c).data() or "") for c in range(min(columns), max(columns) + 1)]
            for r in range(min(rows), max(rows) + 1)
        ]

    def copy_selection(self) -> None:
        block = self.selected_block()
        if block:
            QApplication.clipboard().setText(to_tsv(block))

    def paste(self) -> None:
        """Paste Excel's tab-separated text at the current cell, adding rows at the end as needed."""
        model = self.grid_model()
        if model.project is None:
            return
        block = parse_tsv(QApplication.clipboard().text())
        if not block:
            return
        index = self.currentIndex()
        top, left = (index.row(), index.column()) if index.isValid() else (model.rowCount(), 0)
        written, appended = operations.paste_block(model.edits, model.undo_stack, model.project, top, left, block)
        if written:
            self.go_to(top, left)
            last = top + len(block) - 1
            last_column = min(left + len(block[0]) - 1, model.columnCount() - 1)
            selection = self.selectionModel()
            selection.select(
                QItemSelection(model.index(top, left), model.index(last, last_column)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        self.message.emit(f"已粘贴 {len(block)} 行" + (f"，新增 {appended} 行" if appended else ""))

    def clear_selection(self) -> None:
        """Delete clears the selected cells (one undo step), like Excel."""
        model = self.grid_model()
        cells = [(i.row(), i.column(), "") for i in self.selectionModel().selectedIndexes()]
        if not cells and self.currentIndex().isValid():
            cells = [(self.currentIndex().row(), self.currentIndex().column(), "")]
        operations.set_cells(model.edits, model.undo_stack, model.indicators, cells, "清除")
