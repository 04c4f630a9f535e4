#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install claimgraph with its test tools. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "claimgraph needs Python >= 3.11 (found: $("$PYTHON" --version))" >&2; exit 1; }
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.claimgraph-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test]"
    touch "$stamp"
fi
