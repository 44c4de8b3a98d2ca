"""The workspace's 指标库 (indicator library): one row per 三级 indicator it knows.

Entries are learned from the workspace's own indicator rows, seeded from the
starter library shipped in ``perfdesk/data/indicator_library.json``, imported
from another workspace or a JSON file, or typed by the clerk. ``key`` is the
indicator's identity (``perfdesk.library.keys.indicator_key``), so learning the
same indicator again updates its entry rather than adding a twin.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from perfdesk.models.entities import Base, IndicatorText
from perfdesk.models.types import EnumText


class EntryOrigin(StrEnum):
    """Where a library entry came from (shown in the 指标库 dialog)."""

    LEARNED = "learned"  # the workspace's own documents
    STARTER = "starter"  # the starter library shipped with perfdesk
    IMPORTED = "imported"  # another workspace or a JSON file
    MANUAL = "manual"  # typed in the 指标库 dialog


class LibraryEntry(IndicatorText, Base):
    """One 三级 indicator the library suggests: its group, text, typical value and usage.

    ``edited``: the clerk changed the text, so learning keeps it; ``hidden``: the clerk
    deleted it, and it stays deleted when the workspace's documents are learned again.
    """

    __tablename__ = "library_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    uses: Mapped[int] = mapped_column(default=0)
    years: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: The printed 指标值 in each year it was used (``{"2024": "≥80%"}``), for R22's comparison with last year.
    history: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    origin: Mapped[EntryOrigin] = mapped_column(EnumText(EntryOrigin), default=EntryOrigin.MANUAL)
    edited: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
