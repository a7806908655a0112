//! KPIs (`wholesale_core::kpi`, R-KPI).

use pyo3::prelude::*;
use wholesale_core::kpi::{self, DatedSubscriptions, KpiOptions};
use wholesale_core::report::subscription_details::{calculation_date, subscriptions_of_table};
use wholesale_core::subscription::{account, ProductLine};

use crate::convert::{arg, checked_options, day, input_data, is_file_input, to_py};
use crate::errors::{detached, guard, input_error, ValidationError};
use crate::report::{details, subscriptions};

/// Every KPI of `product` as of a day (R-KPI-01..12), as the core's JSON,
/// with the headline KPIs across product lines first (`headline`).
/// `subscriptions` is a list of subscription dicts, or a subscription
/// details report (`bytes` content, a `str`/`os.PathLike` path, a binary
/// file object). Nothing is dropped silently (R-REP-05): the rows the
/// report reader left out, duplicated IDs and trimmed IDs are in the
/// result's `problems`. Invalid `options` (KPI_PERCENTILE_INVALID,
/// KPI_RATIO_INVALID) raise `ValidationError`; a misspelled key raises
/// `InputError`.
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
        let read = self::subscriptions(subscriptions, None)?;
        let mut dashboard = detached(py, || {
            kpi::dashboard(&read.subscriptions, product, as_of, &opts)
        })?;
        let mut problems = read.problems.clone();
        problems.append(&mut dashboard.problems);
        dashboard.problems = problems;
        to_py(py, &dashboard)
    })
}

/// The license distribution trend of `product` (R-KPI-13): one entry per
/// week that has an input, oldest first. Each input is a dict
/// `{"as_of": day, "subscriptions": [...]}` or a subscription details report
/// (file input), dated by its latest Calculation Date. Problems (two inputs
/// in one week, rows a report left out) are in the result's `problems`.
#[pyfunction]
#[pyo3(signature = (
    inputs: "Sequence[Union[DatedSubscriptions, FileInput]]",
    product: "ProductLine",
) -> "LicenseTrend")]
fn license_trend<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    product: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let product: ProductLine = arg(product, "product")?;
        let mut dated = Vec::new();
        let mut problems = Vec::new();
        for (i, item) in inputs.try_iter()?.enumerate() {
            let item = item?;
            let field = format!("inputs[{i}]");
            if is_file_input(&item)? {
                let table = details(py, &input_data(&item, &field)?)?;
                let as_of = calculation_date(&table.rows).ok_or_else(|| {
                    input_error(
                        py,
                        &field,
                        &format!("{field}: the report has no row, so no date"),
                    )
                })?;
                let read = subscriptions_of_table(&table, None);
                problems.extend(read.problems.into_iter().map(|p| p.in_field(field.clone())));
                dated.push(DatedSubscriptions {
                    as_of,
                    subscriptions: read.subscriptions,
                });
            } else {
                let input: DatedSubscriptions = arg(&item, &field)?;
                let read = account(input.subscriptions);
                problems.extend(read.problems);
                dated.push(DatedSubscriptions {
                    as_of: input.as_of,
                    subscriptions: read.subscriptions,
                });
            }
        }
        let mut trend = detached(py, || kpi::license_trend(&dated, product))?;
        problems.append(&mut trend.problems);
        trend.problems = problems;
        to_py(py, &trend)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kpi_dashboard, m)?)?;
    m.add_function(wrap_pyfunction!(license_trend, m)?)?;
    Ok(())
}
