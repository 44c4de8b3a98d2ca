"""Page-number estimates for the pre-filled 目录.

The 目录 must read right before anyone presses F9, but a writer cannot run
Word's layout engine. Everything here uses fixed line spacing, so a page is a
height budget: text is measured in em (full-width characters 1, ASCII ½),
wrapped to the column width, and stacked; tables are measured row by row.
Exact for the usual document, off by a page at worst when a paragraph lands
on a page edge.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from perfdesk.export.docx.geometry import SIZE_3, SIZE_4, SIZE_5, TEXT_HEIGHT_PT, TEXT_WIDTH_PT, text_width_pt
from perfdesk.export.docx.styles import BODY_LINE_PT, BODY_SPACING_PT, TABLE_LINE_PT, TOC_LINE_PT
from perfdesk.layout.column_widths import text_em
from perfdesk.layout.project_table import Cell, Row
from perfdesk.layout.table_widths import cell_height

ROW_BORDER_PT = 0.75
UNIT_LINE_PT = 20.0
#: Room kept free at the foot of each page a table runs over (one table line).
SAFETY_PT = TABLE_LINE_PT


def line_count(text: str, width_pt: float, size_pt: float, indent_em: float = 0, spacing_pt: float = 0) -> int:
    """Lines ``text`` wraps to in a column ``width_pt`` wide (at least one); ``spacing_pt`` condenses characters."""
    per_line = max(1, math.floor(width_pt / (size_pt + spacing_pt) + 1e-6))
    lines = 0
    for part in text.split("\n"):
        lines += max(1, math.ceil((text_em(part) + indent_em) / per_line - 1e-9))
    return lines


@lru_cache(maxsize=1 << 14)
def _cell_lines(cell: Cell, width: float) -> int:
    """``cell_height``, once per cell and width: captions recur in every table, many values in many rows."""
    return cell_height(cell, width)


def row_heights(rows: Sequence[Row], widths: Sequence[int]) -> list[float]:
    """Estimated height of each table row (cells of one row span only; merged labels are short)."""
    heights = []
    for row in rows:
        lines = max(
            (
                _cell_lines(cell, text_width_pt(widths, cell.col, cell.col_span) / SIZE_5)
                for cell in row.cells
                if cell.row_span == 1
            ),
            default=1,
        )
        heights.append(lines * TABLE_LINE_PT + ROW_BORDER_PT)
    return heights


class Flow:
    """Stacks blocks onto pages of ``TEXT_HEIGHT_PT`` and says on which page each begins."""

    def __init__(self, first_page: int) -> None:
        self.page = first_page
        self.used = 0.0
        self._fresh = True

    def new_page(self) -> int:
        if not self._fresh:
            self.page += 1
        self.used = 0.0
        self._fresh = True
        return self.page

    def add(self, height: float, keep_with: float = 0.0) -> int:
        """Place a block; ``keep_with`` is the height that must follow it on the same page."""
        if self.used + height + keep_with > TEXT_HEIGHT_PT + 0.01 and not self._fresh:
            self.page += 1
            self.used = 0.0
        start = self.page
        self.used += height
        self._fresh = False
        while self.used > TEXT_HEIGHT_PT + 0.01:  # a block longer than the room left runs over
            self.page += 1
            self.used -= TEXT_HEIGHT_PT
        return start

    def add_text(
        self,
        text: str,
        size: float = SIZE_3,
        indent_em: float = 2,
        line_pt: float = BODY_LINE_PT,
        keep_next: bool = False,
    ) -> int:
        """A paragraph; it breaks across pages line by line (no widow control), a heading moves whole."""
        lines = line_count(text, TEXT_WIDTH_PT, size, indent_em, BODY_SPACING_PT)
        if keep_next:
            return self.add(lines * line_pt, keep_with=line_pt)
        room = math.floor((TEXT_HEIGHT_PT - self.used) / line_pt + 1e-6)
        if room <= 0 and not self._fresh:
            self.page += 1
            self.used = 0.0
            room = math.floor(TEXT_HEIGHT_PT / line_pt + 1e-6)
        start = self.page
        self._fresh = False
        if lines <= room:
            self.used += lines * line_pt
            return start
        per_page = math.floor(TEXT_HEIGHT_PT / line_pt + 1e-6)
        rest = lines - room
        self.page += math.ceil(rest / per_page)
        self.used = (rest - (math.ceil(rest / per_page) - 1) * per_page) * line_pt
        return start

    def add_table(self, heading_height: float, heights: Sequence[float], header_index: int) -> tuple[int, list[int]]:
        """Heading, unit line and table, starting on a new page.

        Returns the heading's page and the rows that begin a continuation page
        (the table is cut there, under a 续表 line and the column-header row).
        Each page keeps ``SAFETY_PT`` spare, so a renderer whose lines wrap a
        little differently still fits every part on its page.
        """
        start = self.new_page()
        self.add(heading_height + UNIT_LINE_PT)
        room = TEXT_HEIGHT_PT - SAFETY_PT
        continued = UNIT_LINE_PT + heights[header_index]
        breaks: list[int] = []
        for i, height in enumerate(heights):
            if self.used + height > room + 0.01 and i > header_index + 1 and self.used > continued + 0.01:
                breaks.append(i)
                self.page += 1
                self.used = continued
            self.used += height
        while self.used > TEXT_HEIGHT_PT + 0.01:  # a block taller than a page runs over
            self.page += 1
            self.used -= TEXT_HEIGHT_PT
        return start, breaks


def toc_pages(entries: list[tuple[int, str]], title_height: float) -> int:
    """Pages the 目录 fills: title plus one line per entry (long titles wrap)."""
    height = title_height
    for level, text in entries:
        indent = 2 * level
        height += line_count(text + "…" * 3 + "999", TEXT_WIDTH_PT, SIZE_4, indent) * TOC_LINE_PT
    return max(1, math.ceil(height / TEXT_HEIGHT_PT - 1e-9))
