//! The columnar classifier (R-CQ-01, R-CQ-02): whole columns in, a column of
//! verdict codes out. This is what the Python binding hands numpy arrays to.

use super::classify::{eligible, stream_flags, verdict_code};
use super::leg::{metric_problem, CallLeg, Combine, Metric, QualityPolicy, StreamMetrics};
use super::QualityError;

/// Borrowed columns of call legs, one value per leg in each slice.
///
/// NaN in a metric column means "no such stream / not reported"; a stream is
/// absent when its three values are NaN. `endpoint_type` holds
/// [`EndpointType::code`](super::EndpointType::code) values (unknown codes
/// count as `other`); `ip_version` holds 4 or 6 (anything but 4 is not measured).
#[derive(Clone, Copy, Debug)]
pub struct LegColumns<'a> {
    /// Audio jitter, ms.
    pub audio_jitter_ms: &'a [f64],
    /// Audio latency, ms.
    pub audio_latency_ms: &'a [f64],
    /// Audio packet loss, %.
    pub audio_loss_pct: &'a [f64],
    /// Video jitter, ms.
    pub video_jitter_ms: &'a [f64],
    /// Video latency, ms.
    pub video_latency_ms: &'a [f64],
    /// Video packet loss, %.
    pub video_loss_pct: &'a [f64],
    /// Endpoint-type codes.
    pub endpoint_type: &'a [u8],
    /// IP version: 4 or 6.
    pub ip_version: &'a [u8],
}

impl LegColumns<'_> {
    /// The common length of every column, or a
    /// [`QualityError::ColumnLength`] naming the first column that differs.
    pub fn len(&self) -> Result<usize, QualityError> {
        let expected = self.audio_jitter_ms.len();
        let lengths = [
            ("audio_latency_ms", self.audio_latency_ms.len()),
            ("audio_loss_pct", self.audio_loss_pct.len()),
            ("video_jitter_ms", self.video_jitter_ms.len()),
            ("video_latency_ms", self.video_latency_ms.len()),
            ("video_loss_pct", self.video_loss_pct.len()),
            ("endpoint_type", self.endpoint_type.len()),
            ("ip_version", self.ip_version.len()),
        ];
        for (column, found) in lengths {
            if found != expected {
                return Err(QualityError::ColumnLength {
                    column,
                    expected,
                    found,
                });
            }
        }
        Ok(expected)
    }

    /// Whether there are no legs (or the lengths differ).
    pub fn is_empty(&self) -> bool {
        self.len().map_or(true, |n| n == 0)
    }
}

/// The first value of the metric columns that [`CallLeg::problems`] and the
/// CSV reader refuse (infinite, negative, loss above 100), so the columnar
/// path never grades as good what the others refuse. NaN is "not reported".
fn check_values(c: &LegColumns<'_>) -> Result<(), QualityError> {
    let columns = [
        ("audio_jitter_ms", Metric::Jitter, c.audio_jitter_ms),
        ("audio_latency_ms", Metric::Latency, c.audio_latency_ms),
        ("audio_loss_pct", Metric::Loss, c.audio_loss_pct),
        ("video_jitter_ms", Metric::Jitter, c.video_jitter_ms),
        ("video_latency_ms", Metric::Latency, c.video_latency_ms),
        ("video_loss_pct", Metric::Loss, c.video_loss_pct),
    ];
    for (column, metric, values) in columns {
        for (index, &value) in values.iter().enumerate() {
            if let Some(why) = metric_problem(metric, value) {
                return Err(QualityError::MetricInvalid {
                    column,
                    index,
                    value,
                    why,
                });
            }
        }
    }
    Ok(())
}

/// Classifies every leg of `columns` into `out` (codes
/// [`Verdict::NOT_MEASURED`](super::Verdict::NOT_MEASURED) = 0,
/// [`Verdict::GOOD`](super::Verdict::GOOD) = 1,
/// [`Verdict::POOR`](super::Verdict::POOR) = 2).
///
/// Columns of different lengths, or an `out` of another length, are a
/// [`QualityError::ColumnLength`]; a metric the leg and CSV paths refuse
/// (infinite, negative, loss above 100) is a [`QualityError::MetricInvalid`]
/// (R-CQ-01: the paths agree), and `out` then holds no verdict to use. The loop is branch-free so the compiler
/// vectorizes it; see `docs/quality.md` for the measured rate.
///
/// ```
/// use wholesale_core::quality::{classify_columns, LegColumns, QualityPolicy, Verdict};
///
/// let nan = f64::NAN;
/// let cols = LegColumns {
///     audio_jitter_ms: &[150.0, 150.001, 10.0],
///     audio_latency_ms: &[10.0, 10.0, 10.0],
///     audio_loss_pct: &[0.0, 0.0, 0.0],
///     video_jitter_ms: &[nan, nan, nan],
///     video_latency_ms: &[nan, nan, nan],
///     video_loss_pct: &[nan, nan, nan],
///     endpoint_type: &[0, 0, 3],  // webex_app, webex_app, analog
///     ip_version: &[4, 4, 4],
/// };
/// let mut out = [0u8; 3];
/// classify_columns(&cols, &QualityPolicy::default(), &mut out).unwrap();
/// assert_eq!(out, [Verdict::GOOD, Verdict::POOR, Verdict::NOT_MEASURED]);
/// ```
pub fn classify_columns(
    columns: &LegColumns<'_>,
    policy: &QualityPolicy,
    out: &mut [u8],
) -> Result<(), QualityError> {
    let n = columns.len()?;
    if out.len() != n {
        return Err(QualityError::ColumnLength {
            column: "out",
            expected: n,
            found: out.len(),
        });
    }
    let invalid = match policy.combine {
        Combine::Any => classify_loop::<false>(columns, policy, out),
        Combine::All => classify_loop::<true>(columns, policy, out),
    };
    // The loop flags a refused value in the same pass; only then are the
    // columns scanned again, to name it.
    if invalid {
        check_values(columns)?;
    }
    Ok(())
}

/// [`classify_columns`] into a new vector.
pub fn classify_columns_to_vec(
    columns: &LegColumns<'_>,
    policy: &QualityPolicy,
) -> Result<Vec<u8>, QualityError> {
    let mut out = vec![0u8; columns.len()?];
    classify_columns(columns, policy, &mut out)?;
    Ok(out)
}

/// Legs per block: each block is a straight-line loop over slices of equal,
/// known length, so LLVM drops the bounds checks and vectorizes it.
const BLOCK: usize = 1024;

/// Whether a metric value is one the leg path refuses (negative, infinite,
/// loss above 100); NaN is not. Branch-free, for the hot loop.
#[inline(always)]
#[allow(clippy::manual_range_contains)] // `!(0.0..=100.0).contains(&v)` would refuse NaN, which means "not reported"
fn refused(jitter_ms: f64, latency_ms: f64, loss_pct: f64) -> bool {
    (jitter_ms < 0.0)
        | (jitter_ms > f64::MAX)
        | (latency_ms < 0.0)
        | (latency_ms > f64::MAX)
        | (loss_pct < 0.0)
        | (loss_pct > 100.0)
}

/// The hot loop, monomorphized per combination rule so the rule is not
/// tested per leg. Every slice has the length of `out` (checked by the
/// caller). Returns whether a value [`check_values`] refuses was seen.
fn classify_loop<const ALL: bool>(c: &LegColumns<'_>, p: &QualityPolicy, out: &mut [u8]) -> bool {
    let p = *p;
    let mut invalid = false;
    let mut start = 0;
    for block in out.chunks_mut(BLOCK) {
        let end = start + block.len();
        let (aj, al, ap) = (
            &c.audio_jitter_ms[start..end],
            &c.audio_latency_ms[start..end],
            &c.audio_loss_pct[start..end],
        );
        let (vj, vl, vp) = (
            &c.video_jitter_ms[start..end],
            &c.video_latency_ms[start..end],
            &c.video_loss_pct[start..end],
        );
        let (ep, ip) = (&c.endpoint_type[start..end], &c.ip_version[start..end]);
        for (i, slot) in block.iter_mut().enumerate() {
            let audio = stream_flags(aj[i], al[i], ap[i], &p);
            let video = stream_flags(vj[i], vl[i], vp[i], &p);
            invalid |= refused(aj[i], al[i], ap[i]) | refused(vj[i], vl[i], vp[i]);
            *slot = verdict_code(eligible(ep[i], ip[i]), audio, video, ALL);
        }
        start = end;
    }
    invalid
}

/// Owned columns built from [`CallLeg`]s (absent streams become NaN), for
/// tests, benchmarks and callers that hold legs but want the columnar path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegColumnBuffers {
    /// Audio jitter, ms.
    pub audio_jitter_ms: Vec<f64>,
    /// Audio latency, ms.
    pub audio_latency_ms: Vec<f64>,
    /// Audio packet loss, %.
    pub audio_loss_pct: Vec<f64>,
    /// Video jitter, ms.
    pub video_jitter_ms: Vec<f64>,
    /// Video latency, ms.
    pub video_latency_ms: Vec<f64>,
    /// Video packet loss, %.
    pub video_loss_pct: Vec<f64>,
    /// Endpoint-type codes.
    pub endpoint_type: Vec<u8>,
    /// IP version codes.
    pub ip_version: Vec<u8>,
}

impl LegColumnBuffers {
    /// The columns of `legs`, in order.
    pub fn from_legs(legs: &[CallLeg]) -> LegColumnBuffers {
        let mut b = LegColumnBuffers::default();
        for leg in legs {
            let a = leg.audio.unwrap_or(StreamMetrics::ABSENT);
            let v = leg.video.unwrap_or(StreamMetrics::ABSENT);
            b.audio_jitter_ms.push(a.jitter_ms);
            b.audio_latency_ms.push(a.latency_ms);
            b.audio_loss_pct.push(a.loss_pct);
            b.video_jitter_ms.push(v.jitter_ms);
            b.video_latency_ms.push(v.latency_ms);
            b.video_loss_pct.push(v.loss_pct);
            b.endpoint_type.push(leg.endpoint_type.code());
            b.ip_version.push(leg.ip_version.code());
        }
        b
    }

    /// Borrowed columns over these buffers.
    pub fn as_columns(&self) -> LegColumns<'_> {
        LegColumns {
            audio_jitter_ms: &self.audio_jitter_ms,
            audio_latency_ms: &self.audio_latency_ms,
            audio_loss_pct: &self.audio_loss_pct,
            video_jitter_ms: &self.video_jitter_ms,
            video_latency_ms: &self.video_latency_ms,
            video_loss_pct: &self.video_loss_pct,
            endpoint_type: &self.endpoint_type,
            ip_version: &self.ip_version,
        }
    }
}
