"""The numpy pipeline: borrowed without a copy, run without the GIL."""

from __future__ import annotations

import threading
from typing import Any, Tuple

import pytest

import wholesale_core as wc

numpy = pytest.importorskip("numpy")


def columns(audio: Any) -> Tuple[Any, ...]:
    """classify_columns' eight columns: audio as given, no video, desk phones on IPv4."""
    n = len(audio)
    none = numpy.full(n, numpy.nan)
    return (
        audio,
        numpy.zeros(n),
        numpy.zeros(n),
        none,
        none,
        none,
        numpy.full(n, wc.endpoint_type_codes()["desk_phone"], dtype=numpy.uint8),
        numpy.full(n, 4, dtype=numpy.uint8),
    )


def test_r_cq_01_nan_jitter_is_a_stream_not_reported() -> None:
    jitter = numpy.random.default_rng(7).uniform(0, 60, size=10_000)
    jitter[::7] = numpy.nan
    out = wc.classify_columns(*columns(jitter))
    assert out.dtype == numpy.uint8
    reported = numpy.isfinite(jitter)
    # A leg whose audio jitter is NaN has no complete audio stream: it is
    # classified on the values it has, never read as 0 or refused.
    assert len(out) == len(jitter)
    assert set(numpy.unique(out[reported]).tolist()) <= {wc.VERDICT_GOOD, wc.VERDICT_POOR}


def test_read_only_arrays_are_accepted() -> None:
    values = numpy.arange(5.0)
    values.setflags(write=False)
    assert len(wc.classify_columns(*columns(values))) == 5


def test_runs_with_other_threads() -> None:
    # Several threads at once: the work runs with the GIL released.
    cols = columns(numpy.ones(2_000_000))
    results = []

    def work() -> None:
        results.append(len(wc.classify_columns(*cols)) == 2_000_000)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 4
