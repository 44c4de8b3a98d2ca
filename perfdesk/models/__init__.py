"""Domain model and storage (SQLAlchemy, SQLite). No Qt here."""

from perfdesk.models.entities import (
    INDICATOR_FIELDS,
    SECTION_BUDGET,
    SECTION_SPECIAL,
    SPENDING_MONTHS,
    Base,
    Department,
    Indicator,
    Measure,
    Project,
    SubGoal,
    Unit,
)
from perfdesk.models.workspace import Workspace, open_workspace

__all__ = [
    "INDICATOR_FIELDS",
    "SECTION_BUDGET",
    "SECTION_SPECIAL",
    "SPENDING_MONTHS",
    "Base",
    "Department",
    "Indicator",
    "Measure",
    "Project",
    "SubGoal",
    "Unit",
    "Workspace",
    "open_workspace",
]
