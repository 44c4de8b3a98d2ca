"""The 一级/二级/三级 indicator table as printed: its columns, cells and vertical merges.

One Qt-free description consumed by the Word writer, the Excel writer and the
grid editor, so the screen and the paper merge the same cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from perfdesk.models import Indicator

COLUMNS: tuple[str, ...] = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
COL_LEVEL1, COL_LEVEL2, COL_NAME, COL_DESCRIPTION, COL_VALUE, COL_BASIS = range(6)

#: The Indicator attributes behind each plain-text column (指标值 prints op + value + unit instead).
TEXT_COLUMN_FIELDS: dict[int, str] = {
    COL_LEVEL1: "level1",
    COL_LEVEL2: "level2",
    COL_NAME: "name",
    COL_DESCRIPTION: "description",
    COL_BASIS: "basis",
}
#: Indicator attribute → the column that prints it.
FIELD_COLUMNS: dict[str, int] = {
    **{field: column for column, field in TEXT_COLUMN_FIELDS.items()},
    "op": COL_VALUE,
    "value": COL_VALUE,
    "unit": COL_VALUE,
}


@dataclass(frozen=True)
class Run:
    """A vertical merge: ``count`` rows starting at row ``first`` (0-based) in ``column``."""

    column: int
    first: int
    count: int

    @property
    def last(self) -> int:
        return self.first + self.count - 1


def indicator_cells(indicator: Indicator) -> tuple[str, ...]:
    """The six printed cells of one indicator row."""
    return (
        indicator.level1,
        indicator.level2,
        indicator.name,
        indicator.description or "",
        indicator.value_text(),
        indicator.basis or "",
    )


def merge_runs(rows: Sequence[tuple[str, str]]) -> list[Run]:
    """The merges of a table given each row's (一级, 二级).

    Each run of equal 一级 cells merges; inside it, each run of equal 二级 cells
    merges. Runs of one row are included (count 1) so callers can treat every
    row alike; a renderer merges only runs with ``count > 1``.
    """
    runs: list[Run] = []
    start = 0
    while start < len(rows):
        end = start
        while end + 1 < len(rows) and rows[end + 1][0] == rows[start][0]:
            end += 1
        runs.append(Run(0, start, end - start + 1))
        inner = start
        while inner <= end:
            inner_end = inner
            while inner_end + 1 <= end and rows[inner_end + 1][1] == rows[inner][1]:
                inner_end += 1
            runs.append(Run(1, inner, inner_end - inner + 1))
            inner = inner_end + 1
        start = end + 1
    return runs


def indicator_merges(indicators: Sequence[Indicator]) -> list[Run]:
    """``merge_runs`` for a project's indicator rows."""
    return merge_runs([(i.level1, i.level2) for i in indicators])
