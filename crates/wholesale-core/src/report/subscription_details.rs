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
//! let subs = to_subscriptions(&rows, Some(ProductLine::Calling)).subscriptions;
//! assert_eq!((subs[0].licenses.total, subs[0].licenses.assigned), (30, 22));
//! assert_eq!(subs[0].licenses.used_at_least_once, Some(17)); // "Used": used at least once
//! assert_eq!(subs[0].licenses.used_last_3_months, None);
//! assert!(to_subscriptions(&rows, Some(ProductLine::Meetings)).subscriptions.is_empty());
//! ```

use super::{report_row, ReportTable};
use crate::codes::Code;
use crate::problem::Problem;
use crate::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
    SubscriptionsRead,
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
    /// (available, assigned, used at least once) for a product line:
    /// meetings, or calling as Professional + Standard; `Ok(None)` for other
    /// product lines. A calling sum that does not fit in 64 bits is an error
    /// (R-REP-05), never a saturated count.
    pub fn counts(&self, product: ProductLine) -> Result<Option<(u64, u64, u64)>, String> {
        let sum = |name: &str, a: u64, b: u64| {
            a.checked_add(b).ok_or_else(|| {
                format!("Calling Professional + Standard License ({name}) is {a} + {b}, more than a 64-bit count holds")
            })
        };
        Ok(match product {
            ProductLine::Meetings => Some((
                self.meetings_available,
                self.meetings_assigned,
                self.meetings_used,
            )),
            ProductLine::Calling => Some((
                sum(
                    "Available",
                    self.calling_professional_available,
                    self.calling_standard_available,
                )?,
                sum(
                    "Assigned",
                    self.calling_professional_assigned,
                    self.calling_standard_assigned,
                )?,
                sum(
                    "Used",
                    self.calling_professional_used,
                    self.calling_standard_used,
                )?,
            )),
            _ => None,
        })
    }

    /// The row's subscription for a product line; `Ok(None)` when the row
    /// has no license of that line (every count 0).
    ///
    /// "Available" is the total; "Used" (used at least once) is kept under
    /// its own name, `used_at_least_once`: the report has neither the 7-day
    /// nor the 3-month count, nor a start date or weekly history, so the
    /// KPIs that need them stay absent (R-REP-02).
    pub fn to_subscription(&self, product: ProductLine) -> Result<Option<Subscription>, String> {
        let Some((total, assigned, used)) = self.counts(product)? else {
            return Ok(None);
        };
        if total == 0 && assigned == 0 && used == 0 {
            return Ok(None);
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
        Ok(Some(Subscription {
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
                used_at_least_once: Some(used),
                ..LicenseCounts::default()
            },
        }))
    }
}

/// The product lines with KPIs, which a report's rows hold.
const KPI_LINES: [ProductLine; 2] = [ProductLine::Calling, ProductLine::Meetings];

/// The subscriptions of a subscription details report for
/// [`crate::kpi::dashboard`] (R-REP-02, R-REP-05): of `product`, or of every
/// product line with KPIs when `None` (what the headline KPIs need).
///
/// Every row is accounted for: a subscription ID on an earlier row is
/// counted once (`SUBSCRIPTION_DUPLICATE`, a warning); a row whose calling
/// counts overflow is left out with `REPORT_SUM_OVERFLOW`. Problems name the
/// row as `rows[i]`; [`subscriptions_of_table`] names its line instead.
pub fn to_subscriptions(
    rows: &[SubscriptionDetailsRow],
    product: Option<ProductLine>,
) -> SubscriptionsRead {
    convert(rows, None, product)
}

/// [`to_subscriptions`] of a report as read, with the reader's problems
/// first and every problem on its physical line.
///
/// ```
/// use wholesale_core::report::{read_report, subscription_details::{subscriptions_of_table, SubscriptionDetailsRow}};
///
/// let csv = "Calculation Date,Customer Name,Customer Org ID,Subscription Status,Subscription ID,\
/// Subscription Type,Total Users in Org,Total Verified Users,Auto Renewal Enabled,Expiration / Renewal Date,\
/// Meetings License (Available),Meetings License (Assigned),Meetings License (Used),\
/// Calling Professional License (Available),Calling Professional License (Assigned),Calling Professional License (Used),\
/// Calling Standard License (Available),Calling Standard License (Assigned),Calling Standard License (Used)\r\n\
/// 2026-11-25,Acme,org-1,Active,Sub-1,Paid,40,38,Yes,2027-01-31,5,4,3,20,18,15,10,4,2\r\n\
/// \r\n\
/// 2026-11-25,Acme,org-1,Active,Sub-1,Paid,40,38,Yes,2027-01-31,5,4,3,20,18,15,10,4,2\r\n";
/// let table = read_report::<SubscriptionDetailsRow>(csv.as_bytes()).unwrap();
/// let read = subscriptions_of_table(&table, None);
/// assert_eq!(read.subscriptions.len(), 2); // calling and meetings, once each
/// assert_eq!(read.problems[0].code.as_str(), "SUBSCRIPTION_DUPLICATE");
/// assert_eq!(read.problems[0].line, Some(4));
/// ```
pub fn subscriptions_of_table(
    table: &ReportTable<SubscriptionDetailsRow>,
    product: Option<ProductLine>,
) -> SubscriptionsRead {
    let lines = (table.lines.len() == table.rows.len()).then_some(table.lines.as_slice());
    let mut read = convert(&table.rows, lines, product);
    let mut problems = table.problems.clone();
    problems.append(&mut read.problems);
    problems.sort_by_key(|p| p.line);
    read.problems = problems;
    read
}

fn convert(
    rows: &[SubscriptionDetailsRow],
    lines: Option<&[u64]>,
    product: Option<ProductLine>,
) -> SubscriptionsRead {
    let lines_of = |i: usize| lines.and_then(|l| l.get(i).copied());
    let place = |i: usize| match lines_of(i) {
        Some(line) => format!("line {line}"),
        None => format!("rows[{i}]"),
    };
    let at = |problem: Problem, i: usize| match lines_of(i) {
        Some(line) => problem.on_line(Some(line)),
        None => problem.in_field(format!("rows[{i}]")),
    };
    let products: &[ProductLine] = match &product {
        Some(p) => std::slice::from_ref(p),
        None => &KPI_LINES,
    };
    let mut read = SubscriptionsRead::default();
    let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, row) in rows.iter().enumerate() {
        if let Some(&first) = seen.get(row.subscription_id.as_str()) {
            read.problems.push(at(
                Problem::new(
                    Code::SubscriptionDuplicate,
                    "Subscription ID",
                    format!(
                        "subscription {:?} is also on {}; it is counted once",
                        crate::text::truncate(&row.subscription_id, crate::text::MESSAGE_CHARS),
                        place(first)
                    ),
                ),
                i,
            ));
            continue;
        }
        seen.insert(&row.subscription_id, i);
        let mut subs = Vec::with_capacity(products.len());
        let mut overflow = None;
        for &p in products {
            match row.to_subscription(p) {
                Ok(sub) => subs.extend(sub),
                Err(why) => overflow = Some(why),
            }
        }
        match overflow {
            Some(why) => read.problems.push(at(
                Problem::new(
                    Code::ReportSumOverflow,
                    "Calling Professional License",
                    format!("{why}: the row is not counted"),
                ),
                i,
            )),
            None => read.subscriptions.append(&mut subs),
        }
    }
    read
}

/// The date a subscription details report describes: its latest
/// `Calculation Date` (every row of one report normally shares it), for the
/// license trend (R-KPI-13). `None` for a report without rows.
pub fn calculation_date(rows: &[SubscriptionDetailsRow]) -> Option<chrono::NaiveDate> {
    rows.iter().map(|r| r.calculation_date).max()
}
