//! The call-leg model and the quality policy (R-CQ-01, R-CQ-02, R-CQ-05).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kind of device or client on a call leg.
///
/// Analog phones ([`EndpointType::Analog`]) and third-party devices
/// ([`EndpointType::ThirdParty`]) report no media statistics Webex trusts,
/// so their legs are never measured (R-CQ-02).
///
/// ```
/// use wholesale_core::quality::EndpointType;
///
/// assert_eq!(EndpointType::parse("Desk phone"), Some(EndpointType::DeskPhone));
/// assert_eq!(EndpointType::from_code(3), Some(EndpointType::Analog));
/// assert!(!EndpointType::ThirdParty.is_measurable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndpointType {
    /// The Webex App (desktop, mobile or web). Column code 0.
    WebexApp,
    /// A Cisco desk phone. Column code 1.
    DeskPhone,
    /// A Cisco room or board device. Column code 2.
    RoomDevice,
    /// An analog phone behind an adapter; never measured. Column code 3.
    Analog,
    /// A third-party SIP device; never measured. Column code 4.
    ThirdParty,
    /// Any other endpoint Webex reports media statistics for. Column code 5.
    Other,
}

impl EndpointType {
    /// Every endpoint type, in column-code order.
    pub const ALL: [EndpointType; 6] = [
        EndpointType::WebexApp,
        EndpointType::DeskPhone,
        EndpointType::RoomDevice,
        EndpointType::Analog,
        EndpointType::ThirdParty,
        EndpointType::Other,
    ];

    /// The `u8` code used in [`LegColumns::endpoint_type`](super::LegColumns).
    pub const fn code(self) -> u8 {
        match self {
            EndpointType::WebexApp => 0,
            EndpointType::DeskPhone => 1,
            EndpointType::RoomDevice => 2,
            EndpointType::Analog => 3,
            EndpointType::ThirdParty => 4,
            EndpointType::Other => 5,
        }
    }

    /// The endpoint type with column code `code`, if any.
    pub const fn from_code(code: u8) -> Option<EndpointType> {
        match code {
            0 => Some(EndpointType::WebexApp),
            1 => Some(EndpointType::DeskPhone),
            2 => Some(EndpointType::RoomDevice),
            3 => Some(EndpointType::Analog),
            4 => Some(EndpointType::ThirdParty),
            5 => Some(EndpointType::Other),
            _ => None,
        }
    }

    /// The snake_case name used in JSON and CSV.
    pub const fn as_str(self) -> &'static str {
        match self {
            EndpointType::WebexApp => "webex_app",
            EndpointType::DeskPhone => "desk_phone",
            EndpointType::RoomDevice => "room_device",
            EndpointType::Analog => "analog",
            EndpointType::ThirdParty => "third_party",
            EndpointType::Other => "other",
        }
    }

    /// Whether legs from this endpoint type can count in quality ratios (R-CQ-02).
    pub const fn is_measurable(self) -> bool {
        !matches!(self, EndpointType::Analog | EndpointType::ThirdParty)
    }

    /// Reads the snake_case name, ignoring case and treating spaces and
    /// hyphens as underscores (`"Desk phone"`, `"third-party"`). Unknown text
    /// is `None`: the CSV reader rejects the row rather than guess.
    pub fn parse(text: &str) -> Option<EndpointType> {
        let key = super::keyword(text);
        EndpointType::ALL.into_iter().find(|t| t.as_str() == key)
    }
}

impl fmt::Display for EndpointType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The IP version of a leg's media. IPv6 legs are not measured (R-CQ-02).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IpVersion {
    /// IPv4, column code 4.
    V4,
    /// IPv6, column code 6.
    V6,
}

impl IpVersion {
    /// The `u8` code used in [`LegColumns::ip_version`](super::LegColumns): 4 or 6.
    pub const fn code(self) -> u8 {
        match self {
            IpVersion::V4 => 4,
            IpVersion::V6 => 6,
        }
    }

    /// Reads `4`, `6`, `v4`, `v6`, `ipv4` or `ipv6` (any case).
    ///
    /// ```
    /// use wholesale_core::quality::IpVersion;
    /// assert_eq!(IpVersion::parse("IPv6"), Some(IpVersion::V6));
    /// assert_eq!(IpVersion::parse("5"), None);
    /// ```
    pub fn parse(text: &str) -> Option<IpVersion> {
        let t = text.trim().to_ascii_lowercase();
        match t.trim_start_matches("ip").trim_start_matches('v') {
            "4" => Some(IpVersion::V4),
            "6" => Some(IpVersion::V6),
            _ => None,
        }
    }
}

/// Media statistics of one stream (audio or video) of a leg.
///
/// A NaN value means "not reported"; it never crosses a threshold. A stream
/// whose three values are all NaN counts as absent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StreamMetrics {
    /// Jitter in milliseconds.
    pub jitter_ms: f64,
    /// Latency (one-way delay) in milliseconds.
    pub latency_ms: f64,
    /// Packet loss in percent (0 to 100).
    pub loss_pct: f64,
}

impl StreamMetrics {
    /// The value of `metric`.
    pub const fn get(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Jitter => self.jitter_ms,
            Metric::Latency => self.latency_ms,
            Metric::Loss => self.loss_pct,
        }
    }

    /// A stream with all three values NaN: the columnar form of "no stream".
    pub const ABSENT: StreamMetrics = StreamMetrics {
        jitter_ms: f64::NAN,
        latency_ms: f64::NAN,
        loss_pct: f64::NAN,
    };
}

/// Which media stream of a leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StreamKind {
    /// The audio stream.
    Audio,
    /// The video stream.
    Video,
}

/// Which media metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Jitter, ms.
    Jitter,
    /// Latency, ms.
    Latency,
    /// Packet loss, %.
    Loss,
}

impl Metric {
    /// The three metrics, in the order of the CSV columns.
    pub const ALL: [Metric; 3] = [Metric::Jitter, Metric::Latency, Metric::Loss];

    /// The unit shown after a value: `ms` or `%`.
    pub const fn unit(self) -> &'static str {
        match self {
            Metric::Jitter | Metric::Latency => " ms",
            Metric::Loss => "%",
        }
    }
}

/// An advanced calling feature a call went through (R-CQ-05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Feature {
    /// A call queue.
    CallQueue,
    /// A hunt group.
    HuntGroup,
    /// An auto attendant.
    AutoAttendant,
}

impl Feature {
    /// Reads `call_queue`, `hunt_group` or `auto_attendant` (any case, spaces
    /// or hyphens for underscores).
    pub fn parse(text: &str) -> Option<Feature> {
        let key = super::keyword(text);
        match key.as_str() {
            "call_queue" => Some(Feature::CallQueue),
            "hunt_group" => Some(Feature::HuntGroup),
            "auto_attendant" => Some(Feature::AutoAttendant),
            _ => None,
        }
    }
}

/// One leg of a call, as Partner Hub's calling analytics report it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CallLeg {
    /// The customer organization.
    pub customer_id: String,
    /// The leg's identifier.
    pub leg_id: String,
    /// When the leg started; decides its R-KPI-12 week.
    pub start_time: DateTime<Utc>,
    /// The device or client.
    pub endpoint_type: EndpointType,
    /// The IP version of the media.
    pub ip_version: IpVersion,
    /// Audio statistics; `None` when the leg had no audio stream.
    pub audio: Option<StreamMetrics>,
    /// Video statistics; `None` when the leg had no video stream.
    pub video: Option<StreamMetrics>,
    /// The advanced feature the call used, if any (R-CQ-05; the optional
    /// `feature` CSV column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<Feature>,
}

impl CallLeg {
    /// The statistics of `stream`, if the leg has that stream.
    pub const fn stream(&self, stream: StreamKind) -> Option<StreamMetrics> {
        match stream {
            StreamKind::Audio => self.audio,
            StreamKind::Video => self.video,
        }
    }

    /// Every metric that is infinite, negative or (for loss) above 100, as
    /// `LEG_METRIC_INVALID` problems naming the CSV column. NaN is allowed
    /// here: in a typed leg it means "not reported". The CSV reader applies
    /// the same check (and also refuses NaN text); callers building legs
    /// from other sources call this before classifying.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// use wholesale_core::quality::*;
    /// let leg = CallLeg {
    ///     customer_id: "c".into(), leg_id: "1".into(),
    ///     start_time: Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
    ///     endpoint_type: EndpointType::WebexApp, ip_version: IpVersion::V4,
    ///     audio: Some(StreamMetrics { jitter_ms: -1.0, latency_ms: 10.0, loss_pct: 0.0 }),
    ///     video: None, feature: None,
    /// };
    /// let problems = leg.problems();
    /// assert_eq!(problems[0].field.as_deref(), Some("audio_jitter_ms"));
    /// ```
    pub fn problems(&self) -> Vec<crate::problem::Problem> {
        let mut out = Vec::new();
        for (prefix, stream) in [("audio", self.audio), ("video", self.video)] {
            let Some(m) = stream else { continue };
            for (metric, suffix) in [
                (Metric::Jitter, "jitter_ms"),
                (Metric::Latency, "latency_ms"),
                (Metric::Loss, "loss_pct"),
            ] {
                let value = m.get(metric);
                if let Some(why) = metric_problem(metric, value) {
                    out.push(crate::problem::Problem::new(
                        crate::codes::Code::LegMetricInvalid,
                        format!("{prefix}_{suffix}"),
                        format!("{value} {why}"),
                    ));
                }
            }
        }
        out
    }
}

/// Every problem of `legs` (R-CQ-01), each named `legs[i].<column>` so that
/// a caller passing many legs learns which one is wrong.
///
/// ```
/// use wholesale_core::quality::legs_problems;
///
/// assert!(legs_problems(&[]).is_valid());
/// ```
pub fn legs_problems(legs: &[CallLeg]) -> crate::problem::Findings {
    legs.iter()
        .enumerate()
        .flat_map(|(i, leg)| {
            leg.problems().into_iter().map(move |problem| {
                let field = format!("legs[{i}].{}", problem.field.as_deref().unwrap_or(""));
                problem.in_field(field)
            })
        })
        .collect()
}

/// Why a (non-NaN) metric value is unusable, if it is: shared by
/// [`CallLeg::problems`] and the CSV reader.
pub(crate) fn metric_problem(metric: Metric, value: f64) -> Option<&'static str> {
    if value.is_infinite() {
        Some("is not a finite number")
    } else if value < 0.0 {
        Some("is negative; a metric is 0 or more")
    } else if metric == Metric::Loss && value > 100.0 {
        Some("is above 100%; loss is a percentage")
    } else {
        None
    }
}

/// How the per-stream results combine into the leg's verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Poor when any metric of any measured stream is above its threshold
    /// (R-CQ-01 default).
    #[default]
    Any,
    /// Poor only when **every measured stream** is poor, a stream being poor
    /// when any of its metrics is above its threshold. A video-only or
    /// audio-only leg is then poor exactly as under `Any`.
    All,
}

/// Thresholds and combination rule for R-CQ-01. The default is the
/// documented one; bindings start from [`QualityPolicy::default`].
///
/// ```
/// use wholesale_core::quality::{Combine, QualityPolicy};
/// let p = QualityPolicy::default();
/// assert_eq!((p.jitter_ms, p.latency_ms, p.loss_pct, p.combine), (150.0, 400.0, 5.0, Combine::Any));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct QualityPolicy {
    /// Jitter above this many ms is poor (default 150).
    pub jitter_ms: f64,
    /// Latency above this many ms is poor (default 400).
    pub latency_ms: f64,
    /// Packet loss above this percentage is poor (default 5).
    pub loss_pct: f64,
    /// Any (default) or all streams.
    pub combine: Combine,
}

impl Default for QualityPolicy {
    fn default() -> Self {
        QualityPolicy {
            jitter_ms: 150.0,
            latency_ms: 400.0,
            loss_pct: 5.0,
            combine: Combine::Any,
        }
    }
}

impl QualityPolicy {
    /// Checks that every threshold is a finite number, 0 or more. The
    /// classifiers trust the policy (a NaN threshold is simply never
    /// crossed); callers that take thresholds from users call this first.
    ///
    /// ```
    /// use wholesale_core::quality::QualityPolicy;
    /// assert!(QualityPolicy::default().validate().is_ok());
    /// let bad = QualityPolicy { loss_pct: f64::NAN, ..QualityPolicy::default() };
    /// assert!(bad.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), super::QualityError> {
        for (field, value) in [
            ("jitter_ms", self.jitter_ms),
            ("latency_ms", self.latency_ms),
            ("loss_pct", self.loss_pct),
        ] {
            if !value.is_finite() || value < 0.0 {
                return Err(super::QualityError::PolicyInvalid { field, value });
            }
        }
        Ok(())
    }

    /// The threshold for `metric`.
    pub const fn threshold(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Jitter => self.jitter_ms,
            Metric::Latency => self.latency_ms,
            Metric::Loss => self.loss_pct,
        }
    }
}

/// The quality verdict of one leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Excluded from ratios (R-CQ-02). Code [`Verdict::NOT_MEASURED`] = 0.
    NotMeasured,
    /// Measured, no threshold crossed. Code [`Verdict::GOOD`] = 1.
    Good,
    /// Measured, thresholds crossed per the policy. Code [`Verdict::POOR`] = 2.
    Poor,
}

impl Verdict {
    /// Column code of [`Verdict::NotMeasured`].
    pub const NOT_MEASURED: u8 = 0;
    /// Column code of [`Verdict::Good`].
    pub const GOOD: u8 = 1;
    /// Column code of [`Verdict::Poor`].
    pub const POOR: u8 = 2;

    /// The column code (0, 1 or 2).
    pub const fn code(self) -> u8 {
        match self {
            Verdict::NotMeasured => Verdict::NOT_MEASURED,
            Verdict::Good => Verdict::GOOD,
            Verdict::Poor => Verdict::POOR,
        }
    }

    /// The verdict with column code `code`, if any.
    ///
    /// ```
    /// use wholesale_core::quality::Verdict;
    /// assert_eq!(Verdict::from_code(2), Some(Verdict::Poor));
    /// assert_eq!(Verdict::from_code(3), None);
    /// ```
    pub const fn from_code(code: u8) -> Option<Verdict> {
        match code {
            Verdict::NOT_MEASURED => Some(Verdict::NotMeasured),
            Verdict::GOOD => Some(Verdict::Good),
            Verdict::POOR => Some(Verdict::Poor),
            _ => None,
        }
    }
}
