//! Times `kpi::dashboard` over 1,000,000 generated subscriptions (200,000
//! customers, calling and meetings).
//!
//! ```text
//! cargo run --release -p wholesale-benches --bin kpi_million [COUNT]   # RUNS=20 for more runs
//! ```

use std::time::Instant;

use wholesale_benches::{as_of, subscriptions, thread_cpu_ns};
use wholesale_core::kpi::{dashboard, KpiOptions};
use wholesale_core::subscription::ProductLine;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let subs = subscriptions(count);
    let options = KpiOptions::default();
    let as_of = as_of();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    // One warm-up run, then the best of `runs`.
    let _ = dashboard(&subs, ProductLine::Calling, as_of, &options);
    let mut best = f64::MAX;
    let mut best_cpu = u64::MAX;
    let mut last = None;
    for _ in 0..runs.max(1) {
        let cpu = thread_cpu_ns();
        let start = Instant::now();
        let d = dashboard(&subs, ProductLine::Calling, as_of, &options);
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_ns()) {
            best_cpu = best_cpu.min(b.saturating_sub(a));
        }
        last = Some(d);
    }
    let d = last.expect("ran");
    let cpu = if best_cpu == u64::MAX {
        String::new()
    } else {
        format!(", {:.1} ms on CPU", best_cpu as f64 / 1e6)
    };
    println!(
        "{count} subscriptions, {} calling customers: dashboard in {:.1} ms wall{cpu} (best of {runs})",
        d.total_customers,
        best * 1000.0
    );
    println!(
        "near expiration {}, near renewal {}, low assignment {}, overage {}, recently added {:?}",
        d.near_expiration.customers,
        d.near_renewal.customers,
        d.low_assignment.customers,
        d.overage.customers,
        d.recently_added.customers
    );
}
