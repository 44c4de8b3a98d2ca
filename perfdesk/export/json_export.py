"""Write departments as a perfdesk/1 JSON document.

A key whose value is empty (None, an empty list) is written only when the
source file had it (``kept_empty``); keys with a value are always written.
So importing a file and exporting it gives back the same keys and values,
and what a clerk created in the GUI comes out without null clutter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfdesk.domain.amounts import format_amount
from perfdesk.export.atomic import atomic_write
from perfdesk.interchange.json_schema import FORMAT_ID
from perfdesk.layout.options import layout_dict
from perfdesk.models import Base, Department, Indicator, Measure, Project, SubGoal, Unit


def document(departments: Iterable[Department]) -> dict[str, Any]:
    """The whole JSON document for these departments, in order."""
    return {"format": FORMAT_ID, "departments": [department_dict(d) for d in departments]}


def department_dict(dept: Department) -> dict[str, Any]:
    out = _Writer(dept)
    out.always("name", dept.name)
    out.always("fiscal_year", dept.fiscal_year)
    for key in ("title", "draft", "prepared_by", "reviewed_by", "framework"):
        out.optional(key, getattr(dept, key))
    out.optional("units", [_unit(u) for u in dept.units])
    out.always("overall_goal", dept.overall_goal)
    out.optional("sub_goals", [_sub_goal(g) for g in dept.sub_goals])
    out.optional("measures", [_measure(m) for m in dept.measures])
    if dept.has_special_funds or dept.special_funds:
        out.always("special_funds", [project_dict(p) for p in dept.special_funds])
    else:
        out.optional("special_funds", None)  # null in the source: no such part
    out.optional("projects", [project_dict(p) for p in dept.projects])
    out.always("layout", layout_dict(dept))
    return out.result


def project_dict(project: Project) -> dict[str, Any]:
    out = _Writer(project)
    out.always("code", project.code)
    out.always("name", project.name)
    out.optional("title", project.title)
    out.optional("unit", project.unit)
    out.always("budget", format_amount(project.budget))
    out.optional("fiscal_funds", _amount(project.fiscal_funds))
    out.optional("other_funds", _amount(project.other_funds))
    out.optional("purpose", project.purpose)
    plan = {
        month: _amount(value)
        for month, value in project.spending_plan.items()
        if value is not None or f"spending_plan.{month}" in out.kept
    }
    if plan or "spending_plan" in out.kept:
        out.always("spending_plan", plan)
    out.optional("goals", list(project.goals))
    out.optional("goal_style", project.goal_style)
    out.optional("indicators", [indicator_dict(i) for i in project.indicators])
    return out.result


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    out = _Writer(indicator)
    for key in ("level1", "level2", "name"):
        out.always(key, getattr(indicator, key))
    for key in ("description", "op", "value", "unit", "basis"):
        out.optional(key, getattr(indicator, key))
    return out.result


def _unit(unit: Unit) -> dict[str, Any]:
    out = _Writer(unit)
    out.optional("code", unit.code)
    out.always("name", unit.name)
    return out.result


def _sub_goal(goal: SubGoal) -> dict[str, Any]:
    out = _Writer(goal)
    out.always("title", goal.title)
    out.optional("goal", goal.goal)
    out.optional("indicators", list(goal.indicators))
    return out.result


def _measure(measure: Measure) -> dict[str, Any]:
    out = _Writer(measure)
    out.always("title", measure.title)
    out.optional("text", measure.text)
    return out.result


def write_json(departments: Iterable[Department], target: str | Path) -> Path:
    """Write the document atomically (UTF-8, readable Chinese, 2-space indent)."""
    text = json.dumps(document(departments), ensure_ascii=False, indent=2) + "\n"
    return atomic_write(Path(target), lambda handle: handle.write(text.encode("utf-8")))


class _Writer:
    """Collects one object's keys, leaving out empty values the source did not have."""

    def __init__(self, entity: Base) -> None:
        self.kept: list[str] = list(getattr(entity, "kept_empty", None) or [])
        self.result: dict[str, Any] = {}

    def always(self, key: str, value: Any) -> None:
        self.result[key] = value

    def optional(self, key: str, value: Any) -> None:
        if (value is not None and value != []) or key in self.kept:
            self.result[key] = value


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format_amount(value)
