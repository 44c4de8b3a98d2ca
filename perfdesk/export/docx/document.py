"""``write_docx``: one department-year as a 部门预算绩效文本 in Word, in the order of the seeds.

Cover, 目录, 第一部分 (prose), optional 第二部分 专项资金 tables and the 预算项目
tables. The whole document is built in memory first and then written
atomically, so a failure leaves any older file untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from docx.document import Document
from lxml import etree

from perfdesk.errors import InputError, OutputError
from perfdesk.export.atomic import atomic_write
from perfdesk.export.docx.pagination import UNIT_LINE_PT, Flow, line_count, row_heights, toc_pages
from perfdesk.export.docx.project_table import TableRenderer, column_twips
from perfdesk.export.docx.properties import set_properties
from perfdesk.export.docx.styles import (
    BODY_LINE_PT,
    SIZE_2,
    SIZE_3,
    TEXT_WIDTH_PT,
    Font,
    ParagraphFormat,
    RunFactory,
    Typography,
    font_set,
    paragraph,
)
from perfdesk.export.docx.template import STYLE_ITEM, STYLE_PART, STYLE_SECTION, STYLE_TABLE_TITLE, new_document
from perfdesk.export.docx.toc import TITLE_HEIGHT_PT, TocEntry, toc_elements
from perfdesk.export.registry import ExportOptions, Progress
from perfdesk.layout import document_outline as outline
from perfdesk.layout import empty_parts as empty
from perfdesk.layout.project_table import MONEY_UNIT, LayoutOptions, TablePlan, continued_parts, project_table
from perfdesk.layout.text import printable
from perfdesk.models import Department

PART_HEIGHT_PT = BODY_LINE_PT * 3  # two-line heading box plus one line after
FIRST_BODY_PAGE = 2  # the cover is page 1
CONTINUED = "续表"  # above the rest of a table on a continuation page


@dataclass
class _Builder:
    """Collects body elements, the 目录 entries and the page each entry starts on."""

    typo: Typography
    flow: Flow
    runs: RunFactory = field(default_factory=RunFactory)
    body: list[etree._Element] = field(default_factory=list)
    entries: list[TocEntry] = field(default_factory=list)

    def entry(self, level: int, text: str, page: int) -> None:
        self.entries.append(TocEntry(level, text, page))

    # --- prose ------------------------------------------------------------------------------------
    def part(self, part: outline.Part) -> None:
        """``第一部分`` over ``部门整体绩效目标`` on two lines, as the seeds print it; one line in the 目录."""
        font = self.typo.part
        runs = [self.runs.run(part.label, font), self.runs.line_break(font), self.runs.run(part.title, font)]
        self.body.append(paragraph(ParagraphFormat(style=STYLE_PART), runs))
        self.flow.new_page()
        self.entry(0, part.heading, self.flow.add(PART_HEIGHT_PT, keep_with=BODY_LINE_PT))

    def section(self, heading: str) -> None:
        self.body.append(paragraph(ParagraphFormat(style=STYLE_SECTION), [self.runs.run(heading, self.typo.section)]))
        self.entry(1, heading, self.flow.add_text(heading, keep_next=True))

    def item(self, heading: str) -> None:
        self.body.append(paragraph(ParagraphFormat(style=STYLE_ITEM), [self.runs.run(heading, self.typo.item)]))
        self.flow.add_text(heading, keep_next=True)

    def text(self, text: str, lead: str = "", lead_font: str = "body") -> None:
        """Body paragraphs (one per line of ``text``); ``lead`` opens the first one (``绩效目标：``)."""
        for i, line in enumerate(printable(text).split("\n") or [""]):
            runs = [self.runs.run(line, self.typo.body)] if line else []
            if i == 0 and lead:
                runs.insert(0, self.runs.run(lead, getattr(self.typo, lead_font)))
            self.body.append(paragraph(ParagraphFormat(first_line_chars=2), runs))
            self.flow.add_text((lead if i == 0 else "") + line)

    # --- tables -----------------------------------------------------------------------------------
    def table(self, plan: TablePlan, renderer: TableRenderer) -> None:
        """Title, unit line and table; where it runs over a page, 续表 and the rest under the column header."""
        self.body.append(
            paragraph(ParagraphFormat(style=STYLE_TABLE_TITLE), [self.runs.run(plan.heading, self.typo.table_title)])
        )
        self.body.append(self._unit_line(plan.unit_line))
        widths = column_twips(plan)
        heading_height = line_count(plan.heading, TEXT_WIDTH_PT, SIZE_3) * BODY_LINE_PT
        page, breaks = self.flow.add_table(heading_height, row_heights(plan.rows, widths), plan.header_index)
        self.entry(1, plan.heading, page)
        for i, rows in enumerate(continued_parts(plan, breaks)):
            if i:
                self.body.append(self._unit_line(CONTINUED, page_break=True))
            self.body.append(renderer.table(rows, widths))

    def _unit_line(self, left: str, page_break: bool = False) -> etree._Element:
        """``315001 巨鹿县司法局本级`` (or 续表) on the left, ``单位：万元`` on the right, above a table."""
        font = self.typo.unit_line
        fmt = ParagraphFormat(
            line_pt=UNIT_LINE_PT,
            right_tab_pt=TEXT_WIDTH_PT - 1,
            keep_next=True,
            page_break_before=page_break,
            on_grid=False,
        )
        lead = [self.runs.run(left, font)] if left else []
        return paragraph(fmt, [*lead, self.runs.tab(font), self.runs.run(MONEY_UNIT, font)])


def _cover(dept: Department, builder: _Builder) -> list[etree._Element]:
    """Title (with （草案） on its own line) in the upper third, the 编制/审核 lines lower down."""
    runs, typo = builder.runs, builder.typo

    def centred(text: str, font: Font, line_pt: float, lines_before: int) -> etree._Element:
        fmt = ParagraphFormat(align="center", line_pt=line_pt, before_pt=BODY_LINE_PT * lines_before, on_grid=False)
        return paragraph(fmt, [runs.run(text, font)])

    title = [
        centred(text, typo.title, SIZE_2 * 1.8, 5 if i == 0 else 0)
        for i, text in enumerate(outline.cover_title_lines(dept, TEXT_WIDTH_PT / SIZE_2))
    ]
    lines = [
        centred(text, typo.body, BODY_LINE_PT, 7 if i == 0 else 0) for i, text in enumerate(outline.cover_lines(dept))
    ]
    return [*title, *lines]


def _section(dept: Department, builder: _Builder, kind: str) -> None:
    """The body of one section of 第一部分."""
    if kind == outline.OVERALL:
        builder.text(dept.overall_goal or "")
    elif kind == outline.SUB_GOALS:
        for n, sub in enumerate(dept.sub_goals, 1):
            builder.item(f"{outline.item_label(n)}{sub.title}")
            if sub.goal is not None:
                builder.text(sub.goal, lead=outline.GOAL_LABEL)
            for indicators in sub.indicators:
                builder.text(indicators, lead=outline.INDICATORS_LABEL)
    else:
        for n, measure in enumerate(dept.measures, 1):
            builder.text(measure.text or "", lead=f"{outline.item_label(n)}{measure.title}", lead_font="item")


def build_document(
    dept: Department,
    *,
    progress: Progress | None = None,
    font_set_name: str | None = None,
    options: ExportOptions | None = None,
    when: dt.datetime | None = None,
) -> Document:
    """The finished python-docx Document (not yet saved); ``when`` (default now) is its creation time."""
    options = options or ExportOptions()
    typo = Typography(font_set(font_set_name or dept.font_set))
    layout = LayoutOptions.of(dept)
    parts = outline.parts(dept, options.empty_parts)
    sections = outline.sections(dept, options.empty_parts)
    plans = [[project_table(dept, project, n, layout) for n, project in enumerate(part.projects, 1)] for part in parts]
    total = sum(len(p) for p in plans)

    # The 目录 length must be known before the body's page numbers: count its entries first.
    headings: list[tuple[int, str]] = []
    for part, part_plans in zip(parts, plans, strict=True):
        headings.append((0, part.heading))
        if part.title == outline.PART_ONE_TITLE:
            headings += [(1, section.heading) for section in sections]
        headings += [(1, plan.heading) for plan in part_plans]
    builder = _Builder(typo, Flow(FIRST_BODY_PAGE + toc_pages([*headings, (0, "")], TITLE_HEIGHT_PT)))

    renderer = TableRenderer(typo.table)
    done = 0
    for part, part_plans in zip(parts, plans, strict=True):
        builder.part(part)
        if part.title == outline.PART_ONE_TITLE:
            for section in sections:
                builder.section(section.heading)
                if section.empty:
                    builder.text(empty.NOTHING)
                else:
                    _section(dept, builder, section.kind)
        elif not part_plans:
            builder.text(empty.NOTHING)
        for plan in part_plans:
            builder.table(plan, renderer)
            done += 1
            if progress is not None:
                progress(done, total)

    document = new_document(typo, builder.runs)
    set_properties(
        document,
        title="".join(outline.cover_title_lines(dept)),
        author=dept.prepared_by or dept.name,
        when=when or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    body = document.element.body
    sect_pr = body[-1]
    for element in (
        *_cover(dept, builder),
        *toc_elements(builder.entries, builder.runs, typo.part, typo.toc),
        *builder.body,
        paragraph(ParagraphFormat(line_pt=2, on_grid=False)),
    ):
        sect_pr.addprevious(element)
    return document


def write_docx(
    departments: Sequence[Department],
    target: Path,
    *,
    progress: Progress | None = None,
    font_set: str | None = None,
    options: ExportOptions | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Write one department-year to ``target`` (.docx), atomically.

    Args:
        font_set: ``"gongwen"`` or ``"windows"``; overrides the department's ``font_set``.
        options: the clerk's choices for this export (what an empty part prints).
        when: the creation time the file states (default now); fixed by the golden-file tests.

    Raises:
        InputError: not exactly one department was given.
        OutputError: the target cannot be written (folder missing, a folder, locked).
    """
    if len(departments) != 1:
        raise InputError(f"Word 文件只能包含一个部门的一个年度，收到 {len(departments)} 个。")
    document = build_document(departments[0], progress=progress, font_set_name=font_set, options=options, when=when)

    def save(handle: BinaryIO) -> None:
        try:
            document.save(handle)
        except OSError as exc:  # disk full, network drive gone: the temporary file is removed
            raise OutputError(f"无法写入文件（{exc.strerror or exc}）。", str(target)) from exc

    return atomic_write(Path(target), save)
