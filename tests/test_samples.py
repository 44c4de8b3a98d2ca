"""The shipped sample workspace."""

from pathlib import Path

from perfdesk.models import open_workspace
from perfdesk.samples import create_sample_workspace


def test_sample_is_created_once_and_practice_edits_survive(tmp_path: Path) -> None:
    path = create_sample_workspace(tmp_path / "sub" / "示例.perfdesk")
    with open_workspace(path) as ws, ws.transaction() as session:
        dept = ws.departments(session)[0]
        assert (dept.name, dept.fiscal_year, len(dept.projects)) == ("巨鹿县司法局", 2024, 8)
        dept.projects[0].name = "练习修改"
    assert create_sample_workspace(path) == path
    with open_workspace(path, read_only=True) as ws, ws.session() as session:
        assert ws.departments(session)[0].projects[0].name == "练习修改"
