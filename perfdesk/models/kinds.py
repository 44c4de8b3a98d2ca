"""The names the model shares with code that needs no database: the ordered lists, project sections, field names.

Kept free of SQLAlchemy so that ``perfdesk check`` and the snapshots it reads (``perfdesk.models.snapshot``)
import no ORM; ``perfdesk.models.entities`` re-exports the field names and enums, ``perfdesk.models.lists``
builds its list descriptions from ``LIST_WORDS``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

#: A project's money fields; editing any of them is reviewing last year's amounts.
AMOUNT_FIELDS: tuple[str, ...] = ("budget", "fiscal_funds", "other_funds")
#: The 资金支出计划 checkpoints (end of month), as the JSON keys name them.
SPENDING_MONTHS: tuple[str, ...] = ("3", "6", "10", "12")


class Collection(StrEnum):
    """The ordered child lists, named as the ORM attributes (and the JSON keys) that hold them."""

    UNITS = "units"  # Department
    SUB_GOALS = "sub_goals"  # Department
    MEASURES = "measures"  # Department
    SPECIAL_FUNDS = "special_funds"  # Department: 专项资金
    PROJECTS = "projects"  # Department: 预算项目
    INDICATORS = "indicators"  # Project


class ProjectSection(StrEnum):
    """Which list of its department a project is in, as stored in ``project.section``."""

    BUDGET = "budget"  # Department.projects
    SPECIAL = "special"  # Department.special_funds


#: An indicator row's text fields, in the printed order.
INDICATOR_FIELDS: tuple[str, ...] = (
    "level1",
    "level2",
    "name",
    "description",
    "op",
    "value",
    "unit",
    "basis",
)


class Words(NamedTuple):
    """How an ordered list is said: one item as menus say it (``添加分项目标``), the whole list as titles do."""

    noun: str
    title: str


#: The Chinese words of each ordered list (``perfdesk.models.lists`` describes the lists with them).
LIST_WORDS: dict[Collection, Words] = {
    Collection.UNITS: Words("单位", "预算单位"),
    Collection.SUB_GOALS: Words("分项目标", "分项绩效目标"),
    Collection.MEASURES: Words("保障措施", "工作保障措施"),
    Collection.SPECIAL_FUNDS: Words("专项资金", "专项资金"),
    Collection.PROJECTS: Words("预算项目", "预算项目"),
    Collection.INDICATORS: Words("绩效指标", "绩效指标"),
}

#: A project (or 专项资金) without a name, as the tree, its table heading and the findings call it;
#: R20 reports the missing name.
UNNAMED_PROJECT = "（未命名项目）"
