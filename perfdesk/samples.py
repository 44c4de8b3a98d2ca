"""The sample workspaces shipped with perfdesk (the two seed documents)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from perfdesk.importers.json_import import import_into, parse_json_text, read_document
from perfdesk.models import open_workspace


def sample_text(name: str) -> str:
    return resources.files("perfdesk.data.samples").joinpath(f"{name}.json").read_text("utf-8")


def create_sample_workspace(target: Path, name: str = "julu-2024") -> Path:
    """The sample workspace at ``target``, written from the shipped sample when it is not there yet.

    An existing sample file is left as it is, so a clerk's practice edits survive.
    """
    if target.exists():
        return target
    departments = read_document(parse_json_text(sample_text(name), name))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open_workspace(target, create=True) as workspace:
        import_into(workspace, departments)
    return target
