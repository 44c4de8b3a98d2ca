"""Word documents made the way clerks make them, with python-docx's ordinary API.

A clerk types the cover and the headings as plain (bold) paragraphs, draws each
project table by hand, merges some cells and not others, leaves blank
paragraphs about, and lets Word split long tables at a page break. These helpers
build such documents from a perfdesk/1 project dict plus the variant wanted, so
the importer is tested on files we did not write ourselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.table import Table

from perfdesk.layout.indicator_table import COLUMNS as INDICATOR_COLUMNS
from tests.conftest import fixture_data

COLUMNS = 7
ALL_KEYS = ("level1", "level2", "name", "description", "value", "basis")
INDICATOR_CAPTIONS = {
    **dict(zip(ALL_KEYS, INDICATOR_COLUMNS, strict=True)),  # 一级指标 … 指标值确定依据
    "unit": "计量单位",  # some templates give the unit a column of its own
}


@dataclass
class TableStyle:
    """How one clerk drew one table."""

    code_label: str = "项目编码"
    name_label: str = "项目名称"
    plan_months: Sequence[str] | None = ("3", "6", "10", "12")  # None: no 资金支出计划 rows
    percent_sign: bool = True
    goal_rows: bool = False  # 目标1/目标2 rows instead of numbered lines
    number_style: str = "、"
    columns: Sequence[str] = ALL_KEYS
    merge_levels: bool = True  # merge 一级/二级 vertically; False: repeat the text on every row
    blank_levels: bool = False  # with merge_levels False: leave repeated 一级/二级 cells blank instead
    pad: str = ""  # spaces typed around every cell text
    repeat_header_at: int | None = None  # the column header typed again before this indicator row
    split_at: int | None = None  # Word split the table before this indicator row
    split_header: bool = True  # the second part starts with the column header again
    values: dict[int, str] = field(default_factory=dict)  # indicator row → 指标值 as typed
    plan_label: str = "资金支出计划（%）"
    goal_label: str = "绩效目标"
    goals_on_one_line: bool = False  # ``1、甲 2、乙`` typed on one line


class ClerkDocument:
    """A document typed paragraph by paragraph and table by table."""

    def __init__(self) -> None:
        self.doc: Document = docx.Document()

    def para(self, text: str = "", *, bold: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold = bold

    def cover(self, name: str, year: int, *, draft: bool = True, prepared: str = "", reviewed: str = "") -> None:
        self.para(name, bold=True)
        self.para(f"{name} {year} 年部门预算绩效文本" + (" (草案)" if draft else ""), bold=True)
        self.para()
        if prepared:
            self.para(f"{prepared}编制")
        if reviewed:
            self.para(f"{reviewed}审核")
        self.para("目 录")
        self.para("第一部分 部门整体绩效目标")
        self.para("总体绩效目标.....\t3")

    def run_in(self, lead: str, text: str) -> None:
        """A paragraph opening with a bold run-in heading (``（一）加强组织领导。``)."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(lead).bold = True
        paragraph.add_run(text)

    def part_one(self, data: dict[str, Any], *, item_style: str = "（一）") -> None:
        self.para("第一部分", bold=True)
        self.para("部门整体绩效目标", bold=True)
        self.para("一、总体绩效目标", bold=True)
        for line in data["overall_goal"].split("\n"):
            self.para(line)
            self.para()
        self.para("二、分项绩效目标", bold=True)
        for n, sub in enumerate(data.get("sub_goals") or [], 1):
            self.para(_item(n, item_style) + sub["title"], bold=True)
            if sub.get("goal") is not None:
                self.para("绩效目标：" + sub["goal"])
            for text in sub.get("indicators") or []:
                self.para("绩效指标: " + text)
        self.para("三、工作保障措施", bold=True)
        for n, measure in enumerate(data.get("measures") or [], 1):
            self.run_in(_item(n, item_style) + measure["title"], measure.get("text") or "")

    def part(self, label: str, title: str) -> None:
        self.para(f"{label} {title}", bold=True)

    def project(self, n: int, project: dict[str, Any], style: TableStyle, unit_line: str = "") -> None:
        self.para(f"{n}{style.number_style}{project.get('title') or project['name']}绩效目标表", bold=True)
        self.para(f"{unit_line} 单位：万元" if unit_line else "单位：万元")
        rows, merges = table_parts(project, style)
        split = style.split_at
        if split is None:
            _grid_table(self.doc, rows, merges, style.pad)
            return
        cut = _first_indicator_row(rows) + split
        header = [_column_header(style)] if style.split_header else []
        first = [m for m in merges if m[2] < cut]
        second = [(c, r0 - cut + len(header), r1 - cut + len(header)) for c, r0, r1 in merges if r0 >= cut]
        _grid_table(self.doc, rows[:cut], first, style.pad)
        self.para()  # Word keeps a paragraph between the two halves
        _grid_table(self.doc, header + rows[cut:], second, style.pad)

    def table(self, rows: list[Cells], merges: list[tuple[int, int, int]]) -> None:
        """A table drawn from ``table_parts`` (for documents whose title and unit line are typed apart)."""
        _grid_table(self.doc, rows, merges, "")

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def _item(n: int, style: str) -> str:
    digits = "一二三四五六七八九十"
    return f"（{digits[n - 1]}）" if style == "（一）" else f"{n}、"


Cells = list[tuple[str, int]]  # (text, grid columns spanned)


def _column_header(style: TableStyle) -> Cells:
    return _spread([INDICATOR_CAPTIONS[key] for key in style.columns])


def _spread(texts: list[str]) -> Cells:
    """Texts over the 7 grid columns: the widest column (描述, else the last) takes what is left."""
    spans = [1] * len(texts)
    wide = texts.index("绩效指标描述") if "绩效指标描述" in texts else len(texts) - 1
    spans[wide] += COLUMNS - len(texts)
    return list(zip(texts, spans, strict=True))


def _first_indicator_row(rows: list[Cells]) -> int:
    return next(i for i, row in enumerate(rows) if row and row[0][0] == "一级指标") + 1


def _amount(value: Any) -> str:
    return "" if value is None else str(value)


def table_parts(project: dict[str, Any], style: TableStyle) -> tuple[list[Cells], list[tuple[int, int, int]]]:
    """The rows (text, span) and the vertical merges (grid column, first row, last row)."""
    rows: list[Cells] = [
        [(style.code_label, 1), (project["code"], 2), (style.name_label, 1), (project["name"], 3)],
        [
            ("预算规模及资金用途", 1),
            ("预算数", 1),
            (_amount(project["budget"]), 1),
            ("其中：财政资金", 1),
            (_amount(project.get("fiscal_funds")), 1),
            ("其他资金", 1),
            (_amount(project.get("other_funds")), 1),
        ],
    ]
    merges: list[tuple[int, int, int]] = []
    if project.get("purpose") is not None:
        rows.append([("", 1), (project["purpose"], 6)])
        merges.append((0, 1, 2))
    if style.plan_months is not None:
        plan = project.get("spending_plan") or {}
        months = list(style.plan_months)
        rows.append([(style.plan_label, 1)] + [(f"{m} 月底", 1) for m in months])
        sign = "%" if style.percent_sign else ""
        rows.append([("", 1)] + [("" if plan.get(m) is None else f"{plan[m]}{sign}", 1) for m in months])
        merges.append((0, len(rows) - 2, len(rows) - 1))
        _fit(rows[-2])
        _fit(rows[-1])
    goals = project.get("goals") or []
    if style.goal_rows and goals:
        first = len(rows)
        for i, goal in enumerate(goals, 1):
            rows.append([(style.goal_label if i == 1 else "", 1), (f"目标 {i}", 1), (goal, 5)])
        if len(goals) > 1:
            merges.append((0, first, len(rows) - 1))
    else:
        lines = goals if len(goals) == 1 else [f"{i}{style.number_style}{g}" for i, g in enumerate(goals, 1)]
        rows.append([(style.goal_label, 1), (("  " if style.goals_on_one_line else "\n").join(lines), 6)])
    rows.append(_column_header(style))
    indicators = project.get("indicators") or []
    start = len(rows)
    for i, ind in enumerate(indicators):
        if style.repeat_header_at == i:
            rows.append(_column_header(style))
        cells = []
        for key in style.columns:
            if key == "value":
                unit = "" if "unit" in style.columns else ind.get("unit") or ""
                text = style.values.get(i, f"{ind.get('op') or ''}{ind.get('value') or ''}{unit}")
            else:
                text = ind.get(key) or ""
            if key in ("level1", "level2") and i > 0 and not style.merge_levels and style.blank_levels:
                same = indicators[i - 1]["level1"] == ind["level1"] and (
                    key == "level1" or indicators[i - 1]["level2"] == ind["level2"]
                )
                text = "" if same else text
            cells.append(text)
        rows.append(_spread(cells))
    if style.merge_levels:
        merges += _level_merges(rows, start)
    return rows, merges


def _fit(row: Cells) -> None:
    """Make a row span exactly the 7 grid columns (the last cell takes the rest)."""
    total = sum(span for _, span in row)
    text, span = row[-1]
    row[-1] = (text, span + COLUMNS - total)


def _level_merges(rows: list[Cells], start: int) -> list[tuple[int, int, int]]:
    merges = []
    for col in (0, 1):
        r = start
        while r < len(rows):
            if rows[r][0][0] == "一级指标":
                r += 1
                continue
            end = r
            key = tuple(rows[r][c][0] for c in range(col + 1))
            while (
                end + 1 < len(rows)
                and rows[end + 1][0][0] != "一级指标"
                and tuple(rows[end + 1][c][0] for c in range(col + 1)) == key
            ):
                end += 1
            if end > r:
                merges.append((col, r, end))
            r = end + 1
    return merges


def _grid_table(doc: Document, rows: list[Cells], merges: list[tuple[int, int, int]], pad: str) -> Table:
    table = doc.add_table(rows=len(rows), cols=COLUMNS)
    table.style = "Table Grid"
    starts: list[list[int]] = []
    for r, row in enumerate(rows):
        col, cols = 0, []
        for _text, span in row:
            if span > 1:
                table.cell(r, col).merge(table.cell(r, col + span - 1))
            cols.append(col)
            col += span
        starts.append(cols)
    covered = set()
    for col, first, last in merges:
        table.cell(first, col).merge(table.cell(last, col))
        covered |= {(r, col) for r in range(first + 1, last + 1)}
    for r, row in enumerate(rows):
        for (text, _span), col in zip(row, starts[r], strict=True):
            if (r, col) in covered:
                continue
            cell = table.cell(r, col)
            lines = text.split("\n")
            cell.text = f"{pad}{lines[0]}{pad}" if lines[0] else ""
            for line in lines[1:]:
                cell.add_paragraph(f"{pad}{line}{pad}")
    return table


JULU = fixture_data("2024")["departments"][0]


def julu_document(style: TableStyle | None = None, projects: list[dict[str, Any]] | None = None) -> ClerkDocument:
    """The 2024 seed as a clerk would type it (第一部分 items numbered 1、2、, tables drawn by hand)."""
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.part_one(JULU, item_style="1、")
    clerk.part("第二部分", "预算项目绩效目标")
    for n, project in enumerate(projects if projects is not None else JULU["projects"], 1):
        clerk.project(n, project, style or TableStyle(number_style="."), "315001 巨鹿县司法局本级")
    return clerk


def with_unknown_row(clerk: ClerkDocument) -> ClerkDocument:
    """The first table gets a row the importer does not know (``项目属性 | 经常性``) after its code row."""
    table = clerk.doc.tables[0]
    odd = table.add_row()
    odd.cells[0].text = "项目属性"
    odd.cells[1].text = "经常性"
    table.rows[1]._tr.addprevious(odd._tr)
    return clerk
