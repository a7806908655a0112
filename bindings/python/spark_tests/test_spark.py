"""The rules inside Spark (local[2]): mapInArrow(classify_legs) on 2,000,000
legs, the weekly report (R-CQ-03) through Spark's groupBy().sum(), and 1,000
CSV files prechecked in one job, each equal to the single-process result."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, Iterator, List

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

import wholesale_core as wc
from wholesale_core import arrow as wa
from legs import AS_OF, METRICS, legs_table, numpy_columns

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
NAMES = {wc.VERDICT_NOT_MEASURED: "not_measured", wc.VERDICT_GOOD: "good", wc.VERDICT_POOR: "poor"}


PARTIALS = StructType(
    [
        StructField("customer_id", StringType(), False),
        StructField("week_start", TimestampType(), False),
        StructField("endpoint_type", StringType(), False),
        StructField("legs", LongType(), False),
        StructField("measured", LongType(), False),
        StructField("poor", LongType(), False),
    ]
)


def test_r_cq_01_map_in_arrow_classifies_2_000_000_legs_as_the_single_process(spark: SparkSession, tmp_path: Path) -> None:
    # Nested, so that Spark pickles the function itself: the workers cannot
    # import this test module.
    def classify(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield wa.classify_legs(batch)

    table = legs_table(2_000_000, seed=11)
    pq.write_table(table, tmp_path / "legs.parquet", row_group_size=250_000)
    df = spark.read.parquet(str(tmp_path / "legs.parquet"))
    schema = StructType([*df.schema.fields, StructField("verdict", StringType(), False)])
    out = df.mapInArrow(classify, schema).select("leg_id", "verdict").toArrow().sort_by("leg_id")
    assert out.num_rows == 2_000_000
    cols = numpy_columns(table)
    codes = wc.classify_columns(*(cols[m] for m in METRICS), cols["endpoint_type"], cols["ip_version"])
    expected = np.array([NAMES[c] for c in range(3)], dtype=object)[codes]
    got = out.column("verdict").to_numpy(zero_copy_only=False)
    assert (got == expected).all()
    assert set(np.unique(got)) == {"good", "poor", "not_measured"}


def as_leg_dicts(table: Any) -> List[Any]:
    """The legs as the dicts of `weekly_quality_report` (a null stream: None)."""
    legs = []
    for row in table.to_pylist():
        streams = {
            s: None
            if row[f"{s}_jitter_ms"] is None
            else {m: row[f"{s}_{m}"] for m in ("jitter_ms", "latency_ms", "loss_pct")}
            for s in ("audio", "video")
        }
        legs.append(
            {
                "customer_id": row["customer_id"],
                "leg_id": str(row["leg_id"]),
                "start_time": row["start_time"].isoformat(),
                "endpoint_type": row["endpoint_type"],
                "ip_version": "v4" if row["ip_version"] == 4 else "v6",
                **streams,
            }
        )
    return legs


def test_r_cq_03_partials_summed_by_spark_group_by_give_the_single_process_report(spark: SparkSession) -> None:
    def partials(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield wa.quality_partials(batch)

    table = legs_table(100_000, seed=12, customers=40)
    expected = wc.weekly_quality_report(as_leg_dicts(table), AS_OF)
    df = spark.createDataFrame(table).repartition(8)
    keys = list(wa.QUALITY_PARTIAL_KEYS)
    summed = (
        df.mapInArrow(partials, PARTIALS)
        .groupBy(*keys)
        .agg(*(F.sum(c).alias(c) for c in wa.QUALITY_PARTIAL_SUMS))
        .toArrow()
    )
    assert summed.num_rows == len(set(zip(*(summed.column(k).to_pylist() for k in keys))))
    assert wa.quality_report(summed, AS_OF) == expected
    assert len(expected["customers"]) == 40 and all(w["legs"] for w in expected["trend"])


def csv_files(count: int) -> List[bytes]:
    """`count` user CSVs: row subsets of the sample, some with a bad cell,
    some truncated, a few not CSV at all."""
    header, *rows = (SAMPLES / "users.csv").read_bytes().split(b"\n")
    rng = random.Random(13)
    files = []
    for i in range(count):
        picked = rng.sample([r for r in rows if r], rng.randint(1, 8))
        body = header + b"\n" + b"\n".join(picked) + b"\n"
        if i % 7 == 0:
            body = body.replace(b"TRUE", b"sure", 1)
        if i % 11 == 0:
            body = body[: len(body) // 2]
        if i % 97 == 0:
            body = b"\xff\xfe\x00 binary"
        files.append(body)
    return files


PROBLEM = StructType(
    [
        StructField("code", StringType(), False),
        StructField("rule", StringType()),
        StructField("severity", StringType()),
        StructField("field", StringType()),
        StructField("line", LongType()),
        StructField("message", StringType(), False),
    ]
)


def test_r_csv_20_1000_csv_files_prechecked_in_one_job_equal_check_csv(spark: SparkSession) -> None:
    files = csv_files(1_000)
    org = (SAMPLES / "org.json").read_text()
    table = pa.table(
        {
            "customer": [f"c{i:04d}" for i in range(len(files))],
            "data": pa.array(files, pa.binary()),
            "org": [org if i % 3 else None for i in range(len(files))],
        }
    )
    fields = [StructField("customer", StringType())]
    for name in wa.CSV_FILE_CHECK_COLUMNS:
        kind = {"has_rejections": BooleanType(), "problems": ArrayType(PROBLEM)}.get(name, LongType())
        fields.append(StructField(name, kind))

    def check(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield wa.check_csv_files(batch, org_column="org")

    df = spark.createDataFrame(table).repartition(6)
    got = {r["customer"]: r for r in df.mapInArrow(check, StructType(fields)).toArrow().to_pylist()}
    assert len(got) == len(files)
    rejected = 0
    for i, data in enumerate(files):
        plan = wc.check_csv(data, org_text=org if i % 3 else None)
        row = got[f"c{i:04d}"]
        assert {k: row[k] for k in plan.summary} == plan.summary
        assert row["has_rejections"] == plan.has_rejections
        problems = [*plan.file_errors, *plan.file_warnings, *(p for r in plan.rows for p in (*r["errors"], *r["warnings"]))]
        assert row["problems"] == problems
        rejected += plan.has_rejections
    assert 0 < rejected < len(files)
