//! The Webex Wholesale Provisioning API shapes (R-API-01..04).
//!
//! Serde types for the API's JSON (camelCase), tolerant as the API demands:
//! unknown fields are kept in `extra` and written back, unknown statuses and
//! packages are kept as given. [`check_payload`] detects which payload a JSON
//! value is and runs the local precheck (R-API-03); the `build` functions
//! turn validated model values into request bodies (R-API-02).
//!
//! ```
//! use wholesale_core::api::{check_payload, PayloadKind, ResourceId};
//!
//! let json = serde_json::json!({
//!     "customerId": "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng",
//!     "email": "john.anderson@acme.com",
//!     "packages": ["webex_calling"],
//!     "provisioningParameters": {"firstName": "John", "lastName": "Andersen"}
//! });
//! let check = check_payload(&json);
//! assert_eq!(check.kind, PayloadKind::ProvisionSubscriberRequest);
//! // A calling subscriber needs a number or extension, and a location (R-USR-02).
//! assert!(!check.valid);
//! assert_eq!(check.errors[0].code.as_str(), "PACKAGE_CHANGE_NEEDS_NUMBER");
//!
//! let id = ResourceId::decode("Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng").unwrap();
//! assert_eq!(id.kind, "CUSTOMER");
//! assert_eq!(id.uuid.to_string(), "f5b36187-c8dd-4727-8b2f-f9c447f29046");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::Code;
use crate::problem::{Findings, Problem};

mod precheck;
mod request;
mod resource_id;
mod wire;

use precheck::{
    check_customer, check_precheck_response, check_subscriber, precheck_customer_request,
    precheck_subscriber_request, RequestMode,
};
pub use resource_id::{decode_base64, ResourceId, ResourceIdError};
pub use wire::{
    AcceptedResponse, ApiMessage, CallingLocation, CallingParameters, CustomerInfo,
    CustomerProvisioningParameters, CustomerRequest, CustomerStatus, ListResponse,
    MeetingsParameters, OneOrMany, PackageDetail, PackageLimits, PrecheckInfo, PrecheckResponse,
    ResourceDetails, SubscriberProvisioningParameters, SubscriberRequest, SubscriberStatus,
    WholesaleCustomer, WholesaleSubscriber,
};

// ---------------------------------------------------------------------------
// Detection (R-API-01) and the payload check (R-API-03)

/// Which API payload a JSON value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PayloadKind {
    /// A wholesale customer object.
    Customer,
    /// `{"items": [customer, ...]}`.
    CustomerList,
    /// A wholesale subscriber object.
    Subscriber,
    /// `{"items": [subscriber, ...]}`.
    SubscriberList,
    /// Provision (POST) customer body.
    ProvisionCustomerRequest,
    /// Update (PUT) customer body.
    UpdateCustomerRequest,
    /// Provision (POST) subscriber body.
    ProvisionSubscriberRequest,
    /// Update (PUT) subscriber body.
    UpdateSubscriberRequest,
    /// Customer precheck body.
    PrecheckCustomerRequest,
    /// Subscriber precheck body.
    PrecheckSubscriberRequest,
    /// Precheck response.
    PrecheckResponse,
    /// 202 answer with the new resource's URL.
    AcceptedResponse,
    /// The library's own new-customer file ([`crate::provisioning::NewCustomer`],
    /// snake_case keys such as `admin_email`, `provisioning_id`), checked by
    /// R-CUS-01..03 before a provision request is built from it.
    NewCustomer,
    /// Not a payload the library recognizes.
    Unrecognized,
}

impl PayloadKind {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadKind::Customer => "customer",
            PayloadKind::CustomerList => "customer_list",
            PayloadKind::Subscriber => "subscriber",
            PayloadKind::SubscriberList => "subscriber_list",
            PayloadKind::ProvisionCustomerRequest => "provision_customer_request",
            PayloadKind::UpdateCustomerRequest => "update_customer_request",
            PayloadKind::ProvisionSubscriberRequest => "provision_subscriber_request",
            PayloadKind::UpdateSubscriberRequest => "update_subscriber_request",
            PayloadKind::PrecheckCustomerRequest => "precheck_customer_request",
            PayloadKind::PrecheckSubscriberRequest => "precheck_subscriber_request",
            PayloadKind::PrecheckResponse => "precheck_response",
            PayloadKind::AcceptedResponse => "accepted_response",
            PayloadKind::NewCustomer => "new_customer",
            PayloadKind::Unrecognized => "unrecognized",
        }
    }
}

/// Decides which payload `value` is, by the keys that set each kind apart.
pub fn detect(value: &Value) -> PayloadKind {
    let Some(object) = value.as_object() else {
        return PayloadKind::Unrecognized;
    };
    let has = |key: &str| object.contains_key(key);
    // The API is camelCase; these snake_case keys are the library's own file.
    if [
        "admin_email",
        "provisioning_id",
        "hq_address",
        "hq_location_confirmed",
    ]
    .iter()
    .any(|key| has(key))
    {
        return PayloadKind::NewCustomer;
    }
    if let Some(items) = object.get("items").and_then(Value::as_array) {
        let first = items.first().map(detect);
        return match first {
            Some(PayloadKind::Customer) => PayloadKind::CustomerList,
            Some(PayloadKind::Subscriber) => PayloadKind::SubscriberList,
            // An empty list is read as a customer list: both are empty alike.
            None => PayloadKind::CustomerList,
            Some(_) => PayloadKind::Unrecognized,
        };
    }
    if has("id") && has("status") {
        return if has("email") || has("personId") || has("customerId") {
            PayloadKind::Subscriber
        } else {
            PayloadKind::Customer
        };
    }
    if has("message") && (has("info") || has("errors")) {
        return PayloadKind::PrecheckResponse;
    }
    if has("url") && object.len() == 1 {
        return PayloadKind::AcceptedResponse;
    }
    if has("provisioningId") || (has("customerInfo") && has("packages")) {
        return PayloadKind::ProvisionCustomerRequest;
    }
    if has("customerId") && has("email") && has("packages") {
        return PayloadKind::ProvisionSubscriberRequest;
    }
    if has("customerId") && has("email") {
        return PayloadKind::PrecheckSubscriberRequest;
    }
    if has("address") || has("customerInfo") {
        return if has("packages") || has("externalId") {
            PayloadKind::UpdateCustomerRequest
        } else {
            PayloadKind::PrecheckCustomerRequest
        };
    }
    if has("packages") || has("provisioningParameters") {
        return PayloadKind::UpdateSubscriberRequest;
    }
    PayloadKind::Unrecognized
}

/// The result of checking one payload: what it is and every problem found.
///
/// Serialized as `{"kind", "valid", "errors", "warnings"}`, the output of
/// `wholesale api check --format json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PayloadCheck {
    /// Which payload it is.
    pub kind: PayloadKind,
    /// True when there is no error.
    pub valid: bool,
    /// Problems that would make Webex reject it (or that Webex reported).
    pub errors: Vec<Problem>,
    /// Problems worth a look.
    pub warnings: Vec<Problem>,
}

impl PayloadCheck {
    fn new(kind: PayloadKind, findings: Findings) -> PayloadCheck {
        PayloadCheck {
            kind,
            valid: findings.is_valid(),
            errors: findings.errors,
            warnings: findings.warnings,
        }
    }
}

/// Detects, parses and prechecks an API payload (R-API-01, R-API-03).
///
/// Never fails: an unrecognized or mistyped payload is reported as a problem.
pub fn check_payload(value: &Value) -> PayloadCheck {
    let kind = detect(value);
    let findings = match kind {
        PayloadKind::Customer => parse(value).map(|c: WholesaleCustomer| check_customer(&c, "")),
        PayloadKind::CustomerList => parse(value).map(|list: ListResponse<WholesaleCustomer>| {
            let mut findings = Findings::default();
            for (i, customer) in list.items.iter().enumerate() {
                findings.extend(check_customer(customer, &format!("items[{i}].")));
            }
            findings
        }),
        PayloadKind::Subscriber => parse(value).map(|s: WholesaleSubscriber| check_subscriber(&s, "")),
        PayloadKind::SubscriberList => parse(value).map(|list: ListResponse<WholesaleSubscriber>| {
            let mut findings = Findings::default();
            for (i, subscriber) in list.items.iter().enumerate() {
                findings.extend(check_subscriber(subscriber, &format!("items[{i}].")));
            }
            findings
        }),
        PayloadKind::ProvisionCustomerRequest => parse(value).map(|r| precheck_customer_request(&r, RequestMode::Provision)),
        PayloadKind::UpdateCustomerRequest => parse(value).map(|r| precheck_customer_request(&r, RequestMode::Update)),
        PayloadKind::PrecheckCustomerRequest => parse(value).map(|r| precheck_customer_request(&r, RequestMode::Precheck)),
        PayloadKind::ProvisionSubscriberRequest => parse(value).map(|r| precheck_subscriber_request(&r, RequestMode::Provision)),
        PayloadKind::UpdateSubscriberRequest => parse(value).map(|r| precheck_subscriber_request(&r, RequestMode::Update)),
        PayloadKind::PrecheckSubscriberRequest => parse(value).map(|r| precheck_subscriber_request(&r, RequestMode::Precheck)),
        PayloadKind::PrecheckResponse => parse(value).map(|r: PrecheckResponse| check_precheck_response(&r)),
        PayloadKind::AcceptedResponse => parse::<AcceptedResponse>(value).map(|_| Findings::default()),
        PayloadKind::NewCustomer => parse(value).map(|c: crate::provisioning::NewCustomer| c.validate()),
        PayloadKind::Unrecognized => Err(Problem::general(
            Code::ApiPayloadUnrecognized,
            "not a Webex Wholesale customer, subscriber, list, provision/update/precheck request or precheck response",
        )),
    };
    let findings = findings.unwrap_or_else(|problem| {
        let mut findings = Findings::default();
        findings.push(problem);
        findings
    });
    PayloadCheck::new(kind, findings)
}

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, Problem> {
    T::deserialize(value).map_err(|e| {
        Problem::general(
            Code::ApiPayloadInvalid,
            format!("the payload looks like a known kind but does not read as one: {e}"),
        )
    })
}

/// The payloads inside an operation example document (`{"operationId",
/// "requestExamples": [{"example"}], "responseExamples": [{"status",
/// "example"}]}`, the form Webex's published examples are collected in), each
/// with where it sits, e.g. `responseExamples[0]`. Empty for anything else.
pub fn example_payloads(document: &Value) -> Vec<(String, &Value)> {
    ["requestExamples", "responseExamples"]
        .into_iter()
        .flat_map(|list| {
            document
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .filter_map(move |(i, entry)| {
                    entry
                        .get("example")
                        .map(|example| (format!("{list}[{i}]"), example))
                })
        })
        .collect()
}
