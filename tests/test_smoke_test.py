"""``perfdesk --smoke-test`` from source: the path installer/smoke-test.sh runs on the frozen program.

Real processes (``python -m perfdesk``), as a build script or a double-click starts it: the file
name comes from the command line, with Chinese and spaces in it.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, cli_main, run_cli

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smoke") / "绩效 文本 (2024)" / "两个 部门.perfdesk"
    path.parent.mkdir()
    result = cli_main("import", FIXTURES["2021"], FIXTURES["2024"], "--into", path)
    assert result.returncode == 0, result.stderr
    return path


def test_smoke_test_opens_the_named_file_checks_and_quits(workspace: Path, tmp_path: Path) -> None:
    shot = tmp_path / "截图 1.png"
    result = run_cli("--smoke-test", workspace, "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert f"冒烟测试通过：{workspace}" in result.stdout
    assert "首次检查完成" in result.stdout
    assert "资源：source" in result.stdout
    assert "个动作都有图标" in result.stdout
    width, height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert (width, height) == (800, 800)  # 1280×820 at first start, within the offscreen screen's 800×800


def test_qt_platform_option_is_taken_from_the_command_line(workspace: Path) -> None:
    """Under Wine, QT_QPA_PLATFORM does not reach the program: ``-platform offscreen`` does."""
    result = run_cli("-platform", "offscreen", "--smoke-test", workspace, env={"QT_QPA_PLATFORM": ""})
    assert result.returncode == 0, result.stderr


def test_an_error_box_fails_the_smoke_test_with_its_text(tmp_path: Path) -> None:
    broken = tmp_path / "不是 工作区.perfdesk"
    broken.write_text("这不是数据库", "utf-8")
    result = run_cli("--smoke-test", broken)
    assert result.returncode == 1
    assert "冒烟测试失败：出现了对话框" in result.stderr
    assert "不是 perfdesk 工作区文件" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--smoke-test"], "需要一个工作区文件"), (["--screenshot", "x.png"], "只和 --smoke-test 一起用")],
)
def test_smoke_test_options_are_checked(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_missing_file_fails_at_once(tmp_path: Path) -> None:
    result = run_cli("--smoke-test", tmp_path / "没有 这个.perfdesk")
    assert result.returncode == 1
    assert "找不到工作区文件" in result.stderr
