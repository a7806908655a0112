//! Onboarding templates (`wholesale_core::template`, R-TPL).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::template::OnboardingTemplate;

/// `validateTemplate(template)`: every problem of an onboarding template
/// (R-TPL-03, R-TPL-04).
#[wasm_bindgen(js_name = validateTemplate, unchecked_return_type = "Findings")]
pub fn validate_template(
    #[wasm_bindgen(unchecked_param_type = "OnboardingTemplate | string")] template: JsValue,
) -> Result<JsValue, JsValue> {
    let template: OnboardingTemplate = json_arg(template, "template")?;
    to_js(&template.validate())
}
