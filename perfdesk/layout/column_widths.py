"""How wide each column of the indicator table should be, measured from its text.

One Qt-free measure for the grid editor (in pixels of its font) and the Word
writer (in em of the table's font), so both share the page width the same way:

- By default text is measured in em: a full-width character (汉字, full-width
  punctuation, ≥) is 1 em, ASCII and other narrow characters ½ em (``text_em``,
  the rule the Word writer's page estimate uses). A caller with real font
  metrics passes its own ``measure``.
- Text wraps at any CJK character and at spaces; a run of other characters
  (``100%``, ``≥90``; ``2024年`` keeps ``2024``) never breaks (``tokens``), so
  the column is never narrower than its widest such run.
- A short 一级/二级 label (up to 9 em, 服务对象满意度指标) and a short 指标值 (up to
  8 em, ``≥90百分比``, 解决了实际问题) stay on one line where the width allows.
- The header stays on one line; a column with no text shrinks to its header.
- What is left over goes to the columns whose text would otherwise wrap
  (``fit_widths``), the way a browser lays out an automatic-width table; once
  every text fits on one line, to 三级指标 and 绩效指标描述.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from perfdesk.layout.indicator_table import (
    COL_DESCRIPTION,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_NAME,
    COL_VALUE,
    COLUMNS,
    indicator_cells,
)

if TYPE_CHECKING:  # the ORM only for type hints: the checks import this without SQLAlchemy
    from perfdesk.models import Indicator

#: Columns whose short texts are kept on one line, and up to what width (em).
KEEP_WHOLE_EM: dict[int, float] = {COL_LEVEL1: 9.0, COL_LEVEL2: 9.0, COL_VALUE: 8.0}

#: The columns of sentences, which take the width left over once all text fits on one line.
GROWING_COLUMNS = (COL_NAME, COL_DESCRIPTION)

#: A run of narrow characters wider than this (em) is no word but a code or an address: it may break anywhere.
LONGEST_WORD_EM = 16.0

# No line starts with closing punctuation, none ends with an opening one.
_CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…,.;:?!)]}%％")
_OPENING = frozenset("（《「『【〔〈“‘([{")

Measure = Callable[[str], float]


def char_em(ch: str) -> float:
    """The width of one character in em: ASCII and the narrow scripts below U+2000 are ½, the rest 1."""
    return 0.5 if ord(ch) < 0x2000 else 1.0


@lru_cache(maxsize=1 << 16)
def text_em(text: str) -> float:
    """The width of ``text`` on one line, in em (cached: table layout measures each text many times)."""
    return sum(char_em(ch) for ch in text)


#: The space Word and LibreOffice put where Chinese meets Latin letters or digits (``10 月底``), in em.
CJK_LATIN_SPACE_EM = 0.25


def _ideograph(ch: str) -> bool:
    return 0x3040 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF


@lru_cache(maxsize=1 << 16)
def print_em(text: str) -> float:
    """``text_em`` plus ``CJK_LATIN_SPACE_EM`` at each meeting of Chinese and Latin letters or digits.

    The printed measure: LibreOffice always spaces them, Word unless told not to, so
    a table sized with it fits in both.
    """
    gaps = sum(
        1
        for a, b in itertools.pairwise(text)
        if (_ideograph(a) and b.isascii() and b.isalnum()) or (_ideograph(b) and a.isascii() and a.isalnum())
    )
    return text_em(text) + CJK_LATIN_SPACE_EM * gaps


#: Measures that depend on the text alone, so their results may be cached.
_PURE_MEASURES: tuple[Measure, ...] = (text_em, print_em)


def widest_line(text: str, measure: Measure = text_em) -> float:
    """The width of the longest of ``text``'s lines."""
    return max((measure(line) for line in text.split("\n")), default=0.0)


def breaks_around(ch: str) -> bool:
    """Whether a line may break before and after ``ch``: CJK ideographs, kana, hangul, full-width forms."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or code >= 0x20000
    )


def tokens(text: str) -> list[str]:
    """The pieces a wrapped line never splits, as Qt and Word break lines.

    Each CJK character is a piece; a run of other characters (``2024``, ``≥90``,
    ``100%``, ``R&D``) is one. Spaces separate pieces and vanish; closing
    punctuation stays with what it follows (``项，``), opening punctuation with
    what it precedes (``（年``).
    """
    pieces: list[str] = []
    for word in text.split():
        piece = ""
        for ch in word:
            if piece and (
                piece[-1] in _OPENING or ch in _CLOSING or not (breaks_around(ch) or breaks_around(piece[-1]))
            ):
                piece += ch
            else:
                if piece:
                    pieces.append(piece)
                piece = ch
        pieces.append(piece)
    return pieces


def _unbreakable(piece: str) -> str:
    """``piece``, or its first ``LONGEST_WORD_EM`` when it is longer (the rest may break anywhere)."""
    width = 0.0
    for end, ch in enumerate(piece):
        width += char_em(ch)
        if width > LONGEST_WORD_EM:
            return piece[:end]
    return piece


def widest_word(text: str, measure: Measure = text_em) -> float:
    """The widest piece of ``text`` a line never breaks (a longer run than ``LONGEST_WORD_EM`` only its start)."""
    if measure in _PURE_MEASURES:
        return _widest_word_cached(text, measure)
    return max((measure(_unbreakable(piece)) for piece in set(tokens(text))), default=0.0)


@lru_cache(maxsize=1 << 14)
def _widest_word_cached(text: str, measure: Measure) -> float:
    """``widest_word`` for the em measures, cached: a document repeats its bases, values and labels."""
    return max((measure(_unbreakable(piece)) for piece in set(tokens(text))), default=0.0)


@dataclass(frozen=True)
class ColumnNeed:
    """What one column needs, in the measure's unit, padding included.

    Attributes:
        header: the header on one line.
        word: the widest piece of text that cannot break (``tokens``).
        whole: the widest short label or value kept on one line (``KEEP_WHOLE_EM``), 0 when none.
        natural: the widest line, unwrapped (at least the header).
        grows: a column of sentences (三级指标, 绩效指标描述): it takes the width left once every
            column has its natural width, the others stay as wide as their text.
    """

    header: float
    word: float
    whole: float
    natural: float
    grows: bool = False

    @property
    def floor(self) -> float:
        """Narrower than this, text is clipped: the header or a piece that cannot break."""
        return max(self.header, self.word)

    @property
    def minimum(self) -> float:
        """The width that also keeps the short labels and values on one line."""
        return max(self.floor, self.whole)


def column_needs(
    rows: Iterable[Sequence[str]],
    measure: Measure = text_em,
    headers: Sequence[float] | None = None,
    padding: float = 0.0,
) -> list[ColumnNeed]:
    """Each column's needs for a table of ``rows`` (the six printed cells of each row).

    Args:
        measure: the width of a text on one line (em by default).
        headers: each header's whole width (its own padding included); by default
            ``measure`` of the header text plus ``padding``.
        padding: what a cell adds to its text's width (margins, grid line).
    """
    count = len(COLUMNS)
    header = list(headers) if headers is not None else [measure(text) + padding for text in COLUMNS]
    word, whole, natural = [0.0] * count, [0.0] * count, [0.0] * count
    seen: list[set[str]] = [set() for _ in range(count)]
    for row in rows:
        for column, text in enumerate(row[:count]):
            if not text or text in seen[column]:
                continue  # a merged label repeats on every row of its group
            seen[column].add(text)
            natural[column] = max(natural[column], widest_line(text, measure) + padding)
            limit = KEEP_WHOLE_EM.get(column)
            if limit is not None and "\n" not in text and text_em(text) <= limit:
                whole[column] = max(whole[column], measure(text) + padding)
            else:
                word[column] = max(word[column], widest_word(text, measure) + padding)
    return [
        ColumnNeed(header[c], word[c], whole[c], max(natural[c], header[c], word[c], whole[c]), c in GROWING_COLUMNS)
        for c in range(count)
    ]


def fit_widths(needs: Sequence[ColumnNeed], available: float) -> list[float]:
    """Column widths sharing ``available`` (same unit as ``needs``).

    - Room for every column's natural width: each gets it, and what is left goes
      to the columns that ``grows``, in proportion to their natural widths.
    - Room for the minimums: each column gets its minimum, and the rest goes to
      the columns that would wrap, in proportion to the width they lack.
    - Room only for the floors: the short labels and values wrap too, each column
      giving up the same share of what keeping them whole takes.
    - Less: the floors (wider than ``available``; the caller scrolls).
    """
    if not needs:
        return []
    floors = [need.floor for need in needs]
    minimums = [need.minimum for need in needs]
    naturals = [need.natural for need in needs]
    if sum(naturals) <= available:
        growing = [need.natural if need.grows else 0.0 for need in needs]
        if not any(growing):
            growing = [need.natural or 1.0 for need in needs]
        extra = (available - sum(naturals)) / sum(growing)
        return [n + extra * g for n, g in zip(naturals, growing, strict=True)]
    if sum(minimums) <= available:
        return _between(minimums, naturals, available)
    if sum(floors) <= available:
        return _between(floors, minimums, available)
    return floors


def _between(low: Sequence[float], high: Sequence[float], available: float) -> list[float]:
    """``low`` plus the same fraction of each column's ``high - low``, summing to ``available``."""
    spare = sum(high) - sum(low)
    share = (available - sum(low)) / spare if spare else 0.0
    return [lo + (hi - lo) * share for lo, hi in zip(low, high, strict=True)]


def indicator_column_widths(
    indicators: Sequence[Indicator],
    available: float,
    measure: Measure = text_em,
    headers: Sequence[float] | None = None,
    padding: float = 0.0,
) -> list[float]:
    """The six column widths of a project's indicator table across ``available`` (see ``fit_widths``)."""
    rows = [indicator_cells(indicator) for indicator in indicators]
    return fit_widths(column_needs(rows, measure, headers, padding), available)
