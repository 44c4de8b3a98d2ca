"""Render the Excel export of both samples with LibreOffice, to look at: bench/out/excel-*.png.

Run: ``.venv/bin/python bench/render_xlsx.py``. Writes each sample's workbook and PDF to
bench/out/ and PNGs of the pages to review: 第一部分, 项目汇总, the second 2024 table (a
numbered 绩效目标 cell) and 2021 table 18 (目标1/目标2 rows, no 其他资金).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from perfdesk.services.exporting import export_workspace
from perfdesk.services.importing import import_files
from tests.libreoffice import convert

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SAMPLES = ROOT / "perfdesk" / "data" / "samples"
#: (sample, workbook name, {PNG suffix: the text that starts the page})
PAGES = (
    ("julu-2024.json", "excel-julu-2024", {"summary": "项目汇总", "project2": "2.法治工作经费绩效目标表"}),
    ("chengde-2021.json", "excel-chengde-2021", {"part-one": "部门整体绩效目标", "project18": "18、戒毒所"}),
)


def _page_of(pdf: Path, start: str) -> int:
    """The first page whose text begins with ``start`` (the print header)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(text.split("\f"), 1):
        if page.strip().startswith(start):
            return number
    raise LookupError(f"no page of {pdf.name} starts with {start}")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for sample, name, pages in PAGES:
            workspace = Path(folder) / f"{name}.perfdesk"
            import_files([SAMPLES / sample], workspace)
            xlsx = OUT / f"{name}.xlsx"
            export_workspace(workspace, xlsx)
            convert(xlsx, OUT)  # writes OUT/<name>.pdf
            pdf = OUT / f"{name}.pdf"
            for suffix, start in pages.items():
                page = _page_of(pdf, start)
                png = OUT / f"{name}-{suffix}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        "80",
                        "-png",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-singlefile",
                        str(pdf),
                        str(png),
                    ],
                    check=True,
                )
                print(f"{png}.png  (page {page} of {pdf.name})")


if __name__ == "__main__":
    main()
