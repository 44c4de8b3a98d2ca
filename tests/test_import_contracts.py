"""The import-linter contracts (pyproject.toml) catch Qt in the core and storage in the UI, even inside a function.

Each test runs ``lint-imports`` on a copy of the package in a temporary folder, with the project's
contract configuration and without a cache, so it never touches the working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
CORE_CONTRACT = "the core never imports Qt"
STORAGE_CONTRACT = "the UI reaches storage only through perfdesk.services"


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on the perfdesk package under ``src`` (placed first on the import path)."""
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert script is not None, "lint-imports is not installed (scripts/setup-env.sh test)"
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "COLUMNS": "300",  # one contract per line, whatever the terminal
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [script, "--config", str(CONFIG), "--no-cache", "--no-logo"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "perfdesk", src / "perfdesk", ignore=shutil.ignore_patterns("__pycache__"))
    return src


def test_the_unmodified_package_keeps_every_contract(package_copy: Path) -> None:
    result = _lint_imports(package_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{CORE_CONTRACT} KEPT" in result.stdout
    assert f"{STORAGE_CONTRACT} KEPT" in result.stdout


def test_a_qt_import_inside_a_services_function_breaks_the_core_contract(package_copy: Path) -> None:
    module = package_copy / "perfdesk" / "services" / "checking.py"
    with module.open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef _sneaky():\n    from PySide6 import QtCore\n")
    result = _lint_imports(package_copy)
    assert result.returncode != 0, result.stdout
    assert f"{CORE_CONTRACT} BROKEN" in result.stdout
    assert "perfdesk.services.checking -> PySide6" in result.stdout


def test_a_sqlalchemy_import_in_the_ui_breaks_the_storage_contract(package_copy: Path) -> None:
    module = package_copy / "perfdesk" / "ui" / "structure.py"
    with module.open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef _sneaky():\n    from sqlalchemy.orm import Session\n")
    result = _lint_imports(package_copy)
    assert result.returncode != 0, result.stdout
    assert f"{STORAGE_CONTRACT} BROKEN" in result.stdout
    assert "perfdesk.ui.structure -> sqlalchemy" in result.stdout
