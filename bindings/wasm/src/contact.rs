//! Contact values (`wholesale_core::contact`, R-CSV-14..16).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::contact;

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
