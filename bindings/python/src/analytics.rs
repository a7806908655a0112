//! Customer status (R-STA), KPIs (R-KPI) and Partner Hub reports (R-REP).

use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wholesale_core::kpi::{self, KpiOptions};
use wholesale_core::org::{Customer, DataRegion};
use wholesale_core::report::{
    self, app_versions::AppVersionRow, calling_usage::CallingUsageRow, devices::DeviceRow,
    phone_numbers::PhoneNumberRow, subscription_details,
    subscription_details::SubscriptionDetailsRow, ReportFileName, ReportRow,
};
use wholesale_core::status::{self, CustomerFilter, StatusThresholds};
use wholesale_core::subscription::{ProductLine, Subscription};

use crate::convert::{day, from_py, input_data, options, to_py};
use crate::errors::{detached, guard, input_error, validation_error, CoreError};

/// Every status of `customer` as of a day: `{statuses, primary}` (R-STA).
#[pyfunction]
#[pyo3(signature = (customer, as_of, thresholds = None))]
fn customer_status<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = from_py(customer, "customer")?;
        let as_of = day(as_of, "as_of")?;
        let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
        to_py(py, &status::customer_status(&customer, as_of, &thresholds))
    })
}

/// The customers (plain dicts, as the core reads and writes them) that pass
/// `filter` as of a day, in their original order.
#[pyfunction]
#[pyo3(signature = (customers, as_of, filter = None, thresholds = None))]
fn filter_customers<'py>(
    py: Python<'py>,
    customers: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    filter: Option<&Bound<'py, PyAny>>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customers: Vec<Customer> = from_py(customers, "customers")?;
        let as_of = day(as_of, "as_of")?;
        let filter: CustomerFilter = options(filter, "filter")?;
        let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
        let kept = detached(py, || {
            status::filter_customers(&customers, &filter, as_of, &thresholds)
        })?;
        to_py(py, &kept)
    })
}

/// The status thresholds' findings (`STATUS_WINDOW_ZERO` warnings).
#[pyfunction]
#[pyo3(signature = (thresholds = None))]
fn check_status_thresholds<'py>(
    py: Python<'py>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
        to_py(py, &status::check_thresholds(&thresholds))
    })
}

/// Subscriptions from a list of dicts, or from a subscription details report
/// (`bytes | str | os.PathLike`) for `product`.
fn subscriptions(source: &Bound<'_, PyAny>, product: ProductLine) -> PyResult<Vec<Subscription>> {
    if source.is_instance_of::<PyList>() || source.is_instance_of::<pyo3::types::PyTuple>() {
        return from_py(source, "subscriptions");
    }
    let table = read_table::<SubscriptionDetailsRow>(source)?;
    Ok(subscription_details::to_subscriptions(&table.rows, product))
}

/// Every KPI of `product` as of a day (R-KPI-01..12), as the core's JSON.
/// `subscriptions` is a list of subscription dicts, or a subscription
/// details report (`bytes | str | os.PathLike`; rows it cannot read are left
/// out: use `read_report` to see them). Invalid `options` (KPI_PERCENTILE_INVALID,
/// KPI_RATIO_INVALID) raise `ValidationError`.
#[pyfunction]
#[pyo3(signature = (subscriptions, product, as_of, options = None))]
fn kpi_dashboard<'py>(
    py: Python<'py>,
    subscriptions: &Bound<'py, PyAny>,
    product: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: ProductLine = from_py(product, "product")?;
        let as_of = day(as_of, "as_of")?;
        let opts: KpiOptions = crate::convert::options(options, "options")?;
        let findings = opts.check();
        if !findings.is_valid() {
            return Err(validation_error(
                py,
                &findings.errors,
                &findings.iter().collect::<Vec<_>>(),
            ));
        }
        let subs = self::subscriptions(subscriptions, product)?;
        // The dashboard borrows `subs`: serialize it at once.
        let dashboard = detached(py, || kpi::dashboard(&subs, product, as_of, &opts))?;
        to_py(py, &dashboard)
    })
}

/// The subscriptions of `product` in a subscription details report
/// (rows as `read_report("subscription_details", ...)` returns them, or the
/// report itself), for `kpi_dashboard` (R-REP-02).
#[pyfunction]
fn subscriptions_from_report<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    product: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: ProductLine = from_py(product, "product")?;
        let rows: Vec<SubscriptionDetailsRow> = if report.is_instance_of::<PyList>()
            || report.is_instance_of::<pyo3::types::PyTuple>()
        {
            from_py(report, "report")?
        } else {
            read_table::<SubscriptionDetailsRow>(report)?.rows
        };
        to_py(py, &subscription_details::to_subscriptions(&rows, product))
    })
}

fn read_table<R: ReportRow + Send>(data: &Bound<'_, PyAny>) -> PyResult<report::ReportTable<R>> {
    let py = data.py();
    let input = input_data(data, "data")?;
    let bytes = input.as_bytes();
    let read = detached(py, || report::read_report::<R>(bytes))?;
    read.map_err(|err| report_error(py, &err))
}

/// `ReportError` with `.problems` set for missing columns.
fn report_error(py: Python<'_>, err: &report::ReportError) -> PyErr {
    let pyerr = err.to_pyerr(py, Some("data"));
    if let report::ReportError::MissingColumns(problems) = err {
        let attach =
            || -> PyResult<()> { pyerr.value(py).setattr("problems", to_py(py, problems)?) };
        if let Err(other) = attach() {
            return other;
        }
    }
    pyerr
}

/// The report kinds, by name: (name, read, write).
const KINDS: [&str; 5] = [
    "subscription_details",
    "devices",
    "phone_numbers",
    "calling_usage",
    "app_versions",
];

fn read_as<'py, R: ReportRow + Serialize + Send>(
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(data.py(), &read_table::<R>(data)?)
}

fn write_as<R: ReportRow + DeserializeOwned>(rows: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = rows.py();
    let rows: Vec<R> = from_py(rows, "rows")?;
    let mut out = Vec::new();
    report::write_report(&mut out, &rows).map_err(|err| err.to_pyerr(py, Some("rows")))?;
    String::from_utf8(out).map_err(|err| crate::errors::internal_error(py, &err.to_string()))
}

fn unknown_kind(py: Python<'_>, kind: &str) -> PyErr {
    input_error(
        py,
        Some("kind"),
        &format!("unknown report kind {kind:?}; one of {}", KINDS.join(", ")),
    )
}

/// Reads a Partner Hub report: `{"rows": [...], "problems": [...]}` (R-REP-01).
/// Missing columns raise `ReportError` (REPORT_COLUMN_MISSING, `.problems`).
#[pyfunction]
fn read_report<'py>(
    py: Python<'py>,
    kind: &str,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || match kind {
        "subscription_details" => read_as::<SubscriptionDetailsRow>(data),
        "devices" => read_as::<DeviceRow>(data),
        "phone_numbers" => read_as::<PhoneNumberRow>(data),
        "calling_usage" => read_as::<CallingUsageRow>(data),
        "app_versions" => read_as::<AppVersionRow>(data),
        other => Err(unknown_kind(py, other)),
    })
}

/// Writes rows (dicts as `read_report` returns them) as the report's CSV
/// text, English headers, every cell neutralized (R-REP-01).
#[pyfunction]
fn write_report(py: Python<'_>, kind: &str, rows: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || match kind {
        "subscription_details" => write_as::<SubscriptionDetailsRow>(rows),
        "devices" => write_as::<DeviceRow>(rows),
        "phone_numbers" => write_as::<PhoneNumberRow>(rows),
        "calling_usage" => write_as::<CallingUsageRow>(rows),
        "app_versions" => write_as::<AppVersionRow>(rows),
        other => Err(unknown_kind(py, other)),
    })
}

/// The report kinds `read_report` and `write_report` accept.
#[pyfunction]
fn report_kinds() -> Vec<&'static str> {
    KINDS.to_vec()
}

/// `{template, id, date}` of a report file name (R-REP-03); an invalid name
/// raises `ValidationError` (REPORT_FILE_NAME_INVALID).
#[pyfunction]
fn parse_report_file_name<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || match ReportFileName::parse(name) {
        Ok(parsed) => to_py(py, &parsed),
        Err(problem) => Err(validation_error(
            py,
            std::slice::from_ref(&problem),
            &[&problem],
        )),
    })
}

/// The report file name `<template>_<id>_<date>.csv` (R-REP-03).
#[pyfunction]
#[pyo3(signature = (template, id, date, extension = true))]
fn report_file_name(
    py: Python<'_>,
    template: String,
    id: String,
    date: &Bound<'_, PyAny>,
    extension: bool,
) -> PyResult<String> {
    guard(py, || {
        let name = ReportFileName {
            template,
            id,
            date: day(date, "date")?,
        };
        Ok(if extension {
            name.file_name()
        } else {
            name.to_string()
        })
    })
}

/// The regions the Partner Hub region selector offers (R-REP-04).
#[pyfunction]
fn region_selector<'py>(
    py: Python<'py>,
    regions: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let regions: Vec<DataRegion> = from_py(regions, "regions")?;
        to_py(py, &report::region_selector(regions))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(customer_status, m)?)?;
    m.add_function(wrap_pyfunction!(filter_customers, m)?)?;
    m.add_function(wrap_pyfunction!(check_status_thresholds, m)?)?;
    m.add_function(wrap_pyfunction!(kpi_dashboard, m)?)?;
    m.add_function(wrap_pyfunction!(subscriptions_from_report, m)?)?;
    m.add_function(wrap_pyfunction!(read_report, m)?)?;
    m.add_function(wrap_pyfunction!(write_report, m)?)?;
    m.add_function(wrap_pyfunction!(report_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(parse_report_file_name, m)?)?;
    m.add_function(wrap_pyfunction!(report_file_name, m)?)?;
    m.add_function(wrap_pyfunction!(region_selector, m)?)?;
    Ok(())
}
