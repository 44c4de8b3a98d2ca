"""The 目录: a real TOC field whose result is already filled in.

Word shows the cached result until the user updates the field (F9), and
regenerates it from the heading styles then; ``w:updateFields`` is not set
because it makes Word ask a question on every open. Entries carry the
estimated page numbers from ``pagination``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from perfdesk.export.docx.styles import BODY_LINE_PT, Font, ParagraphFormat, RunFactory, paragraph
from perfdesk.export.docx.template import STYLE_TOC, TABLE_TITLE_STYLE_NAME

TOC_TITLE = "目\u3000\u3000录"
#: Headings 1–2 and the project table titles (level 2). \h links, \z hides numbers on the web, \u outline levels.
TOC_INSTRUCTION = f'TOC \\o "1-2" \\h \\z \\u \\t "{TABLE_TITLE_STYLE_NAME},2"'
TITLE_HEIGHT_PT = BODY_LINE_PT * 3  # two-line title plus one line after


@dataclass(frozen=True)
class TocEntry:
    level: int  # 0 for 第N部分, 1 for 一、… and the table titles
    text: str
    page: int = 0


def toc_elements(entries: list[TocEntry], runs: RunFactory, title_font: Font, font: Font) -> list[etree._Element]:
    """The title paragraph and the field: begin/instruction/separate in the first entry, end after the last."""
    title = paragraph(
        ParagraphFormat(
            align="center", line_pt=BODY_LINE_PT * 2, after_pt=BODY_LINE_PT, page_break_before=True, on_grid=False
        ),
        [runs.run(TOC_TITLE, title_font)],
    )
    paragraphs = [title]
    for i, entry in enumerate(entries):
        field_start = (
            [runs.field_char("begin", font), runs.instruction(TOC_INSTRUCTION, font), runs.field_char("separate", font)]
            if i == 0
            else []
        )
        paragraphs.append(
            paragraph(
                ParagraphFormat(style=STYLE_TOC[min(entry.level, 1)]),
                [
                    *field_start,
                    runs.run(entry.text, font),
                    runs.tab(font),
                    runs.run(str(entry.page), font),
                ],
            )
        )
    if not entries:  # an empty result still needs the field so Word can fill it
        paragraphs.append(
            paragraph(
                ParagraphFormat(style=STYLE_TOC[0]),
                [
                    runs.field_char("begin", font),
                    runs.instruction(TOC_INSTRUCTION, font),
                    runs.field_char("separate", font),
                ],
            )
        )
    paragraphs.append(paragraph(ParagraphFormat(style=STYLE_TOC[0]), [runs.field_char("end", font)]))
    return paragraphs
