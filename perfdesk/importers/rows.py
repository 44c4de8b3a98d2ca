"""What an import writes: each item as its column values and ordered lists, inserted one table at a time.

A perfdesk JSON file becomes ``Rows`` directly (``json_import.document_rows``): building ORM objects
first cost a third of a 1,000-project import, in attribute events nobody needed. Readers that build
ORM objects (Excel, Word, the GUI's) are taken as they are (``Rows.of``); ``Rows.build`` makes the
transient ORM objects of a JSON file for everything that reads one without storing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

from perfdesk.models import Base, Collection, Department, Project
from perfdesk.models.entities import department_label
from perfdesk.models.lists import ITEM_LISTS

#: The column that points at the owner, for the children of each class with ordered lists.
_OWNER_KEYS: dict[type[Base], str] = {Department: "department_id", Project: "project_id"}


@dataclass
class Rows:
    """One item to insert: its class, the column values given (None left out), and its ordered lists."""

    cls: type[Base]
    values: dict[str, Any]
    lists: dict[Collection, list[Rows]] = field(default_factory=dict)

    @classmethod
    def of(cls, entity: Base) -> Rows:
        """A transient ORM object's rows: the attributes set on it (what a flush writes) and its lists."""
        values = instance_state(entity).dict
        kind = type(entity)
        return cls(
            kind,
            {key: values[key] for key in _column_keys(kind) if values.get(key) is not None},
            {items.name: [cls.of(child) for child in items.of(entity)] for items in ITEM_LISTS if items.owner is kind},
        )

    def build(self) -> Any:
        """The transient ORM object with these values and lists (as a reader would have built it)."""
        entity = self.cls(**self.values)
        for name, children in self.lists.items():
            setattr(entity, name, [child.build() for child in children])
        return entity

    def label(self) -> str:
        """A department-year's name in messages (``Department.label``)."""
        return department_label(self.values["name"], self.values["fiscal_year"])


def insert_rows(
    session: Session, items: Sequence[Rows], owner_key: str | None = None, owners: Sequence[int] = ()
) -> None:
    """Insert items of one class and, recursively, their ordered lists: one INSERT per table.

    The rows are what a flush would write: the values given, the column default (or NULL) for the
    others, the owner's id (``owners``, in order) in ``owner_key``; ids are given here, after the
    highest one in the table (the transaction holds the write lock).
    """
    if not items:
        return
    cls = items[0].cls
    table = Base.metadata.tables[cls.__tablename__]
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = range(first, first + len(items))
    blank = {column.key: _default(column) for column in table.columns}
    rows = []
    for i, item in enumerate(items):
        row = blank | {key: value for key, value in item.values.items() if value is not None}
        row["id"] = ids[i]
        if owner_key is not None:
            row[owner_key] = owners[i]
        rows.append(row)
    session.execute(insert(table), rows)
    for kind in ITEM_LISTS:
        if kind.owner is cls:
            children = [
                (child, item_id)
                for item, item_id in zip(items, ids, strict=True)
                for child in item.lists.get(kind.name, [])
            ]
            insert_rows(
                session, [child for child, _ in children], _OWNER_KEYS[cls], [item_id for _, item_id in children]
            )


@cache
def _column_keys(cls: type[Base]) -> tuple[str, ...]:
    return tuple(attr.key for attr in inspect(cls).column_attrs)


def _default(column: Any) -> Any:
    """What a flush writes into a column left unset: its Python default, or NULL."""
    default = column.default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg
