//! Any bytes as a call-leg CSV (R-CQ-01..06): reading must never panic, the
//! scalar and columnar classifiers must agree on every leg read, and the
//! weekly report must build.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use wholesale_core::quality::{
    classify, classify_columns_to_vec, read_legs, LegColumnBuffers, QualityPolicy,
};

fuzz_target!(|data: &[u8]| {
    let Ok(read) = read_legs(data) else {
        return;
    };
    let policy = QualityPolicy::default();
    let buffers = LegColumnBuffers::from_legs(&read.legs);
    let columnar = classify_columns_to_vec(&buffers.as_columns(), &policy).expect("equal lengths");
    assert_eq!(columnar.len(), read.legs.len());
    for (leg, class) in read.legs.iter().zip(&columnar) {
        assert_eq!(classify(leg, &policy).verdict.code(), *class, "{leg:?}");
    }
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let report = read.report(as_of, &policy);
    let _ = serde_json::to_string(&report).expect("a report serializes");
});
