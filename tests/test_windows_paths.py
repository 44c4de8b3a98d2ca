"""Paths as a Windows office PC has them: Chinese and spaces, network shares, the crash log folder.

A workspace on ``\\\\server\\share`` (or on a mapped drive, which ``Path.resolve()`` turns into the
share) used to fail to open: ``Path.as_uri()`` writes ``file://server/share/…`` and SQLite refuses
that authority. The frozen Windows program opens one for real under Wine (installer/build-wine.sh).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path, PureWindowsPath

import pytest

from perfdesk.models import open_workspace
from perfdesk.models.workspace import sqlite_uri
from perfdesk.services.copying import copy_workspace
from tests.conftest import FIXTURES, cli_main

#: A folder name with what file names on an office PC contain: Chinese, spaces, # % ? & ( ) and full-width ones.
AWKWARD = "2024年 绩效文本 #1 (草稿) 50%＆副本"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (r"\\server\share\财政 科\a.perfdesk", "file:////server/share/%E8%B4%A2%E6%94%BF%20%E7%A7%91/a.perfdesk"),
        (r"\\?\UNC\server\share\a.perfdesk", "file:////server/share/a.perfdesk"),
        (r"Z:\共享\a#1%.perfdesk", "file:///Z:/%E5%85%B1%E4%BA%AB/a%231%25.perfdesk"),
        (r"\\?\C:\Users\x?.perfdesk", "file:///C:/Users/x%3F.perfdesk"),
    ],
)
def test_sqlite_uri_of_windows_paths_has_no_authority(path: str, uri: str) -> None:
    assert sqlite_uri(path, windows=True) == f"{uri}?mode=ro"
    assert sqlite_uri(path, windows=True, read_only=False) == uri
    # what Path.as_uri() gives for a share, and SQLite refuses ("invalid uri authority")
    assert PureWindowsPath(r"\\server\share\a.perfdesk").as_uri() == "file://server/share/a.perfdesk"


def test_sqlite_refuses_an_authority_and_accepts_the_uri_used(tmp_path: Path) -> None:
    folder = tmp_path / AWKWARD
    folder.mkdir()
    db = folder / "x #1%.perfdesk"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with closing(sqlite3.connect(sqlite_uri(db), uri=True)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("INSERT INTO t VALUES (1)")  # read-only
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect(f"file://server{db.as_posix()}?mode=ro", uri=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths; links need rights a clerk's PC does not give")
def test_a_path_through_a_link_stays_as_named(tmp_path: Path, monkeypatch) -> None:
    """abspath, not resolve(): the name the clerk used (on Windows, a mapped drive letter) is kept."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    assert sqlite_uri(tmp_path / "link" / "ws.perfdesk", windows=False).endswith("/link/ws.perfdesk?mode=ro")
    monkeypatch.chdir(tmp_path)
    assert sqlite_uri("link/ws.perfdesk", windows=False) == f"file://{tmp_path.as_posix()}/link/ws.perfdesk?mode=ro"


def test_a_workspace_in_a_chinese_folder_with_spaces_goes_through_every_command(tmp_path: Path) -> None:
    folder = tmp_path / AWKWARD / "工作 区"
    folder.mkdir(parents=True)
    workspace = folder / "巨鹿 司法局.perfdesk"
    result = cli_main("import", FIXTURES["2021"], FIXTURES["2024"], "--into", workspace)
    assert result.returncode == 0, result.stderr
    assert str(workspace) in result.stdout
    for out in (folder / "导出 文本.docx", folder / "导出 数据.json"):
        exported = cli_main("export", workspace, out, "--department", "巨鹿县司法局", "--year", "2024")
        assert exported.returncode == 0, exported.stderr
        assert out.stat().st_size > 0
    assert json.loads((folder / "导出 数据.json").read_text("utf-8"))["departments"][0]["name"] == "巨鹿县司法局"
    assert cli_main("check", workspace, "--format", "json").returncode in (0, 1)
    copy = copy_workspace(workspace, folder / "副本 (1).perfdesk")
    with open_workspace(copy) as opened:
        assert opened.path == copy


def test_a_workspace_in_such_a_folder_opens_read_only(tmp_path: Path) -> None:
    """export and check open the file read-only, through the URI."""
    folder = tmp_path / AWKWARD
    folder.mkdir()
    workspace = folder / "只读 #文件%.perfdesk"
    assert cli_main("import", FIXTURES["2024"], "--into", workspace).returncode == 0
    with open_workspace(workspace, read_only=True) as opened, closing(opened.engine.raw_connection()) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE probe (x)")


def test_an_unexpected_error_is_logged_in_the_user_log_folder(tmp_path: Path, monkeypatch) -> None:
    data_home = tmp_path / "数据 目录"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("LOCALAPPDATA", str(data_home))

    def broken(_options: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("perfdesk.cli._cmd_check", broken)
    result = cli_main("check", tmp_path / "x.json")
    assert result.returncode == 70
    logs = list((data_home / "perfdesk" / "perfdesk" / "logs").glob("perfdesk-error-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in result.stderr
    logged = logs[0].read_text("utf-8")
    assert " check\n" in logged.splitlines(keepends=True)[0]  # the command, not its paths
    assert "builtins.RuntimeError" in logged  # the error and the place…
    assert "in broken" in logged
    assert str(tmp_path) not in logged  # …not the paths or the data
    assert "Traceback" not in result.stderr


def test_crash_log_falls_back_to_the_temporary_folder(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.setenv("LOCALAPPDATA", str(blocker))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr("perfdesk.cli._cmd_check", lambda _o: 1 / 0)
    result = cli_main("check", tmp_path / "x.json")
    assert result.returncode == 70
    logs = list(tmp_path.glob("perfdesk-error-*.log"))
    assert len(logs) == 1
    assert os.fspath(logs[0]) in result.stderr
