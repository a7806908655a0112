//! WebAssembly binding of `wholesale-core` (npm package `wholesale-core`).
//!
//! The same API as the Python binding in JavaScript naming: camelCase
//! functions, the same registry codes and enum values, and results that are
//! plain JS objects with the keys of the Rust serde JSON (snake_case), so the
//! shared test vectors compare equal in every language. Errors are thrown as
//! `Error` objects with `code`, `rule`, `field` (see [`convert`]).
//!
//! Each export is a thin shell: argument checks, a call to a plain Rust
//! function (unit-tested natively), and [`convert::to_js`]. Use the package's
//! `main` (`js/index.js`), which turns a trap into an `INTERNAL_ERROR`.

pub mod convert;
pub mod types;

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::prelude::*;
use wholesale_core::codes::registry;
use wholesale_core::package::Package;
use wholesale_core::week::Week;
use wholesale_core::{contact, provisioning};

use convert::{arg_bool, arg_string, error_to_js, result_to_js, to_js, ErrorInfo};
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

/// `parsePackage(text)`: throws `PACKAGE_UNKNOWN` (field `package`).
#[wasm_bindgen(js_name = parsePackage, unchecked_return_type = "PackageInfo")]
pub fn parse_package_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    result_to_js(parse_package(&arg_string(&text, "package")?, "package"))
}

fn package_arg(value: &JsValue, name: &str) -> Result<Package, JsValue> {
    Package::parse_strict(&arg_string(value, name)?)
        .map_err(|e| error_to_js(&ErrorInfo::package(&e, name)))
}

// --- weeks ---------------------------------------------------------------------

/// The last completed analytics week (R-KPI-12) as of a day `YYYY-MM-DD`
/// (its start, 00:00 UTC) or an RFC 3339 instant.
pub fn last_completed_week(as_of: &str) -> Result<Week, ErrorInfo> {
    let text = as_of.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Week::last_completed_on(day));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| Week::last_completed(t.with_timezone(&Utc)))
        .map_err(|_| {
            ErrorInfo::invalid_argument(
                "date",
                format!(
                    "{:?} is not a date (YYYY-MM-DD) or an RFC 3339 instant",
                    text.chars().take(40).collect::<String>()
                ),
            )
        })
}

/// `lastCompletedWeek(date)`: `{start, end}` as RFC 3339 UTC strings.
#[wasm_bindgen(js_name = lastCompletedWeek, unchecked_return_type = "Week")]
pub fn last_completed_week_js(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
) -> Result<JsValue, JsValue> {
    result_to_js(last_completed_week(&arg_string(&date, "date")?))
}

// --- contact values (R-CSV-14..16) -------------------------------------------

/// `checkEmail(field, email)`: `EMAIL_INVALID` or `null` (R-CSV-14).
#[wasm_bindgen(js_name = checkEmail, unchecked_return_type = "Problem | null")]
pub fn check_email(
    #[wasm_bindgen(unchecked_param_type = "string")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string(&field, "field")?;
    to_js(&contact::check_email(&field, &arg_string(&email, "email")?))
}

/// `checkPhoneNumber(field, number)`: `PHONE_NUMBER_INVALID` (error),
/// `PHONE_NUMBER_NO_PLUS` (warning) or `null` (R-CSV-15).
#[wasm_bindgen(js_name = checkPhoneNumber, unchecked_return_type = "Problem | null")]
pub fn check_phone_number(
    #[wasm_bindgen(unchecked_param_type = "string")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string(&field, "field")?;
    to_js(&contact::check_phone_number(
        &field,
        &arg_string(&number, "number")?,
    ))
}

/// `checkExtension(field, extension)`: `EXTENSION_INVALID` or `null` (R-CSV-16).
#[wasm_bindgen(js_name = checkExtension, unchecked_return_type = "Problem | null")]
pub fn check_extension(
    #[wasm_bindgen(unchecked_param_type = "string")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] extension: JsValue,
) -> Result<JsValue, JsValue> {
    let field = arg_string(&field, "field")?;
    to_js(&contact::check_extension(
        &field,
        &arg_string(&extension, "extension")?,
    ))
}

// --- provisioning (R-CUS-05, R-USR-02) ------------------------------------------

/// `checkAdminPackage(customerPackage, adminPackage, field)`:
/// `ADMIN_PACKAGE_DOWNGRADE` or `null` (R-CUS-05). Packages are parsed
/// strictly: an unknown one throws `PACKAGE_UNKNOWN`.
#[wasm_bindgen(js_name = checkAdminPackage, unchecked_return_type = "Problem | null")]
pub fn check_admin_package(
    #[wasm_bindgen(js_name = customerPackage, unchecked_param_type = "string")]
    customer_package: JsValue,
    #[wasm_bindgen(js_name = adminPackage, unchecked_param_type = "string")] admin_package: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let customer = package_arg(&customer_package, "customerPackage")?;
    let admin = package_arg(&admin_package, "adminPackage")?;
    let field = arg_string(&field, "field")?;
    to_js(&provisioning::check_admin_package(
        &customer, &admin, &field,
    ))
}

/// `checkCallingNumber(newPackage, hasNumber, hasLocation, field)`:
/// `PACKAGE_CHANGE_NEEDS_NUMBER` or `null` (R-USR-02).
#[wasm_bindgen(js_name = checkCallingNumber, unchecked_return_type = "Problem | null")]
pub fn check_calling_number(
    #[wasm_bindgen(js_name = newPackage, unchecked_param_type = "string")] new_package: JsValue,
    #[wasm_bindgen(js_name = hasNumber, unchecked_param_type = "boolean")] has_number: JsValue,
    #[wasm_bindgen(js_name = hasLocation, unchecked_param_type = "boolean")] has_location: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let package = package_arg(&new_package, "newPackage")?;
    let has_number = arg_bool(&has_number, "hasNumber")?;
    let has_location = arg_bool(&has_location, "hasLocation")?;
    let field = arg_string(&field, "field")?;
    to_js(&provisioning::check_calling_number(
        &package,
        has_number,
        has_location,
        &field,
    ))
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
            assert_eq!(err.code, convert::INVALID_ARGUMENT);
            assert!(err.message.len() < 120);
        }
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
