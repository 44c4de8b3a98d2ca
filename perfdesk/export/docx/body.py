"""The document body after the 目录, streamed: each table is XML text written out as soon as it is built.

Nothing of a finished table stays in memory but its 目录 entry, so a bureau's
thousands of projects cost time in proportion and a constant amount of memory.
The page each entry starts on comes from ``pagination.Flow`` as the body is
written; the 目录 (written before the body in the file) is made from them last.
"""

from __future__ import annotations

from typing import BinaryIO

from perfdesk.export.docx import fragments as wml
from perfdesk.export.docx.geometry import SIZE_3, TEXT_WIDTH_PT
from perfdesk.export.docx.pagination import UNIT_LINE_PT, Flow, line_count, row_heights
from perfdesk.export.docx.project_table import TableRenderer, column_twips
from perfdesk.export.docx.styles import BODY_LINE_PT, ParagraphFormat, Typography
from perfdesk.export.docx.template import STYLE_ITEM, STYLE_PART, STYLE_SECTION, STYLE_TABLE_TITLE
from perfdesk.export.docx.toc import TocEntry
from perfdesk.layout import document_outline as outline
from perfdesk.layout.project_table import MONEY_UNIT, TablePlan, continued_parts
from perfdesk.layout.text import printable
from perfdesk.models import Department

PART_HEIGHT_PT = BODY_LINE_PT * 3  # two-line heading box plus one line after
CONTINUED = "续表"  # above the rest of a table on a continuation page
PART = ParagraphFormat(style=STYLE_PART)
SECTION = ParagraphFormat(style=STYLE_SECTION)
ITEM = ParagraphFormat(style=STYLE_ITEM)
TABLE_TITLE = ParagraphFormat(style=STYLE_TABLE_TITLE)
BODY_TEXT = ParagraphFormat(first_line_chars=2)


def unit_line_format(page_break: bool) -> ParagraphFormat:
    """The line above a table (or above its rest on a continuation page)."""
    return ParagraphFormat(
        line_pt=UNIT_LINE_PT,
        right_tab_pt=TEXT_WIDTH_PT - 1,
        keep_next=True,
        page_break_before=page_break,
        on_grid=False,
    )


class BodyWriter:
    """Writes body paragraphs and tables to ``sink`` (UTF-8), noting the 目录 entries and their pages."""

    def __init__(self, sink: BinaryIO, typo: Typography, flow: Flow) -> None:
        self.sink = sink
        self.typo = typo
        self.flow = flow
        self.entries: list[TocEntry] = []
        self._renderer = TableRenderer(typo.table)
        self._out: list[str] = []

    def flush(self) -> None:
        """Write out what has been built since the last flush."""
        self.sink.write("".join(self._out).encode())
        self._out.clear()

    def entry(self, level: int, text: str, page: int) -> None:
        self.entries.append(TocEntry(level, text, page))

    # --- prose ------------------------------------------------------------------------------------
    def part(self, part: outline.Part) -> None:
        """``第一部分`` over ``部门整体绩效目标`` on two lines, as the seeds print it; one line in the 目录."""
        font = self.typo.part
        self._out.append(
            wml.paragraph(PART, [wml.run(part.label, font), wml.line_break(font), wml.run(part.title, font)])
        )
        self.flow.new_page()
        self.entry(0, part.heading, self.flow.add(PART_HEIGHT_PT, keep_with=BODY_LINE_PT))

    def section(self, heading: str) -> None:
        self._out.append(wml.paragraph(SECTION, [wml.run(heading, self.typo.section)]))
        self.entry(1, heading, self.flow.add_text(heading, keep_next=True))

    def item(self, heading: str) -> None:
        self._out.append(wml.paragraph(ITEM, [wml.run(heading, self.typo.item)]))
        self.flow.add_text(heading, keep_next=True)

    def text(self, text: str, lead: str = "", lead_font: str = "body") -> None:
        """Body paragraphs (one per line of ``text``); ``lead`` opens the first one (``绩效目标：``)."""
        for i, line in enumerate(printable(text).split("\n") or [""]):
            runs = [wml.run(line, self.typo.body)] if line else []
            if i == 0 and lead:
                runs.insert(0, wml.run(lead, getattr(self.typo, lead_font)))
            self._out.append(wml.paragraph(BODY_TEXT, runs))
            self.flow.add_text((lead if i == 0 else "") + line)

    # --- tables -----------------------------------------------------------------------------------
    def table(self, plan: TablePlan) -> None:
        """Title, unit line and table; where it runs over a page, 续表 and the rest under the column header."""
        self._out.append(wml.paragraph(TABLE_TITLE, [wml.run(plan.heading, self.typo.table_title)]))
        self._unit_line(plan.unit_line)
        widths = column_twips(plan)
        heading_height = line_count(plan.heading, TEXT_WIDTH_PT, SIZE_3) * BODY_LINE_PT
        page, breaks = self.flow.add_table(heading_height, row_heights(plan.rows, widths), plan.header_index)
        self.entry(1, plan.heading, page)
        for i, rows in enumerate(continued_parts(plan, breaks)):
            if i:
                self._unit_line(CONTINUED, page_break=True)
            self._out.append(self._renderer.table(rows, widths))
        self.flush()

    def _unit_line(self, left: str, page_break: bool = False) -> None:
        """``315001 巨鹿县司法局本级`` (or 续表) on the left, ``单位：万元`` on the right, above a table."""
        font = self.typo.unit_line
        lead = [wml.run(left, font)] if left else []
        self._out.append(wml.paragraph(unit_line_format(page_break), [*lead, wml.tab(font), wml.run(MONEY_UNIT, font)]))


def section_body(dept: Department, writer: BodyWriter, kind: str) -> None:
    """The body of one section of 第一部分."""
    if kind == outline.OVERALL:
        writer.text(dept.overall_goal or "")
    elif kind == outline.SUB_GOALS:
        for n, sub in enumerate(dept.sub_goals, 1):
            writer.item(f"{outline.item_label(n)}{sub.title}")
            if sub.goal is not None:
                writer.text(sub.goal, lead=outline.GOAL_LABEL)
            for indicators in sub.indicators:
                writer.text(indicators, lead=outline.INDICATORS_LABEL)
    else:
        for n, measure in enumerate(dept.measures, 1):
            writer.text(measure.text or "", lead=f"{outline.item_label(n)}{measure.title}", lead_font="item")
