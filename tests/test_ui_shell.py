"""The main window's shell, driven through real widgets: confirmations, Chinese Qt dialogs, unnamed projects.

The window is made active first: shortcuts (Delete, F6, Ctrl+1…) reach only the active window.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
)

from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow
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
