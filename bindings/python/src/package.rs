//! Packages (`wholesale_core::package`). The Python `Package` enum's members
//! are generated from the core's list; their properties come from [`packages`].

use pyo3::prelude::*;
use wholesale_core::package::PackageInfo;

use crate::convert::{package, to_py};
use crate::errors::guard;

/// Every known package as the core's `PackageInfo`, in the core's order.
#[pyfunction]
#[pyo3(signature = () -> "List[PackageInfo]")]
fn packages(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || to_py(py, &PackageInfo::all()))
}

/// Strict parsing of an API identifier or display name (any case); returns
/// the API identifier or raises `PackageError` about `field`.
#[pyfunction]
#[pyo3(signature = (text: "str", field: "str" = "package") -> "str")]
fn parse_package(py: Python<'_>, text: &str, field: &str) -> PyResult<String> {
    guard(py, || Ok(package(py, text, field)?.api_id().to_owned()))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(packages, m)?)?;
    m.add_function(wrap_pyfunction!(parse_package, m)?)?;
    Ok(())
}
