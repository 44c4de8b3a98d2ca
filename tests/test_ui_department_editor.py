"""The department editor writes layout options through undoable, durable edits."""

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from perfdesk.models import open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.ui.editors.department import DepartmentEditor

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
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].has_special_funds
    stack.undo()
    assert not dept.has_special_funds
    assert not editor.has_special_funds.isChecked()
    editor.detach()
    edits.close()
