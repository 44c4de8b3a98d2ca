"""``write_xlsx``: one department-year as an Excel workbook in the official layout.

Sheets: 部门整体绩效目标 (第一部分), 项目汇总, one sheet per project laid out as the Word
table of ``perfdesk.layout.project_table`` (专项资金 first, as in print), and the very hidden
``perfdesk`` sheet from which the Excel reader restores what the print does not show. The
workbook is built in memory and written atomically.
"""

from __future__ import annotations

import io
import re
import zipfile
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
from perfdesk.export.xlsx.part_one import write_part_one
from perfdesk.export.xlsx.project_sheet import SheetData, write_project_sheet
from perfdesk.export.xlsx.sheet_names import SheetNames, project_prefix
from perfdesk.export.xlsx.styles import SheetStyles
from perfdesk.export.xlsx.summary import SummaryRow, write_summary
from perfdesk.interchange.xlsx_layout import META_SHEET, PART_ONE_SHEET, SUMMARY_SHEET
from perfdesk.layout import document_outline as outline
from perfdesk.layout.fonts import font_set
from perfdesk.layout.project_table import LayoutOptions, TablePlan, project_table
from perfdesk.models import Department, Project

TWIPS_PER_MM = 1440 / 25.4


def table_widths_mm(plan: TablePlan) -> tuple[float, ...]:
    """The grid's column widths: the ones the Word writer gives the same table, fitted to its text
    (``perfdesk.layout.table_widths``, one rule for Word and Excel)."""
    return tuple(twips / TWIPS_PER_MM for twips in column_twips(plan))


@dataclass
class BuiltWorkbook:
    """The workbook, and the ``<sheetData>`` of each project sheet, written as XML (``project_sheet``)."""

    workbook: Workbook
    sheet_data: dict[str, SheetData] = field(default_factory=dict)  # by sheet title

    def save(self, handle: BinaryIO) -> None:
        """openpyxl saves the workbook with empty project sheets; their cells go in on the way to ``handle``."""
        saved = io.BytesIO()
        self.workbook.save(saved)
        parts = {self.workbook[title].path.lstrip("/"): xml for title, xml in self.sheet_data.items()}
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                data = source.read(info)
                if info.filename in parts:
                    data = _with_sheet_data(data, parts[info.filename])
                out.writestr(info, data, zipfile.ZIP_DEFLATED)


_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(rb'<dimension ref="[A-Z0-9:]*"\s*/>')


def _with_sheet_data(sheet: bytes, data: SheetData) -> bytes:
    """The sheet's XML with its cells in place of the empty ``<sheetData>`` and its true dimension."""
    cells = data.xml.encode("utf-8")
    result, count = _EMPTY_SHEET_DATA.subn(lambda _empty: cells, sheet, count=1)
    if count != 1:
        raise LookupError("openpyxl wrote no empty <sheetData> to fill")
    dimension = f'<dimension ref="{data.dimension}"/>'.encode()
    return _DIMENSION.sub(lambda _old: dimension, result, count=1)


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
            ws = workbook.create_sheet(name)
            built.sheet_data[name] = write_project_sheet(ws, plan, table_widths_mm(plan), styles, options.percent_sign)
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
