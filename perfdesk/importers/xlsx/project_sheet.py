"""Read one project sheet back into a perfdesk/1 project object (a dict, checked later by the JSON reader).

Rows are found by their captions in column A, not by position, so added or deleted rows
(an extra indicator, a blank row, a purpose row removed) read fine. Under a merged label a
cell is blank: a blank 一级/二级 indicator cell takes the label above, as the merge shows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfdesk.domain.amounts import format_amount
from perfdesk.domain.values import parse_value
from perfdesk.errors import InputError
from perfdesk.importers.xlsx.cells import HALF_WIDTH, CellValue
from perfdesk.layout.indicator_table import COL_BASIS, COL_DESCRIPTION, COL_NAME, COL_VALUE, COLUMNS
from perfdesk.layout.options import NAME_LABELS
from perfdesk.layout.project_table import (
    BUDGET_CELLS,
    BUDGET_LABEL,
    CODE_LABEL,
    GOALS_LABEL,
    GRID_COLUMNS,
    PLAN_LABEL,
    PLAN_MONTHS,
    PLAN_SLOTS,
    LayoutOptions,
    indicator_cells_of_grid_row,
    split_goal_lines,
)

AMOUNT_KEYS = ("budget", "fiscal_funds", "other_funds")
_GOAL_ROW = re.compile(r"目标\s*\d+")

Row = Sequence[CellValue]


@dataclass
class _Sheet:
    rows: Sequence[Row]
    name: str

    def first_text(self, row: Row, start: int, end: int = GRID_COLUMNS) -> str:
        """The first non-blank text in columns ``start``..``end - 1`` (a merge keeps it in the first)."""
        return next((text for cell in row[start:end] if (text := cell.text())), "")

    def find(self, caption: str, start: int = 0) -> int | None:
        return next((i for i in range(start, len(self.rows)) if self.rows[i][0].text() == caption), None)

    def need(self, caption: str, start: int = 0) -> int:
        found = self.find(caption, start)
        if found is None:
            raise InputError(f"找不到“{caption}”所在的行（第一列），这张表不是 perfdesk 的项目表样式。", self.name)
        return found


def is_project_sheet(rows: Sequence[Row]) -> bool:
    return any(row and row[0].text() == CODE_LABEL for row in rows)


def read_project(rows: Sequence[Row], sheet: str, options: LayoutOptions) -> dict[str, Any]:
    """The project's printed fields as perfdesk/1 JSON values.

    Raises:
        InputError: a caption row is missing or a cell cannot be read, naming the cell.
    """
    sheet_rows = _Sheet(rows, sheet)
    code_row = sheet_rows.rows[sheet_rows.need(CODE_LABEL)]
    name_at = next((i for i in (3, 2, 4) if code_row[i].text() in NAME_LABELS), 3)
    project: dict[str, Any] = {
        "code": sheet_rows.first_text(code_row, 1, name_at),
        "name": sheet_rows.first_text(code_row, name_at + 1),
    }
    if not project["name"]:
        raise InputError(f"{options.name_label}不能为空。", code_row[name_at + 1].where)

    budget_index = sheet_rows.need(BUDGET_LABEL)
    budget_row = rows[budget_index]
    for i, key in enumerate(AMOUNT_KEYS):
        cell = budget_row[2 + 2 * i]
        amount = cell.amount()
        if amount is None and key == "budget":
            raise InputError(f"{BUDGET_CELLS[0]}不能为空。", cell.where)
        if amount is not None:
            project[key] = format_amount(amount)
    header_index = sheet_rows.need(COLUMNS[0], budget_index)
    plan_index = sheet_rows.find(PLAN_LABEL, budget_index)  # none when the layout prints no 资金支出计划
    if plan_index is not None and plan_index > header_index:
        plan_index = None
    goals_index = sheet_rows.find(GOALS_LABEL, budget_index)
    if goals_index is not None and goals_index > header_index:
        goals_index = None
    after_budget = min(i for i in (plan_index, goals_index, header_index) if i is not None)
    if after_budget > budget_index + 1:  # the 资金用途 row under 预算规模及资金用途
        project["purpose"] = sheet_rows.first_text(rows[budget_index + 1], 1)
    if plan_index is not None and plan_index + 1 < header_index:
        values = rows[plan_index + 1]
        plan: dict[str, str] = {}
        for month, (col, _span) in zip(PLAN_MONTHS, PLAN_SLOTS, strict=True):
            amount = values[col].amount(percent=True)
            if amount is not None:
                plan[month] = format_amount(amount)
        if plan:
            project["spending_plan"] = plan
    goals = _goals(sheet_rows, goals_index if goals_index is not None else header_index, header_index, options)
    if goals:
        project["goals"] = goals
    indicators = _indicators(sheet_rows, header_index + 1)
    if indicators:
        project["indicators"] = indicators
    return project


def as_typed(project: dict[str, Any], typed: Any) -> None:
    """Give back each amount as typed before the export (``7.4``) when the cell still holds that
    number (Excel shows ``7.40``); ``typed`` maps ``budget`` … and ``plan.3`` … to the typed text."""
    if not isinstance(typed, dict):
        return
    plan = project.get("spending_plan", {})
    places = [(project, key, key) for key in AMOUNT_KEYS] + [(plan, month, f"plan.{month}") for month in plan]
    for holder, key, name in places:
        before = typed.get(name)
        if key in holder and isinstance(before, str) and _same_number(before, holder[key]):
            holder[key] = before


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except ArithmeticError:
        return False


def _goals(sheet: _Sheet, start: int, end: int, options: LayoutOptions) -> list[str]:
    goals: list[str] = []
    for row in sheet.rows[start:end]:
        if row[0].text() not in ("", GOALS_LABEL):
            continue
        label = row[1].text()
        if _GOAL_ROW.fullmatch(label):  # one 目标N row per goal
            text = sheet.first_text(row, 2)
            if text:
                goals.append(text)
        else:
            goals += split_goal_lines(sheet.first_text(row, 1), options)
    return goals


def _indicators(sheet: _Sheet, start: int) -> list[dict[str, Any]]:
    indicators: list[dict[str, Any]] = []
    above = ["", ""]
    for row in sheet.rows[start:]:
        texts = [cell.text() for cell in row[:GRID_COLUMNS]]
        if not any(texts):
            continue  # an extra blank row
        if texts[0] and texts[0] != above[0]:
            above = [texts[0], ""]  # a new 一级 group: its 二级 is not the one above
        for level in (0, 1):
            if texts[level]:
                above[level] = texts[level]
            elif not above[level]:
                raise InputError(f"{COLUMNS[level]}为空，上面也没有可以沿用的指标。", row[level].where)
        cells = indicator_cells_of_grid_row(texts)
        indicator: dict[str, Any] = {"level1": above[0], "level2": above[1], "name": cells[COL_NAME]}
        if cells[COL_DESCRIPTION]:
            indicator["description"] = cells[COL_DESCRIPTION]
        indicator.update(_value(cells[COL_VALUE]))
        if cells[COL_BASIS]:
            indicator["basis"] = cells[COL_BASIS]
        indicators.append(indicator)
    return indicators


def _value(text: str) -> dict[str, str]:
    """op / value / unit of a 指标值 cell; full-width digits count when they make it a number."""
    parsed = parse_value(text)
    if parsed.op is None and parsed.unit is None:
        half = parse_value(text.translate(HALF_WIDTH))
        if half.op is not None or half.unit is not None:
            parsed = half
    return {key: value for key, value in (("op", parsed.op), ("value", parsed.value), ("unit", parsed.unit)) if value}
