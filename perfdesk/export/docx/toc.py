"""The 目录: a real TOC field whose result is already filled in.

Word shows the cached result until the user updates the field (F9), and
regenerates it from the heading styles then; ``w:updateFields`` is not set
because it makes Word ask a question on every open. Entries carry the
estimated page numbers from ``pagination``.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.export.docx import fragments as wml
from perfdesk.export.docx.styles import BODY_LINE_PT, Font, ParagraphFormat
from perfdesk.export.docx.template import STYLE_TOC, TABLE_TITLE_STYLE_NAME

TOC_TITLE = "目\u3000\u3000录"
#: Headings 1–2 and the project table titles (level 2). \h links, \z hides numbers on the web, \u outline levels.
TOC_INSTRUCTION = f'TOC \\o "1-2" \\h \\z \\u \\t "{TABLE_TITLE_STYLE_NAME},2"'
TITLE_HEIGHT_PT = BODY_LINE_PT * 3  # two-line title plus one line after
TITLE_FORMAT = ParagraphFormat(
    align="center", line_pt=BODY_LINE_PT * 2, after_pt=BODY_LINE_PT, page_break_before=True, on_grid=False
)


@dataclass(frozen=True)
class TocEntry:
    level: int  # 0 for 第N部分, 1 for 一、… and the table titles
    text: str
    page: int = 0


def toc_xml(entries: list[TocEntry], title_font: Font, font: Font) -> str:
    """The title paragraph and the field: begin/instruction/separate in the first entry, end after the last."""
    field_start = [
        wml.field_char("begin", font),
        wml.instruction(TOC_INSTRUCTION, font),
        wml.field_char("separate", font),
    ]
    paragraphs = [wml.paragraph(TITLE_FORMAT, [wml.run(TOC_TITLE, title_font)])]
    for i, entry in enumerate(entries):
        runs = [wml.run(entry.text, font), wml.tab(font), wml.run(str(entry.page), font)]
        style = ParagraphFormat(style=STYLE_TOC[min(entry.level, 1)])
        paragraphs.append(wml.paragraph(style, [*field_start, *runs] if i == 0 else runs))
    if not entries:  # an empty result still needs the field so Word can fill it
        paragraphs.append(wml.paragraph(ParagraphFormat(style=STYLE_TOC[0]), field_start))
    paragraphs.append(wml.paragraph(ParagraphFormat(style=STYLE_TOC[0]), [wml.field_char("end", font)]))
    return "".join(paragraphs)
