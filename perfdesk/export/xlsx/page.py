"""Print setup shared by the sheets: A4 portrait, one page wide, title in the header, page numbers.

The same setup reaches the sheets openpyxl writes (``set_page``) and the project sheets written
as XML (``PageXml``): both fill openpyxl's own print objects through ``_fill_print`` and
``_fill_header``, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from xml.sax.saxutils import escape

from openpyxl.worksheet.dimensions import SheetFormatProperties
from openpyxl.worksheet.header_footer import HeaderFooter, HeaderFooterItem
from openpyxl.worksheet.page import PageMargins, PrintOptions, PrintPageSetup
from openpyxl.worksheet.properties import WorksheetProperties
from openpyxl.worksheet.views import SheetViewList
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from perfdesk.export.xlsx.styles import SheetStyles

FOOTER = "第 &P 页，共 &N 页"
A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4


def header_text(text: str) -> str:
    """``text`` for a header or footer: ``&`` starts a code there and is written ``&&``."""
    return text.replace("&", "&&")


def _fill_print(setup: PrintPageSetup, margins: PageMargins, options: PrintOptions, props: WorksheetProperties) -> None:
    setup.paperSize = A4
    setup.orientation = "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    props.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # set by openpyxl
    options.horizontalCentered = True
    margins.left = margins.right = 0.6
    margins.top, margins.bottom = 0.9, 0.7
    margins.header, margins.footer = 0.4, 0.3


def _fill_header(header_footer: HeaderFooter, title: str, styles: SheetStyles) -> None:
    header, footer = header_footer.oddHeader, header_footer.oddFooter
    assert header is not None  # a new sheet has both
    assert footer is not None
    _fill_title(header, title, styles)
    footer.center.text = FOOTER


def _fill_title(header: HeaderFooterItem, title: str, styles: SheetStyles) -> None:
    header.center.text = header_text(title)
    header.center.font = f"{styles.title.name},Regular"
    header.center.size = int(styles.title.size or 14)


def _title_code(title: str, styles: SheetStyles) -> str:
    """The header's text in Excel's header code, as openpyxl writes it (``&C&"黑体,Regular"&14 标题``)."""
    item = HeaderFooterItem()
    _fill_title(item, title, styles)
    return str(item)


def set_page(ws: Worksheet, title: str, styles: SheetStyles, area: str, repeat_row: int = 0) -> None:
    """A4 portrait fitted to one page wide (as many tall as needed), ``title`` centred in the header.

    Args:
        area: the print area (``A1:G30``).
        repeat_row: the row printed at the top of every page (0: none).
    """
    _fill_print(ws.page_setup, ws.page_margins, ws.print_options, ws.sheet_properties)
    _fill_header(ws.HeaderFooter, title, styles)
    ws.print_area = area
    if repeat_row:
        ws.print_title_rows = f"{repeat_row}:{repeat_row}"


def _xml(*parts: object) -> str:
    return "".join(tostring(part.to_tree()).decode("utf-8") for part in parts)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PageXml:
    """What openpyxl writes around a new sheet's columns and cells after ``set_page``, as XML text:
    ``top`` before ``<dimension>`` (sheetPr), ``views`` after it (sheetViews, sheetFormatPr), ``tail``
    after ``<mergeCells>`` (printOptions, pageMargins, pageSetup) and the header with the title."""

    top: str
    views: str
    tail: str

    @staticmethod
    @functools.cache
    def frame() -> PageXml:
        props, setup, margins, options = WorksheetProperties(), PrintPageSetup(), PageMargins(), PrintOptions()
        _fill_print(setup, margins, options, props)
        return PageXml(_xml(props), _xml(SheetViewList(), SheetFormatProperties()), _xml(options, margins, setup))

    @staticmethod
    def header(title: str, styles: SheetStyles) -> str:
        """The ``<headerFooter>`` with ``title``: openpyxl's XML made once per font, the title put in."""
        template, marker = _header_template(styles)
        return template.replace(marker, escape(_title_code(title, styles)), 1)


#: A title that no escaping changes, standing for the real one in the cached header XML.
_MARKER = "PERFDESK-TITLE-MARKER"


@functools.lru_cache(maxsize=8)
def _header_template(styles: SheetStyles) -> tuple[str, str]:
    header_footer = HeaderFooter()
    _fill_header(header_footer, _MARKER, styles)
    return _xml(header_footer), escape(_title_code(_MARKER, styles))
