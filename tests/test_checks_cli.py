"""``perfdesk check`` from the command line: both fixtures, a clean file, unreadable input.

In this process (``cli_main``) but for the text table, which a real process prints.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_2021, FIXTURE_2024, cli_main, fixture_data, run_cli

JSON_KEYS = {
    "rule",
    "severity",
    "department",
    "fiscal_year",
    "project_index",
    "project_code",
    "indicator_index",
    "field",
    "message",
}


def _keys(records: list[dict]) -> Counter:
    """(rule, severity, "project.row") for each record."""
    return Counter(
        (
            r["rule"],
            r["severity"],
            None
            if r["project_index"] is None
            else f"{r['project_index']}" + (f".{r['indicator_index']}" if r["indicator_index"] else ""),
        )
        for r in records
    )


def _check_json(source: Path) -> tuple[int, list[dict]]:
    result = cli_main("check", source, "--format", "json")
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def test_2024_fixture_has_warnings_but_no_errors() -> None:
    code, records = _check_json(FIXTURE_2024)
    assert code == 0
    assert all(set(r) == JSON_KEYS for r in records)
    assert _keys(records) == Counter(
        {
            ("R18", "info", None): 1,
            ("R04", "warning", "2.4"): 1,
            ("R04", "warning", "6.4"): 1,
            ("R04", "warning", "8.4"): 1,  # ≤1万 → 万元
            ("R04", "warning", "5.1"): 1,  # 100% without operator
            ("R11", "warning", "2.6"): 1,
            ("R11", "warning", "6.6"): 1,  # 满意度 under 可持续影响
            ("R11", "warning", "5.1"): 1,  # 接收率 under 数量指标
            ("R15", "warning", "5.5"): 1,  # 接收率 named, 再犯罪率 described
            ("R17", "warning", "3"): 1,
            ("R17", "warning", "4"): 1,
            ("R17", "warning", "5"): 1,  # 2023 年 49 号
        }
    )
    total = next(r for r in records if r["rule"] == "R18")
    assert "122.90 万元" in total["message"]
    r17 = next(r for r in records if r["rule"] == "R17")
    assert (r17["field"], r17["project_code"]) == ("name", "13052924P00584210790E")
    assert "〔2023〕49号" in r17["message"]


def test_2021_fixture_finds_the_known_problems() -> None:
    code, records = _check_json(FIXTURE_2021)
    assert code == 1
    keys = _keys(records)
    expected = [
        ("R09", "error", "10"),
        ("R09", "error", "11"),
        ("R09", "error", "18"),
        ("R09", "error", "22"),
        ("R09", "warning", "19"),
        ("R09", "warning", "24"),  # codes not in the 21-character format
        ("R04", "warning", "8.9"),
        ("R04", "warning", "21.7"),  # ≥90 / ≥50 without unit
        ("R04", "warning", "1.2"),  # 百分比
        ("R08", "error", "1"),
        ("R08", "error", "2"),
        ("R08", "error", "20"),  # plan incomplete, no 12月底 = 100
        ("R02", "error", "2.9"),
        ("R02", "error", "13.9"),  # 满意度 不涉及
        ("R05", "warning", "2.5"),
        ("R05", "warning", "15.5"),  # 业务能力增强 repeated
        ("R07", "error", "5.4"),
        ("R07", "error", "23.4"),  # cost above the budget
        ("R07", "warning", "8.4"),
        ("R07", "warning", "22.4"),  # unit cost × quantity
        ("R10", "warning", "14"),  # 医疗纠纷委员会业务经费 vs 医疗纠纷业务费
        ("R12", "warning", "18.1"),
        ("R13", "warning", "19"),  # ≤300人; 8550 延长米 vs ≥1500米
        ("R14", "warning", "3"),
        ("R14", "warning", "13"),
        ("R15", "warning", "14.2"),
        ("R16", "warning", "14.9"),
        ("R17", "warning", "20"),
        ("R18", "info", None),
    ]
    missing = [k for k in expected if keys[k] == 0]
    assert not missing
    # what must stay quiet: the pairs are in the framework, funds add up, 效果 filler rows are
    # the 2021 convention, titles that only add 经费/项目 are fine, complete plans pass
    fired = {(k[0], k[2]) for k in keys}
    assert not {k for k in fired if k[0] in ("R01", "R03", "R06")}
    # groups are contiguous, names, goals, budgets and the department texts are all filled in
    assert not {k for k in fired if k[0] in ("R19", "R20", "R21")}
    assert ("R10", "7") not in fired
    assert ("R10", "23") not in fired
    assert not {k for k in fired if k[0] == "R08" and k[1] in ("9", "18", "19")}
    assert sum(1 for k in keys.elements() if k[1] == "error") == 29


def test_text_format_is_a_readable_chinese_table() -> None:
    result = run_cli("check", FIXTURE_2021)  # a real process: exit status 1, Chinese on a UTF-8 console
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("承德市司法局 2021年：错误 29 项")
    assert lines[1].split()[:4] == ["级别", "规则", "位置", "说明"]
    assert any(line.startswith("错误  R09   第10个项目「人民民调、调解员培训、安置…」 项目编码") for line in lines)
    assert any("第19个项目「戒毒所电网维护费项目」 绩效目标" in line and "8550延长米" in line for line in lines)


def test_workspace_gives_the_same_findings(workspace_2021: Path) -> None:
    code, records = _check_json(workspace_2021)
    assert code == 1
    assert _keys(records) == _keys(_check_json(FIXTURE_2021)[1])


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    data = fixture_data("2024")
    dept = data["departments"][0]
    dept["projects"] = [dept["projects"][0]]  # 法律援助经费 is clean
    source = tmp_path / "clean.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli_main("check", source)
    assert result.returncode == 0, result.stdout
    assert "错误 0 项，警告 0 项，提示 1 项" in result.stdout


@pytest.mark.parametrize("content", [None, b"\x00\x01 not json", b'{"format": "perfdesk/1"', b""])
def test_unreadable_input_exits_two_with_one_chinese_line(tmp_path: Path, content: bytes | None) -> None:
    source = tmp_path / ("missing.json" if content is None else "bad.perfdesk")
    if content is not None:
        source.write_bytes(content)
    result = cli_main("check", source, "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("perfdesk：")
    if content == b"":
        assert source.read_bytes() == b""  # checking never turns a file into a workspace
