#!/bin/sh
# Installs what the tests need (first time only: Xvfb, the dev tools), then runs the whole suite.
# Arguments go to pytest, e.g. scripts/test.sh -k demo.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
