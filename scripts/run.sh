#!/bin/sh
# Installs what the kiosk needs (first time only), then runs it. Arguments go to `kiosk run`,
# e.g. scripts/run.sh --windowed, scripts/run.sh --home /media/usb/stand.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kiosk run "$@"
