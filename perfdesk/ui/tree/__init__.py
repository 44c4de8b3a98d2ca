"""The workspace tree on the left: model (adapter over the editing service) and view."""

from perfdesk.ui.tree.model import Node, NodeKind, WorkspaceTreeModel
from perfdesk.ui.tree.view import WorkspaceTreeView

__all__ = ["Node", "NodeKind", "WorkspaceTreeModel", "WorkspaceTreeView"]
