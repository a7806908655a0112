"""The Arrow benchmark (issue 16): two ratios from one run.

1. Spark local[2]: N legs (default 20,000,000) classified by
   mapInArrow(wholesale_core.arrow.classify_legs) against the same rule
   (R-CQ-01, R-CQ-02, default policy) written as Spark SQL column
   expressions; ratio = SQL time / library time (>= 1: the library is at
   least as fast). Both count the verdicts, and the counts must agree.
   Also timed: a mapInArrow function that returns a string column of the
   same length without applying any rule (what Spark's Python exchange
   costs by itself).
2. Single process: M legs (default 10,000,000) through the Arrow path
   (classify_legs on a pyarrow table, verdict as dictionary and as string)
   against the numpy path (classify_columns); ratio = Arrow time / numpy
   time (target <= 1.2), with the endpoint types and IP versions as wide as
   numpy's (one byte a leg) and as pyarrow's defaults (int32). Best of
   SINGLE_ROUNDS (5) rounds, the paths taken in turn in each.

Run: benches/spark/run.sh [N] [M] (or SPARK_LEGS=N SINGLE_LEGS=M; the
arguments win). SPARK_BATCH_ROWS sets Spark's Arrow batch size
(spark.sql.execution.arrow.maxRecordsPerBatch, Spark's default 10,000).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "spark_tests"))

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

import wholesale_core as wc
from wholesale_core import arrow as wa
from legs import METRICS, legs_table, numpy_columns


def best(f: Callable[[], Any], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def spark_ratio(n: int, batch_rows: int = 10_000) -> None:
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    tmp = Path(tempfile.mkdtemp(prefix="wholesale-bench-"))
    chunk = 2_000_000
    for i in range(0, n, chunk):
        pq.write_table(legs_table(min(chunk, n - i), seed=100 + i), tmp / f"legs-{i:09d}.parquet")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.parquet(str(tmp))
    cols = ["endpoint_type", "ip_version", *METRICS]
    df = df.select(*cols)

    def classify(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield wa.classify_legs(batch).select(["verdict"])

    def library() -> Dict[str, int]:
        out = df.mapInArrow(classify, StructType([StructField("verdict", StringType(), False)]))
        return {r["verdict"]: r["count"] for r in out.groupBy("verdict").count().collect()}

    def same_size(batches: Iterator[Any]) -> Iterator[Any]:
        # Spark's cost alone: the same columns in and a string column of the
        # same length out, no rule applied.
        for batch in batches:
            yield pa.record_batch([batch.column("endpoint_type")], names=["verdict"])

    def pass_through() -> Dict[str, int]:
        out = df.mapInArrow(same_size, StructType([StructField("verdict", StringType(), False)]))
        return {r["verdict"]: r["count"] for r in out.groupBy("verdict").count().collect()}

    def stream_poor(s: str) -> Any:
        return (
            F.coalesce(F.col(f"{s}_jitter_ms") > 150, F.lit(False))
            | F.coalesce(F.col(f"{s}_latency_ms") > 400, F.lit(False))
            | F.coalesce(F.col(f"{s}_loss_pct") > 5, F.lit(False))
        )

    def present(s: str) -> Any:
        return F.col(f"{s}_jitter_ms").isNotNull() | F.col(f"{s}_latency_ms").isNotNull() | F.col(f"{s}_loss_pct").isNotNull()

    eligible = ~F.lower(F.col("endpoint_type")).isin("analog", "third_party") & (F.col("ip_version") == 4)
    verdict = (
        F.when(~eligible | ~(present("audio") | present("video")), "not_measured")
        .when(stream_poor("audio") | stream_poor("video"), "poor")
        .otherwise("good")
    )

    def expressions() -> Dict[str, int]:
        out = df.select(verdict.alias("verdict"))
        return {r["verdict"]: r["count"] for r in out.groupBy("verdict").count().collect()}

    library()  # warm-up: the workers import wholesale_core once
    assert library() == expressions(), "the SQL expressions and the library disagree"
    t_lib = best(library)
    t_sql = best(expressions)
    t_pass = best(pass_through)
    print(
        f"spark local[2], {n:,} legs, batches of {batch_rows:,}: mapInArrow(classify_legs) {t_lib:.2f} s, "
        f"SQL expressions {t_sql:.2f} s, mapInArrow pass-through (no rule) {t_pass:.2f} s"
    )
    print(f"RATIO spark (SQL time / library time): {t_sql / t_lib:.2f}  (target >= 1)")
    spark.stop()


def single_ratio(m: int) -> None:
    table = legs_table(m, seed=7)
    cols = numpy_columns(table)
    names = table.column("endpoint_type").combine_chunks().dictionary_encode()
    # The same values for both paths: NaN, no nulls (the zero-copy layout).
    # Two layouts of the endpoint types and IP versions: the widths the numpy
    # path reads (int8 dictionary keys, uint8 IP versions: 1 byte a leg each,
    # as classify_columns' uint8 codes) and pyarrow's defaults
    # (dictionary_encode's int32 keys, int32 IP versions: 4 bytes each).
    floats = {c: pa.array(cols[c]) for c in METRICS}
    same_widths = pa.table(
        {
            **floats,
            "endpoint_type": pa.DictionaryArray.from_arrays(names.indices.cast(pa.int8()), names.dictionary),
            "ip_version": pa.array(cols["ip_version"]),
        }
    )
    arrow_defaults = pa.table(
        {
            **floats,
            "endpoint_type": names,
            "ip_version": table.column("ip_version").combine_chunks(),
        }
    )
    args = [cols[c] for c in METRICS]

    def numpy_path() -> Any:
        return wc.classify_columns(*args, cols["endpoint_type"], cols["ip_version"])

    codes = numpy_path()
    for arrow in (same_widths, arrow_defaults):
        got = wa.classify_legs(arrow, verdict_type="dictionary").column("verdict").combine_chunks()
        assert (got.indices.to_numpy() == codes).all()
    # Taken in turn, so a drift in the machine's speed reaches every path alike.
    paths: Dict[str, Callable[[], Any]] = {
        "numpy": numpy_path,
        "same widths, dictionary verdict": lambda: wa.classify_legs(same_widths, verdict_type="dictionary"),
        "int32 keys and IP versions, dictionary verdict": lambda: wa.classify_legs(arrow_defaults, verdict_type="dictionary"),
        "same widths, string verdict": lambda: wa.classify_legs(same_widths),
    }
    times: Dict[str, float] = {name: float("inf") for name in paths}
    for _ in range(int(os.environ.get("SINGLE_ROUNDS", 5))):
        for name, path in paths.items():
            times[name] = min(times[name], best(path, runs=1))
    t_np = times["numpy"]
    print(f"single process, {m:,} legs: " + ", ".join(f"{name} {t * 1000:.0f} ms" for name, t in times.items()))
    for name, t in list(times.items())[1:]:
        print(f"RATIO arrow/numpy ({name}): {t / t_np:.2f}" + ("  (target <= 1.2)" if name.startswith("same widths, dict") else ""))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("SPARK_LEGS", 20_000_000))
    m = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("SINGLE_LEGS", 10_000_000))
    single_ratio(m)
    spark_ratio(n, int(os.environ.get("SPARK_BATCH_ROWS", 10_000)))
