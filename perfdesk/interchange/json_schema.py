"""The perfdesk/1 JSON format as data: which keys each object has and their types.

The validator walks a parsed document against these tables and stops at the
first problem with its exact place (``departments[0].projects[3].budget``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from perfdesk.domain.layout_choices import TEXT_CHOICES


class Kind(Enum):
    """The JSON type a key holds."""

    TEXT = "文本"
    INTEGER = "整数"
    BOOLEAN = "true 或 false"
    AMOUNT = '金额（如 "14.00"）'
    OPERATOR = "运算符 ≥ ≤ = > < 或 null"
    TEXT_LIST = "文本列表"
    OBJECT_LIST = "对象列表"
    SPENDING_PLAN = '资金支出计划对象（键 "3" "6" "10" "12"）'
    CHOICE = "以下之一"
    OBJECT = "对象 {…}"


@dataclass(frozen=True)
class Key:
    """One key of an object: its type, whether it must be there, whether null is allowed."""

    kind: Kind
    required: bool = False
    nullable: bool = True
    non_empty: bool = False
    items: str | None = None  # the object type of an OBJECT_LIST or OBJECT
    choices: tuple[str, ...] = ()  # the values a CHOICE may take


def _choice(name: str) -> Key:
    return Key(Kind.CHOICE, choices=TEXT_CHOICES[name])


def _req(kind: Kind, *, non_empty: bool = False) -> Key:
    return Key(kind, required=True, nullable=False, non_empty=non_empty)


SCHEMA: dict[str, dict[str, Key]] = {
    "document": {
        "format": _req(Kind.TEXT),
        "departments": Key(Kind.OBJECT_LIST, required=True, nullable=False, items="department"),
    },
    "department": {
        "name": _req(Kind.TEXT, non_empty=True),
        "fiscal_year": _req(Kind.INTEGER),
        "title": Key(Kind.TEXT),
        "draft": Key(Kind.BOOLEAN),
        "prepared_by": Key(Kind.TEXT),
        "reviewed_by": Key(Kind.TEXT),
        "framework": Key(Kind.TEXT),
        "units": Key(Kind.OBJECT_LIST, items="unit"),
        "overall_goal": _req(Kind.TEXT),
        "sub_goals": Key(Kind.OBJECT_LIST, items="sub_goal"),
        "measures": Key(Kind.OBJECT_LIST, items="measure"),
        "special_funds": Key(Kind.OBJECT_LIST, items="project"),
        "projects": Key(Kind.OBJECT_LIST, items="project"),
        "layout": Key(Kind.OBJECT, items="layout"),
    },
    "layout": {
        "name_label": _choice("name_label"),
        "number_style": _choice("number_style"),
        "goal_style": _choice("goal_style"),
        "percent_sign": Key(Kind.BOOLEAN),
        "spending_plan": Key(Kind.BOOLEAN),
        "font_set": _choice("font_set"),
    },
    "unit": {"code": Key(Kind.TEXT), "name": _req(Kind.TEXT, non_empty=True)},
    "sub_goal": {
        "title": _req(Kind.TEXT),
        "goal": Key(Kind.TEXT),
        "indicators": Key(Kind.TEXT_LIST),
    },
    "measure": {"title": _req(Kind.TEXT), "text": Key(Kind.TEXT)},
    "project": {
        "code": _req(Kind.TEXT),
        "name": _req(Kind.TEXT, non_empty=True),
        "title": Key(Kind.TEXT),
        "unit": Key(Kind.TEXT),
        "budget": _req(Kind.AMOUNT),
        "fiscal_funds": Key(Kind.AMOUNT),
        "other_funds": Key(Kind.AMOUNT),
        "purpose": Key(Kind.TEXT),
        "spending_plan": Key(Kind.SPENDING_PLAN),
        "goals": Key(Kind.TEXT_LIST),
        "goal_style": _choice("goal_style"),
        "indicators": Key(Kind.OBJECT_LIST, items="indicator"),
    },
    "indicator": {
        "level1": _req(Kind.TEXT, non_empty=True),
        "level2": _req(Kind.TEXT, non_empty=True),
        "name": _req(Kind.TEXT),
        "description": Key(Kind.TEXT),
        "op": Key(Kind.OPERATOR),
        "value": Key(Kind.TEXT),
        "unit": Key(Kind.TEXT),
        "basis": Key(Kind.TEXT),
    },
}

#: How each object type is named in messages.
OBJECT_NAMES = {
    "document": "文件顶层",
    "department": "部门",
    "layout": "版式",
    "unit": "预算单位",
    "sub_goal": "分项绩效目标",
    "measure": "工作保障措施",
    "project": "项目",
    "indicator": "指标",
}

FORMAT_ID = "perfdesk/1"
