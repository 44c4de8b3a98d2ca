"""Department-years as plain frozen data, read with one query per table (or copied from ORM objects).

The checks read every field of every indicator row many times: through the ORM each read is an
instrumented attribute (690,000 of them for 1,000 projects, more than half the ``perfdesk check``
time), and loading builds an identity map nobody needs. These snapshots carry the same attribute
names and the few helpers the rules use (``value_text``, ``spending_plan``, ``find_unit`` …), so a
rule reads a snapshot as it read the ORM object, and a finding's ids are the stored ids.

No SQLAlchemy here (``perfdesk check`` of 1,000 projects must take under half a second, and
SQLAlchemy's import alone takes a quarter): the queries run on the ``sqlite3`` connection and the
values are converted as the column types convert them (``ExactDecimal``: ``Decimal(text)``, ``JSON``,
``EnumText``), each checked as ``perfdesk.models.integrity`` checks it. A value that is not as
perfdesk writes it raises ``UnusualValue``: the caller then opens the file the full way, which
names the damage (``tests/test_snapshot.py`` holds the two readings equal and the column lists to
the schema).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection as Several
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfdesk.domain.frameworks import default_framework_id
from perfdesk.domain.limits import number_problem, year_problem
from perfdesk.domain.values import format_value
from perfdesk.models.kinds import SPENDING_MONTHS, ProjectSection

if TYPE_CHECKING:
    from perfdesk.models.entities import Department, Indicator, Project

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
_TEXTS = ("code", "name", "title", "unit", "purpose")  # a project's text columns the checks read
_AMOUNTS = ("budget", "fiscal_funds", "other_funds", *(f"plan_{month}" for month in SPENDING_MONTHS))


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
        goals=tuple(project.goals or ()),
        amounts_to_review=bool(project.amounts_to_review),
        indicators=tuple(indicator_data(i) for i in project.indicators),
        **{name: getattr(project, name) for name in (*_TEXTS, *_AMOUNTS)},
    )


def indicator_data(ind: Indicator) -> IndicatorData:
    return IndicatorData(ind.id, *(getattr(ind, f) for f in _INDICATOR))


# --- from the file: one query per table ------------------------------------------------------------


class UnusualValue(Exception):
    """A stored value the plain reading does not take as it is (the full opening explains it)."""


#: The columns each table has (the schema at ``SCHEMA_VERSION``; a test compares them with the ORM's).
STORED_COLUMNS: dict[str, tuple[str, ...]] = {
    "department": (
        "id", "kept_empty", "position", "name", "fiscal_year", "title", "draft", "prepared_by", "reviewed_by",
        "framework", "overall_goal", "has_special_funds", "name_label", "number_style", "goal_style",
        "percent_sign", "spending_plan", "font_set",
    ),
    "unit": ("id", "kept_empty", "department_id", "position", "code", "name"),
    "sub_goal": ("id", "kept_empty", "department_id", "position", "title", "goal", "indicators"),
    "measure": ("id", "kept_empty", "department_id", "position", "title", "text"),
    "project": (
        "id", "kept_empty", "department_id", "section", "position", "code", "name", "title", "unit", "budget",
        "fiscal_funds", "other_funds", "purpose", "plan_3", "plan_6", "plan_10", "plan_12", "goals", "goal_style",
        "amounts_to_review",
    ),
    "indicator": (
        "level1", "level2", "name", "description", "op", "value", "unit", "basis", "id", "kept_empty",
        "project_id", "position",
    ),
    "library_entry": (
        "level1", "level2", "name", "description", "op", "value", "unit", "basis", "id", "key", "uses", "years",
        "history", "origin", "edited", "hidden",
    ),
}  # fmt: skip
_LIBRARY_ORIGINS = frozenset({"learned", "starter", "imported", "manual"})


def read_departments(conn: sqlite3.Connection) -> list[DepartmentData]:
    """Every department-year in workspace order, as ``Workspace.departments`` loads them.

    Raises:
        UnusualValue: a table, a column or a value is not as perfdesk writes it.
    """
    _check_columns(conn)
    projects = _grouped(_projects(conn, None))
    units = _children(conn, "unit", "code, name")
    sub_goals = _children(conn, "sub_goal", "title, goal, indicators")
    measures = _children(conn, "measure", "title, text")
    _text_lists(conn, "department", "kept_empty")
    query = (
        "SELECT id, name, fiscal_year, framework, name_label, overall_goal, spending_plan"
        " FROM department ORDER BY position, id"
    )
    departments = []
    for dept_id, name, year, framework, name_label, overall_goal, plan in conn.execute(query):
        if not isinstance(year, int) or year_problem(year) is not None:
            raise UnusualValue(f"department {dept_id}: fiscal_year")
        mine = projects.get(dept_id, {})
        departments.append(
            DepartmentData(
                dept_id,
                name,
                year,
                framework,
                name_label,
                overall_goal,
                _boolean(plan),
                tuple(UnitData(*r) for r in units.get(dept_id, ())),
                tuple(SubGoalData(r[0], r[1], _text_list(r[2])) for r in sub_goals.get(dept_id, ())),
                tuple(MeasureData(*r) for r in measures.get(dept_id, ())),
                tuple(mine.get(ProjectSection.SPECIAL, ())),
                tuple(mine.get(ProjectSection.BUDGET, ())),
            )
        )
    return departments


def read_projects(conn: sqlite3.Connection, ids: Several[int]) -> dict[int, ProjectData]:
    """These projects as stored now, by id (the ones no longer stored are left out)."""
    return {p.id: p for p in _projects(conn, ids) if p.id is not None}


def read_library(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The 指标库's entries not deleted, each as its column values (``years`` and ``history`` parsed)."""
    columns = ("id", "key", "level1", "level2", "name", "description", "op", "value", "unit", "basis")
    query = f"SELECT {', '.join(columns)}, uses, years, history, origin, edited FROM library_entry WHERE NOT hidden"
    entries = []
    for row in conn.execute(query):
        values = dict(zip(columns, row, strict=False))
        uses, years, history, origin, edited = row[len(columns) :]
        years = _json(years)
        history = _json(history)
        if not (isinstance(years, list) and all(type(y) is int for y in years)):
            raise UnusualValue(f"library_entry {values['id']}: years")
        if not (isinstance(history, dict) and all(isinstance(v, str) for v in history.values())):
            raise UnusualValue(f"library_entry {values['id']}: history")
        if origin not in _LIBRARY_ORIGINS:
            raise UnusualValue(f"library_entry {values['id']}: origin")
        entries.append(
            values | {"uses": uses, "years": years, "history": history, "origin": origin, "edited": _boolean(edited)}
        )
    return entries


_INDICATOR_QUERY = f"SELECT project_id, id, {', '.join(_INDICATOR)}, kept_empty FROM indicator"
_PROJECT_QUERY = (
    f"SELECT id, department_id, section, {', '.join(_TEXTS)}, {', '.join(_AMOUNTS)},"
    " goals, amounts_to_review, kept_empty FROM project"
)


def _projects(conn: sqlite3.Connection, ids: Several[int] | None) -> list[ProjectData]:
    where, params = ("", []) if ids is None else (f" WHERE {{}} IN ({', '.join('?' * len(ids))})", list(ids))
    rows: dict[int, list[IndicatorData]] = defaultdict(list)
    query = _INDICATOR_QUERY + where.format("project_id") + " ORDER BY project_id, position, id"
    for row in conn.execute(query, params):
        _text_list(row[-1])  # kept_empty
        rows[row[0]].append(IndicatorData(*row[1:-1]))
    projects = []
    query = _PROJECT_QUERY + where.format("id") + " ORDER BY department_id, position, id"
    for row in conn.execute(query, params):
        if row[2] not in (ProjectSection.BUDGET, ProjectSection.SPECIAL):
            raise UnusualValue(f"project {row[0]}: section")
        texts: dict[str, Any] = dict(zip(_TEXTS, row[3:8], strict=True))
        amounts: dict[str, Any] = {name: _amount(value) for name, value in zip(_AMOUNTS, row[8:15], strict=True)}
        _text_list(row[-1])  # kept_empty
        projects.append(
            ProjectData(
                id=row[0],
                department_id=row[1],
                section=ProjectSection(row[2]),
                goals=_text_list(row[-3]),
                amounts_to_review=bool(row[-2]),
                indicators=tuple(rows.get(row[0], ())),
                **texts,
                **amounts,
            )
        )
    return projects


def _grouped(projects: Iterable[ProjectData]) -> dict[int | None, dict[ProjectSection, list[ProjectData]]]:
    by_department: dict[int | None, dict[ProjectSection, list[ProjectData]]] = defaultdict(lambda: defaultdict(list))
    for project in projects:
        by_department[project.department_id][project.section].append(project)
    return by_department


def _children(conn: sqlite3.Connection, table: str, columns: str) -> dict[int, list[Sequence[Any]]]:
    """A department's list (units, sub-goals, measures) by department id, in order."""
    by_department: dict[int, list[Sequence[Any]]] = defaultdict(list)
    query = f"SELECT department_id, kept_empty, {columns} FROM {table} ORDER BY department_id, position, id"
    for row in conn.execute(query):
        _text_list(row[1])
        by_department[row[0]].append(row[2:])
    return by_department


def _text_lists(conn: sqlite3.Connection, table: str, column: str) -> None:
    for (raw,) in conn.execute(f"SELECT {column} FROM {table}"):
        _text_list(raw)


def _check_columns(conn: sqlite3.Connection) -> None:
    for table, columns in STORED_COLUMNS.items():
        present = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not present.issuperset(columns):
            raise UnusualValue(f"{table}: columns")


def _amount(raw: Any) -> Decimal | None:
    """``ExactDecimal``'s reading, for the text perfdesk writes; anything else is unusual."""
    if raw is None:
        return None
    if not isinstance(raw, str) or len(raw) > 100:
        raise UnusualValue(f"amount {raw!r}"[:60])
    try:
        amount = Decimal(raw)
    except ArithmeticError as exc:
        raise UnusualValue(f"amount {raw!r}"[:60]) from exc
    if number_problem(amount) is not None:
        raise UnusualValue(f"amount {raw!r}"[:60])
    return amount


def _text_list(raw: Any) -> tuple[str, ...]:
    """A ``list[str]`` JSON column (None: empty)."""
    if raw is None or raw == "[]":  # most ``kept_empty`` (a quarter of the reading's time when parsed)
        return ()
    data = _json(raw)
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        raise UnusualValue("a list of text")
    return tuple(data)


def _json(raw: Any) -> Any:
    if not isinstance(raw, str):
        raise UnusualValue("JSON")
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise UnusualValue("JSON") from exc


def _boolean(raw: Any) -> bool:
    return bool(raw)
