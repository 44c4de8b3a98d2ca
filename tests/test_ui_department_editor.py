"""The department editor writes layout options through undoable, durable edits."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from perfdesk.models import open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.ui.editors.department import DepartmentEditor
from perfdesk.ui.editors.project_form import ProjectForm

pytestmark = pytest.mark.gui


def test_special_funds_part_can_be_switched_on_and_undone(qtbot, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    stack = QUndoStack()
    editor = DepartmentEditor(edits, stack)
    qtbot.addWidget(editor)
    dept = edits.departments()[0]
    editor.set_entity(dept)
    assert not editor.has_special_funds.isChecked()
    editor.has_special_funds.click()
    assert dept.has_special_funds
    with open_workspace(workspace_2024) as ws, ws.session() as session:
        assert ws.departments(session)[0].has_special_funds
    stack.undo()
    assert not dept.has_special_funds
    assert not editor.has_special_funds.isChecked()
    editor.detach()
    edits.close()


def test_no_spending_plan_hides_the_project_fields_and_a_project_keeps_its_own_goal_style(
    qtbot, workspace_2024: Path
) -> None:
    edits = EditSession.open(workspace_2024)
    stack = QUndoStack()
    editor = DepartmentEditor(edits, stack)
    form = ProjectForm(edits, stack)
    qtbot.addWidget(editor)
    qtbot.addWidget(form)
    dept = edits.departments()[0]
    project = dept.projects[0]
    editor.set_entity(dept)
    form.set_entity(project)
    form.show()
    assert editor.spending_plan.isChecked()
    assert form.plan["3"].isVisible()
    assert form.plan_label.isVisible()

    editor.spending_plan.click()
    assert dept.spending_plan is False
    assert not form.plan["3"].isVisible()
    assert not form.plan_label.isVisible()
    with open_workspace(workspace_2024) as ws, ws.session() as session:
        assert ws.departments(session)[0].spending_plan is False

    assert form.goal_style.currentData() is None  # 同部门设置
    form.goal_style.setFocus()
    qtbot.keyClick(form.goal_style, Qt.Key.Key_Down)  # 编号列在一个单元格内
    qtbot.keyClick(form.goal_style, Qt.Key.Key_Down)  # 每个目标一行
    assert project.goal_style == "rows"
    with open_workspace(workspace_2024) as ws, ws.session() as session:
        assert [p.goal_style for p in ws.departments(session)[0].projects][:2] == ["rows", None]

    stack.undo()  # each step through the list was one edit
    assert project.goal_style == "numbered"
    stack.undo()
    assert project.goal_style is None
    assert form.goal_style.currentData() is None
    stack.undo()
    assert dept.spending_plan is True
    assert form.plan["3"].isVisible()
    editor.detach()
    form.detach()
    edits.close()
