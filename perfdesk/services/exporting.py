"""Export a workspace (or some of its departments) to a file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from perfdesk.errors import InputError
from perfdesk.export.registry import CheckCounts, CheckedWriter, ExportOptions, Progress, format_for
from perfdesk.models import Department, open_workspace

if TYPE_CHECKING:  # the checks and the 指标库 are loaded only for a writer that prints check results (Excel)
    from perfdesk.services.library import LibraryItem


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (a link, another spelling, a different case on Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


@dataclass
class ExportResult:
    path: Path
    departments: list[str]


def select_departments(
    departments: list[Department], name: str | None = None, year: int | None = None
) -> list[Department]:
    """The departments a ``--department``/``--year`` selection names.

    Raises:
        InputError: the selection matches nothing.
    """
    chosen = [d for d in departments if (name is None or d.name == name) and (year is None or d.fiscal_year == year)]
    if not chosen:
        what = " ".join(filter(None, [name, f"{year}年" if year else None])) or "任何部门"
        have = "、".join(d.label() for d in departments) or "（工作区是空的）"
        raise InputError(f"工作区中没有“{what}”。工作区中有：{have}。")
    return chosen


def export_workspace(
    workspace_path: Path,
    target: Path,
    *,
    department: str | None = None,
    year: int | None = None,
    progress: Progress | None = None,
    options: ExportOptions | None = None,
) -> ExportResult:
    """Write the selected departments of a workspace to ``target`` (format by suffix).

    ``options`` reach the writers that honour them (Word); the others ignore them.

    Raises:
        InputError: ``target`` is the workspace itself (an export would replace it), or the
            selection matches nothing.
    """
    if same_file(workspace_path, target):
        raise InputError("导出的目标文件就是这个工作区文件本身，导出会把它覆盖。请换一个文件名。", str(target))
    fmt = format_for(target)
    with open_workspace(workspace_path, read_only=True) as workspace, workspace.session() as session:
        chosen = select_departments(workspace.departments(session), department, year)
        if fmt.one_department and len(chosen) > 1:
            names = "、".join(d.label() for d in chosen)
            raise InputError(
                f"{fmt.label} 文件只能包含一个部门的一个年度，工作区中有：{names}。请用 --department 和 --year 指定。"
            )
        if fmt.checked:  # Excel prints each project's check results in 项目汇总
            from perfdesk.services.library import stored_library

            checked = cast(CheckedWriter, fmt.load())
            counts = check_counts(chosen, stored_library(session))
            path = checked(chosen, target, progress=progress, checks=counts)
        else:
            path = fmt.writer(options)(chosen, target, progress=progress)
        return ExportResult(path, [d.label() for d in chosen])


def check_counts(departments: list[Department], library: Mapping[str, LibraryItem] | None = None) -> CheckCounts:
    """Each project's (errors, warnings) as the checks find them now (the 检查 panel's, 指标库 included)."""
    from perfdesk.checks import Severity, check_departments

    counts: dict[int, tuple[int, int]] = {}
    for dept in departments:
        for project in (*dept.special_funds, *dept.projects):
            counts[project.id] = (0, 0)
    for finding in check_departments(departments, library=library):
        project_id = finding.location.project_id
        if project_id is None or project_id not in counts:
            continue
        errors, warnings = counts[project_id]
        if finding.severity is Severity.ERROR:
            errors += 1
        elif finding.severity is Severity.WARNING:
            warnings += 1
        counts[project_id] = (errors, warnings)
    return counts
