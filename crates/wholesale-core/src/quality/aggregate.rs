//! Weekly aggregates (R-CQ-03) and feature usage (R-CQ-05).

use std::collections::BTreeMap;

use serde::Serialize;

use super::leg::{CallLeg, EndpointType, Feature, Verdict};
use super::rejected::RejectedRow;
use crate::week::Week;

/// Leg counts and the poor ratio of a group of legs.
///
/// `legs` counts every leg (usage), `measured` only those that can count in
/// ratios (R-CQ-02), `poor` the measured legs classified poor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QualityCounts {
    /// Every leg, measured or not.
    pub legs: u64,
    /// Legs classified good or poor.
    pub measured: u64,
    /// Legs classified poor.
    pub poor: u64,
    /// `100 * poor / measured`; `None` when nothing was measured (R-KPI-11).
    pub poor_pct: Option<f64>,
}

impl QualityCounts {
    /// Counts one more leg with `verdict`.
    pub fn add(&mut self, verdict: Verdict) {
        *self = QualityCounts::from_sums(
            self.legs + 1,
            self.measured + u64::from(verdict != Verdict::NotMeasured),
            self.poor + u64::from(verdict == Verdict::Poor),
        );
    }

    /// The counts of `legs` legs of which `measured` were measured and
    /// `poor` poor, with their ratio.
    ///
    /// ```
    /// use wholesale_core::quality::QualityCounts;
    /// assert_eq!(QualityCounts::from_sums(4, 0, 0).poor_pct, None);
    /// assert_eq!(QualityCounts::from_sums(4, 2, 1).poor_pct, Some(50.0));
    /// ```
    pub fn from_sums(legs: u64, measured: u64, poor: u64) -> QualityCounts {
        QualityCounts {
            legs,
            measured,
            poor,
            poor_pct: if measured == 0 {
                None
            } else {
                // u64 -> f64 is exact up to 2^53 legs.
                Some(100.0 * poor as f64 / measured as f64)
            },
        }
    }

    /// Counts a column of verdict codes (unknown codes count as not measured).
    ///
    /// ```
    /// use wholesale_core::quality::QualityCounts;
    /// let c = QualityCounts::from_codes(&[0, 1, 2, 2]);
    /// assert_eq!((c.legs, c.measured, c.poor), (4, 3, 2));
    /// ```
    pub fn from_codes(codes: &[u8]) -> QualityCounts {
        let mut c = QualityCounts::default();
        for &code in codes {
            c.add(Verdict::from_code(code).unwrap_or(Verdict::NotMeasured));
        }
        c
    }
}

/// One customer's counts for the report week.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerQuality {
    /// The customer.
    pub customer_id: String,
    /// Its counts.
    #[serde(flatten)]
    pub counts: QualityCounts,
}

/// All customers' counts for one endpoint type in the report week.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EndpointQuality {
    /// The endpoint type.
    pub endpoint_type: EndpointType,
    /// Its counts.
    #[serde(flatten)]
    pub counts: QualityCounts,
}

/// All customers' counts for one week of the trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeekQuality {
    /// The week.
    pub week: Week,
    /// Its counts.
    #[serde(flatten)]
    pub counts: QualityCounts,
}

/// The weekly call-quality report (R-CQ-03), exactly the JSON of
/// `wholesale quality --format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QualityReport {
    /// The last completed week as of the report date (R-KPI-12).
    pub week: Week,
    /// Every customer in the input, by `customer_id`, counted over `week`
    /// (a customer without legs that week has zeros and `poor_pct: null`).
    pub customers: Vec<CustomerQuality>,
    /// Every endpoint type with legs in `week`, in [`EndpointType::ALL`] order.
    pub by_endpoint_type: Vec<EndpointQuality>,
    /// The 8 weeks ending with `week`, oldest first, all customers together.
    pub trend: Vec<WeekQuality>,
    /// Input rows that were rejected, with every problem of each.
    pub rejected_rows: Vec<RejectedRow>,
}

/// The number of weeks in the trend.
pub const TREND_WEEKS: usize = 8;

/// One customer's advanced-feature usage in a week (R-CQ-05).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeatureUsage {
    /// The customer.
    pub customer_id: String,
    /// Legs that went through a call queue.
    pub call_queue: u64,
    /// Legs that went through a hunt group.
    pub hunt_group: u64,
    /// Legs that went through an auto attendant.
    pub auto_attendant: u64,
}

/// Per customer (by `customer_id`), how many legs in `week` used each feature
/// (R-CQ-05). Every leg counts, measured or not; customers without any
/// feature use in the week are left out.
pub fn feature_usage(legs: &[CallLeg], week: Week) -> Vec<FeatureUsage> {
    let mut by_customer: BTreeMap<&str, FeatureUsage> = BTreeMap::new();
    for leg in legs.iter().filter(|l| week.contains(l.start_time)) {
        let Some(feature) = leg.feature else { continue };
        let usage = by_customer
            .entry(leg.customer_id.as_str())
            .or_insert_with(|| FeatureUsage {
                customer_id: leg.customer_id.clone(),
                ..FeatureUsage::default()
            });
        match feature {
            Feature::CallQueue => usage.call_queue += 1,
            Feature::HuntGroup => usage.hunt_group += 1,
            Feature::AutoAttendant => usage.auto_attendant += 1,
        }
    }
    by_customer.into_values().collect()
}
