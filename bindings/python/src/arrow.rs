//! Arrow in and out (the PyCapsule interface, through `pyo3-arrow`): the
//! call-leg classifier (R-CQ-01, R-CQ-02), the two-step weekly aggregates
//! (R-CQ-03), bulk CSV prechecks (R-CSV), the import plan's rows and the KPI
//! dashboard (R-KPI) over Arrow batches and streams from pyarrow, polars,
//! DuckDB or Spark's `mapInArrow`. Columns are read in place where the
//! layout allows (float64 without nulls, pass-through columns) and every
//! value is handed to the core: no rule is written here. The Python module
//! `wholesale_core.arrow` converts the results to the caller's library.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, DictionaryArray, Int64Array, RecordBatch, RecordBatchOptions, StringArray,
    TimestampMicrosecondArray, UInt8Array,
};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef, TimeUnit};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatch, PyTable};
use serde::Serialize;
use wholesale_core::codes::Code;
use wholesale_core::csv_import::{self, ImportOptions, ImportPlan, OrgSnapshot};
use wholesale_core::input::deserialize_arg;
use wholesale_core::kpi::{self, KpiOptions};
use wholesale_core::problem::{AsProblem, Problem};
use wholesale_core::quality::{
    EndpointType, QualityPartial, QualityPartials, QualityPolicy, Verdict,
};
use wholesale_core::subscription::{ProductLine, Subscription};

mod legs;

use legs::{endpoint_types, Legs};

use crate::convert::{arg, checked_options, constant, day, to_py};
use crate::errors::{
    detached, guard, input_error, problem_error, CsvImportError, QualityError, ValidationError,
};

/// Why a batch cannot be used: an argument or column of the wrong shape
/// (`InputError`), or a value a rule refuses (the core's problem, raised as
/// the exception of its module).
enum Refusal {
    Input { field: String, message: String },
    Quality(Problem),
    CsvImport(Problem),
}

type Refused<T> = Result<T, Refusal>;

impl Refusal {
    fn input(field: impl Into<String>, message: impl Into<String>) -> Refusal {
        Refusal::Input {
            field: field.into(),
            message: message.into(),
        }
    }

    fn raise(self, py: Python<'_>) -> PyErr {
        match self {
            Refusal::Input { field, message } => input_error(py, &field, &message),
            Refusal::Quality(problem) => problem_error::<QualityError>(py, &problem),
            Refusal::CsvImport(problem) => problem_error::<CsvImportError>(py, &problem),
        }
    }
}

impl From<wholesale_core::quality::QualityError> for Refusal {
    fn from(err: wholesale_core::quality::QualityError) -> Refusal {
        Refusal::Quality(err.to_problem())
    }
}

/// The batches of any Arrow object: one for `__arrow_c_array__`, every batch
/// of `__arrow_c_stream__` (read to its end), and whether it was a stream.
fn batches(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<(Vec<RecordBatch>, SchemaRef, bool)> {
    let py = obj.py();
    let not_arrow = |err: PyErr| {
        input_error(
            py,
            name,
            &format!(
                "{name} is not an Arrow record batch or stream (an object with \
                 __arrow_c_array__ or __arrow_c_stream__, such as pyarrow.RecordBatch, \
                 pyarrow.Table or polars.DataFrame): {err}"
            ),
        )
    };
    match obj.extract::<AnyRecordBatch>().map_err(not_arrow)? {
        AnyRecordBatch::RecordBatch(batch) => {
            let batch = batch.into_inner();
            let schema = batch.schema();
            Ok((vec![batch], schema, false))
        }
        AnyRecordBatch::Stream(stream) => {
            let table = AnyRecordBatch::Stream(stream)
                .into_table()
                .map_err(|err| not_arrow(err.into()))?;
            let (batches, schema) = table.into_inner();
            Ok((batches, schema, true))
        }
    }
}

/// The result object: a record batch for a batch input, a table for a stream.
fn output<'py>(
    py: Python<'py>,
    batches: Vec<RecordBatch>,
    schema: SchemaRef,
    stream: bool,
) -> PyResult<Bound<'py, PyAny>> {
    match (stream, batches.len()) {
        (false, 1) => {
            let batch = batches.into_iter().next().map(PyRecordBatch::new);
            Ok(Bound::new(
                py,
                batch.unwrap_or_else(|| PyRecordBatch::new(RecordBatch::new_empty(schema))),
            )?
            .into_any())
        }
        _ => Ok(Bound::new(py, PyTable::try_new(batches, schema)?)?.into_any()),
    }
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> Refused<&'a ArrayRef> {
    batch.column_by_name(name).ok_or_else(|| {
        let have: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        Refusal::input(
            name,
            format!(
                "the batch has no column {name} (its columns: {})",
                have.join(", ")
            ),
        )
    })
}

fn wrong_type(name: &str, found: &DataType, expected: &str) -> Refusal {
    Refusal::input(
        name,
        format!("column {name} is {found}; expected {expected}"),
    )
}

fn cast(col: &ArrayRef, to: &DataType, name: &str) -> Refused<ArrayRef> {
    arrow_cast::cast(col, to).map_err(|err| Refusal::input(name, format!("column {name}: {err}")))
}

fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// A string (or dictionary of strings) column as a `StringArray`.
fn text(batch: &RecordBatch, name: &str) -> Refused<StringArray> {
    let col = column(batch, name)?;
    match col.data_type() {
        t if is_text(t) => Ok(cast(col, &DataType::Utf8, name)?.as_string::<i32>().clone()),
        DataType::Dictionary(_, v) if is_text(v) => {
            Ok(cast(col, &DataType::Utf8, name)?.as_string::<i32>().clone())
        }
        other => Err(wrong_type(name, other, "string or dictionary of strings")),
    }
}

/// How the verdict column is written.
#[derive(Clone, Copy)]
enum VerdictColumn {
    String,
    Dictionary,
}

/// The verdicts' names as the core serializes them (`not_measured`, `good`, `poor`).
fn verdict_names() -> Vec<String> {
    (0..=Verdict::POOR)
        .map(|code| {
            Verdict::from_code(code)
                .and_then(|v| serde_json::to_value(v).ok())
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect()
}

/// The verdict column of a batch's legs: the core's codes as the keys of a
/// dictionary of the verdicts' names, or as those names.
fn with_verdicts(
    batch: &RecordBatch,
    policy: &QualityPolicy,
    kind: VerdictColumn,
    schema: &SchemaRef,
) -> Refused<RecordBatch> {
    let mut keys = vec![0_u8; batch.num_rows()];
    Legs::read(batch)?.classify(policy, &mut keys, None)?;
    let names = StringArray::from(verdict_names());
    let verdicts: ArrayRef = match kind {
        VerdictColumn::Dictionary => Arc::new(
            DictionaryArray::try_new(UInt8Array::from(keys), Arc::new(names))
                .map_err(|err| Refusal::input("verdict", err.to_string()))?,
        ),
        VerdictColumn::String => Arc::new(verdict_strings(&keys, &names)?),
    };
    let mut columns = batch.columns().to_vec();
    columns.push(verdicts);
    RecordBatch::try_new(schema.clone(), columns)
        .map_err(|err| Refusal::input("batch", err.to_string()))
}

/// Slack after the last name: every name is written with one copy of this
/// many bytes, the next name overwriting what is past its end (a copy of
/// fixed length is one vector store; a copy of the name's length is a call).
const NAME_COPY: usize = 16;

/// The verdict codes as a string column of `names` (by code): the offsets
/// first (a running sum of the names' lengths), then the bytes, each row's
/// copy independent of the others.
fn verdict_strings(codes: &[u8], names: &StringArray) -> Refused<StringArray> {
    let mut padded = [[0_u8; NAME_COPY]; 256];
    let mut lengths = [0_i32; 256];
    for ((slot, length), name) in padded.iter_mut().zip(&mut lengths).zip(names.iter()) {
        let name = name.unwrap_or_default().as_bytes();
        slot.get_mut(..name.len())
            .ok_or_else(|| Refusal::input("verdict", "a verdict name longer than 16 bytes"))?
            .copy_from_slice(name);
        *length = i32::try_from(name.len()).unwrap_or(i32::MAX);
    }
    if codes
        .iter()
        .max()
        .is_some_and(|&c| usize::from(c) >= names.len())
    {
        return Err(Refusal::input(
            "verdict",
            "a verdict code the core does not give",
        ));
    }
    let total: u64 = codes.iter().map(|&c| lengths[usize::from(c)] as u64).sum();
    let total = i32::try_from(total)
        .map_err(|_| Refusal::input("verdict", "more than 2 GiB of verdict text in one batch"))?;
    let mut offsets: Vec<i32> = Vec::with_capacity(codes.len() + 1);
    offsets.push(0);
    let mut end = 0_i32;
    offsets.extend(codes.iter().map(|&c| {
        end += lengths[usize::from(c)];
        end
    }));
    let mut bytes = vec![0_u8; total as usize + NAME_COPY];
    for (&start, &code) in offsets.iter().zip(codes) {
        let start = start as usize;
        bytes[start..start + NAME_COPY].copy_from_slice(&padded[usize::from(code)]);
    }
    bytes.truncate(total as usize);
    StringArray::try_new(
        arrow_buffer::OffsetBuffer::new(offsets.into()),
        bytes.into(),
        None,
    )
    .map_err(|err| Refusal::input("verdict", err.to_string()))
}

fn verdict_kind(py: Python<'_>, text: &str) -> PyResult<VerdictColumn> {
    match text {
        "string" => Ok(VerdictColumn::String),
        "dictionary" => Ok(VerdictColumn::Dictionary),
        _ => Err(input_error(
            py,
            "verdict_type",
            &format!("verdict_type is {text:?}; give \"string\" or \"dictionary\""),
        )),
    }
}

/// The call legs of an Arrow batch or stream with a `verdict` column added
/// (R-CQ-01, R-CQ-02): exactly `classify_columns` on the same values.
/// Columns: the six metrics (float64 or float32, null or NaN = not
/// reported), `endpoint_type` (string or dictionary), `ip_version` (any
/// integer type). A record batch gives a record batch, a stream a table.
#[pyfunction]
#[pyo3(signature = (
    data: "ArrowData",
    *,
    policy: "Optional[QualityPolicy]" = None,
    verdict_type: "VerdictColumnType" = "string",
) -> "ArrowData")]
fn classify_legs_arrow<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
    verdict_type: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let policy: QualityPolicy = checked_options::<QualityError, _>(policy, "policy")?;
        let kind = verdict_kind(py, verdict_type)?;
        let (input, schema, stream) = batches(data, "data")?;
        if schema.column_with_name("verdict").is_some() {
            return Err(input_error(
                py,
                "verdict",
                "the batch already has a verdict column",
            ));
        }
        let verdict_type = match kind {
            VerdictColumn::String => DataType::Utf8,
            VerdictColumn::Dictionary => {
                DataType::Dictionary(Box::new(DataType::UInt8), Box::new(DataType::Utf8))
            }
        };
        let mut fields: Vec<FieldRef> = schema.fields().iter().cloned().collect();
        fields.push(Arc::new(Field::new("verdict", verdict_type, false)));
        let out_schema = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
        let out = detached(py, || {
            input
                .iter()
                .map(|b| with_verdicts(b, &policy, kind, &out_schema))
                .collect::<Refused<Vec<_>>>()
        })?
        .map_err(|r| r.raise(py))?;
        output(py, out, out_schema, stream)
    })
}

/// Instants of a timestamp column with a time zone; a naive timestamp is
/// refused (its week would depend on where it runs), a null is `null_code`.
fn instants(
    batch: &RecordBatch,
    name: &str,
    prefix: &str,
    null_code: Code,
) -> Refused<Vec<DateTime<Utc>>> {
    let col = column(batch, name)?;
    let DataType::Timestamp(unit, Some(_)) = col.data_type() else {
        return Err(wrong_type(
            name,
            col.data_type(),
            "a timestamp with a time zone (a naive timestamp has no R-KPI-12 week; \
             mark it UTC, e.g. polars .dt.replace_time_zone(\"UTC\"))",
        ));
    };
    let raw = cast(col, &DataType::Int64, name)?;
    raw.as_primitive::<Int64Type>()
        .iter()
        .enumerate()
        .map(|(row, v)| {
            let instant = v.and_then(|v| match unit {
                TimeUnit::Second => DateTime::from_timestamp(v, 0),
                TimeUnit::Millisecond => DateTime::from_timestamp_millis(v),
                TimeUnit::Microsecond => DateTime::from_timestamp_micros(v),
                TimeUnit::Nanosecond => Some(DateTime::from_timestamp_nanos(v)),
            });
            instant.ok_or_else(|| {
                Refusal::Quality(Problem::new(
                    null_code,
                    format!("{prefix}{name}[{row}]"),
                    format!("{name} is null or out of range at row {row}"),
                ))
            })
        })
        .collect()
}

/// The names of the partial rows' columns: the core's `QualityPartial` fields.
fn partial_fields() -> Fields {
    let micros = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
    Fields::from(vec![
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("week_start", micros, false),
        Field::new("endpoint_type", DataType::Utf8, false),
        Field::new("legs", DataType::Int64, false),
        Field::new("measured", DataType::Int64, false),
        Field::new("poor", DataType::Int64, false),
    ])
}

fn partials_batch(rows: &[QualityPartial]) -> Refused<RecordBatch> {
    let count = |f: fn(&QualityPartial) -> u64, name: &str| -> Refused<ArrayRef> {
        let values = rows
            .iter()
            .map(|r| i64::try_from(f(r)).map_err(|_| Refusal::input(name, "a count above 2^63")))
            .collect::<Refused<Vec<i64>>>()?;
        Ok(Arc::new(Int64Array::from(values)))
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.customer_id.as_str()),
        )),
        Arc::new(
            TimestampMicrosecondArray::from_iter_values(
                rows.iter().map(|r| r.week_start.timestamp_micros()),
            )
            .with_timezone("UTC"),
        ),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.endpoint_type.as_str()),
        )),
        count(|r| r.legs, "legs")?,
        count(|r| r.measured, "measured")?,
        count(|r| r.poor, "poor")?,
    ];
    RecordBatch::try_new(Arc::new(Schema::new(partial_fields())), columns)
        .map_err(|err| Refusal::input("partials", err.to_string()))
}

/// The map step of the weekly aggregates (R-CQ-03): the legs of a batch (the
/// columns of `classify_legs` plus `customer_id` and `start_time`, a
/// timestamp with a time zone) classified and counted by customer,
/// R-KPI-12 week and endpoint type. Returns one record batch of partial
/// rows (`customer_id`, `week_start`, `endpoint_type`, `legs`, `measured`,
/// `poor`) for the engine to sum by the first three.
#[pyfunction]
#[pyo3(signature = (data: "ArrowData", *, policy: "Optional[QualityPolicy]" = None) -> "ArrowArrayExportable")]
fn quality_partials_arrow<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let policy: QualityPolicy = checked_options::<QualityError, _>(policy, "policy")?;
        let (input, _, _) = batches(data, "data")?;
        let out = detached(py, || -> Refused<RecordBatch> {
            let mut partials = QualityPartials::default();
            for batch in &input {
                let mut verdicts = vec![0_u8; batch.num_rows()];
                let mut endpoints = vec![0_u8; batch.num_rows()];
                Legs::read(batch)?.classify(&policy, &mut verdicts, Some(&mut endpoints))?;
                let customers = text(batch, "customer_id")?;
                let starts = instants(batch, "start_time", "", Code::LegTimeInvalid)?;
                for (row, customer) in customers.iter().enumerate() {
                    let customer = customer.filter(|c| !c.is_empty()).ok_or_else(|| {
                        Refusal::Quality(Problem::new(
                            Code::LegFieldRequired,
                            format!("customer_id[{row}]"),
                            format!("customer_id is null or empty at row {row}"),
                        ))
                    })?;
                    let verdict = Verdict::from_code(verdicts[row]).unwrap_or(Verdict::NotMeasured);
                    let endpoint = EndpointType::from_code(endpoints[row])
                        .ok_or_else(|| Refusal::input("endpoint_type", "unknown endpoint code"))?;
                    partials.add(customer, starts[row], endpoint, verdict);
                }
            }
            partials_batch(&partials.to_rows())
        })?
        .map_err(|r| r.raise(py))?;
        Ok(Bound::new(py, PyRecordBatch::new(out))?.into_any())
    })
}

/// A count column of partial rows (any integer or decimal type with scale 0,
/// as engines type their sums) as u64; a negative or null count is
/// QUALITY_PARTIAL_INVALID.
fn counts(batch: &RecordBatch, name: &str, offset: usize) -> Refused<Vec<u64>> {
    let col = column(batch, name)?;
    let exact = match col.data_type() {
        t if t.is_integer() => true,
        DataType::Decimal128(_, 0) | DataType::Decimal256(_, 0) => true,
        _ => false,
    };
    if !exact {
        return Err(wrong_type(
            name,
            col.data_type(),
            "an integer type (a sum of legs)",
        ));
    }
    let wide = cast(col, &DataType::Decimal128(38, 0), name)?;
    wide.as_primitive::<Decimal128Type>()
        .iter()
        .enumerate()
        .map(|(row, v)| {
            v.and_then(|v| u64::try_from(v).ok()).ok_or_else(|| {
                Refusal::Quality(Problem::new(
                    Code::QualityPartialInvalid,
                    format!("partials[{}].{name}", offset + row),
                    format!(
                        "{name} is null, negative or above 2^64 at row {}",
                        offset + row
                    ),
                ))
            })
        })
        .collect()
}

/// The finishing step (R-CQ-03): summed partial rows (any split, any order,
/// keys repeated or not) into the weekly report as of a day (R-KPI-12),
/// the same as `weekly_quality_report` over the same legs.
#[pyfunction]
#[pyo3(signature = (partials: "ArrowData", as_of: "Day") -> "QualityReport")]
fn quality_report_arrow<'py>(
    py: Python<'py>,
    partials: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let as_of = day(as_of, "as_of")?;
        let (input, _, _) = batches(partials, "partials")?;
        let report = detached(py, || -> Refused<_> {
            let mut summed = QualityPartials::default();
            let mut offset = 0;
            for batch in &input {
                let customers = text(batch, "customer_id")?;
                let weeks = instants(
                    batch,
                    "week_start",
                    "partials.",
                    Code::QualityPartialInvalid,
                )?;
                let endpoints = endpoint_types(batch, "endpoint_type")?;
                let legs = counts(batch, "legs", offset)?;
                let measured = counts(batch, "measured", offset)?;
                let poor = counts(batch, "poor", offset)?;
                for row in 0..batch.num_rows() {
                    let partial = QualityPartial {
                        customer_id: if customers.is_valid(row) {
                            customers.value(row).to_owned()
                        } else {
                            String::new()
                        },
                        week_start: weeks[row],
                        endpoint_type: endpoints[row],
                        legs: legs[row],
                        measured: measured[row],
                        poor: poor[row],
                    };
                    summed
                        .add_row(offset + row, &partial)
                        .map_err(|err| Refusal::Quality(err.to_problem()))?;
                }
                offset += batch.num_rows();
            }
            Ok(summed.report(as_of))
        })?
        .map_err(|r| r.raise(py))?;
        to_py(py, &report)
    })
}

/// Rows of `T` as a record batch of `schema`, through the core's serde
/// form; strict, so a field the schema lacks is an error rather than a
/// dropped column.
fn serialized<T: Serialize>(rows: &[T], schema: SchemaRef) -> Refused<RecordBatch> {
    let fail = |err: arrow_schema::ArrowError| Refusal::input("rows", err.to_string());
    let mut decoder = arrow_json::ReaderBuilder::new(schema.clone())
        .with_strict_mode(true)
        .with_batch_size(rows.len().max(1))
        .build_decoder()
        .map_err(fail)?;
    decoder.serialize(rows).map_err(fail)?;
    Ok(decoder
        .flush()
        .map_err(fail)?
        .unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

/// The Arrow type of a problem: the six keys of the core's `Problem`.
fn problem_type() -> DataType {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    DataType::Struct(Fields::from(vec![
        text("code", false),
        text("rule", true),
        text("severity", true),
        text("field", true),
        // Int64, not UInt64: Spark has no unsigned types.
        Field::new("line", DataType::Int64, true),
        text("message", false),
    ]))
}

fn problems_type() -> DataType {
    DataType::List(Arc::new(Field::new("item", problem_type(), true)))
}

fn ids_type() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// The import plan's rows as a record batch, one row per CSV data row, the
/// columns of the core's `RowOutcome` JSON.
pub fn plan_rows<'py>(py: Python<'py>, plan: &ImportPlan) -> PyResult<Bound<'py, PyAny>> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("line", DataType::Int64, false),
        Field::new("last_line", DataType::Int64, false),
        Field::new("email", DataType::Utf8, false),
        Field::new("action", DataType::Utf8, false),
        Field::new("package", DataType::Utf8, true),
        Field::new("assign", ids_type(), false),
        Field::new("remove", ids_type(), false),
        Field::new("errors", problems_type(), false),
        Field::new("warnings", problems_type(), false),
    ]));
    let batch = detached(py, || serialized(&plan.rows, schema))?.map_err(|r| r.raise(py))?;
    Ok(Bound::new(py, PyRecordBatch::new(batch))?.into_any())
}

/// One file's result in `check_csv_files`.
#[derive(Serialize)]
struct FileCheck<'a> {
    #[serde(flatten)]
    summary: csv_import::Summary,
    has_rejections: bool,
    problems: Vec<&'a Problem>,
}

impl<'a> FileCheck<'a> {
    fn of(plan: &'a ImportPlan) -> FileCheck<'a> {
        let rows = plan
            .rows
            .iter()
            .flat_map(|r| r.errors.iter().chain(&r.warnings));
        FileCheck {
            summary: plan.summary,
            has_rejections: plan.has_rejections(),
            problems: plan
                .file_errors
                .iter()
                .chain(&plan.file_warnings)
                .chain(rows)
                .collect(),
        }
    }
}

/// The summary columns: the keys of the core's `Summary` JSON, as int64.
fn summary_fields() -> Vec<Field> {
    let keys = serde_json::to_value(csv_import::Summary::default())
        .ok()
        .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
        .unwrap_or_default();
    keys.into_iter()
        .map(|k| Field::new(k, DataType::Int64, false))
        .collect()
}

/// Optional per-file text (a snapshot's JSON, a behavior); null = not given.
fn optional_text(batch: &RecordBatch, name: Option<&str>) -> Refused<Option<StringArray>> {
    name.map(|n| {
        let col = column(batch, n)?;
        match col.data_type() {
            DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
                // JSON text must be UTF-8: the cast refuses it otherwise.
                Ok(cast(col, &DataType::Utf8, n)?.as_string::<i32>().clone())
            }
            _ => text(batch, n),
        }
    })
    .transpose()
}

fn check_files(
    batch: &RecordBatch,
    data_column: &str,
    org_column: Option<&str>,
    behavior_column: Option<&str>,
    offset: usize,
) -> Refused<RecordBatch> {
    let col = column(batch, data_column)?;
    let data = match col.data_type() {
        DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View => cast(col, &DataType::LargeBinary, data_column)?,
        other => {
            return Err(wrong_type(
                data_column,
                other,
                "binary (the CSV files' bytes) or string",
            ))
        }
    };
    let data = data.as_binary::<i64>();
    let orgs = optional_text(batch, org_column)?;
    let behaviors = optional_text(batch, behavior_column)?;
    let mut plans = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let at = |name: &str| format!("{name}[{}]", offset + row);
        if data.is_null(row) {
            return Err(Refusal::input(
                at(data_column),
                format!("the file at row {} is null", offset + row),
            ));
        }
        let mut options = ImportOptions::default();
        if let (Some(name), Some(b)) = (
            behavior_column,
            behaviors.as_ref().filter(|b| b.is_valid(row)),
        ) {
            let value = serde_json::json!({ "behavior": b.value(row) });
            options = deserialize_arg::<ImportOptions, _>(value, "options")
                .map_err(|err| Refusal::input(at(name), err.to_string()))?;
        }
        if let (Some(name), Some(o)) = (org_column, orgs.as_ref().filter(|o| o.is_valid(row))) {
            let org = OrgSnapshot::from_json(o.value(row)).map_err(|err| {
                let problem = err.to_problem();
                let inner = problem.field.clone().unwrap_or_default();
                Refusal::CsvImport(problem.in_field(format!("{}.{inner}", at(name))))
            })?;
            options = options.with_org(org);
        }
        plans.push(csv_import::check_bytes(data.value(row), &options));
    }
    let mut fields = summary_fields();
    fields.push(Field::new("has_rejections", DataType::Boolean, false));
    fields.push(Field::new("problems", problems_type(), false));
    let checks: Vec<FileCheck<'_>> = plans.iter().map(FileCheck::of).collect();
    let results = serialized(&checks, Arc::new(Schema::new(fields)))?;
    // The caller's other columns (its customer key, say) stay beside the results.
    let skipped = [Some(data_column), org_column, behavior_column];
    let schema = batch.schema();
    let mut out_fields: Vec<FieldRef> = Vec::new();
    let mut out_columns: Vec<ArrayRef> = Vec::new();
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        if !skipped.contains(&Some(field.name().as_str())) {
            out_fields.push(field.clone());
            out_columns.push(column.clone());
        }
    }
    for (field, column) in results.schema().fields().iter().zip(results.columns()) {
        if out_fields.iter().any(|f| f.name() == field.name()) {
            return Err(Refusal::input(
                field.name(),
                format!("the batch already has a column {}", field.name()),
            ));
        }
        out_fields.push(field.clone());
        out_columns.push(column.clone());
    }
    let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(out_fields)), out_columns, &options)
        .map_err(|err| Refusal::input("batch", err.to_string()))
}

/// Bulk CSV prechecks (R-CSV-01..21): one import plan per row of a batch
/// whose `data_column` holds a user CSV file (binary or string), with an
/// optional column of org snapshots (JSON text) and of import behaviors
/// (null = the default). Returns one row per file: the other input columns,
/// the plan's summary counts, `has_rejections` and `problems` (file
/// problems, then every row's errors and warnings with their line).
#[pyfunction]
#[pyo3(signature = (
    data: "ArrowData",
    *,
    data_column: "str" = "data",
    org_column: "Optional[str]" = None,
    behavior_column: "Optional[str]" = None,
) -> "ArrowData")]
fn check_csv_files_arrow<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    data_column: &str,
    org_column: Option<&str>,
    behavior_column: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let (input, _, stream) = batches(data, "data")?;
        let out = detached(py, || {
            let mut offset = 0;
            let mut out = Vec::with_capacity(input.len());
            for batch in &input {
                out.push(check_files(
                    batch,
                    data_column,
                    org_column,
                    behavior_column,
                    offset,
                )?);
                offset += batch.num_rows();
            }
            Ok::<_, Refusal>(out)
        })?
        .map_err(|r| r.raise(py))?;
        let schema = match out.first() {
            Some(b) => b.schema(),
            None => Arc::new(Schema::empty()),
        };
        output(py, out, schema, stream)
    })
}

/// Rows of Arrow batches as JSON values (nested structs as objects, dates
/// as ISO text, nulls left out), for the core's serde types.
fn json_rows(batches: &[RecordBatch]) -> Refused<serde_json::Value> {
    let mut writer = arrow_json::ArrayWriter::new(Vec::new());
    for batch in batches {
        writer
            .write(batch)
            .map_err(|err| Refusal::input("subscriptions", err.to_string()))?;
    }
    writer
        .finish()
        .map_err(|err| Refusal::input("subscriptions", err.to_string()))?;
    let bytes = writer.into_inner();
    if bytes.is_empty() {
        return Ok(serde_json::Value::Array(Vec::new()));
    }
    serde_json::from_slice(&bytes).map_err(|err| Refusal::input("subscriptions", err.to_string()))
}

/// Every KPI of `product` as of a day (R-KPI-01..12) from an Arrow table of
/// subscriptions: one row per subscription, the columns of the core's
/// `Subscription` (`licenses` a struct), read by the same serde rules as
/// `kpi_dashboard`'s dicts (a wrong value raises `InputError` naming
/// `subscriptions[row].field`).
#[pyfunction]
#[pyo3(signature = (
    subscriptions: "ArrowData",
    product: "ProductLine",
    as_of: "Day",
    options: "Optional[KpiOptions]" = None,
) -> "KpiDashboard")]
fn kpi_dashboard_arrow<'py>(
    py: Python<'py>,
    subscriptions: &Bound<'py, PyAny>,
    product: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: ProductLine = arg(product, "product")?;
        let as_of = day(as_of, "as_of")?;
        let options: KpiOptions = checked_options::<ValidationError, _>(options, "options")?;
        let (input, _, _) = batches(subscriptions, "subscriptions")?;
        let subs = detached(py, || -> Refused<Vec<Subscription>> {
            deserialize_arg(json_rows(&input)?, "subscriptions")
                .map_err(|err| Refusal::input(err.field.clone(), err.to_string()))
        })?
        .map_err(|r| r.raise(py))?;
        let dashboard = detached(py, || kpi::dashboard(&subs, product, as_of, &options))?;
        to_py(py, &dashboard)
    })
}

/// The result columns of `check_csv_files` besides the caller's, in order.
#[pyfunction]
#[pyo3(signature = () -> "List[str]")]
fn csv_file_check_columns() -> Vec<String> {
    let mut names: Vec<String> = summary_fields().iter().map(|f| f.name().clone()).collect();
    names.extend(["has_rejections".to_owned(), "problems".to_owned()]);
    names
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify_legs_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(quality_partials_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(quality_report_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(check_csv_files_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(kpi_dashboard_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(csv_file_check_columns, m)?)?;
    let keys: Vec<String> = partial_fields()
        .iter()
        .take(3)
        .map(|f| f.name().clone())
        .collect();
    let sums: Vec<String> = partial_fields()
        .iter()
        .skip(3)
        .map(|f| f.name().clone())
        .collect();
    constant(m, "QUALITY_PARTIAL_KEYS", keys, "List[str]")?;
    constant(m, "QUALITY_PARTIAL_SUMS", sums, "List[str]")?;
    Ok(())
}
