//! R-STA: customer statuses and their precedence; the customer-list filters.

use chrono::{Duration, NaiveDate};
use wholesale_core::org::{Customer, ManagedBy};
use wholesale_core::package::Package;
use wholesale_core::status::{
    check_thresholds, customer_status, filter_customers, CustomerFilter, Status, StatusThresholds,
};
use wholesale_core::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};
use wholesale_core::Code;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn sub(days_to_end: i64) -> Subscription {
    Subscription {
        id: format!("S{days_to_end}"),
        customer_id: "c".into(),
        customer_name: "C".into(),
        kind: SubscriptionKind::Subscription,
        product: ProductLine::Calling,
        status: SubscriptionStatus::Active,
        start_date: Some(as_of() - Duration::days(100)),
        end_date: Some(as_of() + Duration::days(days_to_end)),
        auto_renew: false,
        licenses: LicenseCounts {
            total: 10,
            assigned: 5,
            ..Default::default()
        },
    }
}

fn customer(subs: Vec<Subscription>) -> Customer {
    let mut c = Customer::new("C", Package::WebexCalling);
    c.subscriptions = subs;
    c.last_admin_sign_in = Some(as_of());
    c
}

fn statuses(c: &Customer) -> Vec<Status> {
    customer_status(c, as_of(), &StatusThresholds::default()).statuses
}

#[test]
fn r_sta_plain_subscription_is_subscription() {
    let c = customer(vec![sub(200)]);
    let s = customer_status(&c, as_of(), &StatusThresholds::default());
    assert_eq!(s.statuses, vec![Status::Subscription]);
    assert_eq!(s.primary, Status::Subscription);
}

#[test]
fn r_sta_every_status_applies_and_precedence_picks_suspended() {
    let mut suspended = sub(200);
    suspended.status = SubscriptionStatus::Suspended;
    let mut pending = sub(300);
    pending.status = SubscriptionStatus::PendingSetup;
    let mut over = sub(250);
    over.licenses.assigned = 11; // 11 > 10
    let mut trial = sub(5); // ends in 5 days: expiring soon
    trial.kind = SubscriptionKind::Trial;
    let mut c = customer(vec![suspended, pending, over, trial]);
    c.last_admin_sign_in = None;
    let s = customer_status(&c, as_of(), &StatusThresholds::default());
    assert_eq!(
        s.statuses,
        vec![
            Status::Suspended,
            Status::ReadyForOrderSetup,
            Status::LicenseOverage,
            Status::ExpiringSoon,
            Status::NoRecentActivity,
            Status::Trial,
            Status::Subscription,
        ]
    );
    assert_eq!(s.primary, Status::Suspended);
}

#[test]
fn r_sta_precedence_order_is_the_documented_one() {
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "suspended",
            "expired",
            "ready_for_order_setup",
            "license_overage",
            "expiring_soon",
            "no_recent_activity",
            "trial",
            "subscription"
        ]
    );
    for pair in Status::ALL.windows(2) {
        assert!(pair[0] < pair[1]);
    }
    let json = serde_json::to_string(&Status::ReadyForOrderSetup).unwrap();
    assert_eq!(json, "\"ready_for_order_setup\"");
}

#[test]
fn r_sta_ended_yesterday_is_expired() {
    let c = customer(vec![sub(-1)]);
    assert_eq!(statuses(&c), vec![Status::Expired]);
}

#[test]
fn r_sta_status_expired_is_expired_even_with_a_future_end_date() {
    let mut s = sub(100);
    s.status = SubscriptionStatus::Expired;
    assert_eq!(statuses(&customer(vec![s])), vec![Status::Expired]);
}

#[test]
fn r_sta_no_subscription_at_all_is_expired() {
    let c = customer(vec![]);
    let s = customer_status(&c, as_of(), &StatusThresholds::default());
    assert_eq!(s.statuses, vec![Status::Expired]);
    assert_eq!(s.primary, Status::Expired);
}

#[test]
fn r_sta_expiring_soon_is_inclusive_day_0_to_30_and_configurable() {
    assert_eq!(
        statuses(&customer(vec![sub(0)])),
        vec![Status::ExpiringSoon, Status::Subscription]
    );
    assert_eq!(
        statuses(&customer(vec![sub(30)])),
        vec![Status::ExpiringSoon, Status::Subscription]
    );
    assert_eq!(
        statuses(&customer(vec![sub(31)])),
        vec![Status::Subscription]
    );
    let wide = StatusThresholds {
        expiring_soon_days: 31,
        ..Default::default()
    };
    assert!(customer_status(&customer(vec![sub(31)]), as_of(), &wide).has(Status::ExpiringSoon));
}

#[test]
fn r_sta_auto_renew_is_not_expiring_soon() {
    let mut s = sub(10);
    s.auto_renew = true;
    assert_eq!(statuses(&customer(vec![s])), vec![Status::Subscription]);
}

#[test]
fn r_sta_auto_renew_past_its_date_is_still_in_force() {
    let mut s = sub(-3);
    s.auto_renew = true;
    assert_eq!(statuses(&customer(vec![s])), vec![Status::Subscription]);
}

#[test]
fn r_sta_no_recent_activity_after_30_days_configurable() {
    let mut c = customer(vec![sub(200)]);
    c.last_admin_sign_in = Some(as_of() - Duration::days(30));
    assert_eq!(statuses(&c), vec![Status::Subscription]);
    c.last_admin_sign_in = Some(as_of() - Duration::days(31));
    assert_eq!(
        statuses(&c),
        vec![Status::NoRecentActivity, Status::Subscription]
    );
    let lenient = StatusThresholds {
        no_activity_days: 60,
        ..Default::default()
    };
    assert!(!customer_status(&c, as_of(), &lenient).has(Status::NoRecentActivity));
}

#[test]
fn r_sta_overage_is_assigned_above_purchased() {
    let mut s = sub(200);
    s.licenses.assigned = 10; // equal: not overage
    assert_eq!(
        statuses(&customer(vec![s.clone()])),
        vec![Status::Subscription]
    );
    s.licenses.assigned = 11;
    let st = customer_status(&customer(vec![s]), as_of(), &StatusThresholds::default());
    assert_eq!(st.primary, Status::LicenseOverage);
}

#[test]
fn r_sta_trial_only_is_trial() {
    let mut s = sub(60);
    s.kind = SubscriptionKind::Trial;
    assert_eq!(statuses(&customer(vec![s])), vec![Status::Trial]);
}

#[test]
fn r_sta_pending_setup_is_ready_for_order_setup_not_expired() {
    let mut s = sub(365);
    s.status = SubscriptionStatus::PendingSetup;
    let st = customer_status(&customer(vec![s]), as_of(), &StatusThresholds::default());
    assert_eq!(st.primary, Status::ReadyForOrderSetup);
    assert!(!st.has(Status::Expired));
}

#[test]
fn r_sta_zero_day_window_is_a_warning() {
    let findings = check_thresholds(&StatusThresholds {
        expiring_soon_days: 0,
        no_activity_days: 30,
    });
    assert!(findings.is_valid());
    assert!(findings.has(Code::StatusWindowZero));
    assert!(check_thresholds(&StatusThresholds::default())
        .warnings
        .is_empty());
}

fn sample() -> Vec<Customer> {
    let mut a = customer(vec![sub(200)]);
    a.name = "A".into();
    let mut b = customer(vec![sub(10)]);
    b.name = "B".into();
    b.managed_by = ManagedBy::OwnOrg;
    b.subscriptions[0].product = ProductLine::Meetings;
    let mut t = sub(50);
    t.kind = SubscriptionKind::Trial;
    let mut c = customer(vec![t]);
    c.name = "C".into();
    let mut d = customer(vec![sub(-1)]);
    d.name = "D".into();
    vec![a, b, c, d]
}

fn names(v: Vec<&Customer>) -> Vec<&str> {
    v.into_iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn r_sta_filters_by_managed_by_product_status_and_type() {
    let cs = sample();
    let t = StatusThresholds::default();
    let run = |json: &str| {
        let f: CustomerFilter = serde_json::from_str(json).unwrap();
        names(filter_customers(&cs, &f, as_of(), &t))
    };
    assert_eq!(run("{}"), ["A", "B", "C", "D"]);
    assert_eq!(run(r#"{"managed_by":["own_org"]}"#), ["B"]);
    assert_eq!(run(r#"{"managed_by":["external_admin"]}"#), ["A", "C", "D"]);
    // D's only calling subscription ended yesterday: not a calling customer.
    assert_eq!(run(r#"{"product":["calling"]}"#), ["A", "C"]);
    assert_eq!(run(r#"{"product":["meetings"]}"#), ["B"]);
    assert_eq!(run(r#"{"status":["expiring_soon"]}"#), ["B"]);
    assert_eq!(run(r#"{"status":["expired","trial"]}"#), ["C", "D"]);
    assert_eq!(run(r#"{"subscription_type":["trial"]}"#), ["C"]);
    assert_eq!(
        run(r#"{"subscription_type":["subscription"],"product":["calling"]}"#),
        ["A"]
    );
}
