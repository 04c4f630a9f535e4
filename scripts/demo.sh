#!/usr/bin/env bash
# Set up, then analyse the bundled example corpus; the reports land in claimgraph-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
status=0
.venv/bin/claimgraph analyze examples --db claimgraph-out/claimgraph.db --out claimgraph-out || status=$?
if [ "$status" -eq 0 ] || [ "$status" -eq 3 ]; then
    echo "Report: $(pwd)/claimgraph-out/report.html (data: claimgraph-out/report.json)"
fi
exit "$status"
