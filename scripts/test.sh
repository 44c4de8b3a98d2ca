#!/usr/bin/env bash
# Set up (first time) and run the checks: ruff, mypy, then the whole test suite offscreen.
#   usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
