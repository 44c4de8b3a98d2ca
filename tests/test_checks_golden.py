"""Every rule's findings, captured once and compared: the checks give the same answer however they read.

``perfdesk check`` once ran the rules over ORM objects; it now runs them over plain snapshots read
with one query per table (issue 17: 1,000 projects in under half a second). The findings (codes,
places, messages, ids, order) of both samples and of a generated two-year department full of
deliberate mistakes were written to ``tests/golden/checks/`` by the ORM code, and every way of
checking must still give exactly those: the command on a workspace and on the JSON file (text and
JSON output) and the engine on the workspace's departments.

``PERFDESK_UPDATE_GOLDEN=1`` rewrites the files (only when a rule is meant to change).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate_document
from perfdesk.checks import Finding, check_departments
from perfdesk.models import open_workspace
from perfdesk.services.library import stored_library
from tests.conftest import FIXTURES, cli_main

GOLDEN = Path(__file__).resolve().parent / "golden" / "checks"
CASES = ("2021", "2024", "mistakes")


def with_mistakes() -> dict[str, Any]:
    """A generated department (2021) and its earlier year (2020), with a mistake for every rule."""
    document = generate_document(24, indicators=11)
    dept = document["departments"][0]
    projects = dept["projects"]
    projects[1]["code"] = projects[2]["code"]  # R09: a duplicate code
    projects[3]["code"] = "13 08-00"  # R09: a bad format
    projects[4]["budget"] = "0"  # R06
    projects[5]["fiscal_funds"] = "999.00"  # R06: funds do not add up
    projects[7]["goals"] = []  # R20
    projects[8]["title"] = "完全不同的表题"  # R10
    projects[9]["purpose"] = "依据冀财政法〔2020年〕 22 号文件"  # R17
    projects[10]["indicators"] = copy.deepcopy(projects[11]["indicators"])  # R14: copied rows
    projects[12]["goals"] = list(projects[13]["goals"])  # R14: copied goals
    rows = projects[14]["indicators"]
    rows.append(copy.deepcopy(rows[0]))  # R19: a 一级 group split in two
    rows[1]["op"], rows[1]["unit"] = None, "百分比"  # R04
    rows[2]["level2"] = "不存在的二级"  # R01
    rows[3]["value"] = "较好"  # R05
    for row in projects[15]["indicators"]:
        if row["level1"] == "满意度指标":
            row["op"], row["value"], row["unit"] = "≥", "60", "%"  # R16
        if row["level2"] == "数量指标":
            row["op"] = "≤"  # R12
    projects[16]["spending_plan"] = {"3": "90.00", "6": "50.00", "10": "80.00", "12": "100.00"}  # R18
    projects[17]["indicators"] = []  # R02
    dept["overall_goal"] = " "  # R21
    dept["measures"] = [{"title": "加强组织领导。", "text": ""}]  # R21
    earlier = copy.deepcopy(dept)
    earlier["fiscal_year"] = 2020
    earlier.pop("title", None)
    for project in earlier["projects"]:
        for row in project["indicators"]:
            if row.get("value", "").isdigit():
                row["value"] = str(int(row["value"]) * 20)  # R22: far from last year
    document["departments"] = [earlier, dept]
    return document


def source(case: str, tmp_path: Path) -> Path:
    if case != "mistakes":
        return FIXTURES[case]
    target = tmp_path / "mistakes.json"
    target.write_text(json.dumps(with_mistakes(), ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def findings_data(findings: list[Finding]) -> list[dict[str, Any]]:
    return [{**dataclasses.asdict(f), "severity": f.severity.json_name} for f in findings]


def observed(case: str, tmp_path: Path) -> dict[str, Any]:
    """What every way of checking says about ``case``."""
    document = source(case, tmp_path)
    workspace = tmp_path / f"{case}.perfdesk"
    assert cli_main("import", document, "--into", workspace).returncode == 0
    with open_workspace(workspace, read_only=True) as opened, opened.session() as session:
        engine = findings_data(check_departments(opened.departments(session), library=stored_library(session)))
    text, listed = cli_main("check", workspace).stdout, cli_main("check", workspace, "--format", "json").stdout
    assert cli_main("check", document).stdout == text  # the JSON file says what its workspace says
    assert cli_main("check", document, "--format", "json").stdout == listed
    return {"engine": engine, "text": text, "json": json.loads(listed)}


@pytest.mark.parametrize("case", CASES)
def test_findings_are_the_captured_ones(case: str, tmp_path: Path) -> None:
    found = observed(case, tmp_path)
    golden = GOLDEN / f"{case}.json"
    if os.environ.get("PERFDESK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert found.keys() == expected.keys()
    for key in expected:
        assert found[key] == expected[key], key


def test_the_mistakes_trip_every_rule(tmp_path: Path) -> None:
    """The generated case is worth comparing only if it makes every rule speak (R23 needs a rollover)."""
    rules = {f["rule"] for f in json.loads((GOLDEN / "mistakes.json").read_text(encoding="utf-8"))["engine"]}
    expected = {f"R{n:02d}" for n in range(1, 23)} - {"R08"}
    assert expected <= rules, sorted(expected - rules)
