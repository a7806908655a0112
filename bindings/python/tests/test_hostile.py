"""Hostile inputs (random bytes, huge strings, NaN, odd types) raise nothing
but WholesaleError, ValueError or TypeError, and never crash."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any, Callable, List, Tuple, cast

import pytest

import wholesale_core as wc

ALLOWED = (wc.WholesaleError, ValueError, TypeError)

rng = random.Random(20261125)


def random_texts() -> List[Any]:
    texts: List[Any] = [
        "",
        "\x00",
        "\ud800",  # a lone surrogate: not encodable as UTF-8
        "x" * 1_000_000,
        "+" + "9" * 100_000,
        "@" * 10_000,
        "é" * 50_000,
        "\u202e\u0000\uffff",
        b"webex_calling",
        bytes(rng.getrandbits(8) for _ in range(256)),
        None,
        0,
        math.nan,
        math.inf,
        [],
        {},
        object(),
    ]
    for _ in range(100):
        raw = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 64)))
        texts.append(raw.decode("utf-8", errors="surrogateescape"))
        texts.append(raw.decode("latin-1"))
    return texts


TEXT_FUNCTIONS: List[Callable[[Any], object]] = [
    wc.check_email,
    wc.check_phone_number,
    wc.check_extension,
    wc.Package.parse,
    wc.code_info,
    lambda t: wc.check_admin_package(t, t),
    lambda t: wc.check_admin_package("webex_suite", t),
    lambda t: wc.check_calling_number(t, has_number=False, has_location=False),
    lambda t: wc.check_email("a@b.co", field=t),
    lambda t: wc.last_completed_week(t),
    lambda t: wc.Week.containing(t),
    lambda t: wc.findings([t]),
    lambda t: wc.findings(t),
    lambda t: wc.raise_for_errors([cast(Any, {"code": t, "field": t, "message": t})]),
]


@pytest.mark.parametrize("func", TEXT_FUNCTIONS)
def test_hostile_values_raise_only_expected_errors(func: Callable[[Any], object]) -> None:
    for value in random_texts():
        try:
            func(value)
        except ALLOWED:
            pass


def test_huge_cells_give_short_messages() -> None:
    problem = wc.check_email("x" * 1_000_000)
    assert problem is not None
    assert len(problem["message"]) < 300


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime.min.replace(tzinfo=dt.timezone.utc),
        dt.datetime.max.replace(tzinfo=dt.timezone.utc),
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59))),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(-dt.timedelta(hours=23))),
        dt.date.min,
        dt.date.max,
    ],
)
def test_extreme_dates(moment: dt.date) -> None:
    # The week may fall outside Python's datetime range: then reading its
    # bounds raises InputError; nothing else may escape.
    try:
        week = wc.last_completed_week(moment)
        week.start, week.end
        week.trailing(3)
    except ALLOWED:
        pass


def test_wrong_numpy_columns_are_input_errors() -> None:
    numpy = pytest.importorskip("numpy")
    good = numpy.zeros(10)
    codes = numpy.zeros(10, dtype=numpy.uint8)
    bad_columns: Tuple[Any, ...] = (
        numpy.arange(10, dtype=numpy.int64),
        numpy.zeros((2, 2)),
        numpy.arange(20.0)[::2],
        [1.0, 2.0],
        None,
    )
    for bad in bad_columns:
        with pytest.raises(wc.InputError) as info:
            wc.classify_columns(bad, good, good, good, good, good, codes, codes)
        assert info.value.field == "audio_jitter_ms"


# --- round two: every new entry point ---

TWO_MIB = 2 * 1024 * 1024


def random_blobs() -> List[bytes]:
    blobs = [
        b"",
        b"\x00" * 100,
        b"\xef\xbb\xbf",
        b"\xff\xfe" + "User ID/Email\n".encode("utf-16-le"),
        b'"' * 1000,
        b"a," * 50_000 + b"\n",
        b"User ID/Email,Webex Calling\n" + b"x" * TWO_MIB + b",TRUE\n",
        b"customer_id,leg_id\n" + b"," * 100_000,
    ]
    for _ in range(60):
        blobs.append(bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 512))))
    return blobs


def with_header(header: bytes, blob: bytes) -> bytes:
    return header + b"\n" + blob


LEG_HEADER = (
    b"customer_id,leg_id,start_time,endpoint_type,ip_version,audio_jitter_ms,"
    b"audio_latency_ms,audio_loss_pct,video_jitter_ms,video_latency_ms,video_loss_pct,feature"
)
QUEUE_HEADER = b"customer_id,queue,start_time,outcome,wait_seconds"

def report_reader(kind: str) -> Callable[[bytes], object]:
    return lambda b: wc.read_report(cast(Any, kind), b)


BLOB_FUNCTIONS: List[Callable[[bytes], object]] = [
    lambda b: wc.check_csv(b),
    lambda b: wc.check_csv(b, behavior="add_and_remove", org={"users": []}),
    lambda b: wc.check_csv(with_header(b"User ID/Email,Webex Calling,Phone Number,Location", b)),
    lambda b: wc.read_call_legs(b),
    lambda b: wc.read_call_legs(with_header(LEG_HEADER, b)),
    lambda b: wc.weekly_quality_report(with_header(LEG_HEADER, b), "2026-11-25"),
    lambda b: wc.feature_usage(with_header(LEG_HEADER, b), "2026-11-25"),
    lambda b: wc.read_queued_calls(with_header(QUEUE_HEADER, b)),
    lambda b: wc.queue_kpis(with_header(QUEUE_HEADER, b), "2026-11-25"),
    lambda b: wc.kpi_dashboard(b, "calling", "2026-11-25"),
    lambda b: wc.check_api_payload(b.decode("latin-1")),
    lambda b: wc.validate_new_customer(b.decode("latin-1")),
] + [report_reader(kind) for kind in wc.report_kinds()]


@pytest.mark.parametrize("func", BLOB_FUNCTIONS)
def test_hostile_bytes_raise_only_expected_errors(func: Callable[[bytes], object]) -> None:
    for blob in random_blobs():
        try:
            func(blob)
        except ALLOWED:
            pass


def test_two_mib_cell_is_a_field_error_with_a_short_message() -> None:
    csv = b"User ID/Email,Webex Calling\n" + b"a" * TWO_MIB + b"@x.co,TRUE\n"
    plan = wc.check_csv(csv)
    problems = [*plan.file_errors, *(p for r in plan.rows for p in r["errors"])]
    assert problems
    assert all(len(p["message"]) < 1000 for p in problems)


HOSTILE_VALUES: List[Any] = [
    None, 0, -1, 2**70, math.nan, math.inf, "", "x" * 100_000, b"\x00", [], {}, [None],
    {"name": math.nan}, {"": {"": {"": []}}}, object(), dt.date.max, (1, 2), {1: 2},
]
DICT_FUNCTIONS: List[Callable[[Any], object]] = [
    lambda v: wc.customer_status(v, "2026-11-25"),
    lambda v: wc.customer_status({"name": "a", "package": "webex_calling"}, v),
    lambda v: wc.customer_status({"name": "a", "package": "webex_calling"}, "2026-11-25", v),
    lambda v: wc.filter_customers(v, "2026-11-25"),
    lambda v: wc.filter_customers([], "2026-11-25", v),
    lambda v: wc.kpi_dashboard(v, "calling", "2026-11-25"),
    lambda v: wc.kpi_dashboard([], v, "2026-11-25"),
    lambda v: wc.kpi_dashboard([], "calling", "2026-11-25", v),
    lambda v: wc.write_report("devices", v),
    lambda v: wc.write_report("devices", [v]),
    lambda v: wc.classify_leg(v),
    lambda v: wc.classify_leg(cast(Any, {"customer_id": "a"}), v),
    lambda v: wc.weekly_quality_report(v, "2026-11-25"),
    lambda v: wc.weekly_quality_report([], v),
    lambda v: wc.feature_usage([], v),
    lambda v: wc.queue_kpis(v, "2026-11-25"),
    lambda v: wc.validate_new_customer(v),
    lambda v: wc.validate_template(v),
    lambda v: wc.validate_user(v, v),
    lambda v: wc.validate_manual_batch({"name": "a", "package": "webex_calling"}, v),
    lambda v: wc.validate_package_change(v, v, v),
    lambda v: wc.check_tag_edit(v),
    lambda v: wc.check_api_payload(v),
    lambda v: wc.resource_id_decode(v),
    lambda v: wc.resource_id_encode(v, v, v),
    lambda v: wc.resource_id_uuid_of(v),
    lambda v: wc.same_resource(v, v),
    lambda v: wc.build_customer_request(v),
    lambda v: wc.build_customer_request({}, v),
    lambda v: wc.build_subscriber_request(v, v),
    lambda v: wc.region_selector(v),
    lambda v: wc.ReportFileName.parse(v),
    lambda v: wc.check_csv(b"User ID/Email\n", org=v),
    lambda v: wc.check_csv(b"User ID/Email\n", behavior=v),
    lambda v: wc.remediation_for(v),
]


@pytest.mark.parametrize("func", DICT_FUNCTIONS)
def test_hostile_values_for_round_two_raise_only_expected_errors(
    func: Callable[[Any], object],
) -> None:
    for value in HOSTILE_VALUES + random_texts()[:40]:
        try:
            func(value)
        except ALLOWED:
            pass


def deep(levels: int) -> Any:
    value: Any = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "func",
    [
        lambda v: wc.check_api_payload({"items": v}),
        lambda v: wc.validate_template({"common_settings": {"x": v}}),
        lambda v: wc.customer_status(v, "2026-11-25"),
        lambda v: wc.build_customer_request({"name": v}),
    ],
)
def test_deep_nesting_is_refused_not_a_stack_overflow(func: Callable[[Any], object]) -> None:
    # pythonize recurses per level: without the binding's depth limit this
    # crashed the interpreter (a Rust stack overflow).
    with pytest.raises(wc.InputError) as info:
        func(deep(100_000))
    assert "nested" in str(info.value)
    cyclic: List[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(wc.InputError):
        func(cyclic)


def test_nan_and_extreme_columns_classify() -> None:
    numpy = pytest.importorskip("numpy")
    values = numpy.array([math.nan, math.inf, -math.inf, -0.0, 5e-324, 1e308, -1.0])
    n = len(values)
    endpoint = numpy.arange(n, dtype=numpy.uint8) * 40
    ip = numpy.array([4, 6, 0, 255, 4, 4, 4], dtype=numpy.uint8)
    # R-CQ-01: infinite and negative metrics are refused, as classify_leg
    # and the CSV reader refuse them; the rest classify.
    with pytest.raises(wc.QualityError) as info:
        wc.classify_columns(values, values, values, values, values, values, endpoint, ip)
    assert info.value.code == "LEG_METRIC_INVALID"
    usable = numpy.array([math.nan, 0.0, 1.0, -0.0, 5e-324, 99.0, 100.0])
    out = wc.classify_columns(usable, usable, usable, usable, usable, usable, endpoint, ip)
    assert out.shape == (n,)
    assert set(out.tolist()) <= {0, 1, 2}
    # NaN everywhere: nothing is measured.
    assert out[0] == wc.VERDICT_NOT_MEASURED


def test_mismatched_and_odd_columns_raise_only_expected_errors() -> None:
    numpy = pytest.importorskip("numpy")
    f = numpy.zeros(5)
    u = numpy.zeros(5, dtype=numpy.uint8)
    odd: List[Any] = [numpy.zeros(4), numpy.zeros(6, dtype=numpy.uint8), numpy.zeros(0),
                      numpy.zeros(5, dtype=numpy.float32), numpy.zeros((5, 1)), "abc", None, 3.0]
    for bad in odd:
        for index in range(8):
            cols: List[Any] = [f, f, f, f, f, f, u, u]
            cols[index] = bad
            try:
                wc.classify_columns(*cols)
            except ALLOWED:
                pass
    for bad_policy in [{"jitter_ms": math.nan}, {"combine": "some"}, {"loss_pct": "x"}, "json?", 3]:
        with pytest.raises(ALLOWED):
            wc.classify_columns(f, f, f, f, f, f, u, u, policy=cast(Any, bad_policy))
