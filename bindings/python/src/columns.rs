//! Columnar entry points over numpy arrays: borrowed without a copy and
//! processed without the GIL. Round one only proves the pipeline; the
//! call-leg classifier (quality) comes next and follows the same pattern:
//! `f64_column` to borrow, `detached` to run the core on `&[f64]`.

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{f64_column, input_data};
use crate::errors::{detached, guard, internal_error};

/// Private pipeline check: whether each value is finite, computed on the
/// borrowed slice with the GIL released; returns a new bool array.
#[pyfunction]
fn _finite_mask<'py>(values: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<bool>>> {
    let py = values.py();
    let column = f64_column(values, "values")?;
    let slice = column
        .as_slice()
        .map_err(|err| internal_error(py, &err.to_string()))?;
    let mask = detached(py, || {
        slice.iter().map(|v| v.is_finite()).collect::<Vec<bool>>()
    })?;
    Ok(mask.into_pyarray(py))
}

/// Private pipeline check for `data` arguments (CSV and report input in
/// round two): the bytes `convert::input_data` reads.
#[pyfunction]
fn _input_bytes<'py>(data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let py = data.py();
    guard(py, || {
        let input = input_data(data, "data")?;
        Ok(PyBytes::new(py, input.as_bytes()))
    })
}

/// Test hook: panics inside the guard, so the tests can check that a panic
/// reaches Python as `InternalError` (code `INTERNAL_ERROR`). `detached`
/// chooses the GIL-free path.
#[pyfunction]
#[pyo3(signature = (message, detached_path = false))]
fn _panic_for_tests(py: Python<'_>, message: &str, detached_path: bool) -> PyResult<()> {
    if detached_path {
        let message = message.to_owned();
        detached(py, move || -> () { panic!("{message}") })
    } else {
        guard(py, || panic!("{message}"))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_finite_mask, m)?)?;
    m.add_function(wrap_pyfunction!(_input_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
