//! The Partner Hub license KPIs (R-KPI-01..11) for one product line as of a
//! date, with their per-subscription tables.
//!
//! [`dashboard`] is the one entry point; its [`Dashboard`] serializes to the
//! JSON printed by `wholesale kpi --format json` and returned by the bindings.
//! Ratios are `Option<f64>`: `None` (JSON `null`) over an empty set, never NaN
//! (R-KPI-11). The decisions (which subscriptions count, windows, percentile
//! method, months) are in `docs/analytics.md`.
//!
//! ```
//! use chrono::NaiveDate;
//! use wholesale_core::kpi::{dashboard, KpiOptions};
//! use wholesale_core::subscription::*;
//!
//! let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let sub = |id: &str, customer: &str, total, assigned, days: i64, auto_renew| Subscription {
//!     id: id.into(),
//!     customer_id: customer.into(),
//!     customer_name: customer.into(),
//!     kind: SubscriptionKind::Subscription,
//!     product: ProductLine::Calling,
//!     status: SubscriptionStatus::Active,
//!     start_date: None,
//!     end_date: Some(as_of + chrono::Duration::days(days)),
//!     auto_renew,
//!     licenses: LicenseCounts { total, assigned, ..Default::default() },
//! };
//! let subs = [sub("S1", "acme", 100, 50, 90, false), sub("S2", "bolt", 10, 12, 400, true)];
//! let d = dashboard(&subs, ProductLine::Calling, as_of, &KpiOptions::default());
//! assert_eq!(d.total_customers, 2);
//! assert_eq!(d.near_expiration.customers, 1); // day 90 is inside the window
//! assert_eq!(d.near_expiration.assignment_percent, Some(50.0));
//! assert_eq!(d.near_expiration.utilization_percent, None); // no usage data: absent
//! assert_eq!(d.overage.excess_licenses, 2);
//! ```

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::problem::{Findings, Problem};
use crate::status::{days_between, has_ended};
use crate::subscription::{ProductLine, Subscription};

mod table;
mod trend;

pub use table::{ExpiryRow, LowAssignmentRow, OverageRow, RecentRow, Rows, Table};
pub use trend::{license_trend, DatedSubscriptions, LicenseTrend, TrendWeek};

/// How R-KPI-04 decides that a subscription's assignment ratio is low.
///
/// Serialized as `{"rule": "percentile", "value": 25}` or
/// `{"rule": "fixed_ratio", "value": 0.5}`.
///
/// ```
/// use wholesale_core::kpi::LowAssignmentRule;
///
/// let rule: LowAssignmentRule = serde_json::from_str(r#"{"rule":"fixed_ratio","value":0.5}"#).unwrap();
/// assert_eq!(rule, LowAssignmentRule::FixedRatio(0.5));
/// assert_eq!(LowAssignmentRule::default(), LowAssignmentRule::Percentile(25.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "rule", content = "value", rename_all = "snake_case")]
pub enum LowAssignmentRule {
    /// Low when the ratio assigned/total is strictly below this percentile
    /// (0 to 100, linear interpolation) of the ratios of the partner's
    /// subscriptions of the same product line.
    Percentile(f64),
    /// Low when the ratio assigned/total is strictly below this ratio
    /// (0.5 = half the licenses assigned).
    FixedRatio(f64),
}

impl Default for LowAssignmentRule {
    fn default() -> Self {
        LowAssignmentRule::Percentile(25.0)
    }
}

/// KPI options. The defaults are the spec's and live only here.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct KpiOptions {
    /// Near expiration, near renewal and recently added look this many days
    /// ahead or back, inclusive (day 0 to day N). Default 90.
    pub window_days: u32,
    /// The low-assignment rule. Default: below the 25th percentile.
    pub low_assignment: LowAssignmentRule,
}

impl Default for KpiOptions {
    fn default() -> Self {
        KpiOptions {
            window_days: 90,
            low_assignment: LowAssignmentRule::default(),
        }
    }
}

impl KpiOptions {
    /// Checks the options: a percentile outside 0..=100 or a ratio that is
    /// negative or not finite is an error. [`dashboard`] still runs with such
    /// options: it then marks no subscription as low.
    pub fn check(&self) -> Findings {
        let mut findings = Findings::default();
        match self.low_assignment {
            LowAssignmentRule::Percentile(p) if !(0.0..=100.0).contains(&p) => {
                findings.push(Problem::new(
                    Code::KpiPercentileInvalid,
                    "low_assignment.value",
                    format!("percentile {p} is not from 0 to 100; the default is 25"),
                ))
            }
            LowAssignmentRule::FixedRatio(r) if !(r.is_finite() && r >= 0.0) => {
                findings.push(Problem::new(
                    Code::KpiRatioInvalid,
                    "low_assignment.value",
                    format!("ratio {r} is not a finite number of 0 or more, such as 0.5"),
                ))
            }
            _ => {}
        }
        findings
    }
}

/// Figures over the subscriptions ending (R-KPI-02, R-KPI-07) or renewing
/// (R-KPI-03, R-KPI-08) within the window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WindowSummary {
    /// Distinct customers with such a subscription.
    pub customers: u64,
    /// `customers` over the total customers, in %.
    pub customer_percent: Option<f64>,
    /// Such subscriptions and trials.
    pub subscriptions: u64,
    /// Purchased licenses over them.
    pub total_licenses: u64,
    /// Assigned licenses over them.
    pub assigned_licenses: u64,
    /// Licenses used in the last 7 days; absent when one of them lacks it.
    pub used_licenses: Option<u64>,
    /// Licenses used at least once (a subscription details report's "Used",
    /// R-REP-02); absent when one of them lacks it.
    pub used_at_least_once_licenses: Option<u64>,
    /// Assigned / total, in % (above 100 under overage).
    pub assignment_percent: Option<f64>,
    /// Used in the last 7 days / total, in %, capped at 100.
    pub utilization_percent: Option<f64>,
    /// Used in the last 3 months / total, in %, capped at 100.
    pub utilization_3_months_percent: Option<f64>,
    /// Used at least once / total, in %, capped at 100.
    pub used_at_least_once_percent: Option<f64>,
}

/// Figures over the low-assignment subscriptions (R-KPI-04, R-KPI-09).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LowAssignmentSummary {
    /// Distinct customers with a low-assignment subscription.
    pub customers: u64,
    /// `customers` over the total customers, in %.
    pub customer_percent: Option<f64>,
    /// Low-assignment subscriptions.
    pub subscriptions: u64,
    /// The ratio below which a subscription is low (the percentile's value or
    /// the fixed ratio); absent when no subscription has licenses.
    pub threshold_ratio: Option<f64>,
    /// Purchased licenses over them.
    pub total_licenses: u64,
    /// Assigned licenses over them.
    pub assigned_licenses: u64,
    /// Purchased but unassigned licenses over them.
    pub unassigned_licenses: u64,
    /// Assigned / total, in %.
    pub assignment_percent: Option<f64>,
    /// Used in the last 7 days / total (the source's formula), in %, capped at 100.
    pub utilization_percent: Option<f64>,
    /// Used in the last 7 days / assigned, in %, capped at 100.
    pub utilization_of_assigned_percent: Option<f64>,
}

/// Figures over the subscriptions with more assigned than purchased
/// (R-KPI-05, R-KPI-10).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OverageSummary {
    /// Distinct customers with overage.
    pub customers: u64,
    /// `customers` over the total customers, in %.
    pub customer_percent: Option<f64>,
    /// Subscriptions with overage.
    pub subscriptions: u64,
    /// Sum of assigned − total over them.
    pub excess_licenses: u64,
    /// `excess_licenses` / `customers`.
    pub average_excess_per_customer: Option<f64>,
}

/// Figures over the subscriptions added within the window (R-KPI-06).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecentSummary {
    /// Distinct customers with a subscription or trial added in the window;
    /// absent when no subscription has a known start date.
    pub customers: Option<u64>,
    /// `customers` over the total customers, in %.
    pub customer_percent: Option<f64>,
    /// Subscriptions and trials added in the window (absent as `customers`).
    pub subscriptions: Option<u64>,
    /// Purchased licenses over them (absent as `customers`).
    pub total_licenses: Option<u64>,
}

/// The per-subscription tables, one per KPI. Each is a [`Table`]: rows are
/// computed from the subscriptions when read or serialized.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SubscriptionTables<'a> {
    /// Ending soonest first.
    pub near_expiration: Table<'a, ExpiryRow<'a>>,
    /// Renewing soonest first.
    pub near_renewal: Table<'a, ExpiryRow<'a>>,
    /// Lowest assignment first.
    pub low_assignment: Table<'a, LowAssignmentRow<'a>>,
    /// Largest excess first.
    pub overage: Table<'a, OverageRow<'a>>,
    /// Most recently added first.
    pub recently_added: Table<'a, RecentRow<'a>>,
}

/// Every KPI of one product line as of a date. Its JSON is the output of
/// `wholesale kpi --format json`. It borrows the subscriptions: its tables
/// hold their order, not copies (to keep rows beyond the subscriptions,
/// collect them with `into_owned`, e.g.
/// `table.iter().map(ExpiryRow::into_owned)`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "KpiDashboard"))]
pub struct Dashboard<'a> {
    /// The product line.
    pub product: ProductLine,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The five headline KPIs, across product lines (R-KPI-01..05): what
    /// Partner Hub shows before its Calling/Meetings toggle.
    pub headline: Headline,
    /// R-KPI-01: distinct customers with a subscription or trial in force for
    /// the product line.
    pub total_customers: u64,
    /// R-KPI-02, R-KPI-07.
    pub near_expiration: WindowSummary,
    /// R-KPI-03, R-KPI-08.
    pub near_renewal: WindowSummary,
    /// R-KPI-04, R-KPI-09.
    pub low_assignment: LowAssignmentSummary,
    /// R-KPI-05, R-KPI-10.
    pub overage: OverageSummary,
    /// R-KPI-06.
    pub recently_added: RecentSummary,
    /// The per-subscription tables.
    pub subscriptions: SubscriptionTables<'a>,
    /// What the figures cannot say: a sum over 64 bits (`KPI_SUM_OVERFLOW`),
    /// and the problems of reading the subscriptions, which the caller adds
    /// (rows left out are never dropped silently, R-REP-05).
    pub problems: Vec<Problem>,
}

/// One headline KPI (R-KPI-01..05): customers counted once across the
/// product lines with KPIs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HeadlineFigure {
    /// Distinct customers.
    pub customers: u64,
    /// `customers` over the headline's total customers, in %.
    pub customer_percent: Option<f64>,
}

/// The five headline KPIs (R-KPI-01..05) over the customers with Webex
/// Calling or Webex Meetings, each customer once whatever the product line
/// of the subscription that qualifies it (seed `004`: they come before the
/// Calling/Meetings toggle). A subscription is low (R-KPI-04) against the
/// threshold of its own product line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Headline {
    /// R-KPI-01: customers with a calling or meetings subscription or trial
    /// in force.
    pub total_customers: HeadlineFigure,
    /// R-KPI-02: customers with one ending within the window (not auto-renew).
    pub near_expiration: HeadlineFigure,
    /// R-KPI-03: customers with an auto-renew one renewing within the window.
    pub near_renewal: HeadlineFigure,
    /// R-KPI-04: customers with a low-assignment one.
    pub low_assignment: HeadlineFigure,
    /// R-KPI-05: customers with more assigned than purchased on one.
    pub overage: HeadlineFigure,
}

/// `num / den` in %, absent when `den` is 0 (R-KPI-11).
fn percent(num: u64, den: u64) -> Option<f64> {
    (den != 0).then(|| num as f64 * 100.0 / den as f64)
}

/// A utilization %: like [`percent`], capped at 100.
fn utilization(used: Option<u64>, den: u64) -> Option<f64> {
    used.and_then(|u| percent(u, den)).map(|p| p.min(100.0))
}

/// `now - before`, absent when `before` is unknown or the difference does not
/// fit in an `i64`.
fn change(now: u64, before: Option<u64>) -> Option<i64> {
    let before = before?;
    i64::try_from(i128::from(now) - i128::from(before)).ok()
}

/// Whole calendar months from `from` to `to`, truncated toward zero (negative
/// when `to` is earlier). Jan 31 to Feb 28 is 0 months; Jan 15 to Feb 15 is 1.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to >= from && to.day() < from.day() && months > 0 {
        months - 1
    } else if to < from && to.day() > from.day() && months < 0 {
        months + 1
    } else {
        months
    }
}

/// The `p`th percentile (0 to 100) of sorted values, by linear interpolation
/// between closest ranks (the method of NumPy's default and Excel's
/// `PERCENTILE.INC`). Absent for no values or a `p` outside 0..=100.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let (rank, lo, hi) = ranks(sorted.len(), p);
    interpolate(rank, lo, *sorted.get(lo)?, *sorted.get(hi)?)
}

/// The fractional rank of the `p`th percentile among `len` (≥ 1) values and
/// the two closest ranks.
fn ranks(len: usize, p: f64) -> (f64, usize, usize) {
    let last = len.saturating_sub(1);
    let rank = last as f64 * p / 100.0;
    let lo = (rank.floor() as usize).min(last);
    let hi = (rank.ceil() as usize).min(last);
    (rank, lo, hi)
}

fn interpolate(rank: f64, lo: usize, a: f64, b: f64) -> Option<f64> {
    let value = a + (rank - lo as f64) * (b - a);
    value.is_finite().then_some(value)
}

/// [`percentile`] of the values `value` gives for `items`, by selection in
/// linear time (the same result as sorting first). Reorders `items`.
fn select_percentile<T>(items: &mut [T], p: f64, value: impl Fn(&T) -> f64) -> Option<f64> {
    if items.is_empty() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let (rank, lo, hi) = ranks(items.len(), p);
    let (_, at, above) = items.select_nth_unstable_by(lo, |x, y| value(x).total_cmp(&value(y)));
    let a = value(at);
    let b = if hi > lo {
        above.iter().map(&value).min_by(f64::total_cmp)?
    } else {
        a
    };
    interpolate(rank, lo, a, b)
}

/// assigned / total; 0 for a subscription without licenses (never low).
fn ratio(s: &Subscription) -> f64 {
    if s.licenses.total == 0 {
        0.0
    } else {
        s.licenses.assigned as f64 / s.licenses.total as f64
    }
}

/// Adds `value` to `sum`; on overflow the sum stays at `u64::MAX` and
/// `overflowed` says so (R-REP-05: never a silent saturation).
fn add_count(sum: &mut u64, value: u64, overflowed: &mut bool) {
    match sum.checked_add(value) {
        Some(total) => *sum = total,
        None => {
            *sum = u64::MAX;
            *overflowed = true;
        }
    }
}

/// Adds optional counts: absent once any is absent.
fn add_known(sum: &mut Option<u64>, value: Option<u64>, overflowed: &mut bool) {
    match (sum.as_mut(), value) {
        (Some(total), Some(v)) => add_count(total, v, overflowed),
        _ => *sum = None,
    }
}

/// Sums over the subscriptions of one KPI, kept while they are found.
/// Checked additions: a sum over 64 bits is reported, not wrapped.
#[derive(Clone, Copy)]
struct Sums {
    customers: u64,
    subscriptions: u64,
    total: u64,
    assigned: u64,
    unassigned: u64,
    excess: u64,
    used: Option<u64>,
    used_3_months: Option<u64>,
    used_once: Option<u64>,
    overflowed: bool,
}

impl Default for Sums {
    fn default() -> Self {
        Sums {
            customers: 0,
            subscriptions: 0,
            total: 0,
            assigned: 0,
            unassigned: 0,
            excess: 0,
            used: Some(0),
            used_3_months: Some(0),
            used_once: Some(0),
            overflowed: false,
        }
    }
}

impl Sums {
    fn add(&mut self, s: &Subscription) {
        let l = &s.licenses;
        let o = &mut self.overflowed;
        self.subscriptions += 1;
        add_count(&mut self.total, l.total, o);
        add_count(&mut self.assigned, l.assigned, o);
        add_count(&mut self.unassigned, l.unassigned(), o);
        add_count(&mut self.excess, l.excess(), o);
        add_known(&mut self.used, l.used_last_7_days, o);
        add_known(&mut self.used_3_months, l.used_last_3_months, o);
        add_known(&mut self.used_once, l.used_at_least_once, o);
    }

    /// `KPI_SUM_OVERFLOW` about `field` when a sum overflowed.
    fn overflow_problem(&self, field: &str) -> Option<Problem> {
        self.overflowed.then(|| {
            Problem::new(
                Code::KpiSumOverflow,
                field,
                "a license sum is larger than a 64-bit count holds: it is shown as the largest count, \
                 not the sum; check the counts of the subscriptions",
            )
        })
    }

    fn window(&self, total_customers: u64) -> WindowSummary {
        WindowSummary {
            customers: self.customers,
            customer_percent: percent(self.customers, total_customers),
            subscriptions: self.subscriptions,
            total_licenses: self.total,
            assigned_licenses: self.assigned,
            used_licenses: self.used,
            used_at_least_once_licenses: self.used_once,
            assignment_percent: percent(self.assigned, self.total),
            utilization_percent: utilization(self.used, self.total),
            utilization_3_months_percent: utilization(self.used_3_months, self.total),
            used_at_least_once_percent: utilization(self.used_once, self.total),
        }
    }
}

/// The KPIs, as bits of a customer's flags.
#[derive(Clone, Copy)]
enum Kpi {
    Expiring,
    Renewing,
    Low,
    Overage,
    Recent,
}

/// Dense customer indexes in order of first appearance, with the KPIs each
/// customer has a subscription in, so each KPI counts distinct customers.
struct Customers<'a> {
    /// FxHash: customer IDs are the caller's own data, so HashDoS resistance
    /// buys nothing and SipHash would dominate the index.
    index: rustc_hash::FxHashMap<&'a str, u32>,
    /// The last customer seen: exports list a customer's subscriptions
    /// together, so most lookups end here.
    last: Option<(&'a str, u32)>,
    flags: Vec<u8>,
}

impl<'a> Customers<'a> {
    fn with_capacity(capacity: usize) -> Self {
        Customers {
            index: HashMap::with_capacity_and_hasher(capacity, Default::default()),
            last: None,
            flags: Vec::with_capacity(capacity),
        }
    }

    fn index_of(&mut self, id: &'a str) -> u32 {
        if let Some((last, index)) = self.last {
            if last == id {
                return index;
            }
        }
        let next = u32::try_from(self.flags.len()).unwrap_or(u32::MAX);
        let index = *self.index.entry(id).or_insert(next);
        if index == next {
            self.flags.push(0);
        }
        self.last = Some((id, index));
        index
    }

    fn count(&self) -> u64 {
        self.flags.len() as u64
    }

    /// Marks `customer` in `kpi`; adds one to `sums.customers` the first time.
    fn mark(&mut self, customer: u32, kpi: Kpi, sums: &mut Sums) {
        let bit = 1u8 << kpi as u8;
        if let Some(flags) = self.flags.get_mut(customer as usize) {
            if *flags & bit == 0 {
                *flags |= bit;
                sums.customers += 1;
            }
        }
    }
}

/// A subscription with licenses, for R-KPI-04.
struct Licensed {
    ratio: f64,
    sub: u32,
    customer: u32,
}

/// A ratio as an integer that sorts as `f64::total_cmp` does, so the table
/// sorts integers.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RatioKey(i64);

impl RatioKey {
    fn of(ratio: f64) -> RatioKey {
        let bits = ratio.to_bits() as i64;
        // Negative floats sort in reverse of their bits: flip all but the sign.
        RatioKey(bits ^ (((bits >> 63) as u64) >> 1) as i64)
    }
}

/// One KPI's subscriptions, as (sort key, index) pairs, and their sums.
struct Selected<K> {
    sums: Sums,
    keyed: Vec<(K, u32)>,
}

impl<K> Default for Selected<K> {
    fn default() -> Self {
        Selected {
            sums: Sums::default(),
            keyed: Vec::new(),
        }
    }
}

impl<K> Selected<K> {
    /// Adds subscription `s` (index `sub`, of `customer`) to the KPI.
    fn take(
        &mut self,
        customers: &mut Customers<'_>,
        customer: u32,
        kpi: Kpi,
        key: K,
        sub: u32,
        s: &Subscription,
    ) {
        customers.mark(customer, kpi, &mut self.sums);
        self.sums.add(s);
        self.keyed.push((key, sub));
    }
}

impl<K: Ord + Copy> Selected<K> {
    /// The subscriptions' indexes sorted by key, ties in input order (a
    /// stable sort of the table, done on small pairs).
    fn order(mut self) -> (Sums, Vec<u32>) {
        self.keyed.sort_unstable();
        (
            self.sums,
            self.keyed.into_iter().map(|(_, sub)| sub).collect(),
        )
    }
}

/// Every KPI of `product` as of `as_of`, over `subscriptions` (any order, any
/// product line, several per customer).
///
/// Only subscriptions and trials of `product` that have not ended (see
/// [`crate::status::has_ended`]) count; customers are counted once however
/// many subscriptions they have. See the [module docs](self) for an example.
///
/// One pass over the subscriptions finds every KPI's subscriptions and sums;
/// the tables are then sorted as (key, index) pairs, and their rows are
/// computed when read.
pub fn dashboard<'a>(
    subscriptions: &'a [Subscription],
    product: ProductLine,
    as_of: NaiveDate,
    options: &KpiOptions,
) -> Dashboard<'a> {
    let window = i64::from(options.window_days);
    let in_window = |d: i64| (0..=window).contains(&d);
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);

    let mut customers = Customers::with_capacity(subscriptions.len() / 8);
    let mut expiring = Selected::default();
    let mut renewing = Selected::default();
    let mut over = Selected::default();
    let mut recent = Selected::default();
    // Sized for every subscription: one allocation, and the pages of the
    // unused part are never touched.
    let mut licensed: Vec<Licensed> = Vec::with_capacity(subscriptions.len());
    let (mut live, mut any_start_date) = (false, false);
    for (i, s) in subscriptions.iter().enumerate() {
        if s.product != product || has_ended(s, as_of) {
            continue;
        }
        live = true;
        let customer = customers.index_of(&s.customer_id);
        let sub = index(i);
        if let Some(end) = s
            .end_date
            .filter(|&end| in_window(days_between(as_of, end)))
        {
            let (table, kpi) = if s.auto_renew {
                (&mut renewing, Kpi::Renewing)
            } else {
                (&mut expiring, Kpi::Expiring)
            };
            table.take(&mut customers, customer, kpi, end, sub, s);
        }
        if s.licenses.assigned > s.licenses.total {
            let key = Reverse(s.licenses.excess());
            over.take(&mut customers, customer, Kpi::Overage, key, sub, s);
        }
        if let Some(start) = s.start_date {
            any_start_date = true;
            if in_window(days_between(start, as_of)) {
                recent.take(
                    &mut customers,
                    customer,
                    Kpi::Recent,
                    Reverse(start),
                    sub,
                    s,
                );
            }
        }
        if s.licenses.total > 0 {
            licensed.push(Licensed {
                ratio: ratio(s),
                sub,
                customer,
            });
        }
    }
    let total_customers = customers.count();
    let recent_known = any_start_date || !live;

    // R-KPI-04: the threshold ratio over subscriptions with licenses.
    let threshold_ratio = match options.low_assignment {
        LowAssignmentRule::FixedRatio(r) => (r.is_finite() && r >= 0.0).then_some(r),
        LowAssignmentRule::Percentile(p) => select_percentile(&mut licensed, p, |l| l.ratio),
    };
    let mut low = Selected::default();
    if let Some(threshold) = threshold_ratio {
        for l in licensed.iter().filter(|l| l.ratio < threshold) {
            customers.mark(l.customer, Kpi::Low, &mut low.sums);
            low.keyed.push((RatioKey::of(l.ratio), l.sub));
        }
    }
    drop(licensed);
    // A short loop, so the reads of scattered subscriptions overlap.
    for &(_, sub) in &low.keyed {
        if let Some(s) = subscriptions.get(sub as usize) {
            low.sums.add(s);
        }
    }

    // Lowest ratio, soonest end, largest excess, latest start first; ties in
    // input order (the index breaks them: `licensed` was reordered by the
    // selection).
    let (low, low_order) = low.order();
    let (expiring, expiring_order) = expiring.order();
    let (renewing, renewing_order) = renewing.order();
    let (over, over_order) = over.order();
    let (recent, recent_order) = recent.order();

    let problems = [
        (&expiring, "near_expiration"),
        (&renewing, "near_renewal"),
        (&low, "low_assignment"),
        (&over, "overage"),
        (&recent, "recently_added"),
    ]
    .into_iter()
    .filter_map(|(sums, field)| sums.overflow_problem(field))
    .collect();
    let tables = SubscriptionTables {
        near_expiration: Table::new(subscriptions, expiring_order, as_of, ExpiryRow::of),
        near_renewal: Table::new(subscriptions, renewing_order, as_of, ExpiryRow::of),
        low_assignment: Table::new(subscriptions, low_order, as_of, LowAssignmentRow::of),
        overage: Table::new(subscriptions, over_order, as_of, OverageRow::of),
        recently_added: Table::new(subscriptions, recent_order, as_of, RecentRow::of),
    };
    Dashboard {
        product,
        as_of,
        headline: headline(subscriptions, as_of, options),
        total_customers,
        near_expiration: expiring.window(total_customers),
        near_renewal: renewing.window(total_customers),
        low_assignment: LowAssignmentSummary {
            customers: low.customers,
            customer_percent: percent(low.customers, total_customers),
            subscriptions: low.subscriptions,
            threshold_ratio,
            total_licenses: low.total,
            assigned_licenses: low.assigned,
            unassigned_licenses: low.unassigned,
            assignment_percent: percent(low.assigned, low.total),
            utilization_percent: utilization(low.used, low.total),
            utilization_of_assigned_percent: utilization(low.used, low.assigned),
        },
        overage: OverageSummary {
            customers: over.customers,
            customer_percent: percent(over.customers, total_customers),
            subscriptions: over.subscriptions,
            excess_licenses: over.excess,
            average_excess_per_customer: (over.customers != 0)
                .then(|| over.excess as f64 / over.customers as f64),
        },
        recently_added: RecentSummary {
            customers: recent_known.then_some(recent.customers),
            customer_percent: if recent_known {
                percent(recent.customers, total_customers)
            } else {
                None
            },
            subscriptions: recent_known.then_some(recent.subscriptions),
            total_licenses: recent_known.then_some(recent.total),
        },
        subscriptions: tables,
        problems,
    }
}

/// Whether a product line has KPIs (calling, meetings).
fn has_kpis(product: ProductLine) -> bool {
    matches!(product, ProductLine::Calling | ProductLine::Meetings)
}

/// The headline KPIs (R-KPI-01..05) as of `as_of` over `subscriptions` (any
/// order, any product line): customers with a calling or meetings
/// subscription or trial in force, each once. [`dashboard`] includes them.
///
/// ```
/// use chrono::NaiveDate;
/// use wholesale_core::kpi::{headline, KpiOptions};
/// use wholesale_core::subscription::*;
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
/// let sub = |id: &str, product, days: i64| Subscription {
///     id: id.into(),
///     customer_id: "acme".into(),
///     customer_name: "Acme".into(),
///     kind: SubscriptionKind::Subscription,
///     product,
///     status: SubscriptionStatus::Active,
///     start_date: None,
///     end_date: Some(as_of + chrono::Duration::days(days)),
///     auto_renew: false,
///     licenses: LicenseCounts { total: 10, assigned: 12, ..Default::default() },
/// };
/// // One customer with calling and meetings, both ending soon, both over.
/// let subs = [sub("S1", ProductLine::Calling, 10), sub("S2", ProductLine::Meetings, 20)];
/// let h = headline(&subs, as_of, &KpiOptions::default());
/// assert_eq!(h.total_customers.customers, 1);
/// assert_eq!(h.near_expiration.customers, 1); // not 2: each customer once
/// assert_eq!(h.overage.customers, 1);
/// ```
pub fn headline(
    subscriptions: &[Subscription],
    as_of: NaiveDate,
    options: &KpiOptions,
) -> Headline {
    let window = i64::from(options.window_days);
    let mut customers = Customers::with_capacity(subscriptions.len() / 8);
    let (mut expiring, mut renewing, mut over, mut low) = Default::default();
    let mut licensed: [Vec<Licensed>; 2] = Default::default();
    for s in subscriptions {
        if !has_kpis(s.product) || has_ended(s, as_of) {
            continue;
        }
        let customer = customers.index_of(&s.customer_id);
        if s.end_date
            .is_some_and(|end| (0..=window).contains(&days_between(as_of, end)))
        {
            if s.auto_renew {
                customers.mark(customer, Kpi::Renewing, &mut renewing);
            } else {
                customers.mark(customer, Kpi::Expiring, &mut expiring);
            }
        }
        if s.licenses.assigned > s.licenses.total {
            customers.mark(customer, Kpi::Overage, &mut over);
        }
        if s.licenses.total > 0 {
            let line = usize::from(s.product != ProductLine::Calling);
            if let Some(list) = licensed.get_mut(line) {
                list.push(Licensed {
                    ratio: ratio(s),
                    sub: 0,
                    customer,
                });
            }
        }
    }
    for list in &mut licensed {
        let threshold = match options.low_assignment {
            LowAssignmentRule::FixedRatio(r) => (r.is_finite() && r >= 0.0).then_some(r),
            LowAssignmentRule::Percentile(p) => select_percentile(list, p, |l| l.ratio),
        };
        if let Some(threshold) = threshold {
            for l in list.iter().filter(|l| l.ratio < threshold) {
                customers.mark(l.customer, Kpi::Low, &mut low);
            }
        }
    }
    let total = customers.count();
    let figure = |sums: Sums| HeadlineFigure {
        customers: sums.customers,
        customer_percent: percent(sums.customers, total),
    };
    Headline {
        total_customers: HeadlineFigure {
            customers: total,
            customer_percent: percent(total, total),
        },
        near_expiration: figure(expiring),
        near_renewal: figure(renewing),
        low_assignment: figure(low),
        overage: figure(over),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_kpi_04_percentile_interpolates_linearly() {
        let xs = [0.1, 0.2, 0.3, 0.4, 0.5];
        // rank = 4 * 0.25 = 1 exactly.
        assert_eq!(percentile(&xs, 25.0), Some(0.2));
        // rank = 4 * 0.1 = 0.4: 0.1 + 0.4 * 0.1.
        assert!((percentile(&xs, 10.0).unwrap() - 0.14).abs() < 1e-12);
        assert_eq!(percentile(&xs, 0.0), Some(0.1));
        assert_eq!(percentile(&xs, 100.0), Some(0.5));
        assert_eq!(percentile(&[], 25.0), None);
        assert_eq!(percentile(&xs, f64::NAN), None);
        assert_eq!(percentile(&xs, 101.0), None);
        let shuffled = vec![0.4, 0.1, 0.5, 0.3, 0.2];
        for p in [0.0, 10.0, 25.0, 33.3, 50.0, 99.0, 100.0] {
            let mut values = shuffled.clone();
            assert_eq!(
                select_percentile(&mut values, p, |&v| v),
                percentile(&xs, p)
            );
        }
    }

    #[test]
    fn r_kpi_09_whole_months_truncate_toward_zero() {
        assert_eq!(whole_months(d(2026, 1, 15), d(2026, 2, 15)), 1);
        assert_eq!(whole_months(d(2026, 1, 15), d(2026, 2, 14)), 0);
        assert_eq!(whole_months(d(2026, 1, 31), d(2026, 2, 28)), 0);
        assert_eq!(whole_months(d(2025, 11, 25), d(2026, 11, 25)), 12);
        assert_eq!(whole_months(d(2026, 3, 15), d(2026, 1, 20)), -1);
        assert_eq!(whole_months(d(2026, 3, 15), d(2026, 1, 15)), -2);
    }

    #[test]
    fn r_kpi_11_change_never_overflows() {
        assert_eq!(change(5, Some(7)), Some(-2));
        assert_eq!(change(5, None), None);
        assert_eq!(change(u64::MAX, Some(0)), None);
    }
}
