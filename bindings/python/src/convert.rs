//! Every conversion between Python and the core, in one place.
//!
//! Results go out through serde: the core's result types are `Serialize`
//! (house rule), so [`to_py`] (pythonize) turns any of them into plain dicts,
//! lists, strings and numbers, and binding a new module needs no conversion
//! code of its own. Inputs come in as Python scalars (text, booleans,
//! datetimes, numpy arrays) and are checked here, each failure becoming an
//! `InputError` (or the module's own error) that names the argument.

use chrono::{DateTime, NaiveDate, Utc};
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::{
    PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping,
    PyMemoryView, PySequence, PyString, PyTuple, PyTzInfo,
};
use std::fs::File;
use std::path::{Path, PathBuf};

use pyo3::exceptions::PyException;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wholesale_core::csv_import;
use wholesale_core::{Code, Package};

use crate::errors::{detached, input_error, internal_error, new_error, CoreError, InputError};

/// Any serializable core value as plain Python data (dict, list, str, ...).
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|err| {
        internal_error(
            py,
            &format!("cannot convert a wholesale-core result to Python: {err}"),
        )
    })
}

/// Plain Python data (dicts, lists, ...) read as a core type; `field` names
/// the argument in the error. Data nested deeper than [`MAX_DEPTH`] is
/// refused first: pythonize recurses once per level, and a list nested
/// 100,000 deep would overflow the Rust stack (a crash, not an exception).
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let py = obj.py();
    if !within_depth(obj, 0)? {
        return Err(input_error(
            py,
            Some(field),
            &format!("{field} is nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    pythonize::depythonize(obj)
        .map_err(|err| input_error(py, Some(field), &format!("{field}: {err}")))
}

/// How deep plain data may nest; serde_json's own limit for JSON text.
pub const MAX_DEPTH: usize = 128;

/// Whether `obj` nests at most [`MAX_DEPTH`] containers deep (stops at the
/// first level too deep, so the walk itself is bounded).
fn within_depth(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<bool> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_none()
    {
        return Ok(true);
    }
    let children: Vec<Bound<'_, PyAny>> = if let Ok(dict) = obj.cast::<PyDict>() {
        dict.iter().flat_map(|(k, v)| [k, v]).collect()
    } else if let Ok(list) = obj.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        tuple.iter().collect()
    } else if let Ok(mapping) = obj.cast::<PyMapping>() {
        mapping.items()?.iter().collect()
    } else if let Ok(sequence) = obj.cast::<PySequence>() {
        sequence.try_iter()?.collect::<PyResult<Vec<_>>>()?
    } else {
        return Ok(true);
    };
    if children.is_empty() {
        return Ok(true);
    }
    if depth >= MAX_DEPTH {
        return Ok(false);
    }
    for child in &children {
        if !within_depth(child, depth + 1)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A package given as an API identifier or display name (a `Package` member
/// is a `str`, so it passes as is); unknown text raises `PackageError`.
pub fn package(py: Python<'_>, text: &str, field: &str) -> PyResult<Package> {
    Package::parse_strict(text).map_err(|err| err.to_pyerr(py, Some(field)))
}

/// An "as of" moment: an aware `datetime` (any time zone) or a `date`
/// (meaning its 00:00 UTC).
pub enum AsOf {
    /// An instant.
    Instant(DateTime<Utc>),
    /// A calendar day (UTC).
    Day(NaiveDate),
}

/// Reads an [`AsOf`]. A naive `datetime` is refused: guessing its zone would
/// shift week boundaries silently.
pub fn as_of(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<AsOf> {
    let py = obj.py();
    if obj.is_instance_of::<PyDateTime>() {
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(input_error(
                py,
                Some(field),
                &format!("{field} is a naive datetime: give it a time zone, e.g. tzinfo=datetime.timezone.utc"),
            ));
        }
        let utc = PyTzInfo::utc(py)?;
        let in_utc = obj.call_method1("astimezone", (utc,)).map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field} cannot be converted to UTC: {err}"),
            )
        })?;
        let instant = in_utc.extract::<DateTime<Utc>>().map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field} is not a usable datetime: {err}"),
            )
        })?;
        Ok(AsOf::Instant(instant))
    } else if obj.is_instance_of::<PyDate>() {
        let day = obj.extract::<NaiveDate>().map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field} is not a usable date: {err}"),
            )
        })?;
        Ok(AsOf::Day(day))
    } else {
        Err(input_error(
            py,
            Some(field),
            &format!(
                "{field} must be a datetime.datetime (with tzinfo) or a datetime.date, not {}",
                obj.get_type().name()?
            ),
        ))
    }
}

/// A UTC instant as an aware Python `datetime`; instants Python cannot
/// represent (before year 1 or after 9999) raise `InputError`.
pub fn instant<'py>(
    py: Python<'py>,
    value: DateTime<Utc>,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    value.into_pyobject(py).map(Bound::into_any).map_err(|err| {
        input_error(
            py,
            Some(field),
            &format!("{field} {value} is outside the range of Python datetimes: {err}"),
        )
    })
}

/// A one-dimensional, C-contiguous `float64` numpy array borrowed without a
/// copy. Other dtypes and strided views raise `InputError` naming `field`
/// (convert with `numpy.ascontiguousarray(a, dtype=numpy.float64)`).
pub fn f64_column<'py>(
    obj: &Bound<'py, PyAny>,
    field: &str,
) -> PyResult<PyReadonlyArray1<'py, f64>> {
    column(obj, field, "float64")
}

/// What the Python `Package` enum shows of a package.
#[derive(Serialize)]
pub struct PackageInfo {
    api_id: String,
    display_name: Option<&'static str>,
    is_subscriber_package: bool,
    entitles_calling: bool,
    entitles_meetings: bool,
    requires_number_and_location: bool,
    expects_preferred_site: bool,
}

/// A package's properties, each read from the core.
pub fn package_info(p: &Package) -> PackageInfo {
    PackageInfo {
        api_id: p.api_id().to_owned(),
        display_name: p.display_name(),
        is_subscriber_package: p.is_subscriber_package(),
        entitles_calling: p.entitles_calling(),
        entitles_meetings: p.entitles_meetings(),
        requires_number_and_location: p.requires_number_and_location(),
        expects_preferred_site: p.expects_preferred_site(),
    }
}

/// The most bytes the binding reads from a file or a file object given as
/// a `data` argument (and plus one, to tell "at the limit" from "over it").
/// It is the core's CSV limit (`csv_import::MAX_FILE_BYTES`, R-CSV-04): the
/// core has no limit of its own for reports, call legs or JSON documents
/// (R-REP-02 bounds reports "as in R-CSV-04"), so every reader here uses it.
pub const MAX_INPUT_BYTES: usize = csv_import::MAX_FILE_BYTES;

/// How much one `.read(n)` call on a file object asks for.
const READ_CHUNK_BYTES: usize = 1024 * 1024;

/// The bytes of a `data` argument (`bytes | bytearray | memoryview | str |
/// os.PathLike | binary file object`), for the parsers of the core (CSV,
/// reports), which read a `std::io::Read`. `bytes` is borrowed without a
/// copy; `str` is the text itself (UTF-8), never a path: files are passed as
/// `pathlib.Path` (or any `os.PathLike`) and read here, without the GIL, or
/// as an object with `.read(n)` (`open(p, "rb")`, `io.BytesIO`), read in
/// chunks. Reading is bounded: at most [`MAX_INPUT_BYTES`] + 1 bytes are read
/// from a file or file object, never more (R-CSV-04). Unreadable files and
/// other types raise `InputError` naming `field`.
pub enum InputData<'py> {
    /// A `bytes` object, borrowed.
    Borrowed(Bound<'py, PyBytes>),
    /// Bytes copied from text, a buffer, or read from a file.
    Owned(Vec<u8>),
}

impl InputData<'_> {
    /// The bytes, wherever they live.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            InputData::Borrowed(bytes) => bytes.as_bytes(),
            InputData::Owned(bytes) => bytes,
        }
    }
}

/// A `data` argument before a file is read: the CSV check hands an open file
/// to the core's own bounded reader (`csv_import::check`), every other reader
/// takes [`input_data`].
pub enum Input<'py> {
    /// The bytes, in memory.
    Data(InputData<'py>),
    /// The bytes read from a file object, at most [`MAX_INPUT_BYTES`] + 1.
    Read(Vec<u8>),
    /// A file opened from an `os.PathLike`, not read yet.
    File {
        /// The open file.
        file: File,
        /// Its path, for messages.
        path: PathBuf,
    },
}

/// Classifies a `data` argument; see [`InputData`]. A file object is read
/// here (at most [`MAX_INPUT_BYTES`] + 1 bytes), a path only opened.
pub fn input<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<Input<'py>> {
    let py = obj.py();
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Input::Data(InputData::Borrowed(bytes.clone())));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow().map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field} is not valid Unicode text: {err}"),
            )
        })?;
        return Ok(Input::Data(InputData::Owned(text.as_bytes().to_vec())));
    }
    if let Ok(array) = obj.cast::<PyByteArray>() {
        return Ok(Input::Data(InputData::Owned(array.to_vec())));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.call_method0("tobytes")?;
        return input(&bytes, field);
    }
    if obj.hasattr("__fspath__")? {
        let path = obj.call_method0("__fspath__")?;
        let path: PathBuf = path.extract().map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field} is not a usable path: {err}"),
            )
        })?;
        let file = detached(py, || File::open(&path))?
            .map_err(|err| cannot_read(py, field, &path, &err))?;
        return Ok(Input::File { file, path });
    }
    if obj.hasattr("read")? {
        return read_file_object(obj, field).map(Input::Read);
    }
    Err(input_error(
        py,
        Some(field),
        &format!(
            "{field} must be bytes, str (the text itself), os.PathLike (a file) or a binary file object, not {}",
            obj.get_type().name()?
        ),
    ))
}

/// Reads a `data` argument to its bytes; see [`InputData`]. A file or file
/// object larger than [`MAX_INPUT_BYTES`] raises `InputError` with the core's
/// `FILE_TOO_LARGE` code (R-CSV-04) instead of being read to its end; bytes
/// already in memory go to the core as they are.
pub fn input_data<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<InputData<'py>> {
    let py = obj.py();
    let (bytes, source) = match input(obj, field)? {
        Input::Data(data) => return Ok(data),
        Input::Read(bytes) => (bytes, "the file object".to_owned()),
        Input::File { file, path } => {
            let read = detached(py, || csv_import::read_at_most(file, MAX_INPUT_BYTES))?
                .map_err(|err| cannot_read(py, field, &path, &err))?;
            (read, path.display().to_string())
        }
    };
    if bytes.len() > MAX_INPUT_BYTES {
        let code = Code::FileTooLarge;
        return Err(new_error::<InputError>(
            py,
            code.as_str(),
            Some(code.rule()),
            Some(field),
            &format!(
                "{field}: {source} is larger than {MAX_INPUT_BYTES} bytes, the most wholesale_core reads (MAX_CSV_FILE_BYTES)"
            ),
        ));
    }
    Ok(InputData::Owned(bytes))
}

/// Reads a binary file object with `.read(n)` calls of at most
/// [`READ_CHUNK_BYTES`], until it returns `b""` or [`MAX_INPUT_BYTES`] + 1
/// bytes are read: never `.read()` without a size, so an endless stream
/// costs bounded time and memory.
fn read_file_object(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<u8>> {
    let py = obj.py();
    let limit = MAX_INPUT_BYTES.saturating_add(1);
    let mut bytes = Vec::new();
    while bytes.len() < limit {
        let want = READ_CHUNK_BYTES.min(limit - bytes.len());
        let chunk = obj.call_method1("read", (want,)).map_err(|err| {
            if err.is_instance_of::<PyException>(py) {
                input_error(
                    py,
                    Some(field),
                    &format!("{field}: .read({want}) failed: {err}"),
                )
            } else {
                err // KeyboardInterrupt, SystemExit: not an input problem.
            }
        })?;
        let chunk =
            if chunk.is_instance_of::<PyByteArray>() || chunk.is_instance_of::<PyMemoryView>() {
                py.get_type::<PyBytes>().call1((chunk,))?
            } else {
                chunk
            };
        let Ok(chunk) = chunk.cast::<PyBytes>() else {
            let what = if chunk.is_instance_of::<PyString>() {
                "str: open the file in binary mode (\"rb\")".to_owned()
            } else if chunk.is_none() {
                "None (a non-blocking stream with no data ready)".to_owned()
            } else {
                chunk.get_type().name()?.to_string()
            };
            return Err(input_error(
                py,
                Some(field),
                &format!("{field}: .read({want}) must return bytes, not {what}"),
            ));
        };
        let chunk = chunk.as_bytes();
        if chunk.is_empty() {
            break;
        }
        // A read that returns more than asked for is cut at the limit.
        let keep = chunk.len().min(limit - bytes.len());
        bytes.extend_from_slice(&chunk[..keep]);
    }
    Ok(bytes)
}

/// `InputError`: `path` cannot be opened or read.
fn cannot_read(py: Python<'_>, field: &str, path: &Path, err: &std::io::Error) -> PyErr {
    input_error(
        py,
        Some(field),
        &format!("{field}: cannot read {}: {err}", path.display()),
    )
}

/// A calendar day for the date-based analytics (status, KPIs, quality
/// reports): a `date`, an aware `datetime` (its UTC date), or ISO text
/// `YYYY-MM-DD`. Naive datetimes are refused as in [`as_of`].
pub fn day(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    let py = obj.py();
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        return text.trim().parse::<NaiveDate>().map_err(|err| {
            input_error(
                py,
                Some(field),
                &format!("{field}: {text:?} is not an ISO date (YYYY-MM-DD): {err}"),
            )
        });
    }
    Ok(match as_of(obj, field)? {
        AsOf::Instant(instant) => instant.date_naive(),
        AsOf::Day(day) => day,
    })
}

/// A one-dimensional, C-contiguous `uint8` numpy array borrowed without a
/// copy; otherwise `InputError` naming `field`, as [`f64_column`].
pub fn u8_column<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<PyReadonlyArray1<'py, u8>> {
    column(obj, field, "uint8")
}

/// The one borrowing check behind [`f64_column`] and [`u8_column`].
fn column<'py, T: numpy::Element>(
    obj: &Bound<'py, PyAny>,
    field: &str,
    dtype: &str,
) -> PyResult<PyReadonlyArray1<'py, T>> {
    let py = obj.py();
    let array = obj.extract::<PyReadonlyArray1<'py, T>>().map_err(|err| {
        input_error(
            py,
            Some(field),
            &format!("{field} must be a one-dimensional numpy array of {dtype}: {err}"),
        )
    })?;
    if array.as_slice().is_err() {
        return Err(input_error(
            py,
            Some(field),
            &format!("{field} must be contiguous: pass numpy.ascontiguousarray({field})"),
        ));
    }
    Ok(array)
}

/// A JSON document given as a dict/list (plain Python data), JSON text, or
/// `os.PathLike` (a JSON file): read as `T`. Bad JSON or a wrong shape raise
/// `InputError` naming `field`.
pub fn json_arg<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let py = obj.py();
    let text = if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        Some(input_data(obj, field)?)
    } else {
        None
    };
    match text {
        Some(data) => serde_json::from_slice(data.as_bytes())
            .map_err(|err| input_error(py, Some(field), &format!("{field}: invalid JSON: {err}"))),
        None => from_py(obj, field),
    }
}

/// Options deserialized from keyword-style data starting from the core's
/// `Default` (the types are `#[serde(default)]`): `None` is the default
/// itself, a dict overrides only the keys it names.
pub fn options<T: DeserializeOwned + Default>(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<T> {
    match obj {
        None => Ok(T::default()),
        Some(o) if o.is_none() => Ok(T::default()),
        Some(o) => json_arg(o, field),
    }
}
