"""``perfdesk --smoke-test WS.perfdesk [--screenshot PNG]``: start the GUI, see that it works, quit.

For build scripts and installers (``installer/smoke-test.sh``), from source and frozen. The main
window opens the workspace named on the command line, is shown, and the first check of the
department on screen finishes; every action of the window and of the indicator grid has an icon
that draws (so ``resources/`` and Qt's SVG plugins were found), the application icon has its
sizes, and the GUI's log folder is the one the command line uses. Then the program exits 0.

A failure exits 1 with one line on stderr saying what failed: an error message box (its text is
printed and the box closed, nobody has to answer it), an unexpected exception, a check that fails,
or nothing happening within the time limit. The clerk's profile is not touched: the window's
settings go to a temporary INI file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QAction, QFontInfo, QImage, QImageReader
from PySide6.QtWidgets import QApplication, QMessageBox

from perfdesk import locations
from perfdesk.ui.app import make_application
from perfdesk.ui.icons import app_icon

TIME_LIMIT_S = 120.0
POLL_MS = 50
#: Qt image formats the window needs: SVG draws the icons, ICO holds the application icon.
NEEDED_FORMATS = ("svg", "ico")


def process_age() -> float | None:
    """Seconds since this process was created (so a frozen start includes the bootloader); None if unknown."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as up:
                started = int(stat.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
                return float(up.read().split()[0]) - started
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel32 = ctypes.windll.kernel32
            kernel32.GetCurrentProcess.restype = wintypes.HANDLE
            kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE] + [ctypes.POINTER(wintypes.FILETIME)] * 4
            times = [wintypes.FILETIME() for _ in range(4)]
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), *(ctypes.byref(t) for t in times)):
                return None
            created = ((times[0].dwHighDateTime << 32) | times[0].dwLowDateTime) / 1e7 - 11644473600
            age = time.time() - created
            return age if 0 <= age < 600 else None
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _drawn(image: QImage) -> bool:
    """Whether an icon image has any visible pixel (a missing SVG plugin gives an empty one)."""
    return not image.isNull() and any(
        image.pixelColor(x, y).alpha() > 0 for y in range(image.height()) for x in range(image.width())
    )


class SmokeTest:
    """Drives one start of the main window; ``run()`` returns the exit status."""

    def __init__(self, workspace: Path, screenshot: Path | None, out: Callable[[str], None]) -> None:
        self.workspace = workspace
        self.screenshot = screenshot
        self.out = out
        self.failure: str | None = None
        self.checked = False
        self.check_seconds: float | None = None
        self.shown_seconds: float | None = None
        self.started = time.perf_counter()
        self.age_at_start = process_age()

    def seconds(self) -> float:
        """Seconds since the process started (or since this object was made, if that is unknown)."""
        return (self.age_at_start or 0.0) + time.perf_counter() - self.started

    def fail(self, message: str) -> None:
        if self.failure is None:
            self.failure = message
        QApplication.exit(1)

    def run(self) -> int:
        from perfdesk.ui.main_window import MainWindow
        from perfdesk.ui.settings import AppSettings

        if not self.workspace.is_file():
            self.out(f"冒烟测试失败：找不到工作区文件 {self.workspace}")
            return 1
        app = make_application()
        scratch = Path(tempfile.mkdtemp(prefix="perfdesk-smoke-"))
        previous_hook = sys.excepthook
        sys.excepthook = self._exception
        try:
            settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
            self.window = MainWindow(settings)
            self.window.show()
            QTimer.singleShot(0, self._open)
            watch = QTimer()
            watch.timeout.connect(self._poll)
            watch.start(POLL_MS)
            status = app.exec()
            watch.stop()
            self.window.close()
            self.window.deleteLater()
        finally:
            sys.excepthook = previous_hook
            shutil.rmtree(scratch, ignore_errors=True)
        if self.failure is not None or status != 0:
            self.out(f"冒烟测试失败：{self.failure or f'退出状态 {status}'}")
            return 1
        return 0

    # --- steps ---------------------------------------------------------------------------------

    def _open(self) -> None:
        if not self.window.open_path(self.workspace):
            self.fail(self.failure or "工作区没有打开")
            return
        checks = self.window.checks
        view = self.window.view
        if checks is None or view is None or view.department() is None:
            self.fail("打开后没有显示部门（工作区是空的？）")
            return
        checks.runner.results.connect(self._checked)
        checks.runner.error.connect(lambda message: self.fail(f"检查没有完成：{message}"))

    def _checked(self, _findings: object) -> None:
        if not self.checked:
            self.checked = True
            self.check_seconds = self.seconds()

    def _poll(self) -> None:
        if time.perf_counter() - self.started > TIME_LIMIT_S:
            self.fail(f"{TIME_LIMIT_S:.0f} 秒内主窗口没有显示或检查没有完成")
            return
        modal = QApplication.activeModalWidget()
        if modal is not None:  # an error box: report its text instead of waiting for a click
            text = modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle()
            self.failure = self.failure or f"出现了对话框：{text}".replace("\n", " ")
            modal.close()
            QApplication.exit(1)
            return
        handle = self.window.windowHandle()
        if self.shown_seconds is None and handle is not None and handle.isExposed():
            self.shown_seconds = self.seconds()
        if self.shown_seconds is not None and self.checked:
            self._finish()

    def _finish(self) -> None:
        problems = self._problems()
        if problems:
            self.fail("；".join(problems))
            return
        QApplication.processEvents()  # lay out what the check results changed before the picture
        if self.screenshot is not None and not self.window.grab().save(str(self.screenshot)):
            self.fail(f"截图没有写成：{self.screenshot}")
            return
        self._report()
        QApplication.exit(0)

    # --- what is checked ---------------------------------------------------------------------

    def _problems(self) -> list[str]:
        problems = []
        edits = self.window.edits
        if edits is None or os.path.normcase(str(edits.path)) != os.path.normcase(str(self.workspace)):
            problems.append(f"打开的不是命令行上的文件：{edits.path if edits else None}")
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        problems += [f"Qt 缺少 {name} 图像插件" for name in NEEDED_FORMATS if name not in formats]
        if locations.resources_dir() is None:
            problems.append("找不到 resources 文件夹（图标）")
        missing = [a.text() for a in self._actions() if not _drawn(a.icon().pixmap(24, 24).toImage())]
        if missing:
            problems.append(f"这些动作没有图标：{'、'.join(missing)}")
        sizes = {s.width() for s in app_icon().availableSizes()}
        if not {16, 32, 256} <= sizes:
            problems.append(f"程序图标缺少尺寸（有：{sorted(sizes)}）")
        gui_logs = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)) / "logs"
        if os.path.normcase(str(gui_logs)) != os.path.normcase(str(locations.log_dir())):
            problems.append(f"图形界面与命令行的日志文件夹不同：{gui_logs} ≠ {locations.log_dir()}")
        return problems

    def _actions(self) -> list[QAction]:
        """The window's actions and those of every indicator grid in it."""
        from perfdesk.ui.actions import SPECS
        from perfdesk.ui.indicator_grid.widget import IndicatorGrid

        named = self.window.named_actions
        actions = [named[spec.name] for spec in SPECS] + [action for _fmt, action in named.exports]
        for grid in self.window.findChildren(IndicatorGrid):
            actions += [grid.insert_action, grid.delete_action, grid.up_action, grid.down_action]
        return actions

    def _report(self) -> None:
        found = locations.find_resources()
        checks = self.window.checks
        findings = checks.findings() if checks is not None else []
        errors = sum(f.is_error for f in findings)
        self.out(f"冒烟测试通过：{self.workspace}")
        self.out(f"  主窗口显示：进程启动后 {self.shown_seconds:.2f} 秒")
        self.out(f"  首次检查完成：进程启动后 {self.check_seconds:.2f} 秒（{len(findings)} 条，其中错误 {errors} 条）")
        origin = f"{found[1].value} {found[0]}" if found else "-"
        self.out(f"  图标：{len(self._actions())} 个动作都有图标；资源：{origin}")
        font = QFontInfo(self.window.font())
        self.out(f"  界面字体：{font.family()} {font.pointSizeF():g} pt；缩放 {self.window.devicePixelRatioF():g}")
        self.out(f"  日志文件夹：{locations.log_dir()}")
        if self.screenshot is not None:
            self.out(f"  截图：{self.screenshot}")

    def _exception(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        print(details, file=sys.stderr)
        self.fail(f"未预料的错误：{kind.__name__}: {exc}")


def run_smoke_test(workspace: Path, screenshot: Path | None = None) -> int:
    """Exit status 0 when the GUI started on ``workspace`` and passed every check, else 1 (reason on stderr)."""

    def out(line: str) -> None:
        print(line, file=sys.stdout if line.startswith(("冒烟测试通过", "  ")) else sys.stderr, flush=True)

    return SmokeTest(workspace, screenshot, out).run()
