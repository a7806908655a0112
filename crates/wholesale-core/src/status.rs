//! Customer status (R-STA) and the Partner Hub customer-list filters.
//!
//! A customer carries every status that applies, and one primary status by
//! the precedence `suspended` > `expired` > `ready_for_order_setup` >
//! `license_overage` > `expiring_soon` > `no_recent_activity` > `trial` >
//! `subscription`. [`Status`] is declared in that order, so `Ord` is the
//! precedence.
//!
//! ```
//! use chrono::NaiveDate;
//! use wholesale_core::org::Customer;
//! use wholesale_core::package::Package;
//! use wholesale_core::status::{customer_status, Status, StatusThresholds};
//! use wholesale_core::subscription::*;
//!
//! let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let mut acme = Customer::new("Acme", Package::WebexCalling);
//! acme.last_admin_sign_in = Some(as_of);
//! acme.subscriptions.push(Subscription {
//!     id: "Sub-1".into(),
//!     customer_id: "acme".into(),
//!     customer_name: "Acme".into(),
//!     kind: SubscriptionKind::Subscription,
//!     product: ProductLine::Calling,
//!     status: SubscriptionStatus::Active,
//!     start_date: None,
//!     end_date: NaiveDate::from_ymd_opt(2026, 12, 10), // 15 days away
//!     auto_renew: false,
//!     licenses: LicenseCounts { total: 10, assigned: 12, ..Default::default() },
//! });
//! let status = customer_status(&acme, as_of, &StatusThresholds::default());
//! assert_eq!(status.statuses, vec![Status::LicenseOverage, Status::ExpiringSoon, Status::Subscription]);
//! assert_eq!(status.primary, Status::LicenseOverage);
//! ```

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::org::{Customer, ManagedBy};
use crate::problem::{Findings, Problem};
use crate::subscription::{ProductLine, Subscription, SubscriptionKind, SubscriptionStatus};

/// A customer status, declared in precedence order (the first is the most
/// important), so `Ord` gives the precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A subscription in force is unpaid (status `suspended`).
    Suspended,
    /// No subscription or trial is in force.
    Expired,
    /// A subscription in force is not fully set up (`pending_setup`).
    ReadyForOrderSetup,
    /// A subscription in force has more licenses assigned than purchased.
    LicenseOverage,
    /// A subscription or trial in force ends (without auto-renew) within the
    /// expiring-soon window.
    ExpiringSoon,
    /// No customer admin signed in to Control Hub within the activity window.
    NoRecentActivity,
    /// A trial is in force.
    Trial,
    /// A paid subscription is in force.
    Subscription,
}

impl Status {
    /// Every status, in precedence order.
    pub const ALL: [Status; 8] = [
        Status::Suspended,
        Status::Expired,
        Status::ReadyForOrderSetup,
        Status::LicenseOverage,
        Status::ExpiringSoon,
        Status::NoRecentActivity,
        Status::Trial,
        Status::Subscription,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Suspended => "suspended",
            Status::Expired => "expired",
            Status::ReadyForOrderSetup => "ready_for_order_setup",
            Status::LicenseOverage => "license_overage",
            Status::ExpiringSoon => "expiring_soon",
            Status::NoRecentActivity => "no_recent_activity",
            Status::Trial => "trial",
            Status::Subscription => "subscription",
        }
    }
}

/// The configurable windows of R-STA. The defaults are the spec's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct StatusThresholds {
    /// `expiring_soon` applies when a subscription ends within this many days
    /// (inclusive, day 0 to day N). Default 30.
    pub expiring_soon_days: u32,
    /// `no_recent_activity` applies when no admin signed in within this many
    /// days (a sign-in exactly N days ago is recent). Default 30.
    pub no_activity_days: u32,
}

impl Default for StatusThresholds {
    fn default() -> Self {
        StatusThresholds {
            expiring_soon_days: 30,
            no_activity_days: 30,
        }
    }
}

/// Every status of a customer, in precedence order, and the primary one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerStatus {
    /// Every status that applies, most important first; never empty.
    pub statuses: Vec<Status>,
    /// The most important status (the first of `statuses`).
    pub primary: Status,
}

impl CustomerStatus {
    /// Whether `status` applies.
    pub fn has(&self, status: Status) -> bool {
        self.statuses.contains(&status)
    }
}

/// Whether a subscription has ended as of `as_of`: its status is `expired`, or
/// its end date is before `as_of` and it does not auto-renew. A subscription
/// that ended yesterday has ended; one that ends today has not.
pub fn has_ended(sub: &Subscription, as_of: NaiveDate) -> bool {
    // `|` and `&`, not `||` and `&&`: this runs on every subscription of a
    // dashboard, and the operands are cheap while branches on them are not.
    (sub.status == SubscriptionStatus::Expired)
        | (!sub.auto_renew & sub.end_date.is_some_and(|end| end < as_of))
}

/// Days from `as_of` to the subscription's end date (negative once past).
pub fn days_to_end(sub: &Subscription, as_of: NaiveDate) -> Option<i64> {
    sub.end_date.map(|end| days_between(as_of, end))
}

/// `(to - from).num_days()`, from the two dates' day numbers rather than
/// chrono's 400-year-cycle arithmetic (a third of a dashboard's time went
/// there).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    i64::from(to.num_days_from_ce()) - i64::from(from.num_days_from_ce())
}

/// The statuses of one customer as of a date (R-STA).
///
/// Only subscriptions in force (not [ended](has_ended)) count for every status
/// but `expired`, which applies when none is in force, including a customer
/// with no subscription at all. `no_recent_activity` applies when the last
/// admin sign-in is unknown or more than `no_activity_days` before `as_of`.
pub fn customer_status(
    customer: &Customer,
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
) -> CustomerStatus {
    let live: Vec<&Subscription> = customer
        .subscriptions
        .iter()
        .filter(|s| !has_ended(s, as_of))
        .collect();
    let expiring = i64::from(thresholds.expiring_soon_days);
    let applies = |status: Status| -> bool {
        match status {
            Status::Suspended => live
                .iter()
                .any(|s| s.status == SubscriptionStatus::Suspended),
            Status::Expired => live.is_empty(),
            Status::ReadyForOrderSetup => live
                .iter()
                .any(|s| s.status == SubscriptionStatus::PendingSetup),
            Status::LicenseOverage => live.iter().any(|s| s.licenses.assigned > s.licenses.total),
            Status::ExpiringSoon => live.iter().any(|s| {
                !s.auto_renew && days_to_end(s, as_of).is_some_and(|d| (0..=expiring).contains(&d))
            }),
            Status::NoRecentActivity => match customer.last_admin_sign_in {
                None => true,
                Some(day) => (as_of - day).num_days() > i64::from(thresholds.no_activity_days),
            },
            Status::Trial => live.iter().any(|s| s.kind == SubscriptionKind::Trial),
            Status::Subscription => live
                .iter()
                .any(|s| s.kind == SubscriptionKind::Subscription),
        }
    };
    let statuses: Vec<Status> = Status::ALL.into_iter().filter(|&s| applies(s)).collect();
    // Never empty: with no subscription in force `expired` applies, otherwise
    // `trial` or `subscription` does.
    let primary = statuses.first().copied().unwrap_or(Status::Expired);
    CustomerStatus { statuses, primary }
}

/// The Partner Hub customer-list filters. Each list is "any of"; an empty list
/// does not filter. Filters combine with "and".
///
/// ```
/// use wholesale_core::status::{CustomerFilter, Status};
///
/// let filter: CustomerFilter = serde_json::from_str(r#"{"status": ["expiring_soon"]}"#).unwrap();
/// assert_eq!(filter.status, vec![Status::ExpiringSoon]);
/// assert!(filter.managed_by.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CustomerFilter {
    /// External admin or own org.
    pub managed_by: Vec<ManagedBy>,
    /// The customer has a subscription or trial in force for one of these
    /// product lines.
    pub product: Vec<ProductLine>,
    /// One of these statuses applies (any status, not only the primary).
    pub status: Vec<Status>,
    /// The customer has a subscription in force of one of these kinds
    /// (subscription or trial).
    pub subscription_type: Vec<SubscriptionKind>,
}

impl CustomerFilter {
    /// Whether one customer passes the filter as of a date.
    pub fn matches(
        &self,
        customer: &Customer,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> bool {
        let live = || {
            customer
                .subscriptions
                .iter()
                .filter(|s| !has_ended(s, as_of))
        };
        (self.managed_by.is_empty() || self.managed_by.contains(&customer.managed_by))
            && (self.product.is_empty() || live().any(|s| self.product.contains(&s.product)))
            && (self.subscription_type.is_empty()
                || live().any(|s| self.subscription_type.contains(&s.kind)))
            && (self.status.is_empty() || {
                let status = customer_status(customer, as_of, thresholds);
                self.status.iter().any(|s| status.has(*s))
            })
    }
}

/// The customers that pass `filter` as of a date, in their original order.
pub fn filter_customers<'a>(
    customers: &'a [Customer],
    filter: &CustomerFilter,
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
) -> Vec<&'a Customer> {
    customers
        .iter()
        .filter(|c| filter.matches(c, as_of, thresholds))
        .collect()
}

/// Checks status thresholds: a zero-day window is legal but almost certainly
/// a mistake, so it is reported as a warning.
pub fn check_thresholds(thresholds: &StatusThresholds) -> Findings {
    let mut findings = Findings::default();
    for (field, days) in [
        ("expiring_soon_days", thresholds.expiring_soon_days),
        ("no_activity_days", thresholds.no_activity_days),
    ] {
        if days == 0 {
            findings.push(Problem::new(
                Code::StatusWindowZero,
                field,
                format!("{field} is 0: the window then covers only the as-of day itself; the default is 30"),
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_is_chronos_difference() {
        let dates = [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(-400, 2, 29).unwrap(),
            NaiveDate::from_ymd_opt(0, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(1900, 2, 28).unwrap(),
            NaiveDate::from_ymd_opt(2000, 2, 29).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            NaiveDate::from_ymd_opt(2100, 3, 1).unwrap(),
        ];
        for a in dates {
            for b in dates {
                assert_eq!(days_between(a, b), (b - a).num_days(), "{a} {b}");
            }
        }
        let start = NaiveDate::from_ymd_opt(1999, 12, 1).unwrap();
        for day in start.iter_days().take(3000) {
            assert_eq!(days_between(start, day), (day - start).num_days());
            assert_eq!(days_between(day, start), (start - day).num_days());
        }
    }
}
