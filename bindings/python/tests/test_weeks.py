"""Analytics weeks (R-KPI-12) through the binding."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import wholesale_core as wc

UTC = dt.timezone.utc


def test_r_kpi_12_last_completed_week_from_a_wednesday() -> None:
    week = wc.last_completed_week(dt.datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    assert week.start == dt.datetime(2026, 11, 15, tzinfo=UTC)
    assert week.end == dt.datetime(2026, 11, 22, tzinfo=UTC)
    assert week.start.tzinfo is not None and week.start.utcoffset() == dt.timedelta(0)


def test_r_kpi_12_sunday_midnight_utc_starts_a_new_week() -> None:
    boundary = dt.datetime(2026, 11, 22, tzinfo=UTC)
    assert wc.last_completed_week(boundary).end == boundary
    before = boundary - dt.timedelta(seconds=1)
    assert wc.last_completed_week(before).end == dt.datetime(2026, 11, 15, tzinfo=UTC)


def test_r_kpi_12_other_time_zones_are_converted_to_utc() -> None:
    # 01:00 in Stockholm on Sunday 22nd is still Saturday 21st in UTC.
    local = dt.datetime(2026, 11, 22, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert wc.last_completed_week(local).end == dt.datetime(2026, 11, 15, tzinfo=UTC)
    fixed = dt.datetime(2026, 11, 22, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert wc.last_completed_week(fixed) == wc.last_completed_week(local)


def test_r_kpi_12_a_date_means_its_start() -> None:
    assert wc.last_completed_week(dt.date(2026, 11, 22)).end == dt.datetime(2026, 11, 22, tzinfo=UTC)
    assert wc.Week.last_completed(dt.date(2026, 11, 25)) == wc.last_completed_week(dt.date(2026, 11, 25))


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.last_completed_week(dt.datetime(2026, 11, 25))
    assert info.value.code == wc.INPUT_INVALID
    assert info.value.field == "as_of"
    assert "naive" in str(info.value)


def test_wrong_type_is_an_input_error() -> None:
    with pytest.raises(wc.InputError):
        wc.last_completed_week("2026-11-25")  # type: ignore[arg-type]


def test_week_methods_delegate() -> None:
    week = wc.Week.containing(dt.datetime(2026, 11, 25, tzinfo=UTC))
    assert week.contains(dt.datetime(2026, 11, 28, 23, 59, tzinfo=UTC))
    assert not week.contains(week.end)
    assert week.previous().end == week.start
    trail = week.trailing(8)
    assert len(trail) == 8 and trail[-1] == week
    assert all(a.end == b.start for a, b in zip(trail, trail[1:]))
    assert week.to_dict() == {"start": week.start, "end": week.end}
    assert len({week, wc.Week.containing(week.start)}) == 1
    assert "2026-11-22" in repr(week)
