"""wholesale_core.arrow.classify_legs over every Arrow layout its block
reader treats apart (dictionaries of any key type, nulls, sliced buffers,
float32, chunked tables, string encodings): each gives exactly the verdicts
of classify_columns on the same values (R-CQ-01, R-CQ-02), and a refused
value is named by its row in the batch, in any block."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pytest

import wholesale_core as wc
from wholesale_core import arrow as wa
from test_arrow import CODES, METRICS, by_numpy, error_of, random_legs, to_table

#: Several blocks of the reader (1,024 legs), the last one partial.
N = 5_000
NAMES = {code: name for name, code in CODES.items()}


def verdicts(data: Any, **kwargs: Any) -> List[str]:
    got = wa.classify_legs(data, **kwargs).column("verdict")
    return list(got.to_pylist())


@pytest.mark.parametrize("key_type", [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()])
def test_r_cq_02_dictionary_endpoint_types_with_any_key_type_and_odd_dictionaries(key_type: Any) -> None:
    cols = random_legs(N, 11)
    expected = by_numpy(cols)
    table = to_table(cols)
    # A dictionary no encoder would write: entries no row uses (an unknown
    # spelling, a null), every type twice in other spellings, out of order.
    dictionary: List[Any] = ["fax_adapter", None]
    for code in sorted(NAMES, reverse=True):
        dictionary += [NAMES[code].upper().replace("_", " "), f"  {NAMES[code]}  "]
    where = {code: 2 + 2 * i for i, code in enumerate(sorted(NAMES, reverse=True))}
    keys = np.array([where[int(c)] + (row % 2) for row, c in enumerate(cols["endpoint_type"])])
    column = pa.DictionaryArray.from_arrays(pa.array(keys, key_type), pa.array(dictionary))
    odd = table.set_column(6, "endpoint_type", column)
    assert verdicts(odd) == expected
    assert verdicts(odd, verdict_type="dictionary") == expected
    # Large-string dictionary values read the same.
    large = pa.DictionaryArray.from_arrays(pa.array(keys, key_type), pa.array(dictionary, pa.large_string()))
    assert verdicts(table.set_column(6, "endpoint_type", large)) == expected
    # A row using the unknown entry, or the null one, is refused at its row
    # (in the third block).
    for entry, shown in ((0, '"fax_adapter"'), (1, "null")):
        bad_keys = keys.copy()
        bad_keys[2_100] = entry
        bad = pa.DictionaryArray.from_arrays(pa.array(bad_keys, key_type), pa.array(dictionary))
        err = error_of(lambda: wa.classify_legs(table.set_column(6, "endpoint_type", bad)))
        assert isinstance(err, wc.QualityError)
        assert (err.code, err.rule, err.field) == ("LEG_ENDPOINT_UNKNOWN", "R-CQ-02", "endpoint_type[2100]")
        assert str(err).find(shown) >= 0, str(err)


def test_r_cq_02_a_null_dictionary_key_is_refused_at_its_row() -> None:
    cols = random_legs(N, 12)
    table = to_table(cols)
    keys = pa.array([None if row == 4_999 else int(c) for row, c in enumerate(cols["endpoint_type"])], pa.int32())
    column = pa.DictionaryArray.from_arrays(keys, pa.array([NAMES[c] for c in sorted(NAMES)]))
    err = error_of(lambda: wa.classify_legs(table.set_column(6, "endpoint_type", column)))
    assert (err.code, err.field) == ("LEG_ENDPOINT_UNKNOWN", "endpoint_type[4999]")


@pytest.mark.parametrize("string_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_r_cq_02_every_string_encoding_of_endpoint_types_reads_the_same(string_type: Any) -> None:
    cols = random_legs(N, 13)
    table = to_table(cols)
    spelled: List[Optional[str]] = [NAMES[int(c)].upper() if row % 3 == 0 else NAMES[int(c)] for row, c in enumerate(cols["endpoint_type"])]
    column = pa.array(spelled, string_type)
    assert verdicts(table.set_column(6, "endpoint_type", column)) == by_numpy(cols)
    spelled[3_333] = None
    err = error_of(lambda: wa.classify_legs(table.set_column(6, "endpoint_type", pa.array(spelled, string_type))))
    assert (err.code, err.field) == ("LEG_ENDPOINT_UNKNOWN", "endpoint_type[3333]")


def with_nulls(cols: Dict[str, Any], float_type: Any) -> Dict[str, Any]:
    """The metrics with NaN as null, in `float_type`; the values rounded so
    float32 holds them exactly (and cols changed to match)."""
    data: Dict[str, Any] = {}
    for m in METRICS:
        cols[m] = np.round(cols[m])
        mask = np.isnan(cols[m])
        data[m] = pa.array(np.where(mask, 0, cols[m]).astype(float_type.to_pandas_dtype()), float_type, mask=mask)
    return data


@pytest.mark.parametrize("float_type", [pa.float64(), pa.float32()])
def test_r_cq_01_nulls_in_every_metric_read_as_not_reported(float_type: Any) -> None:
    cols = random_legs(N, 14)
    table = to_table(cols)
    data = with_nulls(cols, float_type)
    expected = by_numpy(cols)
    assert sum(data[m].null_count for m in METRICS) > N
    got = pa.table({**data, "endpoint_type": table.column("endpoint_type"), "ip_version": table.column("ip_version")})
    assert verdicts(got) == expected
    # Nulls and NaN mixed: the same.
    mixed = got.set_column(0, METRICS[0], pa.array(cols[METRICS[0]]).cast(float_type))
    assert verdicts(mixed) == expected
    # A column of type null: that metric is never reported.
    cols[METRICS[2]] = np.full(N, np.nan)
    absent = got.set_column(2, METRICS[2], pa.nulls(N))
    assert verdicts(absent) == by_numpy(cols)


def test_r_cq_02_a_null_or_other_ip_version_is_refused_in_any_block() -> None:
    cols = random_legs(N, 15)
    table = to_table(cols)
    for value, shown in ((None, "null"), (5, "5")):
        ips: List[Any] = [int(v) for v in cols["ip_version"]]
        ips[4_100] = value
        err = error_of(lambda: wa.classify_legs(table.set_column(7, "ip_version", pa.array(ips, pa.int8()))))
        assert (err.code, err.field) == ("LEG_IP_VERSION_INVALID", "ip_version[4100]")
        assert shown in str(err)


@pytest.mark.parametrize("offset", [1, 37, 1_024, 1_500])
def test_r_cq_01_sliced_arrays_read_from_their_offset(offset: int) -> None:
    cols = random_legs(N, 16)
    table = to_table(cols)
    data = with_nulls(cols, pa.float64())
    keys = pa.array(cols["endpoint_type"].astype(np.int16))
    whole = pa.table(
        {
            **data,
            "endpoint_type": pa.DictionaryArray.from_arrays(keys, pa.array([NAMES[c] for c in sorted(NAMES)])),
            "ip_version": table.column("ip_version"),
        }
    )
    sliced = whole.slice(offset, N - offset - 3)
    batch = sliced.combine_chunks().to_batches()[0]
    assert batch.column(0).offset == offset  # a view, not a copy
    expected = by_numpy(cols)[offset : N - 3]
    assert verdicts(batch) == expected
    assert verdicts(sliced) == expected
    # String endpoint types, sliced: the same.
    strings = pa.table({**data, "endpoint_type": table.column("endpoint_type"), "ip_version": table.column("ip_version")})
    assert verdicts(strings.slice(offset, N - offset - 3)) == expected


def test_r_cq_01_a_refused_metric_is_named_by_its_row_in_the_batch() -> None:
    cols = random_legs(N, 17)
    for m, row, value in (("audio_jitter_ms", 2_500, -1.0), ("video_loss_pct", 4_999, 101.0), ("audio_latency_ms", 0, float("inf"))):
        bad = {**cols, m: cols[m].copy()}
        bad[m][row] = value
        err = error_of(lambda: wa.classify_legs(to_table(bad)))
        assert isinstance(err, wc.QualityError)
        assert (err.code, err.field) == ("LEG_METRIC_INVALID", f"{m}[{row}]")
        numpy_err = error_of(lambda: by_numpy(bad))
        assert (numpy_err.code, numpy_err.field) == (err.code, err.field)
    # In a sliced batch the row counts from the slice's start.
    bad = {**cols, "audio_loss_pct": cols["audio_loss_pct"].copy()}
    bad["audio_loss_pct"][3_000] = -0.5
    err = error_of(lambda: wa.classify_legs(to_table(bad).slice(1_000)))
    assert err.field == "audio_loss_pct[2000]"


def test_r_cq_01_chunked_tables_of_mixed_types_give_the_numpy_verdicts() -> None:
    cols = random_legs(N, 18)
    table = to_table(cols)
    data = with_nulls(cols, pa.float32())
    expected = by_numpy(cols)
    # Columns chunked at different rows, float32 and float64 side by side.
    chunked: Dict[str, Any] = {}
    for i, m in enumerate(METRICS):
        values = data[m] if i % 2 == 0 else data[m].cast(pa.float64())
        cut = 700 * (i + 1)
        chunked[m] = pa.chunked_array([values.slice(0, cut), values.slice(cut)])
    chunked["endpoint_type"] = pa.chunked_array([table.column("endpoint_type").combine_chunks().slice(0, 2_222), table.column("endpoint_type").combine_chunks().slice(2_222)])
    chunked["ip_version"] = table.column("ip_version")
    got = wa.classify_legs(pa.table(chunked))
    assert isinstance(got, pa.Table)
    assert got.column("verdict").to_pylist() == expected
    assert wa.classify_legs(pa.table(chunked), verdict_type="dictionary").column("verdict").to_pylist() == expected
