//! Times `csv_import::check_bytes` on a 20,000-row Control Hub-style file
//! checked against a 5,000-user org snapshot (R-CSV-04's maximum), the
//! snapshot read from the bytes of its JSON file in the same timed loop (as
//! a caller with a snapshot file pays it, and as `checkCsv(bytes, {org:
//! orgBytes})` does in wasm); each part includes freeing what it made.
//!
//! ```sh
//! cargo run --release -p wholesale-benches --bin csv_check_20k   # RUNS=100 for more runs
//! ```
//!
//! One line per part (`snapshot`, `check`, `snapshot + check`), each with
//! its min and median, then the sizes and the summary. With `ON_REQUEST=1`,
//! one run for each line of standard input, its three times written as one
//! line (the wasm bench alternates with it run by run).

use std::io::Write;
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
    let mut once = || {
        // Each part frees what it made, as a `checkCsv` call followed by
        // `plan.free()` does in wasm: the snapshot read and its drop, the
        // check and the plan's drop.
        let start = Instant::now();
        let org = OrgSnapshot::from_json_bytes(json.as_bytes()).expect("generated snapshot");
        let options = ImportOptions::default().with_org(org);
        let parsed = Instant::now();
        let plan = check_bytes(&bytes, &options);
        summary = Some(plan.summary);
        drop(plan);
        let checked = Instant::now();
        drop(options);
        let done = Instant::now();
        [
            (parsed - start) + (done - checked),
            checked - parsed,
            done - start,
        ]
    };
    if std::env::var_os("ON_REQUEST").is_some() {
        // One run for each line read, its three times (ms) written back:
        // the wasm bench takes turns with it run by run.
        let mut out = std::io::stdout().lock();
        for line in std::io::stdin().lines() {
            if line.is_err() {
                break;
            }
            let ms = once().map(|d| format!("{:.3}", d.as_secs_f64() * 1e3));
            if writeln!(out, "{}", ms.join(" "))
                .and_then(|()| out.flush())
                .is_err()
            {
                break;
            }
        }
        return;
    }
    for _ in 0..runs.max(1) {
        let [r, c, b] = once();
        read.push(r);
        check.push(c);
        both.push(b);
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
