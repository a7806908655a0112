//! Partner Hub reports (`wholesale_core::report`, R-REP): reading and
//! writing by kind (the core's `ReportKind`), file names, region selector.

use pyo3::prelude::*;
use wholesale_core::org::DataRegion;
use wholesale_core::report::subscription_details::{self, SubscriptionDetailsRow};
use wholesale_core::report::{self, AnyReportRows, ReportFileName, ReportKind, ReportTable};
use wholesale_core::subscription::{self, ProductLine, Subscription, SubscriptionsRead};

use crate::convert::{arg, day, input_data, is_file_input, source_data, to_py, InputData};
use crate::errors::{detached, guard, input_error, internal_error, validation_error, Raise};
use wholesale_core::problem::Findings;

/// Reads `data` as a report of `kind` without the GIL; `ReportError` when
/// it cannot be read at all.
fn read(
    py: Python<'_>,
    kind: ReportKind,
    data: &InputData<'_>,
) -> PyResult<report::AnyReportTable> {
    let bytes = data.as_bytes();
    detached(py, || report::read_report_of_kind(kind, bytes))?.map_err(|err| err.to_pyerr(py))
}

/// Subscriptions from a list of dicts (accounted for: duplicates and IDs
/// with spaces around them reported, R-REP-05), or from a subscription
/// details report (file input) read as `read_report` reads it, with its
/// problems; of `product`, or of every product line with KPIs when `None`.
pub fn subscriptions(
    source: &Bound<'_, PyAny>,
    product: Option<ProductLine>,
) -> PyResult<SubscriptionsRead> {
    if !is_file_input(source)? {
        let subs: Vec<Subscription> = arg(source, "subscriptions")?;
        let mut read = subscription::account(subs);
        if let Some(product) = product {
            read.subscriptions.retain(|s| s.product == product);
        }
        return Ok(read);
    }
    let table = details(source.py(), &input_data(source, "data")?)?;
    Ok(subscription_details::subscriptions_of_table(
        &table, product,
    ))
}

/// A subscription details report read from file input.
pub fn details(
    py: Python<'_>,
    data: &InputData<'_>,
) -> PyResult<ReportTable<SubscriptionDetailsRow>> {
    match read(py, ReportKind::SubscriptionDetails, data)? {
        report::AnyReportTable::SubscriptionDetails(table) => Ok(table),
        _ => Err(internal_error(
            py,
            "a subscription details report read as another kind",
        )),
    }
}

/// The subscriptions of `product` in a subscription details report (rows
/// as `read_report("subscription_details", ...)` returns them, or the report
/// itself as file input), for `kpi_dashboard` (R-REP-02):
/// `{"subscriptions": [...], "problems": [...]}`, every row accounted for
/// (R-REP-05). `product=None`: every product line with KPIs.
#[pyfunction]
#[pyo3(signature = (
    report: "Union[Sequence[SubscriptionDetailsRowInput], FileInput]",
    product: "Optional[ProductLine]" = None,
) -> "SubscriptionsRead")]
fn subscriptions_from_report<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    product: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: Option<ProductLine> = product.map(|p| arg(p, "product")).transpose()?;
        if is_file_input(report)? {
            return to_py(py, &subscriptions(report, product)?);
        }
        let rows: Vec<SubscriptionDetailsRow> = arg(report, "report")?;
        to_py(py, &subscription_details::to_subscriptions(&rows, product))
    })
}

/// Reads a Partner Hub report of `kind`: `{"rows": [...], "problems": [...]}`
/// (R-REP-01). `data`: `bytes` (the content), a `str` or `os.PathLike` (a
/// path) or a binary file object; CSV text goes in `text=`. Missing columns
/// raise `ReportError` (REPORT_COLUMN_MISSING, one problem each).
#[pyfunction]
#[pyo3(signature = (
    kind: "ReportKind",
    data: "Optional[FileInput]" = None,
    *,
    text: "Optional[str]" = None,
) -> "AnyReportTable")]
fn read_report<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let kind: ReportKind = arg(kind, "kind")?;
        to_py(py, &read(py, kind, &source_data(py, data, text)?)?)
    })
}

/// Writes rows (dicts as `read_report` returns them) as the report's CSV
/// text, English headers, every cell neutralized (R-REP-01).
#[pyfunction]
#[pyo3(signature = (kind: "ReportKind", rows: "Sequence[AnyReportRow]") -> "str")]
fn write_report(
    py: Python<'_>,
    kind: &Bound<'_, PyAny>,
    rows: &Bound<'_, PyAny>,
) -> PyResult<String> {
    guard(py, || {
        let kind: ReportKind = arg(kind, "kind")?;
        let rows: Vec<serde_json::Value> = arg(rows, "rows")?;
        let rows = AnyReportRows::deserialize_kind(kind, serde_json::Value::Array(rows))
            .map_err(|err| input_error(py, "rows", &format!("rows: {err}")))?;
        let mut out = Vec::new();
        rows.write(&mut out).map_err(|err| err.to_pyerr(py))?;
        String::from_utf8(out).map_err(|err| internal_error(py, &err.to_string()))
    })
}

/// The report kinds `read_report` and `write_report` accept (`ReportKind::ALL`).
#[pyfunction]
#[pyo3(signature = () -> "List[ReportKind]")]
fn report_kinds(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || to_py(py, ReportKind::ALL))
}

/// `{template, id, date}` of a report file name (R-REP-03); an invalid name
/// raises `ValidationError` (REPORT_FILE_NAME_INVALID).
#[pyfunction]
#[pyo3(signature = (name: "str") -> "ReportFileNameDict")]
fn parse_report_file_name<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || match ReportFileName::parse(name) {
        Ok(parsed) => to_py(py, &parsed),
        Err(problem) => {
            let mut findings = Findings::default();
            findings.push(problem);
            Err(validation_error(py, &findings))
        }
    })
}

/// The report file name `<template>_<id>_<date>.csv` (R-REP-03); a name
/// that would not parse back to the same parts (an id with `_`, a template
/// with `/`) raises `ValidationError` (REPORT_FILE_NAME_INVALID, R-REP-05).
#[pyfunction]
#[pyo3(signature = (template: "str", id: "str", date: "Day", extension: "bool" = true) -> "str")]
fn report_file_name(
    py: Python<'_>,
    template: String,
    id: String,
    date: &Bound<'_, PyAny>,
    extension: bool,
) -> PyResult<String> {
    guard(py, || {
        let name = ReportFileName::new(template, id, day(date, "date")?).map_err(|problem| {
            let mut findings = Findings::default();
            findings.push(problem);
            validation_error(py, &findings)
        })?;
        Ok(if extension {
            name.file_name()
        } else {
            name.to_string()
        })
    })
}

/// The regions the Partner Hub region selector offers (R-REP-04).
#[pyfunction]
#[pyo3(signature = (regions: "Sequence[DataRegion]") -> "List[DataRegion]")]
fn region_selector<'py>(
    py: Python<'py>,
    regions: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let regions: Vec<DataRegion> = arg(regions, "regions")?;
        to_py(py, &report::region_selector(regions))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(subscriptions_from_report, m)?)?;
    m.add_function(wrap_pyfunction!(read_report, m)?)?;
    m.add_function(wrap_pyfunction!(write_report, m)?)?;
    m.add_function(wrap_pyfunction!(report_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(parse_report_file_name, m)?)?;
    m.add_function(wrap_pyfunction!(report_file_name, m)?)?;
    m.add_function(wrap_pyfunction!(region_selector, m)?)?;
    Ok(())
}
