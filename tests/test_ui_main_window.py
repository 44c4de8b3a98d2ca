"""The main window driven through real widgets: create, edit, undo/redo, reopen from disk."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from perfdesk.models import Collection, open_workspace
from perfdesk.ui import dialogs
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.settings import AppSettings
from perfdesk.ui.tree import NodeKind
from perfdesk.ui.tree.model import NodeRole
from tests.conftest import make_workspace
from tests.docx_clerk import JULU, julu_document, with_unknown_row
from tests.qt_helpers import ime_commit, type_text
from tests.window_settings import private_qsettings  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.gui


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answer Yes (a question box: its accept button) and record their text instead of blocking."""
    shown: list[str] = []

    def record(_parent, _title, text, *_args, **_kw):
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    def accept(box: QMessageBox) -> int:  # dialogs.ask: 删除 / 替换 … rather than Yes
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
        return 0

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", accept)
    return shown


@pytest.fixture
def window(qtbot, boxes) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def select(win: MainWindow, kind: NodeKind, nth: int = 0):
    view = win.view
    assert view is not None
    nodes = [n for n in view.model.node(view.model.index(0, 0)).walk() if n.kind == kind]
    view.tree.select_index(view.model.index_of(nodes[nth]))
    return nodes[nth]


def label_of(win: MainWindow, kind: NodeKind, nth: int = 0) -> str:
    view = win.view
    assert view is not None
    nodes = [n for n in view.model.node(view.model.index(0, 0)).walk() if n.kind == kind]
    return nodes[nth].label


def press_return(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_create_department_add_project_type_undo_redo_reopen(qtbot, window, boxes, tmp_path, monkeypatch):
    target = tmp_path / "新工作区.perfdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(dialogs, "ask_new_department", lambda _parent, _existing: ("测试司法局", 2025))
    window.named_actions["new"].trigger()
    assert window.view is not None
    assert target.exists()
    assert label_of(window, NodeKind.DEPARTMENT) == "测试司法局 2025年"
    assert "测试司法局2025年部门预算绩效文本" in window.windowTitle()
    assert target.name in window.windowTitle()

    # add a project from the 预算项目 group page's button
    select(window, NodeKind.BUDGET)
    page = window.view.editors.group
    assert page.add_button.text() == "添加预算项目"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert window.view.tree.current_node().kind == NodeKind.PROJECT
    form = window.view.editors.project.form
    assert window.view.editors.currentWidget() is window.view.editors.project

    # header fields, typed as a clerk would (key events carrying Chinese, and an IME commit)
    form.name.selectAll()
    type_text(form.name, "法律援助")
    ime_commit(form.name, "经费")
    assert label_of(window, NodeKind.PROJECT) == "1 法律援助经费"  # the tree follows at once
    form.code.setFocus()
    qtbot.keyClicks(form.code, "13052924P00584012128B")
    form.budget.edit.selectAll()
    qtbot.keyClicks(form.budget.edit, "12.50")
    press_return(qtbot, form.budget.edit)
    qtbot.keyClicks(form.fiscal.edit, "12,50")  # a comma: refused with the reason, never saved
    press_return(qtbot, form.fiscal.edit)
    assert form.fiscal.error() is not None
    assert "逗号" in form.fiscal.error()
    assert "background: #ffebee" in form.fiscal.edit.styleSheet()
    form.fiscal.edit.selectAll()
    qtbot.keyClicks(form.fiscal.edit, "12.50")
    press_return(qtbot, form.fiscal.edit)
    assert form.fiscal.error() is None
    type_text(form.purpose, "用于法律援助")
    qtbot.mouseClick(form.goals.add_button, Qt.MouseButton.LeftButton)
    type_text(form.goals.edits[0], "保障法律援助工作需要")
    press_return(qtbot, form.goals.edits[0])
    assert "12.50" in window.totals_label.text()
    assert form.funds_mark.text() == "✓ 相符"

    project = window.edits.departments()[0].projects[0]
    assert (project.name, project.code, project.budget, project.fiscal_funds) == (
        "法律援助经费",
        "13052924P00584012128B",
        Decimal("12.50"),
        Decimal("12.50"),
    )
    assert project.purpose == "用于法律援助"
    assert project.goals == ["保障法律援助工作需要"]

    # undo the goal line, the purpose, the fiscal funds; redo them; typing merged into single steps
    window.named_actions["undo"].trigger()
    assert form.goals.lines() == [""]  # the typed line, then the added empty line
    window.named_actions["undo"].trigger()
    assert form.goals.lines() == []
    window.named_actions["undo"].trigger()
    assert form.purpose.toPlainText() == ""
    window.named_actions["undo"].trigger()
    assert form.fiscal.edit.text() == ""
    assert project.fiscal_funds is None
    for _ in range(4):
        window.named_actions["redo"].trigger()
    assert form.goals.lines() == ["保障法律援助工作需要"]
    assert form.purpose.toPlainText() == "用于法律援助"

    # structural undo: delete the project (confirmed), undo brings it back with its content
    select(window, NodeKind.PROJECT)
    window.view.tree.setFocus()
    window.view.tree.delete_selected()
    assert window.edits.departments()[0].projects == []
    window.named_actions["undo"].trigger()
    assert label_of(window, NodeKind.PROJECT) == "1 法律援助经费"

    window.close()
    with open_workspace(target, read_only=True) as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        saved = dept.projects[0]
        assert dept.label() == "测试司法局 2025年"
        assert (saved.name, saved.budget, saved.fiscal_funds, saved.purpose, saved.goals) == (
            "法律援助经费",
            Decimal("12.50"),
            Decimal("12.50"),
            "用于法律援助",
            ["保障法律援助工作需要"],
        )
    assert AppSettings().last_file == target.resolve()

    # a new window opens the last file and shows the same content
    again = MainWindow()
    qtbot.addWidget(again)
    last_file = AppSettings().last_file
    assert last_file is not None
    assert again.open_path(last_file)
    assert label_of(again, NodeKind.PROJECT) == "1 法律援助经费"
    again.close()


def test_bad_budget_is_refused_with_reason(qtbot, window, workspace_2024):
    window.open_path(workspace_2024)
    select(window, NodeKind.PROJECT, 0)
    form = window.view.editors.project.form
    before = form.entity().budget
    form.budget.edit.selectAll()
    type_text(form.budget.edit, "２万元")
    press_return(qtbot, form.budget.edit)
    assert form.budget.error()
    assert form.budget.reason.isVisibleTo(form)
    assert form.entity().budget == before
    assert window.undo_stack.count() == 0
    window.close()
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].projects[0].budget == before


def test_selecting_a_project_shows_its_rows_in_the_grid(qtbot, window, workspace_2024):
    window.open_path(workspace_2024)
    dept = window.edits.departments()[0]
    for nth in (0, 3):
        select(window, NodeKind.PROJECT, nth)
        grid = window.view.editors.project.grid
        assert grid.model.rowCount() == len(dept.projects[nth].indicators) > 0
        assert grid.isEnabled()


def test_tree_reorder_duplicate_and_rename_follow_edits(qtbot, window, workspace_2024):
    window.open_path(workspace_2024)
    tree = window.view.tree
    first = label_of(window, NodeKind.PROJECT, 0)[2:]
    second = label_of(window, NodeKind.PROJECT, 1)[2:]
    select(window, NodeKind.PROJECT, 0)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert label_of(window, NodeKind.PROJECT, 0) == f"1 {second}"
    assert label_of(window, NodeKind.PROJECT, 1) == f"2 {first}"
    assert tree.current_node().edit_value == first  # the moved project stays selected
    window.named_actions["undo"].trigger()
    assert label_of(window, NodeKind.PROJECT, 0) == f"1 {first}"

    node = select(window, NodeKind.SUB_GOAL, 1)
    count = len(window.edits.departments()[0].sub_goals)
    tree.build_menu(node)  # builds without error
    window.view.structure.duplicate(node)
    assert len(window.edits.departments()[0].sub_goals) == count + 1
    assert tree.current_node().edit_value.endswith("（副本）")

    # rename through the tree's own editor (F2), then the editor shows the new title
    model = window.view.model
    index = tree.currentIndex()
    model.setData(index, "改过的标题")
    assert window.view.editors.sub_goal.title.text() == "改过的标题"
    assert index.data(NodeRole).label.endswith("改过的标题")


def test_add_from_an_item_inserts_one_of_its_kind_after_it(qtbot, window, workspace_2024):
    """The context menu's 添加… on an item (not only on its group) names and adds an item of the item's list."""
    window.open_path(workspace_2024)
    tree, structure = window.view.tree, window.view.structure
    dept = window.edits.departments()[0]
    for kind, items, words, new_name in (
        (NodeKind.PROJECT, lambda: dept.projects, "添加预算项目", "新项目"),
        (NodeKind.SUB_GOAL, lambda: dept.sub_goals, "添加分项目标", "新分项目标"),
        (NodeKind.MEASURE, lambda: dept.measures, "添加保障措施", "新保障措施。"),
    ):
        node = select(window, kind, 0)
        menu = tree.build_menu(node)
        assert menu.actions()[0].text() == words
        count = len(items())
        menu.actions()[0].trigger()
        assert len(items()) == count + 1
        assert tree.current_node().edit_value == new_name
        assert tree.current_node().kind == kind
        assert structure.location(tree.current_node())[2] == 1  # right after the item the menu was opened on
    special = window.view.model.node(window.view.model.find(NodeKind.SPECIAL))
    assert tree.build_menu(special).actions()[0].text() == "添加专项资金"
    structure.add(special)
    assert [p.name for p in dept.special_funds] == ["新专项资金"]
    assert tree.current_node().items.name is Collection.SPECIAL_FUNDS
    assert structure.add_text(tree.current_node()) == "添加专项资金"


def test_export_json_runs_in_background(qtbot, window, workspace_2024, tmp_path, monkeypatch):
    from perfdesk.ui import export_dialog

    window.open_path(workspace_2024)
    out = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    results = []
    monkeypatch.setattr(export_dialog, "offer_open", lambda _parent, result: results.append(result))
    window.named_actions["export_json"].trigger()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert out.exists()
    assert results[0].path == out


def export_menu_texts(win: MainWindow) -> list[str]:
    file_menu = win.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    export_menu = next(a.menu() for a in file_menu.actions() if a.menu() and a.text() == "导出(&E)")
    assert isinstance(export_menu, QMenu)
    return [action.text() for action in export_menu.actions() if not action.isSeparator()]


def test_export_menu_offers_only_formats_with_a_writer(window):
    """Word, Excel and JSON have writers; nothing else is offered (no entry that could only say 'in development')."""
    assert export_menu_texts(window) == [
        "导出 Word(&W)…",
        "导出 Excel(&E)…",
        "导出 JSON(&J)…",
        "空白部分印“无”（不勾选则不印该部分）",  # the Word option, not a format
    ]
    assert "export_ods" not in window.named_actions


def test_export_excel_writes_the_workbook_in_the_background_and_offers_to_open_it(
    qtbot, window, workspace_2024, tmp_path, monkeypatch
):
    import openpyxl

    from perfdesk.ui import export_dialog

    window.open_path(workspace_2024)
    select(window, NodeKind.DEPARTMENT)
    out = tmp_path / "巨鹿.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)  # export despite the sample's errors, if any
    results = []
    monkeypatch.setattr(export_dialog, "offer_open", lambda _parent, result: results.append(result))
    window.named_actions["export_xlsx"].trigger()
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    assert results[0].path == out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["部门整体绩效目标", "项目汇总", "1.法律援助经费"]


def test_the_export_menus_empty_parts_option_reaches_the_word_file_and_is_remembered(
    qtbot, window, tmp_path, monkeypatch
):
    """Unchecked, an empty 第一部分 is left out of the Word file (the CLI's --empty-parts omit)."""
    import json

    import docx

    from perfdesk.ui import export_dialog
    from perfdesk.ui.settings import AppSettings
    from tests.conftest import cli_main
    from tests.test_export_docx_review import empty_part_one

    source = tmp_path / "empty.json"
    source.write_text(json.dumps(empty_part_one(), ensure_ascii=False), "utf-8")
    workspace = tmp_path / "empty.perfdesk"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    window.open_path(workspace)
    select(window, NodeKind.DEPARTMENT)
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    results: list = []
    monkeypatch.setattr(export_dialog, "offer_open", lambda _parent, result: results.append(result))

    def export_word(name: str) -> list[str]:
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
        results.clear()
        window.named_actions["export_docx"].trigger()
        qtbot.waitUntil(lambda: bool(results), timeout=20000)
        return [p.text for p in docx.Document(str(out)).paragraphs]

    option = window.empty_parts_action
    assert option.isChecked()
    assert "无" in export_word("kept.docx")
    option.trigger()  # the clerk unticks it in 文件 → 导出
    assert AppSettings().empty_parts == "omit"
    texts = export_word("omitted.docx")
    assert "无" not in texts
    assert not [t for t in texts if "总体绩效目标" in t]


def test_import_dialog_reads_an_edited_workbook(qtbot, window, workspace_2024, tmp_path, monkeypatch):
    import openpyxl

    from perfdesk.ui.main_window import import_file_filter

    xlsx = tmp_path / "edited.xlsx"
    from tests.conftest import cli_main

    assert cli_main("export", workspace_2024, xlsx).returncode == 0
    book = openpyxl.load_workbook(xlsx)
    sheet = book["1.法律援助经费"]
    sheet["E2"].value = "法律援助经费（改）"
    book.save(xlsx)
    window.open_path(workspace_2024)
    filters = []

    def open_names(_parent, _title, _folder, file_filter):
        filters.append(file_filter)
        return [str(xlsx)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)  # replace the department-year
    window.named_actions["import"].trigger()
    assert filters == [import_file_filter()]
    entries = filters[0].split(";;")
    assert entries[0].startswith("可导入的文件 (*.json *.xlsx")  # every readable format first (Word too)
    assert {"perfdesk JSON (*.json)", "Excel 工作簿 (*.xlsx)"} <= set(entries[1:])
    assert window.edits.departments()[0].projects[0].name == "法律援助经费（改）"


def test_a_writer_registered_in_the_export_registry_gets_its_menu_entry(
    qtbot, boxes, workspace_2024, tmp_path, monkeypatch
):
    from perfdesk.export import registry
    from perfdesk.ui import export_dialog

    def load():
        def write(departments, target, *, progress=None):
            target.write_text("、".join(d.label() for d in departments), "utf-8")
            return target

        return write

    ods = registry.ExportFormat(".ods", "ODS", one_department=True, load=load, document="ODS 表格")
    registry.formats()  # the built-in writers register first (lazily, on first use), as in the app
    monkeypatch.setitem(registry.FORMATS, ".ods", ods)
    win = MainWindow()
    qtbot.addWidget(win)
    assert export_menu_texts(win)[:4] == ["导出 Word(&W)…", "导出 Excel(&E)…", "导出 ODS(&O)…", "导出 JSON(&J)…"]
    assert not win.named_actions["export_ods"].isEnabled()  # nothing open yet
    win.open_path(workspace_2024)
    asked = []

    def save_name(_parent, title, suggested, file_filter):
        asked.append((title, Path(suggested).suffix, file_filter))
        return str(tmp_path / "out"), ""  # the suffix is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    results = []
    monkeypatch.setattr(export_dialog, "offer_open", lambda _parent, result: results.append(result))
    win.named_actions["export_ods"].trigger()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert asked == [("导出 ODS", ".ods", "ODS 表格 (*.ods)")]
    assert (tmp_path / "out.ods").read_text("utf-8") == "巨鹿县司法局 2024年"


def test_import_of_a_department_year_already_there_asks_to_replace_it(
    qtbot, window, workspace_2024, boxes, monkeypatch
):
    from tests.conftest import FIXTURE_2024

    window.open_path(workspace_2024)
    window.edits.set_field(window.edits.departments()[0].projects[0], "name", "改过的名称")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(FIXTURE_2024)], "")))
    answers = [False, True]
    asked = []

    def confirm(_parent, text, _title="", _accept=""):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    window.named_actions["import"].trigger()  # the clerk says no: nothing changes, no error
    assert len(asked) == 1
    assert "已有“巨鹿县司法局 2024年”" in asked[0]
    assert "--replace" not in asked[0]  # the command line's advice is not the window's
    assert boxes == []
    assert window.edits.departments()[0].projects[0].name == "改过的名称"
    window.named_actions["import"].trigger()  # yes: replaced from the file
    assert boxes == ["已替换：巨鹿县司法局 2024年"]
    assert window.edits.departments()[0].projects[0].name == "法律援助经费"


def test_welcome_page_and_recent_files(qtbot, window, workspace_2024):
    assert window.central.currentWidget() is window.welcome
    assert not window.named_actions["save_as"].isEnabled()
    window.open_path(workspace_2024)
    window.close_workspace()
    window._show_welcome()
    assert window.welcome.recent.count() == 1
    item = window.welcome.recent.item(0)
    window.welcome.recent.itemActivated.emit(item)
    assert window.edits is not None
    assert window.edits.path == workspace_2024


def test_save_as_switches_to_the_copy(qtbot, window, workspace_2024, tmp_path, monkeypatch, boxes):
    window.open_path(workspace_2024)
    copy = tmp_path / "copy.perfdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    window.named_actions["save_as"].trigger()
    assert window.edits.path == copy
    assert copy.name in window.windowTitle()
    window.named_actions["save_as"].trigger()  # onto the file in use: refused with the reason, nothing changes
    assert any("正在使用" in text for text in boxes)
    assert window.edits.path == copy
    select(window, NodeKind.PROJECT, 0)
    type_text(window.view.editors.project.form.name, "改")
    window.close()
    with open_workspace(copy, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].projects[0].name.endswith("改")
    with open_workspace(workspace_2024, read_only=True) as ws, ws.session() as session:
        assert not ws.departments(session)[0].projects[0].name.endswith("改")


def test_new_department_dialog_refuses_a_duplicate(qtbot):
    dialog = dialogs.NewDepartmentDialog(None, {("巨鹿县司法局", 2024)})
    qtbot.addWidget(dialog)
    type_text(dialog.name_edit, "巨鹿县司法局")
    dialog.year_spin.setValue(2024)
    dialog.accept()
    assert "已有" in dialog.message.text()
    assert dialog.result() == 0


def test_tree_model_passes_qtmodeltester_after_edits(qtbot, qtmodeltester, window, workspace_2024):
    window.open_path(workspace_2024)
    model = window.view.model
    qtmodeltester.check(model)
    node = select(window, NodeKind.PROJECT, 2)
    window.view.structure.move(node, -1)
    window.view.structure.duplicate(window.view.tree.current_node())
    window.named_actions["undo"].trigger()
    qtmodeltester.check(model)


# --- the 检查 panel in the window -------------------------------------------------------------


def checked(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.checks is not None and not win.checks.is_checking(), timeout=10000)


def break_funds(win: MainWindow, nth: int = 0):
    """Make 财政资金 + 其他资金 differ from 预算数 (R06, an error) in the nth budget project."""
    assert win.view is not None
    assert win.edits is not None
    dept = win.view.department()
    assert dept is not None
    project = dept.projects[nth]
    win.edits.set_field(project, "budget", project.budget + Decimal("3"))
    return project


def test_check_panel_marks_the_tree_and_jumps_to_the_field_and_the_cell(qtbot, window, workspace_2024):
    from perfdesk.checks import Severity
    from perfdesk.layout.indicator_table import COL_VALUE
    from perfdesk.models import Project
    from perfdesk.ui.check_panel import FindingRole
    from perfdesk.ui.tree.model import MarkRole

    assert window.check_dock.isHidden()  # nothing to check on the welcome page
    window.open_path(workspace_2024)
    assert window.check_dock.isVisible()
    assert window.named_actions["check"].isChecked()
    window.named_actions["check"].trigger()  # F7 hides the panel; the tree marks stay
    assert window.check_dock.isHidden()
    window.named_actions["check"].trigger()
    assert window.check_dock.isVisible()
    checked(qtbot, window)
    assert window.checks.counts.text() == "错误 0 · 警告 11 · 提示 1"
    project = break_funds(window)
    checked(qtbot, window)
    tree_model = window.view.model
    node_index = tree_model.find(NodeKind.PROJECT, (Project, project.id))
    assert node_index.data(MarkRole) is Severity.ERROR
    other = tree_model.find(NodeKind.PROJECT, (Project, window.view.department().projects[2].id))
    assert other.data(MarkRole) is Severity.WARNING

    table, proxy = window.checks.table, window.checks.proxy
    rows = {proxy.index(r, 0).data(FindingRole).rule: r for r in range(proxy.rowCount())}
    rect = table.visualRect(proxy.index(rows["R06"], 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.tree.current_node().handle == (Project, project.id)
    form = window.view.editors.project.form
    qtbot.waitUntil(form.fiscal.edit.hasFocus)

    r04 = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(FindingRole).rule == "R04")
    finding = proxy.index(r04, 0).data(FindingRole)
    table.setCurrentIndex(proxy.index(r04, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.view.tree.current_node().handle == (Project, finding.location.project_id)
    grid = window.view.editors.project.grid
    current = grid.view.currentIndex()
    assert (current.row(), current.column()) == (finding.location.indicator_index - 1, COL_VALUE)

    window.edits.set_field(project, "fiscal_funds", project.budget)  # fixed: the mark goes
    checked(qtbot, window)
    assert tree_model.find(NodeKind.PROJECT, (Project, project.id)).data(MarkRole) is not Severity.ERROR


@pytest.fixture
def export_answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The export question's text and the 导出 save dialogs opened (each cancelled)."""
    seen: dict[str, list] = {"questions": [], "save_dialogs": [], "answer": ["取消"]}

    def answer(box: QMessageBox) -> int:
        seen["questions"].append(box.text())
        next(b for b in box.buttons() if b.text() == seen["answer"][0]).click()
        return 0

    def save_dialog(_parent, title, *_args, **_kw):
        seen["save_dialogs"].append(title)
        return "", ""

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    return seen


def test_export_with_errors_asks_first_and_the_clerk_may_go_on(qtbot, window, workspace_2024, export_answers):
    window.open_path(workspace_2024)
    checked(qtbot, window)
    window.named_actions["export_docx"].trigger()  # no errors: no question
    assert export_answers["questions"] == []
    assert export_answers["save_dialogs"] == ["导出 Word"]
    break_funds(window, 0)
    break_funds(window, 1)  # not re-checked yet: the question must still count both
    window.named_actions["export_docx"].trigger()
    assert export_answers["questions"] == ["仍有 2 个错误，财政局可能退回。仍要导出吗？"]
    assert export_answers["save_dialogs"] == ["导出 Word"]  # 取消: nothing more happened
    export_answers["answer"][0] = "继续导出"
    window.named_actions["export_docx"].trigger()
    assert len(export_answers["questions"]) == 2
    assert export_answers["save_dialogs"] == ["导出 Word", "导出 Word"]


def test_hiding_the_check_panel_is_remembered(qtbot, boxes, workspace_2024):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.open_path(workspace_2024)
    assert first.check_dock.isVisible()
    first.named_actions["check"].trigger()  # F7
    assert not first.check_dock.isVisible()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.open_path(workspace_2024)
    assert not second.check_dock.isVisible()
    assert not second.named_actions["check"].isChecked()
    second.named_actions["check"].trigger()
    assert second.check_dock.isVisible()
    second.close()


# --- 导入 a Word file with remarks, 复制为下一年度 ---------------------------------------------------


def clerk_file_with_an_unknown_row(tmp_path: Path) -> Path:
    clerk = with_unknown_row(julu_document(projects=JULU["projects"][:2]))
    return clerk.save(tmp_path / "巨鹿县司法局2024.docx")


def stored_years(path: Path) -> list[int]:
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        return [d.fiscal_year for d in workspace.departments(session)]


def test_import_a_docx_with_remarks_then_roll_the_year_over(qtbot, window, boxes, tmp_path, monkeypatch):
    workspace = tmp_path / "ws.perfdesk"
    make_workspace(workspace, "2021").close()  # another department first: the imported one is shown
    window.open_path(workspace)
    word = clerk_file_with_an_unknown_row(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(word)], "")))

    window.named_actions["import"].trigger()

    report = window.import_report
    assert report is not None
    qtbot.waitUntil(report.isVisible)
    assert not report.isModal()
    assert boxes == []  # no blocking message box: the report stays open beside the grid
    rows = [
        (report.list.topLevelItem(i).text(0), report.list.topLevelItem(i).text(1))
        for i in range(report.list.topLevelItemCount())
    ]
    assert rows == [("巨鹿县司法局2024.docx：第1个表格（法律援助经费）第2行", "无法识别这一行（“项目属性”），已跳过。")]
    assert "巨鹿县司法局 2024年" in report.summary.text()
    report.copy_all()
    assert "第1个表格（法律援助经费）第2行" in QApplication.clipboard().text()
    shown = window.view.department()
    assert shown is not None
    assert shown.label() == "巨鹿县司法局 2024年"
    assert [p.name for p in shown.projects] == ["法律援助经费", "法治工作经费"]
    select(window, NodeKind.PROJECT, 1)  # the grid works with the report open
    assert window.view.department() is not None

    asked = []

    def ask_year(_parent, _title, text, year):
        asked.append((text, year))
        return 2025

    monkeypatch.setattr(dialogs, "ask_year", ask_year)
    select(window, NodeKind.DEPARTMENT, 1)
    window.named_actions["rollover"].trigger()

    assert asked[0][1] == 2025
    assert [d.label() for d in window.edits.departments()] == [
        "承德市司法局 2021年",
        "巨鹿县司法局 2024年",
        "巨鹿县司法局 2025年",
    ]
    opened = window.view.department()
    assert opened is not None
    assert opened.fiscal_year == 2025  # the new year is selected and shown
    assert opened.is_draft
    assert all(value is None for p in opened.projects for value in p.spending_plan.values())
    assert window.undo_stack.count() == 1
    assert stored_years(workspace) == [2021, 2024, 2025]

    window.undo_stack.undo()  # one step takes the whole new year away
    assert [d.fiscal_year for d in window.edits.departments()] == [2021, 2024]
    assert stored_years(workspace) == [2021, 2024]
    window.undo_stack.redo()
    assert stored_years(workspace) == [2021, 2024, 2025]

    select(window, NodeKind.DEPARTMENT, 1)
    window.named_actions["rollover"].trigger()  # 2025 is there already: refused, nothing added
    assert any("已有“巨鹿县司法局 2025年”" in text for text in boxes)
    assert stored_years(workspace) == [2021, 2024, 2025]
    assert window.undo_stack.count() == 1


def test_the_tree_menu_of_a_department_offers_the_roll_over(qtbot, window, workspace_2024, monkeypatch):
    window.open_path(workspace_2024)
    node = select(window, NodeKind.DEPARTMENT)
    menu = window.view.tree.build_menu(node)
    action = next(a for a in menu.actions() if a.text() == "复制为下一年度…")
    monkeypatch.setattr(dialogs, "ask_year", lambda *_a: None)  # the clerk cancels: nothing happens
    action.trigger()
    assert len(window.edits.departments()) == 1
    monkeypatch.setattr(dialogs, "ask_year", lambda *_a: 2026)
    action.trigger()
    assert [d.fiscal_year for d in window.edits.departments()] == [2024, 2026]
