#!/usr/bin/env bash
# The Python suite: builds the wheel, installs it into a FRESH virtual
# environment and runs pytest and `mypy --strict` against the installed
# package, then lints the binding crate. Idempotent and quick on a second
# run: tools and test dependencies are installed once.
#
#   .venv/               tools (maturin, pytest, mypy, numpy), kept
#   target/wheelhouse/   wheels of the test dependencies, kept (offline reinstall)
#   target/wheels/       the built wholesale-core wheel, rebuilt
#   target/venv-test/    the fresh environment the suite runs in, recreated
#   target/sdist/        the sdist, rebuilt; target/venv-sdist/ its environment
#   $BUILD_CACHE/        cargo's build folders for the binding crate (lint,
#                        wheel) and the sdist install, per user like the wasm
#                        suite's tools: a fresh clone rebuilds only our crates,
#                        not pyo3 and the Arrow crates (WHOLESALE_BUILD_CACHE
#                        moves the cache's root; delete it to time a cold build)
#
# Needs Rust, Python >= 3.9 with venv and pip, and PyPI/crates.io access on
# the first run. `PYTHON=python3.12 scripts/suites/python.sh` picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BINDING=$ROOT/bindings/python
VENV=$ROOT/.venv
TEST_VENV=$ROOT/target/venv-test
WHEELS=$ROOT/target/wheels
WHEELHOUSE=$ROOT/target/wheelhouse
PYTHON=${PYTHON:-python3}
# polars: the DataFrame example and test (typed, one wheel, no further dependencies).
TEST_DEPS=(pytest numpy polars pyarrow duckdb)
BUILD_CACHE=${WHOLESALE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wholesale-core}/cargo-python
mkdir -p "$BUILD_CACHE"

step() { printf '\n==> %s\n' "$*"; }

step "python: tool environment (.venv)"
if [ ! -x "$VENV/bin/python" ]; then
    # Debian's python3 may lack ensurepip (python3-venv): then create the
    # environment without pip and bootstrap pip into it with the system pip.
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        "$PYTHON" -m venv --without-pip "$VENV"
        "$PYTHON" -m pip --python "$VENV/bin/python" install -q --disable-pip-version-check pip
    fi
fi
missing=()
# ziglang: the linker of the manylinux2014 wheel (maturin runs `python -m
# ziglang` from PATH); auditwheel: the check of the wheel's platform tag.
for tool in maturin pytest mypy numpy ziglang auditwheel; do
    "$VENV/bin/python" -m pip show -q "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
fi
mkdir -p "$WHEELHOUSE"
# maturin: the build backend pip installs to build the sdist, offline.
for dep in "${TEST_DEPS[@]}" maturin; do
    if ! compgen -G "$WHEELHOUSE/${dep}-*.whl" >/dev/null; then
        "$VENV/bin/python" -m pip download -q --disable-pip-version-check -d "$WHEELHOUSE" "$dep"
    fi
done
export PYO3_PYTHON="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"

step "python: cargo fmt --check, clippy -D warnings (binding crate)"
cargo fmt --manifest-path "$BINDING/Cargo.toml" -- --check
CARGO_TARGET_DIR="$BUILD_CACHE/binding" \
    cargo clippy -q --manifest-path "$BINDING/Cargo.toml" --all-targets -- -D warnings

step "python: build the portable wheel (manylinux2014, abi3, zig)"
# The wheel tested here is the shipped one but for cross-crate optimization:
# thin LTO over 16 codegen units instead of the release profile's fat LTO
# over one, which spends minutes inlining the Arrow crates on one core; the
# results are the same, only the speed differs (docs/benchmarks.md measures
# the shipped settings). WHEEL_LTO=fat builds exactly what is shipped.
rm -rf "$WHEELS"
if [ "${WHEEL_LTO:-thin}" = fat ]; then
    unset CARGO_PROFILE_RELEASE_LTO CARGO_PROFILE_RELEASE_CODEGEN_UNITS
else
    export CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
fi
CARGO_TARGET_DIR="$BUILD_CACHE/binding" \
    "$VENV/bin/maturin" build --quiet --release --zig --compatibility manylinux2014 \
    -m "$BINDING/Cargo.toml" -o "$WHEELS" --interpreter "$VENV/bin/python"
wheel=$(ls "$WHEELS"/wholesale_core-*.whl)
arch=$(uname -m)
case "$(basename "$wheel")" in
    *-cp39-abi3-manylinux2014_"$arch".*) ;;
    *) echo "not a manylinux2014 abi3 wheel: $(basename "$wheel")" >&2; exit 1 ;;
esac
# auditwheel reads the symbols the module links against: glibc 2.17 at most.
"$VENV/bin/auditwheel" show "$wheel" | tee "$ROOT/target/auditwheel.txt"
tr -s ' \n' ' ' <"$ROOT/target/auditwheel.txt" \
    | grep -q "consistent with the following platform tag: \"manylinux_2_17_$arch\"" \
    || { echo "auditwheel: the wheel is not manylinux_2_17_$arch" >&2; exit 1; }
echo "built $(basename "$wheel") ($(stat -c %s "$wheel") bytes, ${WHEEL_LTO:-thin} LTO)"
unset CARGO_PROFILE_RELEASE_LTO CARGO_PROFILE_RELEASE_CODEGEN_UNITS

step "python: install the wheel into a fresh environment"
rm -rf "$TEST_VENV"
"$PYTHON" -m venv --without-pip "$TEST_VENV"
"$VENV/bin/python" -m pip --python "$TEST_VENV/bin/python" install -q \
    --disable-pip-version-check --no-index --find-links "$WHEELHOUSE" \
    "$wheel" "${TEST_DEPS[@]}"
"$TEST_VENV/bin/python" - <<'PY'
import sys, wholesale_core
assert wholesale_core.__file__.startswith(sys.prefix), wholesale_core.__file__
print("imports", wholesale_core.__version__, "from", wholesale_core.__file__)
PY

step "python: the core registry for the registry test"
mkdir -p "$ROOT/target"
cargo run -q -p wholesale-cli -- codes --format json >"$ROOT/target/codes.json"
export WHOLESALE_CODES_JSON="$ROOT/target/codes.json"
export WHOLESALE_REPO_ROOT="$ROOT"

step "python: pytest (installed wheel)"
# Exit status 5 (no test collected) fails the suite like any failure (pipefail).
# `bin/pytest`, not `python -m pytest`, keeps the working directory off sys.path;
# WHOLESALE_EXPECT_INSTALLED makes conftest.py check the wheel is what runs.
# A run where nothing passed (all skipped) fails too.
log="$ROOT/target/python-pytest.log"
(cd "$BINDING" && WHOLESALE_EXPECT_INSTALLED=1 "$TEST_VENV/bin/pytest" -q -p no:cacheprovider tests) \
    | tee "$log"
if ! grep -Eq '[0-9]+ passed' "$log"; then
    echo "pytest passed no test" >&2
    exit 1
fi

step "python: mypy --strict (tests and examples, against the installed stubs)"
"$VENV/bin/mypy" --strict --no-incremental --python-executable "$TEST_VENV/bin/python" \
    "$BINDING/tests" "$BINDING/examples"

step "python: examples run"
for example in "$BINDING"/examples/*.py; do
    "$TEST_VENV/bin/python" "$example" >/dev/null
done

step "python: the sdist builds from source and installs into a fresh environment"
# A build as pip runs it, but unoptimized: this checks that the sdist holds
# everything needed to compile and that the result works, not its speed (the
# wheel above is what is shipped and measured); optimizing the Arrow crates
# again would double the suite's build time.
SDIST=$ROOT/target/sdist
SDIST_VENV=$ROOT/target/venv-sdist
rm -rf "$SDIST" "$SDIST_VENV"
"$VENV/bin/maturin" sdist -m "$BINDING/Cargo.toml" -o "$SDIST" >/dev/null
sdist=$(ls "$SDIST"/wholesale_core-*.tar.gz)
echo "built $(basename "$sdist") ($(stat -c %s "$sdist") bytes)"
"$PYTHON" -m venv --without-pip "$SDIST_VENV"
CARGO_TARGET_DIR="$BUILD_CACHE/sdist" CARGO_PROFILE_RELEASE_LTO=off \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_OPT_LEVEL=0 \
    "$VENV/bin/python" -m pip --python "$SDIST_VENV/bin/python" install -q \
    --disable-pip-version-check --no-cache-dir --no-index --find-links "$WHEELHOUSE" \
    "$sdist" "${TEST_DEPS[@]}"
# The shared vectors and the README's examples, against the wheel pip built.
(cd "$BINDING" && WHOLESALE_EXPECT_INSTALLED=1 "$SDIST_VENV/bin/pytest" -q -p no:cacheprovider \
    tests/test_vectors.py tests/test_readme.py)
