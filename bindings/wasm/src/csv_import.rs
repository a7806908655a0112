//! CSV import planning (`wholesale_core::csv_import`, R-CSV-01..21).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wholesale_core::csv_import::{
    self, ExportFiles, ImportOptions, ImportOptionsArg, ImportPlan, RowQuery, Written,
    MAX_FILE_BYTES,
};

use crate::convert::{
    arg_bytes_bounded, arg_file_bytes, arg_string, describe_js_type, error_to_js, from_js, option,
    options, to_js, ErrorInfo,
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

/// `checkCsv(data, {behavior?, org?})`: the import plan of a Control Hub CSV,
/// kept in wasm memory with the file's bytes (a `PlanHandle`, which the
/// package's entries wrap as a `CsvPlan`, `ts/plan.ts`; its `toJSON()` is
/// the core's JSON `{file_errors, file_warnings, rows, summary}`). `data` is the text, or
/// the file's bytes (`Uint8Array`: UTF-16 files and BOMs are decoded by the
/// core). One call for the whole file; rows are converted when read. At
/// most `maxFileBytes() + 1` bytes of `data` enter wasm memory: a larger
/// file is a plan with the core's `FILE_TOO_LARGE` file error (R-CSV-04).
#[wasm_bindgen(js_name = checkCsv)]
pub fn check_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckCsvOptions")] options: JsValue,
) -> Result<CsvPlan, JsValue> {
    let (bytes, plan) = checked(&data, options)?;
    Ok(CsvPlan { plan, bytes })
}

/// The core's [`ImportPlan`] of one file, held in wasm memory with the
/// file's bytes (at most `maxFileBytes() + 1`), so that rows are converted
/// only when read and the ready and rejected files are written without
/// checking again. The package's entries wrap it (`CsvPlan` of
/// `ts/plan.ts`, which turns a trap into `INTERNAL_ERROR`).
#[wasm_bindgen(js_name = PlanHandle)]
pub struct CsvPlan {
    plan: ImportPlan,
    bytes: Vec<u8>,
}

#[wasm_bindgen(js_class = PlanHandle)]
impl CsvPlan {
    /// `{rows, add, modify, change_package, remove, no_change, rejected, warnings}`.
    #[wasm_bindgen(getter, unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan.summary)
    }

    /// Problems that make the whole file unusable (then there are no rows).
    #[wasm_bindgen(getter, unchecked_return_type = "Problem[]")]
    pub fn file_errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan.file_errors)
    }

    /// Warnings about the file as a whole.
    #[wasm_bindgen(getter, unchecked_return_type = "Problem[]")]
    pub fn file_warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan.file_warnings)
    }

    /// The number of rows (one per data row).
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.plan.rows.len()
    }

    /// Whether the file or any row is rejected (the CLI then exits 1).
    #[wasm_bindgen(js_name = hasRejections)]
    pub fn has_rejections(&self) -> bool {
        self.plan.has_rejections()
    }

    /// The row at `index` (0-based, file order); `INPUT_INVALID` (field
    /// `index`) outside `0..rowCount`.
    #[wasm_bindgen(unchecked_return_type = "RowOutcome")]
    pub fn row(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
    ) -> Result<JsValue, JsValue> {
        let len = self.plan.rows.len();
        let at = index_arg(&index, "index", len.saturating_sub(1), None)?;
        match self.plan.rows.get(at) {
            Some(row) => to_js(row),
            None => Err(out_of_range("index", len)),
        }
    }

    /// The rows `start..end` (defaults: 0 and `rowCount`; `end` is clamped
    /// to `rowCount`, as `Array.prototype.slice` does).
    #[wasm_bindgen(js_name = rowsSlice, unchecked_return_type = "RowOutcome[]")]
    pub fn rows_slice(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] start: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        let len = self.plan.rows.len();
        let end = index_arg(&end, "end", usize::MAX, Some(len))?.min(len);
        let start = index_arg(&start, "start", usize::MAX, Some(0))?.min(end);
        to_js(&self.plan.rows[start..end])
    }

    /// The rows at `indices` (as `select` returns them), in that order;
    /// `INPUT_INVALID` (field `indices`) for an index outside `0..rowCount`.
    #[wasm_bindgen(js_name = rowsAt, unchecked_return_type = "RowOutcome[]")]
    pub fn rows_at(&self, indices: &[u32]) -> Result<JsValue, JsValue> {
        let rows = &self.plan.rows;
        let picked: Option<Vec<&csv_import::RowOutcome>> = indices
            .iter()
            .map(|&i| usize::try_from(i).ok().and_then(|i| rows.get(i)))
            .collect();
        match picked {
            Some(picked) => to_js(&picked),
            None => Err(out_of_range("indices", rows.len())),
        }
    }

    /// The indices (ascending, a `Uint32Array`) of the rows the query keeps
    /// (the core's `ImportPlan::select`): `{action?, code?, column?,
    /// email?}`, every one given must hold; `email` is a case-insensitive
    /// part of the row's e-mail. Unknown keys, actions or codes are
    /// `INPUT_INVALID` naming the key.
    pub fn select(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RowQuery")] query: JsValue,
    ) -> Result<Vec<u32>, JsValue> {
        let query: RowQuery = options(query, "query")?;
        // At most MAX_DATA_ROWS rows: every index fits in u32.
        Ok(self
            .plan
            .select(&query)
            .into_iter()
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect())
    }

    /// The actions, codes and columns of the rows with their row counts,
    /// for filter menus (the core's `ImportPlan::facets`).
    #[wasm_bindgen(unchecked_return_type = "PlanFacets")]
    pub fn facets(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan.facets())
    }

    /// The whole plan as the core's JSON, every row converted.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ImportPlan")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan)
    }

    /// What to review before the import (R-CSV-20): as `reviewCsv`.
    #[wasm_bindgen(unchecked_return_type = "PlanReview")]
    pub fn review(&self) -> Result<JsValue, JsValue> {
        to_js(&self.plan.review())
    }

    /// The ready file (R-CSV-20): as `readyFile`, from the plan held.
    #[wasm_bindgen(js_name = readyFile)]
    pub fn ready_file(&self) -> Result<Vec<u8>, JsValue> {
        write_part(&self.bytes, &self.plan, |b, p, o| {
            csv_import::write_ready(b, p, o)
        })
    }

    /// Panics on purpose, to test that a trap inside a method is an
    /// `INTERNAL_ERROR` (hidden from the declarations).
    #[wasm_bindgen(js_name = __debugPanic, skip_typescript)]
    pub fn debug_panic(&self, message: Option<String>) {
        panic!(
            "{} (plan of {} rows)",
            message.unwrap_or_else(|| "deliberate panic in a plan method".to_owned()),
            self.plan.rows.len()
        );
    }

    /// The rejected rows with their `Errors` column (R-CSV-20): as
    /// `rejectedFile`, from the plan held.
    #[wasm_bindgen(js_name = rejectedFile)]
    pub fn rejected_file(&self) -> Result<Vec<u8>, JsValue> {
        write_part(&self.bytes, &self.plan, |b, p, o| {
            csv_import::write_rejected(b, p, o)
        })
    }
}

/// An index argument: an integer in `0..=max`; `undefined`/`null` gives
/// `default` where there is one.
fn index_arg(
    value: &JsValue,
    name: &str,
    max: usize,
    default: Option<usize>,
) -> Result<usize, JsValue> {
    if let (true, Some(default)) = (value.is_undefined() || value.is_null(), default) {
        return Ok(default);
    }
    let invalid = |message: String| error_to_js(&ErrorInfo::input_invalid(name, message));
    let number = value.as_f64().ok_or_else(|| {
        invalid(format!(
            "{name} must be a number, got {}",
            describe_js_type(value)
        ))
    })?;
    if number.fract() != 0.0 || number < 0.0 || number > max as f64 {
        return Err(invalid(format!(
            "{name} must be an integer from 0 to {max}, got {number}"
        )));
    }
    Ok(number as usize)
}

fn out_of_range(name: &str, len: usize) -> JsValue {
    error_to_js(&ErrorInfo::input_invalid(
        name,
        format!("{name} must be below the plan's {len} rows"),
    ))
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
    write: impl Fn(&[u8], &ImportPlan, &mut Vec<u8>) -> Result<Written, csv_import::OutputError>,
) -> Result<Vec<u8>, JsValue> {
    let (bytes, plan) = checked(data, options)?;
    write_part(&bytes, &plan, write)
}

/// The file `write` writes from `plan` of `bytes`.
fn write_part(
    bytes: &[u8],
    plan: &ImportPlan,
    write: impl Fn(&[u8], &ImportPlan, &mut Vec<u8>) -> Result<Written, csv_import::OutputError>,
) -> Result<Vec<u8>, JsValue> {
    let mut out = Vec::new();
    write(bytes, plan, &mut out).map_err(|e| error_to_js(&ErrorInfo::of(&e)))?;
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
