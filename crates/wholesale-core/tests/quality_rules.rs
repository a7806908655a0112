//! Rule tests for calling analytics (R-CQ-01..05), one rule per test name.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use wholesale_core::quality::*;
use wholesale_core::Code;

fn at(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, s).unwrap()
}

fn metrics(jitter_ms: f64, latency_ms: f64, loss_pct: f64) -> StreamMetrics {
    StreamMetrics {
        jitter_ms,
        latency_ms,
        loss_pct,
    }
}

fn good() -> StreamMetrics {
    metrics(10.0, 50.0, 0.1)
}

fn leg(audio: Option<StreamMetrics>, video: Option<StreamMetrics>) -> CallLeg {
    CallLeg {
        customer_id: "acme".into(),
        leg_id: "leg".into(),
        start_time: at(2026, 11, 18, 9, 30, 0),
        endpoint_type: EndpointType::WebexApp,
        ip_version: IpVersion::V4,
        audio,
        video,
        feature: None,
    }
}

/// Classifies with the scalar path and checks the columnar path agrees.
fn verdict(leg: &CallLeg, policy: &QualityPolicy) -> Verdict {
    let scalar = classify(leg, policy).verdict;
    let buffers = LegColumnBuffers::from_legs(std::slice::from_ref(leg));
    let column = classify_columns_to_vec(&buffers.as_columns(), policy).unwrap();
    assert_eq!(
        Verdict::from_code(column[0]),
        Some(scalar),
        "paths disagree on {leg:?}"
    );
    scalar
}

fn as_of() -> NaiveDate {
    // Wednesday: the report week is Sunday 2026-11-15 to Sunday 2026-11-22.
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn r_cq_01_thresholds_are_strictly_above() {
    let p = QualityPolicy::default();
    // Exactly at every threshold, on both streams: good.
    let edge = metrics(150.0, 400.0, 5.0);
    assert_eq!(verdict(&leg(Some(edge), Some(edge)), &p), Verdict::Good);
    // Just above any one threshold, on either stream: poor.
    for (stream_is_audio, m, expected_metric) in [
        (true, metrics(150.001, 400.0, 5.0), Metric::Jitter),
        (true, metrics(150.0, 400.001, 5.0), Metric::Latency),
        (true, metrics(150.0, 400.0, 5.001), Metric::Loss),
        (false, metrics(150.001, 400.0, 5.0), Metric::Jitter),
        (false, metrics(150.0, 400.001, 5.0), Metric::Latency),
        (false, metrics(150.0, 400.0, 5.001), Metric::Loss),
    ] {
        let l = if stream_is_audio {
            leg(Some(m), Some(edge))
        } else {
            leg(Some(edge), Some(m))
        };
        assert_eq!(verdict(&l, &p), Verdict::Poor, "{m:?}");
        let c = classify(&l, &p);
        assert_eq!(c.reasons.len(), 1);
        assert_eq!(c.reasons[0].metric, expected_metric);
        let stream = if stream_is_audio {
            StreamKind::Audio
        } else {
            StreamKind::Video
        };
        assert_eq!(c.reasons[0].stream, stream);
        assert_eq!(c.reasons[0].threshold, p.threshold(expected_metric));
    }
}

#[test]
fn r_cq_01_one_bad_stream_among_good_ones_makes_the_leg_poor() {
    let p = QualityPolicy::default();
    let l = leg(Some(good()), Some(metrics(20.0, 60.0, 7.5)));
    assert_eq!(verdict(&l, &p), Verdict::Poor);
    let c = classify(&l, &p);
    assert_eq!(
        c.reasons,
        vec![Reason {
            stream: StreamKind::Video,
            metric: Metric::Loss,
            value: 7.5,
            threshold: 5.0
        }]
    );
    assert_eq!(c.reasons[0].to_string(), "video loss 7.5% > 5%");
    assert_eq!(c.excluded, None);
}

#[test]
fn r_cq_01_video_only_legs_are_measured() {
    let p = QualityPolicy::default();
    assert_eq!(verdict(&leg(None, Some(good())), &p), Verdict::Good);
    assert_eq!(
        verdict(&leg(None, Some(metrics(151.0, 0.0, 0.0))), &p),
        Verdict::Poor
    );
    let all = QualityPolicy {
        combine: Combine::All,
        ..QualityPolicy::default()
    };
    assert_eq!(
        verdict(&leg(None, Some(metrics(151.0, 0.0, 0.0))), &all),
        Verdict::Poor
    );
}

#[test]
fn r_cq_01_all_policy_needs_every_measured_stream_poor() {
    let all = QualityPolicy {
        combine: Combine::All,
        ..QualityPolicy::default()
    };
    let bad = metrics(10.0, 500.0, 0.0);
    let l = leg(Some(good()), Some(bad));
    assert_eq!(verdict(&l, &all), Verdict::Good);
    // The crossing that was not enough is still reported.
    assert_eq!(classify(&l, &all).reasons.len(), 1);
    assert_eq!(verdict(&leg(Some(bad), Some(bad)), &all), Verdict::Poor);
    assert_eq!(verdict(&leg(Some(bad), None), &all), Verdict::Poor);
    assert_eq!(
        verdict(&l, &QualityPolicy::default()),
        Verdict::Poor,
        "the default is any"
    );
}

#[test]
fn r_cq_01_thresholds_are_configurable() {
    let strict = QualityPolicy {
        jitter_ms: 30.0,
        ..QualityPolicy::default()
    };
    let l = leg(Some(metrics(31.0, 50.0, 0.0)), None);
    assert_eq!(verdict(&l, &QualityPolicy::default()), Verdict::Good);
    assert_eq!(verdict(&l, &strict), Verdict::Poor);
    // The policy deserializes with defaults for missing fields.
    let p: QualityPolicy = serde_json::from_str(r#"{"combine": "all"}"#).unwrap();
    assert_eq!(p.jitter_ms, 150.0);
    assert_eq!(p.combine, Combine::All);
}

#[test]
fn r_cq_02_analog_third_party_ipv6_and_no_media_are_not_measured() {
    let p = QualityPolicy::default();
    let awful = metrics(900.0, 900.0, 50.0);
    for endpoint in [EndpointType::Analog, EndpointType::ThirdParty] {
        let mut l = leg(Some(awful), None);
        l.endpoint_type = endpoint;
        assert_eq!(verdict(&l, &p), Verdict::NotMeasured);
        assert_eq!(
            classify(&l, &p).excluded,
            Some(Exclusion::EndpointType {
                endpoint_type: endpoint
            })
        );
    }
    let mut v6 = leg(Some(awful), None);
    v6.ip_version = IpVersion::V6;
    assert_eq!(verdict(&v6, &p), Verdict::NotMeasured);
    assert_eq!(classify(&v6, &p).excluded, Some(Exclusion::Ipv6));
    let silent = leg(None, None);
    assert_eq!(verdict(&silent, &p), Verdict::NotMeasured);
    assert_eq!(
        classify(&silent, &p).excluded,
        Some(Exclusion::NoMediaStatistics)
    );
    for endpoint in [
        EndpointType::WebexApp,
        EndpointType::DeskPhone,
        EndpointType::RoomDevice,
        EndpointType::Other,
    ] {
        let mut l = leg(Some(awful), None);
        l.endpoint_type = endpoint;
        assert_eq!(verdict(&l, &p), Verdict::Poor, "{endpoint}");
    }
}

#[test]
fn r_cq_02_excluded_legs_count_in_usage_not_in_ratios() {
    let awful = metrics(900.0, 900.0, 50.0);
    let mut analog = leg(Some(awful), None);
    analog.endpoint_type = EndpointType::Analog;
    analog.feature = Some(Feature::HuntGroup);
    let mut third = leg(Some(awful), None);
    third.endpoint_type = EndpointType::ThirdParty;
    let mut v6 = leg(Some(awful), None);
    v6.ip_version = IpVersion::V6;
    let legs = vec![
        analog,
        third,
        v6,
        leg(Some(good()), None),
        leg(Some(awful), None),
    ];
    let r = weekly_report(&legs, as_of(), &QualityPolicy::default());
    let acme = &r.customers[0].counts;
    assert_eq!((acme.legs, acme.measured, acme.poor), (5, 2, 1));
    assert_eq!(acme.poor_pct, Some(50.0));
    let analog_row = r
        .by_endpoint_type
        .iter()
        .find(|e| e.endpoint_type == EndpointType::Analog)
        .unwrap();
    assert_eq!(
        (
            analog_row.counts.legs,
            analog_row.counts.measured,
            analog_row.counts.poor_pct
        ),
        (1, 0, None)
    );
    // R-CQ-05: the analog leg still counts in feature usage.
    let usage = feature_usage(&legs, r.week);
    assert_eq!(usage.len(), 1);
    assert_eq!(usage[0].hunt_group, 1);
}

#[test]
fn r_cq_03_a_leg_at_sunday_midnight_belongs_to_the_new_week() {
    let p = QualityPolicy::default();
    let mut first = leg(Some(good()), None);
    first.start_time = at(2026, 11, 15, 0, 0, 0); // Sunday 00:00:00: starts the report week
    let mut before = leg(Some(good()), None);
    before.start_time = at(2026, 11, 14, 23, 59, 59); // the week before
    let mut next = leg(Some(good()), None);
    next.start_time = at(2026, 11, 22, 0, 0, 0); // Sunday 00:00:00: the current, incomplete week
    let r = weekly_report(&[first, before, next], as_of(), &p);
    assert_eq!(r.week.start, at(2026, 11, 15, 0, 0, 0));
    assert_eq!(r.week.end, at(2026, 11, 22, 0, 0, 0));
    assert_eq!(r.customers[0].counts.legs, 1);
    assert_eq!(r.trend[7].counts.legs, 1);
    assert_eq!(r.trend[6].counts.legs, 1);
    assert_eq!(r.trend.iter().map(|w| w.counts.legs).sum::<u64>(), 2);
}

#[test]
fn r_cq_03_trend_is_eight_weeks_oldest_first_per_r_kpi_12() {
    let p = QualityPolicy::default();
    let legs: Vec<CallLeg> = (0..10)
        .map(|weeks_back| {
            let mut l = leg(Some(metrics(10.0 * f64::from(weeks_back), 0.0, 0.0)), None);
            // Wednesday of each week, going back from the report week.
            l.start_time = at(2026, 11, 18, 12, 0, 0) - chrono::Duration::weeks(weeks_back.into());
            if weeks_back == 2 {
                l.audio = Some(metrics(10.0, 500.0, 0.0));
            }
            l
        })
        .collect();
    let r = weekly_report(&legs, as_of(), &p);
    assert_eq!(r.trend.len(), 8);
    assert_eq!(r.trend[7].week, r.week);
    assert_eq!(r.trend[0].week.start, at(2026, 9, 27, 0, 0, 0));
    for w in r.trend.windows(2) {
        assert_eq!(w[0].week.end, w[1].week.start);
    }
    assert!(r.trend.iter().all(|w| w.counts.legs == 1));
    assert_eq!(
        r.trend[5].counts.poor, 1,
        "two weeks before the report week"
    );
    assert_eq!(r.trend[5].counts.poor_pct, Some(100.0));
}

#[test]
fn r_cq_03_per_customer_and_by_endpoint_type() {
    let p = QualityPolicy::default();
    let mut legs = Vec::new();
    for (customer, endpoint, bad) in [
        ("beta", EndpointType::DeskPhone, true),
        ("acme", EndpointType::DeskPhone, false),
        ("acme", EndpointType::RoomDevice, true),
        ("acme", EndpointType::RoomDevice, false),
    ] {
        let mut l = leg(
            Some(if bad {
                metrics(200.0, 0.0, 0.0)
            } else {
                good()
            }),
            None,
        );
        l.customer_id = customer.into();
        l.endpoint_type = endpoint;
        legs.push(l);
    }
    let mut old = leg(Some(good()), None);
    old.customer_id = "gamma".into();
    old.start_time = at(2026, 1, 1, 0, 0, 0);
    legs.push(old);
    let r = weekly_report(&legs, as_of(), &p);
    let ids: Vec<&str> = r.customers.iter().map(|c| c.customer_id.as_str()).collect();
    assert_eq!(ids, ["acme", "beta", "gamma"]);
    assert_eq!(r.customers[0].counts.poor, 1);
    assert!((r.customers[0].counts.poor_pct.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(r.customers[1].counts.poor_pct, Some(100.0));
    assert_eq!(
        r.customers[2].counts.poor_pct, None,
        "no legs that week: null, not NaN"
    );
    let types: Vec<(EndpointType, u64, u64)> = r
        .by_endpoint_type
        .iter()
        .map(|e| (e.endpoint_type, e.counts.legs, e.counts.poor))
        .collect();
    assert_eq!(
        types,
        [
            (EndpointType::DeskPhone, 2, 1),
            (EndpointType::RoomDevice, 2, 1)
        ]
    );
}

#[test]
fn r_cq_03_report_json_has_the_cli_keys() {
    let r = weekly_report(
        &[leg(Some(good()), None)],
        as_of(),
        &QualityPolicy::default(),
    );
    let json = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "by_endpoint_type",
            "customers",
            "rejected_rows",
            "trend",
            "week"
        ]
    );
    assert_eq!(json["week"]["start"], "2026-11-15T00:00:00Z");
    assert_eq!(
        json["customers"][0],
        serde_json::json!({"customer_id": "acme", "legs": 1, "measured": 1, "poor": 0, "poor_pct": 0.0})
    );
    assert_eq!(json["by_endpoint_type"][0]["endpoint_type"], "webex_app");
    assert_eq!(json["trend"][0]["poor_pct"], serde_json::Value::Null);
}

#[test]
fn r_cq_01_columns_of_different_lengths_are_a_typed_error() {
    let b = LegColumnBuffers::from_legs(&[leg(Some(good()), None), leg(None, None)]);
    let mut cols = b.as_columns();
    cols.ip_version = &[4];
    let err = classify_columns_to_vec(&cols, &QualityPolicy::default()).unwrap_err();
    assert!(matches!(
        err,
        QualityError::ColumnLength {
            column: "ip_version",
            expected: 2,
            found: 1
        }
    ));
    assert_eq!(err.code(), Code::LegColumnsLengthMismatch);
    let mut out = [0u8; 3];
    assert!(classify_columns(&b.as_columns(), &QualityPolicy::default(), &mut out).is_err());
}

#[test]
fn r_cq_02_columnar_unknown_codes() {
    // Unknown endpoint codes count as `other`; IP codes other than 4 are not measured.
    let nan = f64::NAN;
    let cols = LegColumns {
        audio_jitter_ms: &[200.0, 200.0, 10.0],
        audio_latency_ms: &[0.0, 0.0, nan],
        audio_loss_pct: &[0.0, 0.0, nan],
        video_jitter_ms: &[nan; 3],
        video_latency_ms: &[nan; 3],
        video_loss_pct: &[nan; 3],
        endpoint_type: &[77, 0, 0],
        ip_version: &[4, 5, 4],
    };
    let out = classify_columns_to_vec(&cols, &QualityPolicy::default()).unwrap();
    // A stream with only jitter reported is measured.
    assert_eq!(out, [Verdict::POOR, Verdict::NOT_MEASURED, Verdict::GOOD]);
}

fn call(customer: &str, outcome: QueueOutcome, wait_seconds: u32, day: u32) -> QueuedCall {
    QueuedCall {
        customer_id: customer.into(),
        queue: "sales".into(),
        start_time: at(2026, 11, day, 10, 0, 0),
        outcome,
        wait_seconds,
    }
}

#[test]
fn r_cq_04_queue_kpis_per_customer_and_pooled_for_the_last_week() {
    let calls = vec![
        call("acme", QueueOutcome::Answered, 10, 16),
        call("acme", QueueOutcome::MovedToOtherQueue, 30, 17),
        call("acme", QueueOutcome::Abandoned, 60, 18),
        call("beta", QueueOutcome::Abandoned, 120, 21),
        call("beta", QueueOutcome::Answered, 999, 22), // next week: ignored
        call("beta", QueueOutcome::Answered, 999, 14), // week before: ignored
    ];
    let r = queue_kpis(&calls, as_of());
    assert_eq!(r.customers.len(), 2);
    let acme = &r.customers[0].kpis;
    assert_eq!(
        (acme.calls, acme.answered, acme.moved, acme.abandoned),
        (3, 1, 1, 1)
    );
    assert_eq!(acme.avg_answer_seconds, Some(20.0));
    assert_eq!(acme.avg_abandon_wait_seconds, Some(60.0));
    let beta = &r.customers[1].kpis;
    assert_eq!(
        beta.avg_answer_seconds, None,
        "no answered call: None, not NaN"
    );
    assert_eq!(beta.abandonment_pct, Some(100.0));
    assert_eq!(r.pooled.calls, 4);
    assert_eq!(r.pooled.abandonment_pct, Some(50.0));
    assert_eq!(r.pooled.avg_abandon_wait_seconds, Some(90.0));
    let empty = queue_kpis(&[], as_of());
    assert_eq!(empty.pooled.abandonment_pct, None);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["customers"][0]["customer_id"], "acme");
    assert!(json["pooled"].get("answer_wait_total").is_none());
}

#[test]
fn r_cq_05_feature_usage_per_customer() {
    let mut legs = Vec::new();
    for (customer, feature) in [
        ("acme", Some(Feature::CallQueue)),
        ("acme", Some(Feature::CallQueue)),
        ("acme", Some(Feature::AutoAttendant)),
        ("acme", None),
        ("beta", Some(Feature::HuntGroup)),
        ("gamma", None),
    ] {
        let mut l = leg(None, None);
        l.customer_id = customer.into();
        l.feature = feature;
        legs.push(l);
    }
    let usage = feature_usage(
        &legs,
        weekly_report(&[], as_of(), &QualityPolicy::default()).week,
    );
    assert_eq!(
        usage,
        vec![
            FeatureUsage {
                customer_id: "acme".into(),
                call_queue: 2,
                hunt_group: 0,
                auto_attendant: 1
            },
            FeatureUsage {
                customer_id: "beta".into(),
                call_queue: 0,
                hunt_group: 1,
                auto_attendant: 0
            },
        ]
    );
}

#[test]
fn r_cq_01_typed_legs_report_negative_infinite_and_over_100_loss() {
    let l = leg(
        Some(metrics(-1.0, f64::INFINITY, 0.0)),
        Some(metrics(f64::NAN, 10.0, 100.5)),
    );
    let fields: Vec<String> = l
        .problems()
        .into_iter()
        .map(|p| {
            assert_eq!(p.code, Code::LegMetricInvalid);
            p.field.unwrap()
        })
        .collect();
    // NaN is "not reported" in a typed leg, not a problem.
    assert_eq!(
        fields,
        ["audio_jitter_ms", "audio_latency_ms", "video_loss_pct"]
    );
    assert!(leg(Some(good()), Some(metrics(150.0, 400.0, 100.0)))
        .problems()
        .is_empty());
}
