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
from perfdesk.models import Base, Collection, Department, Measure, Project, SubGoal, Unit
from perfdesk.models.lists import MEASURES, SPECIAL_FUNDS, SUB_GOALS, ItemList, list_of, named
from perfdesk.services.copying import clone, duplicate, duplicate_department
from perfdesk.services.editing import EditSession
from perfdesk.services.rollover import next_year_draft
from perfdesk.ui import dialogs
from perfdesk.ui.commands import (
    AddDepartmentCommand,
    EditCommand,
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

    def department_of(self, node: Node) -> Department | None:
        """The department-year a node belongs to (the department node itself included)."""
        return self._department(node)

    def _entity(self, node: Node) -> Any:
        return self._edits.get(*node.handle) if node.handle else None

    def location(self, node: Node) -> tuple[Base, Collection, int] | None:
        """(parent, collection, index) of an item node; None for departments and groups."""
        if node.kind not in (NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT):
            return None
        entity = self._entity(node)
        dept = self._department(node)
        assert dept is not None
        items = list_of(entity)
        return dept, items.name, items.of(dept).index(entity)

    def _siblings(self, node: Node) -> list[Node]:
        return [n for n in node.parent.children if n.kind == node.kind] if node.parent else [node]

    # --- what can be done ----------------------------------------------------------------

    def add_text(self, node: Node) -> str | None:
        """The context-menu words for 'add' at this node, or None."""
        if node.kind in (NodeKind.WORKSPACE, NodeKind.DEPARTMENT):
            return "新建部门…"
        return f"添加{node.items.noun}" if node.items is not None else None

    def can_move(self, node: Node, delta: int) -> bool:
        siblings = self._siblings(node)
        return node.kind in RENAME_FIELDS and node in siblings and 0 <= siblings.index(node) + delta < len(siblings)

    # --- doing it ----------------------------------------------------------------------------

    def _push(self, command: EditCommand) -> bool:
        """Push ``command``; False when it failed (already reported to the clerk through the EditSession)."""
        self._stack.push(command)
        return not command.failed

    def add(self, node: Node) -> None:
        if node.kind in (NodeKind.WORKSPACE, NodeKind.DEPARTMENT):
            self.new_department()
            return
        dept = self._department(node)
        items = node.items
        if dept is None or items is None:
            return
        location = self.location(node)
        if location is not None:
            index = location[2] + 1
            unit = self._entity(node).unit if isinstance(self._entity(node), Project) else None
        else:
            index = len(items.of(dept))
            unit = self._unit_of_group(node, dept)
        item = self._new_item(items, unit)
        if self._push(InsertCommand(self._edits, dept, items.name, index, item, f"添加{items.noun}")):
            self.selectRequested.emit(handle(items.of(dept)[index]))

    def _unit_of_group(self, node: Node, dept: Department) -> str | None:
        if node.kind == NodeKind.UNIT and node.key[2] is not None:
            unit = self._edits.get(Unit, node.key[2])
            return unit.code or unit.name
        return dept.units[0].code or dept.units[0].name if len(dept.units) == 1 else None

    @staticmethod
    def _new_item(items: ItemList, unit: str | None) -> Base:
        if items is SUB_GOALS:
            return SubGoal(title=f"新{SUB_GOALS.noun}", goal="", indicators=[])
        if items is MEASURES:
            return Measure(title=f"新{MEASURES.noun}。", text="")
        name = f"新{SPECIAL_FUNDS.noun}" if items is SPECIAL_FUNDS else "新项目"
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
            assert isinstance(entity, Department)
            departments = self._edits.departments()
            copy = duplicate_department(entity, departments)
            index = departments.index(entity) + 1
            command = AddDepartmentCommand(self._edits, copy, index, f"复制部门“{entity.label()}”")
            if self._push(command) and command.target:
                self.selectRequested.emit(command.target)
            return
        location = self.location(node)
        if location is None:
            return
        parent, collection, index = location
        copy = duplicate(entity)
        if self._push(InsertCommand(self._edits, parent, collection, index + 1, copy, "复制")):
            self.selectRequested.emit(handle(named(collection).of(parent)[index + 1]))

    def roll_over(self, department: Department) -> Handle | None:
        """复制为下一年度: ask the year, add the draft as one undo step and select it."""
        year = dialogs.ask_year(
            self._window,
            "复制为下一年度",
            f"把“{department.label()}”复制为新年度的草案。\n资金支出计划将清空，日期顺延，预算金额保留待核对。",
            department.fiscal_year + 1,
        )
        if year is None:
            return None
        departments = self._edits.departments()
        try:
            draft = next_year_draft(department, year, departments)
        except PerfdeskError as exc:
            dialogs.show_error(self._window, exc, "无法复制为下一年度")
            return None
        index = departments.index(department) + 1
        command = AddDepartmentCommand(self._edits, draft, index, f"复制为下一年度“{department.name} {year}年”")
        if not self._push(command) or command.target is None:
            return None
        self.selectRequested.emit(command.target)
        return command.target

    def paste_after(self, node: Node, source: Handle) -> None:
        """Insert a copy of ``source`` (a copied item of the same kind) after ``node``."""
        try:
            original = self._edits.get(*source)
        except PerfdeskError as exc:
            dialogs.show_error(self._window, exc)
            return
        location = self.location(node)
        if location is None or node.handle is None or type(original) is not node.handle[0]:
            return
        parent, collection, index = location
        copy = clone(original)
        if self._push(InsertCommand(self._edits, parent, collection, index + 1, copy, "粘贴")):
            self.selectRequested.emit(handle(named(collection).of(parent)[index + 1]))

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
