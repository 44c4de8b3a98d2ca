"""The forms never change data behind the clerk's back: wheel, undo, Tab, long text, typed amounts.

Each test drives real widgets in the real main window (wheel events sent with
``QApplication.sendEvent``, keys with ``qtbot.keyClick``) and checks what is stored in the
workspace file, read through a separate connection.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QWidget,
)

from perfdesk.models import open_workspace
from perfdesk.ui.app import make_application
from perfdesk.ui.editors.department import framework_misfits
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests.qt_helpers import type_text

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path: Path):
    make_application()  # installs the application-wide widget behaviour, as the real start does
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch, workspace_2024: Path) -> MainWindow:
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Ok))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    assert win.open_path(workspace_2024)
    return win


def stored(path: Path):
    """The first department as the file holds it (a separate connection, as a second process would)."""
    workspace = open_workspace(path)
    session = workspace.session()
    dept = workspace.departments(session)[0]
    return dept, lambda: (session.close(), workspace.close())


def stored_value(path: Path, read) -> object:
    dept, close = stored(path)
    try:
        return read(dept)
    finally:
        close()


def select(win: MainWindow, kind: NodeKind, nth: int = 0) -> None:
    view = win.view
    nodes = [n for n in view.model.node(view.model.index(0, 0)).walk() if n.kind == kind]
    view.tree.select_index(view.model.index_of(nodes[nth]))


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def wheel(widget: QWidget, ticks: int) -> None:
    """``ticks`` notches of a mouse wheel over the middle of ``widget`` (negative: towards the clerk)."""
    centre = QPointF(widget.rect().center())
    for _ in range(abs(ticks)):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120 if ticks > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def answer_next_box(button_text: str, seen: list[tuple[str, list[str]]]) -> None:
    """Click ``button_text`` in the next modal message box, recording its question and buttons."""

    def click(tries: int = 100) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:  # not shown yet; give up after a second, so no later test gets the click
                QTimer.singleShot(10, lambda: click(tries - 1))
            return
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


# --- 1. the mouse wheel -------------------------------------------------------------------------


def test_changing_the_framework_asks_cancel_restores_and_the_change_is_one_undo_step(qtbot, window, workspace_2024):
    select(window, NodeKind.DEPARTMENT)
    editor = window.view.editors.department
    combo = editor.framework
    old = combo.currentData()
    assert old == "output-benefit-satisfaction"
    focus(qtbot, combo)
    total, lost = framework_misfits(window.edits.departments()[0], "output-effect-satisfaction")
    assert (total, lost) == (56, 16)

    seen: list[tuple[str, list[str]]] = []
    answer_next_box("取消", seen)
    wheel(combo, -1)  # focused: the wheel picks the next 指标体系, which is asked about first
    assert len(seen) == 1
    question, buttons = seen[0]
    assert "16 个" in question
    assert "56 个" in question
    assert "产出—效果—满意度" in question
    assert buttons == ["更改", "取消"]
    assert combo.currentData() == old  # cancelled: the combo shows the stored framework again
    assert window.undo_stack.count() == 0
    assert stored_value(workspace_2024, lambda d: d.framework) == old

    focus(qtbot, combo)  # (the question had the focus)
    answer_next_box("更改", seen)
    wheel(combo, -1)
    assert len(seen) == 2
    assert combo.currentData() == "output-effect-satisfaction"
    assert stored_value(workspace_2024, lambda d: d.framework) == "output-effect-satisfaction"
    assert window.undo_stack.count() == 1
    assert window.actions["undo"].text() == "撤销 修改“指标体系”(&U)"

    focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)  # one step back, from the combo itself
    assert combo.currentData() == old
    assert stored_value(workspace_2024, lambda d: d.framework) == old


# --- 2. Ctrl+Z / Ctrl+Y -------------------------------------------------------------------------


def test_every_form_edit_has_a_meaningful_undo_text(qtbot, window):
    select(window, NodeKind.DEPARTMENT)
    dept = window.view.editors.department
    dept.draft.click()
    dept.name_label.activated.emit(1)
    dept.add_unit()
    type_text(dept._unit_rows[-1].name, "乙")
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    type_text(form.code, "9")
    form.other.edit.setText("1")
    form.other.edit.editingFinished.emit()
    form.plan["6"].edit.setText("60")
    form.plan["6"].edit.editingFinished.emit()
    form.goals.add_line()
    select(window, NodeKind.MEASURE)
    type_text(window.view.editors.measure.text, "落实")
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts == [
        "修改“（草案）”",
        "修改“名称栏标题”",
        "添加单位",
        "修改“单位名称”",
        "修改“项目编码”",
        "修改“其他资金”",
        "修改“资金支出计划（6月底）”",
        "修改“绩效目标”",
        "修改“保障措施内容”",
    ]


# --- 5. amounts as clerks type them -------------------------------------------------------------


def test_amounts_typed_full_width_or_with_separators_are_converted_and_shown_in_wanyuan(qtbot, window, workspace_2024):
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    focus(qtbot, form.budget.edit)
    form.budget.edit.selectAll()
    type_text(form.budget.edit, "1，234.50")
    qtbot.keyClick(form.budget.edit, Qt.Key.Key_Return)
    assert form.budget.error() is None
    focus(qtbot, form.fiscal.edit)
    form.fiscal.edit.selectAll()
    type_text(form.fiscal.edit, "１,２３４．５０")
    qtbot.keyClick(form.fiscal.edit, Qt.Key.Key_Return)
    assert form.fiscal.edit.text() == "1234.50"  # the field shows the digits stored
    assert form.funds_mark.text() == "✓ 相符"
    focus(qtbot, form.plan["6"].edit)
    type_text(form.plan["6"].edit, "５０％")
    qtbot.keyClick(form.plan["6"].edit, Qt.Key.Key_Return)

    focus(qtbot, form.other.edit)
    type_text(form.other.edit, "12,50")  # a decimal comma or a misplaced separator: not guessed
    qtbot.keyClick(form.other.edit, Qt.Key.Key_Return)
    assert "小数点" in (form.other.error() or "")
    form.other.edit.selectAll()
    type_text(form.other.edit, "3")
    qtbot.keyClick(form.other.edit, Qt.Key.Key_Return)
    assert form.funds_mark.text() == "✗ 财政资金 + 其他资金 = 1237.50 万元，与预算数不符"

    saved = stored_value(
        workspace_2024, lambda d: (d.projects[0].budget, d.projects[0].fiscal_funds, d.projects[0].plan_6)
    )
    assert saved == (Decimal("1234.50"), Decimal("1234.50"), Decimal("50"))
    assert str(saved[0]) == "1234.50"
    assert stored_value(workspace_2024, lambda d: d.projects[0].other_funds) == Decimal("3")

    total = "1355.40 万元"  # 1234.50 + the other seven projects' 120.90
    model = window.view.model
    budget_group = model.data(model.find(NodeKind.BUDGET))
    assert budget_group == f"预算项目 (8) {total}"
    assert window.totals_label.text().endswith(f"预算合计 {total}")
    assert "预算数 1234.50 万元" in model.data(model.find(NodeKind.PROJECT), Qt.ItemDataRole.ToolTipRole)
