"""Small dialogs: errors (always a Chinese sentence, never a traceback), confirmations, 新建部门."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from perfdesk import APP_TITLE
from perfdesk.domain.limits import YEAR_MAX, YEAR_MIN
from perfdesk.errors import PerfdeskError


def show_error(parent: QWidget | None, error: PerfdeskError | str, title: str = "") -> None:
    """Tell the clerk what went wrong, in the error's own words."""
    text = error.describe() if isinstance(error, PerfdeskError) else error
    QMessageBox.warning(parent, title or APP_TITLE, text)


def ask(
    parent: QWidget | None,
    text: str,
    title: str,
    accept: str,
    reject: str = "取消",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    informative: str = "",
) -> bool:
    """A question with buttons that say what they do (``删除`` / ``取消``), never Yes/No.

    ``reject`` is the default and the Escape button, so a stray Enter changes nothing;
    ``informative`` is a second, smaller paragraph (what to do next, how to undo).
    """
    box = QMessageBox(icon, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def confirm(parent: QWidget | None, text: str, title: str = "请确认", accept: str = "确定") -> bool:
    return ask(parent, text, title, accept)


def confirm_delete(parent: QWidget | None, label: str, detail: str = "") -> bool:
    extra = f"\n{detail}" if detail else ""
    text = f"确定删除“{label}”吗？{extra}\n删除后可以用“撤销”（Ctrl+Z）恢复。"
    return ask(parent, text, "删除", "删除", icon=QMessageBox.Icon.Warning)


class NewDepartmentDialog(QDialog):
    """Asks for the department's name and fiscal year; refuses a duplicate before anything is written."""

    def __init__(self, parent: QWidget | None = None, existing: set[tuple[str, int]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建部门")
        self._existing = existing or set()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("例如：巨鹿县司法局")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(datetime.date.today().year + 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("部门名称", self.name_edit)
        form.addRow("预算年度", self.year_spin)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def values(self) -> tuple[str, int]:
        return self.name_edit.text().strip(), self.year_spin.value()

    def accept(self) -> None:
        name, year = self.values()
        if not name:
            self.message.setText("请填写部门名称。")
            return
        if (name, year) in self._existing:
            self.message.setText(f"工作区中已有“{name} {year}年”。")
            return
        super().accept()


def ask_new_department(parent: QWidget | None, existing: set[tuple[str, int]]) -> tuple[str, int] | None:
    dialog = NewDepartmentDialog(parent, existing)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_year(parent: QWidget | None, title: str, text: str, year: int) -> int | None:
    """A year (2000–2100) offered as ``year``; None when the clerk cancels."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    spin = QSpinBox()
    spin.setRange(2000, 2100)
    spin.setValue(year)
    form = QFormLayout(dialog)
    form.addRow(QLabel(text))
    form.addRow("新年度：", spin)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return spin.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
