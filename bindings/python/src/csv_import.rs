//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..21).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wholesale_core::csv_import::{
    self, ExportError, ExportFiles, ImportOptions, ImportPlan, OrgSnapshot, OutputError,
    RemediationAdvice, RowQuery,
};

use crate::convert::{
    constant, input_data, is_file_input, json_doc, options, package, source, to_py, Input,
};
use crate::errors::{detached, guard, input_error, CsvImportError, Raise};

impl Raise for ExportError {
    type Exception = CsvImportError;
}
impl Raise for OutputError {
    type Exception = CsvImportError;
}

/// The core's import plan, kept in Rust until Python asks for it: the summary
/// and file-level problems convert on their own, the rows (one dict per data
/// row, the costly part) only when `to_dict()` is called. The Python
/// `ImportPlan` wraps it and caches what it converted. The CSV bytes are
/// kept with it (at most `MAX_CSV_FILE_BYTES` + 1), for the ready and
/// rejected files.
#[pyclass(frozen, name = "PlanHandle", module = "wholesale_core._lowlevel")]
pub struct PlanHandle {
    plan: ImportPlan,
    bytes: Vec<u8>,
}

#[pymethods]
impl PlanHandle {
    /// `{rows, add, modify, change_package, remove, no_change, rejected, warnings}`.
    #[pyo3(signature = () -> "Summary")]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.summary))
    }

    /// The file-level errors (problems with `line` where there is one).
    #[pyo3(signature = () -> "List[Problem]")]
    fn file_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.file_errors))
    }

    /// The file-level warnings.
    #[pyo3(signature = () -> "List[Problem]")]
    fn file_warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.file_warnings))
    }

    /// Whether the file or any row is rejected (the core's
    /// `ImportPlan::has_rejections`; the CLI then exits 1).
    #[pyo3(signature = () -> "bool")]
    fn has_rejections(&self) -> bool {
        self.plan.has_rejections()
    }

    /// The rows as an Arrow record batch (see `arrow::plan_rows`).
    #[pyo3(signature = () -> "ArrowArrayExportable")]
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || crate::arrow::plan_rows(py, &self.plan))
    }

    /// The whole plan as the core's JSON `{file_errors, file_warnings, rows, summary}`.
    #[pyo3(signature = () -> "ImportPlanDict")]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan))
    }

    /// The rows that remove a user, change a package or remove a license
    /// (the core's `ImportPlan::destructive_rows`, R-CSV-20).
    #[pyo3(signature = () -> "List[RowOutcome]")]
    fn destructive_rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            to_py(py, &self.plan.destructive_rows().collect::<Vec<_>>())
        })
    }

    /// The number of problems per code, most frequent first (the core's
    /// `ImportPlan::code_counts`).
    #[pyo3(signature = () -> "List[CodeCount]")]
    fn code_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.code_counts()))
    }

    /// The indices (ascending) of the rows the query keeps (the core's
    /// `ImportPlan::select`, R-CSV-20): every criterion given must hold;
    /// `email` is a case-insensitive part of the row's e-mail, `code` a code
    /// among its errors or warnings, `column` the column of one of them.
    #[pyo3(signature = (
        *,
        action: "Optional[Action]" = None,
        code: "Optional[Code]" = None,
        column: "Optional[str]" = None,
        email: "Optional[str]" = None,
    ) -> "List[int]")]
    fn select<'py>(
        &self,
        py: Python<'py>,
        action: Option<&Bound<'py, PyAny>>,
        code: Option<&Bound<'py, PyAny>>,
        column: Option<&Bound<'py, PyAny>>,
        email: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Vec<usize>> {
        guard(py, || {
            let query = pyo3::types::PyDict::new(py);
            for (key, value) in [
                ("action", action),
                ("code", code),
                ("column", column),
                ("email", email),
            ] {
                if let Some(value) = value.filter(|v| !v.is_none()) {
                    query.set_item(key, value)?;
                }
            }
            let query: RowQuery = options(Some(query.as_any()), "query")?;
            detached(py, || self.plan.select(&query))
        })
    }

    /// The actions, codes and columns of the rows with their row counts,
    /// for filter menus (the core's `ImportPlan::facets`).
    #[pyo3(signature = () -> "PlanFacets")]
    fn facets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.plan.facets()))
    }

    /// The ready file (the core's `write_ready`, R-CSV-20) and its number of
    /// data rows. Raises `CsvImportError` (`OUTPUT_FILE_REFUSED`) for a file
    /// refused as a whole.
    #[pyo3(signature = () -> "Tuple[bytes, int]")]
    fn ready<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyBytes>, usize)> {
        self.part(py, false)
    }

    /// The rejected file with its `Errors` column (the core's
    /// `write_rejected`, R-CSV-20) and its number of data rows.
    #[pyo3(signature = () -> "Tuple[bytes, int]")]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyBytes>, usize)> {
        self.part(py, true)
    }
}

impl PlanHandle {
    /// The ready file, or the rejected one.
    fn part<'py>(&self, py: Python<'py>, rejected: bool) -> PyResult<(Bound<'py, PyBytes>, usize)> {
        guard(py, || {
            let mut out = Vec::new();
            let written = detached(py, || {
                if rejected {
                    csv_import::write_rejected(&self.bytes, &self.plan, &mut out)
                } else {
                    csv_import::write_ready(&self.bytes, &self.plan, &mut out)
                }
            })?
            .map_err(|err| err.to_pyerr(py))?;
            Ok((PyBytes::new(py, &out), written.rows))
        })
    }
}

/// The org snapshot, read as strictly as the core reads it (R-CSV-21): a
/// dict through `OrgSnapshot::from_value`, a JSON file (`bytes` content, a
/// `str`/`os.PathLike` path, a binary file object) or `org_text` through
/// `OrgSnapshot::from_json`. A refused snapshot raises `CsvImportError` with
/// the core's code and `.field` the key path (`users[0].emial`).
fn snapshot(
    py: Python<'_>,
    org: Option<&Bound<'_, PyAny>>,
    org_text: Option<&str>,
) -> PyResult<Option<OrgSnapshot>> {
    let read = match (org.filter(|o| !o.is_none()), org_text) {
        (None, None) => return Ok(None),
        (None, Some(text)) => OrgSnapshot::from_json(text),
        (Some(org), None) if is_file_input(org)? => {
            OrgSnapshot::from_json_bytes(input_data(org, "org")?.as_bytes())
        }
        (Some(org), None) => OrgSnapshot::from_value(json_doc(org, "org")?),
        (Some(_), Some(_)) => return Err(input_error(py, "org", "give org or org_text, not both")),
    };
    read.map(Some).map_err(|err| err.to_pyerr(py))
}

/// Plans the import of a Control Hub user CSV (R-CSV-01..20).
///
/// `data`: `bytes` (the content), a `str` or `os.PathLike` (a PATH, opened
/// and read by the core's bounded reader), or a binary file object; CSV
/// text goes in `text=`. At most `MAX_CSV_FILE_BYTES` + 1 bytes are read:
/// a larger input is the plan's `FILE_TOO_LARGE` (R-CSV-04). `behavior`:
/// the core's `ImportOptions.behavior`. `org`: the org snapshot as a dict or
/// a JSON file (as `data`), or `org_text=` JSON text; read strictly
/// (R-CSV-21). Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (
    data: "Optional[FileInput]" = None,
    *,
    text: "Optional[str]" = None,
    behavior: "Optional[ImportBehavior]" = None,
    org: "Union[OrgSnapshotDict, FileInput, None]" = None,
    org_text: "Optional[str]" = None,
) -> "PlanHandle")]
fn check_csv<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
    behavior: Option<&Bound<'py, PyAny>>,
    org: Option<&Bound<'py, PyAny>>,
    org_text: Option<&str>,
) -> PyResult<PlanHandle> {
    guard(py, || {
        let overrides = pyo3::types::PyDict::new(py);
        if let Some(b) = behavior.filter(|b| !b.is_none()) {
            overrides.set_item("behavior", b)?;
        }
        let mut opts: ImportOptions = options(Some(overrides.as_any()), "options")?;
        if let Some(org) = snapshot(py, org, org_text)? {
            opts = opts.with_org(org);
        }
        // Read as the core's `check` reads (bounded by `read_at_most`), so a
        // larger input is the plan's FILE_TOO_LARGE; the bytes stay with the
        // plan for its ready and rejected files.
        let bytes = match source(py, data, text)? {
            // Beyond the limit the plan is FILE_TOO_LARGE whatever follows.
            Input::Data(data) => {
                let bytes = data.as_bytes();
                let kept = bytes.len().min(csv_import::MAX_FILE_BYTES + 1);
                bytes.get(..kept).unwrap_or(bytes).to_vec()
            }
            Input::Read(bytes) => bytes,
            Input::File { file, .. } => detached(py, || {
                csv_import::read_at_most(file, csv_import::MAX_FILE_BYTES)
            })?
            .map_err(|err| csv_import::CsvImportError::from(err).to_pyerr(py))?,
        };
        let plan = detached(py, || csv_import::check_bytes(&bytes, &opts))?;
        Ok(PlanHandle { plan, bytes })
    })
}

/// The fix for an error message Control Hub reported after an import
/// (R-CSV-19): `{"remediation", "rule", "steps"}`, or `None` when unknown.
#[pyfunction]
#[pyo3(signature = (message: "str") -> "Optional[RemediationAdvice]")]
fn remediation_for<'py>(py: Python<'py>, message: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(
            py,
            &csv_import::remediation_for(message).map(RemediationAdvice::from),
        )
    })
}

/// An export argument: bytes, a path or a binary file object, read bounded
/// as every input (`MAX_CSV_FILE_BYTES`).
fn export_bytes(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<Vec<u8>>> {
    obj.filter(|o| !o.is_none())
        .map(|o| input_data(o, field).map(|data| data.as_bytes().to_vec()))
        .transpose()
}

/// Builds an org snapshot from Control Hub exports (the core's
/// `snapshot_from_export`, R-CSV-21): `users` the user export (UTF-8 CSV or
/// UTF-16LE tab-separated), `locations` a location list, `phone_numbers` the
/// phone numbers report, each bytes, a path or a binary file object;
/// `package` the customer's package, `admins` the e-mails of its full
/// admins (each a user of the export, R-CUS-05). Returns `{snapshot, warnings,
/// warning_files}`; `check_csv(org=built["snapshot"])` takes the snapshot.
/// A file with errors raises `CsvImportError` with every problem in
/// `.problems`, each with its line. Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (
    users: "FileInput",
    *,
    locations: "Optional[FileInput]" = None,
    phone_numbers: "Optional[FileInput]" = None,
    package: "Optional[str]" = None,
    admins: "Sequence[str]" = Vec::new(),
) -> "SnapshotBuild")]
fn snapshot_from_export<'py>(
    py: Python<'py>,
    users: &Bound<'py, PyAny>,
    locations: Option<&Bound<'py, PyAny>>,
    phone_numbers: Option<&Bound<'py, PyAny>>,
    package: Option<&str>,
    admins: Vec<String>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let users = input_data(users, "users")?;
        let locations = export_bytes(locations, "locations")?;
        let numbers = export_bytes(phone_numbers, "phone_numbers")?;
        let package = package
            .map(|p| self::package(py, p, "package"))
            .transpose()?;
        let mut files = ExportFiles::new(users.as_bytes());
        files.locations = locations.as_deref();
        files.phone_numbers = numbers.as_deref();
        files.package = package.as_ref();
        files.admins = &admins;
        let built = detached(py, || csv_import::snapshot_from_export(&files))?
            .map_err(|err| err.to_pyerr(py))?;
        to_py(py, &built)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PlanHandle>()?;
    // The core's limit itself (R-CSV-04), never a copy of its value.
    constant(m, "MAX_CSV_FILE_BYTES", csv_import::MAX_FILE_BYTES, "int")?;
    m.add_function(wrap_pyfunction!(check_csv, m)?)?;
    m.add_function(wrap_pyfunction!(remediation_for, m)?)?;
    m.add_function(wrap_pyfunction!(snapshot_from_export, m)?)?;
    Ok(())
}
