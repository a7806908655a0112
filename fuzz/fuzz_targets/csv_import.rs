//! Any bytes as a user CSV import (R-CSV-01..20), with either behavior and
//! with no snapshot, a fixed realistic snapshot or a fuzzed snapshot: the
//! check must never panic, and its plan must be self-consistent and account
//! for its lines (R-CSV-20).
//!
//! Input layout: byte 0 holds flags (bit 0: add-and-remove; bits 1-2: no
//! snapshot / the fixed one / a fuzzed one). With a fuzzed snapshot, byte 1
//! is its length in bytes (0..=255) and that many bytes follow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wholesale_core::csv_import::{
    check, check_bytes, Action, ImportBehavior, ImportOptions, OrgSnapshot,
};

const FIXED_SNAPSHOT: &str = include_str!("../../tests/vectors/csv/add_and_remove/org.json");

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let behavior = if flags & 1 == 1 {
        ImportBehavior::AddAndRemove
    } else {
        ImportBehavior::AddOnly
    };
    let snapshot = match (flags >> 1) & 3 {
        1 => Some(OrgSnapshot::from_json(FIXED_SNAPSHOT).expect("fixed snapshot")),
        2 | 3 => {
            let Some((&len, tail)) = rest.split_first() else {
                return;
            };
            let len = usize::from(len).min(tail.len());
            let (json, csv) = tail.split_at(len);
            rest = csv;
            std::str::from_utf8(json)
                .ok()
                .and_then(|j| OrgSnapshot::from_json(j).ok())
        }
        _ => None,
    };
    let options = ImportOptions::default()
        .with_behavior(behavior)
        .with_org(snapshot);
    let plan = check_bytes(rest, &options);
    // The summary counts what the plan holds.
    let s = &plan.summary;
    assert_eq!(s.rows, plan.rows.len());
    assert_eq!(
        s.add + s.modify + s.change_package + s.remove + s.no_change + s.rejected,
        plan.rows.len()
    );
    // R-CSV-20: a refused file plans nothing; otherwise outcomes come in
    // file order, after the header, without sharing a line, and one that
    // spans lines (a cell with a line break) is never accepted.
    if !plan.file_errors.is_empty() {
        assert!(plan.rows.is_empty(), "a refused file plans no row");
    }
    let mut previous_end = 1;
    for row in &plan.rows {
        assert_eq!(
            row.errors.is_empty(),
            row.action != Action::Rejected,
            "a row is rejected exactly when it has errors"
        );
        assert!(row.line > previous_end, "outcomes overlap at line {}", row.line);
        assert!(row.last_line >= row.line);
        if row.last_line > row.line {
            assert_eq!(row.action, Action::Rejected, "a multi-line record is accepted");
        }
        previous_end = row.last_line;
    }
    // The reader entry point agrees with the bytes entry point.
    let again = check(rest, &options).expect("a slice never fails to read");
    assert_eq!(again.summary, plan.summary);
    let _ = serde_json::to_string(&plan).expect("a plan serializes");
});
