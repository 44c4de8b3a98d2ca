"""GB/T 9704 typography for the Word export: font sets, run and paragraph formats (page geometry: ``geometry``).

The XML of runs and paragraphs is written by ``perfdesk.export.docx.fragments``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from perfdesk.export.docx.geometry import (
    MARGIN_BOTTOM_MM,
    PAGE_NUMBER_GAP_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SIZE_S4,
    TEXT_WIDTH_PT,
)
from perfdesk.layout.fonts import FontSet
from perfdesk.layout.fonts import font_set as font_set  # the Word writer imports it from here

BODY_LINE_PT = 28.95  # fixed line spacing: 22 lines fill the 225 mm 版心
CHARS_PER_LINE = 28  # GB/T 9704: 28 三号 characters a line
#: Character spacing of the body text (pt, a quarter point below the exact fit): 28 三号 characters fill the
#: 156 mm line in Word, WPS and LibreOffice alike (a character grid does it in Word, but LibreOffice spreads
#: 16 pt text over two of the grid's 15.8 pt cells).
BODY_SPACING_PT = math.floor((TEXT_WIDTH_PT / CHARS_PER_LINE - SIZE_3) * 4) / 4
TOC_LINE_PT = 26.0
TABLE_LINE_PT = 15.0  # fixed, so row heights are predictable for the 目录 page numbers
#: The footer's distance from the page's foot: the page number's line (四号, exact) ends there, 7 mm under the 版心.
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - SIZE_4 * 25.4 / 72


@dataclass(frozen=True)
class Font:
    """A run's typeface, size (pt) and weight."""

    name: str
    size: float
    bold: bool = False
    spacing: float = 0.0  # character spacing (pt); negative condenses


def half_points(size: float) -> str:
    return str(round(size * 2))


def twips(points: float) -> str:
    return str(round(points * 20))


@dataclass(frozen=True)
class ParagraphFormat:
    """Paragraph properties written directly on a paragraph (style-independent look)."""

    style: str | None = None
    align: str | None = None  # left, center, right, both
    first_line_chars: int = 0  # indent in characters of the run's size
    line_pt: float | None = None  # exact line spacing
    before_pt: float = 0
    after_pt: float = 0
    page_break_before: bool = False
    keep_next: bool = False
    right_tab_pt: float | None = None  # a right-aligned tab stop
    tab_leader: str | None = None
    on_grid: bool = True  # snap to the document grid: body text only; other sizes would be spread to its pitch
    cjk_latin_space: bool = True  # the extra space between Chinese and Latin letters or digits


@dataclass(frozen=True)
class Typography:
    """The fonts of each kind of text, from one font set."""

    fonts: FontSet

    @property
    def title(self) -> Font:
        return Font(self.fonts.title, SIZE_2)

    @property
    def part(self) -> Font:
        return Font(self.fonts.title, SIZE_2)

    @property
    def body(self) -> Font:
        return Font(self.fonts.body, SIZE_3, spacing=BODY_SPACING_PT)

    @property
    def section(self) -> Font:
        return Font(self.fonts.heiti, SIZE_3, spacing=BODY_SPACING_PT)

    @property
    def item(self) -> Font:
        return Font(self.fonts.kaiti, SIZE_3, spacing=BODY_SPACING_PT)

    @property
    def table_title(self) -> Font:
        return Font(self.fonts.heiti, SIZE_3)

    @property
    def toc(self) -> Font:
        return Font(self.fonts.body, SIZE_4)

    @property
    def unit_line(self) -> Font:
        return Font(self.fonts.body, SIZE_S4)

    @property
    def table(self) -> Font:
        return Font(self.fonts.table, SIZE_5)

    @property
    def page_number(self) -> Font:
        return Font(self.fonts.page_number, SIZE_4)
