#!/usr/bin/env bash
# Install krantentoets and start the web application on its embedded SQLite database.
#   scripts/start.sh         first start: a page asks you to create the first administrator
#   scripts/start.sh demo    demo mode: sample users and data, every page to look at
#   scripts/start.sh demo --port 8080   (both take --port and --host)
# Then open http://127.0.0.1:8000 in your browser. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ "${1:-}" = "demo" ]; then
    shift
    exec .venv/bin/krantentoets demo "$@"
fi
.venv/bin/krantentoets db upgrade
exec .venv/bin/krantentoets serve "$@"
