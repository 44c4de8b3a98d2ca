"""What opening a workspace shows and keeps (issue 17): the tree opened down to its groups, as in the
sketch of the main window, and the opened workspace kept out of the garbage collector's passes."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QModelIndex

from perfdesk.ui.tree import NodeKind
from tests import window_settings
from tests.window_settings import private_qsettings  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.gui
window = window_settings.window  # the fixture: a main window at 1280×820, shown
ROOT = QModelIndex()


def test_the_tree_opens_with_each_departments_groups_open_and_their_sub_lists_closed(qtbot, window, workspace_2021):
    window.open_path(workspace_2021)
    tree, model = window.view.tree, window.view.model
    nodes = list(model.node(model.index(0, 0)).walk())
    expanded = {node.kind for node in nodes if node.children and tree.isExpanded(model.index_of(node))}
    collapsed = {node.kind for node in nodes if node.children and not tree.isExpanded(model.index_of(node))}
    assert {NodeKind.WORKSPACE, NodeKind.DEPARTMENT, NodeKind.GOALS, NodeKind.BUDGET} <= expanded
    assert collapsed == {NodeKind.SUB_GOALS, NodeKind.MEASURES}  # ▸ 分项绩效目标 (4), ▸ 工作保障措施 (5)
    projects = [node for node in nodes if node.kind == NodeKind.PROJECT]
    first = tree.visualRect(model.index_of(projects[0]))
    assert first.isValid()
    assert tree.viewport().rect().intersects(first)  # the projects are there to click


def test_an_open_workspace_is_kept_out_of_the_collectors_passes_until_it_is_closed(qtbot, window, workspace_2021):
    assert gc.get_freeze_count() == 0
    window.open_path(workspace_2021)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the session's rows, the tree's nodes, the widgets
    assert gc.isenabled()  # paused while opening only
    project = window.edits.departments()[0].projects[0]
    assert gc.is_tracked(project)
    assert not any(obj is project for obj in gc.get_objects())  # not in any generation a pass walks
    window.close_workspace()
    assert gc.get_freeze_count() == 0
    window.open_path(workspace_2021)
    assert gc.get_freeze_count() > 10_000
    window.close()  # quitting closes the workspace too
    assert gc.get_freeze_count() == 0


def test_a_file_that_cannot_be_opened_freezes_nothing(qtbot, window, tmp_path, monkeypatch):
    from perfdesk.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, error, title: shown.append(title))
    broken = tmp_path / "坏的.perfdesk"
    broken.write_bytes(b"not a workspace at all" * 100)
    assert not window.open_path(broken)
    assert shown == ["无法打开"]  # not a workspace: said so, nothing else happened
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_opening_the_group_of_projects_asks_no_project_for_children(qtbot, window, workspace_2021, monkeypatch):
    """Projects, goals and measures are leaves, and say so: laying out a group of 1,000 projects
    then costs no call per project into the model to learn it has none."""
    window.open_path(workspace_2021)
    tree, model = window.view.tree, window.view.model
    budget = next(node for node in model.node(model.index(0, 0)).walk() if node.kind == NodeKind.BUDGET)
    tree.collapse(model.index_of(budget))
    asked: list[NodeKind] = []
    row_count = model.rowCount

    def spy(parent: QModelIndex = ROOT) -> int:
        asked.append(model.node(parent).kind)
        return row_count(parent)

    monkeypatch.setattr(model, "rowCount", spy)
    tree.expand(model.index_of(budget))
    qtbot.wait(20)
    assert NodeKind.BUDGET in asked  # the spy sees what the view asks
    assert NodeKind.PROJECT not in asked


def test_opening_another_file_lets_the_first_ones_objects_go(qtbot, window, workspace_2021, workspace_2024):
    """The first file's tree nodes and rows are reference cycles, kept from the collector while it
    was open and still held by its closing widgets when the second one is kept: collected once
    those widgets are gone, the second file staying kept."""
    window.open_path(workspace_2021)
    model = window.view.model
    first = [weakref.ref(node) for node in model.node(model.index(0, 0)).walk()]
    first.append(weakref.ref(window.edits.departments()[0].projects[0]))
    del model
    window.open_path(workspace_2024)  # as from 文件 → 最近打开: the first is closed by opening the second
    qtbot.waitUntil(lambda: all(ref() is None for ref in first))
    assert gc.get_freeze_count() > 10_000
    assert window.view.model.rowCount() > 0
