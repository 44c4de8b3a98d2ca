"""Word export timing: the 2021 fixture (24 projects) and synthetic departments up to 1,000 projects.

Run: ``.venv/bin/python bench/bench_export_docx.py``. Prints the median wall
time of each size and the time per project, to show how time grows with size.
"""

from __future__ import annotations

import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import fixture_department, synthetic_department, timed
from perfdesk.export.docx.document import write_docx

SIZES = (100, 250, 500, 1000)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        fixture = fixture_department()
        base = timed(f"2021 fixture ({len(fixture.projects)} projects)", lambda: write_docx([fixture], target))
        print(
            f"{'':<48} {base / len(fixture.projects) * 1000:9.2f} ms per project, "
            f"{target.stat().st_size / 1024:.0f} KiB"
        )
        for size in SIZES:
            dept = synthetic_department(size)
            seconds = timed(
                f"synthetic, {size} projects", partial(write_docx, [dept], target), repeat=3 if size < 1000 else 2
            )
            print(f"{'':<48} {seconds / size * 1000:9.2f} ms per project, {target.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
