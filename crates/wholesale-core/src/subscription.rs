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
pub struct LicenseCounts {
    /// Purchased (provisioned, "available") licenses.
    pub total: u64,
    /// Licenses assigned to users.
    pub assigned: u64,
    /// Licenses used in the last 7 days.
    #[serde(default)]
    pub used_last_7_days: Option<u64>,
    /// Licenses used in the last 3 months.
    #[serde(default)]
    pub used_last_3_months: Option<u64>,
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
