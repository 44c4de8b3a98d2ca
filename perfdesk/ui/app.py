"""Start the GUI: QApplication (fonts, high-DPI), the error hook, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from perfdesk import APP_NAME, APP_TITLE
from perfdesk.errors import PerfdeskError
from perfdesk.ui.icons import app_icon

UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans CJK JP"]
log = logging.getLogger("perfdesk")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with perfdesk's names and CJK fonts set explicitly (the fallback picks JP glyphs)."""
    existing = QApplication.instance()
    if existing is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    elif isinstance(existing, QApplication):
        app = existing
    else:
        raise RuntimeError("a QCoreApplication without widgets is already running")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setWindowIcon(app_icon())
    font = QFont(app.font())
    font.setFamilies(UI_FONTS)
    app.setFont(font)
    return app


def install_exception_hook(log_file: Path) -> None:
    """Unexpected errors: details go to ``log_file``, the clerk sees a Chinese message, never a traceback."""
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, PerfdeskError):
            QMessageBox.warning(QApplication.activeWindow(), APP_TITLE, exc.describe())
            return
        log.error("未预料的错误\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        QMessageBox.critical(
            QApplication.activeWindow(),
            APP_TITLE,
            "程序遇到了一个意外的问题，刚才的操作可能没有完成。\n"
            "之前的修改都已保存在工作区文件中。\n\n"
            f"详细信息已记录在：{log_file}\n请把这个文件发给技术支持。",
        )

    sys.excepthook = hook


def run_gui(workspace: Path | None, *, demo: bool = False) -> int:
    """Open ``workspace``; with none, the sample (``demo``), the last file, else the welcome page."""
    from perfdesk.ui.main_window import MainWindow
    from perfdesk.ui.settings import log_dir

    app = make_application()
    install_exception_hook(log_dir() / "perfdesk-errors.log")
    window = MainWindow()
    window.show()
    path = workspace or window.settings.last_file
    if demo and workspace is None:
        window.open_sample()
    elif path is not None and (workspace is not None or path.exists()):
        window.open_path(path)
    return app.exec()
