//! Analytics weeks (`wholesale_core::week`, R-KPI-12).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use chrono::{DateTime, NaiveDate, Utc};
use wholesale_core::week::Week;

/// The last completed analytics week (R-KPI-12) as of a day `YYYY-MM-DD`
/// (its start, 00:00 UTC) or an RFC 3339 instant with an offset.
pub fn last_completed_week(as_of: &str) -> Result<Week, ErrorInfo> {
    let text = as_of.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Week::last_completed_on(day));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| Week::last_completed(t.with_timezone(&Utc)))
        .map_err(|_| {
            ErrorInfo::input_invalid(
                "as_of",
                format!(
                    "as_of: {:?} is not a date (YYYY-MM-DD) or an RFC 3339 instant with an offset",
                    text.chars().take(40).collect::<String>()
                ),
            )
        })
}

/// `lastCompletedWeek(asOf)`: `{start, end}` as RFC 3339 UTC strings. `asOf`
/// is `YYYY-MM-DD`, an RFC 3339 instant, or a valid JS `Date`.
#[wasm_bindgen(js_name = lastCompletedWeek, unchecked_return_type = "Week")]
pub fn last_completed_week_js(
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let text = match as_of.dyn_ref::<js_sys::Date>() {
        Some(date) if !date.get_time().is_nan() => String::from(date.to_iso_string()),
        Some(_) => {
            return Err(error_to_js(&ErrorInfo::input_invalid(
                "as_of",
                "as_of: the Date is invalid",
            )))
        }
        None => arg_string(&as_of, "as_of")?,
    };
    result_to_js(last_completed_week(&text))
}
