//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..20).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use wholesale_core::csv_import::{self, ImportOptions, OrgSnapshot};

use crate::convert::{input_data, json_arg, options, to_py};
use crate::errors::{detached, guard, new_error, CsvImportError, INPUT_INVALID};

/// The import plan of `data` as the core's JSON shape
/// `{file_errors, file_warnings, rows, summary}` (plain dicts).
///
/// `behavior` is deserialized into the core's `ImportOptions` (starting from
/// its `Default`), so its accepted values and default live in the core;
/// `org` is the snapshot as a dict, JSON text or a JSON file (`os.PathLike`).
/// The check runs without the GIL.
#[pyfunction]
#[pyo3(signature = (data, behavior = None, org = None))]
fn check_csv<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    behavior: Option<&Bound<'py, PyAny>>,
    org: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let overrides = PyDict::new(py);
        if let Some(b) = behavior.filter(|b| !b.is_none()) {
            overrides.set_item("behavior", b)?;
        }
        let mut opts: ImportOptions = options(Some(overrides.as_any()), "behavior")?;
        if let Some(org) = org.filter(|o| !o.is_none()) {
            // A snapshot that cannot be read is the import's own error.
            let snapshot: OrgSnapshot = json_arg(org, "org").map_err(|err| {
                let message = err.value(py).to_string();
                new_error::<CsvImportError>(py, INPUT_INVALID, None, Some("org"), &message)
            })?;
            opts = opts.with_org(snapshot);
        }
        let input = input_data(data, "data")?;
        let bytes = input.as_bytes();
        let plan = detached(py, || csv_import::check_bytes(bytes, &opts))?;
        to_py(py, &plan)
    })
}

/// The fix for an error message Control Hub reported after an import
/// (R-CSV-19): `{"remediation", "rule", "steps"}`, or `None` when unknown.
#[pyfunction]
fn remediation_for<'py>(py: Python<'py>, message: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || match csv_import::remediation_for(message) {
        None => Ok(py.None().into_bound(py)),
        Some(fix) => {
            let dict = PyDict::new(py);
            dict.set_item("remediation", to_py(py, &fix)?)?;
            dict.set_item("rule", fix.rule())?;
            dict.set_item("steps", fix.steps())?;
            Ok(dict.into_any())
        }
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_csv, m)?)?;
    m.add_function(wrap_pyfunction!(remediation_for, m)?)?;
    Ok(())
}
