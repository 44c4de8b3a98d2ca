"""Real-file helpers for the robustness tests: a folder nobody may write, waiting for another process."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
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
