"""The right-hand side: a QStackedWidget that shows the editor for the selected tree node."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

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


#: The indicator grid is the main work area: the header form gets at most what leaves this many rows visible.
MIN_GRID_ROWS = 6
#: Until the clerk drags the splitter, the header form takes at most this share of the page.
HEADER_SHARE = 0.5


class ProjectPage(QSplitter):
    """The project editor: the header form above the indicator grid, in a splitter the window remembers.

    Signals:
        headerChanged(): the clerk dragged the splitter or folded the header away (收起表头).
    """

    headerChanged = Signal()

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("projectSplitter")
        self.form = ProjectForm(edits, stack)
        self.grid = IndicatorGrid(edits, stack)
        self.header = scrolled(self.form)
        self.header.setMinimumHeight(1)  # the fitting below decides; not the scroll bar's minimum
        self.addWidget(self.header)
        self.addWidget(self.grid)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self._header_height: int | None = None  # chosen by dragging the splitter; None: fitted to the form
        self.splitterMoved.connect(self._moved_by_user)
        self.form.collapsedChanged.connect(self._collapsed_changed)
        # grid rows grow and shrink with their wrapped text (another project, a narrower window): fit again
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_form)
        self.grid.view.verticalHeader().sectionResized.connect(self._refit.start)

    def set_project(self, project: Any) -> None:
        self.form.set_entity(project)
        self.grid.set_project(project)
        self._fit_form()
        self._refit.start()  # new goal rows and grid rows report their size once polished

    def holds_project(self) -> bool:
        """Whether a project is in the page (shown now, or the last one shown, or the prepared one)."""
        return self.grid.model.project is not None

    # --- what the window remembers ------------------------------------------------------------

    def header_state(self) -> tuple[int | None, bool]:
        """(the header height the clerk chose, or None; whether the header is folded away)."""
        return self._header_height, self.form.is_collapsed()

    def restore_header_state(self, height: int | None, collapsed: bool) -> None:
        self._header_height = height if height is not None and height > 0 else None
        self.form.set_collapsed(collapsed)
        self._fit_form()

    def _moved_by_user(self) -> None:
        if not self.form.is_collapsed():
            self._header_height = self.sizes()[0]
        self.headerChanged.emit()

    def _collapsed_changed(self, _collapsed: bool) -> None:
        self._fit_form()
        self.headerChanged.emit()

    # --- sizes ------------------------------------------------------------------------------------

    def grid_need(self, rows: int = MIN_GRID_ROWS) -> int:
        """The grid's height with its first ``rows`` rows fully visible (toolbar, header and status line included)."""
        view = self.grid.view
        if self.grid.isVisible() and view.viewport().height() > 0:
            chrome = self.grid.height() - view.viewport().height()
        else:
            header = view.horizontalHeader().sizeHint().height()
            chrome = self.grid.sizeHint().height() - view.sizeHint().height() + header
        count = min(rows, view.model().rowCount())
        heights = [view.rowHeight(row) for row in range(count)]
        heights += [view.verticalHeader().defaultSectionSize()] * (rows - count)
        return chrome + sum(heights)

    def _form_height(self) -> int:
        layout = self.form.layout()
        if layout is not None:
            layout.activate()  # rows were just rebuilt or folded: measure the new layout
        return self.form.sizeHint().height()

    def _fit_form(self) -> None:
        """Header and grid share the page; the grid keeps MIN_GRID_ROWS rows visible whenever it can."""
        total = self.height() - self.handleWidth()
        if total < 120:
            return
        form = self._form_height()
        if self.form.is_collapsed():
            header = form
        else:
            wanted = self._header_height or int(total * HEADER_SHARE)
            room = min(wanted, total - self.grid_need())
            if room < form:  # end below a whole row of fields; at least the heading and the first row
                ends = self.form.row_ends()
                room = max([end for end in ends if end <= room] or ends[:1])
            header = min(room, form)
        header = min(header, total)
        if self.sizes() != [header, total - header]:  # setting the same sizes still lays both out again
            self.setSizes([header, total - header])

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

    def prepare_project_page(self, project: Any) -> None:
        """Lay the project editor out once with ``project``, unseen, so the first project the clerk
        selects costs what every later one does (called while the window is idle after opening).

        A page shown for the first time sizes its grid twice (at its hidden size, then at its own)
        and builds its rows' heights anew; shown once, it keeps its size and scroll bars, and
        ``show_node`` brings it forward before putting the selected project in.
        """
        if self.project.holds_project() or self.currentWidget() is self.project:
            return
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            return  # the clerk is typing in an editor: moving focus through the page would disturb it
        self.project.set_project(project)
        shown = self.currentWidget() or self.group
        self.setUpdatesEnabled(False)  # nothing of the project page reaches the screen
        try:
            self.setCurrentWidget(self.project)
            self.setCurrentWidget(shown)
        finally:
            self.setUpdatesEnabled(True)

    def show_node(self, node: Node | None) -> None:
        if node is None:
            self.setCurrentWidget(self.group)
            return
        if node.kind in self._pages:
            page, show = self._pages[node.kind]
            entity = self._edits.get(*node.handle) if node.handle else None
            if page is self.project and self.project.holds_project():
                # Forward first, then the new project: the page keeps the size it was laid out at
                # (no second sizing of the grid). Nothing is painted in between.
                self.setCurrentWidget(page)
                show(entity)
            else:
                show(entity)
                self.setCurrentWidget(page)
        else:
            self.group.show_node(node)
            self.setCurrentWidget(self.group)
