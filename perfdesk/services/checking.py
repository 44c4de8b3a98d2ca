"""Checking a stored workspace: the ``perfdesk check SRC [--format text|json]`` command and the GUI's checks.

SRC is a workspace (``.perfdesk``), a perfdesk JSON file or an Excel workbook perfdesk wrote. Exit status: 0 no
errors, 1 errors found; unreadable input raises ``InputError`` /
``WorkspaceError``, which the CLI turns into one Chinese line and status 2.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path

from perfdesk.checks import (
    DepartmentFindings,
    Finding,
    check_departments,
    check_parts,
    has_errors,
    previous_year,
    recheck,
)
from perfdesk.checks.report import ReportFormat, to_json, to_text
from perfdesk.errors import InputError, PerfdeskError
from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.models import Collection as ItemCollection
from perfdesk.models import Department, Indicator, Project, Workspace, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.snapshot import DepartmentData, ProjectData, read_departments, read_projects
from perfdesk.models.workspace import SQLITE_MAGIC
from perfdesk.services.editing import Change, ChangeKind
from perfdesk.services.importing import read_file
from perfdesk.services.library import LibraryItem, stored_library


def check_in_own_session(
    workspace: Workspace, department_id: int, should_stop: Callable[[], bool] = lambda: False
) -> list[Finding]:
    """Read one department-year as stored in a fresh session and check it (safe on a worker thread).

    The session is committed right after loading: with ``expire_on_commit=False``
    the objects stay loaded, and the connection goes back to the pool, so the
    read never holds a SQLite lock that would delay the clerk's next save.
    An id no longer in the workspace (deleted meanwhile) gives no findings.

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
            departments = read_departments(conn)
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
            fresh = read_projects(conn, project_ids)
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


def run_check_command(source: Path, output_format: ReportFormat) -> int:
    """Check every department-year in ``source``, print the report, return the exit status."""
    if _is_workspace(source):
        with open_workspace(source, read_only=True) as workspace:
            with workspace.engine.connect() as conn:
                departments = read_departments(conn)
            with workspace.session() as session:
                library = stored_library(session)
        return _report(departments, output_format, library)
    if source.suffix.lower() == ".xlsx":  # a workbook perfdesk wrote, perhaps edited in Excel
        return _report(read_file(source), output_format)
    return _report(read_document(load_json_file(source)), output_format)


def _report(
    departments: Sequence[Department | DepartmentData],
    output_format: ReportFormat,
    library: dict[str, LibraryItem] | None = None,
) -> int:
    findings = check_departments(departments, library=library)
    if output_format is ReportFormat.JSON:
        text = to_json(findings) + "\n"
    else:
        text = to_text(findings, [(d.name, d.fiscal_year) for d in departments])
        if not departments:
            text = "文件中没有任何部门，没有可检查的内容。\n"
    sys.stdout.write(text)
    return 1 if has_errors(findings) else 0


def _is_workspace(source: Path) -> bool:
    """A SQLite file is a workspace; an empty ``.perfdesk`` is refused (checking never creates files)."""
    try:
        with source.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError as exc:
        raise InputError("找不到这个文件。", str(source)) from exc
    except IsADirectoryError as exc:
        raise InputError("这是一个文件夹，不是工作区文件或 JSON 文件。", str(source)) from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）。", str(source)) from exc
    if not head and source.suffix.lower() == ".perfdesk":
        raise InputError("工作区文件是空的，没有可检查的内容。", str(source))
    return head == SQLITE_MAGIC
