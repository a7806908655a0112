//! The subscription details report, and the subscriptions it describes for
//! the KPIs (R-REP-02).
//!
//! ```
//! use chrono::NaiveDate;
//! use wholesale_core::report::{read_report, subscription_details::{to_subscriptions, SubscriptionDetailsRow}};
//! use wholesale_core::subscription::ProductLine;
//!
//! let csv = "Calculation Date,Customer Name,Customer Org ID,Subscription Status,Subscription ID,\
//! Subscription Type,Total Users in Org,Total Verified Users,Auto Renewal Enabled,Expiration / Renewal Date,\
//! Meetings License (Available),Meetings License (Assigned),Meetings License (Used),\
//! Calling Professional License (Available),Calling Professional License (Assigned),Calling Professional License (Used),\
//! Calling Standard License (Available),Calling Standard License (Assigned),Calling Standard License (Used)\n\
//! 2026-11-25,Acme,org-1,Active,Sub-1,Paid,40,38,Yes,2027-01-31,0,0,0,20,18,15,10,4,2\n";
//! let rows = read_report::<SubscriptionDetailsRow>(csv.as_bytes()).unwrap().rows;
//! let subs = to_subscriptions(&rows, ProductLine::Calling);
//! assert_eq!((subs[0].licenses.total, subs[0].licenses.assigned), (30, 22));
//! assert!(to_subscriptions(&rows, ProductLine::Meetings).is_empty());
//! ```

use super::report_row;
use crate::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};

report_row! {
    /// One subscription of one customer, with its license counts per type.
    /// "Available" is the number provisioned (the total); "Used" is the number
    /// used at least once.
    pub struct SubscriptionDetailsRow {
        calculation_date: chrono::NaiveDate = "Calculation Date",
        customer_name: String = "Customer Name",
        customer_org_id: String = "Customer Org ID",
        subscription_status: String = "Subscription Status",
        subscription_id: String = "Subscription ID",
        subscription_type: String = "Subscription Type",
        total_users_in_org: u64 = "Total Users in Org",
        total_verified_users: u64 = "Total Verified Users",
        auto_renewal_enabled: bool = "Auto Renewal Enabled",
        expiration_or_renewal_date: Option<chrono::NaiveDate> = "Expiration / Renewal Date",
        meetings_available: u64 = "Meetings License (Available)",
        meetings_assigned: u64 = "Meetings License (Assigned)",
        meetings_used: u64 = "Meetings License (Used)",
        calling_professional_available: u64 = "Calling Professional License (Available)",
        calling_professional_assigned: u64 = "Calling Professional License (Assigned)",
        calling_professional_used: u64 = "Calling Professional License (Used)",
        calling_standard_available: u64 = "Calling Standard License (Available)",
        calling_standard_assigned: u64 = "Calling Standard License (Assigned)",
        calling_standard_used: u64 = "Calling Standard License (Used)",
    }
}

/// Reads a report's subscription status: `active`, `suspended`, `expired`,
/// `pending setup` (any case, spaces, `-` or `_`); anything else is kept.
pub fn parse_status(text: &str) -> SubscriptionStatus {
    let key: String = text
        .trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    match key.as_str() {
        "active" => SubscriptionStatus::Active,
        "suspended" => SubscriptionStatus::Suspended,
        "expired" => SubscriptionStatus::Expired,
        "pending_setup" => SubscriptionStatus::PendingSetup,
        _ => SubscriptionStatus::Other(text.trim().to_owned()),
    }
}

impl SubscriptionDetailsRow {
    /// (available, assigned, used) for a product line: meetings, or calling
    /// as Professional + Standard. `None` for other product lines.
    pub fn counts(&self, product: ProductLine) -> Option<(u64, u64, u64)> {
        match product {
            ProductLine::Meetings => Some((
                self.meetings_available,
                self.meetings_assigned,
                self.meetings_used,
            )),
            ProductLine::Calling => Some((
                self.calling_professional_available
                    .saturating_add(self.calling_standard_available),
                self.calling_professional_assigned
                    .saturating_add(self.calling_standard_assigned),
                self.calling_professional_used
                    .saturating_add(self.calling_standard_used),
            )),
            _ => None,
        }
    }

    /// The row's subscription for a product line, or `None` when the row has
    /// no license of that line (every count 0).
    ///
    /// The report has no start date and no weekly history: those stay `None`
    /// so the KPIs that need them are absent. "Used" (used at least once) is
    /// kept as `used_last_3_months`, the closest count the model has; the
    /// 7-day utilization stays absent rather than guessed.
    pub fn to_subscription(&self, product: ProductLine) -> Option<Subscription> {
        let (total, assigned, used) = self.counts(product)?;
        if total == 0 && assigned == 0 && used == 0 {
            return None;
        }
        let kind = if self
            .subscription_type
            .to_ascii_lowercase()
            .contains("trial")
        {
            SubscriptionKind::Trial
        } else {
            SubscriptionKind::Subscription
        };
        Some(Subscription {
            id: self.subscription_id.clone(),
            customer_id: self.customer_org_id.clone(),
            customer_name: self.customer_name.clone(),
            kind,
            product,
            status: parse_status(&self.subscription_status),
            start_date: None,
            end_date: self.expiration_or_renewal_date,
            auto_renew: self.auto_renewal_enabled,
            licenses: LicenseCounts {
                total,
                assigned,
                used_last_7_days: None,
                used_last_3_months: Some(used),
                last_week_assigned: None,
                last_week_used: None,
            },
        })
    }
}

/// The subscriptions of a product line in a subscription details report, for
/// [`crate::kpi::dashboard`] (R-REP-02).
pub fn to_subscriptions(
    rows: &[SubscriptionDetailsRow],
    product: ProductLine,
) -> Vec<Subscription> {
    rows.iter()
        .filter_map(|r| r.to_subscription(product))
        .collect()
}
