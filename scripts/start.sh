#!/usr/bin/env bash
# Set up (first time) and start perfdesk. With no file, it opens a sample workspace.
#   usage: scripts/start.sh [WS.perfdesk]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/setup-env.sh" app
if [ $# -eq 0 ]; then set -- --demo; fi  # no file: the 2024 sample workspace
exec "$here/.venv/bin/perfdesk" "$@"
