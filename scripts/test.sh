#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, offscreen:
#   1. ruff (lint and format), lint-imports (the layering contracts in pyproject.toml) and mypy;
#   2. the core run: the tests not marked gui, with PySide6 and shiboken6 made unimportable
#      (scripts/no-qt first on PYTHONPATH, pytest-qt disabled), so Qt reaching the core fails
#      even when it is imported inside a function or loaded with importlib;
#   3. every test, with Qt.
# The pytest arguments go to both runs; a core run that selects no test (exit 5) is fine.
#   usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache --no-logo
.venv/bin/mypy

echo "== core run: the tests not marked gui, without Qt"
status=0
PYTHONPATH="$PWD/scripts/no-qt${PYTHONPATH:+:$PYTHONPATH}" \
  .venv/bin/python -m pytest -p no:pytest-qt -m "not gui" "$@" || status=$?
if [ "$status" != 0 ] && [ "$status" != 5 ]; then exit "$status"; fi

echo "== all tests, with Qt"
.venv/bin/python -m pytest "$@"
