"""Structural edits of the tree's items: add, rename, delete, duplicate and reorder.

One place knows where a tree node lives in the domain (which list, which
index) and turns a user's intent into undo commands; the view and the menus
only call these methods.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from perfdesk.errors import PerfdeskError
from perfdesk.layout.options import apply_layout_preset
from perfdesk.models import Base, Department, Measure, Project, SubGoal, Unit
from perfdesk.services.editing import EditSession, rebuild, snapshot
from perfdesk.ui import dialogs
from perfdesk.ui.commands import (
    AddDepartmentCommand,
    Handle,
    InsertCommand,
    MoveCommand,
    MoveDepartmentCommand,
    RemoveCommand,
    RemoveDepartmentCommand,
    SetFieldCommand,
    handle,
)
from perfdesk.ui.tree.model import RENAME_FIELDS, Node, NodeKind

COPY_SUFFIX = "（副本）"

#: For each group / item kind: the department list it edits, the new item's class and the menu words.
LISTS: dict[NodeKind, tuple[str, str]] = {
    NodeKind.SUB_GOALS: ("sub_goals", "分项目标"),
    NodeKind.SUB_GOAL: ("sub_goals", "分项目标"),
    NodeKind.MEASURES: ("measures", "保障措施"),
    NodeKind.MEASURE: ("measures", "保障措施"),
    NodeKind.BUDGET: ("projects", "预算项目"),
    NodeKind.UNIT: ("projects", "预算项目"),
    NodeKind.SPECIAL: ("special_funds", "专项资金"),
}


def clone(entity: Base) -> Base:
    """A new entity with the same content and children but no ids (for 复制 / 粘贴)."""
    return rebuild(_without_ids(snapshot(entity)))


def _without_ids(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: (
            [_without_ids(v) for v in value]
            if isinstance(value, list) and value and isinstance(value[0], dict)
            else value
        )
        for key, value in data.items()
        if key != "id" and not key.endswith("_id") and key != "position"
    }


class StructureEditor(QObject):
    """Turns tree gestures into commands on the shared undo stack.

    Signals:
        selectRequested(object): a handle the view should select (a new or duplicated item).
    """

    selectRequested = Signal(object)

    def __init__(self, edits: EditSession, stack: QUndoStack, window: QWidget) -> None:
        super().__init__(window)
        self._edits = edits
        self._stack = stack
        self._window = window

    # --- where a node lives --------------------------------------------------------------

    def _department(self, node: Node) -> Department | None:
        return self._edits.get(Department, node.department) if node.department is not None else None

    def _entity(self, node: Node) -> Any:
        return self._edits.get(*node.handle) if node.handle else None

    def location(self, node: Node) -> tuple[Base, str, int] | None:
        """(parent, collection, index) of an item node; None for departments and groups."""
        if node.kind not in (NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT):
            return None
        entity = self._entity(node)
        dept = self._department(node)
        assert dept is not None
        if isinstance(entity, Project):
            collection = "special_funds" if entity.is_special() else "projects"
        else:
            collection = "sub_goals" if isinstance(entity, SubGoal) else "measures"
        return dept, collection, getattr(dept, collection).index(entity)

    def _siblings(self, node: Node) -> list[Node]:
        return [n for n in node.parent.children if n.kind == node.kind] if node.parent else [node]

    # --- what can be done ----------------------------------------------------------------

    def add_text(self, node: Node) -> str | None:
        """The context-menu words for 'add' at this node, or None."""
        if node.kind in (NodeKind.WORKSPACE, NodeKind.DEPARTMENT):
            return "新建部门…"
        if node.kind in LISTS:
            return f"添加{LISTS[node.kind][1]}"
        if node.kind == NodeKind.PROJECT:
            return "添加专项资金" if self._entity(node).is_special() else "添加预算项目"
        return None

    def can_move(self, node: Node, delta: int) -> bool:
        siblings = self._siblings(node)
        return node.kind in RENAME_FIELDS and node in siblings and 0 <= siblings.index(node) + delta < len(siblings)

    # --- doing it ----------------------------------------------------------------------------

    def _push(self, command: Any) -> bool:
        try:
            self._stack.push(command)
        except PerfdeskError as exc:
            dialogs.show_error(self._window, exc)
            return False
        return True

    def add(self, node: Node) -> None:
        if node.kind in (NodeKind.WORKSPACE, NodeKind.DEPARTMENT):
            self.new_department()
            return
        dept = self._department(node)
        assert dept is not None
        location = self.location(node)
        if location is not None:
            _, collection, index = location
            index += 1
            words = {"special_funds": "专项资金", "projects": "预算项目"}.get(collection) or LISTS[node.kind][1]
            unit = self._entity(node).unit if isinstance(self._entity(node), Project) else None
        else:
            collection, words = LISTS[node.kind]
            index = len(getattr(dept, collection))
            unit = self._unit_of_group(node, dept)
        item = self._new_item(collection, unit)
        if self._push(InsertCommand(self._edits, dept, collection, index, item, f"添加{words}")):
            self.selectRequested.emit(handle(getattr(dept, collection)[index]))

    def _unit_of_group(self, node: Node, dept: Department) -> str | None:
        if node.kind == NodeKind.UNIT and node.key[2] is not None:
            unit = self._edits.get(Unit, node.key[2])
            return unit.code or unit.name
        return dept.units[0].code or dept.units[0].name if len(dept.units) == 1 else None

    @staticmethod
    def _new_item(collection: str, unit: str | None) -> Base:
        if collection == "sub_goals":
            return SubGoal(title="新分项目标", goal="", indicators=[])
        if collection == "measures":
            return Measure(title="新保障措施。", text="")
        name = "新专项资金" if collection == "special_funds" else "新项目"
        return Project(name=name, code="", budget=Decimal("0"), unit=unit, goals=[])

    def new_department(self) -> Handle | None:
        existing = {(d.name, d.fiscal_year) for d in self._edits.departments()}
        answer = dialogs.ask_new_department(self._window, existing)
        if answer is None:
            return None
        name, year = answer
        dept = Department(name=name, fiscal_year=year, overall_goal="")
        apply_layout_preset(dept)
        command = AddDepartmentCommand(self._edits, dept, text=f"新建部门“{name}”")
        if not self._push(command) or command.target is None:
            return None
        self.selectRequested.emit(command.target)
        return command.target

    def rename(self, node: Node, text: str) -> None:
        field = RENAME_FIELDS.get(node.kind)
        entity = self._entity(node)
        if field is None or entity is None:
            return
        if node.kind == NodeKind.DEPARTMENT and any(
            d.name == text and d.fiscal_year == entity.fiscal_year and d is not entity
            for d in self._edits.departments()
        ):
            dialogs.show_error(self._window, f"工作区中已有“{text} {entity.fiscal_year}年”，请换一个名称。")
            return
        self._push(SetFieldCommand(self._edits, entity, field, text, "重命名"))

    def delete(self, node: Node) -> None:
        entity = self._entity(node)
        if node.kind == NodeKind.DEPARTMENT:
            detail = f"其中的 {len(entity.projects) + len(entity.special_funds)} 个项目也会一并删除。"
            if dialogs.confirm_delete(self._window, entity.label(), detail):
                self._push(RemoveDepartmentCommand(self._edits, entity, f"删除部门“{entity.label()}”"))
            return
        location = self.location(node)
        if location is None:
            return
        parent, collection, index = location
        label = node.edit_value or node.label
        detail = f"它的 {len(entity.indicators)} 行绩效指标也会一并删除。" if isinstance(entity, Project) else ""
        if dialogs.confirm_delete(self._window, label, detail):
            self._push(RemoveCommand(self._edits, parent, collection, index, f"删除“{label}”"))

    def duplicate(self, node: Node) -> None:
        entity = self._entity(node)
        if node.kind == NodeKind.DEPARTMENT:
            copy = clone(entity)
            existing = {d.name for d in self._edits.departments() if d.fiscal_year == entity.fiscal_year}
            copy.name = entity.name + COPY_SUFFIX
            while copy.name in existing:
                copy.name += COPY_SUFFIX
            index = self._edits.departments().index(entity) + 1
            command = AddDepartmentCommand(self._edits, copy, index, f"复制部门“{entity.label()}”")
            if self._push(command) and command.target:
                self.selectRequested.emit(command.target)
            return
        location = self.location(node)
        if location is None:
            return
        parent, collection, index = location
        copy = clone(entity)
        field = RENAME_FIELDS[node.kind]
        setattr(copy, field, getattr(entity, field) + COPY_SUFFIX)
        if self._push(InsertCommand(self._edits, parent, collection, index + 1, copy, "复制")):
            self.selectRequested.emit(handle(getattr(parent, collection)[index + 1]))

    def paste_after(self, node: Node, source: Handle) -> None:
        """Insert a copy of ``source`` (a copied item of the same kind) after ``node``."""
        try:
            original = self._edits.get(*source)
        except PerfdeskError as exc:
            dialogs.show_error(self._window, exc)
            return
        location = self.location(node)
        if location is None or type(original) is not node.handle[0]:
            return
        parent, collection, index = location
        copy = clone(original)
        if self._push(InsertCommand(self._edits, parent, collection, index + 1, copy, "粘贴")):
            self.selectRequested.emit(handle(getattr(parent, collection)[index + 1]))

    def move(self, node: Node, delta: int) -> None:
        if self.can_move(node, delta):
            siblings = self._siblings(node)
            self.move_to(node, siblings[siblings.index(node) + delta])

    def move_to(self, node: Node, target: Node) -> None:
        """Move ``node`` to where its sibling ``target`` is (drag and drop, Ctrl+↑/↓)."""
        if target is node or target.kind != node.kind or target.parent is not node.parent:
            return
        if node.kind == NodeKind.DEPARTMENT:
            departments = self._edits.departments()
            entity, other = self._entity(node), self._entity(target)
            old, new = departments.index(entity), departments.index(other)
            self._push(MoveDepartmentCommand(self._edits, entity, old, new, "移动部门"))
        else:
            location, target_location = self.location(node), self.location(target)
            if location is None or target_location is None:
                return
            parent, collection, old = location
            self._push(MoveCommand(self._edits, parent, collection, old, target_location[2], "移动"))
        self.selectRequested.emit(node.handle)
