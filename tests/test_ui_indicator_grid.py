"""The indicator grid driven like a clerk would: keyboard, Excel clipboard, undo, reopen the file."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from perfdesk.layout.indicator_table import (
    COL_BASIS,
    COL_DESCRIPTION,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_NAME,
    COL_VALUE,
    indicator_cells,
)
from perfdesk.models import Collection, Indicator, Project
from perfdesk.ui.indicator_grid.model import ERROR_COLOR, WARNING_COLOR
from tests.grid_clerk import CTRL, LEFT, SHIFT, Clerk
from tests.qt_helpers import ime_commit, type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def clerk(qtbot: QtBot, workspace_2024: Path) -> Iterator[Clerk]:
    """The grid on the 2024 sample (project 0: 产出 over rows 0–3, 效益 4–5, 满意度 6)."""
    c = Clerk(qtbot, workspace_2024)
    yield c
    c.close()


SIX_ROWS = [
    ("产出指标", "数量指标", "办理案件数", "办理法律援助案件数量", "≥150件", "工作计划"),
    ("产出指标", "数量指标", "宣传次数", "开展普法宣传次数", "≥12次", "经验标准"),
    ("产出指标", "质量指标", "案卷合格率", "刑事案卷合格率", "≥90%", "行业标准"),
    ("产出指标", "时效指标", "完成时间", "年度工作完成时间", "12月31日前", "计划标准"),
    ("效益指标", "社会效益指标", "法律意识提高", "群众法律意识提升", "显著提高", "历史标准"),
    ("满意度指标", "服务对象满意度指标", "受援人满意度", "受援群众满意度", "≥95%", "调查问卷"),
]


def test_type_six_rows_with_the_keyboard_then_reopen(clerk: Clerk) -> None:
    """Rows of a group come with Tab in the last cell (or Insert), new groups with 添加指标组… (Ctrl+Shift+Insert)."""
    project = clerk.edits.insert(clerk.department, Collection.PROJECTS, 0, Project(name="新项目", budget=Decimal("10")))
    clerk.grid.set_project(project)
    clerk.view.setFocus()
    clerk.key(Qt.Key.Key_Insert)  # first row: the framework's first group, cursor on 三级指标
    assert clerk.current() == (0, COL_NAME)
    for number, row in enumerate(SIX_ROWS):
        if number > 0 and row[:COL_NAME] != SIX_ROWS[number - 1][:COL_NAME]:
            new_level1 = all(row[0] != above[0] for above in SIX_ROWS[:number])
            entry = " › ".join(row[:COL_NAME]) + ("（新一级指标）" if new_level1 else "")
            with clerk.choose(entry):  # 添加指标组…: arrows to the group, Enter
                clerk.key(Qt.Key.Key_Insert, CTRL | SHIFT)
        assert clerk.current() == (number, COL_NAME)
        assert clerk.cells(project)[number][:COL_NAME] == row[:COL_NAME]
        for column, text in enumerate(row[COL_NAME:], start=COL_NAME):
            if number == 5 and column == COL_NAME:
                ime_commit(clerk.focus(), text)  # a Pinyin IME phrase straight into the grid starts the edit
            elif number == 5 and column == COL_DESCRIPTION:
                clerk.type(text[0])
                ime_commit(clerk.focus(), text[1:])  # …or into an open editor
            else:
                clerk.type(text)
            follows_in_group = number + 1 < len(SIX_ROWS) and SIX_ROWS[number + 1][:COL_NAME] == row[:COL_NAME]
            last = column == COL_BASIS and not follows_in_group
            clerk.key(Qt.Key.Key_Return if last else Qt.Key.Key_Tab)  # Tab in the last cell adds a row in the group
    clerk.qtbot.waitUntil(lambda: clerk.cells(project) == SIX_ROWS, timeout=10_000)
    first = project.indicators[0]
    assert (first.op, first.value, first.unit) == ("≥", "150", "件")
    assert (project.indicators[4].op, project.indicators[4].value) == (None, "显著提高")
    assert [clerk.view.rowSpan(0, COL_LEVEL1), clerk.view.rowSpan(0, COL_LEVEL2)] == [4, 2]
    clerk.assert_spans_match_print()
    assert clerk.stored_after_closing(project) == SIX_ROWS


EXCEL_TSV = (
    '效益指标\t社会效益指标\t调解成功率\t"人民调解\n成功率"\t≥95%\t行业标准\r\n'
    "\t\t纠纷化解数\t化解矛盾纠纷数量\t>=200件\t工作计划\r\n"
    '满意度指标\t服务对象满意度指标\t群众满意度\t"群众对""调解""的满意度"\t≥良好\t调查问卷\r\n'
)
PASTED = [
    ("效益指标", "社会效益指标", "调解成功率", "人民调解\n成功率", "≥95%", "行业标准"),
    ("效益指标", "社会效益指标", "纠纷化解数", "化解矛盾纠纷数量", "≥200件", "工作计划"),  # blank = merged above
    ("满意度指标", "服务对象满意度指标", "群众满意度", '群众对"调解"的满意度', "≥良好", "调查问卷"),
]


def test_paste_an_excel_range_appends_rows_undo_redo_and_reopen(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    assert len(before) == 7
    clerk.click_row_header(5)  # row 5: its 一级 cell is merged with row 4's, so select the row itself
    assert clerk.selected() == {(5, column) for column in range(6)}
    clerk.paste(EXCEL_TSV)
    assert clerk.cells(project) == before[:5] + PASTED  # two rows overwritten, one appended
    assert clerk.grid.status.text() == "已粘贴 3 行 × 6 列（18 个单元格）：修改 2 行，新增 1 行"
    assert clerk.stack.count() == 1
    assert clerk.stack.undoText() == "粘贴"
    clerk.assert_spans_match_print()
    unreadable = project.indicators[7]
    assert (unreadable.op, unreadable.value, unreadable.unit) == (None, "≥良好", None)  # kept whole, not lost

    clerk.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert clerk.cells(project) == before
    clerk.assert_spans_match_print()
    clerk.key(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert clerk.cells(project) == before[:5] + PASTED
    clerk.assert_spans_match_print()
    clerk.click_row_header(5)
    clerk.key(Qt.Key.Key_V, CTRL)  # the same again changes nothing…
    assert clerk.stack.count() == 1  # …and leaves no empty undo step
    assert clerk.grid.status.text() == "粘贴的内容与表格中的相同，没有修改。"
    assert clerk.stored_after_closing(project) == before[:5] + PASTED


def test_copy_gives_excel_text_and_delete_clears_in_one_step(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    model = clerk.grid.model
    selection = clerk.view.selectionModel()
    clerk.grid.select_cell(0, COL_NAME)
    selection.select(model.index(1, COL_VALUE), selection.SelectionFlag.Select)  # bounding box 2 × 3
    clerk.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "宣传次数\t宣传次数\t≥1次\r\n宣传覆盖率\t宣传覆盖率\t≥80%\r\n"

    clerk.key(Qt.Key.Key_Delete)
    assert project.indicators[0].name == ""
    assert project.indicators[1].value is None
    assert project.indicators[0].description == "宣传次数"  # not selected, not cleared
    assert clerk.stack.count() == 1
    clerk.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert clerk.cells(project) == before


def test_unparseable_value_is_kept_flagged_and_explained(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    index = clerk.grid.model.index(0, COL_VALUE)
    clerk.grid.select_cell(0, COL_VALUE)
    clerk.key(Qt.Key.Key_F2)
    editor = clerk.focus()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "≥1次"
    editor.selectAll()
    type_text(editor, "≥良好")
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[0].value == "≥良好", timeout=10_000)
    assert (project.indicators[0].op, project.indicators[0].unit) == (None, None)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "≥良好"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == ERROR_COLOR
    assert "后面应是数字" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert clerk.view.currentIndex().row() == 1  # Enter moved down, like a spreadsheet

    clerk.grid.select_cell(0, COL_VALUE)
    assert "后面应是数字" in clerk.grid.status.text()
    clerk.type("100%")  # a number without operator: kept, warned in orange
    clerk.key(Qt.Key.Key_Tab)
    clerk.qtbot.waitUntil(lambda: project.indicators[0].value == "100", timeout=10_000)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == WARNING_COLOR
    clerk.grid.select_cell(1, COL_VALUE)
    assert clerk.grid.status.text() == "指标值：运算符 ≥ · 数值 80 · 单位 %"


def test_a_number_outside_the_domain_range_is_refused_saying_why(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = project.indicators[0].value_text()
    clerk.grid.select_cell(0, COL_VALUE)
    clerk.type("≤" + "1" * 30 + "元")  # once stored, and then R07 could not finish
    clerk.key(Qt.Key.Key_Tab)
    clerk.qtbot.waitUntil(lambda: "未保存" in clerk.grid.status.text(), timeout=10_000)
    assert clerk.grid.status.text() == "未保存：第 1 行的指标值数字太大：整数部分最多 12 位。"
    assert project.indicators[0].value_text() == before
    assert clerk.stack.count() == 0


def test_framework_choices_and_editing_a_merged_cell_renames_its_group(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    clerk.grid.select_cell(4, COL_LEVEL2)
    clerk.key(Qt.Key.Key_F2)
    combo = clerk.focus().parent() if not isinstance(clerk.focus(), QComboBox) else clerk.focus()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    clerk.key(Qt.Key.Key_Escape)

    clerk.grid.select_cell(0, COL_LEVEL1)  # the merged 产出指标 cell over rows 0–3
    clerk.type("产出类")  # not in the framework: kept as typed, flagged
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[3].level1 == "产出类", timeout=10_000)
    assert [i.level1 for i in project.indicators[:5]] == ["产出类"] * 4 + ["效益指标"]
    assert clerk.stack.count() == 1
    assert clerk.grid.model.index(0, COL_LEVEL1).data(Qt.ItemDataRole.ForegroundRole).color() == WARNING_COLOR
    clerk.assert_spans_match_print()
    assert clerk.view.currentIndex().row() == 4  # Enter leaves the merged cell downwards
    clerk.stack.undo()
    assert [i.level1 for i in project.indicators[:4]] == ["产出指标"] * 4


def test_insert_move_within_group_delete_and_undo(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.grid.select_cell(0, COL_NAME)
    clerk.key(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert clerk.cells(project) == before
    assert clerk.stack.count() == 0
    assert "同一指标组" in clerk.grid.status.text()

    clerk.key(Qt.Key.Key_Insert)  # a new row in 数量指标, below row 0
    assert (project.indicators[1].level1, project.indicators[1].level2, project.indicators[1].name) == (
        "产出指标",
        "数量指标",
        "",
    )
    clerk.type("新指标")
    clerk.key(Qt.Key.Key_Tab)
    clerk.grid.select_cell(1, COL_NAME)
    clerk.key(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [i.name for i in project.indicators[:3]] == ["新指标", "宣传次数", "宣传覆盖率"]
    assert clerk.view.currentIndex().row() == 0
    clerk.assert_spans_match_print()

    selection = clerk.view.selectionModel()
    clerk.grid.select_cell(0, COL_NAME)
    selection.select(clerk.grid.model.index(3, COL_NAME), selection.SelectionFlag.Select)
    clerk.grid.delete_action.trigger()
    assert [i.name for i in project.indicators[:3]] == ["宣传次数", "宣传覆盖率", "法律援助工作总成本"]
    clerk.assert_spans_match_print()
    while clerk.stack.canUndo():
        clerk.stack.undo()
        clerk.assert_spans_match_print()
    assert clerk.cells(project) == before


def test_add_missing_group_goes_to_framework_order(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    clerk.grid.select_cell(1, COL_NAME)
    with clerk.choose("效益指标 › 经济效益指标") as offered:
        clerk.qtbot.mouseClick(clerk.grid.group_button, LEFT)  # the toolbar's 添加指标组 drops its menu
    assert offered == [["效益指标 › 经济效益指标", "效益指标 › 生态效益指标"]]  # 产出, 满意度 are complete
    assert [i.level2 for i in project.indicators[3:7]] == ["成本指标", "经济效益指标", "社会效益指标", "可持续影响指标"]
    assert clerk.view.currentIndex().row() == 4
    assert clerk.view.currentIndex().column() == COL_NAME
    assert clerk.view.rowSpan(4, COL_LEVEL1) == 3
    clerk.assert_spans_match_print()
    clerk.grid.add_group("效益指标", "生态效益指标")
    assert [i.level2 for i in project.indicators[4:8]] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    clerk.stack.undo()
    clerk.stack.undo()
    assert len(project.indicators) == 7
    clerk.assert_spans_match_print()


def test_a_missing_first_level_group_is_offered_and_placed(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    for _ in range(2):  # delete the two 效益 rows
        clerk.grid.select_cell(4, COL_NAME)
        clerk.grid.delete_rows()
    with clerk.choose("效益指标 › 可持续影响指标（新一级指标）") as offered:
        clerk.key(Qt.Key.Key_G, CTRL)  # 添加指标组… has two shortcuts: Ctrl+Shift+Insert and Ctrl+G
    assert offered == [
        [
            f"效益指标 › {name}（新一级指标）"
            for name in ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
        ]
    ]
    assert [(i.level1, i.level2) for i in project.indicators[3:6]] == [
        ("产出指标", "成本指标"),
        ("效益指标", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]


def test_edits_made_elsewhere_show_up_and_a_deleted_project_empties_the_grid(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    outside = Indicator(level1="满意度指标", level2="服务对象满意度指标", name="外部")
    clerk.edits.insert(project, Collection.INDICATORS, 7, outside)  # e.g. the main window's own command
    assert clerk.grid.model.index(7, COL_NAME).data() == "外部"
    clerk.assert_spans_match_print()
    clerk.edits.set_field(project.indicators[7], "basis", "文件规定")
    assert clerk.grid.model.index(7, COL_BASIS).data() == "文件规定"
    clerk.edits.remove(clerk.department, Collection.PROJECTS, 0)
    assert clerk.grid.model.rowCount() == 0
    assert not clerk.grid.isEnabled()


def test_pasting_names_below_the_table_adds_rows_in_the_last_group(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    clerk.grid.select_cell(6, COL_NAME)
    QApplication.clipboard().setText("群众满意度\t\t≥90%\n回访满意度\t回访\t≥85%\n")  # LF-only, trailing newline
    clerk.key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [indicator_cells(i) for i in project.indicators[6:]] == [
        ("满意度指标", "服务对象满意度指标", "群众满意度", "", "≥90%", "调查问卷"),
        ("满意度指标", "服务对象满意度指标", "回访满意度", "回访", "≥85%", ""),
    ]
    assert clerk.view.rowSpan(6, COL_LEVEL1) == 2
    assert "新增 1 行" in clerk.grid.status.text()
    clerk.assert_spans_match_print()
