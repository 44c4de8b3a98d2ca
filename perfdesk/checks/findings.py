"""What a check reports: a ``Finding`` with its ``Severity`` and ``Location``.

Findings are plain frozen data with no ORM or Qt references, so a GUI panel
can receive them from a worker thread and map them back to a tree item or a
grid cell through ``project_id`` / ``indicator_id`` and the ORM ``field`` name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from perfdesk.models.kinds import LIST_WORDS, UNNAMED_PROJECT, Collection


class Severity(Enum):
    """错误 blocks a clean result (exit status 1); 警告 and 提示 never block export."""

    ERROR = ("error", "错误", 0)
    WARNING = ("warning", "警告", 1)
    INFO = ("info", "提示", 2)

    def __init__(self, json_name: str, label: str, rank: int) -> None:
        self.json_name = json_name
        self.label = label
        self.rank = rank


#: How a field is named in Chinese, by ORM attribute name. Indicator fields
#: share the keys ``name`` and ``value`` with projects; ``field_label`` tells them apart.
PROJECT_FIELD_LABELS: dict[str, str] = {
    "code": "项目编码",
    "name": "项目名称",
    "title": "表题（目录）名称",
    "unit": "预算单位",
    "budget": "预算数",
    "fiscal_funds": "财政资金",
    "other_funds": "其他资金",
    "purpose": "资金用途",
    "plan_3": "资金支出计划 3月底",
    "plan_6": "资金支出计划 6月底",
    "plan_10": "资金支出计划 10月底",
    "plan_12": "资金支出计划 12月底",
    "goals": "绩效目标",
    Collection.INDICATORS: LIST_WORDS[Collection.INDICATORS].title,
}
INDICATOR_FIELD_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "value": "指标值",
    "basis": "指标值确定依据",
}
DEPARTMENT_FIELD_LABELS: dict[str, str] = {
    "framework": "指标框架",
    "overall_goal": "总体绩效目标",
    Collection.SUB_GOALS: LIST_WORDS[Collection.SUB_GOALS].title,
    Collection.MEASURES: LIST_WORDS[Collection.MEASURES].title,
    Collection.PROJECTS: "全部项目",  # department-level findings on the projects are about all of them
}


@dataclass(frozen=True, slots=True)  # slots: a 1,000-project department has thousands of findings
class Location:
    """Where a finding is: department-level when ``project_index`` is None.

    Indices are 1-based positions as printed (a project's number within its
    section); ids are ORM primary keys (None for documents read from JSON).
    """

    department: str
    fiscal_year: int
    section: Collection | None = None  # PROJECTS or SPECIAL_FUNDS
    project_index: int | None = None
    project_code: str | None = None
    project_name: str | None = None
    project_id: int | None = None
    indicator_index: int | None = None
    indicator_id: int | None = None
    field: str | None = None

    def field_label(self) -> str:
        if self.field is None:
            return ""
        if self.indicator_index is not None:
            labels = INDICATOR_FIELD_LABELS
        elif self.project_index is not None:
            labels = PROJECT_FIELD_LABELS
        else:
            labels = DEPARTMENT_FIELD_LABELS
        return labels.get(self.field, self.field)

    def describe(self, name_width: int = 0) -> str:
        """``第3个项目「法律援助服务经费」第2行 指标值`` (the name cut to ``name_width`` when > 0)."""
        if self.project_index is None:
            return f"部门整体 {self.field_label()}".strip()
        kind = LIST_WORDS[Collection.SPECIAL_FUNDS].noun if self.section is Collection.SPECIAL_FUNDS else "项目"
        name = self.project_name or ""
        if name_width and len(name) > name_width:
            name = name[: name_width - 1] + "…"
        text = f"第{self.project_index}个{kind}" + (f"「{name}」" if name.strip() else UNNAMED_PROJECT)
        if self.indicator_index is not None:
            text += f"第{self.indicator_index}行"
        label = self.field_label()
        return f"{text} {label}" if label else text


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: the rule id, its severity, a plain-Chinese message and the place."""

    rule: str
    severity: Severity
    message: str
    location: Location

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        """The ``perfdesk check --format json`` record (keys fixed by the CLI contract)."""
        loc = self.location
        return {
            "rule": self.rule,
            "severity": self.severity.json_name,
            "department": loc.department,
            "fiscal_year": loc.fiscal_year,
            "project_index": loc.project_index,
            "project_code": loc.project_code,
            "indicator_index": loc.indicator_index,
            "field": loc.field,
            "message": self.message,
        }
