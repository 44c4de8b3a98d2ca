"""Which ordered lists items live in: the one definition the rest of perfdesk reads.

A department holds its units and four lists a clerk adds items to, reorders and
deletes from (分项目标, 保障措施, 专项资金, 预算项目); a project holds its
indicator rows. Each list is named by the ORM relationship that holds it. The
editing service, the checks, the tree and the structure editor look lists up
here instead of spelling the names and their Chinese words themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perfdesk.models.entities import (
    SECTION_BUDGET,
    SECTION_SPECIAL,
    Base,
    Department,
    Indicator,
    Measure,
    Project,
    SubGoal,
    Unit,
)


@dataclass(frozen=True)
class ItemList:
    """One ordered list.

    Attributes:
        owner: the class holding the list.
        name: the owner's relationship attribute (``"sub_goals"``); also the list's name in
            ``Change.collection``, in finding fields and in ``Location.section``.
        item: the class of its items.
        noun: one item, as menus say it (``添加分项目标``).
        title: the whole list, as the tree and messages say it (``分项绩效目标``).
        section: ``Project.section`` of its items (the two project lists only).
    """

    owner: type[Base]
    name: str
    item: type[Base]
    noun: str
    title: str
    section: str | None = None

    def of(self, owner: Base) -> list[Any]:
        """The list itself, in ``owner``."""
        return getattr(owner, self.name)


UNITS = ItemList(Department, "units", Unit, "单位", "预算单位")
SUB_GOALS = ItemList(Department, "sub_goals", SubGoal, "分项目标", "分项绩效目标")
MEASURES = ItemList(Department, "measures", Measure, "保障措施", "工作保障措施")
SPECIAL_FUNDS = ItemList(Department, "special_funds", Project, "专项资金", "专项资金", SECTION_SPECIAL)
PROJECTS = ItemList(Department, "projects", Project, "预算项目", "预算项目", SECTION_BUDGET)
INDICATORS = ItemList(Project, "indicators", Indicator, "绩效指标", "绩效指标")

#: Every ordered list; ``rebuild``/``snapshot`` and the editing service accept exactly these.
ITEM_LISTS: tuple[ItemList, ...] = (UNITS, SUB_GOALS, MEASURES, SPECIAL_FUNDS, PROJECTS, INDICATORS)
#: The department's lists the tree shows as groups, in the document's order.
DEPARTMENT_PARTS: tuple[ItemList, ...] = (SUB_GOALS, MEASURES, SPECIAL_FUNDS, PROJECTS)


def item_list(owner: type[Base], name: str) -> ItemList | None:
    """The list ``name`` of class ``owner``, or None when it has no such ordered list."""
    return next((lst for lst in ITEM_LISTS if lst.owner is owner and lst.name == name), None)


def list_of(item: Base) -> ItemList:
    """The list an item lives in (a project's by its section).

    Raises:
        ValueError: ``item`` is not an item of an ordered list (a department).
    """
    section = getattr(item, "section", None) or SECTION_BUDGET  # a new project is a budget project
    for lst in ITEM_LISTS:
        if isinstance(item, lst.item) and lst.section in (None, section):
            return lst
    raise ValueError(f"{type(item).__name__} is not an item of an ordered list")
