"""wholesale_core.arrow: the rules over Arrow batches and streams (pyarrow,
polars), checked against the numpy and single-process paths on the same data."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

import numpy as np
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]
import pytest

import wholesale_core as wc
from wholesale_core import arrow as wa
from conftest import repo_root

SAMPLES = repo_root() / "samples"
AS_OF = dt.date(2026, 11, 25)
CODES = wc.endpoint_type_codes()
NAMES = {wc.VERDICT_NOT_MEASURED: "not_measured", wc.VERDICT_GOOD: "good", wc.VERDICT_POOR: "poor"}
METRICS = [f"{s}_{m}" for s in ("audio", "video") for m in ("jitter_ms", "latency_ms", "loss_pct")]


def random_legs(n: int, seed: int) -> Dict[str, Any]:
    """Numpy columns of `n` legs: metrics around the thresholds, a fifth of
    the streams not reported (NaN), every endpoint type, some IPv6."""
    rng = np.random.default_rng(seed)
    cols: Dict[str, Any] = {
        "audio_jitter_ms": rng.uniform(0, 300, n),
        "audio_latency_ms": rng.uniform(0, 800, n),
        "audio_loss_pct": rng.uniform(0, 10, n),
        "video_jitter_ms": rng.uniform(0, 300, n),
        "video_latency_ms": rng.uniform(0, 800, n),
        "video_loss_pct": rng.uniform(0, 10, n),
    }
    for name in METRICS:
        cols[name][rng.random(n) < 0.2] = np.nan
    cols["endpoint_type"] = rng.integers(0, len(CODES), n).astype(np.uint8)
    cols["ip_version"] = np.where(rng.random(n) < 0.1, 6, 4).astype(np.uint8)
    return cols


def by_numpy(cols: Dict[str, Any], policy: Any = None) -> List[str]:
    aj, al, ap, vj, vl, vp = (cols[m] for m in METRICS)
    codes = wc.classify_columns(aj, al, ap, vj, vl, vp, cols["endpoint_type"], cols["ip_version"], policy=policy)
    return [NAMES[int(c)] for c in codes]


def to_table(cols: Dict[str, Any]) -> Any:
    names = {code: name for name, code in CODES.items()}
    data: Dict[str, Any] = {m: cols[m] for m in METRICS}
    data["endpoint_type"] = pa.array([names[int(c)] for c in cols["endpoint_type"]])
    data["ip_version"] = pa.array(cols["ip_version"].astype(np.int32))
    return pa.table(data)


@pytest.mark.parametrize("policy", [None, {"combine": "all"}, {"jitter_ms": 10.0, "loss_pct": 1.0}])
def test_r_cq_01_classify_legs_gives_exactly_the_verdicts_of_classify_columns(policy: Any) -> None:
    cols = random_legs(20_000, 1)
    table = to_table(cols)
    expected = by_numpy(cols, policy)
    assert set(expected) == {"good", "poor", "not_measured"}
    batch = table.to_batches(max_chunksize=20_000)[0]
    got = wa.classify_legs(batch, policy=policy)
    assert isinstance(got, pa.RecordBatch)
    assert got.column("verdict").to_pylist() == expected
    # Split into several batches (a stream): the same verdicts, a table.
    streamed = wa.classify_legs(pa.Table.from_batches(table.to_batches(max_chunksize=3_000)), policy=policy)
    assert isinstance(streamed, pa.Table)
    assert streamed.column("verdict").to_pylist() == expected


def test_r_cq_02_float32_nulls_dictionaries_and_any_integer_type_read_as_numpy() -> None:
    cols = random_legs(5_000, 2)
    expected = by_numpy(cols)
    table = to_table(cols)
    # Nulls instead of NaN, float32 (values exactly representable), a
    # dictionary endpoint column, uint64 ip versions, other spellings.
    data: Dict[str, Any] = {}
    for m in METRICS:
        values = np.round(cols[m])
        cols[m] = values
        mask = np.isnan(values)
        data[m] = pa.array(np.where(mask, 0, values).astype(np.float32), mask=mask)
    expected = by_numpy(cols)
    data["endpoint_type"] = pc.utf8_upper(table.column("endpoint_type")).dictionary_encode()
    data["ip_version"] = pa.array(cols["ip_version"].astype(np.uint64))
    got = wa.classify_legs(pa.table(data), verdict_type="dictionary")
    verdict = got.column("verdict").combine_chunks()
    assert pa.types.is_dictionary(verdict.type)
    assert verdict.to_pylist() == expected


def test_r_cq_01_polars_in_polars_out_and_reader_in_table_out() -> None:
    cols = random_legs(3_000, 3)
    table = to_table(cols)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    got = wa.classify_legs(frame)
    assert isinstance(got, pl.DataFrame)
    assert got["verdict"].to_list() == by_numpy(cols)
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=1_000))
    assert wa.classify_legs(reader).column("verdict").to_pylist() == by_numpy(cols)


def test_r_cq_01_columns_pass_through_without_a_copy() -> None:
    cols = random_legs(1_000, 4)
    batch = to_table(cols).to_batches()[0]
    got = wa.classify_legs(batch)
    for name in [*METRICS, "endpoint_type", "ip_version"]:
        assert got.column(name).buffers()[1].address == batch.column(name).buffers()[1].address, name
    assert got.schema.names == [*batch.schema.names, "verdict"]


def error_of(call: Any) -> Any:
    with pytest.raises(wc.WholesaleError) as info:
        call()
    return info.value


def test_r_cq_02_bad_columns_are_typed_errors_naming_the_column_and_row() -> None:
    cols = random_legs(10, 5)
    table = to_table(cols)
    missing = error_of(lambda: wa.classify_legs(table.drop_columns(["ip_version"])))
    assert isinstance(missing, wc.InputError) and missing.field == "ip_version"
    as_int = table.set_column(0, "audio_jitter_ms", pa.array(np.arange(10)))
    wrong = error_of(lambda: wa.classify_legs(as_int))
    assert isinstance(wrong, wc.InputError) and wrong.field == "audio_jitter_ms"
    endpoints = table.column("endpoint_type").to_pylist()
    endpoints[7] = "fax_adapter"
    unknown = error_of(lambda: wa.classify_legs(table.set_column(6, "endpoint_type", pa.array(endpoints))))
    assert isinstance(unknown, wc.QualityError)
    assert (unknown.code, unknown.rule, unknown.field) == ("LEG_ENDPOINT_UNKNOWN", "R-CQ-02", "endpoint_type[7]")
    endpoints[7] = None
    null = error_of(lambda: wa.classify_legs(table.set_column(6, "endpoint_type", pa.array(endpoints))))
    assert (null.code, null.field) == ("LEG_ENDPOINT_UNKNOWN", "endpoint_type[7]")
    ips = [4] * 10
    ips[3] = 5
    ip = error_of(lambda: wa.classify_legs(table.set_column(7, "ip_version", pa.array(ips))))
    assert (ip.code, ip.field) == ("LEG_IP_VERSION_INVALID", "ip_version[3]")
    twice = error_of(lambda: wa.classify_legs(wa.classify_legs(table)))
    assert isinstance(twice, wc.InputError) and twice.field == "verdict"
    not_arrow = error_of(lambda: wa.classify_legs([1, 2, 3]))  # type: ignore[arg-type]
    assert isinstance(not_arrow, wc.InputError) and not_arrow.field == "data"
    kind = error_of(lambda: wa.classify_legs(table, verdict_type="int"))  # type: ignore[arg-type]
    assert isinstance(kind, wc.InputError) and kind.field == "verdict_type"
    policy = error_of(lambda: wa.classify_legs(table, policy={"jitter_ms": -1.0}))
    assert policy.code == "QUALITY_POLICY_INVALID"


def sample_legs_table() -> Any:
    """The sample call-leg CSV's legs as an Arrow table (streams absent: null)."""
    legs = wc.read_call_legs(SAMPLES / "call_legs.csv")["legs"]
    data: Dict[str, Any] = {
        "customer_id": [leg["customer_id"] for leg in legs],
        "start_time": pa.array(
            [dt.datetime.fromisoformat(leg["start_time"].replace("Z", "+00:00")) for leg in legs],
            pa.timestamp("ms", tz="UTC"),
        ),
        "endpoint_type": [leg["endpoint_type"] for leg in legs],
        "ip_version": pa.array([4 if leg["ip_version"] == "v4" else 6 for leg in legs], pa.int16()),
    }
    for stream in ("audio", "video"):
        for metric in ("jitter_ms", "latency_ms", "loss_pct"):
            data[f"{stream}_{metric}"] = pa.array(
                [m[metric] if (m := leg[stream]) is not None else None for leg in legs],
                pa.float64(),
            )
    return pa.table(data)


def test_r_cq_03_partials_summed_by_group_by_give_the_single_process_report() -> None:
    table = sample_legs_table()
    expected = wc.weekly_quality_report(SAMPLES / "call_legs.csv", AS_OF)
    assert expected["rejected_rows"], "the sample has rejected rows, left out of the Arrow path"
    expected["rejected_rows"] = []
    # Map: one partial batch per input batch of 50 legs; reduce: pyarrow group_by.
    partials = pa.Table.from_batches([wa.quality_partials(b) for b in table.to_batches(max_chunksize=50)])
    assert partials.num_rows > len(wa.quality_partials(table))  # keys repeat across batches
    summed = partials.group_by(list(wa.QUALITY_PARTIAL_KEYS)).aggregate([(c, "sum") for c in wa.QUALITY_PARTIAL_SUMS])
    summed = summed.rename_columns([n.removesuffix("_sum") for n in summed.column_names])
    assert wa.quality_report(summed, AS_OF) == expected
    # Unsummed rows add up the same; polars sums too (u64 / i64 sums).
    assert wa.quality_report(partials, AS_OF) == expected
    frame = pl.from_arrow(partials)
    assert isinstance(frame, pl.DataFrame)
    by_polars = frame.group_by(list(wa.QUALITY_PARTIAL_KEYS)).agg(pl.col(list(wa.QUALITY_PARTIAL_SUMS)).sum())
    assert wa.quality_report(by_polars, AS_OF) == expected


def test_r_kpi_12_naive_timestamps_and_bad_partial_rows_are_refused() -> None:
    table = sample_legs_table()
    naive = table.set_column(1, "start_time", table.column("start_time").cast(pa.timestamp("ms")))
    err = error_of(lambda: wa.quality_partials(naive))
    assert isinstance(err, wc.InputError) and err.field == "start_time"
    partials = wa.quality_partials(table)
    monday = pc.add(partials.column("week_start"), pa.scalar(dt.timedelta(days=1)))
    shifted = partials.set_column(1, "week_start", monday)
    bad = error_of(lambda: wa.quality_report(shifted, AS_OF))
    assert isinstance(bad, wc.QualityError)
    assert (bad.code, bad.rule, bad.field) == ("QUALITY_PARTIAL_INVALID", "R-CQ-03", "partials[0].week_start")
    poor = partials.column("poor").to_pylist()
    poor[2] = -1
    negative = error_of(lambda: wa.quality_report(partials.set_column(5, "poor", pa.array(poor)), AS_OF))
    assert (negative.code, negative.field) == ("QUALITY_PARTIAL_INVALID", "partials[2].poor")
    legs = partials.column("legs").to_pylist()
    legs[1] = 0
    fewer = error_of(lambda: wa.quality_report(partials.set_column(3, "legs", pa.array(legs)), AS_OF))
    assert (fewer.code, fewer.field) == ("QUALITY_PARTIAL_INVALID", "partials[1].legs")


def csv_files() -> List[bytes]:
    users = (SAMPLES / "users.csv").read_bytes()
    clean = (SAMPLES / "users_clean.csv").read_bytes()
    return [users, clean, b"", b"\x00\x01 not a csv", users.replace(b"TRUE", b"maybe"), clean[: len(clean) // 2]]


def test_r_csv_20_check_csv_files_gives_check_csv_per_file() -> None:
    files = csv_files()
    org = (SAMPLES / "org.json").read_text()
    batch = pa.record_batch(
        {
            "customer": [f"c{i}" for i in range(len(files))],
            "data": pa.array(files, pa.binary()),
            "org": [org if i % 2 == 0 else None for i in range(len(files))],
            "behavior": [None, "add_and_remove", None, None, "add_and_remove", None],
        }
    )
    got = wa.check_csv_files(batch, org_column="org", behavior_column="behavior")
    assert isinstance(got, pa.RecordBatch)
    assert got.schema.names == ["customer", *wa.CSV_FILE_CHECK_COLUMNS]
    rows = got.to_pylist()
    for i, (data, row) in enumerate(zip(files, rows)):
        behavior = batch.column("behavior")[i].as_py()
        plan = wc.check_csv(data, org_text=org if i % 2 == 0 else None, behavior=behavior)
        assert row["customer"] == f"c{i}"
        assert {k: row[k] for k in plan.summary} == plan.summary
        assert row["has_rejections"] == plan.has_rejections
        problems = [*plan.file_errors, *plan.file_warnings, *(p for r in plan.rows for p in (*r["errors"], *r["warnings"]))]
        assert row["problems"] == problems
    assert any(r["has_rejections"] for r in rows) and len({r["rows"] for r in rows}) > 2


def test_r_csv_21_a_bad_snapshot_or_behavior_names_its_row() -> None:
    batch = pa.record_batch({"data": pa.array(csv_files()[:2], pa.binary()), "org": [None, "{\"users\": 3}"]})
    err = error_of(lambda: wa.check_csv_files(batch, org_column="org"))
    assert isinstance(err, wc.CsvImportError) and err.field is not None and err.field.startswith("org[1]")
    behaviors = pa.record_batch({"data": pa.array(csv_files()[:1], pa.binary()), "b": ["sometimes"]})
    bad = error_of(lambda: wa.check_csv_files(behaviors, behavior_column="b"))
    assert isinstance(bad, wc.InputError) and bad.field == "b[0]"
    nulls = pa.record_batch({"data": pa.array([None], pa.binary())})
    assert error_of(lambda: wa.check_csv_files(nulls)).field == "data[0]"


def test_r_csv_20_plan_to_arrow_has_the_rows_of_the_plan() -> None:
    plan = wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json")
    batch = plan.to_arrow()
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.names == list(plan.rows[0])
    assert batch.to_pylist() == plan.rows
    frame = pl.DataFrame(plan.to_arrow())
    assert frame.height == plan.summary["rows"]


def test_r_kpi_01_kpi_dashboard_from_an_arrow_table_equals_the_dicts_path() -> None:
    report = next((SAMPLES / "reports").glob("Subscription Details_*.csv"))
    for product in ("calling", "meetings"):
        subs = wc.subscriptions_from_report(report, product)["subscriptions"]
        assert subs
        expected = wc.kpi_dashboard(subs, product, AS_OF)
        table = pa.Table.from_pylist([dict(s) for s in subs])
        assert wa.kpi_dashboard(table, product, AS_OF) == expected
        # Dates as date32 read the same.
        dates = pa.array([dt.date.fromisoformat(d) if d else None for d in table.column("end_date").to_pylist()], pa.date32())
        typed = table.set_column(table.schema.get_field_index("end_date"), "end_date", dates)
        assert wa.kpi_dashboard(typed, product, AS_OF) == expected
    negative = {**dict(subs[0]), "licenses": {**subs[0]["licenses"], "total": -1}}
    bad = pa.Table.from_pylist([dict(subs[0]), negative])
    err = error_of(lambda: wa.kpi_dashboard(bad, "calling", AS_OF))
    assert isinstance(err, wc.InputError) and err.field == "subscriptions[1].licenses.total"
