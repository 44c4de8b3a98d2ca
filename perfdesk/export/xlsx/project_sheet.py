"""One project's sheet: the ``TablePlan`` of ``perfdesk.layout.project_table``, cell for cell.

The same rows, spans and texts as the Word table; amounts and 资金支出计划 values are numbers
with a format that shows what Word prints (``14.00``, ``25%``). Above the table: the budget
unit left and ``单位：万元`` right; the table title goes into the print header, and the column
header row (一级指标 …) repeats on every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.xlsx.page import PageXml
from perfdesk.export.xlsx.styles import (
    BOX,
    PT_PER_MM,
    TABLE_SIZE,
    SheetStyles,
    amount_format,
    column_width,
    decimals,
    number_format,
    row_height,
    wrapped_lines,
)
from perfdesk.layout.indicator_table import COLUMNS
from perfdesk.layout.project_table import GRID_COLUMNS, MONEY_UNIT, Cell, TablePlan
from perfdesk.layout.text import printable

#: Rows above the table: the unit line.
TABLE_TOP = 2
SHEET_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _letter(col: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col]


def _value(cell: Cell, percent_sign: bool) -> tuple[object, str | None]:
    """The value Excel stores for a plan cell and its number format (None: text as it is)."""
    if cell.number is None:
        return (printable(cell.text) or None), None
    if not cell.percent:
        return cell.number, amount_format(cell.number)
    if percent_sign:
        return cell.number / 100, number_format(decimals(cell.number), percent=True)
    return cell.number, number_format(decimals(cell.number))


def _cell_xml(ref: str, style: int, value: object) -> str:
    """One ``<c>``: a number, an inline string (never a formula, whatever it starts with) or an empty styled slot."""
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, Decimal):
        return f'<c r="{ref}" s="{style}"><v>{format(value, "f")}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


@dataclass(frozen=True)
class ProjectSheet:
    """A project sheet written as XML, whole (``xml``: the ``<worksheet>`` part), and what the workbook
    says of it: its name, print area (``A1:G30``) and the row repeated on every page (0: none)."""

    title: str
    xml: str
    print_area: str
    title_row: int


def _cols_xml(widths_mm: Sequence[float]) -> str:
    # "%.16g" as openpyxl writes a float, so a width reads back as the same number.
    cols = "".join(
        f'<col width="{column_width(mm):.16g}" customWidth="1" min="{col}" max="{col}"/>'
        for col, mm in enumerate(widths_mm, 1)
    )
    return f"<cols>{cols}</cols>"


def project_sheet(
    title: str, plan: TablePlan, widths_mm: Sequence[float], styles: SheetStyles, percent_sign: bool, book: Worksheet
) -> ProjectSheet:
    """One project's sheet: columns, cells, merges and print setup, as the XML openpyxl would write.

    Written as text rather than as openpyxl cells and worksheets (which cost most of a 1,000-project
    export); ``book`` is any sheet of the workbook, through which the cell styles are registered.
    """
    last = _letter(GRID_COLUMNS - 1)
    merges = ["A1:D1", f"E1:{last}1"]
    out = [
        '<sheetData><row r="1">',
        _cell_xml("A1", styles.style_id(book, styles.table, styles.left), printable(plan.unit_line) or None),
        _cell_xml("E1", styles.style_id(book, styles.table, styles.right), MONEY_UNIT),
        "</row>",
    ]
    header_row = 0
    heights: dict[int, int] = {}
    anchors: dict[tuple[int, int], tuple[object, Alignment, str | None]] = {}
    for r, row in enumerate(plan.rows):
        excel_row = TABLE_TOP + r
        if row.header and row.cells and row.cells[0].text == COLUMNS[0] and row.cells[0].label:
            header_row = excel_row
        for cell in row.cells:
            value, fmt = _value(cell, percent_sign)
            text = printable(cell.text)
            alignment = styles.justified if cell.align == "left" else styles.centred  # as Word aligns it
            anchors[(excel_row, cell.col + 1)] = (value, alignment, fmt)
            if cell.col_span > 1 or cell.row_span > 1:
                end_row, end_col = excel_row + cell.row_span - 1, cell.col + cell.col_span
                merges.append(f"{_letter(cell.col)}{excel_row}:{_letter(end_col - 1)}{end_row}")
            if cell.row_span == 1 and text:
                width_pt = sum(widths_mm[cell.col : cell.col + cell.col_span]) * PT_PER_MM
                lines = wrapped_lines(text, width_pt, TABLE_SIZE)
                heights[excel_row] = max(heights.get(excel_row, 1), lines)
    last_row = TABLE_TOP + len(plan.rows) - 1
    for excel_row in range(TABLE_TOP, last_row + 1):
        # Excel grows no row for wrapped text, and its default height is cramped: every row has one.
        height = row_height(heights.get(excel_row, 1))
        out.append(f'<row r="{excel_row}" ht="{height}" customHeight="1">')
        for col in range(1, GRID_COLUMNS + 1):
            value, alignment, fmt = anchors.get((excel_row, col), (None, styles.centred, None))
            # Merged slots get the border too, so a merged block has its whole outline.
            style = styles.style_id(book, styles.table, alignment, BOX, fmt)
            out.append(_cell_xml(f"{_letter(col - 1)}{excel_row}", style, value))
        out.append("</row>")
    out.append("</sheetData>")
    area = f"A1:{last}{last_row}"
    frame = PageXml.frame()
    merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    xml = "".join(
        (
            f'<worksheet xmlns="{SHEET_MAIN}">',
            frame.top,
            f'<dimension ref="{area}"/>',
            frame.views,
            _cols_xml(widths_mm),
            *out,
            f'<mergeCells count="{len(merges)}">{merged}</mergeCells>',
            frame.tail,
            PageXml.header(plan.heading, styles),
            "</worksheet>",
        )
    )
    return ProjectSheet(title, xml, area, header_row)
