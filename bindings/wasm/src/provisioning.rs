//! Provisioning validation (R-CUS, R-USR, R-TAG, R-TPL) and the Webex API
//! helpers (R-API): payload checks, resource IDs, request bodies.

use wasm_bindgen::prelude::*;
use wholesale_core::api::{self, CustomerRequest, ResourceId, ResourceIdError, SubscriberRequest};
use wholesale_core::org::{AdminRole, Customer, User};
use wholesale_core::package::Package;
use wholesale_core::provisioning::{self, NewCustomer};
use wholesale_core::template::OnboardingTemplate;

use crate::convert::{
    arg_string, arg_string_or, error_to_js, from_js, json_arg, to_js, validation_error_to_js,
    ErrorInfo,
};

fn package(value: &JsValue, name: &str) -> Result<Package, JsValue> {
    Package::parse_strict(&arg_string(value, name)?)
        .map_err(|e| error_to_js(&ErrorInfo::package(&e, name)))
}

/// A resource ID error about `field` (`RESOURCE_ID_INVALID`, R-API-04).
pub fn resource_id_error(err: &ResourceIdError, field: &str) -> ErrorInfo {
    ErrorInfo::from(&err.to_problem(field))
}

/// `validateNewCustomer(customer)`: every problem of a new customer
/// (R-CUS-01..03). `customer` is an object or its JSON text.
#[wasm_bindgen(js_name = validateNewCustomer, unchecked_return_type = "Findings")]
pub fn validate_new_customer(
    #[wasm_bindgen(unchecked_param_type = "NewCustomer | string")] customer: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: NewCustomer = json_arg(customer, "customer")?;
    to_js(&customer.validate())
}

/// `validateTemplate(template)`: every problem of an onboarding template
/// (R-TPL-03, R-TPL-04).
#[wasm_bindgen(js_name = validateTemplate, unchecked_return_type = "Findings")]
pub fn validate_template(
    #[wasm_bindgen(unchecked_param_type = "OnboardingTemplate | string")] template: JsValue,
) -> Result<JsValue, JsValue> {
    let template: OnboardingTemplate = json_arg(template, "template")?;
    to_js(&template.validate())
}

/// `validateUser(customer, user, field = "user")`: every problem with adding
/// `user` to `customer` (R-CUS-04, R-CUS-05).
#[wasm_bindgen(js_name = validateUser, unchecked_return_type = "Findings")]
pub fn validate_user(
    #[wasm_bindgen(unchecked_param_type = "Customer | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "User")] user: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] field: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let user: User = from_js(user, "user")?;
    let field = arg_string_or(&field, "field", "user")?;
    to_js(&provisioning::validate_user(&customer, &user, &field))
}

/// `validateManualBatch(customer, users)`: every problem of a manual batch
/// (R-USR-01, R-CUS-04, R-CUS-05).
#[wasm_bindgen(js_name = validateManualBatch, unchecked_return_type = "Findings")]
pub fn validate_manual_batch(
    #[wasm_bindgen(unchecked_param_type = "Customer | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<User>")] users: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let users: Vec<User> = from_js(users, "users")?;
    to_js(&provisioning::validate_manual_batch(&customer, &users))
}

/// `validatePackageChange(customer, user, newPackage)`: every problem with
/// giving `user` the package (R-USR-02, R-CUS-05).
#[wasm_bindgen(js_name = validatePackageChange, unchecked_return_type = "Findings")]
pub fn validate_package_change(
    #[wasm_bindgen(unchecked_param_type = "Customer | string")] customer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "User")] user: JsValue,
    #[wasm_bindgen(js_name = newPackage, unchecked_param_type = "string")] new_package: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = json_arg(customer, "customer")?;
    let user: User = from_js(user, "user")?;
    let new_package = package(&new_package, "new_package")?;
    to_js(&provisioning::validate_package_change(
        &customer,
        &user,
        &new_package,
    ))
}

/// `checkTagEdit(role)`: `TAG_EDIT_FORBIDDEN` when `role` may not edit
/// custom tags (R-TAG-01), else `null`.
#[wasm_bindgen(js_name = checkTagEdit, unchecked_return_type = "Problem | null")]
pub fn check_tag_edit(
    #[wasm_bindgen(unchecked_param_type = "AdminRole")] role: JsValue,
) -> Result<JsValue, JsValue> {
    let role: AdminRole = from_js(role, "role")?;
    to_js(&provisioning::check_tag_edit(role))
}

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
#[wasm_bindgen(js_name = resourceIdDecode, unchecked_return_type = "ResourceIdParts")]
pub fn resource_id_decode(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = arg_string(&id, "id")?;
    match ResourceId::decode(&id) {
        Ok(decoded) => to_js(&decoded),
        Err(e) => Err(error_to_js(&resource_id_error(&e, "id"))),
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
    Ok(JsValue::from_str(
        &ResourceId::new(region, kind, uuid).encode(),
    ))
}

/// `resourceIdUuidOf(id)`: the UUID (lower-case) of a resource ID or bare UUID.
#[wasm_bindgen(js_name = resourceIdUuidOf, unchecked_return_type = "string")]
pub fn resource_id_uuid_of(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = arg_string(&id, "id")?;
    ResourceId::uuid_of(&id)
        .map(|u| JsValue::from_str(&u.to_string()))
        .map_err(|e| error_to_js(&resource_id_error(&e, "id")))
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
        CustomerRequest::provision(&customer).map_err(|f| validation_error_to_js(&f))?;
    if !(limits.is_undefined() || limits.is_null()) {
        let limits: std::collections::BTreeMap<String, u64> = from_js(limits, "limits")?;
        let mut parsed = Vec::with_capacity(limits.len());
        for (name, limit) in limits {
            let p = Package::parse_strict(&name)
                .map_err(|e| error_to_js(&ErrorInfo::package(&e, "limits")))?;
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
    #[wasm_bindgen(unchecked_param_type = "User")] user: JsValue,
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
        .map_err(|f| validation_error_to_js(&f))?;
    to_js(&request)
}
