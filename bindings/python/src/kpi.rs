//! KPIs (`wholesale_core::kpi`, R-KPI).

use pyo3::prelude::*;
use wholesale_core::kpi::{self, KpiOptions};
use wholesale_core::subscription::ProductLine;

use crate::convert::{arg, checked_options, day, to_py};
use crate::errors::{detached, guard, ValidationError};
use crate::report::subscriptions;

/// Every KPI of `product` as of a day (R-KPI-01..12), as the core's JSON.
/// `subscriptions` is a list of subscription dicts, or a subscription
/// details report (`bytes` content, a `str`/`os.PathLike` path, a binary
/// file object; rows it cannot read are left out: `read_report` shows them).
/// Invalid `options` (KPI_PERCENTILE_INVALID, KPI_RATIO_INVALID) raise
/// `ValidationError`; a misspelled key raises `InputError`.
#[pyfunction]
#[pyo3(signature = (
    subscriptions: "Union[Sequence[SubscriptionInput], FileInput]",
    product: "ProductLine",
    as_of: "Day",
    options: "Optional[KpiOptions]" = None,
) -> "KpiDashboard")]
fn kpi_dashboard<'py>(
    py: Python<'py>,
    subscriptions: &Bound<'py, PyAny>,
    product: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: ProductLine = arg(product, "product")?;
        let as_of = day(as_of, "as_of")?;
        let opts: KpiOptions = checked_options::<ValidationError, _>(options, "options")?;
        let subs = self::subscriptions(subscriptions, product)?;
        let dashboard = detached(py, || kpi::dashboard(&subs, product, as_of, &opts))?;
        to_py(py, &dashboard)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kpi_dashboard, m)?)?;
    Ok(())
}
