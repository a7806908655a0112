//! Subscriptions and trials with their license counts.
//!
//! ```
//! use chrono::NaiveDate;
//! use wholesale_core::subscription::{LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus};
//!
//! let sub = Subscription {
//!     id: "Sub-100".into(),
//!     customer_id: "acme".into(),
//!     customer_name: "Acme".into(),
//!     kind: SubscriptionKind::Subscription,
//!     product: ProductLine::Calling,
//!     status: SubscriptionStatus::Active,
//!     start_date: NaiveDate::from_ymd_opt(2026, 1, 1),
//!     end_date: NaiveDate::from_ymd_opt(2027, 1, 1),
//!     auto_renew: true,
//!     licenses: LicenseCounts { total: 100, assigned: 80, ..Default::default() },
//! };
//! assert_eq!(sub.licenses.excess(), 0);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Paid subscription or trial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionKind {
    /// A paid subscription.
    Subscription,
    /// A trial.
    Trial,
}

/// The product line a subscription's licenses belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProductLine {
    /// Webex Calling (KPIs exclude Call on Webex).
    Calling,
    /// Webex Meetings.
    Meetings,
    /// Webex Messaging (no KPIs).
    Messaging,
}

impl ProductLine {
    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductLine::Calling => "calling",
            ProductLine::Meetings => "meetings",
            ProductLine::Messaging => "messaging",
        }
    }
}

/// Where a subscription stands.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubscriptionStatus {
    /// In force.
    Active,
    /// Unpaid.
    Suspended,
    /// Ended.
    Expired,
    /// Ordered but not fully set up.
    PendingSetup,
    /// A status the library does not know, kept as given.
    #[serde(untagged)]
    Other(String),
}

/// License counts of one subscription or trial.
///
/// Counts the source may lack (a subscription details report has no weekly
/// history) are `None`: KPIs that need them are then absent, not guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LicenseCounts {
    /// Purchased (provisioned) licenses: what a subscription details report
    /// calls "Available" (R-REP-02).
    pub total: u64,
    /// Licenses assigned to users.
    pub assigned: u64,
    /// Licenses used in the last 7 days.
    #[serde(default)]
    pub used_last_7_days: Option<u64>,
    /// Licenses used in the last 3 months.
    #[serde(default)]
    pub used_last_3_months: Option<u64>,
    /// Licenses used at least once (the subscription details report's
    /// "Used", R-REP-02): neither the 7-day nor the 3-month count.
    #[serde(default)]
    pub used_at_least_once: Option<u64>,
    /// Assigned count one week earlier.
    #[serde(default)]
    pub last_week_assigned: Option<u64>,
    /// Used count one week earlier.
    #[serde(default)]
    pub last_week_used: Option<u64>,
}

impl LicenseCounts {
    /// Licenses assigned beyond the purchased total (R-KPI-10); 0 without overage.
    pub fn excess(&self) -> u64 {
        self.assigned.saturating_sub(self.total)
    }

    /// Licenses purchased but not assigned.
    pub fn unassigned(&self) -> u64 {
        self.total.saturating_sub(self.assigned)
    }
}

/// A subscription or trial of one customer for one product line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Subscription ID (or the trial's enterprise ID).
    pub id: String,
    /// The customer org's ID.
    pub customer_id: String,
    /// The customer org's name.
    #[serde(default)]
    pub customer_name: String,
    /// Subscription or trial.
    pub kind: SubscriptionKind,
    /// The product line its licenses belong to.
    pub product: ProductLine,
    /// Active, suspended, expired, pending setup.
    pub status: SubscriptionStatus,
    /// The day it was added to the customer, when known.
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// Expiry, or renewal date when `auto_renew` is on.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Renews rather than expires at `end_date`.
    #[serde(default)]
    pub auto_renew: bool,
    /// License counts.
    pub licenses: LicenseCounts,
}

/// Subscriptions read from a source, with a problem for everything the
/// reading changed or left out (R-REP-05): nothing is dropped silently.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SubscriptionsRead {
    /// The subscriptions, each once, in source order.
    pub subscriptions: Vec<Subscription>,
    /// Rows or items left out or changed, each with its line or index.
    pub problems: Vec<crate::Problem>,
}

impl SubscriptionsRead {
    /// Whether a problem is an error (a row or item left out).
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity() == crate::Severity::Error)
    }
}

/// R-REP-05: a list of subscriptions (JSON, a binding's objects) accounted
/// for. A subscription whose ID and product line appear earlier is counted
/// once and reported (`SUBSCRIPTION_DUPLICATE`, naming both items); an ID or
/// customer ID with spaces around it is trimmed and reported
/// (`SUBSCRIPTION_ID_TRIMMED`), so `acme` and `acme ` are one customer, and
/// never silently.
///
/// ```
/// use wholesale_core::subscription::*;
///
/// let sub = |id: &str, customer: &str| Subscription {
///     id: id.into(),
///     customer_id: customer.into(),
///     customer_name: String::new(),
///     kind: SubscriptionKind::Subscription,
///     product: ProductLine::Calling,
///     status: SubscriptionStatus::Active,
///     start_date: None,
///     end_date: None,
///     auto_renew: false,
///     licenses: LicenseCounts::default(),
/// };
/// let read = account(vec![sub("S1", "acme"), sub("S2", "acme "), sub("S1", "acme")]);
/// assert_eq!(read.subscriptions.len(), 2);
/// assert_eq!(read.subscriptions[1].customer_id, "acme");
/// let codes: Vec<&str> = read.problems.iter().map(|p| p.code.as_str()).collect();
/// assert_eq!(codes, ["SUBSCRIPTION_ID_TRIMMED", "SUBSCRIPTION_DUPLICATE"]);
/// ```
pub fn account(subscriptions: Vec<Subscription>) -> SubscriptionsRead {
    use crate::codes::Code;
    use crate::Problem;
    let mut read = SubscriptionsRead {
        subscriptions: Vec::with_capacity(subscriptions.len()),
        problems: Vec::new(),
    };
    let mut seen: rustc_hash::FxHashMap<(String, ProductLine), usize> = Default::default();
    for (i, mut sub) in subscriptions.into_iter().enumerate() {
        for (name, value) in [("id", &mut sub.id), ("customer_id", &mut sub.customer_id)] {
            let trimmed = crate::text::trim(value);
            if trimmed.len() != value.len() {
                read.problems.push(Problem::new(
                    Code::SubscriptionIdTrimmed,
                    format!("subscriptions[{i}].{name}"),
                    format!(
                        "{:?} has spaces around it; it is read as {trimmed:?}",
                        crate::text::truncate(value, crate::text::MESSAGE_CHARS)
                    ),
                ));
                *value = trimmed.to_owned();
            }
        }
        match seen.entry((sub.id.clone(), sub.product)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                read.problems.push(Problem::new(
                    Code::SubscriptionDuplicate,
                    format!("subscriptions[{i}]"),
                    format!(
                        "subscription {:?} ({}) is also subscriptions[{}]; it is counted once",
                        crate::text::truncate(&sub.id, crate::text::MESSAGE_CHARS),
                        sub.product.as_str(),
                        first.get()
                    ),
                ));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
                read.subscriptions.push(sub);
            }
        }
    }
    read
}
