//! R-REP-01..04: typed report rows, CSV round trips, formula neutralization,
//! file names and regions.

use chrono::NaiveDate;
use proptest::prelude::*;
use wholesale_core::kpi::{dashboard, KpiOptions};
use wholesale_core::report::app_versions::AppVersionRow;
use wholesale_core::report::calling_usage::CallingUsageRow;
use wholesale_core::report::devices::DeviceRow;
use wholesale_core::report::phone_numbers::{NumberStatus, PhoneNumberRow};
use wholesale_core::report::subscription_details::{to_subscriptions, SubscriptionDetailsRow};
use wholesale_core::report::{
    neutralize, read_report, region_selector, unguard, write_report, Region, ReportError,
    ReportFileName, ReportRow,
};
use wholesale_core::subscription::{ProductLine, SubscriptionKind, SubscriptionStatus};
use wholesale_core::Code;

const INJECTIONS: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tleading tab",
    "\r=1",
];

fn write<R: ReportRow>(rows: &[R]) -> String {
    let mut out = Vec::new();
    write_report(&mut out, rows).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every cell of a CSV text, header included.
fn cells(text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn assert_no_formula(text: &str) {
    for cell in cells(text) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "cell {cell:?} could start a formula"
        );
    }
}

fn device(customer: &str, phone: &str) -> DeviceRow {
    DeviceRow {
        external_id: "ext-1".into(),
        customer: customer.into(),
        customer_org_id: "5f3c1a52-8d0e-4d7e-9d59-2a1f4f0f4e11".into(),
        location_id: "loc-1".into(),
        location_name: "HQ".into(),
        product: "Cisco 8865".into(),
        mac: "00A1B2C3D4E5".into(),
        firmware: "sip88xx.14-2-1".into(),
        phone_number: phone.into(),
        extension: "1001".into(),
        user_id: "ana@acme.example".into(),
        user_uuid: "u-1".into(),
    }
}

#[test]
fn r_rep_01_formula_injection_is_neutralized_and_round_trips() {
    // R-REP-05: text cells are trimmed, so a value that starts with a tab
    // or CR is text with spaces around it, which the writer refuses rather
    // than write what would read back otherwise.
    let (spaced, formulas): (Vec<&str>, Vec<&str>) =
        INJECTIONS.iter().partition(|s| s.trim() != **s);
    assert_eq!(spaced, ["\tleading tab", "\r=1"]);
    for s in spaced {
        let err = write_report(Vec::new(), &[device(s, "x")]).unwrap_err();
        assert!(matches!(err, ReportError::Unwritable(_)), "{s:?}: {err}");
    }
    let rows: Vec<DeviceRow> = formulas.iter().map(|s| device(s, s)).collect();
    let text = write(&rows);
    assert_no_formula(&text);
    assert!(text.contains("'=HYPERLINK("));
    assert!(text.contains("'-1+1"));
    assert!(text.contains("'@SUM"));
    let back = read_report::<DeviceRow>(text.as_bytes()).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.rows, rows);
}

#[test]
fn r_rep_01_e164_keeps_its_plus_in_a_text_safe_form() {
    assert_eq!(neutralize("+14085551234"), "'+14085551234");
    let rows = vec![device("Acme", "+14085551234")];
    let text = write(&rows);
    assert!(text.contains("'+14085551234"));
    assert_no_formula(&text);
    assert_eq!(
        read_report::<DeviceRow>(text.as_bytes()).unwrap().rows,
        rows
    );
}

#[test]
fn r_rep_01_a_cell_that_already_starts_with_a_quote_survives() {
    // A genuine leading quote before a formula character gets its own guard.
    assert_eq!(neutralize("'=1"), "''=1");
    assert_eq!(unguard("''=1"), "'=1");
    // A quote before ordinary text is not a guard.
    assert_eq!(neutralize("'quoted"), "'quoted");
    assert_eq!(unguard("'quoted"), "'quoted");
    let rows = vec![device("'=1", "'quoted")];
    assert_eq!(
        read_report::<DeviceRow>(write(&rows).as_bytes())
            .unwrap()
            .rows,
        rows
    );
}

#[test]
fn r_rep_01_headers_in_any_order_case_and_spacing() {
    let csv =
        "  number of users ,APP TYPE,org id,Customer Name,Platform,Version,OS Version,Extra\n\
               12,Desktop,org-1,Acme,Windows,45.10.0,11,ignored\n";
    let table = read_report::<AppVersionRow>(csv.as_bytes()).unwrap();
    assert!(table.problems.is_empty());
    assert_eq!(
        table.rows,
        vec![AppVersionRow {
            customer_name: "Acme".into(),
            org_id: "org-1".into(),
            app_type: "Desktop".into(),
            platform: "Windows".into(),
            version: "45.10.0".into(),
            os_version: "11".into(),
            number_of_users: 12,
        }]
    );
}

#[test]
fn r_rep_01_missing_columns_are_each_reported() {
    let csv = "Customer Name,Org ID,App Type,Platform,Version\nAcme,o,Desktop,Mac,1\n";
    match read_report::<AppVersionRow>(csv.as_bytes()) {
        Err(ReportError::MissingColumns(problems)) => {
            let cols: Vec<_> = problems.iter().map(|p| p.field.clone().unwrap()).collect();
            assert_eq!(cols, ["OS Version", "Number of Users"]);
            assert!(problems
                .iter()
                .all(|p| p.code == Code::ReportColumnMissing && p.line == Some(1)));
        }
        other => panic!("expected missing columns, got {other:?}"),
    }
}

#[test]
fn r_rep_01_bad_cells_are_problems_with_line_and_column_never_dropped_silently() {
    let csv = "Customer Name,Org ID,App Type,Platform,Version,OS Version,Number of Users\n\
               Acme,o,Desktop,Mac,1,14,3\n\
               Bolt,o,Desktop,Mac,1,14,many\n\
               Cobalt,o,Desktop,Mac\n\
               Delta,o,Desktop,Mac,1,14,-2\n";
    let table = read_report::<AppVersionRow>(csv.as_bytes()).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].customer_name, "Acme");
    let found: Vec<(Option<u64>, Option<&str>, Code)> = table
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_deref(), p.code))
        .collect();
    assert_eq!(
        found,
        [
            (Some(3), Some("Number of Users"), Code::ReportCellInvalid),
            (Some(4), None, Code::ReportRowMalformed),
            (Some(5), Some("Number of Users"), Code::ReportCellInvalid),
        ]
    );
}

#[test]
fn r_rep_01_phone_number_active_is_a_status_kept_as_text() {
    // R-REP-01: the `Active` column is a status whose values the seed does not
    // list: Active/Inactive (and yes/no) are recognized, anything else kept.
    let header = PhoneNumberRow::HEADERS.join(",");
    let mut csv = format!("{header}\n");
    for active in ["YES", "no", "Active", "INACTIVE", "", "Porting"] {
        csv.push_str(&format!(
            "e,Acme,o,l,HQ,US,+14085551234,,Carrier,{active},People,Primary,ana@acme.example,u\n"
        ));
    }
    let table = read_report::<PhoneNumberRow>(csv.as_bytes()).unwrap();
    assert!(table.problems.is_empty(), "{:?}", table.problems);
    let active: Vec<Option<NumberStatus>> = table.rows.iter().map(|r| r.active.clone()).collect();
    assert_eq!(
        active,
        [
            Some(NumberStatus::Active),
            Some(NumberStatus::Inactive),
            Some(NumberStatus::Active),
            Some(NumberStatus::Inactive),
            None,
            Some(NumberStatus::Other("Porting".into())),
        ]
    );
    // Round trip: written as Active/Inactive and the E.164 number stays readable.
    let text = write(&table.rows);
    assert!(text.contains(",Active,") && text.contains(",Inactive,"));
    assert_eq!(
        read_report::<PhoneNumberRow>(text.as_bytes()).unwrap().rows,
        table.rows
    );
}

fn details_csv() -> String {
    let header = SubscriptionDetailsRow::HEADERS.join(",");
    format!(
        "{header}\n\
         2026-11-25,Acme,org-a,Active,Sub-1,Paid,40,38,yes,2027-01-31,10,4,2,20,18,15,10,4,2\n\
         2026-11-25,Bolt,org-b,Active,Sub-2,Trial,5,5,No,2026-12-05,0,0,0,5,5,1,0,0,0\n\
         2026-11-25,Cobalt,org-c,Pending Setup,Sub-3,Paid,0,0,no,,20,0,0,0,0,0,0,0,0\n"
    )
}

#[test]
fn r_rep_02_subscription_details_map_to_subscriptions_per_product_line() {
    let table = read_report::<SubscriptionDetailsRow>(details_csv().as_bytes()).unwrap();
    assert!(table.problems.is_empty(), "{:?}", table.problems);
    let calling = to_subscriptions(&table.rows, Some(ProductLine::Calling)).subscriptions;
    assert_eq!(calling.len(), 2); // Cobalt has no calling license
    let acme = &calling[0];
    // Professional 20/18/15 + Standard 10/4/2.
    assert_eq!((acme.licenses.total, acme.licenses.assigned), (30, 22));
    // R-REP-02: "Used" is used at least once, neither 7-day nor 3-month use.
    assert_eq!(acme.licenses.used_at_least_once, Some(17));
    assert_eq!(acme.licenses.used_last_3_months, None);
    assert_eq!(acme.licenses.used_last_7_days, None);
    assert!(acme.auto_renew);
    assert_eq!(acme.end_date, NaiveDate::from_ymd_opt(2027, 1, 31));
    assert_eq!(acme.start_date, None);
    assert_eq!(calling[1].kind, SubscriptionKind::Trial);
    let meetings = to_subscriptions(&table.rows, Some(ProductLine::Meetings)).subscriptions;
    assert_eq!(meetings.len(), 2);
    assert_eq!(meetings[1].status, SubscriptionStatus::PendingSetup);
}

#[test]
fn r_rep_02_kpis_from_a_report_leave_missing_data_absent() {
    let table = read_report::<SubscriptionDetailsRow>(details_csv().as_bytes()).unwrap();
    let subs = to_subscriptions(&table.rows, Some(ProductLine::Calling)).subscriptions;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let d = dashboard(&subs, ProductLine::Calling, as_of, &KpiOptions::default());
    assert_eq!(d.total_customers, 2);
    // Bolt's trial ends in 10 days; Acme renews in 67 days.
    assert_eq!(d.near_expiration.customers, 1);
    assert_eq!(d.near_renewal.customers, 1);
    assert_eq!(d.near_expiration.utilization_percent, None);
    // R-REP-02: the report's "Used" is shown under its own name.
    assert_eq!(d.near_expiration.utilization_3_months_percent, None);
    assert_eq!(d.near_expiration.used_at_least_once_percent, Some(20.0)); // 1 / 5
    assert_eq!(d.recently_added.customers, None);
    assert_eq!(d.subscriptions.near_renewal.get(0).unwrap().days_to_end, 67);
}

#[test]
fn r_rep_01_calling_usage_round_trips() {
    let header = CallingUsageRow::HEADERS.join(",");
    let mut values = vec!["Acme".to_owned(), "org-a".into(), "HQ".into()];
    values.extend((0..30).map(|i| {
        if i == 3 {
            "1234.5".to_owned()
        } else {
            i.to_string()
        }
    }));
    let csv = format!("{header}\n{}\n", values.join(","));
    let table = read_report::<CallingUsageRow>(csv.as_bytes()).unwrap();
    assert!(table.problems.is_empty(), "{:?}", table.problems);
    let row = &table.rows[0];
    assert_eq!(row.total_calls, 0);
    assert_eq!(row.call_minutes, 1234.5);
    assert_eq!(row.total_unknown_calls, 29);
    assert_eq!(
        read_report::<CallingUsageRow>(write(&table.rows).as_bytes())
            .unwrap()
            .rows,
        table.rows
    );
    assert_eq!(CallingUsageRow::HEADERS.len(), 33);
}

#[test]
fn r_rep_03_file_names_build_and_parse() {
    let name = ReportFileName {
        template: "Custom_Monthly usage".into(),
        id: "a1B2c3".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    };
    assert_eq!(name.to_string(), "Custom_Monthly usage_a1B2c3_2026-11-25");
    assert_eq!(ReportFileName::parse(&name.file_name()).unwrap(), name);
    assert_eq!(
        ReportFileName::parse("Custom_Monthly usage_a1B2c3_2026-11-25.CSV").unwrap(),
        name
    );
    for bad in [
        "nounderscore",
        "Template_2026-11-25",
        "Template_a-1_2026-11-25",
        "Template_abc_2026-13-01",
        "_abc_2026-11-25",
    ] {
        let problem = ReportFileName::parse(bad).unwrap_err();
        assert_eq!(problem.code, Code::ReportFileNameInvalid, "{bad}");
    }
}

#[test]
fn r_rep_03_invalid_file_name_message_stays_short_for_huge_input() {
    // Found by the wasm binding's hostile tests: a 2 MiB name came back as a
    // 2 MiB message.
    let huge = "x".repeat(2 * 1024 * 1024);
    let problem = ReportFileName::parse(&huge).unwrap_err();
    assert!(
        problem.message.len() < 1_000,
        "{} bytes",
        problem.message.len()
    );
    assert!(problem.message.contains("xxxx…"));
}

#[test]
fn r_rep_04_regions_and_the_selector() {
    let codes: Vec<&str> = Region::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(codes, ["US", "CA", "EU", "UAE"]);
    assert_eq!(Region::parse("uae"), Some(Region::Uae));
    assert_eq!(
        region_selector([Region::Uae, Region::Ca]),
        [Region::Ca, Region::Uae]
    );
    assert!(region_selector([Region::Us, Region::Us]).is_empty());
}

fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,12}",
        "[=+\\-@\t\r'][ -~]{0,8}",
        Just("+14085551234".to_owned()),
        "[a-z ,\"\n]{0,8}",
    ]
}

proptest! {
    #[test]
    fn r_rep_01_write_then_read_gives_back_the_same_rows(
        cells in proptest::collection::vec((text_cell(), text_cell(), text_cell(), 0u64..1_000_000), 1..8)
    ) {
        let rows: Vec<AppVersionRow> = cells
            .into_iter()
            .map(|(a, b, c, n)| AppVersionRow {
                customer_name: format!("C{a}"),
                org_id: b,
                app_type: c.clone(),
                platform: c,
                version: "45.1".into(),
                os_version: String::new(),
                number_of_users: n,
            })
            .collect();
        // R-REP-05: what is written reads back unchanged; what would not
        // (text with spaces around it, which the reader trims) is refused.
        let mut out = Vec::new();
        match write_report(&mut out, &rows) {
            Ok(()) => {
                let text = String::from_utf8(out).unwrap();
                assert_no_formula(&text);
                let back = read_report::<AppVersionRow>(text.as_bytes()).unwrap();
                prop_assert!(back.problems.is_empty());
                prop_assert_eq!(back.rows, rows);
            }
            Err(ReportError::Unwritable(problem)) => {
                let untrimmed = rows.iter().any(|r| {
                    [&r.customer_name, &r.org_id, &r.app_type]
                        .iter()
                        .any(|c| c.trim() != c.as_str())
                });
                prop_assert!(untrimmed, "{:?}", problem);
            }
            Err(other) => prop_assert!(false, "{}", other),
        }
    }
}
