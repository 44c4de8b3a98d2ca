"""Choose the department's framework and layout options from how the document was printed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from perfdesk.domain.frameworks import all_frameworks, default_framework_id
from perfdesk.importers.docx.tables import ProjectDraft

T = TypeVar("T")

GONGWEN_FONTS = ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "方正小标宋_GBK", "方正仿宋_GBK", "方正楷体_GBK")


def framework_for(pairs: Sequence[tuple[str, str]]) -> str:
    """The shipped framework that fits the tables' (一级, 二级) pairs best.

    A pair the framework names as written scores 2, one it accepts through an
    alias (环境效益指标, 进度指标 …) scores 1; ties go to the file's order, whose
    first entry is the default.
    """
    if not pairs:
        return default_framework_id()
    best, best_score = default_framework_id(), -1
    for framework in all_frameworks().values():
        score = 0
        for level1, level2 in pairs:
            if framework.allows(level1, level2):
                score += 2
            elif framework.resolve(level1, level2) is not None:
                score += 1
        if score > best_score:
            best, best_score = framework.id, score
    return best


def majority(values: Iterable[T | None]) -> T | None:
    """The most common value that is not None (the first seen on a tie), or None."""
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def layout_for(drafts: Sequence[ProjectDraft], fonts: Iterable[str]) -> dict[str, Any]:
    """The perfdesk/1 ``layout`` object: only the options the document shows (the framework's preset fills in)."""
    layout: dict[str, Any] = {}
    name_label = majority(d.name_label for d in drafts)
    if name_label in ("项目名称", "专项资金名称"):
        layout["name_label"] = name_label
    number_style = majority(d.heading_numbering for d in drafts) or majority(d.goal_numbering for d in drafts)
    if number_style:
        layout["number_style"] = number_style
    goal_style = majority(d.goal_style for d in drafts)
    if goal_style:
        layout["goal_style"] = goal_style
    signs = [sign for d in drafts for sign in d.percent_signs]
    if signs:
        layout["percent_sign"] = majority(signs)
    if drafts:
        layout["spending_plan"] = bool(majority(d.has_plan for d in drafts))
    fonts = set(fonts)
    if fonts:
        layout["font_set"] = "gongwen" if fonts & set(GONGWEN_FONTS) else "windows"
    return layout
