"""Where the export's save dialog starts: beside the clerk's workspace, never inside perfdesk's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from perfdesk.export.registry import formats
from perfdesk.locations import data_dir
from perfdesk.ui.export_dialog import ExportRunner, export_folder

pytestmark = pytest.mark.gui


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    return tmp_path


def test_a_workspace_of_the_clerks_own_is_exported_beside_it(home: Path) -> None:
    workspace = home / "绩效" / "司法局2025.perfdesk"
    workspace.parent.mkdir()
    assert export_folder(workspace) == workspace.parent


def test_a_sample_in_perfdesks_data_folder_is_not_exported_into_that_hidden_folder(qtbot, home, monkeypatch) -> None:
    sample = data_dir() / "示例-巨鹿县司法局2024.perfdesk"
    sample.parent.mkdir(parents=True)
    folder = export_folder(sample)
    assert not folder.resolve().is_relative_to(data_dir().resolve())
    assert folder.is_dir()

    offered: list[str] = []

    def cancel(_parent, _title, path, _filter):
        offered.append(path)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    word = next(fmt for fmt in formats() if fmt.suffix == ".docx")
    parent = QWidget()
    qtbot.addWidget(parent)
    ExportRunner(parent).start(word, sample, None, None, "巨鹿县司法局2024年部门预算绩效文本")
    assert offered == [str(folder / "巨鹿县司法局2024年部门预算绩效文本.docx")]
