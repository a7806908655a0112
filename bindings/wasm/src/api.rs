//! The Webex Wholesale API (`wholesale_core::api`, R-API): payload checks,
//! resource IDs, request bodies.

use wasm_bindgen::prelude::*;

#[allow(unused_imports)]
use crate::convert::*;
use wholesale_core::api::{self, CustomerRequest, ResourceId, SubscriberRequest};
use wholesale_core::org::User;
use wholesale_core::package::Package;
use wholesale_core::problem::AsProblem;
use wholesale_core::provisioning::NewCustomer;

/// `checkApiPayload(payload)`: detects and prechecks an API payload
/// (R-API-01, R-API-03): `{kind, valid, errors, warnings}`. `payload` is an
/// object/array or JSON text.
#[wasm_bindgen(js_name = checkApiPayload, unchecked_return_type = "PayloadCheck")]
pub fn check_api_payload(
    #[wasm_bindgen(unchecked_param_type = "JsonValue")] payload: JsValue,
) -> Result<JsValue, JsValue> {
    let value: serde_json::Value = json_arg(payload, "payload")?;
    to_js(&api::check_payload(&value))
}

/// `resourceIdDecode(id)`: `{region, kind, uuid}` of an API resource ID
/// (R-API-04); throws `RESOURCE_ID_INVALID` (field `id`).
#[wasm_bindgen(js_name = resourceIdDecode, unchecked_return_type = "ResourceId")]
pub fn resource_id_decode(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = arg_string(&id, "id")?;
    match ResourceId::decode(&id) {
        Ok(decoded) => to_js(&decoded),
        Err(e) => Err(error_to_js(&ErrorInfo::from(e.to_problem().in_field("id")))),
    }
}

/// `resourceIdEncode(region, kind, uuid)`: the API resource ID (unpadded
/// base64); a bad UUID throws `INPUT_INVALID` (field `uuid`).
#[wasm_bindgen(js_name = resourceIdEncode, unchecked_return_type = "string")]
pub fn resource_id_encode(
    #[wasm_bindgen(unchecked_param_type = "string")] region: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] uuid: JsValue,
) -> Result<JsValue, JsValue> {
    let region = arg_string(&region, "region")?;
    let kind = arg_string(&kind, "kind")?;
    let text = arg_string(&uuid, "uuid")?;
    let uuid = uuid::Uuid::parse_str(text.trim()).map_err(|e| {
        error_to_js(&ErrorInfo::input_invalid(
            "uuid",
            format!(
                "uuid: {:?} is not a UUID: {e}",
                text.chars().take(60).collect::<String>()
            ),
        ))
    })?;
    // R-REP-05: only parts the decoder reads back (no '/', none empty).
    let encoded = ResourceId::new(region, kind, uuid)
        .try_encode()
        .map_err(|e| error_to_js(&ErrorInfo::from(e.to_problem().in_field("kind"))))?;
    Ok(JsValue::from_str(&encoded))
}

/// `resourceIdUuidOf(id)`: the UUID (lower-case) of a resource ID or bare UUID.
#[wasm_bindgen(js_name = resourceIdUuidOf, unchecked_return_type = "string")]
pub fn resource_id_uuid_of(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = arg_string(&id, "id")?;
    ResourceId::uuid_of(&id)
        .map(|u| JsValue::from_str(&u.to_string()))
        .map_err(|e| error_to_js(&ErrorInfo::from(e.to_problem().in_field("id"))))
}

/// `sameResource(a, b)`: whether two IDs (resource ID or UUID) name the same
/// resource.
#[wasm_bindgen(js_name = sameResource, unchecked_return_type = "boolean")]
pub fn same_resource(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> Result<JsValue, JsValue> {
    let a = arg_string(&a, "a")?;
    let b = arg_string(&b, "b")?;
    Ok(JsValue::from_bool(ResourceId::same_resource(&a, &b)))
}

/// `buildCustomerRequest(customer, limits?)`: the provision-customer request
/// body after the local precheck; throws the first error with `problems`
/// when it fails. `limits` maps packages to license limits.
#[wasm_bindgen(js_name = buildCustomerRequest, unchecked_return_type = "JsonObject")]
pub fn build_customer_request(
    #[wasm_bindgen(unchecked_param_type = "NewCustomer | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Readonly<Record<string, number>>")]
    limits: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: NewCustomer = json_arg(customer, "customer")?;
    let mut request =
        CustomerRequest::provision(&customer).map_err(|f| error_to_js(&ErrorInfo::findings(f)))?;
    if !(limits.is_undefined() || limits.is_null()) {
        let limits: std::collections::BTreeMap<String, u64> = from_js(limits, "limits")?;
        let mut parsed = Vec::with_capacity(limits.len());
        for (name, limit) in limits {
            let p = Package::parse_strict(&name)
                .map_err(|e| error_to_js(&ErrorInfo::from(e.to_problem().in_field("limits"))))?;
            parsed.push((p, limit));
        }
        request = request.with_limits(parsed);
    }
    to_js(&request)
}

/// `buildSubscriberRequest(customerId, user, locationId?)`: the
/// provision-subscriber request body after the local precheck (R-API-03);
/// throws the first error with `problems` when it fails.
#[wasm_bindgen(js_name = buildSubscriberRequest, unchecked_return_type = "JsonObject")]
pub fn build_subscriber_request(
    #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "UserInput")] user: JsValue,
    #[wasm_bindgen(js_name = locationId, unchecked_optional_param_type = "string")]
    location_id: JsValue,
) -> Result<JsValue, JsValue> {
    let customer_id = arg_string(&customer_id, "customer_id")?;
    let user: User = from_js(user, "user")?;
    let location_id = if location_id.is_undefined() || location_id.is_null() {
        None
    } else {
        Some(arg_string(&location_id, "location_id")?)
    };
    let request = SubscriberRequest::provision(&customer_id, &user, location_id.as_deref())
        .map_err(|f| error_to_js(&ErrorInfo::findings(f)))?;
    to_js(&request)
}
