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
    TEXT_WIDTH_TWIPS,
)
from perfdesk.layout.fonts import FontSet
from perfdesk.layout.fonts import font_set as font_set  # the Word writer imports it from here

BODY_LINE_PT = 28.95  # fixed line spacing: 22 lines fill the 225 mm 版心
CHARS_PER_LINE = 28  # GB/T 9704: 28 三号 characters a line
#: The document grid's character pitch (``w:charSpace``, ECMA-376 17.6.5): 1/28 of the text width
#: (TEXT_WIDTH_TWIPS) less the docDefaults font size (三号), in 1/4096 pt. Word's 文档网格 page writes this
#: line (-841.1 for 每行 28 字); rounded down, -842, so 28 cells never exceed the line.
CHAR_SPACE = math.floor((TEXT_WIDTH_TWIPS / 20 / CHARS_PER_LINE - SIZE_3) * 4096)
CHAR_PITCH_PT = SIZE_3 + CHAR_SPACE / 4096  # 15.794 pt
#: LibreOffice (7.4) cuts every line to 28 of its grid cells, whose pitch it rounds (through 1/100 mm) to about
#: 15.73 pt: measured, 28 characters of 15.75 pt do not fit its line, 28 of 15.7 pt do.
LIBREOFFICE_PITCH_LOSS_PT = 0.07
#: Character spacing of the body text (pt, whole twips): 28 三号 characters a line in Word (15.7 pt each, within
#: the 442.25 pt line) and in LibreOffice (within its 28 cells). The writer's paragraphs are off the character
#: grid (ParagraphFormat.on_grid), so these runs, not the grid, set the 28 characters in both.
BODY_SPACING_PT = math.floor((CHAR_PITCH_PT - LIBREOFFICE_PITCH_LOSS_PT - SIZE_3) * 20) / 20
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
    #: Snap to the document grid (``w:snapToGrid``). Off for every paragraph the writer makes: LibreOffice (7.4)
    #: breaks 三号 lines on the 15.79 pt character grid after 14 characters, while the runs' BODY_SPACING_PT gives
    #: 28 a line in Word and LibreOffice alike; the grid stays in the section for Word's page setup and for
    #: paragraphs a clerk adds (Normal is on the grid).
    on_grid: bool = False
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
