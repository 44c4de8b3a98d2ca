"""A long title broken into lines the way GB/T 9704 asks: words kept whole, the shape balanced.

Word breaks Chinese text at any character, so a cover title a little wider
than the page comes out as ``…部门预算绩/效文本``. The title is broken here
instead, at the places a reader would break it: after the department's name,
before or after the year, before ``部门预算绩效文本`` and its parts. Of the
ways that fit in the fewest lines, the one whose longest line is shortest is
taken (lines of about equal length; on a tie the longer line first, a
trapezoid). Only a name wider than a whole line is broken inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import combinations, pairwise

from perfdesk.layout.column_widths import Measure, text_em, tokens

#: Words of a title that are never broken inside; a line may break before each.
TITLE_WORDS = ("部门预算绩效文本", "部门预算", "预算绩效文本", "绩效文本", "绩效目标", "部门整体")
_YEAR = re.compile(r"(?:19|20)\d\d年度?")
MAX_LINES = 4


def break_points(title: str, names: Iterable[str] = ()) -> set[int]:
    """Where ``title`` may break: after each of ``names`` (the department), around the year, before known words."""
    points: set[int] = set()
    for name in names:
        if name:
            start = title.find(name)
            if start >= 0:
                points.add(start + len(name))
    for match in _YEAR.finditer(title):
        points.update((match.start(), match.end()))
    for word in TITLE_WORDS:
        start = title.find(word)
        while start >= 0:
            points.add(start)
            start = title.find(word, start + 1)
    return {point for point in points if 0 < point < len(title)}


def _token_points(title: str) -> set[int]:
    """Every place a line may break at all (between CJK characters, not inside ``2021``)."""
    points, at = set(), 0
    for piece in tokens(title):
        at = title.index(piece, at) + len(piece)
        points.add(at)
    return {point for point in points if 0 < point < len(title)}


def _best(title: str, points: Sequence[int], width: float, measure: Measure) -> list[str] | None:
    for count in range(1, MAX_LINES + 1):
        best: tuple[float, list[float], list[str]] | None = None
        for cuts in combinations(points, count - 1):
            bounds = [0, *cuts, len(title)]
            lines = [title[a:b].strip() for a, b in pairwise(bounds)]
            widths = [measure(line) for line in lines]
            if max(widths) > width + 1e-6:
                continue
            key = (max(widths), [-w for w in widths])
            if best is None or key < (best[0], best[1]):
                best = (key[0], key[1], lines)
        if best is not None:
            return best[2]
    return None


def title_lines(title: str, width: float, names: Iterable[str] = (), measure: Measure = text_em) -> list[str]:
    """``title`` in as few balanced lines no wider than ``width`` as its words allow (see the module)."""
    if measure(title) <= width:
        return [title]
    words = _best(title, sorted(break_points(title, names)), width, measure)
    if words is None:  # a name longer than a line: break where any line may
        words = _best(title, sorted(_token_points(title) | break_points(title, names)), width, measure)
    return words or [title]
