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

// An ErrorInfo carries the thrown error's fields and every problem; it is
// built only when a call fails, so its size costs nothing on success.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod codes;
pub mod contact;
pub mod convert;
pub mod csv_import;
pub mod kpi;
pub mod package;
pub mod problem;
pub mod provisioning;
pub mod quality;
pub mod report;
pub mod status;
pub mod template;
pub mod week;

/// The declarations of every type the functions take and return, generated
/// from the core's JSON Schema (`cargo run -p wholesale-typegen`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_hook_records_the_message() {
        start();
        let caught = std::panic::catch_unwind(|| debug_panic(Some("boom".into())));
        assert!(caught.is_err());
        let _ = std::panic::take_hook();
        assert!(take_panic_message().unwrap().contains("boom"));
        assert_eq!(take_panic_message(), None, "the message is taken once");
    }

    #[test]
    fn r_pkg_01_parse_package_by_id_or_display_name() {
        use crate::package::parse_package;
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
        use crate::week::last_completed_week;
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
        use wholesale_core::contact;
        let found = crate::problem::collect(vec![
            None,
            contact::check_phone_number("p", "14085551234"),
            contact::check_email("e", "x"),
        ]);
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.warnings.len(), 1);
        assert_eq!(
            crate::codes::code_info("EMAIL_INVALID").unwrap().rule,
            "R-CSV-14"
        );
        assert!(crate::codes::code_info("NOPE").is_none());
    }
}
