"""导入说明: what an import could not read, in a window the clerk can keep open beside the grid."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.importers.remarks import Remark


class ImportReport(QDialog):
    """A modeless list of remarks (位置 | 说明); 复制 puts them on the clipboard as text lines."""

    def __init__(self, parent: QWidget | None, imported: Sequence[str], remarks: Sequence[Remark]) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle("导入说明")
        self.setWindowModality(Qt.WindowModality.NonModal)
        done = "、".join(imported) or "没有导入任何内容"
        self.summary = QLabel(
            f"已导入：{done}。\n以下 {len(remarks)} 处没有完全读出来，请对照原文件核对、补填（其余内容已照原样导入）："
        )
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["位置", "说明"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)  # a long reason wraps instead of ending in …
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        for remark in remarks:
            item = QTreeWidgetItem([remark.where, remark.message])
            item.setToolTip(1, remark.message)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        self._lines = [remark.describe() for remark in remarks]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("复制全部", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(900, 380)

    def copy_all(self) -> None:
        QApplication.clipboard().setText("\n".join(self._lines))
