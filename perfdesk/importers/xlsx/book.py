"""A workbook opened for reading cells: its sheets' names and parts, shared strings and number formats.

openpyxl reads the workbook part, the shared strings and the styles (through defusedxml); its
read-only mode would also parse every sheet once just to learn its size, which for a
1,000-sheet workbook costs more than reading the cells. So the sheets are listed here and
their cells read by ``sheet_xml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any
from zipfile import ZipFile

from openpyxl.reader.excel import ExcelReader

from perfdesk.importers.xlsx.cells import CellValue
from perfdesk.importers.xlsx.sheet_xml import WorkbookStyles, number_formats, read_cells


@dataclass
class Book:
    """The sheets of an open workbook, by name in tab order, and what reading their cells needs."""

    archive: ZipFile
    parts: dict[str, str]  # sheet name → its part in the zip (worksheets only, chart sheets left out)
    styles: WorkbookStyles

    @property
    def sheetnames(self) -> list[str]:
        return list(self.parts)

    def rows(self, name: str, max_col: int, max_rows: int) -> list[list[CellValue]]:
        with self.archive.open(self.parts[name]) as stream:
            return read_cells(stream, self.styles, name, max_col, max_rows)


def open_book(handle: IO[bytes]) -> Book:
    """Read a workbook's structure from an open .xlsx file (the caller closes ``handle``).

    Raises:
        whatever openpyxl raises on a damaged or hostile workbook (the caller translates it).
    """
    reader: Any = ExcelReader(handle, read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    from openpyxl.styles.stylesheet import apply_stylesheet

    apply_stylesheet(reader.archive, reader.wb)
    parts = {
        sheet.name: rel.target
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type
    }
    book = reader.wb
    styles = WorkbookStyles(reader.shared_strings, number_formats(book._cell_styles, book._number_formats), book.epoch)
    return Book(reader.archive, parts, styles)
