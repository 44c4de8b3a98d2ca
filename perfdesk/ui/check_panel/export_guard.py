"""The question before an export while errors remain: errors never block, but the clerk decides knowingly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from perfdesk.ui import dialogs

GO_ON = "继续导出"
CANCEL = "取消"


def export_question(count: int) -> str:
    return f"仍有 {count} 个错误，财政局可能退回。仍要导出吗？"


def ask_export_despite_errors(parent: QWidget | None, count: int) -> bool:
    """True to export anyway; 取消 is the default, so a stray Enter does not send a faulty file."""
    informative = "双击检查面板中的错误可以定位到出错的地方。"
    return dialogs.ask(parent, export_question(count), "导出", GO_ON, CANCEL, QMessageBox.Icon.Warning, informative)
