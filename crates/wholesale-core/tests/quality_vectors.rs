//! Runs every call-quality vector in `tests/vectors/quality` (R-CQ-01..03):
//! each CSV's report must equal the hand-computed JSON beside it.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;
use wholesale_core::quality::{read_legs, QualityPolicy};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/quality")
}

#[test]
fn r_cq_03_every_vector_matches_its_expected_report() {
    let mut cases = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    entries.sort();
    for csv_path in entries {
        let case: Value =
            serde_json::from_slice(&std::fs::read(csv_path.with_extension("json")).unwrap())
                .unwrap();
        let as_of: NaiveDate = case["as_of"].as_str().unwrap().parse().unwrap();
        let policy: QualityPolicy = match case.get("policy") {
            Some(p) => serde_json::from_value(p.clone()).unwrap(),
            None => QualityPolicy::default(),
        };
        let read = read_legs(std::fs::File::open(&csv_path).unwrap()).unwrap();
        let mut actual = serde_json::to_value(read.report(as_of, &policy)).unwrap();
        for row in actual["rejected_rows"].as_array_mut().unwrap() {
            for p in row["problems"].as_array_mut().unwrap() {
                p.as_object_mut().unwrap().remove("message");
            }
        }
        assert_eq!(actual, case["expected"], "{}", csv_path.display());
        cases += 1;
    }
    assert!(cases >= 2, "expected the shipped vectors, found {cases}");
}
