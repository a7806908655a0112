//! Problems sorted into findings (`wholesale_core::problem`).

use pyo3::prelude::*;
use wholesale_core::problem::{Findings, Problem};

use crate::convert::{arg, to_py};
use crate::errors::{guard, validation_error};

/// Problem dicts (`None` entries skipped) read strictly as the core's `Problem`.
fn collect(problems: &Bound<'_, PyAny>) -> PyResult<Findings> {
    let mut findings = Findings::default();
    for (i, item) in problems.try_iter()?.enumerate() {
        let item = item?;
        if !item.is_none() {
            findings.push(arg::<Problem>(&item, &format!("problems[{i}]"))?);
        }
    }
    Ok(findings)
}

/// Problems (dicts; `None` entries skipped) sorted into
/// `{"errors": [...], "warnings": [...]}` by their codes' severity.
#[pyfunction]
#[pyo3(signature = (problems: "Iterable[Optional[ProblemInput]]") -> "Findings")]
fn findings<'py>(py: Python<'py>, problems: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || to_py(py, &collect(problems)?))
}

/// Like `findings`, but raises `ValidationError` when there is an error.
#[pyfunction]
#[pyo3(signature = (problems: "Iterable[Optional[ProblemInput]]") -> "Findings")]
fn raise_for_errors<'py>(
    py: Python<'py>,
    problems: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let found = collect(problems)?;
        if found.is_valid() {
            to_py(py, &found)
        } else {
            Err(validation_error(py, &found))
        }
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(findings, m)?)?;
    m.add_function(wrap_pyfunction!(raise_for_errors, m)?)?;
    Ok(())
}
