"""The base of every editor: bind widgets to one entity's fields through undo commands.

A form never writes the ORM: a user's change becomes a ``SetFieldCommand`` on
the shared undo stack (typing into a text field merges into one step), named
after the field as the clerk sees it (``修改“资金用途”``), which the 编辑 menu
shows. Forms follow Change events from anywhere (undo, the tree, another
editor); the change a form itself just made is not echoed back, so the cursor
in the field being typed into never jumps.

Text fields commit every keystroke (their Ctrl+Z is the undo stack's, see
:mod:`perfdesk.ui.widgets`); pasted tabs and line breaks are cleaned as that
module describes. Amounts, 绩效目标 lines and the year commit when editing
finishes and then forget their own undo history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from perfdesk.errors import PerfdeskError
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.ui import dialogs
from perfdesk.ui.commands import Handle, SetFieldCommand, handle
from perfdesk.ui.editors.amount_field import AmountField
from perfdesk.ui.editors.goal_lines import GoalLinesEditor
from perfdesk.ui.widgets import forget_typing, mark_live, one_line, without_tabs

#: How the 绩效目标 styles (perfdesk.layout.options) are offered in the editors.
GOAL_STYLE_LABELS = {"numbered": "编号列在一个单元格内", "rows": "每个目标一行（目标1、目标2…）"}


def combo(items: list[tuple[Any, str]]) -> QComboBox:
    """A combo box offering ``(stored value, label)`` pairs."""
    box = QComboBox()
    for value, label in items:
        box.addItem(label, value)
    return box


Loader = Callable[[Any], None]
#: Shortest width, in characters, a form's combo box shrinks to when the window is narrow.
COMBO_MIN_CHARS = 8


def edit_text(label: str) -> str:
    """The undo step's name for a change of the field the clerk knows as ``label``."""
    return f"修改“{label}”" if label else "修改"


class Form(QWidget):
    """Shows one entity (looked up by handle each time, so undo of a deletion is harmless)."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.stack = stack
        self._handle: Handle | None = None
        self._loaders: dict[str, list[Loader]] = {}
        self._pushing = False
        edits.subscribe(self._on_change)

    def detach(self) -> None:
        self.edits.unsubscribe(self._on_change)

    # --- the entity ------------------------------------------------------------------------------

    def entity(self) -> Any:
        if self._handle is None:
            return None
        try:
            return self.edits.get(*self._handle)
        except PerfdeskError:
            return None

    def set_entity(self, entity: Any) -> None:
        self._handle = handle(entity) if entity is not None else None
        self.refresh()

    def refresh(self) -> None:
        entity = self.entity()
        if entity is None:
            return
        for field, loaders in self._loaders.items():
            for load in loaders:
                load(getattr(entity, field))
        self.after_refresh(entity)

    def after_refresh(self, entity: Any) -> None:
        """Hook: update derived labels (headings, sums) after any refresh."""

    def is_mine(self, entity: Any) -> bool:
        return self._handle is not None and entity is not None and handle(entity) == self._handle

    def _on_change(self, change: Change) -> None:
        entity = self.entity()
        if entity is None:
            return
        if change.kind is ChangeKind.FIELD and self.is_mine(change.entity):
            if not self._pushing:
                for load in self._loaders.get(change.field or "", []):
                    load(getattr(entity, change.field or ""))
            self.after_refresh(entity)
        else:
            self.on_other_change(change, entity)

    def on_other_change(self, change: Change, entity: Any) -> None:
        """Hook: a change to something else (a department's units for a project's unit list...)."""

    # --- committing -------------------------------------------------------------------------------

    def validate(self, field: str, value: Any) -> str | None:
        """Hook: a reason to refuse ``value`` before anything is written, or None."""
        return None

    def confirm(self, field: str, value: Any) -> bool:
        """Hook: ask the clerk before a change with consequences; False leaves everything as it was."""
        return True

    def commit(self, field: str, value: Any, label: str = "", *, typing: bool = False) -> bool:
        """Push the change of one field (skipped when nothing changed) as the undo step ``修改“label”``.

        ``typing``: the change is a keystroke, so it merges with the previous keystrokes in the field.
        """
        entity = self.entity()
        if entity is None:
            return False
        old = getattr(entity, field)
        if old == value and type(old) is type(value) and str(old) == str(value):
            return False
        problem = self.validate(field, value)
        if problem:
            dialogs.show_error(self, problem)
        if problem or not self.confirm(field, value):
            for load in self._loaders.get(field, []):
                load(old)
            return False
        self._pushing = True
        try:
            self.stack.push(SetFieldCommand(self.edits, entity, field, value, edit_text(label), merge=typing))
        finally:
            self._pushing = False
        return True

    # --- binding widgets ----------------------------------------------------------------------------

    def _loader(self, field: str, load: Loader) -> None:
        self._loaders.setdefault(field, []).append(load)

    def bind_line(self, edit: QLineEdit, field: str, *, nullable: bool = False, label: str = "") -> QLineEdit:
        """Each keystroke is committed; consecutive ones merge into one undo step."""

        def load(value: Any) -> None:
            shown = "" if value is None else str(value)
            if edit.text() != shown:
                edit.setText(shown)

        def edited(value: str) -> None:
            clean = one_line(value)
            if clean != value:  # pasted tabs or line breaks
                position = len(one_line(value[: edit.cursorPosition()]))
                edit.setText(clean)
                edit.setCursorPosition(position)
            self.commit(field, (clean or None) if nullable else clean, label, typing=True)

        mark_live(edit)
        edit.textEdited.connect(edited)
        self._loader(field, load)
        return edit

    def bind_plain(
        self, edit: QPlainTextEdit, field: str, *, nullable: bool = False, label: str = ""
    ) -> QPlainTextEdit:
        loading = [False]

        def load(value: Any) -> None:
            shown = "" if value is None else str(value)
            if edit.toPlainText() != shown:
                loading[0] = True
                edit.setPlainText(shown)
                if edit.hasFocus():  # undone while typing there: carry on at the end
                    edit.moveCursor(QTextCursor.MoveOperation.End)
                loading[0] = False

        def changed() -> None:
            if loading[0]:
                return
            value = edit.toPlainText()
            if "\t" in value:  # pasted: a tab becomes a space, so the cursor keeps its place
                position = edit.textCursor().position()
                value = without_tabs(value)
                load(value)
                cursor = edit.textCursor()
                cursor.setPosition(min(position, len(value)))
                edit.setTextCursor(cursor)
            self.commit(field, (value or None) if nullable else value, label, typing=True)

        edit.setTabChangesFocus(True)  # the app-wide filter does it too; a form must not depend on it
        mark_live(edit)
        edit.textChanged.connect(changed)
        self._loader(field, load)
        return edit

    def bind_check(self, box: QCheckBox, field: str, label: str = "") -> QCheckBox:
        box.clicked.connect(lambda checked: self.commit(field, bool(checked), label))
        self._loader(field, lambda value: box.setChecked(bool(value)))
        return box

    def bind_combo(self, combo: QComboBox, field: str, label: str = "") -> QComboBox:
        """Items carry the stored value as item data; an unknown stored value is shown as-is."""

        def load(value: Any) -> None:
            row = combo.findData(value)
            if row < 0:
                combo.addItem(str(value), value)
                row = combo.count() - 1
            combo.setCurrentIndex(row)

        combo.setMinimumContentsLength(COMBO_MIN_CHARS)  # a long item never makes the form wider
        combo.activated.connect(lambda row: self.commit(field, combo.itemData(row), label))
        self._loader(field, load)
        return combo

    def bind_spin(self, spin: QSpinBox, field: str, label: str = "") -> QSpinBox:
        def finished() -> None:
            self.commit(field, spin.value(), label)
            line = spin.findChild(QLineEdit)
            if line is not None:
                forget_typing(line)

        spin.editingFinished.connect(finished)
        self._loader(field, lambda value: spin.setValue(int(value)))
        return spin

    def bind_amount(self, amount: AmountField, field: str, label: str = "") -> AmountField:
        amount.committed.connect(lambda value: self.commit(field, value, label))
        self._loader(field, amount.set_value)
        return amount

    def bind_lines(self, lines: GoalLinesEditor, field: str, label: str = "") -> GoalLinesEditor:
        lines.committed.connect(lambda value: self.commit(field, list(value), label))
        self._loader(field, lines.set_lines)
        return lines
