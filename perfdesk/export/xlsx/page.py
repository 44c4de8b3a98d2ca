"""Print setup shared by the sheets: A4 portrait, one page wide, title in the header, page numbers."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.xlsx.styles import SheetStyles

FOOTER = "第 &P 页，共 &N 页"


def header_text(text: str) -> str:
    """``text`` for a header or footer: ``&`` starts a code there and is written ``&&``."""
    return text.replace("&", "&&")


def set_page(ws: Worksheet, title: str, styles: SheetStyles, area: str, repeat_row: int = 0) -> None:
    """A4 portrait fitted to one page wide (as many tall as needed), ``title`` centred in the header.

    Args:
        area: the print area (``A1:G30``).
        repeat_row: the row printed at the top of every page (0: none).
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # set by openpyxl
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top, ws.page_margins.bottom = 0.9, 0.7
    ws.page_margins.header, ws.page_margins.footer = 0.4, 0.3
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None  # a new sheet has both
    assert footer is not None
    header.center.text = header_text(title)
    header.center.font = f"{styles.title.name},Regular"
    header.center.size = int(styles.title.size or 14)
    footer.center.text = FOOTER
    ws.print_area = area
    if repeat_row:
        ws.print_title_rows = f"{repeat_row}:{repeat_row}"
