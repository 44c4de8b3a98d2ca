"""Excel export and import of a 1,000-project department (goal: export ≤ 8 s, import ≤ 5 s).

Run: ``.venv/bin/python bench/bench_xlsx.py``. Times what a clerk waits for: ``perfdesk export
WS OUT.xlsx`` (open the workspace, run the checks for 项目汇总, write the workbook) and
``perfdesk import OUT.xlsx --into NEW`` (check, read, store), and the writer and reader alone.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from bench.generate import synthetic_department
from perfdesk.export.xlsx.workbook import write_xlsx
from perfdesk.importers.json_import import import_into
from perfdesk.importers.xlsx import read_workbook
from perfdesk.models import open_workspace
from perfdesk.services.exporting import export_workspace
from perfdesk.services.importing import import_files

SIZE = 1000


def timed_cpu(label: str, action: Callable[[], object], repeat: int = 3) -> None:
    """The median wall time, then the median CPU time: on a shared machine the wall time
    also measures the neighbours, the CPU time only this process."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"{label:<48} {statistics.median(wall) * 1000:9.1f} ms  (median of {repeat})")
    print(f"{'':<48} {statistics.median(cpu) * 1000:9.1f} ms CPU")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="perfdesk-bench-xlsx-"))
    workspace = folder / "bench.perfdesk"
    dept = synthetic_department(SIZE)
    with open_workspace(workspace, create=True) as ws:
        import_into(ws, [dept])
    target = folder / "out.xlsx"
    timed_cpu(f"export {SIZE} projects (open, checks, write)", lambda: export_workspace(workspace, target))
    print(f"  {target.stat().st_size / 1024:.0f} KiB")
    transient = synthetic_department(SIZE)
    timed_cpu(f"write_xlsx alone, {SIZE} projects", lambda: write_xlsx([transient], target))

    def import_new() -> None:
        fresh = folder / "back.perfdesk"
        fresh.unlink(missing_ok=True)
        import_files([target], fresh)

    timed_cpu(f"import {SIZE} projects (check, read, store)", import_new)
    timed_cpu(f"read_workbook alone, {SIZE} projects", lambda: read_workbook(target))


if __name__ == "__main__":
    main()
