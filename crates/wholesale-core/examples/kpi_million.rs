//! Times `kpi::dashboard` over 1,000,000 generated subscriptions (200,000
//! customers, calling and meetings). Run in release mode:
//!
//! ```text
//! cargo run --release -p wholesale-core --example kpi_million
//! ```

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use wholesale_core::kpi::{dashboard, KpiOptions};
use wholesale_core::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// This thread's on-CPU time in nanoseconds (Linux `schedstat`), so a run on
/// a loaded machine can tell its own work from time spent waiting for a core.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let subs: Vec<Subscription> = (0..count)
        .map(|i| {
            let total = rng.next(500);
            let assigned = rng.next(total + total / 5 + 1);
            let used = rng.next(assigned + 1);
            Subscription {
                id: format!("Sub-{i}"),
                customer_id: format!("org-{}", i / 5),
                customer_name: format!("Customer {}", i / 5),
                kind: if rng.next(10) == 0 {
                    SubscriptionKind::Trial
                } else {
                    SubscriptionKind::Subscription
                },
                product: if rng.next(3) == 0 {
                    ProductLine::Meetings
                } else {
                    ProductLine::Calling
                },
                status: SubscriptionStatus::Active,
                start_date: Some(as_of - Duration::days(rng.next(1000) as i64)),
                end_date: Some(as_of + Duration::days(rng.next(800) as i64 - 30)),
                auto_renew: rng.next(2) == 0,
                licenses: LicenseCounts {
                    total,
                    assigned,
                    used_last_7_days: Some(used),
                    used_last_3_months: Some(used),
                    last_week_assigned: Some(assigned.saturating_sub(rng.next(3))),
                    last_week_used: Some(used.saturating_sub(rng.next(3))),
                },
            }
        })
        .collect();
    let options = KpiOptions::default();
    // One warm-up run, then the best of five.
    let _ = dashboard(&subs, ProductLine::Calling, as_of, &options);
    let mut best = f64::MAX;
    let mut best_cpu = u64::MAX;
    let mut last = None;
    for _ in 0..5 {
        let cpu = cpu_ns();
        let start = Instant::now();
        let d = dashboard(&subs, ProductLine::Calling, as_of, &options);
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, cpu_ns()) {
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
        "{count} subscriptions, {} calling customers: dashboard in {:.1} ms wall{cpu} (best of 5)",
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
