#!/usr/bin/env bash
# Set up (first time) and run ruff, lint-imports (the layering contracts) and the whole test suite, offscreen.
#   usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache  # the layering contracts in pyproject.toml
.venv/bin/python -m pytest "$@"
