//! Times `csv_import::check_bytes` on a 20,000-row Control Hub-style file
//! checked against a 5,000-user org snapshot (R-CSV-04's maximum), the
//! snapshot read from its JSON text in the same timed loop (as a caller with
//! a snapshot file pays it, and as `checkCsv(bytes, {org: text})` does in
//! wasm).
//!
//! ```sh
//! cargo run --release -p wholesale-benches --bin csv_check_20k   # RUNS=100 for more runs
//! ```
//!
//! One line per part (`snapshot`, `check`, `snapshot + check`), each with
//! its min and median, then the sizes and the summary.

use std::time::{Duration, Instant};

use wholesale_core::csv_import::{check_bytes, ImportOptions, OrgSnapshot, MAX_DATA_ROWS};

fn main() {
    let bytes = wholesale_benches::user_csv(MAX_DATA_ROWS);
    let json = wholesale_benches::org_snapshot_json(MAX_DATA_ROWS);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let (mut read, mut check, mut both) = (Vec::new(), Vec::new(), Vec::new());
    let mut summary = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let org = OrgSnapshot::from_json(&json).expect("generated snapshot");
        let options = ImportOptions::default().with_org(org);
        let parsed = Instant::now();
        let plan = check_bytes(&bytes, &options);
        let done = Instant::now();
        read.push(parsed - start);
        check.push(done - parsed);
        both.push(done - start);
        summary = Some(plan.summary);
    }
    for (label, times) in [
        ("snapshot", &mut read),
        ("check", &mut check),
        ("snapshot + check", &mut both),
    ] {
        println!("{label}: {}", stats(times));
    }
    println!(
        "{} rows, {} bytes; snapshot {} bytes; summary {:?}",
        MAX_DATA_ROWS,
        bytes.len(),
        json.len(),
        summary.expect("ran")
    );
}

fn stats(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "min {:.1} ms, median {:.1} ms over {} runs",
        ms(times[0]),
        ms(times[times.len() / 2]),
        times.len()
    )
}
