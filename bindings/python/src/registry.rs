//! The error-code registry (`wholesale_core::codes`).

use pyo3::prelude::*;
use wholesale_core::codes::{registry, Code, CodeInfo};

use crate::convert::to_py;
use crate::errors::guard;

/// Every code as `{code, rule, severity, summary}`, in registry order.
#[pyfunction]
fn codes(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || to_py(py, &registry().collect::<Vec<_>>()))
}

/// One code's registry row, or `None` when the code is not in the registry.
#[pyfunction]
fn code_info<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let info = code.parse::<Code>().ok().map(CodeInfo::from);
        to_py(py, &info)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(code_info, m)?)?;
    Ok(())
}
