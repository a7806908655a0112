//! R-KPI-01..12 with hand-computed expectations.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use wholesale_core::kpi::{dashboard, KpiOptions, LowAssignmentRule};
use wholesale_core::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};
use wholesale_core::week::Week;
use wholesale_core::Code;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A calling subscription `id` of `customer` with `total`/`assigned`, ending
/// in `days` days, added 200 days ago.
fn sub(id: &str, customer: &str, total: u64, assigned: u64, days: i64) -> Subscription {
    Subscription {
        id: id.into(),
        customer_id: customer.into(),
        customer_name: customer.to_uppercase(),
        kind: SubscriptionKind::Subscription,
        product: ProductLine::Calling,
        status: SubscriptionStatus::Active,
        start_date: Some(as_of() - Duration::days(200)),
        end_date: Some(as_of() + Duration::days(days)),
        auto_renew: false,
        licenses: LicenseCounts {
            total,
            assigned,
            ..Default::default()
        },
    }
}

fn run(subs: &[Subscription]) -> wholesale_core::kpi::Dashboard<'_> {
    dashboard(subs, ProductLine::Calling, as_of(), &KpiOptions::default())
}

#[test]
fn r_kpi_01_customers_counted_once_and_only_for_the_product_line() {
    let mut meetings = sub("M1", "carol", 10, 5, 300);
    meetings.product = ProductLine::Meetings;
    let subs = [
        sub("S1", "acme", 10, 5, 300),
        sub("S2", "acme", 20, 5, 300),
        sub("S3", "bolt", 10, 5, 300),
        meetings,
    ];
    assert_eq!(run(&subs).total_customers, 2);
    let m = dashboard(
        &subs,
        ProductLine::Meetings,
        as_of(),
        &KpiOptions::default(),
    );
    assert_eq!(m.total_customers, 1);
}

#[test]
fn r_kpi_02_window_is_day_0_to_day_90_inclusive() {
    let subs = [
        sub("S0", "a", 10, 5, 0),
        sub("S90", "b", 10, 5, 90),
        sub("S91", "c", 10, 5, 91),
        sub("Sy", "d", 10, 5, -1), // ended yesterday
    ];
    let d = run(&subs);
    // The subscription that ended yesterday has ended: not a customer any more.
    assert_eq!(d.total_customers, 3);
    assert_eq!(d.near_expiration.customers, 2);
    let ids: Vec<String> = d
        .subscriptions
        .near_expiration
        .iter()
        .map(|r| r.subscription_id.into_owned())
        .collect();
    assert_eq!(ids, ["S0", "S90"]);
    assert_eq!(
        d.subscriptions.near_expiration.get(1).unwrap().days_to_end,
        90
    );
    // 2 of 3 customers.
    assert_eq!(d.near_expiration.customer_percent, Some(200.0 / 3.0));
}

#[test]
fn r_kpi_02_03_auto_renew_counts_as_renewal_not_expiration() {
    let mut renewing = sub("R", "a", 10, 5, 90);
    renewing.auto_renew = true;
    let mut far = sub("F", "b", 10, 5, 91);
    far.auto_renew = true;
    let subs = [renewing, far];
    let d = run(&subs);
    assert_eq!(d.near_expiration.customers, 0);
    assert_eq!(d.near_renewal.customers, 1);
    assert_eq!(
        d.subscriptions.near_renewal.get(0).unwrap().subscription_id,
        "R"
    );
}

#[test]
fn r_kpi_07_expiring_assignment_and_utilization() {
    let mut a = sub("A", "a", 100, 80, 10);
    a.licenses.used_last_7_days = Some(40);
    a.licenses.used_last_3_months = Some(70);
    let mut b = sub("B", "b", 50, 20, 20);
    b.licenses.used_last_7_days = Some(10);
    b.licenses.used_last_3_months = Some(20);
    let subs = [a, b];
    let d = run(&subs);
    let w = &d.near_expiration;
    assert_eq!(
        (w.customers, w.subscriptions, w.total_licenses),
        (2, 2, 150)
    );
    assert_eq!(w.assigned_licenses, 100);
    assert_eq!(w.used_licenses, Some(50));
    // 100 / 150 and 50 / 150 and 90 / 150.
    assert_eq!(w.assignment_percent, Some(100.0 * 100.0 / 150.0));
    assert_eq!(w.utilization_percent, Some(50.0 * 100.0 / 150.0));
    assert_eq!(w.utilization_3_months_percent, Some(60.0));
    let row = d.subscriptions.near_expiration.get(0).unwrap();
    assert_eq!((row.subscription_id.as_ref(), row.days_to_end), ("A", 10));
    assert_eq!(row.assignment_percent, Some(80.0));
    assert_eq!(row.utilization_percent, Some(40.0));
    assert_eq!(row.utilization_3_months_percent, Some(70.0));
}

#[test]
fn r_kpi_07_missing_usage_makes_utilization_absent() {
    let mut a = sub("A", "a", 100, 80, 10);
    a.licenses.used_last_7_days = Some(40);
    let b = sub("B", "b", 50, 20, 20); // no usage data
    let subs = [a, b];
    let d = run(&subs);
    assert_eq!(d.near_expiration.used_licenses, None);
    assert_eq!(d.near_expiration.utilization_percent, None);
}

#[test]
fn r_kpi_04_25th_percentile_by_linear_interpolation() {
    // Ratios 0.1, 0.5, 0.8, 1.0: rank 3 * 0.25 = 0.75, so 0.1 + 0.75 * 0.4 = 0.4.
    let subs = [
        sub("S1", "a", 10, 1, 300),
        sub("S2", "b", 10, 5, 300),
        sub("S3", "c", 10, 8, 300),
        sub("S4", "d", 10, 10, 300),
    ];
    let d = run(&subs);
    assert!((d.low_assignment.threshold_ratio.unwrap() - 0.4).abs() < 1e-12);
    assert_eq!(d.low_assignment.customers, 1);
    assert_eq!(
        d.subscriptions
            .low_assignment
            .get(0)
            .unwrap()
            .subscription_id,
        "S1"
    );
    // The median: rank 1.5, 0.5 + 0.5 * 0.3 = 0.65: S1 and S2.
    let median = KpiOptions {
        low_assignment: LowAssignmentRule::Percentile(50.0),
        ..Default::default()
    };
    let d = dashboard(&subs, ProductLine::Calling, as_of(), &median);
    assert_eq!(d.low_assignment.customers, 2);
    // A fixed ratio: strictly below 0.8 is S1 and S2; S3 at 0.8 is not low.
    let fixed = KpiOptions {
        low_assignment: LowAssignmentRule::FixedRatio(0.8),
        ..Default::default()
    };
    let d = dashboard(&subs, ProductLine::Calling, as_of(), &fixed);
    assert_eq!(d.low_assignment.threshold_ratio, Some(0.8));
    assert_eq!(d.low_assignment.subscriptions, 2);
}

#[test]
fn r_kpi_04_single_customer_is_never_below_its_own_percentile() {
    let subs = [sub("S1", "solo", 10, 1, 300)];
    let d = run(&subs);
    assert_eq!(d.total_customers, 1);
    assert_eq!(d.low_assignment.threshold_ratio, Some(0.1));
    assert_eq!(d.low_assignment.customers, 0);
    assert_eq!(d.low_assignment.customer_percent, Some(0.0));
    assert_eq!(d.low_assignment.assignment_percent, None);
}

#[test]
fn r_kpi_04_zero_license_subscriptions_are_not_in_the_percentile() {
    // Without the zero-license one, ratios 0.2 and 1.0: p25 = 0.2 + 0.25 * 0.8 = 0.4.
    let subs = [
        sub("Z", "z", 0, 0, 300),
        sub("L", "l", 10, 2, 300),
        sub("H", "h", 10, 10, 300),
    ];
    let d = run(&subs);
    assert!((d.low_assignment.threshold_ratio.unwrap() - 0.4).abs() < 1e-12);
    let ids: Vec<String> = d
        .subscriptions
        .low_assignment
        .iter()
        .map(|r| r.subscription_id.into_owned())
        .collect();
    assert_eq!(ids, ["L"]);
    assert_eq!(d.total_customers, 3);
}

#[test]
fn r_kpi_04_invalid_options_are_reported_and_mark_nothing_low() {
    let bad = KpiOptions {
        low_assignment: LowAssignmentRule::Percentile(120.0),
        ..Default::default()
    };
    assert!(bad.check().has(Code::KpiPercentileInvalid));
    let subs = [sub("A", "a", 10, 1, 300), sub("B", "b", 10, 9, 300)];
    let d = dashboard(&subs, ProductLine::Calling, as_of(), &bad);
    assert_eq!(d.low_assignment.threshold_ratio, None);
    assert_eq!(d.low_assignment.customers, 0);
    let nan = KpiOptions {
        low_assignment: LowAssignmentRule::FixedRatio(f64::NAN),
        ..Default::default()
    };
    assert!(nan.check().has(Code::KpiRatioInvalid));
    assert!(KpiOptions::default().check().is_valid());
}

#[test]
fn r_kpi_09_low_assignment_figures() {
    let mut a = sub("A", "a", 100, 10, 300);
    a.licenses.used_last_7_days = Some(5);
    a.licenses.last_week_assigned = Some(4);
    a.start_date = NaiveDate::from_ymd_opt(2026, 2, 26); // 8 whole months before Nov 25
    let mut b = sub("B", "b", 100, 90, 300);
    b.licenses.used_last_7_days = Some(90);
    let mut c = sub("C", "c", 100, 95, 300);
    c.licenses.used_last_7_days = Some(90);
    let fixed = KpiOptions {
        low_assignment: LowAssignmentRule::FixedRatio(0.5),
        ..Default::default()
    };
    let subs = [a, b, c];
    let d = dashboard(&subs, ProductLine::Calling, as_of(), &fixed);
    let l = &d.low_assignment;
    assert_eq!(
        (l.customers, l.subscriptions, l.total_licenses),
        (1, 1, 100)
    );
    assert_eq!((l.assigned_licenses, l.unassigned_licenses), (10, 90));
    assert_eq!(l.assignment_percent, Some(10.0));
    assert_eq!(l.utilization_percent, Some(5.0)); // 5 / 100, the source's formula
    assert_eq!(l.utilization_of_assigned_percent, Some(50.0)); // 5 / 10
    let row = d.subscriptions.low_assignment.get(0).unwrap();
    assert_eq!(row.months_since_added, Some(8));
    assert_eq!(row.weekly_assignment_change, Some(6));
    assert_eq!(row.assignment_percent, Some(10.0));
}

#[test]
fn r_kpi_05_10_overage_excess_and_average() {
    let mut a1 = sub("A1", "a", 10, 13, 300);
    a1.licenses.used_last_7_days = Some(12);
    let a2 = sub("A2", "a", 10, 12, 300);
    let b = sub("B", "b", 0, 1, 300); // zero licenses, one assigned
    let c = sub("C", "c", 10, 10, 300); // exactly full: not overage
    let subs = [a1, a2, b, c];
    let d = run(&subs);
    let o = &d.overage;
    assert_eq!((o.customers, o.subscriptions, o.excess_licenses), (2, 3, 6));
    assert_eq!(o.average_excess_per_customer, Some(3.0));
    assert_eq!(o.customer_percent, Some(200.0 / 3.0));
    let rows = d.subscriptions.overage.to_vec();
    assert_eq!(rows[0].subscription_id, "A1"); // largest excess first
    assert_eq!(rows[0].assignment_percent, Some(130.0)); // above 100 under overage
    assert_eq!(rows[0].used_percent, Some(100.0)); // 12 / 10, capped
    assert_eq!(rows[0].months_remaining, Some(9)); // 300 days: Nov 25 to Sep 21
    let zero = rows.iter().find(|r| r.subscription_id == "B").unwrap();
    assert_eq!(zero.assignment_percent, None);
    assert_eq!(zero.excess, 1);
}

#[test]
fn r_kpi_06_recently_added_with_weekly_changes() {
    let mut new = sub("N", "n", 50, 20, 300);
    new.start_date = Some(as_of() - Duration::days(90));
    new.licenses.last_week_assigned = Some(15);
    new.licenses.used_last_7_days = Some(10);
    new.licenses.last_week_used = Some(12);
    let mut today = sub("T", "t", 5, 0, 300);
    today.start_date = Some(as_of());
    let mut old = sub("O", "o", 30, 20, 300);
    old.start_date = Some(as_of() - Duration::days(91));
    let subs = [new, today, old];
    let d = run(&subs);
    let r = &d.recently_added;
    assert_eq!(r.customers, Some(2));
    assert_eq!(r.subscriptions, Some(2));
    assert_eq!(r.total_licenses, Some(55));
    let rows = d.subscriptions.recently_added.to_vec();
    assert_eq!(rows[0].subscription_id, "T");
    assert_eq!(rows[0].days_since_added, 0);
    let n = &rows[1];
    assert_eq!((n.days_since_added, n.unassigned), (90, 30));
    assert_eq!(n.weekly_assignment_change, Some(5));
    assert_eq!(n.weekly_usage_change, Some(-2));
}

#[test]
fn r_kpi_06_unknown_start_dates_make_recently_added_absent() {
    let mut a = sub("A", "a", 10, 5, 300);
    a.start_date = None;
    let subs = [a];
    let d = run(&subs);
    assert_eq!(d.recently_added.customers, None);
    assert_eq!(d.recently_added.customer_percent, None);
}

#[test]
fn r_kpi_11_empty_input_gives_absent_ratios_never_nan() {
    let subs = [];
    let d = run(&subs);
    assert_eq!(d.total_customers, 0);
    assert_eq!(d.near_expiration.customer_percent, None);
    assert_eq!(d.near_expiration.assignment_percent, None);
    assert_eq!(d.low_assignment.threshold_ratio, None);
    assert_eq!(d.overage.average_excess_per_customer, None);
    assert_eq!(d.recently_added.customers, Some(0));
    let json = serde_json::to_string(&d).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"));
    assert!(json.contains("\"assignment_percent\":null"));
}

#[test]
fn r_kpi_11_zero_license_subscription_has_no_ratio() {
    let subs = [sub("Z", "z", 0, 0, 10)];
    let d = run(&subs);
    assert_eq!(d.near_expiration.customers, 1);
    assert_eq!(d.near_expiration.assignment_percent, None);
    assert_eq!(
        d.subscriptions
            .near_expiration
            .get(0)
            .unwrap()
            .assignment_percent,
        None
    );
}

#[test]
fn r_kpi_12_sunday_midnight_exactly_closes_the_week() {
    // 2026-11-29 is a Sunday; at 00:00:00 exactly the week of the 22nd is complete.
    let sunday = Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap();
    let week = Week::last_completed(sunday);
    assert_eq!(
        week.start,
        Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap()
    );
    assert_eq!(week.end, sunday);
    let before = Week::last_completed(sunday - chrono::Duration::seconds(1));
    assert_eq!(
        before.end,
        Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap()
    );
    assert_eq!(
        Week::last_completed_on(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
        week
    );
}

#[test]
fn r_kpi_dashboard_json_has_the_documented_keys() {
    let v = serde_json::to_value(run(&[sub("A", "a", 10, 5, 10)])).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    let mut expected = [
        "product",
        "as_of",
        "headline",
        "total_customers",
        "near_expiration",
        "near_renewal",
        "low_assignment",
        "overage",
        "recently_added",
        "subscriptions",
        "problems",
    ];
    expected.sort();
    let mut keys: Vec<&str> = keys.iter().map(|k| k.as_ref()).collect();
    keys.sort();
    assert_eq!(keys, expected);
    assert_eq!(v["product"], "calling");
    assert_eq!(v["as_of"], "2026-11-25");
}
