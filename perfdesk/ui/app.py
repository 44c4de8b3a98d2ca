"""Start the GUI: QApplication (fonts, high-DPI), the error hook, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from perfdesk import APP_NAME, APP_TITLE
from perfdesk.crashlog import format_exception
from perfdesk.errors import PerfdeskError
from perfdesk.ui import widgets
from perfdesk.ui.icons import app_icon

UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans CJK JP"]
#: Dates, numbers and Qt's own words (按钮、文件对话框) as a clerk in mainland China expects them.
UI_LOCALE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
#: Qt's own translations (QMessageBox buttons, QFileDialog, QInputDialog…), shipped with PySide6.
QT_TRANSLATIONS = "qtbase_zh_CN"
#: What qtbase_zh_CN.qm lacks in Qt 6.11 (Qt's own file dialog, used where there is no native one).
MISSING_TRANSLATIONS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}
#: The widget holding the keyboard focus is always marked: a clear blue frame on fields, the tree, the
#: grid and the 检查 list. Fields are styled in the :focus state only and keep the platform look
#: otherwise; item views get a 1px grey frame plus 1px padding (what Fusion draws), so the 2px focus
#: frame fits in the same width (Qt keeps a view's frame width from its unfocused state).
FOCUS_COLOR = "#1a73e8"
FOCUS_STYLE = f"""
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{
    border: 2px solid {FOCUS_COLOR}; border-radius: 3px;
}}
QTreeView, QTableView, QListView, QTextBrowser {{ border: 1px solid #b8b8b8; padding: 1px; }}
QTreeView:focus, QTableView:focus, QListView:focus, QTextBrowser:focus {{
    border: 2px solid {FOCUS_COLOR}; padding: 0px;
}}
"""
log = logging.getLogger("perfdesk")

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow


class _MissingWords(QTranslator):
    """The few strings qtbase_zh_CN.qm has no translation for; asked only after it (installed first)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return MISSING_TRANSLATIONS.get((context, source))  # None: a null QString, "not here"

    def isEmpty(self) -> bool:
        return False


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
    widgets.install(app)  # wheel, Tab, long text and undo behaviour of every field
    app.setStyleSheet(FOCUS_STYLE)
    install_chinese(app)
    return app


def install_chinese(app: QApplication) -> None:
    """Chinese dates and numbers (QLocale default) and Qt's own dialogs and buttons in Chinese.

    Installed once per application; the translator is kept on the application so it lives as long.
    """
    QLocale.setDefault(UI_LOCALE)
    if app.property("perfdeskTranslator") is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(UI_LOCALE, "qtbase", "_", folder):
        missing = _MissingWords(app)
        app.installTranslator(missing)  # the last installed is asked first: qtbase_zh_CN, then these
        app.installTranslator(translator)
        app.setProperty("perfdeskTranslator", translator)
        app.setProperty("perfdeskMissingWords", missing)
    else:  # a broken installation: English buttons, but the program still works
        log.warning("没有找到 Qt 的中文翻译 %s.qm（%s）", QT_TRANSLATIONS, folder)


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
        log.error("未预料的错误\n%s", format_exception(kind, exc, tb))  # the error and the place, not the data
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
    from perfdesk.ui.settings import log_dir

    app = make_application()
    install_exception_hook(log_dir() / "perfdesk-errors.log")
    _window = start_window(workspace, demo=demo)  # held while the event loop runs
    return app.exec()


def start_window(workspace: Path | None, *, demo: bool = False) -> MainWindow:
    """Show the main window, then open the workspace once it is on screen.

    The window appears before the database code, the checks and the editors are even imported:
    the clerk sees the program at once, and the file fills it a moment later.
    """
    from perfdesk.ui.main_window import MainWindow

    window = MainWindow()
    path = workspace or window.settings.last_file
    if demo and workspace is None:
        _after_first_paint(window, window.open_sample)
    elif path is not None and (workspace is not None or path.exists()):
        _after_first_paint(window, lambda: window.open_path(path))
    window.show()
    return window


class _FirstPaint(QObject):
    """Runs an action once the window has been painted (or after ``FALLBACK_MS``, if it never is)."""

    FALLBACK_MS = 1000

    def __init__(self, window: QWidget, action: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._action: Callable[[], object] | None = action
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._run)  # after this paint is on screen
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            self._window.removeEventFilter(self)
            action()


def _after_first_paint(window: QWidget, action: Callable[[], object]) -> None:
    """Queued events run before the window system's (the expose that paints a new window): wait for it."""
    _FirstPaint(window, action)
