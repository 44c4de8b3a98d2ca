"""Screenshots of the main window on the 2021 fixture (tree + project editor), for a human to look at.

The ``grid_*`` shots show the indicator grid's columns, which follow each project's Word table
(``perfdesk.services.printed_widths``), on both samples (2021 table 5 has long 指标值) and on the
2024 sample with every 描述 and 依据 left empty, as some provinces print them.

Run under a display: ``xvfb-run -a .venv/bin/python bench/screenshot_main_window.py``
(or with ``QT_QPA_PLATFORM=offscreen``). Writes PNGs to bench/out/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from perfdesk.models import open_workspace
from perfdesk.samples import create_sample_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind

OUT = Path(__file__).resolve().parent / "out"
#: Window sizes of the project-page shots: a small laptop, the default, a large screen.
SIZES = ((1024, 700), (1280, 820), (1600, 1000))


def show(window: MainWindow, kind: NodeKind, nth: int) -> None:
    """Select the ``nth`` tree node of ``kind``."""
    view = window.view
    assert view is not None
    matches = [node for node in view.model.node(view.model.index(0, 0)).walk() if node.kind == kind]
    view.tree.select_index(view.model.index_of(matches[nth]))


def save(window: QWidget, name: str) -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(10):
        app.processEvents()
    QTest.qWait(200)
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    print(path)


def without_description_and_basis(path: Path) -> Path:
    """``path``'s documents with every 绩效指标描述 and 指标值确定依据 left empty."""
    with open_workspace(path) as workspace, workspace.transaction() as session:
        for dept in workspace.departments(session):
            for project in [*dept.projects, *dept.special_funds]:
                for indicator in project.indicators:
                    indicator.description = indicator.basis = None
    return path


def grid_shots(tmp: Path, chengde: Path) -> None:
    """The project page of both samples and of a department without 描述/依据, small and large."""
    julu = create_sample_workspace(tmp / "巨鹿2024.perfdesk", "julu-2024")
    bare = without_description_and_basis(create_sample_workspace(tmp / "无描述.perfdesk", "julu-2024"))
    cases = [("2021", chengde, (2, 4)), ("2024", julu, (0, 2)), ("no_description", bare, (0, 6))]
    for width, height in (SIZES[0], SIZES[-1]):
        for name, path, projects in cases:
            QSettings().clear()
            window = MainWindow()
            window.resize(width, height)
            window.show()
            window.open_path(path)
            QTest.qWaitForWindowExposed(window)
            for nth in projects:
                show(window, NodeKind.PROJECT, nth)
                save(window, f"grid_{name}_{nth + 1}_{width}x{height}")
            window.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="perfdesk-shot-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    make_application()
    workspace = create_sample_workspace(tmp / "承德2021.perfdesk", "chengde-2021")
    window = MainWindow()
    window.resize(1366, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    save(window, "welcome")  # no file open yet: what to do in three lines
    window.open_path(workspace)
    view = window.view
    assert view is not None
    shots: list[tuple[str, NodeKind, int]] = [
        ("main_department", NodeKind.DEPARTMENT, 0),
        ("main_project", NodeKind.PROJECT, 2),
        ("main_sub_goal", NodeKind.SUB_GOAL, 0),
    ]
    for name, kind, nth in shots:
        show(window, kind, nth)
        save(window, name)
    # the focus frame on each region (Ctrl+1…4), on the project page
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    show(window, NodeKind.PROJECT, 2)
    for region in ("tree", "editor", "grid", "checks"):
        window.focus_regions.go(region)
        save(window, f"focus_{region}")
    view.editors.project.form.unit.setFocus()
    save(window, "focus_combo")
    window.show_help()  # 帮助 → 使用说明 (F1)
    assert window.help_dialog is not None
    save(window.help_dialog, "help")
    window.close()
    # the project page on a small laptop, the default size and a large screen, each opened at that
    # size (检查 panel open); then with the header folded
    for width, height in SIZES:
        QSettings().clear()  # first-run sizes, not those the previous window remembered
        window = MainWindow()
        window.resize(width, height)
        window.show()
        window.open_path(workspace)
        QTest.qWaitForWindowExposed(window)
        show(window, NodeKind.PROJECT, 2)
        save(window, f"project_{width}x{height}")
        if (width, height) == SIZES[0]:
            assert window.view is not None
            window.view.editors.project.form.set_collapsed(True)
            save(window, f"project_{width}x{height}_folded")
            window.view.editors.project.form.set_collapsed(False)
        window.close()
    grid_shots(tmp, workspace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
