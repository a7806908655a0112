//! Contact values (`wholesale_core::contact`, R-CSV-14..16): each check
//! returns a problem dict or `None`.

use pyo3::prelude::*;
use wholesale_core::contact;

use crate::convert::to_py;
use crate::errors::guard;

/// `EMAIL_INVALID` when `email` is not a plausible address (R-CSV-14), else `None`.
#[pyfunction]
#[pyo3(signature = (email: "str", field: "str" = "email") -> "Optional[Problem]")]
fn check_email<'py>(py: Python<'py>, email: &str, field: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || to_py(py, &contact::check_email(field, email)))
}

/// `PHONE_NUMBER_INVALID`, or the warning `PHONE_NUMBER_NO_PLUS` (R-CSV-15), else `None`.
#[pyfunction]
#[pyo3(signature = (number: "str", field: "str" = "phone_number") -> "Optional[Problem]")]
fn check_phone_number<'py>(
    py: Python<'py>,
    number: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &contact::check_phone_number(field, number))
    })
}

/// `EXTENSION_INVALID` when `extension` is not 2 to 10 digits (R-CSV-16), else `None`.
#[pyfunction]
#[pyo3(signature = (extension: "str", field: "str" = "extension") -> "Optional[Problem]")]
fn check_extension<'py>(
    py: Python<'py>,
    extension: &str,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &contact::check_extension(field, extension))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_email, m)?)?;
    m.add_function(wrap_pyfunction!(check_phone_number, m)?)?;
    m.add_function(wrap_pyfunction!(check_extension, m)?)?;
    Ok(())
}
