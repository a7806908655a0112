//! The org snapshot: what the import plan compares the CSV with.

use serde::{Deserialize, Serialize};

use crate::contact::same_email;
use crate::package::{BasicLicense, Package};
use crate::text::trim;

/// A snapshot of the customer org, as JSON (see `docs/csv_import.md`).
///
/// Every key is optional; `subscribed_packages` absent (or `null`) means "not
/// listed", which skips R-CSV-17, while `[]` means "no subscription at all".
///
/// ```
/// use wholesale_core::csv_import::OrgSnapshot;
///
/// let org = OrgSnapshot::from_json(r#"{
///     "package": "webex_calling", "admin_email": "admin@acme.example",
///     "locations": ["HQ"], "subscribed_packages": ["webex_calling"],
///     "users": [{"email": "ana@acme.example", "package": "webex_calling",
///                "phone_number": "+14085550100", "location": "HQ",
///                "licenses": ["basic_messaging"]}]
/// }"#).unwrap();
/// assert!(org.user("ANA@acme.example").is_some());
/// assert!(OrgSnapshot::from_json("{\"users\": 3}").is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgSnapshot {
    /// The package the customer was created with (its full admin's package, R-CUS-05).
    pub package: Option<Package>,
    /// The customer's full admin (R-CUS-05).
    pub admin_email: Option<String>,
    /// Location names.
    pub locations: Vec<String>,
    /// The packages the customer has a subscription for; `None` when not listed.
    pub subscribed_packages: Option<Vec<Package>>,
    /// The org's users.
    pub users: Vec<SnapshotUser>,
}

/// A user of the org snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotUser {
    /// Sign-in e-mail (compared case-insensitively).
    pub email: String,
    /// The wholesale package the user holds, if any.
    pub package: Option<Package>,
    /// E.164 phone number.
    pub phone_number: Option<String>,
    /// Extension.
    pub extension: Option<String>,
    /// Location name.
    pub location: Option<String>,
    /// Basic licenses the user holds.
    pub licenses: Vec<BasicLicense>,
    /// First name; compared only when given.
    pub first_name: Option<String>,
    /// Last name; compared only when given.
    pub last_name: Option<String>,
    /// Display name; compared only when given.
    pub display_name: Option<String>,
    /// Preferred Webex site; compared only when given.
    pub preferred_webex_site: Option<String>,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// Not JSON, or JSON of the wrong shape.
    #[error("invalid org snapshot JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl OrgSnapshot {
    /// Reads a snapshot from JSON text.
    pub fn from_json(json: &str) -> Result<OrgSnapshot, SnapshotError> {
        Ok(serde_json::from_str(json)?)
    }

    /// The user with `email`, compared case-insensitively (as the import
    /// plan compares them: [`same_email`]).
    pub fn user(&self, email: &str) -> Option<&SnapshotUser> {
        let email = trim(email);
        self.users
            .iter()
            .find(|u| same_email(trim(&u.email), email))
    }

    /// Whether `email` is the customer's full admin.
    pub fn is_admin(&self, email: &str) -> bool {
        self.admin_email
            .as_deref()
            .is_some_and(|a| same_email(trim(a), trim(email)))
    }

    /// The location named `name` as the snapshot spells it (case-insensitive, trimmed).
    pub fn location(&self, name: &str) -> Option<&str> {
        let name = trim(name);
        self.locations
            .iter()
            .map(|l| trim(l))
            .find(|l| l.eq_ignore_ascii_case(name))
    }
}
