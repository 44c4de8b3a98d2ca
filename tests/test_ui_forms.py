"""The forms never change data behind the clerk's back: wheel, undo, Tab, long text, typed amounts.

Each test drives real widgets in the real main window (wheel events sent with
``QApplication.sendEvent``, keys with ``qtbot.keyClick``) and checks what is stored in the
workspace file, read through a separate connection.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QToolTip,
    QWidget,
)

from perfdesk.models import Department, open_workspace
from perfdesk.ui import dialogs, widgets
from perfdesk.ui.app import make_application
from perfdesk.ui.editors import department as department_editor
from perfdesk.ui.editors.department import framework_misfits
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests.qt_helpers import ime_commit, type_text

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


def stored(path: Path) -> tuple[Department, Callable[[], None]]:
    """The first department as the file holds it (a separate connection, as a second process would)."""
    workspace = open_workspace(path)
    session = workspace.session()
    dept = workspace.departments(session)[0]

    def close() -> None:
        session.close()
        workspace.close()

    return dept, close


def stored_value(path: Path, read) -> object:
    dept, close = stored(path)
    try:
        return read(dept)
    finally:
        close()


def select(win: MainWindow, kind: NodeKind, nth: int = 0) -> None:
    view = win.view
    assert view is not None
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


def outside_grid(win: MainWindow, kind: type[QWidget]) -> list[QWidget]:
    assert win.view is not None
    grid = win.view.editors.project.grid
    found: list[QWidget] = win.findChildren(kind)
    return [w for w in found if not grid.isAncestorOf(w)]


# --- 1. the mouse wheel -------------------------------------------------------------------------


def test_wheel_over_unfocused_year_and_framework_scrolls_the_form_and_changes_nothing(
    qtbot, window, workspace_2024, monkeypatch
):
    asked: list[str] = []  # a framework change would ask; record the question instead of blocking
    monkeypatch.setattr(department_editor, "ask_framework_change", lambda _p, name, *_a: asked.append(name))
    window.resize(1024, 420)  # short enough for the department form to scroll
    select(window, NodeKind.DEPARTMENT)
    editor = window.view.editors.department
    area = next(a for a in window.view.editors.findChildren(QScrollArea) if a.widget() is editor)
    focus(qtbot, window.view.tree)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    year, framework = editor.year.value(), editor.framework.currentData()

    wheel(editor.year, 1)
    wheel(editor.framework, -2)
    wheel(editor.font_set, -1)

    assert bar.value() > 0  # the form scrolled instead
    assert (editor.year.value(), editor.framework.currentData()) == (year, framework)
    assert asked == []
    focus(qtbot, editor.name)  # leaving the spin box would have saved a changed year
    assert window.undo_stack.count() == 0
    assert stored_value(workspace_2024, lambda d: (d.fiscal_year, d.framework)) == (year, framework)


def test_every_spin_box_and_combo_box_takes_the_wheel_only_with_the_focus(qtbot, window):
    select(window, NodeKind.PROJECT)
    boxes = outside_grid(window, QAbstractSpinBox) + outside_grid(window, QComboBox)
    dialog = dialogs.NewDepartmentDialog(window, set())
    qtbot.addWidget(dialog)
    dialog.show()
    boxes += dialog.findChildren(QAbstractSpinBox)
    assert len(boxes) >= 9  # year, framework, four layout combos, unit, the 检查 filter, the dialog's year
    for box in boxes:
        box.ensurePolished()
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box
    before = dialog.year_spin.value()
    wheel(dialog.year_spin, 1)
    assert dialog.year_spin.value() == before
    focus(qtbot, dialog.year_spin)
    wheel(dialog.year_spin, 1)  # with the focus, the wheel is the clerk's choice
    assert dialog.year_spin.value() == before + 1


def test_changing_the_framework_asks_cancel_restores_and_the_change_is_one_undo_step(qtbot, window, workspace_2024):
    select(window, NodeKind.DEPARTMENT)
    editor = window.view.editors.department
    combo = editor.framework
    old = combo.currentData()
    assert old == "output-benefit-satisfaction"
    focus(qtbot, combo)
    misfits = framework_misfits(window.edits.departments()[0], "output-effect-satisfaction")
    assert misfits == (56, 0, 16)  # the 16 效益指标 rows are 效果指标 there: R01 will ask to rewrite them

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
    assert window.named_actions["undo"].text() == "撤销 修改“指标体系”(&U)"

    focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)  # one step back, from the combo itself
    assert combo.currentData() == old
    assert stored_value(workspace_2024, lambda d: d.framework) == old


# --- 2. Ctrl+Z / Ctrl+Y -------------------------------------------------------------------------


def test_ctrl_z_in_an_empty_field_after_a_rename_undoes_the_rename(qtbot, window, workspace_2024):
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    name = form.name.text()
    focus(qtbot, form.name)
    form.name.end(False)
    type_text(form.name, "（新）")
    assert stored_value(workspace_2024, lambda d: d.projects[0].name) == name + "（新）"
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    empty = form.title
    assert empty.hasFocus()
    assert empty.text() == ""

    qtbot.keyClick(empty, Qt.Key.Key_Z, CTRL)
    assert stored_value(workspace_2024, lambda d: d.projects[0].name) == name
    assert form.name.text() == name
    assert QApplication.focusWidget() is empty  # the clerk stays where they were
    qtbot.keyClick(empty, Qt.Key.Key_Y, CTRL)
    assert stored_value(workspace_2024, lambda d: d.projects[0].name) == name + "（新）"
    assert form.name.text() == name + "（新）"

    # the same from the renamed field itself: its typing is on the undo stack, undone as one step
    focus(qtbot, form.name)
    qtbot.keyClick(form.name, Qt.Key.Key_Z, CTRL)
    assert stored_value(workspace_2024, lambda d: d.projects[0].name) == name
    assert window.undo_stack.index() == 0


def test_ctrl_z_undoes_a_fields_uncommitted_typing_first_then_the_last_edit(qtbot, window, workspace_2024):
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    purpose = form.purpose.toPlainText()
    focus(qtbot, form.purpose)
    form.purpose.moveCursor(form.purpose.textCursor().MoveOperation.End)
    type_text(form.purpose, "及宣传")
    assert window.named_actions["undo"].text() == "撤销 修改“资金用途”(&U)"
    assert window.named_actions["undo"].iconText() == "撤销"  # the toolbar keeps the short word

    budget = form.budget.edit
    focus(qtbot, budget)
    budget.selectAll()
    qtbot.keyClicks(budget, "99")  # typed, not yet committed (no Enter, still in the field)
    assert budget.text() == "99"
    qtbot.keyClick(budget, Qt.Key.Key_Z, CTRL)
    assert budget.text() == "2.00"  # the field's own typing went
    assert stored_value(workspace_2024, lambda d: d.projects[0].purpose) == purpose + "及宣传"
    qtbot.keyClick(budget, Qt.Key.Key_Z, CTRL)  # nothing left to undo in the field: the last edit
    assert stored_value(workspace_2024, lambda d: d.projects[0].purpose) == purpose
    assert form.purpose.toPlainText() == purpose
    assert window.named_actions["redo"].text() == "重做 修改“资金用途”(&R)"
    qtbot.keyClick(budget, Qt.Key.Key_Y, CTRL)
    assert stored_value(workspace_2024, lambda d: d.projects[0].purpose) == purpose + "及宣传"

    # once committed (Enter), the amount is one step on the stack like any other edit
    budget.selectAll()
    qtbot.keyClicks(budget, "3.50")
    qtbot.keyClick(budget, Qt.Key.Key_Return)
    assert stored_value(workspace_2024, lambda d: d.projects[0].budget) == Decimal("3.50")
    assert window.named_actions["undo"].text() == "撤销 修改“预算数”(&U)"
    qtbot.keyClick(budget, Qt.Key.Key_Z, CTRL)
    assert stored_value(workspace_2024, lambda d: d.projects[0].budget) == Decimal("2.00")
    assert budget.text() == "2.00"


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


# --- 3. Tab in text fields, pasted tabs ---------------------------------------------------------------


def test_tab_moves_focus_out_of_purpose_and_no_tab_is_stored(qtbot, window, workspace_2024):
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    for field in outside_grid(window, QPlainTextEdit) + outside_grid(window, QTextEdit):
        assert isinstance(field, QPlainTextEdit | QTextEdit)
        assert field.tabChangesFocus(), field
    focus(qtbot, form.purpose)
    form.purpose.moveCursor(form.purpose.textCursor().MoveOperation.End)
    type_text(form.purpose, "甲")
    qtbot.keyClick(form.purpose, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is form.plan["3"].edit
    assert after is not None
    qtbot.keyClick(after, Qt.Key.Key_Tab, SHIFT)
    assert form.purpose.hasFocus()
    qtbot.keyClick(form.purpose, Qt.Key.Key_Tab, CTRL)  # the usual way out of a field that takes Tab
    assert QApplication.focusWidget() is after
    focus(qtbot, form.purpose)
    qtbot.keyClick(form.purpose, Qt.Key.Key_Tab, CTRL | SHIFT)
    assert QApplication.focusWidget() is not form.purpose
    text = stored_value(workspace_2024, lambda d: d.projects[0].purpose)
    assert isinstance(text, str)
    assert text.endswith("甲")
    assert "\t" not in text


def test_pasted_tabs_become_spaces_and_line_breaks_stay_only_in_multiline_fields(qtbot, window, workspace_2024):
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    clipboard = QApplication.clipboard()
    focus(qtbot, form.name)
    form.name.selectAll()
    clipboard.setText("法律\t援助经费\r\n")  # one Excel cell, copied: a trailing line break
    qtbot.keyClick(form.name, Qt.Key.Key_V, CTRL)
    assert form.name.text() == "法律 援助经费"
    focus(qtbot, form.title)
    clipboard.setText("第一行\n第二行")
    qtbot.keyClick(form.title, Qt.Key.Key_V, CTRL)
    focus(qtbot, form.purpose)
    form.purpose.selectAll()
    clipboard.setText("用于\t办案\n第二段")
    qtbot.keyClick(form.purpose, Qt.Key.Key_V, CTRL)
    form.goals.add_line()
    line = form.goals.edits[-1]
    clipboard.setText("目标\t一\n")
    qtbot.keyClick(line, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    project = (
        stored_value(workspace_2024, lambda d: d.projects[0].name),
        stored_value(workspace_2024, lambda d: d.projects[0].title),
        stored_value(workspace_2024, lambda d: d.projects[0].purpose),
        stored_value(workspace_2024, lambda d: d.projects[0].goals[-1]),
    )
    assert project == ("法律 援助经费", "第一行 第二行", "用于 办案\n第二段", "目标 一")


def test_pasted_text_rules() -> None:
    assert widgets.one_line("甲\t乙\r\n丙\n") == "甲 乙 丙"
    assert widgets.one_line("甲\u2029乙\x0b") == "甲 乙"
    assert widgets.without_tabs("甲\t乙\n丙\t") == "甲 乙\n丙 "


# --- 4. very long text --------------------------------------------------------------------------------


def test_a_600_character_name_never_makes_the_editor_wider_than_the_window(qtbot, window, workspace_2024):
    long_name = ("冀财政法2023年49号提前下达2024年中央政法纪检监察转移支付资金" * 20)[:600]
    select(window, NodeKind.DEPARTMENT)
    department = window.view.editors.department
    department.add_unit()
    ime_commit(department._unit_rows[-1].name, long_name)  # a unit with a very long name, too
    select(window, NodeKind.PROJECT)
    form = window.view.editors.project.form
    focus(qtbot, form.name)
    form.name.selectAll()
    ime_commit(form.name, long_name)
    assert stored_value(workspace_2024, lambda d: d.projects[0].name) == long_name
    QApplication.processEvents()

    assert window.width() == 1024
    editors = window.view.editors
    assert editors.mapTo(window, QPoint(editors.width(), 0)).x() <= window.width()
    assert form.minimumSizeHint().width() < 600
    assert form.width() <= editors.width()
    assert window.minimumSizeHint().width() <= 1024
    for page in (department, window.view.editors.sub_goal, window.view.editors.measure):
        assert page.minimumSizeHint().width() < 800, page
    assert form.heading.text().endswith("…")  # cut to the width, all of it in the tooltip
    assert long_name in form.heading.toolTip()
    assert form.unit.count() == 3
    assert form.unit.minimumSizeHint().width() < 300

    # a line edit too narrow for its text shows all of it in a tooltip
    point = form.name.rect().center()
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, form.name.mapToGlobal(point))
    QApplication.sendEvent(form.name, help_event)
    assert long_name in QToolTip.text().replace("\n", "")
    QToolTip.hideText()


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
