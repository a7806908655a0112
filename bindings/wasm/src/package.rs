//! Packages (`wholesale_core::package`, R-PKG-01).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::package::{Package, PackageInfo};
use wholesale_core::problem::AsProblem;

/// Every known package with its entitlements.
#[wasm_bindgen(unchecked_return_type = "PackageInfo[]")]
pub fn packages() -> Result<JsValue, JsValue> {
    to_js(&PackageInfo::all())
}

/// A package from its API identifier or display name, in any case (R-PKG-01).
pub fn parse_package(text: &str, field: &str) -> Result<PackageInfo, ErrorInfo> {
    Package::parse_strict(text)
        .map(|p| PackageInfo::from(&p))
        .map_err(|e| ErrorInfo::from(e.to_problem().in_field(field)))
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

/// A package argument, parsed strictly (`PACKAGE_UNKNOWN` about `name`).
pub fn package_arg(value: &JsValue, name: &str) -> Result<Package, JsValue> {
    let text = arg_string(value, name)?;
    Package::parse_strict(&text)
        .map_err(|e| error_to_js(&ErrorInfo::from(e.to_problem().in_field(name))))
}
