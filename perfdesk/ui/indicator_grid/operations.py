"""Edits of a project's indicator rows, each built from undo commands.

Every function pushes onto the QUndoStack (never writes the ORM itself), and
anything touching more than one row is one macro, so Ctrl+Z undoes what the
clerk did in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtGui import QUndoStack

from perfdesk.domain.frameworks import Framework
from perfdesk.domain.values import parse_value
from perfdesk.layout.indicator_table import (
    COL_LEVEL1,
    COL_LEVEL2,
    COL_VALUE,
    COLUMNS,
    TEXT_COLUMN_FIELDS,
    indicator_merges,
)
from perfdesk.models import Indicator, Project
from perfdesk.models.lists import INDICATORS as INDICATOR_LIST
from perfdesk.services.editing import EditSession
from perfdesk.ui.commands import InsertCommand, MoveCommand, RemoveCommand, SetFieldsCommand, macro

INDICATORS = INDICATOR_LIST.name

#: The text fields behind the plain columns (指标值 is parsed into three fields instead).
_TEXT_FIELDS = TEXT_COLUMN_FIELDS
_REQUIRED = {"level1", "level2", "name"}  # NOT NULL columns: cleared to "" rather than None


def cell_fields(column: int, text: str) -> dict[str, Any]:
    """The indicator fields a cell's text stands for.

    指标值 goes through the shared grammar; text it cannot read is kept whole
    as the value (op and unit None), exactly as ``parse_value`` returns it.
    """
    text = text.replace("\r\n", "\n")
    if column == COL_VALUE:
        parsed = parse_value(text)
        return {"op": parsed.op, "value": parsed.value or None, "unit": parsed.unit}
    field = _TEXT_FIELDS[column]
    clean = text.strip()
    return {field: clean if clean or field in _REQUIRED else None}


def changed(indicator: Indicator, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` when any differs from the row's current values, else empty (no no-op undo steps)."""
    return fields if any(getattr(indicator, k) != v for k, v in fields.items()) else {}


def run_rows(indicators: Sequence[Indicator], row: int, column: int) -> range:
    """The rows a merged 一级/二级 cell at ``row`` stands for (just ``row`` elsewhere).

    Editing a merged cell renames the whole group, as it would in the printed table.
    """
    if column in (COL_LEVEL1, COL_LEVEL2):
        for run in indicator_merges(indicators):
            if run.column == column and run.first == row:
                return range(run.first, run.last + 1)
    return range(row, row + 1)


def set_cells(
    edits: EditSession,
    stack: QUndoStack,
    indicators: Sequence[Indicator],
    cells: Iterable[tuple[int, int, str]],
    text: str = "修改",
) -> int:
    """Write ``(row, column, text)`` cells (merged cells: their whole group) as one undo step.

    Returns the number of rows changed.
    """
    pending: dict[int, dict[str, Any]] = {}
    for row, column, value in cells:
        for target in run_rows(indicators, row, column):
            pending.setdefault(target, {}).update(cell_fields(column, value))
    updates = [(indicators[r], changed(indicators[r], f)) for r, f in sorted(pending.items())]
    updates = [(ind, fields) for ind, fields in updates if fields]
    if not updates:
        return 0
    with macro(stack, text):
        for indicator, fields in updates:
            stack.push(SetFieldsCommand(edits, indicator, fields, text))
    return len(updates)


def new_indicator(level1: str, level2: str, **fields: Any) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=fields.pop("name", ""), **fields)


def insert_row(edits: EditSession, stack: QUndoStack, project: Project, framework: Framework, row: int | None) -> int:
    """Insert an empty row after ``row`` in that row's group (or the first framework group); returns its index."""
    indicators = project.indicators
    if row is None or not 0 <= row < len(indicators):
        if indicators:
            row = len(indicators) - 1
        else:
            level1, level2 = framework.pairs()[0]
            stack.push(InsertCommand(edits, project, INDICATORS, 0, new_indicator(level1, level2), "插入行"))
            return 0
    source = indicators[row]
    stack.push(
        InsertCommand(edits, project, INDICATORS, row + 1, new_indicator(source.level1, source.level2), "插入行")
    )
    return row + 1


def missing_groups(framework: Framework, indicators: Sequence[Indicator]) -> list[tuple[str, str]]:
    """The framework's (一级, 二级) pairs no row uses yet, in the framework's order."""
    present = {(i.level1, i.level2) for i in indicators}
    return [pair for pair in framework.pairs() if pair not in present]


def group_position(framework: Framework, indicators: Sequence[Indicator], level1: str, level2: str) -> int:
    """Where a new group goes: in framework order, inside its 一级 block when that exists."""
    rank = framework.pair_rank(level1, level2)
    if rank is None:
        return len(indicators)
    ranks = [framework.pair_rank(i.level1, i.level2) for i in indicators]
    same = [r for r, i in enumerate(indicators) if i.level1 == level1]
    candidates = same or range(len(indicators))
    for r in candidates:
        if ranks[r] is not None and ranks[r] > rank:
            return r
    return (same[-1] + 1) if same else len(indicators)


def add_group(
    edits: EditSession, stack: QUndoStack, project: Project, framework: Framework, level1: str, level2: str
) -> int:
    """Add one empty row of a new 二级 group at the framework's place; returns its index."""
    index = group_position(framework, project.indicators, level1, level2)
    stack.push(InsertCommand(edits, project, INDICATORS, index, new_indicator(level1, level2), f"添加{level2}"))
    return index


def delete_rows(edits: EditSession, stack: QUndoStack, project: Project, rows: Iterable[int]) -> int:
    """Delete rows (any selection) as one undo step; returns how many."""
    targets = sorted({r for r in rows if 0 <= r < len(project.indicators)}, reverse=True)
    if not targets:
        return 0
    with macro(stack, "删除行"):
        for row in targets:
            stack.push(RemoveCommand(edits, project, INDICATORS, row, "删除行"))
    return len(targets)


def can_move(indicators: Sequence[Indicator], row: int, delta: int) -> bool:
    """A row moves only among rows of its own group, so a move never splits a printed merge."""
    target = row + delta
    if not (0 <= row < len(indicators) and 0 <= target < len(indicators)):
        return False
    a, b = indicators[row], indicators[target]
    return (a.level1, a.level2) == (b.level1, b.level2)


def move_row(edits: EditSession, stack: QUndoStack, project: Project, row: int, delta: int) -> int | None:
    """Move a row up (-1) or down (+1) within its group; returns the new index or None when refused."""
    if not can_move(project.indicators, row, delta):
        return None
    stack.push(MoveCommand(edits, project, INDICATORS, row, row + delta, "上移" if delta < 0 else "下移"))
    return row + delta


def paste_block(
    edits: EditSession, stack: QUndoStack, project: Project, top: int, left: int, block: Sequence[Sequence[str]]
) -> tuple[int, int]:
    """Paste a block of cells at (top, left), appending rows as needed, as one undo step "粘贴".

    A blank 一级/二级 cell takes the group of the row above: that is how Excel
    copies a merged cell (text in the first row only). Columns beyond the
    table are dropped. Returns (rows written, rows appended); nothing to
    change pushes nothing.
    """
    indicators = project.indicators
    width = min(max((len(r) for r in block), default=0), len(COLUMNS) - left)
    if width <= 0 or left < 0:
        return 0, 0
    top = max(0, min(top, len(indicators)))
    above: dict[str, Any] = {}
    if top > 0:
        above = {"level1": indicators[top - 1].level1, "level2": indicators[top - 1].level2}
    updates: list[tuple[Indicator, dict[str, Any]]] = []
    additions: list[dict[str, Any]] = []
    for offset, cells in enumerate(block):
        row = top + offset
        fields: dict[str, Any] = {}
        for column, text in zip(range(left, left + width), cells, strict=False):
            fields.update(cell_fields(column, text))
        for level in ("level1", "level2"):
            if level in fields and not fields[level] and level in above:
                fields[level] = above[level]
        if row < len(indicators):
            current = indicators[row]
            above = {"level1": fields.get("level1", current.level1), "level2": fields.get("level2", current.level2)}
            if changed(current, fields):
                updates.append((current, fields))
        else:
            fields = {"level1": above.get("level1", ""), "level2": above.get("level2", ""), **fields}
            above = {"level1": fields["level1"], "level2": fields["level2"]}
            additions.append(fields)
    if not updates and not additions:
        return 0, 0
    with macro(stack, "粘贴"):
        for indicator, fields in updates:
            stack.push(SetFieldsCommand(edits, indicator, fields, "粘贴"))
        for fields in additions:
            stack.push(
                InsertCommand(edits, project, INDICATORS, len(project.indicators), new_indicator(**fields), "粘贴")
            )
    return len(updates) + len(additions), len(additions)
