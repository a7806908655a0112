//! Packages (`wholesale_core::package`). The Python `Package` enum is built
//! from [`packages`] at import time, so the list lives only in the core.

use pyo3::prelude::*;
use wholesale_core::Package;

use crate::convert::{package, package_info, to_py};
use crate::errors::guard;

/// Every known package as a dict of its properties, in the core's order.
#[pyfunction]
fn packages(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        let infos: Vec<_> = Package::KNOWN.iter().map(package_info).collect();
        to_py(py, &infos)
    })
}

/// Strict parsing of an API identifier or display name (case-insensitive);
/// returns the API identifier or raises `PackageError`.
#[pyfunction]
#[pyo3(signature = (text, field = "package"))]
fn parse_package(py: Python<'_>, text: &str, field: &str) -> PyResult<String> {
    guard(py, || Ok(package(py, text, field)?.api_id().to_owned()))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(packages, m)?)?;
    m.add_function(wrap_pyfunction!(parse_package, m)?)?;
    Ok(())
}
