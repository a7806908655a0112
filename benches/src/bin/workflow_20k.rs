//! Times the import workflow at R-CSV-04's maximum, in one run with a plain
//! check so the figures compare: `csv_import::snapshot_from_export` of a
//! 20,000-user export, `csv_import::write_ready` of a 20,000-row plan, and
//! `check_bytes` of the same 20,000 rows against a 5,000-user snapshot (the
//! `csv_check_20k` workload), called in turn.
//!
//! ```sh
//! cargo run --release -p wholesale-benches --bin workflow_20k   # RUNS=30 for more runs
//! ```

use std::time::{Duration, Instant};

use wholesale_core::csv_import::{
    check_bytes, snapshot_from_export, write_ready, ExportFiles, MAX_DATA_ROWS,
};

fn main() {
    // The generated file is export-shaped: one package TRUE per user, the
    // basic licenses TRUE, a number, an extension and a location each.
    let export = wholesale_benches::user_csv(MAX_DATA_ROWS);
    let options = wholesale_benches::import_options(MAX_DATA_ROWS);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15)
        .max(1);
    let plan = check_bytes(&export, &options);
    // Wall time and this thread's on-CPU time: on a loaded machine the
    // second tells the work from the wait for a core.
    let time = |f: &mut dyn FnMut()| {
        let cpu = wholesale_benches::thread_cpu_ns();
        let start = Instant::now();
        f();
        let wall = start.elapsed();
        let cpu = cpu
            .zip(wholesale_benches::thread_cpu_ns())
            .map(|(a, b)| b.saturating_sub(a));
        (wall, Duration::from_nanos(cpu.unwrap_or_default()))
    };
    let (mut check, mut snapshot, mut ready) = (Vec::new(), Vec::new(), Vec::new());
    let (mut users, mut written, mut ready_bytes) = (0, 0, 0);
    for _ in 0..runs {
        check.push(time(&mut || {
            std::hint::black_box(check_bytes(&export, &options));
        }));
        snapshot.push(time(&mut || {
            let built = snapshot_from_export(&ExportFiles::new(&export)).expect("a clean export");
            users = built.snapshot.known_users().len();
        }));
        ready.push(time(&mut || {
            let mut out = Vec::with_capacity(export.len());
            written = write_ready(&export, &plan, &mut out).expect("written").rows;
            ready_bytes = out.len();
        }));
    }
    let show = |name: &str, times: Vec<(Duration, Duration)>, what: String| {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let (mut wall, mut cpu): (Vec<Duration>, Vec<Duration>) = times.into_iter().unzip();
        wall.sort();
        cpu.sort();
        println!(
            "{name}: wall min {:.1} ms, median {:.1} ms; on CPU min {:.1} ms, median {:.1} ms; {runs} runs ({what})",
            ms(wall[0]),
            ms(wall[wall.len() / 2]),
            ms(cpu[0]),
            ms(cpu[cpu.len() / 2]),
        );
    };
    show(
        "plain check (check_bytes)",
        check,
        format!(
            "{} rows, {} bytes, {} rejected",
            plan.summary.rows,
            export.len(),
            plan.summary.rejected
        ),
    );
    show("snapshot from export", snapshot, format!("{users} users"));
    show(
        "ready file (write_ready)",
        ready,
        format!("{written} rows, {ready_bytes} bytes"),
    );
}
