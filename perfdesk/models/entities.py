"""The workspace's domain model: SQLAlchemy 2 typed ORM classes.

One workspace holds department-years. Each has units, an overall goal,
sub-goals, measures, special funds and budget projects; each project has its
indicator rows. Every list keeps its order in a ``position`` column.

Optional JSON keys are nullable columns. None (or an empty list) is written
back only for the keys listed in ``kept_empty`` (the keys a source file gave
as null or empty), so an import followed by an export gives back exactly the
keys that were read; ``effective_*`` give the defaults the spec prescribes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, and_
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import DeclarativeBase, Mapped, foreign, mapped_column, relationship, validates

from perfdesk.domain.frameworks import default_framework_id
from perfdesk.domain.values import format_value

# re-exported: defined without SQLAlchemy, for the checks (perfdesk.models.kinds)
from perfdesk.models.kinds import AMOUNT_FIELDS as AMOUNT_FIELDS
from perfdesk.models.kinds import INDICATOR_FIELDS as INDICATOR_FIELDS
from perfdesk.models.kinds import SPENDING_MONTHS as SPENDING_MONTHS
from perfdesk.models.kinds import Collection as Collection
from perfdesk.models.kinds import ProjectSection as ProjectSection
from perfdesk.models.types import EnumText, ExactDecimal


class Base(DeclarativeBase):
    """Declarative base of every perfdesk table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {str: String(), Decimal: ExactDecimal(), list[str]: JSON()}


class Department(Base):
    """One department's 部门预算绩效文本 for one fiscal year."""

    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("name", "fiscal_year", name="uq_department_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str]
    fiscal_year: Mapped[int]
    title: Mapped[str | None]
    draft: Mapped[bool | None]
    prepared_by: Mapped[str | None]
    reviewed_by: Mapped[str | None]
    framework: Mapped[str | None]
    overall_goal: Mapped[str] = mapped_column(Text, default="")
    has_special_funds: Mapped[bool] = mapped_column(default=False)

    # Printed-layout options (the JSON ``layout`` object; see perfdesk.layout.options).
    name_label: Mapped[str] = mapped_column(default="项目名称")
    number_style: Mapped[str] = mapped_column(default=".")
    goal_style: Mapped[str] = mapped_column(default="numbered")
    percent_sign: Mapped[bool] = mapped_column(default=True)
    spending_plan: Mapped[bool] = mapped_column(default=True, server_default="1")
    font_set: Mapped[str] = mapped_column(default="gongwen")

    units: Mapped[list[Unit]] = relationship(
        back_populates="department",
        order_by="Unit.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    sub_goals: Mapped[list[SubGoal]] = relationship(
        back_populates="department",
        order_by="SubGoal.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    measures: Mapped[list[Measure]] = relationship(
        back_populates="department",
        order_by="Measure.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    projects: Mapped[list[Project]] = relationship(
        primaryjoin=lambda: and_(
            Department.id == foreign(Project.department_id), Project.section == ProjectSection.BUDGET
        ),
        order_by="Project.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        overlaps="special_funds,department",
    )
    special_funds: Mapped[list[Project]] = relationship(
        primaryjoin=lambda: and_(
            Department.id == foreign(Project.department_id), Project.section == ProjectSection.SPECIAL
        ),
        order_by="Project.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        overlaps="projects,department",
    )

    @validates(Collection.PROJECTS)
    def _into_budget(self, _key: str, project: Project) -> Project:
        project.section = ProjectSection.BUDGET
        return project

    @validates(Collection.SPECIAL_FUNDS)
    def _into_special(self, _key: str, project: Project) -> Project:
        project.section = ProjectSection.SPECIAL
        return project

    @property
    def effective_title(self) -> str:
        """The cover title without （草案）: the stored one or ``{name}{year}年部门预算绩效文本``."""
        return self.title or f"{self.name}{self.fiscal_year}年部门预算绩效文本"

    @property
    def is_draft(self) -> bool:
        return bool(self.draft)

    @property
    def framework_id(self) -> str:
        return self.framework or default_framework_id()

    def label(self) -> str:
        """How the department-year is named in lists and messages."""
        return department_label(self.name, self.fiscal_year)

    def find_unit(self, reference: str | None) -> Unit | None:
        """The unit a project's ``unit`` names, by code or by name."""
        if not reference:
            return None
        for unit in self.units:
            if reference in (unit.code, unit.name):
                return unit
        return None


def department_label(name: str, fiscal_year: int) -> str:
    """``承德市司法局 2021年``: a department-year in lists and messages."""
    return f"{name} {fiscal_year}年"


class Unit(Base):
    """A budget unit (本级 or subordinate unit) of a department."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str | None]
    name: Mapped[str]

    department: Mapped[Department] = relationship(back_populates="units")

    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


class SubGoal(Base):
    """分项绩效目标: a title, the 绩效目标 paragraph and the 绩效指标 paragraphs."""

    __tablename__ = "sub_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str]
    goal: Mapped[str | None] = mapped_column(Text)
    indicators: Mapped[list[str]] = mapped_column(default=list)

    department: Mapped[Department] = relationship(back_populates="sub_goals")


class Measure(Base):
    """工作保障措施: a short title (``加强组织领导。``) and its text."""

    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str]
    text: Mapped[str | None] = mapped_column(Text)

    department: Mapped[Department] = relationship(back_populates="measures")


class Project(Base):
    """One 绩效目标表: a budget project or a special fund (``section``)."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"), index=True)
    section: Mapped[ProjectSection] = mapped_column(EnumText(ProjectSection), default=ProjectSection.BUDGET)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(default="")
    name: Mapped[str]
    title: Mapped[str | None]
    unit: Mapped[str | None]
    budget: Mapped[Decimal]
    fiscal_funds: Mapped[Decimal | None]
    other_funds: Mapped[Decimal | None]
    purpose: Mapped[str | None] = mapped_column(Text)
    plan_3: Mapped[Decimal | None]
    plan_6: Mapped[Decimal | None]
    plan_10: Mapped[Decimal | None]
    plan_12: Mapped[Decimal | None]
    goals: Mapped[list[str]] = mapped_column(default=list)
    #: This table's 绩效目标 style where it differs from the department's (None: the department's).
    goal_style: Mapped[str | None]
    #: The amounts were copied from last year (复制为下一年度) and the clerk has not changed one yet.
    #: Workspace state, not document content: not in the JSON format nor printed.
    amounts_to_review: Mapped[bool] = mapped_column(default=False, server_default="0")

    department: Mapped[Department] = relationship(overlaps="projects,special_funds")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="project",
        order_by="Indicator.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )

    @property
    def effective_title(self) -> str:
        """The name in the table heading and the 目录."""
        return self.title or self.name

    @property
    def spending_plan(self) -> dict[str, Decimal | None]:
        """Cumulative 资金支出计划 (percent) by month key ``"3"``…``"12"``."""
        return {month: getattr(self, f"plan_{month}") for month in SPENDING_MONTHS}

    def set_spending_plan(self, plan: dict[str, Decimal | None]) -> None:
        for month in SPENDING_MONTHS:
            setattr(self, f"plan_{month}", plan.get(month))

    def is_special(self) -> bool:
        return self.section == ProjectSection.SPECIAL


class IndicatorText:
    """The text of a 三级 indicator: its group, name, description, value and basis.

    Shared by the rows of a project's table (``Indicator``) and the 指标库's entries
    (``perfdesk.models.library.LibraryEntry``), so a suggestion fills exactly a row's fields.
    """

    level1: Mapped[str]
    level2: Mapped[str]
    name: Mapped[str]
    description: Mapped[str | None] = mapped_column(Text)
    op: Mapped[str | None]
    value: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None]
    basis: Mapped[str | None]


class Indicator(IndicatorText, Base):
    """One 三级指标 row of a project's indicator table."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_empty: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    project: Mapped[Project] = relationship(back_populates="indicators")

    def value_text(self) -> str:
        """The printed 指标值 (op + value + unit)."""
        return format_value(self.op, self.value, self.unit)

    def copy(self) -> Indicator:
        """A detached copy with the same content (for duplicating a project)."""
        return Indicator(**{key: getattr(self, key) for key in INDICATOR_FIELDS})
