"""The one description of the ordered lists items live in, checked against Collection, the ORM and a real file."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect

from perfdesk.models import Collection, Department, Indicator, Measure, Project, ProjectSection, SubGoal, Unit
from perfdesk.models.lists import (
    DEPARTMENT_PARTS,
    INDICATORS,
    ITEM_LISTS,
    MEASURES,
    PROJECTS,
    SPECIAL_FUNDS,
    SUB_GOALS,
    UNITS,
    item_list,
    list_of,
    named,
)
from perfdesk.services.editing import EditSession


@pytest.mark.parametrize("items", ITEM_LISTS, ids=lambda items: items.name)
def test_each_list_is_an_ordered_relationship_of_its_owner_holding_its_items(items) -> None:
    relationship = inspect(items.owner).relationships[items.name]
    assert relationship.mapper.class_ is items.item
    assert relationship.uselist
    assert item_list(items.owner, items.name) is items


def test_collection_names_the_lists_and_each_is_described_once() -> None:
    """The enum is the one set of list names; lists.py adds what each list is, never a name of its own."""
    assert [items.name for items in ITEM_LISTS] == list(Collection)
    for name in Collection:
        assert named(name).name is name
    assert {items.section for items in ITEM_LISTS} == {None, *ProjectSection}


def test_lookups() -> None:
    assert item_list(Department, "overall_goal") is None
    assert item_list(Project, Collection.SUB_GOALS) is None
    assert item_list(Department, "sub_goals") is SUB_GOALS  # a plain string, as stored or typed, finds it too
    assert [items.name for items in DEPARTMENT_PARTS] == [
        Collection.SUB_GOALS,
        Collection.MEASURES,
        Collection.SPECIAL_FUNDS,
        Collection.PROJECTS,
    ]
    assert (SUB_GOALS.noun, SUB_GOALS.title) == ("分项目标", "分项绩效目标")
    with pytest.raises(ValueError, match="Department"):
        list_of(Department(name="甲", fiscal_year=2025))


def test_list_of_finds_the_list_each_item_lives_in(tmp_path: Path) -> None:
    edits = EditSession.open(tmp_path / "ws.perfdesk", create=True)
    dept = edits.add_department(Department(name="某局", fiscal_year=2025, overall_goal=""))
    special = Project(name="专项", budget=Decimal("1"))
    budget = Project(name="项目", budget=Decimal("2"))
    edits.insert(dept, SPECIAL_FUNDS.name, 0, special)
    edits.insert(dept, PROJECTS.name, 0, budget)
    edits.insert(dept, SUB_GOALS.name, 0, SubGoal(title="分项"))
    edits.insert(dept, MEASURES.name, 0, Measure(title="措施"))
    edits.insert(dept, UNITS.name, 0, Unit(name="本级"))
    edits.insert(budget, INDICATORS.name, 0, Indicator(level1="产出指标", level2="数量指标", name="次数"))
    edits.close()

    edits = EditSession.open(tmp_path / "ws.perfdesk")  # read back from the file
    dept = edits.departments()[0]
    for items in ITEM_LISTS:
        owner = dept.projects[0] if items is INDICATORS else dept
        assert [list_of(item) for item in items.of(owner)] == [items]
    assert list_of(Project(name="新", budget=Decimal("0"))) is PROJECTS  # not yet in a list: a budget project
    edits.close()
