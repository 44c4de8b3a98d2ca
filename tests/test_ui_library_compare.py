"""The 指标库 dialog and the 比较 view, driven through their widgets on real workspace files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from perfdesk.layout.indicator_table import COL_VALUE
from perfdesk.models import Department, open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.services.library import IndicatorLibrary, library_of
from perfdesk.ui import dialogs
from perfdesk.ui.app import make_application
from perfdesk.ui.compare_view import OTHER_FILE, CompareDialog
from perfdesk.ui.library_dialog import EntryDialog, LibraryDialog
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.tree import NodeKind
from tests.conftest import FIXTURE_2021, make_workspace, rolled_over_workspace

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def shown_boxes(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Private QSettings; message boxes record their text instead of blocking."""
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    shown: list[str] = []

    def record(_parent, _title, text, *_args, **_kw):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    return shown


@pytest.fixture
def library_dialog(qtbot: QtBot, workspace_2024: Path) -> Iterator[tuple[LibraryDialog, EditSession]]:
    edits = EditSession.open(workspace_2024)
    dialog = LibraryDialog(library_of(edits), str(workspace_2024.parent))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, edits
    edits.close()


def _cell(dialog: LibraryDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def _names(dialog: LibraryDialog) -> list[str]:
    return [_cell(dialog, row, 2) for row in range(dialog.table.rowCount())]


def test_search_by_initials_then_delete_an_entry(library_dialog, workspace_2024: Path) -> None:
    dialog, _edits = library_dialog
    total = dialog.table.rowCount()
    assert total > 38  # the starter set and the sample's own indicators
    dialog.search.setText("zjzc")
    assert _names(dialog) == ["资金支出准确率"]
    assert _cell(dialog, 0, 4) == "=100%"
    assert dialog.count.text() == f"共 {total} 条，找到 1 条"
    assert not dialog.buttons["delete"].isEnabled()
    dialog.table.selectRow(0)
    assert dialog.buttons["delete"].isEnabled()
    dialog.buttons["delete"].click()
    assert _names(dialog) == []
    dialog.search.clear()
    assert dialog.table.rowCount() == total - 1
    with open_workspace(workspace_2024) as workspace:
        assert IndicatorLibrary(workspace).find("质量指标", "资金支出准确率") is None


def test_add_an_entry_through_the_form(library_dialog, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, _edits = library_dialog

    def fill(form: EntryDialog) -> QDialog.DialogCode:
        form.level1.setEditText("产出指标")
        form.level2.setEditText("数量指标")
        form.name.setText("普法讲座场次")
        form.description.setText("年度内举办普法讲座的场次")
        form.value.setText("≥12场")
        form.basis.setEditText("计划标准")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntryDialog, "exec", fill)
    dialog.buttons["add"].click()
    dialog.search.setText("普法讲座")
    assert _names(dialog) == ["普法讲座场次"]
    row = [_cell(dialog, 0, column) for column in range(9)]
    assert row == [
        "产出指标",
        "数量指标",
        "普法讲座场次",
        "年度内举办普法讲座的场次",
        "≥12场",
        "计划标准",
        "",
        "",
        "手工添加",
    ]
    item = dialog.library.find("数量指标", "普法讲座场次")
    assert item is not None
    assert (item.op, item.value, item.unit) == ("≥", "12", "场")


def test_export_then_import_into_another_workspace(
    library_dialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_boxes: list[str]
) -> None:
    dialog, _edits = library_dialog
    shared = tmp_path / "同事的指标库.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(shared), "")))
    dialog.buttons["export"].click()
    entries = json.loads(shared.read_text("utf-8"))["entries"]
    assert len(entries) == dialog.table.rowCount()
    assert shown_boxes[-1].startswith(f"已把 {len(entries)} 条指标导出到")
    other = tmp_path / "other.perfdesk"
    make_workspace(other, "2021").close()
    with open_workspace(other) as workspace:
        theirs = LibraryDialog(IndicatorLibrary(workspace), str(tmp_path))
        qtbot.addWidget(theirs)
        before = theirs.table.rowCount()
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(shared)], "")))
        theirs.buttons["import"].click()
        assert theirs.table.rowCount() > before
        assert "新增" in shown_boxes[-1]
        theirs.search.setText("宣传覆盖率")  # a 巨鹿 2024 indicator, now in the 承德 workspace
        assert "宣传覆盖率" in _names(theirs)
        assert _cell(theirs, _names(theirs).index("宣传覆盖率"), 8) == "导入"


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """巨鹿 2024 and a 2025 rolled over from it, with project 1's second value and its budget changed."""

    def edit(new: Department) -> None:
        new.projects[0].indicators[1].value = "95"
        new.projects[0].budget += 1

    return rolled_over_workspace(tmp_path / "years.perfdesk", edit)


def _changes(dialog: CompareDialog) -> list[QTreeWidgetItem]:
    found = []
    for group in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(group)
        assert top is not None
        for child in range(top.childCount()):
            item = top.child(child)
            assert item is not None
            found.append(item)
    return found


def test_compare_shows_the_changes_and_opens_one_in_the_window(qtbot: QtBot, two_years: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(two_years)
    view = window.view
    assert view is not None
    departments = window.edits.departments() if window.edits else []
    new = next(d for d in departments if d.fiscal_year == 2025)
    view.tree.select_index(view.model.find(NodeKind.DEPARTMENT, (Department, new.id)))
    assert window.named_actions["compare"].isEnabled()
    window.named_actions["compare"].trigger()
    dialog = window.compare_dialog
    assert isinstance(dialog, CompareDialog)
    assert dialog.isVisible()
    assert dialog.summary.text() == "巨鹿县司法局 2024年 → 巨鹿县司法局 2025年：新增 0 · 删除 0 · 改名 0 · 修改 2"
    rows = [[item.text(column) for column in range(4)] for item in _changes(dialog)]
    project = new.projects[0]
    value_row = ["修改", f"指标「{project.indicators[1].name}」指标值", "≥80%", "≥95%"]
    assert value_row in rows
    assert rows[0][:2] == ["修改", "预算数"]
    first = dialog.tree.topLevelItem(0)
    assert first is not None
    assert first.text(0) == f"第1个项目「{project.name}」（2 处变化）"
    item = _changes(dialog)[rows.index(value_row)]
    dialog.tree.itemActivated.emit(item, 0)
    page = view.editors.project
    assert page.grid.model.project is project
    index = page.grid.view.currentIndex()
    assert (index.row(), index.column()) == (1, COL_VALUE)
    window.close_workspace()
    assert window.compare_dialog is None or not window.compare_dialog.isVisible()


def test_edit_an_entry_keeps_it_through_learning(library_dialog, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, edits = library_dialog
    dialog.search.setText("宣传覆盖率")
    dialog.table.selectRow(0)
    assert dialog.buttons["edit"].isEnabled()

    def change(form: EntryDialog) -> QDialog.DialogCode:
        assert form.name.text() == "宣传覆盖率"
        form.value.setText("≥85%")
        form.basis.setEditText("历史标准")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntryDialog, "exec", change)
    dialog.buttons["edit"].click()
    assert [_cell(dialog, 0, column) for column in (2, 4, 5)] == ["宣传覆盖率", "≥85%", "历史标准"]
    assert _cell(dialog, 0, 8) == "本工作区（已修改）"
    library_of(edits).stale = True  # the documents are learned again: the clerk's wording stays
    dialog.show_entries()
    assert [_cell(dialog, 0, column) for column in (4, 5)] == ["≥85%", "历史标准"]


def test_compare_with_another_file(qtbot: QtBot, two_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_workspace(two_years) as workspace, workspace.session() as session:
        departments = workspace.departments(session)
        dialog = CompareDialog(departments, departments[1])
        qtbot.addWidget(dialog)
        assert dialog.old.currentText() == "巨鹿县司法局 2024年"
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(FIXTURE_2021), "")))
        dialog.old.setCurrentIndex(dialog.old.count() - 1)
        dialog.old.activated.emit(dialog.old.count() - 1)
        assert dialog.old.currentText() == OTHER_FILE
        assert dialog.summary.text().startswith("承德市司法局 2021年 → 巨鹿县司法局 2025年：")
        assert dialog.comparison is not None
        assert not dialog.comparison.equal
