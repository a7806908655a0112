#!/usr/bin/env python3
"""The polars peers of the comparison (`--bin compare`): the same KPI
dashboard (R-KPI-01..05) and the same call-leg classification (R-CQ-01/02)
as wholesale-core, as polars expressions over the data the library saw.

    polars_peers.py kpi SUBSCRIPTIONS.csv RUNS
    polars_peers.py classify COLUMN_DIR RUNS
    polars_peers.py serve kpi|classify PATH    # one run per `run` line on stdin

Loading is not timed (the library is timed on data already in memory too);
each prints one JSON line: the result counts (compared with the library's)
and the best time in seconds over RUNS runs (in `serve` mode, see
peer_serve.py, one line per run).
"""
import datetime
import json
import sys
import time

import numpy as np
import polars as pl

AS_OF = datetime.date(2026, 11, 25)
WINDOW = 90


def best_of(runs, f):
    f()  # warm-up
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


def ended():
    """A subscription that has ended as of AS_OF (expired, or past its end without auto-renew)."""
    return (pl.col("status") == "expired") | (~pl.col("auto_renew") & (pl.col("end_date") < pl.lit(AS_OF)))


def headline(df):
    """The headline KPIs (R-KPI-01..05): calling and meetings, each customer once,
    low assignment against each product line's own 25th percentile."""
    as_of = pl.lit(AS_OF)
    live = (
        df.lazy()
        .filter(pl.col("product").is_in(["calling", "meetings"]) & ~ended())
        .with_columns(
            days_to_end=(pl.col("end_date") - as_of).dt.total_days(),
            ratio=pl.when(pl.col("total") > 0).then(pl.col("assigned") / pl.col("total")).otherwise(0.0),
        )
        .with_columns(
            threshold=pl.col("ratio").filter(pl.col("total") > 0).quantile(0.25, "linear").over("product"),
        )
        .collect()
    )
    in_window = pl.col("days_to_end").is_between(0, WINDOW)
    customers = lambda t: t["customer_id"].n_unique()
    return {
        "total_customers": customers(live),
        "near_expiration": customers(live.filter(in_window & ~pl.col("auto_renew"))),
        "near_renewal": customers(live.filter(in_window & pl.col("auto_renew"))),
        "low_assignment": customers(live.filter((pl.col("total") > 0) & (pl.col("ratio") < pl.col("threshold")))),
        "overage": customers(live.filter(pl.col("assigned") > pl.col("total"))),
    }


def kpi(df):
    """The dashboard of the calling product line, with its sorted tables, and
    the headline KPIs that come before it."""
    as_of = pl.lit(AS_OF)
    live = (
        df.lazy()
        .filter(
            (pl.col("product") == "calling")
            & ~ended()
        )
        .with_columns(
            days_to_end=(pl.col("end_date") - as_of).dt.total_days(),
            days_since=(as_of - pl.col("start_date")).dt.total_days(),
            ratio=pl.when(pl.col("total") > 0).then(pl.col("assigned") / pl.col("total")).otherwise(0.0),
            excess=(pl.col("assigned") - pl.col("total")).clip(lower_bound=0),
        )
        .collect()
    )
    in_window = lambda c: pl.col(c).is_between(0, WINDOW)
    threshold = live.filter(pl.col("total") > 0)["ratio"].quantile(0.25, "linear")
    tables = {
        "near_expiration": live.filter(in_window("days_to_end") & ~pl.col("auto_renew")).sort("end_date", maintain_order=True),
        "near_renewal": live.filter(in_window("days_to_end") & pl.col("auto_renew")).sort("end_date", maintain_order=True),
        "low_assignment": live.filter((pl.col("total") > 0) & (pl.col("ratio") < threshold)).sort("ratio", maintain_order=True),
        "overage": live.filter(pl.col("assigned") > pl.col("total")).sort("excess", descending=True, maintain_order=True),
        "recently_added": live.filter(in_window("days_since")).sort("start_date", descending=True, maintain_order=True),
    }
    out = {"total_customers": live["customer_id"].n_unique(), "headline": headline(df)}
    for name, t in tables.items():
        sums = t.select(
            customers=pl.col("customer_id").n_unique(),
            subscriptions=pl.len(),
            total=pl.col("total").sum(),
            assigned=pl.col("assigned").sum(),
            used=pl.col("used_last_7_days").sum(),
            excess=pl.col("excess").sum(),
        ).row(0, named=True)
        out[name] = sums["customers"]
    return out


def classify(df):
    """0 not measured, 1 good, 2 poor, per leg (default policy, "any")."""
    # polars orders NaN above every number, so `NaN > 150` is true: an absent
    # metric must be excluded explicitly (the library's rule: NaN is never over).
    def over(c, t):
        return pl.col(c).is_not_nan() & (pl.col(c) > t)

    def stream(prefix):
        j, l, p = prefix + "_jitter_ms", prefix + "_latency_ms", prefix + "_loss_pct"
        measured = ~(pl.col(j).is_nan() & pl.col(l).is_nan() & pl.col(p).is_nan())
        poor = over(j, 150.0) | over(l, 400.0) | over(p, 5.0)
        return measured, poor

    a_measured, a_poor = stream("audio")
    v_measured, v_poor = stream("video")
    eligible = (pl.col("endpoint_type") != 3) & (pl.col("endpoint_type") != 4) & (pl.col("ip_version") == 4)
    verdict = (
        pl.when(eligible & (a_measured | v_measured))
        .then(pl.when(a_poor | v_poor).then(pl.lit(2, pl.UInt8)).otherwise(pl.lit(1, pl.UInt8)))
        .otherwise(pl.lit(0, pl.UInt8))
    )
    out = df.select(verdict=verdict)["verdict"]
    counts = out.value_counts()
    by = dict(zip(counts["verdict"].to_list(), counts["count"].to_list()))
    return {"not_measured": by.get(0, 0), "good": by.get(1, 0), "poor": by.get(2, 0)}


def workload(what, path):
    """The data loaded (not timed) and the function to time."""
    if what == "kpi":
        df = pl.read_csv(path, try_parse_dates=True)
        return lambda: kpi(df)
    if what == "classify":
        cols = {}
        for name in ["audio_jitter_ms", "audio_latency_ms", "audio_loss_pct",
                     "video_jitter_ms", "video_latency_ms", "video_loss_pct"]:
            cols[name] = np.fromfile(f"{path}/{name}.bin", dtype="<f8")
        for name in ["endpoint_type", "ip_version"]:
            cols[name] = np.fromfile(f"{path}/{name}.bin", dtype="u1")
        df = pl.DataFrame(cols)
        return lambda: classify(df)
    raise SystemExit(f"unknown workload {what}")


def main(argv):
    if argv[1] == "serve":
        from peer_serve import serve
        run = workload(argv[2], argv[3])
        serve(lambda: {**run(), "threads": pl.thread_pool_size()})
        return
    what, path, runs = argv[1], argv[2], int(argv[3])
    seconds, result = best_of(runs, workload(what, path))
    print(json.dumps({"result": result, "seconds": seconds, "threads": pl.thread_pool_size()}))


if __name__ == "__main__":
    main(sys.argv)
