"""Benchmark the foundation: CLI start, import, open and load, JSON export, at seed size and 1,000 projects.

Run: .venv/bin/python bench/bench_workspace.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from bench.common import FIXTURE_2021, synthetic_department, timed
from perfdesk.export.json_export import write_json
from perfdesk.importers.json_import import import_into, load_json_file, read_document
from perfdesk.models import Department, open_workspace


def _fresh_import(path: Path, make: Callable[[], Department]) -> None:
    path.unlink(missing_ok=True)
    with open_workspace(path, create=True) as ws:
        import_into(ws, [make()])


def _load_everything(path: Path) -> int:
    with open_workspace(path) as ws, ws.session() as session:
        return sum(len(p.indicators) for d in ws.departments(session) for p in d.projects)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="perfdesk-bench-"))
    timed(
        "perfdesk --version (process start)",
        lambda: subprocess.run([sys.executable, "-m", "perfdesk", "--version"], check=True, capture_output=True),
    )
    path = folder / "bench.perfdesk"

    def export() -> None:
        with open_workspace(path) as ws, ws.session() as session:
            write_json(ws.departments(session), folder / "out.json")

    for label, make in [
        ("2021 fixture (24 projects)", lambda: read_document(load_json_file(FIXTURE_2021))[0]),
        ("synthetic 1,000 projects", lambda: synthetic_department(1000)),
    ]:
        timed(f"import {label}", partial(_fresh_import, path, make))
        rows = _load_everything(path)
        timed(f"open + load all ({rows} indicator rows)", lambda: _load_everything(path))
        timed(f"JSON export {label}", export)
        print(f"  file size: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
