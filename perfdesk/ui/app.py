"""Start the GUI: QApplication, fonts, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QMessageBox

from perfdesk import APP_NAME, APP_TITLE
from perfdesk.errors import PerfdeskError
from perfdesk.models import open_workspace
from perfdesk.samples import create_sample_workspace

UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans CJK JP"]


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    font = QFont(app.font())
    font.setFamilies(UI_FONTS)
    app.setFont(font)
    return app


def sample_workspace_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "示例-巨鹿县司法局2024.perfdesk"


class DepartmentListWindow(QMainWindow):
    """A minimal window listing a workspace's departments."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        with open_workspace(path) as workspace, workspace.session() as session:
            labels = [d.label() for d in workspace.departments(session)]
        self.setWindowTitle(f"{path.name} — {APP_TITLE}")
        self.list = QListWidget()
        self.list.addItems(labels)
        self.setCentralWidget(self.list)
        self.resize(800, 500)


def run_gui(workspace: Path | None) -> int:
    app = make_application()
    try:
        path = workspace or create_sample_workspace(sample_workspace_path())
        window = DepartmentListWindow(path)
    except PerfdeskError as exc:
        QMessageBox.critical(None, APP_TITLE, exc.describe())
        return 2
    window.show()
    return app.exec()
