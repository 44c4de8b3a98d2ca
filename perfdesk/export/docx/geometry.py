"""The Word file's page and table geometry, without python-docx.

The grid editor sizes its columns as the Word file prints them
(``perfdesk.services.printed_widths``), so the widths must be computable
without loading python-docx and lxml (a first project selection would pay for
that import). ``styles`` and ``project_table`` take these from here.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfdesk.layout.project_table import TablePlan
from perfdesk.layout.table_widths import table_column_widths

# --- page geometry (twips: 1 pt = 20 twips, 1 mm = 56.6929 twips) ---------------------------------
MM = 56.6929
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * 72 / 25.4  # 442.2 pt
TEXT_HEIGHT_PT = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * 72 / 25.4  # 637.8 pt
PAGE_NUMBER_GAP_MM = 7  # GB/T 9704 7.5: the page number's line sits 7 mm below the 版心

# --- sizes (pt) of the Chinese 字号 -------------------------------------------------------------
SIZE_2 = 22.0  # 二号: title
SIZE_3 = 16.0  # 三号: body and headings
SIZE_4 = 14.0  # 四号: page numbers, 目录 entries
SIZE_S4 = 12.0  # 小四: unit line
SIZE_5 = 10.5  # 五号: tables

CELL_MARGIN_PT = 4.0  # left and right padding inside table cells

# --- the project tables' grid -------------------------------------------------------------------
TABLE_WIDTH_TWIPS = round(TEXT_WIDTH_PT * 20)
GRID_LINE_PT = 0.5
#: What a cell adds to its text's width: both margins and the grid line. The table style turns off
#: the space Word and LibreOffice put between Chinese and digits (``10月底`` is three em, not 3¼).
CELL_CHROME_PT = 2 * CELL_MARGIN_PT + GRID_LINE_PT
CELL_PADDING_EM = CELL_CHROME_PT / SIZE_5


def column_twips(plan: TablePlan) -> list[int]:
    """The table's grid column widths in twips, summing exactly to the text width."""
    widths = table_column_widths(plan, TABLE_WIDTH_TWIPS / 20 / SIZE_5, padding=CELL_PADDING_EM)
    result = [round(em * SIZE_5 * 20) for em in widths]
    result[-1] += TABLE_WIDTH_TWIPS - sum(result)
    return result


def text_width_pt(widths: Sequence[int], col: int, span: int) -> float:
    """The room for text in a cell of ``span`` grid columns from ``col`` (margins taken off)."""
    return sum(widths[col : col + span]) / 20 - CELL_CHROME_PT
