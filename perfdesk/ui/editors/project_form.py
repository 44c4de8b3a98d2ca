"""The project header form: code, name, title, unit, amounts, 资金用途, 资金支出计划, 绩效目标."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.amounts import format_amount
from perfdesk.models import SPENDING_MONTHS, Collection, Project, Unit
from perfdesk.models.lists import list_of, shown_name
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.ui.editors.amount_field import AmountField
from perfdesk.ui.editors.form import Form
from perfdesk.ui.editors.goal_lines import GoalLinesEditor


def funds_check(project: Project) -> tuple[bool, str]:
    """Whether 预算数 = 财政资金 + 其他资金, as a short mark for the form."""
    if project.fiscal_funds is None and project.other_funds is None:
        return True, ""
    total = (project.fiscal_funds or Decimal(0)) + (project.other_funds or Decimal(0))
    if total == project.budget:
        return True, "✓ 相符"
    return False, f"✗ 财政资金 + 其他资金 = {format_amount(total)}，与预算数不符"


class ProjectForm(Form):
    """The part of a project's 绩效目标表 above the indicator rows."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.code = self.bind_line(QLineEdit(), "code", text="修改项目编码")
        self.name = self.bind_line(QLineEdit(), "name", text="修改项目名称")
        self.title = self.bind_line(QLineEdit(), "title", nullable=True, text="修改表格标题")
        self.unit = self.bind_combo(QComboBox(), "unit", "修改单位")
        self.budget = self.bind_amount(AmountField(required=True), "budget", "修改预算数")
        self.fiscal = self.bind_amount(AmountField(), "fiscal_funds", "修改财政资金")
        self.other = self.bind_amount(AmountField(), "other_funds", "修改其他资金")
        self.funds_mark = QLabel()
        self.purpose = self.bind_plain(QPlainTextEdit(), "purpose", nullable=True, text="修改资金用途")
        self.purpose.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.plan = {
            month: self.bind_amount(AmountField(placeholder="%", percent=True), f"plan_{month}", "修改资金支出计划")
            for month in SPENDING_MONTHS
        }
        self.goals = self.bind_lines(GoalLinesEditor("绩效目标"), "goals", "修改绩效目标")

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(QLabel("项目编码"), 0, 0)
        grid.addWidget(self.code, 0, 1)
        grid.addWidget(QLabel("项目名称"), 0, 2)
        grid.addWidget(self.name, 0, 3, 1, 3)
        grid.addWidget(QLabel("表格标题"), 1, 0)
        grid.addWidget(self.title, 1, 1, 1, 3)
        grid.addWidget(QLabel("单位"), 1, 4)
        grid.addWidget(self.unit, 1, 5)
        for column, (text, widget) in enumerate(
            (("预算数", self.budget), ("其中：财政资金", self.fiscal), ("其他资金", self.other))
        ):
            grid.addWidget(QLabel(text), 2, column * 2, top)
            grid.addWidget(widget, 2, column * 2 + 1, top)
        grid.addWidget(self.funds_mark, 3, 1, 1, 5)
        grid.addWidget(QLabel("资金用途"), 4, 0, top)
        grid.addWidget(self.purpose, 4, 1, 1, 5)
        plan_row = QHBoxLayout()
        for month, field in self.plan.items():
            plan_row.addWidget(QLabel(f"{month}月底"))
            plan_row.addWidget(field, 1, top)
        grid.addWidget(QLabel("资金支出计划\n（累计%）"), 5, 0, top)
        grid.addLayout(plan_row, 5, 1, 1, 5)
        grid.addWidget(QLabel("绩效目标"), 6, 0, top)
        grid.addWidget(self.goals, 6, 1, 1, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)

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
        self.heading.setText(
            f"<h3>{number}{dept.number_style}{shown_name(project.effective_title)}绩效目标表"
            "<span style='font-weight:normal; font-size:small'>　　单位：万元</span></h3>"
        )
        self.title.setPlaceholderText(project.name)
        ok, text = funds_check(project)
        self.funds_mark.setText(text)
        self.funds_mark.setStyleSheet("color: #2e7d32" if ok else "color: #e65100")
        self.funds_mark.setVisible(bool(text))

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
