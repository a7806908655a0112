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

use std::collections::BTreeMap;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::codes::Code;
use crate::contact::{check_email, check_extension, check_phone_number};
use crate::org::{Address, User};
use crate::package::Package;
use crate::problem::{AsProblem, Findings, Problem};
use crate::provisioning::{
    check_address, check_calling_number, check_customer_packages, NewCustomer,
};
use crate::template::ProvisioningId;

// ---------------------------------------------------------------------------
// Resource IDs (R-API-04)

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 as Webex writes it: standard or URL-safe alphabet, padded
/// or not. `None` when it is not base64.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    STANDARD_LENIENT
        .decode(text)
        .or_else(|_| URL_SAFE_LENIENT.decode(text))
        .ok()
}

/// A Webex resource ID: unpadded base64 of `ciscospark://<region>/<TYPE>/<uuid>`.
///
/// Partner Hub reports show the bare UUID; [`ResourceId::same_resource`]
/// compares either form by UUID so report rows join with API objects.
///
/// ```
/// use wholesale_core::api::ResourceId;
/// use uuid::Uuid;
///
/// let uuid = Uuid::parse_str("52cf576d-60a8-407a-b22c-467c51591909").unwrap();
/// let id = ResourceId::new("us", "ORGANIZATION", uuid);
/// assert_eq!(ResourceId::decode(&id.encode()).unwrap(), id);
/// assert!(ResourceId::same_resource(&id.encode(), "52CF576D-60A8-407A-B22C-467C51591909"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResourceId {
    /// Region segment, e.g. `us`.
    pub region: String,
    /// Resource type, e.g. `ORGANIZATION`, `LOCATION`, `SUBSCRIBER`.
    pub kind: String,
    /// The UUID Partner Hub reports show.
    pub uuid: Uuid,
}

/// Why a resource ID could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceIdError {
    /// Not base64.
    #[error("{0:?} is not base64")]
    NotBase64(String),
    /// Base64, but not of `ciscospark://<region>/<TYPE>/<uuid>`.
    #[error("{0:?} does not decode to ciscospark://<region>/<TYPE>/<uuid>")]
    NotCiscoSpark(String),
    /// Neither a resource ID nor a bare UUID.
    #[error("{0:?} is neither a Webex resource ID nor a UUID")]
    NotAnId(String),
}

/// The start of an ID quoted in an error (IDs are short; a huge one is not).
fn clip(id: &str) -> String {
    id.chars().take(120).collect()
}

impl ResourceIdError {
    /// The registry code for every variant: `RESOURCE_ID_INVALID`.
    pub fn code(&self) -> Code {
        Code::ResourceIdInvalid
    }
}

impl AsProblem for ResourceIdError {
    fn to_problem(&self) -> Problem {
        Problem::general(self.code(), self.to_string())
    }
}

impl ResourceId {
    /// A resource ID from its parts.
    pub fn new(region: impl Into<String>, kind: impl Into<String>, uuid: Uuid) -> ResourceId {
        ResourceId {
            region: region.into(),
            kind: kind.into(),
            uuid,
        }
    }

    /// Reads an API resource ID (padded or not).
    pub fn decode(text: &str) -> Result<ResourceId, ResourceIdError> {
        let bytes =
            decode_base64(text.trim()).ok_or_else(|| ResourceIdError::NotBase64(clip(text)))?;
        let not_spark = || ResourceIdError::NotCiscoSpark(clip(text));
        let decoded = String::from_utf8(bytes).map_err(|_| not_spark())?;
        let rest = decoded
            .strip_prefix("ciscospark://")
            .ok_or_else(not_spark)?;
        let mut parts = rest.splitn(3, '/');
        let (Some(region), Some(kind), Some(uuid)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(not_spark());
        };
        let uuid = Uuid::parse_str(uuid).map_err(|_| not_spark())?;
        if region.is_empty() || kind.is_empty() {
            return Err(not_spark());
        }
        Ok(ResourceId::new(region, kind, uuid))
    }

    /// The API form: unpadded standard base64.
    pub fn encode(&self) -> String {
        STANDARD_LENIENT.encode(format!(
            "ciscospark://{}/{}/{}",
            self.region, self.kind, self.uuid
        ))
    }

    /// The UUID of either form: an API resource ID or a bare UUID.
    pub fn uuid_of(text: &str) -> Result<Uuid, ResourceIdError> {
        let trimmed = text.trim();
        if let Ok(uuid) = Uuid::parse_str(trimmed) {
            return Ok(uuid);
        }
        ResourceId::decode(trimmed)
            .map(|id| id.uuid)
            .map_err(|_| ResourceIdError::NotAnId(clip(trimmed)))
    }

    /// Whether two IDs, each an API resource ID or a bare UUID, name the same
    /// resource. Unreadable IDs are never the same.
    pub fn same_resource(a: &str, b: &str) -> bool {
        matches!((ResourceId::uuid_of(a), ResourceId::uuid_of(b)), (Ok(x), Ok(y)) if x == y)
    }
}

// ---------------------------------------------------------------------------
// Statuses and messages (R-API-01)

macro_rules! api_status {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = concat!("`", $text, "`")] #[serde(rename = $text)] $variant, )*
            /// A status the library does not know, kept as given.
            #[serde(untagged)]
            Other(String),
        }

        impl $name {
            /// The API's string.
            pub fn as_str(&self) -> &str {
                match self { $($name::$variant => $text,)* $name::Other(s) => s }
            }

            /// Whether the library knows this status.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }
    };
}

api_status! {
    /// Provisioning status of a wholesale customer or one of its packages.
    CustomerStatus {
        Provisioning = "provisioning",
        Provisioned = "provisioned",
        ProvisionedWithErrors = "provisioned_with_errors",
        Error = "error",
        Updating = "updating",
        Deleting = "deleting",
        DeleteFailed = "delete_failed",
    }
}

api_status! {
    /// Provisioning status of a wholesale subscriber.
    SubscriberStatus {
        PendingEmailInput = "pending_email_input",
        PendingEmailValidation = "pending_email_validation",
        PendingUserMigration = "pending_user_migration",
        Provisioning = "provisioning",
        Provisioned = "provisioned",
        Updating = "updating",
        Error = "error",
    }
}

/// A warning or error Webex attaches to an object, with its numeric code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiMessage {
    /// Webex's numeric error code, e.g. 2560.
    pub error_code: Option<i64>,
    /// Webex's description.
    #[serde(default)]
    pub description: String,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Per-package provisioning details of a customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PackageDetail {
    /// The package.
    pub name: Package,
    /// Its provisioning status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CustomerStatus>,
    /// Warnings Webex reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ApiMessage>,
    /// Errors Webex reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiMessage>,
    /// License IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub license_ids: Vec<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `resourceDetails` of a customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResourceDetails {
    /// Per-package details.
    #[serde(default)]
    pub packages: Vec<PackageDetail>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A wholesale customer as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WholesaleCustomer {
    /// The wholesale customer's resource ID.
    pub id: String,
    /// The Webex org's resource ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The partner's external ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// HQ address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Provisioning status.
    pub status: CustomerStatus,
    /// Packages.
    #[serde(default)]
    pub packages: Vec<Package>,
    /// Per-package details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_details: Option<ResourceDetails>,
    /// Errors of the last provisioning attempt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiMessage>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A wholesale subscriber as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WholesaleSubscriber {
    /// The subscriber's resource ID.
    pub id: String,
    /// The Webex person ID (when provisioned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The wholesale customer's resource ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// The partner's external customer ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_customer_id: Option<String>,
    /// The subscriber's package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    /// Packages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    /// Provisioning status.
    pub status: SubscriberStatus,
    /// Errors of the last provisioning attempt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiMessage>,
    /// When the status last changed (RFC 3339, kept as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status_change: Option<String>,
    /// When the subscriber was provisioned (RFC 3339, kept as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Fields the library does not know (names, numbers, BroadWorks IDs), kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A list response: `{"items": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListResponse<T> {
    /// The objects.
    pub items: Vec<T>,
    /// Fields the library does not know (paging links), kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

// ---------------------------------------------------------------------------
// Requests (R-API-02)

/// `customerInfo` of a provision-customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerInfo {
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The customer's first admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_email: Option<String>,
    /// Language, e.g. `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The calling location of a provision-customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CallingLocation {
    /// Location name.
    #[serde(default)]
    pub name: String,
    /// Its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Language, e.g. `en_us`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Emergency location identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_location_identifier: Option<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `provisioningParameters` of a customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerProvisioningParameters {
    /// Calling settings: `{"location": {...}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling: Option<CallingParameters>,
    /// Meetings settings: `{"timezone": ...}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings: Option<MeetingsParameters>,
    /// Package limits: `{"limits": {"webex_calling": 50}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packages: Option<PackageLimits>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Calling settings of a customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CallingParameters {
    /// The first calling location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<CallingLocation>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Meetings settings of a customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeetingsParameters {
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Per-package license limits of a customer request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackageLimits {
    /// Maximum licenses per package identifier.
    #[serde(default)]
    pub limits: BTreeMap<String, u64>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Body of `POST /wholesale/customers` (and, without `provisioningId` and
/// `customerInfo`, of `PUT /wholesale/customers/{id}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerRequest {
    /// The onboarding template's provisioning ID (provision only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_id: Option<String>,
    /// Packages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    /// An existing Webex org to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The partner's external ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// HQ address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Company name, admin e-mail, language (provision only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_info: Option<CustomerInfo>,
    /// Calling, meetings and package settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_parameters: Option<CustomerProvisioningParameters>,
    /// Sub-partner admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_partner_admin_email: Option<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `provisioningParameters` of a subscriber request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriberProvisioningParameters {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Primary phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_phone_number: Option<String>,
    /// Extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// The calling location's resource ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Body of `POST /wholesale/subscribers` (and, without `customerId` and
/// `email`, of `PUT /wholesale/subscribers/{id}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriberRequest {
    /// The wholesale customer's ID (provision only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// E-mail (provision only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Packages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
    /// Names, number, extension, location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_parameters: Option<SubscriberProvisioningParameters>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One `info` entry of a precheck response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrecheckInfo {
    /// Numeric info code, e.g. 100 for success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_code: Option<i64>,
    /// Numeric error code on failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<i64>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Response of the customer and subscriber precheck endpoints.
///
/// The published schema types `info` as one object while the examples send a
/// list: both are read, and written back in the form they came in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PrecheckResponse {
    /// `success` or a failure text.
    pub message: String,
    /// Info entries (success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<OneOrMany<PrecheckInfo>>,
    /// Error entries (failure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<OneOrMany<PrecheckInfo>>,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A JSON value that is sometimes one object and sometimes a list of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A list.
    Many(Vec<T>),
    /// A single object.
    One(T),
}

impl<T> OneOrMany<T> {
    /// The entries, however they came.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::Many(items) => items,
            OneOrMany::One(item) => std::slice::from_ref(item),
        }
    }
}

/// The 202 answer to a provision or update request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AcceptedResponse {
    /// Where to poll the new resource.
    pub url: String,
    /// Fields the library does not know, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

// ---------------------------------------------------------------------------
// Detection and precheck (R-API-01, R-API-03)

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

/// Which request a body is for: the fields each needs differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RequestMode {
    Provision,
    Update,
    Precheck,
}

fn reported<'a>(
    messages: &'a [ApiMessage],
    code: Code,
    field: &str,
) -> impl Iterator<Item = Problem> + 'a {
    let field = field.to_owned();
    messages.iter().map(move |m| {
        let number = m
            .error_code
            .map(|c| c.to_string())
            .unwrap_or_else(|| "?".into());
        Problem::new(
            code,
            field.clone(),
            format!("Webex errorCode {number}: {}", m.description),
        )
    })
}

fn unknown_packages<'a>(
    packages: &'a [Package],
    field: &'a str,
) -> impl Iterator<Item = Problem> + 'a {
    packages.iter().filter(|p| !p.is_known()).map(move |p| {
        Problem::new(
            Code::ApiPackageUnknown,
            field,
            format!(
                "package {:?} is not known to this library version; kept as given",
                p.api_id()
            ),
        )
    })
}

fn unknown_status(status: &str, known: bool, field: &str) -> Option<Problem> {
    (!known).then(|| {
        Problem::new(
            Code::ApiStatusUnknown,
            field,
            format!("status {status:?} is not known to this library version; kept as given"),
        )
    })
}

fn check_customer(customer: &WholesaleCustomer, prefix: &str) -> Findings {
    let mut findings = Findings::default();
    findings.extend(unknown_status(
        customer.status.as_str(),
        customer.status.is_known(),
        &format!("{prefix}status"),
    ));
    findings.extend(
        unknown_packages(&customer.packages, &format!("{prefix}packages")).collect::<Vec<_>>(),
    );
    findings.extend(reported(
        &customer.errors,
        Code::ApiReportedError,
        &format!("{prefix}errors"),
    ));
    for (i, detail) in customer
        .resource_details
        .iter()
        .flat_map(|d| &d.packages)
        .enumerate()
    {
        let at = format!("{prefix}resourceDetails.packages[{i}]");
        findings.extend(reported(
            &detail.warnings,
            Code::ApiReportedWarning,
            &format!("{at}.warnings"),
        ));
        findings.extend(reported(
            &detail.errors,
            Code::ApiReportedError,
            &format!("{at}.errors"),
        ));
        if let Some(status) = &detail.status {
            findings.extend(unknown_status(
                status.as_str(),
                status.is_known(),
                &format!("{at}.status"),
            ));
        }
    }
    for (field, id) in [
        ("id", Some(&customer.id)),
        ("orgId", customer.org_id.as_ref()),
    ] {
        if let Some(Err(e)) = id.map(|id| ResourceId::decode(id)) {
            findings.push(e.to_problem().in_field(format!("{prefix}{field}")));
        }
    }
    findings
}

fn check_subscriber(subscriber: &WholesaleSubscriber, prefix: &str) -> Findings {
    let mut findings = Findings::default();
    findings.extend(unknown_status(
        subscriber.status.as_str(),
        subscriber.status.is_known(),
        &format!("{prefix}status"),
    ));
    let packages: Vec<Package> = subscriber
        .package
        .iter()
        .chain(&subscriber.packages)
        .cloned()
        .collect();
    findings.extend(unknown_packages(&packages, &format!("{prefix}packages")).collect::<Vec<_>>());
    findings.extend(reported(
        &subscriber.errors,
        Code::ApiReportedError,
        &format!("{prefix}errors"),
    ));
    for (field, id) in [
        ("id", Some(&subscriber.id)),
        ("personId", subscriber.person_id.as_ref()),
        ("customerId", subscriber.customer_id.as_ref()),
    ] {
        if let Some(Err(e)) = id.map(|id| ResourceId::decode(id)) {
            findings.push(e.to_problem().in_field(format!("{prefix}{field}")));
        }
    }
    findings
}

fn check_precheck_response(response: &PrecheckResponse) -> Findings {
    let mut findings = Findings::default();
    for (i, entry) in response
        .errors
        .iter()
        .flat_map(OneOrMany::as_slice)
        .enumerate()
    {
        let number = entry
            .error_code
            .or(entry.info_code)
            .map(|c| c.to_string())
            .unwrap_or_else(|| "?".into());
        findings.push(Problem::new(
            Code::ApiReportedError,
            format!("errors[{i}]"),
            format!("Webex precheck errorCode {number}: {}", entry.description),
        ));
    }
    findings
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn precheck_customer_request(request: &CustomerRequest, mode: RequestMode) -> Findings {
    let mut findings = Findings::default();
    let info = request.customer_info.as_ref();
    if mode == RequestMode::Provision {
        match ProvisioningId::parse(request.provisioning_id.as_deref().unwrap_or("")) {
            Ok(_) => {}
            Err(problem) => findings.push(Problem {
                field: Some("provisioningId".into()),
                ..problem
            }),
        }
        findings.extend(check_customer_packages(&request.packages, "packages"));
        if non_empty(request.external_id.as_deref()).is_none() {
            findings.push(required(
                Code::CustomerFieldRequired,
                "externalId",
                "creating a customer needs the partner's externalId",
            ));
        }
        if non_empty(info.and_then(|i| i.name.as_deref())).is_none() {
            findings.push(required(
                Code::CustomerFieldRequired,
                "customerInfo.name",
                "creating a customer needs customerInfo.name (company name)",
            ));
        }
    }
    if mode != RequestMode::Update {
        match non_empty(info.and_then(|i| i.primary_email.as_deref())) {
            Some(email) => findings.extend(check_email("customerInfo.primaryEmail", email)),
            None if mode == RequestMode::Provision || request.address.is_some() => {
                findings.push(required(
                    Code::CustomerFieldRequired,
                    "customerInfo.primaryEmail",
                    "creating a customer needs customerInfo.primaryEmail (the customer's admin)",
                ))
            }
            None => {}
        }
    }
    match &request.address {
        Some(address) => findings.extend(api_fields(check_address(address, "address"))),
        None if mode == RequestMode::Provision => findings.push(required(
            Code::CustomerFieldRequired,
            "address",
            "creating a customer needs the HQ address",
        )),
        None => {}
    }
    if mode == RequestMode::Update {
        findings.extend(unknown_packages(&request.packages, "packages").collect::<Vec<_>>());
    }
    let location = request
        .provisioning_parameters
        .as_ref()
        .and_then(|p| p.calling.as_ref())
        .and_then(|c| c.location.as_ref());
    if let Some(address) = location.and_then(|l| l.address.as_ref()) {
        findings.extend(api_fields(check_address(
            address,
            "provisioningParameters.calling.location.address",
        )));
    }
    if let Some(email) = non_empty(request.sub_partner_admin_email.as_deref()) {
        findings.extend(check_email("subPartnerAdminEmail", email));
    }
    findings
}

/// `check_address` names fields in snake_case; API problems use the API's
/// camelCase field names.
fn api_fields(findings: Findings) -> Findings {
    let camel = |field: String| {
        field
            .replace("address_line1", "addressLine1")
            .replace("zip_or_postal_code", "zipOrPostalCode")
    };
    let mut out = Findings::default();
    out.extend(findings.into_iter().map(|p| Problem {
        field: p.field.map(camel),
        ..p
    }));
    out
}

fn required(code: Code, field: &str, message: &str) -> Problem {
    Problem::new(code, field, message)
}

fn precheck_subscriber_request(request: &SubscriberRequest, mode: RequestMode) -> Findings {
    let mut findings = Findings::default();
    if mode != RequestMode::Update {
        match non_empty(request.customer_id.as_deref()) {
            None => findings.push(required(
                Code::UserFieldRequired,
                "customerId",
                "a subscriber request needs the wholesale customerId",
            )),
            Some(id) if decode_base64(id).is_none() => findings.push(
                ResourceIdError::NotBase64(clip(id))
                    .to_problem()
                    .in_field("customerId"),
            ),
            Some(_) => {}
        }
        match non_empty(request.email.as_deref()) {
            None => findings.push(required(
                Code::UserFieldRequired,
                "email",
                "a subscriber request needs the user's email",
            )),
            Some(email) => findings.extend(check_email("email", email)),
        }
    }
    if mode == RequestMode::Precheck && request.packages.is_empty() {
        return findings;
    }
    if request.packages.len() != 1 {
        findings.push(Problem::new(
            Code::SubscriberPackageCount,
            "packages",
            format!(
                "a subscriber holds exactly one wholesale package; {} given",
                request.packages.len()
            ),
        ));
    }
    for package in &request.packages {
        if !package.is_known() {
            findings.push(Problem::new(
                Code::ApiPackageUnknown,
                "packages",
                format!(
                    "package {:?} is not known to this library version; kept as given",
                    package.api_id()
                ),
            ));
        } else if !package.is_subscriber_package() {
            findings.push(Problem::new(
                Code::PackageNotForUsers,
                "packages",
                format!("{package} is a customer-level package: a subscriber needs one of the subscriber packages"),
            ));
        }
    }
    let params = request.provisioning_parameters.clone().unwrap_or_default();
    let number = non_empty(params.primary_phone_number.as_deref());
    let extension = non_empty(params.extension.as_deref());
    if let Some(number) = number {
        findings.extend(check_phone_number(
            "provisioningParameters.primaryPhoneNumber",
            &api_number(number),
        ));
    }
    if let Some(extension) = extension {
        findings.extend(check_extension(
            "provisioningParameters.extension",
            extension,
        ));
    }
    let location = non_empty(params.location_id.as_deref());
    if let Some(location) = location {
        if let Err(e) = ResourceId::decode(location) {
            findings.push(e.to_problem().in_field("provisioningParameters.locationId"));
        }
    }
    if let [package] = request.packages.as_slice() {
        findings.extend(check_calling_number(
            package,
            number.is_some() || extension.is_some(),
            location.is_some(),
            "packages",
        ));
    }
    findings
}

/// The API accepts numbers written with separators (`+1-240-555-1212` in its
/// own examples): they are checked as E.164 once separators are removed.
fn api_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect()
}

// ---------------------------------------------------------------------------
// Building requests from validated values (R-API-02)

impl CustomerRequest {
    /// The provision-customer body for `customer`, after the local precheck:
    /// `Err` carries every problem when the customer is not valid.
    ///
    /// ```
    /// use wholesale_core::api::CustomerRequest;
    /// use wholesale_core::provisioning::NewCustomer;
    ///
    /// let err = CustomerRequest::provision(&NewCustomer::default()).unwrap_err();
    /// assert!(err.errors.len() > 3);
    /// ```
    pub fn provision(customer: &NewCustomer) -> Result<CustomerRequest, Findings> {
        let findings = customer.validate();
        if !findings.is_valid() {
            return Err(findings);
        }
        let calling_location = customer
            .packages
            .iter()
            .any(Package::entitles_calling)
            .then(|| CallingParameters {
                location: Some(CallingLocation {
                    name: "Headquarters".into(),
                    address: customer.hq_address.clone(),
                    timezone: customer.timezone.clone(),
                    language: customer.language.clone(),
                    ..CallingLocation::default()
                }),
                extra: Map::new(),
            });
        let meetings = customer
            .packages
            .iter()
            .any(Package::entitles_meetings)
            .then(|| MeetingsParameters {
                timezone: customer.timezone.clone(),
                extra: Map::new(),
            });
        let parameters = (calling_location.is_some() || meetings.is_some()).then(|| {
            CustomerProvisioningParameters {
                calling: calling_location,
                meetings,
                ..CustomerProvisioningParameters::default()
            }
        });
        Ok(CustomerRequest {
            provisioning_id: Some(customer.provisioning_id.trim().to_owned()),
            packages: customer.packages.clone(),
            org_id: None,
            external_id: Some(customer.external_id.trim().to_owned()),
            address: customer.hq_address.clone(),
            customer_info: Some(CustomerInfo {
                name: Some(customer.name.trim().to_owned()),
                primary_email: Some(customer.admin_email.trim().to_owned()),
                language: customer.language.clone(),
                extra: Map::new(),
            }),
            provisioning_parameters: parameters,
            sub_partner_admin_email: customer.sub_partner_admin_email.clone(),
            extra: Map::new(),
        })
    }

    /// Sets the per-package license limits.
    pub fn with_limits(
        mut self,
        limits: impl IntoIterator<Item = (Package, u64)>,
    ) -> CustomerRequest {
        let parameters = self
            .provisioning_parameters
            .get_or_insert_with(Default::default);
        let table = parameters.packages.get_or_insert_with(Default::default);
        table
            .limits
            .extend(limits.into_iter().map(|(p, n)| (p.api_id().to_owned(), n)));
        self
    }
}

impl SubscriberRequest {
    /// The provision-subscriber body for `user` of the wholesale customer
    /// `customer_id`, after the local precheck (R-API-03).
    ///
    /// `location_id` is the Webex ID of the user's calling location.
    ///
    /// ```
    /// use wholesale_core::api::SubscriberRequest;
    /// use wholesale_core::org::User;
    /// use wholesale_core::package::Package;
    ///
    /// let user = User { first_name: "Ana".into(), last_name: "Lind".into(), ..User::new("ana@acme.example", Package::WebexMeetings) };
    /// let body = SubscriberRequest::provision("Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng", &user, None).unwrap();
    /// assert_eq!(serde_json::to_value(&body).unwrap()["packages"][0], "webex_meetings");
    /// ```
    pub fn provision(
        customer_id: &str,
        user: &User,
        location_id: Option<&str>,
    ) -> Result<SubscriberRequest, Findings> {
        let owned = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let request = SubscriberRequest {
            customer_id: Some(customer_id.trim().to_owned()),
            email: Some(user.email.trim().to_owned()),
            packages: user.package.iter().cloned().collect(),
            provisioning_parameters: Some(SubscriberProvisioningParameters {
                first_name: Some(user.first_name.trim().to_owned()).filter(|s| !s.is_empty()),
                last_name: Some(user.last_name.trim().to_owned()).filter(|s| !s.is_empty()),
                primary_phone_number: owned(&user.phone_number),
                extension: owned(&user.extension),
                location_id: location_id.map(str::to_owned),
                extra: Map::new(),
            }),
            extra: Map::new(),
        };
        let mut findings = precheck_subscriber_request(&request, RequestMode::Provision);
        for (field, value) in [
            ("provisioningParameters.firstName", &user.first_name),
            ("provisioningParameters.lastName", &user.last_name),
        ] {
            if value.trim().is_empty() {
                findings.push(required(
                    Code::UserFieldRequired,
                    field,
                    "adding a user needs a first and last name",
                ));
            }
        }
        if findings.is_valid() {
            Ok(request)
        } else {
            Err(findings)
        }
    }
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
