"""The baseline Word writer: the same tables, written cell by cell through python-docx's public API.

This is how a first Word export is usually written (``table.cell(r, c).text = …``, ``merge``), and
what perfdesk's writer is compared with in ``python -m bench``. It writes only the project tables
(heading, unit line, grid with its merges), from the same printed layout (``perfdesk.layout``).

Run: ``.venv/bin/python -m bench.naive_docx WS.perfdesk OUT.docx``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument

from perfdesk.layout.project_table import GRID_COLUMNS, TablePlan, project_table
from perfdesk.models import Department, open_workspace


def _table(document: WordDocument, plan: TablePlan) -> None:
    document.add_paragraph(plan.heading)
    if plan.unit_line:
        document.add_paragraph(plan.unit_line)
    table = document.add_table(rows=len(plan.rows), cols=GRID_COLUMNS)
    for r, row in enumerate(plan.rows):
        for cell in row.cells:
            target = table.cell(r, cell.col)
            if cell.col_span > 1 or cell.row_span > 1:
                target = target.merge(table.cell(r + cell.row_span - 1, cell.col + cell.col_span - 1))
            target.text = cell.text


def write_naive(department: Department, target: Path) -> Path:
    """Every table of the department (special funds, then budget projects), one ``table.cell`` at a time."""
    document = Document()
    for projects in (department.special_funds, department.projects):
        for number, project in enumerate(projects, 1):
            _table(document, project_table(department, project, number))
    document.save(str(target))
    return target


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    with open_workspace(source, read_only=True) as workspace, workspace.session() as session:
        write_naive(workspace.departments(session)[0], target)


if __name__ == "__main__":
    main()
