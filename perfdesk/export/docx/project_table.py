"""Render a ``perfdesk.layout.project_table.TablePlan`` as one Word table (raw OXML).

Rows are built directly as ``w:tr``/``w:tc`` elements: python-docx's
``table.cell()`` rebuilds the cell list on every call (tech-notes §5, 57 s for
500 tables). Vertical merges are real ``w:vMerge`` restart/continue cells, so
Word and python-docx see one merged cell; widths go into both ``w:gridCol``
(LibreOffice reads those) and ``w:tcW``.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from lxml import etree

from perfdesk.export.docx.styles import (
    CELL_MARGIN_PT,
    MM,
    TABLE_LINE_PT,
    Font,
    ParagraphFormat,
    RunFactory,
    paragraph,
    twips,
)
from perfdesk.layout.project_table import COLUMN_WIDTHS_MM, GRID_COLUMNS, Cell, Row, TablePlan

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
    _sub(tbl_pr, "w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="1", noVBand="1")
    return tbl_pr


class TableRenderer:
    """Turns table plans into ``w:tbl`` elements, reusing prepared property elements."""

    def __init__(self, runs: RunFactory, font: Font) -> None:
        self._runs = runs
        self._font = font
        self._tbl_pr = _table_properties()
        self._grid = etree.Element(qn("w:tblGrid"))
        for width in COLUMN_TWIPS:
            _sub(self._grid, "w:gridCol", w=str(width))
        self._ppr = {
            align: paragraph(ParagraphFormat(align=align, line_pt=TABLE_LINE_PT))[0]
            for align in ("center", "both")
        }

    def _paragraph(self, text: str, align: str) -> etree._Element:
        p = etree.Element(qn("w:p"))
        p.append(copy.deepcopy(self._ppr[align]))
        if text:
            p.append(self._runs.run(text, self._font))
        return p

    def _cell(self, col: int, span: int, merge: str | None, cell: Cell | None) -> etree._Element:
        tc = etree.Element(qn("w:tc"))
        tc_pr = _sub(tc, "w:tcPr")
        _sub(tc_pr, "w:tcW", w=str(sum(COLUMN_TWIPS[col:col + span])), type="dxa")
        if span > 1:
            _sub(tc_pr, "w:gridSpan", val=str(span))
        if merge == "restart":
            _sub(tc_pr, "w:vMerge", val="restart")
        elif merge == "continue":
            _sub(tc_pr, "w:vMerge")
        _sub(tc_pr, "w:vAlign", val="center")
        text = cell.text if cell is not None else ""
        align = "center" if cell is None or cell.label or len(text) <= CENTRED_MAX_CHARS else "both"
        for line in text.split("\n"):  # a line break in a cell is a paragraph, as Word writes it
            tc.append(self._paragraph(line, align))
        return tc

    def _row(self, row: Row, pending: dict[int, tuple[int, int]]) -> etree._Element:
        """One ``w:tr``; ``pending`` maps a column to (rows still covered, span) of merges from above."""
        tr = etree.Element(qn("w:tr"))
        tr_pr = _sub(tr, "w:trPr")
        _sub(tr_pr, "w:cantSplit")
        if row.header:
            _sub(tr_pr, "w:tblHeader")
        starts = {cell.col: cell for cell in row.cells}
        col = 0
        while col < GRID_COLUMNS:
            if col in pending:
                left, span = pending[col]
                tr.append(self._cell(col, span, "continue", None))
                if left > 1:
                    pending[col] = (left - 1, span)
                else:
                    del pending[col]
            elif col in starts:
                cell = starts[col]
                span = cell.col_span
                tr.append(self._cell(col, span, "restart" if cell.row_span > 1 else None, cell))
                if cell.row_span > 1:
                    pending[col] = (cell.row_span - 1, span)
            else:  # a gap in the plan: keep the grid rectangular
                span = 1
                tr.append(self._cell(col, 1, None, Cell("", col)))
            col += span
        return tr

    def table(self, plan: TablePlan) -> etree._Element:
        tbl = etree.Element(qn("w:tbl"))
        tbl.append(copy.deepcopy(self._tbl_pr))
        tbl.append(copy.deepcopy(self._grid))
        pending: dict[int, tuple[int, int]] = {}
        for row in plan.rows:
            tbl.append(self._row(row, pending))
        return tbl
