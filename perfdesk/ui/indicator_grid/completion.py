"""Completion in the grid's editors: the 指标库's indicators under the 三级 editor, 二级 labels by any part.

The 三级 list offers the indicators of the row's 一级/二级 group matching what was
typed by any part of the name or by pinyin initials (``perfdesk.library.matching``),
best first with their usual value. Choosing one is reported through ``chosen``; the
delegate then fills the row's description, value and basis in one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from perfdesk.services.library import LibraryItem

#: How many suggestions the list holds, and shows without scrolling.
LIMIT, VISIBLE_ROWS = 30, 10
#: The list's least width (px), so a narrow 三级 column still shows a name and its value.
MIN_WIDTH = 320
#: Keys that leave a cell (the grid moves like a spreadsheet).
_LEAVING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def suggestion_text(item: LibraryItem) -> str:
    """A popup line: ``资金支出准确率　=100%　· 用过 3 次``."""
    parts = [item.name, item.value_text()]
    if item.uses:
        parts.append(f"· 用过 {item.uses} 次")
    return "　".join(part for part in parts if part)


def _leaving(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in _LEAVING_KEYS


def offer_by_any_part(combo: QComboBox) -> None:
    """Make an editable combo's completion list every label containing what was typed (社会 → 社会效益指标).

    Enter or Tab in that list takes the highlighted label and then leaves the cell as usual.
    """
    completer = combo.completer()
    if completer is None:
        return
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    popup = completer.popup()
    if popup is not None:
        popup.installEventFilter(_LeaveFromPopup(combo, popup))


class _LeaveFromPopup(QObject):
    """Enter/Tab in a combo's completion list: take the highlighted label, close the list, pass the key on."""

    def __init__(self, combo: QComboBox, popup: QAbstractItemView) -> None:
        super().__init__(popup)
        self._combo = combo
        self._popup = popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._popup or not _leaving(event):
            return False
        current = self._popup.currentIndex()
        if current.isValid():
            self._combo.setEditText(str(current.data()))
        self._popup.hide()
        QApplication.sendEvent(self._combo, event)
        return True


class SuggestionList(QListWidget):
    """The 三级 editor's list of 指标库 suggestions, shown under the editor inside the grid.

    A child of the grid's viewport rather than a popup window: the editor keeps the focus and the
    keys (the delegate passes ↑/↓/Enter/Esc here while the list is shown), and no extra window
    comes and goes with every cell. Signals: chosen(object): the ``LibraryItem`` clicked.
    """

    chosen = Signal(object)

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("librarySuggestions")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click "focuses" the list, which hands it to the editor
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.Box)
        self._items: list[LibraryItem] = []
        self.itemClicked.connect(lambda row: self.chosen.emit(self._items[self.row(row)]))
        self.hide()

    @property
    def suggested(self) -> list[LibraryItem]:
        """The suggestions listed now, best first."""
        return list(self._items)

    def show_for(self, editor: QWidget, items: list[LibraryItem]) -> None:
        """List ``items`` just under ``editor`` (hidden when there are none)."""
        self._items = list(items)
        self.clear()
        for item in self._items:
            row = QListWidgetItem(suggestion_text(item))
            row.setToolTip("\n".join(filter(None, [item.description, f"依据：{item.basis}" if item.basis else None])))
            self.addItem(row)
        if not self._items:
            self.hide()
            return
        viewport = self.parentWidget()
        below = editor.mapTo(viewport, editor.rect().bottomLeft()) if viewport is not None else editor.pos()
        rows = min(len(self._items), VISIBLE_ROWS)
        height = rows * max(self.sizeHintForRow(0), 1) + 2 * self.frameWidth()
        width = max(editor.width(), self.sizeHintForColumn(0) + 2 * self.frameWidth() + 24, MIN_WIDTH)
        if viewport is not None and below.y() + height > viewport.height() and below.y() - editor.height() > height:
            below.setY(below.y() - editor.height() - height)  # no room below: above the cell
        self.setGeometry(below.x(), below.y() + 1, width, height)
        self.setCurrentRow(-1)
        self.setFocusProxy(editor)  # a click here keeps the editor focused: the cell stays open
        self.raise_()
        self.show()

    def step(self, delta: int) -> None:
        """↓/↑: highlight the next or previous suggestion."""
        if self._items:
            self.setCurrentRow(max(0, min(self.currentRow() + delta, len(self._items) - 1)))

    def highlighted(self) -> LibraryItem | None:
        row = self.currentRow()
        return self._items[row] if self.isVisible() and 0 <= row < len(self._items) else None
