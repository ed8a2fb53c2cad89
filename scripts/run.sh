#!/bin/sh
# Installs what the kiosk needs (first time only), then runs it. Arguments go to `kiosk run`,
# e.g. scripts/run.sh --windowed, scripts/run.sh --home /media/usb/stand.
# Run in a terminal on a kiosk without a staff PIN, it first offers to choose one (Enter passes;
# never asked without a terminal, nor in CI): the touchscreen never offers it.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -t 0 ] && [ -z "${CI:-}" ]; then
    home=""
    previous=""
    for argument in "$@"; do
        case "$previous" in --home) home="$argument" ;; esac
        case "$argument" in --home=*) home="${argument#--home=}" ;; esac
        previous="$argument"
    done
    if [ -n "$home" ]; then
        .venv/bin/kiosk pin ask --home "$home" || true
    else
        .venv/bin/kiosk pin ask || true
    fi
fi
exec .venv/bin/kiosk run "$@"
