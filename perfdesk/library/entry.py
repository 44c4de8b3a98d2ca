"""``LibraryItem``: one library entry as plain frozen data (no ORM), for views, matching and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from perfdesk.domain.values import format_value
from perfdesk.library.keys import indicator_key

#: The text fields a suggestion fills into a row (besides the name), in the order the grid shows them.
FILLED_FIELDS: tuple[str, ...] = ("description", "op", "value", "unit", "basis")


@dataclass(frozen=True)
class LibraryItem:
    """A 三级 indicator the library knows: group, name, typical text and value, and how often it was used.

    Attributes:
        uses: how many indicator rows of the workspace's documents had it.
        years: the fiscal years it was used in, ascending.
        history: (year, printed 指标值) for each year it was used in, ascending.
        origin: an ``EntryOrigin`` value (learned, starter, imported, manual).
        entry_id: the stored entry's id, None before it is stored.
    """

    level1: str
    level2: str
    name: str
    description: str | None = None
    op: str | None = None
    value: str | None = None
    unit: str | None = None
    basis: str | None = None
    uses: int = 0
    years: tuple[int, ...] = field(default=())
    history: tuple[tuple[int, str], ...] = field(default=())
    origin: str = "manual"
    edited: bool = False
    entry_id: int | None = None

    @property
    def key(self) -> str:
        return indicator_key(self.level2, self.name)

    def value_before(self, year: int) -> tuple[int, str] | None:
        """The latest (year, printed 指标值) before ``year``, or None."""
        earlier = [entry for entry in self.history if entry[0] < year]
        return earlier[-1] if earlier else None

    def value_text(self) -> str:
        """The printed 指标值 (op + value + unit)."""
        return format_value(self.op, self.value, self.unit)

    def filled(self) -> dict[str, str | None]:
        """What choosing this suggestion writes into an indicator row (name included)."""
        return {"name": self.name, **{name: getattr(self, name) for name in FILLED_FIELDS}}

    def with_changes(self, **changes: object) -> LibraryItem:
        return replace(self, **changes)  # type: ignore[arg-type]


def stored_item(values: Mapping[str, Any]) -> LibraryItem:
    """An entry as the workspace stores it (its columns' values: ``years`` a list, ``history`` a dict by year)."""
    return LibraryItem(
        **{name: values[name] for name in ("level1", "level2", "name", *FILLED_FIELDS)},
        uses=values["uses"],
        years=tuple(values["years"]),
        history=tuple(sorted((int(year), text) for year, text in values["history"].items())),
        origin=values["origin"],
        edited=values["edited"],
        entry_id=values["id"],
    )
