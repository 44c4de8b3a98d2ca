"""The main window's settings kept per test: import ``private_qsettings`` into a GUI test module.

QSettings caches its paths per process, so HOME pointing elsewhere (conftest) is not enough:
each test points QSettings at its own folder explicitly. The fixture is autouse in every
module that imports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from perfdesk.ui.app import make_application


@pytest.fixture(autouse=True)
def private_qsettings(qapp, tmp_path: Path) -> None:
    """The application set up as perfdesk does, with its settings in this test's folder."""
    make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
