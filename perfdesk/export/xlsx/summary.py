"""The 项目汇总 sheet: one row per project, a 合计 row of Excel formulas, filter and frozen header.

Each project's code links to its sheet. 检查结果 are the counts the checks found when the
workbook was written (blank when the caller ran no checks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.xlsx.page import set_page
from perfdesk.export.xlsx.styles import (
    BOX,
    PT_PER_MM,
    TABLE_SIZE,
    SheetStyles,
    amount_format,
    column_width,
    decimals,
    number_format,
    put,
    row_height,
    wrapped_lines,
)
from perfdesk.interchange.xlsx_layout import SUMMARY_SHEET
from perfdesk.layout.project_table import unit_line
from perfdesk.layout.text import printable
from perfdesk.models import Department, Project

HEADER = (
    "序号",
    "单位",
    "项目编码",
    "项目名称",
    "预算数",
    "财政资金",
    "其他资金",
    "3月底",
    "6月底",
    "10月底",
    "12月底",
    "指标数",
    "错误",
    "警告",
)
WIDTHS_MM = (12.0, 40.0, 45.0, 60.0, 22.0, 22.0, 22.0, 16.0, 16.0, 16.0, 16.0, 14.0, 12.0, 12.0)
AMOUNT_COLUMNS = (5, 6, 7)
#: 项目编码 links to the project's sheet (not the name: LibreOffice does not wrap a linked cell).
LINK_COLUMN = 3
PLAN_COLUMNS = (8, 9, 10, 11)
TOTAL_LABEL = "合计"
#: Columns summed in the 合计 row: the amounts, the indicators and the check counts.
SUMMED = (*AMOUNT_COLUMNS, 12, 13, 14)


@dataclass(frozen=True)
class SummaryRow:
    project: Project
    sheet: str


def _letter(col: int) -> str:
    return HEADER_LETTERS[col - 1]


HEADER_LETTERS = "ABCDEFGHIJKLMN"


def write_summary(
    ws: Worksheet,
    dept: Department,
    rows: Sequence[SummaryRow],
    styles: SheetStyles,
    percent_sign: bool,
    checks: Mapping[int, tuple[int, int]] | None,
) -> None:
    for col, mm in enumerate(WIDTHS_MM, 1):
        ws.column_dimensions[_letter(col)].width = column_width(mm)
    for col, text in enumerate(HEADER, 1):
        head = ws.cell(1, col, text)
        head.font = styles.heading
        head.alignment = styles.centred
        head.border = BOX
    link = Font(name=styles.table.name, size=styles.table.size, color="0563C1", underline="single")
    for r, row in enumerate(rows, 2):
        project = row.project
        counts = checks.get(project.id) if checks is not None else None
        values: list[object] = [
            r - 1,
            printable(unit_line(dept, project)) or None,
            printable(project.code) or None,
            printable(project.name),
            project.budget,
            project.fiscal_funds,
            project.other_funds,
            *project.spending_plan.values(),
            len(project.indicators),
            *(counts if counts is not None else (None, None)),
        ]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            fmt = None
            if isinstance(value, Decimal) and col in PLAN_COLUMNS:
                cell.value = value / 100 if percent_sign else value
                fmt = number_format(decimals(value), percent=percent_sign)
            else:
                put(cell, value)
                if isinstance(value, Decimal):
                    fmt = amount_format(value)
            alignment = styles.justified if col in (2, 4) else styles.centred
            styles.apply(cell, link if col == LINK_COLUMN else styles.table, alignment, BOX, fmt)
        lines = max(
            wrapped_lines(str(values[col - 1] or ""), WIDTHS_MM[col - 1] * PT_PER_MM, TABLE_SIZE) for col in (2, 4)
        )
        if lines > 1:  # names wrap; Excel does not grow a row by itself
            ws.row_dimensions[r].height = row_height(lines)
        code = ws.cell(r, LINK_COLUMN)
        code.hyperlink = Hyperlink(ref=code.coordinate, location=f"'{row.sheet}'!A1")  # within the workbook
    total = len(rows) + 2
    label = ws.cell(total, 1, TOTAL_LABEL)
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=4)
    for col in range(1, len(HEADER) + 1):
        cell = ws.cell(total, col)
        cell.font = styles.heading
        cell.border = BOX
        cell.alignment = styles.centred
        if col in SUMMED and rows:
            letter = _letter(col)
            # SUBTOTAL(109, …) sums the rows the filter shows, so a filtered 单位 gets its own total.
            cell.value = f"=SUBTOTAL(109,{letter}2:{letter}{total - 1})"
            cell.number_format = "0.00" if col in AMOUNT_COLUMNS else "0"
    label.alignment = styles.centred
    last = _letter(len(HEADER))
    ws.auto_filter.ref = f"A1:{last}{max(total - 1, 1)}"
    ws.freeze_panes = "A2"
    set_page(ws, SUMMARY_SHEET, styles, f"A1:{last}{total}", repeat_row=1)
    ws.page_setup.orientation = "landscape"  # fourteen columns
