//! R-KPI: `kpi::dashboard` over 1,000,000 subscriptions (200,000 customers).
#![allow(missing_docs)] // criterion_group! declares an undocumented function

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use wholesale_core::kpi::{dashboard, KpiOptions};
use wholesale_core::subscription::ProductLine;

fn bench(c: &mut Criterion) {
    let subs = wholesale_benches::subscriptions(1_000_000);
    let options = KpiOptions::default();
    let as_of = wholesale_benches::as_of();
    let mut group = c.benchmark_group("kpi_dashboard_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(subs.len() as u64));
    group.bench_function("dashboard_calling", |b| {
        b.iter(|| dashboard(black_box(&subs), ProductLine::Calling, as_of, &options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
