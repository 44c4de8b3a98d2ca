"""A clerk's long day, compressed: thousands of edits, selections and undos in the real main window.

A binding that loses a reference per signal (PySide6 6.12.0 on Python 3.11) aborted the
app after a few thousand selection changes. This drives the 2021 sample through the real
tree, grid and undo actions for ``SOAK_OPERATIONS`` operations (about a minute on the
2-core CI machine), then checks the process lived, the singleton reference counts held,
and every edit that was kept is in the file.
"""

from __future__ import annotations

import gc
import os
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from perfdesk.layout.indicator_table import COL_DESCRIPTION, COL_NAME, indicator_cells
from perfdesk.models import Project, open_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind

pytestmark = [pytest.mark.gui, pytest.mark.slow]

SOAK_OPERATIONS = int(os.environ.get("PERFDESK_SOAK_OPERATIONS", "20000"))
#: One cycle of user actions: select a project, walk the grid with the arrow keys, edit a cell,
#: undo and redo the edit. Selections outnumber edits, as in a clerk's day.
CYCLE = ("select project", *["move"] * 14, "edit", "undo", "redo", "move", "move")


def singleton_refcounts() -> list[int]:
    return [sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.activateWindow()  # under a real X server without a window manager, focus follows only an active window
    qtbot.waitActive(win)
    return win


def settle() -> None:
    """Run pending deletions and collect garbage, so counts compare live objects only."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def project_nodes(win: MainWindow) -> list:
    assert win.view is not None
    model = win.view.model
    return [n for n in model.node(model.index(0, 0)).walk() if n.kind == NodeKind.PROJECT]


def _has_description(project: Project, row: int, text: str) -> bool:
    return project.indicators[row].description == text


def test_twenty_thousand_operations_in_the_main_window(qtbot: QtBot, window: MainWindow, workspace_2021: Path) -> None:
    assert window.open_path(workspace_2021)
    projects = project_nodes(window)
    view, edits = window.view, window.edits
    assert view is not None
    assert edits is not None
    department = edits.departments()[0]
    with_rows = [i for i, p in enumerate(department.projects) if p.indicators]
    assert len(with_rows) > 10
    grid_view = view.editors.project.grid.view
    settle()
    start_counts = singleton_refcounts()
    expected: dict[tuple[int, int], str] = {}  # (project position, indicator position) -> description
    done = 0
    cycle = 0
    while done < SOAK_OPERATIONS:
        position = with_rows[cycle % len(with_rows)]
        project = department.projects[position]
        row = cycle % len(project.indicators)
        for step in CYCLE:
            if step == "select project":
                view.tree.select_index(view.model.index_of(projects[position]))
                grid_view.setFocus()
                grid_view.setCurrentIndex(grid_view.model().index(row, COL_NAME))
            elif step == "move":
                key = Qt.Key.Key_Right if grid_view.currentIndex().column() < COL_DESCRIPTION else Qt.Key.Key_Left
                qtbot.keyClick(grid_view, key)
            elif step == "edit":
                grid_view.setCurrentIndex(grid_view.model().index(row, COL_DESCRIPTION))
                text = f"soak {cycle}"
                qtbot.keyClicks(grid_view, text[0])  # the first key opens the editor with the typed text
                editor = QApplication.focusWidget()
                assert editor not in (None, grid_view), "typing did not open the cell editor"
                qtbot.keyClicks(editor, text[1:])
                qtbot.keyClick(editor, Qt.Key.Key_Return)
                qtbot.waitUntil(partial(_has_description, project, row, text), timeout=5000)
                expected[position, row] = text
            elif step == "undo":
                window.named_actions["undo"].trigger()
            else:
                window.named_actions["redo"].trigger()
            done += 1
        assert project.indicators[row].description == expected[position, row]
        cycle += 1
    settle()
    lost = [before - after for before, after in zip(start_counts, singleton_refcounts(), strict=True)]
    # a leaking binding loses at least one reference per operation (several signals each); objects
    # of earlier tests freed meanwhile may release a few hundred, the growing undo history holds more
    assert all(n < max(1000, SOAK_OPERATIONS // 4) for n in lost), f"references lost to True/False/None: {lost}"
    window.close()

    with open_workspace(workspace_2021, read_only=True) as workspace, workspace.session() as session:
        saved = workspace.departments(session)[0].projects
        for (position, row), text in expected.items():
            assert indicator_cells(saved[position].indicators[row])[COL_DESCRIPTION] == text
    assert len(expected) > 0
    assert cycle * len(CYCLE) >= SOAK_OPERATIONS
