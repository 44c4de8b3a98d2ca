"""The look of the workbook: fonts from the department's font set, borders, number formats, sizes.

Style objects are made once per workbook and shared: openpyxl stores each distinct style
once, and building a new Font per cell costs more than the cell itself (1,000 sheets).
"""

from __future__ import annotations

import functools
import math
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.layout.column_widths import text_em, tokens
from perfdesk.layout.fonts import FontSet

TABLE_SIZE = 10.5  # 五号, as the Word table
TEXT_SIZE = 12.0  # the 第一部分 sheet: 小四, easier to read on screen than 三号
TITLE_SIZE = 14.0
LINE_PT = 14.0  # one line of 五号 text in a row (Excel's own single spacing is about 13.5)
ROW_PADDING_PT = 4.0
CELL_PADDING_PT = 4.0  # Excel's left plus right cell margin
#: Excel counts column widths in digits of the default font (Calibri 11: 7 px at 96 dpi).
PX_PER_WIDTH_UNIT = 7.0
PX_PER_MM = 96 / 25.4
PT_PER_MM = 72 / 25.4

_THIN = Side(style="thin", color="000000")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class SheetStyles:
    """The shared style objects of one workbook."""

    table: Font
    heading: Font
    text: Font
    title: Font
    centred: Alignment
    justified: Alignment
    left: Alignment
    right: Alignment
    #: Each combination of the objects above (by identity) and a number format, as openpyxl's style ids.
    _looks: dict[tuple[int, int, int, str], StyleArray] = field(default_factory=dict, compare=False)
    #: The same, as the index of the workbook's cell format (``s="…"`` of a cell written as XML).
    _ids: dict[tuple[int, int, int, str], int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, fonts: FontSet) -> SheetStyles:
        return cls(
            table=Font(name=fonts.table, size=TABLE_SIZE),
            heading=Font(name=fonts.heiti, size=TABLE_SIZE),
            text=Font(name=fonts.body, size=TEXT_SIZE),
            title=Font(name=fonts.heiti, size=TITLE_SIZE),
            centred=Alignment(horizontal="center", vertical="center", wrap_text=True),
            justified=Alignment(horizontal="left", vertical="center", wrap_text=True),
            left=Alignment(horizontal="left", vertical="center"),
            right=Alignment(horizontal="right", vertical="center"),
        )

    def apply(
        self,
        cell: Cell | MergedCell,
        font: Font,
        alignment: Alignment | None = None,
        border: Border | None = None,
        number_format: str | None = None,
    ) -> None:
        """Give ``cell`` this look. openpyxl hashes every style object on each assignment (a
        third of a 1,000-project export); here each combination is registered once and later
        cells take a copy of its style ids."""
        key = (id(font), id(alignment), id(border), number_format or "")
        look = self._looks.get(key)
        if look is not None:
            cell._style = copy(look)  # type: ignore[union-attr]  # the cell's style ids; not in the stubs
            return
        cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        self._looks[key] = copy(cell._style)  # type: ignore[union-attr]  # as above

    def style_id(
        self,
        ws: Worksheet,
        font: Font,
        alignment: Alignment | None = None,
        border: Border | None = None,
        number_format: str | None = None,
    ) -> int:
        """The workbook's cell format index for this look (registered the first time)."""
        key = (id(font), id(alignment), id(border), number_format or "")
        found = self._ids.get(key)
        if found is None:
            scratch = Cell(ws, row=1, column=1)  # never placed in the sheet: it only collects the style ids
            self.apply(scratch, font, alignment, border, number_format)
            found = self._ids[key] = scratch.style_id
        return found


def column_width(mm: float) -> float:
    """An Excel column width (digits of the default font) for ``mm`` millimetres."""
    return round(mm * PX_PER_MM / PX_PER_WIDTH_UNIT, 2)


def decimals(value: Decimal) -> int:
    """Digits after the point as stored (``14.00`` → 2, ``25`` → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def number_format(decimal_places: int, percent: bool = False) -> str:
    """``0.00``, ``0``, ``0%``, ``0.00%``: the Excel format showing that many decimals."""
    body = "0" + ("." + "0" * decimal_places if decimal_places else "")
    return body + ("%" if percent else "")


def amount_format(value: Decimal) -> str:
    """Two decimals, or more when more were typed (``0.125``): no digit is hidden."""
    return number_format(max(2, decimals(value)))


@functools.lru_cache(maxsize=4096)  # the same labels and values recur in every table
def wrapped_lines(text: str, width_pt: float, size_pt: float) -> int:
    """How many lines ``text`` takes in a cell ``width_pt`` wide, wrapping between ``tokens``."""
    per_line = max(1.0, (width_pt - CELL_PADDING_PT) / size_pt)
    count = 0
    for line in text.split("\n"):
        used, lines = 0.0, 1
        for piece in tokens(line):
            width = text_em(piece)
            if used and used + width > per_line + 1e-6:
                lines += 1
                used = 0.0
            used += width
            lines += max(0, math.ceil(used / per_line - 1e-9) - 1)
            used = used % per_line if used > per_line else used
        count += lines
    return max(1, count)


def row_height(lines: int, size_pt: float = TABLE_SIZE) -> float:
    """The height of a row whose tallest cell has ``lines`` lines of ``size_pt`` text."""
    return round(lines * LINE_PT * size_pt / TABLE_SIZE + ROW_PADDING_PT, 2)


def put(cell: Cell | MergedCell, value: object) -> None:
    """Store ``value``; text stays text even when it starts with ``=`` (``=100%`` is a value, not a formula)."""
    cell.value = value  # type: ignore[assignment]  # openpyxl takes any of its cell value types
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
