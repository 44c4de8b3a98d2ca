"""One writer per workspace: the lock file, with real processes holding it, crashing and competing.

A holder is a separate Python process that opens the workspace for editing (as the main window
does) and keeps it open; the command line and this process then meet its lock. ``kill -9``
ends a holder as a crash would: its lock must not keep the workspace locked for good.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from perfdesk.errors import WorkspaceLocked
from perfdesk.models import open_workspace
from perfdesk.models.lock import LockInfo, WorkspaceLock, holder, lock_path
from perfdesk.services.editing import EditSession
from tests.conftest import FIXTURE_2021, FIXTURE_2024, cli_main
from tests.file_helpers import editing_elsewhere, immutable


@pytest.fixture
def held(workspace_2024: Path) -> Iterator[subprocess.Popen]:
    """Another process with ``workspace_2024`` open for editing."""
    with editing_elsewhere(workspace_2024) as process:
        yield process


def test_the_lock_file_says_who_holds_it_and_goes_with_the_holder(workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    info = json.loads(lock_path(workspace_2024).read_text("utf-8"))
    assert info["pid"] == os.getpid()
    assert info["host"] == socket.gethostname()
    assert info["app"] == "perfdesk"
    edits.close()
    assert not lock_path(workspace_2024).exists()
    assert holder(workspace_2024) is None


def test_the_cli_refuses_to_write_into_a_workspace_open_elsewhere(held, workspace_2024: Path, tmp_path: Path) -> None:
    before = workspace_2024.read_bytes()
    result = cli_main("import", FIXTURE_2024, "--into", workspace_2024, "--replace")
    assert result.returncode == 2
    assert f"计算机 {socket.gethostname()}" in result.stderr  # which computer holds it
    assert "打开编辑" in result.stderr
    assert workspace_2024.read_bytes() == before
    # reading is fine meanwhile
    assert cli_main("check", workspace_2024).returncode == 0
    exported = cli_main("export", workspace_2024, tmp_path / "out.json")
    assert exported.returncode == 0, exported.stderr


def test_a_second_writer_in_this_process_is_refused_and_may_read(held, workspace_2024: Path) -> None:
    with pytest.raises(WorkspaceLocked) as refused:
        EditSession.open(workspace_2024)
    assert isinstance(refused.value.holder, LockInfo)
    assert refused.value.holder.pid == held.pid
    viewer = EditSession.open(workspace_2024, read_only=True)
    assert viewer.read_only
    assert viewer.departments()[0].name == "巨鹿县司法局"
    viewer.close()


def test_two_windows_of_one_process_do_not_share_the_lock(workspace_2024: Path) -> None:
    first = EditSession.open(workspace_2024)
    with pytest.raises(WorkspaceLocked):
        EditSession.open(workspace_2024)  # POSIX locks belong to the process: remembered per path
    first.close()
    EditSession.open(workspace_2024).close()


def test_a_crashed_holder_leaves_a_stale_lock_that_the_next_writer_takes_over(held, workspace_2024: Path) -> None:
    os.kill(held.pid, signal.SIGKILL)
    held.wait(10)
    assert lock_path(workspace_2024).exists()  # left behind by the crash
    assert holder(workspace_2024) is None  # but nobody holds it
    result = cli_main("import", FIXTURE_2021, "--into", workspace_2024)
    assert result.returncode == 0, result.stderr
    assert not lock_path(workspace_2024).exists()


def test_the_lock_is_taken_by_exactly_one_of_many_racing_processes(tmp_path: Path) -> None:
    target = tmp_path / "race.perfdesk"
    race = (
        "import sys, time\n"
        "from perfdesk.models.lock import WorkspaceLock\n"
        "from perfdesk.errors import WorkspaceLocked\n"
        "try:\n"
        "    lock = WorkspaceLock(sys.argv[1]).acquire()\n"
        "except WorkspaceLocked:\n"
        "    print('refused', flush=True)\n"
        "else:\n"
        "    print('won', flush=True); time.sleep(3)\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", race, str(target)], stdout=subprocess.PIPE, text=True) for _ in range(4)
    ]
    outcomes = sorted(p.communicate(timeout=60)[0].strip() for p in processes)
    assert outcomes == ["refused", "refused", "refused", "won"]


def test_a_workspace_in_a_folder_nobody_may_write_is_refused_for_writing_only(workspace_2024: Path) -> None:
    with immutable(workspace_2024.parent):
        result = cli_main("import", FIXTURE_2021, "--into", workspace_2024)
        assert result.returncode == 2
        assert "只读" in result.stderr
        assert "Traceback" not in result.stderr
        with open_workspace(workspace_2024, read_only=True) as workspace, workspace.session() as session:
            assert len(workspace.departments(session)) == 1


def test_lock_as_context_manager_and_release_twice(tmp_path: Path) -> None:
    lock = WorkspaceLock(tmp_path / "x.perfdesk")
    with lock:
        assert holder(tmp_path / "x.perfdesk") == lock.info
    lock.release()
    assert not lock_path(tmp_path / "x.perfdesk").exists()


def test_a_workspace_opened_without_taking_the_lock_is_still_writable(tmp_path: Path) -> None:
    path = tmp_path / "held-by-caller.perfdesk"
    with WorkspaceLock(path):  # the caller holds the lock (a first import, 新建)
        workspace = open_workspace(path, create=True, lock=False)
        assert not workspace.read_only
        workspace.close()
        assert holder(path) is not None  # closing it did not release the caller's lock
    with open_workspace(path, read_only=True) as viewer:
        assert viewer.read_only
