"""``perfdesk diff`` and the comparison under it: the two samples, and a rolled-over year with edits."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.compare.diff import compare, match_projects
from perfdesk.compare.model import Kind
from perfdesk.errors import InputError
from perfdesk.importers.json_import import read_document
from perfdesk.models import Department, Indicator, open_workspace
from perfdesk.services.comparing import compare_departments, compare_with_file
from tests.conftest import FIXTURE_2021, FIXTURE_2024, cli_main, fixture_data, rolled_over_workspace


def _roll_over_edits(new: Department) -> None:
    """A 2025 edited as a clerk would roll a year over."""
    new.overall_goal = new.overall_goal + "2025年继续巩固提升。"
    first, second, third = new.projects[0], new.projects[1], new.projects[2]
    first.budget = first.budget + Decimal("5")  # an amount changed
    first.indicators[0].value = "999"  # a value changed
    first.indicators[1].basis = "历史标准"  # a basis changed
    added = Indicator(level1="满意度指标", level2="服务对象满意度指标", name="新的满意度", value="95")
    first.indicators.append(added)
    del first.indicators[2]  # an indicator removed
    second.name = second.name + "（调整）"  # renamed: same code
    third.goals = [*third.goals, "新增一条目标"]  # goals changed
    del new.projects[3]  # a project removed


@pytest.fixture
def rolled_over(tmp_path: Path) -> Path:
    """巨鹿 2024 and a 2025 copy of it with the edits above."""
    return rolled_over_workspace(tmp_path / "ws.perfdesk", _roll_over_edits)


def test_the_same_document_twice_is_equal_and_exits_0() -> None:
    result = cli_main("diff", FIXTURE_2024, FIXTURE_2024)
    assert result.returncode == 0, result.stderr
    assert "两份内容相同" in result.stdout


def test_the_two_samples_differ_in_everything_and_exit_1() -> None:
    (old,) = read_document(fixture_data("2021"))
    (new,) = read_document(fixture_data("2024"))
    comparison = compare(old, new)
    counts = comparison.counts()
    assert counts[Kind.ADDED] == len(new.projects) + len(new.sub_goals) + len(new.measures) - _same_measures(old, new)
    assert counts[Kind.REMOVED] >= len(old.projects)
    result = cli_main("diff", FIXTURE_2021, FIXTURE_2024, "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["old"] == "承德市司法局 2021年"
    assert data["new"] == "巨鹿县司法局 2024年"
    assert not data["equal"]
    assert len(data["differences"]) == len(comparison.differences)
    assert data["counts"]["added"] == counts[Kind.ADDED]


def _same_measures(old, new) -> int:
    titles = {m.title.strip() for m in old.measures}
    return sum(1 for m in new.measures if m.title.strip() in titles)


def test_a_rolled_over_year_reports_each_edit_in_json(rolled_over: Path) -> None:
    result = cli_main("diff", rolled_over, "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("巨鹿县司法局 2024年", "巨鹿县司法局 2025年")
    found = {(d["kind"], d["field"], d["project_index"]) for d in data["differences"]}
    with open_workspace(rolled_over, read_only=True) as workspace, workspace.session() as session:
        old, new = workspace.departments(session)
        first, removed = old.projects[0], old.projects[3]
        assert ("changed", "overall_goal", None) in found
        budget = next(d for d in data["differences"] if d["field"] == "budget")
        assert (budget["old"], budget["new"]) == (f"{first.budget:.2f}", f"{first.budget + 5:.2f}")
        value = next(d for d in data["differences"] if d["field"] == "value")
        assert value["old"] == first.indicators[0].value_text()
        assert value["new"] == new.projects[0].indicators[0].value_text()
        assert value["indicator_index"] == 1
        assert ("changed", "basis", 1) in found
        assert ("added", None, 1) in found  # the new satisfaction row
        removed_rows = [d for d in data["differences"] if d["kind"] == "removed" and d["item"].startswith("指标")]
        assert [d["old"].split(" · ")[2] for d in removed_rows] == [first.indicators[2].name]
        assert ("renamed", "name", 2) in found
        assert ("changed", "goals", 3) in found
        gone = [d for d in data["differences"] if d["kind"] == "removed" and d["item"] == "预算项目"]
        assert [d["old"] for d in gone] == [f"{removed.code} {removed.name}（预算数 {removed.budget:.2f} 万元）"]
        assert len(data["differences"]) == 9


def test_a_rolled_over_year_in_text_groups_changes_by_project(rolled_over: Path) -> None:
    result = cli_main("diff", rolled_over, rolled_over, "--year", "2025")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "比较：巨鹿县司法局 2024年 → 巨鹿县司法局 2025年"
    assert lines[1] == "新增 1 · 删除 2 · 改名 1 · 修改 5"
    assert "部门整体" in lines
    assert "  修改 预算数" in lines
    assert any(line.startswith("    原：") for line in lines)
    assert "  改名 项目名称" in lines


def test_projects_match_by_code_then_by_name() -> None:
    (old,) = read_document(fixture_data("2024"))
    (new,) = read_document(fixture_data("2024"))
    new.projects[0].code = "NEWCODE"  # same name: still the same project
    new.projects[1].name = "另一个名字"  # same code: a rename
    pairs = match_projects(old.projects, new.projects)
    assert all(before is not None and after is not None for before, after in pairs)
    assert pairs[0][0] is old.projects[0]
    assert pairs[1][0] is old.projects[1]
    kinds = {(d.kind, d.field) for d in compare(old, new).differences}
    assert kinds == {(Kind.CHANGED, "code"), (Kind.RENAMED, "name")}


def test_bad_input_exits_2_with_a_chinese_message(tmp_path: Path, rolled_over: Path) -> None:
    missing = cli_main("diff", tmp_path / "nothere.json", FIXTURE_2024)
    assert missing.returncode == 2
    assert "找不到这个文件" in missing.stderr
    no_year = cli_main("diff", rolled_over, "--year", "2030")
    assert no_year.returncode == 2
    assert "2030年" in no_year.stderr
    assert "巨鹿县司法局 2024年" in no_year.stderr
    earliest = cli_main("diff", rolled_over, "--year", "2024")
    assert earliest.returncode == 2
    assert "早于 2024 年" in earliest.stderr
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    unknown = cli_main("diff", text, FIXTURE_2024)
    assert unknown.returncode == 2
    assert "无法导入" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_the_view_compares_a_department_with_another_file(rolled_over: Path, tmp_path: Path) -> None:
    """比较… → 其他文件…: the other file's same department, its latest year before the one shown."""
    with open_workspace(rolled_over, read_only=True) as workspace, workspace.session() as session:
        old, new = workspace.departments(session)
        from_file = compare_with_file(FIXTURE_2024, new)
        in_workspace = compare_departments(old, new)
        assert from_file.old_label == "巨鹿县司法局 2024年"
        assert [d.to_json() for d in from_file.differences] == [d.to_json() for d in in_workspace.differences]
        with pytest.raises(InputError, match="找不到"):
            compare_with_file(tmp_path / "gone.json", new)


def test_two_years_of_one_workspace_can_be_named_either_way(rolled_over: Path) -> None:
    default = cli_main("diff", rolled_over, "--format", "json")
    named = cli_main("diff", rolled_over, "--old-year", "2024", "--year", "2025", "--format", "json")
    assert named.returncode == 1, named.stderr
    assert named.stdout == default.stdout
    backwards = json.loads(
        cli_main("diff", rolled_over, "--old-year", "2025", "--year", "2024", "--format", "json").stdout
    )
    assert (backwards["old"], backwards["new"]) == ("巨鹿县司法局 2025年", "巨鹿县司法局 2024年")
    assert backwards["counts"] == {"added": 2, "removed": 1, "renamed": 1, "changed": 5}
    missing = cli_main("diff", rolled_over, "--old-year", "2023")
    assert missing.returncode == 2
    assert "旧文件中没有“巨鹿县司法局 2023年”" in missing.stderr
