"""The grid's columns take the printed table's proportions, and nothing is clipped or elided.

Real main windows on both sample workspaces with the 检查 panel open, at the
smallest office screen and a large one. Each project's columns share the
grid's width as its table's columns share the page in the exported .docx
(``w:gridCol``, 绩效指标描述 spanning two of them), within a pixel of rounding.
A cell's text is drawn inside its padding and the style's text margins; it fits
when ``QFontMetrics.boundingRect`` of it wrapped in that rectangle is no wider
and no taller than the rectangle. A header fits on one line or on two broken
between words, as printed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from perfdesk.importers.json_import import import_into, read_document
from perfdesk.layout.captions import segments
from perfdesk.layout.column_widths import KEEP_WHOLE_EM, text_em
from perfdesk.layout.grid_widths import indicator_widths
from perfdesk.layout.indicator_table import (
    COL_BASIS,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_NAME,
    COL_VALUE,
    COLUMNS,
)
from perfdesk.models import open_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.indicator_grid.delegates import CELL_PADDING_X, CELL_PADDING_Y, text_margin
from perfdesk.ui.indicator_grid.view import HEADER_BORDER, HEADER_PADDING_X, IndicatorGridView
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests.conftest import cli_main, fixture_data, make_workspace
from tests.xlsx_helpers import word_grid, word_grid_widths, word_tables

pytestmark = pytest.mark.gui

#: The header section's padding above and below (view.HEADER_STYLE).
HEADER_PADDING_Y = 4
SIZES = [(1024, 700), (1600, 1000)]


@pytest.fixture(autouse=True)
def _tmp_qsettings(qapp, tmp_path: Path):
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def open_window(qtbot, path: Path, size: tuple[int, int]) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    assert window.check_dock.isVisible()
    return window


def projects(window: MainWindow) -> list:
    assert window.view is not None
    model = window.view.model
    return [node for node in model.node(model.index(0, 0)).walk() if node.kind == NodeKind.PROJECT]


def show(qtbot, window: MainWindow, node) -> IndicatorGridView:
    assert window.view is not None
    window.view.tree.select_index(window.view.model.index_of(node))
    qtbot.wait(10)
    QApplication.processEvents()
    return window.view.editors.project.grid.view


def text_rect(view: IndicatorGridView, row: int, column: int) -> QRect:
    """Where a cell's text is drawn: its visual rectangle (a merged cell's whole span) inside padding and margins."""
    margin = CELL_PADDING_X + text_margin(view)
    rect = view.visualRect(view.model().index(row, column))
    return rect.adjusted(margin, CELL_PADDING_Y, -margin, -CELL_PADDING_Y)


def drawn_cells(view: IndicatorGridView):
    """(row, column, text) of each cell drawn: a merged cell once, at its top row."""
    model = view.grid_model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            if view.span_rows(row, column).start == row:
                yield row, column, str(model.index(row, column).data() or "")


def one_line(view: IndicatorGridView, text: str, rect: QRect) -> bool:
    metrics = QFontMetrics(view.font())
    return (
        metrics.boundingRect(rect, Qt.TextFlag.TextWordWrap, text).height()
        <= metrics.boundingRect(QRect(0, 0, 10_000, 1_000), Qt.TextFlag.TextWordWrap, text).height()
    )


def assert_nothing_clipped(view: IndicatorGridView, where: str) -> None:
    metrics = QFontMetrics(view.font())
    for row, column, text in drawn_cells(view):
        if not text:
            continue
        rect = text_rect(view, row, column)
        bounds = metrics.boundingRect(rect, Qt.TextFlag.TextWordWrap, text)
        size = f"{bounds.width()}×{bounds.height()} in {rect.width()}×{rect.height()}"
        cell = f"{where} row {row + 1} “{COLUMNS[column]}” “{text}”: {size}"
        assert bounds.width() <= rect.width(), cell
        assert bounds.height() <= rect.height(), cell
    assert_headers_whole(view, where)


def assert_headers_whole(view: IndicatorGridView, where: str) -> None:
    """Each header shows its whole caption, on one line or two broken between its words, inside its section."""
    header = view.horizontalHeader()
    bold = QFont()  # the model's header font
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for column, title in enumerate(COLUMNS):
        lines = str(view.model().headerData(column, Qt.Orientation.Horizontal)).split("\n")
        assert "".join(lines) == title, where
        assert len(lines) <= 2, f"{where} header {lines}"
        if len(lines) == 2:
            words = segments(title)
            assert any("".join(words[:cut]) == lines[0] for cut in range(1, len(words))), f"{where} header {lines}"
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        assert header.sectionSize(column) >= widest + 2 * HEADER_PADDING_X + HEADER_BORDER, f"{where} header {lines}"
        assert header.height() >= len(lines) * metrics.height() + 2 * HEADER_PADDING_Y, f"{where} header {lines}"


def export_docx(path: Path, tmp_path: Path, name: str) -> dict[tuple[str, str], list[float]]:
    """The exported .docx's indicator column widths (twips) of each project table, by (项目编码, 项目名称)."""
    out = tmp_path / f"{name}.docx"
    result = cli_main("export", path, out)
    assert result.returncode == 0, result.stderr
    tables = {}
    for tbl in word_tables(out):
        grid = word_grid(tbl)
        if grid[(0, 0)][0] != "项目编码":
            continue  # a continuation page's part of the table above (续表)
        key = (grid[(0, 1)][0], grid[(0, 4)][0])
        assert key not in tables
        tables[key] = indicator_widths(word_grid_widths(tbl))
    return tables


def assert_printed_proportions(
    view: IndicatorGridView, printed: dict[tuple[str, str], list[float]], where: str
) -> None:
    """The columns share the viewport as the project's Word table shares the page, within rounding (1 px) —
    except a label or value column the grid keeps on one line where the page breaks it (服务对象/满意度指标 gives
    way to 三级指标 on the page): it is wider, and the others keep the page's proportions among themselves."""
    project = view.grid_model().project
    assert project is not None
    word = printed[(project.code, project.name)]
    available = view.viewport().width()
    expected = [twips / sum(word) * available for twips in word]
    shown = [view.columnWidth(column) for column in range(len(COLUMNS))]
    raised = [c for c in range(len(COLUMNS)) if shown[c] > expected[c] + 1.0]
    assert set(raised) <= {COL_LEVEL1, COL_LEVEL2, COL_VALUE}, f"{where}: {shown} for Word's {word}"
    rest = [c for c in range(len(COLUMNS)) if c not in raised]
    room = available - sum(shown[c] for c in raised)
    expected_rest = [word[c] / sum(word[k] for k in rest) * room for c in rest]
    assert [shown[c] for c in rest] == pytest.approx(expected_rest, abs=1.0), f"{where}: {shown} for Word's {word}"


@pytest.mark.parametrize("size", SIZES, ids=["1024x700", "1600x1000"])
@pytest.mark.parametrize("sample", ["2021", "2024"])
def test_every_project_takes_its_word_tables_proportions_and_nothing_is_clipped(qtbot, tmp_path, sample, size) -> None:
    path = tmp_path / f"{sample}.perfdesk"
    make_workspace(path, sample).close()
    printed = export_docx(path, tmp_path, sample)
    window = open_window(qtbot, path, size)
    nodes = projects(window)
    assert len(nodes) == len(printed)
    for number, node in enumerate(nodes, 1):
        view = show(qtbot, window, node)
        where = f"{sample} {size} project {number}"
        assert view.textElideMode() == Qt.TextElideMode.ElideNone
        assert view.wordWrap()
        # the columns share the viewport's width exactly: no scroll bar, no blank strip at the right
        widths = [view.columnWidth(column) for column in range(len(COLUMNS))]
        assert sum(widths) == view.viewport().width(), where
        assert not view.horizontalScrollBar().isVisible(), where
        assert_printed_proportions(view, printed, where)
        assert_nothing_clipped(view, where)
        # the merged 一级/二级 labels and short 指标值 show whole, on one line
        for row, column, text in drawn_cells(view):
            if column in KEEP_WHOLE_EM and text and text_em(text) <= KEEP_WHOLE_EM[column]:
                assert one_line(view, text, text_rect(view, row, column)), f"{where} row {row + 1} “{text}”"


def test_the_smallest_screen_gives_the_grid_about_740_px_and_keeps_labels_and_values_whole(
    qtbot, workspace_2021
) -> None:
    """The issue's case: 1024×700, 检查 panel open, “解决了实际问题” was shown as “解决了实际…”."""
    window = open_window(qtbot, workspace_2021, (1024, 700))
    view = show(qtbot, window, projects(window)[2])
    assert 700 <= view.viewport().width() <= 780
    model = view.grid_model()
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_VALUE).data() == "解决了实际问题")
    assert one_line(view, "解决了实际问题", text_rect(view, row, COL_VALUE))
    level2 = next(r for r in range(model.rowCount()) if model.index(r, COL_LEVEL2).data() == "服务对象满意度指标")
    assert one_line(view, "服务对象满意度指标", text_rect(view, level2, COL_LEVEL2))
    assert one_line(view, "满意度指标", text_rect(view, level2, COL_LEVEL1))


def test_a_narrow_grid_keeps_text_whole_before_proportions(qtbot, workspace_2021) -> None:
    """Narrower than the page's proportions allow in this font: no column below what keeps its text uncut."""
    window = open_window(qtbot, workspace_2021, (1024, 700))
    view = show(qtbot, window, projects(window)[2])
    view.setFixedWidth(420)  # the tree's splitter dragged far right
    qtbot.waitUntil(lambda: view.viewport().width() < 420)
    assert_nothing_clipped(view, "420 px")


def test_rows_grow_when_the_grid_narrows_and_shrink_back_when_it_widens(qtbot, workspace_2021) -> None:
    """Row heights are remembered per text and width: a new width is measured again, an old one gives its old size."""
    window = open_window(qtbot, workspace_2021, (1600, 1000))
    view = show(qtbot, window, projects(window)[4])  # 5 法律职业资格考试: long 指标值 on one line at this width
    wide = [view.rowHeight(row) for row in range(view.model().rowCount())]
    view.setFixedWidth(520)
    qtbot.waitUntil(lambda: view.viewport().width() < 520)
    narrow = [view.rowHeight(row) for row in range(view.model().rowCount())]
    assert sum(narrow) > sum(wide), (wide, narrow)
    assert_nothing_clipped(view, "520 px")
    view.setMinimumWidth(0)
    view.setMaximumWidth(16_777_215)
    qtbot.waitUntil(lambda: view.viewport().width() > 900)
    assert [view.rowHeight(row) for row in range(view.model().rowCount())] == wide
    assert_nothing_clipped(view, "wide again")


@pytest.mark.parametrize("size", SIZES, ids=["1024x700", "1600x1000"])
def test_a_department_without_description_and_basis_shrinks_them_to_their_headers(qtbot, tmp_path, size) -> None:
    """Provinces that print 描述 and 依据 empty: the grid narrows them as Word does, headers on two lines."""
    data = fixture_data("2024")
    for department in data["departments"]:
        for project in department["projects"] + department.get("special_funds", []):
            for indicator in project["indicators"]:
                indicator.pop("description", None)
                indicator.pop("basis", None)
    path = tmp_path / "bare.perfdesk"
    workspace = open_workspace(path, create=True)
    import_into(workspace, read_document(json.loads(json.dumps(data))))
    workspace.close()
    printed = export_docx(path, tmp_path, "bare")
    window = open_window(qtbot, path, size)
    bold = QFont()
    bold.setBold(True)
    for number, node in enumerate(projects(window), 1):
        view = show(qtbot, window, node)
        where = f"bare {size} project {number}"
        assert_printed_proportions(view, printed, where)
        assert_nothing_clipped(view, where)
        # 依据 prints nothing: Word shrinks it to its header on two lines (指标值/确定依据), and so does the grid
        widths = [view.columnWidth(column) for column in range(len(COLUMNS))]
        assert widths[COL_BASIS] < min(widths[COL_LEVEL1:COL_VALUE]), where  # narrower than 一级 … 描述
        if size == (1024, 700):
            one_line_header = QFontMetrics(bold).horizontalAdvance(COLUMNS[COL_BASIS]) + 2 * HEADER_PADDING_X
            assert widths[COL_BASIS] < one_line_header + HEADER_BORDER, where
            assert view.model().headerData(COL_BASIS, Qt.Orientation.Horizontal) == "指标值\n确定依据", where
        # 描述 prints nothing either, but the block above it (其中：财政资金, its amount, 6月底) holds it in Word


def test_the_columns_follow_the_window_size_the_edits_and_the_clerk(qtbot, workspace_2021, tmp_path) -> None:
    window = open_window(qtbot, workspace_2021, (1024, 700))
    nodes = projects(window)
    view = show(qtbot, window, nodes[2])
    printed = export_docx(workspace_2021, tmp_path, "before")
    assert_printed_proportions(view, printed, "1024x700")
    small = [view.columnWidth(column) for column in range(len(COLUMNS))]

    window.resize(1600, 1000)  # a larger window: every column widens, in the same proportions
    qtbot.waitUntil(lambda: sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width())
    large = [view.columnWidth(column) for column in range(len(COLUMNS))]
    assert all(wide > narrow for wide, narrow in zip(large, small, strict=True))
    assert_printed_proportions(view, printed, "1600x1000")
    assert_nothing_clipped(view, "1600x1000")

    # a longer 指标值 typed in: the Word table's widths change, and the grid's with them
    model = view.grid_model()
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_VALUE).data() == "解决了实际问题")
    value_width = view.columnWidth(COL_VALUE)
    assert model.setData(model.index(row, COL_VALUE), "解决群众实际问题", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: model.index(row, COL_VALUE).data() == "解决群众实际问题")
    assert view.columnWidth(COL_VALUE) > value_width
    assert one_line(view, "解决群众实际问题", text_rect(view, row, COL_VALUE))
    assert sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width()
    assert_printed_proportions(view, export_docx(workspace_2021, tmp_path, "value"), "after an edit")
    assert_nothing_clipped(view, "after an edit")

    # an amount above the rows (其他资金 prints above 指标值确定依据): the printed widths change, the grid follows
    assert window.edits is not None
    project = model.project
    assert project is not None
    basis_width = view.columnWidth(COL_BASIS)
    window.edits.set_field(project, "other_funds", Decimal("123456789012.99"))
    qtbot.waitUntil(lambda: view.columnWidth(COL_BASIS) > basis_width)
    assert_printed_proportions(view, export_docx(workspace_2021, tmp_path, "amount"), "after an amount")
    # the department's 版式 (no 资金支出计划 rows, whose 6月底 spans 绩效指标描述's grid columns): followed too
    window.edits.set_field(project.department, "spending_plan", False)
    QApplication.processEvents()
    assert_printed_proportions(view, export_docx(workspace_2021, tmp_path, "no-plan"), "without the plan rows")

    # the clerk drags a column's edge (Interactive): the width stays, the rows re-wrap to it
    header = view.horizontalHeader()
    assert header.sectionResizeMode(COL_NAME) == header.ResizeMode.Interactive
    header.resizeSection(COL_NAME, 90)
    QApplication.processEvents()
    assert view.clerk_widths
    window.resize(1300, 900)
    QApplication.processEvents()
    assert view.columnWidth(COL_NAME) == 90
    header.resizeSection(COL_BASIS, 80)  # narrower than its header on one line: the header takes two
    QApplication.processEvents()
    assert view.model().headerData(COL_BASIS, Qt.Orientation.Horizontal) == "指标值\n确定依据"
    assert_nothing_clipped(view, "the clerk's width")
    # another project: the widths follow its printed table again
    view = show(qtbot, window, nodes[3])
    assert not view.clerk_widths
    assert sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width()
    assert_printed_proportions(view, export_docx(workspace_2021, tmp_path, "next"), "next project")
    assert_nothing_clipped(view, "next project")
