//! Analytics weeks (`wholesale_core::week`, R-KPI-12).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use wholesale_core::week::Week as CoreWeek;

use crate::convert::{as_of, instant, AsOf};
use crate::errors::guard;

/// A week `[start, end)` from Sunday 00:00:00 UTC to the next (R-KPI-12).
#[pyclass(
    name = "Week",
    module = "wholesale_core",
    frozen,
    eq,
    hash,
    skip_from_py_object
)]
#[derive(PartialEq, Eq, Hash)]
pub struct Week(pub(crate) CoreWeek);

/// An aware datetime, or a date meaning its 00:00 UTC.
fn moment(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<chrono::DateTime<chrono::Utc>> {
    Ok(match as_of(obj, field)? {
        AsOf::Instant(instant) => instant,
        AsOf::Day(day) => day.and_time(chrono::NaiveTime::MIN).and_utc(),
    })
}

#[pymethods]
impl Week {
    /// The week containing `as_of` (a Sunday 00:00 UTC instant starts a new week).
    #[staticmethod]
    #[pyo3(signature = (as_of: "Union[datetime.datetime, datetime.date]") -> "Week")]
    fn containing(as_of: &Bound<'_, PyAny>) -> PyResult<Week> {
        guard(as_of.py(), || {
            Ok(Week(CoreWeek::containing(moment(as_of, "as_of")?)))
        })
    }

    /// The most recent week that has ended at `as_of` (R-KPI-12).
    #[staticmethod]
    #[pyo3(signature = (as_of: "Union[datetime.datetime, datetime.date]") -> "Week")]
    fn last_completed(as_of: &Bound<'_, PyAny>) -> PyResult<Week> {
        last_completed_week(as_of)
    }

    /// Sunday 00:00:00 UTC, included.
    /// -> datetime.datetime
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        instant(py, self.0.start, "start")
    }

    /// The next Sunday 00:00:00 UTC, excluded.
    /// -> datetime.datetime
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        instant(py, self.0.end, "end")
    }

    /// Whether the aware datetime `moment` falls in `[start, end)`.
    #[pyo3(signature = (moment: "Union[datetime.datetime, datetime.date]") -> "bool")]
    fn contains(&self, moment: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(moment.py(), || {
            Ok(self.0.contains(self::moment(moment, "moment")?))
        })
    }

    /// The week before this one.
    #[pyo3(signature = () -> "Week")]
    fn previous(&self, py: Python<'_>) -> PyResult<Week> {
        guard(py, || Ok(Week(self.0.previous())))
    }

    /// This week and the `count - 1` weeks before it, oldest first.
    #[pyo3(signature = (count: "int") -> "List[Week]")]
    fn trailing(&self, py: Python<'_>, count: usize) -> PyResult<Vec<Week>> {
        guard(py, || {
            Ok(self.0.trailing(count).into_iter().map(Week).collect())
        })
    }

    /// `{"start": datetime, "end": datetime}`.
    #[pyo3(signature = () -> "Dict[str, datetime.datetime]")]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start(py)?)?;
        dict.set_item("end", self.end(py)?)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Week(start={}, end={})",
            self.0.start.to_rfc3339(),
            self.0.end.to_rfc3339()
        )
    }
}

/// The most recent completed analytics week as of `as_of` (R-KPI-12): an
/// aware `datetime`, or a `date` meaning its start (00:00 UTC).
#[pyfunction]
#[pyo3(signature = (as_of: "Union[datetime.datetime, datetime.date]") -> "Week")]
fn last_completed_week(as_of: &Bound<'_, PyAny>) -> PyResult<Week> {
    guard(as_of.py(), || {
        Ok(Week(match crate::convert::as_of(as_of, "as_of")? {
            AsOf::Instant(instant) => CoreWeek::last_completed(instant),
            AsOf::Day(day) => CoreWeek::last_completed_on(day),
        }))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Week>()?;
    m.add_function(wrap_pyfunction!(last_completed_week, m)?)?;
    Ok(())
}
