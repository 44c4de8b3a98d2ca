"""Telling "in use" from "damaged", and every environment error in Chinese with what to do.

Real files and real processes: a process holding SQLite's write lock, one killed mid-commit
(leaving a hot journal), hand-edited values, a dropped table, a WAL-mode file in a folder nobody
may write, a path name longer than the file system allows.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfdesk.errors import WorkspaceBusy, WorkspaceDamaged, WorkspaceReadOnly
from perfdesk.models import open_workspace
from perfdesk.models.failures import FULL, TOO_LONG, os_error_message, storage_error
from perfdesk.services.editing import EditSession
from tests.conftest import FIXTURE_2024, cli_main
from tests.file_helpers import immutable

HOLD_WRITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""

#: Changes every project's name inside a transaction whose pages spill into the file, then waits to be killed.
CRASH_MID_COMMIT = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")
conn.execute("BEGIN")
conn.execute("UPDATE project SET name = 'CHANGED'")
conn.execute("UPDATE indicator SET name = name || '（改）'")
print("mid-commit", flush=True)
time.sleep(60)
"""


def _start(script: str, path: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    process.stdout.readline()
    return process


def _stop(process: subprocess.Popen) -> None:
    process.kill()
    process.communicate(timeout=10)


def test_a_file_being_written_is_in_use_not_damaged_and_nobody_waits_long(workspace_2024: Path) -> None:
    writer = _start(HOLD_WRITE_LOCK, workspace_2024)
    try:
        for args in (("check", workspace_2024), ("export", workspace_2024, workspace_2024.with_suffix(".json"))):
            start = time.perf_counter()
            result = cli_main(*args)
            assert time.perf_counter() - start < 5
            assert result.returncode == 2
            assert "正被另一个程序使用" in result.stderr
            assert "没有损坏" in result.stderr
            assert "已损坏" not in result.stderr
        with pytest.raises(WorkspaceBusy):
            open_workspace(workspace_2024)
    finally:
        _stop(writer)
    assert cli_main("check", workspace_2024).returncode == 0


def test_a_read_only_open_reads_a_file_left_mid_commit_without_touching_it(
    workspace_2024: Path, tmp_path: Path
) -> None:
    committed = tmp_path / "committed.json"
    assert cli_main("export", workspace_2024, committed).returncode == 0
    crashed = _start(CRASH_MID_COMMIT, workspace_2024)
    _stop(crashed)  # kill -9 in the middle of the transaction
    journal = workspace_2024.with_name(workspace_2024.name + "-journal")
    assert journal.exists()
    assert journal.stat().st_size > 0
    before = (workspace_2024.read_bytes(), journal.read_bytes())
    out = tmp_path / "out.json"
    exported = cli_main("export", workspace_2024, out)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text("utf-8")) == json.loads(committed.read_text("utf-8"))  # the last committed state
    assert "CHANGED" not in out.read_text("utf-8")
    assert cli_main("check", workspace_2024).returncode in (0, 1)
    assert (workspace_2024.read_bytes(), journal.read_bytes()) == before  # reading wrote nothing
    with open_workspace(workspace_2024) as workspace, workspace.session() as session:  # writing recovers it
        assert workspace.departments(session)[0].projects[0].name == "法律援助经费"
    assert not journal.exists()


def test_a_wal_file_in_a_folder_nobody_may_write_is_read_through_a_copy(workspace_2024: Path, tmp_path: Path) -> None:
    with sqlite3.connect(workspace_2024) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    with immutable(workspace_2024.parent):
        result = cli_main("check", workspace_2024)
        assert result.returncode == 0, result.stderr
        with pytest.raises(WorkspaceReadOnly):
            open_workspace(workspace_2024)


DAMAGE = {
    "budget": (
        "UPDATE project SET budget = 'abc' WHERE position = 0",
        "项目“法律援助经费”",
        "“预算数”不是金额（「abc」）",
    ),
    "goals": (
        "UPDATE project SET goals = 'not json' WHERE position = 0",
        "项目“法律援助经费”",
        "“年度目标”不是文本列表",
    ),
    "year": ("UPDATE department SET fiscal_year = 9223372036854775807", "部门“巨鹿县司法局”", "超出范围"),
    "table": ("DROP TABLE measure", "缺少数据表“measure”", "工作保障措施"),
    "huge": ("UPDATE project SET budget = '1E+7000000' WHERE position = 1", "项目“法治工作经费”", "数字太大"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_workspace_names_the_project_and_the_field(workspace_2024: Path, case: str) -> None:
    statement, place, what = DAMAGE[case]
    with sqlite3.connect(workspace_2024) as conn:
        conn.execute(statement)
    result = cli_main("check", workspace_2024)
    assert result.returncode == 2
    assert place in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.stderr
    for read_only in (True, False):
        with pytest.raises(WorkspaceDamaged):
            open_workspace(workspace_2024, read_only=read_only)


def test_a_path_longer_than_the_file_system_allows_is_explained(tmp_path: Path, workspace_2024: Path) -> None:
    long_name = "工作区" * 30 + ".perfdesk"  # 270 bytes in UTF-8
    imported = cli_main("import", FIXTURE_2024, "--into", tmp_path / long_name)
    assert imported.returncode == 2
    assert "路径太长" in imported.stderr
    exported = cli_main("export", workspace_2024, tmp_path / ("导出" * 50 + ".json"))
    assert exported.returncode == 2
    assert "路径太长" in exported.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_environment_errors_say_what_to_do() -> None:
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device")) == FULL
    assert os_error_message(OSError(errno.ENAMETOOLONG, "File name too long")) == TOO_LONG
    full = storage_error(sqlite3.OperationalError("database or disk is full"), "ws.perfdesk", action="修改未保存。")
    assert full.message == FULL + "修改未保存。"
    assert isinstance(
        storage_error(sqlite3.OperationalError("attempt to write a readonly database"), None), WorkspaceReadOnly
    )
    assert isinstance(storage_error(sqlite3.OperationalError("database is locked"), None), WorkspaceBusy)
    assert isinstance(storage_error(sqlite3.DatabaseError("file is not a database"), None), WorkspaceDamaged)


def test_an_edit_meeting_another_programs_lock_fails_soon_and_says_in_use(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    project = edits.departments()[0].projects[0]
    writer = _start(HOLD_WRITE_LOCK, workspace_2024)  # e.g. a backup tool holding SQLite's lock
    try:
        start = time.perf_counter()
        with pytest.raises(WorkspaceBusy) as busy:
            edits.set_field(project, "purpose", "改")
        assert time.perf_counter() - start < 4  # once 10 s of a frozen window
        assert "没有损坏" in busy.value.message
        assert "修改未保存" in busy.value.message
        assert "[SQL" not in busy.value.message
    finally:
        _stop(writer)
    edits.set_field(project, "purpose", "改")  # the lock gone, the same edit is saved
    edits.close()


def test_the_library_columns_are_judged_by_their_declared_shape(workspace_2024: Path) -> None:
    assert cli_main("check", workspace_2024).returncode in (0, 1)  # years [2024] and history {…} are fine
    with sqlite3.connect(workspace_2024) as conn:
        conn.execute(
            "INSERT INTO library_entry (key, uses, years, history, origin, edited, hidden, level1, level2, name) "
            "VALUES ('k', 0, '[\"2024\"]', '{}', 'manual', 0, 0, '产出指标', '数量指标', '甲')"
        )
    result = cli_main("check", workspace_2024)
    assert result.returncode == 2
    assert "指标库条目“甲”的“使用年度”不是整数列表" in result.stderr
