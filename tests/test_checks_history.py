"""R22: a value far from the same indicator's value last year, from the library's identity of an indicator."""

from __future__ import annotations

import json
from pathlib import Path

from perfdesk.checks import check_department, check_departments
from perfdesk.checks.registry import HEURISTIC_NOTE
from perfdesk.importers.json_import import read_document
from perfdesk.models import Department, open_workspace
from perfdesk.services.checking import check_in_own_session
from perfdesk.services.copying import clone
from perfdesk.services.library import IndicatorLibrary
from tests.conftest import cli_main, fixture_data, make_workspace, rolled_over_workspace


def _years() -> tuple[Department, Department]:
    (old,) = read_document(fixture_data("2024"))
    new = clone(old)
    new.fiscal_year = 2025
    return old, new


def _r22(findings: list) -> list:
    return [f for f in findings if f.rule == "R22"]


def test_a_value_ten_times_smaller_than_last_year_is_flagged_as_a_heuristic() -> None:
    old, new = _years()
    row = new.projects[0].indicators[1]  # 宣传覆盖率 ≥80%
    assert (row.op, row.value, row.unit) == ("≥", "80", "%")
    row.value = "8"
    (finding,) = _r22(check_departments([old, new]))
    assert finding.location.fiscal_year == 2025
    assert (finding.location.project_index, finding.location.indicator_index) == (1, 2)
    assert finding.location.field == "value"
    assert "「≥8%」" in finding.message
    assert "「≥80%」" in finding.message
    assert "2024年" in finding.message
    assert finding.message.endswith(HEURISTIC_NOTE)


def test_the_same_projects_row_is_compared_before_another_projects() -> None:
    """宣传覆盖率 is ≥80% in project 1 and ≥90% in project 2: each is compared with its own project's."""
    old, new = _years()
    new.projects[1].indicators[1].value = "18"  # 90 → 18 is 5×; 80 → 18 would be 4.4×
    assert [f.location.project_index for f in _r22(check_departments([old, new]))] == [2]


def test_small_changes_other_units_and_a_first_year_are_not_flagged() -> None:
    old, new = _years()
    new.projects[0].indicators[1].value = "50"  # 80 → 50: a change of plan
    new.projects[0].indicators[0].unit = "场"  # 1次 → 1场 … and a unit change is not compared
    new.projects[0].indicators[0].value = "100"
    assert not _r22(check_departments([old, new]))
    lonely = clone(new)
    lonely.projects[0].indicators[1].value = "1"
    assert not _r22(check_department(lonely))  # no previous year given


def test_the_gui_check_of_a_workspace_finds_last_year_there(tmp_path: Path) -> None:
    def edit(new: Department) -> None:
        new.projects[0].indicators[1].value = "800"

    path = rolled_over_workspace(tmp_path / "ws.perfdesk", edit)
    with open_workspace(path) as workspace, workspace.session() as session:
        new_id = next(d.id for d in workspace.departments(session) if d.fiscal_year == 2025)
    with open_workspace(path) as workspace:
        (finding,) = _r22(check_in_own_session(workspace, new_id))
    assert "「≥800%」" in finding.message


def test_without_last_year_in_the_file_the_library_remembers_it(tmp_path: Path) -> None:
    """Each year in its own workspace: last year's indicators come in through the 指标库 (imported)."""
    last_year = tmp_path / "2024.perfdesk"
    make_workspace(last_year, "2024").close()
    this_year = tmp_path / "2025.perfdesk"
    with open_workspace(this_year, create=True) as workspace, workspace.transaction() as session:
        (old,) = read_document(fixture_data("2024"))
        new = clone(old)
        new.fiscal_year = 2025
        new.projects[0].indicators[1].value = "8"  # 宣传覆盖率 ≥80% last year
        session.add(new)
        session.flush()
        new_id = new.id
    with open_workspace(this_year) as workspace:
        assert not _r22(check_in_own_session(workspace, new_id))  # nothing known of 2024 yet
        IndicatorLibrary(workspace).import_from([last_year])
        (finding,) = _r22(check_in_own_session(workspace, new_id))
    assert "「≥8%」与指标库中2024年同一指标的「≥80%」相差约 10 倍" in finding.message
    result = cli_main("check", this_year, "--format", "json")  # the command line reads the library too
    assert [f["message"] for f in json.loads(result.stdout) if f["rule"] == "R22"] == [finding.message]
