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
use pythonize::Depythonizer;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wholesale_core::csv_import;
use wholesale_core::input::{deserialize_arg, deserialize_checked, Checked, OptionsError};
use wholesale_core::{Code, Package, Problem};

use crate::errors::{
    detached, findings_error, input_error, internal_error, problem_error, InputError, Raise,
};

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

/// Adds the module constant `name`; `py_type` is its Python type, read by
/// the stub generator (`wholesale-typegen`, `python_stubs.rs`).
pub fn constant<'py, T: IntoPyObject<'py>>(
    m: &Bound<'py, PyModule>,
    name: &str,
    value: T,
    py_type: &str,
) -> PyResult<()> {
    let _ = py_type;
    m.add(name, value)
}

/// An argument read from plain Python data (dicts, lists, ...) into a core
/// type through the core's `input::deserialize_arg`: a misspelled key or a
/// wrong type raises `InputError` (`INPUT_INVALID`) whose `.field` is the
/// argument and the path inside it (`options.behaviour`, `customers[2].package`).
/// Data nested deeper than [`MAX_DEPTH`] is refused first: pythonize
/// recurses once per level, and a list nested 100,000 deep would overflow
/// the Rust stack (a crash, not an exception).
pub fn arg<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let py = obj.py();
    refuse_deep(obj, name)?;
    deserialize_arg(&mut Depythonizer::from_object(obj), name)
        .map_err(|err| input_error(py, &err.field, &err.to_string()))
}

/// `InputError` for data nested deeper than the deserializer may recurse.
fn refuse_deep(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<()> {
    if within_depth(obj, 0)? {
        Ok(())
    } else {
        Err(input_error(
            obj.py(),
            name,
            &format!("{name} is nested more than {MAX_DEPTH} levels deep"),
        ))
    }
}

/// [`options`] whose values have rules of their own (`input::Checked`):
/// read and checked in one step by the core; values against their rules
/// raise `E` with the rules' codes and every problem.
pub fn checked_options<E: pyo3::PyTypeInfo, T: DeserializeOwned + Default + Checked>(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<T> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(T::default());
    };
    let py = obj.py();
    refuse_deep(obj, name)?;
    deserialize_checked(&mut Depythonizer::from_object(obj), name).map_err(|err| match err {
        OptionsError::Unreadable(err) => input_error(py, &err.field, &err.to_string()),
        OptionsError::Invalid(problems) => findings_error::<E>(py, &problems.into_iter().collect()),
    })
}

/// Options starting from the core's `Default` (the types are
/// `#[serde(default)]` and refuse unknown keys): `None` is the default
/// itself, a dict overrides only the keys it names.
pub fn options<T: DeserializeOwned + Default>(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<T> {
    match obj {
        Some(o) if !o.is_none() => arg(o, name),
        _ => Ok(T::default()),
    }
}

/// Whether `obj` is file input (content or a path) rather than plain data.
pub fn is_file_input(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyMemoryView>()
        || obj.hasattr("__fspath__")?
        || obj.hasattr("read")?)
}

/// A JSON document: plain Python data (a dict or list), or a JSON file as
/// [`input_data`] reads it (`bytes` = the JSON content, `str` /
/// `os.PathLike` = its path, a binary file object). Read like [`arg`].
pub fn json_doc<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    if !is_file_input(obj)? {
        return arg(obj, name);
    }
    let py = obj.py();
    let data = input_data(obj, name)?;
    let mut json = serde_json::Deserializer::from_slice(data.as_bytes());
    let value = deserialize_arg(&mut json, name)
        .map_err(|err| input_error(py, &err.field, &err.to_string()))?;
    json.end()
        .map_err(|err| input_error(py, name, &format!("{name}: {err}")))?;
    Ok(value)
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
    Package::parse_strict(text).map_err(|err| err.to_pyerr_in(py, field))
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
                field,
                &format!("{field} is a naive datetime: give it a time zone, e.g. tzinfo=datetime.timezone.utc"),
            ));
        }
        let utc = PyTzInfo::utc(py)?;
        let in_utc = obj.call_method1("astimezone", (utc,)).map_err(|err| {
            input_error(
                py,
                field,
                &format!("{field} cannot be converted to UTC: {err}"),
            )
        })?;
        let instant = in_utc.extract::<DateTime<Utc>>().map_err(|err| {
            input_error(
                py,
                field,
                &format!("{field} is not a usable datetime: {err}"),
            )
        })?;
        Ok(AsOf::Instant(instant))
    } else if obj.is_instance_of::<PyDate>() {
        let day = obj.extract::<NaiveDate>().map_err(|err| {
            input_error(py, field, &format!("{field} is not a usable date: {err}"))
        })?;
        Ok(AsOf::Day(day))
    } else {
        Err(input_error(
            py,
            field,
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
            field,
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

/// The most bytes the binding reads from a file or a file object given as
/// a `data` argument (and plus one, to tell "at the limit" from "over it").
/// It is the core's CSV limit (`csv_import::MAX_FILE_BYTES`, R-CSV-04): the
/// core has no limit of its own for reports, call legs or JSON documents
/// (R-REP-02 bounds reports "as in R-CSV-04"), so every reader here uses it.
pub const MAX_INPUT_BYTES: usize = csv_import::MAX_FILE_BYTES;

/// How much one `.read(n)` call on a file object asks for.
const READ_CHUNK_BYTES: usize = 1024 * 1024;

/// The bytes of a `data` argument, as pandas and polars read theirs: `bytes`,
/// `bytearray` and `memoryview` are the content (`bytes` borrowed without a
/// copy); a `str` or `os.PathLike` is a PATH, opened here without the GIL; a
/// binary file object (`open(p, "rb")`, `io.BytesIO`) is read with `.read(n)`
/// in chunks. Text content has its own keyword (`text=`, see [`source`]).
/// Reading is bounded: at most [`MAX_INPUT_BYTES`] + 1 bytes are read from a
/// file or file object, never more (R-CSV-04). Unreadable files and other
/// types raise `InputError` naming `field`.
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
    if let Ok(array) = obj.cast::<PyByteArray>() {
        return Ok(Input::Data(InputData::Owned(array.to_vec())));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.call_method0("tobytes")?;
        return input(&bytes, field);
    }
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        let path = py.import("os")?.call_method1("fspath", (obj,))?;
        let path: PathBuf = path.extract().map_err(|err| {
            input_error(py, field, &format!("{field} is not a usable path: {err}"))
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
        field,
        &format!(
            "{field} must be bytes (the content), str or os.PathLike (a path) or a binary file object, not {}",
            obj.get_type().name()?
        ),
    ))
}

/// The input of a reader given `data` (see [`input`]) or `text`, the
/// content as text: exactly one of the two.
pub fn source<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
) -> PyResult<Input<'py>> {
    match (data.filter(|d| !d.is_none()), text) {
        (Some(data), None) => input(data, "data"),
        (None, Some(text)) => Ok(Input::Data(InputData::Owned(text.as_bytes().to_vec()))),
        _ => Err(input_error(
            py,
            "data",
            "give either data (bytes, a path or a binary file object) or text=, not both or neither",
        )),
    }
}

/// [`source`] read to its bytes, bounded as [`input_data`].
pub fn source_data<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
) -> PyResult<InputData<'py>> {
    read_input(py, source(py, data, text)?, "data")
}

/// Reads a `data` argument to its bytes; see [`InputData`]. A file or file
/// object larger than [`MAX_INPUT_BYTES`] raises `InputError` with the core's
/// `FILE_TOO_LARGE` code (R-CSV-04) instead of being read to its end; bytes
/// already in memory go to the core as they are.
pub fn input_data<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<InputData<'py>> {
    read_input(obj.py(), input(obj, field)?, field)
}

fn read_input<'py>(py: Python<'py>, input: Input<'py>, field: &str) -> PyResult<InputData<'py>> {
    let (bytes, source) = match input {
        Input::Data(data) => return Ok(data),
        Input::Read(bytes) => (bytes, "the file object".to_owned()),
        Input::File { file, path } => {
            let read = detached(py, || csv_import::read_at_most(file, MAX_INPUT_BYTES))?
                .map_err(|err| cannot_read(py, field, &path, &err))?;
            (read, path.display().to_string())
        }
    };
    if bytes.len() > MAX_INPUT_BYTES {
        let message = format!(
            "{field}: {source} is larger than {MAX_INPUT_BYTES} bytes, the most wholesale_core reads (MAX_CSV_FILE_BYTES)"
        );
        let problem = Problem::new(Code::FileTooLarge, field, message);
        return Err(problem_error::<InputError>(py, &problem));
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
                input_error(py, field, &format!("{field}: .read({want}) failed: {err}"))
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
                field,
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
        field,
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
                field,
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
            field,
            &format!("{field} must be a one-dimensional numpy array of {dtype}: {err}"),
        )
    })?;
    if array.as_slice().is_err() {
        return Err(input_error(
            py,
            field,
            &format!("{field} must be contiguous: pass numpy.ascontiguousarray({field})"),
        ));
    }
    Ok(array)
}
