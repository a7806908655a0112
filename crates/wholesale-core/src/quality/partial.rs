//! The weekly aggregates (R-CQ-03) in two steps, for engines that split the
//! legs over many workers (Spark, DuckDB, polars): a map step turns any
//! batch of legs into partial counts keyed by customer, week (R-KPI-12) and
//! endpoint type, which the engine sums with its own group-by; a finishing
//! step turns the summed partials into the [`QualityReport`]. The
//! single-process [`weekly_report`](super::weekly_report) is the same two
//! steps over one batch, so the paths cannot drift.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use wholesale_core::quality::{EndpointType, QualityPartials, Verdict};
//!
//! // Two workers, each with its own legs.
//! let monday = Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap();
//! let mut a = QualityPartials::default();
//! a.add("acme", monday, EndpointType::WebexApp, Verdict::Poor);
//! let mut b = QualityPartials::default();
//! b.add("acme", monday, EndpointType::WebexApp, Verdict::Good);
//! // The engine concatenates the rows and sums them by key.
//! let rows: Vec<_> = a.to_rows().into_iter().chain(b.to_rows()).collect();
//! let summed = QualityPartials::from_rows(&rows).unwrap();
//! let report = summed.report(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
//! assert_eq!(report.customers[0].counts.poor_pct, Some(50.0));
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::aggregate::{
    CustomerQuality, EndpointQuality, QualityCounts, QualityReport, WeekQuality, TREND_WEEKS,
};
use super::classify::classify;
use super::leg::{CallLeg, EndpointType, QualityPolicy, Verdict};
use crate::codes::Code;
use crate::problem::{AsProblem, Problem};
use crate::week::Week;

/// One row of partial counts: the legs of one customer in one week from one
/// endpoint type. Rows with the same key (`customer_id`, `week_start`,
/// `endpoint_type`) add up: `legs`, `measured` and `poor` are sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QualityPartial {
    /// The customer organization.
    pub customer_id: String,
    /// The start (Sunday 00:00:00 UTC) of the R-KPI-12 week of the legs.
    pub week_start: DateTime<Utc>,
    /// The device or client of the legs.
    pub endpoint_type: EndpointType,
    /// Every leg, measured or not.
    pub legs: u64,
    /// Legs classified good or poor.
    pub measured: u64,
    /// Legs classified poor.
    pub poor: u64,
}

/// A partial row that cannot be a sum of legs (`QUALITY_PARTIAL_INVALID`):
/// the finishing step refuses it rather than report numbers no legs give.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PartialError {
    /// `customer_id` is empty.
    #[error("partial row {row}: customer_id is empty")]
    CustomerMissing {
        /// The 0-based index of the row.
        row: usize,
    },
    /// `week_start` is not a Sunday 00:00:00 UTC (R-KPI-12).
    #[error(
        "partial row {row}: week_start {value} is not the start of a week (Sunday 00:00:00 UTC)"
    )]
    WeekStart {
        /// The 0-based index of the row.
        row: usize,
        /// The value given.
        value: DateTime<Utc>,
    },
    /// `measured` exceeds `legs`, or `poor` exceeds `measured`.
    #[error("partial row {row}: legs {legs}, measured {measured}, poor {poor}; a sum of legs has poor <= measured <= legs")]
    Counts {
        /// The 0-based index of the row.
        row: usize,
        /// Its legs.
        legs: u64,
        /// Its measured legs.
        measured: u64,
        /// Its poor legs.
        poor: u64,
    },
    /// The legs of all rows together do not fit in 64 bits.
    #[error("partial row {row}: the total number of legs overflows 64 bits")]
    Overflow {
        /// The 0-based index of the row.
        row: usize,
    },
}

impl PartialError {
    /// The row and the column concerned.
    fn place(&self) -> (usize, &'static str) {
        match self {
            PartialError::CustomerMissing { row } => (*row, "customer_id"),
            PartialError::WeekStart { row, .. } => (*row, "week_start"),
            PartialError::Counts { row, .. } | PartialError::Overflow { row } => (*row, "legs"),
        }
    }
}

impl AsProblem for PartialError {
    /// `QUALITY_PARTIAL_INVALID` in field `partials[row].column`.
    fn to_problem(&self) -> Problem {
        let (row, column) = self.place();
        Problem::new(
            Code::QualityPartialInvalid,
            format!("partials[{row}].{column}"),
            self.to_string(),
        )
    }
}

/// The three sums of one key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    legs: u64,
    measured: u64,
    poor: u64,
}

impl Tally {
    fn of(verdict: Verdict) -> Tally {
        Tally {
            legs: 1,
            measured: u64::from(verdict != Verdict::NotMeasured),
            poor: u64::from(verdict == Verdict::Poor),
        }
    }

    /// Every sum of tallies is at most the total of legs, which
    /// [`QualityPartials`] keeps below 2^64, so these additions cannot wrap.
    fn add(&mut self, other: Tally) {
        self.legs += other.legs;
        self.measured += other.measured;
        self.poor += other.poor;
    }

    fn counts(self) -> QualityCounts {
        QualityCounts::from_sums(self.legs, self.measured, self.poor)
    }
}

/// Partial counts keyed by customer, week and endpoint type: the state of
/// the map step, and the summed input of the finishing step.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualityPartials {
    by_customer: BTreeMap<String, BTreeMap<(Week, EndpointType), Tally>>,
    total_legs: u64,
}

impl QualityPartials {
    /// The partials of `legs`, each classified with `policy` (R-CQ-01, R-CQ-02).
    pub fn from_legs(legs: &[CallLeg], policy: &QualityPolicy) -> QualityPartials {
        let mut partials = QualityPartials::default();
        for leg in legs {
            let verdict = classify(leg, policy).verdict;
            partials.add(&leg.customer_id, leg.start_time, leg.endpoint_type, verdict);
        }
        partials
    }

    /// Counts one leg, already classified, in the week containing `start_time`
    /// (R-KPI-12).
    pub fn add(
        &mut self,
        customer_id: &str,
        start_time: DateTime<Utc>,
        endpoint_type: EndpointType,
        verdict: Verdict,
    ) {
        // A leg is at least one byte of input: 2^64 of them cannot be held.
        self.total_legs = self.total_legs.saturating_add(1);
        let key = (Week::containing(start_time), endpoint_type);
        self.add_tally(customer_id, key, Tally::of(verdict));
    }

    /// Adds one summed row (the reduce side), refusing rows no legs can give.
    /// `row` is the row's index, for the error.
    pub fn add_row(&mut self, row: usize, partial: &QualityPartial) -> Result<(), PartialError> {
        let QualityPartial {
            legs,
            measured,
            poor,
            ..
        } = *partial;
        if partial.customer_id.is_empty() {
            return Err(PartialError::CustomerMissing { row });
        }
        let week = Week::containing(partial.week_start);
        if week.start != partial.week_start {
            return Err(PartialError::WeekStart {
                row,
                value: partial.week_start,
            });
        }
        if measured > legs || poor > measured {
            return Err(PartialError::Counts {
                row,
                legs,
                measured,
                poor,
            });
        }
        self.total_legs = self
            .total_legs
            .checked_add(legs)
            .ok_or(PartialError::Overflow { row })?;
        let tally = Tally {
            legs,
            measured,
            poor,
        };
        self.add_tally(&partial.customer_id, (week, partial.endpoint_type), tally);
        Ok(())
    }

    /// The sum of `rows`, in any order and with any keys repeated (an engine
    /// may have summed them fully, partly or not at all).
    pub fn from_rows(rows: &[QualityPartial]) -> Result<QualityPartials, PartialError> {
        let mut partials = QualityPartials::default();
        for (row, partial) in rows.iter().enumerate() {
            partials.add_row(row, partial)?;
        }
        Ok(partials)
    }

    /// One row per key, by customer, week and endpoint type.
    pub fn to_rows(&self) -> Vec<QualityPartial> {
        self.by_customer
            .iter()
            .flat_map(|(customer_id, tallies)| {
                tallies
                    .iter()
                    .map(|(&(week, endpoint_type), t)| QualityPartial {
                        customer_id: customer_id.clone(),
                        week_start: week.start,
                        endpoint_type,
                        legs: t.legs,
                        measured: t.measured,
                        poor: t.poor,
                    })
            })
            .collect()
    }

    /// The report for the last completed week as of `as_of` (R-CQ-03,
    /// R-KPI-12): every customer counted over that week, the endpoint types
    /// with legs in it, and the 8-week trend. `rejected_rows` is empty.
    pub fn report(&self, as_of: NaiveDate) -> QualityReport {
        let week = Week::last_completed_on(as_of);
        let weeks = week.trailing(TREND_WEEKS);
        let mut trend = vec![Tally::default(); weeks.len()];
        let mut by_type: BTreeMap<EndpointType, Tally> = BTreeMap::new();
        let mut customers = Vec::with_capacity(self.by_customer.len());
        for (customer_id, tallies) in &self.by_customer {
            let mut in_week = Tally::default();
            for (&(leg_week, endpoint_type), &tally) in tallies {
                if let Some(slot) = weeks.iter().position(|w| *w == leg_week) {
                    trend[slot].add(tally);
                }
                if leg_week == week {
                    in_week.add(tally);
                    by_type.entry(endpoint_type).or_default().add(tally);
                }
            }
            customers.push(CustomerQuality {
                customer_id: customer_id.clone(),
                counts: in_week.counts(),
            });
        }
        QualityReport {
            week,
            customers,
            by_endpoint_type: by_type
                .into_iter()
                .map(|(endpoint_type, tally)| EndpointQuality {
                    endpoint_type,
                    counts: tally.counts(),
                })
                .collect(),
            trend: weeks
                .into_iter()
                .zip(trend)
                .map(|(week, tally)| WeekQuality {
                    week,
                    counts: tally.counts(),
                })
                .collect(),
            rejected_rows: Vec::new(),
        }
    }

    /// Adds `tally` to the key, allocating the customer's key once per
    /// customer rather than once per leg.
    fn add_tally(&mut self, customer_id: &str, key: (Week, EndpointType), tally: Tally) {
        if let Some(tallies) = self.by_customer.get_mut(customer_id) {
            tallies.entry(key).or_default().add(tally);
        } else {
            self.by_customer
                .insert(customer_id.to_owned(), BTreeMap::from([(key, tally)]));
        }
    }
}

/// The report for the last completed week as of `as_of` (R-CQ-03, R-KPI-12).
/// `rejected_rows` is empty; [`LegsRead::report`](super::LegsRead::report)
/// fills it from the CSV reader.
///
/// ```
/// use chrono::NaiveDate;
/// use wholesale_core::quality::{weekly_report, QualityPolicy};
/// let r = weekly_report(&[], NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), &QualityPolicy::default());
/// assert_eq!(r.week.start.to_rfc3339(), "2026-11-15T00:00:00+00:00");
/// assert_eq!(r.trend.len(), 8);
/// ```
pub fn weekly_report(legs: &[CallLeg], as_of: NaiveDate, policy: &QualityPolicy) -> QualityReport {
    QualityPartials::from_legs(legs, policy).report(as_of)
}
