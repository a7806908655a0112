//! Classification of one leg (R-CQ-01, R-CQ-02), and the threshold logic the
//! columnar path shares.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::leg::{
    CallLeg, Combine, EndpointType, IpVersion, Metric, QualityPolicy, StreamKind, StreamMetrics,
    Verdict,
};

// ---- the shared logic: the scalar and columnar paths both call these ----

/// THE threshold rule: strictly above (R-CQ-01). NaN ("not reported") is never above.
#[inline(always)]
pub(crate) fn over(value: f64, threshold: f64) -> bool {
    value > threshold
}

/// What one stream contributes to a verdict.
#[derive(Clone, Copy)]
pub(crate) struct StreamFlags {
    /// At least one metric is reported (not NaN).
    pub measured: bool,
    /// At least one metric is over its threshold.
    pub poor: bool,
}

/// The flags of one stream; non-short-circuit operators keep it branch-free.
#[inline(always)]
pub(crate) fn stream_flags(
    jitter_ms: f64,
    latency_ms: f64,
    loss_pct: f64,
    p: &QualityPolicy,
) -> StreamFlags {
    StreamFlags {
        measured: !(jitter_ms.is_nan() & latency_ms.is_nan() & loss_pct.is_nan()),
        poor: over(jitter_ms, p.jitter_ms)
            | over(latency_ms, p.latency_ms)
            | over(loss_pct, p.loss_pct),
    }
}

/// Whether a leg from this endpoint type and IP version can be measured
/// (R-CQ-02): not analog, not third-party, IPv4 only. Unknown endpoint codes
/// count as measurable (like `other`); unknown IP codes do not.
#[inline(always)]
pub(crate) fn eligible(endpoint_code: u8, ip_code: u8) -> bool {
    (endpoint_code != EndpointType::Analog.code())
        & (endpoint_code != EndpointType::ThirdParty.code())
        & (ip_code == IpVersion::V4.code())
}

/// The verdict code of a leg from its eligibility and its two streams.
#[inline(always)]
pub(crate) fn verdict_code(
    eligible: bool,
    audio: StreamFlags,
    video: StreamFlags,
    all: bool,
) -> u8 {
    let measured = eligible & (audio.measured | video.measured);
    let poor = if all {
        (audio.poor | !audio.measured) & (video.poor | !video.measured)
    } else {
        audio.poor | video.poor
    };
    // 0 not measured, 1 good, 2 poor, without a branch.
    u8::from(measured) * (Verdict::GOOD + u8::from(poor))
}

// ---- the scalar API ----

/// Why a leg was not measured (R-CQ-02).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Exclusion {
    /// Analog or third-party endpoint.
    EndpointType {
        /// The excluded endpoint type.
        endpoint_type: EndpointType,
    },
    /// IPv6 media.
    Ipv6,
    /// No audio or video statistics at all.
    NoMediaStatistics,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exclusion::EndpointType { endpoint_type } => {
                write!(f, "{endpoint_type} endpoints are not measured")
            }
            Exclusion::Ipv6 => f.write_str("IPv6 legs are not measured"),
            Exclusion::NoMediaStatistics => f.write_str("no media statistics"),
        }
    }
}

/// One metric of one stream above its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reason {
    /// Audio or video.
    pub stream: StreamKind,
    /// Jitter, latency or loss.
    pub metric: Metric,
    /// The leg's value.
    pub value: f64,
    /// The policy threshold it is above.
    pub threshold: f64,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stream = match self.stream {
            StreamKind::Audio => "audio",
            StreamKind::Video => "video",
        };
        let metric = match self.metric {
            Metric::Jitter => "jitter",
            Metric::Latency => "latency",
            Metric::Loss => "loss",
        };
        let unit = self.metric.unit();
        write!(
            f,
            "{stream} {metric} {}{unit} > {}{unit}",
            self.value, self.threshold
        )
    }
}

/// The verdict on a leg and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Classification {
    /// Poor, good or not measured.
    pub verdict: Verdict,
    /// Every metric above its threshold, audio first then jitter, latency,
    /// loss. Empty for a good leg under `Any`; under `All` a good leg may list
    /// the crossings that were not enough. Empty when not measured.
    pub reasons: Vec<Reason>,
    /// Why the leg was not measured; `None` when it was.
    pub excluded: Option<Exclusion>,
}

/// Classifies one leg (R-CQ-01, R-CQ-02).
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wholesale_core::quality::*;
/// let leg = CallLeg {
///     customer_id: "c".into(), leg_id: "1".into(),
///     start_time: Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
///     endpoint_type: EndpointType::Analog, ip_version: IpVersion::V4,
///     audio: Some(StreamMetrics { jitter_ms: 900.0, latency_ms: 10.0, loss_pct: 0.0 }),
///     video: None, feature: None,
/// };
/// let c = classify(&leg, &QualityPolicy::default());
/// assert_eq!(c.verdict, Verdict::NotMeasured);
/// assert_eq!(c.excluded, Some(Exclusion::EndpointType { endpoint_type: EndpointType::Analog }));
/// ```
pub fn classify(leg: &CallLeg, policy: &QualityPolicy) -> Classification {
    let audio = leg.audio.unwrap_or(StreamMetrics::ABSENT);
    let video = leg.video.unwrap_or(StreamMetrics::ABSENT);
    let fa = stream_flags(audio.jitter_ms, audio.latency_ms, audio.loss_pct, policy);
    let fv = stream_flags(video.jitter_ms, video.latency_ms, video.loss_pct, policy);
    let ok = eligible(leg.endpoint_type.code(), leg.ip_version.code());
    let code = verdict_code(ok, fa, fv, policy.combine == Combine::All);
    let verdict = Verdict::from_code(code).unwrap_or(Verdict::NotMeasured);

    if verdict == Verdict::NotMeasured {
        let excluded = if !leg.endpoint_type.is_measurable() {
            Exclusion::EndpointType {
                endpoint_type: leg.endpoint_type,
            }
        } else if leg.ip_version == IpVersion::V6 {
            Exclusion::Ipv6
        } else {
            Exclusion::NoMediaStatistics
        };
        return Classification {
            verdict,
            reasons: Vec::new(),
            excluded: Some(excluded),
        };
    }

    let mut reasons = Vec::new();
    for (stream, metrics) in [(StreamKind::Audio, audio), (StreamKind::Video, video)] {
        for metric in Metric::ALL {
            let value = metrics.get(metric);
            let threshold = policy.threshold(metric);
            if over(value, threshold) {
                reasons.push(Reason {
                    stream,
                    metric,
                    value,
                    threshold,
                });
            }
        }
    }
    Classification {
        verdict,
        reasons,
        excluded: None,
    }
}
