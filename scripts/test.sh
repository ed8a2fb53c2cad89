#!/bin/sh
# Installs what the tests need (first time only: Xvfb, the dev tools), then runs the whole suite
# in two passes: the widget tests offscreen, then the tests marked `x11` (real video embedded in a
# real X window) under Xvfb with Qt's xcb platform. Arguments go to pytest, e.g. -k demo.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --test
status=0
.venv/bin/python -m pytest -m "not x11" "$@" || status=$?
# pytest-xvfb starts Xvfb for this pass; exit 5 means the filter left no test to run.
QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m x11 "$@" || {
  code=$?
  [ "$code" = 5 ] || status=$code
}
exit "$status"
