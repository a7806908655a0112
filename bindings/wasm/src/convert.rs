//! The one place where Rust values become JavaScript values.
//!
//! * Results: any `Serialize` value becomes a plain JS object with the SAME
//!   keys as the Rust serde JSON (snake_case), through
//!   `serde_wasm_bindgen::Serializer::json_compatible()` (maps become plain
//!   objects, `None` becomes `null`, 64-bit integers become numbers), so the
//!   shared test vectors compare equal across Rust, Python and JavaScript.
//! * Errors: an [`ErrorInfo`] (the first problem's code, rule, severity,
//!   field, line and message, and every problem) becomes a JS `Error` with
//!   those properties; a core error gives its problems through `AsProblem`.
//! * Arguments: JS values are checked here ([`arg_string`], [`arg_bool`]) so a
//!   wrong type is a thrown `INPUT_INVALID` error, never a trap. File data
//!   ([`arg_bytes_bounded`], [`arg_file_bytes`]) is measured before it is
//!   copied into wasm memory (R-CSV-04).
//!
//! [`ErrorInfo`] and its constructors are plain Rust and are unit-tested
//! natively; only the last step (`to_js`, `error_to_js`) needs a JS host.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_value::{DeserializerError, ValueDeserializer};
use wasm_bindgen::closure::ScopedClosure;
use wasm_bindgen::{JsCast, JsValue};
use wholesale_core::codes::Code;
use wholesale_core::csv_import::MAX_FILE_BYTES;
use wholesale_core::input::{
    deserialize_arg, deserialize_checked, Checked, InputError, OptionsError,
};
use wholesale_core::problem::AsProblem;
use wholesale_core::{Findings, Problem, Severity};

/// Binding-level code: an argument has the wrong JS type or format (the
/// Python binding's code for the same case). Not a registry code (it names no
/// business rule), so its `rule` is `null`.
pub const INPUT_INVALID: &str = "INPUT_INVALID";
/// Binding-level code: a bug (a Rust panic or a failed conversion). The JS
/// wrapper raises it when the module traps; `rule` is `null`.
pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";

/// What a thrown JS error carries: the first problem's fields and, when
/// the input had several, every problem (`WholesaleErrorFields` in the
/// declarations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// A registry code (e.g. `PACKAGE_UNKNOWN`) or a binding-level code.
    pub code: String,
    /// The rule of a registry code; `None` for binding-level codes.
    pub rule: Option<&'static str>,
    /// The severity of a registry code; `None` for binding-level codes.
    pub severity: Option<Severity>,
    /// The argument or field the error concerns (`options.behaviour`,
    /// `org.users[0].emial`), if any.
    pub field: Option<String>,
    /// The line of a file argument, if any.
    pub line: Option<u64>,
    /// An actionable message (the JS `Error.message`).
    pub message: String,
    /// Every problem, errors first (empty for binding-level codes).
    pub problems: Vec<Problem>,
}

impl ErrorInfo {
    /// A wrong argument type or format.
    pub fn input_invalid(field: &str, message: impl Into<String>) -> Self {
        ErrorInfo {
            code: INPUT_INVALID.to_owned(),
            rule: None,
            severity: None,
            field: Some(field.to_owned()),
            line: None,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// A bug inside the binding or the core.
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorInfo {
            field: None,
            code: INTERNAL_ERROR.to_owned(),
            ..ErrorInfo::input_invalid("", message)
        }
    }

    /// Any core error: its problem's fields, and all its problems.
    pub fn of(error: &impl AsProblem) -> Self {
        ErrorInfo {
            problems: error.problems(),
            ..ErrorInfo::from(error.to_problem())
        }
    }

    /// Rule failures thrown as one error: the first error's fields, and
    /// every problem (errors, then warnings).
    pub fn findings(findings: Findings) -> Self {
        let total = findings.errors.len();
        let problems: Vec<Problem> = findings.into_iter().collect();
        let mut info = problems.first().cloned().map_or_else(
            || ErrorInfo::internal("a validation error without an error"),
            ErrorInfo::from,
        );
        if total > 1 {
            info.message = format!("{} (and {} more errors)", info.message, total - 1);
        }
        info.problems = problems;
        info
    }

    /// `FILE_TOO_LARGE` about `field`: a file argument of a reader that has
    /// no plan to report it in is over [`MAX_FILE_BYTES`] (R-CSV-04, R-REP-05).
    pub fn file_too_large(field: &str) -> Self {
        ErrorInfo::from(Problem::new(
            Code::FileTooLarge,
            field,
            format!(
                "{field} is larger than {} MiB ({MAX_FILE_BYTES} bytes): nothing was read; split the file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ))
    }
}

impl From<Problem> for ErrorInfo {
    fn from(problem: Problem) -> Self {
        ErrorInfo {
            code: problem.code.as_str().to_owned(),
            rule: Some(problem.rule()),
            severity: Some(problem.severity()),
            field: problem.field.clone(),
            line: problem.line,
            message: problem.message.clone(),
            problems: vec![problem],
        }
    }
}

impl From<InputError> for ErrorInfo {
    fn from(error: InputError) -> Self {
        ErrorInfo::input_invalid(&error.field, error.to_string())
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
    read_arg(value, name, false)
}

/// [`from_js`], and with `json_text` [`json_arg`]: an object or array the
/// host can give as exact JSON ([`exact_json`]) is read from that text in
/// one pass; anything else, and anything that text does not read as `T`,
/// through the serde-value [`tree`], so refusals are the typed errors they
/// always were (naming the field, the depth, the type).
fn read_arg<T: DeserializeOwned>(
    value: JsValue,
    name: &str,
    json_text: bool,
) -> Result<T, JsValue> {
    if let Some(text) = exact_json(&value) {
        if let Ok(read) = deserialize_arg(&mut serde_json::Deserializer::from_str(&text), name) {
            return Ok(read);
        }
    }
    deserialize_arg(tree(value, name, json_text)?, name)
        .map_err(|e| error_to_js(&ErrorInfo::from(e)))
}

/// A JS value (or, with `json_text`, the JSON text a string holds) as a
/// serde-value tree. serde-wasm-bindgen reads a struct's fields by name and
/// never sees a key it does not expect, so a misspelled option would pass
/// unnoticed; the tree holds every key (and, unlike JSON, NaN and
/// infinities).
fn tree(
    value: JsValue,
    name: &str,
    json_text: bool,
) -> Result<ValueDeserializer<DeserializerError>, JsValue> {
    if !within_depth(&value, MAX_DEPTH) {
        return Err(error_to_js(&ErrorInfo::input_invalid(
            name,
            format!("{name} is nested more than {MAX_DEPTH} levels deep (or is cyclic)"),
        )));
    }
    let tree: serde_value::Value = match value.as_string().filter(|_| json_text) {
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            let text: String = e.to_string().chars().take(200).collect();
            error_to_js(&ErrorInfo::input_invalid(
                name,
                format!("{name}: invalid JSON: {text}"),
            ))
        })?,
        None => serde_wasm_bindgen::from_value(value)
            .map_err(|e| error_to_js(&ErrorInfo::input_invalid(name, format!("{name}: {e}"))))?,
    };
    Ok(ValueDeserializer::new(tree))
}

/// An object or array as the JSON text of the host's `JSON.stringify`, when
/// that text holds exactly what serde-wasm-bindgen would read: `None`
/// otherwise. Reading that text in wasm is one pass; reading the value
/// property by property (twice: the depth walk, then serde-wasm-bindgen) is
/// calls across the wasm boundary for each (an array of subscriptions took
/// about twice as long: bench/kpi_array.mjs, docs/benchmarks.md).
///
/// JSON would lose or change what the replacer refuses (the first refusal
/// stops the stringify): `undefined` (and array holes), functions, symbols,
/// BigInts, NaN and infinities, integers beyond 2^53 and non-integers
/// (serde_json's default float parsing may differ in the last bit), objects
/// that are not plain (Map, typed arrays, class instances) and the text
/// `Date.toJSON` makes (a Date is converted before a replacer sees it). A
/// cycle, a depth the host's stack refuses and a string too long for the
/// host fail the stringify; lone surrogates and nesting past serde_json's
/// 128 levels (it counts empty containers too, so it never accepts what
/// [`within_depth`] refuses) fail the reading of the text.
fn exact_json(value: &JsValue) -> Option<String> {
    if !value.is_object() || value.is_function() {
        return None;
    }
    let object_proto = JsValue::from(js_sys::Object::get_prototype_of(
        &js_sys::Object::new().into(),
    ));
    let exact = |_key: JsValue, v: JsValue| -> Result<JsValue, JsValue> {
        let fits = if v.is_string() {
            !is_date_json(&v)
        } else if let Some(n) = v.as_f64() {
            n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER
        } else if v.is_null() || v.as_bool().is_some() || js_sys::Array::is_array(&v) {
            true
        } else if v.is_object() && !v.is_function() {
            let proto = JsValue::from(js_sys::Object::get_prototype_of(&v));
            proto.is_null() || proto == object_proto
        } else {
            false
        };
        if fits {
            Ok(v)
        } else {
            Err(JsValue::NULL)
        }
    };
    let replacer: ScopedClosure<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>> =
        ScopedClosure::borrow(&exact);
    js_sys::JSON::stringify_with_replacer(value, replacer.as_ref())
        .ok()?
        .as_string()
}

/// `Number.MAX_SAFE_INTEGER`: integers up to it are exact in a JS number
/// (serde-wasm-bindgen reads them as integers, larger ones as floats).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Whether `text` (a JS string) has the shape of `Date.prototype.toJSON`'s
/// result, `YYYY-MM-DDTHH:MM:SS.sssZ`: only 24-character strings are copied.
fn is_date_json(text: &JsValue) -> bool {
    const SHAPE: &[u8; 24] = b"dddd-dd-ddTdd:dd:dd.dddZ";
    if text.unchecked_ref::<js_sys::JsString>().length() != 24 {
        return false;
    }
    text.as_string().is_some_and(|s| {
        s.len() == 24
            && s.bytes().zip(SHAPE).all(|(b, &want)| match want {
                b'd' => b.is_ascii_digit(),
                _ => b == want,
            })
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

fn not_bytes(value: &JsValue, name: &str) -> JsValue {
    error_to_js(&ErrorInfo::input_invalid(
        name,
        format!(
            "{name} must be a string or a Uint8Array, got {}",
            describe_js_type(value)
        ),
    ))
}

/// How many bytes of a `Uint8Array` of `len` bytes to copy: all of them up
/// to `limit`, else `limit + 1`, enough for the reader to see that the file
/// is over its limit without the rest ever entering wasm memory.
pub fn bytes_to_copy(len: usize, limit: usize) -> usize {
    len.min(limit.saturating_add(1))
}

/// How to copy a JS string of `units` UTF-16 code units under a `limit` in
/// UTF-8 bytes: `None`, copy it whole (3 bytes per code unit is the most
/// UTF-8 needs, so it fits); `Some(n)`, encode its first `n` code units
/// outside wasm memory first and copy at most `limit + 1` bytes of them
/// (each code unit is at least one byte, so `limit + 1` units are enough to
/// show that a longer string is over the limit).
pub fn string_to_copy(units: usize, limit: usize) -> Option<usize> {
    if units.saturating_mul(3) <= limit {
        None
    } else {
        Some(units.min(limit.saturating_add(1)))
    }
}

/// The UTF-8 encoding of `text` as a JS `Uint8Array` (the host's
/// `TextEncoder`, which the wasm-bindgen glue needs too): the bytes stay in
/// the JS heap until [`arg_bytes_bounded`] copies the part it keeps. Lone
/// surrogates become U+FFFD, as when a string is passed to wasm.
fn encode_utf8(text: &js_sys::JsString) -> Result<js_sys::Uint8Array, JsValue> {
    let internal = |what: &str| error_to_js(&ErrorInfo::internal(format!("TextEncoder: {what}")));
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"TextEncoder".into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| internal("not available"))?;
    let encoder = js_sys::Reflect::construct(&ctor, &js_sys::Array::new())
        .map_err(|_| internal("cannot be constructed"))?;
    let encode: js_sys::Function = js_sys::Reflect::get(&encoder, &"encode".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| internal("no encode method"))?;
    encode
        .call1(&encoder, text)
        .ok()
        .and_then(|bytes| bytes.dyn_into().ok())
        .ok_or_else(|| internal("encode failed"))
}

/// At most `limit + 1` bytes of `array` (see [`bytes_to_copy`]).
fn copy_bounded(array: &js_sys::Uint8Array, limit: usize) -> Vec<u8> {
    let len = array.length() as usize;
    let take = bytes_to_copy(len, limit);
    if take == len {
        array.to_vec()
    } else {
        // `take` <= `len`, which is a u32.
        array.subarray(0, take as u32).to_vec()
    }
}

/// The bytes of a `data` argument: a string (the text itself, UTF-8) or a
/// `Uint8Array` (raw bytes, e.g. a UTF-16 file read with `arrayBuffer()`);
/// anything else is `INPUT_INVALID` about `name`.
///
/// Bounded (R-CSV-04): the size is measured before anything is copied into
/// wasm memory, and of a value over `limit` bytes only the first `limit + 1`
/// are copied. So the result is the whole value, or, when it is longer than
/// `limit`, a prefix of `limit + 1` bytes that the core's reader refuses as
/// too large (`csv_import::check_bytes` with `limit` = `MAX_FILE_BYTES`).
pub fn arg_bytes_bounded(value: &JsValue, name: &str, limit: usize) -> Result<Vec<u8>, JsValue> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(copy_bounded(array, limit));
    }
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(not_bytes(value, name));
    };
    match string_to_copy(text.length() as usize, limit) {
        None => Ok(value.as_string().unwrap_or_default().into_bytes()),
        Some(units) => {
            // `units` <= the string's length, which is a u32.
            let prefix = text.slice(0, units as u32);
            Ok(copy_bounded(&encode_utf8(&prefix)?, limit))
        }
    }
}

/// The bytes of a file argument of a reader (reports, call legs, queued
/// calls): [`arg_bytes_bounded`] at the core's `MAX_FILE_BYTES`, and a
/// thrown `FILE_TOO_LARGE` about `name` when the file is over it (these
/// readers have no plan to report it in).
pub fn arg_file_bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    let bytes = arg_bytes_bounded(value, name, MAX_FILE_BYTES)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(error_to_js(&ErrorInfo::file_too_large(name)));
    }
    Ok(bytes)
}

/// A JSON document given as a plain JS object/array or as JSON text, read
/// as `T` (`INPUT_INVALID` about `name` on bad JSON or a wrong shape).
pub fn json_arg<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, JsValue> {
    read_arg(value, name, true)
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

/// [`options`] whose values have rules of their own (`input::Checked`):
/// read and checked in one step by the core; values against their rules
/// throw the rules' codes with every problem.
pub fn checked_options<T: DeserializeOwned + Default + Checked>(
    value: JsValue,
    name: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    deserialize_checked(tree(value, name, true)?, name).map_err(|error| {
        error_to_js(&match error {
            OptionsError::Unreadable(input) => ErrorInfo::from(input),
            OptionsError::Invalid(problems) => ErrorInfo::findings(problems.into_iter().collect()),
        })
    })
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

/// An [`ErrorInfo`] as a JS `Error` with its fields set as properties
/// (absent ones `null`).
pub fn error_to_js(info: &ErrorInfo) -> JsValue {
    let error = js_sys::Error::new(&info.message);
    let fields = [
        ("code", JsValue::from_str(&info.code)),
        ("rule", info.rule.map_or(JsValue::NULL, JsValue::from_str)),
        (
            "severity",
            info.severity
                .map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str())),
        ),
        (
            "field",
            info.field
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        ),
        (
            "line",
            info.line
                .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
        ),
        ("problems", to_js(&info.problems).unwrap_or(JsValue::NULL)),
    ];
    for (key, value) in fields {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &key.into(), &value);
    }
    error.into()
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
    use wholesale_core::Package;

    #[test]
    fn r_pkg_01_unknown_package_error_carries_code_rule_field() {
        let err = "webex_gold".parse::<Package>().unwrap_err();
        let info = ErrorInfo::from(err.to_problem().in_field("package"));
        assert_eq!(info.code, "PACKAGE_UNKNOWN");
        assert_eq!(info.rule, Some("R-PKG-01"));
        assert_eq!(info.severity, Some(Severity::Error));
        assert_eq!(info.field.as_deref(), Some("package"));
        assert!(info.message.contains("webex_gold"));
    }

    #[test]
    fn a_thrown_error_has_the_problem_fields_and_the_problems() {
        let p = Problem::new(Code::EmailInvalid, "email", "bad").on_line(Some(4));
        let mut json = serde_json::to_value(ErrorInfo::from(p.clone())).unwrap();
        assert_eq!(json["problems"], serde_json::json!([p]));
        json.as_object_mut().unwrap().remove("problems");
        assert_eq!(json, serde_json::to_value(&p).unwrap());
        let findings: Findings = [
            Problem::general(Code::TemplatePstnProvider, "w"),
            Problem::general(Code::EmailInvalid, "e1"),
            Problem::general(Code::EmailRequired, "e2"),
        ]
        .into_iter()
        .collect();
        let info = ErrorInfo::findings(findings);
        assert_eq!(info.code, "EMAIL_INVALID");
        assert_eq!(info.message, "e1 (and 1 more errors)");
        assert_eq!(info.problems.len(), 3);
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

    #[test]
    fn r_csv_21_snapshot_error_carries_the_core_code_and_key_path() {
        use wholesale_core::csv_import::OrgSnapshot;
        let err = OrgSnapshot::from_json(r#"{"users": [{"emial": "a@b.co"}]}"#).unwrap_err();
        let info = ErrorInfo::of(&err);
        assert_eq!(info.code, "SNAPSHOT_KEY_UNKNOWN");
        assert_eq!(info.rule, Some(err.code().rule()));
        assert_eq!(info.field.as_deref(), Some("users[0].emial"));
        assert_eq!(info.message, err.to_string());
        let bad = OrgSnapshot::from_json(r#"{"package": "Webex Vioce"}"#).unwrap_err();
        let info = ErrorInfo::of(&bad);
        assert_eq!(
            (info.code.as_str(), info.field.as_deref()),
            ("SNAPSHOT_INVALID", Some("package"))
        );
    }

    #[test]
    fn misspelled_option_keys_are_input_errors_naming_the_key() {
        let err = deserialize_arg::<wholesale_core::csv_import::ImportOptions, _>(
            serde_json::json!({"behaviour": "add_only"}),
            "options",
        )
        .unwrap_err();
        let info = ErrorInfo::from(err);
        assert_eq!(
            (info.code.as_str(), info.field.as_deref()),
            (INPUT_INVALID, Some("options.behaviour"))
        );
    }

    #[test]
    fn r_csv_04_byte_arrays_are_copied_up_to_one_byte_over_the_limit() {
        assert_eq!(bytes_to_copy(0, 10), 0);
        assert_eq!(bytes_to_copy(10, 10), 10, "at the limit: whole");
        assert_eq!(bytes_to_copy(11, 10), 11);
        assert_eq!(bytes_to_copy(65 << 20, MAX_FILE_BYTES), MAX_FILE_BYTES + 1);
        assert_eq!(bytes_to_copy(5, usize::MAX), 5, "no overflow");
    }

    #[test]
    fn r_csv_04_strings_are_encoded_outside_wasm_only_when_they_may_be_over() {
        // 3 bytes per UTF-16 code unit at most: such a string fits, copy it.
        assert_eq!(string_to_copy(3, 9), None);
        assert_eq!(string_to_copy(0, 0), None);
        // It may not fit: encode it first, but never more than limit + 1
        // code units (each is at least one byte).
        assert_eq!(string_to_copy(4, 9), Some(4));
        assert_eq!(string_to_copy(100, 9), Some(10));
        assert_eq!(string_to_copy(usize::MAX, 9), Some(10), "no overflow");
        let limit = MAX_FILE_BYTES;
        assert_eq!(string_to_copy(limit / 3, limit), None);
        assert_eq!(string_to_copy(limit, limit), Some(limit));
        assert_eq!(string_to_copy(limit * 2, limit), Some(limit + 1));
    }

    #[test]
    fn r_csv_04_file_too_large_names_the_argument_and_the_limit() {
        let info = ErrorInfo::file_too_large("data");
        assert_eq!(info.code, "FILE_TOO_LARGE");
        assert_eq!(info.rule, Some(Code::FileTooLarge.rule()));
        assert_eq!(info.field.as_deref(), Some("data"));
        assert!(
            info.message.contains(&MAX_FILE_BYTES.to_string()),
            "{}",
            info.message
        );
    }
}
