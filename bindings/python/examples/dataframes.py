"""Notebook-style tour: a CSV import plan as a polars DataFrame, and call legs
classified from numpy arrays. Each `# %%` cell runs on its own in Jupyter or
VS Code; as a script it runs top to bottom.

Run: python bindings/python/examples/dataframes.py   (needs polars and numpy)
"""

# %% Setup
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import numpy as np
import polars as pl

import wholesale_core as wc

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AS_OF = dt.date(2026, 11, 25)

# %% Check the user CSV against the org snapshot (R-CSV-01..20)
plan = wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json")
print(plan)
print(plan.summary)

# %% One row per CSV line: filter, group, export like any DataFrame
rows = pl.DataFrame(plan.to_dicts())
print(rows.select("line", "email", "action", "package", "error_codes"))
print(rows.group_by("action").len().sort("action"))
rejected = rows.filter(pl.col("action") == "rejected").select("line", "email", "error_codes", "message")
print(rejected)

# %% Call legs from the CSV reader into numpy columns
legs = wc.read_call_legs(SAMPLES / "call_legs.csv")
print(f"{len(legs['legs'])} legs read, {len(legs['rejected'])} rows rejected")
codes = wc.endpoint_type_codes()
nan = float("nan")


Stream = Literal["audio", "video"]
Metric = Literal["jitter_ms", "latency_ms", "loss_pct"]


def metric(stream: Stream, name: Metric) -> np.ndarray:
    values = [m[name] if (m := leg[stream]) is not None else nan for leg in legs["legs"]]
    return np.array(values, dtype=np.float64)


columns = {
    f"{stream}_{name}": metric(stream, name)
    for stream in ("audio", "video")
    for name in ("jitter_ms", "latency_ms", "loss_pct")
}
endpoint = np.array([codes[leg["endpoint_type"]] for leg in legs["legs"]], dtype=np.uint8)
ip = np.array([4 if leg["ip_version"] == "v4" else 6 for leg in legs["legs"]], dtype=np.uint8)

# %% Classify every leg at once (zero copy, GIL released)
verdicts = wc.classify_columns(
    columns["audio_jitter_ms"], columns["audio_latency_ms"], columns["audio_loss_pct"],
    columns["video_jitter_ms"], columns["video_latency_ms"], columns["video_loss_pct"],
    endpoint, ip,
)
names = {wc.VERDICT_NOT_MEASURED: "not_measured", wc.VERDICT_GOOD: "good", wc.VERDICT_POOR: "poor"}
frame = pl.DataFrame(
    {
        "customer_id": [leg["customer_id"] for leg in legs["legs"]],
        "endpoint_type": [leg["endpoint_type"] for leg in legs["legs"]],
        "verdict": [names[int(v)] for v in verdicts],
    }
)
print(frame.group_by("verdict").len().sort("verdict"))

# %% The same verdicts, one leg at a time (the shared threshold rule)
first = wc.classify_leg(legs["legs"][0])
assert names[int(verdicts[0])] == first["verdict"]

# %% Weekly report and KPIs as plain dicts
report = wc.weekly_quality_report(SAMPLES / "call_legs.csv", AS_OF)
print(pl.DataFrame(report["customers"]))
subscriptions = next((SAMPLES / "reports").glob("Subscription Details_*.csv"))
kpis = wc.kpi_dashboard(subscriptions, "calling", AS_OF)
print("customers with calling:", kpis["total_customers"])
