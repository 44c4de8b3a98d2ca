"""Editors for 部门整体绩效目标: the overall goal text, one 分项目标, one 保障措施."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from perfdesk.services.editing import EditSession
from perfdesk.ui.editors.form import Form
from perfdesk.ui.editors.goal_lines import GoalLinesEditor


def _heading(text: str) -> QLabel:
    label = QLabel(f"<h3>{text}</h3>")
    label.setObjectName("editorHeading")
    return label


class OverallGoalEditor(Form):
    """The department's 总体绩效目标 paragraph."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.text = self.bind_plain(QPlainTextEdit(), "overall_goal", label="总体绩效目标")
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("总体绩效目标"))
        layout.addWidget(self.text, 1)


class SubGoalEditor(Form):
    """One 分项绩效目标: its title, the 绩效目标 paragraph and the 绩效指标 paragraphs."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.title = self.bind_line(QLineEdit(), "title", label="分项目标标题")
        self.goal = self.bind_plain(QPlainTextEdit(), "goal", nullable=True, label="绩效目标")
        self.indicators = self.bind_lines(GoalLinesEditor("绩效指标段落"), "indicators", "绩效指标")
        form = QFormLayout()
        form.addRow("标题", self.title)
        form.addRow("绩效目标", self.goal)
        form.addRow("绩效指标", self.indicators)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("分项绩效目标"))
        layout.addLayout(form)
        layout.addStretch(1)


class MeasureEditor(Form):
    """One 工作保障措施: a short title and its text."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.title = self.bind_line(QLineEdit(), "title", label="保障措施标题")
        self.text = self.bind_plain(QPlainTextEdit(), "text", nullable=True, label="保障措施内容")
        form = QFormLayout()
        form.addRow("标题", self.title)
        form.addRow("内容", self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("工作保障措施"))
        layout.addLayout(form)
        layout.addStretch(1)
