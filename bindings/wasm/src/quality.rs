//! Call quality (`wholesale_core::quality`, R-CQ-01..05): one leg, the CSV
//! readers, the weekly report, queue KPIs, feature usage, and the columnar
//! classifier over typed arrays.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wholesale_core::quality::{
    self, CallLeg, EndpointType, LegColumns, QualityError, QualityPolicy, QueuedCall, RejectedRow,
    Verdict,
};
use wholesale_core::week::Week;

#[allow(unused_imports)]
use crate::convert::*;

fn quality_error(err: &QualityError) -> JsValue {
    error_to_js(&ErrorInfo::of(err))
}

/// The policy from `undefined` (the core default) or an object of
/// overrides, validated (`QUALITY_POLICY_INVALID`).
pub fn policy(value: JsValue) -> Result<QualityPolicy, JsValue> {
    checked_options(value, "policy")
}

/// Legs and rejected rows from an array of leg objects or a call-leg CSV.
fn legs_or_csv(value: JsValue) -> Result<(Vec<CallLeg>, Vec<RejectedRow>), JsValue> {
    if js_sys::Array::is_array(&value) {
        let legs: Vec<CallLeg> = from_js(value, "legs")?;
        let findings = quality::legs_problems(&legs);
        if findings.iter().next().is_some() {
            return Err(error_to_js(&ErrorInfo::findings(findings)));
        }
        return Ok((legs, Vec::new()));
    }
    let bytes = arg_file_bytes(&value, "data")?;
    let read = quality::read_legs(bytes.as_slice()).map_err(|e| quality_error(&e))?;
    Ok((read.legs, read.rejected))
}

/// `classifyLeg(leg, policy?)`: `{verdict, reasons, excluded}` of one leg
/// (R-CQ-01, R-CQ-02). An invalid metric throws `LEG_METRIC_INVALID`.
#[wasm_bindgen(js_name = classifyLeg, unchecked_return_type = "Classification")]
pub fn classify_leg(
    #[wasm_bindgen(unchecked_param_type = "CallLegInput")] leg: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<QualityPolicy>")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let policy = self::policy(policy)?;
    let leg: CallLeg = from_js(leg, "leg")?;
    let problems = leg.problems();
    if !problems.is_empty() {
        return Err(error_to_js(&ErrorInfo::findings(
            problems.into_iter().collect(),
        )));
    }
    to_js(&quality::classify(&leg, &policy))
}

/// `readCallLegs(data)`: `{legs, rejected}` of a call-leg CSV.
#[wasm_bindgen(js_name = readCallLegs, unchecked_return_type = "LegsRead")]
pub fn read_call_legs(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = arg_file_bytes(&data, "data")?;
    let read = quality::read_legs(bytes.as_slice()).map_err(|e| quality_error(&e))?;
    to_js(&read)
}

/// `readQueuedCalls(data)`: `{calls, rejected}` of a queued-call CSV.
#[wasm_bindgen(js_name = readQueuedCalls, unchecked_return_type = "QueuedCallsRead")]
pub fn read_queued_calls(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = arg_file_bytes(&data, "data")?;
    let read = quality::read_queued_calls(bytes.as_slice()).map_err(|e| quality_error(&e))?;
    to_js(&read)
}

/// `weeklyQualityReport(legs, asOf, policy?)`: the weekly call-quality
/// report (R-CQ-03) from a call-leg CSV (its rejected rows included) or an
/// array of leg objects.
#[wasm_bindgen(js_name = weeklyQualityReport, unchecked_return_type = "QualityReport")]
pub fn weekly_quality_report(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<CallLegInput> | string | Uint8Array")]
    legs: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<QualityPolicy>")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let policy = self::policy(policy)?;
    let as_of = day(&as_of, "as_of")?;
    let (legs, rejected) = legs_or_csv(legs)?;
    let mut report = quality::weekly_report(&legs, as_of, &policy);
    report.rejected_rows = rejected;
    to_js(&report)
}

/// `featureUsage(legs, week)`: per customer, the legs of the week that used
/// each advanced feature (R-CQ-05). `week` is a `Week` (`{start, end}`) or a
/// day meaning its last completed week.
#[wasm_bindgen(js_name = featureUsage, unchecked_return_type = "FeatureUsage[]")]
pub fn feature_usage(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<CallLegInput> | string | Uint8Array")]
    legs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Week | Day")] week: JsValue,
) -> Result<JsValue, JsValue> {
    let week = if week.is_object() && !week.is_instance_of::<js_sys::Date>() {
        let start = option(&week, "week", "start")?;
        let start = crate::convert::arg_string(&start, "week.start")?;
        let start = chrono::DateTime::parse_from_rfc3339(start.trim()).map_err(|_| {
            error_to_js(&ErrorInfo::input_invalid(
                "week.start",
                "week.start must be an RFC 3339 instant (a Week from lastCompletedWeek)",
            ))
        })?;
        Week::containing(start.with_timezone(&chrono::Utc))
    } else {
        Week::last_completed_on(day(&week, "week")?)
    };
    let (legs, _) = legs_or_csv(legs)?;
    to_js(&quality::feature_usage(&legs, week))
}

/// `queueKpis(calls, asOf)`: call-queue KPIs for the last completed week
/// (R-CQ-04) from a queued-call CSV (its rejected rows included) or an
/// array of call objects.
#[wasm_bindgen(js_name = queueKpis, unchecked_return_type = "QueueReport")]
pub fn queue_kpis(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<QueuedCall> | string | Uint8Array")]
    calls: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = day(&as_of, "as_of")?;
    if js_sys::Array::is_array(&calls) {
        let calls: Vec<QueuedCall> = from_js(calls, "calls")?;
        return to_js(&quality::queue_kpis(&calls, as_of));
    }
    let bytes = arg_file_bytes(&calls, "data")?;
    let read = quality::read_queued_calls(bytes.as_slice()).map_err(|e| quality_error(&e))?;
    to_js(&read.report(as_of))
}

fn f64_column(columns: &JsValue, name: &str) -> Result<Vec<f64>, JsValue> {
    let value = option(columns, "columns", name)?;
    value
        .dyn_ref::<js_sys::Float64Array>()
        .map(js_sys::Float64Array::to_vec)
        .ok_or_else(|| {
            error_to_js(&ErrorInfo::input_invalid(
                name,
                format!("columns.{name} must be a Float64Array"),
            ))
        })
}

fn u8_column(columns: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    let value = option(columns, "columns", name)?;
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| {
            error_to_js(&ErrorInfo::input_invalid(
                name,
                format!("columns.{name} must be a Uint8Array"),
            ))
        })
}

/// `classifyColumns(columns, policy?)`: the columnar classifier (R-CQ-01,
/// R-CQ-02). `columns` holds the eight columns of Python's
/// `classify_columns` by name: six `Float64Array` metrics (NaN = not
/// reported) and `endpoint_type` / `ip_version` as `Uint8Array`. Returns a
/// `Uint8Array` of verdict codes (`VERDICT_*`). Columns of different
/// lengths throw `LEG_COLUMNS_LENGTH_MISMATCH`.
#[wasm_bindgen(js_name = classifyColumns, unchecked_return_type = "Uint8Array")]
pub fn classify_columns(
    #[wasm_bindgen(unchecked_param_type = "LegColumnArrays")] columns: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<QualityPolicy>")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let policy = self::policy(policy)?;
    let aj = f64_column(&columns, "audio_jitter_ms")?;
    let al = f64_column(&columns, "audio_latency_ms")?;
    let ap = f64_column(&columns, "audio_loss_pct")?;
    let vj = f64_column(&columns, "video_jitter_ms")?;
    let vl = f64_column(&columns, "video_latency_ms")?;
    let vp = f64_column(&columns, "video_loss_pct")?;
    let et = u8_column(&columns, "endpoint_type")?;
    let ip = u8_column(&columns, "ip_version")?;
    let cols = LegColumns {
        audio_jitter_ms: &aj,
        audio_latency_ms: &al,
        audio_loss_pct: &ap,
        video_jitter_ms: &vj,
        video_latency_ms: &vl,
        video_loss_pct: &vp,
        endpoint_type: &et,
        ip_version: &ip,
    };
    let out = quality::classify_columns_to_vec(&cols, &policy).map_err(|e| quality_error(&e))?;
    Ok(js_sys::Uint8Array::from(out.as_slice()).into())
}

/// `endpointTypeCodes()`: `{name: code}` of the endpoint types, for the
/// `endpoint_type` column of `classifyColumns`.
#[wasm_bindgen(js_name = endpointTypeCodes, unchecked_return_type = "Record<EndpointType, number>")]
pub fn endpoint_type_codes() -> Result<JsValue, JsValue> {
    let pairs: std::collections::BTreeMap<&str, u8> = EndpointType::ALL
        .iter()
        .map(|e| (e.as_str(), e.code()))
        .collect();
    to_js(&pairs)
}

/// `verdictCodes()`: the verdict codes `classifyColumns` returns,
/// `{not_measured, good, poor}` (Python: `VERDICT_*` constants).
#[wasm_bindgen(js_name = verdictCodes, unchecked_return_type = "VerdictCodes")]
pub fn verdict_codes() -> Result<JsValue, JsValue> {
    to_js(&serde_json::json!({
        "not_measured": Verdict::NOT_MEASURED,
        "good": Verdict::GOOD,
        "poor": Verdict::POOR,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_cq_errors_carry_code_and_field() {
        let nan = [f64::NAN];
        let two = [1.0, 2.0];
        let cols = LegColumns {
            audio_jitter_ms: &nan,
            audio_latency_ms: &two,
            audio_loss_pct: &nan,
            video_jitter_ms: &nan,
            video_latency_ms: &nan,
            video_loss_pct: &nan,
            endpoint_type: &[0],
            ip_version: &[4],
        };
        let err = quality::classify_columns_to_vec(&cols, &QualityPolicy::default()).unwrap_err();
        let info = ErrorInfo::of(&err);
        assert_eq!(info.code, "LEG_COLUMNS_LENGTH_MISMATCH");
        assert_eq!(info.field.as_deref(), Some("audio_latency_ms"));
        let err = quality::read_legs(&b"customer_id\nx\n"[..]).unwrap_err();
        let info = ErrorInfo::of(&err);
        assert_eq!(info.code, "LEG_HEADER_MISSING");
        assert!(info.rule.is_some());
        let bad = QualityPolicy {
            loss_pct: f64::NAN,
            ..QualityPolicy::default()
        };
        let info = ErrorInfo::of(&bad.validate().unwrap_err());
        assert_eq!(info.field.as_deref(), Some("policy.loss_pct"));
    }

    #[test]
    fn r_cq_leg_problems_name_the_leg() {
        let text = "customer_id,leg_id,start_time,endpoint_type,ip_version,audio_jitter_ms,audio_latency_ms,audio_loss_pct,video_jitter_ms,video_latency_ms,video_loss_pct\nc,1,2026-11-18T09:00:00Z,webex_app,4,1,1,0,,,\n";
        let mut legs = quality::read_legs(text.as_bytes()).unwrap().legs;
        assert!(quality::legs_problems(&legs).iter().next().is_none());
        if let Some(audio) = legs[0].audio.as_mut() {
            audio.loss_pct = 101.0;
        }
        let problems: Vec<_> = quality::legs_problems(&legs).into_iter().collect();
        assert_eq!(problems[0].field.as_deref(), Some("legs[0].audio_loss_pct"));
    }
}
