"""The plain reading ``perfdesk check`` uses gives what the ORM gives, and imports no ORM at all.

``perfdesk.models.snapshot`` reads a workspace with ``sqlite3`` alone (SQLAlchemy's import was half
the time budget of checking 1,000 projects): its column lists must be the schema's, its snapshots
equal to the ORM's objects copied field by field, and anything unusual must go the full way.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from perfdesk.models import Base, EntryOrigin, LibraryEntry, open_workspace
from perfdesk.models.files import NotPlain, plain_reading
from perfdesk.models.snapshot import STORED_COLUMNS, UnusualValue, department_data, read_departments, read_library
from perfdesk.services.check_command import _library
from perfdesk.services.library import stored_library
from tests.conftest import FIXTURES, cli_main
from tests.test_checks_golden import with_mistakes


def plain(value: Any) -> Any:
    """A snapshot as nested tuples (snapshots compare by identity)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(plain(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    return value


def test_the_stored_columns_are_the_schemas() -> None:
    schema = {table.name: {column.name for column in table.columns} for table in Base.metadata.sorted_tables}
    assert {table: set(columns) for table, columns in STORED_COLUMNS.items()} == schema


@pytest.fixture(params=["2021", "2024", "mistakes"])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    source = FIXTURES.get(request.param)
    if source is None:
        source = tmp_path / "mistakes.json"
        source.write_text(json.dumps(with_mistakes(), ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "ws.perfdesk"
    assert cli_main("import", source, "--into", target).returncode == 0
    with open_workspace(target) as opened, opened.transaction() as session:  # two 指标库 entries for R22
        for key, origin, history in (("a", EntryOrigin.IMPORTED, {"2020": "≥90%"}), ("b", EntryOrigin.MANUAL, {})):
            entry = LibraryEntry(key=key, level1="产出指标", level2="数量指标", name=key, value="9", unit="件")
            entry.years, entry.history, entry.origin = [2020, 2021], history, origin
            session.add(entry)
    return target


def test_the_plain_reading_equals_the_orms(workspace: Path) -> None:
    with plain_reading(workspace) as conn:
        snapshots, library = read_departments(conn), _library(read_library(conn))
    with open_workspace(workspace, read_only=True) as opened, opened.session() as session:
        expected = [department_data(dept) for dept in opened.departments(session)]
        assert library == stored_library(session)
    assert [plain(s) for s in snapshots] == [plain(e) for e in expected]
    assert len(library) == 2


def test_checking_a_workspace_imports_no_orm_and_no_writer(workspace_2024: Path) -> None:
    script = (
        "import sys\nfrom perfdesk.cli import main\ncode = main(['check', sys.argv[1]])\n"
        "heavy = ('sqlalchemy', 'alembic', 'docx', 'openpyxl', 'PySide6')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(workspace_2024)], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
    assert "巨鹿县司法局" in result.stdout


def test_an_unusual_value_sends_the_file_the_full_way(workspace_2024: Path) -> None:
    """The full opening names the damage (``tests/test_damaged_or_busy.py`` has every kind)."""
    with closing(sqlite3.connect(workspace_2024)) as conn, conn:
        conn.execute("UPDATE library_entry SET origin = 'borrowed'")
        conn.execute(
            "INSERT INTO library_entry (key, level1, level2, name, uses, years, history, origin, edited, hidden)"
            " VALUES ('k', '产出指标', '数量指标', 'k', 0, '[]', '{}', 'borrowed', 0, 0)"
        )
    with pytest.raises(UnusualValue), plain_reading(workspace_2024) as conn:
        read_library(conn)
    result = cli_main("check", workspace_2024)
    assert result.returncode == 2
    assert "来源" in result.stderr
    assert "取值无法识别" in result.stderr


def test_a_file_of_another_version_is_not_read_plainly(workspace_2024: Path) -> None:
    with closing(sqlite3.connect(workspace_2024)) as conn:
        conn.execute("PRAGMA user_version=4")
    with pytest.raises(NotPlain), plain_reading(workspace_2024):
        pass
