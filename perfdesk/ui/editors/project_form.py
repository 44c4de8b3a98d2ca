"""The project header form: code, name, title, unit, amounts, 资金用途, 资金支出计划, 绩效目标."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.amounts import display_wanyuan
from perfdesk.models import SPENDING_MONTHS, Collection, Project, Unit
from perfdesk.models.lists import list_of, shown_name
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.ui.editors.amount_field import AmountField
from perfdesk.ui.editors.form import GOAL_STYLE_LABELS, Form, combo
from perfdesk.ui.editors.goal_lines import GoalLinesEditor
from perfdesk.ui.widgets import ElidedLabel


def funds_check(project: Project) -> tuple[bool, str]:
    """Whether 预算数 = 财政资金 + 其他资金, as a short mark for the form."""
    if project.fiscal_funds is None and project.other_funds is None:
        return True, ""
    total = (project.fiscal_funds or Decimal(0)) + (project.other_funds or Decimal(0))
    if total == project.budget:
        return True, "✓ 相符"
    return False, f"✗ 财政资金 + 其他资金 = {display_wanyuan(total)}，与预算数不符"


class ProjectForm(Form):
    """The part of a project's 绩效目标表 above the indicator rows; its fields fold away (收起表头).

    Signals:
        collapsedChanged(bool): the fields were folded away (True) or shown again.
    """

    collapsedChanged = Signal(bool)

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.heading = ElidedLabel(bold=True, scale=1.2)  # a 600-character name never widens the form
        self.heading.setObjectName("editorHeading")
        self.code = self.bind_line(QLineEdit(), "code", label="项目编码")
        self.name = self.bind_line(QLineEdit(), "name", label="项目名称")
        self.title = self.bind_line(QLineEdit(), "title", nullable=True, label="表格标题")
        self.unit = self.bind_combo(QComboBox(), "unit", "单位")
        self.budget = self.bind_amount(AmountField(required=True), "budget", "预算数")
        self.fiscal = self.bind_amount(AmountField(), "fiscal_funds", "财政资金")
        self.other = self.bind_amount(AmountField(), "other_funds", "其他资金")
        self.funds_mark = QLabel()
        self.purpose = self.bind_plain(QPlainTextEdit(), "purpose", nullable=True, label="资金用途")
        self.purpose.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.plan = {
            month: self.bind_amount(
                AmountField(placeholder="%", percent=True), f"plan_{month}", f"资金支出计划（{month}月底）"
            )
            for month in SPENDING_MONTHS
        }
        self.goals = self.bind_lines(GoalLinesEditor("绩效目标"), "goals", "绩效目标")
        self.goal_style = self._goal_style_combo()

        self.collapse_button = QToolButton()
        self.collapse_button.setObjectName("headerToggle")
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.collapse_button.clicked.connect(lambda: self.set_collapsed(not self.is_collapsed()))
        self.summary = QLabel()  # code and budget, while the fields are folded away
        self.summary.setObjectName("headerSummary")
        self.summary.hide()
        self.funds_mark.setWordWrap(True)

        # Compact, so the indicator grid below keeps most of the height: two label/field pairs a
        # row, the amounts and their check on one row, the spending plan on one row.
        self.body = QWidget()
        self._fields = grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(QLabel("项目编码"), 0, 0)
        grid.addWidget(self.code, 0, 1)
        grid.addWidget(QLabel("项目名称"), 0, 2)
        grid.addWidget(self.name, 0, 3)
        grid.addWidget(QLabel("表格标题"), 1, 0)
        grid.addWidget(self.title, 1, 1)
        grid.addWidget(QLabel("单位"), 1, 2)
        grid.addWidget(self.unit, 1, 3)
        money_row = QHBoxLayout()
        money_row.addWidget(self.budget, 2, top)
        for text, widget in (("其中：财政资金", self.fiscal), ("其他资金", self.other)):
            money_row.addSpacing(8)
            money_row.addWidget(QLabel(text), 0, top)
            money_row.addWidget(widget, 2, top)
        money_row.addSpacing(8)
        money_row.addWidget(self.funds_mark, 3, top)
        grid.addWidget(QLabel("预算数"), 2, 0, top)
        grid.addLayout(money_row, 2, 1, 1, 3)
        plan_row = QHBoxLayout()
        for month, field in self.plan.items():
            if month != SPENDING_MONTHS[0]:
                plan_row.addSpacing(8)
            plan_row.addWidget(QLabel(f"{month}月底"), 0, top)
            plan_row.addWidget(field, 1, top)
        # the printed order, which is also the Tab order: 资金用途, then 资金支出计划
        grid.addWidget(QLabel("资金用途"), 3, 0, top)
        grid.addWidget(self.purpose, 3, 1, 1, 3)
        self.plan_label = plan_label = QLabel("资金支出计划")
        plan_label.setToolTip("累计百分比：到该月底累计支出占预算数的百分比")
        grid.addWidget(plan_label, 4, 0, top)
        grid.addLayout(plan_row, 4, 1, 1, 3)
        self._plan_row = plan_row
        goals_label = QVBoxLayout()
        goals_label.addWidget(QLabel("绩效目标"))
        goals_label.addWidget(self.goal_style)
        goals_label.addStretch(1)
        grid.addLayout(goals_label, 5, 0)
        grid.addWidget(self.goals, 5, 1, 1, 3)
        self._heading_row = heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)  # elides a long name instead of widening the form
        heading_row.addWidget(self.summary)
        heading_row.addWidget(QLabel("单位：万元"), 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        heading_row.addWidget(self.collapse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addLayout(heading_row)
        layout.addWidget(self.body)
        layout.addStretch(1)  # a header pane taller than the form keeps the rows together at the top
        self.set_collapsed(False)

    def _goal_style_combo(self) -> QComboBox:
        """This table's 绩效目标 style, narrow enough to sit under the 绩效目标 label."""
        short = {"numbered": "一格编号", "rows": "目标分行"}
        styles: list[tuple[str | None, str]] = [(None, "同部门")]
        styles += [(style, short[style]) for style in GOAL_STYLE_LABELS]
        box = self.bind_combo(combo(styles), "goal_style", "本表绩效目标样式")
        box.setItemData(0, "按部门“版式”中的设置", Qt.ItemDataRole.ToolTipRole)
        for row, style in enumerate(GOAL_STYLE_LABELS, 1):
            box.setItemData(row, GOAL_STYLE_LABELS[style], Qt.ItemDataRole.ToolTipRole)
        box.setMinimumContentsLength(4)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setToolTip("本表绩效目标的印法：同部门的版式设置，或一格内编号各行，或每个目标一行（目标1、目标2…）")
        return box

    def row_ends(self) -> list[int]:
        """Heights at which the form can be cut below a whole row of fields, the first below the first row.

        The splitter above the grid stops at one of these, so no row of fields shows cut in half.
        Measured from size hints: rows sit at their natural heights (the stretch below takes the rest).
        """
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        fields = self._fields
        y = margins.top() + self._heading_row.sizeHint().height() + layout.spacing()
        ends = []
        for row in range(fields.rowCount()):
            items = (fields.itemAtPosition(row, column) for column in range(fields.columnCount()))
            y += max((item.sizeHint().height() for item in items if item is not None), default=0)
            ends.append(y + margins.bottom())
            y += fields.verticalSpacing()
        return ends

    def is_collapsed(self) -> bool:
        return self.body.isHidden()

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the fields away (the heading, its summary and the toggle stay); announces a change."""
        changed = collapsed != self.is_collapsed()
        self.body.setVisible(not collapsed)
        self.summary.setVisible(collapsed)
        self.collapse_button.setText("展开表头 ▾" if collapsed else "收起表头 ▴")
        self.collapse_button.setToolTip(
            "显示项目编码、预算数、资金用途、绩效目标等" if collapsed else "收起表头，给绩效指标表留出更多地方"
        )
        if changed:
            self.collapsedChanged.emit(collapsed)

    def field_widget(self, field: str) -> QWidget | None:
        """The widget editing ORM attribute ``field`` (the 检查 panel jumps there)."""
        widgets: dict[str, QWidget] = {
            "code": self.code,
            "name": self.name,
            "title": self.title,
            "unit": self.unit,
            "budget": self.budget,
            "fiscal_funds": self.fiscal,
            "other_funds": self.other,
            "purpose": self.purpose,
            "goals": self.goals,
            "goal_style": self.goal_style,
        }
        widgets.update({f"plan_{month}": field for month, field in self.plan.items()})
        return widgets.get(field)

    def set_entity(self, entity: Any) -> None:
        self._handle = None  # units first: the combo must hold them before the unit is shown
        if entity is not None:
            self._load_units(entity)
        super().set_entity(entity)

    def _load_units(self, project: Project) -> None:
        self.unit.clear()
        self.unit.addItem("（未指定）", None)
        for unit in project.department.units:
            self.unit.addItem(unit.label(), unit.code or unit.name)

    def after_refresh(self, project: Project) -> None:
        dept = project.department
        items = list_of(project).of(dept)
        number = items.index(project) + 1 if project in items else ""
        self.heading.set_full_text(f"{number}{dept.number_style}{shown_name(project.effective_title)}绩效目标表")
        code = project.code or "（无项目编码）"
        self.summary.setText(f"　{code} · 预算数 {display_wanyuan(project.budget)}")
        self.title.setPlaceholderText(project.name)
        self._show_plan(dept.spending_plan is not False)
        ok, text = funds_check(project)
        self.funds_mark.setText(text)
        self.funds_mark.setStyleSheet("color: #2e7d32" if ok else "color: #e65100")
        self.funds_mark.setVisible(bool(text))

    def _show_plan(self, shown: bool) -> None:
        """The 资金支出计划 fields only where the department's tables print them."""
        self.plan_label.setVisible(shown)
        for i in range(self._plan_row.count()):
            item = self._plan_row.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(shown)

    def on_other_change(self, change: Change, project: Any) -> None:
        units_changed = change.collection is Collection.UNITS or isinstance(change.entity, Unit)
        if units_changed and (
            change.parent is project.department or getattr(change.entity, "department", None) is project.department
        ):
            self._load_units(project)
            self.refresh()
        elif change.collection in (Collection.PROJECTS, Collection.SPECIAL_FUNDS) or (
            change.kind is ChangeKind.FIELD and change.entity is project.department
        ):
            self.after_refresh(project)  # the number or the numbering style changed
