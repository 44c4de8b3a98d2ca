"""Start-up: the main window is on screen before the database code is loaded, and the file fills it after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from perfdesk.ui.app import make_application, start_window

pytestmark = pytest.mark.gui

#: Modules that take most of a start (SQLAlchemy alone is ~0.2 s on a quiet 2-core machine).
HEAVY = (
    "sqlalchemy",
    "alembic",
    "docx",
    "openpyxl",
    "pypinyin",
    "perfdesk.models",
    "perfdesk.checks",
    "perfdesk.services",
)

_CHILD = f"""
import sys
from perfdesk.ui.app import make_application
app = make_application()
from perfdesk.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(sorted(name for name in sys.modules if name.startswith({HEAVY!r})))
"""


def test_the_main_window_shows_without_loading_the_database_checks_or_writers(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_window_is_painted_first_and_the_workspace_opened_after(qtbot, workspace_2021: Path, tmp_path: Path):
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    window = start_window(workspace_2021)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.view is None  # not yet: the window is painted first
    qtbot.waitUntil(lambda: window.view is not None, timeout=10_000)
    assert window.edits is not None
    assert window.edits.path == workspace_2021
    assert window.view is not None
    assert window.view.department() is not None
    window.close()
