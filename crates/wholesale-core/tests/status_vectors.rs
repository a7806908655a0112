//! Shared status vectors (`tests/vectors/status/*.json`), also run by the
//! Python and JavaScript bindings: each file holds the input (as-of date,
//! thresholds, customer) and the expected `{statuses, primary}`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use wholesale_core::org::Customer;
use wholesale_core::status::{customer_status, StatusThresholds};

#[derive(Deserialize)]
struct Input {
    as_of: NaiveDate,
    #[serde(default)]
    thresholds: StatusThresholds,
    customer: Customer,
}

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/status");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

#[test]
fn r_sta_shared_vectors() {
    for path in vector_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let vector: serde_json::Value = serde_json::from_str(&text).unwrap();
        let input: Input = serde_json::from_value(vector["input"].clone())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got = serde_json::to_value(customer_status(
            &input.customer,
            input.as_of,
            &input.thresholds,
        ))
        .unwrap();
        assert_eq!(got, vector["expected"], "{}", path.display());
    }
}
