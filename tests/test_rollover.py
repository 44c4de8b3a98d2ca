"""复制为下一年度 (perfdesk rollover): the whole department-year copied as next year's draft."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.checks import check_department
from perfdesk.errors import DepartmentExists, InputError
from perfdesk.models import open_workspace
from perfdesk.models.workspace import SCHEMA_VERSION
from perfdesk.services.editing import EditSession
from perfdesk.services.rollover import move_dates, next_year_draft
from tests.conftest import cli_main, make_workspace
from tests.docx_roundtrip import stored


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("2024年12月31日前", "2025年12月31日前"),
        ("2024 年 12 月 31 日前", "2025 年 12 月 31 日前"),
        ("2024年底前完成", "2025年底前完成"),
        ("2025年6月底前", "2026年6月底前"),  # a deadline in the year after keeps its distance
        ("依据2023年5月印发的办法", "依据2023年5月印发的办法"),  # a past event stays
        ("冀财政法 2024 年 49 号", "冀财政法 2024 年 49 号"),  # a document number is no date
        ("12月31日前", "12月31日前"),
        ("≥2024", "≥2024"),
    ],
)
def test_dates_move_with_the_year(text: str, moved: str) -> None:
    assert move_dates(text, 2024, 2025) == moved


def test_the_cli_copies_everything_and_clears_what_is_entered_each_year(workspace_2024: Path) -> None:
    with open_workspace(workspace_2024) as workspace, workspace.transaction() as session:
        [dept] = workspace.departments(session)
        dept.title = "巨鹿县司法局2024年度部门预算绩效文本"
        dept.projects[0].indicators[2].value = "2024年12月31日前"
        dept.projects[0].goals = ["2024年12月31日前完成宣传"]
        dept.sub_goals[0].indicators = ["2024年底前完成行政执法资格考试"]
    result = cli_main("rollover", workspace_2024, "--department", "巨鹿县司法局", "--from", "2024", "--to", "2025")
    assert result.returncode == 0, result.stderr
    assert "巨鹿县司法局 2025年" in result.stdout
    old, new = stored(workspace_2024)
    assert (old["fiscal_year"], new["fiscal_year"]) == (2024, 2025)
    assert new["draft"] is True
    assert new["title"] == "巨鹿县司法局2025年度部门预算绩效文本"
    for project in new["projects"]:
        assert "spending_plan" not in project  # cleared: every month blank
    first_old, first_new = old["projects"][0], new["projects"][0]
    assert first_new["indicators"][2]["value"] == "2025年12月31日前"
    assert first_new["goals"] == ["2025年12月31日前完成宣传"]
    assert first_new["budget"] == first_old["budget"]  # kept, to be reviewed
    assert new["sub_goals"][0]["indicators"] == ["2025年底前完成行政执法资格考试"]
    new["sub_goals"][0]["indicators"] = old["sub_goals"][0]["indicators"]
    for key in ("fiscal_year", "draft", "title", "projects"):
        old.pop(key, None)
        new.pop(key, None)
    assert new == old  # Part 1, units, framework, layout: as they were
    assert len(stored(workspace_2024)) == 2


def test_to_defaults_to_the_next_year(workspace_2021: Path) -> None:
    result = cli_main("rollover", workspace_2021, "--department", "承德市司法局", "--from", "2021")
    assert result.returncode == 0, result.stderr
    assert [d["fiscal_year"] for d in stored(workspace_2021)] == [2021, 2022]


def test_an_existing_target_year_is_refused_with_exit_2(workspace_2024: Path) -> None:
    assert cli_main("rollover", workspace_2024, "--department", "巨鹿县司法局", "--from", "2024").returncode == 0
    before = stored(workspace_2024)
    result = cli_main("rollover", workspace_2024, "--department", "巨鹿县司法局", "--from", "2024", "--to", "2025")
    assert result.returncode == 2
    assert "已有“巨鹿县司法局 2025年”" in result.stderr
    assert stored(workspace_2024) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--department", "巨鹿县公安局", "--from", "2024"], "工作区中没有“巨鹿县公安局 2024年”"),
        (["--department", "巨鹿县司法局", "--from", "2023"], "工作区中没有“巨鹿县司法局 2023年”"),
        (["--department", "巨鹿县司法局", "--from", "2024", "--to", "2024"], "目标年度与原年度相同"),
        (["--department", "巨鹿县司法局", "--from", "24"], "年度应为四位数字"),
    ],
)
def test_wrong_requests_say_why(args: list[str], says: str, workspace_2024: Path) -> None:
    result = cli_main("rollover", workspace_2024, *args)
    assert result.returncode == 2
    assert says in result.stderr
    assert len(stored(workspace_2024)) == 1


def test_a_missing_workspace_is_not_created(tmp_path: Path) -> None:
    result = cli_main("rollover", tmp_path / "none.perfdesk", "--department", "甲", "--from", "2024")
    assert result.returncode == 2
    assert not (tmp_path / "none.perfdesk").exists()


def test_the_service_refuses_a_year_that_exists(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "ws.perfdesk", "2024") as workspace, workspace.session() as session:
        [dept] = workspace.departments(session)
        copy = next_year_draft(dept, 2025, [dept])
        assert copy.id is None
        assert [p.id for p in copy.projects] == [None] * len(dept.projects)
        with pytest.raises(DepartmentExists):
            next_year_draft(dept, 2025, [dept, copy])
        with pytest.raises(InputError):
            next_year_draft(dept, 2024, [dept])


def test_copied_amounts_are_flagged_until_the_clerk_enters_one(workspace_2024: Path) -> None:
    assert cli_main("rollover", workspace_2024, "--department", "巨鹿县司法局", "--from", "2024").returncode == 0
    edits = EditSession.open(workspace_2024)
    try:
        old, new = edits.departments()
        assert not [f for f in check_department(old) if f.rule == "R23"]
        flagged = [f for f in check_department(new) if f.rule == "R23"]
        assert len(flagged) == len(new.projects)
        assert "沿用自上一年度" in flagged[0].message
        first, second = new.projects[0], new.projects[1]
        edits.set_field(first, "budget", first.budget)  # confirmed as it is
        edits.set_fields(second, {"budget": Decimal("3.00"), "fiscal_funds": Decimal("3.00")})
        still = [f for f in check_department(new) if f.rule == "R23"]
        assert len(still) == len(new.projects) - 2
    finally:
        edits.close()
    with open_workspace(workspace_2024, read_only=True) as workspace, workspace.session() as session:
        stored_new = workspace.departments(session)[1]
        assert [p.amounts_to_review for p in stored_new.projects[:3]] == [False, False, True]


def test_a_workspace_from_before_the_review_mark_gains_it_unset(workspace_2024: Path) -> None:
    """Migration 0015: a version-4 file opens with no project waiting for review."""
    with sqlite3.connect(workspace_2024) as conn:  # undo migration 0015 by hand, as a version-4 file is
        conn.execute("ALTER TABLE project DROP COLUMN amounts_to_review")
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
        conn.execute("PRAGMA user_version=4")
    open_workspace(workspace_2024).close()
    with sqlite3.connect(workspace_2024) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("SELECT DISTINCT amounts_to_review FROM project").fetchall() == [(0,)]
    assert (workspace_2024.parent / f"{workspace_2024.name}.v4.bak").exists()
