"""The main window's settings kept per test: import ``private_qsettings`` into a GUI test module.

``window`` is a main window at the preferred first size, 1280×820, shown: bind it in the module
(``window = window_settings.window``; imported by name, a test parameter would shadow the import).

QSettings caches its paths per process, so HOME pointing elsewhere (conftest) is not enough:
each test points QSettings at its own folder explicitly. The fixture is autouse in every
module that imports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from perfdesk.ui.app import make_application
from perfdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def private_qsettings(qapp, tmp_path: Path) -> None:
    """The application set up as perfdesk does, with its settings in this test's folder."""
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def window(qtbot, private_qsettings) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    return win
