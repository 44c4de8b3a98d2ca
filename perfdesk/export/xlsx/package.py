"""Adds sheets written as XML to the package of a workbook openpyxl saved.

openpyxl writes the few sheets it builds (第一部分, 项目汇总, the hidden ``perfdesk`` sheet) and
the styles; the project sheets, a thousand in a large department, are written as text
(``project_sheet``) and join the package here: each gets its part, its content type, its
relationship, its ``<sheet>`` entry in ``workbook.xml`` at its place in the tab order, and the
print area and repeated row as defined names, as openpyxl would have written them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from typing import BinaryIO

from lxml import etree
from openpyxl.utils.cell import absolute_coordinate, quote_sheetname

from perfdesk.export.xlsx.project_sheet import ProjectSheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_SHEET_PART = re.compile(r"xl/worksheets/sheet(\d+)\.xml")


def _defined_names(sheet: ProjectSheet, index: int) -> list[etree._Element]:
    names = []
    quoted = quote_sheetname(sheet.title)
    if sheet.title_row:
        row = sheet.title_row
        names.append(("_xlnm.Print_Titles", f"{quoted}!${row}:${row}"))
    names.append(("_xlnm.Print_Area", f"{quoted}!{absolute_coordinate(sheet.print_area)}"))
    elements = []
    for name, text in names:
        element = etree.Element(f"{{{MAIN}}}definedName", name=name, localSheetId=str(index))
        element.text = text
        elements.append(element)
    return elements


def _workbook(xml: bytes, sheets: Sequence[ProjectSheet], position: int, ids: Sequence[str]) -> bytes:
    root = etree.fromstring(xml)
    listed = root.find(f"{{{MAIN}}}sheets")
    assert listed is not None  # openpyxl always writes it
    next_id = max(int(sheet.get("sheetId") or 0) for sheet in listed) + 1
    names = root.find(f"{{{MAIN}}}definedNames")
    if names is None:
        names = etree.Element(f"{{{MAIN}}}definedNames")
        listed.addnext(names)
    for name in names:  # the sheets after the inserted ones move along the tabs
        local = name.get("localSheetId")
        if local is not None and int(local) >= position:
            name.set("localSheetId", str(int(local) + len(sheets)))
    for offset, (sheet, rel_id) in enumerate(zip(sheets, ids, strict=True)):
        entry = etree.Element(f"{{{MAIN}}}sheet", nsmap={"r": REL})
        entry.set("name", sheet.title)
        entry.set("sheetId", str(next_id + offset))
        entry.set("state", "visible")
        entry.set(f"{{{REL}}}id", rel_id)
        listed.insert(position + offset, entry)
        names.extend(_defined_names(sheet, position + offset))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _relationships(xml: bytes, parts: Sequence[str], ids: Sequence[str]) -> bytes:
    root = etree.fromstring(xml)
    for part, rel_id in zip(parts, ids, strict=True):
        etree.SubElement(root, f"{{{PACKAGE_REL}}}Relationship", Type=f"{REL}/worksheet", Target=f"/{part}", Id=rel_id)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_types(xml: bytes, parts: Sequence[str]) -> bytes:
    root = etree.fromstring(xml)
    for part in parts:
        etree.SubElement(root, f"{{{TYPES}}}Override", PartName=f"/{part}", ContentType=WORKSHEET_TYPE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def add_sheets(saved: BinaryIO, handle: BinaryIO, sheets: Sequence[ProjectSheet], position: int) -> None:
    """Copy the package ``saved`` to ``handle`` with ``sheets`` inserted at tab ``position`` (0-based)."""
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as out:
        names = source.namelist()
        first = 1 + max((int(m.group(1)) for m in map(_SHEET_PART.fullmatch, names) if m), default=0)
        parts = [f"xl/worksheets/sheet{first + n}.xml" for n in range(len(sheets))]
        ids = [f"rIdP{n + 1}" for n in range(len(sheets))]  # apart from openpyxl's rId1, rId2…
        patch = {
            WORKBOOK: lambda xml: _workbook(xml, sheets, position, ids),
            WORKBOOK_RELS: lambda xml: _relationships(xml, parts, ids),
            CONTENT_TYPES: lambda xml: _content_types(xml, parts),
        }
        for info in source.infolist():
            data = source.read(info)
            if info.filename in patch:
                data = patch[info.filename](data)
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
        for part, sheet in zip(parts, sheets, strict=True):
            out.writestr(part, sheet.xml.encode("utf-8"))
