//! Properties of the classifier (R-CQ-01, R-CQ-02): monotonicity, and the
//! scalar and columnar paths agreeing on every input.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use wholesale_core::quality::*;

/// A metric value: NaN (not reported), a threshold-edge value, or anything in range.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(f64::NAN),
        1 => prop::sample::select(vec![0.0, 5.0, 5.001, 150.0, 150.001, 400.0, 400.001]),
        4 => 0.0..1000.0f64,
    ]
}

fn stream() -> impl Strategy<Value = Option<StreamMetrics>> {
    prop::option::of(
        (value(), value(), value()).prop_map(|(jitter_ms, latency_ms, loss_pct)| StreamMetrics {
            jitter_ms,
            latency_ms,
            loss_pct,
        }),
    )
}

fn leg() -> impl Strategy<Value = CallLeg> {
    (
        prop::sample::select(EndpointType::ALL.to_vec()),
        prop::bool::ANY,
        stream(),
        stream(),
    )
        .prop_map(|(endpoint_type, v6, audio, video)| CallLeg {
            customer_id: "c".into(),
            leg_id: "l".into(),
            start_time: Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
            endpoint_type,
            ip_version: if v6 { IpVersion::V6 } else { IpVersion::V4 },
            audio,
            video,
            feature: None,
        })
}

fn policy() -> impl Strategy<Value = QualityPolicy> {
    (0.0..300.0f64, 0.0..800.0f64, 0.0..10.0f64, prop::bool::ANY).prop_map(|(j, l, p, all)| {
        QualityPolicy {
            jitter_ms: j,
            latency_ms: l,
            loss_pct: p,
            combine: if all { Combine::All } else { Combine::Any },
        }
    })
}

fn any_policy() -> impl Strategy<Value = QualityPolicy> {
    prop_oneof![
        Just(QualityPolicy::default()),
        Just(QualityPolicy {
            combine: Combine::All,
            ..QualityPolicy::default()
        }),
        policy(),
    ]
}

fn metric_mut(m: &mut StreamMetrics, metric: Metric) -> &mut f64 {
    match metric {
        Metric::Jitter => &mut m.jitter_ms,
        Metric::Latency => &mut m.latency_ms,
        Metric::Loss => &mut m.loss_pct,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// R-CQ-01: worsening any reported metric never turns a poor leg good
    /// (nor changes whether it is measured).
    #[test]
    fn r_cq_01_worsening_a_metric_never_turns_poor_into_good(
        l in leg(),
        p in any_policy(),
        audio in prop::bool::ANY,
        metric in prop::sample::select(Metric::ALL.to_vec()),
        worse_by in 0.0..1000.0f64,
    ) {
        let before = classify(&l, &p).verdict;
        let mut worse = l.clone();
        let stream = if audio { worse.audio.as_mut() } else { worse.video.as_mut() };
        if let Some(m) = stream {
            let v = metric_mut(m, metric);
            if !v.is_nan() {
                *v += worse_by;
            }
        }
        let after = classify(&worse, &p).verdict;
        if before == Verdict::Poor {
            prop_assert_eq!(after, Verdict::Poor);
        }
        prop_assert_eq!(before == Verdict::NotMeasured, after == Verdict::NotMeasured);
        prop_assert!(after >= before, "{:?} -> {:?}", before, after);
    }

    /// R-CQ-01, R-CQ-02: the scalar and columnar paths agree on every leg,
    /// including NaN streams, half-reported streams and excluded endpoints.
    #[test]
    fn r_cq_01_scalar_and_columnar_agree(
        legs in prop::collection::vec(leg(), 0..256),
        p in any_policy(),
    ) {
        let buffers = LegColumnBuffers::from_legs(&legs);
        let result = classify_columns_to_vec(&buffers.as_columns(), &p);
        // R-CQ-01: the columnar path refuses the values the leg path refuses.
        if legs.iter().any(|l| !l.problems().is_empty()) {
            let err = result.unwrap_err();
            prop_assert_eq!(err.code().as_str(), "LEG_METRIC_INVALID");
            return Ok(());
        }
        let codes = result.unwrap();
        prop_assert_eq!(codes.len(), legs.len());
        for (l, &code) in legs.iter().zip(&codes) {
            let scalar = classify(l, &p);
            prop_assert_eq!(Verdict::from_code(code), Some(scalar.verdict), "{:?}", l);
            // A poor leg always names why; a not-measured leg always says why not.
            if scalar.verdict == Verdict::Poor {
                prop_assert!(!scalar.reasons.is_empty());
            }
            prop_assert_eq!(scalar.verdict == Verdict::NotMeasured, scalar.excluded.is_some());
        }
    }
}
