"""一级/二级 groups in the indicator grid: rows stay in their group, merged cells act on the group, 添加指标组.

Every test drives the real grid (keys, clipboard, clicks on cells and headers),
runs pytest-qt's ``qtmodeltester`` after each operation and reads back the
workspace file. The 2024 sample's first project: 产出指标 over rows 0–3 (数量,
质量, 时效, 成本), 效益指标 over 4–5 (社会效益, 可持续影响), 满意度指标 row 6.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from perfdesk.importers.json_import import import_into, read_document
from perfdesk.layout.indicator_table import COL_BASIS, COL_DESCRIPTION, COL_LEVEL1, COL_LEVEL2, COL_NAME
from perfdesk.models import open_workspace
from perfdesk.ui.actions import SPECS, Actions
from perfdesk.ui.indicator_grid.operations import LABEL_NOT_BLANK
from perfdesk.ui.indicator_grid.tsv import to_tsv
from tests.conftest import fixture_data
from tests.grid_clerk import CTRL, SHIFT, Clerk, checked_clerk, reopen_indicators

pytestmark = pytest.mark.gui

MOVED = "行已移入所属指标组（同一一级指标、同一二级指标的行须连在一起）"


@pytest.fixture
def clerk(qtbot: QtBot, workspace_2024: Path, qtmodeltester: ModelTester) -> Iterator[Clerk]:
    yield from checked_clerk(qtbot, workspace_2024, qtmodeltester)


def labels(clerk: Clerk, project) -> list[tuple[str, ...]]:
    return [cells[:COL_NAME] for cells in clerk.cells(project)]


# --- rows stay in their groups -------------------------------------------------------------------

SOCIAL_ROWS = [
    ("效益指标", "社会效益指标", "普法覆盖面", "普法宣传覆盖人群", "≥80%", "工作计划"),
    ("", "", "案件质量提升", "法律援助案件质量", "明显提升", "工作计划"),  # Excel's copy of a merged cell
]


def test_pasted_rows_of_another_group_move_into_it_in_one_undo_step(clerk: Clerk) -> None:
    """Pasting 效益 rows over 产出 rows gave 产出/效益/产出; now they join 效益指标."""
    project = clerk.open_project(0)
    clerk.check_model()
    before = clerk.cells(project)
    clerk.click_row_header(1)
    clerk.paste(to_tsv(SOCIAL_ROWS))
    pasted = [SOCIAL_ROWS[0], (*SOCIAL_ROWS[0][:COL_NAME], *SOCIAL_ROWS[1][COL_NAME:])]
    after = [before[0], before[3], before[4], *pasted, before[5], before[6]]
    assert clerk.cells(project) == after
    assert clerk.grid.status.text() == f"已粘贴 2 行 × 6 列（12 个单元格）：修改 2 行；2 {MOVED}"
    assert clerk.stack.count() == 1
    assert clerk.r19(project) == []
    assert clerk.selected() == {(row, column) for row in (3, 4) for column in range(6)}  # the rows, where they went
    assert [
        clerk.view.rowSpan(0, COL_LEVEL1),
        clerk.view.rowSpan(2, COL_LEVEL1),
        clerk.view.rowSpan(2, COL_LEVEL2),
    ] == [
        2,
        4,
        3,
    ]
    clerk.assert_spans_match_print()
    clerk.check_model()

    clerk.key(Qt.Key.Key_Z, CTRL)
    assert clerk.cells(project) == before  # the rows are back where they were, with their old cells
    clerk.assert_spans_match_print()
    clerk.check_model()
    clerk.key(Qt.Key.Key_Y, CTRL)
    assert clerk.cells(project) == after
    clerk.check_model()
    assert clerk.stored_after_closing(project) == after


def test_relabelling_a_row_moves_it_into_its_group_as_one_undo_step(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(1, COL_LEVEL2)  # 质量指标: a cell of one row
    clerk.type("成本指标")
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[3].name == "宣传覆盖率", timeout=1000)
    assert labels(clerk, project) == [
        ("产出指标", "数量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("产出指标", "成本指标"),  # after the group's own row, not between 数量 and 时效
        ("效益指标", "社会效益指标"),
        ("效益指标", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    assert clerk.grid.status.text() == f"1 {MOVED}"
    assert clerk.stack.count() == 1
    assert clerk.r19(project) == []
    assert clerk.view.rowSpan(2, COL_LEVEL2) == 2
    clerk.assert_spans_match_print()
    clerk.check_model()
    clerk.stack.undo()
    assert clerk.cells(project) == before
    clerk.check_model()
    clerk.stack.redo()
    after = clerk.cells(project)
    assert clerk.stored_after_closing(project) == after


def test_a_table_imported_split_is_shown_as_it_is_and_not_reordered(
    qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    data = fixture_data("2024")
    rows = data["departments"][0]["projects"][0]["indicators"]
    rows.insert(1, rows.pop(4))  # 产出 / 效益 / 产出: what R19 reports
    path = tmp_path / "split.perfdesk"
    with open_workspace(path, create=True) as workspace:
        import_into(workspace, read_document(data))
    clerk = Clerk(qtbot, path)
    clerk.modeltester = qtmodeltester
    project = clerk.open_project(0)
    clerk.check_model()
    imported = clerk.cells(project)
    assert [row[COL_LEVEL1] for row in imported] == [
        "产出指标",
        "效益指标",
        *["产出指标"] * 3,
        "效益指标",
        "满意度指标",
    ]
    assert [clerk.view.rowSpan(r, COL_LEVEL1) for r in (0, 1, 2)] == [1, 1, 3]  # two 产出 blocks, as printed
    clerk.assert_spans_match_print()
    assert len(clerk.r19(project)) == 2  # 产出 and 效益 are both split

    clerk.click(3, COL_NAME)  # ordinary edits leave the order alone
    clerk.type("时效")
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[3].name == "时效", timeout=1000)
    clerk.click(1, COL_DESCRIPTION)
    clerk.paste("群众法律意识提升\t≥85%\r\n")
    assert [row[COL_LEVEL1] for row in clerk.cells(project)] == [row[COL_LEVEL1] for row in imported]
    clerk.check_model()
    clerk.stack.undo()
    clerk.stack.undo()
    assert clerk.cells(project) == imported
    clerk.check_model()
    project_id = project.id
    clerk.close()
    assert reopen_indicators(path, project_id) == imported


# --- merged cells ------------------------------------------------------------------------------


def test_typing_into_a_merged_cell_anywhere_renames_the_whole_group(clerk: Clerk) -> None:
    """Typing changed only one row of the group and split it; the merged cell is the group's name."""
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(0, COL_LEVEL1, low=True)  # the lower part of 产出指标, over row 3
    assert clerk.current() == (0, COL_LEVEL1)
    clerk.type("产出类指标")
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[3].level1 == "产出类指标", timeout=1000)
    assert [row[COL_LEVEL1] for row in clerk.cells(project)[:5]] == ["产出类指标"] * 4 + ["效益指标"]
    assert clerk.grid.status.text() == "已把整组 4 行的“一级指标”改为“产出类指标”（合并单元格代表整组）"
    assert clerk.stack.count() == 1
    assert clerk.current() == (4, COL_LEVEL1)  # Enter leaves the merged cell downwards
    clerk.assert_spans_match_print()
    clerk.check_model()
    clerk.key(Qt.Key.Key_Z, CTRL)
    assert clerk.cells(project) == before
    clerk.check_model()

    clerk.click(2, COL_BASIS)
    clerk.key(Qt.Key.Key_Tab)  # wraps to row 3, whose 一级 cell is the merged one
    assert clerk.current() == (0, COL_LEVEL1)
    clerk.type("产出指标（项目）")
    clerk.key(Qt.Key.Key_Tab)
    clerk.qtbot.waitUntil(lambda: project.indicators[0].level1 == "产出指标（项目）", timeout=1000)
    assert {i.level1 for i in project.indicators[:4]} == {"产出指标（项目）"}
    assert clerk.current() == (3, COL_LEVEL2)  # Tab carries on along row 3
    clerk.check_model()

    clerk.click(0, COL_NAME)
    clerk.key(Qt.Key.Key_Insert)  # a second 数量指标 row: now 二级 is merged over rows 0–1
    assert clerk.view.rowSpan(0, COL_LEVEL2) == 2
    clerk.click(0, COL_LEVEL2, low=True)
    clerk.key(Qt.Key.Key_F2)
    focused = clerk.focus()
    editor = focused if isinstance(focused, QLineEdit) else focused.findChild(QLineEdit)
    assert editor is not None
    assert editor.text() == "数量指标"
    editor.selectAll()
    clerk.type("产出数量指标")
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: project.indicators[1].level2 == "产出数量指标", timeout=1000)
    assert [i.level2 for i in project.indicators[:3]] == ["产出数量指标", "产出数量指标", "质量指标"]
    assert clerk.r19(project) == []
    clerk.check_model()
    after = clerk.cells(project)
    assert clerk.stored_after_closing(project) == after


def test_one_cell_pasted_into_a_merged_cell_renames_the_group(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(4, COL_LEVEL1)  # 效益指标 over rows 4–5
    assert clerk.selected() == {(4, COL_LEVEL1), (5, COL_LEVEL1)}
    clerk.paste("效果指标\r\n")
    assert [row[COL_LEVEL1] for row in clerk.cells(project)[3:]] == ["产出指标", "效果指标", "效果指标", "满意度指标"]
    assert clerk.grid.status.text() == "已粘贴到“一级指标”合并单元格（整组 2 行）：修改 2 行"
    assert clerk.stack.count() == 1
    assert clerk.view.rowSpan(4, COL_LEVEL1) == 2
    clerk.check_model()

    clerk.click(6, COL_LEVEL1)  # one row: the 满意度 row becomes 效果 and joins that group, no second run
    clerk.paste("效果指标\r\n")
    assert clerk.view.rowSpan(4, COL_LEVEL1) == 3
    assert clerk.r19(project) == []
    clerk.check_model()
    clerk.stack.undo()
    clerk.stack.undo()
    assert clerk.cells(project) == before
    clerk.check_model()
    assert clerk.stored_after_closing(project) == before


def test_delete_never_blanks_a_group_name_and_says_why(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(0, COL_LEVEL1)  # the merged 产出指标 cell
    with clerk.answer() as told:
        clerk.key(Qt.Key.Key_Delete)
    assert told == [LABEL_NOT_BLANK]
    assert clerk.grid.status.text() == LABEL_NOT_BLANK
    assert clerk.cells(project) == before
    assert clerk.stack.count() == 0

    clerk.click_row_header(1)  # a whole row: its other cells are cleared, its group stays
    clerk.key(Qt.Key.Key_Delete)
    assert clerk.cells(project)[1] == ("产出指标", "质量指标", "", "", "", "")
    assert clerk.grid.status.text() == "已清除其他 4 个单元格。" + LABEL_NOT_BLANK
    assert clerk.stack.count() == 1
    clerk.check_model()

    clerk.click(6, COL_LEVEL2)  # emptying the editor of a group name is refused the same way
    clerk.key(Qt.Key.Key_F2)
    focused = clerk.focus()
    editor = focused if isinstance(focused, QLineEdit) else focused.findChild(QLineEdit)
    assert editor is not None
    editor.clear()
    clerk.key(Qt.Key.Key_Return)
    clerk.qtbot.waitUntil(lambda: clerk.grid.status.text() == LABEL_NOT_BLANK, timeout=1000)
    assert project.indicators[6].level2 == "服务对象满意度指标"
    assert clerk.stack.count() == 1
    clerk.check_model()
    clerk.stack.undo()
    assert clerk.cells(project) == before
    assert clerk.stored_after_closing(project) == before


# --- adding groups and the row actions ---------------------------------------------------------


def native(*keys: str) -> str:
    return " 或 ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def test_the_toolbar_names_every_row_action_and_its_shortcut(clerk: Clerk) -> None:
    grid = clerk.grid
    shown = [(a.text(), a.toolTip()) for a in grid.toolbar.actions() if a.text()]
    assert shown == [
        ("插入行", f"插入行（{native('Ctrl+Return', 'Insert')}）"),
        ("删除行", f"删除行（{native('Ctrl+Delete', 'Ctrl+-')}）"),
        ("上移", f"上移（{native('Ctrl+Shift+Up')}）"),
        ("下移", f"下移（{native('Ctrl+Shift+Down')}）"),
    ]
    assert grid.group_button.parent() is grid.toolbar
    assert grid.group_button.defaultAction() is grid.group_action
    assert grid.group_action.text() == "添加指标组…"
    assert grid.group_button.toolTip() == f"添加指标组（{native('Ctrl+Shift+Insert', 'Ctrl+G')}）"
    # no clash with the main window's shortcuts or the grid's other actions
    holder = QWidget()
    window = Actions(holder)
    window_keys = {window[spec.name].shortcut().toString() for spec in SPECS}
    other = {
        k.toString()
        for a in (grid.insert_action, grid.delete_action, grid.up_action, grid.down_action)
        for k in a.shortcuts()
    }
    mine = {k.toString() for k in grid.group_action.shortcuts()}
    assert mine == {"Ctrl+Shift+Ins", "Ctrl+G"}
    assert not mine & (window_keys | other)


def test_add_group_from_the_keyboard_and_the_context_menu_in_framework_order(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(1, COL_NAME)
    with clerk.choose("效益指标 › 经济效益指标") as offered:
        clerk.key(Qt.Key.Key_Insert, CTRL | SHIFT)
    assert offered == [["效益指标 › 经济效益指标", "效益指标 › 生态效益指标"]]  # only what is missing, in order
    assert labels(clerk, project)[3:6] == [
        ("产出指标", "成本指标"),
        ("效益指标", "经济效益指标"),
        ("效益指标", "社会效益指标"),
    ]
    assert clerk.current() == (4, COL_NAME)
    assert clerk.stack.count() == 1
    clerk.assert_spans_match_print()
    clerk.check_model()

    with clerk.choose("添加指标组…", "效益指标 › 生态效益指标") as offered:
        clerk.right_click(6, COL_NAME)
    assert offered == [["插入行", "删除行", "上移", "下移", "添加指标组…"], ["效益指标 › 生态效益指标"]]
    assert [level2 for _, level2 in labels(clerk, project)[4:8]] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    assert clerk.current() == (6, COL_NAME)
    assert clerk.r19(project) == []
    clerk.check_model()

    clerk.key(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter moves down…
    assert clerk.current() == (7, COL_NAME)
    clerk.key(Qt.Key.Key_Up)
    clerk.key(Qt.Key.Key_Return, CTRL)  # …and Ctrl+Enter is 插入行 from the keyboard, in the current group
    assert labels(clerk, project)[7] == ("效益指标", "生态效益指标")
    assert clerk.current() == (7, COL_NAME)
    clerk.key(Qt.Key.Key_Minus, CTRL)  # 删除行
    assert clerk.stack.count() == 4
    clerk.check_model()
    while clerk.stack.canUndo():
        clerk.stack.undo()
        clerk.assert_spans_match_print()
        clerk.check_model()
    assert clerk.cells(project) == before
    assert clerk.stored_after_closing(project) == before


def test_many_random_pastes_never_split_a_group_and_undo_restores_everything(clerk: Clerk) -> None:
    """The class, not the cases: Excel rows of any group pasted anywhere, each one undo step."""
    rng = random.Random(10)
    project = clerk.open_project(0)
    clerk.check_model()  # Qt's model tester keeps watching every signal from here on
    before = clerk.cells(project)
    pairs = clerk.model.framework.pairs()
    steps = 0
    for number in range(40):
        rows: list[tuple[str, ...]] = []
        for _ in range(rng.randint(1, 3)):
            level1, level2 = rng.choice(pairs)
            if rows and rng.random() < 0.4:
                level1, level2 = "", ""  # Excel's copy of a merged cell
            rows.append((level1, level2, f"指标{number}", "描述", f"≥{number}%", "工作计划"))
        if rng.random() < 0.2:
            clerk.click_below_rows()
        else:
            clerk.click_row_header(rng.randrange(clerk.model.rowCount()))
        clerk.paste(to_tsv(rows))
        steps = clerk.stack.count()
        assert clerk.r19(project) == [], (number, clerk.cells(project))
        clerk.assert_spans_match_print()
    assert steps == 40
    while clerk.stack.canUndo():
        clerk.key(Qt.Key.Key_Z, CTRL)
    assert clerk.cells(project) == before
    clerk.check_model()
    assert clerk.stored_after_closing(project) == before
