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


def test_nan_and_infinities_in_numpy_columns() -> None:
    numpy = pytest.importorskip("numpy")
    values = numpy.array([1.0, math.nan, math.inf, -math.inf, -0.0, 5e-324])
    mask = wc._lowlevel._finite_mask(values)
    assert mask.tolist() == [True, False, False, False, True, True]


def test_wrong_numpy_columns_are_input_errors() -> None:
    numpy = pytest.importorskip("numpy")
    bad_columns: Tuple[Any, ...] = (
        numpy.arange(10, dtype=numpy.int64),
        numpy.zeros((2, 2)),
        numpy.arange(10.0)[::2],
        [1.0, 2.0],
        None,
    )
    for bad in bad_columns:
        with pytest.raises(wc.InputError) as info:
            wc._lowlevel._finite_mask(bad)
        assert info.value.field == "values"
