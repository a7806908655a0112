//! Any bytes as a queued-call CSV (R-CQ-07): reading must never panic and the
//! queue KPIs of what was read must build.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use wholesale_core::quality::{queue_kpis, read_queued_calls};

fuzz_target!(|data: &[u8]| {
    let Ok(read) = read_queued_calls(data) else {
        return;
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let report = queue_kpis(&read.calls, as_of);
    let _ = serde_json::to_string(&report).expect("a report serializes");
});
