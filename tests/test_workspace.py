"""Workspace files: creation, durability, migrations, refusal of foreign or newer files."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from perfdesk.errors import NewerSchemaError, WorkspaceError
from perfdesk.models import Department, Indicator, Project, open_workspace
from perfdesk.models.entities import Base
from perfdesk.models.migrations.runner import alembic_config, head_revision, upgrade_to_head
from perfdesk.models.workspace import APPLICATION_ID, HEAD_REVISION, SCHEMA_VERSION
from tests.conftest import cli_main


def _department() -> Department:
    dept = Department(name="测试局", fiscal_year=2025, overall_goal="总体目标\n第二行　全角空格")
    project = Project(
        code="13052925P00000000001A",
        name="项目甲",
        budget=Decimal("7.40"),
        fiscal_funds=Decimal("7.4"),
        other_funds=None,
        goals=["1、目标"],
    )
    project.set_spending_plan({"3": Decimal("25"), "6": None, "10": Decimal("75.50"), "12": Decimal("100")})
    project.indicators = [
        Indicator(
            level1="产出指标", level2="数量指标", name="指派案件数", op="≥", value="150", unit="件", basis="工作计划"
        ),
        Indicator(level1="产出指标", level2="时效指标", name="完成时间", value="12月31日前"),
    ]
    dept.projects = [project]
    return dept


def test_model_round_trips_through_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    with open_workspace(path, create=True) as ws, ws.transaction() as session:
        session.add(_department())
    with open_workspace(path) as ws, ws.session() as session:
        (dept,) = ws.departments(session)
        assert dept.overall_goal == "总体目标\n第二行　全角空格"
        project = dept.projects[0]
        assert project.budget == Decimal("7.40")
        assert str(project.budget) == "7.40"
        assert str(project.fiscal_funds) == "7.4"
        assert project.spending_plan == {"3": Decimal("25"), "6": None, "10": Decimal("75.50"), "12": Decimal("100")}
        assert [i.value_text() for i in project.indicators] == ["≥150件", "12月31日前"]
        assert [i.position for i in project.indicators] == [0, 1]
        assert dept.special_funds == []


def test_amounts_are_stored_as_exact_text(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    with open_workspace(path, create=True) as ws, ws.transaction() as session:
        session.add(_department())
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT budget, fiscal_funds FROM project").fetchone() == ("7.40", "7.4")


def test_a_commit_is_on_disk_when_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    ws = open_workspace(path, create=True)
    session = ws.session()
    session.add(_department())
    session.commit()
    # Another connection (as after a crash of this process) sees the edit at once.
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT name FROM department").fetchall() == [("测试局",)]
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    session.close()
    ws.close()


def test_reordering_keeps_positions(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    with open_workspace(path, create=True) as ws, ws.transaction() as session:
        session.add(_department())
    with open_workspace(path) as ws, ws.transaction() as session:
        project = ws.departments(session)[0].projects[0]
        project.indicators.insert(0, project.indicators.pop())
    with open_workspace(path) as ws, ws.session() as session:
        names = [i.name for i in ws.departments(session)[0].projects[0].indicators]
        assert names == ["完成时间", "指派案件数"]


def test_deleting_a_department_removes_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    with open_workspace(path, create=True) as ws, ws.transaction() as session:
        session.add(_department())
    with open_workspace(path) as ws, ws.transaction() as session:
        session.delete(ws.departments(session)[0])
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM indicator").fetchone() == (0,)


def test_new_file_is_marked_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    open_workspace(path, create=True).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION


def test_head_revision_constant_matches_the_migrations() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrations_from_an_empty_file_build_the_model_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    engine.dispose()
    # ...and that file opens as a workspace.
    with open_workspace(path) as ws, ws.session() as session:
        assert ws.departments(session) == []


def _schema_1_file(path: Path) -> None:
    """A workspace as perfdesk wrote it with schema 1, holding one project."""
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO department (id, position, name, fiscal_year, overall_goal, has_special_funds, name_label,"
            " number_style, goal_style, percent_sign, font_set) VALUES (1, 0, '旧局', 2023, '旧目标', 0, '项目名称',"
            " '.', 'numbered', 1, 'gongwen')"
        )
        connection.exec_driver_sql(
            "INSERT INTO project (id, department_id, section, position, code, name, budget, goals)"
            " VALUES (1, 1, 'budget', 0, 'X1', '旧项目', '7.40', '[]')"
        )
    engine.dispose()


def test_a_schema_1_file_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.perfdesk"
    _schema_1_file(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    before = path.read_bytes()
    with open_workspace(path) as ws, ws.session() as session:
        (dept,) = ws.departments(session)
        assert (dept.name, dept.projects[0].name, str(dept.projects[0].budget)) == ("旧局", "旧项目", "7.40")
        assert dept.kept_empty == []
        assert dept.projects[0].kept_empty == []
    assert (tmp_path / "old.perfdesk.v1.bak").read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:  # the upgraded file has exactly the schema of a new one
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_a_schema_1_file_is_read_through_a_copy_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "old.perfdesk"
    _schema_1_file(path)
    before = path.read_bytes()
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].projects[0].name == "旧项目"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.perfdesk"]  # no backup: nothing was changed


def test_a_newer_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.perfdesk"
    open_workspace(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError) as info:
        open_workspace(path)
    assert "更新版本" in info.value.message
    assert path.read_bytes() == before


def test_a_text_file_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.perfdesk"
    path.write_text("这不是数据库", "utf-8")
    with pytest.raises(WorkspaceError, match="不是 perfdesk 工作区"):
        open_workspace(path)
    assert path.read_text("utf-8") == "这不是数据库"


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(WorkspaceError, match="其他程序"):
        open_workspace(path)


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.perfdesk"
    with open_workspace(path, create=True) as ws, ws.transaction() as session:
        session.add(_department())
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="损坏"):
        open_workspace(path)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="找不到"):
        open_workspace(tmp_path / "nope.perfdesk")


def test_a_killed_process_loses_nothing_it_committed(workspace_2024: Path) -> None:
    """Edit through the editing service in another process, then kill it without any clean-up."""
    import subprocess
    import sys

    code = (
        "import os, signal, sys\n"
        "from decimal import Decimal\n"
        "from perfdesk.services.editing import EditSession\n"
        "edits = EditSession.open(sys.argv[1])\n"
        "project = edits.departments()[0].projects[0]\n"
        "edits.set_field(project, 'name', '崩溃前的修改')\n"
        "edits.set_field(project, 'budget', Decimal('8.80'))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(workspace_2024)], capture_output=True, timeout=60)
    assert result.returncode != 0  # it really died
    with open_workspace(workspace_2024) as ws, ws.session() as session:
        project = ws.departments(session)[0].projects[0]
        assert (project.name, str(project.budget)) == ("崩溃前的修改", "8.80")


def test_read_only_open_reads_and_never_writes(workspace_2024: Path) -> None:
    before = workspace_2024.read_bytes()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        assert len(dept.projects) == 8
        dept.name = "改不了"
        with pytest.raises(Exception, match="readonly"):
            session.commit()
    assert workspace_2024.read_bytes() == before


def test_read_only_open_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.perfdesk"
    empty.write_bytes(b"")
    with pytest.raises(WorkspaceError, match="空文件"):
        open_workspace(empty, read_only=True)
    assert empty.read_bytes() == b""


def test_a_hand_edited_amount_is_reported_not_a_traceback(workspace_2024: Path) -> None:
    with sqlite3.connect(workspace_2024) as conn:
        conn.execute("UPDATE project SET budget = 'abc' WHERE position = 0")
    result = cli_main("export", workspace_2024, workspace_2024.with_suffix(".json"))
    assert result.returncode == 2
    assert "已损坏" in result.stderr
    assert "项目“法律援助经费”" in result.stderr  # which project, which field, what is there
    assert "“预算数”不是金额（「abc」）" in result.stderr
    assert "Traceback" not in result.stderr
