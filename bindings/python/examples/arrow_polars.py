"""polars: call legs classified in a DataFrame, the weekly quality report as
a polars group_by over the partial counts (R-CQ-01..03), and an import plan
as a DataFrame. Runs as a test in the python suite.

Run: python bindings/python/examples/arrow_polars.py   (needs polars, pyarrow)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

import wholesale_core as wc
from wholesale_core import arrow as wa

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AS_OF = dt.date(2026, 11, 25)

# %% The sample legs as a polars DataFrame (only the rows the reader accepts)
read = wc.read_call_legs(SAMPLES / "call_legs.csv")
frame = pl.DataFrame(
    {
        "customer_id": [leg["customer_id"] for leg in read["legs"]],
        "start_time": [leg["start_time"] for leg in read["legs"]],
        "endpoint_type": [leg["endpoint_type"] for leg in read["legs"]],
        "ip_version": [4 if leg["ip_version"] == "v4" else 6 for leg in read["legs"]],
        **{
            f"{s}_{m}": [None if (x := leg[s]) is None else x[m] for leg in read["legs"]]
            for s in ("audio", "video")
            for m in ("jitter_ms", "latency_ms", "loss_pct")
        },
    },
    schema_overrides={"ip_version": pl.Int8},
).with_columns(pl.col("start_time").str.to_datetime(time_zone="UTC"), pl.col("endpoint_type").cast(pl.Categorical))

# %% Verdicts: a polars DataFrame in, a polars DataFrame out
classified = wa.classify_legs(frame)
assert isinstance(classified, pl.DataFrame)
print(classified.group_by("verdict").len().sort("verdict"))
first = wc.classify_leg(read["legs"][0])
assert classified["verdict"][0] == first["verdict"]

# %% The weekly report: partials per slice, summed by polars
parts = pl.concat([wa.quality_partials(chunk) for chunk in frame.iter_slices(100)])
summed = parts.group_by(list(wa.QUALITY_PARTIAL_KEYS)).agg(pl.col(list(wa.QUALITY_PARTIAL_SUMS)).sum())
report = wa.quality_report(summed, AS_OF)
expected = wc.weekly_quality_report(read["legs"], AS_OF)
assert report == expected, "polars' group_by gives the single-process report"
print(pl.DataFrame(report["customers"]))

# %% An import plan's rows as a DataFrame (lists of ids and of problems kept)
plan = wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json")
rows = pl.DataFrame(plan.to_arrow())
print(rows.select("line", "email", "action", "package").head())
assert rows.height == plan.summary["rows"]
