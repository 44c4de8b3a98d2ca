"""The editing service the GUI calls: every edit is one committed, durable change.

``EditSession`` keeps one SQLAlchemy session open on a workspace (objects stay
loaded, so a 1,000-project file is read once) and offers small operations:
set a field, insert / remove / move an item in an ordered list. Each commits
before it returns and then tells subscribers what changed, so views (the
tree, the editors, the checks panel) follow edits made anywhere.

Undo lives in the UI (QUndoCommand) but needs stable handles: commands keep
``(entity class, id)`` and look objects up again with ``get``; a removed item
is snapshotted with its ids and children, and ``restore`` brings it back with
the same ids, so older commands that point at it keep working.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from perfdesk.errors import DepartmentExists, WorkspaceError, WorkspaceReadOnly
from perfdesk.models import AMOUNT_FIELDS, Base, Collection, Department, Project, Workspace, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.lists import ITEM_LISTS, item_list

E = TypeVar("E", bound=Base)


class ChangeKind(Enum):
    """What kind of edit a ``Change`` reports."""

    FIELD = "field"  # entity.field changed
    INSERT = "insert"  # into parent.collection at index
    REMOVE = "remove"  # from parent.collection at old_index
    MOVE = "move"  # within parent.collection, from old_index to index
    DEPARTMENTS = "departments"  # the list of department-years changed


@dataclass(frozen=True)
class Change:
    """What an edit did, for views to update themselves.

    Attributes:
        kind: ``FIELD`` (``entity.field`` changed), ``INSERT`` / ``REMOVE`` /
            ``MOVE`` (in ``parent.collection``; ``index`` is the new position,
            ``old_index`` the old one for moves and removes), or ``DEPARTMENTS``
            (the list of department-years changed).
    """

    kind: ChangeKind
    entity: Base | None = None
    field: str | None = None
    parent: Base | None = None
    collection: Collection | None = None
    index: int | None = None
    old_index: int | None = None


Listener = Callable[[Change], None]


class EditSession:
    """An open workspace being edited."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._session: Session = workspace.session()  # private: callers use the methods below, never the ORM
        self._listeners: list[Listener] = []
        # Held here, read once: the session's identity map keeps objects only weakly, and a
        # 1,000-project department dropped between edits is read again (and its projects one lazy
        # load at a time) by the next view that looks at it.
        self._departments: list[Department] | None = None
        self._error_listeners: list[Callable[[Exception], None]] = []

    @classmethod
    def open(cls, path: Path, *, create: bool = False, read_only: bool = False) -> EditSession:
        """Open for editing (taking the workspace's write lock), or for viewing only.

        Raises:
            WorkspaceLocked: open for writing elsewhere; ``WorkspaceReadOnly``: cannot be written
                (both can be opened with ``read_only=True``); other WorkspaceErrors.
        """
        return cls(open_workspace(path, create=create, read_only=read_only))

    @property
    def path(self) -> Path:
        return self.workspace.path

    @property
    def read_only(self) -> bool:
        """Opened for viewing only: every edit is refused before anything changes."""
        return self.workspace.read_only

    def close(self) -> None:
        self._session.close()
        self.workspace.close()

    # --- reading ----------------------------------------------------------------------

    def departments(self) -> list[Department]:
        """Every department-year in workspace order (read from the file once, then kept current).

        A file that cannot be read raises WorkspaceError, never SQLAlchemy's.
        """
        if self._departments is None:
            try:
                self._departments = self.workspace.departments(self._session, indicators=False)  # rows: when shown
            except WorkspaceError:
                raise
            except Exception as exc:
                raise storage_error(exc, str(self.path)) from exc
        return list(self._departments)

    def department(self, department_id: int) -> Department | None:
        """The department-year with this id, or None when it is not (or no longer) in the workspace."""
        department = self._session.get(Department, department_id)
        return department if department is not None and self.contains(department) else None

    def contains(self, entity: Base) -> bool:
        """Whether ``entity`` is part of the open workspace (False once it or its parent is deleted)."""
        return entity in self._session

    def get(self, cls: type[E], entity_id: int) -> E:
        """The entity with this id (commands use this to find their target again)."""
        entity = self._session.get(cls, entity_id)
        if entity is None:
            raise WorkspaceError(f"找不到要修改的对象（{cls.__name__} #{entity_id}），它可能已被删除。")
        return entity

    # --- observing --------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling ``listener``; a listener that is already gone is fine."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def subscribe_errors(self, listener: Callable[[Exception], None]) -> None:
        """Be told about edits that failed where no caller could catch them (undo/redo)."""
        self._error_listeners.append(listener)

    def report_error(self, error: Exception) -> None:
        """Pass a failed edit to the error listeners; with none, to ``sys.excepthook``."""
        if not self._error_listeners:
            sys.excepthook(type(error), error, error.__traceback__)
            return
        for listener in list(self._error_listeners):
            listener(error)

    def _notify(self, change: Change) -> None:
        if change.kind is ChangeKind.DEPARTMENTS:
            self._departments = None  # read again, in the new order, by whoever asks next
        for listener in list(self._listeners):
            listener(change)

    # --- editing ----------------------------------------------------------------------

    def set_field(self, entity: Base, field: str, value: Any) -> Any:
        """Set one attribute and commit; returns the old value (for undo).

        Entering an amount of a project rolled over from last year (even the same one) marks its
        amounts reviewed.
        """
        self._check_writable()
        old = getattr(entity, field)
        reviewed = _reviews_amounts(entity, [field])
        if old == value and type(old) is type(value) and not reviewed:
            return old
        setattr(entity, field, value)
        self._commit()
        self._notify(Change(ChangeKind.FIELD, entity=entity, field=field))
        return old

    def set_fields(self, entity: Base, values: dict[str, Any]) -> dict[str, Any]:
        """Set several attributes in one commit; returns the old values."""
        self._check_writable()
        old = {name: getattr(entity, name) for name in values}
        _reviews_amounts(entity, values)
        for name, value in values.items():
            setattr(entity, name, value)
        self._commit()
        for name in values:
            self._notify(Change(ChangeKind.FIELD, entity=entity, field=name))
        return old

    def insert(self, parent: Base, collection: Collection, index: int, item: E) -> E:
        """Insert ``item`` at ``index`` of ``parent.collection`` and commit."""
        self._check_writable()
        items = self._collection(parent, collection)
        index = max(0, min(index, len(items)))
        items.insert(index, item)
        self._commit()
        self._notify(Change(ChangeKind.INSERT, entity=item, parent=parent, collection=collection, index=index))
        return item

    def remove(self, parent: Base, collection: Collection, index: int) -> dict[str, Any]:
        """Remove the item at ``index`` and commit; returns its snapshot for ``restore``."""
        self._check_writable()
        items = self._collection(parent, collection)
        item = items[index]
        data = snapshot(item)
        items.pop(index)
        self._commit()
        self._notify(Change(ChangeKind.REMOVE, entity=item, parent=parent, collection=collection, old_index=index))
        return data

    def restore(self, parent: Base, collection: Collection, index: int, data: dict[str, Any]) -> Base:
        """Put back a removed item (same ids, same children) at ``index``."""
        return self.insert(parent, collection, index, rebuild(data))

    def move(self, parent: Base, collection: Collection, old_index: int, new_index: int) -> None:
        """Move an item within its list and commit."""
        self._check_writable()
        items = self._collection(parent, collection)
        new_index = max(0, min(new_index, len(items) - 1))
        if old_index == new_index:
            return
        item = items.pop(old_index)
        items.insert(new_index, item)
        self._commit()
        self._notify(
            Change(
                ChangeKind.MOVE, entity=item, parent=parent, collection=collection, index=new_index, old_index=old_index
            )
        )

    def add_department(self, department: Department, index: int | None = None) -> Department:
        """Add a department-year (at the end unless ``index`` is given) and commit.

        Raises:
            DepartmentExists: one of that name and year is already there.
        """
        self._check_writable()
        departments = self.departments()
        if any(d.name == department.name and d.fiscal_year == department.fiscal_year for d in departments):
            raise DepartmentExists(department.label())
        position = len(departments) if index is None else index
        for other in departments:
            if other.position >= position:
                other.position += 1
        department.position = position
        self._session.add(department)
        self._commit()
        self._notify(Change(ChangeKind.DEPARTMENTS, entity=department))
        return department

    def remove_department(self, department: Department) -> dict[str, Any]:
        """Delete a department-year with all it holds; returns its snapshot."""
        self._check_writable()
        data = snapshot(department)
        self._session.delete(department)
        self._commit()
        self._notify(Change(ChangeKind.DEPARTMENTS, entity=department))
        return data

    def restore_department(self, data: dict[str, Any]) -> Department:
        self._check_writable()
        department = rebuild(data)
        assert isinstance(department, Department)
        self._session.add(department)
        self._commit()
        self._notify(Change(ChangeKind.DEPARTMENTS, entity=department))
        return department

    def move_department(self, department: Department, new_index: int) -> None:
        self._check_writable()
        departments = self.departments()
        departments.remove(department)
        departments.insert(max(0, min(new_index, len(departments))), department)
        for position, dept in enumerate(departments):
            dept.position = position
        self._commit()
        self._notify(Change(ChangeKind.DEPARTMENTS, entity=department))

    def _collection(self, parent: Base, collection: Collection) -> list[Any]:
        items = item_list(type(parent), collection)
        if items is None:
            raise ValueError(f"{type(parent).__name__}.{collection} is not an ordered collection")
        return items.of(parent)

    def _check_writable(self) -> None:
        if self.read_only:
            raise WorkspaceReadOnly("工作区以只读方式打开，不能修改。", str(self.path))

    def _commit(self) -> None:
        try:
            self._session.commit()
        except Exception as exc:
            self._session.rollback()
            self._departments = None  # the rollback expired them; read afresh
            # never the exception's own text: SQLAlchemy's holds the SQL and the clerk's data
            raise storage_error(exc, str(self.path), action="修改未保存。") from exc


# --- snapshots -----------------------------------------------------------------------------


def _reviews_amounts(entity: Base, fields: Iterable[str]) -> bool:
    """Clear a rolled-over project's review mark when one of its amounts is entered; whether it did."""
    if isinstance(entity, Project) and entity.amounts_to_review and any(f in AMOUNT_FIELDS for f in fields):
        entity.amounts_to_review = False
        return True
    return False


def snapshot(entity: Base) -> dict[str, Any]:
    """Every column (ids included) and every ordered child list of an entity, recursively."""
    mapper = inspect(type(entity))
    data: dict[str, Any] = {"__class__": type(entity).__name__}
    for column in mapper.column_attrs:
        value = getattr(entity, column.key)
        data[column.key] = list(value) if isinstance(value, list) else value
    for items in ITEM_LISTS:
        if isinstance(entity, items.owner):
            data[items.name] = [snapshot(child) for child in items.of(entity)]
    return data


def rebuild(data: dict[str, Any]) -> Base:
    """A new (transient) entity from a snapshot, keeping the ids so old handles stay valid."""
    registry = {mapper.class_.__name__: mapper.class_ for mapper in Base.registry.mappers}
    cls = registry[data["__class__"]]
    children = {key: value for key, value in data.items() if isinstance(value, list) and key in _child_keys(cls)}
    columns = {key: value for key, value in data.items() if key != "__class__" and key not in children}
    entity = cls(**{k: list(v) if isinstance(v, list) else v for k, v in columns.items()})
    for key, items in children.items():
        setattr(entity, key, [rebuild(item) for item in items])
    return entity


def _child_keys(cls: type[Base]) -> set[Collection]:
    return {items.name for items in ITEM_LISTS if items.owner is cls}
