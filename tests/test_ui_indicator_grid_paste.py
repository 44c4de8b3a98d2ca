"""Pasting Excel ranges into the indicator grid: where a block goes, what is refused and why, tiling.

Every test drives the real grid (clipboard text, Ctrl+V, mouse clicks on the cells),
checks the model with pytest-qt's ``qtmodeltester`` after each operation and reads
back the workspace file. The 2024 sample's first project has 7 rows: 产出指标 over
rows 0–3 (数量, 质量, 时效, 成本), 效益指标 over 4–5 (社会效益, 可持续影响), 满意度指标 row 6.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from perfdesk.layout.indicator_table import COL_BASIS, COL_LEVEL1, COL_NAME, COL_VALUE
from perfdesk.ui.indicator_grid.operations import LABEL_NOT_BLANK
from perfdesk.ui.indicator_grid.tsv import to_tsv
from tests.grid_clerk import CTRL, SHIFT, Clerk, checked_clerk, reopen_indicators

pytestmark = pytest.mark.gui

MOVED = "；1 行已移入所属指标组（同一一级指标、同一二级指标的行须连在一起）"


@pytest.fixture
def clerk(qtbot: QtBot, workspace_2024: Path, qtmodeltester: ModelTester) -> Iterator[Clerk]:
    yield from checked_clerk(qtbot, workspace_2024, qtmodeltester)


THREE_OUTPUT_ROWS = [
    ("产出指标", "质量指标", "案卷合格率", "刑事案卷合格率", "≥90%", "行业标准"),
    ("产出指标", "时效指标", "办结时间", "案件办结时间", "12月31日前", "计划标准"),
    ("产出指标", "成本指标", "办案成本", "单件办案成本", "≤0.2万元", "预算标准"),
]


def test_a_whole_row_block_pasted_on_the_last_column_asks_then_pastes_every_cell(clerk: Clerk) -> None:
    """The walkthrough's case: 3 × 6 from Excel with the cursor on the last column kept one column."""
    project = clerk.open_project(0)
    clerk.check_model()
    before = clerk.cells(project)
    clerk.click(1, COL_BASIS)
    with clerk.answer("取消") as told:
        clerk.paste(to_tsv(THREE_OUTPUT_ROWS))
    assert told == [
        "粘贴的内容有 6 列，从“指标值确定依据”列开始只能放下 1 列。\n\n要从本行的“一级指标”列开始粘贴整行吗？"
    ]
    assert clerk.grid.status.text() == (
        "未粘贴：粘贴的内容有 6 列，从“指标值确定依据”列开始只能放下 1 列。请先选中“一级指标”列的单元格再粘贴。"
    )
    assert clerk.cells(project) == before
    assert clerk.stack.count() == 0

    with clerk.answer("从“一级指标”列粘贴"):
        clerk.key(Qt.Key.Key_V, CTRL)
    after = [*before[:1], *THREE_OUTPUT_ROWS, *before[4:]]
    assert clerk.cells(project) == after  # all 18 cells, none dropped, no other row touched
    assert clerk.grid.status.text() == "已粘贴 3 行 × 6 列（18 个单元格）：修改 3 行"
    assert clerk.stack.count() == 1
    assert clerk.selected() == {(row, column) for row in range(1, 4) for column in range(6)}
    clerk.assert_spans_match_print()
    clerk.check_model()

    clerk.stack.undo()
    assert clerk.cells(project) == before
    clerk.check_model()
    clerk.stack.redo()
    clerk.check_model()
    assert clerk.stored_after_closing(project) == after


def test_a_block_too_wide_for_where_it_starts_is_refused_saying_why(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(0, COL_VALUE)
    with clerk.answer() as told:
        clerk.paste("甲\t乙\t丙\r\n")
    reason = "粘贴的内容有 3 列，从“指标值”列开始只能放下 2 列。请先选中“一级指标”到“绩效指标描述”列的单元格再粘贴。"
    assert told == [reason]
    assert clerk.grid.status.text() == "未粘贴：" + reason

    with clerk.answer("取消"):  # a whole row: the grid offers to start at 一级指标; the clerk declines
        clerk.paste(to_tsv(THREE_OUTPUT_ROWS))
    assert clerk.grid.status.text() == (
        "未粘贴：粘贴的内容有 6 列，从“指标值”列开始只能放下 2 列。请先选中“一级指标”列的单元格再粘贴。"
    )

    with clerk.answer() as told:
        clerk.paste("1\t2\t3\t4\t5\t6\t7\r\n")
    assert told == [
        "粘贴的内容有 7 列，指标表只有 6 列（“一级指标”到“指标值确定依据”）。请在 Excel 中只复制这 6 列再粘贴。"
    ]
    assert clerk.cells(project) == before
    assert clerk.stack.count() == 0
    clerk.check_model()
    assert clerk.stored_after_closing(project) == before


APPENDED = [
    ("满意度指标", "服务对象满意度指标", "群众满意度", "群众对法律援助的满意度", "≥95%", "调查问卷"),
    ("", "", "回访满意度", "回访受援人满意度", "≥90%", "回访记录"),  # Excel's copy of a merged cell
    ("效益指标", "经济效益指标", "节约诉讼费用", "为受援人节约的诉讼费用", "≥10万元", "测算"),
]


def test_after_a_click_below_the_rows_a_paste_appends_whole_rows_into_their_groups(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(2, COL_BASIS)
    clerk.click_below_rows()
    assert clerk.current() == (2, COL_BASIS)  # the click does not move the cursor…
    assert clerk.selected() == set()
    assert clerk.grid.status.text() == "粘贴（Ctrl+V）会把内容添加为表格末尾的新行。"  # …but says what Ctrl+V does

    clerk.paste(to_tsv(APPENDED))
    satisfied = [APPENDED[0], ("满意度指标", "服务对象满意度指标", *APPENDED[1][2:])]
    after = [*before[:4], APPENDED[2], *before[4:], *satisfied]  # 经济效益 goes before 社会效益, framework order
    assert clerk.cells(project) == after
    assert clerk.grid.status.text() == "已粘贴 3 行 × 6 列（18 个单元格）：新增 3 行" + MOVED
    assert clerk.stack.count() == 1  # rows added and one moved: still one undo step
    assert clerk.stack.undoText() == "粘贴"
    assert clerk.r19(project) == []
    assert clerk.selected() == {(row, column) for row in (4, 8, 9) for column in range(6)}
    clerk.assert_spans_match_print()
    clerk.check_model()

    clerk.stack.undo()
    assert clerk.cells(project) == before
    clerk.assert_spans_match_print()
    clerk.check_model()
    clerk.stack.redo()
    assert clerk.cells(project) == after
    clerk.check_model()
    assert clerk.stored_after_closing(project) == after


def test_a_smaller_block_fills_a_larger_selection_like_excel_or_is_refused(clerk: Clerk) -> None:
    project = clerk.open_project(0)
    before = clerk.cells(project)
    clerk.click(0, COL_BASIS)
    clerk.click(4, COL_BASIS, SHIFT)
    clerk.paste("绩效目标测算\r\n")  # one cell copied, five selected: all five get it
    assert [row[COL_BASIS] for row in clerk.cells(project)] == ["绩效目标测算"] * 5 + [
        before[5][COL_BASIS],
        before[6][5],
    ]
    assert clerk.grid.status.text() == "已把 1 行 × 1 列重复填充到选中的 5 行 × 1 列（5 个单元格）：修改 5 行"
    assert clerk.stack.count() == 1
    clerk.check_model()

    clerk.click(0, COL_VALUE)
    clerk.click(2, COL_BASIS, SHIFT)
    clerk.paste("≥1次\t文件规定\r\n")  # 1 × 2 into 3 × 2: repeated down
    assert [row[COL_VALUE:] for row in clerk.cells(project)[:4]] == [("≥1次", "文件规定")] * 3 + [
        ("≤2万元", "绩效目标测算")
    ]
    assert clerk.grid.status.text() == "已把 1 行 × 2 列重复填充到选中的 3 行 × 2 列（6 个单元格）：修改 3 行"
    assert clerk.stack.count() == 2
    clerk.check_model()
    tiled = clerk.cells(project)

    clerk.click(0, COL_VALUE)
    clerk.click(4, COL_BASIS, SHIFT)
    with clerk.answer() as told:
        clerk.paste("≥1次\t文件规定\r\n≥2次\t文件规定\r\n")  # 2 × 2 into 5 × 2: not a multiple
    assert told == [
        "选中的区域是 5 行 × 2 列，复制的内容是 2 行 × 2 列，选中区域的行数、列数须是复制内容的整数倍才能重复填充。"
        "请只选中一个单元格再粘贴，或选中整数倍的区域。"
    ]
    assert clerk.cells(project) == tiled
    assert clerk.stack.count() == 2
    clerk.check_model()

    clerk.click(0, COL_LEVEL1)
    clerk.click(6, COL_LEVEL1, SHIFT)
    clerk.paste("\r\n")  # an empty cell repeated down the 一级 column: group names are never blanked
    assert clerk.cells(project) == tiled
    assert clerk.grid.status.text() == "没有修改：" + LABEL_NOT_BLANK
    assert clerk.stack.count() == 2

    clerk.click(0, COL_LEVEL1)  # the merged 产出指标 cell is one cell: a larger block goes there, once
    clerk.paste(to_tsv(THREE_OUTPUT_ROWS[:1]))
    assert clerk.cells(project)[0] == THREE_OUTPUT_ROWS[0]
    assert clerk.r19(project) == []  # 质量指标 twice in a row: one merged cell
    clerk.check_model()
    project_id = project.id
    expected = clerk.cells(project)
    clerk.close()
    assert reopen_indicators(clerk.path, project_id) == expected


def test_paste_over_rows_keeps_the_cursor_where_the_block_is(clerk: Clerk) -> None:
    """The pasted rows are selected afterwards, wherever the regrouping put them."""
    project = clerk.open_project(0)
    clerk.click(0, COL_NAME)
    clerk.paste("新三级指标\r\n")
    assert project.indicators[0].name == "新三级指标"
    assert clerk.current() == (0, COL_NAME)
    assert clerk.selected() == {(0, COL_NAME)}
    assert clerk.grid.status.text() == "已粘贴 1 行 × 1 列（1 个单元格）：修改 1 行"
    clerk.check_model()


def test_rows_pasted_from_another_frameworks_document_join_the_departments_groups(
    qtbot: QtBot, workspace_2021: Path, qtmodeltester: ModelTester
) -> None:
    """The 2021 sample's 一级 is 效果指标; a 2024 document's 效益指标 rows join it, not a second group."""
    for clerk in checked_clerk(qtbot, workspace_2021, qtmodeltester):
        project = clerk.open_project(0)
        before = clerk.cells(project)
        assert "效益指标" not in {row[0] for row in before}
        pasted = [
            ("效益指标", "社会效益指标", "群众法治意识", "普法覆盖面", "≥90%", "历史数据"),
            ("满意度指标", "社会公众或服务对象满意度指标", "群众满意度", "抽样调查", "≥95%", "调查问卷"),
        ]
        clerk.click(0, COL_BASIS)
        clerk.click_below_rows()
        clerk.paste(to_tsv(pasted))
        after = clerk.cells(project)
        assert len(after) == len(before) + 2
        assert ("效果指标", "社会效益指标", *pasted[0][2:]) in after
        assert ("满意度指标", "服务对象满意度指标", *pasted[1][2:]) in after
        assert "效益指标" not in {row[0] for row in after}
        assert clerk.r19(project) == []
        assert "2 行的一级/二级指标名称已按本部门的指标体系改写" in clerk.grid.status.text()
        assert clerk.stack.count() == 1
        assert clerk.stored_after_closing(project) == after
