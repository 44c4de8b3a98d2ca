"""Every item model of the app under Qt's own model tester, on both samples and across edits.

``qtmodeltester.check(model)`` attaches Qt's QAbstractItemModelTester, which checks the model
at once and again on every signal the model emits afterwards (rows inserted, removed or moved,
layout changes, resets, data changes). It reports a broken rule as a Qt warning, which fails
the test (``qt_log_level_fail = "WARNING"`` in pyproject.toml). So each test attaches the tester
first and then drives the model through the app's own edit paths: undo commands pushed by the
tree's structure editor, the department editor and the grid operations, undo and redo, and
the resets (another project, another department, a new check result).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from perfdesk.checks import Severity, check_department
from perfdesk.layout.indicator_table import COLUMNS, indicator_cells
from perfdesk.models import Department, Project
from perfdesk.services.editing import EditSession
from perfdesk.ui import dialogs
from perfdesk.ui.check_panel import CheckPanel
from perfdesk.ui.commands import SetFieldsCommand
from perfdesk.ui.indicator_grid import IndicatorGrid, operations
from perfdesk.ui.indicator_grid.model import IndicatorTableModel, ProblemRole
from perfdesk.ui.tree import NodeKind
from perfdesk.ui.tree.model import Node, build_tree
from perfdesk.ui.workspace_view import WorkspaceView
from tests.conftest import counting

pytestmark = pytest.mark.gui


@pytest.fixture(params=["2021", "2024"])
def sample(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"workspace_{request.param}")


@pytest.fixture
def edits(sample: Path) -> Iterator[EditSession]:
    session = EditSession.open(sample)
    yield session
    session.close()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


def undo_all_then_redo_all(stack: QUndoStack, after_each=lambda: None) -> None:
    steps = stack.index()
    for _ in range(steps):
        stack.undo()
        after_each()
    for _ in range(steps):
        stack.redo()
        after_each()


# --- the workspace tree ------------------------------------------------------------------------


@pytest.fixture
def workspace_view(qtbot, edits: EditSession, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(dialogs, "confirm_delete", lambda *_a, **_k: True)
    monkeypatch.setattr(dialogs, "ask_new_department", lambda *_a, **_k: ("新部门", 2030))
    view = WorkspaceView(edits, stack)
    qtbot.addWidget(view)
    view.show()
    yield view
    view.close_session()


def shape(node: Node) -> tuple:
    """What the tree shows of a node and everything under it."""
    return (node.key, node.label, node.tooltip, node.edit_value, [shape(child) for child in node.children])


def assert_tree_is_the_domain(view: WorkspaceView) -> None:
    """The diffed tree equals a tree built afresh from the domain, and every row's parent is right."""
    model = view.model
    root = model.node(QModelIndex())
    assert shape(root) == shape(build_tree(view.edits))
    for node in root.walk():
        for row, child in enumerate(node.children):
            index = model.index(row, 0, model.index_of(node))
            assert index.internalPointer() is child
            assert model.parent(index) == model.index_of(node)


def nodes(view: WorkspaceView, kind: NodeKind) -> list[Node]:
    return [n for n in view.model.node(QModelIndex()).walk() if n.kind == kind]


def test_tree_model_through_structural_edits_undo_and_redo(qtmodeltester, workspace_view, edits, stack):
    view = workspace_view
    structure = view.structure
    qtmodeltester.check(view.model)
    assert_tree_is_the_domain(view)
    for kind in (NodeKind.SUB_GOAL, NodeKind.MEASURE, NodeKind.PROJECT):
        structure.duplicate(nodes(view, kind)[0])
        structure.move(nodes(view, kind)[0], +1)
        structure.move(nodes(view, kind)[-1], -1)
        structure.rename(nodes(view, kind)[1], "改过的名称")
        structure.add(nodes(view, kind)[1].parent)  # 添加 at the group: at the end
        structure.add(nodes(view, kind)[0])  # 添加 at an item: after it
        structure.delete(nodes(view, kind)[2])
        assert_tree_is_the_domain(view)
    project = edits.departments()[0].projects[0]
    stack.push(SetFieldsCommand(edits, project, {"budget": Decimal("123.45")}, "改预算"))  # group totals
    view.model.set_marks({project.id: Severity.ERROR})
    view.model.set_marks({})
    structure.new_department()
    structure.duplicate(nodes(view, NodeKind.DEPARTMENT)[0])
    structure.move(nodes(view, NodeKind.DEPARTMENT)[0], +1)
    shown = nodes(view, NodeKind.PROJECT)[-1]
    view.tree.select_index(view.model.index_of(shown))  # the grid shows a project...
    assert view.editors.project.grid.model.project is not None
    structure.delete(next(n for n in nodes(view, NodeKind.DEPARTMENT) if n.key == ("dept", shown.department)))
    assert view.editors.project.grid.model.project is None  # ...until its department goes
    assert_tree_is_the_domain(view)
    undo_all_then_redo_all(stack, lambda: assert_tree_is_the_domain(view))


def test_a_field_edit_updates_its_rows_without_rebuilding_or_reading(workspace_view, edits, stack, monkeypatch):
    """Renaming, re-coding or re-budgeting an item touches its row and its group totals only, at any size."""
    import perfdesk.ui.tree.model as tree_model

    view = workspace_view
    rebuilt: list[str] = []
    for name in ("build_tree", "_department_node"):
        monkeypatch.setattr(tree_model, name, counting(rebuilt, name, getattr(tree_model, name)))
    reads: list[str] = []
    monkeypatch.setattr(edits.workspace, "departments", counting(reads, "read", edits.workspace.departments))
    dept = edits.departments()[0]
    project, goal, measure = dept.projects[-1], dept.sub_goals[0], dept.measures[0]
    for entity, field, value in [
        (project, "name", "改过的项目名称"),
        (project, "code", "X-1"),
        (project, "budget", Decimal("98765.43")),
        (project, "title", "另一个表题"),
        (goal, "title", "改过的分项目标"),
        (measure, "text", "改过的措施内容"),
        (dept, "name", "改过的部门"),
        (dept, "overall_goal", "不在树上显示的文字"),
    ]:
        stack.push(SetFieldsCommand(edits, entity, {field: value}, "改"))
        assert rebuilt == [], field
        assert_tree_is_the_domain(view)  # (this builds a tree itself: forget it)
        rebuilt.clear()
    undo_all_then_redo_all(stack)
    assert rebuilt == []
    assert reads == []
    assert_tree_is_the_domain(view)


def test_tree_model_regroups_projects_by_unit(qtmodeltester, workspace_view, edits, stack):
    """A second unit splits 预算项目 into unit groups; moving a project's unit moves its node."""
    view = workspace_view
    qtmodeltester.check(view.model)
    view.tree.select_index(view.model.find(NodeKind.DEPARTMENT))
    department_editor = view.editors.department
    department_editor.add_unit()
    department_editor.add_unit()
    assert nodes(view, NodeKind.UNIT)
    assert_tree_is_the_domain(view)
    dept = edits.departments()[0]
    second = dept.units[-1]
    for project in dept.projects[:3]:
        stack.push(SetFieldsCommand(edits, project, {"unit": second.name}, "改单位"))
        assert_tree_is_the_domain(view)
    view.structure.add(nodes(view, NodeKind.UNIT)[-1])  # a new project in that unit's group
    view.structure.delete(nodes(view, NodeKind.PROJECT)[-1])
    assert_tree_is_the_domain(view)
    undo_all_then_redo_all(stack, lambda: assert_tree_is_the_domain(view))


# --- the indicator grid ------------------------------------------------------------------------


@pytest.fixture
def grid(qtbot, edits: EditSession, stack: QUndoStack):
    widget = IndicatorGrid(edits, stack)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close_session()


def assert_grid_is_the_project(grid: IndicatorGrid) -> None:
    """The rows are the project's, and every cell says what a model reading it afresh says (the
    model remembers cells and problems between changes: never one change too long)."""
    model = grid.model
    project = model.project
    indicators = list(project.indicators) if project is not None else []
    assert model.indicators == indicators
    assert model.rowCount() == len(indicators)
    fresh = IndicatorTableModel(model.edits, model.undo_stack)
    fresh.set_project(project)
    roles = (Qt.ItemDataRole.DisplayRole, ProblemRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole)
    try:
        for row, indicator in enumerate(indicators):
            assert [model.index(row, c).data() for c in range(len(COLUMNS))] == list(indicator_cells(indicator))
            for column in range(len(COLUMNS)):
                for role in roles:
                    assert model.index(row, column).data(role) == fresh.index(row, column).data(role), (row, column)
    finally:
        fresh.detach()


def test_grid_model_on_every_project_and_through_row_edits(qtmodeltester, grid, edits, stack):
    model = grid.model
    qtmodeltester.check(model)
    dept = edits.departments()[0]
    for project in [*dept.projects, *dept.special_funds]:
        grid.set_project(project)  # a reset per project
        assert_grid_is_the_project(grid)
    project = max(dept.projects, key=lambda p: len(p.indicators))
    grid.set_project(project)
    framework = model.framework
    operations.insert_row(edits, stack, project, framework, 0)
    operations.insert_row(edits, stack, project, framework, None)
    pair = (project.indicators[-2].level1, project.indicators[-2].level2)
    group = [r for r, i in enumerate(project.indicators) if (i.level1, i.level2) == pair]
    operations.delete_rows(edits, stack, project, group)  # a whole group goes...
    assert pair in operations.missing_groups(framework, project.indicators)
    operations.add_group(edits, stack, project, framework, *pair)  # ...and comes back in framework order
    movable = next(r for r in range(len(project.indicators)) if operations.can_move(project.indicators, r, +1))
    operations.move_row(edits, stack, project, movable, +1)
    operations.move_row(edits, stack, project, movable + 1, -1)
    operations.set_cells(edits, stack, project, framework, [(0, 0, "改过的一级"), (1, 4, "≥95%")])
    last = len(project.indicators) - 1
    operations.paste_block(edits, stack, project, framework, last, 2, [["甲", "≥1个"], ["乙", "100%"]])
    operations.delete_rows(edits, stack, project, [0, 2, 3])
    assert_grid_is_the_project(grid)
    undo_all_then_redo_all(stack, lambda: assert_grid_is_the_project(grid))
    other = "output-benefit" if dept.framework_id != "output-benefit" else "output-effect-satisfaction"
    edits.set_field(dept, "framework", other)  # another framework: a reset
    assert_grid_is_the_project(grid)
    edits.remove(dept, "projects", dept.projects.index(project))  # the project goes: an empty grid
    assert model.project is None
    assert model.rowCount() == 0


def test_grid_model_of_an_empty_project(qtmodeltester, grid, edits, stack):
    dept = edits.departments()[0]
    project = edits.insert(dept, "projects", 0, Project(name="空项目", code="", budget=Decimal(0), goals=[]))
    qtmodeltester.check(grid.model)
    grid.set_project(project)
    operations.insert_row(edits, stack, project, grid.model.framework, None)
    operations.delete_rows(edits, stack, project, [0])
    undo_all_then_redo_all(stack, lambda: assert_grid_is_the_project(grid))
    grid.set_project(None)
    assert grid.model.rowCount() == 0


# --- the 检查 panel's findings and their filter --------------------------------------------------


@pytest.fixture
def panel(qtbot, edits: EditSession):
    widget = CheckPanel(edits, debounce_ms=10)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.detach()


def check_and_wait(qtbot, panel: CheckPanel, department: Department | None) -> None:
    with qtbot.waitSignal(panel.results_changed, timeout=10_000):
        panel.set_department(department)
    qtbot.waitUntil(lambda: not panel.is_checking(), timeout=10_000)


@pytest.mark.parametrize("which", ["source", "proxy"])
def test_findings_model_and_its_filter_across_checks(qtbot, qtmodeltester, panel, edits, which):
    qtmodeltester.check(panel.model if which == "source" else panel.proxy)
    dept = edits.departments()[0]
    check_and_wait(qtbot, panel, dept)
    assert panel.findings() == check_department(dept)
    assert panel.model.rowCount() > 0
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO, None):
        panel.set_filter(severity)
        assert panel.proxy.rowCount() == len([f for f in panel.findings() if severity in (None, f.severity)])
    panel.set_filter(Severity.WARNING)
    with qtbot.waitSignal(panel.results_changed, timeout=10_000):  # a re-check while filtered
        edits.set_field(dept.projects[0], "budget", dept.projects[0].budget + Decimal(1))
    assert panel.findings() == check_department(dept)
    panel.set_filter(Severity.ERROR)
    panel.proxy.sort(1, Qt.SortOrder.DescendingOrder)  # sorted and filtered, then the source is reset
    with qtbot.waitSignal(panel.results_changed, timeout=10_000):
        panel.check_now()
    panel.set_filter(None)
    with qtbot.waitSignal(panel.results_changed, timeout=10_000):
        panel.set_department(None)  # empties the list
    assert panel.model.rowCount() == 0
    assert panel.proxy.rowCount() == 0
