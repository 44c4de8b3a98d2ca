"""Shared fixtures. Qt runs offscreen; settings and data never touch the real profile.

This file imports no Qt: the core run of scripts/test.sh runs the tests not marked ``gui`` with
PySide6 made unimportable and pytest-qt disabled (``-p no:pytest-qt``). Then the test modules
marked ``gui`` as a whole (``pytestmark``) are not imported, as they import Qt at the top, and
pytest-qt's ini keys are registered here, so the configuration stays valid under
``--strict-config``. Any other test module must not import Qt at the top.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the QApplication
if os.name == "nt":  # offscreen on Windows reads fonts from a folder (FreeType): Windows' own, not Qt's missing one
    os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"))

import ast
import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from docx.text.paragraph import Paragraph

from perfdesk.importers.json_import import import_into, load_json_file, read_document
from perfdesk.layout.options import preset_for
from perfdesk.models import Department, Workspace, open_workspace

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


def _pytest_qt_active(pluginmanager: pytest.PytestPluginManager) -> bool:
    return any(getattr(plugin, "__name__", None) == "pytestqt.plugin" for plugin in pluginmanager.get_plugins())


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Without pytest-qt, register its options and ini keys (qt_api, qt_log_level_fail, ...) through
    its own hook, so the two lists never differ; pytestqt.plugin imports no Qt."""
    if not _pytest_qt_active(pluginmanager):
        from pytestqt.plugin import pytest_addoption as add_pytest_qt_options

        add_pytest_qt_options(parser)


def _marked_gui(module: Path) -> bool:
    """Whether the test module sets ``pytestmark`` to ``pytest.mark.gui`` (or a list holding it)."""
    tree = ast.parse(module.read_bytes(), str(module))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets):
            return any(
                isinstance(n, ast.Attribute) and n.attr == "gui" and getattr(n.value, "attr", None) == "mark"
                for n in ast.walk(node.value)
            )
    return False


class _NeedsQt(pytest.File):
    """A test module marked ``gui`` seen without pytest-qt: not imported (it imports Qt), no tests."""

    def collect(self) -> list[pytest.Item]:
        return []


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not _pytest_qt_active(parent.config.pluginmanager) and _marked_gui(module_path):
        return _NeedsQt.from_parent(parent, path=module_path)
    return None


def fixture_data(which: str) -> dict:
    return json.loads(FIXTURES[which].read_text("utf-8"))


def as_exported(data: dict) -> dict:
    """A JSON document as perfdesk exports it: every department's ``layout`` written out in full.

    The format lets a source leave ``layout`` (or some of its keys) out, taking the framework's
    preset; export writes every key, and that is the only thing export adds.
    """
    out = json.loads(json.dumps(data))
    for dept in out["departments"]:
        dept["layout"] = {**preset_for(dept.get("framework")), **(dept.get("layout") or {})}
    return out


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


def rolled_over_workspace(path: Path, edit: Callable[[Department], None]) -> Path:
    """A workspace with 巨鹿 2024 and a 2025 copy of it that ``edit`` changed, as a clerk rolls a year over."""
    from perfdesk.services.copying import clone

    make_workspace(path, "2024").close()
    with open_workspace(path) as workspace, workspace.transaction() as session:
        (old,) = workspace.departments(session)
        new = clone(old)
        new.fiscal_year = 2025
        new.position = 1
        edit(new)
        session.add(new)
    return path


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


def counting(calls: list[str], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, noting ``name`` in ``calls`` each time it is called (to monkeypatch in its place)."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return function(*args, **kwargs)

    return counted
