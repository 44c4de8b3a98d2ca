"""What a rule sees: the department, the settings, the framework, and shared readings.

The helpers here read indicator values only through ``perfdesk.domain.values``
(``numeric``, ``is_known_unit``), so no rule parses a value on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from perfdesk.checks.settings import CheckSettings
from perfdesk.domain.frameworks import Framework, all_frameworks
from perfdesk.domain.values import numeric, parse_value
from perfdesk.library.entry import LibraryItem
from perfdesk.library.keys import indicator_key
from perfdesk.models.kinds import LIST_WORDS, Collection
from perfdesk.models.snapshot import DepartmentData, IndicatorData, ProjectData

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, eq=False)
class Place:
    """A project and its printed position: section (its list's name) and 1-based number within it."""

    project: ProjectData
    section: Collection  # PROJECTS or SPECIAL_FUNDS
    number: int

    def label(self) -> str:
        """``第3个项目「法律援助服务经费」``, for messages that point at another project."""
        kind = LIST_WORDS[Collection.SPECIAL_FUNDS].noun if self.section is Collection.SPECIAL_FUNDS else "项目"
        return f"第{self.number}个{kind}{quote(self.project.name, 20)}"

    def order(self) -> tuple[int, int]:
        """Printed order: special funds (第二部分) before budget projects (第三部分)."""
        return (0 if self.section is Collection.SPECIAL_FUNDS else 1, self.number)


@dataclass(frozen=True)
class Earlier:
    """What an indicator had in an earlier year (R22): the printed value, its number and unit, and whence."""

    year: int
    text: str
    number: Decimal | None
    unit: str | None
    from_library: bool


@dataclass
class CheckContext:
    """One check run over one department."""

    department: DepartmentData
    settings: CheckSettings
    #: The same department's previous year in the workspace or file, when there is one (R22).
    previous: DepartmentData | None = None
    #: The workspace's 指标库 by indicator key, for indicators the previous year lacks (R22).
    library: Mapping[str, LibraryItem] | None = None
    _places: list[Place] | None = field(default=None, repr=False)
    _last_year: dict[str, IndicatorData] | None = field(default=None, repr=False)
    _fillers: dict[str | None, bool] = field(default_factory=dict, repr=False)  # asked 80,000 times at 1,000 projects

    @property
    def framework(self) -> Framework | None:
        """The department's framework, or None when its id is not shipped (R01 reports that)."""
        return all_frameworks().get(self.department.framework_id)

    def places(self) -> list[Place]:
        """Special funds then budget projects, in printed order."""
        if self._places is None:
            dept = self.department
            self._places = [
                Place(p, Collection.SPECIAL_FUNDS, i) for i, p in enumerate(dept.special_funds or [], 1)
            ] + [Place(p, Collection.PROJECTS, i) for i, p in enumerate(dept.projects or [], 1)]
        return self._places

    def place_of(self, project: ProjectData) -> Place:
        for place in self.places():
            if place.project is project:
                return place
        raise ValueError("project is not in this department")

    def earlier_value(self, project: ProjectData, ind: IndicatorData) -> Earlier | None:
        """What the same indicator had before this year: the previous year's row, else the latest earlier
        year the 指标库 remembers (its entries learned here or imported from last year's workspace).
        """
        row = self.last_year(project, ind)
        if row is not None and self.previous is not None:
            return Earlier(self.previous.fiscal_year, row.value_text(), self.number(row), row.unit, False)
        entry = self.library.get(indicator_key(ind.level2, ind.name)) if self.library else None
        remembered = entry.value_before(self.department.fiscal_year) if entry is not None else None
        if remembered is None:
            return None
        parsed = parse_value(remembered[1])
        return Earlier(remembered[0], remembered[1], _cached_numeric(parsed.value), parsed.unit, True)

    def last_year(self, project: ProjectData, ind: IndicatorData) -> IndicatorData | None:
        """The same indicator (the library's identity: 二级 + 三级 name) in the previous year, if any.

        The same project's row first (matched by 项目编码, then by name, as ``perfdesk diff`` does),
        else the indicator as any project had it.
        """
        if self.previous is None:
            return None
        if self._last_year is None:
            self._last_year = {}
            for before in [*self.previous.special_funds, *self.previous.projects]:
                for row in before.indicators:
                    key = indicator_key(row.level2, row.name)
                    for scope in (f"code:{squash(before.code)}", f"name:{squash(before.name)}", ""):
                        self._last_year.setdefault(f"{scope}|{key}", row)
        key = indicator_key(ind.level2, ind.name)
        scopes = [f"code:{squash(project.code)}"] if squash(project.code) else []
        for scope in (*scopes, f"name:{squash(project.name)}", ""):
            found = self._last_year.get(f"{scope}|{key}")
            if found is not None:
                return found
        return None

    # --- shared readings -------------------------------------------------------

    def is_filler(self, text: str | None) -> bool:
        """True for empty text and 不涉及 / 未涉及 / 无 … (the settings' filler words)."""
        known = self._fillers.get(text)
        if known is None:
            squashed = squash(text)
            known = self._fillers[text] = not squashed or squashed in self.settings.filler_words
        return known

    def canonical_unit(self, unit: str | None) -> str | None:
        """``百分比`` → ``%``, ``万`` → ``万元``: the unit a value should carry."""
        if unit is None:
            return None
        return self.settings.unit_replacements.get(unit, unit)

    def is_satisfaction(self, ind: IndicatorData) -> bool:
        """A satisfaction indicator by its place in the table or by its name (满意)."""
        s = self.settings
        return ind.level1 in s.satisfaction_level1 or ind.level2 in s.satisfaction_level2 or "满意" in ind.name

    def in_satisfaction_section(self, ind: IndicatorData) -> bool:
        s = self.settings
        return ind.level1 in s.satisfaction_level1 or ind.level2 in s.satisfaction_level2

    def is_cost(self, ind: IndicatorData) -> bool:
        s = self.settings
        return ind.level2 in s.cost_levels or ind.level1 in s.cost_levels

    def number(self, ind: IndicatorData) -> Decimal | None:
        """The indicator's number when its value is quantitative, else None."""
        return _cached_numeric(ind.value)

    def is_per_unit(self, ind: IndicatorData) -> bool:
        """A unit cost: ``元/件`` style unit, or 人均 / 每名 … in name or description."""
        unit = ind.unit or ""
        text = f"{ind.name}{ind.description or ''}"
        return "/" in unit or any(word in text for word in self.settings.per_unit_words)

    def money_in_wan(self, ind: IndicatorData) -> Decimal | None:
        """A money value converted to 万元 (``≤350元`` → 0.035; ``2000元/件`` → 0.2 per 件), or None."""
        amount = self.number(ind)
        money_unit = (ind.unit or "").split("/", 1)[0]
        factor = self.settings.money_units_in_wan.get(money_unit)
        return None if amount is None or factor is None else amount * factor

    def is_rate_name(self, name: str) -> bool:
        """Names ending in 率 that are rates (not 效率, 频率 …)."""
        return name.endswith("率") and not name.endswith(self.settings.non_rate_words)


@lru_cache(maxsize=1 << 16)
def squash(text: str | None) -> str:
    """Text without whitespace, for comparisons that must ignore typed spaces (cached: values repeat a lot)."""
    return _SPACES.sub("", text or "")


@lru_cache(maxsize=1 << 16)
def _cached_numeric(value: str | None) -> Decimal | None:
    return numeric(value)


def quote(text: str | None, limit: int = 30) -> str:
    """「text」, shortened for messages."""
    text = (text or "").strip()
    return f"「{text if len(text) <= limit else text[: limit - 1] + '…'}」"
