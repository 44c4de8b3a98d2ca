"""The project editor is laid out while the window is idle after opening, unseen (issue 17: the
first project selected costs what every later one does), and shows exactly what it showed before."""

from __future__ import annotations

import pytest

from perfdesk.ui import workspace_view
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests import window_settings
from tests.window_settings import private_qsettings  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.gui
window = window_settings.window  # the fixture: a main window at 1280×820, shown


def _select(win: MainWindow, nth: int):
    view = win.view
    assert view is not None
    nodes = [n for n in view.model.node(view.model.index(0, 0)).walk() if n.kind == NodeKind.PROJECT]
    view.tree.select_index(view.model.index_of(nodes[nth]))


def _layout(win: MainWindow) -> tuple[list[int], list[int], int]:
    """What the clerk sees of the project page's sizes: the grid's column widths and row heights, the
    header form's height (the window's own height may differ by a pixel from one opening to the next)."""
    assert win.view is not None
    page = win.view.editors.project
    view = page.grid.view
    columns = [view.columnWidth(c) for c in range(view.model().columnCount())]
    rows = [view.rowHeight(r) for r in range(view.model().rowCount())]
    assert page.size() == win.view.editors.size()  # laid out at the size it is shown at
    return columns, rows, page.sizes()[0]


def test_the_project_page_is_prepared_unseen_after_opening(qtbot, window, workspace_2024):
    window.open_path(workspace_2024)
    editors = window.view.editors
    department_page = editors.currentWidget()
    assert not editors.project.holds_project()
    qtbot.waitUntil(lambda: window.view.prepared)
    dept = window.edits.departments()[0]
    assert editors.project.grid.model.project is [*dept.special_funds, *dept.projects][0]
    assert editors.currentWidget() is department_page  # still the department: nothing was shown
    assert not editors.project.isVisible()


def test_the_first_selection_after_preparing_shows_that_project_laid_out_as_without(
    qtbot, window, workspace_2024, monkeypatch
):
    monkeypatch.setattr(workspace_view, "PREPARE_AFTER_MS", 60_000)  # first without the preparation
    window.open_path(workspace_2024)
    _select(window, 3)
    qtbot.wait(50)
    unprepared = _layout(window)
    window.close_workspace()
    monkeypatch.setattr(workspace_view, "PREPARE_AFTER_MS", 50)
    window.open_path(workspace_2024)
    qtbot.waitUntil(lambda: window.view.prepared)
    dept = window.edits.departments()[0]
    projects = [*dept.special_funds, *dept.projects]
    _select(window, 3)
    qtbot.wait(50)  # the page's own refits (a zero timer) run
    page = window.view.editors.project
    assert window.view.editors.currentWidget() is page
    assert page.grid.model.project is projects[3]
    assert page.form.entity() is projects[3]
    assert page.grid.model.rowCount() == len(projects[3].indicators) > 0
    assert _layout(window) == unprepared
    _select(window, 1)
    qtbot.wait(50)
    _select(window, 3)  # the same project again, on a page that was already showing one
    qtbot.wait(50)
    assert _layout(window) == unprepared


def test_closing_before_the_page_is_prepared_and_selecting_first_are_harmless(qtbot, window, workspace_2024):
    window.open_path(workspace_2024)
    _select(window, 2)  # before the idle preparation: it then leaves the page alone
    page = window.view.editors.project
    chosen = page.grid.model.project
    qtbot.waitUntil(lambda: window.view.prepared)
    assert page.grid.model.project is chosen
    assert page.isVisible()
    window.close_workspace()
    window.open_path(workspace_2024)
    window.close_workspace()  # the preparation's timer dies with the view
    qtbot.wait(150)
    assert window.view is None


def test_the_first_selection_fits_the_grid_no_more_often_than_a_later_one(qtbot, window, workspace_2024, monkeypatch):
    """Brought forward, the prepared page gets a resize without an old size though its width is the
    one its columns were fitted to: no second fitting (it cost the first selection a third more)."""
    window.open_path(workspace_2024)
    qtbot.waitUntil(lambda: window.view.prepared)
    window.resize(window.width(), window.height() - 60)  # only taller or shorter while the page is hidden
    qtbot.wait(20)
    view = window.view.editors.project.grid.view
    fits: list[range | None] = []
    fit_columns = view.fit_columns

    def counted(rows: range | None = None) -> None:
        fits.append(rows)
        fit_columns(rows)

    monkeypatch.setattr(view, "fit_columns", counted)

    def fits_of_selecting(nth: int) -> int:
        fits.clear()
        _select(window, nth)
        qtbot.wait(50)
        return len(fits)

    first = fits_of_selecting(3)
    fits_of_selecting(1)
    assert first == fits_of_selecting(3) == 1
