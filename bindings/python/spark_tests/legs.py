"""Generated call legs as Arrow tables (numpy-vectorized, seeded), for the
Spark suite and the Spark benchmark: metrics around the R-CQ-01 thresholds,
a fifth of the streams not reported (null), every endpoint type, 10 % IPv6,
start times over the ten weeks before the report day (some exactly at a
Sunday 00:00:00 UTC), customers `c0000`..."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

import wholesale_core as wc

AS_OF = dt.date(2026, 11, 25)
METRICS = [f"{s}_{m}" for s in ("audio", "video") for m in ("jitter_ms", "latency_ms", "loss_pct")]
#: Midnight starting Sunday 2026-09-13, ten weeks before the report week ends.
ORIGIN_US = int(dt.datetime(2026, 9, 13, tzinfo=dt.timezone.utc).timestamp() * 1_000_000)
WEEK_US = 7 * 24 * 3600 * 1_000_000


def legs_table(n: int, *, seed: int = 1, customers: int = 500) -> Any:
    rng = np.random.default_rng(seed)
    scale = {"jitter_ms": 300.0, "latency_ms": 800.0, "loss_pct": 10.0}
    data: Dict[str, Any] = {
        "leg_id": pa.array(np.arange(n, dtype=np.int64)),
        "customer_id": pa.array(np.char.add("c", np.char.zfill(rng.integers(0, customers, n).astype(str), 4))),
    }
    start = ORIGIN_US + rng.integers(0, 11 * WEEK_US, n)
    on_boundary = rng.random(n) < 0.01
    start[on_boundary] = ORIGIN_US + WEEK_US * rng.integers(0, 11, int(on_boundary.sum()))
    data["start_time"] = pa.array(start, pa.timestamp("us", tz="UTC"))
    names = sorted(wc.endpoint_type_codes(), key=lambda name: wc.endpoint_type_codes()[name])
    data["endpoint_type"] = pa.DictionaryArray.from_arrays(
        pa.array(rng.integers(0, len(names), n).astype(np.int8)), pa.array(names)
    ).cast(pa.string())
    data["ip_version"] = pa.array(np.where(rng.random(n) < 0.1, 6, 4).astype(np.int32))
    for stream in ("audio", "video"):
        absent = rng.random(n) < 0.2
        for metric, top in scale.items():
            values = rng.uniform(0, top, n)
            data[f"{stream}_{metric}"] = pa.array(values, mask=absent)
    return pa.table(data)


def numpy_columns(table: Any) -> Dict[str, Any]:
    """The same legs as the numpy columns of `classify_columns`."""
    codes = wc.endpoint_type_codes()
    cols: Dict[str, Any] = {
        m: table.column(m).combine_chunks().to_numpy(zero_copy_only=False).astype(np.float64) for m in METRICS
    }
    names = table.column("endpoint_type").combine_chunks().dictionary_encode()
    lookup = np.array([codes[v.as_py()] for v in names.dictionary], dtype=np.uint8)
    cols["endpoint_type"] = lookup[names.indices.to_numpy()]
    cols["ip_version"] = table.column("ip_version").combine_chunks().to_numpy().astype(np.uint8)
    return cols
