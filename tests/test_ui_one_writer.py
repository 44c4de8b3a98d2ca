"""The window with a workspace it may not write: open elsewhere, in a read-only folder, damaged — and backups.

Another process holds the workspace as a second perfdesk would; the window must offer to open
it read-only (and then refuse every edit), never write into it, and never close itself on a bad
file. Message boxes are answered by clicking the named button.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from perfdesk.errors import WorkspaceReadOnly
from perfdesk.services.backups import list_backups, make_backup
from perfdesk.ui.backup_dialog import BackupDialog
from perfdesk.ui.main_window import MainWindow
from tests.file_helpers import editing_elsewhere, immutable
from tests.window_settings import private_qsettings  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.gui


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Question boxes click the button named first in ``answers["click"]``; every text shown is recorded."""
    seen: dict[str, list[str]] = {"click": [], "shown": []}

    def answer(box: QMessageBox) -> int:
        seen["shown"].append(box.text())
        wanted = seen["click"].pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    def record(_parent, _title, text, *_args, **_kw):
        seen["shown"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", answer)
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return seen


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def held(workspace_2024: Path) -> Iterator[subprocess.Popen]:
    """Another process with ``workspace_2024`` open for editing."""
    with editing_elsewhere(workspace_2024) as process:
        yield process


def _assert_read_only(win: MainWindow) -> None:
    assert win.edits is not None
    assert win.edits.read_only
    assert "（只读）" in win.windowTitle()
    assert "只读" in win.saved_label.text()
    for name in ("import", "new_department", "paste", "delete", "undo", "redo"):
        assert not win.named_actions[name].isEnabled(), name
    for name in ("check", "save_as", "copy"):
        assert win.named_actions[name].isEnabled(), name
    assert win.view is not None
    form = win.view.editors.project.form
    win.view.editors.show_node(
        next(n for n in win.view.model.node(win.view.model.index(0, 0)).walk() if n.kind.name == "PROJECT")
    )
    assert form.name.isReadOnly()
    assert form.purpose.isReadOnly()


def test_a_workspace_open_elsewhere_opens_read_only_on_request(qtbot, window, answers, held, workspace_2024):
    before = workspace_2024.read_bytes()
    answers["click"].append("以只读方式打开")
    assert window.open_path(workspace_2024)
    assert "打开编辑" in answers["shown"][0]
    _assert_read_only(window)
    project = window.edits.departments()[0].projects[0]
    with pytest.raises(WorkspaceReadOnly):
        window.edits.set_field(project, "purpose", "不该写入")
    assert project.purpose != "不该写入"
    window.close_workspace()
    assert workspace_2024.read_bytes() == before
    assert list_backups(workspace_2024) == []  # a viewer makes no backups


def test_cancel_leaves_the_window_as_it_was(qtbot, window, answers, held, workspace_2024):
    answers["click"].append("取消")
    assert not window.open_path(workspace_2024)
    assert window.edits is None
    assert window.central.currentWidget() is window.welcome


def test_a_workspace_in_a_folder_nobody_may_write_opens_read_only_with_a_notice(qtbot, window, answers, workspace_2024):
    with immutable(workspace_2024.parent):
        assert window.open_path(workspace_2024)
        assert any("只读" in text and "可写的文件夹" in text for text in answers["shown"])
        _assert_read_only(window)
        window.close_workspace()


def test_a_damaged_workspace_never_closes_the_window_and_offers_its_backups(
    qtbot, window, answers, workspace_2024, tmp_path, monkeypatch
):
    assert window.open_path(workspace_2024)  # opening it backs it up
    window.close_workspace()
    assert len(list_backups(workspace_2024)) == 1
    with sqlite3.connect(workspace_2024) as conn:
        conn.execute("UPDATE project SET goals = '{' WHERE position = 0")
    answers["click"].append("关闭")
    assert not window.open_path(workspace_2024)
    assert window.isVisible()
    assert window.central.currentWidget() is window.welcome
    assert "项目“法律援助经费”" in answers["shown"][-1]
    assert "有 1 份备份" in answers["shown"][-1]
    restored = tmp_path / "恢复的.perfdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(restored), "")))
    monkeypatch.setattr(BackupDialog, "exec", lambda dialog: dialog.restore_selected() or 0)
    answers["click"].append("恢复备份…")
    assert not window.open_path(workspace_2024)
    assert window.edits is not None
    assert window.edits.path == restored  # the copy is open; the damaged file is untouched
    assert window.edits.departments()[0].projects[0].goals


def test_backups_while_editing_and_the_restore_dialog(qtbot, window, answers, workspace_2024):
    assert window.open_path(workspace_2024)
    assert len(list_backups(workspace_2024)) == 1
    project = window.edits.departments()[0].projects[0]
    window.edits.set_field(project, "purpose", "改过的用途")
    window.backups.tick()  # the timer's round: something changed
    backups = list_backups(workspace_2024)
    assert len(backups) == 2
    assert window.backups.timer.interval() == window.settings.backup_minutes * 60_000
    dialog = BackupDialog(workspace_2024, window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    cells = [dialog.table.item(0, column) for column in (1, 2)]
    assert [cell.text() if cell is not None else None for cell in cells] == ["巨鹿县司法局 2024年", "8"]
    assert dialog.restore_button.isEnabled()
    dialog.keep.setValue(1)
    assert window.settings.backup_keep == 1
    dialog.minutesChanged.connect(window.backups.set_minutes)
    dialog.minutes.setValue(3)
    assert window.settings.backup_minutes == 3
    assert window.backups.timer.interval() == 3 * 60_000
    window.edits.set_field(project, "purpose", "再改一次")
    window.close_workspace()  # closing backs up what changed, keeping the last one only
    assert len(list_backups(workspace_2024)) == 1
    assert make_backup(workspace_2024) is None


def test_a_damaged_last_file_no_longer_ends_the_program(workspace_2024, tmp_path):
    """Once the window appeared and closed at once (exit 2, the reason on stderr only), at every start."""
    with sqlite3.connect(workspace_2024) as conn:
        conn.execute("UPDATE project SET budget = 'abc' WHERE position = 0")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "perfdesk", str(workspace_2024)], env=env)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=8)  # still running: the window shows the reason and stays
    finally:
        process.kill()
        process.wait(10)


def test_opening_the_shown_file_again_reads_it_afresh(qtbot, window, answers, workspace_2024):
    assert window.open_path(workspace_2024)
    first = window.edits
    assert window.open_path(workspace_2024)  # the recent-files menu on the file shown: no "in use" question
    assert answers["shown"] == []
    assert window.edits is not first
    assert window.edits is not None
    assert not window.edits.read_only
