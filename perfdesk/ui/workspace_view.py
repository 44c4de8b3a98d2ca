"""One open workspace on screen: the tree on the left, the editor for its selection on the right.

Built when a file is opened and dropped when it is closed, so every widget
inside talks to exactly one EditSession.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QSplitter, QWidget

from perfdesk.models import Department
from perfdesk.services.editing import EditSession
from perfdesk.ui.editors.stack import EditorStack
from perfdesk.ui.structure import StructureEditor
from perfdesk.ui.tree import Node, NodeKind, WorkspaceTreeModel, WorkspaceTreeView

#: The tree's first width: a share of the window, so a small screen leaves the editor (and its grid) room.
TREE_SHARE, TREE_MIN, TREE_MAX = 0.24, 220, 320
#: The project editor is prepared this long after the workspace opens: after the tree is painted,
#: before a clerk's first click (start-up and "file opened → tree shown" do not wait for it).
PREPARE_AFTER_MS = 50


class WorkspaceView(QSplitter):
    """Signals: departmentChanged(object): the department of the selection (or None)."""

    departmentChanged = Signal(object)

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self.edits = edits
        self.structure = StructureEditor(edits, stack, self)
        self.model = WorkspaceTreeModel(edits, self)
        self.tree = WorkspaceTreeView()
        self.tree.attach(self.model, self.structure)
        self.editors = EditorStack(edits, stack, self.structure)
        self.addWidget(self.tree)
        self.addWidget(self.editors)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([320, 900])
        self.setChildrenCollapsible(False)
        self._department: int | None = None
        self.tree.nodeSelected.connect(self._show)
        self.select_first_department()
        #: The project editor has been prepared (or there was nothing to prepare): see ``_prepare``.
        self.prepared = False
        self._closed = False
        QTimer.singleShot(PREPARE_AFTER_MS, self, self._prepare)

    def fit_tree(self, width: int) -> None:
        """Give the tree its first width in a window ``width`` wide (until the clerk drags the splitter)."""
        tree = max(TREE_MIN, min(int(width * TREE_SHARE), TREE_MAX))
        self.setSizes([tree, max(width - tree, 1)])

    def select_first_department(self) -> None:
        index = self.model.find(NodeKind.DEPARTMENT)
        if index.isValid():
            self.tree.select_index(index)
        else:
            self.tree.select_index(self.model.index(0, 0))

    def _prepare(self) -> None:
        """Once the tree is on screen: lay the project editor out with the first project, unseen."""
        self.prepared = True
        if self._closed:
            return
        index = self.model.find(NodeKind.PROJECT)
        node = self.model.node(index) if index.isValid() else None
        if node is not None and node.handle:
            self.editors.prepare_project_page(self.edits.get(*node.handle))

    def _show(self, node: Node | None) -> None:
        self.editors.show_node(node)
        department = node.department if node is not None else None
        if department != self._department:
            self._department = department
        self.departmentChanged.emit(self.department())

    def department(self) -> Department | None:
        """The department the selection belongs to (for the title bar and exports)."""
        return self.edits.department(self._department) if self._department is not None else None

    def close_session(self) -> None:
        """Stop every part following the EditSession (before it is closed)."""
        self._closed = True
        self.model.detach()
        self.editors.detach()
        self.editors.project.grid.close_session()
