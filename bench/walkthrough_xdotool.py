"""A clerk's walkthrough with real X events: paste, groups, merged cells, wheel, undo, window sizes.

xdotool moves the real mouse and presses real keys on a real X server; the clipboard is filled by
another process (xclip), as Excel would. The script only reads widget positions from the app to know
where to click, and reads the workspace file to see what was stored. It prints one line per check and
exits 1 if any failed; screenshots of the whole screen go to bench/out/walkthrough-*.png.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/walkthrough_xdotool.py

Needs xdotool and xclip (``scripts/setup-env.sh test`` installs them on Debian).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"  # real X events, not the offscreen plugin

from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from perfdesk.layout.indicator_table import COL_BASIS, COL_LEVEL1, indicator_cells, merge_runs
from perfdesk.models import open_workspace
from perfdesk.samples import create_sample_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind

OUT = Path(__file__).resolve().parent / "out"
PROJECT = 2  # 3 法律援助服务经费 in the 2021 sample: 产出 ×4, 效益 ×4, 满意度 ×1
EXCEL_BLOCK = (
    "效益指标\t社会效益指标\t普法覆盖率\t普法宣传覆盖人群比例\t≥90%\t工作计划\r\n"
    "\t\t群众知晓率\t群众对法律援助的知晓率\t≥80%\t抽样调查\r\n"
    "满意度指标\t服务对象满意度指标\t受援人满意度\t受援人对服务的满意度\t≥95%\t问卷调查\r\n"
)
results: list[tuple[bool, str]] = []
seen_timers: list[QTimer] = []  # keeps the dialog-answering timers alive


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)
    QTest.qWait(150)


def click(widget: QWidget, point: QPoint | None = None, button: str = "1") -> None:
    where = widget.mapToGlobal(point if point is not None else widget.rect().center())
    xdo("mousemove", str(where.x()), str(where.y()), "click", button)


def key(*keys: str) -> None:
    xdo("key", "--delay", "60", *keys)


def type_text(text: str) -> None:
    """Type ASCII text: xdotool's keysym remapping for CJK characters does not reach Qt's xcb input."""
    assert text.isascii(), text
    xdo("type", "--delay", "80", text)


def wait_until(condition: Callable[[], bool], ms: int = 5000) -> bool:
    for _ in range(ms // 50):
        if condition():
            return True
        QTest.qWait(50)
    return condition()


def check(ok: bool, what: str) -> None:
    results.append((ok, what))
    print(("通过  " if ok else "失败  ") + what, flush=True)


def shot(name: str) -> None:
    QTest.qWait(300)
    screen = QApplication.primaryScreen()
    path = OUT / f"walkthrough-{name}.png"
    screen.grabWindow(0).save(str(path))
    print(f"      截图 {path}", flush=True)


def put_on_clipboard(text: str) -> None:
    """Another program owns the clipboard, as Excel does after Ctrl+C."""
    subprocess.run(["xclip", "-selection", "clipboard", "-i"], input=text.encode("utf-8"), check=True)
    QTest.qWait(200)


def stored_rows(path: Path) -> list[tuple[str, ...]]:
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        project = workspace.departments(session)[0].projects[PROJECT]
        return [indicator_cells(i) for i in project.indicators]


def runs_of(rows: list[tuple[str, ...]]) -> list[str]:
    """The 一级 labels in the order their merged blocks appear (a label twice = a split group)."""
    runs = merge_runs([(r[0], r[1]) for r in rows])
    return [rows[run.first][0] for run in runs if run.column == COL_LEVEL1]


def select_node(window: MainWindow, kind: NodeKind, nth: int) -> None:
    view = window.view
    assert view is not None
    nodes = [n for n in view.model.node(view.model.index(0, 0)).walk() if n.kind == kind]
    index = view.model.index_of(nodes[nth])
    view.tree.scrollTo(index)
    QTest.qWait(100)
    click(view.tree.viewport(), view.tree.visualRect(index).center())


def answer_next_dialog(text: str, screenshot: str) -> list[str]:
    """Arrange to click the button ``text`` of the next message box with the mouse.

    The box runs its own event loop, so the answer is given from a timer inside it; the returned
    list receives the box's text once it has been answered.
    """
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(100)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        timer.stop()
        seen.append(box.text())
        shot(screenshot)
        button = next(b for b in box.findChildren(QAbstractButton) if b.text().replace("&", "") == text)
        click(button)

    timer.timeout.connect(poll)
    timer.start()
    seen_timers.append(timer)
    return seen


def main() -> int:
    if not (shutil.which("xdotool") and shutil.which("xclip") and os.environ.get("DISPLAY")):
        print("需要 X 显示（xvfb-run）以及 xdotool、xclip。")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="perfdesk-walk-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    make_application()
    path = create_sample_workspace(tmp / "承德2021.perfdesk", "chengde-2021")
    window = MainWindow()
    window.resize(1600, 1000)  # room below the rows for the paste that appends; 1024×700 comes at the end
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_path(path)
    xdo("windowfocus", str(int(window.winId())))
    view = window.view
    assert view is not None
    grid = view.editors.project.grid.view
    model = grid.model()

    # --- 1. Paste: a 3×6 block from Excel with the cursor on the last column ---------------------
    select_node(window, NodeKind.PROJECT, PROJECT)
    before = stored_rows(path)
    click(grid.viewport(), grid.visualRect(model.index(0, COL_BASIS)).center())
    put_on_clipboard(EXCEL_BLOCK)
    answered = answer_next_dialog("取消", "1-paste-question")
    key("ctrl+v")
    wait_until(lambda: bool(answered))
    asked = answered[0] if answered else "（没有询问）"
    check("6 列" in asked or "一级指标" in asked, f"光标在最后一列粘贴 6 列：先询问（{asked[:40]}…）")
    check(stored_rows(path) == before, "取消后表格一个字也没变")
    status = view.editors.project.grid.status.text()
    check(bool(status) and "已粘贴" not in status, f"表格下的状态行说明原因：{status[:60]}")

    # --- 1+2. Paste below the rows: appended, every row inside its own group, one undo step -------
    last = model.index(model.rowCount() - 1, COL_LEVEL1)
    below = grid.visualRect(last).bottomLeft() + QPoint(20, 12)
    check(below.y() < grid.viewport().height(), "表格下方有空白处可点")
    click(grid.viewport(), below)
    unexpected = answer_next_dialog("取消", "2-unexpected-question")
    key("ctrl+v")
    wait_until(lambda: len(stored_rows(path)) == len(before) + 3)
    after = stored_rows(path)
    check(len(after) == len(before) + 3, f"粘贴 3 行 × 6 列：新增 3 行（{len(before)} → {len(after)}）")
    check(all(len(set(r)) > 1 for r in after) and sum(1 for r in after if r[2] == "普法覆盖率") == 1, "6 列全部写入")
    labels = runs_of(after)
    check(len(labels) == len(set(labels)), f"同一一级指标不分成两处：{' / '.join(labels)}")
    check(not unexpected, f"在空白处粘贴不再询问{unexpected[:1]}")
    seen_timers[-1].stop()
    shot("2-pasted-into-groups")
    status = view.editors.project.grid.status.text()
    check("已粘贴" in status, f"状态行：{status[:70]}")
    key("ctrl+z")
    check(wait_until(lambda: stored_rows(path) == before), "Ctrl+Z 一步撤销整个粘贴")

    # --- 3. Typing into a merged 一级 cell renames the whole group ------------------------------
    group_rows = [r for r, cells in enumerate(before) if cells[0] == before[0][0]]
    QTest.qWait(500)  # the undo above re-laid the rows out: read positions afterwards
    cell = grid.visualRect(model.index(group_rows[0], COL_LEVEL1))
    for row in group_rows[1:]:  # the merged cell spans the group's rows
        cell = cell.united(grid.visualRect(model.index(row, COL_LEVEL1)))
    click(grid.viewport(), cell.center())
    check(grid.currentIndex().row() in group_rows, f"点中合并的“{before[0][0]}”单元格")
    key("F2", "ctrl+a")
    type_text("Output")  # xdotool cannot type CJK into Qt (it remaps keysyms); a clerk's IME can
    key("Return")
    wait_until(lambda: stored_rows(path)[0][0] == "Output")
    renamed = stored_rows(path)
    check(all(renamed[r][0] == "Output" for r in group_rows), f"合并单元格改名：整组 {len(group_rows)} 行都改了")
    shot("3-merged-cell-renamed")
    key("ctrl+z")
    check(wait_until(lambda: stored_rows(path) == before), "Ctrl+Z 一步撤销改名")

    # --- 4. The mouse wheel over the year and the framework while scrolling the form -------------
    select_node(window, NodeKind.DEPARTMENT, 0)
    form = view.editors.department
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        year, framework = dept.fiscal_year, dept.framework_id
    click(form.year, QPoint(form.year.width() // 2, form.year.height() // 2), button="4")
    for _ in range(2):
        click(form.framework, button="5")
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        check(dept.fiscal_year == year and dept.framework_id == framework, "滚轮经过预算年度、指标体系：数值不变")
    shot("4-wheel")

    # --- 5. Ctrl+Z in an empty field after a rename ----------------------------------------------
    select_node(window, NodeKind.PROJECT, PROJECT)
    pform = view.editors.project.form
    name = before_name = pform.name.text()
    click(pform.name)
    key("End")
    type_text("v2")
    wait_until(lambda: pform.name.text() == name + "v2")
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        typed = ws.departments(session)[0].projects[PROJECT].name
    check(typed == name + "v2", f"项目名称键入后已保存：“{typed}”")
    key("Tab")
    key("ctrl+z")
    QTest.qWait(300)
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        name = ws.departments(session)[0].projects[PROJECT].name
    check(name == before_name, f"改名后 Tab 到空栏再按 Ctrl+Z：名称恢复为“{name}”")

    # --- 9. The project page at the smallest and a large screen -----------------------------------
    for width, height in ((1024, 700), (1600, 1000)):
        window.resize(width, height)
        QTest.qWait(400)
        rows_seen = sum(
            1
            for r in range(model.rowCount())
            if grid.visualRect(model.index(r, 2)).bottom() <= grid.viewport().height()
        )
        check(rows_seen >= 6, f"{width}×{height}：指标表完整显示 {rows_seen} 行")
        shot(f"9-project-{width}x{height}")

    window.close()
    failed = [what for ok, what in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
