#!/bin/sh
# ruff (lint and format check) on everything, mypy --strict on kiosk, tests and bench, and the
# import contracts of pyproject.toml (layers; no Qt in store, library, config) with lint-imports.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
