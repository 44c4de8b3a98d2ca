"""The GUI's checks of a stored workspace: a worker's ``DepartmentChecker`` and what an edit touched.

``perfdesk check`` is ``perfdesk.services.check_command`` (it imports far less).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace

from sqlalchemy import Connection

from perfdesk.checks import (
    DepartmentFindings,
    Finding,
    check_parts,
    previous_year,
    recheck,
)
from perfdesk.errors import PerfdeskError
from perfdesk.models import Collection as ItemCollection
from perfdesk.models import Indicator, Project, Workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.snapshot import DepartmentData, ProjectData, read_departments, read_projects
from perfdesk.services.editing import Change, ChangeKind
from perfdesk.services.library import LibraryItem, stored_library


def check_in_own_session(
    workspace: Workspace, department_id: int, should_stop: Callable[[], bool] = lambda: False
) -> list[Finding]:
    """Read one department-year as stored, on a connection of its own, and check it (safe on a worker thread).

    The read is a few queries that hold no SQLite lock afterwards (the clerk's next save never
    waits), into snapshots that belong to no session. An id no longer in the workspace (deleted
    meanwhile) gives no findings.

    Raises:
        CheckCancelled: ``should_stop`` said so between rules.
    """
    checker = DepartmentChecker(workspace)
    try:
        return checker.check(department_id, should_stop=should_stop)
    finally:
        checker.close()


class DepartmentChecker:
    """Checks one department-year again and again, re-reading and re-checking only what edits touched.

    It keeps the department's snapshot (``perfdesk.models.snapshot``: plain data, no session, so it
    may live on a worker thread): after an edit inside some projects (a field, an indicator row)
    only those projects are read again (two short queries) and their project rules run, with the
    document rules (which compare projects); anything else (the department's own fields, adding,
    deleting or moving a project) reads and checks the whole department-year. The answer is always
    what ``check_in_own_session`` gives.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._department: DepartmentData | None = None
        self._previous: DepartmentData | None = None  # the previous year, for R22
        self._found: DepartmentFindings | None = None

    def check(
        self,
        department_id: int,
        touched: Collection[int] | None = None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> list[Finding]:
        """Findings of the department as stored now; ``touched``: the only projects edited since the last call.

        Raises:
            CheckCancelled: ``should_stop`` said so.
        """
        dept, found = self._department, self._found
        if touched is not None and dept is not None and dept.id == department_id and found is not None:
            again_read = self._reread(dept, touched)
            if again_read is not None:
                dept, projects = again_read
                library = self._library()  # the 指标库 learns as the clerk types: read it again (one query)
                again = recheck(dept, found, projects, previous=self._previous, library=library)
                if again is not None:
                    self._department, self._found = dept, again
                    return again.all()
        return self._check_all(department_id, should_stop)

    def _check_all(self, department_id: int, should_stop: Callable[[], bool]) -> list[Finding]:
        self.close()
        with self.workspace.engine.connect() as conn:  # one short read: no lock held between checks
            departments = read_departments(_sqlite(conn))
        library = self._library()
        department = next((d for d in departments if d.id == department_id), None)
        if department is None:
            return []
        previous = previous_year(department, departments)
        found = check_parts(department, should_stop=should_stop, previous=previous, library=library)
        self._department, self._previous, self._found = department, previous, found
        return found.all()

    def _library(self) -> dict[str, LibraryItem]:
        with self.workspace.session() as session:
            return stored_library(session)

    def _reread(
        self, department: DepartmentData, project_ids: Collection[int]
    ) -> tuple[DepartmentData, list[ProjectData]] | None:
        """The department with these projects read again; None when one is not the department's as it was."""
        with self.workspace.engine.connect() as conn:
            fresh = read_projects(_sqlite(conn), project_ids)
        held = {p.id: p for p in (*department.special_funds, *department.projects)}
        for project_id in project_ids:
            now, before = fresh.get(project_id), held.get(project_id)
            if now is None or before is None or now.department_id != department.id or now.section != before.section:
                return None  # a new or deleted project, one of another year (R22 compares with it), or moved
        updated = replace(
            department,
            special_funds=tuple(fresh.get(p.id or 0, p) for p in department.special_funds),
            projects=tuple(fresh.get(p.id or 0, p) for p in department.projects),
        )
        return updated, list(fresh.values())

    def close(self) -> None:
        """Forget the loaded department (the next check reads it whole)."""
        self._department, self._previous, self._found = None, None, None


def _sqlite(conn: Connection) -> sqlite3.Connection:
    """The driver's connection under SQLAlchemy's, which the snapshot readers query."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def touched_project(change: Change) -> int | None:
    """The id of the one project an edit stayed inside (its fields or its indicator rows), else None."""
    entity = change.entity
    if change.kind is ChangeKind.FIELD and isinstance(entity, Indicator):
        return entity.project_id
    if change.kind is ChangeKind.FIELD and isinstance(entity, Project) and change.field not in ("section", "position"):
        return entity.id
    if isinstance(change.parent, Project) and change.collection is ItemCollection.INDICATORS:
        return change.parent.id
    return None


def describe_failure(exc: BaseException) -> str:
    """Why a background check could not finish, for the 检查 panel: a Chinese reason, never an exception's repr."""
    if isinstance(exc, PerfdeskError):
        return exc.message
    if getattr(exc, "orig", None) is not None or isinstance(exc, (OSError, sqlite3.Error)):
        return storage_error(exc, None).message  # a locked, vanished or damaged file
    return f"程序内部错误（{type(exc).__name__}），请把工作区文件发给技术支持。"
