#!/usr/bin/env bash
# Build the Linux one-folder bundle and run the frozen smoke test on it.
#   usage: installer/build.sh [--no-smoke-test] [--screenshot PNG]
# Sets up .venv with PyInstaller (scripts/setup-env.sh build), freezes installer/perfdesk.spec into
# installer/dist/perfdesk/ (perfdesk, perfdesk-cli, _internal/), says how long it took and how
# big the bundle is, then runs installer/smoke-test.sh on it (which starts the GUI offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=yes
smoke_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-smoke-test) smoke=no; shift ;;
    --screenshot) smoke_args=(--screenshot "$2"); shift 2 ;;
    *) echo "usage: $0 [--no-smoke-test] [--screenshot PNG]" >&2; exit 2 ;;
  esac
done

scripts/setup-env.sh build
dist=installer/dist
started=$(date +%s.%N)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath installer/build installer/perfdesk.spec
seconds=$(echo "$(date +%s.%N) - $started" | bc)
bundle="$dist/perfdesk"
printf '== built %s in %.0f s: %s MB unpacked, %s files\n' "$bundle" "$seconds" \
  "$(du -sm "$bundle" | cut -f1)" "$(find "$bundle" -type f | wc -l)"
echo "   largest files (MB):"
find "$bundle" -type f -printf '%s %P\n' | sort -rn | awk 'NR <= 8 {printf "   %6.1f  %s\n", $1 / 1048576, $2}'

if [ "$smoke" = yes ]; then
  installer/smoke-test.sh "${smoke_args[@]}" "$bundle"
fi
