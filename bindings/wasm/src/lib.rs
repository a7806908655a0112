//! WebAssembly binding of `wholesale-core` (npm package `wholesale-core`).
//!
//! The same API as the Python binding in JavaScript naming: camelCase
//! functions, the same registry codes and enum values, and results that are
//! plain JS objects with the keys of the Rust serde JSON (snake_case), so the
//! shared test vectors compare equal in every language. Errors are thrown as
//! `Error` objects with `code`, `rule`, `field` (see [`convert`]).
//!
//! The Python binding's signatures carry over: the checked value first, an
//! optional `field` last with the same default; Python keyword-only
//! arguments become an options object (`checkCallingNumber(pkg, {hasNumber,
//! hasLocation})`); `field` values in errors are the snake_case argument
//! names, as in Python.
//!
//! Each export is a thin shell: argument checks, a call to a plain Rust
//! function (unit-tested natively), and [`convert::to_js`]. Use the package's
//! `main` (`js/index.js`), which turns a trap into an `INTERNAL_ERROR`.

pub mod analytics;
pub mod convert;
pub mod csv;
pub mod provisioning;
pub mod quality;
pub mod types;

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::prelude::*;
use wholesale_core::codes::{registry, Code, CodeInfo};
use wholesale_core::package::Package;
use wholesale_core::week::Week;
use wholesale_core::{contact, provisioning as core_provisioning, Findings, Problem};

use convert::{
    arg_bool, arg_string, arg_string_or, error_to_js, from_js, option, result_to_js, to_js,
    validation_error_to_js, ErrorInfo,
};
use types::PackageInfo;

// --- panics ------------------------------------------------------------------

thread_local! {
    /// The message of the last panic, read by the JS wrapper after a trap.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: record panic messages, so a trap
/// becomes an `INTERNAL_ERROR` with a message instead of an opaque
/// `unreachable`.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                *slot = Some(message);
            }
        });
    }));
}

/// The message of the last panic, if any (cleared). Used by `js/index.js`.
#[wasm_bindgen(js_name = __takePanicMessage, skip_typescript)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()))
}

/// Panics on purpose, to test that the wrapper turns the trap into an
/// `INTERNAL_ERROR` (hidden from the TypeScript declarations).
#[wasm_bindgen(js_name = __debugPanic, skip_typescript)]
pub fn debug_panic(message: Option<String>) {
    panic!(
        "{}",
        message.unwrap_or_else(|| "deliberate panic for testing".to_owned())
    );
}

// --- registry and packages -----------------------------------------------------

/// Every error and warning code, in registry order.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
pub fn codes() -> Result<JsValue, JsValue> {
    to_js(&registry().collect::<Vec<_>>())
}

/// The registry row of a code string, if it is one.
pub fn code_info(code: &str) -> Option<CodeInfo> {
    code.parse::<Code>().ok().map(CodeInfo::from)
}

/// `codeInfo(code)`: the registry row, or `null` for an unknown code.
#[wasm_bindgen(js_name = codeInfo, unchecked_return_type = "CodeInfo | null")]
pub fn code_info_js(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&code_info(&arg_string(&code, "code")?))
}

/// Every known package with its entitlements.
#[wasm_bindgen(unchecked_return_type = "PackageInfo[]")]
pub fn packages() -> Result<JsValue, JsValue> {
    to_js(
        &Package::KNOWN
            .iter()
            .map(PackageInfo::of)
            .collect::<Vec<_>>(),
    )
}

/// A package from its API identifier or display name, in any case (R-PKG-01).
pub fn parse_package(text: &str, field: &str) -> Result<PackageInfo, ErrorInfo> {
    Package::parse_strict(text)
        .map(|p| PackageInfo::of(&p))
        .map_err(|e| ErrorInfo::package(&e, field))
}

/// `parsePackage(text, field = "package")`: the package's facts; throws
/// `PACKAGE_UNKNOWN` about `field`.
#[wasm_bindgen(js_name = parsePackage, unchecked_return_type = "PackageInfo")]
pub fn parse_package_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string_or(&field, "field", "package")?;
    result_to_js(parse_package(&arg_string(&text, &field)?, &field))
}

fn package_arg(value: &JsValue, name: &str) -> Result<Package, JsValue> {
    Package::parse_strict(&arg_string(value, name)?)
        .map_err(|e| error_to_js(&ErrorInfo::package(&e, name)))
}

// --- weeks ---------------------------------------------------------------------

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

// --- contact values (R-CSV-14..16) -------------------------------------------

/// `checkEmail(email, field = "email")`: `EMAIL_INVALID` or `null` (R-CSV-14).
#[wasm_bindgen(js_name = checkEmail, unchecked_return_type = "Problem | null")]
pub fn check_email(
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string_or(&field, "field", "email")?;
    to_js(&contact::check_email(&field, &arg_string(&email, "email")?))
}

/// `checkPhoneNumber(number, field = "phone_number")`: `PHONE_NUMBER_INVALID`
/// (error), `PHONE_NUMBER_NO_PLUS` (warning) or `null` (R-CSV-15).
#[wasm_bindgen(js_name = checkPhoneNumber, unchecked_return_type = "Problem | null")]
pub fn check_phone_number(
    #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string_or(&field, "field", "phone_number")?;
    to_js(&contact::check_phone_number(
        &field,
        &arg_string(&number, "number")?,
    ))
}

/// `checkExtension(extension, field = "extension")`: `EXTENSION_INVALID` or
/// `null` (R-CSV-16).
#[wasm_bindgen(js_name = checkExtension, unchecked_return_type = "Problem | null")]
pub fn check_extension(
    #[wasm_bindgen(unchecked_param_type = "string")] extension: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string_or(&field, "field", "extension")?;
    to_js(&contact::check_extension(
        &field,
        &arg_string(&extension, "extension")?,
    ))
}

// --- provisioning (R-CUS-05, R-USR-02) ------------------------------------------

/// `checkAdminPackage(customerPackage, adminPackage, field = "package")`:
/// `ADMIN_PACKAGE_DOWNGRADE` or `null` (R-CUS-05). Packages are parsed
/// strictly: an unknown one throws `PACKAGE_UNKNOWN` (field
/// `customer_package` / `admin_package`).
#[wasm_bindgen(js_name = checkAdminPackage, unchecked_return_type = "Problem | null")]
pub fn check_admin_package(
    #[wasm_bindgen(js_name = customerPackage, unchecked_param_type = "string")]
    customer_package: JsValue,
    #[wasm_bindgen(js_name = adminPackage, unchecked_param_type = "string")] admin_package: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let customer = package_arg(&customer_package, "customer_package")?;
    let admin = package_arg(&admin_package, "admin_package")?;
    let field = arg_string_or(&field, "field", "package")?;
    to_js(&core_provisioning::check_admin_package(
        &customer, &admin, &field,
    ))
}

/// `checkCallingNumber(newPackage, {hasNumber, hasLocation, field = "package"})`:
/// `PACKAGE_CHANGE_NEEDS_NUMBER` or `null` (R-USR-02).
#[wasm_bindgen(js_name = checkCallingNumber, unchecked_return_type = "Problem | null")]
pub fn check_calling_number(
    #[wasm_bindgen(js_name = newPackage, unchecked_param_type = "string")] new_package: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ hasNumber: boolean; hasLocation: boolean; field?: string }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let package = package_arg(&new_package, "new_package")?;
    let has_number = arg_bool(&option(&options, "options", "hasNumber")?, "has_number")?;
    let has_location = arg_bool(&option(&options, "options", "hasLocation")?, "has_location")?;
    let field = arg_string_or(&option(&options, "options", "field")?, "field", "package")?;
    to_js(&core_provisioning::check_calling_number(
        &package,
        has_number,
        has_location,
        &field,
    ))
}

// --- findings --------------------------------------------------------------------

/// Problems (`null` entries skipped) sorted into errors and warnings by the
/// severity of their codes.
pub fn collect(problems: Vec<Option<Problem>>) -> Findings {
    let mut findings = Findings::default();
    for problem in problems.into_iter().flatten() {
        findings.push(problem);
    }
    findings
}

/// `findings(problems)`: `{errors, warnings}` from the results of `check*`
/// calls (`null` entries skipped; each problem's `rule` is recomputed from
/// its code).
#[wasm_bindgen(unchecked_return_type = "Findings")]
pub fn findings(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Problem | null>")] problems: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&collect(from_js(problems, "problems")?))
}

/// `raiseForErrors(problems)`: like `findings`, but throws when there is an
/// error: the first error's `code`/`rule`/`field`/`message`, and `problems`
/// listing every problem.
#[wasm_bindgen(js_name = raiseForErrors, unchecked_return_type = "Findings")]
pub fn raise_for_errors(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Problem | null>")] problems: JsValue,
) -> Result<JsValue, JsValue> {
    let found = collect(from_js(problems, "problems")?);
    if found.is_valid() {
        to_js(&found)
    } else {
        Err(validation_error_to_js(&found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_pkg_01_parse_package_by_id_or_display_name() {
        assert_eq!(
            parse_package("Webex Suite", "package").unwrap().api_id,
            "webex_suite"
        );
        let err = parse_package("gold", "package").unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.field.as_deref()),
            ("PACKAGE_UNKNOWN", Some("package"))
        );
    }

    #[test]
    fn r_kpi_12_last_completed_week_from_day_or_instant() {
        let w = last_completed_week("2026-11-25").unwrap();
        assert_eq!(w.start.to_rfc3339(), "2026-11-15T00:00:00+00:00");
        let sunday = last_completed_week("2026-11-22T00:00:00Z").unwrap();
        assert_eq!(sunday, w, "Sunday midnight starts a new week");
        for bad in ["", "2026-13-01", "NaN", "x".repeat(10_000).as_str()] {
            let err = last_completed_week(bad).unwrap_err();
            assert_eq!(err.code, convert::INPUT_INVALID);
            assert!(err.message.len() < 120);
        }
    }

    #[test]
    fn findings_sort_by_severity_and_skip_nulls() {
        let found = collect(vec![
            None,
            contact::check_phone_number("p", "14085551234"),
            contact::check_email("e", "x"),
        ]);
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.warnings.len(), 1);
        assert_eq!(code_info("EMAIL_INVALID").unwrap().rule, "R-CSV-14");
        assert!(code_info("NOPE").is_none());
    }

    #[test]
    fn panic_hook_records_the_message() {
        start();
        let caught = std::panic::catch_unwind(|| debug_panic(Some("boom".into())));
        assert!(caught.is_err());
        let _ = std::panic::take_hook();
        assert!(take_panic_message().unwrap().contains("boom"));
        assert_eq!(take_panic_message(), None, "the message is taken once");
    }
}
