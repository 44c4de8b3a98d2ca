"""One project's 绩效目标表 as printed: heading, unit line and a grid of cells with spans.

Qt-free and format-free, so the Word and Excel writers print the same table.
The grid has ``GRID_COLUMNS`` columns (the header block needs seven: 预算数 |
x | 其中：财政资金 | y | 其他资金 | z after the label); the indicator rows use
six cells, 绩效指标描述 spanning two grid columns. A cell covers
``col_span`` × ``row_span`` grid slots; slots covered from a row above are not
listed again (a renderer emits its own continuation there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from perfdesk.domain.amounts import format_amount
from perfdesk.layout.indicator_table import COLUMNS, indicator_cells, indicator_merges
from perfdesk.models import Department, Project

GRID_COLUMNS = 7
#: One fixed set of widths (mm on A4 portrait, 156 mm text width), for a writer that cannot measure; the Word
#: writer sizes each table from its text instead (``perfdesk.layout.table_widths.table_column_widths``).
COLUMN_WIDTHS_MM: tuple[float, ...] = (19, 21, 32, 19, 23, 21, 21)
#: Where each of the six indicator cells sits in the grid: (first column, span).
INDICATOR_SLOTS: tuple[tuple[int, int], ...] = ((0, 1), (1, 1), (2, 1), (3, 2), (5, 1), (6, 1))
#: One alignment per indicator column: labels and values centred, 描述 and 依据 (sentences) flush left.
INDICATOR_ALIGN: tuple[str, ...] = ("center", "center", "center", "left", "center", "left")

CODE_LABEL = "项目编码"
BUDGET_LABEL = "预算规模及资金用途"
BUDGET_CELLS = ("预算数", "其中：财政资金", "其他资金")
PLAN_LABEL = "资金支出计划（%）"
PLAN_MONTHS = ("3", "6", "10", "12")
PLAN_SLOTS: tuple[tuple[int, int], ...] = ((1, 2), (3, 2), (5, 1), (6, 1))
GOALS_LABEL = "绩效目标"
MONEY_UNIT = "单位：万元"


@dataclass(frozen=True)
class Cell:
    """Text (lines separated by ``\\n``) over ``col_span`` × ``row_span`` grid slots."""

    text: str
    col: int
    col_span: int = 1
    row_span: int = 1
    label: bool = False  # a printed caption, not data
    align: str = "center"  # "center" (labels, codes, amounts, short values) or "left" (sentences)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False  # the column-header row, repeated at the top of each continuation page


@dataclass(frozen=True)
class TablePlan:
    heading: str
    unit_line: str  # ``315001 巨鹿县司法局本级`` or ""
    rows: tuple[Row, ...]

    @property
    def header_index(self) -> int:
        """The index of the column-header row (一级指标…指标值确定依据): the block is above, indicators below."""
        return next(i for i, row in enumerate(self.rows) if row.header)

    @property
    def header_count(self) -> int:
        """Rows up to and including the column header: the part of the table above the indicators."""
        return self.header_index + 1


@dataclass(frozen=True)
class LayoutOptions:
    """The per-department print options (perfdesk.layout.options) the tables use."""

    name_label: str = "项目名称"
    number_style: str = "."
    goal_style: str = "numbered"
    percent_sign: bool = True
    spending_plan: bool = True

    @classmethod
    def of(cls, dept: Department) -> LayoutOptions:
        return cls(
            dept.name_label or cls.name_label,
            dept.number_style or cls.number_style,
            dept.goal_style or cls.goal_style,
            bool(dept.percent_sign),
            dept.spending_plan is not False,
        )

    def for_project(self, project: Project) -> LayoutOptions:
        """These options with the project's own 绩效目标 style, where it sets one."""
        if project.goal_style and project.goal_style != self.goal_style:
            return replace(self, goal_style=project.goal_style)
        return self


def numbered(n: int, text: str, number_style: str) -> str:
    """``1、text`` or ``1.text``."""
    return f"{n}{number_style}{text}"


def table_heading(n: int, project: Project, options: LayoutOptions) -> str:
    """``N、{title or name}绩效目标表``."""
    return numbered(n, f"{project.effective_title}绩效目标表", options.number_style)


def unit_line(dept: Department, project: Project) -> str:
    """The budget unit left above the table (``315001 巨鹿县司法局本级``), or "" when none is set."""
    unit = dept.find_unit(project.unit)
    if unit is not None:
        return unit.label()
    return project.unit or ""


def plan_value(value: Decimal | None, percent_sign: bool) -> str:
    """A 资金支出计划 cell: ``25%`` or ``50.00`` as stored; blank when not given."""
    if value is None:
        return ""
    text = format_amount(value)
    return f"{text}%" if percent_sign else text


def goal_lines(goals: Sequence[str], options: LayoutOptions) -> list[str]:
    """The 绩效目标 lines in one cell: numbered when there are several, a single goal bare."""
    if len(goals) == 1:
        return [goals[0]]
    return [numbered(i, goal, options.number_style) for i, goal in enumerate(goals, 1)]


def _header_block(project: Project, options: LayoutOptions) -> list[Row]:
    rows = [
        Row(
            (
                Cell(CODE_LABEL, 0, label=True),
                Cell(project.code, 1, 2),
                Cell(options.name_label, 3, label=True),
                Cell(project.name, 4, 3),
            )
        )
    ]
    has_purpose = project.purpose is not None
    budget_cells = (
        (BUDGET_CELLS[0], project.budget),
        (BUDGET_CELLS[1], project.fiscal_funds),
        (BUDGET_CELLS[2], project.other_funds),
    )
    money: list[Cell] = [Cell(BUDGET_LABEL, 0, row_span=2 if has_purpose else 1, label=True)]
    for i, (caption, amount) in enumerate(budget_cells):
        money += [Cell(caption, 1 + 2 * i, label=True), Cell(format_amount(amount), 2 + 2 * i)]
    rows.append(Row(tuple(money)))
    if has_purpose:
        rows.append(Row((Cell(project.purpose or "", 1, GRID_COLUMNS - 1, align="left"),)))
    if options.spending_plan:
        rows += _plan_rows(project, options)
    rows += _goal_rows(project.goals, options)
    return rows


def _plan_rows(project: Project, options: LayoutOptions) -> list[Row]:
    """The two 资金支出计划 rows: the month captions and the cumulative percentages."""
    plan = project.spending_plan
    slots = list(zip(PLAN_MONTHS, PLAN_SLOTS, strict=True))
    captions = (Cell(f"{month}月底", col, span, label=True) for month, (col, span) in slots)
    values = (Cell(plan_value(plan[month], options.percent_sign), col, span) for month, (col, span) in slots)
    return [Row((Cell(PLAN_LABEL, 0, row_span=2, label=True), *captions)), Row(tuple(values))]


def _goal_rows(goals: Sequence[str], options: LayoutOptions) -> list[Row]:
    if options.goal_style != "rows" or not goals:
        text = "\n".join(goal_lines(goals, options))
        return [Row((Cell(GOALS_LABEL, 0, label=True), Cell(text, 1, GRID_COLUMNS - 1, align="left")))]
    rows = []
    for i, goal in enumerate(goals, 1):
        first = (Cell(GOALS_LABEL, 0, row_span=len(goals), label=True),) if i == 1 else ()
        rows.append(Row((*first, Cell(f"目标{i}", 1, label=True), Cell(goal, 2, GRID_COLUMNS - 2, align="left"))))
    return rows


def _indicator_rows(project: Project) -> list[Row]:
    indicators = list(project.indicators)
    spans = {(run.column, run.first): run.count for run in indicator_merges(indicators)}
    rows = []
    for r, indicator in enumerate(indicators):
        cells = []
        for c, (text, (col, width)) in enumerate(zip(indicator_cells(indicator), INDICATOR_SLOTS, strict=True)):
            if c < 2 and (c, r) not in spans:
                continue  # covered by the merge started above
            cells.append(Cell(text, col, width, spans.get((c, r), 1), label=c < 2, align=INDICATOR_ALIGN[c]))
        rows.append(Row(tuple(cells)))
    return rows


def project_table(dept: Department, project: Project, number: int, options: LayoutOptions | None = None) -> TablePlan:
    """The whole printed table of one project, numbered ``number`` within its part."""
    options = (options or LayoutOptions.of(dept)).for_project(project)
    block = _header_block(project, options)
    column_header = tuple(
        Cell(text, col, width, label=True) for text, (col, width) in zip(COLUMNS, INDICATOR_SLOTS, strict=True)
    )
    return TablePlan(
        table_heading(number, project, options),
        unit_line(dept, project),
        (*block, Row(column_header, header=True), *_indicator_rows(project)),
    )


def continued_parts(plan: TablePlan, starts: Sequence[int]) -> list[tuple[Row, ...]]:
    """The table's rows cut where continuation pages begin (``starts``: indices of indicator rows).

    Every part after the first opens with the column-header row, and a merged
    一级/二级 label that runs over a cut is printed again at the top of the new
    part (its merge split there), so no continuation page shows an empty label.
    """
    if not starts:
        return [plan.rows]
    bounds = [0, *starts, len(plan.rows)]
    header = plan.rows[plan.header_index]
    open_merges: dict[int, tuple[Cell, int]] = {}  # grid column → (cell, last row it covers)
    parts: list[tuple[Row, ...]] = []
    for first, end in pairwise(bounds):
        rows: list[Row] = [header] if first else []
        for r in range(first, end):
            cells = [
                replace(cell, row_span=min(last, end - 1) - r + 1)
                for col, (cell, last) in sorted(open_merges.items())
                if r == first and last >= r
            ]
            for cell in plan.rows[r].cells:
                last = r + cell.row_span - 1
                if cell.row_span > 1:
                    open_merges[cell.col] = (cell, last)
                cells.append(replace(cell, row_span=min(last, end - 1) - r + 1))
            rows.append(Row(tuple(sorted(cells, key=lambda cell: cell.col)), plan.rows[r].header))
        parts.append(tuple(rows))
    return parts
