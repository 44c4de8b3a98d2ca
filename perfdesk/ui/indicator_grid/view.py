"""The grid view: the printed table's merges as spans, and spreadsheet keys.

Spans are view state (Qt ignores ``QAbstractItemModel.span``), so the view
re-applies them from ``indicator_merges`` — the same runs the Word and Excel
writers merge — after every change to the rows. The columns take the shares of
the width the Word file gives them (``perfdesk.services.printed_widths``), no
column narrower than its text needs in this font; every cell wraps, every row
grows to fit it, and a header too wide for its column takes two lines, broken
between words as printed.
"""

from __future__ import annotations

import math
from typing import overload

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QInputMethodEvent, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from perfdesk.layout.captions import caption_floor, caption_halves
from perfdesk.layout.column_widths import Measure, column_needs
from perfdesk.layout.grid_widths import proportional_widths
from perfdesk.layout.indicator_table import COLUMNS, indicator_cells, indicator_merges
from perfdesk.layout.project_table import from_printed_block
from perfdesk.services.printed_widths import printed_indicator_widths
from perfdesk.ui.indicator_grid import operations
from perfdesk.ui.indicator_grid.delegates import (
    CELL_PADDING_X,
    CELL_PADDING_Y,
    MOVE_DOWN,
    MOVE_NEXT,
    IndicatorDelegate,
    text_margin,
)
from perfdesk.ui.indicator_grid.model import IndicatorTableModel
from perfdesk.ui.indicator_grid.operations import Outcome
from perfdesk.ui.indicator_grid.tsv import parse_tsv, to_tsv

#: A header section's padding (px) left and right, and its right border.
HEADER_PADDING_X, HEADER_BORDER = 6, 1
HEADER_STYLE = f"""
QHeaderView::section:horizontal {{
    background: #f3f4f6; color: #1f2937; padding: 4px {HEADER_PADDING_X}px;
    border: none; border-right: 1px solid #d1d5db; border-bottom: 1px solid #9ca3af;
}}
QTableView {{ gridline-color: #d1d5db; selection-background-color: #dbeafe; selection-color: #111827; }}
QTableView::item {{ padding: {CELL_PADDING_Y}px {CELL_PADDING_X}px; }}
"""


def whole_pixels(widths: list[float], available: int) -> list[int]:
    """``widths`` in whole pixels, still adding up to ``available`` when they did (largest remainders round up)."""
    floors = [int(w) for w in widths]
    spare = available - sum(floors)
    if not 0 < spare <= len(widths) or abs(sum(widths) - available) > 0.5:
        return [round(w) for w in widths]
    by_remainder = sorted(range(len(widths)), key=lambda i: widths[i] - floors[i], reverse=True)
    for i in by_remainder[:spare]:
        floors[i] += 1
    return floors


class IndicatorGridView(QTableView):
    """A QTableView that shows the printed merges and behaves like a spreadsheet.

    A merged 一级/二级 cell is one cell: the cursor stands on its top row (Tab and
    Shift+Tab remember the row they came along), and editing, pasting into or
    clearing it acts on the whole group.

    Signals:
        appendRequested: Tab in the table's last cell (a new row, as in a Word table).
        message(str): something the clerk should read (what a paste did, why it was refused).
    """

    appendRequested = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The clerk dragged a column's edge: the widths stay as they are until another project is shown.
        self.clerk_widths = False
        self._fitting = False
        self._fit_again = False
        #: The viewport width the columns were last fitted to (None: never fitted).
        self._fitted_width: int | None = None
        self._text_widths: dict[str, int] = {}
        #: The printed table's indicator column widths (twips), the shares the columns take; None: not known yet.
        self._shares: list[float] | None = None
        self._header_measure: Measure = self._new_header_measure()
        self.delegate = IndicatorDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.moveRequested.connect(self.move_after_edit)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)  # CJK text wraps at any character, rows grow to fit
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # a cell never hides text behind "…"
        self.setTabKeyNavigation(False)  # Tab is handled here, spreadsheet-style
        self.setStyleSheet(HEADER_STYLE)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._column_resized)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        #: The clerk clicked the empty area below the rows: the next paste appends rows.
        self.append_target = False
        #: (top row, column) of the merged cell the cursor is on and the row Tab came along, or None.
        self._visual_row: tuple[int, int, int] | None = None

    def grid_model(self) -> IndicatorTableModel:
        model = self.model()
        assert isinstance(model, IndicatorTableModel)
        return model

    def setModel(self, model: IndicatorTableModel) -> None:  # type: ignore[override]
        super().setModel(model)
        model.modelReset.connect(self._new_project)
        model.structureChanged.connect(self.apply_spans)  # a reset (another project) is followed by it too
        model.dataChanged.connect(self._text_changed)
        model.tableChanged.connect(self._table_changed)
        self.selectionModel().selectionChanged.connect(self._forget_append_target)
        self.selectionModel().currentChanged.connect(self._forget_cursor)
        self.apply_spans()

    def apply_spans(self) -> None:
        """Show each run of equal 一级 / 二级 cells merged, exactly as it will print."""
        self.clearSpans()
        for run in indicator_merges(self.grid_model().indicators):
            if run.count > 1:
                self.setSpan(run.first, run.column, run.count, 1)
        self._shares = None
        self.fit_columns()

    # --- column widths ------------------------------------------------------------------

    def fit_columns(self, rows: range | None = None) -> None:
        """Share the viewport's width among the columns as the printed table does, then fit the rows to it.

        Each column gets the share of the width its column has in the Word file
        (``printed_indicator_widths``), but never less than keeps its header (on two
        lines at most, broken between words) and its unbreakable words uncut, nor,
        where the width allows, its short labels and values on one line. Called when
        the rows, their text, the project's printed table or the width change; after
        the clerk has dragged a column's edge only the rows are fitted, until another
        project is shown. ``rows``: only these rows' text changed, so while the widths
        stay only they are fitted again.
        """
        if not isinstance(self.model(), IndicatorTableModel):
            return
        if self._fitting:
            self._fit_again = True  # the width changed while fitting (a scroll bar came or went)
            return
        self._fitting = True
        try:
            for _ in range(3):
                self._fit_again = False
                self._fitted_width = self.viewport().width()
                if (not self.clerk_widths and self._apply_widths()) or rows is None:
                    self._break_captions()  # for the clerk's widths too
                    self.resizeRowsToContents()
                else:
                    for row in rows:
                        self.resizeRowToContents(row)
                if not self._fit_again:
                    break
                rows = None
        finally:
            self._fitting = False

    def column_widths(self, available: int) -> list[int]:
        """Whole-pixel column widths for ``available`` pixels: the printed shares, each above its text's floor."""
        rows = [indicator_cells(indicator) for indicator in self.grid_model().indicators]
        headers = [caption_floor(title, self._header_measure) + self.header_chrome() for title in COLUMNS]
        needs = column_needs(rows, self._text_width, headers, self.cell_chrome())
        floors = [need.floor for need in needs]
        widths = proportional_widths(self.printed_shares() or floors, available, [n.minimum for n in needs], floors)
        return whole_pixels(widths, available)

    def printed_shares(self) -> list[float] | None:
        """The shown project's indicator column widths in its Word table (None without a project)."""
        project = self.grid_model().project
        if project is None:
            return None
        if self._shares is None:
            self._shares = printed_indicator_widths(project)
        return self._shares

    def cell_chrome(self) -> int:
        """What a cell adds around its text (px): padding, the style's text margins and the grid line."""
        return 2 * CELL_PADDING_X + 2 * text_margin(self) + (1 if self.showGrid() else 0)

    @staticmethod
    def header_chrome() -> int:
        """What a header section adds around its caption (px): its padding and border."""
        return 2 * HEADER_PADDING_X + HEADER_BORDER

    def _apply_widths(self) -> bool:
        """Give the columns the widths that fit; whether any changed."""
        header = self.horizontalHeader()
        changed = False
        for column, width in enumerate(self.column_widths(self.viewport().width())):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
                changed = True
        return changed

    def _break_captions(self) -> None:
        """Each header on one line where its column allows, else on two broken between words (``指标值/确定依据``)."""
        header = self.horizontalHeader()
        room = [header.sectionSize(column) - self.header_chrome() for column in range(len(COLUMNS))]
        measure = self._header_measure
        captions = tuple(
            title if measure(title) <= width else "\n".join(caption_halves(title, measure))
            for title, width in zip(COLUMNS, room, strict=True)
        )
        self.grid_model().set_captions(captions)

    def _new_header_measure(self) -> Measure:
        """A caption's width (px) in the header's bold font; a new function per font (``caption_floor`` caches)."""
        bold = QFont()  # the model's header font (``FontRole``): the application's, bold
        bold.setBold(True)
        metrics = QFontMetricsF(bold)

        def measure(text: str) -> float:
            return math.ceil(metrics.horizontalAdvance(text))

        return measure

    def _text_width(self, text: str) -> float:
        width = self._text_widths.get(text)
        if width is None:
            if len(self._text_widths) > 20_000:
                self._text_widths.clear()
            width = self._text_widths[text] = math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text))
        return width

    def _column_resized(self, *_args: object) -> None:
        """The clerk dragged a column's edge (or double-clicked it): keep that width, re-wrap the rows."""
        if not self._fitting:
            self.clerk_widths = True
            self.fit_columns()

    def _text_changed(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        self._shares = None  # the printed widths follow the text
        self.fit_columns(range(first.row(), last.row() + 1))

    def _table_changed(self) -> None:
        """The project's printed table changed above its rows (amounts, goals, 版式): its widths may have."""
        self._shares = None
        self.fit_columns(range(0))  # no row's text changed: the rows are fitted again only if a width did

    def _new_project(self) -> None:
        self.clerk_widths = False
        self._shares = None

    def viewportEvent(self, event: QEvent) -> bool:
        """The grid got wider or narrower (the window, the tree's splitter, a scroll bar): fit the columns again.

        Compared with the width last fitted to, not the event's old size: a page shown again after
        being hidden gets a resize event without an old size, though its width did not change.
        """
        handled = super().viewportEvent(event)
        if isinstance(event, QResizeEvent) and event.size().width() != self._fitted_width:
            self.fit_columns()
        return handled

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._text_widths.clear()
            self.delegate.forget_sizes()
            self._header_measure = self._new_header_measure()
            self.fit_columns()

    # --- where the cursor is ----------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.selectionModel().selectedIndexes()} if self.selectionModel() else set()
        current = self.current_row()
        return sorted(rows or ({current} if current is not None else set()))

    def span_rows(self, row: int, column: int) -> range:
        """The rows of the (merged) cell at (row, column) as the clerk sees it."""
        return operations.run_rows(self.grid_model().indicators, row, column)

    def go_to(self, row: int, column: int) -> None:
        """Make the cell at (row, column) current and the only one selected (a merged cell: its top row)."""
        model = self.grid_model()
        if not 0 <= row < model.rowCount():
            return
        column = max(0, min(column, model.columnCount() - 1))
        top = self.span_rows(row, column).start
        index = model.index(top, column)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._visual_row = (top, column, row) if top != row else None
        self.scrollTo(index)

    def move_after_edit(self, move: str) -> None:
        """Enter moves down; Tab moves right, wraps to the next row, and in the last cell adds a row."""
        index = self.currentIndex()
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        if self._visual_row is not None and self._visual_row[:2] == (row, column):
            row = self._visual_row[2]  # Tab went through a merged cell: carry on along the same row
        last_row, last_column = self.grid_model().rowCount() - 1, self.grid_model().columnCount() - 1
        if move == MOVE_DOWN:
            self.go_to(min(self.span_rows(row, column).stop, last_row), column)
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
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # Ctrl+Enter stays 插入行's
        return any(event.matches(key) for key in keys) or (
            plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )

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
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.move_after_edit(MOVE_DOWN)  # the numeric keypad's Enter too
        elif event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.move_after_edit(MOVE_NEXT)
        elif event.key() == Qt.Key.Key_Backtab:
            self.move_after_edit("previous")
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:
        """Tab stays inside the grid (it moves between cells)."""
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the empty area below the rows keeps the cursor but makes the next paste append rows."""
        super().mousePressEvent(event)
        position = event.position().toPoint()
        rows = self.grid_model().rowCount()
        bottom = self.rowViewportPosition(rows - 1) + self.rowHeight(rows - 1) if rows else 0
        below = not self.indexAt(position).isValid() and position.y() >= bottom
        if below and self.grid_model().project is not None:
            self.append_target = True
            self.message.emit("粘贴（Ctrl+V）会把内容添加为表格末尾的新行。")

    def _forget_append_target(self, *_args: object) -> None:
        """Cells were selected (the click below the rows itself clears the selection: that keeps the target)."""
        if self.selectionModel().hasSelection():
            self.append_target = False

    def _forget_cursor(self, *_args: object) -> None:
        """The cursor moved: no paste target below the rows, no remembered row in a merged cell."""
        self.append_target = False
        self._visual_row = None

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
        """Paste Excel's tab-separated text at the selection's top-left cell (see ``_paste_area``)."""
        model = self.grid_model()
        if model.project is None:
            return
        block = from_printed_block(parse_tsv(QApplication.clipboard().text()))  # Excel's 7-column table too
        if not block or not block[0]:
            self.message.emit("剪贴板里没有可以粘贴的单元格。")
            return
        area = self._paste_area(len(block), len(block[0]))
        if area is None:
            return
        top, left, height, width = area
        cells = [[block[r % len(block)][c % len(block[0])] for c in range(width)] for r in range(height)]
        project, framework = model.project, model.framework
        outcome = operations.paste_block(
            model.edits, model.undo_stack, project, framework, top, left, cells, period=len(block)
        )
        rows = [model.indicators.index(indicator) for indicator in outcome.rows if indicator in model.indicators]
        if rows:
            self.go_to(rows[0], left)
            selection = QItemSelection()
            for row in rows:
                selection.select(model.index(row, left), model.index(row, left + width - 1))
            self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        labels = [row[c] for row in cells for c in range(width) if left + c in operations.LABEL_COLUMNS]
        if not outcome and labels and not any(text.strip() for text in labels):
            self.message.emit("没有修改：" + operations.LABEL_NOT_BLANK)  # blanks pasted over group names
            return
        self.message.emit(self._describe_paste(len(block), len(block[0]), height, width, left, outcome))

    def _paste_area(self, height: int, width: int) -> tuple[int, int, int, int] | None:
        """Where a ``height`` × ``width`` block goes: (top, left, rows, columns), or None when refused.

        - After a click below the rows: appended, from the first column.
        - One cell selected (a merged cell counts as one): the block from there.
          One cell pasted into a merged 一级/二级 cell renames the group.
        - A larger selection that is a multiple of the block: the block repeated
          to fill it (Excel's tiling); one the block covers: the block once;
          any other selection is refused, saying why.
        - A block wider than the columns left of its start is refused, saying why;
          a whole row (six columns) offers to start at the row's 一级指标 instead.
        """
        model = self.grid_model()
        columns = model.columnCount()
        if width > columns:
            self._refuse(
                f"粘贴的内容有 {width} 列，指标表只有 {columns} 列（“{COLUMNS[0]}”到“{COLUMNS[-1]}”）。"
                f"请在 Excel 中只复制这 {columns} 列再粘贴。"
            )
            return None
        index = self.currentIndex()
        if self.append_target or not index.isValid():
            return model.rowCount(), 0, height, width
        top, left, bottom, right = self._selection_bounds()
        rows, cols = bottom - top + 1, right - left + 1
        one_cell = cols == 1 and self.span_rows(top, left) == range(top, bottom + 1)
        if not one_cell and not (height >= rows and width >= cols):
            if rows % height or cols % width:
                self._refuse(
                    f"选中的区域是 {rows} 行 × {cols} 列，复制的内容是 {height} 行 × {width} 列，"
                    "选中区域的行数、列数须是复制内容的整数倍才能重复填充。"
                    "请只选中一个单元格再粘贴，或选中整数倍的区域。"
                )
                return None
            return top, left, rows, cols
        if left + width <= columns:
            return top, left, height, width
        problem = f"粘贴的内容有 {width} 列，从“{COLUMNS[left]}”列开始只能放下 {columns - left} 列。"
        where = f"“{COLUMNS[0]}”列" if width == columns else f"“{COLUMNS[0]}”到“{COLUMNS[columns - width]}”列"
        advice = f"请先选中{where}的单元格再粘贴。"
        if width == columns and self._ask_whole_row(problem):
            return top, 0, height, width
        self._refuse(problem + advice, box=width != columns)
        return None

    def _selection_bounds(self) -> tuple[int, int, int, int]:
        """(top, left, bottom, right) of the selection, or of the current (merged) cell when nothing is selected."""
        indexes = self.selectionModel().selectedIndexes()
        if indexes:
            rows = [i.row() for i in indexes]
            columns = [i.column() for i in indexes]
            return min(rows), min(columns), max(rows), max(columns)
        index = self.currentIndex()
        span = self.span_rows(index.row(), index.column())
        return span.start, index.column(), span.stop - 1, index.column()

    def _ask_whole_row(self, problem: str) -> bool:
        """A whole row pasted to the right of 一级指标: offer to paste it from the row's first column."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "粘贴", problem + f"\n\n要从本行的“{COLUMNS[0]}”列开始粘贴整行吗？", parent=self
        )
        paste = box.addButton(f"从“{COLUMNS[0]}”列粘贴", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(paste)
        box.exec()
        return box.clickedButton() is paste

    def _refuse(self, text: str, box: bool = True) -> None:
        """Nothing was pasted: say why under the grid and, unless the clerk just chose to cancel, in a message box."""
        self.message.emit("未粘贴：" + text)
        if box:
            QMessageBox.warning(self, "无法粘贴", text)

    @staticmethod
    def _describe_paste(height: int, width: int, rows: int, columns: int, left: int, outcome: Outcome) -> str:
        """Exactly what a paste did: the block, where it went, rows changed and added, rows regrouped."""
        if not outcome:
            return "粘贴的内容与表格中的相同，没有修改。"
        if (height, width) == (1, 1) and left in operations.LABEL_COLUMNS and len(outcome.rows) > 1:
            text = f"已粘贴到“{COLUMNS[left]}”合并单元格（整组 {len(outcome.rows)} 行）"
        elif (rows, columns) != (height, width):
            text = (
                f"已把 {height} 行 × {width} 列重复填充到选中的 {rows} 行 × {columns} 列（{rows * columns} 个单元格）"
            )
        else:
            text = f"已粘贴 {height} 行 × {width} 列（{height * width} 个单元格）"
        parts = [f"修改 {outcome.changed} 行"] if outcome.changed else []
        if outcome.added:
            parts.append(f"新增 {outcome.added} 行")
        notes = [note for note in (outcome.renamed_note(), outcome.moved_note()) if note]
        return f"{text}：{'，'.join(parts)}" + "".join(f"；{note}" for note in notes)

    def clear_selection(self) -> None:
        """Delete clears the selected cells (one undo step), like Excel, except the 一级/二级 group names."""
        model = self.grid_model()
        if model.project is None:
            return
        cells = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}
        if not cells and self.currentIndex().isValid():
            cells = {(self.currentIndex().row(), self.currentIndex().column())}
        others = sorted((row, column, "") for row, column in cells if column not in operations.LABEL_COLUMNS)
        if len(others) == len(cells):
            operations.set_cells(model.edits, model.undo_stack, model.project, model.framework, others, "清除")
            return
        if not others:
            self.message.emit(operations.LABEL_NOT_BLANK)
            QMessageBox.information(self, "不能清空", operations.LABEL_NOT_BLANK)
            return
        operations.set_cells(model.edits, model.undo_stack, model.project, model.framework, others, "清除")
        self.message.emit(f"已清除其他 {len(others)} 个单元格。" + operations.LABEL_NOT_BLANK)
