"""The tree model: an adapter that reads the domain and turns Change events into row signals.

It stores nothing of its own: after an edit it builds a light description of
what the edit can have changed from the domain and *diffs* it against the nodes
it shows, emitting precise remove / insert / layout / dataChanged signals. Nodes
are matched by a stable key (kind + database id), so selection and expansion
survive edits, undo of a deletion (same ids come back) and moves.

An edit costs what it touched, not the size of the workspace: a field of an
item updates that row (and the totals of its groups), a change in one of a
department's lists re-reads that department, and only adding, deleting or
moving a department-year re-reads the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum, auto
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from perfdesk.checks import Severity
from perfdesk.domain.amounts import display_wanyuan
from perfdesk.models import Collection, Department, Indicator, Measure, Project, SubGoal
from perfdesk.models.lists import MEASURES, PROJECTS, SPECIAL_FUNDS, SUB_GOALS, ItemList, shown_name
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.ui.commands import Handle

Index = QModelIndex | QPersistentModelIndex


class NodeKind(StrEnum):
    """What a row of the tree is; which domain list a group or an item belongs to is ``Node.items``."""

    WORKSPACE = auto()
    DEPARTMENT = auto()
    GOALS = auto()  # 部门整体绩效目标
    OVERALL = auto()  # 总体绩效目标
    SUB_GOALS = auto()
    SUB_GOAL = auto()
    MEASURES = auto()
    MEASURE = auto()
    SPECIAL = auto()  # 专项资金
    BUDGET = auto()  # 预算项目
    UNIT = auto()  # the budget projects of one unit
    PROJECT = auto()


#: Kinds whose nodes stand for one item of an ordered list (movable, deletable, duplicable).
ITEM_KINDS = {NodeKind.DEPARTMENT, NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT}
#: Kinds whose nodes never have children.
LEAF_KINDS = {NodeKind.OVERALL, NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT}
#: The field a rename in the tree (F2) changes.
RENAME_FIELDS = {
    NodeKind.DEPARTMENT: "name",
    NodeKind.SUB_GOAL: "title",
    NodeKind.MEASURE: "title",
    NodeKind.PROJECT: "name",
}
#: Item fields that move a project between the tree's groups: its department is re-read.
REGROUPING_FIELDS = {"unit", "section"}
GROUP_KINDS = {NodeKind.GOALS, NodeKind.SUB_GOALS, NodeKind.MEASURES, NodeKind.SPECIAL, NodeKind.BUDGET, NodeKind.UNIT}


def _kind_flags(kind: NodeKind) -> Qt.ItemFlag:
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
    if kind in RENAME_FIELDS:
        flags |= Qt.ItemFlag.ItemIsEditable
    if kind in ITEM_KINDS:
        flags |= Qt.ItemFlag.ItemIsDragEnabled
    if kind in LEAF_KINDS:  # the view then lays a group of 1,000 projects out without asking each for children
        flags |= Qt.ItemFlag.ItemNeverHasChildren
    return flags


#: Each kind's item flags, combined once: a view asks for every row's flags as it lays out (expanding a
#: group of 3,000 projects), and combining Qt's flags in Python each time cost as much as the layout.
KIND_FLAGS = {kind: _kind_flags(kind) for kind in NodeKind}
#: The group node showing each of a department's lists.
LIST_GROUPS: dict[Collection, NodeKind] = {
    SUB_GOALS.name: NodeKind.SUB_GOALS,
    MEASURES.name: NodeKind.MEASURES,
    SPECIAL_FUNDS.name: NodeKind.SPECIAL,
    PROJECTS.name: NodeKind.BUDGET,
}

NodeRole = Qt.ItemDataRole.UserRole + 1
#: The worst check finding of a project node (a Severity, or None), fed by the 检查 panel.
MarkRole = Qt.ItemDataRole.UserRole + 2
#: Severities marked in the tree (✖ / ⚠); 提示 would mark nearly everything.
MARKED = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
}


@dataclass(eq=False)
class Node:
    """One row of the tree; ``handle`` names the entity it shows, ``department`` its department's id.

    ``items`` is the department list a group node shows, or the list an item node's entity lives in.
    """

    kind: NodeKind
    key: tuple[Any, ...]
    label: str = ""
    handle: Handle | None = None
    department: int | None = None
    edit_value: str = ""
    tooltip: str = ""
    items: ItemList | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Any:
        yield self
        for child in self.children:
            yield from child.walk()


def _total(projects: list[Project]) -> str:
    return display_wanyuan(sum((p.budget or Decimal(0) for p in projects), Decimal(0)))


def _group_label(title: str, projects: list[Project]) -> str:
    return f"{title} ({len(projects)}) {_total(projects)}" if projects else f"{title} (0)"


def build_tree(edits: EditSession) -> Node:
    """A fresh description of the whole tree, read from the domain."""
    root = Node(NodeKind.WORKSPACE, ("root",))
    ws = root.add(Node(NodeKind.WORKSPACE, ("workspace",), edits.path.name, tooltip=str(edits.path)))
    for dept in edits.departments():
        ws.add(_department_node(dept))
    return root


def _department_row(dept: Department) -> Node:
    """The department-year's own row, without its children."""
    did = dept.id
    return Node(
        NodeKind.DEPARTMENT, ("dept", did), dept.label(), (Department, did), did, dept.name, dept.effective_title
    )


def _department_node(dept: Department) -> Node:
    did = dept.id
    node = _department_row(dept)

    def group(parent: Node, items: ItemList, label: str) -> Node:
        kind = LIST_GROUPS[items.name]
        return parent.add(Node(kind, (items.name, did), label, (Department, did), did, items=items))

    goals = node.add(Node(NodeKind.GOALS, ("goals", did), "部门整体绩效目标", (Department, did), did))
    goals.add(Node(NodeKind.OVERALL, ("overall", did), "总体绩效目标", (Department, did), did))
    subs = group(goals, SUB_GOALS, f"{SUB_GOALS.title} ({len(dept.sub_goals)})")
    for i, goal in enumerate(dept.sub_goals, 1):
        subs.add(_goal_node(goal, i, did))
    measures = group(goals, MEASURES, f"{MEASURES.title} ({len(dept.measures)})")
    for i, measure in enumerate(dept.measures, 1):
        measures.add(_goal_node(measure, i, did))
    special = group(node, SPECIAL_FUNDS, _group_label(SPECIAL_FUNDS.title, dept.special_funds))
    _add_projects(special, SPECIAL_FUNDS, dept.special_funds, did)
    budget = group(node, PROJECTS, _group_label(PROJECTS.title, dept.projects))
    if len(dept.units) > 1:
        for unit_id, (name, projects) in _unit_groups(dept).items():
            unit_group = budget.add(
                Node(
                    NodeKind.UNIT,
                    ("unit", did, unit_id),
                    _group_label(name, projects),
                    (Department, did),
                    did,
                    items=PROJECTS,
                )
            )
            _add_projects(unit_group, PROJECTS, projects, did, numbering=dept.projects)
    else:
        _add_projects(budget, PROJECTS, dept.projects, did)
    return node


def _unit_groups(dept: Department) -> dict[int | None, tuple[str, list[Project]]]:
    """The budget projects by unit id (None: no or an unknown unit), with the group's name, in unit order."""
    groups: dict[int | None, list[Project]] = {unit.id: [] for unit in dept.units}
    for project in dept.projects:
        unit = dept.find_unit(project.unit)
        groups.setdefault(unit.id if unit else None, []).append(project)
    names: dict[int | None, str] = {unit.id: unit.name for unit in dept.units}
    return {unit_id: (names.get(unit_id, "未指定单位"), projects) for unit_id, projects in groups.items()}


def _group_label_of(group: Node, dept: Department) -> str:
    """A project group's label (count and budget total) as ``_department_node`` writes it."""
    if group.kind is NodeKind.SPECIAL:
        return _group_label(SPECIAL_FUNDS.title, dept.special_funds)
    if group.kind is NodeKind.UNIT:
        name, projects = _unit_groups(dept).get(group.key[2], ("未指定单位", []))
        return _group_label(name, projects)
    return _group_label(PROJECTS.title, dept.projects)


def _add_projects(
    parent: Node, items: ItemList, projects: list[Project], did: int, numbering: list[Project] | None = None
) -> None:
    order = {id(p): i for i, p in enumerate(numbering or projects, 1)}
    for project in projects:
        parent.add(_project_node(project, order[id(project)], items, did))


def _project_node(project: Project, number: int, items: ItemList, did: int) -> Node:
    code = project.code or "（无项目编码）"
    tip = f"{code}\n{shown_name(project.effective_title)}\n预算数 {display_wanyuan(project.budget)}"
    return Node(
        NodeKind.PROJECT,
        ("project", project.id),
        f"{number} {shown_name(project.name)}",
        (Project, project.id),
        did,
        project.name,
        tip,
        items,
    )


def _goal_node(item: SubGoal | Measure, number: int, did: int) -> Node:
    """A 分项目标 or 保障措施 row."""
    if isinstance(item, SubGoal):
        return Node(
            NodeKind.SUB_GOAL, ("sub_goal", item.id), f"{number} {item.title}", (SubGoal, item.id), did,
            item.title, item.title, SUB_GOALS,
        )  # fmt: skip
    return Node(
        NodeKind.MEASURE, ("measure", item.id), f"{number} {item.title}", (Measure, item.id), did,
        item.title, item.text or item.title, MEASURES,
    )  # fmt: skip


class WorkspaceTreeModel(QAbstractItemModel):
    """Read-only view of the workspace structure; renames are *requested*, never written here.

    Signals:
        renameRequested(Node, str): the user typed a new name for a node (F2 in the tree).
        aboutToSync(), synced(): bracket an update, so the view can keep its selection.
    """

    renameRequested = Signal(object, str)
    aboutToSync = Signal()
    synced = Signal()

    def __init__(self, edits: EditSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._root = build_tree(edits)
        self._keys: dict[tuple[Any, ...], Node] | None = None  # key → node, rebuilt after a structural sync
        self._marks: dict[int, Severity] = {}
        self._icons: dict[QStyle.StandardPixmap, QIcon] = {}
        edits.subscribe(self._on_change)

    def detach(self) -> None:
        """Stop following the editing service (the workspace is being closed)."""
        self._edits.unsubscribe(self._on_change)

    # --- following edits ---------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        entity = change.entity
        if isinstance(entity, Indicator) or isinstance(change.parent, Project):
            return  # indicator rows are not shown in the tree
        if change.kind is ChangeKind.DEPARTMENTS:
            self.refresh()
        elif change.kind is ChangeKind.FIELD and isinstance(entity, Department):
            self._update_department(entity)
        elif change.kind is ChangeKind.FIELD and isinstance(entity, (SubGoal, Measure, Project)):
            if change.field in REGROUPING_FIELDS or not self._update_item(entity):
                self._resync_department(change)
        else:  # a unit, or an item added to / removed from / moved in a department's list
            self._resync_department(change)

    def refresh(self) -> None:
        """Bring the whole tree in line with the domain, emitting only what changed."""
        self.aboutToSync.emit()
        self._sync(self._root, build_tree(self._edits))
        self._keys = None
        self.synced.emit()

    def _resync_department(self, change: Change) -> None:
        """Bring the department-year an edit happened in (and only it) in line with the domain."""
        owner = change.parent if change.parent is not None else change.entity
        did = getattr(owner, "department_id", None) if not isinstance(owner, Department) else owner.id
        dept = self._edits.department(did) if did is not None else None
        node = self._node(("dept", did))
        if dept is None or node is None:
            self.refresh()
            return
        self.aboutToSync.emit()
        fresh = _department_node(dept)
        self._update_row(node, fresh)
        self._sync(node, fresh)
        self._keys = None
        self.synced.emit()

    def _update_department(self, dept: Department) -> None:
        node = self._node(("dept", dept.id))
        if node is None:
            self.refresh()
        else:
            self._update_row(node, _department_row(dept))

    def _update_item(self, item: SubGoal | Measure | Project) -> bool:
        """Update an item's row, and the totals of the groups above a project; False when it is not shown."""
        prefix = "project" if isinstance(item, Project) else "sub_goal" if isinstance(item, SubGoal) else "measure"
        node = self._node((prefix, item.id))
        dept = self._edits.department(node.department) if node is not None and node.department is not None else None
        if node is None or dept is None or node.items is None:
            return False
        siblings = node.items.of(dept)
        if item not in siblings:
            return False
        number = siblings.index(item) + 1
        if isinstance(item, Project):
            self._update_row(node, _project_node(item, number, node.items, dept.id))
            group = node.parent
            while group is not None and group.kind in (NodeKind.UNIT, NodeKind.BUDGET, NodeKind.SPECIAL):
                self._set_label(group, _group_label_of(group, dept))
                group = group.parent
        else:
            self._update_row(node, _goal_node(item, number, dept.id))
        return True

    def _node(self, key: tuple[Any, ...]) -> Node | None:
        if self._keys is None:
            self._keys = {node.key: node for node in self._root.walk()}
        return self._keys.get(key)

    def _set_label(self, node: Node, label: str) -> None:
        if node.label != label:
            node.label = label
            index = self.index_of(node)
            self.dataChanged.emit(index, index)

    def _update_row(self, node: Node, new: Node, row: int | None = None) -> None:
        """Take over ``new``'s texts and handle, telling the view when they differ."""
        if (node.label, node.tooltip, node.edit_value, node.handle) != (
            new.label,
            new.tooltip,
            new.edit_value,
            new.handle,
        ):
            node.label, node.tooltip, node.edit_value, node.handle = new.label, new.tooltip, new.edit_value, new.handle
            index = self.index_of(node) if row is None else self.createIndex(row, 0, node)
            self.dataChanged.emit(index, index)

    def _sync(self, node: Node, fresh: Node) -> None:
        wanted = [child.key for child in fresh.children]
        wanted_set = set(wanted)
        for row in reversed(range(len(node.children))):
            if node.children[row].key not in wanted_set:
                self.beginRemoveRows(self.index_of(node), row, row)
                node.children.pop(row).parent = None
                self.endRemoveRows()
        have = {child.key for child in node.children}
        for target, child in enumerate(fresh.children):
            if child.key not in have:
                row = min(target, len(node.children))
                self.beginInsertRows(self.index_of(node), row, row)
                child.parent = node
                node.children.insert(row, child)
                self.endInsertRows()
        if [child.key for child in node.children] != wanted:
            self._reorder(node, wanted)
        by_key = {child.key: child for child in fresh.children}
        for row, child in enumerate(node.children):
            new = by_key[child.key]
            if new is child:
                continue  # just inserted with its subtree
            self._update_row(child, new, row)
            self._sync(child, new)

    def _reorder(self, node: Node, wanted: list[tuple[Any, ...]]) -> None:
        self.layoutAboutToBeChanged.emit()
        node.children.sort(key=lambda child: wanted.index(child.key))
        old = [idx for idx in self.persistentIndexList() if idx.isValid() and idx.internalPointer() in node.children]
        new = [
            self.createIndex(node.children.index(idx.internalPointer()), idx.column(), idx.internalPointer())
            for idx in old
        ]
        if old:
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def set_marks(self, marks: dict[int, Severity]) -> None:
        """Mark project nodes by project id with their worst finding (from the 检查 panel)."""
        changed = {pid for pid, _ in set(self._marks.items()) ^ set(marks.items())}
        self._marks = dict(marks)
        for node in self._root.walk():
            if node.kind == NodeKind.PROJECT and node.handle is not None and node.handle[1] in changed:
                index = self.index_of(node)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, MarkRole])

    def _mark(self, node: Node) -> Severity | None:
        if node.kind != NodeKind.PROJECT or node.handle is None:
            return None
        return self._marks.get(node.handle[1])

    # --- lookups -------------------------------------------------------------------------

    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index_of(self, node: Node) -> QModelIndex:
        return QModelIndex() if node is self._root else self.createIndex(node.row(), 0, node)

    def find(self, kind: NodeKind, handle: Handle | None = None, key: tuple[Any, ...] | None = None) -> QModelIndex:
        """The index of the first node of ``kind`` showing ``handle`` (or with ``key``)."""
        if key is not None:
            node = self._node(key)
            if node is None or node.kind != kind or (handle is not None and node.handle != handle):
                return QModelIndex()
            return self.index_of(node)
        for node in self._root.walk():
            if node.kind == kind and (handle is None or node.handle == handle):
                return self.index_of(node)
        return QModelIndex()

    # --- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.EditRole:
            return node.edit_value
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or node.label
        if role == NodeRole:
            return node
        if role == MarkRole:
            return self._mark(node)
        if role == Qt.ItemDataRole.FontRole and node.kind in (NodeKind.DEPARTMENT, NodeKind.WORKSPACE):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            mark = self._mark(node)
            if mark is not None and mark in MARKED:
                return self._icon(MARKED[mark])
            icon = (
                QStyle.StandardPixmap.SP_DirIcon
                if node.children or node.kind in GROUP_KINDS
                else QStyle.StandardPixmap.SP_FileIcon
            )
            if node.kind == NodeKind.WORKSPACE:
                icon = QStyle.StandardPixmap.SP_DriveHDIcon
            return self._icon(icon)
        return None

    def _icon(self, pixmap: QStyle.StandardPixmap) -> QIcon:
        """The style's icon, made once: a new QIcon per row and paint rendered its pixmaps anew each time."""
        icon = self._icons.get(pixmap)
        if icon is None:
            icon = self._icons[pixmap] = QApplication.style().standardIcon(pixmap)
        return icon

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node: Node = index.internalPointer()
        return KIND_FLAGS[node.kind]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node: Node = index.internalPointer()
        text = str(value).strip()
        if node.kind not in RENAME_FIELDS or not text or text == node.edit_value:
            return False
        self.renameRequested.emit(node, text)
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
