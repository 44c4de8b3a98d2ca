"""Render a ``perfdesk.layout.project_table.TablePlan`` as one Word table (raw OXML).

Rows are built directly as ``w:tr``/``w:tc`` elements: python-docx's
``table.cell()`` rebuilds the cell list on every call (tech-notes §5, 57 s for
500 tables). Vertical merges are real ``w:vMerge`` restart/continue cells, so
Word and python-docx see one merged cell; widths go into both ``w:gridCol``
(LibreOffice reads those) and ``w:tcW``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from lxml import etree

from perfdesk.export.docx.styles import CELL_MARGIN_PT, MM, Font, RunFactory, twips
from perfdesk.export.docx.template import STYLE_TABLE_TEXT
from perfdesk.layout.project_table import COLUMN_WIDTHS_MM, GRID_COLUMNS, Cell, Row, TablePlan
from perfdesk.layout.text import printable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COLUMN_TWIPS: tuple[int, ...] = tuple(round(mm * MM) for mm in COLUMN_WIDTHS_MM)
CENTRED_MAX_CHARS = 16  # longer data (资金用途, 绩效目标, descriptions) is justified, not centred


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _table_properties() -> etree._Element:
    tbl_pr = etree.Element(qn("w:tblPr"))
    _sub(tbl_pr, "w:tblW", w=str(sum(COLUMN_TWIPS)), type="dxa")
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
    """Turns table plans into ``w:tbl`` elements.

    Each table is written as one XML string and parsed once: per-cell lxml
    calls cost ~150 µs a cell, the string ~10 µs (1,000 tables: seconds vs
    fractions of one).
    """

    def __init__(self, runs: RunFactory, font: Font) -> None:
        del runs  # the run properties are serialised once here instead
        grid = etree.Element(qn("w:tblGrid"))
        for width in COLUMN_TWIPS:
            _sub(grid, "w:gridCol", w=str(width))
        self._head = f'<w:tbl xmlns:w="{W_NS}">{_fragment(_table_properties())}{_fragment(grid)}'
        # Size and spacing come from the table style; each run still names its fonts (w:eastAsia).
        name = escape(font.name, {'"': "&quot;"})
        self._rpr = f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/></w:rPr>'
        self._ppr = {
            align: f'<w:pPr><w:pStyle w:val="{STYLE_TABLE_TEXT}"/><w:jc w:val="{align}"/></w:pPr>'
            for align in ("center", "both")
        }

    def _cell(self, out: list[str], col: int, span: int, merge: str | None, cell: Cell | None) -> None:
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(COLUMN_TWIPS[col : col + span])}" w:type="dxa"/>')
        if span > 1:
            out.append(f'<w:gridSpan w:val="{span}"/>')
        if merge == "restart":
            out.append('<w:vMerge w:val="restart"/>')
        elif merge == "continue":
            out.append("<w:vMerge/>")
        out.append('<w:vAlign w:val="center"/></w:tcPr>')
        text = printable(cell.text) if cell is not None else ""
        ppr = self._ppr["center" if cell is None or cell.label or len(text) <= CENTRED_MAX_CHARS else "both"]
        for line in text.split("\n"):  # a line break in a cell is a paragraph, as Word writes it
            run = f'{self._rpr}<w:t xml:space="preserve">{escape(line)}</w:t>' if line else ""
            out.append(f"<w:p>{ppr}{f'<w:r>{run}</w:r>' if run else ''}</w:p>")
        out.append("</w:tc>")

    def _row(self, out: list[str], row: Row, pending: dict[int, tuple[int, int]]) -> None:
        """One ``w:tr``; ``pending`` maps a column to (rows still covered, span) of merges from above."""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if row.header else ''}</w:trPr>")
        starts = {cell.col: cell for cell in row.cells}
        col = 0
        while col < GRID_COLUMNS:
            if col in pending:
                left, span = pending[col]
                self._cell(out, col, span, "continue", None)
                if left > 1:
                    pending[col] = (left - 1, span)
                else:
                    del pending[col]
            elif col in starts:
                cell = starts[col]
                span = cell.col_span
                self._cell(out, col, span, "restart" if cell.row_span > 1 else None, cell)
                if cell.row_span > 1:
                    pending[col] = (cell.row_span - 1, span)
            else:  # a gap in the plan: keep the grid rectangular
                span = 1
                self._cell(out, col, 1, None, Cell("", col))
            col += span
        out.append("</w:tr>")

    def table(self, plan: TablePlan) -> etree._Element:
        out = [self._head]
        pending: dict[int, tuple[int, int]] = {}
        for row in plan.rows:
            self._row(out, row, pending)
        out.append("</w:tbl>")
        return etree.fromstring("".join(out))
