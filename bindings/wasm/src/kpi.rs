//! License KPIs (`wholesale_core::kpi`, R-KPI).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::kpi::{self, KpiOptions};
use wholesale_core::report::subscription_details::{self, SubscriptionDetailsRow};
use wholesale_core::subscription::{ProductLine, Subscription};

use crate::report::read_table;

/// Subscriptions from an array of subscription objects, or from a
/// subscription details report (text or bytes) for `product`.
fn subscriptions(source: JsValue, product: ProductLine) -> Result<Vec<Subscription>, JsValue> {
    if js_sys::Array::is_array(&source) {
        return from_js(source, "subscriptions");
    }
    let table = read_table::<SubscriptionDetailsRow>(&source)?;
    Ok(subscription_details::to_subscriptions(&table.rows, product))
}

/// `kpiDashboard(subscriptions, product, asOf, options?)`: every KPI of the
/// product line as of a day (R-KPI-01..12). `subscriptions` is an array of
/// subscription objects or a subscription details report (text or bytes;
/// unreadable rows are left out: `readReport` shows them). Invalid options
/// throw the first `KPI_*` error with `problems`.
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
    let subs = self::subscriptions(subscriptions, product)?;
    to_js(&kpi::dashboard(&subs, product, as_of, &opts))
}

/// `subscriptionsFromReport(report, product)`: the subscriptions of
/// `product` in a subscription details report (its rows, or the report
/// text/bytes), for `kpiDashboard` (R-REP-02).
#[wasm_bindgen(js_name = subscriptionsFromReport, unchecked_return_type = "Subscription[]")]
pub fn subscriptions_from_report(
    #[wasm_bindgen(
        unchecked_param_type = "ReadonlyArray<SubscriptionDetailsRowInput> | string | Uint8Array"
    )]
    report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProductLine")] product: JsValue,
) -> Result<JsValue, JsValue> {
    let product: ProductLine = from_js(product, "product")?;
    let rows: Vec<SubscriptionDetailsRow> = if js_sys::Array::is_array(&report) {
        from_js(report, "report")?
    } else {
        read_table::<SubscriptionDetailsRow>(&report)?.rows
    };
    to_js(&subscription_details::to_subscriptions(&rows, product))
}
