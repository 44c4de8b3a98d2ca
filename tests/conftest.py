"""Shared fixtures. Qt runs offscreen; settings and data never touch the real profile."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the QApplication

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph

from perfdesk.importers.json_import import import_into, load_json_file, read_document
from perfdesk.models import Workspace, open_workspace

SAMPLES = Path(__file__).resolve().parent.parent / "perfdesk" / "data" / "samples"
FIXTURE_2021 = SAMPLES / "chengde-2021.json"
FIXTURE_2024 = SAMPLES / "julu-2024.json"
FIXTURES = {"2021": FIXTURE_2021, "2024": FIXTURE_2024}


@pytest.fixture(autouse=True)
def _private_profile(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and Qt's settings/data locations at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


def fixture_data(which: str) -> dict:
    return json.loads(FIXTURES[which].read_text("utf-8"))


def style_name(paragraph: Paragraph) -> str:
    """The name of a Word paragraph's style ("" when it has none)."""
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def make_workspace(path: Path, *fixtures: str) -> Workspace:
    """A real workspace file holding the named fixtures ("2021", "2024")."""
    workspace = open_workspace(path, create=True)
    for which in fixtures:
        import_into(workspace, read_document(load_json_file(FIXTURES[which])))
    return workspace


@pytest.fixture
def workspace_2024(tmp_path: Path) -> Path:
    path = tmp_path / "julu.perfdesk"
    make_workspace(path, "2024").close()
    return path


@pytest.fixture
def workspace_2021(tmp_path: Path) -> Path:
    path = tmp_path / "chengde.perfdesk"
    make_workspace(path, "2021").close()
    return path


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m perfdesk`` as a separate process, as a clerk's shell would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "perfdesk", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=120,
    )
