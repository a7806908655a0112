#!/usr/bin/env bash
# The Arrow/Spark benchmark: prints two ratios from one run (see bench.py).
#   benches/spark/run.sh [SPARK_LEGS] [SINGLE_LEGS]    defaults 20000000 10000000,
#   or the same as environment variables (SPARK_LEGS=4000000 benches/spark/run.sh)
# Uses the Spark suite's environment (target/venv-spark, wheel installed):
# run ./scripts/suites/spark.sh once first.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-target/venv-spark/bin/python}
export PYSPARK_PYTHON=$PWD/$PY
exec "$PY" -W ignore::FutureWarning benches/spark/bench.py "$@"
