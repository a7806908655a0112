//! Single-value checks: contact values (R-CSV-14..16) and the user package
//! rules (R-CUS-05, R-USR-02). Each returns a problem dict or `None`.

use pyo3::prelude::*;
use wholesale_core::problem::{Findings, Problem};
use wholesale_core::{contact, provisioning};

use crate::convert::{from_py, package, to_py};
use crate::errors::{guard, validation_error};

/// `EMAIL_INVALID` when `email` is not a plausible address (R-CSV-14).
#[pyfunction]
#[pyo3(signature = (email, field = "email"))]
fn check_email<'py>(py: Python<'py>, email: &str, field: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || to_py(py, &contact::check_email(field, email)))
}

/// `PHONE_NUMBER_INVALID`, or the warning `PHONE_NUMBER_NO_PLUS` (R-CSV-15).
#[pyfunction]
#[pyo3(signature = (number, field = "phone_number"))]
fn check_phone_number<'py>(
    py: Python<'py>,
    number: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &contact::check_phone_number(field, number))
    })
}

/// `EXTENSION_INVALID` when `extension` is not 2 to 10 digits (R-CSV-16).
#[pyfunction]
#[pyo3(signature = (extension, field = "extension"))]
fn check_extension<'py>(
    py: Python<'py>,
    extension: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &contact::check_extension(field, extension))
    })
}

/// `ADMIN_PACKAGE_DOWNGRADE` when the full admin would not keep the
/// customer's package (R-CUS-05).
#[pyfunction]
#[pyo3(signature = (customer_package, admin_package, field = "package"))]
fn check_admin_package<'py>(
    py: Python<'py>,
    customer_package: &str,
    admin_package: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer = package(py, customer_package, "customer_package")?;
        let admin = package(py, admin_package, "admin_package")?;
        to_py(
            py,
            &provisioning::check_admin_package(&customer, &admin, field),
        )
    })
}

/// `PACKAGE_CHANGE_NEEDS_NUMBER` when moving to a calling package without a
/// number or location (R-USR-02).
#[pyfunction]
#[pyo3(signature = (new_package, *, has_number, has_location, field = "package"))]
fn check_calling_number<'py>(
    py: Python<'py>,
    new_package: &str,
    has_number: bool,
    has_location: bool,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let new_package = package(py, new_package, "new_package")?;
        to_py(
            py,
            &provisioning::check_calling_number(&new_package, has_number, has_location, field),
        )
    })
}

fn collect(problems: &Bound<'_, PyAny>) -> PyResult<Findings> {
    let mut findings = Findings::default();
    for item in problems.try_iter()? {
        let item = item?;
        if !item.is_none() {
            findings.push(from_py::<Problem>(&item, "problems")?);
        }
    }
    Ok(findings)
}

/// Problems (dicts; `None` entries skipped) sorted into
/// `{"errors": [...], "warnings": [...]}` by their codes' severity.
#[pyfunction]
fn findings<'py>(py: Python<'py>, problems: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || to_py(py, &collect(problems)?))
}

/// Like `findings`, but raises `ValidationError` when there is an error.
#[pyfunction]
fn raise_for_errors<'py>(
    py: Python<'py>,
    problems: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let found = collect(problems)?;
        if found.is_valid() {
            to_py(py, &found)
        } else {
            Err(validation_error(
                py,
                &found.errors,
                &found.iter().collect::<Vec<_>>(),
            ))
        }
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_email, m)?)?;
    m.add_function(wrap_pyfunction!(check_phone_number, m)?)?;
    m.add_function(wrap_pyfunction!(check_extension, m)?)?;
    m.add_function(wrap_pyfunction!(check_admin_package, m)?)?;
    m.add_function(wrap_pyfunction!(check_calling_number, m)?)?;
    m.add_function(wrap_pyfunction!(findings, m)?)?;
    m.add_function(wrap_pyfunction!(raise_for_errors, m)?)?;
    Ok(())
}
