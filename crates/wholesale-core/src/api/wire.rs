//! The Webex Wholesale API's JSON (R-API-01, R-API-02): statuses, the
//! customer and subscriber objects, list, request, precheck and 202 bodies.
//! Unknown fields are kept in `extra`, unknown statuses and packages as given.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::org::Address;
use crate::package::Package;

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
