#!/usr/bin/env bash
# Rust: format, lints, every test (unit, integration, doctests, shared vectors).
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "--> cargo fmt --check"
cargo fmt --all -- --check
echo "--> cargo clippy --all-targets -- -D warnings (and with the schema feature)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p wholesale-core --all-targets --features schema -- -D warnings
echo "--> cargo test --workspace"
cargo test --workspace
echo "--> wholesale-core depends on no binding crate"
if cargo tree -p wholesale-core -e normal --prefix none | grep -Eq '^(pyo3|wasm-bindgen|numpy)'; then
    echo "wholesale-core must not depend on pyo3, numpy or wasm-bindgen" >&2
    exit 1
fi
echo "--> cargo package: the crates package and their packages build (nothing is published)"
cargo package --quiet --workspace --exclude wholesale-benches --exclude wholesale-typegen --allow-dirty
echo "--> no import cycle between the core's modules"
python3 scripts/module_cycles.py
