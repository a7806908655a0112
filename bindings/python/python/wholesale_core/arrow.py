"""The rules over Apache Arrow data: pyarrow, polars, DuckDB, Spark's
``mapInArrow``, or anything with the Arrow PyCapsule interface
(``__arrow_c_array__`` / ``__arrow_c_stream__``).

Columns are read in place where the layout allows (float64 without nulls,
every column passed through), the work runs in Rust without the GIL, and the
result comes back in the caller's library: a ``pyarrow.RecordBatch`` for a
``pyarrow.RecordBatch`` (what ``mapInArrow`` expects), a ``pyarrow.Table``
for a ``pyarrow.Table`` or ``RecordBatchReader``, a ``polars.DataFrame`` for
a ``polars.DataFrame``; anything else comes back as pyarrow (installed with
the ``arrow`` extra). Bad input raises the package's typed errors: a missing
column or a wrong type ``InputError`` naming the column; a value a rule
refuses the rule's error (``QualityError`` with ``LEG_ENDPOINT_UNKNOWN`` in
``field="endpoint_type[12]"``, for example).

Functions (see docs/python.md, "Arrow"):

- ``classify_legs(batch)``: the legs plus a ``verdict`` column (R-CQ-01, R-CQ-02).
- ``quality_partials(batch)``: the map step of the weekly report (R-CQ-03):
  partial counts by ``QUALITY_PARTIAL_KEYS`` (customer, R-KPI-12 week,
  endpoint type) for the engine to sum (``QUALITY_PARTIAL_SUMS``) with its
  own group-by; ``quality_report(summed, as_of)`` finishes it.
- ``check_csv_files(batch)``: one import plan per CSV file in a binary column.
- ``kpi_dashboard(subscriptions, product, as_of)``: KPIs from an Arrow table.
- ``ImportPlan.to_arrow()`` (on ``check_csv``'s result): the plan's rows.
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from . import _lowlevel
from ._types import (
    ArrowArrayExportable,
    ArrowData,
    ArrowStreamExportable,
    Day,
    KpiDashboard,
    KpiOptions,
    ProductLine,
    QualityPolicy,
    QualityReport,
    VerdictColumnType,
)

__all__ = [
    "ArrowArrayExportable",
    "ArrowData",
    "ArrowStreamExportable",
    "CSV_FILE_CHECK_COLUMNS",
    "QUALITY_PARTIAL_KEYS",
    "QUALITY_PARTIAL_SUMS",
    "VerdictColumnType",
    "check_csv_files",
    "classify_legs",
    "kpi_dashboard",
    "quality_partials",
    "quality_report",
    "to_library_of",
]

#: The group-by keys of the partial rows: customer, week start, endpoint type.
QUALITY_PARTIAL_KEYS: Tuple[str, ...] = tuple(_lowlevel.QUALITY_PARTIAL_KEYS)
#: The partial rows' counts, summed by the engine.
QUALITY_PARTIAL_SUMS: Tuple[str, ...] = tuple(_lowlevel.QUALITY_PARTIAL_SUMS)
#: The columns ``check_csv_files`` adds beside the caller's.
CSV_FILE_CHECK_COLUMNS: Tuple[str, ...] = tuple(_lowlevel.csv_file_check_columns())


def _library(obj: object) -> str:
    return type(obj).__module__.split(".", 1)[0]


def to_library_of(source: object, result: ArrowData) -> Any:
    """``result`` (an Arrow batch or stream) as an object of ``source``'s
    library: polars for polars, pyarrow otherwise (a record batch stays a
    record batch, a stream becomes a table)."""
    if _library(source) == "polars":
        import polars as pl

        return pl.DataFrame(result)
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    if hasattr(result, "__arrow_c_array__"):
        return pa.record_batch(result)
    return pa.table(result)


def classify_legs(
    batch: ArrowData,
    *,
    policy: Optional[QualityPolicy] = None,
    verdict_type: VerdictColumnType = "string",
) -> Any:
    """The legs of ``batch`` with a ``verdict`` column (``good``, ``poor``,
    ``not_measured``; a string column, or ``verdict_type="dictionary"``):
    exactly the verdicts of ``classify_columns`` on the same values
    (R-CQ-01, R-CQ-02).

    Columns: ``audio_jitter_ms``, ``audio_latency_ms``, ``audio_loss_pct``,
    ``video_jitter_ms``, ``video_latency_ms``, ``video_loss_pct`` (float64
    or float32; null or NaN = stream not reported), ``endpoint_type``
    (string or dictionary of strings, the call-leg CSV's values),
    ``ip_version`` (any integer type, 4 or 6). Other columns pass through.
    """
    result = _lowlevel.classify_legs_arrow(batch, policy=policy, verdict_type=verdict_type)
    return to_library_of(batch, result)


def quality_partials(batch: ArrowData, *, policy: Optional[QualityPolicy] = None) -> Any:
    """The map step of the weekly quality report (R-CQ-03): the legs of
    ``batch`` (the columns of ``classify_legs`` plus ``customer_id`` and
    ``start_time``, a timestamp with a time zone) as partial rows, one per
    customer, R-KPI-12 week (``week_start``) and endpoint type, with the
    counts ``legs``, ``measured`` and ``poor`` (int64). Sum them by
    ``QUALITY_PARTIAL_KEYS`` in any engine, then call ``quality_report``.
    """
    return to_library_of(batch, _lowlevel.quality_partials_arrow(batch, policy=policy))


def quality_report(partials: ArrowData, as_of: Day) -> QualityReport:
    """The weekly report (R-CQ-03) as of a day from partial rows (summed by
    the engine fully, partly or not at all: rows with the same key add up):
    the same report as ``weekly_quality_report`` over the same legs, with
    ``rejected_rows`` empty. Rows no legs can give raise ``QualityError``
    (``QUALITY_PARTIAL_INVALID``, ``field="partials[row].column"``)."""
    return _lowlevel.quality_report_arrow(partials, as_of)


def check_csv_files(
    batch: ArrowData,
    *,
    data_column: str = "data",
    org_column: Optional[str] = None,
    behavior_column: Optional[str] = None,
) -> Any:
    """Bulk CSV prechecks (R-CSV-01..21): one import plan per row, the file
    in ``data_column`` (binary or string), its org snapshot's JSON in
    ``org_column`` and its import behavior in ``behavior_column`` (null =
    none / the default). One row per file: the other input columns, then
    ``CSV_FILE_CHECK_COLUMNS`` (the summary counts, ``has_rejections``,
    ``problems``: the file's problems then every row's, with their line),
    exactly ``check_csv`` per file."""
    result = _lowlevel.check_csv_files_arrow(
        batch,
        data_column=data_column,
        org_column=org_column,
        behavior_column=behavior_column,
    )
    return to_library_of(batch, result)


def kpi_dashboard(
    subscriptions: ArrowData,
    product: ProductLine,
    as_of: Day,
    options: Optional[KpiOptions] = None,
) -> KpiDashboard:
    """``wholesale_core.kpi_dashboard`` from an Arrow table of subscriptions
    (R-KPI-01..12): one row per subscription with the fields of the core's
    ``Subscription`` (``licenses`` a struct column; dates as date32 or ISO
    text). A value the core cannot read raises ``InputError`` naming
    ``subscriptions[row].field``."""
    return _lowlevel.kpi_dashboard_arrow(subscriptions, product, as_of, options)
