"""The very hidden ``perfdesk`` sheet: what the printed sheets do not show, as JSON per row.

Row 1 names the layout version. Then one ``department`` row (its perfdesk/1 JSON without the
texts and projects the other sheets show; its layout object included) and one ``project`` row per
project sheet (the sheet's name; the project's JSON without its printed fields, its section,
and each amount as typed, so an unchanged ``7.4`` does not come back as the ``7.40`` Excel shows).
"""

from __future__ import annotations

import json
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.domain.amounts import format_amount
from perfdesk.export.json_export import department_dict, project_dict
from perfdesk.interchange.xlsx_layout import META_DEPARTMENT, META_FORMAT, META_PROJECT
from perfdesk.layout.project_table import LayoutOptions
from perfdesk.models import Department, Project

#: Department keys another sheet shows (kept here only when empty: null or [] as in the source).
SHOWN_DEPARTMENT_KEYS = ("overall_goal", "sub_goals", "measures", "special_funds", "projects")
#: Project keys a project sheet shows.
SHOWN_PROJECT_KEYS = ("code", "name", "budget", "fiscal_funds", "other_funds", "purpose", "goals", "indicators")


def _hidden_part(data: dict[str, Any], shown: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in shown or value in (None, [], {})}


def department_meta(dept: Department) -> dict[str, Any]:
    return _hidden_part(department_dict(dept), SHOWN_DEPARTMENT_KEYS)  # with its ``layout`` object


def project_meta(project: Project, plan_printed: bool) -> dict[str, Any]:
    """The project's hidden data; its 资金支出计划 whole when the layout prints none (``plan_printed``)."""
    meta = _hidden_part(project_dict(project), SHOWN_PROJECT_KEYS)
    plan = meta.pop("spending_plan", None)
    if plan is not None and plan_printed:  # only the months kept empty: a value the clerk clears must not come back
        meta["spending_plan"] = {month: None for month, value in plan.items() if value is None}
    elif plan is not None:
        meta["spending_plan"] = plan
    typed = {
        key: format_amount(getattr(project, key))
        for key in ("budget", "fiscal_funds", "other_funds")
        if getattr(project, key) is not None
    }
    typed |= {
        f"plan.{month}": format_amount(value) for month, value in project.spending_plan.items() if value is not None
    }
    meta["typed"] = typed
    # Which optional indicator keys were null in the source, by row: they stay null (not left out).
    kept = [list(indicator.kept_empty or []) for indicator in project.indicators]
    if any(kept):
        meta["indicators_kept"] = kept
    meta["section"] = "special" if project.is_special() else "budget"
    meta["code"] = project.code  # finds this data again when a clerk renames the sheet
    return meta


def write_meta(ws: Worksheet, dept: Department, sheets: list[tuple[str, Project]]) -> None:
    ws.sheet_state = "veryHidden"
    ws.append([META_FORMAT])
    ws.append([META_DEPARTMENT, None, _json(department_meta(dept))])
    plan_printed = LayoutOptions.of(dept).spending_plan
    for name, project in sheets:
        ws.append([META_PROJECT, name, _json(project_meta(project, plan_printed))])


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
