"""Layering that import-linter cannot see, and the UI's distance from storage.

The contracts in pyproject.toml (``lint-imports``, tests/test_import_contracts.py) check every import
statement of every module. They cannot see code loaded at run time: the Word writer loaded with
``importlib`` by the export registry, the Alembic migration scripts loaded by file path (their
names are not module names, so they are not in the import graph), the data files read through
``importlib.resources``. These tests cover those. The UI never touches storage (SQLAlchemy,
sqlite3) itself but goes through perfdesk.services: the contract ``ui-no-storage`` says so to
``lint-imports``, and the last test here says it again without import-linter.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "perfdesk"
MIGRATIONS = PACKAGE / "models" / "migrations" / "versions"

#: What a migration script may import: its tools and the layers from perfdesk.models down.
MIGRATION_IMPORTS = ("__future__", "alembic", "sqlalchemy", "perfdesk.models", "perfdesk.domain", "perfdesk.errors")


def test_loading_at_run_time_brings_in_no_qt(tmp_path: Path) -> None:
    """The command line's export and check, with every writer and migration loaded, import no Qt."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sqlalchemy import create_engine\n"
        "from perfdesk.cli import main\n"
        "from perfdesk.export.registry import FORMATS, format_for\n"
        "from perfdesk.models.migrations.runner import upgrade_to_head\n"
        "from perfdesk.samples import create_sample_workspace\n"
        "tmp = Path(sys.argv[1])\n"
        "upgrade_to_head(create_engine(f'sqlite:///{tmp / \"empty.db\"}'))\n"
        "workspace = create_sample_workspace(tmp / 'sample.perfdesk')\n"
        "assert main(['export', str(workspace), str(tmp / 'out.docx')]) == 0\n"
        "assert main(['check', str(workspace), '--format', 'json']) in (0, 1)\n"
        "for suffix in list(FORMATS):\n"
        "    format_for(Path('probe' + suffix)).load()\n"
        "assert '.docx' in FORMATS, sorted(FORMATS)\n"
        "qt = ('PySide6', 'shiboken6', 'perfdesk.ui')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in qt[:2] or m.startswith(qt[2])))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # a Chinese Windows would print GBK
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


def test_migration_scripts_import_only_the_storage_layers() -> None:
    scripts = sorted(MIGRATIONS.glob("*.py"))
    assert scripts, MIGRATIONS
    for script in scripts:
        tree = ast.parse(script.read_text("utf-8"), str(script))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                allowed = any(name == top or name.startswith(f"{top}.") for top in MIGRATION_IMPORTS)
                assert allowed, f"{script.name}:{node.lineno} imports {name}"


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_the_ui_never_imports_sqlalchemy_or_sqlite() -> None:
    ui_files = sorted((PACKAGE / "ui").rglob("*.py"))
    assert PACKAGE / "ui" / "main_window.py" in ui_files
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in ui_files
        for line, module in _imported_modules(path)
        if module.split(".")[0] in ("sqlalchemy", "sqlite3")
    ]
    assert offenders == []
