#!/usr/bin/env bash
# Install krantentoets with its test tools, then lint and run the whole test suite.
# Tests against PostgreSQL use 127.0.0.1:5432 (database "test") and skip with a reason if
# no server answers; browser tests use /usr/bin/chromium and skip with a reason if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test
.venv/bin/ruff check src tests bench training
.venv/bin/ruff format --check src tests bench training
.venv/bin/python -m pytest "$@"
