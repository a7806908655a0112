#!/usr/bin/env bash
# The WebAssembly suite: installs what it needs (idempotently), builds the
# binding for Node and the web, and runs its tests: native unit tests of the
# binding crate, `node --test` (API, hostile inputs, panic wrapper, shared
# vectors, headless Chromium page test), and `tsc --noEmit` of the examples.
# Works on a fresh Debian machine with Rust (rustup stable), Node 20 and npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WASM="$ROOT/bindings/wasm"
# Tools built from source (minutes each) live in a per-user cache, so a fresh
# clone on the same machine (CI) reuses them; override with WHOLESALE_TOOLS_DIR.
TOOLS="${WHOLESALE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/wholesale-core/tools}"

step() { printf '\n==> wasm: %s\n' "$*"; }

# --- toolchain ---------------------------------------------------------------
# Debian's rustc-web (with std sources for -Z build-std) builds wasm32 without
# rustup targets; lld links it; chromium runs the page test.
APT_PACKAGES=(rustc-web cargo-web rust-web-src lld-22 chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in
# Cargo.lock. Installed with the machine's default (stable) cargo into $TOOLS;
# no --locked: one of its locked dependencies is not on the registry.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$WASM/Cargo.lock")
[ -n "$want" ] || { echo "wasm: no wasm-bindgen version in Cargo.lock" >&2; exit 1; }
have=$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
    step "cargo install wasm-bindgen-cli $want into $TOOLS (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS" --force
fi
export WASM_BINDGEN="$TOOLS/bin/wasm-bindgen"

# npm packages (typescript, playwright-core): only when node_modules is
# missing or older than the lockfile.
cd "$WASM"
stamp=node_modules/.wholesale-lock.sha256
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    step "npm ci"
    npm ci --no-audit --no-fund
    echo "$lock_hash" > "$stamp"
fi

# --- build and test ----------------------------------------------------------
step "native unit tests and clippy of the binding crate"
# cargo's build folders live in a per-user cache (as the tools above), so a
# fresh clone rebuilds only our crates, not std and the dependencies
# (WHOLESALE_BUILD_CACHE moves the cache's root; delete it for a cold build).
BUILD_CACHE=${WHOLESALE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wholesale-core}/cargo-wasm
mkdir -p "$BUILD_CACHE"
export WASM_TARGET_DIR="$BUILD_CACHE/wasm32"
( export CARGO_TARGET_DIR="$BUILD_CACHE/host"
  cargo fmt -- --check
  cargo clippy --all-targets -- -D warnings
  cargo test )

step "build (wasm32, wasm-bindgen --target nodejs and --target web)"
./build.sh

step "node --test"
node --test tests/

step "tsc --noEmit (strict) over examples/"
npx --no-install tsc --noEmit -p tsconfig.json

step "passed (screenshot: bindings/wasm/test-output/browser.png)"
