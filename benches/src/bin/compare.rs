//! The peer comparison: one run, the same generated data, each workload
//! timed in wholesale-core and in its peer, printed as ratios.
//!
//! ```sh
//! benches/compare.sh     # sets up .venv (polars, numpy), then runs this binary
//! ```
//!
//! * CSV check, 20,000 rows against a 5,000-user snapshot: `check_bytes` vs a
//!   bare `csv::ByteRecord` pass over the same bytes (the parsing floor), and
//!   vs `benches/python/pure_csv_check.py` (pure Python, same rules).
//! * KPI dashboard over 1,000,000 subscriptions vs polars.
//! * Classification of 10,000,000 legs, columnar (and scalar) vs polars.
//!
//! Data goes to `target/bench-data/`. Each Rust figure is the best of several
//! runs after a warm-up (the CSV check and its bare parse run in turn, so both
//! see the same machine); each Python figure is the best of its runs, loading
//! excluded (the library is timed on data in memory too).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use wholesale_benches as gen;
use wholesale_core::csv_import::{check_bytes, MAX_DATA_ROWS};
use wholesale_core::kpi::{dashboard, KpiOptions};
use wholesale_core::quality::{classify, classify_columns, QualityPolicy, Verdict};
use wholesale_core::subscription::ProductLine;

const SUBSCRIPTIONS: usize = 1_000_000;
const LEGS: usize = 10_000_000;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// Runs a Python script of `benches/python/` and returns its JSON line.
fn python(script: &str, args: &[&str]) -> Value {
    let root = root();
    let interpreter = root.join(".venv/bin/python");
    let output = Command::new(&interpreter)
        .arg(root.join("benches/python").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e} (run benches/compare.sh)",
                interpreter.display()
            )
        });
    assert!(
        output.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{script}: {e}: {text}"))
}

fn seconds(v: &Value) -> Duration {
    Duration::from_secs_f64(v["seconds"].as_f64().expect("seconds"))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

struct Line {
    workload: &'static str,
    ours: Duration,
    peer: &'static str,
    theirs: Duration,
    target: &'static str,
    /// The target as a bound on peer time / library time (None: reference only).
    at_least: Option<f64>,
}

fn main() -> std::io::Result<()> {
    let data = root().join("target/bench-data");
    std::fs::create_dir_all(&data)?;
    let mut lines = Vec::new();
    let mut notes = Vec::new();

    // --- CSV check ---
    eprintln!("csv: generating {MAX_DATA_ROWS} rows");
    let csv = gen::user_csv(MAX_DATA_ROWS);
    let csv_path = data.join("users_20k.csv");
    let org_path = data.join("org_5k.json");
    std::fs::write(&csv_path, &csv)?;
    std::fs::write(&org_path, gen::org_snapshot_json(MAX_DATA_ROWS))?;
    let options = gen::import_options(MAX_DATA_ROWS);
    let mut plan = None;
    // The plan of each run is dropped inside the timing (by the next run's
    // assignment), as a caller pays for it too.
    let (check, bare) = gen::best_of_each(
        30,
        || plan = Some(check_bytes(&csv, &options)),
        || {
            std::hint::black_box(gen::bare_parse(&csv));
        },
    );
    let summary = plan.expect("ran").summary;
    eprintln!("csv: pure Python");
    let py = python(
        "pure_csv_check.py",
        &[
            csv_path.to_str().expect("UTF-8 path"),
            org_path.to_str().expect("UTF-8 path"),
            "3",
        ],
    );
    let s = &py["summary"];
    let same = [
        ("add", summary.add),
        ("modify", summary.modify),
        ("change_package", summary.change_package),
        ("remove", summary.remove),
        ("no_change", summary.no_change),
        ("rejected", summary.rejected),
    ]
    .iter()
    .all(|(k, v)| s[*k].as_u64() == u64::try_from(*v).ok());
    notes.push(format!(
        "csv: library summary {summary:?}; pure Python {s} ({})",
        if same { "same counts" } else { "COUNTS DIFFER" }
    ));
    lines.push(Line {
        workload: "CSV check, 20,000 rows",
        ours: check,
        peer: "bare csv::ByteRecord pass",
        theirs: bare,
        target: "library within 3x of the bare parse",
        at_least: Some(1.0 / 3.0),
    });
    lines.push(Line {
        workload: "CSV check, 20,000 rows",
        ours: check,
        peer: "pure Python (csv module)",
        theirs: seconds(&py),
        target: "library at least 20x faster",
        at_least: Some(20.0),
    });

    // --- KPI dashboard ---
    eprintln!("kpi: generating {SUBSCRIPTIONS} subscriptions");
    let subs = gen::subscriptions(SUBSCRIPTIONS);
    let subs_path = data.join("subscriptions_1m.csv");
    gen::write_subscriptions_csv(&subs, std::fs::File::create(&subs_path)?)?;
    let as_of = gen::as_of();
    let kpi_options = KpiOptions::default();
    let mut counts = None;
    let kpi = gen::best_of(5, || {
        let d = dashboard(&subs, ProductLine::Calling, as_of, &kpi_options);
        counts = Some([
            d.total_customers,
            d.near_expiration.customers,
            d.near_renewal.customers,
            d.low_assignment.customers,
            d.overage.customers,
            d.recently_added.customers.unwrap_or(0),
        ]);
    });
    drop(subs);
    eprintln!("kpi: polars");
    let pk = python(
        "polars_peers.py",
        &["kpi", subs_path.to_str().expect("UTF-8"), "5"],
    );
    let r = &pk["result"];
    let theirs = [
        "total_customers",
        "near_expiration",
        "near_renewal",
        "low_assignment",
        "overage",
        "recently_added",
    ]
    .map(|k| r[k].as_u64().unwrap_or(u64::MAX));
    let ours = counts.expect("ran");
    notes.push(format!(
        "kpi: customers (total, expiring, renewing, low, overage, recent) library {ours:?}, polars {theirs:?} ({}); polars threads: {}",
        if ours == theirs { "same" } else { "DIFFER" },
        pk["threads"]
    ));
    lines.push(Line {
        workload: "KPI dashboard, 1,000,000 subscriptions",
        ours: kpi,
        peer: "polars",
        theirs: seconds(&pk),
        target: "library faster than polars",
        at_least: Some(1.0),
    });

    // --- classification ---
    eprintln!("quality: generating {LEGS} legs");
    let columns = gen::leg_columns(LEGS);
    let legs_dir = data.join("legs_10m");
    gen::write_leg_columns(&columns, &legs_dir)?;
    let policy = QualityPolicy::default();
    let mut out = vec![0u8; LEGS];
    let columnar = gen::best_of(5, || {
        classify_columns(&columns.as_columns(), &policy, &mut out).expect("equal lengths");
    });
    let poor = out.iter().filter(|&&v| v == Verdict::POOR).count();
    let legs = gen::legs_of(&columns);
    drop(columns);
    let mut scalar_poor = 0;
    let scalar = gen::best_of(2, || {
        scalar_poor = legs
            .iter()
            .filter(|leg| classify(leg, &policy).verdict == Verdict::Poor)
            .count();
    });
    drop(legs);
    eprintln!("quality: polars");
    let pq = python(
        "polars_peers.py",
        &["classify", legs_dir.to_str().expect("UTF-8"), "5"],
    );
    let polars_poor = pq["result"]["poor"].as_u64().unwrap_or(u64::MAX);
    notes.push(format!(
        "classify: poor legs columnar {poor}, scalar {scalar_poor}, polars {polars_poor} ({}); polars threads: {}",
        if u64::try_from(poor).ok() == Some(polars_poor) && poor == scalar_poor { "same" } else { "DIFFER" },
        pq["threads"]
    ));
    lines.push(Line {
        workload: "Classify 10,000,000 legs, columnar",
        ours: columnar,
        peer: "polars",
        theirs: seconds(&pq),
        target: "library faster than polars",
        at_least: Some(1.0),
    });
    lines.push(Line {
        workload: "Classify 10,000,000 legs, scalar",
        ours: scalar,
        peer: "polars",
        theirs: seconds(&pq),
        target: "(for reference)",
        at_least: None,
    });

    println!("| Workload | wholesale-core | Peer | Peer time | Ratio | Target | Met |");
    println!("|---|---:|---|---:|---|---|---|");
    for l in &lines {
        let speedup = l.theirs.as_secs_f64() / l.ours.as_secs_f64().max(1e-12);
        let ratio = if speedup >= 1.0 {
            format!("library {speedup:.2}x faster")
        } else {
            format!("library {:.2}x slower", 1.0 / speedup)
        };
        let met = match l.at_least {
            Some(bound) if speedup >= bound => "yes",
            Some(_) => "NO",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {ratio} | {} | {met} |",
            l.workload,
            ms(l.ours),
            l.peer,
            ms(l.theirs),
            l.target
        );
    }
    println!();
    for n in notes {
        println!("- {n}");
    }
    Ok(())
}
