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
# cargo's build folder in a per-user cache (as the tool), so a fresh clone
# rebuilds only our crates with the sanitizer, not every dependency
# (WHOLESALE_BUILD_CACHE moves the cache's root; delete it for a cold build).
build_dir=${WHOLESALE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wholesale-core}/cargo-fuzz
mkdir -p "$build_dir"
targets=$(cargo fuzz list)
echo "--> building $(echo "$targets" | wc -w) fuzz targets"
cargo fuzz build --target-dir "$build_dir"
# One target per core at a time: each fuzzer is single-threaded, so running
# them side by side gives every target the same executions in less wall time.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

fuzz_target() {
    local target=$1 corpus="corpus/$1" log="$ROOT/target/fuzz-$1.log" dict=() rc=0
    mkdir -p "$corpus"
    [ -f "dict/$target.dict" ] && dict=(-dict="dict/$target.dict")
    # -max_len: room for a realistic CSV; the 20,001-row and 2 MiB inputs are
    # covered by tests/bad_inputs instead (fuzzing them would be too slow).
    cargo fuzz run --target-dir "$build_dir" "$target" "$corpus" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
        -print_final_stats=1 "${dict[@]}" >"$log" 2>&1 || rc=$?
    echo "$rc" >"$ROOT/target/fuzz-$target.rc"
}

mkdir -p "$ROOT/target"
running=()
failed=()
# Reports the targets whose status file is written and keeps the others.
collect() {
    local still=() target
    for target in "${running[@]}"; do
        local rc_file="$ROOT/target/fuzz-$target.rc"
        if [ -f "$rc_file" ]; then
            echo "--> fuzz $target for ${seconds}s: exit $(cat "$rc_file"), " \
                "$(grep -E '^stat::number_of_executed_units' "$ROOT/target/fuzz-$target.log" || echo 'no stats')"
            [ "$(cat "$rc_file")" = 0 ] || failed+=("$target")
        else
            still+=("$target")
        fi
    done
    running=("${still[@]}")
}
for target in $targets; do
    rm -f "$ROOT/target/fuzz-$target.rc"
    while [ ${#running[@]} -ge "$jobs" ]; do
        wait -n || true
        collect
    done
    fuzz_target "$target" &
    running+=("$target")
done
wait
collect
for target in "${failed[@]}"; do
    tail -40 "$ROOT/target/fuzz-$target.log" >&2
    echo "fuzz target $target crashed (log: target/fuzz-$target.log; input under fuzz/artifacts/$target/)" >&2
done
[ ${#failed[@]} -eq 0 ] && [ ${#running[@]} -eq 0 ]
