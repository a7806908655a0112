"""The numpy pipeline: borrowed without a copy, run without the GIL."""

from __future__ import annotations

import threading

import pytest

import wholesale_core as wc

numpy = pytest.importorskip("numpy")


def test_finite_mask_matches_numpy() -> None:
    values = numpy.random.default_rng(7).normal(size=10_000)
    values[::7] = numpy.nan
    mask = wc._lowlevel._finite_mask(values)
    assert mask.dtype == numpy.bool_
    assert numpy.array_equal(mask, numpy.isfinite(values))


def test_read_only_arrays_are_accepted() -> None:
    values = numpy.arange(5.0)
    values.setflags(write=False)
    assert wc._lowlevel._finite_mask(values).all()


def test_runs_with_other_threads() -> None:
    # Several threads at once: the work runs with the GIL released.
    values = numpy.ones(2_000_000)
    results = []

    def work() -> None:
        results.append(bool(wc._lowlevel._finite_mask(values).all()))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 4
