"""Printing findings: a Chinese text table for people, a JSON list for scripts."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from enum import StrEnum
from functools import cache

from perfdesk.checks.findings import Finding, Severity


class ReportFormat(StrEnum):
    """``perfdesk check --format``: the text table (``to_text``) or the JSON list (``to_json``)."""

    TEXT = "text"
    JSON = "json"


_PLACE_WIDTH = 44  # display columns (a CJK character counts two)
_NAME_WIDTH = 14  # characters of a project name shown in the place column


def to_json(findings: Sequence[Finding]) -> str:
    """The ``--format json`` output: a list of flat records."""
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2)


def to_text(findings: Sequence[Finding], departments: Sequence[tuple[str, int]]) -> str:
    """A readable table per department-year, with a count line at the top of each."""
    lines: list[str] = []
    for name, year in departments:
        mine = [f for f in findings if (f.location.department, f.location.fiscal_year) == (name, year)]
        lines.append(f"{name} {year}年：{summary(mine)}")
        if mine:
            lines.append(_row("级别", "规则", "位置", "说明"))
            lines.append(_row("----", "----", "-" * _PLACE_WIDTH, "----"))
            for f in mine:
                lines.append(_row(f.severity.label, f.rule, f.location.describe(_NAME_WIDTH), f.message))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary(findings: Sequence[Finding]) -> str:
    """``错误 3 项，警告 12 项，提示 1 项`` (or 未发现问题)."""
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    if not any(counts[s] for s in (Severity.ERROR, Severity.WARNING)) and not counts[Severity.INFO]:
        return "未发现问题。"
    return "，".join(f"{s.label} {counts[s]} 项" for s in Severity) + "。"


def _row(level: str, rule: str, place: str, message: str) -> str:
    return f"{_pad(level, 4)}  {_pad(rule, 4)}  {_pad(place, _PLACE_WIDTH)}  {message}"


def _pad(text: str, width: int) -> str:
    used = sum(map(_width, text))
    return text + " " * max(0, width - used)


@cache
def _width(ch: str) -> int:
    """Display columns of one character (cached: a report's place column repeats few characters many times)."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
