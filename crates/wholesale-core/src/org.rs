//! Partner and customer organizations: admins and their roles, customers with
//! their locations, users, subscriptions and tags.
//!
//! ```
//! use wholesale_core::org::{Customer, DataRegion, User};
//! use wholesale_core::package::Package;
//!
//! let mut acme = Customer::new("Acme", Package::WebexCalling);
//! acme.data_region = Some(DataRegion::Eu);
//! acme.users.push(User::new("ana@acme.example", Package::WebexCalling));
//! let customers = vec![acme];
//! let found = wholesale_core::org::find_customer_by_user_email(&customers, "ANA@acme.example");
//! assert_eq!(found.map(|c| c.name.as_str()), Some("Acme"));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contact::same_email;
use crate::package::Package;
use crate::subscription::Subscription;
use crate::text::same_name;

/// A partner admin's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdminRole {
    /// Full administrator of the partner org.
    FullAdmin,
    /// Partner administrator.
    PartnerAdmin,
    /// Partner administrator with read-only access.
    PartnerReadOnly,
}

impl AdminRole {
    /// Whether the role may create and edit custom tags (R-TAG-01). Every role
    /// may see them.
    pub fn can_edit_tags(self) -> bool {
        matches!(self, AdminRole::FullAdmin | AdminRole::PartnerAdmin)
    }
}

/// An administrator of the partner org.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerAdmin {
    /// Sign-in e-mail.
    pub email: String,
    /// Role in the partner org.
    pub role: AdminRole,
    /// IDs of the customers this admin is assigned to; empty means the role's
    /// org-wide reach.
    #[serde(default)]
    pub assigned_customers: Vec<String>,
}

/// Data residency regions where Webex Wholesale customers can live (R-REP-04,
/// R-CUS-03).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DataRegion {
    /// United States.
    #[serde(rename = "US")]
    Us,
    /// Canada.
    #[serde(rename = "CA")]
    Ca,
    /// European Union.
    #[serde(rename = "EU")]
    Eu,
    /// United Arab Emirates.
    #[serde(rename = "UAE")]
    Uae,
}

impl DataRegion {
    /// All regions.
    pub const ALL: [DataRegion; 4] = [
        DataRegion::Us,
        DataRegion::Ca,
        DataRegion::Eu,
        DataRegion::Uae,
    ];

    /// The short code: `US`, `CA`, `EU`, `UAE`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataRegion::Us => "US",
            DataRegion::Ca => "CA",
            DataRegion::Eu => "EU",
            DataRegion::Uae => "UAE",
        }
    }

    /// Parses a short code, case-insensitively.
    pub fn parse(text: &str) -> Option<DataRegion> {
        DataRegion::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A postal address, with the Webex API's field names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// First line.
    pub address_line1: String,
    /// Second line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// City.
    pub city: String,
    /// State or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    /// ZIP or postal code.
    pub zip_or_postal_code: String,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
}

/// A customer location (the HQ or a branch).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The location's name, as users' "Location" cells refer to it.
    pub name: String,
    /// Its address.
    #[serde(default)]
    pub address: Address,
    /// IANA time zone, e.g. `America/Los_Angeles`.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// A user of a customer org.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct User {
    /// First name.
    #[serde(default)]
    pub first_name: String,
    /// Last name.
    #[serde(default)]
    pub last_name: String,
    /// E-mail, the user's key.
    pub email: String,
    /// The user's wholesale package, if any.
    #[serde(default)]
    pub package: Option<Package>,
    /// Location name.
    #[serde(default)]
    pub location: Option<String>,
    /// E.164 phone number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Extension.
    #[serde(default)]
    pub extension: Option<String>,
    /// Whether the user holds the customer's full admin role: every full
    /// admin, not only the one the customer was created with, holds the
    /// customer's package (R-CUS-05).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_admin: bool,
}

impl User {
    /// A user with an e-mail and a package.
    pub fn new(email: impl Into<String>, package: Package) -> User {
        User {
            email: email.into(),
            package: Some(package),
            ..User::default()
        }
    }
}

/// Whether a customer is managed by the partner as an external admin, or is
/// part of the partner's own org (a Partner Hub list filter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ManagedBy {
    /// Managed as an external administrator.
    #[default]
    ExternalAdmin,
    /// Part of the partner organization itself.
    OwnOrg,
}

/// A customer organization as the partner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Company name.
    pub name: String,
    /// Org ID (UUID form, as in reports), once created.
    #[serde(default)]
    pub org_id: Option<uuid::Uuid>,
    /// The partner's own ID for the customer; empty for non-wholesale customers.
    #[serde(default)]
    pub external_id: String,
    /// ISO 3166 alpha-2 country code.
    #[serde(default)]
    pub country: String,
    /// Data residency region.
    #[serde(default)]
    pub data_region: Option<DataRegion>,
    /// Headquarters address.
    #[serde(default)]
    pub hq_address: Option<Address>,
    /// The package the customer was created with.
    pub package: Package,
    /// The e-mail of the full admin the customer was created with (the API's
    /// primary e-mail). Other full admins are users with
    /// [`full_admin`](User::full_admin); all hold `package` (R-CUS-05).
    #[serde(default)]
    pub admin_email: String,
    /// Locations, HQ first.
    #[serde(default)]
    pub locations: Vec<Location>,
    /// Users.
    #[serde(default)]
    pub users: Vec<User>,
    /// Subscriptions and trials.
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Custom tags (R-TAG-01).
    #[serde(default)]
    pub tags: Vec<String>,
    /// E-mails of the partner admins assigned to this customer.
    #[serde(default)]
    pub assigned_admins: Vec<String>,
    /// How the partner manages it.
    #[serde(default)]
    pub managed_by: ManagedBy,
    /// Last day a customer admin signed in to Control Hub, when known.
    #[serde(default)]
    pub last_admin_sign_in: Option<NaiveDate>,
}

impl Customer {
    /// A customer with a name and its creation package; everything else empty.
    pub fn new(name: impl Into<String>, package: Package) -> Customer {
        Customer {
            name: name.into(),
            org_id: None,
            external_id: String::new(),
            country: String::new(),
            data_region: None,
            hq_address: None,
            package,
            admin_email: String::new(),
            locations: Vec::new(),
            users: Vec::new(),
            subscriptions: Vec::new(),
            tags: Vec::new(),
            assigned_admins: Vec::new(),
            managed_by: ManagedBy::default(),
            last_admin_sign_in: None,
        }
    }

    /// The user with this e-mail, if any (one address however it is
    /// spelled: [`same_email`], R-CSV-14).
    pub fn user(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|u| same_email(&u.email, email))
    }

    /// Whether `email` is a full admin of the customer (R-CUS-05): the admin
    /// it was created with, or a user holding the full admin role.
    ///
    /// ```
    /// use wholesale_core::org::{Customer, User};
    /// use wholesale_core::package::Package;
    ///
    /// let mut customer = Customer::new("Acme", Package::WebexCalling);
    /// customer.admin_email = "it@acme.example".into();
    /// customer.users.push(User { full_admin: true, ..User::new("ops@acme.example", Package::WebexCalling) });
    /// customer.users.push(User::new("ana@acme.example", Package::WebexMeetings));
    /// assert!(customer.is_full_admin("IT@acme.example"));
    /// assert!(customer.is_full_admin("ops@acme.example"));
    /// assert!(!customer.is_full_admin("ana@acme.example"));
    /// ```
    pub fn is_full_admin(&self, email: &str) -> bool {
        let email = email.trim();
        if email.is_empty() {
            return false;
        }
        same_email(self.admin_email.trim(), email)
            || self
                .users
                .iter()
                .any(|u| u.full_admin && same_email(u.email.trim(), email))
    }

    /// Whether a location with this name exists ([`same_name`], R-CSV-11).
    pub fn has_location(&self, name: &str) -> bool {
        self.locations.iter().any(|l| same_name(&l.name, name))
    }
}

/// The customer one of whose users has this e-mail ([`same_email`]), as the
/// Partner Hub search bar finds it.
pub fn find_customer_by_user_email<'a>(
    customers: &'a [Customer],
    email: &str,
) -> Option<&'a Customer> {
    customers
        .iter()
        .find(|c| c.user(email).is_some() || same_email(&c.admin_email, email))
}
