"""The editing service: durable edits, change events, snapshots that keep ids."""

from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.errors import DepartmentExists
from perfdesk.models import Collection, Department, Indicator, Project, open_workspace
from perfdesk.services.checking import check_in_own_session
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.services.importing import import_files


def test_edit_is_durable_and_announced(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    seen: list[Change] = []
    edits.subscribe(seen.append)
    project = edits.departments()[0].projects[0]
    old = edits.set_field(project, "budget", Decimal("3.50"))
    assert old == Decimal("2.00")
    assert seen[-1].kind is ChangeKind.FIELD
    assert seen[-1].field == "budget"
    assert seen[-1].entity is project
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:  # another reader sees it
        assert str(ws.departments(session)[0].projects[0].budget) == "3.50"
    edits.close()


def test_remove_and_restore_keep_ids_and_children(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    project = dept.projects[2]
    ids = (project.id, [i.id for i in project.indicators])
    data = edits.remove(dept, Collection.PROJECTS, 2)
    assert len(dept.projects) == 7
    restored = edits.restore(dept, Collection.PROJECTS, 2, data)
    assert isinstance(restored, Project)
    assert (restored.id, [i.id for i in restored.indicators]) == ids
    assert dept.projects[2] is restored
    assert restored.section == "budget"
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        again = ws.departments(session)[0].projects[2]
        assert again.id == ids[0]
        assert len(again.indicators) == 7


def test_move_and_insert_indicator(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    project = edits.departments()[0].projects[0]
    first = project.indicators[0].name
    edits.move(project, Collection.INDICATORS, 0, 2)
    assert project.indicators[2].name == first
    edits.insert(project, Collection.INDICATORS, 0, Indicator(level1="产出指标", level2="数量指标", name="新增"))
    assert [i.position for i in project.indicators] == list(range(8))
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        names = [i.name for i in ws.departments(session)[0].projects[0].indicators]
        assert names[0] == "新增"
        assert names[3] == first


def test_department_remove_and_restore(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    data = edits.remove_department(dept)
    assert edits.departments() == []
    back = edits.restore_department(data)
    assert back.name == "巨鹿县司法局"
    assert len(back.projects) == 8
    assert len(back.projects[0].indicators) == 7
    edits.close()


def test_a_department_year_already_there_is_a_typed_error(workspace_2024: Path) -> None:
    from tests.conftest import FIXTURE_2024

    with pytest.raises(DepartmentExists) as raised:
        import_files([FIXTURE_2024], workspace_2024)
    assert raised.value.label == "巨鹿县司法局 2024年"
    assert raised.value.where == str(workspace_2024)
    edits = EditSession.open(workspace_2024)
    with pytest.raises(DepartmentExists) as again:
        edits.add_department(Department(name="巨鹿县司法局", fiscal_year=2024, overall_goal=""))
    assert again.value.label == "巨鹿县司法局 2024年"
    assert len(edits.departments()) == 1
    edits.close()


def test_department_and_contains_follow_deletes_and_undo(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    project = dept.projects[0]
    assert edits.department(dept.id) is dept
    assert edits.contains(project)
    assert not edits.contains(Indicator(level1="产出指标", level2="数量指标", name="未加入"))
    edits.remove(dept, Collection.PROJECTS, 0)
    assert not edits.contains(project)
    data = edits.remove_department(dept)
    assert edits.department(dept.id) is None
    assert not edits.contains(dept)
    restored = edits.restore_department(data)  # the same id comes back as a new object
    assert edits.department(dept.id) is restored
    assert edits.department(10_000) is None
    edits.close()


def test_a_stored_department_is_checked_in_its_own_session(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    edits.set_field(dept.projects[0], "budget", dept.projects[0].budget + Decimal("3"))  # R06: funds ≠ budget
    findings = check_in_own_session(edits.workspace, dept.id)
    assert [f.rule for f in findings if f.is_error] == ["R06"]
    assert check_in_own_session(edits.workspace, 10_000) == []  # deleted meanwhile: nothing to report
    edits.close()
