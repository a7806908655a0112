//! Onboarding templates (`wholesale_core::template`, R-TPL).

use pyo3::prelude::*;
use wholesale_core::template::OnboardingTemplate;

use crate::convert::{json_doc, to_py};
use crate::errors::guard;

/// Every problem of an onboarding template (R-TPL-03, R-TPL-04).
#[pyfunction]
#[pyo3(signature = (template: "Union[OnboardingTemplate, FileInput]") -> "Findings")]
fn validate_template<'py>(
    py: Python<'py>,
    template: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let template: OnboardingTemplate = json_doc(template, "template")?;
        to_py(py, &template.validate())
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_template, m)?)?;
    Ok(())
}
