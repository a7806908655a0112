//! Release-mode timing of the columnar classifier (R-CQ-01), against a plain
//! sum over the same input bytes in the same run as the memory-bandwidth
//! baseline.
//!
//! ```text
//! cargo run --release -p wholesale-benches --bin quality_bench [LEGS]
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use wholesale_benches::leg_columns as columns;
use wholesale_core::quality::{classify_columns, LegColumnBuffers, QualityPolicy};

/// The baseline: a plain sum over every input byte (f64 columns summed as
/// their bit patterns, so the sum vectorizes like the classifier can).
fn sum_bytes(b: &LegColumnBuffers) -> u64 {
    let mut total = 0u64;
    for col in [
        &b.audio_jitter_ms,
        &b.audio_latency_ms,
        &b.audio_loss_pct,
        &b.video_jitter_ms,
        &b.video_latency_ms,
        &b.video_loss_pct,
    ] {
        total = col
            .iter()
            .fold(total, |acc, v| acc.wrapping_add(v.to_bits()));
    }
    for col in [&b.endpoint_type, &b.ip_version] {
        total = col
            .iter()
            .fold(total, |acc, &v| acc.wrapping_add(u64::from(v)));
    }
    total
}

/// The same sum, reading the eight columns side by side as the classifier
/// does (several streams at once usually get more bandwidth than one).
fn sum_bytes_side_by_side(b: &LegColumnBuffers) -> u64 {
    let n = b.endpoint_type.len();
    let (aj, al, ap) = (
        &b.audio_jitter_ms[..n],
        &b.audio_latency_ms[..n],
        &b.audio_loss_pct[..n],
    );
    let (vj, vl, vp) = (
        &b.video_jitter_ms[..n],
        &b.video_latency_ms[..n],
        &b.video_loss_pct[..n],
    );
    let (ep, ip) = (&b.endpoint_type[..n], &b.ip_version[..n]);
    let mut total = 0u64;
    for i in 0..n {
        total = total
            .wrapping_add(aj[i].to_bits())
            .wrapping_add(al[i].to_bits())
            .wrapping_add(ap[i].to_bits())
            .wrapping_add(vj[i].to_bits())
            .wrapping_add(vl[i].to_bits())
            .wrapping_add(vp[i].to_bits())
            .wrapping_add(u64::from(ep[i]))
            .wrapping_add(u64::from(ip[i]));
    }
    total
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let b = columns(n);
    let cols = b.as_columns();
    let policy = QualityPolicy::default();
    let mut out = vec![0u8; n];
    let input_bytes = n * (6 * 8 + 2);

    // Interleave the three measurements so that noise from other processes
    // hits them alike; keep each one's best of 9.
    let (mut classify, mut sum_columns, mut sum_side) =
        (Duration::MAX, Duration::MAX, Duration::MAX);
    let (mut checksum, mut checksum2) = (0, 0);
    for _ in 0..9 {
        classify = classify.min(time(|| {
            classify_columns(black_box(&cols), black_box(&policy), black_box(&mut out))
                .expect("equal lengths");
        }));
        sum_columns = sum_columns.min(time(|| checksum = sum_bytes(black_box(&b))));
        sum_side = sum_side.min(time(|| checksum2 = sum_bytes_side_by_side(black_box(&b))));
    }
    assert_eq!(checksum, checksum2, "both sums read the same bytes");
    // The baseline is the faster sum: the bandwidth this run could reach.
    let sum = sum_columns.min(sum_side);
    let poor = out.iter().filter(|&&v| v == 2).count();

    let secs = |d: Duration| d.as_secs_f64().max(1e-9);
    let gbps = |bytes: usize, d: Duration| bytes as f64 / secs(d) / 1e9;
    println!(
        "legs:                 {n} ({} MB of input columns)",
        input_bytes / 1_000_000
    );
    println!("poor legs:            {poor} (checksum {checksum:x})");
    println!(
        "classify_columns:     {:>8.2} ms  {:>7.1} M legs/s  {:>6.2} GB/s read",
        secs(classify) * 1e3,
        n as f64 / secs(classify) / 1e6,
        gbps(input_bytes, classify)
    );
    for (label, d) in [
        ("sum, column by column", sum_columns),
        ("sum, side by side", sum_side),
    ] {
        println!(
            "{label:<22}{:>8.2} ms  {:>7.1} M legs/s  {:>6.2} GB/s read",
            secs(d) * 1e3,
            n as f64 / secs(d) / 1e6,
            gbps(input_bytes, d)
        );
    }
    println!(
        "classifier speed / bandwidth baseline (faster sum): {:.2}",
        secs(sum) / secs(classify)
    );
}
