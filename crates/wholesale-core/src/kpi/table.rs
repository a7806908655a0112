//! The per-subscription tables of a dashboard (R-KPI-06..10): a [`Table`]
//! is its subscriptions' order, and each row is computed from its
//! subscription when read.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::{change, percent, utilization, whole_months};
use crate::status::{days_between, days_to_end};
use crate::subscription::{Subscription, SubscriptionKind};

/// A table of a [`Dashboard`](super::Dashboard): its subscriptions in table
/// order, each row computed from its subscription when read, so a table of
/// 100,000 rows holds 400 KB rather than some 17 MB of rows. It serializes as
/// the JSON array of its rows.
///
/// ```
/// use chrono::NaiveDate;
/// use wholesale_core::kpi::{dashboard, KpiOptions};
/// use wholesale_core::subscription::*;
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
/// let sub = |id: &str, days: i64| Subscription {
///     id: id.into(),
///     customer_id: "acme".into(),
///     customer_name: "Acme".into(),
///     kind: SubscriptionKind::Subscription,
///     product: ProductLine::Calling,
///     status: SubscriptionStatus::Active,
///     start_date: None,
///     end_date: Some(as_of + chrono::Duration::days(days)),
///     auto_renew: false,
///     licenses: LicenseCounts { total: 10, assigned: 5, ..Default::default() },
/// };
/// let subs = [sub("S1", 30), sub("S2", 10)];
/// let d = dashboard(&subs, ProductLine::Calling, as_of, &KpiOptions::default());
/// let table = &d.subscriptions.near_expiration;
/// assert_eq!(table.len(), 2);
/// assert_eq!(table.get(0).unwrap().subscription_id, "S2"); // ending soonest first
/// let days: Vec<i64> = table.iter().map(|row| row.days_to_end).collect();
/// assert_eq!(days, [10, 30]);
/// assert_eq!(serde_json::to_value(table).unwrap()[1]["subscription_id"], "S1");
/// ```
pub struct Table<'a, R> {
    subscriptions: &'a [Subscription],
    order: Vec<u32>,
    as_of: NaiveDate,
    row: fn(&'a Subscription, NaiveDate) -> Option<R>,
}

impl<'a, R> Table<'a, R> {
    /// A table of `subscriptions[i]` for each `i` of `order`, in that order;
    /// every one of them must have a row.
    pub(super) fn new(
        subscriptions: &'a [Subscription],
        order: Vec<u32>,
        as_of: NaiveDate,
        row: fn(&'a Subscription, NaiveDate) -> Option<R>,
    ) -> Self {
        Table {
            subscriptions,
            order,
            as_of,
            row,
        }
    }

    /// How many rows the table has.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The row at `index`.
    pub fn get(&self, index: usize) -> Option<R> {
        self.row_of(*self.order.get(index)?)
    }

    /// The row of `subscriptions[sub]`.
    fn row_of(&self, sub: u32) -> Option<R> {
        (self.row)(self.subscriptions.get(sub as usize)?, self.as_of)
    }

    /// The rows, in table order.
    pub fn iter(&self) -> Rows<'_, 'a, R> {
        Rows {
            table: self,
            order: self.order.iter(),
        }
    }

    /// The rows, collected.
    pub fn to_vec(&self) -> Vec<R> {
        let mut rows = Vec::with_capacity(self.len());
        rows.extend(self.iter());
        rows
    }
}

/// The rows of a [`Table`], in table order.
pub struct Rows<'t, 'a, R> {
    table: &'t Table<'a, R>,
    order: std::slice::Iter<'t, u32>,
}

impl<R> Iterator for Rows<'_, '_, R> {
    type Item = R;

    fn next(&mut self) -> Option<R> {
        let table = self.table;
        self.order.find_map(|&sub| table.row_of(sub))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.order.len()))
    }
}

impl<'t, 'a, R> IntoIterator for &'t Table<'a, R> {
    type Item = R;
    type IntoIter = Rows<'t, 'a, R>;

    fn into_iter(self) -> Rows<'t, 'a, R> {
        self.iter()
    }
}

impl<R> Clone for Table<'_, R> {
    fn clone(&self) -> Self {
        Table {
            subscriptions: self.subscriptions,
            order: self.order.clone(),
            as_of: self.as_of,
            row: self.row,
        }
    }
}

impl<R: fmt::Debug> fmt::Debug for Table<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Tables are equal when their rows are.
impl<R: PartialEq> PartialEq for Table<'_, R> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(feature = "schema")]
impl<R: schemars::JsonSchema> schemars::JsonSchema for Table<'_, R> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("{}List", R::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<R>(),
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

impl<R: Serialize> Serialize for Table<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

fn own(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// The row types' `into_owned`, which copies the three borrowed strings.
macro_rules! into_owned {
    ($row:ident) => {
        impl $row<'_> {
            /// The same row, owning its strings.
            pub fn into_owned(self) -> $row<'static> {
                $row {
                    subscription_id: own(self.subscription_id),
                    customer_id: own(self.customer_id),
                    customer_name: own(self.customer_name),
                    ..self
                }
            }
        }
    };
}

/// A subscription ending or renewing within the window (R-KPI-07, R-KPI-08).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExpiryRow<'a> {
    /// Subscription ID.
    pub subscription_id: Cow<'a, str>,
    /// Customer ID.
    pub customer_id: Cow<'a, str>,
    /// Customer name.
    pub customer_name: Cow<'a, str>,
    /// Subscription or trial.
    pub kind: SubscriptionKind,
    /// Expiry or renewal date.
    pub end_date: NaiveDate,
    /// Days from the as-of date to `end_date` (0 to the window).
    pub days_to_end: i64,
    /// Purchased licenses.
    pub total: u64,
    /// Assigned licenses.
    pub assigned: u64,
    /// Used in the last 7 days.
    pub used_last_7_days: Option<u64>,
    /// Used in the last 3 months.
    pub used_last_3_months: Option<u64>,
    /// Used at least once (a subscription details report's "Used").
    pub used_at_least_once: Option<u64>,
    /// Assigned / total, in %.
    pub assignment_percent: Option<f64>,
    /// Used in the last 7 days / total, in %, capped at 100.
    pub utilization_percent: Option<f64>,
    /// Used in the last 3 months / total, in %, capped at 100.
    pub utilization_3_months_percent: Option<f64>,
    /// Used at least once / total, in %, capped at 100.
    pub used_at_least_once_percent: Option<f64>,
}

/// A low-assignment subscription (R-KPI-09).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LowAssignmentRow<'a> {
    /// Subscription ID.
    pub subscription_id: Cow<'a, str>,
    /// Customer ID.
    pub customer_id: Cow<'a, str>,
    /// Customer name.
    pub customer_name: Cow<'a, str>,
    /// Subscription or trial.
    pub kind: SubscriptionKind,
    /// Whole calendar months since it was added, when known.
    pub months_since_added: Option<i64>,
    /// Purchased licenses.
    pub total: u64,
    /// Assigned licenses.
    pub assigned: u64,
    /// Assigned / total, in %.
    pub assignment_percent: Option<f64>,
    /// Assigned now minus assigned a week earlier, when known.
    pub weekly_assignment_change: Option<i64>,
}

/// A subscription with overage (R-KPI-10).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OverageRow<'a> {
    /// Subscription ID.
    pub subscription_id: Cow<'a, str>,
    /// Customer ID.
    pub customer_id: Cow<'a, str>,
    /// Customer name.
    pub customer_name: Cow<'a, str>,
    /// Subscription or trial.
    pub kind: SubscriptionKind,
    /// Whole calendar months until the end date, when known.
    pub months_remaining: Option<i64>,
    /// Renews rather than expires.
    pub auto_renew: bool,
    /// Purchased licenses.
    pub total: u64,
    /// Assigned licenses.
    pub assigned: u64,
    /// Assigned − total.
    pub excess: u64,
    /// Assigned / total, in % (above 100; absent when total is 0).
    pub assignment_percent: Option<f64>,
    /// Used in the last 7 days / total, in %, capped at 100.
    pub used_percent: Option<f64>,
}

/// A subscription added within the window (R-KPI-06).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecentRow<'a> {
    /// Subscription ID.
    pub subscription_id: Cow<'a, str>,
    /// Customer ID.
    pub customer_id: Cow<'a, str>,
    /// Customer name.
    pub customer_name: Cow<'a, str>,
    /// Subscription or trial.
    pub kind: SubscriptionKind,
    /// The day it was added.
    pub start_date: NaiveDate,
    /// Days since it was added (0 to the window).
    pub days_since_added: i64,
    /// Purchased licenses.
    pub total: u64,
    /// Assigned licenses.
    pub assigned: u64,
    /// Purchased but unassigned ("available" always means the total,
    /// R-REP-02).
    pub unassigned: u64,
    /// Used in the last 7 days.
    pub used_last_7_days: Option<u64>,
    /// Assigned now minus a week earlier.
    pub weekly_assignment_change: Option<i64>,
    /// Used now minus a week earlier.
    pub weekly_usage_change: Option<i64>,
}

into_owned!(ExpiryRow);
into_owned!(LowAssignmentRow);
into_owned!(OverageRow);
into_owned!(RecentRow);

impl<'a> ExpiryRow<'a> {
    /// The row of a subscription with an end date.
    pub(super) fn of(s: &'a Subscription, as_of: NaiveDate) -> Option<Self> {
        let l = &s.licenses;
        Some(ExpiryRow {
            subscription_id: Cow::Borrowed(&s.id),
            customer_id: Cow::Borrowed(&s.customer_id),
            customer_name: Cow::Borrowed(&s.customer_name),
            kind: s.kind,
            end_date: s.end_date?,
            days_to_end: days_to_end(s, as_of)?,
            total: l.total,
            assigned: l.assigned,
            used_last_7_days: l.used_last_7_days,
            used_last_3_months: l.used_last_3_months,
            used_at_least_once: l.used_at_least_once,
            assignment_percent: percent(l.assigned, l.total),
            utilization_percent: utilization(l.used_last_7_days, l.total),
            utilization_3_months_percent: utilization(l.used_last_3_months, l.total),
            used_at_least_once_percent: utilization(l.used_at_least_once, l.total),
        })
    }
}

impl<'a> LowAssignmentRow<'a> {
    /// The row of any subscription.
    pub(super) fn of(s: &'a Subscription, as_of: NaiveDate) -> Option<Self> {
        let l = &s.licenses;
        Some(LowAssignmentRow {
            subscription_id: Cow::Borrowed(&s.id),
            customer_id: Cow::Borrowed(&s.customer_id),
            customer_name: Cow::Borrowed(&s.customer_name),
            kind: s.kind,
            months_since_added: s.start_date.map(|d| whole_months(d, as_of)),
            total: l.total,
            assigned: l.assigned,
            assignment_percent: percent(l.assigned, l.total),
            weekly_assignment_change: change(l.assigned, l.last_week_assigned),
        })
    }
}

impl<'a> OverageRow<'a> {
    /// The row of any subscription.
    pub(super) fn of(s: &'a Subscription, as_of: NaiveDate) -> Option<Self> {
        let l = &s.licenses;
        Some(OverageRow {
            subscription_id: Cow::Borrowed(&s.id),
            customer_id: Cow::Borrowed(&s.customer_id),
            customer_name: Cow::Borrowed(&s.customer_name),
            kind: s.kind,
            months_remaining: s.end_date.map(|d| whole_months(as_of, d)),
            auto_renew: s.auto_renew,
            total: l.total,
            assigned: l.assigned,
            excess: l.excess(),
            assignment_percent: percent(l.assigned, l.total),
            used_percent: utilization(l.used_last_7_days, l.total),
        })
    }
}

impl<'a> RecentRow<'a> {
    /// The row of a subscription with a start date.
    pub(super) fn of(s: &'a Subscription, as_of: NaiveDate) -> Option<Self> {
        let start = s.start_date?;
        let l = &s.licenses;
        Some(RecentRow {
            subscription_id: Cow::Borrowed(&s.id),
            customer_id: Cow::Borrowed(&s.customer_id),
            customer_name: Cow::Borrowed(&s.customer_name),
            kind: s.kind,
            start_date: start,
            days_since_added: days_between(start, as_of),
            total: l.total,
            assigned: l.assigned,
            unassigned: l.unassigned(),
            used_last_7_days: l.used_last_7_days,
            weekly_assignment_change: change(l.assigned, l.last_week_assigned),
            weekly_usage_change: l.used_last_7_days.and_then(|u| change(u, l.last_week_used)),
        })
    }
}
