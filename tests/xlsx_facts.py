"""Everything openpyxl reads back from a workbook, as comparable facts: values, styles, merges, sizes, print setup.

Two workbooks with equal facts look and print the same in Excel, whatever their XML: the Excel
writer may change how it writes (speed) as long as the facts stay those of the files written
before (``tests/data/xlsx_before``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

Facts = dict[str, Any]


def _xml(obj: Any) -> str | None:
    """An openpyxl object as the XML it stands for (``None`` for a missing one)."""
    return None if obj is None else tostring(obj.to_tree()).decode("utf-8")


def _dimension(dim: Any) -> dict[str, Any]:
    return {key: value for key, value in dim if key != "index"}


def _cell(cell: Cell | MergedCell, styles: dict[Any, tuple[str | None, ...]]) -> tuple[Any, ...]:
    key = tuple(cell._style) if cell.has_style else None  # type: ignore[union-attr]  # style ids, not in the stubs
    look = styles.get(key)
    if look is None:
        look = styles[key] = (
            _xml(cell.font),
            _xml(cell.alignment),
            _xml(cell.border),
            _xml(cell.fill),
            _xml(cell.protection),
            cell.number_format,
        )
    link = cell.hyperlink
    return (
        type(cell).__name__,
        cell.value,
        cell.data_type,
        look,
        None if link is None else (link.ref, link.location, link.target, link.display),
    )


def sheet_facts(ws: Worksheet) -> Facts:
    styles: dict[Any, tuple[str | None, ...]] = {}
    cells = {
        cell.coordinate: _cell(cell, styles)
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)
        for cell in row
        if cell.value is not None or cell.has_style or cell.hyperlink is not None
    }
    return {
        "state": ws.sheet_state,
        "dimensions": ws.dimensions,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "columns": {key: _dimension(dim) for key, dim in sorted(ws.column_dimensions.items())},
        "rows": {key: _dimension(dim) for key, dim in sorted(ws.row_dimensions.items())},
        "freeze_panes": ws.freeze_panes,
        "auto_filter": ws.auto_filter.ref,
        "print_area": ws.print_area,
        "print_titles": (ws.print_title_rows, ws.print_title_cols),
        "page_setup": _xml(ws.page_setup),
        "page_margins": _xml(ws.page_margins),
        "print_options": _xml(ws.print_options),
        "header_footer": _xml(ws.HeaderFooter),
        "properties": _xml(ws.sheet_properties),
        "format": _xml(ws.sheet_format),
        "views": _xml(ws.views),
        "defined_names": sorted((name, _xml(dn)) for name, dn in ws.defined_names.items()),
        "cells": cells,
    }


def workbook_facts(path: Path) -> Facts:
    book = openpyxl.load_workbook(path)
    return {
        "sheets": book.sheetnames,
        "active": book.index(book.active) if book.active is not None else None,
        "defined_names": sorted((name, _xml(dn)) for name, dn in book.defined_names.items()),
        **{f"sheet {ws.title}": sheet_facts(ws) for ws in book.worksheets},
    }


def differences(before: Facts, after: Facts, where: str = "") -> list[str]:
    """Where two facts differ, as readable paths (``sheet 1.项目!cells!B7: (…) ≠ (…)``), the first few."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[str] = []
        for key in sorted(set(before) | set(after), key=str):
            if key not in after or key not in before:
                found.append(f"{where}!{key}: only {'before' if key in before else 'after'}")
            else:
                found += differences(before[key], after[key], f"{where}!{key}" if where else str(key))
            if len(found) >= 20:
                break
        return found
    return [] if before == after else [f"{where}: {before!r} ≠ {after!r}"]
