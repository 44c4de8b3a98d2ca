"""The GUI's paths: its log folder is the command line's, recent files keep the name the clerk used."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from perfdesk import locations
from perfdesk.ui.app import make_application
from perfdesk.ui.settings import AppSettings, log_dir

pytestmark = pytest.mark.gui


def test_gui_and_command_line_log_to_the_same_folder(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "数据 目录"))
    make_application()
    expected = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)) / "logs"
    assert log_dir() == expected == locations.log_dir()
    assert expected.is_dir()


@pytest.mark.skipif(sys.platform == "win32", reason="links need rights a clerk's PC does not give")
def test_recent_files_keep_the_path_as_named(qapp, tmp_path: Path) -> None:
    """No resolve(): a file reached through a link (on Windows, a mapped drive) is remembered by that name."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.add_recent(tmp_path / "link" / "工作 区.perfdesk")
    assert settings.last_file == tmp_path / "link" / "工作 区.perfdesk"
    settings.remove_recent(tmp_path / "link" / "工作 区.perfdesk")
    assert settings.recent_files == []
