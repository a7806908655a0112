//! License KPIs (`wholesale_core::kpi`, R-KPI).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::kpi::{self, DatedSubscriptions, KpiOptions};
use wholesale_core::report::subscription_details::{self, SubscriptionDetailsRow};
use wholesale_core::subscription::{account, ProductLine, Subscription, SubscriptionsRead};

use crate::report::read_table;

/// Subscriptions from an array of subscription objects (accounted for:
/// duplicates and IDs with spaces around them reported, R-REP-05), or from
/// a subscription details report (text or bytes) with the reader's
/// problems; of `product`, or of every product line with KPIs when `None`.
fn subscriptions(
    source: JsValue,
    product: Option<ProductLine>,
) -> Result<SubscriptionsRead, JsValue> {
    if js_sys::Array::is_array(&source) {
        let subs: Vec<Subscription> = from_js(source, "subscriptions")?;
        let mut read = account(subs);
        if let Some(product) = product {
            read.subscriptions.retain(|s| s.product == product);
        }
        return Ok(read);
    }
    let table = read_table::<SubscriptionDetailsRow>(&source)?;
    Ok(subscription_details::subscriptions_of_table(
        &table, product,
    ))
}

/// `kpiDashboard(subscriptions, product, asOf, options?)`: every KPI of the
/// product line as of a day (R-KPI-01..12), with the headline KPIs across
/// product lines first (`headline`). `subscriptions` is an array of
/// subscription objects or a subscription details report (text or bytes).
/// Nothing is dropped silently (R-REP-05): rows the reader left out,
/// duplicated and trimmed IDs are in the result's `problems`. Invalid
/// options throw the first `KPI_*` error with `problems`.
#[wasm_bindgen(js_name = kpiDashboard, unchecked_return_type = "KpiDashboard")]
pub fn kpi_dashboard(
    #[wasm_bindgen(
        unchecked_param_type = "ReadonlyArray<SubscriptionInput> | string | Uint8Array"
    )]
    subscriptions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProductLine")] product: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<KpiOptions>")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let product: ProductLine = from_js(product, "product")?;
    let as_of = day(&as_of, "as_of")?;
    let opts: KpiOptions = checked_options(options, "options")?;
    let read = self::subscriptions(subscriptions, None)?;
    let mut dashboard = kpi::dashboard(&read.subscriptions, product, as_of, &opts);
    let mut problems = read.problems.clone();
    problems.append(&mut dashboard.problems);
    dashboard.problems = problems;
    to_js(&dashboard)
}

/// `licenseTrend(inputs, product)`: the license distribution trend
/// (R-KPI-13), one entry per week that has an input, oldest first. Each
/// input is `{as_of, subscriptions}` or a subscription details report (text
/// or bytes), dated by its latest Calculation Date. Problems (two inputs in
/// one week, rows a report left out) are in the result's `problems`.
#[wasm_bindgen(js_name = licenseTrend, unchecked_return_type = "LicenseTrend")]
pub fn license_trend(
    #[wasm_bindgen(
        unchecked_param_type = "ReadonlyArray<DatedSubscriptions | string | Uint8Array>"
    )]
    inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProductLine")] product: JsValue,
) -> Result<JsValue, JsValue> {
    let product: ProductLine = from_js(product, "product")?;
    if !js_sys::Array::is_array(&inputs) {
        return Err(error_to_js(&ErrorInfo::input_invalid(
            "inputs",
            "inputs: an array of {as_of, subscriptions} objects or reports",
        )));
    }
    let mut dated = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in js_sys::Array::from(&inputs).iter().enumerate() {
        let field = format!("inputs[{i}]");
        if item.is_string() || item.is_instance_of::<js_sys::Uint8Array>() {
            let table = read_table::<SubscriptionDetailsRow>(&item)?;
            let as_of = subscription_details::calculation_date(&table.rows).ok_or_else(|| {
                error_to_js(&ErrorInfo::input_invalid(
                    &field,
                    format!("{field}: the report has no row, so no date"),
                ))
            })?;
            let read = subscription_details::subscriptions_of_table(&table, None);
            problems.extend(read.problems.into_iter().map(|p| p.in_field(field.clone())));
            dated.push(DatedSubscriptions {
                as_of,
                subscriptions: read.subscriptions,
            });
        } else {
            let input: DatedSubscriptions = from_js(item, &field)?;
            let read = account(input.subscriptions);
            problems.extend(read.problems);
            dated.push(DatedSubscriptions {
                as_of: input.as_of,
                subscriptions: read.subscriptions,
            });
        }
    }
    let mut trend = kpi::license_trend(&dated, product);
    problems.append(&mut trend.problems);
    trend.problems = problems;
    to_js(&trend)
}

/// `subscriptionsFromReport(report, product?)`: the subscriptions in a
/// subscription details report (its rows, or the report text/bytes), for
/// `kpiDashboard` (R-REP-02): `{subscriptions, problems}`, every row
/// accounted for (R-REP-05); of `product`, or of every product line with
/// KPIs when it is omitted.
#[wasm_bindgen(js_name = subscriptionsFromReport, unchecked_return_type = "SubscriptionsRead")]
pub fn subscriptions_from_report(
    #[wasm_bindgen(
        unchecked_param_type = "ReadonlyArray<SubscriptionDetailsRowInput> | string | Uint8Array"
    )]
    report: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ProductLine")] product: JsValue,
) -> Result<JsValue, JsValue> {
    let product: Option<ProductLine> = if product.is_undefined() || product.is_null() {
        None
    } else {
        Some(from_js(product, "product")?)
    };
    if js_sys::Array::is_array(&report) {
        let rows: Vec<SubscriptionDetailsRow> = from_js(report, "report")?;
        return to_js(&subscription_details::to_subscriptions(&rows, product));
    }
    to_js(&subscriptions(report, product)?)
}
