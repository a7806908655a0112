//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..21).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use wholesale_core::csv_import::{self, ImportOptions, ImportPlan, OrgSnapshot, SnapshotError};

use crate::convert::{from_py, input, input_data, options, to_py, Input};
use crate::errors::{detached, guard, input_error, reraise_as, snapshot_error, CsvImportError};

/// The core's import plan, kept in Rust until Python asks for it: the summary
/// and file-level problems convert on their own, and the rows (the costly
/// part: one dict per data row) only when `to_dict()` is called. The Python
/// `ImportPlan` wraps it and caches what it converted.
#[pyclass(frozen, name = "PlanHandle", module = "wholesale_core._lowlevel")]
pub struct PlanHandle {
    plan: ImportPlan,
}

#[pymethods]
impl PlanHandle {
    /// `{rows, add, modify, change_package, remove, no_change, rejected, warnings}`.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.summary))
    }

    /// The file-level errors `[{code, line, message}]`.
    fn file_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.file_errors))
    }

    /// The file-level warnings.
    fn file_warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.file_warnings))
    }

    /// The whole plan as the core's JSON shape
    /// `{file_errors, file_warnings, rows, summary}` (plain dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan))
    }
}

/// The org snapshot argument, read as strictly as the core reads it
/// (R-CSV-21): a dict (or any mapping) through `serde_json::Value` and
/// `OrgSnapshot::from_value`, JSON text through `OrgSnapshot::from_json`, an
/// `os.PathLike` read (bounded, as every file) and then `from_json`. A
/// refused snapshot raises `CsvImportError` with the core's code and `.path`;
/// a value that is not data at all (or an unreadable file) raises
/// `CsvImportError` with the conversion's code.
fn snapshot(org: &Bound<'_, PyAny>) -> PyResult<OrgSnapshot> {
    const FIELD: &str = "org";
    let py = org.py();
    let read = if let Ok(text) = org.cast::<PyString>() {
        let text = text
            .to_cow()
            .map_err(|err| input_error(py, Some(FIELD), &format!("{FIELD}: {err}")))
            .map_err(|err| reraise_as::<CsvImportError>(py, err))?;
        OrgSnapshot::from_json(&text)
    } else if org.hasattr("__fspath__")? {
        let data = input_data(org, FIELD).map_err(|err| reraise_as::<CsvImportError>(py, err))?;
        match std::str::from_utf8(data.as_bytes()) {
            Ok(text) => OrgSnapshot::from_json(text),
            Err(err) => Err(SnapshotError::Invalid {
                path: ".".into(),
                message: format!("the file is not UTF-8 text: {err}"),
            }),
        }
    } else {
        let value: serde_json::Value =
            from_py(org, FIELD).map_err(|err| reraise_as::<CsvImportError>(py, err))?;
        OrgSnapshot::from_value(value)
    };
    read.map_err(|err| snapshot_error(py, &err, FIELD))
}

/// Plans the import of `data` (R-CSV-01..20) and returns the plan as a
/// [`PlanHandle`].
///
/// `behavior` is deserialized into the core's `ImportOptions` (starting from
/// its `Default`), so its accepted values and default live in the core;
/// `org` is the snapshot as a dict, JSON text or a JSON file (`os.PathLike`),
/// see [`snapshot`]. A path is opened here and read by the core's bounded
/// `csv_import::check` (at most `MAX_FILE_BYTES` + 1 bytes, R-CSV-04), a
/// file object in bounded chunks ([`input`]); larger input is the plan's
/// `FILE_TOO_LARGE`. The check runs without the GIL.
#[pyfunction]
#[pyo3(signature = (data, behavior = None, org = None))]
fn check_csv<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    behavior: Option<&Bound<'py, PyAny>>,
    org: Option<&Bound<'py, PyAny>>,
) -> PyResult<PlanHandle> {
    guard(py, || {
        let overrides = PyDict::new(py);
        if let Some(b) = behavior.filter(|b| !b.is_none()) {
            overrides.set_item("behavior", b)?;
        }
        let mut opts: ImportOptions = options(Some(overrides.as_any()), "behavior")?;
        if let Some(org) = org.filter(|o| !o.is_none()) {
            opts = opts.with_org(snapshot(org)?);
        }
        let plan = match input(data, "data")? {
            Input::Data(data) => {
                let bytes = data.as_bytes();
                detached(py, || csv_import::check_bytes(bytes, &opts))?
            }
            Input::Read(bytes) => detached(py, || csv_import::check_bytes(&bytes, &opts))?,
            Input::File { file, path } => detached(py, || csv_import::check(file, &opts))?
                .map_err(|err| {
                    input_error(
                        py,
                        Some("data"),
                        &format!("data: cannot read {}: {err}", path.display()),
                    )
                })?,
        };
        Ok(PlanHandle { plan })
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
    m.add_class::<PlanHandle>()?;
    // The core's limit itself (R-CSV-04), never a copy of its value.
    m.add("MAX_CSV_FILE_BYTES", csv_import::MAX_FILE_BYTES)?;
    m.add_function(wrap_pyfunction!(check_csv, m)?)?;
    m.add_function(wrap_pyfunction!(remediation_for, m)?)?;
    Ok(())
}
