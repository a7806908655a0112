//! `wholesale quality`: call quality from a call-leg CSV (R-CQ-01..05).

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use wholesale_core::quality::{
    feature_usage, read_legs, read_queued_calls, Combine, QualityCounts, QualityPolicy,
    QualityReport, QueueKpis, QueueReport, RejectedRow,
};

use crate::output::{safe, safe_display};
use crate::{output, Failure, Format, Outcome};

/// How stream results combine, for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CombineArg {
    /// Poor when any metric of any stream is above its threshold.
    Any,
    /// Poor only when every measured stream is poor.
    All,
}

#[derive(Args)]
pub struct QualityArgs {
    /// Call-leg CSV: customer_id, leg_id, start_time (RFC 3339), endpoint_type,
    /// ip_version, audio_/video_ jitter_ms, latency_ms, loss_pct (blank = no
    /// such stream), optional feature.
    file: PathBuf,
    /// Report date (YYYY-MM-DD): the report covers the last week completed
    /// before it (weeks end Sunday 00:00 UTC).
    #[arg(long)]
    as_of: NaiveDate,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Queued-call CSV (customer_id, queue, start_time, outcome,
    /// wait_seconds): adds the call-queue KPIs (R-CQ-04).
    #[arg(long)]
    queue: Option<PathBuf>,
    /// Jitter threshold in ms (default 150).
    #[arg(long)]
    jitter_ms: Option<f64>,
    /// Latency threshold in ms (default 400).
    #[arg(long)]
    latency_ms: Option<f64>,
    /// Packet-loss threshold in % (default 5).
    #[arg(long)]
    loss_pct: Option<f64>,
    /// How stream results combine (default any).
    #[arg(long, value_enum)]
    combine: Option<CombineArg>,
}

/// The JSON document: the core's report, plus the queue KPIs when asked for.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    report: &'a QualityReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_queues: Option<&'a QueueReport>,
}

impl QualityArgs {
    fn policy(&self) -> Result<QualityPolicy, Failure> {
        let d = QualityPolicy::default();
        let policy = QualityPolicy {
            jitter_ms: self.jitter_ms.unwrap_or(d.jitter_ms),
            latency_ms: self.latency_ms.unwrap_or(d.latency_ms),
            loss_pct: self.loss_pct.unwrap_or(d.loss_pct),
            combine: match self.combine {
                None => d.combine,
                Some(CombineArg::Any) => Combine::Any,
                Some(CombineArg::All) => Combine::All,
            },
        };
        policy.validate()?;
        Ok(policy)
    }
}

pub fn run(args: QualityArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.format == Format::Markdown {
        return Err(Failure("quality writes text or json, not markdown".into()));
    }
    let policy = args.policy()?;
    // Opened, not read whole: the core reader stops at its bound (R-REP-05).
    let read = read_legs(crate::open_input(&args.file)?)
        .map_err(|e| Failure(format!("{}: {e}", args.file.display())))?;
    let report = read.report(args.as_of, &policy);
    let queues = match &args.queue {
        Some(path) => {
            let calls = read_queued_calls(crate::open_input(path)?)
                .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            Some(calls.report(args.as_of))
        }
        None => None,
    };
    match args.format {
        Format::Json => output::write_json(
            out,
            &Document {
                report: &report,
                call_queues: queues.as_ref(),
            },
        )?,
        _ => {
            write_text(out, &report, &policy, args.as_of)?;
            let usage = feature_usage(&read.legs, report.week);
            write_usage(out, &usage)?;
            if let Some(q) = &queues {
                write_queues(out, q)?;
            }
        }
    }
    let queue_rejected = queues.as_ref().map_or(0, |q| q.rejected_rows.len());
    Ok(if report.rejected_rows.is_empty() && queue_rejected == 0 {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}%"))
}

fn secs(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_owned(), |v| format!("{v:.1} s"))
}

fn counts_row(out: &mut dyn Write, label: &str, c: &QualityCounts) -> std::io::Result<()> {
    writeln!(
        out,
        "  {:<22} {:>6} {:>9} {:>6} {:>8}",
        safe(label),
        c.legs,
        c.measured,
        c.poor,
        pct(c.poor_pct)
    )
}

fn counts_header(out: &mut dyn Write, first: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "  {first:<22} {:>6} {:>9} {:>6} {:>8}",
        "legs", "measured", "poor", "poor %"
    )
}

fn write_rejected(out: &mut dyn Write, what: &str, rows: &[RejectedRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "\nRejected {what} rows: none");
    }
    writeln!(
        out,
        "\nRejected {what} rows: {} (not counted above)",
        rows.len()
    )?;
    for row in rows {
        for p in &row.problems {
            writeln!(out, "  line {}: {}", row.line, safe_display(p))?;
        }
    }
    Ok(())
}

fn write_text(
    out: &mut dyn Write,
    r: &QualityReport,
    policy: &QualityPolicy,
    as_of: NaiveDate,
) -> Result<(), Failure> {
    writeln!(
        out,
        "Call quality for the week {} to {} (the last week completed before {as_of})",
        r.week.start.format("%Y-%m-%d %H:%M UTC"),
        r.week.end.format("%Y-%m-%d %H:%M UTC"),
    )?;
    let combine = match policy.combine {
        Combine::All => "every measured stream",
        _ => "any stream",
    };
    writeln!(
        out,
        "A leg is poor when jitter > {} ms, latency > {} ms or loss > {}% on {combine}; \
         analog, third-party, IPv6 and unmeasured legs count in legs, not in ratios.\n",
        policy.jitter_ms, policy.latency_ms, policy.loss_pct
    )?;
    writeln!(out, "Per customer")?;
    counts_header(out, "customer")?;
    for c in &r.customers {
        counts_row(out, &c.customer_id, &c.counts)?;
    }
    writeln!(out, "\nBy endpoint type")?;
    counts_header(out, "endpoint type")?;
    for e in &r.by_endpoint_type {
        counts_row(out, e.endpoint_type.as_str(), &e.counts)?;
    }
    writeln!(out, "\n8-week trend, all customers (oldest first)")?;
    counts_header(out, "week starting")?;
    for w in &r.trend {
        counts_row(out, &w.week.start.format("%Y-%m-%d").to_string(), &w.counts)?;
    }
    write_rejected(out, "call-leg", &r.rejected_rows)?;
    Ok(())
}

fn write_usage(
    out: &mut dyn Write,
    usage: &[wholesale_core::quality::FeatureUsage],
) -> Result<(), Failure> {
    writeln!(out, "\nFeature usage in the week (legs, R-CQ-05)")?;
    if usage.is_empty() {
        writeln!(out, "  none")?;
        return Ok(());
    }
    writeln!(
        out,
        "  {:<22} {:>10} {:>10} {:>14}",
        "customer", "call queue", "hunt group", "auto attendant"
    )?;
    for u in usage {
        writeln!(
            out,
            "  {:<22} {:>10} {:>10} {:>14}",
            safe(&u.customer_id),
            u.call_queue,
            u.hunt_group,
            u.auto_attendant
        )?;
    }
    Ok(())
}

fn queue_row(out: &mut dyn Write, label: &str, k: &QueueKpis) -> std::io::Result<()> {
    writeln!(
        out,
        "  {:<22} {:>6} {:>12} {:>14} {:>12}",
        safe(label),
        k.calls,
        secs(k.avg_answer_seconds),
        secs(k.avg_abandon_wait_seconds),
        pct(k.abandonment_pct)
    )
}

fn write_queues(out: &mut dyn Write, q: &QueueReport) -> Result<(), Failure> {
    writeln!(out, "\nCall queues in the week (R-CQ-04)")?;
    writeln!(
        out,
        "  {:<22} {:>6} {:>12} {:>14} {:>12}",
        "customer", "calls", "avg answer", "avg abandon", "abandoned"
    )?;
    for c in &q.customers {
        queue_row(out, &c.customer_id, &c.kpis)?;
    }
    queue_row(out, "all customers", &q.pooled)?;
    write_rejected(out, "queued-call", &q.rejected_rows)?;
    Ok(())
}

pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    let samples = crate::demo::samples_dir();
    writeln!(
        out,
        "\n== Call quality (R-CQ): wholesale quality samples/call_legs.csv --as-of 2026-11-25 \
         --queue samples/call_queue.csv ==\n"
    )?;
    let args = QualityArgs {
        file: samples.join("call_legs.csv"),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 25).ok_or_else(|| Failure("bad date".into()))?,
        format: Format::Text,
        queue: Some(samples.join("call_queue.csv")),
        jitter_ms: None,
        latency_ms: None,
        loss_pct: None,
        combine: None,
    };
    // The sample holds bad rows on purpose: Problems is the expected outcome.
    run(args, out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(format: Format) -> QualityArgs {
        QualityArgs {
            file: crate::demo::samples_dir().join("call_legs.csv"),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            format,
            queue: None,
            jitter_ms: None,
            latency_ms: None,
            loss_pct: None,
            combine: None,
        }
    }

    #[test]
    fn r_cq_03_json_has_exactly_the_issue_keys_and_bad_rows_exit_1() {
        let mut out = Vec::new();
        let outcome = run(args(Format::Json), &mut out).unwrap();
        assert_eq!(outcome, Outcome::Problems, "the sample has bad rows");
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "by_endpoint_type",
                "customers",
                "rejected_rows",
                "trend",
                "week"
            ]
        );
        assert_eq!(json["trend"].as_array().unwrap().len(), 8);
        assert_eq!(json["rejected_rows"].as_array().unwrap().len(), 3);
        let first = &json["customers"][0];
        for key in ["customer_id", "legs", "measured", "poor", "poor_pct"] {
            assert!(first.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn r_cq_04_demo_shows_every_section() {
        let mut out = Vec::new();
        demo(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for section in [
            "Per customer",
            "By endpoint type",
            "8-week trend",
            "Rejected call-leg rows: 3",
            "Feature usage",
            "Call queues",
            "QUEUE_OUTCOME_UNKNOWN",
        ] {
            assert!(text.contains(section), "{section} missing:\n{text}");
        }
    }

    #[test]
    fn policy_flags_override_the_core_defaults() {
        let mut a = args(Format::Text);
        a.jitter_ms = Some(30.0);
        a.combine = Some(CombineArg::All);
        let p = a.policy().unwrap();
        assert_eq!((p.jitter_ms, p.latency_ms), (30.0, 400.0));
        assert_eq!(p.combine, Combine::All);
        a.loss_pct = Some(f64::NAN);
        assert!(a.policy().is_err());
    }
}
