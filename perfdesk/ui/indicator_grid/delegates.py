"""Cell editors: combos with the framework's 一级/二级 and the usual bases, a line edit elsewhere.

The combos are editable, so a label outside the framework is kept as typed
(and flagged by the model), never replaced. Enter and Tab are reported to the
view, which moves like a spreadsheet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from perfdesk.domain.vocabulary import usual_bases
from perfdesk.errors import PerfdeskError
from perfdesk.layout.indicator_table import COL_BASIS, COL_LEVEL1, COL_LEVEL2, COL_NAME
from perfdesk.services.library import LibraryItem, library_of
from perfdesk.ui.indicator_grid.completion import LIMIT, SuggestionList, offer_by_any_part
from perfdesk.ui.indicator_grid.model import IndicatorRole, IndicatorTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

#: How the view should move after an editor closes on a key.
MOVE_DOWN, MOVE_NEXT, MOVE_PREVIOUS = "down", "next", "previous"

#: A cell's padding (px) left and right, top and bottom: the view's style sheet sets it, the size hint allows for it.
CELL_PADDING_X, CELL_PADDING_Y = 4, 3
#: How a cell's text is laid out: wrapped at words, CJK at any character (as Qt's item views draw it).
TEXT_FLAGS = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere


def text_margin(widget: QWidget | None) -> int:
    """The style's margin (px) left and right of an item view cell's text, inside the padding."""
    style = widget.style() if widget is not None else QApplication.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1


SIZES_KEPT = 4096  # remembered cell sizes, across projects (their 一级/二级 labels and 依据 recur)


class IndicatorDelegate(QStyledItemDelegate):
    """One delegate for all six columns.

    Signals:
        moveRequested(str): the editor closed on Enter (``"down"``) or Tab / Shift+Tab.
    """

    moveRequested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Set by the view when typing starts an edit: the editor starts empty (type to overwrite).
        self.overwrite_next = False
        #: The 三级 editor's 指标库 suggestions (made with the first one), the editor they serve, the choice.
        self.suggestions: SuggestionList | None = None
        self._suggesting: QLineEdit | None = None
        self._choice: LibraryItem | None = None
        #: Sizes already worked out, by (column, text, width, font): showing a project sizes every
        #: row several times (the header's own passes and the view's), each time to the same result,
        #: and the next project shares many of its cells' texts.
        self._sizes: dict[tuple[int, str, int, str], QSize] = {}

    def forget_sizes(self) -> None:
        """Drop the remembered sizes (another style or font: the same text at the same width may size otherwise)."""
        self._sizes.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """The size of the text wrapped in the width it is drawn in, padding included.

        Qt's style-sheet style wraps a cell's text in the whole cell width to size
        it, but draws it inside the padding: a text that just fits would get a row
        of one line and be drawn cut off on two. So the text is wrapped in the
        cell's width (``option.rect``, set by the view) less the padding and the
        style's text margins, and its height is at least what the font metrics give
        for it (the CJK fallback font's lines are taller than the UI font's).
        """
        text = index.data(Qt.ItemDataRole.DisplayRole)
        key = (index.column(), str(text or ""), option.rect.width(), option.font.key())
        known = self._sizes.get(key)
        if known is not None:
            return QSize(known)
        size = self._measure(option, index, text)
        if len(self._sizes) >= SIZES_KEPT:
            self._sizes.clear()
        self._sizes[key] = QSize(size)
        return size

    def _measure(self, option: QStyleOptionViewItem, index: AnyIndex, text: Any) -> QSize:
        inner = QStyleOptionViewItem(option)
        if inner.rect.width() > 2 * CELL_PADDING_X:
            inner.rect.setWidth(inner.rect.width() - 2 * CELL_PADDING_X)
        size = super().sizeHint(inner, index)
        if text and inner.rect.width() > 0:
            width = inner.rect.width() - 2 * text_margin(option.widget)
            bounds = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 1), 1 << 20), TEXT_FLAGS, str(text))
            size.setHeight(max(size.height(), bounds.height() + 2 * CELL_PADDING_Y))
        return size

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        choices = self._choices(index)
        if choices is None:
            line = QLineEdit(parent)
            if index.column() == COL_NAME:
                self._suggest_from_library(line, index)
            editor: QWidget = line
        else:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(choices)
            if index.column() == COL_LEVEL2:  # the row's 一级's 二级, by any part of the name
                offer_by_any_part(combo)
            editor = combo
        editor.setObjectName("indicatorCellEditor")
        return editor

    def _suggest_from_library(self, editor: QLineEdit, index: AnyIndex) -> None:
        """The 三级 editor lists the 指标库's indicators of the row's group as the clerk types."""
        model = index.model()
        indicator = index.data(IndicatorRole)
        view = self.parent()
        if not isinstance(model, IndicatorTableModel) or indicator is None or not isinstance(view, QAbstractItemView):
            return
        if self.suggestions is None:
            self.suggestions = SuggestionList(view.viewport())
            self.suggestions.chosen.connect(self._choose)
            for bar in (view.verticalScrollBar(), view.horizontalScrollBar()):  # the cell moves away from the list
                bar.valueChanged.connect(self.suggestions.hide)
        library, group, suggestions = library_of(model.edits), (indicator.level1, indicator.level2), self.suggestions
        self._suggesting = editor

        def update(text: str) -> None:
            try:
                found = library.suggest(*group, text, LIMIT) if text.strip() else []
            except PerfdeskError:  # the library could not be read or learned (a damaged file): typing goes on
                found = []
            suggestions.show_for(editor, found)

        editor.textEdited.connect(update)

    def _choose(self, item: LibraryItem) -> None:
        """A suggestion was picked: the cell takes its name, and the row its description, value and basis."""
        editor = self._suggesting
        if editor is None:
            return
        editor.setText(item.name)
        self._choice = item
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        if editor is self._suggesting:
            self._suggesting = None
            self._choice = None
            if self.suggestions is not None:
                self.suggestions.hide()
        super().destroyEditor(editor, index)

    def _choices(self, index: AnyIndex) -> list[str] | None:
        model = index.model()
        framework = model.framework if isinstance(model, IndicatorTableModel) else None
        column = index.column()
        if column == COL_BASIS:
            return usual_bases()
        if framework is None or column not in (COL_LEVEL1, COL_LEVEL2):
            return None
        if column == COL_LEVEL1:
            return list(framework.level1_names)
        indicator = index.data(IndicatorRole)
        return list(framework.level2_names(indicator.level1)) if indicator is not None else []

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = "" if self.overwrite_next else str(index.data(Qt.ItemDataRole.EditRole) or "")
        self.overwrite_next = False
        if isinstance(editor, QComboBox):
            editor.setEditText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:  # pragma: no cover - only the editors above are created
            return
        choice, self._choice = (self._choice, None) if editor is self._suggesting else (None, self._choice)
        if choice is not None and choice.name == text and isinstance(model, IndicatorTableModel):
            model.fill_from_library(index.row(), choice)
        elif text != (index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def _list_key(self, event: QKeyEvent) -> bool:
        """↑/↓ walk the shown suggestions, Enter takes the highlighted one, Esc closes the list; True when used."""
        suggestions = self.suggestions
        if suggestions is None or not suggestions.isVisible():
            return False
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            suggestions.step(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Escape:
            suggestions.hide()
            return True
        chosen = suggestions.highlighted()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and chosen is not None:
            self._choose(chosen)
            return True
        if _move_for(event) is not None:
            suggestions.hide()  # Enter or Tab with nothing highlighted: leave the cell as typed
        return False

    def eventFilter(self, editor: Any, event: QEvent) -> bool:
        """Commit at once on Enter/Tab (no queued commit) and let the view move like a spreadsheet."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(editor, QWidget):
            if editor is self._suggesting and self._list_key(event):
                return True
            move = _move_for(event)
            if move is not None and not _popup_open(editor):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.moveRequested.emit(move)
                return True
        return super().eventFilter(editor, event)


def _move_for(event: QKeyEvent) -> str | None:
    key, modifiers = event.key(), event.modifiers()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ControlModifier:
        return MOVE_DOWN
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier):
        return MOVE_PREVIOUS
    if key == Qt.Key.Key_Tab:
        return MOVE_NEXT
    return None


def _popup_open(editor: QWidget) -> bool:
    """Enter in an open combo list picks an item rather than leaving the cell."""
    return isinstance(editor, QComboBox) and editor.view().isVisible()
