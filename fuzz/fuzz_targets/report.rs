//! Any bytes as each Partner Hub report (R-REP-01..03). Byte 0 picks the
//! reader (subscription details, calling usage, devices, phone numbers, app
//! versions); the rest is the CSV. Reading must never panic; a table's rows
//! must survive a write and a second read unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wholesale_core::report::{
    app_versions::AppVersionRow, calling_usage::CallingUsageRow, devices::DeviceRow,
    phone_numbers::PhoneNumberRow, read_report, subscription_details::SubscriptionDetailsRow,
    write_report, ReportRow,
};

fn round_trip<R: ReportRow + PartialEq + std::fmt::Debug>(csv: &[u8]) {
    let Ok(table) = read_report::<R>(csv) else {
        return;
    };
    let mut out = Vec::new();
    write_report(&mut out, &table.rows).expect("writing to a Vec");
    let again = read_report::<R>(out.as_slice()).expect("a written report reads");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.rows, table.rows);
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, csv)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => round_trip::<SubscriptionDetailsRow>(csv),
        1 => round_trip::<CallingUsageRow>(csv),
        2 => round_trip::<DeviceRow>(csv),
        3 => round_trip::<PhoneNumberRow>(csv),
        _ => round_trip::<AppVersionRow>(csv),
    }
});
