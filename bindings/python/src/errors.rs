//! The exception hierarchy and the panic guard.
//!
//! Every exception raised on purpose by the binding is a `WholesaleError`
//! carrying `.code`, `.rule`, `.field` and `.message`:
//!
//! ```text
//! WholesaleError            base; catch this to catch everything
//! ├── PackageError          a package string the core refuses (PACKAGE_UNKNOWN)
//! ├── ValidationError       rule failures turned into an exception (.problems)
//! ├── InputError            unusable input: wrong shape, unreadable, out of range
//! ├── InternalError         a bug: the core panicked (INTERNAL_ERROR)
//! ├── CsvImportError        an unusable org snapshot (SNAPSHOT_KEY_UNKNOWN,
//! │                         SNAPSHOT_INVALID; .path names the key)
//! ├── ReportError           a report that cannot be read (REPORT_COLUMN_MISSING, ...)
//! ├── QualityError          call-leg input the quality module refuses
//! │                         (QUALITY_POLICY_INVALID, LEG_HEADER_MISSING, ...)
//! └── ApiError              an unreadable resource ID (RESOURCE_ID_INVALID)
//! ```
//!
//! A core module's own error enum maps to one subclass through [`CoreError`],
//! so binding a new module means one `create_exception!` line and one
//! `impl CoreError`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::PyTypeInfo;
use wholesale_core::csv_import::SnapshotError;
use wholesale_core::package::PackageError as CorePackageError;
use wholesale_core::Problem;

use crate::convert::to_py;

create_exception!(
    wholesale_core,
    WholesaleError,
    PyException,
    "Base of every error raised by wholesale_core; carries .code, .rule, .field and .message."
);
create_exception!(
    wholesale_core,
    PackageError,
    WholesaleError,
    "A package that is neither a known API identifier nor a known display name."
);
create_exception!(
    wholesale_core,
    ValidationError,
    WholesaleError,
    "Rule failures raised as an exception; .problems lists every problem, .code/.rule/.field are the first error's."
);
create_exception!(
    wholesale_core,
    InputError,
    WholesaleError,
    "Input the library cannot use at all (wrong shape, unreadable, out of range)."
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
    "An org snapshot check_csv cannot use (SNAPSHOT_KEY_UNKNOWN, SNAPSHOT_INVALID, R-CSV-21); .path is where in the snapshot, e.g. users[0].emial."
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

/// Binding-level code for a caught Rust panic (no DOMAIN.md rule).
pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";
/// Binding-level code for input that cannot be converted (no DOMAIN.md rule).
pub const INPUT_INVALID: &str = "INPUT_INVALID";

/// Builds an exception of class `E` with its attributes set.
pub fn new_error<E: PyTypeInfo>(
    py: Python<'_>,
    code: &str,
    rule: Option<&str>,
    field: Option<&str>,
    message: &str,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let value = E::type_object(py).call1((message,))?;
        value.setattr("code", code)?;
        value.setattr("rule", rule)?;
        value.setattr("field", field)?;
        value.setattr("message", message)?;
        Ok(PyErr::from_value(value))
    };
    build().unwrap_or_else(|err| err)
}

/// `InputError` with code `INPUT_INVALID` about `field`.
pub fn input_error(py: Python<'_>, field: Option<&str>, message: &str) -> PyErr {
    new_error::<InputError>(py, INPUT_INVALID, None, field, message)
}

/// `InternalError` with code `INTERNAL_ERROR`.
pub fn internal_error(py: Python<'_>, message: &str) -> PyErr {
    new_error::<InternalError>(py, INTERNAL_ERROR, None, None, message)
}

/// A core module's error enum (thiserror) and the exception class it becomes.
pub trait CoreError: std::fmt::Display {
    /// The Python exception class.
    type Exception: PyTypeInfo;
    /// The stable code string.
    fn code(&self) -> &str;
    /// The DOMAIN.md rule, if the code has one.
    fn rule(&self) -> Option<&str>;

    /// The field the error itself names (a column), if any.
    fn field(&self) -> Option<String> {
        None
    }

    /// The exception, about `field` (the argument concerned; the error's own
    /// [`CoreError::field`] wins when it names one).
    fn to_pyerr(&self, py: Python<'_>, field: Option<&str>) -> PyErr {
        let own = self.field();
        let field = own.as_deref().or(field);
        new_error::<Self::Exception>(py, self.code(), self.rule(), field, &self.to_string())
    }
}

/// The registry rule of a code string (`None` for binding codes).
fn rule_of(code: &str) -> Option<&'static str> {
    code.parse::<wholesale_core::Code>().ok().map(|c| c.rule())
}

impl CoreError for wholesale_core::report::ReportError {
    type Exception = ReportError;
    fn code(&self) -> &str {
        use wholesale_core::report::ReportError as E;
        match self {
            E::MissingColumns(problems) => {
                problems.first().map_or(INPUT_INVALID, |p| p.code.as_str())
            }
            _ => INPUT_INVALID,
        }
    }
    fn rule(&self) -> Option<&str> {
        rule_of(self.code())
    }
    fn field(&self) -> Option<String> {
        use wholesale_core::report::ReportError as E;
        match self {
            E::MissingColumns(problems) => problems.first().and_then(|p| p.column.clone()),
            _ => None,
        }
    }
}

impl CoreError for wholesale_core::quality::QualityError {
    type Exception = QualityError;
    fn code(&self) -> &str {
        self.code().map_or(INPUT_INVALID, |c| c.as_str())
    }
    fn rule(&self) -> Option<&str> {
        self.code().map(|c| c.rule())
    }
    fn field(&self) -> Option<String> {
        use wholesale_core::quality::QualityError as E;
        match self {
            E::HeaderMissing { missing, .. } => missing.first().cloned(),
            E::PolicyInvalid { field, .. } => Some(format!("policy.{field}")),
            E::ColumnLength { column, .. } => Some((*column).to_owned()),
            _ => None,
        }
    }
}

impl CoreError for wholesale_core::api::ResourceIdError {
    type Exception = ApiError;
    fn code(&self) -> &str {
        self.code().as_str()
    }
    fn rule(&self) -> Option<&str> {
        Some(self.code().rule())
    }
}

impl CoreError for SnapshotError {
    type Exception = CsvImportError;
    fn code(&self) -> &str {
        SnapshotError::code(self).as_str()
    }
    fn rule(&self) -> Option<&str> {
        Some(SnapshotError::code(self).rule())
    }
}

/// `CsvImportError` for a refused org snapshot (R-CSV-21), about `field`,
/// with `.path` the key path the core names (`users[0].emial`, `.` for the
/// document itself).
pub fn snapshot_error(py: Python<'_>, err: &SnapshotError, field: &str) -> PyErr {
    let pyerr = err.to_pyerr(py, Some(field));
    match pyerr.value(py).setattr("path", err.path()) {
        Ok(()) => pyerr,
        Err(other) => other,
    }
}

/// The same error (code, rule, field, message) as an exception of class `E`:
/// an unreadable snapshot argument is the import's own error.
pub fn reraise_as<E: PyTypeInfo>(py: Python<'_>, err: PyErr) -> PyErr {
    let value = err.value(py);
    let read = || -> PyResult<PyErr> {
        let code: String = value.getattr("code")?.extract()?;
        let rule: Option<String> = value.getattr("rule")?.extract()?;
        let field: Option<String> = value.getattr("field")?.extract()?;
        let message: String = value.getattr("message")?.extract()?;
        Ok(new_error::<E>(
            py,
            &code,
            rule.as_deref(),
            field.as_deref(),
            &message,
        ))
    };
    read().unwrap_or(err)
}

impl CoreError for CorePackageError {
    type Exception = PackageError;
    fn code(&self) -> &str {
        CorePackageError::code(self).as_str()
    }
    fn rule(&self) -> Option<&str> {
        Some(CorePackageError::code(self).rule())
    }
}

/// `ValidationError` for `errors` (at least one), all of `problems` attached.
pub fn validation_error(py: Python<'_>, errors: &[Problem], problems: &[&Problem]) -> PyErr {
    let Some(first) = errors.first() else {
        return internal_error(py, "validation_error called without an error");
    };
    let message = if errors.len() == 1 {
        first.to_string()
    } else {
        format!("{first} (and {} more errors)", errors.len() - 1)
    };
    let err = new_error::<ValidationError>(
        py,
        first.code.as_str(),
        Some(first.rule()),
        first.field.as_deref(),
        &message,
    );
    let attach = || -> PyResult<()> {
        let list = PyList::empty(py);
        for problem in problems {
            list.append(to_py(py, problem)?)?;
        }
        err.value(py).setattr("problems", list)
    };
    match attach() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// Runs `f` and turns a Rust panic into `InternalError` instead of letting
/// pyo3 raise `PanicException` (a `BaseException` that `except Exception`
/// does not catch).
///
/// Defense in depth: wholesale-core is written never to panic on input (its
/// house rules forbid `unwrap` and failing indexing on input), so this path
/// should be dead. Every binding entry point that calls into the core goes
/// through `guard` (or [`detached`]) anyway, so a core bug surfaces as a
/// catchable `WholesaleError` with code `INTERNAL_ERROR`.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(panic_error(py, &*payload)))
}

/// Like [`guard`], but runs `f` without holding the GIL (for long columnar
/// work), so other Python threads run meanwhile. `f` must not touch Python.
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

/// Adds the exception classes to the module and gives the base class
/// `None` defaults for its attributes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = WholesaleError::type_object(py);
    for attr in ["code", "rule", "field", "message"] {
        base.setattr(attr, py.None())?;
    }
    ValidationError::type_object(py).setattr("problems", pyo3::types::PyTuple::empty(py))?;
    m.add("WholesaleError", base)?;
    m.add("PackageError", PackageError::type_object(py))?;
    m.add("ValidationError", ValidationError::type_object(py))?;
    m.add("InputError", InputError::type_object(py))?;
    m.add("InternalError", InternalError::type_object(py))?;
    m.add("CsvImportError", CsvImportError::type_object(py))?;
    CsvImportError::type_object(py).setattr("path", py.None())?;
    m.add("ReportError", ReportError::type_object(py))?;
    ReportError::type_object(py).setattr("problems", pyo3::types::PyTuple::empty(py))?;
    m.add("QualityError", QualityError::type_object(py))?;
    m.add("ApiError", ApiError::type_object(py))?;
    m.add("INTERNAL_ERROR", INTERNAL_ERROR)?;
    m.add("INPUT_INVALID", INPUT_INVALID)?;
    Ok(())
}
