"""Copies without Qt: 复制一份 / 粘贴 of departments and items, and 另存为 of a workspace file."""

from pathlib import Path

import pytest

from perfdesk.errors import WorkspaceError
from perfdesk.models import Collection, Measure, Project, Unit, open_workspace
from perfdesk.services.copying import (
    COPY_SUFFIX,
    clone,
    copy_name,
    copy_workspace,
    duplicate,
    duplicate_department,
)
from perfdesk.services.editing import EditSession


def test_a_cloned_project_is_saved_as_a_new_one_with_the_same_content(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    original = dept.projects[0]
    copy = clone(original)
    assert copy.id is None
    assert all(row.id is None and row.project_id is None for row in copy.indicators)
    edits.insert(dept, Collection.PROJECTS, 1, copy)
    assert copy.id != original.id
    assert {row.id for row in copy.indicators}.isdisjoint(row.id for row in original.indicators)
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        first, second = ws.departments(session)[0].projects[:2]
        assert (second.name, second.code, second.budget, second.goals) == (
            first.name,
            first.code,
            first.budget,
            first.goals,
        )
        assert [r.value_text() for r in second.indicators] == [r.value_text() for r in first.indicators]


def test_duplicates_are_named_as_copies(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    project, goal, measure = dept.projects[0], dept.sub_goals[0], dept.measures[0]
    assert duplicate(project).name == project.name + COPY_SUFFIX
    assert duplicate(goal).title == goal.title + COPY_SUFFIX
    assert duplicate(measure).title == measure.title + COPY_SUFFIX
    assert isinstance(duplicate(measure), Measure)
    assert copy_name("甲", {"甲（副本）"}) == "甲（副本）（副本）"
    edits.close()


def test_a_duplicated_department_gets_a_free_name_and_all_it_holds(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    dept = edits.departments()[0]
    first = edits.add_department(duplicate_department(dept, edits.departments()), 1)
    second = edits.add_department(duplicate_department(dept, edits.departments()))
    assert [d.name for d in edits.departments()] == [
        "巨鹿县司法局",
        "巨鹿县司法局（副本）",
        "巨鹿县司法局（副本）（副本）",
    ]
    assert first.fiscal_year == second.fiscal_year == 2024
    other_year = clone(dept)
    other_year.fiscal_year = 2025  # a roll-over keeps the name in the new year
    assert duplicate_department(other_year, edits.departments()).name == "巨鹿县司法局（副本）"
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        original, copy = ws.departments(session)[:2]
        assert len(copy.projects) == len(original.projects) == 8
        assert [p.name for p in copy.projects] == [p.name for p in original.projects]
        assert [len(p.indicators) for p in copy.projects] == [len(p.indicators) for p in original.projects]
        assert [g.title for g in copy.sub_goals] == [g.title for g in original.sub_goals]
        assert [u.name for u in copy.units] == [u.name for u in original.units]


def test_only_named_entities_can_be_duplicated() -> None:
    with pytest.raises(KeyError):
        duplicate(Unit(name="本级"))


def test_save_as_copies_the_open_workspace_and_replaces_the_target(workspace_2024: Path, tmp_path: Path) -> None:
    edits = EditSession.open(workspace_2024)  # open for editing, as in the window
    edits.set_field(edits.departments()[0].projects[0], "name", "改过的名称")
    target = tmp_path / "copies" / "copy.perfdesk"
    target.parent.mkdir()
    target.write_bytes(b"an older file the clerk chose to replace")
    assert copy_workspace(workspace_2024, target) == target
    edits.close()
    with open_workspace(target, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].projects[0].name == "改过的名称"
    assert [p.name for p in target.parent.iterdir()] == ["copy.perfdesk"]  # no temporary file left


def test_save_as_refuses_its_own_file_and_leaves_both_files_alone_on_failure(
    workspace_2024: Path, tmp_path: Path
) -> None:
    before = workspace_2024.read_bytes()
    with pytest.raises(WorkspaceError, match="正在使用"):
        copy_workspace(workspace_2024, workspace_2024.parent / "." / workspace_2024.name)
    assert workspace_2024.read_bytes() == before
    with pytest.raises(WorkspaceError, match="文件夹不存在"):
        copy_workspace(workspace_2024, tmp_path / "missing" / "copy.perfdesk")
    not_sqlite = tmp_path / "broken.perfdesk"
    not_sqlite.write_bytes(b"not a database" * 100)
    target = tmp_path / "kept.perfdesk"
    target.write_bytes(b"keep me")
    with pytest.raises(WorkspaceError, match="无法另存为"):
        copy_workspace(not_sqlite, target)
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_clone_keeps_the_project_list() -> None:
    special = Project(name="专项", section="special")
    assert clone(special).is_special()
