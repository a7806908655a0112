//! Calling analytics (R-CQ-01..05): call-leg quality, weekly aggregates, the
//! 8-week trend, call-queue KPIs and feature usage.
//!
//! A call leg is classified [`Verdict::Poor`], [`Verdict::Good`] or
//! [`Verdict::NotMeasured`] against a [`QualityPolicy`] (R-CQ-01, R-CQ-02),
//! one leg at a time with [`classify`] or whole columns at a time with
//! [`classify_columns`] (the entry point for numpy arrays). Both paths share
//! one threshold function, so they always agree.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use wholesale_core::quality::{
//!     classify, CallLeg, EndpointType, IpVersion, QualityPolicy, StreamMetrics, Verdict,
//! };
//!
//! let leg = CallLeg {
//!     customer_id: "acme".into(),
//!     leg_id: "leg-1".into(),
//!     start_time: Utc.with_ymd_and_hms(2026, 11, 18, 9, 30, 0).unwrap(),
//!     endpoint_type: EndpointType::WebexApp,
//!     ip_version: IpVersion::V4,
//!     audio: Some(StreamMetrics { jitter_ms: 150.0, latency_ms: 80.0, loss_pct: 0.5 }),
//!     video: Some(StreamMetrics { jitter_ms: 20.0, latency_ms: 401.0, loss_pct: 0.0 }),
//!     feature: None,
//! };
//! let result = classify(&leg, &QualityPolicy::default());
//! assert_eq!(result.verdict, Verdict::Poor);
//! // 150 ms of jitter is not above the threshold; 401 ms of video latency is.
//! assert_eq!(result.reasons.len(), 1);
//! assert_eq!(result.reasons[0].to_string(), "video latency 401 ms > 400 ms");
//! ```

mod aggregate;
mod classify;
mod columns;
mod leg;
mod partial;
mod queue;
mod read;
mod rejected;
mod report;

pub use aggregate::{
    feature_usage, CustomerQuality, EndpointQuality, FeatureUsage, QualityCounts, QualityReport,
    WeekQuality, TREND_WEEKS,
};
pub use classify::{classify, Classification, Exclusion, Reason};
pub use columns::{classify_columns, classify_columns_to_vec, LegColumnBuffers, LegColumns};
pub use leg::{
    legs_problems, CallLeg, Combine, EndpointType, Feature, IpVersion, Metric, QualityPolicy,
    StreamKind, StreamMetrics, Verdict,
};
pub use partial::{weekly_report, PartialError, QualityPartial, QualityPartials};
pub use queue::{queue_kpis, CustomerQueueKpis, QueueKpis, QueueOutcome, QueueReport, QueuedCall};
pub use read::{
    read_legs, read_queued_calls, LegsRead, QueuedCallsRead, LEG_COLUMNS, LEG_FEATURE_COLUMN,
    QUEUE_COLUMNS,
};
pub use rejected::RejectedRow;

use crate::codes::Code;
use crate::problem::{AsProblem, Problem};

/// The snake_case form of a keyword cell: trimmed, lowercase, spaces and
/// hyphens as underscores (`"Desk phone"` -> `desk_phone`). Every enum read
/// from quality CSVs parses through it.
fn keyword(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Input the quality module cannot use at all (as opposed to a bad row, which
/// is a [`RejectedRow`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QualityError {
    /// The CSV could not be read (I/O error).
    #[error("cannot read the CSV: {0}")]
    Read(#[from] csv::Error),
    /// The header lacks required columns (`LEG_HEADER_MISSING`, `QUEUE_HEADER_MISSING`).
    #[error("{code}: the header lacks the column(s) {}", missing.join(", "))]
    HeaderMissing {
        /// Which header code applies (legs or queued calls).
        code: Code,
        /// The required columns that are absent.
        missing: Vec<String>,
    },
    /// A policy threshold is NaN, infinite or negative (`QUALITY_POLICY_INVALID`).
    #[error("the policy's {field} is {value}; a threshold is a finite number, 0 or more")]
    PolicyInvalid {
        /// `jitter_ms`, `latency_ms` or `loss_pct`.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// The columns handed to [`classify_columns`] differ in length
    /// (`LEG_COLUMNS_LENGTH_MISMATCH`).
    #[error(
        "column {column} has {found} values, expected {expected} (the length of audio_jitter_ms)"
    )]
    ColumnLength {
        /// The column whose length differs.
        column: &'static str,
        /// The length of the first column.
        expected: usize,
        /// The length of this column.
        found: usize,
    },
    /// A value handed to [`classify_columns`] that the leg and CSV paths
    /// refuse: infinite, negative, or a loss above 100 (`LEG_METRIC_INVALID`).
    #[error("{column}[{index}] is {value}: {why}")]
    MetricInvalid {
        /// The column.
        column: &'static str,
        /// The leg's index.
        index: usize,
        /// The value given.
        value: f64,
        /// Why it is refused.
        why: &'static str,
    },
    /// The CSV is larger than a call-data file can be (`CALL_DATA_TOO_LARGE`,
    /// R-REP-05); nothing is read.
    #[error("the call data is too large: {0}")]
    TooLarge(String),
}

impl QualityError {
    /// The registry code of the error.
    pub fn code(&self) -> Code {
        match self {
            QualityError::Read(_) => Code::CallDataUnreadable,
            QualityError::HeaderMissing { code, .. } => *code,
            QualityError::ColumnLength { .. } => Code::LegColumnsLengthMismatch,
            QualityError::PolicyInvalid { .. } => Code::QualityPolicyInvalid,
            QualityError::MetricInvalid { .. } => Code::LegMetricInvalid,
            QualityError::TooLarge(_) => Code::CallDataTooLarge,
        }
    }
}

impl AsProblem for QualityError {
    fn to_problem(&self) -> Problem {
        let problem = Problem::general(self.code(), self.to_string());
        match self {
            // The field of the policy argument, named as the bindings and
            // the input paths name it (`policy.jitter_ms`).
            QualityError::PolicyInvalid { field, .. } => {
                problem.in_field(format!("policy.{field}"))
            }
            QualityError::ColumnLength { column, .. } => problem.in_field(*column),
            QualityError::MetricInvalid { column, index, .. } => {
                problem.in_field(format!("{column}[{index}]"))
            }
            QualityError::HeaderMissing { missing, .. } => match missing.first() {
                Some(column) => problem.in_field(column.clone()).on_line(Some(1)),
                None => problem.on_line(Some(1)),
            },
            QualityError::Read(_) | QualityError::TooLarge(_) => problem,
        }
    }
}
