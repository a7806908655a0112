//! `wholesale status`: every customer's statuses (R-STA), the Partner Hub
//! list filters, and the search by a user's e-mail.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;
use wholesale_core::org::{find_customer_by_user_email, Customer, ManagedBy};
use wholesale_core::status::{
    check_thresholds, customer_status, filter_customers, CustomerFilter, Status, StatusThresholds,
};
use wholesale_core::subscription::{ProductLine, SubscriptionKind};

use crate::output::{safe, safe_display, write_json};
use crate::{read_json, Failure, Format, Outcome};

#[derive(Args)]
pub struct StatusArgs {
    /// A JSON list of customers (or one customer), as `wholesale_core::org::Customer`.
    file: PathBuf,
    /// The as-of date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    as_of: NaiveDate,
    /// Keep customers with this status (repeatable), e.g. expiring_soon.
    #[arg(long, value_parser = parse_snake::<Status>)]
    status: Vec<Status>,
    /// Keep customers with a subscription of this product line (repeatable).
    #[arg(long, value_parser = parse_snake::<ProductLine>)]
    product: Vec<ProductLine>,
    /// Keep customers managed this way (external_admin, own_org; repeatable).
    #[arg(long, value_parser = parse_snake::<ManagedBy>)]
    managed_by: Vec<ManagedBy>,
    /// Keep customers with a subscription of this type (subscription, trial; repeatable).
    #[arg(long, value_parser = parse_snake::<SubscriptionKind>)]
    subscription_type: Vec<SubscriptionKind>,
    /// Only the customer one of whose users (or its admin) has this e-mail.
    #[arg(long)]
    email: Option<String>,
    /// `expiring_soon` window in days (default 30).
    #[arg(long)]
    expiring_soon_days: Option<u32>,
    /// `no_recent_activity` window in days (default 30).
    #[arg(long)]
    no_activity_days: Option<u32>,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not YYYY-MM-DD"))
}

/// A snake_case value of one of the core's serde enums, so the CLI accepts
/// exactly the names JSON uses and lists none of its own.
fn parse_snake<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|e| e.to_string())
}

/// One customer's line of the list.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    primary: Status,
    statuses: Vec<Status>,
}

/// A file of one customer or a list of them.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Customers {
    Many(Vec<Customer>),
    One(Box<Customer>),
}

pub fn run(args: StatusArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let customers = match read_json::<Customers>(&args.file)? {
        Customers::Many(list) => list,
        Customers::One(one) => vec![*one],
    };
    let defaults = StatusThresholds::default();
    let thresholds = StatusThresholds {
        expiring_soon_days: args
            .expiring_soon_days
            .unwrap_or(defaults.expiring_soon_days),
        no_activity_days: args.no_activity_days.unwrap_or(defaults.no_activity_days),
    };
    let warnings = check_thresholds(&thresholds);
    let filter = CustomerFilter {
        managed_by: args.managed_by,
        product: args.product,
        status: args.status,
        subscription_type: args.subscription_type,
    };
    let mut kept = filter_customers(&customers, &filter, args.as_of, &thresholds);
    if let Some(email) = &args.email {
        let found = find_customer_by_user_email(&customers, email);
        kept.retain(|c| found.is_some_and(|f| std::ptr::eq(*c, f)));
    }
    let rows: Vec<Row> = kept
        .iter()
        .map(|c| {
            let status = customer_status(c, args.as_of, &thresholds);
            Row {
                name: &c.name,
                primary: status.primary,
                statuses: status.statuses,
            }
        })
        .collect();
    match args.format {
        Format::Json => write_json(out, &rows)?,
        Format::Text => {
            writeln!(
                out,
                "{} of {} customers as of {}",
                rows.len(),
                customers.len(),
                args.as_of
            )?;
            for row in &rows {
                let all: Vec<&str> = row.statuses.iter().map(|s| s.as_str()).collect();
                writeln!(
                    out,
                    "  {:<30} {:<22} {}",
                    safe(row.name),
                    row.primary.as_str(),
                    all.join(", ")
                )?;
            }
        }
        Format::Markdown => return Err(Failure("status prints text or json".into())),
    }
    for w in warnings.iter() {
        eprintln!("{}", safe_display(w));
    }
    Ok(Outcome::Clean)
}
