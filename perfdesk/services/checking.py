"""Checking a stored workspace: the ``perfdesk check SRC [--format text|json]`` command and the GUI's checks.

SRC is a workspace (``.perfdesk``) or a perfdesk JSON file. Exit status: 0 no
errors, 1 errors found; unreadable input raises ``InputError`` /
``WorkspaceError``, which the CLI turns into one Chinese line and status 2.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from perfdesk.checks import Finding, check_department, check_departments, has_errors, previous_year
from perfdesk.checks.report import ReportFormat, to_json, to_text
from perfdesk.errors import InputError, PerfdeskError
from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.models import Department, Workspace, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.workspace import SQLITE_MAGIC
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
    with workspace.session() as session:
        departments = workspace.departments(session)
        department = next((d for d in departments if d.id == department_id), None)
        library = stored_library(session)
        session.commit()
        if department is None:
            return []
        previous = previous_year(department, departments)
        return check_department(department, should_stop=should_stop, previous=previous, library=library)


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
        with open_workspace(source, read_only=True) as workspace, workspace.session() as session:
            departments = workspace.departments(session)
            return _report(departments, output_format, stored_library(session))
    return _report(read_document(load_json_file(source)), output_format)


def _report(
    departments: list[Department], output_format: ReportFormat, library: dict[str, LibraryItem] | None = None
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
