"""A comparison's result: plain frozen data a report, a tree view or a test can read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Kind(Enum):
    """What happened to an item between the two years (JSON name, Chinese word)."""

    ADDED = ("added", "新增")
    REMOVED = ("removed", "删除")
    RENAMED = ("renamed", "改名")
    CHANGED = ("changed", "修改")

    def __init__(self, json_name: str, label: str) -> None:
        self.json_name = json_name
        self.label = label


@dataclass(frozen=True)
class Target:
    """Where a change is, so a view can open it: a project (by its printed number) and a row.

    ``side`` is ``"new"`` for everything still in the new document, ``"old"`` for what was removed.
    """

    side: str = "new"
    section: str | None = None  # "projects" or "special_funds"; None: 部门整体
    project_index: int | None = None  # 1-based, as printed
    indicator_index: int | None = None  # 1-based row
    field: str | None = None  # ORM attribute name


@dataclass(frozen=True)
class Difference:
    """One change: what it is about (``group``, ``item``), the field, the old and the new text."""

    kind: Kind
    group: str  # 部门整体 / the project's label
    item: str  # the field, 分项目标, 保障措施 or the indicator
    field: str | None = None
    old: str | None = None
    new: str | None = None
    target: Target = dataclasses.field(default_factory=Target)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.json_name,
            "group": self.group,
            "item": self.item,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "section": self.target.section,
            "project_index": self.target.project_index,
            "indicator_index": self.target.indicator_index,
            "side": self.target.side,
        }


@dataclass(frozen=True)
class Comparison:
    """Every difference between two department-years, in document order."""

    old_label: str
    new_label: str
    differences: tuple[Difference, ...]

    @property
    def equal(self) -> bool:
        return not self.differences

    def groups(self) -> list[tuple[str, list[Difference]]]:
        """The differences grouped as the tree shows them (部门整体, then each project), in order."""
        grouped: dict[str, list[Difference]] = {}
        for difference in self.differences:
            grouped.setdefault(difference.group, []).append(difference)
        return list(grouped.items())

    def counts(self) -> dict[Kind, int]:
        return {kind: sum(1 for d in self.differences if d.kind is kind) for kind in Kind}
