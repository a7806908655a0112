//! `wholesale kpi`: license KPIs (R-KPI-01..11) from a subscription details
//! report CSV (R-REP-02) or a JSON list of subscriptions.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use wholesale_core::kpi::{dashboard, Dashboard, KpiOptions};
use wholesale_core::report::read_report;
use wholesale_core::report::subscription_details::{to_subscriptions, SubscriptionDetailsRow};
use wholesale_core::subscription::{ProductLine, Subscription};
use wholesale_core::Problem;

use crate::{output, Failure, Format, Outcome};

/// The product lines with KPIs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Product {
    /// Webex Calling (Professional + Standard; not Call on Webex).
    #[default]
    Calling,
    /// Webex Meetings.
    Meetings,
}

impl From<Product> for ProductLine {
    fn from(p: Product) -> Self {
        match p {
            Product::Calling => ProductLine::Calling,
            Product::Meetings => ProductLine::Meetings,
        }
    }
}

#[derive(Args)]
pub struct KpiArgs {
    /// A subscription details report (CSV) or a JSON list of subscriptions.
    file: PathBuf,
    /// The as-of date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    as_of: NaiveDate,
    /// The product line.
    #[arg(long, value_enum, default_value_t)]
    product: Product,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not YYYY-MM-DD"))
}

/// Subscriptions from a file's bytes: a JSON list when the first non-blank
/// character is `[`, otherwise a subscription details report CSV.
fn load(bytes: &[u8], product: ProductLine) -> Result<(Vec<Subscription>, Vec<Problem>), Failure> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Failure(format!("the file is not UTF-8: {e}")))?
        .trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        let subs: Vec<Subscription> = serde_json::from_str(text)
            .map_err(|e| Failure(format!("not a JSON list of subscriptions: {e}")))?;
        Ok((subs, Vec::new()))
    } else {
        let table = read_report::<SubscriptionDetailsRow>(text.as_bytes())?;
        Ok((to_subscriptions(&table.rows, product), table.problems))
    }
}

pub fn run(args: KpiArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let product = ProductLine::from(args.product);
    let bytes = crate::read_input(&args.file)?;
    let (subs, problems) = load(&bytes, product)?;
    let d = dashboard(&subs, product, args.as_of, &KpiOptions::default());
    match args.format {
        Format::Json => output::write_json(out, &d)?,
        Format::Text => write_text(out, &d)?,
        Format::Markdown => return Err(Failure("kpi prints text or json".into())),
    }
    for p in &problems {
        eprintln!("{p}");
    }
    Ok(if problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"))
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| v.to_string())
}

/// The dashboard as text: one block per KPI, then the tables' first rows.
pub fn write_text(out: &mut dyn Write, d: &Dashboard) -> Result<(), Failure> {
    writeln!(out, "{} KPIs as of {}", d.product.as_str(), d.as_of)?;
    writeln!(out, "  Total customers           {}", d.total_customers)?;
    for (title, w) in [
        ("Near expiration (90 days)", &d.near_expiration),
        ("Near renewal (90 days)", &d.near_renewal),
    ] {
        writeln!(
            out,
            "  {title:<25} {} customers ({}), {} subscriptions, {} licenses, assigned {}, utilization {} (3 months {})",
            w.customers,
            pct(w.customer_percent),
            w.subscriptions,
            w.total_licenses,
            pct(w.assignment_percent),
            pct(w.utilization_percent),
            pct(w.utilization_3_months_percent),
        )?;
    }
    let l = &d.low_assignment;
    writeln!(
        out,
        "  Low assignment            {} customers ({}), {} subscriptions below ratio {}, assigned {}, {} unassigned, utilization {} ({} of assigned)",
        l.customers,
        pct(l.customer_percent),
        l.subscriptions,
        l.threshold_ratio.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.3}")),
        pct(l.assignment_percent),
        l.unassigned_licenses,
        pct(l.utilization_percent),
        pct(l.utilization_of_assigned_percent),
    )?;
    let o = &d.overage;
    writeln!(
        out,
        "  License overage           {} customers ({}), {} excess licenses, {} per customer",
        o.customers,
        pct(o.customer_percent),
        o.excess_licenses,
        o.average_excess_per_customer
            .map_or_else(|| "n/a".to_owned(), |a| format!("{a:.1}")),
    )?;
    let r = &d.recently_added;
    writeln!(
        out,
        "  Recently added (90 days)  {} customers ({}), {} subscriptions, {} licenses",
        opt(r.customers),
        pct(r.customer_percent),
        opt(r.subscriptions),
        opt(r.total_licenses),
    )?;
    const SHOWN: usize = 5;
    let t = &d.subscriptions;
    if !t.near_expiration.is_empty() {
        writeln!(out, "  Expiring soonest:")?;
        for row in t.near_expiration.iter().take(SHOWN) {
            writeln!(
                out,
                "    {} {} in {} days, {}/{} assigned",
                row.customer_name, row.subscription_id, row.days_to_end, row.assigned, row.total
            )?;
        }
    }
    if !t.low_assignment.is_empty() {
        writeln!(out, "  Lowest assignment:")?;
        for row in t.low_assignment.iter().take(SHOWN) {
            writeln!(
                out,
                "    {} {} {}/{} assigned ({})",
                row.customer_name,
                row.subscription_id,
                row.assigned,
                row.total,
                pct(row.assignment_percent)
            )?;
        }
    }
    if !t.overage.is_empty() {
        writeln!(out, "  Largest overage:")?;
        for row in t.overage.iter().take(SHOWN) {
            writeln!(
                out,
                "    {} {} +{} ({}/{} assigned)",
                row.customer_name, row.subscription_id, row.excess, row.assigned, row.total
            )?;
        }
    }
    Ok(())
}

pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    let path = crate::demo::samples_dir().join("subscriptions.json");
    let bytes = crate::read_input(&path)?;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or_else(|| Failure("bad date".into()))?;
    writeln!(
        out,
        "== License KPIs (R-KPI) on samples/subscriptions.json =="
    )?;
    for product in [ProductLine::Calling, ProductLine::Meetings] {
        let (subs, _) = load(&bytes, product)?;
        let d = dashboard(&subs, product, as_of, &KpiOptions::default());
        write_text(out, &d)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(path: &str, format: Format, product: Product) -> (Outcome, String) {
        let args = KpiArgs {
            file: crate::demo::samples_dir().join(path),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            product,
            format,
        };
        let mut out = Vec::new();
        let outcome = run(args, &mut out).unwrap_or_else(|f| panic!("{}", f.0));
        (outcome, String::from_utf8(out).unwrap())
    }

    #[test]
    fn r_kpi_cli_json_and_csv_inputs_give_the_documented_keys() {
        for path in ["subscriptions.json", "subscriptions.csv"] {
            let (outcome, text) = run_on(path, Format::Json, Product::Calling);
            assert_eq!(outcome, Outcome::Clean);
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            for key in [
                "product",
                "as_of",
                "total_customers",
                "near_expiration",
                "near_renewal",
                "low_assignment",
                "overage",
                "recently_added",
                "subscriptions",
            ] {
                assert!(v.get(key).is_some(), "{path}: {key}");
            }
            assert_eq!(v["product"], "calling");
        }
    }

    #[test]
    fn r_rep_02_cli_reads_the_report_and_leaves_missing_data_absent() {
        let (_, text) = run_on("subscriptions.csv", Format::Json, Product::Meetings);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v["recently_added"]["customers"].is_null());
        assert!(v["near_expiration"]["utilization_percent"].is_null());
    }

    #[test]
    fn r_kpi_cli_text_dashboard_and_demo() {
        let (_, text) = run_on("subscriptions.json", Format::Text, Product::Calling);
        assert!(text.contains("Total customers"));
        let mut out = Vec::new();
        demo(&mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("meetings KPIs"));
    }
}
