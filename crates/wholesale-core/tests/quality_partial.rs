//! The two-step weekly aggregates (R-CQ-03, weeks per R-KPI-12): partial
//! counts summed in any split and any order give the single-process report,
//! and rows no legs can give are refused.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use wholesale_core::problem::AsProblem;
use wholesale_core::quality::*;
use wholesale_core::week::Week;
use wholesale_core::Code;

fn as_of() -> NaiveDate {
    // Wednesday: the report week is Sunday 2026-11-15 to Sunday 2026-11-22.
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn metrics(jitter_ms: f64, latency_ms: f64, loss_pct: f64) -> StreamMetrics {
    StreamMetrics {
        jitter_ms,
        latency_ms,
        loss_pct,
    }
}

/// `n` legs from a seed: four customers (one with legs only 12 weeks back,
/// outside the trend), starts from 11 weeks before the report week to just
/// after it (some at Sunday 00:00:00 exactly), every endpoint type, some
/// IPv6, metrics around the thresholds, some streams absent.
fn legs(n: usize, seed: u64) -> Vec<CallLeg> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let origin = Utc.with_ymd_and_hms(2026, 8, 30, 0, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let customer = ["acme", "bravo", "charlie"][next(3) as usize];
            let (customer_id, start_time) = if next(20) == 0 {
                ("old-only".to_owned(), origin - Duration::days(30))
            } else if next(10) == 0 {
                // Exactly at a week boundary.
                (
                    customer.to_owned(),
                    origin + Duration::weeks(next(13) as i64),
                )
            } else {
                let offset = Duration::minutes(next(13 * 7 * 24 * 60) as i64);
                (customer.to_owned(), origin + offset)
            };
            let stream = |next: &mut dyn FnMut(u64) -> u64| {
                (next(4) != 0).then(|| {
                    metrics(
                        next(200) as f64,
                        300.0 + next(150) as f64,
                        next(70) as f64 / 10.0,
                    )
                })
            };
            let audio = stream(&mut next);
            let video = stream(&mut next);
            CallLeg {
                customer_id,
                leg_id: format!("leg-{i}"),
                start_time,
                endpoint_type: EndpointType::ALL[next(6) as usize],
                ip_version: if next(10) == 0 {
                    IpVersion::V6
                } else {
                    IpVersion::V4
                },
                audio,
                video,
                feature: None,
            }
        })
        .collect()
}

/// Splits `legs` into `parts` batches, maps each to partial rows, and sums
/// the rows given in reverse order.
fn split_and_sum(legs: &[CallLeg], parts: usize, policy: &QualityPolicy) -> QualityReport {
    let size = legs.len().div_ceil(parts).max(1);
    let mut rows: Vec<QualityPartial> = legs
        .chunks(size)
        .flat_map(|batch| QualityPartials::from_legs(batch, policy).to_rows())
        .collect();
    rows.reverse();
    QualityPartials::from_rows(&rows).unwrap().report(as_of())
}

/// A customer's `(customer_id, legs, measured, poor)` in the report week.
type CustomerCounts = (String, u64, u64, u64);

/// The report counted by brute force over the legs, without the partials:
/// the customers' counts and the legs of each trend week.
fn counted(legs: &[CallLeg], policy: &QualityPolicy) -> (Vec<CustomerCounts>, Vec<u64>) {
    let week = Week::last_completed_on(as_of());
    let mut customers: Vec<String> = legs.iter().map(|l| l.customer_id.clone()).collect();
    customers.sort();
    customers.dedup();
    let count = |filter: &dyn Fn(&CallLeg) -> bool| {
        let mut c = (0, 0, 0);
        for leg in legs.iter().filter(|l| filter(l)) {
            let v = classify(leg, policy).verdict;
            c.0 += 1;
            c.1 += u64::from(v != Verdict::NotMeasured);
            c.2 += u64::from(v == Verdict::Poor);
        }
        c
    };
    let per_customer = customers
        .into_iter()
        .map(|id| {
            let (a, b, c) = count(&|l| l.customer_id == id && week.contains(l.start_time));
            (id, a, b, c)
        })
        .collect();
    let trend = week
        .trailing(8)
        .into_iter()
        .map(|w| count(&|l| w.contains(l.start_time)).0)
        .collect();
    (per_customer, trend)
}

#[test]
fn r_cq_03_partials_of_any_split_sum_to_the_single_process_report() {
    let policy = QualityPolicy::default();
    let legs = legs(5_000, 7);
    let single = weekly_report(&legs, as_of(), &policy);
    for parts in [1, 2, 3, 17, 1_000, 5_000] {
        assert_eq!(
            split_and_sum(&legs, parts, &policy),
            single,
            "{parts} parts"
        );
    }
    let (customers, trend) = counted(&legs, &policy);
    let got: Vec<_> = single
        .customers
        .iter()
        .map(|c| {
            let k = c.counts;
            (c.customer_id.clone(), k.legs, k.measured, k.poor)
        })
        .collect();
    assert_eq!(got, customers);
    let got_trend: Vec<u64> = single.trend.iter().map(|w| w.counts.legs).collect();
    assert_eq!(got_trend, trend);
    // The data reaches every part of the report.
    assert!(single.by_endpoint_type.len() == 6);
    assert!(trend.iter().all(|&n| n > 0));
}

#[test]
fn r_cq_03_a_customer_with_legs_only_outside_the_trend_still_shows_with_zeros() {
    let legs = legs(2_000, 3);
    assert!(legs.iter().any(|l| l.customer_id == "old-only"));
    let r = split_and_sum(&legs, 5, &QualityPolicy::default());
    let old = r
        .customers
        .iter()
        .find(|c| c.customer_id == "old-only")
        .unwrap();
    assert_eq!((old.counts.legs, old.counts.poor_pct), (0, None));
}

#[test]
fn r_kpi_12_partial_rows_are_keyed_by_the_week_start() {
    let sunday = Utc.with_ymd_and_hms(2026, 11, 15, 0, 0, 0).unwrap();
    let mut p = QualityPartials::default();
    p.add("acme", sunday, EndpointType::DeskPhone, Verdict::Poor);
    p.add(
        "acme",
        sunday - Duration::seconds(1),
        EndpointType::DeskPhone,
        Verdict::Good,
    );
    p.add(
        "acme",
        sunday + Duration::days(6),
        EndpointType::DeskPhone,
        Verdict::NotMeasured,
    );
    let rows = p.to_rows();
    let keys: Vec<_> = rows
        .iter()
        .map(|r| (r.week_start, r.legs, r.measured, r.poor))
        .collect();
    assert_eq!(
        keys,
        vec![(sunday - Duration::weeks(1), 1, 1, 0), (sunday, 2, 1, 1)]
    );
    let json = serde_json::to_value(&rows[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"customer_id": "acme", "week_start": "2026-11-15T00:00:00Z",
            "endpoint_type": "desk_phone", "legs": 2, "measured": 1, "poor": 1})
    );
}

fn row(week_start: DateTime<Utc>, legs: u64, measured: u64, poor: u64) -> QualityPartial {
    QualityPartial {
        customer_id: "acme".into(),
        week_start,
        endpoint_type: EndpointType::WebexApp,
        legs,
        measured,
        poor,
    }
}

#[test]
fn r_cq_03_rows_no_legs_can_give_are_refused_with_row_and_column() {
    let sunday = Utc.with_ymd_and_hms(2026, 11, 15, 0, 0, 0).unwrap();
    let ok = row(sunday, 3, 2, 1);
    let cases = [
        (
            row(sunday + Duration::hours(1), 1, 1, 0),
            "partials[1].week_start",
        ),
        (row(sunday, 1, 2, 0), "partials[1].legs"),
        (row(sunday, 2, 1, 2), "partials[1].legs"),
        (row(sunday, u64::MAX, 0, 0), "partials[1].legs"),
        (
            QualityPartial {
                customer_id: String::new(),
                ..ok.clone()
            },
            "partials[1].customer_id",
        ),
    ];
    for (bad, field) in cases {
        let err = QualityPartials::from_rows(&[ok.clone(), bad.clone()]).unwrap_err();
        let problem = err.to_problem();
        assert_eq!(problem.code, Code::QualityPartialInvalid, "{bad:?}");
        assert_eq!(problem.rule(), "R-CQ-03");
        assert_eq!(problem.field.as_deref(), Some(field), "{bad:?}");
    }
    // The same rows, valid, are accepted and summed.
    let summed = QualityPartials::from_rows(&[ok.clone(), ok]).unwrap();
    assert_eq!(summed.to_rows(), vec![row(sunday, 6, 4, 2)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn r_cq_03_any_split_and_policy_gives_the_single_process_report(
        seed in any::<u64>(),
        n in 0usize..400,
        parts in 1usize..12,
        jitter in 0.0f64..200.0,
        all in any::<bool>(),
    ) {
        let policy = QualityPolicy {
            jitter_ms: jitter,
            combine: if all { Combine::All } else { Combine::Any },
            ..QualityPolicy::default()
        };
        let legs = legs(n, seed);
        prop_assert_eq!(split_and_sum(&legs, parts, &policy), weekly_report(&legs, as_of(), &policy));
    }
}
