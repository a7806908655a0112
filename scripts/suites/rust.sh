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
# cargo verifies the CLI's package against the core's through a temporary
# local registry, and treats a registry crate as never changing: a later run
# of the same version (a changed core, still 0.2.0) would reuse the first
# run's unpacked core and its compiled library. So the verification builds in
# a target folder of its own, where our two crates' artifacts are removed
# first (the dependencies stay compiled), and the unpacked copies of our
# crates in CARGO_HOME (the `-<hash>` folders are the temporary registries;
# crates.io's folder is not touched) are removed too.
verify=target/package-verify
rm -rf target/package "$verify"/debug/.fingerprint/wholesale-* "$verify"/debug/deps/*wholesale_c* \
    "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/wholesale-core-* \
    "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/wholesale-cli-*
CARGO_TARGET_DIR=$verify cargo package --quiet --workspace --exclude wholesale-benches --exclude wholesale-typegen --allow-dirty
echo "--> no import cycle between the core's modules"
python3 scripts/module_cycles.py
