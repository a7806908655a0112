//! Call-queue KPIs for the last calendar week (R-CQ-04).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::rejected::RejectedRow;
use crate::week::Week;

/// How a queued call left the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QueueOutcome {
    /// An agent answered.
    Answered,
    /// The call moved to another queue (overflow, transfer).
    MovedToOtherQueue,
    /// The caller hung up or left a message before an agent was free.
    Abandoned,
}

impl QueueOutcome {
    /// Reads `answered`, `moved_to_other_queue` (or `moved`) or `abandoned`
    /// (or `hung_up`, `left_message`), any case, spaces or hyphens for underscores.
    pub fn parse(text: &str) -> Option<QueueOutcome> {
        let key = super::keyword(text);
        match key.as_str() {
            "answered" => Some(QueueOutcome::Answered),
            "moved_to_other_queue" | "moved" => Some(QueueOutcome::MovedToOtherQueue),
            "abandoned" | "hung_up" | "left_message" => Some(QueueOutcome::Abandoned),
            _ => None,
        }
    }
}

/// One call that waited in a call queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueuedCall {
    /// The customer organization.
    pub customer_id: String,
    /// The queue's name or ID.
    pub queue: String,
    /// When the call entered the queue; decides its R-KPI-12 week.
    pub start_time: DateTime<Utc>,
    /// How it left the queue.
    pub outcome: QueueOutcome,
    /// Seconds it waited before that outcome (whole seconds, so never NaN).
    pub wait_seconds: u32,
}

/// Call-queue KPIs of a group of calls (R-CQ-04). Ratios over nothing are
/// `None` (R-KPI-11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueueKpis {
    /// Queued calls.
    pub calls: u64,
    /// Answered by an agent.
    pub answered: u64,
    /// Moved to another queue.
    pub moved: u64,
    /// Abandoned (hung up or left a message).
    pub abandoned: u64,
    /// Mean wait of answered or moved calls, seconds.
    pub avg_answer_seconds: Option<f64>,
    /// Mean wait of abandoned calls, seconds.
    pub avg_abandon_wait_seconds: Option<f64>,
    /// `100 * abandoned / calls`.
    pub abandonment_pct: Option<f64>,
    #[serde(skip)]
    answer_wait_total: u64,
    #[serde(skip)]
    abandon_wait_total: u64,
}

fn mean(total: u64, n: u64) -> Option<f64> {
    // u64 -> f64: exact below 2^53 seconds.
    (n > 0).then(|| total as f64 / n as f64)
}

impl QueueKpis {
    /// Counts one more call.
    pub fn add(&mut self, call: &QueuedCall) {
        let wait = u64::from(call.wait_seconds);
        self.calls += 1;
        match call.outcome {
            QueueOutcome::Answered => {
                self.answered += 1;
                self.answer_wait_total += wait;
            }
            QueueOutcome::MovedToOtherQueue => {
                self.moved += 1;
                self.answer_wait_total += wait;
            }
            QueueOutcome::Abandoned => {
                self.abandoned += 1;
                self.abandon_wait_total += wait;
            }
        }
        self.avg_answer_seconds = mean(self.answer_wait_total, self.answered + self.moved);
        self.avg_abandon_wait_seconds = mean(self.abandon_wait_total, self.abandoned);
        self.abandonment_pct = mean(100 * self.abandoned, self.calls);
    }
}

/// One customer's queue KPIs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerQueueKpis {
    /// The customer.
    pub customer_id: String,
    /// Its KPIs.
    #[serde(flatten)]
    pub kpis: QueueKpis,
}

/// Call-queue KPIs for the last completed week (R-CQ-04).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueueReport {
    /// The last completed week as of the report date (R-KPI-12).
    pub week: Week,
    /// Per customer with queued calls in the week, by `customer_id`.
    pub customers: Vec<CustomerQueueKpis>,
    /// Every call of the week pooled (weighted by calls, not a mean of the
    /// customers' means).
    pub pooled: QueueKpis,
    /// The CSV rows the reader rejected (empty when the report is made from
    /// calls rather than a file): never dropped silently.
    pub rejected_rows: Vec<RejectedRow>,
}

/// Queue KPIs for the last completed week as of `as_of` (R-CQ-04).
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wholesale_core::quality::{queue_kpis, QueueOutcome, QueuedCall};
/// let call = |outcome, wait_seconds| QueuedCall {
///     customer_id: "acme".into(), queue: "sales".into(),
///     start_time: Utc.with_ymd_and_hms(2026, 11, 17, 10, 0, 0).unwrap(),
///     outcome, wait_seconds,
/// };
/// let calls = [call(QueueOutcome::Answered, 20), call(QueueOutcome::MovedToOtherQueue, 40),
///              call(QueueOutcome::Abandoned, 90)];
/// let r = queue_kpis(&calls, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
/// assert_eq!(r.pooled.avg_answer_seconds, Some(30.0));
/// assert_eq!(r.pooled.avg_abandon_wait_seconds, Some(90.0));
/// assert!((r.pooled.abandonment_pct.unwrap() - 100.0 / 3.0).abs() < 1e-9);
/// ```
pub fn queue_kpis(calls: &[QueuedCall], as_of: NaiveDate) -> QueueReport {
    let week = Week::last_completed_on(as_of);
    let mut pooled = QueueKpis::default();
    let mut customers: BTreeMap<&str, QueueKpis> = BTreeMap::new();
    for call in calls.iter().filter(|c| week.contains(c.start_time)) {
        pooled.add(call);
        customers
            .entry(call.customer_id.as_str())
            .or_default()
            .add(call);
    }
    QueueReport {
        week,
        customers: customers
            .into_iter()
            .map(|(id, kpis)| CustomerQueueKpis {
                customer_id: id.to_owned(),
                kpis,
            })
            .collect(),
        pooled,
        rejected_rows: Vec::new(),
    }
}
