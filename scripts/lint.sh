#!/bin/sh
# ruff (lint and format check) on everything, mypy --strict on the kiosk package.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
