"""The typefaces of a printed document, by the department's ``font_set``: one table for Word and Excel."""

from __future__ import annotations

from dataclasses import dataclass

from perfdesk.errors import InputError


@dataclass(frozen=True)
class FontSet:
    """The typefaces of one document: 公文 fonts or those every Windows PC has."""

    title: str
    body: str
    heiti: str
    kaiti: str
    table: str
    page_number: str


FONT_SETS: dict[str, FontSet] = {
    "gongwen": FontSet("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "宋体"),
    "windows": FontSet("宋体", "仿宋", "黑体", "楷体", "宋体", "宋体"),
}


def font_set(name: str | None) -> FontSet:
    """The font set named by a department's ``font_set`` (default 公文 fonts)."""
    key = name or "gongwen"
    if key not in FONT_SETS:
        raise InputError(f"未知的字体方案“{key}”，可用：{'、'.join(FONT_SETS)}。")
    return FONT_SETS[key]
