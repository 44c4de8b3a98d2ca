"""Screenshots of the main window on the 2021 fixture (tree + project editor), for a human to look at.

Run under a display: ``xvfb-run -a .venv/bin/python bench/screenshot_main_window.py``
(or with ``QT_QPA_PLATFORM=offscreen``). Writes PNGs to bench/out/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from perfdesk.samples import create_sample_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="perfdesk-shot-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = make_application()
    workspace = create_sample_workspace(tmp / "承德2021.perfdesk", "chengde-2021")
    window = MainWindow()
    window.resize(1366, 860)
    window.show()
    window.open_path(workspace)
    QTest.qWaitForWindowExposed(window)
    view = window.view
    assert view is not None
    shots: list[tuple[str, NodeKind, int]] = [
        ("main_department", NodeKind.DEPARTMENT, 0),
        ("main_project", NodeKind.PROJECT, 2),
        ("main_sub_goal", NodeKind.SUB_GOAL, 0),
    ]
    for name, kind, nth in shots:
        matches = [node for node in view.model.node(view.model.index(0, 0)).walk() if node.kind == kind]
        view.tree.select_index(view.model.index_of(matches[nth]))
        for _ in range(10):
            app.processEvents()
        QTest.qWait(200)
        path = OUT / f"{name}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
