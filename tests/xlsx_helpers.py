"""Reading exported tables back as grids of anchored cells, for Word and Excel alike.

A grid maps each cell's top-left slot (row, column, 0-based within the table) to its text and
its spans; a slot covered by a merge has no entry. Word and Excel of the same project must give
the same grid (Excel's numbers compared as numbers: it shows ``20.00`` where Word prints ``20``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

from lxml import etree
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.xlsx.project_sheet import TABLE_TOP
from perfdesk.layout.project_table import GRID_COLUMNS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

Grid = dict[tuple[int, int], tuple[str, int, int]]  # (row, col) → (text, col_span, row_span)


def word_grid(tbl: etree._Element) -> Grid:
    """A Word table's grid from its XML: gridSpan across, vMerge restart/continue down."""
    grid: Grid = {}
    open_merges: dict[int, tuple[int, int]] = {}  # column → anchor (row, col) of a vertical merge
    for r, tr in enumerate(tbl.iter(f"{W}tr")):
        col = 0
        for tc in tr.iter(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val") or 1) if span_el is not None else 1
            merge_el = tc.find(f"{W}tcPr/{W}vMerge")
            merge = None if merge_el is None else (merge_el.get(f"{W}val") or "continue")
            if merge == "continue":
                anchor = open_merges[col]
                text, col_span, row_span = grid[anchor]
                grid[anchor] = (text, col_span, row_span + 1)
            else:
                text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p"))
                grid[(r, col)] = (text, span, 1)
                if merge == "restart":
                    open_merges[col] = (r, col)
                else:
                    open_merges.pop(col, None)
            col += span
    return grid


def word_tables(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return list(root.iter(f"{W}tbl"))


def word_grid_widths(tbl: etree._Element) -> list[int]:
    """The table's ``w:gridCol`` widths in twips."""
    return [int(col.get(f"{W}w") or 0) for col in tbl.iter(f"{W}gridCol")]


def shown(value: object, number_format: str) -> str:
    """What Excel shows for a value under the few formats perfdesk writes (0, 0.00, 0%, 0.00%)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    assert isinstance(value, (int, float)), value
    places = len(number_format.split(".")[1].rstrip("%")) if "." in number_format else 0
    number = Decimal(repr(value)) * (100 if number_format.endswith("%") else 1)
    return f"{number:.{places}f}" + ("%" if number_format.endswith("%") else "")


def excel_grid(ws: Worksheet, rows: int) -> Grid:
    """The grid of the table on an exported project sheet (``rows`` rows from ``TABLE_TOP``)."""
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_row < TABLE_TOP:
            continue
        anchor = (merged.min_row, merged.min_col)
        spans[anchor] = (merged.max_col - merged.min_col + 1, merged.max_row - merged.min_row + 1)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != anchor:
                    covered.add((r, c))
    grid: Grid = {}
    for r in range(TABLE_TOP, TABLE_TOP + rows):
        for c in range(1, GRID_COLUMNS + 1):
            if (r, c) in covered:
                continue
            cell = ws.cell(r, c)
            col_span, row_span = spans.get((r, c), (1, 1))
            grid[(r - TABLE_TOP, c - 1)] = (shown(cell.value, cell.number_format), col_span, row_span)
    return grid


def same_text(word: str, excel: str) -> bool:
    """Equal, or the same number (``20`` and ``20.00``; ``25%`` and ``25%``)."""
    if word == excel:
        return True
    try:
        return word.endswith("%") == excel.endswith("%") and Decimal(word.rstrip("%")) == Decimal(excel.rstrip("%"))
    except ArithmeticError:
        return False
