//! The `wholesale_core._lowlevel` extension module: a thin layer that
//! converts Python values, calls `wholesale-core` and converts the result
//! back. No rule is written here; see `docs/python.md`.
//!
//! One file per core module, named as the module (`csv_import`, `kpi`,
//! ...); the shared glue is `convert` (every conversion) and `errors`
//! (exceptions, panic guard). Every `#[pyfunction]` and method carries an
//! annotated `#[pyo3(signature = (...) -> "...")]`: `_lowlevel.pyi` is
//! generated from them (`cargo run -p wholesale-typegen`).

mod api;
mod arrow;
mod codes;
mod contact;
mod convert;
mod csv_import;
mod errors;
mod kpi;
mod package;
mod problem;
mod provisioning;
mod quality;
mod report;
mod status;
mod template;
mod week;

use pyo3::prelude::*;

#[pymodule]
fn _lowlevel(m: &Bound<'_, PyModule>) -> PyResult<()> {
    convert::constant(m, "__version__", env!("CARGO_PKG_VERSION"), "str")?;
    errors::register(m)?;
    api::register(m)?;
    arrow::register(m)?;
    codes::register(m)?;
    contact::register(m)?;
    csv_import::register(m)?;
    kpi::register(m)?;
    package::register(m)?;
    problem::register(m)?;
    provisioning::register(m)?;
    quality::register(m)?;
    report::register(m)?;
    status::register(m)?;
    template::register(m)?;
    week::register(m)?;
    Ok(())
}
