"""The cells of one worksheet, read straight from its XML with expat, entity declarations refused.

openpyxl's read-only sheets parse through defusedxml's pure-Python ElementTree parser and
build an object per element: for a 1,000-sheet workbook that is most of an import. Here
openpyxl still reads the workbook, its shared strings and styles (with defusedxml); only the
sheets' ``<c>`` cells are scanned, up to the columns and rows wanted, with the same defence
defusedxml uses: a document type or entity declaration stops the parse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from perfdesk.errors import InputError
from perfdesk.importers.xlsx.cells import CellValue

CHUNK = 1 << 16


class EntitiesRefused(ValueError):
    """The XML declares a document type or an entity (what defusedxml refuses too)."""


class _SheetEnd(Exception):
    """Raised at ``</sheetData>``: the rest of the sheet (print setup, merges) is not needed."""


@dataclass(frozen=True)
class WorkbookStyles:
    """What turns a cell's raw XML into its value: shared strings, number formats by style, the epoch."""

    strings: Sequence[str]
    formats: Sequence[str]  # by the cell's ``s`` attribute
    epoch: dt.datetime

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"


def number_formats(cell_styles: Sequence[Any], custom: Sequence[str]) -> list[str]:
    """Each cell style's number format code (openpyxl's ``_cell_styles`` and ``_number_formats``)."""
    codes = []
    for style in cell_styles:
        number = style.numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            codes.append(BUILTIN_FORMATS.get(number, "General"))
        else:
            codes.append(custom[number - BUILTIN_FORMATS_MAX_SIZE])
    return codes


def _refuse(*_args: object) -> Any:
    raise EntitiesRefused("document type or entity declaration")


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


class _Scanner:
    def __init__(self, styles: WorkbookStyles, sheet: str, max_col: int, max_rows: int) -> None:
        self.styles, self.sheet, self.max_col, self.max_rows = styles, sheet, max_col, max_rows
        self.cells: dict[int, dict[int, CellValue]] = {}
        self.row = 0
        self.col = 0
        self.kind = "n"
        self.style = 0
        self.text: list[str] | None = None
        self.value: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            self.row = int(attrs["r"]) if "r" in attrs else self.row + 1
            self.col = 0
            if self.row > self.max_rows:
                raise InputError(f"工作表的行数太多（超过 {self.max_rows} 行），不像是绩效文本。", self.sheet)
        elif tag == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                self.col = column_index_from_string(letters)
                self.row = int(ref[len(letters) :]) if ref[len(letters) :] else self.row
            else:
                self.col += 1
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", 0))
            self.value = None
        elif tag in ("v", "t") and self.col <= self.max_col:
            self.text = []

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag in ("v", "t") and self.text is not None:
            self.value = (self.value or "") + "".join(self.text)
            self.text = None
        elif tag == "c" and self.col <= self.max_col and self.value is not None:
            where = f"{self.sheet}!{get_column_letter(self.col)}{self.row}"
            fmt = self.styles.number_format(self.style)
            self.cells.setdefault(self.row, {})[self.col] = CellValue(self._convert(self.value, fmt), fmt, where)
        elif tag == "sheetData":
            raise _SheetEnd

    def _convert(self, raw: str, fmt: str) -> object:
        kind = self.kind
        if kind == "s":
            return self.styles.strings[int(raw)]
        if kind in ("str", "inlineStr", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return dt.datetime.fromisoformat(raw.strip())
        number: int | float = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
        if is_date_format(fmt):
            return from_excel(number, self.styles.epoch)
        return number


def read_cells(
    stream: IO[bytes], styles: WorkbookStyles, sheet: str, max_col: int, max_rows: int
) -> list[list[CellValue]]:
    """Every row up to the last one holding a value, each ``max_col`` cells wide (blank cells filled in).

    Raises:
        EntitiesRefused: the sheet declares a document type or entities.
        InputError: more than ``max_rows`` rows.
        ValueError, expat.ExpatError, KeyError, IndexError: the XML is damaged.
    """
    scanner = _Scanner(styles, sheet, max_col, max_rows)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = scanner.start
    parser.EndElementHandler = scanner.end
    parser.CharacterDataHandler = scanner.data
    parser.buffer_text = True
    feed: Callable[[bytes, bool], int] = parser.Parse
    try:
        while chunk := stream.read(CHUNK):
            feed(chunk, False)
        feed(b"", True)
    except _SheetEnd:
        pass
    last = max(scanner.cells, default=0)
    return [
        [
            scanner.cells.get(r, {}).get(c) or CellValue(None, "General", f"{sheet}!{get_column_letter(c)}{r}")
            for c in range(1, max_col + 1)
        ]
        for r in range(1, last + 1)
    ]
