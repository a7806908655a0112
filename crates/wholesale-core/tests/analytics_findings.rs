//! The findings of issue 15 (a rule-by-rule reading of seed 004), one test
//! each, named by the rule it checks.

use chrono::{Duration, NaiveDate};
use wholesale_core::api::ResourceId;
use wholesale_core::kpi::{dashboard, headline, license_trend, DatedSubscriptions, KpiOptions};
use wholesale_core::package::Package;
use wholesale_core::provisioning::check_customer_packages;
use wholesale_core::quality::{
    classify_columns_to_vec, read_legs, LegColumns, QualityPolicy, LEG_COLUMNS,
};
use wholesale_core::report::calling_usage::CallingUsageRow;
use wholesale_core::report::subscription_details::{
    subscriptions_of_table, SubscriptionDetailsRow,
};
use wholesale_core::report::{read_report, write_report, ReportError, ReportFileName, ReportRow};
use wholesale_core::subscription::{
    account, LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};
use wholesale_core::Code;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn sub(
    id: &str,
    customer: &str,
    product: ProductLine,
    days: i64,
    total: u64,
    assigned: u64,
) -> Subscription {
    Subscription {
        id: id.into(),
        customer_id: customer.into(),
        customer_name: customer.into(),
        kind: SubscriptionKind::Subscription,
        product,
        status: SubscriptionStatus::Active,
        start_date: None,
        end_date: Some(as_of() + Duration::days(days)),
        auto_renew: false,
        licenses: LicenseCounts {
            total,
            assigned,
            ..Default::default()
        },
    }
}

fn details(rows: &[&str], line_end: &str) -> String {
    let mut csv = SubscriptionDetailsRow::HEADERS.join(",");
    csv.push_str(line_end);
    for row in rows {
        csv.push_str(row);
        csv.push_str(line_end);
    }
    csv
}

const ACME: &str =
    "2026-11-25,Acme,org-a,Active,Sub-1,Paid,40,38,yes,2027-01-31,10,4,2,20,18,15,10,4,2";
const BOLT: &str = "2026-11-25,Bolt,org-b,Active,Sub-2,Paid,5,5,no,2026-12-05,0,0,0,5,6,1,0,0,0";

#[test]
fn r_kpi_01_05_headline_counts_each_customer_once_across_product_lines() {
    use ProductLine::*;
    let subs = [
        // acme: calling and meetings, both ending soon, both over the limit.
        sub("S1", "acme", Calling, 10, 10, 12),
        sub("S2", "acme", Meetings, 20, 10, 11),
        // bolt: meetings only, ending soon.
        sub("S3", "bolt", Meetings, 30, 10, 10),
        // cobalt: messaging only: no KPI.
        sub("S4", "cobalt", Messaging, 30, 10, 12),
    ];
    let h = headline(&subs, as_of(), &KpiOptions::default());
    assert_eq!(h.total_customers.customers, 2);
    assert_eq!(h.near_expiration.customers, 2);
    assert_eq!(h.overage.customers, 1);
    let d = dashboard(&subs, Calling, as_of(), &KpiOptions::default());
    assert_eq!(d.headline, h);
    // The per-product section still counts calling customers only.
    assert_eq!(d.total_customers, 1);
    let json = serde_json::to_value(&d).unwrap();
    for key in [
        "total_customers",
        "near_expiration",
        "near_renewal",
        "low_assignment",
        "overage",
    ] {
        assert!(json["headline"][key]["customers"].is_u64(), "{key}");
    }
}

#[test]
fn r_kpi_04_headline_low_assignment_uses_each_product_lines_threshold() {
    use ProductLine::*;
    // Calling ratios 0.1, 0.5, 0.9; meetings ratios 0.6, 0.7, 0.8: the 25th
    // percentile differs per line (0.3 and 0.65).
    let subs = [
        sub("C1", "a", Calling, 400, 10, 1),
        sub("C2", "b", Calling, 400, 10, 5),
        sub("C3", "c", Calling, 400, 10, 9),
        sub("M1", "d", Meetings, 400, 10, 6),
        sub("M2", "e", Meetings, 400, 10, 7),
        sub("M3", "f", Meetings, 400, 10, 8),
    ];
    let h = headline(&subs, as_of(), &KpiOptions::default());
    // a (0.1 < 0.3) and d (0.6 < 0.65); one pooled threshold would pick a and b.
    assert_eq!(h.low_assignment.customers, 2);
}

#[test]
fn r_kpi_13_trend_is_weekly_and_absent_weeks_stay_absent() {
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let mut s = sub("S1", "acme", ProductLine::Calling, 400, 10, 4);
    s.licenses.used_at_least_once = Some(3);
    let mut later = s.clone();
    later.licenses.assigned = 6;
    let mut same_week = s.clone();
    same_week.licenses.assigned = 5;
    let inputs = [
        DatedSubscriptions {
            as_of: day(30),
            subscriptions: vec![later],
        },
        DatedSubscriptions {
            as_of: day(16),
            subscriptions: vec![s],
        },
        DatedSubscriptions {
            as_of: day(17),
            subscriptions: vec![same_week],
        },
    ];
    let trend = license_trend(&inputs, ProductLine::Calling);
    let weeks: Vec<(NaiveDate, u64)> = trend
        .weeks
        .iter()
        .map(|w| (w.week_start, w.assigned_licenses))
        .collect();
    // Nov 16 and 17 share the week from Nov 8 (the later day counts); the
    // week from Nov 15 has no input and is absent.
    assert_eq!(weeks, [(day(8), 5), (day(22), 6)]);
    assert_eq!(trend.weeks[0].used_at_least_once_licenses, Some(3));
    assert_eq!(trend.weeks[0].used_last_7_days_licenses, None);
    assert_eq!(trend.problems.len(), 1);
    assert_eq!(trend.problems[0].code, Code::TrendWeekRepeated);
}

#[test]
fn r_rep_02_used_is_used_at_least_once_and_available_is_the_total() {
    let table = read_report::<SubscriptionDetailsRow>(details(&[ACME], "\n").as_bytes()).unwrap();
    let read = subscriptions_of_table(&table, Some(ProductLine::Calling));
    let d = dashboard(
        &read.subscriptions,
        ProductLine::Calling,
        as_of(),
        &KpiOptions::default(),
    );
    let row = d.subscriptions.near_renewal.get(0).unwrap();
    assert_eq!(row.total, 30); // "Available" is the total
    assert_eq!(row.used_at_least_once, Some(17));
    assert_eq!(row.used_last_3_months, None);
    assert_eq!(row.utilization_3_months_percent, None);
    assert_eq!(d.near_renewal.used_at_least_once_licenses, Some(17));
}

#[test]
fn r_rep_05_a_duplicated_subscription_id_is_counted_once_with_a_warning() {
    let table =
        read_report::<SubscriptionDetailsRow>(details(&[ACME, ACME], "\n").as_bytes()).unwrap();
    let read = subscriptions_of_table(&table, Some(ProductLine::Calling));
    assert_eq!(read.subscriptions.len(), 1);
    assert_eq!(read.subscriptions[0].licenses.total, 30);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].code, Code::SubscriptionDuplicate);
    assert_eq!(read.problems[0].line, Some(3));
}

#[test]
fn r_rep_05_acme_and_acme_space_are_one_customer_and_it_is_said() {
    let bolt_as_acme = BOLT.replace("org-b", " org-a ");
    let table =
        read_report::<SubscriptionDetailsRow>(details(&[ACME, &bolt_as_acme], "\n").as_bytes())
            .unwrap();
    let read = subscriptions_of_table(&table, None);
    let d = dashboard(
        &read.subscriptions,
        ProductLine::Calling,
        as_of(),
        &KpiOptions::default(),
    );
    assert_eq!(d.total_customers, 1);
    assert!(read
        .problems
        .iter()
        .any(|p| p.code == Code::ReportCellTrimmed
            && p.field.as_deref() == Some("Customer Org ID")
            && p.line == Some(3)));
    // The same for a JSON list of subscriptions.
    let subs = vec![
        sub("S1", "acme", ProductLine::Calling, 10, 10, 5),
        sub("S2", "acme ", ProductLine::Calling, 10, 10, 5),
        sub("S1", "acme", ProductLine::Calling, 10, 10, 5),
    ];
    let read = account(subs);
    let d = dashboard(
        &read.subscriptions,
        ProductLine::Calling,
        as_of(),
        &KpiOptions::default(),
    );
    assert_eq!(d.total_customers, 1);
    assert_eq!(d.near_expiration.total_licenses, 20);
    let codes: Vec<Code> = read.problems.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [Code::SubscriptionIdTrimmed, Code::SubscriptionDuplicate]
    );
}

#[test]
fn r_rep_05_sums_never_saturate_silently() {
    let huge = ACME.replace(",20,18,15,10,4,2", &format!(",{},1,1,{},1,1", u64::MAX, 1));
    let table =
        read_report::<SubscriptionDetailsRow>(details(&[&huge, BOLT], "\n").as_bytes()).unwrap();
    let read = subscriptions_of_table(&table, Some(ProductLine::Calling));
    assert_eq!(
        read.subscriptions.len(),
        1,
        "the overflowing row is not counted"
    );
    let overflow = read
        .problems
        .iter()
        .find(|p| p.code == Code::ReportSumOverflow)
        .unwrap();
    assert_eq!(overflow.line, Some(2));
    // Two subscriptions whose sum overflows: the dashboard says so.
    let subs = [
        sub("S1", "a", ProductLine::Calling, 10, u64::MAX, 1),
        sub("S2", "b", ProductLine::Calling, 10, 2, 1),
    ];
    let d = dashboard(&subs, ProductLine::Calling, as_of(), &KpiOptions::default());
    assert!(d
        .problems
        .iter()
        .any(|p| p.code == Code::KpiSumOverflow && p.field.as_deref() == Some("near_expiration")));
}

#[test]
fn r_rep_05_report_lines_are_physical_on_crlf_and_after_blank_lines() {
    let bad = BOLT.replace(",5,6,1,", ",x,6,1,");
    for end in ["\n", "\r\n", "\r"] {
        let csv = details(&[ACME, "", "", &bad], end);
        let table = read_report::<SubscriptionDetailsRow>(csv.as_bytes()).unwrap();
        assert_eq!(table.problems.len(), 1, "{end:?}: {:?}", table.problems);
        assert_eq!(table.problems[0].line, Some(5), "{end:?}");
    }
}

#[test]
fn r_rep_05_call_leg_lines_are_physical_and_leg_ids_count_once() {
    let header = LEG_COLUMNS.join(",");
    let good = "acme,L1,2026-11-18T09:30:00Z,webex_app,4,12,80,0.1,,,";
    let bad = "acme,L2,2026-11-18T09:30:00Z,webex_app,4,-3,80,0.1,,,";
    for end in ["\n", "\r\n", "\r"] {
        let csv = [header.as_str(), good, "", bad, good].join(end) + end;
        let read = read_legs(csv.as_bytes()).unwrap();
        assert_eq!(read.legs.len(), 1, "{end:?}");
        let lines: Vec<(u64, Code)> = read
            .rejected
            .iter()
            .map(|r| (r.line, r.problems[0].code))
            .collect();
        assert_eq!(
            lines,
            [(4, Code::LegMetricInvalid), (5, Code::LegIdDuplicate)],
            "{end:?}"
        );
    }
}

#[test]
fn r_rep_05_readers_stop_at_their_bound() {
    let endless = std::io::repeat(b'a');
    let err = read_report::<SubscriptionDetailsRow>(endless).unwrap_err();
    assert!(matches!(err, ReportError::TooLarge(_)), "{err}");
    assert_eq!(err.code(), Code::ReportTooLarge);
    let err = read_legs(std::io::repeat(b'a')).unwrap_err();
    assert_eq!(err.code(), Code::CallDataTooLarge);
}

#[test]
fn r_rep_05_writers_refuse_what_their_readers_refuse() {
    let header = CallingUsageRow::HEADERS.join(",");
    let mut values = vec!["Acme".to_owned(), "org-a".into(), "HQ".into()];
    values.extend((0..30).map(|i| i.to_string()));
    let csv = format!("{header}\n{}\n", values.join(","));
    let row = read_report::<CallingUsageRow>(csv.as_bytes())
        .unwrap()
        .rows
        .remove(0);
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        let mut r = row.clone();
        r.call_minutes = bad;
        let err = write_report(Vec::new(), &[r]).unwrap_err();
        let problem = match &err {
            ReportError::Unwritable(p) => p.clone(),
            other => panic!("{other}"),
        };
        assert_eq!(problem.code, Code::ReportCellUnwritable);
        assert_eq!(problem.field.as_deref(), Some("Call Minutes"));
        assert_eq!(problem.line, Some(2));
    }
    let mut r = row.clone();
    r.customer_name = "acme ".into();
    assert!(write_report(Vec::new(), &[r]).is_err());
    // File names and resource IDs.
    assert!(ReportFileName::new("Default", "a_b", as_of()).is_err());
    assert!(ReportFileName::new("reports/x", "ab1", as_of()).is_err());
    assert!(ReportFileName::parse("reports/x_ab1_2026-11-25.csv").is_err());
    let name = ReportFileName::new("Default_Template", "ab1", as_of()).unwrap();
    assert_eq!(ReportFileName::parse(&name.file_name()).unwrap(), name);
    let uuid = uuid::Uuid::nil();
    assert!(ResourceId::new("us", "PEOPLE/X", uuid)
        .try_encode()
        .is_err());
    assert!(ResourceId::new("us/eu", "PEOPLE", uuid)
        .try_encode()
        .is_err());
    let id = ResourceId::new("us", "PEOPLE", uuid);
    assert_eq!(ResourceId::decode(&id.try_encode().unwrap()).unwrap(), id);
}

#[test]
fn r_cq_01_columns_refuse_the_jitter_the_leg_path_refuses() {
    let nan = f64::NAN;
    for bad in [-1.0, f64::NEG_INFINITY, f64::INFINITY] {
        let cols = LegColumns {
            audio_jitter_ms: &[10.0, bad],
            audio_latency_ms: &[10.0, 10.0],
            audio_loss_pct: &[0.0, 0.0],
            video_jitter_ms: &[nan, nan],
            video_latency_ms: &[nan, nan],
            video_loss_pct: &[nan, nan],
            endpoint_type: &[0, 0],
            ip_version: &[4, 4],
        };
        let err = classify_columns_to_vec(&cols, &QualityPolicy::default()).unwrap_err();
        assert_eq!(err.code(), Code::LegMetricInvalid, "{bad}");
        assert!(err.to_string().contains("audio_jitter_ms[1]"), "{err}");
    }
}

#[test]
fn r_cus_01_a_package_plus_add_ons_is_one_package() {
    let packages = [
        Package::WebexCalling,
        Package::CiscoCallingPlan,
        Package::AttendantConsole,
    ];
    let findings = check_customer_packages(&packages, "packages");
    assert!(findings.is_valid(), "{:?}", findings.errors);
    let two = check_customer_packages(&[Package::WebexCalling, Package::WebexMeetings], "packages");
    assert!(two.has(Code::CustomerPackageCount));
}

#[test]
fn r_cus_06_an_add_on_needs_its_base_package() {
    let findings = check_customer_packages(
        &[Package::WebexMeetings, Package::AttendantConsole],
        "packages",
    );
    assert!(findings.has(Code::PackageDependencyMissing));
    let message = &findings
        .errors
        .iter()
        .find(|p| p.code == Code::PackageDependencyMissing)
        .unwrap()
        .message;
    assert!(
        message.contains("attendant_console") && message.contains("cx_essentials"),
        "{message}"
    );
    let ok = check_customer_packages(
        &[Package::CommonAreaCalling, Package::CiscoCallingPlan],
        "packages",
    );
    assert!(!ok.has(Code::PackageDependencyMissing));
    assert!(check_customer_packages(
        &[Package::WebexMeetings, Package::CiscoCallingPlan],
        "packages"
    )
    .has(Code::PackageDependencyMissing));
}

#[test]
fn r_kpi_01_r_cus_05_misspelled_keys_are_refused_not_read_as_defaults() {
    use wholesale_core::org::Customer;
    use wholesale_core::subscription::Subscription;
    // `autoRenew` read as absent would make a renewing subscription expiring;
    // `fullAdmin` would switch the admin's R-CUS-05 checks off.
    let subscription = r#"{"id": "S1", "customer_id": "acme", "kind": "subscription",
        "product": "calling", "status": "active", "autoRenew": true,
        "licenses": {"total": 10, "assigned": 5}}"#;
    let error = serde_json::from_str::<Subscription>(subscription).unwrap_err();
    assert!(error.to_string().contains("autoRenew"), "{error}");
    let counts = r#"{"id": "S1", "customer_id": "acme", "kind": "subscription",
        "product": "calling", "status": "active",
        "licenses": {"total": 10, "asigned": 5}}"#;
    assert!(serde_json::from_str::<Subscription>(counts).is_err());
    let customer = r#"{"name": "Acme", "package": "webex_calling",
        "users": [{"email": "ops@acme.example", "fullAdmin": true}]}"#;
    let error = serde_json::from_str::<Customer>(customer).unwrap_err();
    assert!(error.to_string().contains("fullAdmin"), "{error}");
}

proptest::proptest! {
    /// R-REP-05: whatever a reader reads, the writer writes, and it reads
    /// back unchanged (the fuzz target's invariant, on arbitrary cells,
    /// with an extra column the report ignores).
    #[test]
    fn r_rep_05_what_is_read_is_written_and_read_back(
        cells in proptest::collection::vec("[ \t\r'=+@a-z0-9\u{a0}-]{0,6}", 7),
        extra in "[a-z ]{0,3}",
    ) {
        use wholesale_core::report::app_versions::AppVersionRow;
        let header = AppVersionRow::HEADERS.join(",");
        let quoted: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i == 6 { "3".to_owned() } else { format!("\"{c}\"") })
            .collect();
        let csv = format!("{header},Extra\n{},{extra}\n", quoted.join(","));
        let table = read_report::<AppVersionRow>(csv.as_bytes()).unwrap();
        let mut out = Vec::new();
        write_report(&mut out, &table.rows).unwrap();
        let again = read_report::<AppVersionRow>(out.as_slice()).unwrap();
        proptest::prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
        proptest::prop_assert_eq!(again.rows, table.rows);
    }
}
