//! Partner Hub reports (`wholesale_core::report`, R-REP).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::org::DataRegion;
use wholesale_core::report::{
    self, read_report_of_kind, AnyReportRows, ReportFileName, ReportKind, ReportRow, ReportTable,
};

/// A report of one row type read from a `data` argument (text or bytes).
pub fn read_table<R: ReportRow>(data: &JsValue) -> Result<ReportTable<R>, JsValue> {
    let bytes = arg_file_bytes(data, "data")?;
    report::read_report::<R>(bytes.as_slice()).map_err(|e| error_to_js(&ErrorInfo::of(&e)))
}

/// `readReport(kind, data)`: `{rows, problems}` of a Partner Hub report
/// (R-REP-01). Missing columns throw `REPORT_COLUMN_MISSING` with `problems`.
#[wasm_bindgen(js_name = readReport, unchecked_return_type = "AnyReportTable")]
pub fn read_report(
    #[wasm_bindgen(unchecked_param_type = "ReportKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
) -> Result<JsValue, JsValue> {
    let kind: ReportKind = from_js(kind, "kind")?;
    let bytes = arg_file_bytes(&data, "data")?;
    let table =
        read_report_of_kind(kind, bytes.as_slice()).map_err(|e| error_to_js(&ErrorInfo::of(&e)))?;
    to_js(&table)
}

/// `writeReport(kind, rows)`: the report's CSV text for rows as
/// `readReport` returns them (R-REP-01).
#[wasm_bindgen(js_name = writeReport, unchecked_return_type = "string")]
pub fn write_report(
    #[wasm_bindgen(unchecked_param_type = "ReportKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<AnyReportRow>")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let kind: ReportKind = from_js(kind, "kind")?;
    let rows = AnyReportRows::deserialize_kind(kind, serde_wasm_bindgen::Deserializer::from(rows))
        .map_err(|e| error_to_js(&ErrorInfo::input_invalid("rows", format!("rows: {e}"))))?;
    let mut out = Vec::new();
    rows.write(&mut out)
        .map_err(|e| error_to_js(&ErrorInfo::of(&e)))?;
    Ok(JsValue::from_str(&String::from_utf8_lossy(&out)))
}

/// `reportKinds()`: the kinds `readReport` and `writeReport` accept.
#[wasm_bindgen(js_name = reportKinds, unchecked_return_type = "ReportKind[]")]
pub fn report_kinds() -> Result<JsValue, JsValue> {
    to_js(ReportKind::ALL)
}

/// `parseReportFileName(name)`: `{template, id, date}` (R-REP-03); an
/// invalid name throws `REPORT_FILE_NAME_INVALID` with `problems`.
#[wasm_bindgen(js_name = parseReportFileName, unchecked_return_type = "ReportFileName")]
pub fn parse_report_file_name(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
) -> Result<JsValue, JsValue> {
    match ReportFileName::parse(&arg_string(&name, "name")?) {
        Ok(parsed) => to_js(&parsed),
        Err(problem) => Err(error_to_js(&ErrorInfo::from(problem))),
    }
}

/// `reportFileName(template, id, date, extension = true)`:
/// `<template>_<id>_<date>[.csv]` (R-REP-03); a name that would not parse
/// back to the same parts throws `REPORT_FILE_NAME_INVALID`.
#[wasm_bindgen(js_name = reportFileName, unchecked_return_type = "string")]
pub fn report_file_name(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Day")] date: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "boolean")] extension: JsValue,
) -> Result<JsValue, JsValue> {
    // R-REP-05: a name that would not parse back to these parts is refused.
    let name = ReportFileName::new(
        arg_string(&template, "template")?,
        arg_string(&id, "id")?,
        day(&date, "date")?,
    )
    .map_err(|problem| error_to_js(&ErrorInfo::from(problem)))?;
    let extension = if extension.is_undefined() || extension.is_null() {
        true
    } else {
        arg_bool(&extension, "extension")?
    };
    Ok(JsValue::from_str(&if extension {
        name.file_name()
    } else {
        name.to_string()
    }))
}

/// `regionSelector(regions)`: the regions the Partner Hub region selector
/// offers (R-REP-04).
#[wasm_bindgen(js_name = regionSelector, unchecked_return_type = "DataRegion[]")]
pub fn region_selector(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<DataRegion>")] regions: JsValue,
) -> Result<JsValue, JsValue> {
    let regions: Vec<DataRegion> = from_js(regions, "regions")?;
    to_js(&report::region_selector(regions))
}
