"""Rotating backups in the user's data folder: made when something changed, pruned to N, listed, restored as a copy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from perfdesk import locations
from perfdesk.errors import WorkspaceError
from perfdesk.models import open_workspace
from perfdesk.services.backups import folder_for, list_backups, make_backup, restore_backup
from perfdesk.services.editing import EditSession
from tests.conftest import FIXTURE_2021, cli_main


def _touch_later(path: Path, seconds: float) -> None:
    """Say the file changed ``seconds`` after its backups (backups compare modification times)."""
    stamp = path.stat().st_mtime + seconds
    os.utime(path, (stamp, stamp))


def test_a_backup_is_a_readable_copy_in_the_user_data_folder(workspace_2024: Path) -> None:
    made = make_backup(workspace_2024)
    assert made is not None
    assert made.parent == folder_for(workspace_2024)
    assert made.parent.parent == locations.backup_dir()
    assert str(made).startswith(os.environ["XDG_DATA_HOME"])  # the test's private profile
    with open_workspace(made, read_only=True) as copy, copy.session() as session:
        assert [d.label() for d in copy.departments(session)] == ["巨鹿县司法局 2024年"]
    assert make_backup(workspace_2024) is None  # nothing changed since


def test_backups_are_kept_to_the_last_n(workspace_2024: Path) -> None:
    made = []
    for _ in range(5):
        made.append(make_backup(workspace_2024, keep=3))
        for backup in made[-1:]:
            assert backup is not None
            os.utime(backup, (backup.stat().st_mtime - 100,) * 2)  # this backup is older than the file…
        _touch_later(workspace_2024, 1)  # …and the file changed after it
    remaining = sorted(p.name for p in folder_for(workspace_2024).iterdir())
    assert len(remaining) == 3
    assert remaining == sorted(p.name for p in made[-3:] if p is not None)


def test_listing_says_when_and_what_and_restoring_makes_a_new_file(workspace_2024: Path, tmp_path: Path) -> None:
    make_backup(workspace_2024)
    assert cli_main("import", FIXTURE_2021, "--into", workspace_2024).returncode == 0
    _touch_later(workspace_2024, 5)
    make_backup(workspace_2024)
    backups = list_backups(workspace_2024)
    assert len(backups) == 2
    newest, oldest = backups
    assert newest.made >= oldest.made
    assert oldest.departments == ("巨鹿县司法局 2024年",)
    assert oldest.projects == 8
    assert set(newest.departments) == {"巨鹿县司法局 2024年", "承德市司法局 2021年"}
    target = tmp_path / "恢复.perfdesk"
    restore_backup(oldest.path, target)
    with open_workspace(target, read_only=True) as restored, restored.session() as session:
        assert [d.label() for d in restored.departments(session)] == ["巨鹿县司法局 2024年"]
    edits = EditSession.open(workspace_2024)
    with pytest.raises(WorkspaceError, match="打开编辑"):  # never over a workspace in use
        restore_backup(oldest.path, workspace_2024)
    edits.close()


def test_a_damaged_backup_is_listed_with_the_reason(workspace_2024: Path) -> None:
    made = make_backup(workspace_2024)
    assert made is not None
    with sqlite3.connect(made) as conn:
        conn.execute("UPDATE project SET budget = 'abc'")
    (backup,) = list_backups(workspace_2024)
    assert backup.problem is not None
    assert backup.contents.startswith("无法读取")
    with pytest.raises(WorkspaceError, match="不是 perfdesk 的备份"):
        restore_backup(workspace_2024, workspace_2024.with_name("x.perfdesk"))


def test_two_workspaces_of_one_name_get_separate_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "ws.perfdesk", tmp_path / "b" / "ws.perfdesk"
    assert folder_for(a) != folder_for(b)
    assert folder_for(a).name.startswith("ws-")
