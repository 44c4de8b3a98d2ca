#!/usr/bin/env bash
# Prepare everything perfdesk needs on a Debian/Ubuntu machine: system libraries
# for Qt (when missing and we may install them), a virtual environment in .venv,
# and the pinned Python packages. Safe to run again: it skips what is done.
# Purposes build on each other: test installs what app needs and the test tools, build adds
# PyInstaller (installer/build.sh) to that.
#   usage: scripts/setup-env.sh [app|test|build]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-app}
case "$purpose" in app|test|build) ;; *) echo "用法：scripts/setup-env.sh [app|test|build]"; exit 2 ;; esac
apt_updated=no

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" = no ]; then apt-get update -q >/dev/null; apt_updated=yes; fi
  # shellcheck disable=SC2068
  apt-get install -y -q --no-install-recommends $@ >/dev/null
}

# --- Debian packages -----------------------------------------------------------------
qt_libs="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3"
x11_libs="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0"
x11_libs="$x11_libs libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1"
wanted="$qt_libs $x11_libs fonts-noto-cjk"
if [ "$purpose" != app ]; then
  wanted="$wanted xvfb xauth xdotool xclip libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
fi
if [ "$purpose" = build ]; then
  wanted="$wanted binutils"  # PyInstaller reads and strips the shared libraries with objdump/strip
fi
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep "install ok installed" >/dev/null || missing="$missing $pkg"
  done
fi
if [ -n "$missing" ]; then
  if can_apt; then
    echo "安装系统软件包:$missing"
    apt_install "$missing"
  else
    echo "提示：缺少系统软件包:$missing"
    echo "      请以管理员身份运行：sudo apt-get install$missing"
  fi
fi

# --- Python environment ----------------------------------------------------------------
python=${PYTHON:-python3}
# The pinned set (constraints.txt) is tested on CPython 3.11; 3.12 and 3.13 work too.
if ! "$python" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' 2>/dev/null; then
  echo "需要 Python 3.11（或 3.12、3.13）：$python 不是。可用 PYTHON=/path/to/python3.11 指定。"; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv  # Debian's own python3 keeps venv/ensurepip in a separate package
    if can_apt; then echo "安装 python3-venv"; apt_install python3-venv; else
      echo "无法创建虚拟环境：请先安装 python3-venv（sudo apt-get install python3-venv）"; exit 1; fi
    "$python" -m venv .venv
  fi
fi
# PyInstaller needs the Python library as a shared object; Debian's python3 is linked statically
# and keeps it in a separate package (pyenv's and the Windows Pythons come with it).
if [ "$purpose" = build ] && "$python" -c 'import sys, sysconfig
sys.exit(not (sys.base_prefix == "/usr" and not sysconfig.get_config_var("Py_ENABLE_SHARED")))'; then
  libpython="libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if ! dpkg-query -W -f='${Status}' "$libpython" 2>/dev/null | grep "install ok installed" >/dev/null; then
    if can_apt; then echo "安装 $libpython"; apt_install "$libpython"; else
      echo "提示：打包需要 $libpython（sudo apt-get install $libpython）"; fi
  fi
fi
stamp=.venv/.setup-stamp
inputs="$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
want="$inputs-$purpose"
have="$(cat "$stamp" 2>/dev/null || true)"
# Each set-up includes the one before it (app < test < build): an app start after the tests,
# or the tests after a build, install nothing.
case "$purpose" in
  app) enough="$inputs-app $inputs-test $inputs-build" ;;
  test) enough="$inputs-test $inputs-build" ;;
  build) enough="$inputs-build" ;;
esac
if [ -z "$have" ] || [[ " $enough " != *" $have "* ]]; then
  extras=""
  [ "$purpose" = test ] && extras="[test]"
  [ "$purpose" = build ] && extras="[test,build]"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -c constraints.txt -e ".$extras"
  echo "$want" > "$stamp"
fi
