"""The grid editor's columns as proportions of the printed table's (issue 12, item 1).

The Word writer sizes each project's table from its text
(``perfdesk.layout.table_widths``); the grid shows the same six indicator columns
and gives them the same shares of its own width, so the screen looks like the
page. A screen may be narrower than the page's proportions allow for its font:
then no column goes below what keeps its text uncut (``floors``), and the others
keep their printed proportions among themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfdesk.layout.project_table import INDICATOR_SLOTS


def indicator_widths(grid: Sequence[float]) -> list[float]:
    """The six indicator columns' widths from the printed grid's (绩效指标描述 spans two grid columns)."""
    return [sum(grid[col : col + span]) for col, span in INDICATOR_SLOTS]


def proportional_widths(shares: Sequence[float], available: float, *floors: Sequence[float]) -> list[float]:
    """``available`` shared in proportion to ``shares``, no column below its floor.

    ``floors`` are tried in turn (say: keep short labels whole, then: only nothing
    cut); the first whose sum fits is kept. A column below its floor gets the
    floor and the others share what is left, still in proportion to ``shares``.
    When no floor fits, the last one is returned (wider than ``available``: the
    caller scrolls).
    """
    if not floors:
        floors = ([0.0] * len(shares),)
    for floor in floors:
        if sum(floor) <= available + 1e-9:
            return _raised(shares, available, floor)
    return list(floors[-1])


def _raised(shares: Sequence[float], available: float, floor: Sequence[float]) -> list[float]:
    """Water-filling: pin the columns a proportional share leaves below their floor, share the rest again."""
    weights = [max(share, 0.0) for share in shares]
    if not any(weights):
        weights = [1.0] * len(shares)
    pinned: set[int] = set()
    while True:
        free = [c for c in range(len(weights)) if c not in pinned]
        room = available - sum(floor[c] for c in pinned)
        total = sum(weights[c] for c in free)
        widths = [
            floor[c] if c in pinned else (room * weights[c] / total if total else room / len(free))
            for c in range(len(weights))
        ]
        short = {c for c in free if widths[c] < floor[c] - 1e-9}
        if not short:
            return widths
        pinned |= short
