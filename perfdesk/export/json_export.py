"""Write departments as a perfdesk/1 JSON document.

Optional keys are written when they hold a value (None means the key was not
given), so importing a file and exporting it gives back the same content.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfdesk.domain.amounts import format_amount
from perfdesk.export.atomic import atomic_write
from perfdesk.importers.json_schema import FORMAT_ID
from perfdesk.models import Department, Indicator, Project


def document(departments: Iterable[Department]) -> dict[str, Any]:
    """The whole JSON document for these departments, in order."""
    return {"format": FORMAT_ID, "departments": [department_dict(d) for d in departments]}


def department_dict(dept: Department) -> dict[str, Any]:
    result: dict[str, Any] = {"name": dept.name, "fiscal_year": dept.fiscal_year}
    _put(result, "title", dept.title)
    _put(result, "draft", dept.draft)
    _put(result, "prepared_by", dept.prepared_by)
    _put(result, "reviewed_by", dept.reviewed_by)
    _put(result, "framework", dept.framework)
    if dept.units:
        result["units"] = [_without_none({"code": u.code, "name": u.name}) for u in dept.units]
    result["overall_goal"] = dept.overall_goal
    if dept.sub_goals:
        result["sub_goals"] = [
            _without_none({"title": g.title, "goal": g.goal, "indicators": list(g.indicators)})
            for g in dept.sub_goals
        ]
    if dept.measures:
        result["measures"] = [_without_none({"title": m.title, "text": m.text}) for m in dept.measures]
    if dept.has_special_funds or dept.special_funds:
        result["special_funds"] = [project_dict(p) for p in dept.special_funds]
    result["projects"] = [project_dict(p) for p in dept.projects]
    return result


def project_dict(project: Project) -> dict[str, Any]:
    result: dict[str, Any] = {"code": project.code, "name": project.name}
    _put(result, "title", project.title)
    _put(result, "unit", project.unit)
    result["budget"] = format_amount(project.budget)
    result["fiscal_funds"] = _amount(project.fiscal_funds)
    result["other_funds"] = _amount(project.other_funds)
    _put(result, "purpose", project.purpose)
    result["spending_plan"] = {m: _amount(v) for m, v in project.spending_plan.items()}
    result["goals"] = list(project.goals)
    result["indicators"] = [indicator_dict(i) for i in project.indicators]
    return result


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    result: dict[str, Any] = {
        "level1": indicator.level1, "level2": indicator.level2, "name": indicator.name,
    }
    _put(result, "description", indicator.description)
    result["op"] = indicator.op
    _put(result, "value", indicator.value)
    result["unit"] = indicator.unit
    _put(result, "basis", indicator.basis)
    return result


def write_json(departments: Iterable[Department], target: str | Path) -> Path:
    """Write the document atomically (UTF-8, readable Chinese, 2-space indent)."""
    text = json.dumps(document(departments), ensure_ascii=False, indent=2) + "\n"
    return atomic_write(Path(target), lambda handle: handle.write(text.encode("utf-8")))


def _put(result: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        result[key] = value


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format_amount(value)


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
