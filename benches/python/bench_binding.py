"""Python-binding benchmarks (issue 6), every figure from one run.

1. The columnar classifier (``wholesale_core.classify_columns``) on 10 million
   legs from numpy arrays, against the best plain numpy expression of the same
   rule (R-CQ-01, R-CQ-02), both checked to give identical verdicts.
2. ``wholesale_core.check_csv`` on a 20,000-row user CSV against the
   straightforward pure-Python implementation in ``pure_csv_check.py``
   (the ``csv`` module), on the same file.

Run it with ``benches/python/run.sh`` (builds and installs the wheel first).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
import numpy.typing as npt

import wholesale_core as wc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pure_csv_check  # noqa: E402  (the pure-Python baseline next to this file)

# Endpoint codes of the core (EndpointType::code): 3 analog, 4 third_party.
ANALOG, THIRD_PARTY, IPV4 = 3, 4, 4
JITTER_MS, LATENCY_MS, LOSS_PCT = 150.0, 400.0, 5.0


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    """Best wall time in seconds over ``runs`` calls, and the last result."""
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def make_legs(n: int, seed: int = 7) -> dict[str, npt.NDArray[np.generic]]:
    rng = np.random.default_rng(seed)

    def metric(scale: float, absent: float) -> npt.NDArray[np.float64]:
        values = rng.exponential(scale, n)
        values[rng.random(n) < absent] = np.nan
        return values

    return {
        "audio_jitter_ms": metric(40.0, 0.05),
        "audio_latency_ms": metric(120.0, 0.05),
        "audio_loss_pct": metric(1.2, 0.05),
        "video_jitter_ms": metric(40.0, 0.6),
        "video_latency_ms": metric(120.0, 0.6),
        "video_loss_pct": metric(1.2, 0.6),
        "endpoint_type": rng.integers(0, 6, n, dtype=np.uint8),
        "ip_version": np.where(rng.random(n) < 0.9, 4, 6).astype(np.uint8),
    }


def numpy_expression(c: dict[str, npt.NDArray[np.generic]]) -> npt.NDArray[np.uint8]:
    """The rule as one readable numpy expression (temporaries allocated)."""
    aj, al, ap = c["audio_jitter_ms"], c["audio_latency_ms"], c["audio_loss_pct"]
    vj, vl, vp = c["video_jitter_ms"], c["video_latency_ms"], c["video_loss_pct"]
    poor = (aj > JITTER_MS) | (al > LATENCY_MS) | (ap > LOSS_PCT) | (vj > JITTER_MS) | (vl > LATENCY_MS) | (vp > LOSS_PCT)
    audio = ~(np.isnan(aj) & np.isnan(al) & np.isnan(ap))
    video = ~(np.isnan(vj) & np.isnan(vl) & np.isnan(vp))
    ep, ip = c["endpoint_type"], c["ip_version"]
    measured = (ep != ANALOG) & (ep != THIRD_PARTY) & (ip == IPV4) & (audio | video)
    return measured.astype(np.uint8) * (1 + poor.astype(np.uint8))


def numpy_in_place(c: dict[str, npt.NDArray[np.generic]]) -> npt.NDArray[np.uint8]:
    """The same rule with preallocated buffers and ``out=``: fewer temporaries."""
    n = len(c["ip_version"])
    poor = np.zeros(n, dtype=bool)
    measured = np.zeros(n, dtype=bool)
    scratch = np.empty(n, dtype=bool)
    for stream in ("audio", "video"):
        present = np.ones(n, dtype=bool)
        for metric, threshold in (("jitter_ms", JITTER_MS), ("latency_ms", LATENCY_MS), ("loss_pct", LOSS_PCT)):
            column = c[f"{stream}_{metric}"]
            np.greater(column, threshold, out=scratch)
            poor |= scratch
            np.isnan(column, out=scratch)
            present &= scratch
        np.logical_not(present, out=present)
        measured |= present
    ep, ip = c["endpoint_type"], c["ip_version"]
    np.not_equal(ep, ANALOG, out=scratch)
    measured &= scratch
    np.not_equal(ep, THIRD_PARTY, out=scratch)
    measured &= scratch
    np.equal(ip, IPV4, out=scratch)
    measured &= scratch
    out = poor.view(np.uint8) + 1
    out *= measured.view(np.uint8)
    return out


def bench_columnar(n: int, runs: int) -> list[tuple[str, float, float]]:
    columns = make_legs(n)
    ours_s, ours = best_of(runs, lambda: wc.classify_columns(**columns))
    expr_s, expr = best_of(runs, lambda: numpy_expression(columns))
    inplace_s, inplace = best_of(runs, lambda: numpy_in_place(columns))
    assert isinstance(ours, np.ndarray)
    if not (np.array_equal(ours, expr) and np.array_equal(ours, inplace)):
        raise SystemExit("the numpy baselines and the library disagree: fix the benchmark before trusting it")
    best_numpy = min(expr_s, inplace_s)
    print(f"\ncolumnar classification, {n:,} legs (best of {runs}); verdicts identical")
    print(f"  wholesale_core.classify_columns {ours_s * 1e3:9.1f} ms  {n / ours_s / 1e6:7.1f} M legs/s")
    print(f"  numpy, one expression           {expr_s * 1e3:9.1f} ms  {n / expr_s / 1e6:7.1f} M legs/s")
    print(f"  numpy, in place (out=)          {inplace_s * 1e3:9.1f} ms  {n / inplace_s / 1e6:7.1f} M legs/s")
    print(f"  speed-up over the best numpy    {best_numpy / ours_s:9.1f}x")
    return [("classify_columns vs best numpy", ours_s, best_numpy)]


def bench_csv(csv_path: Path, org_path: Path, runs: int) -> list[tuple[str, float, float]]:
    ours_s, plan = best_of(runs, lambda: wc.check_csv(csv_path, org=org_path))
    pure_s, pure = best_of(max(1, runs // 3), lambda: pure_csv_check.check_file(csv_path, org_path))
    assert isinstance(plan, wc.ImportPlan) and isinstance(pure, dict)
    rows = plan.summary["rows"]
    print(f"\ncheck_csv, {rows:,} rows ({csv_path.name}, best of {runs}; pure Python best of {max(1, runs // 3)})")
    print(f"  wholesale_core.check_csv        {ours_s * 1e3:9.1f} ms   summary {dict(plan.summary)}")
    print(f"  pure Python (csv module)        {pure_s * 1e3:9.1f} ms   summary {pure}")
    print(f"  speed-up over pure Python       {pure_s / ours_s:9.1f}x")
    return [("check_csv vs pure Python", ours_s, pure_s)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--legs", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--csv", type=Path, required=True, help="a 20,000-row user CSV")
    parser.add_argument("--org", type=Path, required=True, help="its org snapshot JSON")
    args = parser.parse_args()
    results = bench_columnar(args.legs, args.runs) + bench_csv(args.csv, args.org, args.runs)
    print("\n| comparison | wholesale_core | baseline | ratio (baseline / ours) |\n|---|---|---|---|")
    for name, ours, baseline in results:
        print(f"| {name} | {ours * 1e3:.1f} ms | {baseline * 1e3:.1f} ms | {baseline / ours:.1f}x |")
    print(f"\nbest-of-run wall times; numpy {np.__version__}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
