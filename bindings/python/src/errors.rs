//! The exception hierarchy, the one constructor of every exception, and the
//! panic guard.
//!
//! Every exception the binding raises is a `WholesaleError` whose attributes
//! are the fields of a problem: `.code .rule .severity .field .line .message`
//! (of the first problem) and `.problems` (all of them, as dicts). Core
//! errors give their problem through the core's `AsProblem`; the binding's
//! own codes `INPUT_INVALID` and `INTERNAL_ERROR` have no rule or severity.
//!
//! ```text
//! WholesaleError            base; catch this to catch everything
//! ├── PackageError          a package string the core refuses (PACKAGE_UNKNOWN)
//! ├── ValidationError       rule failures turned into an exception
//! ├── InputError            unusable input: wrong shape, misspelled key, unreadable
//! ├── InternalError         a bug: the core panicked (INTERNAL_ERROR)
//! ├── CsvImportError        an org snapshot refused (SNAPSHOT_KEY_UNKNOWN, ...) or
//! │                         a CSV that cannot be read (FILE_UNREADABLE)
//! ├── ReportError           a report that cannot be read or written
//! ├── QualityError          call-quality input refused as a whole
//! └── ApiError              an unreadable resource ID (RESOURCE_ID_INVALID)
//! ```

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::PyTypeInfo;
use serde::Serialize;
use wholesale_core::problem::{AsProblem, Findings};
use wholesale_core::Problem;

use crate::convert::{constant, to_py};

create_exception!(
    wholesale_core,
    WholesaleError,
    PyException,
    "Base of every error raised by wholesale_core: .code .rule .severity .field .line .message of the first problem, .problems all of them."
);
create_exception!(
    wholesale_core,
    PackageError,
    WholesaleError,
    "A package that is neither a known API identifier nor a known display name (PACKAGE_UNKNOWN)."
);
create_exception!(
    wholesale_core,
    ValidationError,
    WholesaleError,
    "Rule failures raised as an exception; .problems lists every problem, the attributes are the first error's."
);
create_exception!(
    wholesale_core,
    InputError,
    WholesaleError,
    "Input the library cannot use (INPUT_INVALID: wrong type, misspelled key, unreadable file); .field is the argument and the path inside it."
);
create_exception!(
    wholesale_core,
    InternalError,
    WholesaleError,
    "A bug in wholesale-core or its binding (a Rust panic was caught); please report it."
);
create_exception!(
    wholesale_core,
    CsvImportError,
    WholesaleError,
    "An org snapshot check_csv refuses (SNAPSHOT_KEY_UNKNOWN, SNAPSHOT_INVALID, R-CSV-21; .field is where, e.g. users[0].emial) or a CSV it cannot read."
);
create_exception!(
    wholesale_core,
    ReportError,
    WholesaleError,
    "A Partner Hub report that cannot be read or written (e.g. REPORT_COLUMN_MISSING; .problems lists each)."
);
create_exception!(
    wholesale_core,
    QualityError,
    WholesaleError,
    "Call-quality input refused as a whole (QUALITY_POLICY_INVALID, LEG_HEADER_MISSING, LEG_COLUMNS_LENGTH_MISMATCH, ...)."
);
create_exception!(
    wholesale_core,
    ApiError,
    WholesaleError,
    "A Webex API value that cannot be read (RESOURCE_ID_INVALID)."
);

/// Binding-level code for a caught Rust panic (no rule in docs/rules.md).
pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";
/// Binding-level code for input that cannot be converted (no rule).
pub const INPUT_INVALID: &str = "INPUT_INVALID";

/// The attributes of every exception and their Python types (the generated
/// stub declares them on `WholesaleError`; the class holds `None` defaults).
pub const ATTRIBUTES: [(&str, &str); 7] = [
    ("code", "str"),
    ("rule", "Optional[str]"),
    ("severity", "Optional[Severity]"),
    ("field", "Optional[str]"),
    ("line", "Optional[int]"),
    ("message", "str"),
    ("problems", "List[Problem]"),
];

/// The attributes of an exception: the serialized fields of a problem.
#[derive(Serialize)]
struct Attributes<'a> {
    code: &'a str,
    rule: Option<&'a str>,
    severity: Option<&'a str>,
    field: Option<&'a str>,
    line: Option<u64>,
    message: &'a str,
}

impl<'a> From<&'a Problem> for Attributes<'a> {
    fn from(p: &'a Problem) -> Self {
        Attributes {
            code: p.code.as_str(),
            rule: Some(p.rule()),
            severity: Some(p.severity().as_str()),
            field: p.field.as_deref(),
            line: p.line,
            message: &p.message,
        }
    }
}

/// THE constructor: an exception of class `E` with the attributes of
/// `first`, `text` as its `str()`, and `problems` attached.
fn build<E: PyTypeInfo>(
    py: Python<'_>,
    first: Attributes<'_>,
    text: &str,
    problems: &[&Problem],
) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let value = E::type_object(py).call1((text,))?;
        value.setattr("code", first.code)?;
        value.setattr("rule", first.rule)?;
        value.setattr("severity", first.severity)?;
        value.setattr("field", first.field)?;
        value.setattr("line", first.line)?;
        value.setattr("message", first.message)?;
        value.setattr("problems", to_py(py, problems)?)?;
        Ok(PyErr::from_value(value))
    };
    make().unwrap_or_else(|err| err)
}

/// The exception of class `E` for `problem` (and only it).
pub fn problem_error<E: PyTypeInfo>(py: Python<'_>, problem: &Problem) -> PyErr {
    build::<E>(py, problem.into(), &problem.message, &[problem])
}

/// A core error type and the exception class it becomes; the attributes
/// come from the core's `AsProblem`.
pub trait Raise: AsProblem {
    /// The Python exception class.
    type Exception: PyTypeInfo;

    /// The exception.
    fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        let first = self.to_problem();
        let all = self.problems();
        build::<Self::Exception>(
            py,
            (&first).into(),
            &first.message,
            &all.iter().collect::<Vec<_>>(),
        )
    }

    /// The exception, its problem about the argument `field`.
    fn to_pyerr_in(&self, py: Python<'_>, field: &str) -> PyErr {
        problem_error::<Self::Exception>(py, &self.to_problem().in_field(field))
    }
}

impl Raise for wholesale_core::package::PackageError {
    type Exception = PackageError;
}
impl Raise for wholesale_core::csv_import::SnapshotError {
    type Exception = CsvImportError;
}
impl Raise for wholesale_core::csv_import::CsvImportError {
    type Exception = CsvImportError;
}
impl Raise for wholesale_core::api::ResourceIdError {
    type Exception = ApiError;
}
impl Raise for wholesale_core::quality::QualityError {
    type Exception = QualityError;
}
impl Raise for wholesale_core::report::ReportError {
    type Exception = ReportError;
}

/// `InputError` (code `INPUT_INVALID`, no rule) about `field`, the argument
/// and the path inside it (`options.behaviour`).
pub fn input_error(py: Python<'_>, field: &str, message: &str) -> PyErr {
    let attributes = Attributes {
        code: INPUT_INVALID,
        rule: None,
        severity: None,
        field: Some(field),
        line: None,
        message,
    };
    build::<InputError>(py, attributes, message, &[])
}

/// `InternalError` with code `INTERNAL_ERROR`.
pub fn internal_error(py: Python<'_>, message: &str) -> PyErr {
    let attributes = Attributes {
        code: INTERNAL_ERROR,
        rule: None,
        severity: None,
        field: None,
        line: None,
        message,
    };
    build::<InternalError>(py, attributes, message, &[])
}

/// `ValidationError` for findings with at least one problem: the attributes
/// of the first error (or warning), every problem in `.problems`.
pub fn validation_error(py: Python<'_>, findings: &Findings) -> PyErr {
    findings_error::<ValidationError>(py, findings)
}

/// Exception `E` for rule failures: the first error's attributes, every
/// problem in `.problems`.
pub fn findings_error<E: PyTypeInfo>(py: Python<'_>, findings: &Findings) -> PyErr {
    let Some(first) = findings.errors.first().or(findings.warnings.first()) else {
        return internal_error(py, "validation_error called without a problem");
    };
    // As the JavaScript binding words it: the first message, and how many
    // more errors `.problems` holds.
    let text = match findings.errors.len() {
        0 | 1 => first.message.clone(),
        n => format!("{} (and {} more errors)", first.message, n - 1),
    };
    build::<E>(
        py,
        first.into(),
        &text,
        &findings.iter().collect::<Vec<_>>(),
    )
}

/// Runs `f` and turns a Rust panic into `InternalError` instead of letting
/// pyo3 raise `PanicException` (a `BaseException` that `except Exception`
/// does not catch). Defense in depth: the core is written never to panic on
/// input; every entry point that calls it goes through `guard` or
/// [`detached`] anyway.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(panic_error(py, &*payload)))
}

/// Like [`guard`], but runs `f` without holding the GIL (for long work), so
/// other Python threads run meanwhile. `f` must not touch Python.
pub fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|payload| panic_error(py, &*payload))
}

fn panic_error(py: Python<'_>, payload: &(dyn Any + Send)) -> PyErr {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    internal_error(
        py,
        &format!("internal error in wholesale-core (a bug, please report it): {detail}"),
    )
}

/// Adds the exception classes and the binding codes to the module; the base
/// class holds `None` defaults for the attributes (and `()` problems).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = WholesaleError::type_object(py);
    for (attr, _) in ATTRIBUTES {
        base.setattr(attr, py.None())?;
    }
    base.setattr("problems", PyTuple::empty(py))?;
    m.add("WholesaleError", base)?;
    m.add("PackageError", PackageError::type_object(py))?;
    m.add("ValidationError", ValidationError::type_object(py))?;
    m.add("InputError", InputError::type_object(py))?;
    m.add("InternalError", InternalError::type_object(py))?;
    m.add("CsvImportError", CsvImportError::type_object(py))?;
    m.add("ReportError", ReportError::type_object(py))?;
    m.add("QualityError", QualityError::type_object(py))?;
    m.add("ApiError", ApiError::type_object(py))?;
    constant(m, "INTERNAL_ERROR", INTERNAL_ERROR, "str")?;
    constant(m, "INPUT_INVALID", INPUT_INVALID, "str")?;
    Ok(())
}

/// The panic guard, tested natively (no test hook ships in the module):
/// a panic in either path becomes `InternalError` with `INTERNAL_ERROR`.
#[cfg(test)]
mod tests {
    use super::*;

    fn assert_internal(py: Python<'_>, err: &PyErr, message: &str) {
        assert!(err.is_instance_of::<InternalError>(py), "{err}");
        assert!(err.is_instance_of::<WholesaleError>(py));
        let value = err.value(py);
        let code: String = value.getattr("code").unwrap().extract().unwrap();
        assert_eq!(code, INTERNAL_ERROR);
        assert!(value.getattr("rule").unwrap().is_none());
        assert!(err.to_string().contains(message), "{err}");
    }

    #[test]
    fn a_panic_becomes_internal_error_with_and_without_the_gil() {
        Python::initialize();
        Python::attach(|py| {
            let err = guard(py, || -> PyResult<()> { panic!("boom") }).unwrap_err();
            assert_internal(py, &err, "boom");
            let err = detached(py, || -> () { panic!("boom off the GIL") }).unwrap_err();
            assert_internal(py, &err, "boom off the GIL");
            assert_eq!(guard(py, || Ok(7)).unwrap(), 7);
        });
    }
}
