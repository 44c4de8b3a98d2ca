"""The department ``layout`` object and a project's ``goal_style``: JSON, workspace, Word and checks agree."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import docx
import pytest

from perfdesk.checks.engine import check_department
from perfdesk.domain.layout_choices import LAYOUT_KEYS, TEXT_CHOICES
from perfdesk.export.docx.document import write_docx
from perfdesk.importers.json_import import import_into, read_document
from perfdesk.layout.options import preset_for
from perfdesk.models import open_workspace
from perfdesk.models.workspace import SCHEMA_VERSION
from tests.conftest import FIXTURES, as_exported, cli_main, fixture_data

#: Every value of every option, each at least once, in a few whole layouts.
LAYOUTS = [
    dict(zip(LAYOUT_KEYS, values, strict=True))
    for values in (
        ("项目名称", ".", "numbered", True, True, "gongwen"),
        ("专项资金名称", "、", "rows", False, False, "windows"),
        ("项目名称", "、", "rows", True, False, "gongwen"),
    )
]


def test_the_layouts_cover_every_value() -> None:
    for key, choices in TEXT_CHOICES.items():
        assert {layout[key] for layout in LAYOUTS} == set(choices)
    assert {layout["percent_sign"] for layout in LAYOUTS} == {True, False}
    assert {layout["spending_plan"] for layout in LAYOUTS} == {True, False}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: "-".join(str(v) for v in layout.values()))
def test_layout_and_goal_style_round_trip_through_the_cli(tmp_path: Path, layout: dict) -> None:
    data = fixture_data("2024")
    dept = data["departments"][0]
    dept["layout"] = layout
    dept["projects"][0]["goal_style"] = "rows"
    dept["projects"][1]["goal_style"] = "numbered"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    workspace = tmp_path / "ws.perfdesk"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    with sqlite3.connect(workspace) as conn:
        stored = conn.execute(f"SELECT {', '.join(LAYOUT_KEYS)} FROM department").fetchone()
        styles = [row[0] for row in conn.execute("SELECT goal_style FROM project ORDER BY section, position")]
    assert stored == tuple(layout.values())
    assert styles[:3] == ["rows", "numbered", None]
    out = tmp_path / "out.json"
    assert cli_main("export", workspace, out).returncode == 0
    assert json.loads(out.read_text("utf-8")) == data


def test_a_partial_layout_takes_the_rest_from_the_frameworks_preset(tmp_path: Path) -> None:
    data = fixture_data("2021")
    data["departments"][0]["layout"] = {"spending_plan": False, "goal_style": None}
    with open_workspace(tmp_path / "ws.perfdesk", create=True) as ws:
        import_into(ws, read_document(data))
        with ws.session() as session:
            dept = ws.departments(session)[0]
            assert dept.spending_plan is False
            assert dept.name_label == preset_for(dept.framework)["name_label"] == "专项资金名称"
            assert dept.goal_style == "numbered"


@pytest.mark.parametrize(
    ("layout", "where", "said"),
    [
        ({"goal_style": "table"}, "departments[0].layout.goal_style", "“numbered”、“rows”"),
        ({"number_style": "-"}, "departments[0].layout.number_style", "“.”、“、”"),
        ({"spending_plan": "no"}, "departments[0].layout.spending_plan", "true 或 false"),
        ({"colour": "red"}, "departments[0].layout.colour", "未知的键"),
        ("rows", "departments[0].layout", "版式对象"),
    ],
)
def test_a_bad_layout_is_refused_with_its_place(tmp_path: Path, layout, where: str, said: str) -> None:
    data = fixture_data("2024")
    data["departments"][0]["layout"] = layout
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    workspace = tmp_path / "ws.perfdesk"
    result = cli_main("import", source, "--into", workspace)
    assert result.returncode == 2
    assert where in result.stderr
    assert said in result.stderr
    assert not workspace.exists()


def test_a_bad_project_goal_style_is_refused(tmp_path: Path) -> None:
    data = fixture_data("2024")
    data["departments"][0]["projects"][2]["goal_style"] = "目标"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli_main("import", source, "--into", tmp_path / "ws.perfdesk")
    assert result.returncode == 2
    assert "departments[0].projects[2].goal_style" in result.stderr


def _table_texts(path: Path) -> list[list[str]]:
    """Each table's first-column texts, one per row (merged cells repeat, as python-docx reads them).

    A caption too wide for its column is broken between words by a line break (预算规模及 / 资金用途): joined here.
    """
    document = docx.Document(str(path))
    return [[row.cells[0].text.replace("\n", "") for row in table.rows] for table in document.tables]


def _goal_cells(path: Path) -> list[list[str]]:
    """Each table's second-column texts on its 绩效目标 rows."""
    document = docx.Document(str(path))
    out = []
    for table in document.tables:
        out.append([row.cells[1].text for row in table.rows if row.cells[0].text == "绩效目标"])
    return out


def test_word_prints_no_spending_plan_rows_when_the_layout_has_none(tmp_path: Path) -> None:
    data = fixture_data("2024")
    dept = read_document(data)[0]
    with_plan = write_docx([dept], tmp_path / "with.docx")
    dept.spending_plan = False
    without = write_docx([dept], tmp_path / "without.docx")
    project_tables = [t for t in _table_texts(with_plan) if "预算规模及资金用途" in t]
    assert project_tables
    assert all("资金支出计划（%）" in t for t in project_tables)
    plain = [t for t in _table_texts(without) if "预算规模及资金用途" in t]
    assert len(plain) == len(project_tables)
    assert all("资金支出计划（%）" not in t for t in plain)
    assert [len(a) - len(b) for a, b in zip(project_tables, plain, strict=True)] == [2] * len(plain)


def test_a_projects_goal_style_overrides_the_departments_in_word(tmp_path: Path) -> None:
    data = fixture_data("2024")
    dept = read_document(data)[0]
    several = [p for p in dept.projects if len(p.goals) > 1]
    assert len(several) >= 2
    several[0].goal_style = "rows"
    path = write_docx([dept], tmp_path / "out.docx")
    goal_cells = [cells for cells in _goal_cells(path) if cells]
    by_project = dict(zip([p.name for p in dept.special_funds + dept.projects], goal_cells, strict=False))
    rows_table = by_project[several[0].name]
    assert rows_table == [f"目标{i}" for i in range(1, len(several[0].goals) + 1)]
    numbered_table = by_project[several[1].name]
    assert len(numbered_table) == 1
    assert numbered_table[0].startswith("1.")


def test_r08_is_silent_for_a_department_without_spending_plan_rows() -> None:
    dept = read_document(fixture_data("2024"))[0]
    dept.projects[0].plan_12 = None
    rules = {finding.rule for finding in check_department(dept)}
    assert "R08" in rules
    dept.spending_plan = False
    assert "R08" not in {finding.rule for finding in check_department(dept)}


def test_an_older_workspace_gains_the_options_with_their_defaults(tmp_path: Path) -> None:
    """A version-2 file (before this migration) opens with spending plans printed, no per-project style."""
    workspace = tmp_path / "old.perfdesk"
    assert cli_main("import", FIXTURES["2024"], "--into", workspace).returncode == 0
    with sqlite3.connect(workspace) as conn:  # undo migrations 0004 and 0003 by hand, as a 2-version file is
        conn.execute("DROP TABLE library_entry")
        conn.execute("ALTER TABLE department DROP COLUMN spending_plan")
        conn.execute("ALTER TABLE project DROP COLUMN goal_style")
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
        conn.execute("PRAGMA user_version=2")
    out = tmp_path / "out.json"
    result = cli_main("export", workspace, out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8")) == as_exported(fixture_data("2024"))
    with sqlite3.connect(workspace) as conn:  # a read-only export leaves the file as it was
        assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    open_workspace(workspace).close()  # a writable open migrates it
    with sqlite3.connect(workspace) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("SELECT DISTINCT spending_plan FROM department").fetchall() == [(1,)]
        assert conn.execute("SELECT count(*) FROM project WHERE goal_style IS NOT NULL").fetchone() == (0,)


def test_every_layout_key_has_a_preset() -> None:
    for framework in ("output-effect-satisfaction", "output-benefit-satisfaction", None):
        assert list(preset_for(framework)) == list(LAYOUT_KEYS)
    assert list(itertools.chain(TEXT_CHOICES)) == [k for k in LAYOUT_KEYS if k in TEXT_CHOICES]
