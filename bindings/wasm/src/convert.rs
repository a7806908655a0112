//! The one place where Rust values become JavaScript values.
//!
//! * Results: any `Serialize` value becomes a plain JS object with the SAME
//!   keys as the Rust serde JSON (snake_case), through
//!   `serde_wasm_bindgen::Serializer::json_compatible()` (maps become plain
//!   objects, `None` becomes `null`, 64-bit integers become numbers), so the
//!   shared test vectors compare equal across Rust, Python and JavaScript.
//! * Errors: an [`ErrorInfo`] (registry code, rule, field, message) becomes a
//!   JS `Error` whose `code`, `rule` and `field` properties are set.
//! * Arguments: JS values are checked here ([`arg_string`], [`arg_bool`]) so a
//!   wrong type is a thrown `INPUT_INVALID` error, never a trap.
//!
//! [`ErrorInfo`] and its constructors are plain Rust and are unit-tested
//! natively; only the last step (`to_js`, `error_to_js`) needs a JS host.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wholesale_core::package::PackageError;
use wholesale_core::Problem;

/// Binding-level code: an argument has the wrong JS type or format (the
/// Python binding's code for the same case). Not a registry code (it names no
/// business rule), so its `rule` is `null`.
pub const INPUT_INVALID: &str = "INPUT_INVALID";
/// Binding-level code: a bug (a Rust panic or a failed conversion). The JS
/// wrapper raises it when the module traps; `rule` is `null`.
pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";

/// What a thrown JS error carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// A registry code (e.g. `PACKAGE_UNKNOWN`) or a binding-level code.
    pub code: String,
    /// The DOMAIN.md rule of a registry code; `None` for binding-level codes.
    pub rule: Option<String>,
    /// The argument or field the error concerns, if any.
    pub field: Option<String>,
    /// An actionable message (the JS `Error.message`).
    pub message: String,
}

impl ErrorInfo {
    /// A wrong argument type or format.
    pub fn input_invalid(field: &str, message: impl Into<String>) -> Self {
        ErrorInfo {
            code: INPUT_INVALID.to_owned(),
            rule: None,
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    /// A bug inside the binding or the core.
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorInfo {
            code: INTERNAL_ERROR.to_owned(),
            rule: None,
            field: None,
            message: message.into(),
        }
    }

    /// An unknown package, reported against `field` (R-PKG-01).
    pub fn package(error: &PackageError, field: &str) -> Self {
        ErrorInfo::from(&error.to_problem(field))
    }
}

impl From<&Problem> for ErrorInfo {
    fn from(problem: &Problem) -> Self {
        ErrorInfo {
            code: problem.code.as_str().to_owned(),
            rule: Some(problem.rule().to_owned()),
            field: problem.field.clone(),
            message: problem.message.clone(),
        }
    }
}

/// The type name of a JS value, for `INPUT_INVALID` messages.
pub fn describe_js_type(value: &JsValue) -> String {
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A required string argument.
pub fn arg_string(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        error_to_js(&ErrorInfo::input_invalid(
            name,
            format!("{name} must be a string, got {}", describe_js_type(value)),
        ))
    })
}

/// An optional string argument: `undefined` (or `null`) gives `default`.
pub fn arg_string_or(value: &JsValue, name: &str, default: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(default.to_owned())
    } else {
        arg_string(value, name)
    }
}

/// The property `key` of an options object (`undefined` when absent).
pub fn option(options: &JsValue, name: &str, key: &str) -> Result<JsValue, JsValue> {
    if !options.is_object() || options.is_function() {
        return Err(error_to_js(&ErrorInfo::input_invalid(
            name,
            format!(
                "{name} must be an object, got {}",
                describe_js_type(options)
            ),
        )));
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key)).map_err(|_| {
        error_to_js(&ErrorInfo::input_invalid(
            name,
            format!("cannot read {name}.{key}"),
        ))
    })
}

/// A JS value read into a Rust type with serde (`INPUT_INVALID` on mismatch).
pub fn from_js<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, JsValue> {
    if !within_depth(&value, MAX_DEPTH) {
        return Err(error_to_js(&ErrorInfo::input_invalid(
            name,
            format!("{name} is nested more than {MAX_DEPTH} levels deep (or is cyclic)"),
        )));
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let text: String = e.to_string().chars().take(200).collect();
        error_to_js(&ErrorInfo::input_invalid(name, format!("{name}: {text}")))
    })
}

/// How deep plain data may nest: serde_json's limit for JSON text, and the
/// Python binding's. The deserializer recurses once per level; a value
/// nested 100,000 deep (or a cyclic object) would exhaust the wasm stack.
pub const MAX_DEPTH: usize = 128;

/// Whether arrays and plain objects in `value` nest at most `max` levels.
/// Iterative, and stops at the first level too deep, so the walk itself is
/// bounded; typed arrays and other non-plain objects are leaves.
pub fn within_depth(value: &JsValue, max: usize) -> bool {
    let mut stack: Vec<(JsValue, usize)> = vec![(value.clone(), 0)];
    while let Some((v, depth)) = stack.pop() {
        let children: Vec<JsValue> = if js_sys::Array::is_array(&v) {
            js_sys::Array::from(&v).iter().collect()
        } else if v.is_object() && !v.is_function() && is_plain_object(&v) {
            js_sys::Object::values(v.unchecked_ref()).iter().collect()
        } else {
            continue;
        };
        if children.is_empty() {
            continue;
        }
        if depth >= max {
            return false;
        }
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    true
}

/// An object whose prototype is `Object.prototype` or `null` (a JSON-like
/// object, not a Date, typed array, Map, ...).
fn is_plain_object(value: &JsValue) -> bool {
    let proto = JsValue::from(js_sys::Object::get_prototype_of(value));
    let object_proto = JsValue::from(js_sys::Object::get_prototype_of(
        &js_sys::Object::new().into(),
    ));
    proto.is_null() || proto == object_proto
}

/// A required boolean argument (no truthiness: `1` or `"yes"` is refused).
pub fn arg_bool(value: &JsValue, name: &str) -> Result<bool, JsValue> {
    value.as_bool().ok_or_else(|| {
        error_to_js(&ErrorInfo::input_invalid(
            name,
            format!("{name} must be a boolean, got {}", describe_js_type(value)),
        ))
    })
}

/// The bytes of a `data` argument: a string (the text itself, UTF-8) or a
/// `Uint8Array` (raw bytes, e.g. a UTF-16 file read with `arrayBuffer()`);
/// anything else is `INPUT_INVALID` about `name`.
pub fn arg_bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    Err(error_to_js(&ErrorInfo::input_invalid(
        name,
        format!(
            "{name} must be a string or a Uint8Array, got {}",
            describe_js_type(value)
        ),
    )))
}

/// A JSON document given as a plain JS object/array or as JSON text, read
/// as `T` (`INPUT_INVALID` about `name` on bad JSON or a wrong shape).
pub fn json_arg<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, JsValue> {
    match value.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            let text: String = e.to_string().chars().take(200).collect();
            error_to_js(&ErrorInfo::input_invalid(
                name,
                format!("{name}: invalid JSON: {text}"),
            ))
        }),
        None => from_js(value, name),
    }
}

/// Options read into the core's option type, starting from its `Default`
/// (the core types are `#[serde(default)]`): `undefined`/`null` is the
/// default itself, an object (or JSON text) overrides the keys it names.
/// Defaults are never restated here.
pub fn options<T: DeserializeOwned + Default>(value: JsValue, name: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        json_arg(value, name)
    }
}

/// A calendar day: `YYYY-MM-DD` text, or a valid JS `Date` (its UTC date).
pub fn day(value: &JsValue, name: &str) -> Result<NaiveDate, JsValue> {
    let text = if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        if date.get_time().is_nan() {
            return Err(error_to_js(&ErrorInfo::input_invalid(
                name,
                format!("{name}: the Date is invalid"),
            )));
        }
        String::from(date.to_iso_string())
            .chars()
            .take(10)
            .collect()
    } else {
        arg_string(value, name)?
    };
    parse_day(&text, name).map_err(|info| error_to_js(&info))
}

/// `YYYY-MM-DD` (trimmed) as a date.
pub fn parse_day(text: &str, name: &str) -> Result<NaiveDate, ErrorInfo> {
    text.trim().parse::<NaiveDate>().map_err(|_| {
        ErrorInfo::input_invalid(
            name,
            format!(
                "{name}: {:?} is not an ISO date (YYYY-MM-DD)",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// A Rust value as a plain JS value with the keys of its serde JSON.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            error_to_js(&ErrorInfo::internal(format!(
                "cannot convert the result: {e}"
            )))
        })
}

/// An [`ErrorInfo`] as a JS `Error` with `code`, `rule` and `field` set
/// (`rule`/`field` are `null` when absent).
pub fn error_to_js(info: &ErrorInfo) -> JsValue {
    let error = js_sys::Error::new(&info.message);
    let opt = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &JsValue::from_str(&info.code));
    let _ = js_sys::Reflect::set(&error, &"rule".into(), &opt(&info.rule));
    let _ = js_sys::Reflect::set(&error, &"field".into(), &opt(&info.field));
    error.into()
}

/// Rule failures thrown as one error (Python's `ValidationError`): `code`,
/// `rule`, `field` and `message` of the first error, and `problems`, every
/// problem (errors then warnings) as plain objects.
pub fn validation_error_to_js(findings: &wholesale_core::Findings) -> JsValue {
    let first = findings
        .errors
        .first()
        .map(ErrorInfo::from)
        .unwrap_or_else(|| ErrorInfo::internal("a validation error without an error"));
    let total = findings.errors.len();
    let mut info = first;
    if total > 1 {
        info.message = format!("{} (and {} more errors)", info.message, total - 1);
    }
    let error = error_to_js(&info);
    let all: Vec<_> = findings.iter().collect();
    if let Ok(problems) = to_js(&all) {
        let _ = js_sys::Reflect::set(&error, &"problems".into(), &problems);
    }
    error
}

/// Rule failures thrown as one error: the first error's fields and every
/// problem in `problems` (see [`validation_error_to_js`]).
pub fn problems_error_to_js(problems: Vec<Problem>) -> JsValue {
    let mut findings = wholesale_core::Findings::default();
    for p in problems {
        findings.push(p);
    }
    validation_error_to_js(&findings)
}

/// A core error that has a registry code, or none (then `INPUT_INVALID`).
pub fn coded_error(
    code: Option<wholesale_core::codes::Code>,
    field: Option<String>,
    message: String,
) -> ErrorInfo {
    ErrorInfo {
        code: code.map_or(INPUT_INVALID, |c| c.as_str()).to_owned(),
        rule: code.map(|c| c.rule().to_owned()),
        field,
        message,
    }
}

/// A core result that may be a rule failure, as JS: `Ok` converted with
/// [`to_js`], `Err` thrown as an error object.
pub fn result_to_js<T: Serialize>(result: Result<T, ErrorInfo>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => to_js(&value),
        Err(info) => Err(error_to_js(&info)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wholesale_core::codes::Code;
    use wholesale_core::Package;

    #[test]
    fn r_pkg_01_unknown_package_error_carries_code_rule_field() {
        let err = "webex_gold".parse::<Package>().unwrap_err();
        let info = ErrorInfo::package(&err, "package");
        assert_eq!(info.code, "PACKAGE_UNKNOWN");
        assert_eq!(info.rule.as_deref(), Some("R-PKG-01"));
        assert_eq!(info.field.as_deref(), Some("package"));
        assert!(info.message.contains("webex_gold"));
    }

    #[test]
    fn problem_maps_to_error_info_one_to_one() {
        let p = Problem::new(Code::EmailInvalid, "email", "bad");
        let info = ErrorInfo::from(&p);
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            serde_json::to_value(&p).unwrap(),
            "a thrown error has the same keys and values as a Problem"
        );
        let general = Problem::general(Code::TemplatePstnProvider, "w");
        assert_eq!(ErrorInfo::from(&general).field, None);
    }

    #[test]
    fn binding_level_codes_are_not_registry_codes() {
        for code in [INPUT_INVALID, INTERNAL_ERROR] {
            assert!(
                code.parse::<Code>().is_err(),
                "{code} clashes with the registry"
            );
        }
        assert_eq!(ErrorInfo::internal("x").rule, None);
        assert_eq!(
            ErrorInfo::input_invalid("date", "x").field.as_deref(),
            Some("date")
        );
    }
}
