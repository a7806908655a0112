//! Native counterpart of `bench/contact.mjs`: the same 20,000 rows of contact
//! checks, collected into findings. `cargo run --release --example bench_contact`.

use std::time::Instant;

use wholesale_core::contact::{check_email, check_extension, check_phone_number};
use wholesale_core_wasm::problem::collect;

fn rows(n: usize) -> Vec<[String; 3]> {
    (0..n)
        .map(|i| {
            [
                if i % 10 == 3 {
                    format!("user{i}@")
                } else {
                    format!("user{i}@acme.example")
                },
                if i % 10 == 5 {
                    format!("4085{i:06}")
                } else {
                    format!("+1408{i:07}")
                },
                if i % 10 == 7 {
                    "1".to_owned()
                } else {
                    (1000 + i % 9000).to_string()
                },
            ]
        })
        .collect()
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let data = rows(n);
    let mut best = f64::INFINITY;
    let mut counts = String::new();
    for _ in 0..7 {
        let t0 = Instant::now();
        let mut problems = Vec::with_capacity(n * 3);
        for [email, phone, ext] in &data {
            problems.push(check_email("email", email));
            problems.push(check_phone_number("phone_number", phone));
            problems.push(check_extension("extension", ext));
        }
        let found = collect(problems);
        // The wasm side also converts the result to JS objects; serialize here too.
        let json = serde_json::to_string(&found).expect("findings serialize");
        best = best.min(t0.elapsed().as_secs_f64() * 1e3);
        counts = format!(
            "{} errors, {} warnings, {} bytes of JSON",
            found.errors.len(),
            found.warnings.len(),
            json.len()
        );
    }
    println!("native: {n} rows, best of 7: {best:.1} ms ({counts})");
}
