//! `wholesale kpi`: license KPIs (R-KPI-01..11), the headline first, from a
//! subscription details report CSV (R-REP-02) or a JSON list of
//! subscriptions; `wholesale kpi trend`: the license trend (R-KPI-13).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use wholesale_core::kpi::{
    dashboard, license_trend, Dashboard, DatedSubscriptions, KpiOptions, LicenseTrend,
};
use wholesale_core::report::subscription_details::{
    calculation_date, subscriptions_of_table, SubscriptionDetailsRow,
};
use wholesale_core::report::{read_report_bytes, MAX_REPORT_BYTES};
use wholesale_core::subscription::{account, ProductLine, Subscription, SubscriptionsRead};
use wholesale_core::{Problem, Severity};

use crate::output::safe;
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

/// `wholesale kpi FILE --as-of D` prints the dashboard; `wholesale kpi trend
/// FILE...` the license trend. A file named `trend` is given as `./trend`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct KpiArgs {
    #[command(subcommand)]
    command: Option<KpiCommand>,
    /// A subscription details report (CSV) or a JSON list of subscriptions.
    #[arg(required = true)]
    file: Option<PathBuf>,
    /// The as-of date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date, required = true)]
    as_of: Option<NaiveDate>,
    /// The product line of the sections after the headline.
    #[arg(long, value_enum, default_value_t)]
    product: Product,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Subcommand)]
pub enum KpiCommand {
    /// The license distribution trend (R-KPI-13): one week per input.
    Trend(TrendArgs),
}

#[derive(Args)]
pub struct TrendArgs {
    /// Subscription details reports (CSV, dated by their Calculation Date)
    /// or JSON files `{"as_of": "YYYY-MM-DD", "subscriptions": [...]}`.
    #[arg(required = true)]
    files: Vec<PathBuf>,
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

/// A file's bytes as text, without a BOM.
fn text_of(bytes: &[u8]) -> Result<&str, Failure> {
    Ok(std::str::from_utf8(bytes)
        .map_err(|e| Failure(format!("the file is not UTF-8: {e}")))?
        .trim_start_matches('\u{feff}'))
}

/// Subscriptions of every product line from a file's bytes: a JSON list when
/// the first non-blank character is `[`, otherwise a subscription details
/// report CSV; every row or item accounted for (R-REP-05).
fn load(bytes: &[u8]) -> Result<SubscriptionsRead, Failure> {
    let text = text_of(bytes)?;
    if text.trim_start().starts_with('[') {
        let subs: Vec<Subscription> = serde_json::from_str(text)
            .map_err(|e| Failure(format!("not a JSON list of subscriptions: {e}")))?;
        Ok(account(subs))
    } else {
        let table = read_report_bytes::<SubscriptionDetailsRow>(text.as_bytes())?;
        Ok(subscriptions_of_table(&table, None))
    }
}

/// Reads a KPI input file, at most as large as a report may be (R-REP-05:
/// `wholesale kpi /dev/zero` stops with an error).
fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    crate::read_input_at_most(path, MAX_REPORT_BYTES)
}

/// Exit 1 when a row or item was left out; warnings alone exit 0.
fn outcome_of(problems: &[Problem]) -> Outcome {
    if problems.iter().any(|p| p.severity() == Severity::Error) {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

pub fn run(args: KpiArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if let Some(KpiCommand::Trend(trend)) = args.command {
        return run_trend(trend, out);
    }
    let (Some(file), Some(as_of)) = (args.file, args.as_of) else {
        return Err(Failure("kpi needs a FILE and --as-of".into()));
    };
    let product = ProductLine::from(args.product);
    let read = load(&read_file(&file)?)?;
    let mut d = dashboard(&read.subscriptions, product, as_of, &KpiOptions::default());
    let mut problems = read.problems;
    problems.append(&mut d.problems);
    d.problems = problems;
    match args.format {
        Format::Json => output::write_json(out, &d)?,
        Format::Text => write_text(out, &d)?,
        Format::Markdown => return Err(Failure("kpi prints text or json".into())),
    }
    output::eprint_problems(&d.problems);
    Ok(outcome_of(&d.problems))
}

/// One trend input from a file: a JSON `{as_of, subscriptions}`, or a
/// subscription details report dated by its latest Calculation Date.
fn dated(path: &Path, problems: &mut Vec<Problem>) -> Result<DatedSubscriptions, Failure> {
    let bytes = read_file(path)?;
    let text = text_of(&bytes)?;
    let name = path.display().to_string();
    if text.trim_start().starts_with('{') {
        let input: DatedSubscriptions = serde_json::from_str(text)
            .map_err(|e| Failure(format!("{name}: not {{\"as_of\", \"subscriptions\"}}: {e}")))?;
        let read = account(input.subscriptions);
        problems.extend(read.problems.into_iter().map(|p| p.in_field(name.clone())));
        return Ok(DatedSubscriptions {
            as_of: input.as_of,
            subscriptions: read.subscriptions,
        });
    }
    let table = read_report_bytes::<SubscriptionDetailsRow>(text.as_bytes())
        .map_err(|e| Failure(format!("{name}: {e}")))?;
    let as_of = calculation_date(&table.rows)
        .ok_or_else(|| Failure(format!("{name}: the report has no row, so no date")))?;
    let read = subscriptions_of_table(&table, None);
    problems.extend(read.problems.into_iter().map(|mut p| {
        p.message = format!("{name}: {}", p.message);
        p
    }));
    Ok(DatedSubscriptions {
        as_of,
        subscriptions: read.subscriptions,
    })
}

fn run_trend(args: TrendArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let mut problems = Vec::new();
    let inputs = args
        .files
        .iter()
        .map(|path| dated(path, &mut problems))
        .collect::<Result<Vec<_>, _>>()?;
    let mut trend = license_trend(&inputs, ProductLine::from(args.product));
    problems.append(&mut trend.problems);
    trend.problems = problems;
    match args.format {
        Format::Json => output::write_json(out, &trend)?,
        Format::Text => write_trend(out, &trend)?,
        Format::Markdown => return Err(Failure("kpi trend prints text or json".into())),
    }
    output::eprint_problems(&trend.problems);
    Ok(outcome_of(&trend.problems))
}

/// The trend as text: one line per week, oldest first.
pub fn write_trend(out: &mut dyn Write, t: &LicenseTrend) -> Result<(), Failure> {
    writeln!(
        out,
        "{} license trend (R-KPI-13), {} week(s) with data",
        t.product.as_str(),
        t.weeks.len()
    )?;
    for w in &t.weeks {
        writeln!(
            out,
            "  week from {} (input of {}): {} customers, {} subscriptions, {} total, {} assigned, used at least once {}, used last 7 days {}",
            w.week_start,
            w.as_of,
            w.customers,
            w.subscriptions,
            w.total_licenses,
            w.assigned_licenses,
            opt(w.used_at_least_once_licenses),
            opt(w.used_last_7_days_licenses),
        )?;
    }
    Ok(())
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"))
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| v.to_string())
}

/// The dashboard as text: one block per KPI, then the tables' first rows.
pub fn write_text(out: &mut dyn Write, d: &Dashboard) -> Result<(), Failure> {
    writeln!(
        out,
        "Headline KPIs as of {} (calling and meetings, each customer once)",
        d.as_of
    )?;
    let h = &d.headline;
    writeln!(
        out,
        "  Total customers           {}",
        h.total_customers.customers
    )?;
    for (title, f) in [
        ("Near expiration (90 days)", &h.near_expiration),
        ("Near renewal (90 days)", &h.near_renewal),
        ("Low license assignment", &h.low_assignment),
        ("Exceeded license limit", &h.overage),
    ] {
        writeln!(
            out,
            "  {title:<25} {} customers ({})",
            f.customers,
            pct(f.customer_percent)
        )?;
    }
    writeln!(out, "{} KPIs as of {}", d.product.as_str(), d.as_of)?;
    writeln!(out, "  Total customers           {}", d.total_customers)?;
    for (title, w) in [
        ("Near expiration (90 days)", &d.near_expiration),
        ("Near renewal (90 days)", &d.near_renewal),
    ] {
        writeln!(
            out,
            "  {title:<25} {} customers ({}), {} subscriptions, {} licenses, assigned {}, utilization {} (3 months {}, used at least once {})",
            w.customers,
            pct(w.customer_percent),
            w.subscriptions,
            w.total_licenses,
            pct(w.assignment_percent),
            pct(w.utilization_percent),
            pct(w.utilization_3_months_percent),
            pct(w.used_at_least_once_percent),
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
                safe(&row.customer_name),
                safe(&row.subscription_id),
                row.days_to_end,
                row.assigned,
                row.total
            )?;
        }
    }
    if !t.low_assignment.is_empty() {
        writeln!(out, "  Lowest assignment:")?;
        for row in t.low_assignment.iter().take(SHOWN) {
            writeln!(
                out,
                "    {} {} {}/{} assigned ({})",
                safe(&row.customer_name),
                safe(&row.subscription_id),
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
                safe(&row.customer_name),
                safe(&row.subscription_id),
                row.excess,
                row.assigned,
                row.total
            )?;
        }
    }
    Ok(())
}

pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    let path = crate::demo::samples_dir().join("subscriptions.json");
    let bytes = read_file(&path)?;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or_else(|| Failure("bad date".into()))?;
    writeln!(
        out,
        "== License KPIs (R-KPI) on samples/subscriptions.json =="
    )?;
    let read = load(&bytes)?;
    for product in [ProductLine::Calling, ProductLine::Meetings] {
        let d = dashboard(&read.subscriptions, product, as_of, &KpiOptions::default());
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
            command: None,
            file: Some(crate::demo::samples_dir().join(path)),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25),
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
                "headline",
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
