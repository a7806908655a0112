"""Call quality: one leg, CSV readers, reports, and the columnar classifier
(zero copy, GIL released)."""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import threading
import time
from typing import Any, Callable, cast, Dict, List

import numpy as np
import numpy.typing as npt
import pytest

import wholesale_core as wc
from conftest import repo_root

SAMPLES = repo_root() / "samples"
AS_OF = dt.date(2026, 11, 25)
CODES = wc.endpoint_type_codes()


def leg(**overrides: Any) -> Any:
    base: Any = {
        "customer_id": "acme",
        "leg_id": "1",
        "start_time": "2026-11-18T09:30:00Z",
        "endpoint_type": "webex_app",
        "ip_version": "v4",
        "audio": {"jitter_ms": 10.0, "latency_ms": 80.0, "loss_pct": 0.5},
        "video": None,
    }
    base.update(overrides)
    return base


def test_classify_leg_thresholds_are_strictly_above() -> None:
    # R-CQ-01: 150 ms jitter is not above the threshold; 150.001 is.
    at = leg(audio={"jitter_ms": 150.0, "latency_ms": 80.0, "loss_pct": 0.5})
    over = leg(audio={"jitter_ms": 150.001, "latency_ms": 80.0, "loss_pct": 0.5})
    assert wc.classify_leg(at)["verdict"] == "good"
    result = wc.classify_leg(over)
    assert result["verdict"] == "poor" and len(result["reasons"]) == 1
    assert wc.classify_leg(over, {"jitter_ms": 200})["verdict"] == "good"


def test_classify_leg_exclusions() -> None:
    # R-CQ-02: analog and IPv6 legs are not measured.
    assert wc.classify_leg(leg(endpoint_type="analog"))["verdict"] == "not_measured"
    result = wc.classify_leg(leg(ip_version="v6"))
    assert result["verdict"] == "not_measured" and result["excluded"] is not None


def test_classify_leg_refuses_invalid_metrics() -> None:
    bad = leg(audio={"jitter_ms": -1.0, "latency_ms": 80.0, "loss_pct": 0.5})
    with pytest.raises(wc.ValidationError) as info:
        wc.classify_leg(bad)
    assert info.value.code == "LEG_METRIC_INVALID"
    assert info.value.field == "audio_jitter_ms"


@pytest.mark.parametrize("field,value", [("jitter_ms", math.nan), ("latency_ms", -1.0), ("loss_pct", math.inf)])
def test_invalid_policy_is_a_quality_error(field: str, value: float) -> None:
    with pytest.raises(wc.QualityError) as info:
        wc.classify_leg(leg(), cast(Any, {field: value}))
    assert info.value.code == "QUALITY_POLICY_INVALID"
    assert info.value.rule == "R-CQ-01"
    assert info.value.field == f"policy.{field}"


def test_read_call_legs_and_weekly_report_agree() -> None:
    read = wc.read_call_legs(SAMPLES / "call_legs.csv")
    assert read["legs"] and read["rejected"]
    from_csv = wc.weekly_quality_report(SAMPLES / "call_legs.csv", AS_OF)
    from_legs = wc.weekly_quality_report(read["legs"], AS_OF)
    assert from_csv["rejected_rows"] == read["rejected"]
    assert from_legs["rejected_rows"] == []
    from_csv["rejected_rows"] = []
    assert from_csv == from_legs
    assert len(from_csv["trend"]) == 8


def test_typed_legs_are_checked_like_csv_rows() -> None:
    bad = leg(audio={"jitter_ms": 1.0, "latency_ms": 1.0, "loss_pct": 101.0})
    with pytest.raises(wc.ValidationError) as info:
        wc.weekly_quality_report([leg(), bad], AS_OF)
    assert info.value.field == "legs[1].audio_loss_pct"


def test_missing_header_is_a_quality_error() -> None:
    with pytest.raises(wc.QualityError) as info:
        wc.read_call_legs(b"customer_id,leg_id\nacme,1\n")
    assert info.value.code == "LEG_HEADER_MISSING"
    assert info.value.field is not None
    with pytest.raises(wc.QualityError) as queue:
        wc.queue_kpis(b"customer_id\nacme\n", AS_OF)
    assert queue.value.code == "QUEUE_HEADER_MISSING"


def test_queue_kpis_and_feature_usage() -> None:
    report = wc.queue_kpis(SAMPLES / "call_queue.csv", AS_OF)
    calls = wc.read_queued_calls(SAMPLES / "call_queue.csv")
    again = wc.queue_kpis(calls["calls"], AS_OF)
    assert again["rejected_rows"] == []
    assert report["rejected_rows"] == calls["rejected"]
    assert {**report, "rejected_rows": []} == again
    assert report["pooled"]["calls"] > 0
    week = wc.last_completed_week(AS_OF)
    usage = wc.feature_usage(SAMPLES / "call_legs.csv", week)
    assert usage == wc.feature_usage(SAMPLES / "call_legs.csv", AS_OF)
    assert all(set(u) == {"customer_id", "call_queue", "hunt_group", "auto_attendant"} for u in usage)


# --- the columnar classifier ---


def columns(n: int, seed: int = 7) -> List[Any]:
    rng = np.random.default_rng(seed)
    metrics = [rng.uniform(0, limit * 1.5, n) for limit in (150, 400, 5, 150, 400, 5)]
    for m in metrics:
        m[rng.random(n) < 0.1] = np.nan
    endpoint = rng.integers(0, 6, n, dtype=np.uint8)
    ip = np.where(rng.random(n) < 0.9, 4, 6).astype(np.uint8)
    return [*metrics, endpoint, ip]


def as_leg(cols: List[Any], i: int) -> Any:
    names = {v: k for k, v in CODES.items()}

    def stream(a: int) -> Any:
        values = [float(cols[a + k][i]) for k in range(3)]
        if all(math.isnan(v) for v in values):
            return None
        return {"jitter_ms": values[0], "latency_ms": values[1], "loss_pct": values[2]}

    return leg(
        endpoint_type=names[int(cols[6][i])],
        ip_version="v4" if cols[7][i] == 4 else "v6",
        audio=stream(0),
        video=stream(3),
    )


@pytest.mark.parametrize("combine", ["any", "all"])
def test_columns_agree_with_one_leg_at_a_time(combine: str) -> None:
    cols = columns(400)
    out = wc.classify_columns(*cols, policy=cast(Any, {"combine": combine}))
    assert out.dtype == np.uint8 and out.shape == (400,)
    codes = {"not_measured": wc.VERDICT_NOT_MEASURED, "good": wc.VERDICT_GOOD, "poor": wc.VERDICT_POOR}
    for i in range(400):
        single = as_leg(cols, i)
        if single["audio"] is not None and any(math.isnan(v) for v in single["audio"].values()):
            continue  # a partly reported stream: the CSV reader refuses it; skip here
        if single["video"] is not None and any(math.isnan(v) for v in single["video"].values()):
            continue
        assert out[i] == codes[wc.classify_leg(single, cast(Any, {"combine": combine}))["verdict"]], i
    assert set(np.unique(out).tolist()) == {0, 1, 2}


def test_columns_are_not_copied() -> None:
    # The inputs are read in place: a read-only view works (nothing writes
    # to it, nothing copies it) and is left as it was.
    cols = columns(1000)
    views = []
    for c in cols:
        v = c.view()
        v.flags.writeable = False
        views.append(v)
    before = [c.copy() for c in cols]
    out = wc.classify_columns(*views)
    assert out.shape == (1000,)
    for b, c in zip(before, cols):
        np.testing.assert_array_equal(b, c)


def test_empty_columns() -> None:
    empty_f = np.empty(0)
    empty_u = np.empty(0, dtype=np.uint8)
    out = wc.classify_columns(empty_f, empty_f, empty_f, empty_f, empty_f, empty_f, empty_u, empty_u)
    assert out.shape == (0,)


def test_mismatched_lengths() -> None:
    cols = columns(10)
    cols[4] = cols[4][:9].copy()
    with pytest.raises(wc.QualityError) as info:
        wc.classify_columns(*cols)
    assert info.value.code == "LEG_COLUMNS_LENGTH_MISMATCH"
    assert info.value.field == "video_latency_ms"


@pytest.mark.parametrize(
    "index,bad",
    [
        (0, np.arange(10, dtype=np.int64)),
        (1, np.arange(20.0)[::2]),
        (6, np.arange(10, dtype=np.int64)),
        (7, np.zeros((2, 5), dtype=np.uint8)),
        (2, [1.0] * 10),
    ],
)
def test_wrong_dtype_or_layout_is_an_input_error(index: int, bad: Any) -> None:
    cols: List[Any] = columns(10)
    cols[index] = bad
    names = [
        "audio_jitter_ms", "audio_latency_ms", "audio_loss_pct", "video_jitter_ms",
        "video_latency_ms", "video_loss_pct", "endpoint_type", "ip_version",
    ]
    with pytest.raises(wc.InputError) as info:
        wc.classify_columns(*cols)
    assert info.value.field == names[index]


def test_all_nan_columns_are_not_measured() -> None:
    n = 1000
    nan = np.full(n, np.nan)
    endpoint = np.zeros(n, dtype=np.uint8)
    ip = np.full(n, 4, dtype=np.uint8)
    out = wc.classify_columns(nan, nan, nan, nan, nan, nan, endpoint, ip)
    assert (out == wc.VERDICT_NOT_MEASURED).all()


def counter_share(work: Callable[[], object], window: float = 0.05) -> float:
    """How much a busy Python thread counts while `work` runs repeatedly for
    `window` seconds, as a share of what it counts meanwhile when the main
    thread sleeps (which releases the GIL). Near 1 when `work` releases the
    GIL; near 0 when it holds it (the counter then runs only at the brief
    thread switches between calls)."""
    counter = 0
    running = threading.Event()
    stop = threading.Event()

    def count() -> None:
        nonlocal counter
        running.set()
        while not stop.is_set():
            counter += 1

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-3)
    thread = threading.Thread(target=count)
    thread.start()
    try:
        running.wait()
        before = counter
        time.sleep(window)
        free = counter - before
        before = counter
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < window:
            work()
        busy = counter - before
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    return busy / max(free, 1)


def test_the_gil_is_released_while_classifying() -> None:
    # A Python thread keeps counting while large classifications run. The
    # share is compared with a C call known to hold the GIL for its whole run
    # (the regex engine backtracking), so the test can fail: a held GIL gives
    # the held share, not the free one.
    cols = columns(1_000_000, seed=3)
    pattern = re.compile(r"(a+)+b")
    subject = "a" * 22
    shares = []
    for _ in range(3):
        released = counter_share(lambda: wc.classify_columns(*cols))
        held = counter_share(lambda: pattern.match(subject))
        shares.append((released, held))
        if released > 0.3 and released > 2 * held:
            return
    pytest.fail(f"(released, held) counter shares: {shares}")
