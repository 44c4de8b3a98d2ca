"""R19: the rows of one 一级指标 (and, inside it, of one 二级指标) stand together.

The printed table merges each run of equal 一级 cells, and inside it each run
of equal 二级 cells (``perfdesk.layout.indicator_table.merge_runs``, the same
merges the grid shows). A group split into two runs is printed twice, which
the finance bureau rejects. The rule only reports; it never reorders rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from perfdesk.checks.context import CheckContext, Place, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, rule
from perfdesk.layout.indicator_table import COL_LEVEL1, Run, merge_runs


@rule("R19", "同一一级/二级指标的行连在一起", Severity.ERROR)
def split_groups(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    indicators = place.project.indicators
    level1_of = [i.level1 for i in indicators]
    level2_of = [i.level2 for i in indicators]
    outer: list[Run] = []
    inner: dict[int, list[Run]] = {}  # first row of a 一级 run → its 二级 runs
    for run in merge_runs(list(zip(level1_of, level2_of, strict=True))):
        if run.column == COL_LEVEL1:
            outer.append(run)
            inner[run.first] = []
        else:
            inner[outer[-1].first].append(run)
    for label, runs in _split(outer, level1_of):
        # a stray row goes after the rows of its own 二级 in the first run, else at the end of that run
        level2 = level2_of[runs[1].first]
        same = [r for r in inner[runs[0].first] if level2_of[r.first] == level2]
        after = (same[-1] if same else runs[0]).last
        message = _message(f"一级指标“{label}”", label, runs, after, "一级")
        yield Hit(message, field="level1", row=runs[1].first)
    for level1_run in outer:
        level1 = level1_of[level1_run.first]
        for label, runs in _split(inner[level1_run.first], level2_of):
            message = _message(f"“{level1}”下的二级指标“{label}”", label, runs, runs[0].last, "二级")
            yield Hit(message, field="level2", row=runs[1].first)


def _split(runs: Sequence[Run], labels: Sequence[str]) -> Iterator[tuple[str, list[Run]]]:
    """Each label that heads two or more of ``runs``, with its runs in order (blank labels are R01's)."""
    by_label: dict[str, list[Run]] = {}
    for run in runs:
        label = labels[run.first]
        if squash(label):
            by_label.setdefault(label, []).append(run)
    for label, mine in by_label.items():
        if len(mine) > 1:
            yield label, mine


def _message(what: str, label: str, runs: Sequence[Run], after: int, level: str) -> str:
    """What is split, where, and which rows to move where (``after``: 0-based row to put them behind)."""
    return (
        f"{what}的行分成了 {len(runs)} 处（{_rows(runs)}），打印时“{label}”会出现 {len(runs)} 次，"
        f"财政部门会退回。请把{_rows(runs[1:])}移到“{label}”组内（第{after + 1}行之后），"
        f"使同一{level}指标的行连在一起。"
    )


def _span(run: Run) -> str:
    """``第5行`` or ``第5～7行`` (1-based, as the clerk sees the rows)."""
    return f"第{run.first + 1}行" if run.count == 1 else f"第{run.first + 1}～{run.last + 1}行"


def _rows(runs: Sequence[Run]) -> str:
    return "、".join(_span(run) for run in runs)
