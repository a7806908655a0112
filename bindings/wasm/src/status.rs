//! Customer status and list filters (`wholesale_core::status`, R-STA).

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::org::Customer;
use wholesale_core::status::{self, CustomerFilter, StatusThresholds};

/// `customerStatus(customer, asOf, thresholds?)`: every status of the
/// customer as of a day, `{statuses, primary}` (R-STA).
#[wasm_bindgen(js_name = customerStatus, unchecked_return_type = "CustomerStatus")]
pub fn customer_status(
    #[wasm_bindgen(unchecked_param_type = "CustomerInput")] customer: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = from_js(customer, "customer")?;
    let as_of = day(&as_of, "as_of")?;
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::customer_status(&customer, as_of, &thresholds))
}

/// `filterCustomers(customers, asOf, filter?, thresholds?)`: the customers
/// that pass `filter` as of a day, in their original order.
#[wasm_bindgen(js_name = filterCustomers, unchecked_return_type = "Customer[]")]
pub fn filter_customers(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<CustomerInput>")] customers: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CustomerFilter")] filter: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let customers: Vec<Customer> = from_js(customers, "customers")?;
    let as_of = day(&as_of, "as_of")?;
    let filter: CustomerFilter = options(filter, "filter")?;
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::filter_customers(
        &customers,
        &filter,
        as_of,
        &thresholds,
    ))
}

/// `checkStatusThresholds(thresholds?)`: `STATUS_WINDOW_ZERO` warnings.
#[wasm_bindgen(js_name = checkStatusThresholds, unchecked_return_type = "Findings")]
pub fn check_status_thresholds(
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::check_thresholds(&thresholds))
}
