//! R-CQ-01/02: classification of 10,000,000 call legs, scalar
//! (`classify` per typed leg) and columnar (`classify_columns`).
#![allow(missing_docs)] // criterion_group! declares an undocumented function

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use wholesale_core::quality::{classify, classify_columns, QualityPolicy, Verdict};

const LEGS: usize = 10_000_000;

fn bench(c: &mut Criterion) {
    let columns = wholesale_benches::leg_columns(LEGS);
    let legs = wholesale_benches::legs_of(&columns);
    let policy = QualityPolicy::default();
    let mut out = vec![0u8; LEGS];
    let mut group = c.benchmark_group("classify_10m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LEGS as u64));
    group.bench_function("columnar", |b| {
        b.iter(|| classify_columns(black_box(&columns.as_columns()), &policy, &mut out))
    });
    group.bench_function("scalar", |b| {
        b.iter(|| {
            legs.iter()
                .filter(|leg| classify(black_box(leg), &policy).verdict == Verdict::Poor)
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
