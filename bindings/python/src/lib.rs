//! The `wholesale_core._lowlevel` extension module: a thin layer that
//! converts Python values, calls `wholesale-core` and converts the result
//! back. No rule is written here; see `docs/python.md`.
//!
//! Layout, one file per concern: `convert` (every conversion), `errors`
//! (exception hierarchy and panic guard), then one file per core module.
//! Binding a new core module: add `mod x;` with its `#[pyfunction]`s and a
//! `register`, and one line in [`_lowlevel`].

mod analytics;
mod checks;
mod columns;
mod convert;
mod csv;
mod errors;
mod packages;
mod provisioning;
mod quality;
mod registry;
mod weeks;

use pyo3::prelude::*;

#[pymodule]
fn _lowlevel(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    registry::register(m)?;
    packages::register(m)?;
    weeks::register(m)?;
    checks::register(m)?;
    columns::register(m)?;
    csv::register(m)?;
    analytics::register(m)?;
    quality::register(m)?;
    provisioning::register(m)?;
    Ok(())
}
