"""The 部门整体绩效目标 sheet: 第一部分 as rows of 部分 | 标题 | 类别 | 内容, wrapped.

One text per row so a clerk reads (and edits) it like the Word prose, and the reader
finds every text again: a sub-goal's rows share its merged 标题 cell.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.xlsx.page import set_page
from perfdesk.export.xlsx.styles import (
    BOX,
    PT_PER_MM,
    TEXT_SIZE,
    SheetStyles,
    column_width,
    put,
    row_height,
    wrapped_lines,
)
from perfdesk.interchange.xlsx_layout import (
    KIND_GOAL,
    KIND_INDICATORS,
    PART_MEASURE,
    PART_ONE_HEADER,
    PART_OVERALL,
    PART_SUB_GOAL,
)
from perfdesk.layout import document_outline as outline
from perfdesk.layout.text import printable
from perfdesk.models import Department

WIDTHS_MM = (24.0, 40.0, 20.0, 120.0)
FIRST_ROW = 3  # after the title and the header
TITLE_HEIGHT_PT = 36.0


def _rows(dept: Department) -> list[tuple[str, str, str, str | None]]:
    rows: list[tuple[str, str, str, str | None]] = [(PART_OVERALL, "", "", dept.overall_goal)]
    for sub in dept.sub_goals:
        rows.append((PART_SUB_GOAL, sub.title, KIND_GOAL, sub.goal))
        rows += [(PART_SUB_GOAL, sub.title, KIND_INDICATORS, text) for text in sub.indicators]
    rows += [(PART_MEASURE, m.title, "", m.text) for m in dept.measures]
    return rows


def write_part_one(ws: Worksheet, dept: Department, styles: SheetStyles) -> None:
    for col, mm in enumerate(WIDTHS_MM):
        ws.column_dimensions["ABCD"[col]].width = column_width(mm)
    ws.merge_cells("A1:D1")
    title = ws["A1"]
    put(title, printable(f"{dept.effective_title}\u3000{outline.PART_ONE_TITLE}"))
    title.font = styles.title
    title.alignment = styles.centred
    ws.row_dimensions[1].height = TITLE_HEIGHT_PT
    for col, caption in enumerate(PART_ONE_HEADER, 1):
        head = ws.cell(2, col, caption)
        head.font = styles.heading
        head.alignment = styles.centred
        head.border = BOX
    rows = _rows(dept)
    text_width = WIDTHS_MM[3] * PT_PER_MM
    for r, (part, title_text, kind, text) in enumerate(rows, FIRST_ROW):
        values = (part, printable(title_text), kind, printable(text) if text is not None else None)
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            put(cell, value or None)
            cell.font = styles.text
            cell.alignment = styles.justified if col in (2, 4) else styles.centred
            cell.border = BOX
        lines = max(wrapped_lines(values[3] or "", text_width, TEXT_SIZE), len(values[1]) // 8 + 1)
        ws.row_dimensions[r].height = row_height(lines, TEXT_SIZE)
    _merge_runs(ws, rows)
    last = FIRST_ROW + len(rows) - 1
    set_page(ws, outline.PART_ONE_TITLE, styles, f"A1:D{last}", repeat_row=2)


def _merge_runs(ws: Worksheet, rows: list[tuple[str, str, str, str | None]]) -> None:
    """Merge column A over each part and column B over each sub-goal's rows."""
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][0] != rows[start][0]:
            if i - start > 1:
                ws.merge_cells(start_row=FIRST_ROW + start, start_column=1, end_row=FIRST_ROW + i - 1, end_column=1)
            start = i
    start = 0
    for i in range(1, len(rows) + 1):
        new_goal = i == len(rows) or rows[i][0] != PART_SUB_GOAL or rows[i][2] == KIND_GOAL
        if new_goal:
            if rows[start][0] == PART_SUB_GOAL and i - start > 1:
                ws.merge_cells(start_row=FIRST_ROW + start, start_column=2, end_row=FIRST_ROW + i - 1, end_column=2)
            start = i
