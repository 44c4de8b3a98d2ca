"""Run the rules over a department, or re-check one project after an edit.

No Qt here. The rules read plain frozen snapshots (``perfdesk.models.snapshot``): read from the
file with one query per table (``read_departments``), or copied from ORM objects here when a
caller passes those (a JSON file's transient objects, a session's). A snapshot holds no
connection, so a GUI worker thread may check it, pass ``should_stop`` to cancel, and map each
finding back through ``Location.project_id`` / ``indicator_id`` / ``field``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias, TypeVar

from perfdesk.checks.context import CheckContext, Place
from perfdesk.checks.findings import Finding, Location
from perfdesk.checks.registry import HEURISTIC_NOTE, Hit, Rule, Scope, all_rules
from perfdesk.checks.settings import CheckSettings, default_settings
from perfdesk.library.entry import LibraryItem
from perfdesk.models.kinds import Collection
from perfdesk.models.snapshot import DepartmentData, ProjectData, department_data

if TYPE_CHECKING:
    from perfdesk.models import Department, Project

#: What the checks accept: a snapshot, or an ORM department-year (copied to a snapshot first).
Checked: TypeAlias = "Department | DepartmentData"


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


class _YearOf(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def fiscal_year(self) -> int: ...


Y = TypeVar("Y", bound=_YearOf)


def as_data(department: Checked) -> DepartmentData:
    """The snapshot the rules read."""
    return department if isinstance(department, DepartmentData) else department_data(department)


class CheckCancelled(Exception):
    """``should_stop`` returned True; the partial result is discarded."""


def check_department(
    department: Checked,
    settings: CheckSettings | None = None,
    *,
    rule_ids: Iterable[str] | None = None,
    should_stop: Callable[[], bool] | None = None,
    previous: Checked | None = None,
    library: Mapping[str, LibraryItem] | None = None,
) -> list[Finding]:
    """Every finding for one department-year, in printed order (department-level first).

    Args:
        previous: the same department's previous year (``previous_year``), for R22.
        library: the workspace's 指标库 by indicator key, for R22's indicators the previous year lacks.
        rule_ids: run only these rules (e.g. ``{"R08"}``); all when None.
        should_stop: polled between projects; raising ``CheckCancelled`` when it returns True.
    """
    return check_parts(
        department, settings, rule_ids=rule_ids, should_stop=should_stop, previous=previous, library=library
    ).all()


@dataclass(frozen=True)
class DepartmentFindings:
    """One department's findings by where they come from, so an edit re-checks only what it touched.

    Attributes:
        document: the findings of the document rules (they compare projects: always run again).
        projects: each project's id and the findings of the project rules, in printed order.
    """

    document: list[Finding]
    projects: tuple[tuple[int | None, list[Finding]], ...]

    def all(self) -> list[Finding]:
        """Every finding, in printed order (what ``check_department`` returns)."""
        return sort_findings([*self.document, *(f for _, found in self.projects for f in found)])


def check_parts(
    department: Checked,
    settings: CheckSettings | None = None,
    *,
    rule_ids: Iterable[str] | None = None,
    should_stop: Callable[[], bool] | None = None,
    previous: Checked | None = None,
    library: Mapping[str, LibraryItem] | None = None,
) -> DepartmentFindings:
    """``check_department``, kept by source for ``recheck``."""
    ctx = _context(department, settings, previous, library)
    rules = _selected(rule_ids)
    projects: list[tuple[int | None, list[Finding]]] = []
    for place in ctx.places():
        if should_stop is not None and should_stop():
            raise CheckCancelled
        projects.append((place.project.id, _project_findings(ctx, rules, place)))
    return DepartmentFindings(_document_findings(ctx, rules), tuple(projects))


def recheck(
    department: Checked,
    found: DepartmentFindings,
    touched: Iterable[_Stored],
    settings: CheckSettings | None = None,
    *,
    previous: Checked | None = None,
    library: Mapping[str, LibraryItem] | None = None,
) -> DepartmentFindings | None:
    """The findings after edits inside the ``touched`` projects: their project rules and the document rules run again.

    Equal to ``check_parts`` (with the same ``previous`` year and ``library``) as long as the
    department's lists hold the stored projects ``found`` saw, in its order (an edit of a field or
    of an indicator row); None when a project was added, removed or moved, or is not stored.
    """
    ctx = _context(department, settings, previous, library)
    places = ctx.places()
    ids = [place.project.id for place in places]
    if None in ids or ids != [project_id for project_id, _ in found.projects]:
        return None
    rules = _selected(None)
    wanted = {project.id for project in touched}
    projects = [
        (project_id, _project_findings(ctx, rules, place) if project_id in wanted else mine)
        for place, (project_id, mine) in zip(places, found.projects, strict=True)
    ]
    return DepartmentFindings(_document_findings(ctx, rules), tuple(projects))


def check_project(
    department: Checked,
    project: Project | ProjectData,
    settings: CheckSettings | None = None,
    *,
    previous: Checked | None = None,
    library: Mapping[str, LibraryItem] | None = None,
) -> list[Finding]:
    """The findings located in one project, for an incremental re-check after an edit.

    Document-wide rules (duplicate codes, copy-paste) still compare with the
    other projects, so the answer equals the project's share of
    ``check_department``. Those rules may also change findings *of other
    projects* (the twin of a duplicate code); a panel refreshes them on the
    next full check.
    """
    ctx = _context(department, settings, previous, library)
    place = ctx.place_of(_data_project(department, project, ctx))
    rules = _selected(None)
    findings = _project_findings(ctx, rules, place)
    for rule in rules:
        if rule.scope is Scope.DOCUMENT:
            hits = (h for h in rule.check(ctx) if h.place is not None and h.place.project is place.project)
            findings.extend(_findings(ctx, rule, hits, None))
    return sort_findings(findings)


def check_departments(
    departments: Sequence[Checked],
    settings: CheckSettings | None = None,
    library: Mapping[str, LibraryItem] | None = None,
) -> list[Finding]:
    """Findings of several department-years (a workspace or a JSON file), in order."""
    departments = [as_data(dept) for dept in departments]
    return [
        finding
        for dept in departments
        for finding in check_department(dept, settings, previous=previous_year(dept, departments), library=library)
    ]


def previous_year(department: Y, departments: Iterable[Y]) -> Y | None:
    """The same department's latest year before ``department``'s among ``departments``, or None."""
    earlier = [d for d in departments if d.name == department.name and d.fiscal_year < department.fiscal_year]
    return max(earlier, key=lambda d: d.fiscal_year, default=None)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Department-level first, then by section, project, row, severity and rule."""

    def key(f: Finding) -> tuple:
        loc = f.location
        if loc.project_index is None:
            return (0, 0, 0, -1, f.severity.rank, f.rule)
        section = 0 if loc.section is Collection.SPECIAL_FUNDS else 1
        return (1, section, loc.project_index, loc.indicator_index or 0, f.severity.rank, f.rule)

    return sorted(findings, key=key)


def _context(
    department: Checked,
    settings: CheckSettings | None,
    previous: Checked | None,
    library: Mapping[str, LibraryItem] | None,
) -> CheckContext:
    before = None if previous is None else as_data(previous)
    return CheckContext(as_data(department), settings or default_settings(), before, library)


def _data_project(department: Checked, project: Project | ProjectData, ctx: CheckContext) -> ProjectData:
    """The snapshot of ``project``: itself, or the one at its place when the department was ORM objects."""
    if isinstance(project, ProjectData):
        return project
    assert not isinstance(department, DepartmentData)
    orm = [*department.special_funds, *department.projects]
    for place, candidate in zip(ctx.places(), orm, strict=True):
        if candidate is project:
            return place.project
    raise ValueError("project is not in this department")


def _selected(rule_ids: Iterable[str] | None) -> list[Rule]:
    rules = all_rules()
    if rule_ids is None:
        return rules
    wanted = set(rule_ids)
    return [r for r in rules if r.id in wanted]


def _document_findings(ctx: CheckContext, rules: list[Rule]) -> list[Finding]:
    return [f for rule in rules if rule.scope is Scope.DOCUMENT for f in _findings(ctx, rule, rule.check(ctx), None)]


def _project_findings(ctx: CheckContext, rules: list[Rule], place: Place) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        if rule.scope is Scope.PROJECT:
            found.extend(_findings(ctx, rule, rule.check(ctx, place), place))
    return found


def _findings(ctx: CheckContext, rule: Rule, hits: Iterable[Hit], place: Place | None) -> Iterator[Finding]:
    for hit in hits:
        where = hit.place or place
        heuristic = rule.heuristic if hit.heuristic is None else hit.heuristic
        message = hit.message + (HEURISTIC_NOTE if heuristic else "")
        yield Finding(rule.id, hit.severity or rule.severity, message, _location(ctx, where, hit))


def _location(ctx: CheckContext, place: Place | None, hit: Hit) -> Location:
    dept = ctx.department
    if place is None:
        return Location(dept.name, dept.fiscal_year, field=hit.field)
    project = place.project
    indicator = project.indicators[hit.row] if hit.row is not None else None
    return Location(
        department=dept.name,
        fiscal_year=dept.fiscal_year,
        section=place.section,
        project_index=place.number,
        project_code=project.code or None,
        project_name=project.name,
        project_id=project.id,
        indicator_index=None if hit.row is None else hit.row + 1,
        indicator_id=indicator.id if indicator is not None else None,
        field=hit.field,
    )
