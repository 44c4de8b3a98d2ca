"""Undoable edits: QUndoCommands over the editing service.

Commands never hold ORM objects across undo/redo; they keep ``(class, id)``
handles and look the object up again, because undoing a deletion brings the
object back as a new Python object with the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from perfdesk.models import Base, Collection
from perfdesk.models.lists import named
from perfdesk.services.editing import EditSession

Handle = tuple[type[Base], int]


def handle(entity: Base) -> Handle:
    return type(entity), entity.id  # type: ignore[attr-defined]


class EditCommand(QUndoCommand):
    """Base of every edit: a failure is reported, never raised into Qt.

    An exception escaping ``redo``/``undo`` inside ``QUndoStack.push`` would
    take the whole process down (PySide6 6.12), so a failed edit is reported
    through ``EditSession.report_error`` and the command made obsolete, which
    drops it from the stack; the workspace is unchanged (the commit rolled back).
    So ``push`` never raises: a caller that needs the outcome reads ``failed``.
    """

    def __init__(self, edits: EditSession, text: str) -> None:
        super().__init__(text)
        self._edits = edits
        self.failed = False  # a plain attribute: still readable after the stack deleted the C++ command

    def redo(self) -> None:
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 -- raising inside Qt's undo stack would abort; report instead
            self.failed = True
            self.setObsolete(True)
            self._edits.report_error(exc)


class SetFieldCommand(EditCommand):
    """Change one field; consecutive keystrokes in the same field merge into one undo step.

    ``merge=False`` for a deliberate choice (a combo box, a check box, an amount): it is a step of
    its own even when the values look like typing.
    """

    MERGE_ID = 1001

    def __init__(
        self, edits: EditSession, entity: Base, field: str, value: Any, text: str = "", *, merge: bool = True
    ) -> None:
        super().__init__(edits, text or "修改")
        self._target = handle(entity)
        self._field = field
        self._old = getattr(entity, field)
        self._new = value
        self._merge = merge

    def _redo(self) -> None:
        self._edits.set_field(self._edits.get(*self._target), self._field, self._new)

    def _undo(self) -> None:
        self._edits.set_field(self._edits.get(*self._target), self._field, self._old)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or (other._target, other._field) != (self._target, self._field):
            return False
        if not (self._merge and other._merge):
            return False
        if isinstance(self._new, str) and isinstance(other._new, str) and _is_typing(self._new, other._new):
            self._new = other._new
            return True
        return False


def _is_typing(before: str, after: str) -> bool:
    """True when ``after`` is ``before`` with one keystroke's worth typed or deleted at one place.

    Anywhere in the text, not only at its end: typing into the middle of 资金用途 is one undo step too.
    """
    shorter, longer = sorted((before, after), key=len)
    if not 0 < len(longer) - len(shorter) <= 2:
        return False
    same = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return longer.endswith(shorter[same:])


class SetFieldsCommand(EditCommand):
    """Change several fields of one entity as one step (e.g. a parsed 指标值 → op/value/unit)."""

    def __init__(self, edits: EditSession, entity: Base, values: dict[str, Any], text: str = "") -> None:
        super().__init__(edits, text or "修改")
        self._target = handle(entity)
        self._new = dict(values)
        self._old = {name: getattr(entity, name) for name in values}

    def _redo(self) -> None:
        self._edits.set_fields(self._edits.get(*self._target), self._new)

    def _undo(self) -> None:
        self._edits.set_fields(self._edits.get(*self._target), self._old)


class _ListItemCommand(EditCommand):
    """An item taken out of, or put back into, an ordered list (with its ids and children)."""

    def __init__(self, edits: EditSession, parent: Base, collection: Collection, index: int, text: str) -> None:
        super().__init__(edits, text)
        self._parent = handle(parent)
        self._collection = collection
        self._index = index
        self._data: dict[str, Any] | None = None

    def _take(self) -> None:
        self._data = self._edits.remove(self._edits.get(*self._parent), self._collection, self._index)

    def _put_back(self) -> None:
        assert self._data is not None
        self._edits.restore(self._edits.get(*self._parent), self._collection, self._index, self._data)


class InsertCommand(_ListItemCommand):
    """Insert a new item into an ordered list (a project, an indicator row, a measure...)."""

    def __init__(
        self, edits: EditSession, parent: Base, collection: Collection, index: int, item: Base, text: str = ""
    ) -> None:
        super().__init__(edits, parent, collection, index, text or "插入")
        self._item: Base | None = item

    def _redo(self) -> None:
        if self._item is None:
            self._put_back()
            return
        parent = self._edits.get(*self._parent)
        self._edits.insert(parent, self._collection, self._index, self._item)
        self._index = named(self._collection).of(parent).index(self._item)
        self._item = None

    def _undo(self) -> None:
        self._take()


class RemoveCommand(_ListItemCommand):
    """Remove an item; undo puts it back with its ids and children."""

    def __init__(self, edits: EditSession, parent: Base, collection: Collection, index: int, text: str = "") -> None:
        super().__init__(edits, parent, collection, index, text or "删除")

    def _redo(self) -> None:
        self._take()

    def _undo(self) -> None:
        self._put_back()


class MoveCommand(EditCommand):
    """Move an item within its list (Ctrl+↑/↓, drag and drop)."""

    def __init__(
        self, edits: EditSession, parent: Base, collection: Collection, old_index: int, new_index: int, text: str = ""
    ) -> None:
        super().__init__(edits, text or "移动")
        self._parent = handle(parent)
        self._collection = collection
        self._old = old_index
        self._new = new_index

    def _redo(self) -> None:
        self._edits.move(self._edits.get(*self._parent), self._collection, self._old, self._new)

    def _undo(self) -> None:
        self._edits.move(self._edits.get(*self._parent), self._collection, self._new, self._old)


def macro(stack: Any, text: str) -> _Macro:
    """``with macro(stack, "粘贴"):`` groups the commands pushed inside into one undo step."""
    return _Macro(stack, text)


class _Macro:
    def __init__(self, stack: Any, text: str) -> None:
        self._stack = stack
        self._text = text

    def __enter__(self) -> None:
        self._stack.beginMacro(self._text)

    def __exit__(self, *_exc: object) -> None:
        self._stack.endMacro()


class AddDepartmentCommand(EditCommand):
    """Add a department-year; undo removes it, redo brings back the same ids."""

    def __init__(self, edits: EditSession, department: Base, index: int | None = None, text: str = "") -> None:
        super().__init__(edits, text or "新建部门")
        self._department: Base | None = department
        self._index = index
        self._handle: Handle | None = None
        self._data: dict[str, Any] | None = None

    def _redo(self) -> None:
        if self._department is not None:
            added = self._edits.add_department(self._department, self._index)  # type: ignore[arg-type]
            self._handle = handle(added)
            self._department = None
        elif self._data is not None:
            self._edits.restore_department(self._data)

    def _undo(self) -> None:
        assert self._handle is not None
        self._data = self._edits.remove_department(self._edits.get(*self._handle))  # type: ignore[arg-type]

    @property
    def target(self) -> Handle | None:
        """The added department's handle (known after the first redo)."""
        return self._handle


class RemoveDepartmentCommand(EditCommand):
    """Delete a department-year with everything it holds; undo restores it with its ids."""

    def __init__(self, edits: EditSession, department: Base, text: str = "") -> None:
        super().__init__(edits, text or "删除部门")
        self._handle = handle(department)
        self._data: dict[str, Any] | None = None

    def _redo(self) -> None:
        self._data = self._edits.remove_department(self._edits.get(*self._handle))  # type: ignore[arg-type]

    def _undo(self) -> None:
        assert self._data is not None
        self._edits.restore_department(self._data)


class MoveDepartmentCommand(EditCommand):
    """Move a department-year within the workspace's order."""

    def __init__(self, edits: EditSession, department: Base, old_index: int, new_index: int, text: str = "") -> None:
        super().__init__(edits, text or "移动部门")
        self._handle = handle(department)
        self._old = old_index
        self._new = new_index

    def _redo(self) -> None:
        self._edits.move_department(self._edits.get(*self._handle), self._new)  # type: ignore[arg-type]

    def _undo(self) -> None:
        self._edits.move_department(self._edits.get(*self._handle), self._old)  # type: ignore[arg-type]
