"""A workspace opened for viewing only: every editing widget refuses input, and says why.

EditSession refuses every edit of a read-only workspace anyway; this makes the window show it
before the clerk types a word: fields become read-only, item views stop editing and dragging,
and buttons and choices that would change the file are disabled. Applied again whenever the
editor shows another node, so widgets made later are covered too.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

READ_ONLY_TIP = "工作区以只读方式打开，不能修改。"
#: Buttons that only show or fold things (object names), left working.
VIEW_BUTTONS = frozenset({"headerToggle"})


def lock_editing(root: QWidget) -> None:
    """Make every editing widget under ``root`` read-only (idempotent)."""
    for field in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        if not field.isReadOnly():
            field.setReadOnly(True)
            field.setToolTip(READ_ONLY_TIP)
    for spin in root.findChildren(QAbstractSpinBox):
        spin.setReadOnly(True)
    for view in root.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
    for choice in root.findChildren(QComboBox):
        choice.setEnabled(False)
    for button in root.findChildren(QAbstractButton):
        if button.objectName() not in VIEW_BUTTONS:
            button.setEnabled(False)
