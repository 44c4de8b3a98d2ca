"""Re-checking only what an edit touched gives exactly the findings of a whole fresh check."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.checks import check_department, check_parts, recheck
from perfdesk.models import Collection, Indicator
from perfdesk.services.checking import DepartmentChecker, check_in_own_session, touched_project
from perfdesk.services.editing import Change, EditSession
from tests.conftest import make_workspace, rolled_over_workspace


@pytest.fixture
def edits(tmp_path: Path):
    make_workspace(tmp_path / "ws.perfdesk", "2021").close()
    session = EditSession.open(tmp_path / "ws.perfdesk")
    yield session
    session.close()


def _edit_and_recheck(edits: EditSession, checker: DepartmentChecker, edit) -> tuple[list, list, int | None]:
    """Make one edit, then check incrementally and from scratch; also return the project it touched."""
    dept = edits.departments()[0]
    changes: list[Change] = []
    edits.subscribe(changes.append)
    edit(dept)
    edits.unsubscribe(changes.append)
    touched = {touched_project(change) for change in changes}
    project_ids = None if None in touched else {pid for pid in touched if pid is not None}
    incremental = checker.check(dept.id, project_ids)
    return incremental, check_in_own_session(edits.workspace, dept.id), next(iter(touched), None)


EDITS = {
    # an indicator's value becomes unreadable (a project rule: R03/R04-like findings change)
    "indicator value": lambda e, d: e.set_field(d.projects[3].indicators[2], "value", "约三成"),
    # R06: the funds no longer add up to the budget
    "project budget": lambda e, d: e.set_field(d.projects[5], "budget", d.projects[5].budget + Decimal("7")),
    # R09 (a document rule): two projects now share a code, so a finding appears in *another* project
    "duplicate code": lambda e, d: e.set_field(d.projects[7], "code", d.projects[1].code),
    # a row added to a project's table
    "indicator row": lambda e, d: e.insert(
        d.projects[2], Collection.INDICATORS, 0, Indicator(level1="产出指标", level2="数量指标", name="新指标")
    ),
    # the department's own text: not inside a project, the whole department is checked again
    "overall goal": lambda e, d: e.set_field(d, "overall_goal", ""),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_recheck_after_an_edit_equals_a_fresh_check(edits: EditSession, name: str) -> None:
    dept = edits.departments()[0]
    checker = DepartmentChecker(edits.workspace)
    before = checker.check(dept.id)
    assert before == check_in_own_session(edits.workspace, dept.id)
    incremental, fresh, touched = _edit_and_recheck(edits, checker, lambda d: EDITS[name](edits, d))
    assert incremental == fresh
    assert incremental != before, "the edit was meant to change the findings"
    assert (touched is None) == (name == "overall goal")
    checker.close()


def test_edits_one_after_another_are_followed(edits: EditSession) -> None:
    dept = edits.departments()[0]
    checker = DepartmentChecker(edits.workspace)
    checker.check(dept.id)
    for name in ("indicator value", "duplicate code", "project budget", "indicator row"):
        incremental, fresh, _ = _edit_and_recheck(edits, checker, lambda d, n=name: EDITS[n](edits, d))
        assert incremental == fresh, name
    checker.close()


def test_recheck_refuses_when_the_projects_changed(edits: EditSession) -> None:
    dept = edits.departments()[0]
    found = check_parts(dept)
    assert found.all() == check_department(dept)
    assert recheck(dept, found, [dept.projects[0]]) == found  # nothing changed: the same answer
    dept.projects.pop(4)  # in memory only: the lists are no longer those it was built from
    assert recheck(dept, found, []) is None


def test_a_recheck_compares_with_last_year_as_a_fresh_check_does(tmp_path: Path) -> None:
    """R22 (last year's values): an edited row is compared with the previous year; an edit of last year checks all."""
    path = rolled_over_workspace(tmp_path / "ws.perfdesk", lambda _new: None)
    edits = EditSession.open(path)
    old, new = sorted(edits.departments(), key=lambda d: d.fiscal_year)
    checker = DepartmentChecker(edits.workspace)
    checker.check(new.id)
    for edit in (
        lambda d: edits.set_field(new.projects[0].indicators[1], "value", "800"),  # ten times last year's
        lambda d: edits.set_field(old.projects[0].indicators[1], "value", "8000"),  # last year itself
    ):
        changes: list[Change] = []
        edits.subscribe(changes.append)
        edit(new)
        edits.unsubscribe(changes.append)
        touched = {pid for change in changes if (pid := touched_project(change)) is not None}
        assert checker.check(new.id, touched) == check_in_own_session(edits.workspace, new.id)
    assert any(f.rule == "R22" for f in check_in_own_session(edits.workspace, new.id))
    checker.close()
    edits.close()
