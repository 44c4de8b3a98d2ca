#!/usr/bin/env bash
# The frozen smoke test: run a built bundle the way a clerk would, in a folder whose name has
# Chinese and spaces, and fail loudly on the first thing that does not work.
#   usage: installer/smoke-test.sh [--screenshot PNG] DIST_DIR            the Linux bundle
#          installer/smoke-test.sh --wine [--screenshot PNG] DIST_DIR     the Windows bundle, under
#                                                                         Wine (WINEPREFIX set up
#                                                                         by installer/build-wine.sh)
# DIST_DIR is the one-folder bundle (perfdesk, perfdesk-cli, _internal/). Steps:
#   1. perfdesk-cli --version is the version of the source;
#   2. import both samples shipped in the bundle into a new workspace;
#   3. export it to .docx and .json (the .docx is a zip, the .json is read back by check);
#   4. check (exit 0 or 1: the samples have findings) and a bad file (exit 2, a Chinese message,
#      no traceback);
#   5. the GUI: perfdesk --smoke-test WORKSPACE -platform offscreen opens the main window on the
#      workspace, waits for it to be shown and checked, tests icons and paths, quits by itself.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
wine=no
screenshot=""
while [ $# -gt 1 ]; do
  case "$1" in
    --wine) wine=yes; shift ;;
    --screenshot) screenshot="$(realpath -m "$2")"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--wine] [--screenshot PNG] DIST_DIR" >&2; exit 2; }
dist="$(realpath "$1")"
suffix=""
[ "$wine" = yes ] && suffix=".exe"
cli="$dist/perfdesk-cli$suffix"
gui="$dist/perfdesk$suffix"
[ -x "$cli" ] || [ -f "$cli" ] || { echo "no $cli: build first" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folder="$work/绩效 文本/冒烟 测试 2024"
mkdir -p "$folder"
cp "$dist"/_internal/perfdesk/data/samples/*.json "$folder/"

# A path as the program sees it: Z:\... under Wine.
native() { if [ "$wine" = yes ]; then winepath -w "$1"; else printf '%s' "$1"; fi; }
run() {  # run PROGRAM ARGS...: the program's output goes to $work/out, its status to $status
  local program="$1"; shift
  status=0
  if [ "$wine" = yes ]; then
    # Into a pipe: with a file, Wine gives Python invalid standard handles. A Chinese Windows
    # (zh_CN: code page 936) writes GBK to a pipe; shown here as UTF-8.
    set +e
    LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "${launcher[@]}" wine "$program" "$@" </dev/null 2>&1 \
      | iconv -c -f GBK -t UTF-8 \
      | tr -d '\r' >"$work/out"
    status=${PIPESTATUS[0]}
    set -e
  else
    "${launcher[@]}" "$program" "$@" </dev/null >"$work/out" 2>&1 || status=$?
  fi
  # the offscreen platform's harmless notice about window size hints is not shown
  grep -v "does not support propagateSizeHints" "$work/out" >"$work/shown" || true
  head -n "${show_lines:-6}" "$work/shown" | sed 's/^/    /'
  local lines; lines=$(wc -l <"$work/shown")
  if [ "$lines" -gt "${show_lines:-6}" ]; then echo "    … ($lines lines)"; fi
}
steps=0
launcher=()  # what runs the program: nothing, or xvfb-run for a real display
fail() { echo "SMOKE TEST FAILED: $*" >&2; echo "smoke-test: $((steps - 1)) passed, 1 failed"; exit 1; }
step() { steps=$((steps + 1)); echo "== $*"; }

started=$(date +%s.%N)
ws="$folder/两个 部门.perfdesk"
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$here/perfdesk/__init__.py")"

step "--version"
run "$cli" --version
[ "$status" = 0 ] && grep -qx "perfdesk $version" <(tr -d '\r' <"$work/out") || fail "--version: status $status, expected perfdesk $version"

step "import both samples into $(native "$ws")"
run "$cli" import "$(native "$folder/chengde-2021.json")" "$(native "$folder/julu-2024.json")" --into "$(native "$ws")"
[ "$status" = 0 ] && [ -s "$ws" ] || fail "import: status $status"

step "export .docx"
docx="$folder/导出 文本.docx"
run "$cli" export "$(native "$ws")" "$(native "$docx")" --department 巨鹿县司法局 --year 2024
[ "$status" = 0 ] && [ "$(head -c 2 "$docx")" = PK ] && [ "$(stat -c %s "$docx")" -gt 10000 ] || fail "export .docx: status $status"

step "export .json"
json="$folder/导出 数据.json"
run "$cli" export "$(native "$ws")" "$(native "$json")"
[ "$status" = 0 ] && grep -q '"perfdesk/1"' "$json" || fail "export .json: status $status"

step "check the workspace (errors are expected: exit 1)"
run "$cli" check "$(native "$ws")"
[ "$status" = 0 ] || [ "$status" = 1 ] || fail "check: status $status"
step "check the exported .json, as JSON"
run "$cli" check "$(native "$json")" --format json
{ [ "$status" = 0 ] || [ "$status" = 1 ]; } && grep -aq '"rule"' "$work/out" || fail "check --format json: status $status"

step "a file that is not there: exit 2, one line, no traceback"
run "$cli" check "$(native "$folder/没有 这个.perfdesk")"
[ "$status" = 2 ] && ! grep -aq Traceback "$work/out" || fail "missing file: status $status"

step "the GUI, offscreen: open the workspace, wait for the window and the first check, quit"
native_gui=no
command -v xvfb-run >/dev/null && native_gui=yes
shot_args=()
[ -n "$screenshot" ] && [ "$native_gui" = no ] && shot_args=(--screenshot "$(native "$screenshot")")
gui_started=$(date +%s.%N)
show_lines=20 run "$gui" -platform offscreen --smoke-test "$(native "$ws")" "${shot_args[@]}"
gui_seconds=$(echo "$(date +%s.%N) - $gui_started" | bc)
[ "$status" = 0 ] || fail "GUI smoke test: status $status"
grep -aq "冒烟测试通过" "$work/out" || fail "GUI smoke test printed no result"
grep -aq "资源：frozen" "$work/out" || fail "GUI smoke test: resources not found in the bundle"

if [ "$wine" = yes ]; then
  # Wine maps \\server\share to $WINEPREFIX/dosdevices/unc/server/share
  step "a workspace on a network share, \\\\perfdesk-smoke\\share: import, export, open in the GUI"
  share="$work/share"
  mkdir -p "$share/财政 科" "$WINEPREFIX/dosdevices/unc/perfdesk-smoke"
  ln -sfn "$share" "$WINEPREFIX/dosdevices/unc/perfdesk-smoke/share"
  trap 'rm -f "$WINEPREFIX/dosdevices/unc/perfdesk-smoke/share"; rm -rf "$work"' EXIT
  unc='\\perfdesk-smoke\share\财政 科'
  run "$cli" import "$(native "$folder/julu-2024.json")" --into "$unc\共享 工作区.perfdesk"
  [ "$status" = 0 ] && [ -s "$share/财政 科/共享 工作区.perfdesk" ] || fail "import onto the share: status $status"
  run "$cli" export "$unc\共享 工作区.perfdesk" "$unc\共享 导出.docx"
  [ "$status" = 0 ] && [ -s "$share/财政 科/共享 导出.docx" ] || fail "export from the share: status $status"
  show_lines=2 run "$gui" -platform offscreen --smoke-test "$unc\共享 工作区.perfdesk"
  [ "$status" = 0 ] || fail "GUI on the share: status $status"
fi

if [ "$native_gui" = yes ]; then
  platform=xcb
  [ "$wine" = yes ] && platform=windows
  step "the GUI on an X server (Xvfb) with the $platform platform plugin"
  shot_args=()
  [ -n "$screenshot" ] && shot_args=(--screenshot "$(native "$screenshot")")
  ws_native="$(native "$ws")"
  # A new Wine session (nothing may start one before the program: not even winepath), so that
  # its desktop process starts on this display rather than without one
  [ "$wine" = yes ] && wineserver -k 2>/dev/null || true
  launcher=(xvfb-run -a -s "-screen 0 1440x900x24")
  show_lines=3 run "$gui" -platform "$platform" --smoke-test "$ws_native" "${shot_args[@]}"
  launcher=()
  [ "$status" = 0 ] || fail "GUI smoke test with $platform: status $status"
fi

printf '== smoke test passed in %.1f s (GUI start to exit %.1f s)\n' \
  "$(echo "$(date +%s.%N) - $started" | bc)" "$gui_seconds"
echo "smoke-test: $steps passed, 0 failed"
