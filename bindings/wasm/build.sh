#!/usr/bin/env bash
# Builds the wasm module and the wasm-bindgen glue for Node (pkg/node) and the
# web (pkg/web). Needs the toolchain that scripts/suites/wasm.sh installs:
# Debian rustc-web + rust-web-src (std sources for build-std), and
# wasm-bindgen-cli at the exact version of Cargo.lock in $WASM_BINDGEN
# (default: <repo>/.tools/bin/wasm-bindgen). WASM_RUSTUP=1 builds with the
# rustup toolchain on PATH and its prebuilt wasm32 std instead (hosted CI:
# `rustup target add wasm32-unknown-unknown`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
bindgen="${WASM_BINDGEN:-$repo/.tools/bin/wasm-bindgen}"
# WASM_TARGET_DIR: the test suite keeps the build (std included) in a per-user cache.
export CARGO_TARGET_DIR="${WASM_TARGET_DIR:-$here/target/wasm}"
if [ "${WASM_RUSTUP:-}" = 1 ]; then
  cargo build --release --lib --target wasm32-unknown-unknown
else
  # Debian's rustc-web (1.96, with std sources) first; build-std needs nightly
  # flags, which RUSTC_BOOTSTRAP enables on this stable compiler.
  PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release --lib \
    --target wasm32-unknown-unknown -Z build-std=std,panic_abort
fi
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/wholesale_core_wasm.wasm"
rm -rf pkg/node pkg/web
# The name section (function names for stack traces) is 45% of the module;
# panics are still reported with their message (see js/wrap.js).
# The reset-state function re-instantiates the module in place after a trap
# (ts/wrap.ts), so one statically imported glue module serves: a bundler can
# follow it. --weak-refs frees a plan (checkCsv's PlanHandle) when JS
# collects it (FinalizationRegistry), so callers need not call free().
flags=(--weak-refs --remove-name-section --remove-producers-section --experimental-reset-state-function)
"$bindgen" --target nodejs "${flags[@]}" --out-dir pkg/node "$wasm"
"$bindgen" --target web "${flags[@]}" --out-dir pkg/web "$wasm"
# The nodejs glue is CommonJS inside a "type": "module" package.
echo '{ "type": "commonjs" }' > pkg/node/package.json
# The raw wasm exports (the web glue's InitOutput, *_bg.wasm.d.ts) declare
# externref parameters as `any`; the shipped declarations must have none.
sed -i -E 's/(:|<|\|) *any\b/\1 unknown/g' pkg/*/*.d.ts
# A class's `[Symbol.dispose]` needs lib esnext.disposable in every consumer's
# tsconfig (ES2022 has none); the method stays in the JS, `free()` is declared.
sed -i -E '/^ *\[Symbol\.dispose\]\(\): void;$/d' pkg/*/*.d.ts
# The entry points (ts/) compiled to js/ with their declarations.
npx --no-install tsc -p tsconfig.build.json
# No wasm-opt: Debian bookworm's binaryen 108 is older than the reference-types
# output of wasm-bindgen 0.2.130; -Oz gives 102 KB but the module then fails
# at instantiation (externref table retyped), so the size is measured raw.
size=$(stat -c %s pkg/node/wholesale_core_wasm_bg.wasm)
gz=$(gzip -9 -c pkg/node/wholesale_core_wasm_bg.wasm | wc -c)
echo "wasm size: $size bytes ($gz bytes gzip -9)"
node www/build.mjs
