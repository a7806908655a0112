//! The Webex API helpers (`wholesale_core::api`, R-API): payload checks,
//! resource IDs, request bodies.

use pyo3::prelude::*;
use wholesale_core::api::{self, CustomerRequest, ResourceId, SubscriberRequest};
use wholesale_core::org::User;
use wholesale_core::provisioning::NewCustomer;

use crate::convert::{arg, json_doc, package, to_py};
use crate::errors::{guard, input_error, validation_error, Raise};

/// Detects and prechecks an API payload (R-API-01, R-API-03):
/// `{"kind", "valid", "errors", "warnings"}`. `payload` is plain data, or
/// a JSON file (`bytes` content, a `str`/`os.PathLike` path).
#[pyfunction]
#[pyo3(signature = (payload: "Union[JsonValue, FileInput]") -> "PayloadCheck")]
fn check_api_payload<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let value: serde_json::Value = json_doc(payload, "payload")?;
        to_py(py, &api::check_payload(&value))
    })
}

/// `{"region", "kind", "uuid"}` of an API resource ID (R-API-04); an
/// unreadable ID raises `ApiError` (RESOURCE_ID_INVALID, field `id`).
#[pyfunction]
#[pyo3(signature = (id: "str") -> "ResourceId")]
fn resource_id_decode<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let decoded = ResourceId::decode(id).map_err(|err| err.to_pyerr_in(py, "id"))?;
        to_py(py, &decoded)
    })
}

/// The API resource ID of `(region, kind, uuid)` (unpadded base64);
/// `ValidationError` (RESOURCE_ID_INVALID) for parts `resource_id_decode`
/// would not read back (empty, or holding `/` or a space).
#[pyfunction]
#[pyo3(signature = (region: "str", kind: "str", uuid: "str") -> "str")]
fn resource_id_encode(py: Python<'_>, region: &str, kind: &str, uuid: &str) -> PyResult<String> {
    guard(py, || {
        let uuid = uuid::Uuid::parse_str(uuid.trim()).map_err(|err| {
            input_error(py, "uuid", &format!("uuid: {uuid:?} is not a UUID: {err}"))
        })?;
        // R-REP-05: only parts the decoder reads back (no '/', none empty).
        ResourceId::new(region, kind, uuid)
            .try_encode()
            .map_err(|err| err.to_pyerr_in(py, "kind"))
    })
}

/// The UUID (lower-case hyphenated text) of an API resource ID or bare UUID.
#[pyfunction]
#[pyo3(signature = (id: "str") -> "str")]
fn resource_id_uuid_of(py: Python<'_>, id: &str) -> PyResult<String> {
    guard(py, || {
        ResourceId::uuid_of(id)
            .map(|u| u.to_string())
            .map_err(|err| err.to_pyerr_in(py, "id"))
    })
}

/// Whether two IDs (resource ID or UUID) name the same resource.
#[pyfunction]
#[pyo3(signature = (a: "str", b: "str") -> "bool")]
fn same_resource(py: Python<'_>, a: &str, b: &str) -> PyResult<bool> {
    guard(py, || Ok(ResourceId::same_resource(a, b)))
}

/// The provision-customer request body for a new customer, after the local
/// precheck; `ValidationError` (`.problems`) when it fails. `limits` maps
/// packages to license limits.
#[pyfunction]
#[pyo3(signature = (
    customer: "Union[NewCustomer, FileInput]",
    limits: "Optional[Mapping[str, int]]" = None,
) -> "Dict[str, JsonValue]")]
fn build_customer_request<'py>(
    py: Python<'py>,
    customer: &Bound<'py, PyAny>,
    limits: Option<std::collections::BTreeMap<String, u64>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let customer: NewCustomer = json_doc(customer, "customer")?;
        let mut request =
            CustomerRequest::provision(&customer).map_err(|f| validation_error(py, &f))?;
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
#[pyo3(signature = (
    customer_id: "str",
    user: "UserInput",
    location_id: "Optional[str]" = None,
) -> "Dict[str, JsonValue]")]
fn build_subscriber_request<'py>(
    py: Python<'py>,
    customer_id: &str,
    user: &Bound<'py, PyAny>,
    location_id: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let user: User = arg(user, "user")?;
        let request = SubscriberRequest::provision(customer_id, &user, location_id)
            .map_err(|f| validation_error(py, &f))?;
        to_py(py, &request)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_api_payload, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_decode, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_encode, m)?)?;
    m.add_function(wrap_pyfunction!(resource_id_uuid_of, m)?)?;
    m.add_function(wrap_pyfunction!(same_resource, m)?)?;
    m.add_function(wrap_pyfunction!(build_customer_request, m)?)?;
    m.add_function(wrap_pyfunction!(build_subscriber_request, m)?)?;
    Ok(())
}
