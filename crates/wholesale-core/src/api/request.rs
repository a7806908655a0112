//! Request bodies built from validated model values (R-API-02), each after
//! the local precheck.

use serde_json::Map;

use crate::codes::Code;
use crate::org::User;
use crate::package::Package;
use crate::problem::Findings;
use crate::provisioning::NewCustomer;

use super::precheck::{precheck_subscriber_request, required, RequestMode};
use super::wire::{
    CallingLocation, CallingParameters, CustomerInfo, CustomerProvisioningParameters,
    CustomerRequest, MeetingsParameters, SubscriberProvisioningParameters, SubscriberRequest,
};

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
