"""The department editor: name, year, units, title, draft, 编制/审核, framework and layout options."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.frameworks import all_frameworks, default_framework_id, get_framework
from perfdesk.domain.limits import YEAR_MAX, YEAR_MIN
from perfdesk.layout.options import FONT_SETS, GOAL_STYLES, NAME_LABELS, NUMBER_STYLES
from perfdesk.models import Collection, Department, Unit
from perfdesk.models.lists import UNITS
from perfdesk.services.editing import Change, EditSession
from perfdesk.ui import dialogs
from perfdesk.ui.commands import InsertCommand, RemoveCommand
from perfdesk.ui.editors.form import GOAL_STYLE_LABELS, Form, combo
from perfdesk.ui.widgets import ElidedLabel

FONT_SET_LABELS = {
    "gongwen": "公文字体（方正小标宋、仿宋_GB2312、楷体_GB2312）",
    "windows": "Windows 自带字体（宋体、仿宋、楷体、黑体）",
}


CHANGE = "更改"
CANCEL = "取消"


class Misfits(NamedTuple):
    """What a change of 指标体系 does to a department's indicators."""

    total: int  # all the department's indicators
    lost: int  # fit the current framework, belong to no pair of the new one
    renamed: int  # belong to the new one under another name (效益指标 → 效果指标): R01 asks to rewrite them


def framework_question(name: str, misfits: Misfits) -> str:
    """The question before the department's 指标体系 changes, saying what it does to the indicators."""
    total, lost, renamed = misfits
    parts = []
    if lost:
        parts.append(f"有 {lost} 个的一级/二级指标不再属于指标体系，检查时会报错，需要逐一改正")
    if renamed:
        parts.append(
            f"有 {renamed} 个的一级/二级指标在该体系中另有写法（如“效益指标”写作“效果指标”），检查时会提示改写"
        )
    if not parts:
        return f"改用“{name}”后，现有的 {total} 个绩效指标仍都属于指标体系。确定更改指标体系吗？"
    return f"改用“{name}”后，现有 {total} 个绩效指标中{'；'.join(parts)}。确定更改指标体系吗？"


def framework_misfits(dept: Department, framework_id: str | None) -> Misfits:
    """How the department's indicators fit ``framework_id``'s pairs compared with its framework's now."""
    old = all_frameworks().get(dept.framework_id)
    new = get_framework(framework_id)
    indicators = [i for p in (*dept.projects, *dept.special_funds) for i in p.indicators]
    fitting = [i for i in indicators if old is None or old.resolve(i.level1, i.level2) is not None]
    lost = [i for i in fitting if new.resolve(i.level1, i.level2) is None]
    renamed = [i for i in fitting if not new.allows(i.level1, i.level2) and new.resolve(i.level1, i.level2) is not None]
    was_renamed = [i for i in renamed if old is not None and not old.allows(i.level1, i.level2)]
    return Misfits(len(indicators), len(lost), len(renamed) - len(was_renamed))


def ask_framework_change(parent: QWidget | None, name: str, misfits: Misfits) -> bool:
    """True to change; 取消 is the default, so a stray Enter changes nothing."""
    icon = QMessageBox.Icon.Warning if misfits.lost or misfits.renamed else QMessageBox.Icon.Question
    informative = "更改后可以用“撤销”（Ctrl+Z）改回。"
    return dialogs.ask(parent, framework_question(name, misfits), "更改指标体系", CHANGE, CANCEL, icon, informative)


class UnitRow(Form):
    """One unit: code and name."""

    def __init__(self, edits: EditSession, stack: QUndoStack, on_remove: Any, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.code = self.bind_line(QLineEdit(), "code", nullable=True, label="单位编码")
        self.code.setPlaceholderText("单位编码")
        self.code.setMaximumWidth(120)
        self.name = self.bind_line(QLineEdit(), "name", label="单位名称")
        self.name.setPlaceholderText("单位名称")
        remove = QPushButton("删除")
        remove.clicked.connect(lambda: on_remove(self.entity()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code)
        layout.addWidget(self.name, 1)
        layout.addWidget(remove)


class DepartmentEditor(Form):
    """Edits a department-year's own fields."""

    def __init__(self, edits: EditSession, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(edits, stack, parent)
        self.heading = ElidedLabel(bold=True, scale=1.2)
        self.heading.setObjectName("editorHeading")
        self.name = self.bind_line(QLineEdit(), "name", label="部门名称")
        self.year = self.bind_spin(QSpinBox(), "fiscal_year", "预算年度")
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.title = self.bind_line(QLineEdit(), "title", nullable=True, label="文本标题")
        self.draft = self.bind_check(QCheckBox("标题后加“（草案）”"), "draft", "（草案）")
        self.prepared_by = self.bind_line(QLineEdit(), "prepared_by", nullable=True, label="编制单位")
        self.reviewed_by = self.bind_line(QLineEdit(), "reviewed_by", nullable=True, label="审核单位")
        frameworks: list[tuple[str | None, str]] = [(None, f"默认（{all_frameworks()[default_framework_id()].name}）")]
        frameworks += [(fid, fw.name) for fid, fw in all_frameworks().items()]
        self.framework = self.bind_combo(combo(frameworks), "framework", "指标体系")

        self.units_box = QGroupBox("预算单位")
        self._unit_rows: list[UnitRow] = []
        self._units_layout = QVBoxLayout(self.units_box)
        add_unit = QPushButton("＋ 添加单位")
        add_unit.clicked.connect(self.add_unit)
        self._units_layout.addWidget(add_unit)

        layout_box = QGroupBox("版式")
        self.name_label = self.bind_combo(combo([(v, v) for v in NAME_LABELS]), "name_label", "名称栏标题")
        self.number_style = self.bind_combo(
            combo([(v, f"1{v}标题") for v in NUMBER_STYLES]), "number_style", "编号样式"
        )
        self.goal_style = self.bind_combo(
            combo([(v, GOAL_STYLE_LABELS[v]) for v in GOAL_STYLES]), "goal_style", "绩效目标样式"
        )
        self.percent_sign = self.bind_check(QCheckBox("资金支出计划带 %"), "percent_sign", "资金支出计划带 %")
        self.spending_plan = self.bind_check(
            QCheckBox("表中印出资金支出计划（3/6/10/12月底）"), "spending_plan", "印出资金支出计划"
        )
        self.spending_plan.setToolTip("有的省份的绩效目标表没有资金支出计划行；不印出时也不检查支出计划")
        self.font_set = self.bind_combo(combo([(v, FONT_SET_LABELS[v]) for v in FONT_SETS]), "font_set", "字体")
        special = QCheckBox("文本包含“专项资金绩效目标”部分（没有专项资金时也印出该部分标题）")
        self.has_special_funds = self.bind_check(special, "has_special_funds", "专项资金绩效目标部分")
        options = QFormLayout(layout_box)
        options.addRow("名称栏标题", self.name_label)
        options.addRow("编号样式", self.number_style)
        options.addRow("绩效目标", self.goal_style)
        options.addRow("", self.spending_plan)
        options.addRow("", self.percent_sign)
        options.addRow("字体", self.font_set)
        options.addRow("", self.has_special_funds)

        form = QFormLayout()
        form.addRow("部门名称", self.name)
        form.addRow("预算年度", self.year)
        form.addRow("文本标题", self.title)
        form.addRow("", self.draft)
        form.addRow("编制单位", self.prepared_by)
        form.addRow("审核单位", self.reviewed_by)
        form.addRow("指标体系", self.framework)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.units_box)
        layout.addWidget(layout_box)
        layout.addStretch(1)

    def after_refresh(self, entity: Department) -> None:
        self.heading.set_full_text(f"{entity.effective_title}{'（草案）' if entity.is_draft else ''}")
        self.title.setPlaceholderText(entity.effective_title)
        self._load_units(entity)

    def _load_units(self, dept: Department) -> None:
        if [row.entity() for row in self._unit_rows] == list(dept.units):
            return
        for row in self._unit_rows:
            row.detach()
            row.deleteLater()
        self._unit_rows = []
        for i, unit in enumerate(dept.units):
            row = UnitRow(self.edits, self.stack, self.remove_unit)
            row.set_entity(unit)
            self._units_layout.insertWidget(i, row)
            self._unit_rows.append(row)

    def on_other_change(self, change: Change, entity: Any) -> None:
        if change.collection is Collection.UNITS and self.is_mine(change.parent):
            self._load_units(entity)

    def validate(self, field: str, value: Any) -> str | None:
        dept = self.entity()
        name = value if field == "name" else dept.name
        year = value if field == "fiscal_year" else dept.fiscal_year
        if field == "name" and not str(value).strip():
            return "部门名称不能为空。"
        if field in ("name", "fiscal_year") and any(
            d.name == name and d.fiscal_year == year and d is not dept for d in self.edits.departments()
        ):
            return f"工作区中已有“{name} {year}年”，不能重名。"
        return None

    def confirm(self, field: str, value: Any) -> bool:
        """A new 指标体系 may leave indicators outside it: say how many, and let the clerk decide."""
        dept = self.entity()
        new = all_frameworks().get(value or default_framework_id())
        if field != "framework" or new is None or new.id == dept.framework_id:
            return True
        misfits = framework_misfits(dept, value)
        return misfits.total == 0 or ask_framework_change(self, new.name, misfits)

    def add_unit(self) -> None:
        dept = self.entity()
        unit = Unit(name=f"新{UNITS.noun}")
        self.stack.push(InsertCommand(self.edits, dept, Collection.UNITS, len(dept.units), unit, f"添加{UNITS.noun}"))
        if self._unit_rows:
            self._unit_rows[-1].name.setFocus()
            self._unit_rows[-1].name.selectAll()

    def remove_unit(self, unit: Unit | None) -> None:
        dept = self.entity()
        if unit is None or unit not in dept.units:
            return
        if dialogs.confirm_delete(self, unit.label(), "引用它的项目会显示为“未指定单位”。"):
            text = f"删除单位“{unit.label()}”"
            self.stack.push(RemoveCommand(self.edits, dept, Collection.UNITS, dept.units.index(unit), text))

    def detach(self) -> None:
        for row in self._unit_rows:
            row.detach()
        super().detach()
