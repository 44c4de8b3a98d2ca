"""JSON interchange through the command line.

Commands run in this process (``cli_main``); the tests at the end start real processes for what
only a process shows: the ``python -m perfdesk`` entry point and its exit status, Chinese stderr
without a traceback, and a machine without a display.
"""

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, as_exported, cli_main, fixture_data, run_cli


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_fixture_round_trips_through_the_cli(tmp_path: Path, which: str) -> None:
    workspace = tmp_path / "ws.perfdesk"
    imported = cli_main("import", FIXTURES[which], "--into", workspace)
    assert imported.returncode == 0, imported.stderr
    assert "已导入" in imported.stdout
    out = tmp_path / "out.json"
    exported = cli_main("export", workspace, out)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text("utf-8")) == as_exported(fixture_data(which))


def test_sparse_file_round_trips_with_exactly_its_keys(tmp_path: Path) -> None:
    data = {
        "format": "perfdesk/1",
        "departments": [
            {
                "name": "某局",
                "fiscal_year": 2025,
                "draft": False,
                "units": [],
                "overall_goal": "",
                "sub_goals": [{"title": "甲", "indicators": []}],
                "special_funds": [],
                "projects": [
                    {
                        "code": "",
                        "name": "甲",
                        "budget": 12.50,
                        "spending_plan": {"12": "100", "6": None},
                        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "次数", "unit": None}],
                    },
                    {
                        "code": "1",
                        "name": "乙",
                        "budget": "3",
                        "fiscal_funds": None,
                        "goals": [],
                        "spending_plan": {},
                        "title": None,
                    },
                ],
            }
        ],
    }
    text = json.dumps(data, ensure_ascii=False).replace('"budget": 12.5', '"budget": 12.50')
    assert '"budget": 12.50' in text
    source = tmp_path / "sparse.json"
    source.write_text(text, "utf-8")
    workspace = tmp_path / "ws.perfdesk"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    out = tmp_path / "out.json"
    assert cli_main("export", workspace, out).returncode == 0
    expected = json.loads(json.dumps(data))
    expected["departments"][0]["projects"][0]["budget"] = "12.50"  # a JSON number keeps its digits, as text
    assert json.loads(out.read_text("utf-8")) == as_exported(expected)


def test_two_fixtures_in_one_workspace_and_selection(tmp_path: Path) -> None:
    workspace = tmp_path / "ws.perfdesk"
    result = cli_main("import", FIXTURES["2021"], FIXTURES["2024"], "--into", workspace)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "one.json"
    assert cli_main("export", workspace, out, "--department", "巨鹿县司法局").returncode == 0
    assert json.loads(out.read_text("utf-8")) == as_exported(fixture_data("2024"))
    everything = tmp_path / "all.json"
    assert cli_main("export", workspace, everything).returncode == 0
    names = [d["name"] for d in json.loads(everything.read_text("utf-8"))["departments"]]
    assert names == ["承德市司法局", "巨鹿县司法局"]
    missing = cli_main("export", workspace, out, "--year", "2030")
    assert missing.returncode == 2
    assert "2030" in missing.stderr


def test_existing_department_year_needs_replace(tmp_path: Path) -> None:
    workspace = tmp_path / "ws.perfdesk"
    assert cli_main("import", FIXTURES["2024"], "--into", workspace).returncode == 0
    again = cli_main("import", FIXTURES["2024"], "--into", workspace)
    assert again.returncode == 2
    assert "--replace" in again.stderr
    assert "巨鹿县司法局 2024年" in again.stderr
    replaced = cli_main("import", FIXTURES["2024"], "--into", workspace, "--replace")
    assert replaced.returncode == 0
    assert "已替换" in replaced.stdout
    with sqlite3.connect(workspace) as conn:
        assert conn.execute("SELECT count(*) FROM department").fetchone() == (1,)


def _bad_file(tmp_path: Path, mutate) -> Path:
    data = fixture_data("2024")
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")  # \u escapes: a lone surrogate is valid JSON text
    return path


def _project(data: dict, index: int = 3) -> dict:
    return data["departments"][0]["projects"][index]


BAD_CASES = {
    "unknown key": (lambda d: _project(d).update(colour="red"), "departments[0].projects[3].colour", "未知的键"),
    "wrong type": (lambda d: d["departments"][0].update(fiscal_year="2024"), "departments[0].fiscal_year", "整数"),
    "bad operator": (
        lambda d: _project(d)["indicators"][2].update(op="≧"),
        "departments[0].projects[3].indicators[2].op",
        "运算符“≧”无效",
    ),
    "comma amount": (lambda d: _project(d).update(budget="12,5"), "departments[0].projects[3].budget", "逗号"),
    "missing key": (lambda d: _project(d, 0).pop("name"), "departments[0].projects[0].name", "缺少必填的键"),
    "bad plan key": (
        lambda d: _project(d)["spending_plan"].update({"9": "50"}),
        'departments[0].projects[3].spending_plan["9"]',
        "未知的键",
    ),
    "unknown framework": (
        lambda d: d["departments"][0].update(framework="magic"),
        "departments[0].framework",
        "未知的指标体系",
    ),
    "float as bool": (lambda d: d["departments"][0].update(draft="yes"), "departments[0].draft", "true 或 false"),
    "null name": (lambda d: _project(d).update(name=None), "departments[0].projects[3].name", "不能为 null"),
    "wrong format": (lambda d: d.update(format="perfdesk/9"), "format", "不支持的格式"),
    "lone surrogate": (
        lambda d: _project(d)["goals"].insert(1, "坏\ud800字"),
        "departments[0].projects[3].goals[1]",
        "无效的字符",
    ),
}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_refused_with_its_place(tmp_path: Path, case: str) -> None:
    mutate, where, message = BAD_CASES[case]
    workspace = tmp_path / "ws.perfdesk"
    assert cli_main("import", FIXTURES["2021"], "--into", workspace).returncode == 0
    before = workspace.read_bytes()
    result = cli_main("import", _bad_file(tmp_path, mutate), "--into", workspace)
    assert result.returncode == 2
    assert where in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert workspace.read_bytes() == before  # nothing half-imported


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": ', "不是有效的 JSON：第 1 行"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"[1, 2]", "应为文件顶层对象"),
        (b'{"format": "perfdesk/1", "format": "x"}', "出现了两次"),
        (b'{"departments": ' + b"[" * 100000 + b"]" * 100000 + b"}", "嵌套层次过深"),
    ],
)
def test_not_json_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "x.json"
    source.write_bytes(content)
    workspace = tmp_path / "ws.perfdesk"
    result = cli_main("import", source, "--into", workspace)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not workspace.exists()  # a failed first import leaves no empty workspace


def test_a_bad_second_file_imports_nothing(tmp_path: Path) -> None:
    bad = _bad_file(tmp_path, lambda d: _project(d).update(budget="abc"))
    workspace = tmp_path / "ws.perfdesk"
    result = cli_main("import", FIXTURES["2021"], bad, "--into", workspace)
    assert result.returncode == 2
    assert str(bad) in result.stderr
    assert not workspace.exists()


def test_export_refuses_unknown_suffix_and_missing_workspace(tmp_path: Path, workspace_2024: Path) -> None:
    wrong = cli_main("export", workspace_2024, tmp_path / "out.pdf")
    assert wrong.returncode == 2
    assert ".pdf" in wrong.stderr
    missing = cli_main("export", tmp_path / "none.perfdesk", tmp_path / "out.json")
    assert missing.returncode == 2
    assert "找不到" in missing.stderr


def test_help_version_and_usage_errors_are_chinese() -> None:
    helped = cli_main("--help")
    assert helped.returncode == 0
    assert "子命令" in helped.stdout
    assert "用法" in helped.stdout
    version = cli_main("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("perfdesk ")
    usage = cli_main("import", "x.json")
    assert usage.returncode == 2
    assert "缺少必需的参数" in usage.stderr
    assert "--into" in usage.stderr
    assert cli_main("export", "a", "b", "--year", "24").returncode == 2


def test_exported_file_gets_ordinary_permissions(tmp_path: Path, workspace_2024: Path) -> None:
    out = tmp_path / "out.json"
    assert cli_main("export", workspace_2024, out).returncode == 0
    assert out.stat().st_mode & 0o044 == 0o044  # readable by others, like any saved file
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


# --- real processes ---------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays: Linux only")
def test_gui_without_display_says_how_to_run_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "x.perfdesk", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays: Linux only")
def test_gui_with_a_stale_display_says_how_to_run_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "x.perfdesk", env={"DISPLAY": ":987", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Aborted" not in result.stderr


def test_python_m_perfdesk_in_its_own_process_exit_status_and_chinese_errors(tmp_path: Path) -> None:
    """The real entry point: 0 on success, 2 with one Chinese line and no traceback on a refused input."""
    workspace = tmp_path / "ws.perfdesk"
    imported = run_cli("import", FIXTURES["2024"], "--into", workspace)
    assert imported.returncode == 0, imported.stderr
    assert "已导入：巨鹿县司法局 2024年" in imported.stdout
    again = run_cli("import", FIXTURES["2024"], "--into", workspace)
    assert again.returncode == 2
    assert "巨鹿县司法局 2024年" in again.stderr
    assert "Traceback" not in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    usage = run_cli("export", workspace, tmp_path / "out.json", "--year", "24")  # argparse exits by itself
    assert usage.returncode == 2
    assert "年度应为四位数字" in usage.stderr
    assert "Traceback" not in usage.stderr
