"""Layering: the domain, storage, importers, exporters, checks and services never load Qt;
the UI never touches storage (SQLAlchemy, sqlite3) itself but goes through perfdesk.services."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "perfdesk"


def _non_ui_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = relative.parts
        if "ui" in parts or "migrations" in parts or parts[-1] == "__main__":
            continue
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_nothing_outside_ui_imports_qt() -> None:
    modules = _non_ui_modules()
    assert "perfdesk.models.entities" in modules
    assert "perfdesk.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('perfdesk.ui'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


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
