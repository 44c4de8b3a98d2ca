"""Runs and paragraphs as WordprocessingML text, written exactly as lxml would serialise them.

The document body is streamed as text (``perfdesk.export.docx.body``): a 1,000-project
export makes ~10^5 runs, and building each as an lxml element costs seconds and hundreds
of megabytes. The template's styles and footers are built from the same fragments
(``parse``), so each paragraph and run property has one definition. Every run names its
font for ``w:eastAsia`` as well as the Latin slots, because Word picks the East Asian slot
for Chinese text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from xml.sax.saxutils import escape

from lxml import etree

from perfdesk.export.docx.geometry import SIZE_3
from perfdesk.export.docx.styles import BODY_SPACING_PT, Font, ParagraphFormat, half_points, twips
from perfdesk.layout.text import printable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def attr(value: str) -> str:
    """An attribute value escaped as lxml writes it."""
    return escape(value, _ATTRIBUTE)


def element(tag: str, attrs: Iterable[tuple[str, str]] = (), content: str = "") -> str:
    """``<w:tag w:key="value"…>content</w:tag>``, or the empty-element form lxml writes when there is no content."""
    head = f"<w:{tag}" + "".join(f' w:{key}="{attr(value)}"' for key, value in attrs)
    return f"{head}>{content}</w:{tag}>" if content else f"{head}/>"


def text(value: str, tag: str = "t") -> str:
    """``w:t`` (or ``w:instrText``) keeping ``value`` exactly, spaces included."""
    body = escape(value).replace("\r", "&#13;")
    return f'<w:{tag} xml:space="preserve">{body}</w:{tag}>' if body else f'<w:{tag} xml:space="preserve"/>'


@lru_cache(maxsize=64)
def run_properties(font: Font) -> str:
    """``w:rPr`` naming the font in all four slots (ascii, hAnsi, eastAsia, cs)."""
    name = attr(font.name)
    parts = [f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>']
    if font.bold:
        parts.append("<w:b/><w:bCs/>")
    if font.spacing:
        parts.append(f'<w:spacing w:val="{round(font.spacing * 20)}"/>')
    size = half_points(font.size)
    parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def run(value: str, font: Font) -> str:
    """A run of ``value`` on one line (a line break in it prints as a space)."""
    one_line = printable(value).replace("\n", " ")
    return f"<w:r>{run_properties(font)}{text(one_line)}</w:r>"


def line_break(font: Font) -> str:
    """A manual line break (``w:br``) inside a paragraph."""
    return f"<w:r>{run_properties(font)}<w:br/></w:r>"


def tab(font: Font) -> str:
    return f"<w:r>{run_properties(font)}<w:tab/></w:r>"


def field_char(kind: str, font: Font) -> str:
    """``begin``, ``separate`` or ``end`` of a complex field."""
    return f'<w:r>{run_properties(font)}<w:fldChar w:fldCharType="{kind}"/></w:r>'


def instruction(code: str, font: Font) -> str:
    return f"<w:r>{run_properties(font)}{text(f' {code} ', 'instrText')}</w:r>"


@lru_cache(maxsize=256)
def paragraph_properties(fmt: ParagraphFormat) -> str:
    """``w:pPr`` of ``fmt``, its children in the schema's order."""
    parts = []
    if fmt.style:
        parts.append(element("pStyle", [("val", fmt.style)]))
    if fmt.keep_next:
        parts.append("<w:keepNext/>")
    if fmt.page_break_before:
        parts.append("<w:pageBreakBefore/>")
    parts.append('<w:widowControl w:val="0"/>')
    if fmt.right_tab_pt is not None:
        stop = [("val", "right"), ("pos", twips(fmt.right_tab_pt))]
        if fmt.tab_leader:
            stop.append(("leader", fmt.tab_leader))
        parts.append(element("tabs", content=element("tab", stop)))
    if not fmt.cjk_latin_space:
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not fmt.on_grid:
        parts.append('<w:snapToGrid w:val="0"/>')
    spacing = [("before", twips(fmt.before_pt)), ("after", twips(fmt.after_pt))]
    if fmt.line_pt is not None:
        spacing += [("line", twips(fmt.line_pt)), ("lineRule", "exact")]
    parts.append(element("spacing", spacing))
    if fmt.first_line_chars:
        # Word reads firstLineChars; LibreOffice only firstLine: two body characters as the runs set them (15.7 pt),
        # so the first line's 26 characters fit LibreOffice's line, which the character grid cuts to 28 of them.
        indent = [
            ("firstLineChars", str(fmt.first_line_chars * 100)),
            ("firstLine", twips(fmt.first_line_chars * (SIZE_3 + BODY_SPACING_PT))),
        ]
        parts.append(element("ind", indent))
    if fmt.align:
        parts.append(element("jc", [("val", fmt.align)]))
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def paragraph(fmt: ParagraphFormat, runs: Iterable[str] = ()) -> str:
    """A ``w:p`` with ``fmt`` and the given runs."""
    return f"<w:p>{paragraph_properties(fmt)}{''.join(runs)}</w:p>"


def parse(fragment: str) -> etree._Element:
    """One fragment as an lxml element, for the template parts that python-docx prepares."""
    wrapper = etree.fromstring(f'<w:x xmlns:w="{W_NS}">{fragment}</w:x>')
    return wrapper[0]
