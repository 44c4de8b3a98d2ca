"""复制为下一年度: a department-year copied into another year as that year's draft.

Everything is copied (第一部分, units, projects, indicators, layout); what a
clerk must enter again every year is cleared or moved: the copy is a draft
(草案), the 资金支出计划 percentages are blank, and dates in the indicators and
goals, and in 第一部分's 分项绩效目标 (``2024年12月31日前``), move by the years
rolled over; the 项目编码 stay (the new year's codes come from the bureau's system). Amounts stay as a
starting point, marked for review (``Project.amounts_to_review``, check R23)
until the clerk enters one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from perfdesk.errors import DepartmentExists, InputError
from perfdesk.models import SPENDING_MONTHS, Department, Project
from perfdesk.services.copying import clone
from perfdesk.services.editing import EditSession

#: A year that is part of a date (followed by a month, 年底/年末 or 年内), not of a document number.
_DATED_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?=\s*年\s*(?:[0-9]{1,2}\s*月|底|末|内|年底|上半年|下半年))")


def move_dates(text: str | None, from_year: int, to_year: int) -> str | None:
    """``2024年12月31日前`` → ``2025年12月31日前`` when rolling 2024 over to 2025.

    Only years of ``from_year`` or later move (a deadline); an earlier year is a
    past event (``2023年5月印发``) and stays, as do years not followed by a month.
    """
    if not text:
        return text
    shift = to_year - from_year

    def moved(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year + shift) if year >= from_year else match.group(1)

    return _DATED_YEAR.sub(moved, text)


def _roll_project(project: Project, from_year: int, to_year: int) -> None:
    project.amounts_to_review = True  # check R23 asks for them until one is entered
    project.set_spending_plan(dict.fromkeys(SPENDING_MONTHS))
    project.kept_empty = [key for key in project.kept_empty if not key.startswith("spending_plan")]
    project.goals = [move_dates(goal, from_year, to_year) or "" for goal in project.goals]
    for indicator in project.indicators:
        indicator.value = move_dates(indicator.value, from_year, to_year)
        indicator.description = move_dates(indicator.description, from_year, to_year)


def next_year_draft(department: Department, to_year: int, existing: Iterable[Department] = ()) -> Department:
    """A transient copy of ``department`` for ``to_year`` (see the module text for what changes).

    Raises:
        DepartmentExists: ``existing`` already has this department in ``to_year``.
        InputError: ``to_year`` is the department's own year.
    """
    from_year = department.fiscal_year
    if to_year == from_year:
        raise InputError(f"目标年度与原年度相同（{to_year}年），请选择另一个年度。")
    if any(d.name == department.name and d.fiscal_year == to_year for d in existing):
        raise DepartmentExists(f"{department.name} {to_year}年")
    copy = clone(department)
    copy.fiscal_year = to_year
    copy.draft = True
    if copy.title:
        copy.title = copy.title.replace(f"{from_year}年", f"{to_year}年")
    for project in [*copy.projects, *copy.special_funds]:
        _roll_project(project, from_year, to_year)
    for sub_goal in copy.sub_goals:  # 第一部分's 绩效指标 sentences carry deadlines too
        sub_goal.goal = move_dates(sub_goal.goal, from_year, to_year)
        sub_goal.indicators = [move_dates(text, from_year, to_year) or "" for text in sub_goal.indicators]
    return copy


@dataclass
class RolloverResult:
    source: str
    target: str


def roll_over(workspace_path: Path, name: str, from_year: int, to_year: int) -> RolloverResult:
    """Add ``name`` ``to_year`` to the workspace as a draft copied from ``from_year``, in one commit.

    Raises:
        InputError: the workspace has no such department-year; ``DepartmentExists`` when the
            target year is there already.
    """
    if not Path(workspace_path).is_file():
        raise InputError("找不到这个工作区文件。", str(workspace_path))
    edits = EditSession.open(Path(workspace_path))
    try:
        departments = edits.departments()
        source = next((d for d in departments if d.name == name and d.fiscal_year == from_year), None)
        if source is None:
            have = "、".join(d.label() for d in departments) or "（工作区是空的）"
            raise InputError(f"工作区中没有“{name} {from_year}年”。工作区中有：{have}。", str(workspace_path))
        draft = next_year_draft(source, to_year, departments)
        index = departments.index(source) + 1
        added = edits.add_department(draft, index)
        return RolloverResult(source.label(), added.label())
    finally:
        edits.close()
