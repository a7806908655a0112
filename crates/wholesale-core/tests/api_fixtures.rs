//! R-API-01..04 against the real Webex Wholesale API examples in
//! `tests/fixtures/webex-api/` (copied from `shared/fixtures/webex-api/`).

use std::path::PathBuf;

use serde_json::Value;
use wholesale_core::api::{
    self, check_payload, CustomerRequest, ListResponse, PayloadKind, PrecheckResponse, ResourceId,
    SubscriberRequest, WholesaleCustomer, WholesaleSubscriber,
};
use wholesale_core::codes::Code;
use wholesale_core::package::Package;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/webex-api")
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn example(file: &str, place: &str) -> Value {
    let document = load(file);
    api::example_payloads(&document)
        .into_iter()
        .find(|(p, _)| p == place)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("{file} has no {place}"))
}

/// Parses `value` as `T`, writes it back, and checks that the JSON is the
/// original (nothing lost, nothing invented) and reads again unchanged.
fn round_trip<T>(value: &Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let parsed: T = serde_json::from_value(value.clone()).unwrap();
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(&written, value, "writing back changed the payload");
    let again: T = serde_json::from_value(written).unwrap();
    assert_eq!(again, parsed);
    parsed
}

fn round_trip_as(kind: PayloadKind, value: &Value) {
    match kind {
        PayloadKind::Customer => drop(round_trip::<WholesaleCustomer>(value)),
        PayloadKind::CustomerList => drop(round_trip::<ListResponse<WholesaleCustomer>>(value)),
        PayloadKind::Subscriber => drop(round_trip::<WholesaleSubscriber>(value)),
        PayloadKind::SubscriberList => drop(round_trip::<ListResponse<WholesaleSubscriber>>(value)),
        PayloadKind::ProvisionCustomerRequest
        | PayloadKind::UpdateCustomerRequest
        | PayloadKind::PrecheckCustomerRequest => drop(round_trip::<CustomerRequest>(value)),
        PayloadKind::ProvisionSubscriberRequest
        | PayloadKind::UpdateSubscriberRequest
        | PayloadKind::PrecheckSubscriberRequest => drop(round_trip::<SubscriberRequest>(value)),
        PayloadKind::PrecheckResponse => drop(round_trip::<PrecheckResponse>(value)),
        PayloadKind::AcceptedResponse => drop(round_trip::<api::AcceptedResponse>(value)),
        other => panic!("unexpected kind {other:?}"),
    }
}

#[test]
fn r_api_01_every_example_is_detected_parsed_and_round_trips() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with("-example.json") {
            continue;
        }
        let document = load(&name);
        let examples = api::example_payloads(&document);
        assert!(!examples.is_empty(), "{name} has no examples");
        for (place, example) in examples {
            let check = check_payload(example);
            assert_ne!(check.kind, PayloadKind::Unrecognized, "{name} {place}");
            assert!(
                !check
                    .errors
                    .iter()
                    .any(|p| p.code == Code::ApiPayloadInvalid),
                "{name} {place}: {:?}",
                check.errors
            );
            round_trip_as(check.kind, example);
            seen += 1;
        }
    }
    assert_eq!(seen, 17, "every example of the 10 example files");
}

#[test]
fn r_api_01_detects_each_kind_of_the_published_examples() {
    use PayloadKind::*;
    let expected = [
        (
            "webex-get-a-wholesale-customer-example.json",
            "responseExamples[0]",
            Customer,
        ),
        (
            "webex-list-wholesale-customers-example.json",
            "responseExamples[0]",
            CustomerList,
        ),
        (
            "webex-get-a-wholesale-subscriber-example.json",
            "responseExamples[0]",
            Subscriber,
        ),
        (
            "webex-list-wholesale-subscribers-example.json",
            "responseExamples[0]",
            SubscriberList,
        ),
        (
            "webex-provision-a-wholesale-customer-example.json",
            "requestExamples[0]",
            ProvisionCustomerRequest,
        ),
        (
            "webex-provision-a-wholesale-customer-example.json",
            "responseExamples[0]",
            AcceptedResponse,
        ),
        (
            "webex-update-a-wholesale-customer-example.json",
            "requestExamples[0]",
            UpdateCustomerRequest,
        ),
        (
            "webex-provision-a-wholesale-subscriber-example.json",
            "requestExamples[0]",
            ProvisionSubscriberRequest,
        ),
        (
            "webex-provision-a-wholesale-subscriber-example.json",
            "responseExamples[1]",
            Subscriber,
        ),
        (
            "webex-update-a-wholesale-subscriber-example.json",
            "requestExamples[0]",
            UpdateSubscriberRequest,
        ),
        (
            "webex-precheck-a-wholesale-customer-provisioning-example.json",
            "requestExamples[0]",
            PrecheckCustomerRequest,
        ),
        (
            "webex-precheck-a-wholesale-subscriber-provisioning-example.json",
            "requestExamples[0]",
            PrecheckSubscriberRequest,
        ),
        (
            "webex-precheck-a-wholesale-subscriber-provisioning-example.json",
            "responseExamples[0]",
            PrecheckResponse,
        ),
    ];
    for (file, place, kind) in expected {
        assert_eq!(
            check_payload(&example(file, place)).kind,
            kind,
            "{file} {place}"
        );
    }
}

#[test]
fn r_api_01_statuses_warnings_and_error_codes_are_read() {
    let payload = example(
        "webex-list-wholesale-customers-example.json",
        "responseExamples[0]",
    );
    let list: ListResponse<WholesaleCustomer> = serde_json::from_value(payload.clone()).unwrap();
    let customer = &list.items[0];
    assert_eq!(customer.status.as_str(), "provisioned_with_errors");
    let details = customer.resource_details.as_ref().unwrap();
    let calling = details
        .packages
        .iter()
        .find(|p| p.name == Package::WebexCalling)
        .unwrap();
    assert_eq!(calling.warnings[0].error_code, Some(2560));
    // The warning Webex reported surfaces as a library warning with its number.
    let check = check_payload(&payload);
    assert!(check.valid, "{:?}", check.errors);
    assert_eq!(check.warnings.len(), 1);
    assert_eq!(check.warnings[0].code, Code::ApiReportedWarning);
    assert!(check.warnings[0].message.contains("2560"));
}

#[test]
fn r_api_01_unknown_fields_statuses_and_packages_are_kept() {
    let payload = serde_json::json!({
        "id": "Y2lzY29zcGFyazovL3VzL1NVQlNDUklCRVIvZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2",
        "email": "a@acme.example",
        "status": "pending_quantum_entanglement",
        "package": "webex_hologram",
        "selfActivated": true,
        "spEnterpriseId": "Reseller1+acme"
    });
    let subscriber: WholesaleSubscriber = round_trip(&payload);
    assert_eq!(subscriber.status.as_str(), "pending_quantum_entanglement");
    assert!(!subscriber.status.is_known());
    assert_eq!(
        subscriber.package,
        Some(Package::Other("webex_hologram".into()))
    );
    let check = check_payload(&payload);
    assert!(check.valid, "unknown values are warnings, not failures");
    let codes: Vec<_> = check.warnings.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::ApiStatusUnknown, Code::ApiPackageUnknown]);
}

#[test]
fn r_api_01_schemas_list_the_packages_and_statuses_the_library_knows() {
    let enum_of = |file: &str, pointer: &str| -> Vec<String> {
        let mut values: Vec<String> = load(file)
            .pointer(pointer)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        values.sort();
        values
    };
    let sorted = |ids: Vec<&str>| {
        let mut ids: Vec<String> = ids.into_iter().map(str::to_owned).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        enum_of("webex-wholesalepackagescustomer-schema.json", "/enum"),
        sorted(Package::KNOWN.iter().map(Package::api_id).collect())
    );
    assert_eq!(
        enum_of("webex-wholesalepackagessubscriber-schema.json", "/enum"),
        sorted(
            Package::subscriber_packages()
                .map(Package::api_id)
                .collect()
        )
    );
    for status in enum_of("webex-subscriber-schema.json", "/properties/status/enum") {
        let parsed: api::SubscriberStatus =
            serde_json::from_value(Value::String(status.clone())).unwrap();
        assert!(parsed.is_known(), "{status}");
    }
}

#[test]
fn r_api_03_published_provision_example_is_flagged_for_its_quoted_values() {
    // The published example carries literal quotes ("\"US\""): Webex would
    // reject such a country and e-mail, and the precheck says so.
    let check = check_payload(&example(
        "webex-provision-a-wholesale-customer-example.json",
        "requestExamples[0]",
    ));
    assert!(!check.valid);
    let codes: Vec<_> = check
        .errors
        .iter()
        .map(|p| (p.code, p.field.clone().unwrap()))
        .collect();
    assert!(
        codes.contains(&(Code::CountryInvalid, "address.country".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Code::EmailInvalid, "customerInfo.primaryEmail".into())),
        "{codes:?}"
    );
}

#[test]
fn r_api_03_subscriber_examples_pass_the_precheck() {
    for file in [
        "webex-provision-a-wholesale-subscriber-example.json",
        "webex-update-a-wholesale-subscriber-example.json",
        "webex-precheck-a-wholesale-subscriber-provisioning-example.json",
    ] {
        let check = check_payload(&example(file, "requestExamples[0]"));
        assert!(check.valid, "{file}: {:?}", check.errors);
    }
}

#[test]
fn r_api_04_ids_in_the_examples_decode_to_uuids() {
    let payload = example(
        "webex-get-a-wholesale-customer-example.json",
        "responseExamples[0]",
    );
    let customer: WholesaleCustomer = serde_json::from_value(payload).unwrap();
    let org_id = customer.org_id.as_deref().unwrap();
    let org = ResourceId::decode(org_id).unwrap();
    assert_eq!(org.region, "us");
    assert_eq!(org.kind, "Organization");
    assert_eq!(org.uuid.to_string(), "52cf576d-60a8-407a-b22c-467c51591909");
    // A report row shows the bare UUID: it joins with the API object.
    assert!(ResourceId::same_resource(
        org_id,
        "52cf576d-60a8-407a-b22c-467c51591909"
    ));
    // Padded and unpadded forms name the same subscriber.
    assert!(ResourceId::same_resource(
        "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng==",
        "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng",
    ));
}

#[test]
fn r_api_04_malformed_ids_are_typed_errors() {
    for bad in [
        "",
        "!!!",
        "aGVsbG8",
        "Y2lzY29zcGFyazovL3VzL09SRy9ub3QtYS11dWlk",
        "\u{0}\u{1}",
    ] {
        let err = ResourceId::decode(bad).unwrap_err();
        assert_eq!(err.code(), Code::ResourceIdInvalid, "{bad:?}");
        assert!(ResourceId::uuid_of(bad).is_err());
    }
    assert!(
        !ResourceId::same_resource("!!!", "!!!"),
        "unreadable IDs never match"
    );
}
