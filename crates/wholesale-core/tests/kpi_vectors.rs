//! Shared KPI vectors (`tests/vectors/kpi/*.json`), also run by the Python and
//! JavaScript bindings: each file holds the input (product, as-of date,
//! options, subscriptions) and the full expected dashboard JSON, or, for
//! the license trend (R-KPI-13), the input (product, dated `inputs`) and the
//! expected trend JSON.
//!
//! Expected results are reviewed by hand; `UPDATE_VECTORS=1` rewrites them
//! from the implementation, for a new vector only.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use wholesale_core::kpi::{dashboard, license_trend, DatedSubscriptions, KpiOptions};
use wholesale_core::subscription::{ProductLine, Subscription};

/// A dashboard vector's input, or a trend vector's (R-KPI-13).
#[derive(Deserialize)]
#[serde(untagged)]
enum Input {
    Trend {
        product: ProductLine,
        inputs: Vec<DatedSubscriptions>,
    },
    Dashboard {
        product: ProductLine,
        as_of: NaiveDate,
        #[serde(default)]
        options: KpiOptions,
        subscriptions: Vec<Subscription>,
    },
}

fn vector_files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors in {}", dir.display());
    files
}

#[test]
fn r_kpi_shared_vectors() {
    for path in vector_files("kpi") {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut vector: serde_json::Value = serde_json::from_str(&text).unwrap();
        let input: Input = serde_json::from_value(vector["input"].clone())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got = match &input {
            Input::Trend { product, inputs } => {
                serde_json::to_value(license_trend(inputs, *product)).unwrap()
            }
            Input::Dashboard {
                product,
                as_of,
                options,
                subscriptions,
            } => serde_json::to_value(dashboard(subscriptions, *product, *as_of, options)).unwrap(),
        };
        if std::env::var_os("UPDATE_VECTORS").is_some() {
            vector["expected"] = got;
            std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
            continue;
        }
        assert_eq!(got, vector["expected"], "{}", path.display());
    }
}
