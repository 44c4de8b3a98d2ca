"""R19: a 一级 (or, inside it, a 二级) group split into separate runs of rows is an error.

The printed table and the grid merge each run of equal cells, so a split group
is printed twice. The rule points at the first row of the second run and
never reorders anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from perfdesk.checks import Severity, check_project
from perfdesk.checks.findings import Finding
from perfdesk.models import Indicator, Project
from tests.conftest import fixture_data, run_cli
from tests.test_checks_rules import department, findings, ind, legal_aid, mediation, row


def r19(project: Project) -> list[Finding]:
    return findings(department(project, mediation()), "R19")


def move_to_end(project: Project, name: str) -> None:
    indicator = row(project, name)
    rows = [i for i in project.indicators if i is not indicator]
    project.indicators = [*rows, indicator]


def where(finding: Finding) -> tuple[int | None, int | None, str | None]:
    loc = finding.location
    return loc.project_index, loc.indicator_index, loc.field


def test_clean_tables_are_quiet() -> None:
    assert not r19(legal_aid())
    assert not findings(department(), "R19")


def test_level1_printed_twice_is_an_error_at_the_first_row_of_the_second_run() -> None:
    project = legal_aid()
    move_to_end(project, "群众法律意识普及率")  # 效益 rows 5 and 7, 满意度 between them
    hits = r19(project)
    assert [(h.severity, *where(h)) for h in hits] == [(Severity.ERROR, 1, 7, "level1")]
    message = hits[0].message
    assert "一级指标“效益指标”" in message
    assert "第5行、第7行" in message
    assert "请把第7行移到“效益指标”组内（第5行之后）" in message
    assert message.endswith("。")


def test_level2_printed_twice_inside_one_level1_run() -> None:
    project = legal_aid()
    project.indicators.insert(2, ind("产出指标", "数量指标", "宣传次数", "≥", "3", "次"))
    hits = r19(project)
    assert [where(h) for h in hits] == [(1, 3, "level2")]
    assert "“产出指标”下的二级指标“数量指标”" in hits[0].message
    assert "（第1行、第3行）" in hits[0].message
    assert "请把第3行移到“数量指标”组内（第1行之后）" in hits[0].message


def test_a_stray_row_is_sent_behind_its_own_level2() -> None:
    project = legal_aid()
    project.indicators.append(ind("产出指标", "数量指标", "宣传次数", "≥", "3", "次"))  # row 8
    hits = r19(project)
    # one finding: the 二级 runs of different 一级 runs are not compared
    assert [where(h) for h in hits] == [(1, 8, "level1")]
    assert "（第1～4行、第8行）" in hits[0].message
    assert "（第1行之后）" in hits[0].message  # with 数量指标, not at the end of 产出 (row 4)


def test_three_runs_are_one_finding_that_names_every_run() -> None:
    project = legal_aid()
    satisfaction = row(project, "受援群众满意度")
    project.indicators.insert(2, satisfaction.copy())
    project.indicators.insert(6, ind("产出指标", "成本指标", "宣传成本", "≤", "1", "万元"))
    # 产出 1–2, 满意度 3, 产出 4–5, 效益 6, 产出 7, 效益 8, 满意度 9
    hits = r19(project)
    assert [where(h) for h in hits] == [(1, 4, "level1"), (1, 8, "level1"), (1, 9, "level1")]
    output = hits[0].message
    assert output.startswith("一级指标“产出指标”的行分成了 3 处（第1～2行、第4～5行、第7行）")
    assert "出现 3 次" in output
    assert "请把第4～5行、第7行移到“产出指标”组内（第2行之后）" in output


def test_the_same_level2_under_two_level1_is_not_a_split() -> None:
    project = legal_aid()
    project.indicators = [
        ind("产出指标", "成本指标", "总成本", "≤", "10", "万元"),
        ind("效益指标", "成本指标", "节约成本", "≥", "1", "万元"),
        ind("满意度指标", "成本指标", "成本满意度", "≥", "90", "%"),
    ]
    assert not r19(project)


def test_blank_labels_are_left_to_r01() -> None:
    project = legal_aid()
    project.indicators = [
        ind("", "数量指标", "甲", "≥", "1", "件"),
        ind("产出指标", "数量指标", "乙", "≥", "1", "件"),
        ind("", "数量指标", "丙", "≥", "1", "件"),
    ]
    assert not r19(project)


def test_checking_never_reorders_the_rows() -> None:
    project = legal_aid()
    move_to_end(project, "指派案件数")
    before: list[Indicator] = list(project.indicators)
    dept = department(project, mediation())
    assert [f.rule for f in check_project(dept, project) if f.rule == "R19"] == ["R19"]
    assert project.indicators == before


def test_json_output_locates_the_row_for_the_jump(tmp_path: Path) -> None:
    data = fixture_data("2024")
    rows = data["departments"][0]["projects"][0]["indicators"]
    rows.append(rows.pop(0))  # 产出/数量 after 满意度
    source = tmp_path / "split.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run_cli("check", source, "--format", "json")
    assert result.returncode == 1
    records = [r for r in json.loads(result.stdout) if r["rule"] == "R19"]
    assert [(r["severity"], r["project_index"], r["indicator_index"], r["field"]) for r in records] == [
        ("error", 1, len(rows), "level1")
    ]
