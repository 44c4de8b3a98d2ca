"""How wide the Word file prints a project's indicator columns, for the grid editor to follow.

The grid takes its column proportions from the very widths the Word writer puts
in ``w:gridCol`` (``column_twips`` of the project's ``TablePlan``), so the screen
and the page share one rule (``perfdesk.layout.table_widths``).
"""

from __future__ import annotations

from perfdesk.export.docx.geometry import column_twips
from perfdesk.layout.grid_widths import indicator_widths
from perfdesk.layout.project_table import project_table
from perfdesk.models import Project


def printed_indicator_widths(project: Project) -> list[float]:
    """The six indicator columns' widths (twips) in the project's printed table."""
    return indicator_widths(column_twips(project_table(project.department, project, 1)))
