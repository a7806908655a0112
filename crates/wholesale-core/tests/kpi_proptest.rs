//! R-KPI-11 and the KPI invariants, on arbitrary subscriptions.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use wholesale_core::kpi::{dashboard, Dashboard, KpiOptions, LowAssignmentRule};
use wholesale_core::status::has_ended;
use wholesale_core::subscription::{
    LicenseCounts, ProductLine, Subscription, SubscriptionKind, SubscriptionStatus,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn subscription() -> impl Strategy<Value = Subscription> {
    (
        0u8..8,
        any::<bool>(),
        prop_oneof![Just(ProductLine::Calling), Just(ProductLine::Meetings)],
        prop_oneof![
            Just(SubscriptionStatus::Active),
            Just(SubscriptionStatus::Suspended),
            Just(SubscriptionStatus::Expired),
            Just(SubscriptionStatus::PendingSetup),
        ],
        proptest::option::of(-400i64..400),
        proptest::option::of(-400i64..400),
        any::<bool>(),
        (0u64..200, 0u64..300),
        (
            proptest::option::of(0u64..400),
            proptest::option::of(0u64..400),
            proptest::option::of(0u64..400),
            proptest::option::of(0u64..400),
        ),
    )
        .prop_map(
            |(
                customer,
                trial,
                product,
                status,
                start,
                end,
                auto_renew,
                (total, assigned),
                (u7, u3, lwa, lwu),
            )| {
                Subscription {
                    id: format!("S{customer}-{start:?}-{end:?}"),
                    customer_id: format!("c{customer}"),
                    customer_name: format!("Customer {customer}"),
                    kind: if trial {
                        SubscriptionKind::Trial
                    } else {
                        SubscriptionKind::Subscription
                    },
                    product,
                    status,
                    start_date: start.map(|d| as_of() + Duration::days(d)),
                    end_date: end.map(|d| as_of() + Duration::days(d)),
                    auto_renew,
                    licenses: LicenseCounts {
                        total,
                        assigned,
                        used_last_7_days: u7,
                        used_last_3_months: u3,
                        used_at_least_once: None,
                        last_week_assigned: lwa,
                        last_week_used: lwu,
                    },
                }
            },
        )
}

fn rule() -> impl Strategy<Value = LowAssignmentRule> {
    prop_oneof![
        (0.0f64..=100.0).prop_map(LowAssignmentRule::Percentile),
        (0.0f64..2.0).prop_map(LowAssignmentRule::FixedRatio),
    ]
}

fn check_ratio(name: &str, value: Option<f64>, max: Option<f64>) {
    if let Some(v) = value {
        assert!(v.is_finite(), "{name} = {v}");
        assert!(v >= 0.0, "{name} = {v}");
        if let Some(max) = max {
            assert!(v <= max, "{name} = {v} > {max}");
        }
    }
}

fn check(d: &Dashboard, subs: &[Subscription]) {
    let total = d.total_customers;
    let hundred = Some(100.0);
    for (name, w) in [("exp", &d.near_expiration), ("ren", &d.near_renewal)] {
        assert!(w.customers <= total, "{name}");
        check_ratio("customer_percent", w.customer_percent, hundred);
        check_ratio("assignment_percent", w.assignment_percent, None);
        check_ratio("utilization_percent", w.utilization_percent, hundred);
        check_ratio("utilization_3m", w.utilization_3_months_percent, hundred);
    }
    let l = &d.low_assignment;
    assert!(l.customers <= total);
    check_ratio("low customer_percent", l.customer_percent, hundred);
    check_ratio("low assignment", l.assignment_percent, None); // above 100 when the threshold is above 1
    check_ratio("low utilization", l.utilization_percent, hundred);
    check_ratio(
        "low utilization of assigned",
        l.utilization_of_assigned_percent,
        hundred,
    );
    check_ratio("threshold", l.threshold_ratio, None);
    assert!(d.overage.customers <= total);
    check_ratio(
        "overage customer_percent",
        d.overage.customer_percent,
        hundred,
    );
    check_ratio(
        "average excess",
        d.overage.average_excess_per_customer,
        None,
    );
    if let Some(c) = d.recently_added.customers {
        assert!(c <= total);
    }
    check_ratio("recent", d.recently_added.customer_percent, hundred);
    for row in d
        .subscriptions
        .near_expiration
        .iter()
        .chain(&d.subscriptions.near_renewal)
    {
        check_ratio("row assignment", row.assignment_percent, None);
        check_ratio("row utilization", row.utilization_percent, hundred);
        check_ratio(
            "row utilization 3m",
            row.utilization_3_months_percent,
            hundred,
        );
    }
    for row in &d.subscriptions.overage {
        check_ratio("row used", row.used_percent, hundred);
    }
    // Near-renewal customers are customers with an auto-renew subscription in force.
    let auto_renew: HashSet<&str> = subs
        .iter()
        .filter(|s| s.product == d.product && s.auto_renew && !has_ended(s, as_of()))
        .map(|s| s.customer_id.as_ref())
        .collect();
    let renewing: HashSet<String> = d
        .subscriptions
        .near_renewal
        .iter()
        .map(|r| r.customer_id.into_owned())
        .collect();
    assert!(renewing.iter().all(|c| auto_renew.contains(c.as_str())));
    assert_eq!(renewing.len() as u64, d.near_renewal.customers);
    // The JSON never holds NaN or infinity (serde_json would print null).
    let json = serde_json::to_string(d).unwrap();
    assert!(!json.contains("NaN"));
}

proptest! {
    #[test]
    fn r_kpi_11_invariants_hold(
        subs in proptest::collection::vec(subscription(), 0..40),
        low in rule(),
        window in 0u32..200,
    ) {
        let options = KpiOptions { window_days: window, low_assignment: low };
        for product in [ProductLine::Calling, ProductLine::Meetings] {
            let d = dashboard(&subs, product, as_of(), &options);
            check(&d, &subs);
        }
    }
}
