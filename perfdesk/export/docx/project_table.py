"""Render the rows of a ``perfdesk.layout.project_table.TablePlan`` as Word tables (XML text).

Rows are built directly as ``w:tr``/``w:tc`` elements: python-docx's
``table.cell()`` rebuilds the cell list on every call (tech-notes §5, 57 s for
500 tables). Vertical merges are real ``w:vMerge`` restart/continue cells, so
Word and python-docx see one merged cell; widths come per table from
``perfdesk.layout.table_widths`` and go into both ``w:gridCol`` (LibreOffice
reads those) and ``w:tcW``. Captions too wide for their cell are broken
between words (``perfdesk.layout.captions``); alignment is the cell's own
(centred labels and values, flush-left sentences), never justified, so no
line is letter-spaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from perfdesk.export.docx import fragments as wml
from perfdesk.export.docx.geometry import CELL_MARGIN_PT, SIZE_5, TABLE_WIDTH_TWIPS, text_width_pt
from perfdesk.export.docx.geometry import column_twips as column_twips  # the writers import it from here
from perfdesk.export.docx.styles import Font, twips
from perfdesk.export.docx.template import STYLE_TABLE_TEXT
from perfdesk.layout.project_table import GRID_COLUMNS, Cell, Row
from perfdesk.layout.table_widths import printed_lines
from perfdesk.layout.text import printable

TABLE_LOOK = (
    ("val", "0000"),
    ("firstRow", "0"),
    ("lastRow", "0"),
    ("firstColumn", "0"),
    ("lastColumn", "0"),
    ("noHBand", "1"),
    ("noVBand", "1"),
)


def _table_properties() -> str:
    """``w:tblPr``: full width, centred, single black lines, fixed layout, the cell margins."""
    line = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{edge} {line}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margin = twips(CELL_MARGIN_PT)
    look = "".join(f' w:{key}="{value}"' for key, value in TABLE_LOOK)
    return (
        f'<w:tblPr><w:tblW w:w="{TABLE_WIDTH_TWIPS}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f"<w:tblLook{look}/></w:tblPr>"
    )


@lru_cache(maxsize=1 << 12)
def _cell_opening(width: int, span: int, merge: str | None) -> str:
    """``w:tc`` and its properties: width (twips), columns spanned, vertical merge (the few shapes recur)."""
    spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merged = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge or "", "")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{spanned}{merged}<w:vAlign w:val="center"/></w:tcPr>'


#: Cell contents a renderer keeps for reuse before it starts afresh (a few MB at most).
MADE_CELLS = 20_000


class TableRenderer:
    """Turns rows of table plans into ``w:tbl`` XML text, ready to stream into the body.

    Per-cell lxml calls cost ~150 µs a cell, the text ~10 µs (1,000 tables:
    seconds vs fractions of one).
    """

    def __init__(self, font: Font) -> None:
        self._head = f"<w:tbl>{_table_properties()}"
        # Size and spacing come from the table style; each run still names its fonts (w:eastAsia).
        name = wml.attr(font.name)
        self._rpr = f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/></w:rPr>'
        self._ppr = {
            align: f'<w:pPr><w:pStyle w:val="{STYLE_TABLE_TEXT}"/><w:jc w:val="{align}"/></w:pPr>'
            for align in ("center", "left")
        }
        self._made: dict[tuple[str, str, float], str] = {}

    def _content(self, cell: Cell, width_pt: float) -> str:
        """The cell's paragraphs, made once per text: captions recur in every table, and most values
        (``≥``, ``100%``, ``次``, ``是``) in many rows (60% of a sample's data cells repeat one before them)."""
        key = (cell.text, cell.align, width_pt if cell.label else 0.0)
        content = self._made.get(key)
        if content is None:
            if len(self._made) >= MADE_CELLS:  # a bureau's worth of distinct sentences is not kept
                self._made.clear()
            content = self._made[key] = self._make(cell, width_pt)
        return content

    def _make(self, cell: Cell, width_pt: float) -> str:
        ppr = self._ppr[cell.align]
        text = printable(cell.text)
        if cell.label:  # a caption broken between words stays one paragraph
            runs = "<w:br/>".join(wml.text(line) for line in printed_lines(text, True, width_pt / SIZE_5))
            return f"<w:p>{ppr}<w:r>{self._rpr}{runs}</w:r></w:p>" if cell.text else f"<w:p>{ppr}</w:p>"
        return "".join(  # a line break in a data cell is a paragraph, as Word writes it
            f"<w:p>{ppr}<w:r>{self._rpr}{wml.text(line)}</w:r></w:p>" if line else f"<w:p>{ppr}</w:p>"
            for line in text.split("\n")
        )

    def _cell(
        self, out: list[str], widths: Sequence[int], col: int, span: int, merge: str | None, cell: Cell | None
    ) -> None:
        out.append(_cell_opening(sum(widths[col : col + span]), span, merge))
        if cell is None:
            out.append(f"<w:p>{self._ppr['center']}</w:p></w:tc>")
        else:
            out.append(self._content(cell, text_width_pt(widths, col, span)))
            out.append("</w:tc>")

    def _row(
        self, out: list[str], widths: Sequence[int], row: Row, repeat: bool, pending: dict[int, tuple[int, int]]
    ) -> None:
        """One ``w:tr``; ``pending`` maps a column to (rows still covered, span) of merges from above."""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if repeat else ''}</w:trPr>")
        starts = {cell.col: cell for cell in row.cells}
        col = 0
        while col < GRID_COLUMNS:
            if col in pending:
                left, span = pending[col]
                self._cell(out, widths, col, span, "continue", None)
                if left > 1:
                    pending[col] = (left - 1, span)
                else:
                    del pending[col]
            elif col in starts:
                cell = starts[col]
                span = cell.col_span
                self._cell(out, widths, col, span, "restart" if cell.row_span > 1 else None, cell)
                if cell.row_span > 1:
                    pending[col] = (cell.row_span - 1, span)
            else:  # a gap in the plan: keep the grid rectangular
                span = 1
                self._cell(out, widths, col, 1, None, Cell("", col))
            col += span
        out.append("</w:tr>")

    def table(self, rows: Sequence[Row], widths: Sequence[int]) -> str:
        """One table of ``rows`` on grid ``widths`` (twips).

        The column-header row is marked to repeat (``w:tblHeader``) only where it
        opens the table, on a continuation page: Word repeats leading rows only.
        """
        out = [self._head, "<w:tblGrid>", *(f'<w:gridCol w:w="{width}"/>' for width in widths), "</w:tblGrid>"]
        pending: dict[int, tuple[int, int]] = {}
        for i, row in enumerate(rows):
            self._row(out, widths, row, row.header and i == 0, pending)
        out.append("</w:tbl>")
        return "".join(out)
