"""Indicator frameworks (一级指标 → 二级指标), loaded from the shipped data file.

The data file ``perfdesk/data/frameworks.json`` is the single source of truth:
a province's variant is added there, not in code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Framework:
    """One framework: its id, a Chinese name and the ordered 一级 → 二级 pairs."""

    id: str
    name: str
    levels: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def level1_names(self) -> tuple[str, ...]:
        return tuple(level1 for level1, _ in self.levels)

    def level2_names(self, level1: str) -> tuple[str, ...]:
        """The 二级 names allowed under ``level1`` (empty when it is not in the framework)."""
        for name, level2s in self.levels:
            if name == level1:
                return level2s
        return ()

    def pairs(self) -> list[tuple[str, str]]:
        """Every allowed pair, in the default order."""
        return [(level1, level2) for level1, level2s in self.levels for level2 in level2s]

    def allows(self, level1: str, level2: str) -> bool:
        return level2 in self.level2_names(level1)

    def pair_rank(self, level1: str, level2: str) -> int | None:
        """Position of a pair in the default order, or None when it is not allowed."""
        try:
            return self.pairs().index((level1, level2))
        except ValueError:
            return None

    def resolve(self, level1: str, level2: str) -> tuple[str, str] | None:
        """Map a written pair onto this framework, applying the known aliases in either direction.

        ``效益指标`` written into a framework whose 一级 is ``效果指标`` (and the other way
        round) is the same 一级: names that the alias table sends to the same name are one.
        Returns the framework's own pair, or None when even the aliases do not make the
        pair fit (the row is then kept as written and flagged).
        """
        if self.allows(level1, level2):
            return level1, level2
        l1 = _own_name(level1, self.level1_names, "level1")
        l2 = _own_name(level2, self.level2_names(l1), "level2")
        return (l1, l2) if self.allows(l1, l2) else None


def _own_name(written: str, names: Sequence[str], level: str) -> str:
    """The one of ``names`` that ``written`` is an alias of (or the other way round), else ``written``."""
    if written in names:
        return written
    aliases: dict[str, str] = _load()["aliases"][level]
    canonical = aliases.get(written, written)
    return next((name for name in names if aliases.get(name, name) == canonical), written)


@cache
def _load() -> dict:
    text = resources.files("perfdesk.data").joinpath("frameworks.json").read_text("utf-8")
    return json.loads(text)


@cache
def all_frameworks() -> dict[str, Framework]:
    """Every shipped framework by id, in the file's order."""
    result: dict[str, Framework] = {}
    for entry in _load()["frameworks"]:
        levels = tuple((lv["level1"], tuple(lv["level2"])) for lv in entry["levels"])
        result[entry["id"]] = Framework(entry["id"], entry["name"], levels)
    return result


def default_framework_id() -> str:
    return _load()["default"]


def get_framework(framework_id: str | None) -> Framework:
    """The framework with this id; None means the spec's default.

    Raises:
        KeyError: the id is not shipped.
    """
    return all_frameworks()[framework_id or default_framework_id()]


def is_known(framework_id: str) -> bool:
    return framework_id in all_frameworks()


def canonical_level1(label: str) -> str:
    """A 一级 label as the standard tree names it (``效果指标`` → ``效益指标``), for matching across years."""
    return str(_load()["aliases"]["level1"].get(label, label))


def canonical_level2(label: str) -> str:
    """A 二级 label as the standard tree names it (``进度指标`` → ``时效指标``), for matching across years."""
    return str(_load()["aliases"]["level2"].get(label, label))
