//! The local precheck of API objects and request bodies (R-API-03): what
//! Webex would reject, found before the call.

use crate::codes::Code;
use crate::contact::{check_email, check_extension, check_phone_number};
use crate::package::Package;
use crate::problem::{AsProblem, Findings, Problem};
use crate::provisioning::{check_address, check_calling_number, check_customer_packages};
use crate::template::ProvisioningId;

use super::resource_id::{clip, decode_base64, ResourceId, ResourceIdError};
use super::wire::{
    ApiMessage, CustomerRequest, OneOrMany, PrecheckResponse, SubscriberRequest, WholesaleCustomer,
    WholesaleSubscriber,
};

/// Which request a body is for: the fields each needs differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RequestMode {
    /// `POST`: provision a new customer or subscriber.
    Provision,
    /// `PUT`: update an existing one.
    Update,
    /// A precheck body.
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

pub(super) fn check_customer(customer: &WholesaleCustomer, prefix: &str) -> Findings {
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

pub(super) fn check_subscriber(subscriber: &WholesaleSubscriber, prefix: &str) -> Findings {
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

pub(super) fn check_precheck_response(response: &PrecheckResponse) -> Findings {
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

pub(super) fn precheck_customer_request(request: &CustomerRequest, mode: RequestMode) -> Findings {
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

pub(super) fn required(code: Code, field: &str, message: &str) -> Problem {
    Problem::new(code, field, message)
}

pub(super) fn precheck_subscriber_request(
    request: &SubscriberRequest,
    mode: RequestMode,
) -> Findings {
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
