"""Round trips through Word: store a document, write it as .docx, import that, compare the content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfdesk.export.json_export import department_dict
from perfdesk.models import Department, open_workspace
from perfdesk.services.exporting import export_workspace
from perfdesk.services.importing import import_files


def canonical(value: Any) -> Any:
    """JSON content with absent, null and empty values alike (the only freedom an export has)."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if v not in (None, [], {}, "", False)}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def content(dept: Department) -> dict[str, Any]:
    """What a department-year holds, as the JSON writer sees it (the layout options included)."""
    data = canonical(department_dict(dept))
    if data.get("title") == f"{dept.name}{dept.fiscal_year}年部门预算绩效文本":
        del data["title"]  # the default title, printed on the cover either way
    data["layout"] = department_dict(dept)["layout"]  # False is a value here, not an absence
    for project in [*data.get("projects", []), *data.get("special_funds", [])]:
        if project.get("goal_style") == data["layout"]["goal_style"]:
            del project["goal_style"]  # the department's style named again: printed the same
    return data


def stored(path: Path) -> list[dict[str, Any]]:
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        return [content(d) for d in workspace.departments(session)]


def through_word(source: Path, tmp_path: Path, name: str = "back") -> tuple[Path, list[Any]]:
    """Export the workspace ``source`` (one department) to .docx and import that into a new workspace.

    Returns the new workspace and the importer's remarks.
    """
    word = tmp_path / f"{name}.docx"
    export_workspace(source, word)
    target = tmp_path / f"{name}.perfdesk"
    result = import_files([word], target)
    return target, result.remarks
