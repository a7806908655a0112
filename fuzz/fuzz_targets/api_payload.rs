//! Any bytes as a Webex Wholesale API payload: detection, typed parsing and
//! the precheck must never panic, and a valid payload's problems are data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wholesale_core::api;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let check = api::check_payload(&value);
    assert_eq!(check.valid, check.errors.is_empty());
    for (_, example) in api::example_payloads(&value) {
        api::check_payload(example);
    }
    if let Some(text) = value.as_str() {
        let _ = api::ResourceId::uuid_of(text);
    }
});
