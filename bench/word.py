"""The Word export's rows of the benchmark alone: ``perfdesk export`` to .docx beside the naive writer.

The same processes and table as ``python -m bench`` (its ``Measure``, ``Files`` and ``command_table``):
each size's export interleaved with ``perfdesk --version`` and, once per size up to ``--naive-max``,
the naive cell-by-cell python-docx writer (bench/naive_docx.py, 2–3 minutes at 1,000 projects).
For working on the Word writer without the GUI and the other commands' ten minutes.

Run: ``.venv/bin/python -m bench.word [--sizes 24 200 1000 3000] [--runs 3] [--out word.md]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.__main__ import NAIVE_MAX, SIZES, Files, Measure, command_table, interleaved, machine


def measure(files: Files, sizes: Sequence[int], runs: int, naive_max: int) -> list[str]:
    """The Word export's table: each size's export, its baseline and (up to ``naive_max``) the naive writer."""
    cli = ["-m", "bench.peak", "perfdesk"]
    base = Measure("perfdesk --version", [*cli, "--version"])
    word: dict[int, Measure] = {}
    naive: dict[int, Measure] = {}
    measures = [base]
    for size in sizes:
        ws = str(files.workspace(size))
        word[size] = Measure(f"word {size}", [*cli, "export", ws, str(files.scratch(f"out-{size}.docx"))])
        measures.append(word[size])
        if size <= naive_max:
            naive_out = str(files.scratch(f"naive-{size}.docx"))
            naive[size] = Measure(f"naive {size}", ["-m", "bench.peak", "bench.naive_docx", ws, naive_out], max_runs=1)
            measures.append(naive[size])
    interleaved(measures, runs)
    rows = command_table(base, {"word": word}, naive)
    cpu = " | ".join(f"{word[size].median('cpu'):.2f} s" for size in sizes)
    after = next(i for i, row in enumerate(rows) if row.startswith("| `perfdesk export` Word")) + 1
    return [*rows[:after], f"| … its CPU time (user + system) | {cpu} | |", *rows[after:]]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.word", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="projects per department")
    parser.add_argument("--runs", type=int, default=3, help="rounds (medians)")
    parser.add_argument("--naive-max", type=int, default=NAIVE_MAX, help="largest size for the naive writer")
    parser.add_argument("--out", type=Path, help="also write the table here (Markdown)")
    options = parser.parse_args(argv)
    sizes = sorted(set(options.sizes))
    folder = Path(tempfile.mkdtemp(prefix="perfdesk-bench-word-"))
    try:
        print(f"generating {sizes} projects in {folder}", file=sys.stderr)
        lines = measure(Files(folder, sizes), sizes, options.runs, options.naive_max)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text = "\n".join([*machine(), f"- medians of {options.runs} rounds", "", *lines])
    if options.out is not None:
        options.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
