"""The right-hand side: a QStackedWidget that shows the editor for the selected tree node."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from perfdesk.services.editing import EditSession
from perfdesk.ui.editors.department import DepartmentEditor
from perfdesk.ui.editors.form import Form
from perfdesk.ui.editors.goals import MeasureEditor, OverallGoalEditor, SubGoalEditor
from perfdesk.ui.editors.project_form import ProjectForm
from perfdesk.ui.indicator_grid import IndicatorGrid
from perfdesk.ui.tree.model import Node, NodeKind
from perfdesk.ui.widgets import ElidedLabel

GROUP_HINTS = {
    NodeKind.WORKSPACE: "工作区中的每个部门年度是一份部门预算绩效文本。在左侧选择要编辑的内容，或新建部门。",
    NodeKind.GOALS: "部门整体绩效目标包括总体绩效目标、分项绩效目标和工作保障措施。",
    NodeKind.SUB_GOALS: "分项绩效目标：在左侧选择一项编辑，或添加新的分项目标。",
    NodeKind.MEASURES: "工作保障措施：在左侧选择一项编辑，或添加新的措施。",
    NodeKind.SPECIAL: "专项资金绩效目标表。",
    NodeKind.BUDGET: "预算项目绩效目标表：在左侧选择项目编辑，或添加新项目。",
    NodeKind.UNIT: "这个单位的预算项目。",
}


class GroupPage(QWidget):
    """For group nodes: what the group holds and a button to add to it."""

    def __init__(self, structure: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._structure = structure
        self._node: Node | None = None
        self.title = ElidedLabel(bold=True, scale=1.2)  # a unit's group carries its (long) name
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self._node and self._structure.add(self._node))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_node(self, node: Node) -> None:
        self._node = node
        self.title.set_full_text(node.label)
        self.hint.setText(GROUP_HINTS.get(node.kind, ""))
        text = self._structure.add_text(node)
        self.add_button.setText(text or "")
        self.add_button.setVisible(bool(text))


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class ProjectPage(QSplitter):
    """The project editor: the header form above the indicator grid."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("projectSplitter")
        self.form = ProjectForm(edits, stack)
        self.grid = IndicatorGrid(edits, stack)
        self.addWidget(scrolled(self.form))
        self.addWidget(self.grid)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self._user_sized = False
        self.splitterMoved.connect(self._moved_by_user)

    def set_project(self, project: Any) -> None:
        self.form.set_entity(project)
        self.grid.set_project(project)
        self._fit_form()
        QTimer.singleShot(0, self._fit_form)  # new goal rows report their size once polished

    def _moved_by_user(self) -> None:
        self._user_sized = True

    def _fit_form(self) -> None:
        """Until the clerk drags the splitter: the header form gets its full height (up to 60%)."""
        if not self._user_sized and self.height() > 200:
            layout = self.form.layout()
            if layout is not None:
                layout.activate()  # rows were just rebuilt: measure the new layout
            form = min(self.form.sizeHint().height() + 4, int(self.height() * 0.6))
            self.setSizes([form, self.height() - form])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_form()


class EditorStack(QStackedWidget):
    """Switches editor pages by node kind; each page looks its entity up by handle."""

    def __init__(self, edits: EditSession, stack: QUndoStack, structure: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.group = GroupPage(structure)
        self.department = DepartmentEditor(edits, stack)
        self.overall = OverallGoalEditor(edits, stack)
        self.sub_goal = SubGoalEditor(edits, stack)
        self.measure = MeasureEditor(edits, stack)
        self.project = ProjectPage(edits, stack)
        self._pages: dict[NodeKind, tuple[QWidget, Any]] = {
            NodeKind.DEPARTMENT: (scrolled(self.department), self.department.set_entity),
            NodeKind.OVERALL: (self.overall, self.overall.set_entity),
            NodeKind.SUB_GOAL: (scrolled(self.sub_goal), self.sub_goal.set_entity),
            NodeKind.MEASURE: (scrolled(self.measure), self.measure.set_entity),
            NodeKind.PROJECT: (self.project, self.project.set_project),
        }
        self.addWidget(self.group)
        for page, _ in self._pages.values():
            self.addWidget(page)

    def forms(self) -> list[Form]:
        return [self.department, self.overall, self.sub_goal, self.measure, self.project.form]

    def detach(self) -> None:
        for form in self.forms():
            form.detach()

    def show_node(self, node: Node | None) -> None:
        if node is None:
            self.setCurrentWidget(self.group)
            return
        if node.kind in self._pages:
            page, show = self._pages[node.kind]
            show(self._edits.get(*node.handle) if node.handle else None)
            self.setCurrentWidget(page)
        else:
            self.group.show_node(node)
            self.setCurrentWidget(self.group)
