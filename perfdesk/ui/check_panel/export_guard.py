"""The question before an export while errors remain: errors never block, but the clerk decides knowingly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

GO_ON = "继续导出"
CANCEL = "取消"


def export_question(count: int) -> str:
    return f"仍有 {count} 个错误，财政局可能退回。仍要导出吗？"


def ask_export_despite_errors(parent: QWidget | None, count: int) -> bool:
    """True to export anyway; 取消 is the default, so a stray Enter does not send a faulty file."""
    box = QMessageBox(QMessageBox.Icon.Warning, "导出", export_question(count), parent=parent)
    box.setInformativeText("双击检查面板中的错误可以定位到出错的地方。")
    go_on = box.addButton(GO_ON, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go_on
