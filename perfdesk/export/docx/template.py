"""The blank document every export starts from: styles, A4 page, footers with ``— N —``.

python-docx's default template carries theme fonts (``w:eastAsiaTheme``) and
10 pt spacing after paragraphs in its docDefaults; both are replaced, so the
look does not depend on Word's theme. Heading styles are real ``heading N``
styles so Word's 目录 update finds them.
"""

from __future__ import annotations

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from perfdesk.export.docx import fragments as wml
from perfdesk.export.docx.geometry import (
    CELL_MARGIN_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    TEXT_WIDTH_PT,
)
from perfdesk.export.docx.styles import (
    BODY_LINE_PT,
    CHAR_SPACE,
    FOOTER_DISTANCE_MM,
    TABLE_LINE_PT,
    TOC_LINE_PT,
    Font,
    ParagraphFormat,
    Typography,
    twips,
)

# Style ids used by the writer (names are Word's built-in ones where one exists).
STYLE_PART = "Heading1"  # 第一部分　部门整体绩效目标
STYLE_SECTION = "Heading2"  # 一、总体绩效目标
STYLE_ITEM = "Heading3"  # （一）…
STYLE_TABLE_TITLE = "PDTableTitle"  # N、…绩效目标表, listed in the 目录 at level 2
TABLE_TITLE_STYLE_NAME = "PD Table Title"
STYLE_TOC = ("TOC1", "TOC2")
STYLE_TABLE_TEXT = "PDTableText"  # cell paragraphs: 五号, fixed 15 pt lines


def _style(styles: etree._Element, style_id: str, name: str) -> etree._Element:
    """The paragraph style ``style_id``, created when the template lacks it, with pPr/rPr cleared."""
    style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if style is None:
        style = etree.SubElement(styles, qn("w:style"))
        style.set(qn("w:type"), "paragraph")
        style.set(qn("w:styleId"), style_id)
        for tag, value in (("w:name", name), ("w:basedOn", "Normal"), ("w:next", "Normal")):
            etree.SubElement(style, qn(tag)).set(qn("w:val"), value)
        etree.SubElement(style, qn("w:uiPriority")).set(qn("w:val"), "39")
        etree.SubElement(style, qn("w:qFormat"))
    for tag in ("w:pPr", "w:rPr"):
        for old in style.findall(qn(tag)):
            style.remove(old)
    return style


def _define(
    styles: etree._Element, style_id: str, name: str, fmt: ParagraphFormat, font: Font, outline: int | None = None
) -> etree._Element:
    """Define (or redefine) paragraph style ``style_id``; returns its new ``w:pPr``."""
    style = _style(styles, style_id, name)
    ppr = wml.parse(wml.paragraph_properties(fmt))
    if outline is not None:
        etree.SubElement(ppr, qn("w:outlineLvl")).set(qn("w:val"), str(outline))
    style.append(ppr)
    style.append(wml.parse(wml.run_properties(font)))
    return ppr


def _find(parent: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` below ``parent``, which python-docx's template is known to have."""
    found = parent.find(path)
    if found is None:
        raise LookupError(f"python-docx template lacks {path} in {parent.tag}")
    return found


def _doc_defaults(styles: etree._Element, typo: Typography) -> None:
    defaults = _find(styles, qn("w:docDefaults"))
    rpr = _find(defaults, f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    for child in list(wml.parse(wml.run_properties(Font(typo.body.name, typo.body.size)))):  # tables inherit these
        rpr.append(child)
    lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = _find(defaults, f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    spacing = etree.SubElement(ppr, qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def _table_margins(styles: etree._Element) -> None:
    """The default table style's cell margins are the writer's (LibreOffice reads the style's, not the table's)."""
    table_normal = _find(styles, f"{qn('w:style')}[@{qn('w:styleId')}='TableNormal']")
    margins = _find(table_normal, f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    for side in ("left", "right"):
        _find(margins, qn(f"w:{side}")).set(qn("w:w"), twips(CELL_MARGIN_PT))


def _styles(document: Document, typo: Typography) -> None:
    styles = document.styles.element
    _doc_defaults(styles, typo)
    _table_margins(styles)
    # Normal follows the document grid, as Word's own Normal does: a paragraph a clerk adds in Word gets its 28
    # characters from the grid. The writer's own paragraphs opt out (ParagraphFormat.on_grid, see styles.py).
    body = ParagraphFormat(line_pt=BODY_LINE_PT, align="both", on_grid=True)
    _define(styles, "Normal", "Normal", body, Font(typo.body.name, typo.body.size))  # runs condense themselves
    _define(
        styles,
        STYLE_PART,
        "heading 1",
        ParagraphFormat(
            align="center",
            line_pt=BODY_LINE_PT,
            after_pt=BODY_LINE_PT,
            page_break_before=True,
            keep_next=True,
            on_grid=False,
        ),
        typo.part,
        outline=0,
    )
    _define(
        styles,
        STYLE_SECTION,
        "heading 2",
        ParagraphFormat(line_pt=BODY_LINE_PT, first_line_chars=2, keep_next=True),
        typo.section,
        outline=1,
    )
    _define(
        styles,
        STYLE_ITEM,
        "heading 3",
        ParagraphFormat(line_pt=BODY_LINE_PT, first_line_chars=2, keep_next=True),
        typo.item,
        outline=2,
    )
    _define(
        styles,
        STYLE_TABLE_TITLE,
        TABLE_TITLE_STYLE_NAME,
        ParagraphFormat(
            align="center",
            line_pt=BODY_LINE_PT,
            page_break_before=True,
            keep_next=True,
        ),
        typo.table_title,
        outline=1,
    )
    # Table text is measured in em (perfdesk.layout.table_widths): no extra space between Chinese and digits.
    table_text = ParagraphFormat(line_pt=TABLE_LINE_PT, on_grid=False, cjk_latin_space=False)
    _define(styles, STYLE_TABLE_TEXT, "PD Table Text", table_text, typo.table)
    for level, style_id in enumerate(STYLE_TOC):
        toc_ppr = _define(
            styles,
            style_id,
            f"toc {level + 1}",
            ParagraphFormat(
                align="left",  # a long title's first line is not spread out to the margin
                line_pt=TOC_LINE_PT,
                right_tab_pt=TEXT_WIDTH_PT - 1,
                tab_leader="dot",
                on_grid=False,
            ),
            typo.toc,
        )
        indent = etree.Element(qn("w:ind"))
        _find(toc_ppr, qn("w:jc")).addprevious(indent)  # w:ind precedes w:jc in a w:pPr (ECMA-376 17.3.1.26)
        indent.set(qn("w:left"), str(level * 2 * 20 * 14))  # level 2 is indented two characters


def _page_number(font: Font, align: str) -> etree._Element:
    """``— N —`` with a PAGE field; odd pages right, even pages left (GB/T 9704 7.5)."""
    indent = "right" if align == "right" else "left"
    fmt = ParagraphFormat(style="Footer", align=align, line_pt=font.size, on_grid=False)
    p = wml.parse(
        wml.paragraph(
            fmt,
            [
                wml.run("— ", font),
                wml.field_char("begin", font),
                wml.instruction("PAGE", font),
                wml.field_char("separate", font),
                wml.run("1", font),
                wml.field_char("end", font),
                wml.run(" —", font),
            ],
        )
    )
    ind = etree.Element(qn("w:ind"))
    ind.set(qn(f"w:{indent}"), str(round(font.size * 20)))
    _find(p[0], qn("w:jc")).addprevious(ind)
    return p


def _document_grid(sect_pr: etree._Element) -> None:
    """GB/T 9704's 28 characters × 22 lines as Word's page setup writes them (文档网格: 指定行和字符网格).

    ``w:charSpace`` is the character pitch's difference from the default font size (三号) in 1/4096 pt
    (ECMA-376 17.6.5); rounded down so 28 pitches never exceed the text width.
    """
    grid = _find(sect_pr, qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), twips(BODY_LINE_PT))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _page_setup(document: Document, typo: Typography) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.header_distance = Mm(15)
    section.different_first_page_header_footer = True  # no number on the cover
    _document_grid(section._sectPr)
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        old = footer.paragraphs[0]._p
        old.addnext(_page_number(typo.page_number, align))
        old.getparent().remove(old)
    section.first_page_footer.is_linked_to_previous = False


def new_document(typo: Typography) -> Document:
    """An empty A4 document with the GB/T 9704 styles and page-number footers."""
    document = docx.Document()
    _styles(document, typo)
    _page_setup(document, typo)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the template's empty first paragraph
        body.remove(p)
    return document
