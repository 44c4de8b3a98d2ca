"""Writes that must never destroy anything: an export onto its own workspace, a read-only target,
leftovers of killed writes, a first import killed half-way, 新建/另存为 over a file open elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from perfdesk.errors import WorkspaceError
from perfdesk.services.copying import copy_workspace, new_workspace_file
from perfdesk.services.editing import EditSession
from perfdesk.tempfiles import clean_stale, is_temp_name, temp_path
from tests.conftest import FIXTURE_2024, cli_main, fixture_data
from tests.file_helpers import wait_for


def test_an_export_onto_the_workspace_itself_is_refused(tmp_path: Path, workspace_2024: Path) -> None:
    named_json = tmp_path / "ws.json"  # a workspace that happens to be named .json
    shutil.copyfile(workspace_2024, named_json)
    before = named_json.read_bytes()
    for target in (named_json, tmp_path / "." / "ws.json"):
        result = cli_main("export", named_json, target)
        assert result.returncode == 2
        assert "就是这个工作区文件本身" in result.stderr
    link = tmp_path / "link.json"
    link.symlink_to(named_json)
    assert cli_main("export", named_json, link).returncode == 2
    assert named_json.read_bytes() == before


def test_a_read_only_target_is_refused_on_every_system(tmp_path: Path, workspace_2024: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep", "utf-8")
    target.chmod(0o444)
    result = cli_main("export", workspace_2024, target)
    assert result.returncode == 2
    assert "只读" in result.stderr
    assert target.read_text("utf-8") == "keep"  # the message said refused, and it was


def test_leftovers_of_killed_writes_are_cleaned_and_nothing_else(tmp_path: Path, workspace_2024: Path) -> None:
    target = tmp_path / "out.json"
    dead = tmp_path / ".out.999999999-0badcafe.tmp"  # a process id no system gives out
    mine = temp_path(target)  # this process: still writing
    foreign = tmp_path / ".out.abc.tmp"  # not perfdesk's pattern
    for path in (dead, mine, foreign):
        path.write_text("x", "utf-8")
    assert is_temp_name(dead.name)
    assert is_temp_name(mine.name)
    assert not is_temp_name(foreign.name)
    result = cli_main("export", workspace_2024, target)
    assert result.returncode == 0, result.stderr
    assert not dead.exists()
    assert mine.exists()
    assert foreign.exists()
    old = tmp_path / ".x.1-00000000.tmp"
    old.write_text("x", "utf-8")
    os.utime(old, (0, 0))  # older than a day, whoever made it
    assert clean_stale(tmp_path) == [old]


def _big_document(path: Path, copies: int) -> None:
    data = fixture_data("2024")
    template = data["departments"][0]
    data["departments"] = [{**template, "name": f"部门{i:04d}"} for i in range(copies)]
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_a_first_import_killed_half_way_leaves_no_workspace(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    _big_document(source, 400)
    target = tmp_path / "new.perfdesk"
    process = subprocess.Popen(
        [sys.executable, "-m", "perfdesk", "import", str(source), "--into", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: any(is_temp_name(p.name) for p in tmp_path.iterdir()) or process.poll() is not None)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    assert not target.exists()  # never an empty or half-written workspace under the real name
    assert any(is_temp_name(p.name) for p in tmp_path.iterdir())
    result = cli_main("import", FIXTURE_2024, "--into", target)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir() if is_temp_name(p.name)] == []  # the leftover went


def test_new_and_save_as_never_replace_a_workspace_open_for_editing(tmp_path: Path, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    before = workspace_2024.read_bytes()
    with pytest.raises(WorkspaceError, match="打开编辑"):
        new_workspace_file(workspace_2024)
    other = tmp_path / "other.perfdesk"
    new_workspace_file(other)
    with pytest.raises(WorkspaceError, match="打开编辑"):
        copy_workspace(other, workspace_2024)
    edits.close()
    assert workspace_2024.read_bytes() == before
