"""``write_xlsx``: one department-year as an Excel workbook in the official layout.

Sheets: 部门整体绩效目标 (第一部分), 项目汇总, one sheet per project laid out as the Word
table of ``perfdesk.layout.project_table`` (专项资金 first, as in print), and the very hidden
``perfdesk`` sheet from which the Excel reader restores what the print does not show. The
workbook is built in memory and written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook

from perfdesk.errors import InputError
from perfdesk.export.atomic import atomic_write
from perfdesk.export.docx.project_table import column_twips
from perfdesk.export.registry import Progress
from perfdesk.export.xlsx.meta import write_meta
from perfdesk.export.xlsx.package import add_sheets
from perfdesk.export.xlsx.part_one import write_part_one
from perfdesk.export.xlsx.project_sheet import ProjectSheet, project_sheet
from perfdesk.export.xlsx.sheet_names import SheetNames, project_prefix
from perfdesk.export.xlsx.styles import SheetStyles
from perfdesk.export.xlsx.summary import SummaryRow, write_summary
from perfdesk.interchange.xlsx_layout import META_SHEET, PART_ONE_SHEET, SUMMARY_SHEET
from perfdesk.layout import document_outline as outline
from perfdesk.layout.fonts import font_set
from perfdesk.layout.project_table import LayoutOptions, TablePlan, project_table
from perfdesk.models import Department, Project

TWIPS_PER_MM = 1440 / 25.4
#: The project sheets' place in the tabs: after 第一部分 and 项目汇总.
PROJECTS_AT = 2


def table_widths_mm(plan: TablePlan) -> tuple[float, ...]:
    """The grid's column widths: the ones the Word writer gives the same table, fitted to its text
    (``perfdesk.layout.table_widths``, one rule for Word and Excel)."""
    return tuple(twips / TWIPS_PER_MM for twips in column_twips(plan))


@dataclass
class BuiltWorkbook:
    """The workbook openpyxl builds (第一部分, 项目汇总, the hidden sheet) and the project sheets written
    as XML (``project_sheet``), which go in between when it is saved."""

    workbook: Workbook
    project_sheets: list[ProjectSheet] = field(default_factory=list)

    def save(self, handle: BinaryIO) -> None:
        saved = io.BytesIO()
        self.workbook.save(saved)
        add_sheets(saved, handle, self.project_sheets, position=PROJECTS_AT)


def build_workbook(
    dept: Department, *, progress: Progress | None = None, checks: Mapping[int, tuple[int, int]] | None = None
) -> BuiltWorkbook:
    """The finished workbook (not yet saved)."""
    styles = SheetStyles.of(font_set(dept.font_set))
    options = LayoutOptions.of(dept)
    workbook = Workbook()
    built = BuiltWorkbook(workbook)
    part_one = workbook.active
    assert part_one is not None  # a new Workbook has one sheet
    part_one.title = PART_ONE_SHEET
    write_part_one(part_one, dept, styles)
    summary = workbook.create_sheet(SUMMARY_SHEET)

    names = SheetNames([PART_ONE_SHEET, SUMMARY_SHEET, META_SHEET])
    sheets: list[tuple[str, Project]] = []
    projects = [project for part in outline.parts(dept) for project in part.projects]
    total = len(projects)
    for part in outline.parts(dept)[1:]:
        for number, project in enumerate(part.projects, 1):
            plan = project_table(dept, project, number, options)
            name = names.name(project_prefix(number, project.is_special(), options.number_style), project.name)
            sheet = project_sheet(name, plan, table_widths_mm(plan), styles, options.percent_sign, summary)
            built.project_sheets.append(sheet)
            sheets.append((name, project))
            if progress is not None:
                progress(len(sheets), total)
    write_summary(summary, dept, [SummaryRow(p, name) for name, p in sheets], styles, options.percent_sign, checks)
    write_meta(workbook.create_sheet(META_SHEET), dept, sheets)
    return built


def write_xlsx(
    departments: Sequence[Department],
    target: Path,
    *,
    progress: Progress | None = None,
    checks: Mapping[int, tuple[int, int]] | None = None,
) -> Path:
    """Write one department-year to ``target`` (.xlsx), atomically.

    Args:
        checks: each project's (errors, warnings) by project id, for 项目汇总's 检查结果.

    Raises:
        InputError: not exactly one department was given.
        OutputError: the target cannot be written (folder missing, a folder, locked).
    """
    if len(departments) != 1:
        raise InputError(f"Excel 文件只能包含一个部门的一个年度，收到 {len(departments)} 个。")
    workbook = build_workbook(departments[0], progress=progress, checks=checks)

    return atomic_write(Path(target), workbook.save)  # an OSError (disk full) becomes an OutputError there
