#!/bin/sh
# Installs what the kiosk needs on Debian / Raspberry Pi OS: system packages (libvlc, Qt's xcb
# libraries, a font), a virtual environment in .venv and the kiosk package in it.
#   scripts/setup.sh          what running the kiosk needs
#   scripts/setup.sh --test   plus what the tests need (Xvfb, the dev extra)
# It is idempotent and quick when nothing is missing.
set -eu

cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# libvlc and its plugins for video; Qt's xcb platform plugin dependencies; the UI font;
# xset (x11-xserver-utils) keeps the display from blanking while the kiosk runs; xrandr (same
# package) and xinput apply the rotation setting to the screen and its touch input.
# syncthing carries releases between the kiosks of a network (docs/reseau.md); it only runs on
# a kiosk that joined one.
# libvlc-bin brings vlc-cache-gen, whose dpkg trigger writes libvlc's plugins.dat: without it
# libvlc loads every plugin to find one (about 20 MB more resident, bench/bench_memory.py).
RUN_PACKAGES="libvlc5 libvlc-bin vlc-plugin-base vlc-plugin-video-output \
libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 \
libxcb-shape0 libxcb-cursor0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 libfontconfig1 \
libdbus-1-3 fonts-open-sans fonts-dejavu-core python3-venv x11-xserver-utils xinput syncthing"
# Xvfb for the tests that embed real video; xauth for xvfb-run; ImageMagick for screenshots;
# make for the developer targets (make lint, make bench).
TEST_PACKAGES="xvfb xauth imagemagick make"

packages="$RUN_PACKAGES"
[ "$want_test" = 1 ] && packages="$packages $TEST_PACKAGES"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
  done
else
  echo "setup: this is not a Debian-like system (no dpkg-query)." >&2
  echo "setup: install these packages or their equivalents by hand:$packages" >&2
fi

if [ -n "$missing" ]; then
  echo "setup: installing system packages:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing system packages:$missing" >&2
    echo "setup: run as root, or install them with: apt-get install$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet; refresh them once if a package is not known.
  if ! $SUDO apt-get install -y -qq --no-install-recommends $missing; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing || {
      echo "setup: could not install:$missing (see the apt-get messages above)" >&2
      exit 1
    }
  fi
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup: $PYTHON not found; install Python 3.11 or newer." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python 3.11 or newer is needed, $("$PYTHON" --version) found." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi

# Reinstall the package only when pyproject.toml or constraints.txt changed (or the extra asked for is new).
extra=""
[ "$want_test" = 1 ] && extra="[dev]"
stamp=".venv/.kiosk-installed"
[ "$want_test" = 1 ] && stamp="$stamp-dev"
# constraints.txt pins every package to the versions the tests last passed with.
digest=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "setup: installing the kiosk package$extra into .venv"
  .venv/bin/python -m pip install -q -c constraints.txt -e ".$extra"
  echo "$digest" > "$stamp"
fi

# The kiosk's own bytecode, compiled as pip compiles every other installed package's (an editable
# install is not): a start reads it instead of compiling the 40 modules it imports before its
# first screen, even where PYTHONDONTWRITEBYTECODE is set (bench/bench_startup.py). Quick when
# up to date; a module edited since is compiled in memory by each start, until the next setup.
.venv/bin/python -m compileall -q kiosk
