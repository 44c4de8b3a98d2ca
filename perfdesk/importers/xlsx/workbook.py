"""``read_workbook``: a workbook perfdesk wrote (and a clerk may have edited) → one department.

The sheets are turned into a perfdesk/1 JSON document (the hidden ``perfdesk`` sheet gives
what print does not show) and that document goes through the JSON reader, so an Excel import
is checked and built exactly like a JSON import, all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException

from perfdesk.errors import InputError
from perfdesk.importers.archives import ZIP_DAMAGE
from perfdesk.importers.json_import import read_document
from perfdesk.importers.xlsx.book import Book, open_book
from perfdesk.importers.xlsx.cells import CellValue
from perfdesk.importers.xlsx.part_one import read_part_one
from perfdesk.importers.xlsx.project_sheet import as_typed, is_project_sheet, read_project
from perfdesk.importers.xlsx.safety import DEFAULT_LIMITS, Limits, check_package
from perfdesk.importers.xlsx.sheet_xml import EntitiesRefused
from perfdesk.interchange.json_schema import FORMAT_ID
from perfdesk.interchange.xlsx_layout import (
    META_DEPARTMENT,
    META_FORMAT,
    META_PROJECT,
    META_SHEET,
    PART_ONE_SHEET,
    SUMMARY_SHEET,
)
from perfdesk.layout.options import apply_layout_preset
from perfdesk.layout.project_table import GRID_COLUMNS, LayoutOptions
from perfdesk.models import Department

#: What openpyxl raises on a damaged workbook (it validates little and fails where it fails).
_DAMAGED: tuple[type[Exception], ...] = (
    InvalidFileException,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    ParseError,
    ExpatError,
    *ZIP_DAMAGE,
)
Rows = list[list[CellValue]]


def read_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Department]:
    """The department-year in ``path``, built but not stored.

    Raises:
        InputError: the file is not a workbook perfdesk can read, or a cell is wrong (``项目3!E12``).
    """
    check_package(path, limits)
    # The file is opened here, not by openpyxl, which leaves it open when it fails to read it.
    with path.open("rb") as handle:
        try:
            book = open_book(handle)
            try:
                return [_department(book, limits)]
            finally:
                book.archive.close()
        except (DefusedXmlException, EntitiesRefused) as exc:
            raise InputError("工作簿中含有 XML 实体声明，出于安全原因拒绝读取。", str(path)) from exc
        except _DAMAGED as exc:
            if isinstance(exc.__context__, DefusedXmlException):
                raise InputError("工作簿中含有 XML 实体声明，出于安全原因拒绝读取。", str(path)) from exc
            raise InputError(f"Excel 工作簿已损坏或格式不对，无法读取（{type(exc).__name__}）。", str(path)) from exc


def _rows(workbook: Book, name: str, limits: Limits) -> Rows:
    """The first ``GRID_COLUMNS`` cells of every row, blank rows included."""
    rows = workbook.rows(name, GRID_COLUMNS, limits.rows)
    for row in rows:
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > limits.text_chars:
                raise InputError(
                    f"单元格中的文字太长（{len(cell.value)} 个字符，上限 {limits.text_chars}）。", cell.where
                )
    return rows


def _meta(workbook: Book, limits: Limits) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The department's hidden data and each project sheet's, by sheet name."""
    if META_SHEET not in workbook.sheetnames:
        raise InputError(
            "这个工作簿不是 perfdesk 导出的（缺少隐藏的 perfdesk 工作表），无法导入。"
            "请用 perfdesk 导出的 Excel 文件编辑后导入。"
        )
    rows = _rows(workbook, META_SHEET, limits)
    if not rows or rows[0][0].text() != META_FORMAT:
        raise InputError(f"隐藏的 perfdesk 工作表不是“{META_FORMAT}”格式，可能来自更新版本的 perfdesk。", META_SHEET)
    department: dict[str, Any] | None = None
    projects: dict[str, dict[str, Any]] = {}
    for row in rows[1:]:
        key = row[0].text()
        if key not in (META_DEPARTMENT, META_PROJECT):
            continue
        try:
            data = json.loads(row[2].text())
        except json.JSONDecodeError as exc:
            raise InputError("隐藏的 perfdesk 工作表已损坏，无法读取。", row[2].where) from exc
        if not isinstance(data, dict):
            raise InputError("隐藏的 perfdesk 工作表已损坏，无法读取。", row[2].where)
        if key == META_DEPARTMENT:
            department = data
        else:
            projects[row[1].text()] = data
    if department is None:
        raise InputError("隐藏的 perfdesk 工作表中没有部门信息。", META_SHEET)
    return department, projects


def _department(workbook: Book, limits: Limits) -> Department:
    meta, project_meta = _meta(workbook, limits)
    options = _options(meta)
    if PART_ONE_SHEET not in workbook.sheetnames:
        raise InputError(f"缺少“{PART_ONE_SHEET}”工作表。")
    data = dict(meta)
    data.update(read_part_one(_rows(workbook, PART_ONE_SHEET, limits)))
    sections: dict[str, list[dict[str, Any]]] = {"special": [], "budget": []}
    unused = dict(project_meta)
    for name, rows in _project_sheets(workbook, limits):
        shown = read_project(rows, name, options)
        hidden = _hidden_of(unused, name, shown["code"])
        as_typed(shown, hidden.pop("typed", {}))
        section = hidden.pop("section", "budget")
        kept = hidden.pop("indicators_kept", [])
        hidden.pop("code", None)
        project = {**hidden, **shown}
        plan = {**(hidden.get("spending_plan") or {}), **project.get("spending_plan", {})}
        if plan or "spending_plan" in hidden:
            project["spending_plan"] = plan
        _keep_nulls(project.get("indicators", []), kept)
        sections["special" if section == "special" else "budget"].append(project)
    for key, section in (("special_funds", "special"), ("projects", "budget")):
        if sections[section]:
            data[key] = sections[section]
    return read_document({"format": FORMAT_ID, "departments": [data]})[0]


def _hidden_of(unused: dict[str, dict[str, Any]], sheet: str, code: str) -> dict[str, Any]:
    """The hidden data of the project on ``sheet``: by the sheet's name, or, when the clerk renamed
    the sheet, by the project code it was exported with. Each is used once."""
    if sheet in unused:
        return dict(unused.pop(sheet))
    found = next((name for name, data in unused.items() if code and data.get("code") == code), None)
    return dict(unused.pop(found)) if found is not None else {}


def _options(meta: dict[str, Any]) -> LayoutOptions:
    """The layout the sheets were printed in (its values are checked with the rest by the JSON reader)."""
    printed = Department(framework=meta.get("framework"))
    layout = meta.get("layout")
    apply_layout_preset(printed, layout if isinstance(layout, dict) else None)
    return LayoutOptions.of(printed)


def _keep_nulls(indicators: list[dict[str, Any]], kept: Any) -> None:
    """Give the n-th indicator back the keys that were null in the source (and are still empty)."""
    if not isinstance(kept, list):
        return
    for indicator, keys in zip(indicators, kept, strict=False):
        for key in keys if isinstance(keys, list) else []:
            if key in ("description", "op", "value", "unit", "basis") and key not in indicator:
                indicator[key] = None


def _project_sheets(workbook: Book, limits: Limits) -> Iterator[tuple[str, Rows]]:
    for name in workbook.sheetnames:
        if name in (PART_ONE_SHEET, SUMMARY_SHEET, META_SHEET):
            continue
        rows = _rows(workbook, name, limits)
        if is_project_sheet(rows):
            yield name, rows
