//! Onboarding templates (R-TPL-01..04).
//!
//! A template carries the settings shared by the customers created from it;
//! submitting it issues the **provisioning ID** that customers reference
//! (R-TPL-01). One template serves many customers and a partner may keep many
//! templates (R-TPL-02): nothing here ties a template to one customer.
//!
//! ```
//! use wholesale_core::template::{AuthenticationMethod, OnboardingTemplate};
//!
//! let template = OnboardingTemplate {
//!     name: "EU SMB".into(),
//!     service_provider_admin: "noc@partner.example".into(),
//!     country: "SE".into(),
//!     default_email_language: "sv_SE".into(),
//!     wholesale_subscription_id: "Sub-123456".into(),
//!     authentication_method: Some(AuthenticationMethod::Webex),
//!     ..OnboardingTemplate::default()
//! };
//! let findings = template.validate();
//! assert!(findings.is_valid());
//! ```

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::problem::{Findings, Problem};

/// How the customer's users sign in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AuthenticationMethod {
    /// Webex's own identity: users set a password from the activation e-mail.
    Webex,
    /// Single sign-on with the customer's identity provider.
    Sso,
    /// A method the library does not know, kept as given.
    #[serde(untagged)]
    Other(String),
}

/// An onboarding template as configured in Partner Hub.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct OnboardingTemplate {
    /// Template name (also the start of report file names, R-REP-03).
    pub name: String,
    /// E-mail of the service-provider admin.
    pub service_provider_admin: String,
    /// Country or region (ISO 3166 alpha-2).
    pub country: String,
    /// Default e-mail language, e.g. `en_US`.
    pub default_email_language: String,
    /// The wholesale subscription the template bills to.
    pub wholesale_subscription_id: String,
    /// How users authenticate.
    pub authentication_method: Option<AuthenticationMethod>,
    /// Optional cloud-connected PSTN provider (R-TPL-04 warns).
    pub pstn_provider: Option<String>,
    /// Common (e-mail) settings, free-form.
    pub common_settings: serde_json::Map<String, serde_json::Value>,
    /// Calling settings, free-form.
    pub calling_settings: serde_json::Map<String, serde_json::Value>,
    /// Issued when the template is submitted; `None` before.
    pub provisioning_id: Option<ProvisioningId>,
}

impl OnboardingTemplate {
    /// R-TPL-03 and R-TPL-04: every required field missing, and the PSTN warning.
    pub fn validate(&self) -> Findings {
        let mut findings = Findings::default();
        let required = [
            ("name", &self.name),
            ("service_provider_admin", &self.service_provider_admin),
            ("country", &self.country),
            ("default_email_language", &self.default_email_language),
            ("wholesale_subscription_id", &self.wholesale_subscription_id),
        ];
        for (field, value) in required {
            if value.trim().is_empty() {
                findings.push(required_field(field));
            }
        }
        if self.authentication_method.is_none() {
            findings.push(required_field("authentication_method"));
        }
        let admin = self.service_provider_admin.trim();
        if !admin.is_empty() {
            findings.extend(crate::contact::check_email("service_provider_admin", admin));
        }
        if self
            .pstn_provider
            .as_deref()
            .is_some_and(|p| !p.trim().is_empty())
        {
            findings.push(Problem::new(
                Code::TemplatePstnProvider,
                "pstn_provider",
                "a cloud-connected PSTN provider on the template is allowed, but Cisco advises against it \
                 because of its limitations: prefer configuring PSTN per customer",
            ));
        }
        findings
    }
}

fn required_field(field: &str) -> Problem {
    Problem::new(
        Code::TemplateFieldRequired,
        field,
        format!("the onboarding template needs {field}"),
    )
}

/// The provisioning ID of a submitted template, as Partner Hub shows it.
///
/// It is opaque (the API's examples are base64 of one UUID, or of two UUIDs
/// joined by `:`), so it is kept exactly as given (R-API-04); only its shape
/// is checked: non-empty base64 text without padding damage.
///
/// ```
/// use wholesale_core::template::ProvisioningId;
///
/// let id = ProvisioningId::parse("ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2").unwrap();
/// assert_eq!(id.uuids().len(), 1);
/// assert!(ProvisioningId::parse("not base64!").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ProvisioningId(String);

impl ProvisioningId {
    /// Checks the shape of `text` and keeps it as given.
    pub fn parse(text: &str) -> Result<ProvisioningId, Problem> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(Problem::new(
                Code::ProvisioningIdRequired,
                "provisioning_id",
                "no provisioning ID: copy it from the onboarding template in Partner Hub (Customers > Templates)",
            ));
        }
        match decode_base64(trimmed) {
            Some(_) => Ok(ProvisioningId(trimmed.to_owned())),
            None => Err(Problem::new(
                Code::ProvisioningIdInvalid,
                "provisioning_id",
                format!("{trimmed:?} is not a provisioning ID (base64 text copied from the onboarding template)"),
            )),
        }
    }

    /// The ID as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The UUIDs the ID decodes to, when it is base64 of UUIDs joined by `:`;
    /// empty when it is opaque in another way.
    pub fn uuids(&self) -> Vec<uuid::Uuid> {
        decode_base64(&self.0)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| {
                text.split(':')
                    .map(uuid::Uuid::parse_str)
                    .collect::<Result<Vec<_>, _>>()
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    }
}

impl std::fmt::Display for ProvisioningId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

// ---------------------------------------------------------------------------
// Base64 as Webex writes it: provisioning IDs here, resource IDs in
// `api::ResourceId` (whose `api::decode_base64` is the public name).

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
/// The standard alphabet; padding optional when decoding, never written.
pub(crate) const STANDARD_LENIENT: GeneralPurpose =
    GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 as Webex writes it: standard or URL-safe alphabet, padded
/// or not. `None` when it is not base64.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    STANDARD_LENIENT
        .decode(text)
        .or_else(|_| URL_SAFE_LENIENT.decode(text))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> OnboardingTemplate {
        OnboardingTemplate {
            name: "US SMB".into(),
            service_provider_admin: "noc@partner.example".into(),
            country: "US".into(),
            default_email_language: "en_US".into(),
            wholesale_subscription_id: "Sub-1".into(),
            authentication_method: Some(AuthenticationMethod::Webex),
            ..OnboardingTemplate::default()
        }
    }

    #[test]
    fn r_tpl_03_complete_template_is_valid() {
        let findings = complete().validate();
        assert!(findings.is_valid(), "{findings:?}");
        assert!(findings.warnings.is_empty());
    }

    #[test]
    fn r_tpl_03_every_missing_field_is_reported_at_once() {
        let findings = OnboardingTemplate::default().validate();
        let fields: Vec<_> = findings
            .errors
            .iter()
            .map(|p| (p.code, p.field.as_deref().unwrap()))
            .collect();
        assert_eq!(
            fields,
            [
                (Code::TemplateFieldRequired, "name"),
                (Code::TemplateFieldRequired, "service_provider_admin"),
                (Code::TemplateFieldRequired, "country"),
                (Code::TemplateFieldRequired, "default_email_language"),
                (Code::TemplateFieldRequired, "wholesale_subscription_id"),
                (Code::TemplateFieldRequired, "authentication_method"),
            ]
        );
    }

    #[test]
    fn r_tpl_03_admin_must_be_an_email() {
        let mut t = complete();
        t.service_provider_admin = "noc team".into();
        assert!(t.validate().has(Code::EmailInvalid));
    }

    #[test]
    fn r_tpl_04_pstn_provider_is_a_warning_not_an_error() {
        let mut t = complete();
        t.pstn_provider = Some("Acme Telecom CCP".into());
        let findings = t.validate();
        assert!(findings.is_valid());
        assert_eq!(findings.warnings[0].code, Code::TemplatePstnProvider);
    }

    #[test]
    fn r_tpl_01_provisioning_id_required_and_kept_as_given() {
        assert_eq!(
            ProvisioningId::parse("  ").unwrap_err().code,
            Code::ProvisioningIdRequired
        );
        assert_eq!(
            ProvisioningId::parse("%%%").unwrap_err().code,
            Code::ProvisioningIdInvalid
        );
        // Two UUIDs joined by ':' (the API's subscriber customerId example).
        let two = ProvisioningId::parse(
            "ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2OjQyODVmNTk0LTViNTEtNDdiZS05Mzk2LTZjMzZlMmFkODNhNQ",
        )
        .unwrap();
        assert_eq!(two.uuids().len(), 2);
        assert!(two.as_str().starts_with("ZjVi"));
    }

    #[test]
    fn r_tpl_02_one_template_validates_for_many_customers() {
        // Nothing in a template is customer-specific: the same value is valid
        // however many customers reference its provisioning ID.
        let t = complete();
        let customers: Vec<_> = (0..3).map(|_| t.clone()).collect();
        assert!(customers.iter().all(|t| t.validate().is_valid()));
    }
}
