//! The sample reports in `samples/reports/` are named per R-REP-03 and read
//! without a problem (R-REP-01), and write back to the same rows.

use std::path::Path;

use wholesale_core::report::app_versions::AppVersionRow;
use wholesale_core::report::calling_usage::CallingUsageRow;
use wholesale_core::report::devices::DeviceRow;
use wholesale_core::report::phone_numbers::PhoneNumberRow;
use wholesale_core::report::subscription_details::SubscriptionDetailsRow;
use wholesale_core::report::{read_report, write_report, ReportFileName, ReportRow};

fn check<R: ReportRow + PartialEq + std::fmt::Debug>(bytes: &[u8]) -> usize {
    let table = read_report::<R>(bytes).unwrap();
    assert!(table.problems.is_empty(), "{:?}", table.problems);
    let mut out = Vec::new();
    write_report(&mut out, &table.rows).unwrap();
    assert_eq!(read_report::<R>(out.as_slice()).unwrap().rows, table.rows);
    table.rows.len()
}

#[test]
fn r_rep_01_03_sample_reports_read_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/reports");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = ReportFileName::parse(path.file_name().unwrap().to_str().unwrap()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let rows = match name.template.as_str() {
            "Calling Usage Details" => check::<CallingUsageRow>(&bytes),
            "Devices" => check::<DeviceRow>(&bytes),
            "Phone Numbers" => check::<PhoneNumberRow>(&bytes),
            "Webex App Versions" => check::<AppVersionRow>(&bytes),
            "Subscription Details" => check::<SubscriptionDetailsRow>(&bytes),
            other => panic!("unexpected sample {other}"),
        };
        assert!(rows > 0);
        seen.push(name.template);
    }
    seen.sort();
    assert_eq!(seen.len(), 5);
}
