"""Benchmark GUI start: process launch → main window showing a workspace, offscreen.

Run: .venv/bin/python bench/bench_startup.py
Each figure is a fresh process (imports included), median of 3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from bench.common import FIXTURE_2021, synthetic_department
from perfdesk.importers.json_import import import_into, load_json_file, read_document
from perfdesk.models import open_workspace

_CHILD = """
import sys, time
start = float(sys.argv[2])
from PySide6.QtCore import QSettings
from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.show()
window.open_path(sys.argv[1])
app.processEvents()
print(time.time() - start)
"""


def _launch(path: Path, home: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), repr(time.time())],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="perfdesk-start-"))
    for label, make in [
        ("2021 fixture (24 projects)", lambda: read_document(load_json_file(FIXTURE_2021))[0]),
        ("synthetic 1,000 projects", lambda: synthetic_department(1000)),
    ]:
        path = folder / f"{len(label)}.perfdesk"
        with open_workspace(path, create=True) as ws:
            import_into(ws, [make()])
        times = [_launch(path, folder) for _ in range(3)]
        print(f"start → window with {label:<28} {statistics.median(times) * 1000:8.0f} ms  (median of 3)")


if __name__ == "__main__":
    main()
