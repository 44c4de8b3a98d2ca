"""Undo commands over the editing service, with a real QUndoStack and a real file."""

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from perfdesk.models import Collection, Indicator, open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.ui.commands import InsertCommand, MoveCommand, RemoveCommand, SetFieldCommand, macro

pytestmark = pytest.mark.gui


def test_delete_then_undo_then_edit_through_an_old_command(qapp, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    stack = QUndoStack()
    dept = edits.departments()[0]
    project = dept.projects[1]
    stack.push(SetFieldCommand(edits, project, "name", "改名后"))
    stack.push(RemoveCommand(edits, dept, Collection.PROJECTS, 1))
    assert len(dept.projects) == 7
    stack.undo()  # the project comes back as a new object with the same id
    assert dept.projects[1].name == "改名后"
    stack.undo()  # the older command still finds it
    assert dept.projects[1].name == "法治工作经费"
    stack.redo()
    stack.redo()
    assert len(dept.projects) == 7
    edits.close()


def test_insert_move_macro_and_durability(qapp, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    stack = QUndoStack()
    project = edits.departments()[0].projects[0]
    with macro(stack, "粘贴"):
        stack.push(
            InsertCommand(
                edits,
                project,
                Collection.INDICATORS,
                7,
                Indicator(level1="满意度指标", level2="服务对象满意度指标", name="甲"),
            )
        )
        stack.push(MoveCommand(edits, project, Collection.INDICATORS, 7, 0))
    assert project.indicators[0].name == "甲"
    stack.undo()
    assert len(project.indicators) == 7
    assert project.indicators[0].name == "宣传次数"
    stack.redo()
    stack.push(SetFieldCommand(edits, project, "budget", Decimal("9.9")))
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        again = ws.departments(session)[0].projects[0]
        assert again.indicators[0].name == "甲"
        assert str(again.budget) == "9.9"


def test_typing_merges_into_one_step(qapp, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    stack = QUndoStack()
    project = edits.departments()[0].projects[0]
    for text in ("法", "法律", "法律援"):
        stack.push(SetFieldCommand(edits, project, "purpose", text))
    assert stack.count() == 1
    stack.undo()
    assert project.purpose == "用于法律援助经费支出"
    edits.close()


def test_a_failed_edit_is_reported_and_dropped_not_raised_into_qt(qapp, workspace_2024: Path) -> None:
    edits = EditSession.open(workspace_2024)
    errors: list[Exception] = []
    edits.subscribe_errors(errors.append)
    stack = QUndoStack()
    dept = edits.departments()[0]
    ok = SetFieldCommand(edits, dept.projects[0], "name", "甲")
    stack.push(ok)
    failing = SetFieldCommand(edits, dept.projects[1], "name", None)  # NOT NULL: the commit fails
    stack.push(failing)  # never raises; the outcome is on the command
    assert not ok.failed
    assert failing.failed
    assert len(errors) == 1
    assert "修改未保存" in str(errors[0])
    assert "[SQL" not in str(errors[0])  # never SQLAlchemy's text: it carries the statement and the clerk's data
    assert "甲" not in str(errors[0])
    assert stack.count() == 1  # the failed step is not on the stack
    assert dept.projects[1].name == "法治工作经费"
    edits.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        assert [p.name for p in ws.departments(session)[0].projects[:2]] == ["甲", "法治工作经费"]
