"""Edits of a project's indicator rows, each built from undo commands.

Every function pushes onto the QUndoStack (never writes the ORM itself), and
anything touching more than one row is one macro, so Ctrl+Z undoes what the
clerk did in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
    moves_to,
    place_in_groups,
)
from perfdesk.models import Collection, Indicator, Project
from perfdesk.services.editing import EditSession
from perfdesk.ui.commands import InsertCommand, MoveCommand, RemoveCommand, SetFieldsCommand, macro

#: The group label columns: printed merged, every row needs both.
LABEL_COLUMNS = (COL_LEVEL1, COL_LEVEL2)
#: Why Delete (or an emptied editor) leaves a 一级/二级 cell alone.
LABEL_NOT_BLANK = (
    "一级指标、二级指标是指标组的名称（合并单元格代表整组），不能清空。"
    "要改名，直接输入新名称；要删除这些行，请选中后按 Ctrl+Delete（删除行）。"
)

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
    """The rows of the merged 一级/二级 cell that covers ``row`` (just ``row`` elsewhere).

    Any row of a merged cell stands for all of it: editing the cell renames the
    whole group, as it would in the printed table, and never splits it.
    """
    if column in LABEL_COLUMNS:
        for run in indicator_merges(indicators):
            if run.column == column and run.first <= row <= run.last:
                return range(run.first, run.last + 1)
    return range(row, row + 1)


@dataclass
class Outcome:
    """What an edit of the rows did, for the status line.

    Attributes:
        changed: existing rows whose fields changed.
        added: rows added.
        moved: rows moved into their 一级/二级 group (``place_in_groups``).
        renamed: pasted rows whose 一级/二级 were written in another framework's words
            (``效益指标`` in a ``效果指标`` table) and now use the department's.
        rows: the rows the edit was aimed at (existing and added), in the order written.
    """

    changed: int = 0
    added: int = 0
    moved: int = 0
    renamed: int = 0
    rows: list[Indicator] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added)

    def moved_note(self) -> str:
        """The sentence about rows that were moved into their groups ("" when none were)."""
        if not self.moved:
            return ""
        return f"{self.moved} 行已移入所属指标组（同一一级指标、同一二级指标的行须连在一起）"

    def renamed_note(self) -> str:
        """The sentence about pasted group names written the department's way ("" when none were)."""
        if not self.renamed:
            return ""
        return f"{self.renamed} 行的一级/二级指标名称已按本部门的指标体系改写（如“效益指标”写作“效果指标”）"


def set_cells(
    edits: EditSession,
    stack: QUndoStack,
    project: Project,
    framework: Framework,
    cells: Iterable[tuple[int, int, str]],
    text: str = "修改",
) -> Outcome:
    """Write ``(row, column, text)`` cells (merged cells: their whole group) as one undo step.

    A row whose 一级/二级 now belongs to a group elsewhere in the table moves into
    it, in the same undo step (``regroup``).
    """
    indicators = project.indicators
    pending: dict[int, dict[str, Any]] = {}
    for row, column, value in cells:
        for target in run_rows(indicators, row, column):
            pending.setdefault(target, {}).update(cell_fields(column, value))
    return write_rows(
        edits, stack, project, framework, [(indicators[r], f) for r, f in sorted(pending.items())], [], text
    )


def write_rows(
    edits: EditSession,
    stack: QUndoStack,
    project: Project,
    framework: Framework,
    updates: Sequence[tuple[Indicator, dict[str, Any]]],
    additions: Sequence[dict[str, Any]],
    text: str,
) -> Outcome:
    """Change rows, append new ones and move relabelled or new rows into their groups: one undo step.

    Nothing to change pushes nothing (no empty undo step).
    """
    outcome = Outcome(rows=[indicator for indicator, _fields in updates])
    real = [(indicator, changed(indicator, fields)) for indicator, fields in updates]
    real = [(indicator, fields) for indicator, fields in real if fields]
    if not real and not additions:
        return outcome
    relabelled = [
        indicator
        for indicator, fields in real
        if any(level in fields and fields[level] != getattr(indicator, level) for level in ("level1", "level2"))
    ]
    added = [new_indicator(**fields) for fields in additions]
    with macro(stack, text):
        for indicator, fields in real:
            stack.push(SetFieldsCommand(edits, indicator, fields, text))
        for indicator in added:
            stack.push(InsertCommand(edits, project, Collection.INDICATORS, len(project.indicators), indicator, text))
        outcome.moved = regroup(edits, stack, project, framework, [*relabelled, *added], text)
    outcome.changed, outcome.added = len(real), len(added)
    outcome.rows.extend(added)
    return outcome


def fill_row(
    edits: EditSession, stack: QUndoStack, project: Project, framework: Framework, row: int, fields: dict[str, Any]
) -> Outcome:
    """Write a 指标库 suggestion's name, description, value and basis into one row: one undo step."""
    name = fields.get("name") or ""
    return write_rows(
        edits, stack, project, framework, [(project.indicators[row], fields)], [], f"从指标库填入“{name}”"
    )


def regroup(
    edits: EditSession, stack: QUndoStack, project: Project, framework: Framework, rows: Sequence[Indicator], text: str
) -> int:
    """Move ``rows`` (just relabelled or added) where they split no group; returns how many had to move.

    Other rows keep their order (``place_in_groups``), so a table that was
    imported split stays as it is. Push inside the edit's macro.
    """
    indicators = list(project.indicators)
    moving = [position for position, indicator in enumerate(indicators) if any(indicator is r for r in rows)]
    if not moving:
        return 0
    order, displaced = place_in_groups([(i.level1, i.level2) for i in indicators], moving, framework)
    for old, new in moves_to(order):
        stack.push(MoveCommand(edits, project, Collection.INDICATORS, old, new, text))
    return len(displaced)


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
            stack.push(InsertCommand(edits, project, Collection.INDICATORS, 0, new_indicator(level1, level2), "插入行"))
            return 0
    source = indicators[row]
    stack.push(
        InsertCommand(
            edits, project, Collection.INDICATORS, row + 1, new_indicator(source.level1, source.level2), "插入行"
        )
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
        other = ranks[r]
        if other is not None and other > rank:
            return r
    return (same[-1] + 1) if same else len(indicators)


def add_group(
    edits: EditSession, stack: QUndoStack, project: Project, framework: Framework, level1: str, level2: str
) -> int:
    """Add one empty row of a new 二级 group at the framework's place; returns its index."""
    index = group_position(framework, project.indicators, level1, level2)
    stack.push(
        InsertCommand(edits, project, Collection.INDICATORS, index, new_indicator(level1, level2), f"添加{level2}")
    )
    return index


def delete_rows(edits: EditSession, stack: QUndoStack, project: Project, rows: Iterable[int]) -> int:
    """Delete rows (any selection) as one undo step; returns how many."""
    targets = sorted({r for r in rows if 0 <= r < len(project.indicators)}, reverse=True)
    if not targets:
        return 0
    with macro(stack, "删除行"):
        for row in targets:
            stack.push(RemoveCommand(edits, project, Collection.INDICATORS, row, "删除行"))
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
    stack.push(MoveCommand(edits, project, Collection.INDICATORS, row, row + delta, "上移" if delta < 0 else "下移"))
    return row + delta


def paste_block(
    edits: EditSession,
    stack: QUndoStack,
    project: Project,
    framework: Framework,
    top: int,
    left: int,
    block: Sequence[Sequence[str]],
    period: int = 0,
) -> Outcome:
    """Paste a rectangular block of cells at (top, left) as one undo step "粘贴", appending rows as needed.

    The block must fit the columns (the view refuses or asks before calling).
    One cell pasted into a merged 一级/二级 cell renames its whole group. A blank
    一级/二级 cell is how Excel copies a merged cell (text in its first row only):
    it continues the group of the row pasted above it, and in the first row of
    the copied block (every ``period`` rows when the view repeats a block to fill
    a selection) keeps the row's own group; a group name is never blanked. Rows
    copied from a document of another framework (``效益指标`` into a ``效果指标``
    table) take the framework's names (``Framework.resolve``). Rows that now
    belong to a group elsewhere move into it (``regroup``). Nothing to change
    pushes nothing.
    """
    indicators = project.indicators
    width = len(block[0]) if block else 0
    if not block or width == 0 or left < 0 or left + width > len(COLUMNS):
        raise ValueError(f"a {len(block)}×{width} block does not fit at column {left}")
    top = max(0, min(top, len(indicators)))
    period = period or len(block)
    # One cell is a name the clerk chose (a group renamed); rows copied from a document are translated.
    translate = (len(block), width) != (1, 1)
    if len(block) == 1 and width == 1 and left in LABEL_COLUMNS and top < len(indicators):
        group = run_rows(indicators, top, left)
        top, block, period = group.start, [block[0]] * len(group), 1
    previous = (indicators[top - 1].level1, indicators[top - 1].level2) if top > 0 else None
    updates: list[tuple[Indicator, dict[str, Any]]] = []
    additions: list[dict[str, Any]] = []
    renamed = 0
    for offset, cells in enumerate(block):
        current = indicators[top + offset] if top + offset < len(indicators) else None
        fields: dict[str, Any] = {}
        for column, text in zip(range(left, left + width), cells, strict=False):
            fields.update(cell_fields(column, text))
        for position, level in enumerate(("level1", "level2")):
            if level in fields and not fields[level]:
                if (offset % period == 0 and current is not None) or previous is None:
                    del fields[level]
                else:
                    fields[level] = previous[position]
        if current is not None:
            if translate:
                renamed += _in_framework_words(framework, fields, (current.level1, current.level2))
            updates.append((current, fields))
            previous = (fields.get("level1", current.level1), fields.get("level2", current.level2))
        else:
            level1, level2 = previous or framework.pairs()[0]
            fields = {"level1": level1, "level2": level2, **fields}
            if translate:
                renamed += _in_framework_words(framework, fields, (level1, level2))
            additions.append(fields)
            previous = (fields["level1"], fields["level2"])
    outcome = write_rows(edits, stack, project, framework, updates, additions, "粘贴")
    outcome.renamed = renamed if outcome else 0
    return outcome


def _in_framework_words(framework: Framework, fields: dict[str, Any], current: tuple[str, str]) -> int:
    """Write a pasted 一级/二级 pair in the framework's own words when it is an alias of one of its pairs.

    Last year's rows copied from a document of another framework (``效益指标`` pasted into a
    ``效果指标`` table) join the department's group instead of starting a second one. Returns 1
    when the pasted names were changed.
    """
    if "level1" not in fields and "level2" not in fields:
        return 0
    written = (fields.get("level1", current[0]), fields.get("level2", current[1]))
    own = framework.resolve(*written)
    if own is None or own == written:
        return 0
    fields["level1"], fields["level2"] = own
    return 1
