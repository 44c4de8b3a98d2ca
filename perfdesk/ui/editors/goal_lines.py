"""A list-of-lines editor (绩效目标, 绩效指标 paragraphs): add, remove, reorder, edit each line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from perfdesk.ui.widgets import forget_typing, one_line


class GoalLinesEditor(QWidget):
    """Shows ``list[str]`` as numbered line edits; every change announces the whole new list.

    Signals:
        committed(list): the new list (after a line was edited, added, removed or moved).
    """

    committed = Signal(list)

    def __init__(self, noun: str = "绩效目标", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self._lines: list[str] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(3)
        self.add_button = QToolButton()
        self.add_button.setText(f"＋ 添加{noun}")
        self.add_button.clicked.connect(self.add_line)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(footer)
        self.edits: list[QLineEdit] = []

    def lines(self) -> list[str]:
        return list(self._lines)

    def set_lines(self, lines: list[str]) -> None:
        """Show ``lines``; rebuilds the rows only when the number of lines changed."""
        lines = list(lines or [])
        if len(lines) != len(self.edits):
            self._rebuild(len(lines))
        for edit, text in zip(self.edits, lines, strict=True):
            if edit.text() != text:
                edit.setText(text)
        self._lines = lines

    def _rebuild(self, count: int) -> None:
        while (item := self._grid.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.edits = []
        for row in range(count):
            number = QLabel(f"{row + 1}")
            edit = QLineEdit()
            edit.setObjectName(f"line{row}")
            edit.editingFinished.connect(lambda row=row: self._line_finished(row))
            self._grid.addWidget(number, row, 0)
            self._grid.addWidget(edit, row, 1)
            for column, (text, tip, slot) in enumerate(
                (
                    ("↑", "上移", lambda _=False, row=row: self.move_line(row, row - 1)),
                    ("↓", "下移", lambda _=False, row=row: self.move_line(row, row + 1)),
                    ("−", f"删除这条{self._noun}", lambda _=False, row=row: self.remove_line(row)),
                ),
                start=2,
            ):
                button = QToolButton()
                button.setText(text)
                button.setToolTip(tip)
                button.setAutoRaise(True)
                button.clicked.connect(slot)
                button.setEnabled(not ((text == "↑" and row == 0) or (text == "↓" and row == count - 1)))
                self._grid.addWidget(button, row, column)
            self.edits.append(edit)

    def _announce(self, lines: list[str]) -> None:
        if lines != self._lines:
            self.set_lines(lines)
            self.committed.emit(list(lines))

    def _line_finished(self, row: int) -> None:
        if row < len(self.edits) and row < len(self._lines):
            lines = list(self._lines)
            lines[row] = one_line(self.edits[row].text()).strip()  # pasted tabs or line breaks: spaces
            self._announce(lines)
            if row < len(self.edits):
                forget_typing(self.edits[row])  # committed: Ctrl+Z is now the undo stack's

    def add_line(self) -> None:
        self._announce([*self._lines, ""])
        self.edits[-1].setFocus()

    def remove_line(self, row: int) -> None:
        self._announce(self._lines[:row] + self._lines[row + 1 :])

    def move_line(self, row: int, target: int) -> None:
        if 0 <= target < len(self._lines):
            lines = list(self._lines)
            lines.insert(target, lines.pop(row))
            self._announce(lines)
