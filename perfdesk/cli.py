"""The ``perfdesk`` command: the GUI when given a workspace (or nothing), else a subcommand.

Exit status: 0 success, 1 the checks found errors, 2 the input or the command
line is wrong. A user's mistake never ends in a Python traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from perfdesk import APP_TITLE, __version__
from perfdesk.errors import PerfdeskError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
COMMANDS = ("import", "export", "check", "diff", "rollover")

_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数值",
    "expected at least one argument": "至少需要一个参数值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _translate(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]  # argparse looks its strings up at call time


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Chinese line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：命令行有误：{message}\n（用 {self.prog} --help 查看用法）\n")


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，如 2024，而不是“{text}”")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    from perfdesk.export.registry import formats
    from perfdesk.layout import empty_parts as empty

    export_formats = formats()
    parser = _Parser(
        prog="perfdesk",
        description=f"{APP_TITLE}：编制、检查和导出部门预算绩效文本。"
        "不带子命令时打开主窗口：perfdesk [文件.perfdesk]，或 perfdesk --demo 打开示例工作区；"
        "perfdesk --smoke-test 文件.perfdesk [--screenshot 图.png] 打开主窗口自检后自动退出（安装后检查用）。",
        epilog="退出状态：0 成功；1 检查发现错误（diff：有变化）；2 输入文件或命令行有误。",
    )
    parser.add_argument("--version", action="version", version=f"perfdesk {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)

    p_import = sub.add_parser(
        "import",
        help="把 JSON、Excel 工作簿或 Word（.docx）文件导入工作区",
        description=(
            "读取一个或多个 perfdesk JSON 文件、perfdesk 导出的 Excel 工作簿（.xlsx，可在 Excel/WPS 中改过）"
            "或 Word 绩效文本（.docx），写入工作区（不存在时新建）。任何一个文件无法读取时都不写入；"
            "Word 文件中个别读不出的表格行列在标准错误输出上，其余照常导入。"
        ),
    )
    p_import.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="要导入的文件")
    p_import.add_argument("--into", required=True, type=Path, metavar="WS.perfdesk", help="工作区文件")
    p_import.add_argument("--replace", action="store_true", help="替换工作区中已有的同名部门同年度")

    p_export = sub.add_parser(
        "export",
        help=f"把工作区导出为 {' / '.join(fmt.label for fmt in export_formats)}",
        description=(
            "按输出文件的扩展名选择格式：.json 导出全部部门（或指定的部门）；"
            ".docx、.xlsx 导出一个部门的一个年度（工作区有多个时用 --department 和 --year 指定）。"
        ),
    )
    p_export.add_argument("workspace", type=Path, metavar="WS.perfdesk", help="工作区文件")
    suffixes = "、".join(fmt.suffix for fmt in export_formats)
    p_export.add_argument("output", type=Path, metavar="OUT", help=f"输出文件（{suffixes}）")
    p_export.add_argument("--department", metavar="名称", help="只导出这个部门")
    p_export.add_argument("--year", type=_year, metavar="YYYY", help="只导出这个年度")
    p_export.add_argument(
        "--empty-parts",
        choices=empty.CHOICES,
        default=empty.NONE,
        help="没有内容的部分或节：none 在标题下印“无”（默认），omit 不印这个标题（Word）",
    )

    p_check = sub.add_parser(
        "check",
        help="检查绩效文本（审核规则）",
        description=("检查工作区、JSON 文件或 perfdesk 导出的 Excel 工作簿中的问题。发现错误时退出状态为 1。"),
    )
    p_check.add_argument("source", type=Path, metavar="SRC", help="工作区文件、JSON 文件或 Excel 工作簿")
    # ReportFormat's values, spelled out: importing perfdesk.checks here would slow every start
    p_check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")

    p_diff = sub.add_parser(
        "diff",
        help="比较两个年度（或两份文件）的绩效文本",
        description=(
            "比较 OLD 和 NEW：新增、删除、改名的项目（先按项目编码、再按名称对应），金额、绩效目标、"
            "指标（指标值、依据）和第一部分文字的变化。OLD、NEW 可以是工作区或 JSON 文件；"
            "只给一个工作区时比较它的最近两个年度（--year 指定较新的年度）。"
        ),
        epilog="退出状态：0 内容相同；1 有变化；2 输入文件或命令行有误。",
    )
    p_diff.add_argument("old", type=Path, metavar="OLD", help="旧的（上一年度的）工作区或文件")
    p_diff.add_argument("new", type=Path, nargs="?", metavar="NEW", help="新的工作区或文件（省略时与 OLD 相同）")
    p_diff.add_argument("--department", metavar="名称", help="只比较这个部门")
    p_diff.add_argument("--year", type=_year, metavar="YYYY", help="新的一方的年度（默认最新年度）")
    p_diff.add_argument("--old-year", type=_year, metavar="YYYY", help="旧的一方的年度（默认新年度之前最近的年度）")
    p_diff.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")

    p_roll = sub.add_parser(
        "rollover",
        help="把一个部门的某一年度复制为下一年度的草案",
        description=(
            "复制部门整体绩效目标、预算单位、项目和指标到新年度，标为草案；清空资金支出计划，"
            "指标中的日期（如 2024年12月31日前）顺延到新年度，金额保留待核对。新年度已存在时不复制（退出状态 2）。"
        ),
    )
    p_roll.add_argument("workspace", type=Path, metavar="WS.perfdesk", help="工作区文件")
    p_roll.add_argument("--department", required=True, metavar="名称", help="部门名称")
    p_roll.add_argument("--from", dest="from_year", required=True, type=_year, metavar="YYYY", help="原年度")
    p_roll.add_argument("--to", dest="to_year", type=_year, metavar="YYYY", help="新年度（默认为原年度的下一年）")
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfdesk", add_help=False)
    parser.add_argument("workspace", nargs="?", type=Path)
    parser.add_argument("--demo", action="store_true")
    # open the workspace, check the window works, quit (perfdesk.ui.smoke; installer/smoke-test.sh)
    parser.add_argument("--smoke-test", action="store_true")
    parser.add_argument("--screenshot", type=Path, metavar="PNG")
    # Qt's own option; under Wine it is the only way to choose the platform (QT_* variables do not
    # reach a Windows program there), so it is taken here and handed to Qt as QT_QPA_PLATFORM.
    parser.add_argument("-platform", dest="platform", metavar="NAME")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _utf8_console()
    try:
        if (args and args[0] in COMMANDS) or any(a in ("-h", "--help", "--version") for a in args[:1]):
            options = build_parser().parse_args(args)
            return _run_command(options)
        parser = build_gui_parser()
        gui = parser.parse_args(args)
        if gui.platform:
            os.environ["QT_QPA_PLATFORM"] = gui.platform
        if gui.smoke_test and gui.workspace is None:
            parser.error("--smoke-test 需要一个工作区文件")
        if gui.screenshot is not None and not gui.smoke_test:
            parser.error("--screenshot 只和 --smoke-test 一起用")
        return _run_gui(gui.workspace, demo=gui.demo, smoke_test=gui.smoke_test, screenshot=gui.screenshot)
    except PerfdeskError as exc:
        print(f"perfdesk：{exc.describe()}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("perfdesk：已中断。", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 -- a bug: say so briefly, keep the details in a log file
        log = _write_crash_log(args[0] if args and args[0] in COMMANDS else "（主窗口）")
        print(f"perfdesk：程序内部错误，操作未完成。详细信息已写入 {log}，请将该文件发给技术支持。", file=sys.stderr)
        return EXIT_INTERNAL


def _run_command(options: argparse.Namespace) -> int:
    if options.command == "import":
        return _cmd_import(options)
    if options.command == "export":
        return _cmd_export(options)
    if options.command == "check":
        return _cmd_check(options)
    if options.command == "diff":
        return _cmd_diff(options)
    if options.command == "rollover":
        return _cmd_rollover(options)
    build_parser().print_help()
    return EXIT_OK


def _cmd_import(options: argparse.Namespace) -> int:
    from perfdesk.errors import DepartmentExists, InputError
    from perfdesk.services.importing import import_files

    try:
        result = import_files(options.sources, options.into, replace=options.replace)
    except DepartmentExists as exc:
        raise InputError(f"{exc.message}要用文件中的内容替换它，请加 --replace。", exc.where) from exc
    for remark in result.remarks:
        print(f"perfdesk：未能读取：{remark.describe()}", file=sys.stderr)
    for label in result.added:
        print(f"已导入：{label}")
    for label in result.replaced:
        print(f"已替换：{label}")
    print(f"工作区：{options.into}")
    return EXIT_OK


def _cmd_export(options: argparse.Namespace) -> int:
    from perfdesk.export.registry import ExportOptions
    from perfdesk.services.exporting import export_workspace

    result = export_workspace(
        options.workspace,
        options.output,
        department=options.department,
        year=options.year,
        options=ExportOptions(empty_parts=options.empty_parts),
    )
    print(f"已导出 {'、'.join(result.departments)} → {result.path}")
    return EXIT_OK


def _cmd_check(options: argparse.Namespace) -> int:
    from perfdesk.checks.report import ReportFormat
    from perfdesk.services.check_command import run_check_command

    return run_check_command(options.source, ReportFormat(options.format))


def _cmd_diff(options: argparse.Namespace) -> int:
    from perfdesk.services.comparing import Selection, run_diff_command

    selection = Selection(options.department, options.year, options.old_year)
    return run_diff_command(options.old, options.new, selection, options.format)


def _cmd_rollover(options: argparse.Namespace) -> int:
    from perfdesk.errors import DepartmentExists, InputError
    from perfdesk.services.rollover import roll_over

    to_year = options.to_year or options.from_year + 1
    try:
        result = roll_over(options.workspace, options.department, options.from_year, to_year)
    except DepartmentExists as exc:
        raise InputError(f"{exc.message}没有复制；要重新复制，请先在工作区中删除它。", str(options.workspace)) from exc
    print(f"已复制：{result.source} → {result.target}（草案）")
    print("请核对各项目的预算金额，并重新填写资金支出计划。")
    return EXIT_OK


def _run_gui(
    workspace: Path | None, *, demo: bool = False, smoke_test: bool = False, screenshot: Path | None = None
) -> int:
    if not _display_available():
        print(
            "perfdesk：没有可用的图形显示（DISPLAY / WAYLAND_DISPLAY 未设置或不可用），无法打开主窗口。"
            "在无显示的机器上请用：xvfb-run perfdesk [文件.perfdesk]；"
            "命令行功能见 perfdesk --help。",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if smoke_test and workspace is not None:
        from perfdesk.ui.smoke import run_smoke_test

        return run_smoke_test(workspace, screenshot)
    from perfdesk.ui.app import run_gui

    return run_gui(workspace, demo=demo)


def _display_available() -> bool:
    """Whether Qt can open a window; checked first because Qt aborts the process when it cannot."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    if os.environ.get("WAYLAND_DISPLAY"):
        return True
    display = os.environ.get("DISPLAY", "")
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local:  # a local X server listens on its socket; a stale DISPLAY has none
        return Path(f"/tmp/.X11-unix/X{local.group(1)}").exists()
    return bool(display)


def _write_crash_log(command: str) -> Path:
    """Write the traceback to the per-user log folder the GUI uses too (a temporary file if it cannot).

    The error and the place only (perfdesk.crashlog): no exception text that may hold the
    clerk's data, and of the command line only the subcommand (paths name departments).
    """
    import tempfile
    import time

    from perfdesk.crashlog import format_exception
    from perfdesk.locations import log_dir

    text = (
        f"{time.strftime('%Y-%m-%d %H:%M:%S')} perfdesk {__version__} {command}\n\n{format_exception(*sys.exc_info())}"
    )
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"perfdesk-error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", prefix="perfdesk-error-", suffix=".log", delete=False
        ) as handle:
            handle.write(text)
        return Path(handle.name)


def _utf8_console() -> None:
    """Chinese messages must not crash a console with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # detached or exotic streams
                reconfigure(errors="replace")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
