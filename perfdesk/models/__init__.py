"""Domain model and storage (SQLAlchemy, SQLite). No Qt here.

The names are loaded on first use (PEP 562): ``perfdesk check`` reads snapshots
(``perfdesk.models.snapshot``, ``perfdesk.models.kinds``) and must not pay for SQLAlchemy's import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfdesk.models.entities import (
        AMOUNT_FIELDS,
        INDICATOR_FIELDS,
        SPENDING_MONTHS,
        Base,
        Collection,
        Department,
        Indicator,
        Measure,
        Project,
        ProjectSection,
        SubGoal,
        Unit,
    )
    from perfdesk.models.library import EntryOrigin, LibraryEntry
    from perfdesk.models.workspace import Workspace, open_workspace

#: Where each name lives.
_HOMES = {
    **dict.fromkeys(("AMOUNT_FIELDS", "INDICATOR_FIELDS", "SPENDING_MONTHS", "Collection", "ProjectSection"), "kinds"),
    **dict.fromkeys(("Base", "Department", "Indicator", "Measure", "Project", "SubGoal", "Unit"), "entities"),
    **dict.fromkeys(("EntryOrigin", "LibraryEntry"), "library"),
    **dict.fromkeys(("Workspace", "open_workspace"), "workspace"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'perfdesk.models' has no attribute {name!r}")
    value = getattr(import_module(f"perfdesk.models.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AMOUNT_FIELDS",
    "INDICATOR_FIELDS",
    "SPENDING_MONTHS",
    "Base",
    "Collection",
    "Department",
    "EntryOrigin",
    "Indicator",
    "LibraryEntry",
    "Measure",
    "Project",
    "ProjectSection",
    "SubGoal",
    "Unit",
    "Workspace",
    "open_workspace",
]
