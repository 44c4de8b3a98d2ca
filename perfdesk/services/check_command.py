"""The ``perfdesk check SRC [--format text|json]`` command.

SRC is a workspace (``.perfdesk``), a perfdesk JSON file or an Excel workbook perfdesk wrote. Exit status: 0 no
errors, 1 errors found; unreadable input raises ``InputError`` /
``WorkspaceError``, which the CLI turns into one Chinese line and status 2.

A current, clean workspace is read with ``sqlite3`` alone into snapshots (``perfdesk.models.files``,
``perfdesk.models.snapshot``): no SQLAlchemy, whose import alone took half the time budget of 1,000
projects. Any other file (older, in use, left mid-commit, damaged …) is opened by ``open_workspace``,
which upgrades, recovers or refuses it as every other command does. The JSON and Excel readers are
imported only for those files.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfdesk.checks import check_departments, has_errors
from perfdesk.checks.report import ReportFormat, to_json, to_text
from perfdesk.errors import InputError
from perfdesk.library.entry import LibraryItem, stored_item
from perfdesk.models.files import SQLITE_MAGIC, NotPlain, plain_reading
from perfdesk.models.snapshot import DepartmentData, UnusualValue, read_departments, read_library
from perfdesk.services.collecting import collector_paused

if TYPE_CHECKING:
    from perfdesk.models import Department


def run_check_command(source: Path, output_format: ReportFormat) -> int:
    """Check every department-year in ``source``, print the report, return the exit status."""
    with collector_paused():
        return _run(source, output_format)


def _run(source: Path, output_format: ReportFormat) -> int:
    if _is_workspace(source):
        return _report(*_stored(source), output_format)
    if source.suffix.lower() == ".xlsx":  # a workbook perfdesk wrote, perhaps edited in Excel
        from perfdesk.services.importing import read_file

        return _report(read_file(source), None, output_format)
    from perfdesk.importers.json_import import load_json_file, read_document

    return _report(read_document(load_json_file(source)), None, output_format)


def _stored(source: Path) -> tuple[Sequence[DepartmentData | Department], dict[str, LibraryItem]]:
    """The workspace's department-years and 指标库: read plainly when it is current and clean, else the full way."""
    try:
        with plain_reading(source) as conn:
            return read_departments(conn), _library(read_library(conn))
    except (NotPlain, UnusualValue):
        pass
    from perfdesk.models import open_workspace
    from perfdesk.services.library import stored_library

    with open_workspace(source, read_only=True) as workspace, workspace.session() as session:
        return workspace.departments(session), stored_library(session)


def _library(entries: list[dict]) -> dict[str, LibraryItem]:
    return {entry["key"]: stored_item(entry) for entry in entries}


def _report(
    departments: Sequence[Department | DepartmentData],
    library: dict[str, LibraryItem] | None,
    output_format: ReportFormat,
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
