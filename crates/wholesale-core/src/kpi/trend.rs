//! The license distribution trend (R-KPI-13): a weekly series of total,
//! assigned and used licenses of one product line over all customers, from
//! dated inputs such as one subscription details report per week.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{add_count, add_known};
use crate::codes::Code;
use crate::problem::Problem;
use crate::status::has_ended;
use crate::subscription::{ProductLine, Subscription};
use crate::week::Week;

/// The subscriptions as they stood on one day: one input of the trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatedSubscriptions {
    /// The day the counts were taken (a report's `Calculation Date`).
    pub as_of: NaiveDate,
    /// The subscriptions then, any product line.
    pub subscriptions: Vec<Subscription>,
}

/// One week of the trend: the licenses of the subscriptions in force on the
/// input's day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrendWeek {
    /// The week's first day, a Sunday (weeks end at Sunday 00:00 UTC, R-KPI-12).
    pub week_start: NaiveDate,
    /// The next Sunday, excluded.
    pub week_end: NaiveDate,
    /// The day of the input the week's figures come from.
    pub as_of: NaiveDate,
    /// Distinct customers with a subscription or trial of the product line in force.
    pub customers: u64,
    /// Such subscriptions and trials.
    pub subscriptions: u64,
    /// Purchased licenses.
    pub total_licenses: u64,
    /// Assigned licenses.
    pub assigned_licenses: u64,
    /// Licenses used at least once (a report's "Used"); absent when a
    /// subscription lacks the count.
    pub used_at_least_once_licenses: Option<u64>,
    /// Licenses used in the last 7 days; absent when a subscription lacks it.
    pub used_last_7_days_licenses: Option<u64>,
}

/// The license distribution trend of one product line (R-KPI-13).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LicenseTrend {
    /// The product line.
    pub product: ProductLine,
    /// One entry per week that has an input, oldest first; a week without
    /// input is absent, never interpolated.
    pub weeks: Vec<TrendWeek>,
    /// Inputs that fell in a week already covered (`TREND_WEEK_REPEATED`:
    /// the latest day counts) and sums over 64 bits (`KPI_SUM_OVERFLOW`).
    pub problems: Vec<Problem>,
}

/// R-KPI-13: the weekly series of `product` from dated inputs (any order).
///
/// An input dated `d` describes the last week completed on `d` (R-KPI-12),
/// as Partner Hub's analytics do: a report run on Monday 2026-11-30 is the
/// week from Sunday 2026-11-22. Two inputs in one week: the later day counts
/// and the other is reported, never summed.
///
/// ```
/// use chrono::NaiveDate;
/// use wholesale_core::kpi::{license_trend, DatedSubscriptions};
/// use wholesale_core::subscription::*;
///
/// let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
/// let sub = |assigned| Subscription {
///     id: "S1".into(),
///     customer_id: "acme".into(),
///     customer_name: "Acme".into(),
///     kind: SubscriptionKind::Subscription,
///     product: ProductLine::Calling,
///     status: SubscriptionStatus::Active,
///     start_date: None,
///     end_date: None,
///     auto_renew: false,
///     licenses: LicenseCounts { total: 10, assigned, ..Default::default() },
/// };
/// let inputs = [
///     DatedSubscriptions { as_of: day(30), subscriptions: vec![sub(6)] },
///     DatedSubscriptions { as_of: day(16), subscriptions: vec![sub(4)] },
/// ];
/// let trend = license_trend(&inputs, ProductLine::Calling);
/// let assigned: Vec<u64> = trend.weeks.iter().map(|w| w.assigned_licenses).collect();
/// assert_eq!(assigned, [4, 6]); // oldest first; the week between has no input
/// assert_eq!(trend.weeks[0].week_start, day(8));
/// ```
pub fn license_trend(inputs: &[DatedSubscriptions], product: ProductLine) -> LicenseTrend {
    let mut problems = Vec::new();
    // (week start, input index), the latest day of each week kept.
    let mut chosen: Vec<(NaiveDate, usize)> = Vec::with_capacity(inputs.len());
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| inputs.get(i).map(|input| input.as_of));
    for i in order {
        let Some(input) = inputs.get(i) else { continue };
        let start = Week::last_completed_on(input.as_of).start.date_naive();
        match chosen.last_mut() {
            Some((week, kept)) if *week == start => {
                let earlier = inputs.get(*kept).map_or(input.as_of, |k| k.as_of);
                problems.push(Problem::new(
                    Code::TrendWeekRepeated,
                    format!("inputs[{}]", *kept),
                    format!(
                        "the input of {earlier} and inputs[{i}] of {} fall in the week from {start}: \
                         the later day counts",
                        input.as_of
                    ),
                ));
                *kept = i;
            }
            _ => chosen.push((start, i)),
        }
    }
    let mut weeks = Vec::with_capacity(chosen.len());
    for (start, i) in chosen {
        let Some(input) = inputs.get(i) else { continue };
        let (week, overflowed) = week_of(input, product, start);
        if overflowed {
            problems.push(Problem::new(
                Code::KpiSumOverflow,
                format!("inputs[{i}]"),
                format!(
                    "a license sum of the week from {start} is larger than a 64-bit count holds: \
                     it is shown as the largest count"
                ),
            ));
        }
        weeks.push(week);
    }
    LicenseTrend {
        product,
        weeks,
        problems,
    }
}

fn week_of(
    input: &DatedSubscriptions,
    product: ProductLine,
    start: NaiveDate,
) -> (TrendWeek, bool) {
    let mut customers: rustc_hash::FxHashSet<&str> = Default::default();
    let mut overflowed = false;
    let mut week = TrendWeek {
        week_start: start,
        week_end: start + chrono::Duration::days(7),
        as_of: input.as_of,
        customers: 0,
        subscriptions: 0,
        total_licenses: 0,
        assigned_licenses: 0,
        used_at_least_once_licenses: Some(0),
        used_last_7_days_licenses: Some(0),
    };
    let live = input
        .subscriptions
        .iter()
        .filter(|s| s.product == product && !has_ended(s, input.as_of));
    for s in live {
        let l = &s.licenses;
        customers.insert(&s.customer_id);
        week.subscriptions += 1;
        add_count(&mut week.total_licenses, l.total, &mut overflowed);
        add_count(&mut week.assigned_licenses, l.assigned, &mut overflowed);
        add_known(
            &mut week.used_at_least_once_licenses,
            l.used_at_least_once,
            &mut overflowed,
        );
        add_known(
            &mut week.used_last_7_days_licenses,
            l.used_last_7_days,
            &mut overflowed,
        );
    }
    week.customers = customers.len() as u64;
    (week, overflowed)
}
