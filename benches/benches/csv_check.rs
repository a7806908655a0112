//! R-CSV: `check_bytes` on a 20,000-row user CSV against a 5,000-user
//! snapshot, and the bare `csv::ByteRecord` pass over the same bytes.
#![allow(missing_docs)] // criterion_group! declares an undocumented function

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use wholesale_core::csv_import::{check_bytes, MAX_DATA_ROWS};

fn bench(c: &mut Criterion) {
    let bytes = wholesale_benches::user_csv(MAX_DATA_ROWS);
    let options = wholesale_benches::import_options(MAX_DATA_ROWS);
    let mut group = c.benchmark_group("csv_check_20k");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("check_bytes", |b| {
        b.iter(|| check_bytes(black_box(&bytes), &options))
    });
    group.bench_function("bare_byte_record_pass", |b| {
        b.iter(|| wholesale_benches::bare_parse(black_box(&bytes)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
