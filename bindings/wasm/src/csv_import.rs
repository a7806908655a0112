//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..21).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wholesale_core::csv_import::{
    self, ExportFiles, ImportOptions, ImportOptionsArg, ImportPlan, MAX_FILE_BYTES,
};

use crate::convert::{
    arg_bytes_bounded, arg_file_bytes, arg_string, error_to_js, from_js, option, to_js, ErrorInfo,
};
use crate::package::package_arg;

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

/// The options of the workflow functions: as `checkCsv`'s, read the same way.
fn checked(data: &JsValue, options: JsValue) -> Result<(Vec<u8>, ImportPlan), JsValue> {
    let opts = import_options(options)?;
    let bytes = arg_bytes_bounded(data, "data", MAX_FILE_BYTES)?;
    let plan = csv_import::check_bytes(&bytes, &opts);
    Ok((bytes, plan))
}

/// `reviewCsv(data, options?)`: what to review before the import of `data`
/// (R-CSV-20), `{destructive, code_counts}`: every row that removes a user,
/// changes a package or removes a license, and the number of problems per
/// code (the core's `ImportPlan::review`). Same arguments as `checkCsv`.
#[wasm_bindgen(js_name = reviewCsv, unchecked_return_type = "PlanReview")]
pub fn review_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckCsvOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (_, plan) = checked(&data, options)?;
    to_js(&plan.review())
}

/// `readyFile(data, options?)`: the ready file of `data` (R-CSV-20): the
/// header and every row that is not rejected, byte for byte, in the file's
/// encoding (UTF-16LE stays UTF-16LE, BOMs kept). The file is checked here
/// with `options`, as `checkCsv` checks it. Throws `OUTPUT_FILE_REFUSED`
/// for a file refused as a whole.
#[wasm_bindgen(js_name = readyFile)]
pub fn ready_file(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckCsvOptions")] options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    part(&data, options, |b, p, o| csv_import::write_ready(b, p, o))
}

/// `rejectedFile(data, options?)`: the rejected rows of `data` as written,
/// with an `Errors` column (`CODE [column]: message`), in the file's
/// encoding and separator (R-CSV-20).
#[wasm_bindgen(js_name = rejectedFile)]
pub fn rejected_file(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckCsvOptions")] options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    part(&data, options, |b, p, o| {
        csv_import::write_rejected(b, p, o)
    })
}

/// The file `write` writes from the plan of `data`.
fn part(
    data: &JsValue,
    options: JsValue,
    write: impl Fn(
        &[u8],
        &ImportPlan,
        &mut Vec<u8>,
    ) -> Result<csv_import::Written, csv_import::OutputError>,
) -> Result<Vec<u8>, JsValue> {
    let (bytes, plan) = checked(data, options)?;
    let mut out = Vec::new();
    write(&bytes, &plan, &mut out).map_err(|e| error_to_js(&ErrorInfo::of(&e)))?;
    Ok(out)
}

/// The keys of `snapshotFromExport`'s options.
const EXPORT_OPTIONS: [&str; 4] = ["locations", "phone_numbers", "package", "admins"];

/// `snapshotFromExport(users, {locations?, phone_numbers?, package?, admins?})`: an
/// org snapshot built from Control Hub exports (the core's
/// `snapshot_from_export`, R-CSV-21), `{snapshot, warnings, warning_files}`;
/// `checkCsv(data, {org: built.snapshot})` takes the snapshot. `users` is
/// the user export (text, or bytes: UTF-16LE tab-separated exports as
/// Control Hub writes them), `locations` a location list, `phone_numbers`
/// the phone numbers report, `package` the customer's package, `admins`
/// the e-mails of its full admins (each a user of the export, else
/// `EXPORT_ADMIN_UNKNOWN`; R-CUS-05). A file with
/// errors throws its first problem's code with every problem, each with
/// its line, in `problems`.
#[wasm_bindgen(js_name = snapshotFromExport, unchecked_return_type = "SnapshotBuild")]
pub fn snapshot_from_export(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] users: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ locations?: string | Uint8Array | null; phone_numbers?: string | Uint8Array | null; package?: string | null; admins?: string[] | null }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let users = arg_file_bytes(&users, "users")?;
    let mut locations = None;
    let mut numbers = None;
    let mut package = None;
    let mut admins = Vec::new();
    if !options.is_undefined() && !options.is_null() {
        option(&options, "options", "package")?; // Refuses a non-object.
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !EXPORT_OPTIONS.contains(&key.as_str()) {
                return Err(error_to_js(&ErrorInfo::input_invalid(
                    &format!("options.{key}"),
                    format!(
                        "unknown option {key:?}; expected one of {}",
                        EXPORT_OPTIONS.join(", ")
                    ),
                )));
            }
        }
        let file = |key: &str| -> Result<Option<Vec<u8>>, JsValue> {
            let value = option(&options, "options", key)?;
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            arg_file_bytes(&value, &format!("options.{key}")).map(Some)
        };
        locations = file("locations")?;
        numbers = file("phone_numbers")?;
        let name = option(&options, "options", "package")?;
        if !name.is_undefined() && !name.is_null() {
            package = Some(package_arg(&name, "options.package")?);
        }
        let list = option(&options, "options", "admins")?;
        if !list.is_undefined() && !list.is_null() {
            admins = from_js::<Vec<String>>(list, "options.admins")?;
        }
    }
    let mut files = ExportFiles::new(&users);
    files.locations = locations.as_deref();
    files.phone_numbers = numbers.as_deref();
    files.package = package.as_ref();
    files.admins = &admins;
    match csv_import::snapshot_from_export(&files) {
        Ok(built) => to_js(&built),
        Err(e) => Err(error_to_js(&ErrorInfo::of(&e))),
    }
}
