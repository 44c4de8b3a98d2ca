"""The main window's shell, driven through real widgets: confirmations, Chinese Qt dialogs, unnamed projects.

The window is made active first: shortcuts (Delete, F6, Ctrl+1…) reach only the active window.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QSettings, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
)

from perfdesk.ui import dialogs
from perfdesk.ui.app import FOCUS_COLOR, make_application
from perfdesk.ui.commands import SetFieldCommand
from perfdesk.ui.main_window import MainWindow, first_size
from perfdesk.ui.tree import NodeKind

pytestmark = pytest.mark.gui

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _tmp_qsettings(qapp, tmp_path: Path):
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


class Questions:
    """Message boxes shown with ``exec``: each one's text and button texts, answered by a button's text."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, list[str], str]] = []
        self.answer = "取消"

    def __call__(self, box: QMessageBox) -> int:
        default = box.defaultButton()
        self.asked.append((box.text(), [b.text() for b in box.buttons()], default.text() if default else ""))
        next(b for b in box.buttons() if b.text() == self.answer).click()
        return 0


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    answers = Questions()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers(box))
    return answers


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def nodes(win: MainWindow, kind: NodeKind) -> list:
    assert win.view is not None
    model = win.view.model
    return [n for n in model.node(model.index(0, 0)).walk() if n.kind == kind]


def select(win: MainWindow, kind: NodeKind, nth: int = 0):
    assert win.view is not None
    node = nodes(win, kind)[nth]
    win.view.tree.select_index(win.view.model.index_of(node))
    return node


# --- 7. Delete on the tree ---------------------------------------------------------------------------


def test_delete_key_on_a_tree_item_asks_with_chinese_buttons_and_undo_restores(
    qtbot, window, workspace_2024, questions
):
    assert window.open_path(workspace_2024)
    assert window.edits is not None
    tree = window.view.tree
    projects = window.edits.departments()[0].projects
    count, first = len(projects), projects[0].name
    select(window, NodeKind.PROJECT)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)

    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # 取消: nothing happens
    assert len(questions.asked) == 1
    text, buttons, default = questions.asked[0]
    assert buttons == ["删除", "取消"]
    assert default == "取消"
    assert f"确定删除“{first}”吗？" in text
    assert "Ctrl+Z" in text
    assert len(window.edits.departments()[0].projects) == count

    questions.answer = "删除"
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert len(window.edits.departments()[0].projects) == count - 1
    assert first not in [p.name for p in window.edits.departments()[0].projects]
    window.named_actions["undo"].trigger()
    assert window.edits.departments()[0].projects[0].name == first

    select(window, NodeKind.PROJECT)
    tree.setFocus()
    window.named_actions["delete"].trigger()  # 编辑 → 删除: the same question, the same result
    assert questions.asked[-1][1] == ["删除", "取消"]
    assert len(window.edits.departments()[0].projects) == count - 1
    window.named_actions["undo"].trigger()
    assert len(window.edits.departments()[0].projects) == count


def test_delete_key_on_a_group_or_in_a_field_asks_nothing(qtbot, window, workspace_2024, questions):
    assert window.open_path(workspace_2024)
    tree = window.view.tree
    select(window, NodeKind.BUDGET)  # a group: nothing to delete
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    select(window, NodeKind.PROJECT)
    name = window.view.editors.project.form.name
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.setCursorPosition(0)
    before = name.text()
    qtbot.keyClick(name, Qt.Key.Key_Delete)  # the line edit deletes a character, not the project
    assert questions.asked == []
    assert name.text() == before[1:]


def test_every_confirmation_names_its_action_never_yes_no(qtbot, questions):
    questions.answer = "替换"
    assert dialogs.confirm(None, "要用导入的内容替换吗？", "导入", "替换")
    questions.answer = "取消"
    assert not dialogs.confirm_delete(None, "某单位")
    assert not dialogs.confirm(None, "继续吗？")
    assert [buttons for _text, buttons, _default in questions.asked] == [
        ["替换", "取消"],
        ["删除", "取消"],
        ["确定", "取消"],
    ]
    assert all(default == "取消" for _text, _buttons, default in questions.asked)


# --- 8. Qt's own dialogs in Chinese ------------------------------------------------------------------


def chinese(texts: list[str]) -> bool:
    return bool(texts) and all(CJK.search(text) for text in texts)


def test_standard_buttons_and_dialogs_are_chinese_after_make_application(qtbot):
    make_application()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "请确认",
        "继续吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert chinese([b.text() for b in box.buttons()])
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "取消"])

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert [b.text() for b in buttons.buttons()] == ["确定", "取消"]

    ask = QInputDialog()
    qtbot.addWidget(ask)
    ask.show()
    assert chinese([b.text() for b in ask.findChildren(QAbstractButton)])

    files = QFileDialog(None, "打开工作区")  # Qt's own dialog (Windows shows its native one, already Chinese)
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    files.show()
    texts = [b.text() for b in files.findChildren(QAbstractButton) if b.text()]
    texts += [label.text() for label in files.findChildren(QLabel) if label.text()]
    assert chinese(texts), texts
    tips = [b.toolTip() for b in files.findChildren(QAbstractButton) if b.toolTip()]
    assert chinese(tips), tips


def test_dates_and_numbers_follow_the_chinese_locale(qtbot):
    make_application()
    locale = QLocale()
    assert locale.name() == "zh_CN"
    assert locale.toString(QDate(2026, 11, 30), QLocale.FormatType.LongFormat).startswith("2026年11月30日")
    assert locale.toString(QDate(2026, 11, 30), QLocale.FormatType.ShortFormat) == "2026/11/30"
    app = QApplication.instance()
    assert app is not None
    assert app.property("perfdeskTranslator") is not None


# --- 11. a project without a name ----------------------------------------------------------------------


def test_a_nameless_project_is_shown_as_unnamed(qtbot, window, workspace_2024):
    assert window.open_path(workspace_2024)
    assert window.edits is not None
    project = window.edits.departments()[0].projects[0]
    window.edits.set_field(project, "name", "")
    label = nodes(window, NodeKind.PROJECT)[0].label
    assert label == "1 （未命名项目）"
    select(window, NodeKind.PROJECT)
    assert "（未命名项目）绩效目标表" in window.view.editors.project.form.heading.text()
    assert window.view.tree.currentIndex().data(Qt.ItemDataRole.ToolTipRole).splitlines()[1] == "（未命名项目）"
    assert "未命名" not in window.windowTitle()  # the title names the department and the file only


# --- 9. the grid is the main work area -------------------------------------------------------------


def show_project(qtbot, win: MainWindow, nth: int = 2):
    """Select the ``nth`` project (the 2021 sample's third has 9 indicator rows) and let the page settle."""
    select(win, NodeKind.PROJECT, nth)
    assert win.view is not None
    page = win.view.editors.project
    qtbot.wait(20)  # the grid re-wraps its rows, the page fits the header again
    QApplication.processEvents()
    return page


def fully_visible_rows(page) -> int:
    view = page.grid.view
    bottom, count = 0, 0
    for row in range(view.model().rowCount()):
        bottom += view.rowHeight(row)
        if bottom > view.viewport().height():
            break
        count += 1
    return count


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_grid_shows_six_rows_with_the_check_panel_open_and_nothing_is_clipped(qtbot, window, workspace_2021, size):
    window.settings.add_recent(workspace_2021)
    window._show_welcome()  # the welcome page lists a recent file: it must not hold the window taller
    window.resize(*size)
    assert window.open_path(workspace_2021)
    assert window.check_dock.isVisible()
    page = show_project(qtbot, window)
    assert window.size().toTuple() == size  # the window's minimum fits: nothing is cut at its edges
    assert page.grid.model.rowCount() >= 6
    assert fully_visible_rows(page) >= 6
    header, grid = page.sizes()
    assert header < grid  # the header form never takes most of the page
    form = page.form
    # the header pane ends below a whole row of fields (the rest scrolls), or shows the whole form
    assert header >= form.sizeHint().height() or header in form.row_ends()
    assert header >= form.row_ends()[0]  # at least the heading and the first row of fields
    for part in (page.grid.toolbar, page.grid.view.horizontalHeader(), page.grid.status):
        assert part.isVisible()
        assert part.mapTo(page.grid, part.rect().bottomLeft()).y() < page.grid.height()
    if size == (1600, 1000):  # room enough: the whole header and every grid row
        assert header >= form.sizeHint().height()
        assert fully_visible_rows(page) == page.grid.model.rowCount()


def test_folding_the_header_gives_the_grid_its_height_and_is_remembered(qtbot, window, workspace_2021):
    window.resize(1024, 700)
    assert window.open_path(workspace_2021)
    page = show_project(qtbot, window)
    form = page.form
    rows_before, grid_before = fully_visible_rows(page), page.sizes()[1]
    assert form.collapse_button.text() == "收起表头 ▴"
    qtbot.mouseClick(form.collapse_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert form.is_collapsed()
    assert not form.code.isVisible()
    assert form.collapse_button.text() == "展开表头 ▾"
    assert form.summary.isVisible()
    assert "预算数" in form.summary.text()
    assert page.sizes()[0] == form.sizeHint().height()  # the heading line only
    assert page.sizes()[1] > grid_before
    assert fully_visible_rows(page) >= rows_before
    show_project(qtbot, window, 0)  # another project: still folded
    assert form.is_collapsed()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_path(workspace_2021)
    page = show_project(qtbot, again)
    assert page.form.is_collapsed()
    page.form.collapse_button.click()
    assert not page.form.is_collapsed()
    assert page.form.code.isVisible()


def test_the_header_height_the_clerk_drags_to_is_remembered(qtbot, window, workspace_2021):
    window.resize(1600, 1000)
    assert window.open_path(workspace_2021)
    page = show_project(qtbot, window)
    page.moveSplitter(150, 1)  # the clerk drags the handle between header and grid
    chosen = page.sizes()[0]
    assert chosen < page.form.sizeHint().height()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1600, 1000)
    again.show()
    assert again.open_path(workspace_2021)
    page = show_project(qtbot, again)
    assert page.sizes()[0] <= chosen  # at most what was chosen, cut below a whole row of fields
    assert page.sizes()[0] in page.form.row_ends()
    assert page.sizes()[0] > chosen - 40


def test_a_finding_in_a_folded_header_unfolds_it_and_focuses_the_field(qtbot, window, workspace_2021):
    assert window.open_path(workspace_2021)
    page = show_project(qtbot, window, 0)
    page.form.set_collapsed(True)
    assert window.checks is not None
    finding = next(f for f in window.checks.findings_now() if f.location.field == "plan_3")
    window._go_to_finding(finding)
    assert not page.form.is_collapsed()
    qtbot.waitUntil(page.form.plan["3"].edit.hasFocus)


# --- 12. focus you can see, regions you can reach ------------------------------------------------------


def focus_frame(widget) -> str:
    """The colour of the widget's left frame edge, halfway down (its 2px focus frame, or the plain one)."""
    QApplication.processEvents()
    image = widget.grab().toImage()
    return image.pixelColor(1, widget.height() // 2).name()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key the clerk presses wherever the focus is."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_the_focused_tree_grid_and_field_carry_a_visible_frame(qtbot, window, workspace_2021):
    assert window.open_path(workspace_2021)
    page = show_project(qtbot, window)
    tree, grid, field = window.view.tree, page.grid.view, page.form.name
    window.checks.table.setFocus()
    qtbot.waitUntil(window.checks.table.hasFocus)
    plain = {name: focus_frame(w) for name, w in (("tree", tree), ("grid", grid), ("field", field))}
    for name, widget in (("tree", tree), ("grid", grid), ("field", field)):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        assert focus_frame(widget) == FOCUS_COLOR, name
        assert plain[name] != FOCUS_COLOR, name  # only the focused one is marked
    assert focus_frame(tree) != FOCUS_COLOR  # the field has the focus now


def test_f6_and_ctrl_digits_move_between_tree_editor_grid_and_checks(qtbot, window, workspace_2021):
    assert window.open_path(workspace_2021)
    page = show_project(qtbot, window)
    regions = window.focus_regions
    window.view.tree.setFocus()
    qtbot.waitUntil(window.view.tree.hasFocus)
    seen = []
    for _ in range(5):
        press(qtbot, Qt.Key.Key_F6)
        seen.append(regions.current())
    assert seen == ["editor", "grid", "checks", "tree", "editor"]
    assert QApplication.focusWidget() is page.form.code  # the editor's first field
    press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert regions.current() == "tree"
    press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert regions.current() == "checks"
    assert QApplication.focusWidget() is window.checks.table

    for key, region in ((Qt.Key.Key_3, "grid"), (Qt.Key.Key_1, "tree"), (Qt.Key.Key_4, "checks")):
        press(qtbot, key, Qt.KeyboardModifier.ControlModifier)
        assert regions.current() == region
    assert QApplication.focusWidget() is window.checks.table

    page.form.name.setFocus()  # the clerk was typing a name: Ctrl+2 comes back there
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.form.name

    page.form.set_collapsed(True)  # a folded header: F6 passes it by, Ctrl+2 opens it
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_F6)
    assert regions.current() == "grid"
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert not page.form.is_collapsed()
    assert regions.current() == "editor"


def test_ctrl_3_without_a_grid_says_so_and_leaves_the_focus(qtbot, window, workspace_2021):
    assert window.open_path(workspace_2021)
    select(window, NodeKind.DEPARTMENT)
    window.view.tree.setFocus()
    qtbot.waitUntil(window.view.tree.hasFocus)
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tree.hasFocus()
    assert "绩效指标表" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the department form's first field
    assert QApplication.focusWidget() is window.view.editors.department.name


def test_no_two_actions_share_a_shortcut(qtbot, window, workspace_2021):
    assert window.open_path(workspace_2021)
    show_project(qtbot, window)
    owners: dict[str, set[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), set()).add(action.text())
    clashes = {key: texts for key, texts in owners.items() if len(texts) > 1}
    assert clashes == {}
    for key in ("F6", "Shift+F6", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Del", "F7"):
        assert key in owners


# --- 14. the first five minutes ------------------------------------------------------------------------


def test_the_welcome_page_says_what_to_do_in_three_lines(qtbot, window):
    assert window.central.currentWidget() is window.welcome
    steps = window.welcome.steps
    assert steps.isVisible()
    assert steps.text().count("<li") == 3
    text = re.sub("<[^>]+>", "", steps.text())
    for words in ("新建", "打开示例", "从上到下", "左侧目录", "F7 检查", "导出 Word", "F1"):
        assert words in text


def test_f1_opens_the_guide_inside_the_app(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "使用说明"
    text = dialog.browser.toPlainText()
    for words in (
        "左侧目录",
        "F2",
        "Enter",
        "Tab",
        "Ctrl+C / Ctrl+V",
        "Excel",
        "Insert 或 Ctrl+Enter",
        "Ctrl+Shift+↑",
        "Ctrl+Z",
        "Ctrl+Y",
        "F7",
        "双击",
        "导出 Word",
        "F6",
        "Ctrl+1",
    ):
        assert words in text, words
    window.named_actions["help"].trigger()  # again: the same dialog, to the front
    assert window.help_dialog is dialog
    dialog.close()


def test_edit_actions_are_off_while_no_file_is_open(qtbot, window, workspace_2024):
    edit = ("undo", "redo", "copy", "paste", "delete")
    assert not any(window.named_actions[name].isEnabled() for name in edit)
    assert not window.named_actions["focus_grid"].isEnabled()
    assert window.open_path(workspace_2024)
    assert all(window.named_actions[name].isEnabled() for name in ("copy", "paste", "delete", "focus_grid"))
    assert not window.named_actions["undo"].isEnabled()  # nothing to undo yet
    assert window.edits is not None
    project = window.edits.departments()[0].projects[0]
    window.undo_stack.push(SetFieldCommand(window.edits, project, "name", "改", "修改项目名称"))
    assert window.named_actions["undo"].isEnabled()
    window.close_workspace()
    window._show_welcome()
    assert not any(window.named_actions[name].isEnabled() for name in edit)


def test_the_check_panel_starts_small_and_keeps_the_height_the_clerk_gives_it(qtbot, window, workspace_2021):
    window.resize(1280, 820)
    assert window.open_path(workspace_2021)
    QApplication.processEvents()
    assert window.check_dock.height() <= 0.25 * window.height()  # a fifth of the window at first
    window.resizeDocks([window.check_dock], [260], Qt.Orientation.Vertical)
    QApplication.processEvents()
    chosen = window.check_dock.height()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1280, 820)
    again.show()
    assert again.open_path(workspace_2021)
    QApplication.processEvents()
    assert again.check_dock.height() == chosen


def test_the_first_window_fits_a_small_screen_and_keeps_its_size_on_a_large_one(qtbot) -> None:
    """No saved geometry yet: a 1024×768 office PC gets a window inside its screen, not one 1280 wide."""
    assert first_size(QSize(1024, 738)) == QSize(1024, 738)
    assert first_size(QSize(1920, 1040)) == QSize(1280, 820)
    win = MainWindow()
    qtbot.addWidget(win)
    available = win.screen().availableGeometry().size()
    assert win.width() <= available.width(), (win.size(), available)
    assert win.height() <= available.height(), (win.size(), available)
    assert win.size() == first_size(available).expandedTo(win.minimumSizeHint())
