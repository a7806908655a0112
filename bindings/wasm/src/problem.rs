//! Findings (`wholesale_core::problem`).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::{Findings, Problem};

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
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<ProblemInput | null>")] problems: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&collect(from_js(problems, "problems")?))
}

/// `raiseForErrors(problems)`: like `findings`, but throws when there is an
/// error: the first error's `code`/`rule`/`field`/`message`, and `problems`
/// listing every problem.
#[wasm_bindgen(js_name = raiseForErrors, unchecked_return_type = "Findings")]
pub fn raise_for_errors(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<ProblemInput | null>")] problems: JsValue,
) -> Result<JsValue, JsValue> {
    let found = collect(from_js(problems, "problems")?);
    if found.is_valid() {
        to_js(&found)
    } else {
        Err(error_to_js(&ErrorInfo::findings(found)))
    }
}
