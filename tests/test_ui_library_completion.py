"""The 三级 editor completes from the 指标库: by pinyin initials and by part of a name, within the row's group."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from perfdesk.layout.indicator_table import COL_LEVEL2, COL_NAME, indicator_cells
from perfdesk.ui.indicator_grid.completion import SuggestionList
from tests.grid_clerk import Clerk
from tests.qt_helpers import ime_commit

pytestmark = pytest.mark.gui


@pytest.fixture
def clerk(qtbot: QtBot, workspace_2024: Path) -> Iterator[Clerk]:
    c = Clerk(qtbot, workspace_2024)
    yield c
    c.close()


def _open_name_editor(clerk: Clerk, row: int) -> tuple[QLineEdit, SuggestionList]:
    clerk.click(row, COL_NAME)
    clerk.key(Qt.Key.Key_F2)
    editor = clerk.focus()
    assert isinstance(editor, QLineEdit)
    suggestions = clerk.view.delegate.suggestions
    assert isinstance(suggestions, SuggestionList)
    assert not suggestions.isVisible()
    editor.selectAll()
    return editor, suggestions


def test_pinyin_initials_complete_a_name_and_fill_the_row_as_one_undo_step(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    row = next(i for i, ind in enumerate(project.indicators) if ind.level2 == "质量指标")
    before = indicator_cells(project.indicators[row])
    editor, suggestions = _open_name_editor(clerk, row)
    clerk.qtbot.keyClicks(editor, "zjzc")
    assert suggestions.isVisible()
    assert [item.name for item in suggestions.suggested] == ["资金支出准确率"]
    assert suggestions.item(0).text().startswith("资金支出准确率　=100%")
    clerk.key(Qt.Key.Key_Down)
    clerk.key(Qt.Key.Key_Return)
    expected = (
        before[0],
        before[1],
        "资金支出准确率",
        "资金按规定用途和标准支出的比例：准确支出金额/实际支出金额*100%",
        "=100%",
        "计划标准",
    )
    assert indicator_cells(project.indicators[row]) == expected
    assert clerk.stack.count() == 1  # name, description, value and basis: one step
    assert clerk.stack.undoText() == "从指标库填入“资金支出准确率”"
    clerk.stack.undo()
    assert indicator_cells(project.indicators[row]) == before
    clerk.stack.redo()
    assert clerk.stored_after_closing(project)[row] == expected


def test_part_of_a_name_typed_with_an_ime_offers_only_the_rows_group(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    row = next(i for i, ind in enumerate(project.indicators) if ind.level1 == "满意度指标")
    editor, suggestions = _open_name_editor(clerk, row)
    ime_commit(editor, "满意")
    assert suggestions.isVisible()
    names = [item.name for item in suggestions.suggested]
    assert "服务对象满意度" in names  # the starter library
    assert {item.level2 for item in suggestions.suggested} == {"服务对象满意度指标"}
    learned = [item for item in suggestions.suggested if item.origin == "learned"]
    assert learned, "the sample's own satisfaction indicators are suggested too"
    assert learned[0].years == (2024,)
    clerk.key(Qt.Key.Key_Escape)  # closes the list only: the cell keeps what was typed
    assert not suggestions.isVisible()
    assert clerk.focus() is editor
    assert editor.text() == "满意"
    clerk.key(Qt.Key.Key_Return)  # and Enter now leaves the cell with it, nothing filled from the library
    assert project.indicators[row].name == "满意"
    assert clerk.stack.count() == 1


def test_a_click_on_a_suggestion_fills_the_row(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    row = next(i for i, ind in enumerate(project.indicators) if ind.level2 == "时效指标")
    editor, suggestions = _open_name_editor(clerk, row)
    ime_commit(editor, "及时")
    names = [item.name for item in suggestions.suggested]
    assert "完成及时率" in names
    target = suggestions.item(names.index("完成及时率"))
    clerk.qtbot.mouseClick(
        suggestions.viewport(), Qt.MouseButton.LeftButton, pos=suggestions.visualItemRect(target).center()
    )
    assert indicator_cells(project.indicators[row])[2:] == (
        "完成及时率",
        "按计划时限完成工作任务的比例：按时完成数/应完成数*100%",
        "=100%",
        "计划标准",
    )
    assert not suggestions.isVisible()


def test_a_level2_editor_offers_its_level1s_groups_by_any_part(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    row = next(i for i, ind in enumerate(project.indicators) if ind.level1 == "效益指标")
    clerk.click(row, COL_LEVEL2)
    clerk.key(Qt.Key.Key_F2)
    combo = clerk.view.indexWidget(clerk.model.index(row, COL_LEVEL2))
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    line = combo.lineEdit()
    completer = combo.completer()
    assert line is not None
    assert completer is not None
    line.selectAll()
    ime_commit(line, "效益")  # in the middle of three names: a prefix match would offer none
    clerk.qtbot.waitUntil(lambda: completer.completionCount() == 3, timeout=2000)
    assert completer.currentCompletion() == "经济效益指标"
    popup = completer.popup()
    assert popup is not None
    clerk.qtbot.waitUntil(popup.isVisible, timeout=2000)
    before = project.indicators[row].level2
    target = "生态效益指标" if before != "生态效益指标" else "社会效益指标"
    while popup.currentIndex().data() != target:
        clerk.qtbot.keyClick(popup, Qt.Key.Key_Down)
    clerk.qtbot.keyClick(popup, Qt.Key.Key_Return)  # takes the label and leaves the cell, like Enter anywhere
    clerk.qtbot.waitUntil(lambda: project.indicators[row].level2 == target, timeout=2000)
    assert clerk.view.state() == clerk.view.State.NoState
