#!/usr/bin/env bash
# Regenerate docs/screenshots/ (every visitor screen, three sizes, fr/en, larger text, high
# contrast): the kiosk itself under a virtual X screen. `make screenshots`; ARGS="--only map".
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
if [ -n "${DISPLAY:-}" ] && [ "${SCREENSHOTS_USE_DISPLAY:-}" = 1 ]; then
    exec "$PYTHON" scripts/screenshots.py "$@"
fi
if ! command -v xvfb-run >/dev/null; then
    echo "xvfb-run manque : lancez scripts/setup.sh --test" >&2
    exit 1
fi
exec xvfb-run -a -s "-screen 0 1920x1920x24" env QT_QPA_PLATFORM=xcb "$PYTHON" scripts/screenshots.py "$@"
