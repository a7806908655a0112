//! The error-code registry (`wholesale_core::codes`).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::codes::{registry, Code, CodeInfo};

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
