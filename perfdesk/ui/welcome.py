"""The page shown when no workspace is open: what to do in three lines, 新建 / 打开 / the sample, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from perfdesk import APP_TITLE

#: The first five minutes, in three lines (the 使用说明, F1, says the rest).
STEPS = (
    "<b>新建</b>工作区，或先<b>打开示例</b>看一份写好的文本。",
    "在左侧目录中<b>从上到下</b>逐项填写：部门、部门整体绩效目标、每个预算项目的表头和绩效指标表。",
    "按 <b>F7 检查</b>，改正提示的错误，然后<b>导出 Word</b>。",
)


class WelcomePage(QWidget):
    """Signals: newRequested(), openRequested(), sampleRequested(), recentRequested(Path)."""

    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(f"<h2>{APP_TITLE}</h2><p>编制、检查和导出部门预算绩效文本。所有修改随时自动保存。</p>")
        self.steps = QLabel(
            "<ol style='margin-left: 0px'>"
            + "".join(f"<li style='margin-bottom: 4px'>{step}</li>" for step in STEPS)
            + "</ol><p style='color: #555'>详细说明：帮助 → 使用说明（F1）。</p>"
        )
        self.steps.setObjectName("welcomeSteps")
        self.steps.setWordWrap(True)
        self.new_button = QPushButton("新建工作区…")
        self.open_button = QPushButton("打开工作区…")
        self.sample_button = QPushButton("打开示例：巨鹿县司法局 2024年")
        for button, signal in (
            (self.new_button, self.newRequested),
            (self.open_button, self.openRequested),
            (self.sample_button, self.sampleRequested),
        ):
            button.setMinimumHeight(36)
            button.clicked.connect(signal.emit)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        self.recent.itemActivated.connect(lambda item: self.recentRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel("最近打开的文件（双击打开）")
        # One column of fixed width near the top, whatever the window size and
        # whether or not there are recent files.
        column = QWidget()
        column.setMaximumWidth(760)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(title)
        inner.addWidget(self.steps)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        inner.addSpacing(24)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent)
        self.recent.setMinimumHeight(220)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(48, 64, 48, 36)
        layout.addLayout(row)
        layout.addStretch(1)
        # Scrolled, so this page (kept in the window's stack while a workspace is shown) never
        # holds the window taller than the workspace needs, and a small window scrolls it.
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
