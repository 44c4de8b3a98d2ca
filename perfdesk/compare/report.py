"""``perfdesk diff`` output: readable text grouped like the 比较 view, or JSON for scripts."""

from __future__ import annotations

import json

from perfdesk.compare.model import Comparison, Kind


def summary(comparison: Comparison) -> str:
    """``新增 3 · 删除 1 · 改名 0 · 修改 12``, or that the two are the same."""
    if comparison.equal:
        return "两份内容相同，没有变化。"
    counts = comparison.counts()
    return " · ".join(f"{kind.label} {counts[kind]}" for kind in Kind)


def to_text(comparison: Comparison) -> str:
    lines = [f"比较：{comparison.old_label} → {comparison.new_label}", summary(comparison)]
    for group, differences in comparison.groups():
        lines.append("")
        lines.append(group)
        for difference in differences:
            lines.append(f"  {difference.kind.label} {difference.item}")
            if difference.old is not None:
                lines.append(_indented("原", difference.old))
            if difference.new is not None:
                lines.append(_indented("新", difference.new))
    return "\n".join(lines) + "\n"


def _indented(label: str, text: str) -> str:
    return f"    {label}：" + (text or "（空）").replace("\n", "\n       ")


def to_json(comparison: Comparison) -> str:
    counts = comparison.counts()
    data = {
        "old": comparison.old_label,
        "new": comparison.new_label,
        "equal": comparison.equal,
        "counts": {kind.json_name: counts[kind] for kind in Kind},
        "differences": [difference.to_json() for difference in comparison.differences],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
