#!/usr/bin/env bash
# The Spark suite: the rules inside Spark local[2] (bindings/python/spark_tests):
# mapInArrow(classify_legs) on 2,000,000 legs, the weekly report through
# groupBy().sum(), 1,000 CSV files prechecked in one job, each equal to the
# single-process result. Idempotent: what is installed stays installed.
#
#   Java 17+             Debian's openjdk-17-jre-headless when none is found
#   target/venv-spark/   pyspark, pyarrow, pandas, pytest, numpy, kept; the
#                        wholesale-core wheel reinstalled every run
#   target/wheels/       the wheel the python suite built, reused when newer
#                        than the sources, else built here
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BINDING=$ROOT/bindings/python
VENV=$ROOT/.venv
SPARK_VENV=$ROOT/target/venv-spark
WHEELS=$ROOT/target/wheels
PYTHON=${PYTHON:-python3}
# pandas: pyspark's Arrow path imports it (and wants < 3 for full support).
SPARK_DEPS=(pyspark pyarrow "pandas<3" pytest numpy)

step() { printf '\n==> %s\n' "$*"; }

java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

step "spark: Java 17+"
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q openjdk-17-jre-headless
fi
java -version 2>&1 | head -1

step "spark: environment (target/venv-spark)"
if [ ! -x "$SPARK_VENV/bin/python" ]; then
    "$PYTHON" -m venv "$SPARK_VENV"
fi
missing=()
for dep in "${SPARK_DEPS[@]}"; do
    name=${dep%%[<>=]*}
    "$SPARK_VENV/bin/python" -m pip show -q "$name" >/dev/null 2>&1 || missing+=("$dep")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$SPARK_VENV/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
fi

step "spark: the wholesale-core wheel"
wheel=$(ls "$WHEELS"/wholesale_core-*.whl 2>/dev/null | head -1 || true)
stale=""
if [ -n "$wheel" ]; then
    stale=$(find "$BINDING/src" "$BINDING/python" "$BINDING/Cargo.toml" "$ROOT/crates/wholesale-core/src" \
        -newer "$wheel" -type f | head -1)
fi
if [ -z "$wheel" ] || [ -n "$stale" ]; then
    [ -x "$VENV/bin/maturin" ] || { "$PYTHON" -m venv "$VENV" && "$VENV/bin/python" -m pip install -q maturin; }
    rm -rf "$WHEELS"
    PYO3_PYTHON="$SPARK_VENV/bin/python" "$VENV/bin/maturin" build --quiet --release \
        -m "$BINDING/Cargo.toml" -o "$WHEELS" --interpreter "$SPARK_VENV/bin/python"
    wheel=$(ls "$WHEELS"/wholesale_core-*.whl)
fi
echo "using $(basename "$wheel")"
"$SPARK_VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"

step "spark: pytest (local[2])"
export PYSPARK_PYTHON="$SPARK_VENV/bin/python"
export PYSPARK_DRIVER_PYTHON="$SPARK_VENV/bin/python"
log="$ROOT/target/spark-pytest.log"
(cd "$BINDING" && "$SPARK_VENV/bin/python" -m pytest -q -p no:cacheprovider -W ignore::FutureWarning \
    --durations=5 spark_tests) | tee "$log"
grep -Eq '[0-9]+ passed' "$log" || { echo "pytest passed no test" >&2; exit 1; }
