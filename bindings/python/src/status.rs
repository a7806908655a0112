//! Customer status (`wholesale_core::status`, R-STA).

use pyo3::prelude::*;
use wholesale_core::org::Customer;
use wholesale_core::status::{self, CustomerFilter, StatusThresholds};

use crate::convert::{arg, day, options, to_py};
use crate::errors::{detached, guard};

/// Every status of `customer` as of a day: `{statuses, primary}` (R-STA).
#[pyfunction]
#[pyo3(signature = (
    customer: "CustomerInput",
    as_of: "Day",
    thresholds: "Optional[StatusThresholds]" = None,
) -> "CustomerStatus")]
fn customer_status<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = arg(customer, "customer")?;
        let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
        to_py(
            py,
            &status::customer_status(&customer, day(as_of, "as_of")?, &thresholds),
        )
    })
}

/// The customers (as the core writes them) that pass `filter` as of a day,
/// in their original order.
#[pyfunction]
#[pyo3(signature = (
    customers: "Sequence[CustomerInput]",
    as_of: "Day",
    filter: "Optional[CustomerFilter]" = None,
    thresholds: "Optional[StatusThresholds]" = None,
) -> "List[Customer]")]
fn filter_customers<'py>(
    py: Python<'py>,
    customers: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    filter: Option<&Bound<'py, PyAny>>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customers: Vec<Customer> = arg(customers, "customers")?;
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
#[pyo3(signature = (thresholds: "Optional[StatusThresholds]" = None) -> "Findings")]
fn check_status_thresholds<'py>(
    py: Python<'py>,
    thresholds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
        to_py(py, &status::check_thresholds(&thresholds))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(customer_status, m)?)?;
    m.add_function(wrap_pyfunction!(filter_customers, m)?)?;
    m.add_function(wrap_pyfunction!(check_status_thresholds, m)?)?;
    Ok(())
}
