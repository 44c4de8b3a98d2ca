"""Render the rows of a ``perfdesk.layout.project_table.TablePlan`` as Word tables (raw OXML).

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
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from lxml import etree

from perfdesk.export.docx.geometry import CELL_MARGIN_PT, SIZE_5, TABLE_WIDTH_TWIPS, text_width_pt
from perfdesk.export.docx.geometry import column_twips as column_twips  # the writers import it from here
from perfdesk.export.docx.styles import Font, twips
from perfdesk.export.docx.template import STYLE_TABLE_TEXT
from perfdesk.layout.project_table import GRID_COLUMNS, Cell, Row
from perfdesk.layout.table_widths import printed_lines
from perfdesk.layout.text import printable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _table_properties() -> etree._Element:
    tbl_pr = etree.Element(qn("w:tblPr"))
    _sub(tbl_pr, "w:tblW", w=str(TABLE_WIDTH_TWIPS), type="dxa")
    _sub(tbl_pr, "w:jc", val="center")
    borders = _sub(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, f"w:{edge}", val="single", sz="4", space="0", color="000000")
    _sub(tbl_pr, "w:tblLayout", type="fixed")
    margins = _sub(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _sub(margins, f"w:{side}", w=twips(CELL_MARGIN_PT), type="dxa")
    _sub(
        tbl_pr,
        "w:tblLook",
        val="0000",
        firstRow="0",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="1",
        noVBand="1",
    )
    return tbl_pr


def _fragment(element: etree._Element) -> str:
    """An element's XML without the namespace declaration (it is declared once per table)."""
    return etree.tostring(element, encoding=str).replace(f' xmlns:w="{W_NS}"', "")


class TableRenderer:
    """Turns rows of table plans into ``w:tbl`` elements.

    Each table is written as one XML string and parsed once: per-cell lxml
    calls cost ~150 µs a cell, the string ~10 µs (1,000 tables: seconds vs
    fractions of one).
    """

    def __init__(self, font: Font) -> None:
        self._head = f'<w:tbl xmlns:w="{W_NS}">{_fragment(_table_properties())}'
        # Size and spacing come from the table style; each run still names its fonts (w:eastAsia).
        name = escape(font.name, {'"': "&quot;"})
        self._rpr = f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/></w:rPr>'
        self._ppr = {
            align: f'<w:pPr><w:pStyle w:val="{STYLE_TABLE_TEXT}"/><w:jc w:val="{align}"/></w:pPr>'
            for align in ("center", "left")
        }

    def _cell(
        self, out: list[str], widths: Sequence[int], col: int, span: int, merge: str | None, cell: Cell | None
    ) -> None:
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths[col : col + span])}" w:type="dxa"/>')
        if span > 1:
            out.append(f'<w:gridSpan w:val="{span}"/>')
        if merge == "restart":
            out.append('<w:vMerge w:val="restart"/>')
        elif merge == "continue":
            out.append("<w:vMerge/>")
        out.append('<w:vAlign w:val="center"/></w:tcPr>')
        if cell is None:
            out.append(f"<w:p>{self._ppr['center']}</w:p></w:tc>")
            return
        ppr = self._ppr[cell.align]
        text = printable(cell.text)
        if cell.label:  # a caption broken between words stays one paragraph
            lines = printed_lines(text, True, text_width_pt(widths, col, span) / SIZE_5)
            runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
            out.append(f"<w:p>{ppr}<w:r>{self._rpr}{runs}</w:r></w:p>" if cell.text else f"<w:p>{ppr}</w:p>")
        else:
            for line in text.split("\n"):  # a line break in a data cell is a paragraph, as Word writes it
                run = f'<w:r>{self._rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
                out.append(f"<w:p>{ppr}{run}</w:p>")
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

    def table(self, rows: Sequence[Row], widths: Sequence[int]) -> etree._Element:
        """One table of ``rows`` on grid ``widths`` (twips).

        The column-header row is marked to repeat (``w:tblHeader``) only where it
        opens the table, on a continuation page: Word repeats leading rows only.
        """
        out = [self._head, "<w:tblGrid>", *(f'<w:gridCol w:w="{width}"/>' for width in widths), "</w:tblGrid>"]
        pending: dict[int, tuple[int, int]] = {}
        for i, row in enumerate(rows):
            self._row(out, widths, row, row.header and i == 0, pending)
        out.append("</w:tbl>")
        return etree.fromstring("".join(out))
