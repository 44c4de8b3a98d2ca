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
- 三级指标 is not squeezed below ``NAME_FLOOR_CHARS`` characters (when its text is
  that long) before the 一级/二级 labels give up their one line.
- The header stays on one line; a column with no text shrinks to its header.
- What is left over goes to the columns whose text would otherwise wrap
  (``fit_widths``), the way a browser lays out an automatic-width table; once
  every text fits on one line, to 三级指标 and 绩效指标描述.

When the width runs short, what gives way first: the text's natural width, then
the 一级/二级 labels' one line, then 三级指标's floor and the short 指标值's one line,
and never a header or a piece that cannot break (``ColumnNeed``).
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
#: Of those, the columns whose one line holds before 三级指标's floor: a value never parts from its unit.
FIRM_WHOLE = frozenset({COL_VALUE})

#: 三级指标 keeps at least this many characters a line (the seeds' names are 4–12 characters: 6 prints
#: most of them in one or two lines), unless its text is shorter.
NAME_FLOOR_CHARS = 6

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


#: A digit or Latin letter in a piece that must not break, in em. 宋体 and 仿宋 print them ½ em, as do Times
#: New Roman's digits; a renderer that substitutes another face prints them wider (Arial 0.56, 微软雅黑 0.55,
#: LibreOffice's DejaVu Sans 0.64). 0.6 keeps an amount, a code or ``=3800元`` whole in all but the last.
NARROW_SAFE_EM = 0.6


@lru_cache(maxsize=1 << 16)
def safe_print_em(text: str) -> float:
    """``print_em`` with each narrow character counted ``NARROW_SAFE_EM``: the width that keeps ``text`` whole."""
    narrow = sum(1 for ch in text if ord(ch) < 0x2000 and not ch.isspace())
    return print_em(text) + (NARROW_SAFE_EM - 0.5) * narrow


#: Measures that depend on the text alone, so their results may be cached (``register_pure_measure``).
PURE_MEASURES: set[Measure] = {text_em, print_em, safe_print_em}


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
    if measure in PURE_MEASURES:
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
        whole: the widest short 一级/二级 label kept on one line (``KEEP_WHOLE_EM``), 0 when none.
        natural: the widest line, unwrapped (at least the header).
        grows: a column of sentences (三级指标, 绩效指标描述): it takes the width left once every
            column has its natural width, the others stay as wide as their text.
        firm: what holds before ``whole`` gives way: the widest short 指标值 on one line
            (``FIRM_WHOLE``), 三级指标's floor (``NAME_FLOOR_CHARS``); 0 when none.
        pair: a label column's width with its labels on two lines broken between words
            (服务对象/满意度指标, ``two_lines``), which it takes instead of ``whole`` when that does
            not fit; 0 when none.
    """

    header: float
    word: float
    whole: float
    natural: float
    grows: bool = False
    firm: float = 0.0
    pair: float = 0.0

    @property
    def floor(self) -> float:
        """Narrower than this, text is clipped: the header or a piece that cannot break."""
        return max(self.header, self.word)

    @property
    def firm_minimum(self) -> float:
        """The floor, a short value on one line and 三级指标's floor: what the labels' one line yields to."""
        return max(self.floor, self.firm)

    @property
    def minimum(self) -> float:
        """The width that also keeps the short labels and values on one line."""
        return max(self.firm_minimum, self.whole)


def column_needs(
    rows: Iterable[Sequence[str]],
    measure: Measure = text_em,
    headers: Sequence[float] | None = None,
    padding: float = 0.0,
    whole_measure: Measure | None = None,
    two_lines: Measure | None = None,
) -> list[ColumnNeed]:
    """Each column's needs for a table of ``rows`` (the six printed cells of each row).

    Args:
        measure: the width of a text on one line (em by default).
        headers: each header's whole width (its own padding included); by default
            ``measure`` of the header text plus ``padding``.
        padding: what a cell adds to its text's width (margins, grid line).
        whole_measure: the width that keeps a text on one line in any font the reader may
            have (``safe_print_em``); by default ``measure``.
        two_lines: the width of a 一级/二级 label on two lines broken between its words
            (``perfdesk.layout.captions.caption_floor``); without it a label that does not fit
            its one line wraps where the width ends.
    """
    count = len(COLUMNS)
    keep = whole_measure or measure
    header = list(headers) if headers is not None else [measure(text) + padding for text in COLUMNS]
    measures = (measure, keep, two_lines)
    text_needs = _text_needs_cached if all(m is None or m in PURE_MEASURES for m in measures) else _text_needs
    widest = [[0.0] * 4 for _ in range(count)]  # each column's widest (natural, whole, pair, word), unpadded
    seen: list[set[str]] = [set() for _ in range(count)]
    for row in rows:
        for column, text in enumerate(row[:count]):
            if not text or text in seen[column]:
                continue  # a merged label repeats on every row of its group
            seen[column].add(text)
            most = widest[column]
            for k, width in enumerate(text_needs(text, column, measure, keep, two_lines)):
                if width > most[k]:
                    most[k] = width
    natural, whole, pair, word = ([w[k] + padding if w[k] else 0.0 for w in widest] for k in range(4))
    natural = [max(natural[c], header[c], word[c], whole[c]) for c in range(count)]
    firm = [whole[c] if c in FIRM_WHOLE else 0.0 for c in range(count)]
    firm[COL_NAME] = min(measure("字" * NAME_FLOOR_CHARS) + padding, natural[COL_NAME])
    return [
        ColumnNeed(
            header[c],
            word[c],
            0.0 if c in FIRM_WHOLE else whole[c],
            natural[c],
            c in GROWING_COLUMNS,
            firm[c],
            pair[c],
        )
        for c in range(count)
    ]


def _text_needs(
    text: str, column: int, measure: Measure, keep: Measure, two_lines: Measure | None
) -> tuple[float, float, float, float]:
    """What one text asks of its column, padding left out: (natural, whole, pair, word); 0 for what it does not."""
    natural = widest_line(text, measure)
    limit = KEEP_WHOLE_EM.get(column)
    if limit is not None and "\n" not in text and text_em(text) <= limit:
        whole = keep(text)
        pair = 0.0 if two_lines is None or column in FIRM_WHOLE else min(whole, two_lines(text))
        return natural, whole, pair, 0.0
    return natural, 0.0, 0.0, widest_word(text, keep)


#: ``_text_needs`` for measures that depend on the text alone: a document repeats its labels, values and bases.
_text_needs_cached = lru_cache(maxsize=1 << 16)(_text_needs)


def register_pure_measure(measure: Measure) -> Measure:
    """Mark ``measure`` as depending on the text alone, so what is measured with it may be cached."""
    PURE_MEASURES.add(measure)
    return measure


def yield_labels(needs: Sequence[ColumnNeed], available: float) -> list[ColumnNeed]:
    """``needs`` with label columns taking their labels on two lines (``pair``), the widest first, until the
    minimums fit ``available`` or none is left: a label broken between its words rather than squeezed
    anywhere, and 三级指标 kept at its floor."""
    result = list(needs)
    minimums = [need.minimum for need in result]
    for c in sorted(range(len(result)), key=lambda c: result[c].whole - result[c].pair, reverse=True):
        if sum(minimums) <= available:
            break
        result[c] = on_two_lines(result[c])
        minimums[c] = result[c].minimum
    return result


def on_two_lines(need: ColumnNeed) -> ColumnNeed:
    """A label column's need with its labels on two lines broken between words (``pair``), and no wider."""
    two = max(need.firm_minimum, need.pair)
    if not need.pair or need.whole <= two:
        return need
    return ColumnNeed(need.header, need.word, 0.0, two, need.grows, two, need.pair)


def fit_widths(needs: Sequence[ColumnNeed], available: float) -> list[float]:
    """Column widths sharing ``available`` (same unit as ``needs``).

    - Room for every column's natural width: each gets it, and what is left goes
      to the columns that ``grows``, in proportion to their natural widths.
    - Room for the minimums: each column gets its minimum, and the rest goes to
      the columns that would wrap, in proportion to the width they lack. A label column
      whose labels take two lines broken between words (``yield_labels``) is as wide as that.
    - Room for the firm minimums: the 一级/二级 labels wrap, each column giving up
      the same share of what keeping them whole takes.
    - Room only for the floors: 三级指标 and the short values give way too.
    - Less: the floors (wider than ``available``; the caller scrolls).
    """
    if not needs:
        return []
    needs = yield_labels(needs, available)
    floors = [need.floor for need in needs]
    firms = [need.firm_minimum for need in needs]
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
    if sum(firms) <= available:
        return _between(firms, minimums, available)
    if sum(floors) <= available:
        return _between(floors, firms, available)
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
