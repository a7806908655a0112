"""DuckDB: call legs classified where they are queried, and the weekly
quality report as a SQL GROUP BY over the partial counts (R-CQ-01..03).
Runs as a test in the python suite: every assert compares against the
single-process path.

Run: python bindings/python/examples/arrow_duckdb.py   (needs duckdb, pyarrow)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

import wholesale_core as wc
from wholesale_core import arrow as wa

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AS_OF = dt.date(2026, 11, 25)

# %% The legs the CSV reader accepts, as a DuckDB table (timestamps with a zone)
read = wc.read_call_legs(SAMPLES / "call_legs.csv")
columns: Any = {
    "customer_id": [leg["customer_id"] for leg in read["legs"]],
    "start_time": [leg["start_time"] for leg in read["legs"]],
    "endpoint_type": [leg["endpoint_type"] for leg in read["legs"]],
    "ip_version": [4 if leg["ip_version"] == "v4" else 6 for leg in read["legs"]],
}
for s in ("audio", "video"):
    for m in ("jitter_ms", "latency_ms", "loss_pct"):
        columns[f"{s}_{m}"] = pa.array([None if (x := leg[s]) is None else x[m] for leg in read["legs"]], pa.float64())
source = pa.table(columns)
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
legs = con.sql("SELECT * REPLACE (start_time::TIMESTAMPTZ AS start_time, ip_version::TINYINT AS ip_version) FROM source")
table: Any = legs.arrow()
if not isinstance(table, pa.Table):  # DuckDB >= 1.4 hands a RecordBatchReader
    table = table.read_all()
print(f"{table.num_rows} legs from DuckDB")

# %% Verdicts: a DuckDB relation (a PyCapsule stream) in, pyarrow out
classified = wa.classify_legs(legs)
print(con.sql("SELECT verdict, count(*) AS legs FROM classified GROUP BY verdict ORDER BY verdict"))

# %% The weekly report: partials from the library, the sums from SQL
partials = wa.quality_partials(table)
summed = con.sql(
    "SELECT customer_id, week_start, endpoint_type, sum(legs) AS legs, "
    "sum(measured) AS measured, sum(poor) AS poor FROM partials GROUP BY ALL"
)
report = wa.quality_report(summed, AS_OF)
print(report["customers"])

# %% The same as the single-process report over the same legs
expected = wc.weekly_quality_report(read["legs"], AS_OF)
assert report == expected, "DuckDB's GROUP BY gives the single-process report"
