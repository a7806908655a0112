//! The call-leg and queued-call CSV readers: bad rows are rejected with their
//! line and column, never dropped silently (R-CQ-01..05).

use wholesale_core::quality::*;
use wholesale_core::Code;

const HEADER: &str = "customer_id,leg_id,start_time,endpoint_type,ip_version,audio_jitter_ms,audio_latency_ms,audio_loss_pct,video_jitter_ms,video_latency_ms,video_loss_pct";

fn read(rows: &[&str]) -> LegsRead {
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    read_legs(text.as_bytes()).unwrap()
}

fn only_problem(read: &LegsRead) -> (u64, Code, Option<String>, String) {
    assert_eq!(read.rejected.len(), 1, "{:?}", read.rejected);
    let row = &read.rejected[0];
    assert_eq!(row.problems.len(), 1, "{:?}", row.problems);
    let p = &row.problems[0];
    (row.line, p.code, p.field.clone(), p.message.clone())
}

#[test]
fn r_cq_01_good_rows_parse_with_blank_streams_as_none() {
    let r = read(&[
        "acme,1,2026-11-18T09:30:00Z,webex_app,4,12,80,0.1,20,90,0.2",
        "acme,2,2026-11-18T10:30:00+01:00,Desk phone,IPv6,12,80,0.1,,,",
        "acme,3,2026-11-18T09:30:00Z,room-device,v4,,,,20,90,0.2",
        "acme,4,2026-11-18T09:30:00Z,analog,4,,,,,,",
    ]);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(r.legs.len(), 4);
    assert!(r.legs[0].audio.is_some() && r.legs[0].video.is_some());
    assert_eq!(r.legs[1].endpoint_type, EndpointType::DeskPhone);
    assert_eq!(r.legs[1].ip_version, IpVersion::V6);
    assert_eq!(
        r.legs[1].start_time.to_rfc3339(),
        "2026-11-18T09:30:00+00:00"
    );
    assert_eq!(r.legs[1].video, None);
    assert_eq!(r.legs[2].audio, None);
    assert_eq!(r.legs[2].endpoint_type, EndpointType::RoomDevice);
    assert_eq!((r.legs[3].audio, r.legs[3].video), (None, None));
}

#[test]
fn r_cq_01_nan_infinite_negative_metrics_are_rejected_with_line_and_column() {
    for (value, column, hint) in [
        ("NaN", "audio_jitter_ms", "not a finite number"),
        ("inf", "audio_jitter_ms", "not a finite number"),
        ("-1", "audio_jitter_ms", "negative"),
        ("abc", "audio_jitter_ms", "not a number"),
    ] {
        let r = read(&[
            "acme,1,2026-11-18T09:30:00Z,webex_app,4,12,80,0.1,,,",
            &format!("acme,2,2026-11-18T09:30:00Z,webex_app,4,{value},80,0.1,,,"),
        ]);
        assert_eq!(r.legs.len(), 1);
        let (line, code, field, message) = only_problem(&r);
        assert_eq!(line, 3);
        assert_eq!(code, Code::LegMetricInvalid);
        assert_eq!(field.as_deref(), Some(column));
        assert!(message.contains(hint), "{message}");
    }
    let r = read(&["acme,2,2026-11-18T09:30:00Z,webex_app,4,1,80,0.1,1,1,101"]);
    let (_, code, field, _) = only_problem(&r);
    assert_eq!(
        (code, field.as_deref()),
        (Code::LegMetricInvalid, Some("video_loss_pct"))
    );
}

#[test]
fn r_cq_01_a_half_blank_stream_is_rejected() {
    let r = read(&["acme,1,2026-11-18T09:30:00Z,webex_app,4,12,,0.1,,,"]);
    let (line, code, field, _) = only_problem(&r);
    assert_eq!(
        (line, code, field.as_deref()),
        (2, Code::LegStreamIncomplete, Some("audio"))
    );
}

#[test]
fn r_cq_02_unknown_endpoint_and_ip_version_are_rejected() {
    let r = read(&["acme,1,2026-11-18T09:30:00Z,fax_machine,5,12,80,0.1,,,"]);
    assert_eq!(r.rejected.len(), 1);
    let codes: Vec<Code> = r.rejected[0].problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::LegEndpointUnknown, Code::LegIpVersionInvalid]);
}

#[test]
fn r_cq_03_every_problem_of_a_row_is_reported_and_counted() {
    let r = read(&[
        ",1,yesterday,webex_app,4,NaN,80,0.1,,,",
        "acme,2,2026-11-18T09:30:00Z,webex_app,4,12,80",
        "acme,3,2026-11-18T09:30:00Z,webex_app,4,12,80,0.1,,,",
    ]);
    assert_eq!(r.legs.len(), 1);
    assert_eq!(r.rejected.len(), 2);
    let codes: Vec<Code> = r.rejected[0].problems.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [
            Code::LegFieldRequired,
            Code::LegTimeInvalid,
            Code::LegMetricInvalid
        ]
    );
    assert_eq!(r.rejected[1].line, 3);
    assert_eq!(r.rejected[1].problems[0].code, Code::LegRowMalformed);
    // The report carries them.
    let report = r.report(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &QualityPolicy::default(),
    );
    assert_eq!(report.rejected_rows.len(), 2);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["rejected_rows"][0]["line"], 2);
    assert_eq!(
        json["rejected_rows"][0]["problems"][0]["code"],
        "LEG_FIELD_REQUIRED"
    );
    assert_eq!(json["rejected_rows"][0]["problems"][0]["rule"], "R-CQ-03");
}

#[test]
fn r_cq_03_missing_column_is_an_error_naming_it() {
    let text = "customer_id,leg_id,start_time,endpoint_type,audio_jitter_ms\n";
    let err = read_legs(text.as_bytes()).unwrap_err();
    assert_eq!(err.code(), Code::LegHeaderMissing);
    let message = err.to_string();
    assert!(
        message.contains("ip_version") && message.contains("video_loss_pct"),
        "{message}"
    );
}

#[test]
fn r_cq_03_columns_in_any_order_with_bom_and_spaces() {
    let text = "\u{feff}leg_id, customer_id ,start_time,endpoint_type,ip_version,video_jitter_ms,video_latency_ms,video_loss_pct,audio_jitter_ms,audio_latency_ms,audio_loss_pct\n\
                1,acme,2026-11-18T09:30:00Z,webex_app,4,,,,1,2,3\n";
    let r = read_legs(text.as_bytes()).unwrap();
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(r.legs[0].customer_id, "acme");
    assert_eq!(r.legs[0].audio.unwrap().loss_pct, 3.0);
    assert_eq!(r.legs[0].video, None);
}

#[test]
fn r_cq_05_optional_feature_column() {
    let text = format!(
        "{HEADER},feature\n\
         acme,1,2026-11-18T09:30:00Z,webex_app,4,,,,,,,call queue\n\
         acme,2,2026-11-18T09:30:00Z,webex_app,4,,,,,,,\n\
         acme,3,2026-11-18T09:30:00Z,webex_app,4,,,,,,,voicemail\n"
    );
    let r = read_legs(text.as_bytes()).unwrap();
    assert_eq!(r.legs.len(), 2);
    assert_eq!(r.legs[0].feature, Some(Feature::CallQueue));
    assert_eq!(r.legs[1].feature, None);
    assert_eq!(r.rejected[0].problems[0].code, Code::LegFeatureUnknown);
}

#[test]
fn r_cq_04_queued_call_csv() {
    let text = "customer_id,queue,start_time,outcome,wait_seconds\n\
                acme,sales,2026-11-18T09:30:00Z,answered,25\n\
                acme,sales,2026-11-18T09:31:00Z,left message,40\n\
                acme,sales,2026-11-18T09:32:00Z,abandoned,-4\n\
                acme,,2026-11-18T09:33:00Z,moved,4\n";
    let r = read_queued_calls(text.as_bytes()).unwrap();
    assert_eq!(r.calls.len(), 2);
    assert_eq!(r.calls[1].outcome, QueueOutcome::Abandoned);
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(r.rejected[0].line, 4);
    assert_eq!(r.rejected[0].problems[0].code, Code::QueueWaitInvalid);
    assert_eq!(r.rejected[1].problems[0].code, Code::QueueFieldInvalid);
    let err = read_queued_calls("customer_id,queue\n".as_bytes()).unwrap_err();
    assert_eq!(err.code(), Code::QueueHeaderMissing);
}
