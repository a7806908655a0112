#!/usr/bin/env bash
# The Python-binding benchmark (issue 6) in one command: builds the wheel,
# installs it into the repo-local .venv with numpy (idempotent), makes sure the
# comparison's generated data exists (target/bench-data/), then runs
# bench_binding.py: classify_columns vs numpy on 10M legs, check_csv vs the
# pure-Python checker on the 20,000-row file.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -c 'import maturin, numpy' 2>/dev/null || .venv/bin/python -m pip install --quiet maturin numpy
.venv/bin/maturin build --quiet --release -m bindings/python/Cargo.toml -o target/wheels
.venv/bin/python -m pip install --quiet --force-reinstall --no-deps target/wheels/wholesale_core-*.whl
if [ ! -f target/bench-data/users_20k.csv ] || [ ! -f target/bench-data/org_5k.json ]; then
    echo "--> generating target/bench-data/ (runs the peer comparison once)"
    benches/compare.sh >/dev/null
fi
exec .venv/bin/python benches/python/bench_binding.py \
    --csv target/bench-data/users_20k.csv --org target/bench-data/org_5k.json "$@"
