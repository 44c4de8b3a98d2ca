"""Export a workspace (or some of its departments) to a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perfdesk.errors import InputError
from perfdesk.export.registry import ExportOptions, Progress, format_for
from perfdesk.models import Department, open_workspace


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
    """
    fmt = format_for(target)
    with open_workspace(workspace_path, read_only=True) as workspace, workspace.session() as session:
        chosen = select_departments(workspace.departments(session), department, year)
        if fmt.one_department and len(chosen) > 1:
            names = "、".join(d.label() for d in chosen)
            raise InputError(
                f"{fmt.label} 文件只能包含一个部门的一个年度，工作区中有：{names}。请用 --department 和 --year 指定。"
            )
        path = fmt.writer(options)(chosen, target, progress=progress)
        return ExportResult(path, [d.label() for d in chosen])
