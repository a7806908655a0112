//! The error-code registry (`wholesale_core::codes`).

use pyo3::prelude::*;
use wholesale_core::codes::{registry, Code, CodeInfo};

use crate::convert::to_py;
use crate::errors::guard;

/// Every code as `{code, rule, severity, summary}`, in registry order.
#[pyfunction]
#[pyo3(signature = () -> "List[CodeInfo]")]
fn codes(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || to_py(py, &registry().collect::<Vec<_>>()))
}

/// One code's registry row, or `None` when the code is not in the registry.
#[pyfunction]
#[pyo3(signature = (code: "str") -> "Optional[CodeInfo]")]
fn code_info<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &code.parse::<Code>().ok().map(CodeInfo::from))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(code_info, m)?)?;
    Ok(())
}
