"""The seven grid column widths of one printed project table, measured from its text.

The indicator columns follow ``perfdesk.layout.column_widths`` (the rule the
grid editor uses): no 指标值 of up to 8 em wraps where the page allows, nor a
一级/二级 label unless its one line would squeeze 三级指标 under six characters
(it then takes two lines broken between its words), a run of digits and signs
never breaks, an empty column does not grow past its header. Headers and
captions may take two lines, broken between words (``perfdesk.layout.captions``).
The block above the column header shares the grid and adds its floors: its
amounts (``183.59``) and the project code never break. What is left goes where
it saves the most lines (``balance``), so the table is as short as its text allows.

Widths are in em of the table's font, measured as printed (``print_em``: Chinese
1 em, Latin letters and digits ½, a ¼ em where the two meet); what must stay
whole is given 0.6 em a digit or letter (``safe_print_em``), for a printer that
substitutes a wider font. The Word writer turns them into twips, the Excel
writer may into characters. Measures of the text alone are cached per text,
block cell and set of indicator rows: a document repeats them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache, partial

from perfdesk.layout.captions import caption_floor, caption_lines
from perfdesk.layout.column_widths import (
    NAME_FLOOR_CHARS,
    PURE_MEASURES,
    ColumnNeed,
    Measure,
    column_needs,
    fit_widths,
    print_em,
    register_pure_measure,
    safe_print_em,
    text_em,
    tokens,
    yield_labels,
)
from perfdesk.layout.indicator_table import COLUMNS
from perfdesk.layout.project_table import GRID_COLUMNS, INDICATOR_SLOTS, Cell, Row, TablePlan


def indicator_texts(rows: Sequence[Row]) -> list[tuple[str, ...]]:
    """The six printed texts of each indicator row (a cell covered by a merge from above is "")."""
    slot_column = {col: c for c, (col, _span) in enumerate(INDICATOR_SLOTS)}
    result = []
    for row in rows:
        texts = [""] * len(COLUMNS)
        for cell in row.cells:
            texts[slot_column[cell.col]] = cell.text
        result.append(tuple(texts))
    return result


def _grid_needs(needs: Sequence[ColumnNeed]) -> list[ColumnNeed]:
    """The six column needs spread over the seven grid columns (a spanning column split in halves)."""
    grid: list[ColumnNeed] = []
    for need, (_col, span) in zip(needs, INDICATOR_SLOTS, strict=True):
        share = 1 / span
        part = ColumnNeed(
            need.header * share,
            need.word * share,
            need.whole * share,
            need.natural * share,
            need.grows,
            need.firm * share,
            need.pair * share,
        )
        grid += [part] * span
    return grid


def _with_block(
    grid: Sequence[ColumnNeed], block: Sequence[Row], measure: Measure, keep: Measure, padding: float
) -> list[ColumnNeed]:
    """``grid`` raised to what the block's cells need: captions broken between words; amounts, and a
    code over two columns, unbroken in any font (``keep``)."""
    word = [need.word for need in grid]
    natural = [need.natural for need in grid]
    block_need = _block_need_cached if measure in PURE_MEASURES and keep in PURE_MEASURES else _block_need
    for row in block:
        for cell in row.cells:
            if not cell.text or cell.col_span > 2:
                continue  # sentences and names wrap
            need = block_need(cell.text, cell.label, cell.col_span, measure, keep)
            if need is None:
                continue
            floor, width = (need[0] + padding) / cell.col_span, (need[1] + padding) / cell.col_span
            for col in range(cell.col, cell.col + cell.col_span):  # a code's two columns take half each
                if floor > word[col]:
                    word[col] = floor
                if width > natural[col]:
                    natural[col] = width
    return [
        ColumnNeed(need.header, word[c], need.whole, natural[c], need.grows, need.firm, need.pair)
        if (word[c], natural[c]) != (need.word, need.natural)
        else need
        for c, need in enumerate(grid)
    ]


def _block_need(text: str, label: bool, span: int, measure: Measure, keep: Measure) -> tuple[float, float] | None:
    """(floor, natural) of a block cell over ``span`` columns, unpadded; None when it asks nothing of them (a
    caption over two columns has room; a sentence over two wraps)."""
    if span == 2 and (label or len(tokens(text)) > 1):
        return None
    if label:
        return caption_floor(text, measure), measure(text)
    return keep(text), keep(text)


_block_need_cached = lru_cache(maxsize=1 << 14)(_block_need)


#: A width within this of a whole em holds that many characters (rounding to a writer's unit loses a little).
TOLERANCE_EM = 0.01


def per_line_chars(width: float) -> int:
    """Characters (em) a line ``width`` em wide holds: whole ones, at least one."""
    return int(width + TOLERANCE_EM) if width >= 1 else 1


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` em wide (each of its lines at least one)."""
    chars = per_line_chars(width)
    return sum(max(1, math.ceil(print_em(line) / chars - 1e-9)) for line in text.split("\n"))


def printed_lines(text: str, label: bool, width: float) -> list[str]:
    """The lines a cell prints in ``width`` em: a caption too wide for one line is broken between its words."""
    if label and "\n" not in text and print_em(text) > width + TOLERANCE_EM:
        return caption_lines(text, width, print_em)
    return text.split("\n")


def cell_height(cell: Cell, width: float) -> int:
    """The lines ``cell`` takes in ``width`` em (its text width, padding taken off)."""
    return sum(wrapped_lines(line, width) for line in printed_lines(cell.text, cell.label, width))


@lru_cache(maxsize=1 << 12)
def _caption_height(text: str, chars: int) -> int:
    """The lines of caption ``text`` with ``chars`` characters a line (every table repeats the captions)."""
    return sum(wrapped_lines(line, chars) for line in printed_lines(text, True, chars))


@lru_cache(maxsize=1 << 14)
def _halves(text: str) -> tuple[int, ...]:
    """The printed width of each of ``text``'s lines in half em, rounded up (a document repeats its texts)."""
    return tuple(round(2 * print_em(line) + 0.49) for line in text.split("\n"))


@lru_cache(maxsize=1 << 16)
def _data_height(halves: tuple[int, ...], chars: int) -> int:
    """The lines of a data cell whose lines are ``halves`` half em wide, with ``chars`` characters a line."""
    per_line = 2 * chars
    return sum((h + per_line - 1) // per_line or 1 for h in halves)


class _Heights:
    """The table's height in lines as columns widen: each one-row cell's lines, as whole characters a line.

    A data cell's lines depend only on its lines' widths, kept in half em (integers) so
    trying a width is integer arithmetic; a caption breaks between words (``cell_height``).
    """

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], padding: float) -> None:
        self.padding = padding
        # Sentences across most of the table (资金用途, 绩效目标) take about the same lines however the width is
        # shared among the columns under them: only the cells of one or two columns are weighed.
        self.cells = [
            (r, cell)
            for r, row in enumerate(rows)
            for cell in row.cells
            if cell.row_span == 1 and cell.col_span <= 2 and cell.text
        ]
        chars: dict[tuple[int, int], int] = {}  # characters a line for each span of columns
        self.spans: list[tuple[int, int]] = []
        self.halves: list[tuple[int, ...] | None] = []
        self.lines: list[int] = []
        self.covering: list[list[int]] = [[] for _ in range(GRID_COLUMNS)]  # the cells over each grid column
        self.in_row: list[list[int]] = [[] for _ in rows]  # the cells of each row
        self.row_lines = [1] * len(rows)
        for i, (r, cell) in enumerate(self.cells):
            span = (cell.col, cell.col + cell.col_span)
            if span not in chars:
                chars[span] = per_line_chars(sum(widths[span[0] : span[1]]) - padding)
            halves = None if cell.label else _halves(cell.text)
            lines = _caption_height(cell.text, chars[span]) if halves is None else _data_height(halves, chars[span])
            self.spans.append(span)
            self.halves.append(halves)
            self.lines.append(lines)
            self.in_row[r].append(i)
            for col in range(*span):
                self.covering[col].append(i)
            if lines > self.row_lines[r]:
                self.row_lines[r] = lines

    def cell_lines(self, i: int, widths: Sequence[float]) -> int:
        first, end = self.spans[i]
        width = (widths[first] if end == first + 1 else sum(widths[first:end])) - self.padding
        halves = self.halves[i]
        if halves is None:  # a caption: the same few in every table
            return _caption_height(self.cells[i][1].text, per_line_chars(width))
        return _data_height(halves, per_line_chars(width))

    def step(self, col: int, widths: Sequence[float]) -> float:
        """How much wider ``col`` must get for one of its data cells to lose a line (inf: none can)."""
        best = math.inf
        lines_now, all_halves, spans, padding = self.lines, self.halves, self.spans, self.padding
        for i in self.covering[col]:
            halves, lines = all_halves[i], lines_now[i]
            if halves is None or lines <= len(halves):  # a caption, or each of its lines on one line already
                continue
            first, end = spans[i]
            width = (widths[first] if end == first + 1 else widths[first] + widths[first + 1]) - padding
            chars = per_line_chars(width) + 1
            if len(halves) == 1:  # the usual cell: the characters a line needs for one line fewer
                fewer = -(-halves[0] // (2 * (lines - 1)))
                chars = fewer if fewer > chars else chars
            else:
                while sum((h + 2 * chars - 1) // (2 * chars) or 1 for h in halves) >= lines:
                    chars += 1
            if chars - width < best:
                best = chars - width
        return best

    def saved(self, col: int, widths: Sequence[float]) -> tuple[int, dict[int, int]]:
        """Lines saved when the columns take ``widths`` (only ``col`` widened), and the new lines of its cells.

        Only cells of more than one line can save any, so only they are measured again.
        """
        lines_now, cells, row_lines = self.lines, self.cells, self.row_lines
        changed = {i: self.cell_lines(i, widths) for i in self.covering[col] if lines_now[i] > 1}
        rows: dict[int, int] = {}
        for i, lines in changed.items():
            r = cells[i][0]
            if lines > rows.get(r, 1):
                rows[r] = lines
            else:
                rows.setdefault(r, 1)
        saved = 0
        for r, new in rows.items():
            if new < row_lines[r]:
                others = max((lines_now[j] for j in self.in_row[r] if j not in changed), default=1)
                saved += row_lines[r] - (new if new > others else others)
        return saved, changed

    def apply(self, changed: dict[int, int]) -> None:
        for i, lines in changed.items():
            self.lines[i] = lines
        for r in {self.cells[i][0] for i in changed}:
            self.row_lines[r] = max((self.lines[j] for j in self.in_row[r]), default=1)


def balance(
    widths: list[float], limits: Sequence[float], rows: Sequence[Row], available: float, padding: float
) -> list[float]:
    """Share the width left over after ``widths`` so the table gets as short as it can.

    Greedy: each step widens the column that saves the most lines per em, by
    just enough for one of its cells to lose a line (a line holds whole
    characters), never past its ``limits`` (its text on one line). What no
    step can use goes to the columns still short of their limit, in
    proportion to what they lack.
    """
    heights = _Heights(rows, widths, padding)
    spare = available - sum(widths)
    while spare > 1e-6:
        best: tuple[float, int, float, dict[int, int]] | None = None
        for col in range(GRID_COLUMNS):
            step = heights.step(col, widths)
            if step > min(spare, limits[col] - widths[col]) + 1e-9:
                continue
            saved, changed = heights.saved(col, [*widths[:col], widths[col] + step, *widths[col + 1 :]])
            if saved > 0 and (best is None or saved / step > best[0]):
                best = (saved / step, col, step, changed)
        if best is None:
            break
        _, col, step, changed = best
        widths[col] += step
        spare -= step
        heights.apply(changed)
    lack = [max(0.0, limit - width) for width, limit in zip(widths, limits, strict=True)]
    if spare > 1e-6 and sum(lack) > 0:
        share = min(1.0, spare / sum(lack))
        widths = [width + gap * share for width, gap in zip(widths, lack, strict=True)]
    return widths


def _label_lines(text: str, measure: Measure) -> float:
    """A label's width when its column gives way: on two lines broken between its words, unless it is as short
    as 三级指标's floor (经济效益指标), which stays whole."""
    return measure(text) if text_em(text) <= NAME_FLOOR_CHARS else caption_floor(text, measure)


#: ``_label_lines`` for each measure the widths are taken in.
_TWO_LINES: dict[Measure, Measure] = {
    m: register_pure_measure(partial(_label_lines, measure=m)) for m in (print_em, safe_print_em)
}


def table_column_widths(
    plan: TablePlan, available: float, measure: Measure = print_em, padding: float = 0.0
) -> list[float]:
    """The ``GRID_COLUMNS`` widths of ``plan`` sharing ``available`` em.

    Args:
        measure: a text's width in em on one line (the printed measure by default); what must stay
            whole (amounts, codes, short labels and values) is sized with ``safe_print_em`` beside it,
            where the page has room for that margin.
        padding: what a cell adds to its text's width (its margins and grid line), in em.
    """
    grid = _grid(plan, measure, safe_print_em if measure is print_em else measure, padding)
    if sum(need.floor for need in grid) > available and measure is print_em:  # no room for the margin
        grid = _grid(plan, measure, measure, padding)
    grid = yield_labels(grid, available)
    widths = fit_widths(grid, available)
    minimums = [need.minimum for need in grid]
    naturals = [need.natural for need in grid]
    if sum(minimums) <= available < sum(naturals):  # text wraps somewhere: make the table as short as it can be
        widths = balance(minimums, naturals, plan.rows, available, padding)
        widths[-1] += available - sum(widths)
    return widths


def _grid(plan: TablePlan, measure: Measure, keep: Measure, padding: float) -> list[ColumnNeed]:
    """The needs of the ``GRID_COLUMNS`` columns: indicator columns, then the block above them."""
    split = plan.header_index
    rows = tuple(indicator_texts(plan.rows[split + 1 :]))
    two_lines = _TWO_LINES.get(keep) or partial(_label_lines, measure=keep)
    pure = measure in PURE_MEASURES and keep in PURE_MEASURES and two_lines in PURE_MEASURES
    needs = (_indicator_needs_cached if pure else _indicator_needs)(rows, measure, keep, two_lines, padding)
    return _with_block(needs, plan.rows[:split], measure, keep, padding)


def _indicator_needs(
    rows: tuple[tuple[str, ...], ...], measure: Measure, keep: Measure, two_lines: Measure, padding: float
) -> tuple[ColumnNeed, ...]:
    """The indicator columns' needs spread over the grid columns (``_grid_needs``)."""
    headers = [caption_floor(header, measure) + padding for header in COLUMNS]
    # A header may take two lines (broken between words); an empty column does not grow.
    filled = [any(row[c] for row in rows) for c in range(len(COLUMNS))]
    needs = [
        ColumnNeed(
            need.header,
            need.word,
            need.whole,
            max(need.natural, measure(COLUMNS[c]) + padding),
            need.grows and filled[c],
            need.firm,
            need.pair,
        )
        for c, need in enumerate(column_needs(rows, measure, headers, padding, keep, two_lines))
    ]
    return tuple(_grid_needs(needs))


#: ``_indicator_needs`` for measures of the text alone: a department's projects share many indicator rows.
_indicator_needs_cached = lru_cache(maxsize=1 << 10)(_indicator_needs)
