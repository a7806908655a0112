#!/usr/bin/env bash
# Fuzz smoke runs: every cargo-fuzz target for FUZZ_SECONDS (default 20),
# starting from its seed corpus. Any crash fails the suite; libFuzzer keeps the
# crashing input under fuzz/artifacts/<target>/ for a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
seconds=${FUZZ_SECONDS:-20}

# Per-user tool cache shared by fresh clones on the same machine (as the wasm
# suite's); override with WHOLESALE_TOOLS_DIR.
tools="${WHOLESALE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/wholesale-core/tools}/cargo-fuzz"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
    echo "--> installing cargo-fuzz into $tools (once)"
    cargo install --quiet cargo-fuzz --root "$tools"
fi
export PATH="$tools/bin:$PATH"

# cargo-fuzz needs nightly flags; the machine's stable toolchain ships the
# AddressSanitizer runtime and accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
cd fuzz
targets=$(cargo fuzz list)
echo "--> building $(echo "$targets" | wc -w) fuzz targets"
cargo fuzz build
for target in $targets; do
    corpus="corpus/$target"
    mkdir -p "$corpus"
    echo "--> fuzz $target for ${seconds}s"
    log="$ROOT/target/fuzz-$target.log"
    mkdir -p "$ROOT/target"
    dict=()
    [ -f "dict/$target.dict" ] && dict=(-dict="dict/$target.dict")
    # -max_len: room for a realistic CSV; the 20,001-row and 2 MiB inputs are
    # covered by tests/bad_inputs instead (fuzzing them would be too slow).
    if ! cargo fuzz run "$target" "$corpus" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
        -print_final_stats=1 "${dict[@]}" >"$log" 2>&1; then
        tail -40 "$log" >&2
        echo "fuzz target $target crashed (log: $log; input under fuzz/artifacts/$target/)" >&2
        exit 1
    fi
    grep -E '^(Done|stat::number_of_executed_units)' "$log" || true
done
