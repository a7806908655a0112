//! Times `csv_import::check_bytes` on a 20,000-row Control Hub-style file
//! checked against a 5,000-user org snapshot (R-CSV-04's maximum).
//!
//! ```sh
//! cargo run --release -p wholesale-benches --bin csv_check_20k   # RUNS=100 for more runs
//! ```

use std::time::{Duration, Instant};

use wholesale_core::csv_import::{check_bytes, MAX_DATA_ROWS};

fn main() {
    let bytes = wholesale_benches::user_csv(MAX_DATA_ROWS);
    let options = wholesale_benches::import_options(MAX_DATA_ROWS);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let mut times: Vec<Duration> = Vec::new();
    let mut summary = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let plan = check_bytes(&bytes, &options);
        times.push(start.elapsed());
        summary = Some(plan.summary);
    }
    times.sort();
    println!(
        "{} rows, {} bytes: min {:.1} ms, median {:.1} ms over {} runs; summary {:?}",
        MAX_DATA_ROWS,
        bytes.len(),
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.len(),
        summary.expect("ran")
    );
}
