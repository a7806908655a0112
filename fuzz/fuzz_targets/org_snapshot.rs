//! Any bytes as an org snapshot (the JSON a CSV import is checked against):
//! reading must never panic, and a snapshot that reads is usable by its
//! lookups and by a check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wholesale_core::csv_import::{check_bytes, ImportOptions, OrgSnapshot};

const CSV: &[u8] = include_bytes!("../../tests/vectors/csv/add_and_remove/input.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let org = match OrgSnapshot::from_json(text) {
        Ok(org) => org,
        Err(error) => {
            // R-CSV-21: a refusal names its place in the document.
            assert!(!error.path().is_empty(), "{error}");
            return;
        }
    };
    for user in org.known_users() {
        let _ = org.user(&user.email);
        let _ = org.is_admin(&user.email);
    }
    let _ = org.location("HQ");
    let plan = check_bytes(CSV, &ImportOptions::default().with_org(org));
    assert_eq!(plan.summary.rows, plan.rows.len());
});
