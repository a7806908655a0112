//! Provisioning rules for customers and users (R-CUS, R-USR, R-TAG).
//!
//! Each function returns every problem it finds ([`Findings`]); nothing here
//! stops at the first one.

use crate::codes::Code;
use crate::contact::{check_email, check_extension, check_phone_number, email_key};
use crate::org::{Address, AdminRole, Customer, DataRegion, User};
use crate::package::{Package, PackageError};
use crate::problem::{Findings, Problem};
use crate::template::ProvisioningId;

/// R-CUS-05: every full admin of the customer must hold the package the
/// customer was created with; any other package is a downgrade Control Hub does not
/// support. Returns `ADMIN_PACKAGE_DOWNGRADE` about `field` when violated.
///
/// ```
/// use wholesale_core::package::Package;
/// use wholesale_core::provisioning::check_admin_package;
///
/// assert!(check_admin_package(&Package::WebexSuite, &Package::WebexSuite, "package").is_none());
/// let problem = check_admin_package(&Package::WebexSuite, &Package::WebexCalling, "package").unwrap();
/// assert_eq!(problem.code.as_str(), "ADMIN_PACKAGE_DOWNGRADE");
/// ```
pub fn check_admin_package(
    customer_package: &Package,
    admin_package: &Package,
    field: &str,
) -> Option<Problem> {
    (customer_package != admin_package).then(|| {
        Problem::new(
            Code::AdminPackageDowngrade,
            field,
            format!(
                "a full admin of the customer must keep {customer_package} (the package the customer was created with); \
                 {admin_package} would be a downgrade, which is not supported: give this package to another user"
            ),
        )
    })
}

/// R-USR-02: moving a user to a calling package (one that needs a number, see
/// [`Package::requires_number_and_location`]) needs a phone number or an
/// extension, and a location. Returns `PACKAGE_CHANGE_NEEDS_NUMBER` about
/// `field` when either is missing.
///
/// ```
/// use wholesale_core::package::Package;
/// use wholesale_core::provisioning::check_calling_number;
///
/// assert!(check_calling_number(&Package::WebexSuite, true, true, "package").is_none());
/// assert!(check_calling_number(&Package::WebexMeetings, false, false, "package").is_none());
/// assert!(check_calling_number(&Package::WebexCalling, true, false, "package").is_some());
/// ```
pub fn check_calling_number(
    new_package: &Package,
    has_number: bool,
    has_location: bool,
    field: &str,
) -> Option<Problem> {
    if !new_package.requires_number_and_location() || (has_number && has_location) {
        return None;
    }
    let missing = match (has_number, has_location) {
        (false, false) => "a phone number or extension, and a location",
        (false, true) => "a phone number or extension",
        _ => "a location",
    };
    Some(Problem::new(
        Code::PackageChangeNeedsNumber,
        field,
        format!("a user on {new_package} needs the calling number information: add {missing}"),
    ))
}

/// Manual add in Control Hub takes at most this many users per batch (R-USR-01).
pub const MANUAL_BATCH_LIMIT: usize = 25;

/// What a partner enters to create a customer in Partner Hub (R-CUS-01..03).
///
/// ```
/// use wholesale_core::provisioning::NewCustomer;
/// use wholesale_core::org::{Address, DataRegion};
/// use wholesale_core::package::Package;
///
/// let customer = NewCustomer {
///     name: "Acme AB".into(),
///     admin_email: "it@acme.example".into(),
///     external_id: "ACME-001".into(),
///     country: "SE".into(),
///     data_region: Some("EU".into()),
///     provisioning_id: "ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2".into(),
///     packages: vec![Package::WebexCalling],
///     hq_address: Some(Address {
///         address_line1: "Drottninggatan 1".into(),
///         city: "Stockholm".into(),
///         zip_or_postal_code: "111 51".into(),
///         country: "SE".into(),
///         ..Address::default()
///     }),
///     hq_location_confirmed: true,
///     ..NewCustomer::default()
/// };
/// assert!(customer.validate().is_valid());
/// assert_eq!(customer.data_region(), Some(DataRegion::Eu));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct NewCustomer {
    /// Company name.
    pub name: String,
    /// The customer's first full admin.
    pub admin_email: String,
    /// The partner's own customer ID.
    pub external_id: String,
    /// ISO 3166 alpha-2 country of the HQ.
    pub country: String,
    /// Data residency region (`US`, `CA`, `EU`, `UAE`); `None` lets Webex choose
    /// from the country.
    pub data_region: Option<String>,
    /// The onboarding template's provisioning ID (R-TPL-01).
    pub provisioning_id: String,
    /// The package the customer is created with: exactly one.
    pub packages: Vec<Package>,
    /// HQ address.
    pub hq_address: Option<Address>,
    /// The partner confirmed the HQ is in a Webex-supported location (R-CUS-02).
    pub hq_location_confirmed: bool,
    /// Customer language, e.g. `en`.
    pub language: Option<String>,
    /// HQ time zone for calling and meetings, e.g. `Europe/Stockholm`.
    pub timezone: Option<String>,
    /// Sub-partner admin, when a sub-partner manages the customer.
    pub sub_partner_admin_email: Option<String>,
}

impl NewCustomer {
    /// The data region, when it names one where the service is offered.
    pub fn data_region(&self) -> Option<DataRegion> {
        self.data_region.as_deref().and_then(DataRegion::parse)
    }

    /// The single package (add-ons aside, R-CUS-01), when there is exactly one.
    pub fn package(&self) -> Option<&Package> {
        let mut packages = self.packages.iter().filter(|p| !p.is_add_on());
        match (packages.next(), packages.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// Every problem that would stop Partner Hub creating this customer
    /// (R-TPL-01, R-CUS-01, R-CUS-02, R-CUS-03), all at once.
    pub fn validate(&self) -> Findings {
        let mut findings = Findings::default();
        for (field, value) in [
            ("name", &self.name),
            ("admin_email", &self.admin_email),
            ("external_id", &self.external_id),
            ("country", &self.country),
        ] {
            if value.trim().is_empty() {
                findings.push(customer_field_required(field));
            }
        }
        if !self.admin_email.trim().is_empty() {
            findings.extend(check_email("admin_email", &self.admin_email));
        }
        if !self.country.trim().is_empty() {
            findings.extend(check_country("country", &self.country));
        }
        if let Err(problem) = ProvisioningId::parse(&self.provisioning_id) {
            findings.push(problem);
        }
        findings.extend(check_customer_packages(&self.packages, "packages"));
        match &self.hq_address {
            None => findings.push(customer_field_required("hq_address")),
            Some(address) => findings.extend(check_address(address, "hq_address")),
        }
        if !self.hq_location_confirmed {
            findings.push(Problem::new(
                Code::HqLocationUnconfirmed,
                "hq_location_confirmed",
                "confirm that the customer's HQ is in a Webex-supported location; \
                 Partner Hub cannot create the customer without it",
            ));
        }
        if let Some(region) = self.data_region.as_deref() {
            findings.extend(check_data_region(region, "data_region"));
        }
        if let Some(email) = self.sub_partner_admin_email.as_deref() {
            findings.extend(check_email("sub_partner_admin_email", email));
        }
        findings
    }
}

fn customer_field_required(field: &str) -> Problem {
    Problem::new(
        Code::CustomerFieldRequired,
        field,
        format!("creating a customer needs {field}"),
    )
}

/// R-CUS-01, R-CUS-06: a customer is created with exactly one package, one
/// the library knows (an unknown identifier is reported, never guessed),
/// plus any add-ons (not counted), each with its base package.
pub fn check_customer_packages(packages: &[Package], field: &str) -> Findings {
    let mut findings = Findings::default();
    let counted = packages.iter().filter(|p| !p.is_add_on()).count();
    if counted != 1 {
        findings.push(Problem::new(
            Code::CustomerPackageCount,
            field,
            format!(
                "a customer is created with exactly one package, plus any add-ons; {counted} given"
            ),
        ));
    }
    for problem in crate::package::check_package_dependencies(packages, field) {
        findings.push(problem);
    }
    for package in packages.iter().filter(|p| !p.is_known()) {
        findings.push(Problem::new(
            Code::PackageUnknown,
            field,
            PackageError::Unknown(package.api_id().to_owned()).to_string(),
        ));
    }
    findings
}

/// R-CUS-01: the HQ address needs its first line, city, postal code and a
/// valid country.
pub fn check_address(address: &Address, field: &str) -> Findings {
    let mut findings = Findings::default();
    for (name, value) in [
        ("address_line1", &address.address_line1),
        ("city", &address.city),
        ("zip_or_postal_code", &address.zip_or_postal_code),
        ("country", &address.country),
    ] {
        if value.trim().is_empty() {
            findings.push(customer_field_required(&format!("{field}.{name}")));
        }
    }
    if !address.country.trim().is_empty() {
        findings.extend(check_country(&format!("{field}.country"), &address.country));
    }
    findings
}

/// A country must be an ISO 3166 alpha-2 code such as `US` or `SE`
/// (R-CUS-01). Only the shape is checked: the library keeps no country list.
pub fn check_country(field: &str, country: &str) -> Option<Problem> {
    let country = country.trim();
    let valid = country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic());
    (!valid).then(|| {
        Problem::new(
            Code::CountryInvalid,
            field,
            format!("{country:?} is not an ISO 3166 alpha-2 country code such as \"US\" or \"SE\""),
        )
    })
}

/// R-CUS-03: data residency is per customer, and a partner may create
/// customers in any region where the service is offered (US, CA, EU, UAE);
/// only a region outside that list is a problem.
pub fn check_data_region(region: &str, field: &str) -> Option<Problem> {
    DataRegion::parse(region).is_none().then(|| {
        Problem::new(
            Code::DataRegionUnknown,
            field,
            format!(
                "{region:?} is not a region where Webex Wholesale is offered (US, CA, EU, UAE)"
            ),
        )
    })
}

/// R-CUS-04, R-CUS-05: every problem with adding `user` to `customer`.
///
/// `field` prefixes the user's fields in problems (e.g. `users[3]`).
pub fn validate_user(customer: &Customer, user: &User, field: &str) -> Findings {
    let mut findings = Findings::default();
    let at = |name: &str| format!("{field}.{name}");
    for (name, value) in [
        ("first_name", &user.first_name),
        ("last_name", &user.last_name),
        ("email", &user.email),
    ] {
        if value.trim().is_empty() {
            findings.push(Problem::new(
                Code::UserFieldRequired,
                at(name),
                format!("adding a user needs {name}"),
            ));
        }
    }
    if !user.email.trim().is_empty() {
        findings.extend(check_email(&at("email"), &user.email));
    }
    let Some(package) = &user.package else {
        findings.push(Problem::new(
            Code::UserFieldRequired,
            at("package"),
            "adding a user needs a package",
        ));
        return findings;
    };
    if !package.is_known() {
        findings.push(Problem::new(
            Code::PackageUnknown,
            at("package"),
            PackageError::Unknown(package.api_id().to_owned()).to_string(),
        ));
    } else if !package.is_subscriber_package() {
        findings.push(Problem::new(
            Code::PackageNotForUsers,
            at("package"),
            format!("{package} is a customer-level package: a user needs one of the subscriber packages"),
        ));
    }
    match user.location.as_deref().map(str::trim) {
        Some(location) if !location.is_empty() && !customer.has_location(location) => {
            findings.push(unknown_location(customer, location, &at("location")));
        }
        Some(location) if !location.is_empty() => {}
        _ if package.requires_number_and_location() => findings.push(Problem::new(
            Code::UserFieldRequired,
            at("location"),
            format!("a {package} user needs a location"),
        )),
        _ => {}
    }
    let number = user
        .phone_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let extension = user
        .extension
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(number) = number {
        findings.extend(check_phone_number(&at("phone_number"), number));
    }
    if let Some(extension) = extension {
        findings.extend(check_extension(&at("extension"), extension));
    }
    if package.requires_number_and_location() && number.is_none() && extension.is_none() {
        findings.push(Problem::new(
            Code::UserNumberRequired,
            at("phone_number"),
            format!("a {package} user needs a phone number or an extension"),
        ));
    }
    if is_full_admin(customer, user) {
        findings.extend(check_admin_package(
            &customer.package,
            package,
            &at("package"),
        ));
    }
    findings
}

fn unknown_location(customer: &Customer, location: &str, field: &str) -> Problem {
    let known: Vec<&str> = customer.locations.iter().map(|l| l.name.as_str()).collect();
    Problem::new(
        Code::UserLocationUnknown,
        field,
        format!(
            "{location:?} is not one of the customer's locations ({}): add it first or pick an existing one",
            known.join(", ")
        ),
    )
}

/// R-CUS-05: `user` is a full admin by its own role or as the customer knows it.
fn is_full_admin(customer: &Customer, user: &User) -> bool {
    user.full_admin || customer.is_full_admin(&user.email)
}

/// R-USR-01 with R-CUS-04/05 per user: a manual-add batch of at most 25 users,
/// each valid, no e-mail twice. Problems about user `i` have fields `users[i].…`.
///
/// ```
/// use wholesale_core::org::{Customer, Location, User};
/// use wholesale_core::package::Package;
/// use wholesale_core::provisioning::validate_manual_batch;
///
/// let customer = Customer::new("Acme", Package::WebexMeetings);
/// let users: Vec<User> = (0..26)
///     .map(|i| User { first_name: "A".into(), last_name: "B".into(), ..User::new(format!("u{i}@acme.example"), Package::WebexMeetings) })
///     .collect();
/// let findings = validate_manual_batch(&customer, &users);
/// assert_eq!(findings.errors.len(), 1);
/// assert_eq!(findings.errors[0].code.as_str(), "MANUAL_BATCH_TOO_LARGE");
/// ```
pub fn validate_manual_batch(customer: &Customer, users: &[User]) -> Findings {
    let mut findings = Findings::default();
    if users.len() > MANUAL_BATCH_LIMIT {
        findings.push(Problem::new(
            Code::ManualBatchTooLarge,
            "users",
            format!(
                "manual add takes at most {MANUAL_BATCH_LIMIT} users per batch; {} given: split the batch or use a CSV import",
                users.len()
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (index, user) in users.iter().enumerate() {
        let field = format!("users[{index}]");
        findings.extend(validate_user(customer, user, &field));
        let key = email_key(user.email.trim()).into_owned();
        if !key.is_empty() && !seen.insert(key) {
            findings.push(Problem::new(
                Code::UserEmailDuplicate,
                format!("{field}.email"),
                format!("{} appears earlier in the batch", user.email.trim()),
            ));
        }
    }
    findings
}

/// R-USR-02 and R-CUS-05: changing the package of an existing user.
///
/// The calling number information is the user's new number/extension and
/// location, falling back on what the user already has.
pub fn validate_package_change(
    customer: &Customer,
    user: &User,
    new_package: &Package,
) -> Findings {
    let mut findings = Findings::default();
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    let has_number = has(&user.phone_number) || has(&user.extension);
    findings.extend(check_calling_number(
        new_package,
        has_number,
        has(&user.location),
        "package",
    ));
    if is_full_admin(customer, user) {
        findings.extend(check_admin_package(
            &customer.package,
            new_package,
            "package",
        ));
    }
    findings
}

/// R-TAG-01: custom tags are visible to every partner admin, but only full
/// admins and partner admins may create or edit them.
///
/// ```
/// use wholesale_core::org::AdminRole;
/// use wholesale_core::provisioning::check_tag_edit;
///
/// assert!(check_tag_edit(AdminRole::PartnerAdmin).is_none());
/// assert_eq!(check_tag_edit(AdminRole::PartnerReadOnly).unwrap().code.as_str(), "TAG_EDIT_FORBIDDEN");
/// ```
pub fn check_tag_edit(role: AdminRole) -> Option<Problem> {
    (!role.can_edit_tags()).then(|| {
        Problem::new(
            Code::TagEditForbidden,
            "tags",
            "read-only partner admins can see custom tags but not edit them: ask a full admin or partner admin",
        )
    })
}
