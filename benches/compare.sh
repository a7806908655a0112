#!/usr/bin/env bash
# The peer comparison in one command: sets up the repo-local .venv with polars
# and numpy (idempotent), then times wholesale-core against the bare csv parse,
# pure Python and polars on the same generated data (target/bench-data/).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c 'import polars, numpy' 2>/dev/null; then
    echo "--> installing polars and numpy into .venv"
    .venv/bin/python -m pip install --quiet polars numpy
fi
cargo run --profile "${PROFILE:-dist}" --quiet -p wholesale-benches --bin compare
