"""The 一级/二级/三级 indicator table as printed: its columns, cells and vertical merges.

One Qt-free description consumed by the Word writer, the Excel writer and the
grid editor, so the screen and the paper merge the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from perfdesk.domain.frameworks import Framework

if TYPE_CHECKING:  # the ORM only for type hints: the checks import this without SQLAlchemy
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


def place_in_groups(
    rows: Sequence[tuple[str, str]], moving: Iterable[int], framework: Framework
) -> tuple[list[int], set[int]]:
    """A row order in which the rows just written start no second run of a group.

    ``rows`` are every row's (一级, 二级) as they are now; ``moving`` the rows just
    pasted, added or relabelled. Every other row keeps its order, so a table that
    was already split (rule R19 reports it) stays as it is. A moving row stays
    where it is when that neither starts a second run of its 一级 (or, inside it,
    of its 二级) nor cuts another group in two; otherwise it goes after the last
    row of its 二级 group, or, when the table has no such 二级 (or 一级) yet, to
    its place in the framework's order. Consecutive moving rows travel together.

    Returns the new order (indexes into ``rows``) and the moving rows that had to move.
    """
    movers = set(moving)
    order = [row for row in range(len(rows)) if row not in movers]
    displaced: set[int] = set()
    for row in sorted(movers):
        gap = order.index(row - 1) + 1 if row > 0 else 0
        if not _fits(rows, order, gap, rows[row]):
            gap = _group_place(rows, order, rows[row], framework)
            displaced.add(row)
        elif row - 1 in displaced:
            displaced.add(row)  # it follows the row above it to that row's group
        order.insert(gap, row)
    return order, displaced


def _fits(rows: Sequence[tuple[str, str]], order: Sequence[int], gap: int, key: tuple[str, str]) -> bool:
    """Whether a row ``key`` between ``order[gap - 1]`` and ``order[gap]`` leaves every group in one piece."""
    level1, level2 = key
    above = rows[order[gap - 1]] if gap > 0 else None
    below = rows[order[gap]] if gap < len(order) else None
    neighbours = [n for n in (above, below) if n is not None]
    if any(rows[i][0] == level1 for i in order):
        if not any(n[0] == level1 for n in neighbours):
            return False  # a second run of its 一级
        if level2 in _level2_around(rows, order, gap, level1):
            return key in neighbours  # inside its 一级 run, next to its own 二级
        return not (above is not None and above == below)  # not in the middle of another 二级
    return not (above is not None and below is not None and above[0] == below[0])  # not inside another 一级


def _level2_around(rows: Sequence[tuple[str, str]], order: Sequence[int], gap: int, level1: str) -> set[str]:
    """The 二级 labels of the run of ``level1`` rows touching the gap."""
    found: set[str] = set()
    position = gap - 1
    while position >= 0 and rows[order[position]][0] == level1:
        found.add(rows[order[position]][1])
        position -= 1
    position = gap
    while position < len(order) and rows[order[position]][0] == level1:
        found.add(rows[order[position]][1])
        position += 1
    return found


def _group_place(
    rows: Sequence[tuple[str, str]], order: Sequence[int], key: tuple[str, str], framework: Framework
) -> int:
    """Where a row of group ``key`` belongs: after its 二级 group, else in the framework's order."""
    level1, level2 = key
    runs: list[tuple[int, int]] = []  # (first, last) positions of each run of level1 rows
    for position, row in enumerate(order):
        if rows[row][0] != level1:
            continue
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    if runs:
        for first, last in runs:
            mine = [p for p in range(first, last + 1) if rows[order[p]][1] == level2]
            if mine:
                end = mine[0]
                while end + 1 <= last and rows[order[end + 1]][1] == level2:
                    end += 1
                return end + 1
        first, last = runs[0]
        rank = framework.pair_rank(level1, level2)
        if rank is not None:
            for position in range(first, last + 1):
                other = framework.pair_rank(*rows[order[position]])
                if other is not None and other > rank:
                    return position
        return last + 1
    names = framework.level1_names
    if level1 in names:
        for position, row in enumerate(order):
            other_level1 = rows[row][0]
            if other_level1 in names and names.index(other_level1) > names.index(level1):
                return position
    return len(order)


def moves_to(order: Sequence[int]) -> list[tuple[int, int]]:
    """``(from, to)`` list moves (pop, then insert) that turn ``range(len(order))`` into ``order``.

    The rows in a longest run already in order stay put; each other row moves once,
    to just after the row that precedes it in ``order``.
    """
    keep = _longest_increasing(order)
    current = list(range(len(order)))
    moves: list[tuple[int, int]] = []
    for position, row in enumerate(order):
        if row in keep:
            continue
        old = current.index(row)
        before = current.index(order[position - 1]) if position > 0 else -1
        new = before + 1 if old > before else before
        if new != old:
            current.insert(new, current.pop(old))
            moves.append((old, new))
    return moves


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """The values of one longest strictly increasing subsequence."""
    tails: list[int] = []  # tails[k]: index in values of the smallest tail of an increasing run of length k + 1
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if values[tails[middle]] < value:
                low = middle + 1
            else:
                high = middle
        previous[i] = tails[low - 1] if low > 0 else -1
        if low == len(tails):
            tails.append(i)
        else:
            tails[low] = i
    kept: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        kept.add(values[i])
        i = previous[i]
    return kept
