"""Read the 部门整体绩效目标 sheet back into overall_goal, sub_goals and measures (perfdesk/1 JSON values).

Rows under the 部分 | 标题 | 类别 | 内容 header: a blank 部分 or 标题 belongs to the merged
cell above; every 绩效目标 row starts a sub-goal, its 绩效指标 rows follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfdesk.errors import InputError
from perfdesk.importers.xlsx.cells import CellValue
from perfdesk.interchange.xlsx_layout import (
    KIND_GOAL,
    KIND_INDICATORS,
    PART_MEASURE,
    PART_ONE_HEADER,
    PART_ONE_SHEET,
    PART_OVERALL,
    PART_SUB_GOAL,
)

PARTS = (PART_OVERALL, PART_SUB_GOAL, PART_MEASURE)


def read_part_one(rows: Sequence[Sequence[CellValue]]) -> dict[str, Any]:
    """``overall_goal`` and, when there are any, ``sub_goals`` and ``measures``.

    Raises:
        InputError: no header row, or a row whose 部分 or 类别 is not one perfdesk writes.
    """
    start = next((i for i, row in enumerate(rows) if row and row[0].text() == PART_ONE_HEADER[0]), None)
    if start is None:
        raise InputError(f"找不到表头“{'、'.join(PART_ONE_HEADER)}”。", PART_ONE_SHEET)
    overall: list[str] = []
    sub_goals: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    part = title = ""
    for row in rows[start + 1 :]:
        texts = [cell.text() for cell in row[:4]]
        if not any(texts):
            continue
        part = texts[0] or part
        if texts[1]:
            title = texts[1]
        if part == PART_OVERALL:
            overall.append(texts[3])
        elif part == PART_SUB_GOAL:
            _sub_goal_row(sub_goals, title, texts, row)
        elif part == PART_MEASURE:
            measure: dict[str, Any] = {"title": texts[1]}
            if texts[3]:
                measure["text"] = texts[3]
            measures.append(measure)
        else:
            raise InputError(f"“{texts[0]}”不是第一部分的内容，应为 {'、'.join(PARTS)} 之一。", row[0].where)
    result: dict[str, Any] = {"overall_goal": "\n".join(text for text in overall if text)}
    if sub_goals:
        result["sub_goals"] = sub_goals
    if measures:
        result["measures"] = measures
    return result


def _sub_goal_row(sub_goals: list[dict[str, Any]], title: str, texts: list[str], row: Sequence[CellValue]) -> None:
    kind = texts[2]
    if kind == KIND_GOAL or not sub_goals or (texts[1] and texts[1] != sub_goals[-1]["title"]):
        sub_goals.append({"title": title})
        if kind == KIND_GOAL:
            if texts[3]:
                sub_goals[-1]["goal"] = texts[3]
            return
    if kind in (KIND_INDICATORS, ""):
        if texts[3]:
            sub_goals[-1].setdefault("indicators", []).append(texts[3])
        return
    raise InputError(f"“{kind}”不是分项绩效目标的内容，应为 {KIND_GOAL} 或 {KIND_INDICATORS}。", row[2].where)
