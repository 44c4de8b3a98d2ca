"""The benchmark: ``python -m bench`` measures perfdesk whole-process, beside baselines, and writes bench/RESULTS.md.

Every figure is a fresh process (imports, reading the file and writing the output included),
run several times, each measure interleaved with its baseline in the same round, so a machine
shared with other work slows both alike: the ratios mean something even when the absolute times
do not. Workspaces come from ``bench.generate`` (N projects of the samples' text).

    .venv/bin/python -m bench                     # 24, 200, 1,000 and 3,000 projects (several minutes)
    .venv/bin/python -m bench --sizes 24 200      # a quick look
    .venv/bin/python -m bench --runs 5 --out RESULTS.md

Measures (medians; the goals of issue 17 beside them):

* start-up: the main window shown with a workspace open vs a bare PySide6 window; the tree filled;
* in the GUI (bench/gui_probe.py): opening the file until the tree is shown, selecting a project,
  one committed grid edit, its undo, renaming a project, the GUI's peak memory;
* commands: ``perfdesk import`` (JSON), ``perfdesk check``, ``perfdesk export`` to Word and (when
  its writer is registered) Excel, and ``perfdesk import`` of that Excel workbook, with their peak
  memory, beside ``perfdesk --version`` (a process that starts and does nothing) and the Word export
  beside a naive python-docx writer (bench/naive_docx.py) of the same tables.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench.generate import write_document

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SIZES = (24, 200, 1000, 3000)
#: The naive writer takes 2–3 minutes at 1,000 projects (one run), where the goal is set; it is not run beyond.
NAIVE_MAX = 1000


@dataclass
class Sample:
    """One process: its wall time, its peak memory and what it printed as JSON (the GUI probe)."""

    wall: float
    peak_mb: float
    report: dict[str, float] = field(default_factory=dict)
    cpu: float = 0.0  # user + system time (s): what a busy shared machine inflates least


def run(args: Sequence[str], *, before: Callable[[], object] = lambda: None) -> Sample:
    """Run one process to the end; its peak memory comes from the kernel (``wait4``), not from itself."""
    before()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):  # perfdesk check exits 1 when it finds errors
        raise RuntimeError(f"{' '.join(args)} exited with {proc.returncode}:\n{text}")
    last = text.strip().splitlines()[-1] if text.strip() else ""
    report = json.loads(last) if last.startswith("{") else {}
    return Sample(wall, report.get("peak_mb", usage.ru_maxrss / 1024), report, usage.ru_utime + usage.ru_stime)


@dataclass
class Measure:
    """A named process to run each round, and how to read a figure from its samples."""

    name: str
    args: Sequence[str]
    before: Callable[[], object] = lambda: None
    timed_start: bool = False  # pass the launch time (``--start``): the GUI probe measures from it
    max_runs: int | None = None  # a slow baseline runs in the first rounds only
    samples: list[Sample] = field(default_factory=list)

    def command(self) -> list[str]:
        return [*self.args, "--start", repr(time.time())] if self.timed_start else list(self.args)

    def median(self, key: str = "wall") -> float:
        values = [s.report[key] if key in s.report else getattr(s, key) for s in self.samples]
        return statistics.median(values)

    def spread(self, key: str = "wall") -> tuple[float, float]:
        values = [s.report[key] if key in s.report else getattr(s, key) for s in self.samples]
        return min(values), max(values)


def interleaved(measures: list[Measure], runs: int) -> None:
    """Each round runs every measure once, in order, so baselines and measures share the machine's mood."""
    for round_number in range(runs):
        for measure in measures:
            if measure.max_runs is None or len(measure.samples) < measure.max_runs:
                measure.samples.append(run(measure.command(), before=measure.before))
        print(f"  round {round_number + 1}/{runs}: " + ", ".join(m.name for m in measures), file=sys.stderr)


# --- the files measured ------------------------------------------------------------------------


class Files:
    """The generated JSON documents and imported workspaces, one per size, in a scratch folder."""

    def __init__(self, folder: Path, sizes: Sequence[int], xlsx: bool = False) -> None:
        self.folder = folder
        for size in sizes:
            write_document(self.json(size), size)
            run(["-m", "perfdesk", "import", str(self.json(size)), "--into", str(self.workspace(size))])
            if xlsx:  # the workbook the Excel import reads
                run(["-m", "perfdesk", "export", str(self.workspace(size)), str(self.xlsx(size))])

    def json(self, size: int) -> Path:
        return self.folder / f"dept-{size}.json"

    def workspace(self, size: int) -> Path:
        return self.folder / f"dept-{size}.perfdesk"

    def xlsx(self, size: int) -> Path:
        return self.folder / f"dept-{size}.xlsx"

    def scratch(self, name: str) -> Path:
        return self.folder / name

    def fresh_copy(self, size: int) -> Callable[[], object]:
        """Copy the workspace aside before a GUI run (the run edits it)."""
        return partial(shutil.copyfile, self.workspace(size), self.gui_copy(size))

    def gui_copy(self, size: int) -> Path:
        return self.scratch(f"gui-{size}.perfdesk")

    def removed(self, path: Path) -> Callable[[], object]:
        return partial(path.unlink, missing_ok=True)


def xlsx_registered() -> bool:
    from perfdesk.export.registry import formats

    return any(fmt.suffix == ".xlsx" for fmt in formats())


# --- the tables ----------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def sec(seconds: float) -> str:
    return f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "✓" if ok else "✗"


def startup_table(bare: Measure, seed: Measure, big: Measure | None) -> list[str]:
    base = bare.median("shown")
    rows = [
        "| measure | median | min – max | × bare window | goal |",
        "|---|---|---|---|---|",
        f"| bare PySide6 window shown (baseline) | {ms(base)} | "
        f"{ms(bare.spread('shown')[0])} – {ms(bare.spread('shown')[1])} | 1.0 | |",
    ]
    for label, measure in (("24 projects (seed)", seed), ("1,000 projects", big)):
        if measure is None:
            continue
        shown, filled = measure.median("shown"), measure.median("filled")
        goal = f"≤ 2.5 × {verdict(shown <= 2.5 * base)}" if measure is seed else ""
        low, high = measure.spread("shown")
        rows.append(
            f"| main window shown, {label} | {ms(shown)} | {ms(low)} – {ms(high)} | {shown / base:.1f} | {goal} |"
        )
        low, high = measure.spread("filled")
        rows.append(f"| … its tree filled | {ms(filled)} | {ms(low)} – {ms(high)} | {filled / base:.1f} | |")
    return rows


GUI_STEPS = (
    ("open", "file opened → tree shown", 0.3),
    ("select_first", "first project selected → editor and grid shown", 0.05),
    ("select", "another project selected", 0.05),
    ("edit", "one committed grid edit", 0.03),
    ("undo", "its undo", 0.03),
    ("rename", "rename a project in the tree", 0.03),
)


def gui_table(measures: dict[int, Measure]) -> list[str]:
    sizes = sorted(measures)
    largest = sizes[-1]
    head = "| in the GUI | " + " | ".join(f"{size:,} projects" for size in sizes)
    rows = [f"{head} | {largest:,} ÷ {sizes[0]} | goal |", "|---" * (len(sizes) + 3) + "|"]
    for key, label, goal in GUI_STEPS:
        values = [measures[size].median(key) for size in sizes]
        judged = values[sizes.index(1000)] if 1000 in sizes else values[-1]
        growth = values[-1] / values[0]
        rows.append(
            f"| {label} | "
            + " | ".join(ms(v) for v in values)
            + f" | {growth:.1f} | ≤ {ms(goal)} {verdict(judged <= goal)} |"
        )
    peaks = [measures[size].median("peak_mb") for size in sizes]
    judged = peaks[sizes.index(1000)] if 1000 in sizes else peaks[-1]
    rows.append(
        "| peak memory of the GUI | "
        + " | ".join(f"{p:.0f} MB" for p in peaks)
        + f" | {peaks[-1] / peaks[0]:.1f} | ≤ 200 MB at 1,000 {verdict(judged <= 200)} |"
    )
    return rows


COMMAND_GOALS: dict[str, tuple[float | None, float | None]] = {
    "import": (1.0, None),
    "check": (0.5, None),
    "word": (2.0, 250.0),
    "excel": (4.0, None),
    "excel import": (None, None),  # no goal in issue 17; the older one was 5 s
}


def command_table(base: Measure, commands: dict[str, dict[int, Measure]], naive: dict[int, Measure]) -> list[str]:
    sizes = sorted(next(iter(commands.values())))
    head = "| whole command | " + " | ".join(f"{size:,} projects" for size in sizes) + " | goal at 1,000 |"
    rows = [head, "|---" * (len(sizes) + 2) + "|"]
    rows.append(
        "| `perfdesk --version` (process start, baseline) | " + " | ".join(sec(base.median()) for _ in sizes) + " | |"
    )
    labels = {"import": "`perfdesk import` (JSON)", "check": "`perfdesk check`", "word": "`perfdesk export` Word"}
    labels["excel"] = "`perfdesk export` Excel"
    labels["excel import"] = "`perfdesk import` (Excel, the workbook above)"
    for name, by_size in commands.items():
        goal_s, goal_mb = COMMAND_GOALS[name]
        cells = [f"{sec(by_size[size].median())} · {by_size[size].median('peak_mb'):.0f} MB" for size in sizes]
        goal = ""
        if 1000 in by_size:
            at = by_size[1000]
            goals = [] if goal_s is None else [f"≤ {goal_s:g} s {verdict(at.median() <= goal_s)}"]
            if goal_mb is not None:
                goals.append(f"≤ {goal_mb:g} MB {verdict(at.median('peak_mb') <= goal_mb)}")
            goal = ", ".join(goals)
        rows.append(f"| {labels[name]} | " + " | ".join(cells) + f" | {goal} |")
        if name == "word" and naive:
            cells = [
                f"{sec(naive[size].median())} (× {naive[size].median() / by_size[size].median():.0f})"
                if size in naive
                else "—"
                for size in sizes
            ]
            rows.append(
                "| naive python-docx writer, same tables, one run (× slower) | " + " | ".join(cells) + " | ≥ 50 × |"
            )
    rows.append(
        "| growth 200 → 3,000 projects (linear: × 15) | "
        + " | ".join("" for _ in sizes)
        + " | "
        + ", ".join(
            f"{name} × {by_size[3000].median() / by_size[200].median():.1f}"
            for name, by_size in commands.items()
            if 200 in by_size and 3000 in by_size
        )
        + " |"
    )
    return rows


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "?",
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- machine: {cpu}, {os.cpu_count()} cores, {platform.platform()}",
        f"- Python {platform.python_version()}; load average at the end {load}",
        f"- measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
    ]


# --- the whole run ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="projects per department")
    parser.add_argument("--runs", type=int, default=3, help="rounds of every measure (medians)")
    parser.add_argument("--naive-max", type=int, default=NAIVE_MAX, help="largest size for the naive Word writer")
    parser.add_argument("--out", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    sizes = sorted(set(options.sizes) | {24})
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    folder = Path(tempfile.mkdtemp(prefix="perfdesk-bench-"))
    try:
        print(f"generating {sizes} projects in {folder}", file=sys.stderr)
        files = Files(folder, sizes, xlsx=xlsx_registered())
        lines = _measure(files, sizes, options.runs, options.naive_max)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    header = [
        "# perfdesk benchmark",
        "",
        "Written by `python -m bench` (see README, Development → Benchmark). Whole processes, offscreen; "
        f"medians of {options.runs} rounds, each measure interleaved with its baseline. "
        "On a shared machine only the ratios within one run mean something.",
        "",
        *machine(),
        f"- load average at the start {load_before}",
        "",
    ]
    options.out.write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")
    print(options.out.read_text(encoding="utf-8"))


def _measure(files: Files, sizes: list[int], runs: int, naive_max: int) -> list[str]:
    probe = ["-m", "bench.gui_probe"]
    bare = Measure("bare window", [*probe, "--bare"], timed_start=True)
    seed = Measure("start 24", [*probe, str(files.gui_copy(24))], files.fresh_copy(24), timed_start=True)
    big = None
    start_measures = [bare, seed]
    if 1000 in sizes:
        big = Measure("start 1000", [*probe, str(files.gui_copy(1000))], files.fresh_copy(1000), timed_start=True)
        start_measures.append(big)
    print("start-up", file=sys.stderr)
    interleaved(start_measures, max(runs, 5))

    gui = {
        size: Measure(f"gui {size}", [*probe, str(files.gui_copy(size)), "--steps"], files.fresh_copy(size))
        for size in sizes
    }
    print("GUI steps", file=sys.stderr)
    interleaved(list(gui.values()), runs)

    cli = ["-m", "bench.peak", "perfdesk"]  # the peak memory of the command itself (bench/peak.py)
    base = Measure("perfdesk --version", [*cli, "--version"])
    commands: dict[str, dict[int, Measure]] = {"import": {}, "check": {}, "word": {}}
    if xlsx_registered():
        commands["excel"] = {}
        commands["excel import"] = {}
    naive: dict[int, Measure] = {}
    measures = [base]
    for size in sizes:
        ws, target = str(files.workspace(size)), files.scratch(f"import-{size}.perfdesk")
        by_name = {
            "import": Measure(
                f"import {size}", [*cli, "import", str(files.json(size)), "--into", str(target)], files.removed(target)
            ),
            "check": Measure(f"check {size}", [*cli, "check", ws]),
            "word": Measure(f"word {size}", [*cli, "export", ws, str(files.scratch(f"out-{size}.docx"))]),
            "excel": Measure(f"excel {size}", [*cli, "export", ws, str(files.scratch(f"out-{size}.xlsx"))]),
            "excel import": Measure(
                f"excel import {size}",
                [*cli, "import", str(files.xlsx(size)), "--into", str(target)],
                files.removed(target),
            ),
        }
        for name, by_size in commands.items():
            by_size[size] = by_name[name]
            measures.append(by_name[name])
        if size <= naive_max:
            naive[size] = Measure(
                f"naive {size}",
                ["-m", "bench.peak", "bench.naive_docx", ws, str(files.scratch(f"naive-{size}.docx"))],
                max_runs=1,
            )
            measures.append(naive[size])
    print("commands", file=sys.stderr)
    interleaved(measures, runs)

    return [
        "## Start-up",
        "",
        *startup_table(bare, seed, big),
        "",
        "## In the GUI",
        "",
        "Each step until every event it caused is processed (`bench/gui_probe.py`), on the middle project of the "
        "tree; the ÷ column is the cost at the largest size over the cost at seed size (1.0: independent of size).",
        "",
        *gui_table(gui),
        "",
        "## Commands (time · peak memory)",
        "",
        *command_table(base, commands, naive),
        "",
    ]


if __name__ == "__main__":
    main()
