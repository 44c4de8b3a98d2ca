"""The grid's columns fit their text: nothing clipped or elided, on the smallest office screen and a large one.

Real main windows on both sample workspaces with the 检查 panel open. A cell's
text is drawn inside its padding and the style's text margins; it fits when
``QFontMetrics.boundingRect`` of it wrapped in that rectangle is no wider and no
taller than the rectangle.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from perfdesk.layout.column_widths import KEEP_WHOLE_EM, text_em
from perfdesk.layout.indicator_table import COL_LEVEL1, COL_LEVEL2, COL_NAME, COL_VALUE, COLUMNS
from perfdesk.ui.app import make_application
from perfdesk.ui.indicator_grid.delegates import CELL_PADDING_X, CELL_PADDING_Y, text_margin
from perfdesk.ui.indicator_grid.view import IndicatorGridView
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests.conftest import make_workspace

pytestmark = pytest.mark.gui

#: The header section's padding left and right and its right border (view.HEADER_STYLE).
HEADER_PADDING_X, HEADER_BORDER = 6, 1
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
    header = view.horizontalHeader()
    bold = QFont(view.font())
    bold.setBold(True)
    for column, title in enumerate(COLUMNS):
        needed = QFontMetrics(bold).horizontalAdvance(title) + 2 * HEADER_PADDING_X + HEADER_BORDER
        assert header.sectionSize(column) >= needed, f"{where} header “{title}”"


@pytest.mark.parametrize("size", SIZES, ids=["1024x700", "1600x1000"])
@pytest.mark.parametrize("sample", ["2021", "2024"])
def test_every_cell_and_header_of_every_project_fits_nothing_is_clipped(qtbot, tmp_path, sample, size) -> None:
    path = tmp_path / f"{sample}.perfdesk"
    make_workspace(path, sample).close()
    window = open_window(qtbot, path, size)
    for number, node in enumerate(projects(window), 1):
        view = show(qtbot, window, node)
        where = f"{sample} {size} project {number}"
        assert view.textElideMode() == Qt.TextElideMode.ElideNone
        assert view.wordWrap()
        # the columns share the viewport's width exactly: no scroll bar, no blank strip at the right
        widths = [view.columnWidth(column) for column in range(len(COLUMNS))]
        assert sum(widths) == view.viewport().width(), where
        assert not view.horizontalScrollBar().isVisible(), where
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


def test_the_columns_follow_the_window_size_the_rows_and_the_clerk(qtbot, workspace_2021) -> None:
    window = open_window(qtbot, workspace_2021, (1024, 700))
    nodes = projects(window)
    view = show(qtbot, window, nodes[2])
    small = [view.columnWidth(column) for column in range(len(COLUMNS))]

    window.resize(1600, 1000)  # a larger window: the sentence columns widen, labels and values stay as wide
    qtbot.waitUntil(lambda: sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width())
    large = [view.columnWidth(column) for column in range(len(COLUMNS))]
    assert large[COL_NAME] > small[COL_NAME]
    assert large[COL_LEVEL2] == small[COL_LEVEL2]
    assert_nothing_clipped(view, "1600x1000")

    # a longer 指标值 typed in (up to 8 characters): its column widens to keep it on one line
    model = view.grid_model()
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_VALUE).data() == "解决了实际问题")
    value_width = view.columnWidth(COL_VALUE)
    assert model.setData(model.index(row, COL_VALUE), "解决群众实际问题", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: model.index(row, COL_VALUE).data() == "解决群众实际问题")
    assert view.columnWidth(COL_VALUE) > value_width
    assert one_line(view, "解决群众实际问题", text_rect(view, row, COL_VALUE))
    assert sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width()
    assert_nothing_clipped(view, "after an edit")

    # the clerk drags a column's edge (Interactive): the width stays, the rows re-wrap to it
    header = view.horizontalHeader()
    assert header.sectionResizeMode(COL_NAME) == header.ResizeMode.Interactive
    header.resizeSection(COL_NAME, 90)
    QApplication.processEvents()
    assert view.clerk_widths
    window.resize(1300, 900)
    QApplication.processEvents()
    assert view.columnWidth(COL_NAME) == 90
    assert_nothing_clipped(view, "the clerk's width")
    # another project: the widths fit its text again
    view = show(qtbot, window, nodes[3])
    assert not view.clerk_widths
    assert sum(view.columnWidth(c) for c in range(len(COLUMNS))) == view.viewport().width()
    assert view.columnWidth(COL_LEVEL1) < view.columnWidth(COL_NAME)
    assert_nothing_clipped(view, "next project")
