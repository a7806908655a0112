//! Provisioning validation (R-CUS, R-USR, R-TAG, R-TPL) and the Webex API
//! helpers (R-API): payload checks, resource IDs, request bodies.

use pyo3::prelude::*;
use wholesale_core::api::{self, CustomerRequest, ResourceId, SubscriberRequest};
use wholesale_core::org::{AdminRole, Customer, User};
use wholesale_core::problem::Findings;
use wholesale_core::provisioning::{self, NewCustomer};
use wholesale_core::template::OnboardingTemplate;

use crate::convert::{from_py, json_arg, package, to_py};
use crate::errors::{guard, input_error, validation_error, CoreError};

fn raise(py: Python<'_>, findings: &Findings) -> PyErr {
    validation_error(py, &findings.errors, &findings.iter().collect::<Vec<_>>())
}

/// Every problem of a new customer (R-CUS-01..03): a findings dict.
#[pyfunction]
fn validate_new_customer<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: NewCustomer = json_arg(customer, "customer")?;
        to_py(py, &customer.validate())
    })
}

/// Every problem of an onboarding template (R-TPL-03, R-TPL-04).
#[pyfunction]
fn validate_template<'py>(
    py: Python<'py>,
    template: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let template: OnboardingTemplate = json_arg(template, "template")?;
        to_py(py, &template.validate())
    })
}

/// Every problem with adding `user` to `customer` (R-CUS-04, R-CUS-05);
/// `field` prefixes the user's fields.
#[pyfunction]
#[pyo3(signature = (customer, user, field = "user"))]
fn validate_user<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
    field: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_arg(customer, "customer")?;
        let user: User = from_py(user, "user")?;
        to_py(py, &provisioning::validate_user(&customer, &user, field))
    })
}

/// Every problem of a manual batch of users (R-USR-01, R-CUS-04, R-CUS-05).
#[pyfunction]
fn validate_manual_batch<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    users: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_arg(customer, "customer")?;
        let users: Vec<User> = from_py(users, "users")?;
        to_py(py, &provisioning::validate_manual_batch(&customer, &users))
    })
}

/// Every problem with giving `user` the package `new_package` (R-USR-02, R-CUS-05).
#[pyfunction]
fn validate_package_change<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
    new_package: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: Customer = json_arg(customer, "customer")?;
        let user: User = from_py(user, "user")?;
        let new_package = package(py, new_package, "new_package")?;
        to_py(
            py,
            &provisioning::validate_package_change(&customer, &user, &new_package),
        )
    })
}

/// `TAG_EDIT_FORBIDDEN` when `role` may not edit custom tags (R-TAG-01), else `None`.
#[pyfunction]
fn check_tag_edit<'py>(py: Python<'py>, role: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let role: AdminRole = from_py(role, "role")?;
        to_py(py, &provisioning::check_tag_edit(role))
    })
}

/// Detects and prechecks an API payload (R-API-01, R-API-03):
/// `{"kind", "valid", "errors", "warnings"}`. `payload` is a dict/list, JSON
/// text or a JSON file.
#[pyfunction]
fn check_api_payload<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let value: serde_json::Value = json_arg(payload, "payload")?;
        to_py(py, &api::check_payload(&value))
    })
}

/// `{"region", "kind", "uuid"}` of an API resource ID (R-API-04); an
/// unreadable ID raises `ApiError` (RESOURCE_ID_INVALID).
#[pyfunction]
fn resource_id_decode<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let decoded = ResourceId::decode(id).map_err(|err| err.to_pyerr(py, Some("id")))?;
        to_py(py, &decoded)
    })
}

/// The API resource ID of `(region, kind, uuid)` (unpadded base64).
#[pyfunction]
fn resource_id_encode(py: Python<'_>, region: &str, kind: &str, uuid: &str) -> PyResult<String> {
    guard(py, || {
        let uuid = uuid::Uuid::parse_str(uuid.trim()).map_err(|err| {
            input_error(
                py,
                Some("uuid"),
                &format!("uuid: {uuid:?} is not a UUID: {err}"),
            )
        })?;
        Ok(ResourceId::new(region, kind, uuid).encode())
    })
}

/// The UUID (lower-case hyphenated text) of an API resource ID or bare UUID.
#[pyfunction]
fn resource_id_uuid_of(py: Python<'_>, id: &str) -> PyResult<String> {
    guard(py, || {
        ResourceId::uuid_of(id)
            .map(|u| u.to_string())
            .map_err(|err| err.to_pyerr(py, Some("id")))
    })
}

/// Whether two IDs (resource ID or UUID) name the same resource.
#[pyfunction]
fn same_resource(py: Python<'_>, a: &str, b: &str) -> PyResult<bool> {
    guard(py, || Ok(ResourceId::same_resource(a, b)))
}

/// The provision-customer request body for a new customer, after the local
/// precheck; `ValidationError` (`.problems`) when it fails. `limits` maps
/// packages to license limits.
#[pyfunction]
#[pyo3(signature = (customer, limits = None))]
fn build_customer_request<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    limits: Option<std::collections::BTreeMap<String, u64>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: NewCustomer = json_arg(customer, "customer")?;
        let mut request = CustomerRequest::provision(&customer).map_err(|f| raise(py, &f))?;
        if let Some(limits) = limits {
            let mut parsed = Vec::with_capacity(limits.len());
            for (name, limit) in limits {
                parsed.push((package(py, &name, "limits")?, limit));
            }
            request = request.with_limits(parsed);
        }
        to_py(py, &request)
    })
}

/// The provision-subscriber request body for `user` of the customer
/// `customer_id`, after the local precheck (R-API-03); `ValidationError`
/// (`.problems`) when it fails.
#[pyfunction]
#[pyo3(signature = (customer_id, user, location_id = None))]
fn build_subscriber_request<'py>(
    py: Python<'py>,
    customer_id: &str,
    user: &Bound<'py, PyAny>,
    location_id: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let user: User = from_py(user, "user")?;
        let request = SubscriberRequest::provision(customer_id, &user, location_id)
            .map_err(|f| raise(py, &f))?;
        to_py(py, &request)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_new_customer, m)?)?;
    m.add_function(wrap_pyfunction!(validate_template, m)?)?;
    m.add_function(wrap_pyfunction!(validate_user, m)?)?;
    m.add_function(wrap_pyfunction!(validate_manual_batch, m)?)?;
    m.add_function(wrap_pyfunction!(validate_package_change, m)?)?;
    m.add_function(wrap_pyfunction!(check_tag_edit, m)?)?;
    m.add_function(wrap_pyfunction!(check_api_payload, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_decode, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_encode, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_uuid_of, m)?)?;
    m.add_function(wrap_pyfunction!(same_resource, m)?)?;
    m.add_function(wrap_pyfunction!(build_customer_request, m)?)?;
    m.add_function(wrap_pyfunction!(build_subscriber_request, m)?)?;
    Ok(())
}
