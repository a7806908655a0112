//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..21).

use wasm_bindgen::prelude::*;
use wholesale_core::csv_import::{self, ImportOptions, ImportOptionsArg, MAX_FILE_BYTES};

use crate::convert::{arg_bytes_bounded, arg_string, error_to_js, from_js, to_js, ErrorInfo};

/// The import options from the JS options object (`undefined` for the
/// defaults), read by the core's [`ImportOptionsArg`]: unknown keys are
/// `INPUT_INVALID` naming the key, a refused snapshot keeps its
/// `SNAPSHOT_*` code and key path (R-CSV-21).
pub fn import_options(options: JsValue) -> Result<ImportOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(ImportOptions::default());
    }
    let arg: ImportOptionsArg = from_js(options, "options")?;
    arg.into_options()
        .map_err(|e| error_to_js(&ErrorInfo::of(&e)))
}

/// `checkCsv(data, {behavior?, org?})`: the import plan of a Control Hub CSV
/// `{file_errors, file_warnings, rows, summary}` (the core's JSON). `data` is
/// the text, or the file's bytes (`Uint8Array`: UTF-16 files and BOMs are
/// decoded by the core). One call for the whole file. At most
/// `maxFileBytes() + 1` bytes of `data` enter wasm memory: a larger file is
/// a plan with the core's `FILE_TOO_LARGE` file error (R-CSV-04).
#[wasm_bindgen(js_name = checkCsv, unchecked_return_type = "ImportPlan")]
pub fn check_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckCsvOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = import_options(options)?;
    let bytes = arg_bytes_bounded(&data, "data", MAX_FILE_BYTES)?;
    to_js(&csv_import::check_bytes(&bytes, &opts))
}

/// `maxFileBytes()`: the largest file, in bytes, that `checkCsv` plans and
/// the report and call readers read (the core's `MAX_FILE_BYTES`, R-CSV-04).
#[wasm_bindgen(js_name = maxFileBytes)]
pub fn max_file_bytes() -> usize {
    MAX_FILE_BYTES
}

/// `remediationFor(message)`: the fix for an error message Control Hub
/// reported after an import (R-CSV-19), `{remediation, rule, steps}`, or
/// `null` when the message is not known.
#[wasm_bindgen(js_name = remediationFor, unchecked_return_type = "RemediationAdvice | null")]
pub fn remediation_for(
    #[wasm_bindgen(unchecked_param_type = "string")] message: JsValue,
) -> Result<JsValue, JsValue> {
    let message = arg_string(&message, "message")?;
    match csv_import::remediation_for(&message) {
        None => Ok(JsValue::NULL),
        Some(fix) => to_js(&csv_import::RemediationAdvice::from(fix)),
    }
}

/// `__checkCsvSummary(data, options)`: `checkCsv` returning only the summary
/// (hidden from the declarations). For the benchmark: the difference with
/// `checkCsv` is the cost of converting the plan to JS objects.
#[wasm_bindgen(js_name = __checkCsvSummary, skip_typescript)]
pub fn check_csv_summary(data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = import_options(options)?;
    let bytes = arg_bytes_bounded(&data, "data", MAX_FILE_BYTES)?;
    to_js(&csv_import::check_bytes(&bytes, &opts).summary)
}
