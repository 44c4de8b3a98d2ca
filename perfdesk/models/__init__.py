"""Domain model and storage (SQLAlchemy, SQLite). No Qt here."""

from perfdesk.models.entities import (
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

__all__ = [
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
