"""Real-file helpers for the robustness tests: another process editing a workspace, a folder nobody may
write, waiting for another process."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class immutable:
    """A folder nobody may create files in, root included (``chattr +i``); skips where that is unavailable."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> Path:
        try:
            done = subprocess.run(["chattr", "+i", str(self.folder)], capture_output=True, check=False)
        except OSError:
            pytest.skip("chattr is not available here")
        if done.returncode != 0:
            pytest.skip("chattr +i is not available here")
        return self.folder

    def __exit__(self, *_exc: object) -> None:
        subprocess.run(["chattr", "-i", str(self.folder)], check=True)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll until ``condition()`` holds (another process got somewhere)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.02)


_HOLD = """
import sys, time
from perfdesk.services.editing import EditSession
edits = EditSession.open(sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""


@contextmanager
def editing_elsewhere(workspace: Path) -> Iterator[subprocess.Popen]:
    """Another process with ``workspace`` open for editing, as a second perfdesk would; killed (-9) at the end."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(workspace)], stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)
