"""Shared fixtures. Qt runs offscreen; settings and data never touch the real profile."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the QApplication

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

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


class CliResult(NamedTuple):
    """What a command run gave back: the exit status and everything it printed."""

    returncode: int
    stdout: str
    stderr: str


def cli_main(*args: str | Path) -> CliResult:
    """Run ``perfdesk ARGS`` in this process: ``perfdesk.cli.main`` with its output captured.

    Milliseconds instead of a second per call (no interpreter start, no imports), so error
    paths are tested here; ``run_cli`` keeps a few real processes for the entry point itself.
    argparse's own exits (``--help``, ``--version``, a usage error) end in SystemExit, whose
    code is the exit status. Output goes to StringIO rather than pytest's capsys, so
    module-scoped fixtures can run commands too.
    """
    from perfdesk.cli import COMMANDS, main

    if not args or str(args[0]) not in (*COMMANDS, "-h", "--help", "--version"):
        raise ValueError("without a subcommand perfdesk opens the main window: use run_cli for that")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m perfdesk`` as a separate process, as a clerk's shell would (about a second each)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "perfdesk", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=120,
    )
