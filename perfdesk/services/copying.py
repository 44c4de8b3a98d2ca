"""Copies: of a department-year or an item (复制一份, 粘贴), and of a whole workspace file (另存为).

Copies of entities are new, transient objects with the same content and
children but no ids; the caller adds them (through ``EditSession`` or an undo
command). The GUI, the command line and a future year roll-over share these.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from perfdesk.errors import WorkspaceError
from perfdesk.models import Base, Department, Measure, Project, SubGoal, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.lock import holder
from perfdesk.models.workspace import sqlite_uri
from perfdesk.services.editing import rebuild, snapshot
from perfdesk.tempfiles import clean_stale, temp_path

E = TypeVar("E", bound=Base)

COPY_SUFFIX = "（副本）"
#: The field that names each kind of copyable entity; a duplicate's gets COPY_SUFFIX.
NAME_FIELDS: dict[type[Base], str] = {Department: "name", SubGoal: "title", Measure: "title", Project: "name"}


def clone(entity: E) -> E:
    """A new entity with the same content and children but no ids (nor list positions)."""
    copy = rebuild(_without_ids(snapshot(entity)))
    assert isinstance(copy, type(entity))
    return copy


def _without_ids(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: (
            [_without_ids(v) for v in value]
            if isinstance(value, list) and value and isinstance(value[0], dict)
            else value
        )
        for key, value in data.items()
        if key != "id" and not key.endswith("_id") and key != "position"
    }


def copy_name(name: str, taken: Iterable[str] = ()) -> str:
    """``name（副本）``, with one more （副本） for as long as that name is taken."""
    taken = set(taken)
    name += COPY_SUFFIX
    while name in taken:
        name += COPY_SUFFIX
    return name


def duplicate(entity: E, taken: Iterable[str] = ()) -> E:
    """A clone named as a copy (``甲（副本）``), avoiding the names in ``taken``.

    Raises:
        KeyError: ``entity`` is not a department, sub-goal, measure or project.
    """
    field = NAME_FIELDS[type(entity)]
    copy = clone(entity)
    setattr(copy, field, copy_name(getattr(entity, field), taken))
    return copy


def duplicate_department(department: Department, existing: Iterable[Department]) -> Department:
    """A copy of a department-year named so that it does not clash with ``existing`` in the same year."""
    taken = {d.name for d in existing if d.fiscal_year == department.fiscal_year}
    return duplicate(department, taken)


# --- 另存为 -----------------------------------------------------------------------------------


def copy_workspace(source: Path, target: Path) -> Path:
    """Write a consistent copy of the workspace ``source`` to ``target``, replacing it (SQLite backup API).

    The copy is made beside ``target`` and moved onto it at the end, so a failure
    leaves no half-written file and an existing ``target`` untouched. ``source``
    may be open for editing: the backup reads the committed state.

    Raises:
        WorkspaceError: ``target`` is ``source`` or open for editing (here or elsewhere), or the
            copy cannot be read or written.
    """
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise WorkspaceError("不能另存为正在使用的这个文件，请换一个文件名。", str(target))
    editor = holder(target)
    if editor is not None:
        raise WorkspaceError(f"这个文件正由{editor.describe()}打开编辑，不能覆盖。请换一个文件名。", str(target))
    if not source.is_file():
        raise WorkspaceError("找不到要另存的工作区文件。", str(source))
    if not target.parent.is_dir():
        raise WorkspaceError("保存位置的文件夹不存在。", str(target.parent))
    clean_stale(target.parent)
    temp = temp_path(target)  # SQLite creates it, umask applies
    try:
        with (
            closing(sqlite3.connect(sqlite_uri(source), uri=True)) as reader,
            closing(sqlite3.connect(temp)) as writer,
        ):
            reader.backup(writer)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = storage_error(exc, None, action="副本未写成，原有文件未改动。").message
        raise WorkspaceError(f"无法另存为：{reason}", str(target)) from exc
    return target


def new_workspace_file(target: Path) -> Path:
    """Create an empty workspace at ``target``, replacing a file there only once the new one is complete.

    Raises:
        WorkspaceError: ``target`` is open for editing (here or elsewhere), or cannot be written.
    """
    target = Path(target)
    editor = holder(target)
    if editor is not None:
        raise WorkspaceError(f"这个文件正由{editor.describe()}打开编辑，不能覆盖。请换一个文件名。", str(target))
    clean_stale(target.parent)
    temp = temp_path(target)
    try:
        open_workspace(temp, create=True, lock=False).close()
        os.replace(temp, target)
    except OSError as exc:
        raise storage_error(exc, str(target)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target
