"""GB/T 9704 typography for the Word export: font sets and run/paragraph builders (page geometry: ``geometry``).

Runs are built as raw OXML (lxml) rather than through python-docx's object
API: a 1,000-project export makes ~10^5 runs and the object layer costs
seconds. Every run names its font for ``w:eastAsia`` as well as the Latin
slots, because Word picks the East Asian slot for Chinese text.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

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
from perfdesk.layout.text import printable

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


def _el(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def half_points(size: float) -> str:
    return str(round(size * 2))


def twips(points: float) -> str:
    return str(round(points * 20))


def run_properties(font: Font) -> etree._Element:
    """``w:rPr`` naming the font in all four slots (ascii, hAnsi, eastAsia, cs)."""
    rpr = _el("w:rPr")
    _sub(rpr, "w:rFonts", ascii=font.name, hAnsi=font.name, eastAsia=font.name, cs=font.name)
    if font.bold:
        _sub(rpr, "w:b")
        _sub(rpr, "w:bCs")
    if font.spacing:
        _sub(rpr, "w:spacing", val=str(round(font.spacing * 20)))
    _sub(rpr, "w:sz", val=half_points(font.size))
    _sub(rpr, "w:szCs", val=half_points(font.size))
    return rpr


class RunFactory:
    """Builds runs, reusing one prepared ``w:rPr`` per font (deep copies are cheap)."""

    def __init__(self) -> None:
        self._rpr: dict[Font, etree._Element] = {}

    def rpr(self, font: Font) -> etree._Element:
        if font not in self._rpr:
            self._rpr[font] = run_properties(font)
        return copy.deepcopy(self._rpr[font])

    def run(self, text: str, font: Font) -> etree._Element:
        """A run with ``text`` kept exactly (spaces preserved)."""
        run = _el("w:r")
        run.append(self.rpr(font))
        t = _sub(run, "w:t")
        t.text = printable(text).replace("\n", " ")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return run

    def line_break(self, font: Font) -> etree._Element:
        """A manual line break (``w:br``) inside a paragraph."""
        run = _el("w:r")
        run.append(self.rpr(font))
        _sub(run, "w:br")
        return run

    def tab(self, font: Font) -> etree._Element:
        run = _el("w:r")
        run.append(self.rpr(font))
        _sub(run, "w:tab")
        return run

    def field_char(self, kind: str, font: Font) -> etree._Element:
        """``begin``, ``separate`` or ``end`` of a complex field."""
        run = _el("w:r")
        run.append(self.rpr(font))
        _sub(run, "w:fldChar", fldCharType=kind)
        return run

    def instruction(self, code: str, font: Font) -> etree._Element:
        run = _el("w:r")
        run.append(self.rpr(font))
        instr = _sub(run, "w:instrText")
        instr.text = f" {code} "
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return run


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


def paragraph(fmt: ParagraphFormat, runs: list[etree._Element] = ()) -> etree._Element:  # type: ignore[assignment]
    """A ``w:p`` with ``fmt`` and the given runs."""
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    if fmt.style:
        _sub(ppr, "w:pStyle", val=fmt.style)
    if fmt.keep_next:
        _sub(ppr, "w:keepNext")
    if fmt.page_break_before:
        _sub(ppr, "w:pageBreakBefore")
    _sub(ppr, "w:widowControl", val="0")
    if fmt.right_tab_pt is not None:
        tabs = _sub(ppr, "w:tabs")
        attrs = {"val": "right", "pos": twips(fmt.right_tab_pt)}
        if fmt.tab_leader:
            attrs["leader"] = fmt.tab_leader
        _sub(tabs, "w:tab", **attrs)
    if not fmt.cjk_latin_space:
        _sub(ppr, "w:autoSpaceDE", val="0")
        _sub(ppr, "w:autoSpaceDN", val="0")
    if not fmt.on_grid:
        _sub(ppr, "w:snapToGrid", val="0")
    spacing = {"before": twips(fmt.before_pt), "after": twips(fmt.after_pt)}
    if fmt.line_pt is not None:
        spacing.update(line=twips(fmt.line_pt), lineRule="exact")
    _sub(ppr, "w:spacing", **spacing)
    if fmt.first_line_chars:
        # Word reads firstLineChars; LibreOffice only firstLine (two 三号 characters).
        _sub(
            ppr, "w:ind", firstLineChars=str(fmt.first_line_chars * 100), firstLine=twips(fmt.first_line_chars * SIZE_3)
        )
    if fmt.align:
        _sub(ppr, "w:jc", val=fmt.align)
    for run in runs:
        p.append(run)
    return p


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
