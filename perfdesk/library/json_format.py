"""The library's exchange file (``perfdesk-library/1``): shared with colleagues, and the starter set's format.

    {"format": "perfdesk-library/1", "entries": [{"level1": "产出指标", "level2": "数量指标",
      "name": "受益人数", "description": "…", "op": "≥", "value": "1000", "unit": "人",
      "basis": "计划标准", "uses": 3, "years": [2023, 2024],
      "history": {"2023": "≥900人", "2024": "≥1000人"}}, …]}

``level1``, ``level2`` and ``name`` are required text; the rest are optional.
A bad file is refused whole, with a message that names the entry and the key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from perfdesk.domain.values import OPERATORS
from perfdesk.errors import InputError
from perfdesk.library.entry import LibraryItem

FORMAT = "perfdesk-library/1"
_REQUIRED = ("level1", "level2", "name")
_OPTIONAL = ("description", "op", "value", "unit", "basis")


def is_library_document(data: Any) -> bool:
    """Whether parsed JSON is a library file (rather than a perfdesk document)."""
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_library(data: Any, where: str = "JSON") -> list[LibraryItem]:
    """The items of a parsed library file.

    Raises:
        InputError: not a library file, or an entry lacks a name or has a value of the wrong type.
    """
    if not is_library_document(data):
        raise InputError(f'这不是 perfdesk 指标库文件（应有 "format": "{FORMAT}"）。', where)
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise InputError("指标库文件缺少 entries 列表。", where)
    return [_item(entry, f"{where}：第{number}条") for number, entry in enumerate(entries, 1)]


def _item(entry: Any, where: str) -> LibraryItem:
    if not isinstance(entry, dict):
        raise InputError("每一条指标应是一个对象（{…}）。", where)
    texts: dict[str, str | None] = {}
    for key in (*_REQUIRED, *_OPTIONAL):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"“{key}”应是文字，而不是 {json.dumps(value, ensure_ascii=False)}。", where)
        if key in _REQUIRED and not (value or "").strip():
            raise InputError(f"缺少“{key}”（一级指标、二级指标和三级指标名称都必须填写）。", where)
        texts[key] = value or None
    if texts["op"] is not None and texts["op"] not in OPERATORS:
        raise InputError(f"运算符“{texts['op']}”无法识别，应是 {' '.join(OPERATORS)} 之一或不填。", where)
    uses = entry.get("uses", 0)
    years = entry.get("years", [])
    if not isinstance(uses, int) or isinstance(uses, bool) or uses < 0:
        raise InputError("“uses”应是不小于 0 的整数。", where)
    if not isinstance(years, list) or not all(isinstance(y, int) and 1900 < y < 2200 for y in years):
        raise InputError("“years”应是年度列表，如 [2023, 2024]。", where)
    history = entry.get("history", {})
    if not isinstance(history, dict) or not all(
        isinstance(year, str) and year.isdigit() and len(year) == 4 and isinstance(text, str)
        for year, text in history.items()
    ):
        raise InputError('“history”应是各年度的指标值，如 {"2024": "≥90%"}。', where)
    return LibraryItem(
        level1=str(texts["level1"]).strip(),
        level2=str(texts["level2"]).strip(),
        name=str(texts["name"]).strip(),
        description=texts["description"],
        op=texts["op"],
        value=texts["value"],
        unit=texts["unit"],
        basis=texts["basis"],
        uses=uses,
        years=tuple(sorted(set(years))),
        history=tuple(sorted((int(year), text) for year, text in history.items())),
    )


def library_document(items: Iterable[LibraryItem]) -> dict[str, Any]:
    """The exchange file's content for ``items`` (what ``read_library`` reads back)."""
    entries = []
    for item in items:
        entry: dict[str, Any] = {"level1": item.level1, "level2": item.level2, "name": item.name}
        entry.update({key: getattr(item, key) for key in _OPTIONAL if getattr(item, key) is not None})
        if item.uses:
            entry["uses"] = item.uses
        if item.years:
            entry["years"] = list(item.years)
        if item.history:
            entry["history"] = {str(year): text for year, text in item.history}
        entries.append(entry)
    return {"format": FORMAT, "entries": entries}


def library_json_text(items: Iterable[LibraryItem]) -> str:
    """The exchange file's text (UTF-8 JSON, readable Chinese and indentation)."""
    return json.dumps(library_document(items), ensure_ascii=False, indent=1) + "\n"


@cache
def starter_items() -> tuple[LibraryItem, ...]:
    """The starter library shipped in ``perfdesk/data/indicator_library.json``."""
    text = resources.files("perfdesk.data").joinpath("indicator_library.json").read_text("utf-8")
    items = read_library(json.loads(text), "indicator_library.json")
    return tuple(item.with_changes(origin="starter") for item in items)
