"""The bulk import writes exactly the rows the ORM's unit of work wrote, and exports the same bytes.

``import_into`` inserts each table's rows in one statement (issue 17: 1,000 projects in well under a
second); before, it added the departments to a session and flushed. Both are run here on the two
samples and on a generated department, and the files compared table by table, row by row, and by
their JSON export, byte for byte.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bench.generate import write_document
from perfdesk.export.json_export import write_json
from perfdesk.importers.json_import import document_rows, import_into, load_json_file, read_document
from perfdesk.importers.rows import Rows
from perfdesk.models import Department, Indicator, Measure, Project, SubGoal, Unit, Workspace, open_workspace
from tests.conftest import FIXTURES


def orm_import(workspace: Workspace, departments: list[Department]) -> None:
    """The import as it was: every object through the session, flushed."""
    with workspace.transaction() as session:
        for position, dept in enumerate(departments):
            dept.position = position
            session.add(dept)
            session.flush()


def tables(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in names}


def exported(path: Path, target: Path) -> bytes:
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        write_json(workspace.departments(session), target)
    return target.read_bytes()


@pytest.fixture(params=["2021", "2024", "generated"])
def document(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "generated":
        return write_document(tmp_path / "generated.json", 60, indicators=11)
    return FIXTURES[request.param]


@pytest.mark.parametrize("read", [read_document, document_rows], ids=["objects", "rows"])
def test_bulk_import_writes_the_rows_and_the_export_of_the_orm_import(
    document: Path, tmp_path: Path, read: Callable[[Any], Sequence[Department | Rows]]
) -> None:
    """Transient objects (Excel, Word, the GUI) and a JSON file's rows (``document_rows``, no objects) alike."""
    bulk, orm = tmp_path / "bulk.perfdesk", tmp_path / "orm.perfdesk"
    with open_workspace(bulk, create=True) as workspace:
        import_into(workspace, read(load_json_file(document)))
    with open_workspace(orm, create=True) as workspace:
        orm_import(workspace, read_document(load_json_file(document)))
    bulk_rows, orm_rows = tables(bulk), tables(orm)
    assert bulk_rows.keys() == orm_rows.keys()
    for name in orm_rows:
        assert bulk_rows[name] == orm_rows[name], name
    assert sum(len(rows) for rows in orm_rows.values()) > 20
    assert exported(bulk, tmp_path / "bulk.json") == exported(orm, tmp_path / "orm.json")


def test_replacing_a_department_keeps_its_place_and_the_others(tmp_path: Path) -> None:
    path = tmp_path / "ws.perfdesk"
    with open_workspace(path, create=True) as workspace:
        import_into(workspace, read_document(load_json_file(FIXTURES["2021"])))
        import_into(workspace, read_document(load_json_file(FIXTURES["2024"])))
        before = exported(path, tmp_path / "before.json")
        result = import_into(workspace, document_rows(load_json_file(FIXTURES["2021"])), replace=True)
    assert result.replaced == [read_document(load_json_file(FIXTURES["2021"]))[0].label()]
    assert exported(path, tmp_path / "after.json") == before
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        names = [d.name for d in workspace.departments(session)]
    assert names == [d.name for d in read_document(load_json_file(tmp_path / "before.json"))]


def minimal_department() -> list[Department]:
    """Objects made in code with only what is required: every column default has to be filled in."""
    project = Project(name="最少的项目", budget=Decimal("1"))
    project.indicators = [Indicator(level1="产出指标", level2="数量指标", name="指标")]
    dept = Department(name="最少的部门", fiscal_year=2030)
    dept.units = [Unit(name="本级")]
    dept.sub_goals = [SubGoal(title="目标")]
    dept.measures = [Measure(title="措施")]
    dept.projects = [project]
    return [dept]


def test_columns_left_unset_get_the_defaults_a_flush_gives(tmp_path: Path) -> None:
    bulk, orm = tmp_path / "bulk.perfdesk", tmp_path / "orm.perfdesk"
    with open_workspace(bulk, create=True) as workspace:
        import_into(workspace, minimal_department())
    with open_workspace(orm, create=True) as workspace:
        orm_import(workspace, minimal_department())
    assert tables(bulk) == tables(orm)
    assert tables(bulk)["project"][0].count("") >= 1  # code: its default, not NULL
