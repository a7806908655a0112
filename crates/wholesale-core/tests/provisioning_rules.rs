//! Sections 1 and 2 of DOMAIN.md: customer creation, users, manual batches,
//! package changes, tags, and building API requests from validated values.

use wholesale_core::api::{check_payload, CustomerRequest, PayloadKind, SubscriberRequest};
use wholesale_core::codes::Code;
use wholesale_core::org::{
    find_customer_by_user_email, Address, AdminRole, Customer, Location, User,
};
use wholesale_core::package::Package;
use wholesale_core::problem::Findings;
use wholesale_core::provisioning::{
    check_data_region, check_tag_edit, validate_manual_batch, validate_package_change,
    validate_user, NewCustomer,
};

const PROVISIONING_ID: &str = "ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2";
const CUSTOMER_ID: &str =
    "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng";
const LOCATION_ID: &str =
    "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzAxMjM0NTY3LTg5YWItY2RlZi0wMTIzLTQ1Njc4OWFiY2RlZg";

fn hq() -> Address {
    Address {
        address_line1: "771 Alder Drive".into(),
        city: "Milpitas".into(),
        state_or_province: Some("CA".into()),
        zip_or_postal_code: "95035".into(),
        country: "US".into(),
        ..Address::default()
    }
}

fn new_customer() -> NewCustomer {
    NewCustomer {
        name: "John's Pizza".into(),
        admin_email: "john.anderson@acme.com".into(),
        external_id: "c1677a16-557a-4fb4-b48f-24adde57ec99".into(),
        country: "US".into(),
        data_region: Some("US".into()),
        provisioning_id: PROVISIONING_ID.into(),
        packages: vec![Package::WebexCalling],
        hq_address: Some(hq()),
        hq_location_confirmed: true,
        language: Some("en".into()),
        timezone: Some("America/Los_Angeles".into()),
        sub_partner_admin_email: None,
    }
}

fn codes(findings: &Findings) -> Vec<(Code, String)> {
    findings
        .iter()
        .map(|p| (p.code, p.field.clone().unwrap_or_default()))
        .collect()
}

fn acme() -> Customer {
    let mut customer = Customer::new("Acme", Package::WebexSuite);
    customer.admin_email = "admin@acme.example".into();
    customer.locations = vec![
        Location {
            name: "HQ".into(),
            ..Location::default()
        },
        Location {
            name: "Branch Malmö".into(),
            ..Location::default()
        },
    ];
    customer
}

fn user(email: &str, package: Package) -> User {
    User {
        first_name: "Ana".into(),
        last_name: "Lind".into(),
        location: Some("HQ".into()),
        extension: Some("2001".into()),
        ..User::new(email, package)
    }
}

#[test]
fn r_cus_01_complete_customer_is_valid() {
    let findings = new_customer().validate();
    assert!(findings.is_valid(), "{findings:?}");
    assert!(findings.warnings.is_empty());
}

#[test]
fn r_cus_01_every_missing_field_reported_at_once() {
    let findings = NewCustomer {
        hq_location_confirmed: true,
        ..NewCustomer::default()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [
            (Code::CustomerFieldRequired, "name".into()),
            (Code::CustomerFieldRequired, "admin_email".into()),
            (Code::CustomerFieldRequired, "external_id".into()),
            (Code::CustomerFieldRequired, "country".into()),
            (Code::ProvisioningIdRequired, "provisioning_id".into()),
            (Code::CustomerPackageCount, "packages".into()),
            (Code::CustomerFieldRequired, "hq_address".into()),
        ]
    );
}

#[test]
fn r_cus_01_missing_admin_email() {
    let findings = NewCustomer {
        admin_email: " ".into(),
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [(Code::CustomerFieldRequired, "admin_email".into())]
    );
    let findings = NewCustomer {
        admin_email: "john@".into(),
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [(Code::EmailInvalid, "admin_email".into())]
    );
}

#[test]
fn r_cus_01_exactly_one_known_package() {
    let two = NewCustomer {
        packages: vec![Package::WebexCalling, Package::WebexMeetings],
        ..new_customer()
    };
    assert_eq!(
        codes(&two.validate()),
        [(Code::CustomerPackageCount, "packages".into())]
    );
    let unknown = NewCustomer {
        packages: vec![Package::from_api_id("webex_gold")],
        ..new_customer()
    };
    let findings = unknown.validate();
    assert_eq!(
        codes(&findings),
        [(Code::PackageUnknown, "packages".into())]
    );
    assert!(
        findings.errors[0].message.contains("webex_calling"),
        "names the accepted values"
    );
}

#[test]
fn r_cus_01_hq_address_fields_and_country_shape() {
    let address = Address {
        city: String::new(),
        country: "USA".into(),
        ..hq()
    };
    let findings = NewCustomer {
        hq_address: Some(address),
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [
            (Code::CustomerFieldRequired, "hq_address.city".into()),
            (Code::CountryInvalid, "hq_address.country".into()),
        ]
    );
}

#[test]
fn r_tpl_01_customer_needs_a_valid_provisioning_id() {
    let findings = NewCustomer {
        provisioning_id: "not base64 at all!".into(),
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [(Code::ProvisioningIdInvalid, "provisioning_id".into())]
    );
}

#[test]
fn r_cus_02_unconfirmed_hq_location_blocks_creation() {
    let findings = NewCustomer {
        hq_location_confirmed: false,
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [(Code::HqLocationUnconfirmed, "hq_location_confirmed".into())]
    );
}

#[test]
fn r_cus_03_any_offered_region_is_allowed_whatever_the_partner_region() {
    // A US partner creating an EU-resident customer in another country.
    for region in ["US", "CA", "EU", "UAE", "eu"] {
        let customer = NewCustomer {
            data_region: Some(region.into()),
            country: "DE".into(),
            ..new_customer()
        };
        assert!(customer.validate().is_valid(), "{region}");
    }
    let findings = NewCustomer {
        data_region: Some("APAC".into()),
        ..new_customer()
    }
    .validate();
    assert_eq!(
        codes(&findings),
        [(Code::DataRegionUnknown, "data_region".into())]
    );
    assert!(check_data_region("UAE", "r").is_none());
}

#[test]
fn r_cus_04_valid_users_with_and_without_calling() {
    let customer = acme();
    assert!(validate_user(
        &customer,
        &user("ana@acme.example", Package::WebexCalling),
        "user"
    )
    .is_valid());
    let meetings_only = User {
        location: None,
        extension: None,
        ..user("bo@acme.example", Package::WebexMeetings)
    };
    assert!(validate_user(&customer, &meetings_only, "user").is_valid());
}

#[test]
fn r_cus_04_calling_user_needs_number_and_existing_location() {
    let customer = acme();
    let no_number = User {
        extension: None,
        ..user("ana@acme.example", Package::WebexCalling)
    };
    assert_eq!(
        codes(&validate_user(&customer, &no_number, "users[0]")),
        [(Code::UserNumberRequired, "users[0].phone_number".into())]
    );
    let elsewhere = User {
        location: Some("Paris".into()),
        ..user("ana@acme.example", Package::WebexCalling)
    };
    assert_eq!(
        codes(&validate_user(&customer, &elsewhere, "u")),
        [(Code::UserLocationUnknown, "u.location".into())]
    );
    let nowhere = User {
        location: None,
        ..user("ana@acme.example", Package::WebexSuite)
    };
    assert_eq!(
        codes(&validate_user(&customer, &nowhere, "u")),
        [(Code::UserFieldRequired, "u.location".into())]
    );
}

#[test]
fn r_cus_04_user_fields_package_and_values() {
    let customer = acme();
    let blank = User {
        first_name: String::new(),
        last_name: String::new(),
        package: None,
        ..User::default()
    };
    assert_eq!(
        codes(&validate_user(&customer, &blank, "u")),
        [
            (Code::UserFieldRequired, "u.first_name".into()),
            (Code::UserFieldRequired, "u.last_name".into()),
            (Code::UserFieldRequired, "u.email".into()),
            (Code::UserFieldRequired, "u.package".into()),
        ]
    );
    let customer_level = user("ana@acme.example", Package::CommonAreaCalling);
    assert_eq!(
        codes(&validate_user(&customer, &customer_level, "u")),
        [(Code::PackageNotForUsers, "u.package".into())]
    );
    let bad_values = User {
        phone_number: Some("4085551234".into()),
        extension: Some("1".into()),
        ..user("ana@acme.example", Package::WebexCalling)
    };
    let findings = validate_user(&customer, &bad_values, "u");
    assert_eq!(
        codes(&findings.clone()),
        [
            (Code::ExtensionInvalid, "u.extension".into()),
            (Code::PhoneNumberNoPlus, "u.phone_number".into()),
        ]
    );
}

#[test]
fn r_cus_05_full_admin_keeps_the_customer_package() {
    let customer = acme();
    let admin = user("ADMIN@acme.example", Package::WebexCalling);
    let findings = validate_user(&customer, &admin, "u");
    assert_eq!(
        codes(&findings),
        [(Code::AdminPackageDowngrade, "u.package".into())]
    );
    assert!(findings.errors[0].message.contains("webex_suite"));
    let same = user("admin@acme.example", Package::WebexSuite);
    assert!(validate_user(&customer, &same, "u").is_valid());
    // Another user may hold a lower package.
    assert!(validate_user(
        &customer,
        &user("bo@acme.example", Package::WebexCalling),
        "u"
    )
    .is_valid());
}

#[test]
fn r_cus_05_every_full_admin_keeps_the_customer_package_not_only_the_first() {
    let mut customer = acme();
    let second_admin = User {
        full_admin: true,
        ..user("ops@acme.example", Package::WebexSuite)
    };
    customer.users = vec![
        second_admin.clone(),
        user("bo@acme.example", Package::WebexSuite),
    ];
    assert!(customer.is_full_admin(" OPS@acme.example"));
    assert!(!customer.is_full_admin("bo@acme.example"));

    // Changing the second admin's package, as the customer knows the user
    // or as the user itself says.
    let findings = validate_package_change(&customer, &customer.users[0], &Package::WebexCalling);
    assert!(findings.has(Code::AdminPackageDowngrade), "{findings:?}");
    let plain = User {
        full_admin: false,
        ..second_admin.clone()
    };
    let findings = validate_package_change(&customer, &plain, &Package::WebexCalling);
    assert!(
        findings.has(Code::AdminPackageDowngrade),
        "the customer knows ops is an admin"
    );
    let findings = validate_package_change(&customer, &customer.users[1], &Package::WebexCalling);
    assert!(
        !findings.has(Code::AdminPackageDowngrade),
        "bo holds no admin role"
    );

    // A new user added with the full admin role is held to the package too.
    let new_admin = User {
        full_admin: true,
        ..user("cy@acme.example", Package::WebexMeetings)
    };
    let batch = validate_manual_batch(&customer, &[new_admin]);
    assert_eq!(
        codes(&batch),
        [(Code::AdminPackageDowngrade, "users[0].package".into())]
    );
}

#[test]
fn r_cus_05_the_import_holds_every_full_admin_of_the_snapshot() {
    use wholesale_core::csv_import::{check_bytes, ImportOptions, OrgSnapshot};
    let org = OrgSnapshot::from_json(
        r#"{"package": "webex_calling", "admin_email": "admin@acme.example",
            "users": [{"email": "admin@acme.example", "package": "webex_calling", "extension": "100"},
                      {"email": "ops@acme.example", "package": "webex_calling", "extension": "101", "full_admin": true},
                      {"email": "it@acme.example", "package": "webex_calling", "extension": "103", "full_admin": true},
                      {"email": "ana@acme.example", "package": "webex_calling", "extension": "102"}]}"#,
    )
    .unwrap();
    let csv = "User ID/Email,Webex Calling,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n\
               ops@acme.example,FALSE,TRUE,acme.webex.com,FALSE,FALSE\n\
               IT@ACME.EXAMPLE,FALSE,FALSE,,FALSE,FALSE\n\
               ana@acme.example,FALSE,TRUE,acme.webex.com,FALSE,FALSE\n";
    let plan = check_bytes(csv.as_bytes(), &ImportOptions::new().with_org(org.clone()));
    let codes: Vec<Vec<&str>> = plan
        .rows
        .iter()
        .map(|r| r.errors.iter().map(|p| p.code.as_str()).collect())
        .collect();
    assert_eq!(
        codes[..2],
        [vec!["ADMIN_PACKAGE_DOWNGRADE"], vec!["ADMIN_REMOVAL"]],
        "{:?}",
        plan.rows
    );
    assert!(codes[2].is_empty(), "ana holds no admin role");

    // A snapshot that names no admin cannot hold one: the plan says so.
    let mut anonymous = org;
    anonymous.admin_email = None;
    for user in anonymous.users.iter_mut().flatten() {
        user.full_admin = false;
    }
    let plan = check_bytes(csv.as_bytes(), &ImportOptions::new().with_org(anonymous));
    assert!(plan
        .file_warnings
        .iter()
        .any(|w| w.code == Code::SnapshotListMissing && w.message.contains("R-CUS-05")));
}

#[test]
fn r_usr_01_manual_add_takes_at_most_25_users() {
    let customer = acme();
    let batch = |n: usize| -> Vec<User> {
        (0..n)
            .map(|i| user(&format!("u{i}@acme.example"), Package::WebexMeetings))
            .collect()
    };
    assert!(validate_manual_batch(&customer, &batch(25)).is_valid());
    let findings = validate_manual_batch(&customer, &batch(26));
    assert_eq!(
        codes(&findings),
        [(Code::ManualBatchTooLarge, "users".into())]
    );
    assert!(findings.errors[0].message.contains("26"));
}

#[test]
fn r_usr_01_batch_reports_every_user_problem_and_duplicates() {
    let customer = acme();
    let users = vec![
        user("ana@acme.example", Package::WebexMeetings),
        User {
            extension: None,
            ..user("bo@acme.example", Package::WebexCalling)
        },
        user("Ana@Acme.example", Package::WebexMeetings),
    ];
    assert_eq!(
        codes(&validate_manual_batch(&customer, &users)),
        [
            (Code::UserNumberRequired, "users[1].phone_number".into()),
            (Code::UserEmailDuplicate, "users[2].email".into()),
        ]
    );
}

#[test]
fn r_usr_02_change_to_calling_needs_number_and_location() {
    let customer = acme();
    let bare = User::new("bo@acme.example", Package::WebexMeetings);
    for target in [
        Package::WebexCalling,
        Package::WebexSuite,
        Package::WebexCallingStandard,
    ] {
        let findings = validate_package_change(&customer, &bare, &target);
        assert_eq!(
            codes(&findings),
            [(Code::PackageChangeNeedsNumber, "package".into())],
            "{target}"
        );
    }
    let ready = user("bo@acme.example", Package::WebexMeetings);
    assert!(validate_package_change(&customer, &ready, &Package::WebexCalling).is_valid());
    assert!(validate_package_change(&customer, &bare, &Package::WebexMeetings).is_valid());
}

#[test]
fn r_usr_02_and_r_cus_05_admin_downgrade_through_a_package_change() {
    let customer = acme();
    let admin = user("admin@acme.example", Package::WebexSuite);
    let findings = validate_package_change(&customer, &admin, &Package::WebexCalling);
    assert_eq!(
        codes(&findings),
        [(Code::AdminPackageDowngrade, "package".into())]
    );
}

#[test]
fn r_tag_01_only_full_and_partner_admins_edit_tags() {
    assert!(check_tag_edit(AdminRole::FullAdmin).is_none());
    assert!(check_tag_edit(AdminRole::PartnerAdmin).is_none());
    assert_eq!(
        check_tag_edit(AdminRole::PartnerReadOnly).unwrap().code,
        Code::TagEditForbidden
    );
}

#[test]
fn customers_are_found_by_any_user_email() {
    let mut other = Customer::new("Globex", Package::WebexMeetings);
    other
        .users
        .push(User::new("hank@globex.example", Package::WebexMeetings));
    let mut first = acme();
    first
        .users
        .push(User::new("ana@acme.example", Package::WebexCalling));
    let customers = vec![first, other];
    let name = |email: &str| find_customer_by_user_email(&customers, email).map(|c| c.name.clone());
    assert_eq!(name(" HANK@globex.example "), Some("Globex".into()));
    assert_eq!(name("admin@acme.example"), Some("Acme".into()));
    assert_eq!(name("nobody@acme.example"), None);
}

#[test]
fn r_api_02_provision_customer_body_from_validated_values() {
    let body = CustomerRequest::provision(&new_customer())
        .unwrap()
        .with_limits([(Package::WebexCalling, 50)]);
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json["provisioningId"], PROVISIONING_ID);
    assert_eq!(json["packages"], serde_json::json!(["webex_calling"]));
    assert_eq!(
        json["customerInfo"]["primaryEmail"],
        "john.anderson@acme.com"
    );
    assert_eq!(json["address"]["addressLine1"], "771 Alder Drive");
    assert_eq!(
        json["provisioningParameters"]["calling"]["location"]["timezone"],
        "America/Los_Angeles"
    );
    assert_eq!(
        json["provisioningParameters"]["packages"]["limits"]["webex_calling"],
        50
    );
    // The built body is what the API types read back, and passes the precheck.
    let back: CustomerRequest = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, body);
    let check = check_payload(&json);
    assert_eq!(check.kind, PayloadKind::ProvisionCustomerRequest);
    assert!(check.valid, "{:?}", check.errors);
}

#[test]
fn r_api_03_invalid_customer_is_not_built() {
    let err = CustomerRequest::provision(&NewCustomer {
        hq_location_confirmed: false,
        ..new_customer()
    })
    .unwrap_err();
    assert_eq!(
        codes(&err),
        [(Code::HqLocationUnconfirmed, "hq_location_confirmed".into())]
    );
}

#[test]
fn r_api_02_provision_subscriber_body_from_validated_values() {
    let ana = User {
        phone_number: Some("+12405551212".into()),
        ..user("ana@acme.example", Package::WebexCalling)
    };
    let body = SubscriberRequest::provision(CUSTOMER_ID, &ana, Some(LOCATION_ID)).unwrap();
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json["packages"], serde_json::json!(["webex_calling"]));
    assert_eq!(
        json["provisioningParameters"]["primaryPhoneNumber"],
        "+12405551212"
    );
    assert_eq!(json["provisioningParameters"]["locationId"], LOCATION_ID);
    let back: SubscriberRequest = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, body);
    assert!(check_payload(&json).valid);
}

#[test]
fn r_api_03_subscriber_precheck_reports_every_problem() {
    let bad = User {
        first_name: String::new(),
        phone_number: Some("555-1212".into()),
        extension: None,
        ..user("ana@", Package::WebexCalling)
    };
    let err = SubscriberRequest::provision(CUSTOMER_ID, &bad, None).unwrap_err();
    assert_eq!(
        codes(&err),
        [
            (Code::EmailInvalid, "email".into()),
            (
                Code::PhoneNumberInvalid,
                "provisioningParameters.primaryPhoneNumber".into()
            ),
            (Code::PackageChangeNeedsNumber, "packages".into()),
            (
                Code::UserFieldRequired,
                "provisioningParameters.firstName".into()
            ),
        ]
    );
}
