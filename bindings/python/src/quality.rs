//! Call quality (`wholesale_core::quality`, R-CQ-01..05): one leg, CSV
//! readers, weekly report, queue KPIs, feature usage, and the columnar
//! classifier over numpy arrays (zero copy, GIL released).

use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use wholesale_core::problem::Findings;
use wholesale_core::quality::{
    self, CallLeg, EndpointType, LegColumns, QualityPolicy, QueuedCall, RejectedRow, Verdict,
};
use wholesale_core::week::Week as CoreWeek;

use crate::convert::{
    arg, checked_options, constant, day, f64_column, input_data, is_file_input, source_data, to_py,
    u8_column, InputData,
};
use crate::errors::{detached, guard, internal_error, validation_error, QualityError, Raise};
use crate::week::Week;

/// The policy from `None` (the core default) or a dict of overrides,
/// validated (QUALITY_POLICY_INVALID raises `QualityError`).
fn policy(obj: Option<&Bound<'_, PyAny>>) -> PyResult<QualityPolicy> {
    checked_options::<QualityError, _>(obj, "policy")
}

/// Typed legs (from dicts), each checked with the core's `CallLeg::problems`:
/// any problem raises `ValidationError` naming `legs[i].<column>`.
fn legs_from_dicts(obj: &Bound<'_, PyAny>) -> PyResult<Vec<CallLeg>> {
    let legs: Vec<CallLeg> = arg(obj, "legs")?;
    let findings = quality::legs_problems(&legs);
    if findings.iter().next().is_none() {
        Ok(legs)
    } else {
        Err(validation_error(obj.py(), &findings))
    }
}

/// The legs of a call-leg CSV (and its rejected rows), read without the GIL.
fn read_legs(py: Python<'_>, data: &InputData<'_>) -> PyResult<quality::LegsRead> {
    let bytes = data.as_bytes();
    detached(py, || quality::read_legs(bytes))?.map_err(|err| err.to_pyerr(py))
}

/// The queued calls of a CSV (and its rejected rows), read without the GIL.
fn read_calls(py: Python<'_>, data: &InputData<'_>) -> PyResult<quality::QueuedCallsRead> {
    let bytes = data.as_bytes();
    detached(py, || quality::read_queued_calls(bytes))?.map_err(|err| err.to_pyerr(py))
}

/// Legs and rejected rows from a list of leg dicts or a call-leg CSV.
fn legs_or_csv(obj: &Bound<'_, PyAny>) -> PyResult<(Vec<CallLeg>, Vec<RejectedRow>)> {
    if !is_file_input(obj)? {
        return Ok((legs_from_dicts(obj)?, Vec::new()));
    }
    let read = read_legs(obj.py(), &input_data(obj, "data")?)?;
    Ok((read.legs, read.rejected))
}

/// `{"verdict", "reasons", "excluded"}` for one leg dict (R-CQ-01, R-CQ-02);
/// a leg with problems raises `ValidationError`.
#[pyfunction]
#[pyo3(signature = (leg: "CallLegInput", policy: "Optional[QualityPolicy]" = None) -> "Classification")]
fn classify_leg<'py>(
    py: Python<'py>,
    leg: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let policy = self::policy(policy)?;
        let leg: CallLeg = arg(leg, "leg")?;
        let mut findings = Findings::default();
        leg.problems().into_iter().for_each(|p| findings.push(p));
        if findings.iter().next().is_some() {
            return Err(validation_error(py, &findings));
        }
        to_py(py, &quality::classify(&leg, &policy))
    })
}

/// Reads a call-leg CSV: `{"legs": [...], "rejected": [{line, problems}]}`.
/// `data`: `bytes` (the content), a `str`/`os.PathLike` path or a binary
/// file object; CSV text goes in `text=`.
#[pyfunction]
#[pyo3(signature = (data: "Optional[FileInput]" = None, *, text: "Optional[str]" = None) -> "LegsRead")]
fn read_call_legs<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &read_legs(py, &source_data(py, data, text)?)?)
    })
}

/// Reads a queued-call CSV: `{"calls": [...], "rejected": [...]}`; `data`
/// and `text` as in `read_call_legs`.
#[pyfunction]
#[pyo3(signature = (data: "Optional[FileInput]" = None, *, text: "Optional[str]" = None) -> "QueuedCallsRead")]
fn read_queued_calls<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    text: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        to_py(py, &read_calls(py, &source_data(py, data, text)?)?)
    })
}

/// The weekly call-quality report as of a day (R-CQ-03), from a call-leg CSV
/// (file input; its rejected rows included) or a list of leg dicts.
#[pyfunction]
#[pyo3(signature = (
    legs: "Union[Sequence[CallLegInput], FileInput]",
    as_of: "Day",
    policy: "Optional[QualityPolicy]" = None,
) -> "QualityReport")]
fn weekly_quality_report<'py>(
    py: Python<'py>,
    legs: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let policy = self::policy(policy)?;
        let as_of = day(as_of, "as_of")?;
        let (legs, rejected) = legs_or_csv(legs)?;
        let report = detached(py, || {
            let mut report = quality::weekly_report(&legs, as_of, &policy);
            report.rejected_rows = rejected;
            report
        })?;
        to_py(py, &report)
    })
}

/// The week argument: a `Week`, or an "as of" day meaning its last completed week.
fn week_arg(obj: &Bound<'_, PyAny>) -> PyResult<CoreWeek> {
    if let Ok(week) = obj.cast::<Week>() {
        return Ok(week.get().0);
    }
    Ok(CoreWeek::last_completed_on(day(obj, "week")?))
}

/// Per customer, legs in `week` that used each advanced feature (R-CQ-05).
#[pyfunction]
#[pyo3(signature = (
    legs: "Union[Sequence[CallLegInput], FileInput]",
    week: "Union[Week, Day]",
) -> "List[FeatureUsage]")]
fn feature_usage<'py>(
    py: Python<'py>,
    legs: &Bound<'py, PyAny>,
    week: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let week = week_arg(week)?;
        let (legs, _) = legs_or_csv(legs)?;
        to_py(py, &quality::feature_usage(&legs, week))
    })
}

/// Call-queue KPIs for the last completed week as of a day (R-CQ-04), from a
/// queued-call CSV (file input) or a list of call dicts. The rows a CSV
/// reader rejects are in `read_queued_calls(...)["rejected"]`.
#[pyfunction]
#[pyo3(signature = (calls: "Union[Sequence[QueuedCall], FileInput]", as_of: "Day") -> "QueueReport")]
fn queue_kpis<'py>(
    py: Python<'py>,
    calls: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let as_of = day(as_of, "as_of")?;
        let report = if is_file_input(calls)? {
            let read = read_calls(py, &input_data(calls, "data")?)?;
            detached(py, || read.report(as_of))?
        } else {
            let calls: Vec<QueuedCall> = arg(calls, "calls")?;
            detached(py, || quality::queue_kpis(&calls, as_of))?
        };
        to_py(py, &report)
    })
}

/// The columnar classifier (R-CQ-01, R-CQ-02): eight 1-D C-contiguous
/// columns borrowed without a copy (six float64 metrics, NaN = not
/// reported; endpoint-type codes and IP versions as uint8), classified with
/// the GIL released into a new uint8 array of verdict codes (0 not measured,
/// 1 good, 2 poor). Other dtypes or strided views raise `InputError`;
/// different lengths raise `QualityError` (LEG_COLUMNS_LENGTH_MISMATCH).
#[pyfunction]
#[pyo3(signature = (
    audio_jitter_ms: "numpy.typing.NDArray[numpy.float64]",
    audio_latency_ms: "numpy.typing.NDArray[numpy.float64]",
    audio_loss_pct: "numpy.typing.NDArray[numpy.float64]",
    video_jitter_ms: "numpy.typing.NDArray[numpy.float64]",
    video_latency_ms: "numpy.typing.NDArray[numpy.float64]",
    video_loss_pct: "numpy.typing.NDArray[numpy.float64]",
    endpoint_type: "numpy.typing.NDArray[numpy.uint8]",
    ip_version: "numpy.typing.NDArray[numpy.uint8]",
    *,
    policy: "Optional[QualityPolicy]" = None,
) -> "numpy.typing.NDArray[numpy.uint8]")]
#[allow(clippy::too_many_arguments)]
fn classify_columns<'py>(
    py: Python<'py>,
    audio_jitter_ms: &Bound<'py, PyAny>,
    audio_latency_ms: &Bound<'py, PyAny>,
    audio_loss_pct: &Bound<'py, PyAny>,
    video_jitter_ms: &Bound<'py, PyAny>,
    video_latency_ms: &Bound<'py, PyAny>,
    video_loss_pct: &Bound<'py, PyAny>,
    endpoint_type: &Bound<'py, PyAny>,
    ip_version: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray1<u8>>> {
    guard(py, || {
        let policy = self::policy(policy)?;
        let aj = f64_column(audio_jitter_ms, "audio_jitter_ms")?;
        let al = f64_column(audio_latency_ms, "audio_latency_ms")?;
        let ap = f64_column(audio_loss_pct, "audio_loss_pct")?;
        let vj = f64_column(video_jitter_ms, "video_jitter_ms")?;
        let vl = f64_column(video_latency_ms, "video_latency_ms")?;
        let vp = f64_column(video_loss_pct, "video_loss_pct")?;
        let et = u8_column(endpoint_type, "endpoint_type")?;
        let ip = u8_column(ip_version, "ip_version")?;
        let columns = LegColumns {
            audio_jitter_ms: slice_of(py, &aj)?,
            audio_latency_ms: slice_of(py, &al)?,
            audio_loss_pct: slice_of(py, &ap)?,
            video_jitter_ms: slice_of(py, &vj)?,
            video_latency_ms: slice_of(py, &vl)?,
            video_loss_pct: slice_of(py, &vp)?,
            endpoint_type: slice_of(py, &et)?,
            ip_version: slice_of(py, &ip)?,
        };
        let n = columns.len().map_err(|err| err.to_pyerr(py))?;
        let out = PyArray1::<u8>::zeros(py, n, false);
        {
            let mut write = out.readwrite();
            let target = write
                .as_slice_mut()
                .map_err(|err| internal_error(py, &err.to_string()))?;
            detached(py, || quality::classify_columns(&columns, &policy, target))?
                .map_err(|err| err.to_pyerr(py))?;
        }
        Ok(out)
    })
}

/// The borrowed slice of a column already checked contiguous.
fn slice_of<'a, T: numpy::Element>(
    py: Python<'_>,
    column: &'a numpy::PyReadonlyArray1<'_, T>,
) -> PyResult<&'a [T]> {
    column
        .as_slice()
        .map_err(|err| internal_error(py, &err.to_string()))
}

/// `{name: code}` of the endpoint types, for building the `endpoint_type`
/// column (`EndpointType::code`).
#[pyfunction]
#[pyo3(signature = () -> "Dict[EndpointType, int]")]
fn endpoint_type_codes<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let pairs: std::collections::BTreeMap<&str, u8> = EndpointType::ALL
            .iter()
            .map(|e| (e.as_str(), e.code()))
            .collect();
        to_py(py, &pairs)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify_leg, m)?)?;
    m.add_function(wrap_pyfunction!(read_call_legs, m)?)?;
    m.add_function(wrap_pyfunction!(read_queued_calls, m)?)?;
    m.add_function(wrap_pyfunction!(weekly_quality_report, m)?)?;
    m.add_function(wrap_pyfunction!(feature_usage, m)?)?;
    m.add_function(wrap_pyfunction!(queue_kpis, m)?)?;
    m.add_function(wrap_pyfunction!(classify_columns, m)?)?;
    m.add_function(wrap_pyfunction!(endpoint_type_codes, m)?)?;
    constant(m, "VERDICT_NOT_MEASURED", Verdict::NOT_MEASURED, "int")?;
    constant(m, "VERDICT_GOOD", Verdict::GOOD, "int")?;
    constant(m, "VERDICT_POOR", Verdict::POOR, "int")?;
    Ok(())
}
