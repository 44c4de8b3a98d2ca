"""Department-years as plain frozen data, read with one Core query per table (or copied from ORM objects).

The checks read every field of every indicator row many times: through the ORM each read is an
instrumented attribute (690,000 of them for 1,000 projects, more than half the ``perfdesk check``
time), and loading builds an identity map nobody needs. These snapshots carry the same attribute
names and the few helpers the rules use (``value_text``, ``spending_plan``, ``find_unit`` …), so a
rule reads a snapshot as it read the ORM object, and a finding's ids are the stored ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection as Several
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, select

from perfdesk.domain.frameworks import default_framework_id
from perfdesk.domain.values import format_value
from perfdesk.models.entities import (
    SPENDING_MONTHS,
    Department,
    Indicator,
    Measure,
    Project,
    ProjectSection,
    SubGoal,
    Unit,
)

# eq=False: a snapshot is its own identity (rules ask ``place is not other``), and hashing it is cheap.


@dataclass(frozen=True, slots=True, eq=False)
class IndicatorData:
    """One indicator row as stored."""

    id: int | None
    level1: str
    level2: str
    name: str
    description: str | None
    op: str | None
    value: str | None
    unit: str | None
    basis: str | None

    def value_text(self) -> str:
        """The printed 指标值 (op + value + unit), as ``Indicator.value_text``."""
        return format_value(self.op, self.value, self.unit)


@dataclass(frozen=True, slots=True, eq=False)
class ProjectData:
    """One project (or 专项资金) with its indicator rows in order."""

    id: int | None
    department_id: int | None
    section: ProjectSection
    code: str
    name: str
    title: str | None
    unit: str | None
    budget: Decimal | None
    fiscal_funds: Decimal | None
    other_funds: Decimal | None
    purpose: str | None
    plan_3: Decimal | None
    plan_6: Decimal | None
    plan_10: Decimal | None
    plan_12: Decimal | None
    goals: tuple[str, ...]
    amounts_to_review: bool
    indicators: tuple[IndicatorData, ...]

    @property
    def spending_plan(self) -> dict[str, Decimal | None]:
        """Cumulative 资金支出计划 (percent) by month key, as ``Project.spending_plan``."""
        return {month: getattr(self, f"plan_{month}") for month in SPENDING_MONTHS}


@dataclass(frozen=True, slots=True, eq=False)
class UnitData:
    code: str | None
    name: str

    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


@dataclass(frozen=True, slots=True, eq=False)
class SubGoalData:
    title: str
    goal: str | None
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class MeasureData:
    title: str
    text: str | None


@dataclass(frozen=True, slots=True, eq=False)
class DepartmentData:
    """One department-year with everything the checks read."""

    id: int | None
    name: str
    fiscal_year: int
    framework: str | None
    name_label: str
    overall_goal: str
    spending_plan: bool
    units: tuple[UnitData, ...]
    sub_goals: tuple[SubGoalData, ...]
    measures: tuple[MeasureData, ...]
    special_funds: tuple[ProjectData, ...]
    projects: tuple[ProjectData, ...]

    @property
    def framework_id(self) -> str:
        return self.framework or default_framework_id()

    def find_unit(self, reference: str | None) -> UnitData | None:
        """The unit a project's ``unit`` names, by code or by name (``Department.find_unit``)."""
        if not reference:
            return None
        return next((unit for unit in self.units if reference in (unit.code, unit.name)), None)


_INDICATOR = tuple(f.name for f in fields(IndicatorData) if f.name != "id")
_PROJECT = ("code", "name", "title", "unit", "budget", "fiscal_funds", "other_funds", "purpose")
_PLANS = tuple(f"plan_{month}" for month in SPENDING_MONTHS)


# --- from ORM objects (a JSON file or workbook read into transient objects, or a session's) --------


def department_data(dept: Department) -> DepartmentData:
    """A snapshot of an ORM department-year (each attribute read once)."""
    return DepartmentData(
        dept.id,
        dept.name,
        dept.fiscal_year,
        dept.framework,
        dept.name_label,
        dept.overall_goal,
        dept.spending_plan,
        tuple(UnitData(u.code, u.name) for u in dept.units),
        tuple(SubGoalData(g.title, g.goal, tuple(g.indicators or ())) for g in dept.sub_goals),
        tuple(MeasureData(m.title, m.text) for m in dept.measures),
        tuple(project_data(p, ProjectSection.SPECIAL) for p in dept.special_funds),
        tuple(project_data(p, ProjectSection.BUDGET) for p in dept.projects),
    )


def project_data(project: Project, section: ProjectSection | None = None) -> ProjectData:
    """A snapshot of an ORM project (``section``: the list it is in, for a project not yet flushed)."""
    return ProjectData(
        id=project.id,
        department_id=project.department_id,
        section=section or project.section,
        code=project.code,
        name=project.name,
        title=project.title,
        unit=project.unit,
        budget=project.budget,
        fiscal_funds=project.fiscal_funds,
        other_funds=project.other_funds,
        purpose=project.purpose,
        plan_3=project.plan_3,
        plan_6=project.plan_6,
        plan_10=project.plan_10,
        plan_12=project.plan_12,
        goals=tuple(project.goals or ()),
        amounts_to_review=bool(project.amounts_to_review),
        indicators=tuple(indicator_data(i) for i in project.indicators),
    )


def indicator_data(ind: Indicator) -> IndicatorData:
    return IndicatorData(ind.id, *(getattr(ind, f) for f in _INDICATOR))


# --- from the file: one Core query per table -------------------------------------------------------


def read_departments(conn: Connection) -> list[DepartmentData]:
    """Every department-year in workspace order, as ``Workspace.departments`` loads them."""
    projects = _grouped(_projects(conn, None))
    units = _children(conn, _table(Unit), ("code", "name"))
    sub_goals = _children(conn, _table(SubGoal), ("title", "goal", "indicators"))
    measures = _children(conn, _table(Measure), ("title", "text"))
    table = _table(Department)
    columns = ("id", "name", "fiscal_year", "framework", "name_label", "overall_goal", "spending_plan")
    departments = []
    for row in conn.execute(select(*(table.c[c] for c in columns)).order_by(table.c.position, table.c.id)):
        dept_id = row[0]
        mine = projects.get(dept_id, {})
        departments.append(
            DepartmentData(
                row.id,
                row.name,
                row.fiscal_year,
                row.framework,
                row.name_label,
                row.overall_goal,
                row.spending_plan,
                tuple(UnitData(*r) for r in units.get(dept_id, ())),
                tuple(SubGoalData(r[0], r[1], tuple(r[2] or ())) for r in sub_goals.get(dept_id, ())),
                tuple(MeasureData(*r) for r in measures.get(dept_id, ())),
                tuple(mine.get(ProjectSection.SPECIAL, ())),
                tuple(mine.get(ProjectSection.BUDGET, ())),
            )
        )
    return departments


def read_projects(conn: Connection, ids: Several[int]) -> dict[int, ProjectData]:
    """These projects as stored now, by id (the ones no longer stored are left out)."""
    return {p.id: p for p in _projects(conn, ids) if p.id is not None}


def _projects(conn: Connection, ids: Several[int] | None) -> list[ProjectData]:
    table = _table(Project)
    ind = _table(Indicator)
    rows: dict[int, list[IndicatorData]] = defaultdict(list)
    query = select(ind.c.project_id, ind.c.id, *(ind.c[f] for f in _INDICATOR)).order_by(
        ind.c.project_id, ind.c.position, ind.c.id
    )
    if ids is not None:
        query = query.where(ind.c.project_id.in_(list(ids)))
    for row in conn.execute(query):
        rows[row[0]].append(IndicatorData(*row[1:]))
    columns = ("id", "department_id", "section", *_PROJECT, *_PLANS, "goals", "amounts_to_review")
    query = select(*(table.c[c] for c in columns)).order_by(table.c.department_id, table.c.position, table.c.id)
    if ids is not None:
        query = query.where(table.c.id.in_(list(ids)))
    projects = []
    for row in conn.execute(query):
        values = dict(row._mapping)
        values["goals"] = tuple(values["goals"] or ())
        values["amounts_to_review"] = bool(values["amounts_to_review"])
        projects.append(ProjectData(**values, indicators=tuple(rows.get(row.id, ()))))
    return projects


def _grouped(projects: Iterable[ProjectData]) -> dict[int | None, dict[ProjectSection, list[ProjectData]]]:
    by_department: dict[int | None, dict[ProjectSection, list[ProjectData]]] = defaultdict(lambda: defaultdict(list))
    for project in projects:
        by_department[project.department_id][project.section].append(project)
    return by_department


def _children(conn: Connection, table: Table, columns: Sequence[str]) -> dict[int, list[Sequence[Any]]]:
    """A department's list (units, sub-goals, measures) by department id, in order."""
    by_department: dict[int, list[Sequence[Any]]] = defaultdict(list)
    query = select(table.c.department_id, *(table.c[c] for c in columns)).order_by(
        table.c.department_id, table.c.position, table.c.id
    )
    for row in conn.execute(query):
        by_department[row[0]].append(row[1:])
    return by_department


def _table(entity: type[Any]) -> Table:
    table: Table = entity.__table__
    return table
