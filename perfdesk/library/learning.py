"""Learning the library from documents: every 三级 row becomes (or updates) a suggestion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from perfdesk.library.entry import LibraryItem
from perfdesk.library.keys import indicator_key, squash
from perfdesk.models import Department, Indicator


@dataclass
class _Seen:
    latest_year: int
    row: Indicator
    uses: int = 0
    years: set[int] = field(default_factory=set)
    values: dict[int, str] = field(default_factory=dict)  # year → the first row's printed value


def learn(departments: Iterable[Department]) -> list[LibraryItem]:
    """One item per distinct indicator of ``departments``, in first-seen order.

    The typical text and value are those of the most recent year's row (a clerk's
    latest wording); ``uses`` counts the rows, ``years`` the fiscal years. Rows
    without a name teach nothing.
    """
    seen: dict[str, _Seen] = {}
    for department in departments:
        year = department.fiscal_year
        for project in [*department.special_funds, *department.projects]:
            for row in project.indicators:
                if not squash(row.name):
                    continue
                key = indicator_key(row.level2, row.name)
                known = seen.get(key)
                if known is None:
                    known = seen[key] = _Seen(year, row)
                elif year >= known.latest_year:
                    known.latest_year, known.row = year, row
                known.uses += 1
                known.years.add(year)
                known.values.setdefault(year, row.value_text())
    return [_item(known) for known in seen.values()]


def _item(known: _Seen) -> LibraryItem:
    row = known.row
    return LibraryItem(
        level1=row.level1,
        level2=row.level2,
        name=row.name.strip(),
        description=row.description,
        op=row.op,
        value=row.value,
        unit=row.unit,
        basis=row.basis,
        uses=known.uses,
        years=tuple(sorted(known.years)),
        history=tuple(sorted(known.values.items())),
        origin="learned",
    )
