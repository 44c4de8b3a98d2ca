"""Tab-separated text as Excel puts it on the clipboard, and back.

Qt-free so the odd cases (``\\r\\n`` line ends, a trailing newline, quoted
cells holding tabs, quotes or line breaks) are tested without a display.
"""

from __future__ import annotations

from collections.abc import Sequence

_NEEDS_QUOTES = ("\t", "\n", "\r", '"')


def parse_tsv(text: str) -> list[list[str]]:
    """The rectangular block of cells in clipboard text.

    Follows Excel: a cell is quoted only when it starts with ``"``, inside
    quotes ``""`` is one quote and tabs/newlines are kept; ``\\r\\n`` and
    ``\\r`` end rows like ``\\n``; the trailing newline Excel adds does not make
    an extra row. Short rows are padded with empty cells so the block is
    rectangular.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            closing = _closing_quote(text, i + 1)
            if closing is not None:
                cell.append(text[i + 1 : closing].replace('""', '"').replace("\r\n", "\n"))
                i = closing + 1
                at_cell_start = False
                continue
        at_cell_start = False
        if ch == "\t":
            row.append("".join(cell))
            cell = []
            at_cell_start = True
        elif ch in "\r\n":
            if ch == "\r" and text.startswith("\n", i + 1):
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _closing_quote(text: str, start: int) -> int | None:
    """Index of the quote closing a quoted cell, or None when the cell is not properly quoted."""
    i = start
    while True:
        j = text.find('"', i)
        if j < 0:
            return None
        if text.startswith('"', j + 1):
            i = j + 2
            continue
        # A real closing quote is followed by a cell or row end; otherwise the quote was literal text.
        return j if j + 1 == len(text) or text[j + 1] in "\t\r\n" else None


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Cells as Excel copies them: tab between cells, ``\\r\\n`` after each row, quotes where needed."""
    return "".join("\t".join(_quote(cell) for cell in row) + "\r\n" for row in rows)


def _quote(cell: str) -> str:
    if any(mark in cell for mark in _NEEDS_QUOTES):
        return '"' + cell.replace('"', '""') + '"'
    return cell
