"""Screenshots of the 比较 view (巨鹿 2024 → a 2025 rolled over from it, with a clerk's edits), the
指标库 dialog and the grid's 三级 suggestions, to look at.

Run under a display: ``xvfb-run -a .venv/bin/python bench/screenshot_compare.py``
(or with ``QT_QPA_PLATFORM=offscreen``). Writes bench/out/compare.png, library.png, completion.png.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from perfdesk.layout.indicator_table import COL_NAME
from perfdesk.models import Indicator, Project, open_workspace
from perfdesk.samples import create_sample_workspace
from perfdesk.services.copying import clone
from perfdesk.services.library import library_of
from perfdesk.ui.app import make_application
from perfdesk.ui.compare_view import CompareDialog
from perfdesk.ui.library_dialog import LibraryDialog
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind

OUT = Path(__file__).resolve().parent / "out"


def roll_over(path: Path) -> None:
    """Add 2025 as a copy of 2024 with the edits a clerk makes when rolling a year over."""
    with open_workspace(path) as workspace, workspace.transaction() as session:
        (old,) = workspace.departments(session)
        new = clone(old)
        new.fiscal_year = 2025
        new.position = 1
        new.overall_goal = old.overall_goal.replace("十九届六中全会", "二十届三中全会")
        first, second, third = new.projects[0], new.projects[1], new.projects[2]
        first.budget += Decimal("5")
        first.fiscal_funds = first.budget
        first.indicators[1].value = "95"
        first.indicators[3].basis = "预算支出标准"
        first.indicators.append(
            Indicator(
                level1="满意度指标", level2="服务对象满意度指标", name="受援人满意度", op="≥", value="95", unit="%"
            )
        )
        second.name += "（含普法宣传）"
        third.goals = [*third.goals, "社区矫正对象再犯罪率控制在0.2%以下"]
        del new.projects[3]
        session.add(new)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="perfdesk-shot-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    make_application()
    workspace = create_sample_workspace(tmp / "巨鹿.perfdesk", "julu-2024")
    roll_over(workspace)
    window = MainWindow()
    window.resize(1366, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_path(workspace)
    view = window.view
    assert view is not None
    assert window.edits is not None
    new = next(d for d in window.edits.departments() if d.fiscal_year == 2025)
    view.tree.select_index(view.model.find(NodeKind.PROJECT, (Project, new.projects[0].id)))
    window.named_actions["compare"].trigger()
    dialog = window.compare_dialog
    assert isinstance(dialog, CompareDialog)
    dialog.resize(1200, 720)
    QTest.qWaitForWindowExposed(dialog)
    shoot(dialog, "compare")
    dialog.close()
    library = LibraryDialog(library_of(window.edits), str(tmp), window)
    library.search.setText("满意")
    library.show()
    QTest.qWaitForWindowExposed(library)
    shoot(library, "library")
    library.close()
    show_suggestions(window)
    shoot(window, "completion")
    window.close_workspace()
    return 0


def show_suggestions(window: MainWindow) -> None:
    """Type ``hgl`` (合格率) into a 质量指标 row's 三级 cell of the first project: the list opens under it."""
    view = window.view
    assert view is not None
    grid = view.editors.project.grid
    row = next(i for i, ind in enumerate(grid.model.indicators) if ind.level2 == "质量指标")
    window.activateWindow()
    grid.select_cell(row, COL_NAME)
    QTest.keyClick(grid.view, Qt.Key.Key_F2)
    editor = grid.view.indexWidget(grid.model.index(row, COL_NAME))
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "hgl")


def shoot(widget: QWidget, name: str) -> None:
    QTest.qWait(300)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    raise SystemExit(main())
