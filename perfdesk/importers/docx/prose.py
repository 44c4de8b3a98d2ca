"""The document's prose: cover, part headings, 第一部分 (总体/分项绩效目标, 工作保障措施), table titles.

Paragraphs are recognised by their words and numbering, not by style: clerks'
documents format headings by hand (bold, 黑体, a bigger size) as often as with
Word's heading styles. The 目录 is skipped by its style or its page numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from perfdesk.importers.docx.body import Paragraph
from perfdesk.importers.docx.cells import squeeze, tidy
from perfdesk.importers.remarks import Remark

_CN = "一二三四五六七八九十"
PART = re.compile(rf"第([{_CN}]+)部分(.*)")
SECTION = re.compile(rf"(?:[{_CN}]+[、.．]|[（(][{_CN}]+[）)])(总体绩效目标|分项绩效目标|工作保障措施)")
#: Paragraphs that say a part is empty (无), or are only punctuation a PDF conversion left behind.
NOTHING = ("无", "无。", "暂无", "暂无。", "。", "，", ".")
SECTIONS = {"总体绩效目标": "overall", "分项绩效目标": "sub_goals", "工作保障措施": "measures"}
ITEM = re.compile(rf"\s*(?:[（(]\s*([{_CN}]+)\s*[）)]|([0-9]{{1,2}})\s*[、.．](?![0-9]))\s*(.*)", re.DOTALL)
GOAL_LEAD = re.compile(r"\s*绩\s*效\s*目\s*标\s*[:：]\s*(.*)", re.DOTALL)
INDICATORS_LEAD = re.compile(r"\s*绩\s*效\s*指\s*标\s*[:：]\s*(.*)", re.DOTALL)
TABLE_TITLE = re.compile(r"\s*([0-9]{1,3})\s*([、.．])\s*(.+?)\s*(?:绩效目标表|目标表)\s*", re.DOTALL)
TOC_LINE = re.compile(r"(?:\t|[.…·．]{3,})\s*[0-9]{1,4}$")
COVER_TITLE = re.compile(r"(.+?)([0-9]{4})年度?部门预算绩效(?:文本|目标)")
YEAR_FIRST = re.compile(r"[0-9]{4}年度?部门预算绩效(?:文本|目标)")
DRAFT = re.compile(r"[（(]\s*草\s*案\s*[）)]")
UNIT_LINE = re.compile(r"(.*?)单位\s*[:：]\s*万元\s*", re.DOTALL)
UNIT_CODE = re.compile(r"([0-9A-Za-z]{3,})\s+(.+)")


def is_toc_line(paragraph: Paragraph) -> bool:
    """A 目录 entry: a TOC style, or text ending in a page number after a tab or dot leaders."""
    if paragraph.style.startswith("toc"):
        return True
    return TOC_LINE.search(paragraph.text.rstrip()) is not None


def part_kind(title: str) -> str | None:
    """Which part a 第N部分 title names: ``one``, ``special_funds`` or ``projects``."""
    if "整体" in title:
        return "one"
    if "专项" in title:
        return "special_funds"
    if "项目" in title:
        return "projects"
    return None


@dataclass
class Cover:
    name: str | None = None
    year: int | None = None
    title: str | None = None
    draft: bool = False
    prepared_by: str | None = None
    reviewed_by: str | None = None


def read_cover(paragraphs: list[Paragraph]) -> Cover:
    """Department, year, 草案 and the 编制/审核 lines from the paragraphs before the 目录.

    The title may be one paragraph, broken into lines (``w:br``), or split over
    paragraphs with the department's name on a line of its own.
    """
    cover = Cover()
    texts = [tidy(p.text) for p in paragraphs if squeeze(p.text)]
    for i, text in enumerate(texts):
        flat = squeeze(DRAFT.sub("", text))
        if DRAFT.search(text):
            cover.draft = True
        if cover.year is None:
            match = COVER_TITLE.fullmatch(flat)
            written = DRAFT.sub("", text).replace("\n", "").strip()
            if match is None and i > 0 and YEAR_FIRST.fullmatch(flat):
                written = texts[i - 1].replace("\n", "") + written
                match = COVER_TITLE.fullmatch(squeeze(written))
            if match is not None:
                cover.name, cover.year = match.group(1), int(match.group(2))
                if squeeze(written) != f"{cover.name}{cover.year}年部门预算绩效文本":
                    cover.title = written
                continue
        if flat.endswith("编制") and len(flat) > 2 and cover.prepared_by is None:
            cover.prepared_by = flat[:-2]
        elif flat.endswith("审核") and len(flat) > 2 and cover.reviewed_by is None:
            cover.reviewed_by = flat[:-2]
    return cover


@dataclass
class PartOne:
    """第一部分 as read: the perfdesk/1 department keys overall_goal, sub_goals, measures."""

    remarks: list[Remark]
    overall: list[str] = field(default_factory=list)
    sub_goals: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    section: str = ""
    _last: tuple[dict[str, Any], str] | None = None  # where a continuation paragraph goes

    def items(self, kind: str) -> list[dict[str, Any]]:
        """The ``sub_goals`` or ``measures`` as perfdesk/1 objects (a measure without text has no ``text``)."""
        return [{k: v for k, v in item.items() if k != _STYLE and v != ""} for item in getattr(self, kind)]

    def reset(self) -> None:
        self.overall, self.sub_goals, self.measures, self.section, self._last = [], [], [], "", None

    def paragraph(self, paragraph: Paragraph, number: int) -> None:
        text = tidy(paragraph.text)
        flat = squeeze(text)
        if not flat or flat in NOTHING:
            return  # an empty part printed as 无, or a stray full stop left by a conversion
        section = SECTION.fullmatch(flat)
        if section is not None or flat in SECTIONS:
            self.section = SECTIONS[section.group(1) if section else flat]
            self._last = None
            return
        if self.section == "overall":
            self.overall.append(text)
        elif self.section == "sub_goals":
            self._sub_goal(text, number)
        elif self.section == "measures":
            self._measure(paragraph, text)
        else:
            self.remarks.append(
                Remark(f"第一部分第{number}段", f"不在“总体绩效目标”等标题下（“{flat[:20]}”），已跳过。")
            )

    def _sub_goal(self, text: str, number: int) -> None:
        goal = GOAL_LEAD.fullmatch(text)
        indicators = INDICATORS_LEAD.fullmatch(text)
        item = next_item(text, self.sub_goals)
        if goal is None and indicators is None and item is not None and item.group(3):
            self.sub_goals.append({"title": item.group(3).strip(), _STYLE: _style_of(item)})
            self._last = None
            return
        if not self.sub_goals:
            self.remarks.append(Remark(f"第一部分第{number}段", "分项绩效目标前没有“（一）…”标题，已跳过这一段。"))
            return
        current = self.sub_goals[-1]
        if goal is not None:
            current["goal"] = goal.group(1).strip()
            self._last = (current, "goal")
        elif indicators is not None:
            current.setdefault("indicators", []).append(indicators.group(1).strip())
            self._last = (current, "indicators")
        elif self._last is not None:
            target, key = self._last
            if key == "goal":
                target["goal"] = f"{target['goal']}\n{text}" if target["goal"] else text
            else:
                last = target["indicators"][-1]
                target["indicators"][-1] = f"{last}\n{text}" if last else text
        else:
            self.remarks.append(Remark(f"第一部分第{number}段", "不是“绩效目标：”或“绩效指标：”段落，已跳过。"))

    def _measure(self, paragraph: Paragraph, text: str) -> None:
        item = next_item(text, self.measures)
        if item is None:
            if self.measures:
                last = self.measures[-1]
                last["text"] = f"{last['text']}\n{text}" if last.get("text") else text
            else:
                self.remarks.append(Remark("工作保障措施", f"“{text[:20]}”前没有“（一）…”标题，已跳过。"))
            return
        rest = item.group(3).strip()
        lead = tidy(paragraph.lead)
        lead_item = ITEM.fullmatch(lead) if lead else None
        if lead_item is not None and lead_item.group(3) and len(lead) < len(text):
            title = lead_item.group(3).strip()
        else:
            stop = rest.find("。")
            title = rest[: stop + 1] if stop >= 0 else rest
        body = rest[len(title) :].strip() if rest.startswith(title) else ""
        self.measures.append({"title": title, "text": body, _STYLE: _style_of(item)})


_STYLE = "_numbering"  # how an item was numbered, kept beside its perfdesk/1 keys while reading


def _style_of(item: re.Match[str]) -> str:
    return "（一）" if item.group(1) else "1、"


def chinese_value(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23 (item numbers below 100), else None."""
    digits = {ch: i for i, ch in enumerate("零一二三四五六七八九", 0)}
    if numeral in digits:
        return digits[numeral]
    tens, sep, ones = numeral.partition("十")
    if not sep or (tens and tens not in digits) or (ones and ones not in digits):
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def next_item(text: str, items: list[dict[str, Any]]) -> re.Match[str] | None:
    """``（三）…`` or ``3、…`` when it is the item after ``items``, numbered as the first was, else None.

    A numbered line inside an item's text (``1、…`` ``2、…`` of a 绩效指标 list under ``（一）``
    items) is not a new item: its numbering differs or does not go on from the items before it.
    """
    match = ITEM.fullmatch(text)
    if match is None:
        return None
    number = chinese_value(match.group(1)) if match.group(1) else int(match.group(2))
    style = "（一）" if match.group(1) else "1、"
    if number != len(items) + 1 or (items and items[0].get(_STYLE, style) != style):
        return None
    return match


def unit_line(text: str) -> tuple[str | None, str] | None:
    """``315001 巨鹿县司法局本级 单位：万元`` → ("315001", "巨鹿县司法局本级"); ``单位：万元`` alone → None."""
    match = UNIT_LINE.fullmatch(text.strip())
    if match is None:
        return None
    left = match.group(1).strip()
    if not left:
        return None
    code = UNIT_CODE.fullmatch(left)
    return (code.group(1), code.group(2).strip()) if code else (None, left)


def table_title(text: str) -> tuple[str, str] | None:
    """``1.法律援助经费绩效目标表`` → ("法律援助经费", ".")."""
    match = TABLE_TITLE.fullmatch(text.replace("\n", ""))
    if match is None:
        return None
    return match.group(3).strip(), "、" if match.group(2) == "、" else "."
