//! The `wholesale` binary end to end: exit codes and output shapes.

mod common;
use common::{stdout, wholesale};

#[test]
fn codes_lists_each_code_once_with_its_rule() {
    let output = wholesale(&["codes", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), wholesale_core::Code::ALL.len());
    let mut seen = std::collections::HashSet::new();
    for (row, code) in rows.iter().zip(wholesale_core::Code::ALL) {
        assert_eq!(row["code"], code.as_str());
        assert_eq!(row["rule"], code.rule());
        assert!(seen.insert(row["code"].as_str().unwrap().to_owned()));
    }
    let text = stdout(&wholesale(&["codes"]));
    assert_eq!(text.lines().count(), rows.len());
    assert!(text.contains("ADMIN_PACKAGE_DOWNGRADE") && text.contains("R-CUS-05"));
}

#[test]
fn r_api_03_api_check_exit_codes() {
    let valid = wholesale(&["api", "check", "samples/api/provision_customer.json"]);
    assert_eq!(valid.status.code(), Some(0), "{}", stdout(&valid));
    let invalid = wholesale(&[
        "api",
        "check",
        "samples/api/provision_subscriber_flawed.json",
        "--format",
        "json",
    ]);
    assert_eq!(invalid.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&invalid.stdout).unwrap();
    assert_eq!(json["kind"], "provision_subscriber_request");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"][0]["code"], "EMAIL_INVALID");
    assert_eq!(json["errors"][0]["rule"], "R-CSV-14");
    assert_eq!(json["errors"][0]["field"], "email");
    assert!(json["warnings"].is_array());
    let missing = wholesale(&["api", "check", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let not_json = wholesale(&["api", "check", "README.md"]);
    assert_eq!(not_json.status.code(), Some(2));
}

#[test]
fn r_api_01_api_check_reads_example_documents() {
    let output = wholesale(&[
        "api",
        "check",
        "tests/fixtures/webex-api/webex-list-wholesale-subscribers-example.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json[0]["source"], "responseExamples[0]");
    assert_eq!(json[0]["kind"], "subscriber_list");
}

#[test]
fn demo_runs_on_the_shipped_samples() {
    let output = wholesale(&["demo"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout(&output).contains("provision_customer_request"));
}

// R-CSV-04: an endless input is refused after the limit, not read to the end
// of memory: `/dev/zero` is the plan's FILE_TOO_LARGE and exit 1.
#[test]
#[cfg(unix)]
fn r_csv_04_csv_check_of_an_endless_stream_is_file_too_large() {
    let output = wholesale(&["csv", "check", "/dev/zero", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["file_errors"][0]["code"], "FILE_TOO_LARGE");
    assert_eq!(plan["rows"].as_array().unwrap().len(), 0);
    // The snapshot is read the same bounded way: a usage error, exit 2.
    let org = wholesale(&["csv", "check", "samples/users.csv", "--org", "/dev/zero"]);
    assert_eq!(org.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&org.stderr).contains("larger than 64 MiB"));
}

// R-CSV-21: a snapshot with a misspelled key stops the check with its code
// and the key's path (exit 2); it never runs with the check switched off.
#[test]
fn r_csv_21_csv_check_refuses_a_snapshot_with_an_unknown_key() {
    let dir = std::env::temp_dir().join(format!("wholesale-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let typo = dir.join("org.json");
    std::fs::write(&typo, r#"{"locatons": ["HQ"], "users": []}"#).unwrap();
    let output = wholesale(&[
        "csv",
        "check",
        "samples/users.csv",
        "--org",
        typo.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SNAPSHOT_KEY_UNKNOWN (R-CSV-21)"),
        "{stderr}"
    );
    assert!(stderr.contains("locatons"), "{stderr}");
    assert!(output.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
