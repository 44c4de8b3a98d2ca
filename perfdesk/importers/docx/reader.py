"""``read_docx``: a 部门预算绩效文本 in Word → the perfdesk/1 document the JSON importer reads.

The Word file is turned into the same intermediate document a JSON file is, so
one validator and one storing path serve both (``perfdesk.importers.json_import``).
What could not be read is returned as remarks beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfdesk.errors import InputError
from perfdesk.importers.docx.body import Block, Paragraph, Table, blocks, fonts
from perfdesk.importers.docx.cells import squeeze
from perfdesk.importers.docx.detect import framework_for, layout_for
from perfdesk.importers.docx.package import open_package
from perfdesk.importers.docx.prose import (
    COVER_TITLE,
    PART,
    UNIT_LINE,
    Cover,
    PartOne,
    is_toc_line,
    part_kind,
    read_cover,
    table_title,
    unit_line,
)
from perfdesk.importers.docx.tables import CONTINUED, ProjectDraft, TableReader
from perfdesk.importers.remarks import Remark
from perfdesk.interchange.json_schema import FORMAT_ID


@dataclass
class DocxReading:
    """The perfdesk/1 document read from a Word file and what could not be read."""

    document: dict[str, Any]
    remarks: list[Remark]


def read_docx(path: Path) -> DocxReading:
    """Read one Word file.

    Raises:
        InputError: not a readable .docx (see ``open_package``), or nothing in it is a
            绩效文本 (no department and year on the cover, no project table, no 第一部分).
    """
    package = open_package(path)
    return read_blocks(blocks(package), path.stem, str(path), fonts(package))


def read_blocks(
    items: list[Block], fallback_name: str = "", where: str = "", fonts: frozenset[str] = frozenset()
) -> DocxReading:
    """Read the body's blocks; ``fallback_name`` (the file name) may give the department and year."""
    remarks: list[Remark] = []
    part_one = PartOne(remarks)
    tables = TableReader(remarks)
    cover_paragraphs: list[Paragraph] = []
    part: str | None = None  # None: the cover; "toc" after 目录
    special_seen = False
    pending_title: str | None = None
    table_no = 0
    for index, item in enumerate(items):
        if isinstance(item, Table):
            table_no += 1
            tables.start_table(table_no)
            for row_no, row in enumerate(item.rows, 1):
                tables.row(row, row_no)
            tables.end_table(len(item.rows))
            continue
        flat = squeeze(item.text)
        if not flat:
            continue
        if flat in ("目录", "目次"):
            part = "toc"
            continue
        if is_toc_line(item):
            continue
        heading = PART.fullmatch(flat)
        if heading is not None:
            title = heading.group(2) or _next_text(items, index)
            kind = part_kind(title)
            if kind is not None:
                part = kind
                if kind == "one":
                    part_one.reset()
                else:
                    special_seen = special_seen or kind == "special_funds"
                    tables.section = kind
                continue
        if part is None and not _names_a_table(item.text):
            cover_paragraphs.append(item)
            continue
        if part in ("toc",) or (heading is None and part_kind(flat) is not None and flat in _PART_TITLES):
            continue  # the second line of a two-line part heading, or the 目录's own lines
        if part == "one" and not _names_a_table(item.text):
            part_one.paragraph(item, index + 1)
            continue
        pending_title = _table_prose(item, tables, pending_title)
    drafts = tables.finish()
    cover = read_cover(cover_paragraphs)
    if cover.name is None or cover.year is None:
        cover = _cover_from_name(fallback_name, cover)
    if cover.name is None or cover.year is None:
        raise InputError(
            "封面上找不到“××部门××××年部门预算绩效文本”这样的标题，无法确定部门和年度；"
            "这个文件可能不是部门预算绩效文本。",
            where or None,
        )
    if not drafts and not part_one.overall and not part_one.sub_goals and not part_one.measures:
        raise InputError(
            "文件中没有可以读取的内容：既没有“第一部分 部门整体绩效目标”，也没有项目绩效目标表。", where or None
        )
    return DocxReading(_document(cover, part_one, drafts, special_seen, layout_for(drafts, fonts)), remarks)


_PART_TITLES = ("部门整体绩效目标", "专项资金绩效目标", "预算项目绩效目标", "项目绩效目标")


def _names_a_table(text: str) -> bool:
    """A table's title or unit line (a file of project tables may have no part headings at all)."""
    return table_title(text) is not None or UNIT_LINE.fullmatch(text.strip()) is not None


def _next_text(items: list[Block], index: int) -> str:
    for item in items[index + 1 : index + 3]:
        if isinstance(item, Paragraph) and squeeze(item.text):
            return squeeze(item.text)
    return ""


def _table_prose(item: Paragraph, tables: TableReader, pending: str | None) -> str | None:
    """Table titles and unit lines before a table.

    Returns the first half of a title that goes on in the next paragraph (``1、…补贴经`` / ``费绩效目标表``).
    """
    text = item.text.strip()
    if squeeze(text).startswith(CONTINUED):
        return None  # ``续表　单位：万元`` over the next part of a table cut at a page break
    candidate = f"{pending}{text}" if pending else text
    title = table_title(candidate)
    if title is not None:
        tables.heading = title
        tables.unit = None
        return None
    unit = unit_line(text)
    if unit is not None:
        tables.unit = unit
        return None
    if "单位" in squeeze(text) and "万元" in squeeze(text):
        tables.unit = None
        return None
    if _TITLE_START.match(text) and not text.endswith("表"):
        return candidate
    return None


_TITLE_START = re.compile(r"\s*[0-9]{1,3}\s*[、.．]")


def _cover_from_name(name: str, cover: Cover) -> Cover:
    """Department and year from a file name such as ``承德市司法局2021年部门预算绩效文本.docx``."""
    match = COVER_TITLE.match(squeeze(name))
    if match is not None:
        cover.name, cover.year = match.group(1), int(match.group(2))
    return cover


def _document(
    cover: Cover, part_one: PartOne, drafts: list[ProjectDraft], special_seen: bool, layout: dict[str, Any]
) -> dict[str, Any]:
    pairs = [(i["level1"], i["level2"]) for d in drafts for i in d.data.get("indicators", [])]
    dept: dict[str, Any] = {"name": cover.name, "fiscal_year": cover.year}
    if cover.title:
        dept["title"] = cover.title
    if cover.draft:
        dept["draft"] = True
    if cover.prepared_by:
        dept["prepared_by"] = cover.prepared_by
    if cover.reviewed_by:
        dept["reviewed_by"] = cover.reviewed_by
    dept["framework"] = framework_for(pairs)
    units: dict[str, dict[str, Any]] = {}
    for draft in drafts:
        if draft.unit_line is not None:
            code, name = draft.unit_line
            units.setdefault(code or name, {"code": code, "name": name} if code else {"name": name})
    if units:
        dept["units"] = list(units.values())
    dept["overall_goal"] = "\n".join(part_one.overall)
    dept["sub_goals"] = part_one.items("sub_goals")
    dept["measures"] = part_one.items("measures")
    if special_seen:
        dept["special_funds"] = [d.data for d in drafts if d.section == "special_funds"]
    dept["projects"] = [d.data for d in drafts if d.section != "special_funds"]
    for draft in drafts:
        if draft.goal_style and layout.get("goal_style") and draft.goal_style != layout["goal_style"]:
            draft.data["goal_style"] = draft.goal_style
    dept["layout"] = layout
    return {"format": FORMAT_ID, "departments": [dept]}
