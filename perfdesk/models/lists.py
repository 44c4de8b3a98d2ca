"""Which ordered lists items live in: the one description the rest of perfdesk reads.

A department holds its units and four lists a clerk adds items to, reorders and
deletes from (分项目标, 保障措施, 专项资金, 预算项目); a project holds its
indicator rows. ``Collection`` (in ``entities``) names the lists; this module
describes each one (owner, item class, Chinese words, project section), once.
The editing service, the checks, the tree and the structure editor look lists
up here instead of spelling the names and their Chinese words themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from perfdesk.models.entities import (
    Base,
    Collection,
    Department,
    Indicator,
    Measure,
    Project,
    ProjectSection,
    SubGoal,
    Unit,
)
from perfdesk.models.kinds import LIST_WORDS
from perfdesk.models.kinds import UNNAMED_PROJECT as UNNAMED_PROJECT  # re-exported: defined without SQLAlchemy


@dataclass(frozen=True)
class ItemList:
    """One ordered list.

    Attributes:
        owner: the class holding the list.
        name: its ``Collection`` member, which is also the owner's relationship attribute
            (``sub_goals``); the list's name in ``Change.collection``, in finding fields and in
            ``Location.section``.
        item: the class of its items.
        noun: one item, as menus say it (``添加分项目标``).
        title: the whole list, as the tree and messages say it (``分项绩效目标``).
        section: ``Project.section`` of its items (the two project lists only).
    """

    owner: type[Base]
    name: Collection
    item: type[Base]
    noun: str
    title: str
    section: ProjectSection | None = None

    def of(self, owner: Base) -> list[Any]:
        """The list itself, in ``owner``."""
        items: list[Any] = getattr(owner, self.name)
        return items


UNITS = ItemList(Department, Collection.UNITS, Unit, *LIST_WORDS[Collection.UNITS])
SUB_GOALS = ItemList(Department, Collection.SUB_GOALS, SubGoal, *LIST_WORDS[Collection.SUB_GOALS])
MEASURES = ItemList(Department, Collection.MEASURES, Measure, *LIST_WORDS[Collection.MEASURES])
SPECIAL_FUNDS = ItemList(
    Department, Collection.SPECIAL_FUNDS, Project, *LIST_WORDS[Collection.SPECIAL_FUNDS], ProjectSection.SPECIAL
)
PROJECTS = ItemList(Department, Collection.PROJECTS, Project, *LIST_WORDS[Collection.PROJECTS], ProjectSection.BUDGET)
INDICATORS = ItemList(Project, Collection.INDICATORS, Indicator, *LIST_WORDS[Collection.INDICATORS])

#: Every ordered list; ``rebuild``/``snapshot`` and the editing service accept exactly these.
ITEM_LISTS: tuple[ItemList, ...] = (UNITS, SUB_GOALS, MEASURES, SPECIAL_FUNDS, PROJECTS, INDICATORS)
#: The department's lists the tree shows as groups, in the document's order.
DEPARTMENT_PARTS: tuple[ItemList, ...] = (SUB_GOALS, MEASURES, SPECIAL_FUNDS, PROJECTS)

_BY_NAME: dict[Collection, ItemList] = {items.name: items for items in ITEM_LISTS}  # tests: one per member


def shown_name(name: str | None) -> str:
    """A project's name as lists show it: ``UNNAMED_PROJECT`` when it is empty or only blanks."""
    return name if name and name.strip() else UNNAMED_PROJECT


def named(name: Collection) -> ItemList:
    """The description of the list ``name`` (every ``Collection`` member has exactly one)."""
    return _BY_NAME[name]


def item_list(owner: type[Base], name: str) -> ItemList | None:
    """The list ``name`` of class ``owner``, or None when it has no such ordered list."""
    return next((items for items in ITEM_LISTS if items.owner is owner and items.name == name), None)


def list_of(item: Base) -> ItemList:
    """The list an item lives in (a project's by its section).

    Raises:
        ValueError: ``item`` is not an item of an ordered list (a department).
    """
    section = getattr(item, "section", None) or ProjectSection.BUDGET  # a new project is a budget project
    for items in ITEM_LISTS:
        if isinstance(item, items.item) and items.section in (None, section):
            return items
    raise ValueError(f"{type(item).__name__} is not an item of an ordered list")
