"""The tree view: selection, context menu, F2 rename, drag-reorder and Ctrl+↑/↓.

Gestures go to a :class:`~perfdesk.ui.structure.StructureEditor`; the view
itself never changes the domain.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QWidget

from perfdesk.ui.commands import Handle
from perfdesk.ui.tree.model import ITEM_KINDS, RENAME_FIELDS, Node, NodeKind, NodeRole, WorkspaceTreeModel


class WorkspaceTreeView(QTreeView):
    """Shows a :class:`WorkspaceTreeModel`.

    Signals:
        nodeSelected(object): the current node changed (a Node, or None) — not emitted while the
            model is merely re-syncing and the same item stays selected.
    """

    nodeSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._structure: Any = None
        self._syncing = False
        self._shown: tuple[Any, ...] | None = None
        self._clipboard: Handle | None = None

    def attach(self, model: WorkspaceTreeModel, structure: Any) -> None:
        """Show ``model``; route gestures to ``structure`` (a StructureEditor)."""
        self._structure = structure
        self.setModel(model)
        model.renameRequested.connect(structure.rename)
        model.aboutToSync.connect(self._before_sync)
        model.synced.connect(self._after_sync)
        structure.selectRequested.connect(self.select_handle)
        self.selectionModel().currentChanged.connect(self._current_changed)
        # each department's groups open (its projects in reach of a click), their sub-lists closed;
        # laid out now, the first project clicked costs what every later one does
        self.expandToDepth(2)

    def tree_model(self) -> WorkspaceTreeModel:
        return self.model()  # type: ignore[return-value]

    def current_node(self) -> Node | None:
        index = self.currentIndex()
        return index.data(NodeRole) if index.isValid() else None

    # --- selection ----------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing:
            self._announce()

    def _announce(self) -> None:
        node = self.current_node()
        shown = (node.kind, node.key) if node else None
        if shown != self._shown:
            self._shown = shown
            self.nodeSelected.emit(node)

    def _before_sync(self) -> None:
        self._syncing = True

    def _after_sync(self) -> None:
        self._syncing = False
        node = self.current_node()
        if self._shown is not None and (node is None or (node.kind, node.key) != self._shown):
            kind, key = self._shown
            index = self.tree_model().find(kind, key=key)
            if index.isValid():  # the item moved (e.g. to another unit's group): follow it
                self.setCurrentIndex(index)
        self._announce()

    def select_handle(self, handle: Handle | None) -> None:
        """Select the item node (department, sub-goal, measure or project) showing ``handle``."""
        if handle is None:
            return
        model = self.tree_model()
        for kind in (*ITEM_KINDS,):
            index = model.find(kind, handle)
            if index.isValid():
                self.select_index(index)
                return

    def select_index(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index)

    # --- keyboard -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        node = self.current_node()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if node is not None and ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._structure.move(node, -1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    # --- edit-menu targets (the window routes 复制/粘贴/删除 here when the tree has focus) ------

    def copy(self) -> None:
        node = self.current_node()
        if node is not None and node.kind in (NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT):
            self._clipboard = node.handle

    def paste(self) -> None:
        node = self.current_node()
        if node is not None and self._clipboard is not None:
            self._structure.paste_after(node, self._clipboard)

    def delete_selected(self) -> None:
        node = self.current_node()
        if node is not None and node.kind in ITEM_KINDS:
            self._structure.delete(node)

    # --- context menu ---------------------------------------------------------------------------

    def build_menu(self, node: Node) -> QMenu:
        """The context menu for ``node`` (public so tests can inspect and trigger it)."""
        menu = QMenu(self)
        structure = self._structure
        add_text = structure.add_text(node)
        if add_text:
            menu.addAction(add_text, lambda: structure.add(node))
        if node.kind in RENAME_FIELDS:
            menu.addAction("重命名\tF2", lambda: self.edit(self.currentIndex()))
            menu.addAction("复制一份", lambda: structure.duplicate(node))
            if node.kind == NodeKind.DEPARTMENT:
                department = structure.department_of(node)
                if department is not None:
                    menu.addAction("复制为下一年度…", lambda: structure.roll_over(department))
            menu.addSeparator()
            up = menu.addAction("上移\tCtrl+↑", lambda: structure.move(node, -1))
            up.setEnabled(structure.can_move(node, -1))
            down = menu.addAction("下移\tCtrl+↓", lambda: structure.move(node, 1))
            down.setEnabled(structure.can_move(node, 1))
            menu.addSeparator()
            menu.addAction("删除…\tDelete", lambda: structure.delete(node))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        menu = self.build_menu(index.data(NodeRole))
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    # --- drag and drop: only among siblings of the same kind --------------------------------

    def _drop_target(self, event: QDropEvent) -> Node | None:
        dragged = self.current_node()
        index = self.indexAt(event.position().toPoint())
        target: Node | None = index.data(NodeRole) if index.isValid() else None
        if dragged is None or target is None or target is dragged:
            return None
        if target.kind != dragged.kind or target.parent is not dragged.parent:
            return None
        return target

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        if self._drop_target(event) is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event)
        dragged = self.current_node()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if target is not None and dragged is not None:
            self._structure.move_to(dragged, target)
