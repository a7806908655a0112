//! The analytics commands of issue 15 end to end: the headline, the trend,
//! bounded and terminal-safe output, and every rule reachable from the CLI.

use std::path::{Path, PathBuf};

mod common;
use common::{repo, stdout, wholesale};
use std::process::Output;

use serde_json::Value;

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wholesale-analytics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const HEADER: &str = "Calculation Date,Customer Name,Customer Org ID,Subscription Status,Subscription ID,\
Subscription Type,Total Users in Org,Total Verified Users,Auto Renewal Enabled,Expiration / Renewal Date,\
Meetings License (Available),Meetings License (Assigned),Meetings License (Used),\
Calling Professional License (Available),Calling Professional License (Assigned),Calling Professional License (Used),\
Calling Standard License (Available),Calling Standard License (Assigned),Calling Standard License (Used)";

#[test]
fn r_kpi_01_kpi_json_has_the_headline_and_text_prints_it_first() {
    let output = wholesale(&[
        "kpi",
        "samples/subscriptions.csv",
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let v = json(&output);
    for key in [
        "total_customers",
        "near_expiration",
        "near_renewal",
        "low_assignment",
        "overage",
    ] {
        assert!(v["headline"][key]["customers"].is_u64(), "{key}");
    }
    // Calling and meetings customers, each once: at least the calling ones.
    assert!(
        v["headline"]["total_customers"]["customers"].as_u64() >= v["total_customers"].as_u64()
    );
    let text = stdout(&wholesale(&[
        "kpi",
        "samples/subscriptions.csv",
        "--as-of",
        "2026-11-25",
    ]));
    assert!(text.starts_with("Headline KPIs"), "{text}");
    let demo = stdout(&wholesale(&["demo"]));
    assert!(demo.contains("Headline KPIs"));
}

#[test]
fn r_kpi_13_kpi_trend_gives_one_week_per_report() {
    let later = std::fs::read_to_string(repo().join("samples/subscriptions.csv"))
        .unwrap()
        .replace("2026-11-25,", "2026-12-02,");
    let later = temp("later.csv", &later);
    let output = wholesale(&[
        "kpi",
        "trend",
        "samples/subscriptions.csv",
        later.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let v = json(&output);
    let weeks = v["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0]["week_start"], "2026-11-15");
    assert_eq!(weeks[1]["week_start"], "2026-11-22");
    assert!(weeks[0]["used_at_least_once_licenses"].is_u64());
    let text = stdout(&wholesale(&["kpi", "trend", "samples/subscriptions.csv"]));
    assert!(text.contains("week from 2026-11-15"), "{text}");
    // The dashboard form is unchanged beside the subcommand.
    let plain = wholesale(&["kpi", "samples/subscriptions.csv", "--as-of", "2026-11-25"]);
    assert_eq!(plain.status.code(), Some(0));
}

#[test]
fn r_rep_05_kpi_of_an_endless_input_stops_with_an_error() {
    let output = wholesale(&["kpi", "/dev/zero", "--as-of", "2026-11-25"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("larger than"));
}

#[test]
fn r_rep_05_kpi_reports_the_rows_it_leaves_out() {
    let csv = format!(
        "{HEADER}\n\
         2026-11-25,Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0\n\
         2026-11-25,Bolt,org-b,Active,S2,Paid,1,1,no,2026-12-01,0,0,0,ten,5,1,0,0,0\n\
         2026-11-25,Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0\n"
    );
    let path = temp("bad.csv", &csv);
    let output = wholesale(&[
        "kpi",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let v = json(&output);
    let codes: Vec<(&str, u64)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [("REPORT_CELL_INVALID", 3), ("SUBSCRIPTION_DUPLICATE", 4)]
    );
    assert_eq!(v["near_expiration"]["total_licenses"], 10);
}

#[test]
fn r_rep_05_text_output_escapes_control_characters_and_json_stays_exact() {
    let name = "Evil\u{1b}[2J\u{202e}Corp";
    let csv = format!(
        "{HEADER}\n2026-11-25,{name},org-e,Active,S9,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0\n"
    );
    let path = temp("evil.csv", &csv);
    let text = stdout(&wholesale(&[
        "kpi",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Evil\\u{1b}[2J\\u{202e}Corp"), "{text}");
    let output = wholesale(&[
        "kpi",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]);
    let v = json(&output);
    assert_eq!(
        v["subscriptions"]["near_expiration"][0]["customer_name"],
        name
    );
    // The same for the status list.
    let customers = format!(
        r#"[{{"name": "{}", "package": "webex_calling"}}]"#,
        "A\\u001b]0;pwned\\u0007B"
    );
    let path = temp("evil_customers.json", &customers);
    let text = stdout(&wholesale(&[
        "status",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

#[test]
fn r_api_01_api_check_detects_each_kind_it_documents() {
    let fixtures = "/work/shared/fixtures/webex-api";
    let cases: &[(&str, &[&str])] = &[
        ("webex-get-a-wholesale-customer-example.json", &["customer"]),
        (
            "webex-list-wholesale-customers-example.json",
            &["customer_list"],
        ),
        (
            "webex-get-a-wholesale-subscriber-example.json",
            &["subscriber"],
        ),
        (
            "webex-list-wholesale-subscribers-example.json",
            &["subscriber_list"],
        ),
        (
            "webex-provision-a-wholesale-customer-example.json",
            &["provision_customer_request", "accepted_response"],
        ),
        (
            "webex-update-a-wholesale-customer-example.json",
            &["update_customer_request", "accepted_response"],
        ),
        (
            "webex-provision-a-wholesale-subscriber-example.json",
            &["provision_subscriber_request", "subscriber", "subscriber"],
        ),
        (
            "webex-update-a-wholesale-subscriber-example.json",
            &["update_subscriber_request", "subscriber"],
        ),
        (
            "webex-precheck-a-wholesale-customer-provisioning-example.json",
            &["precheck_customer_request", "precheck_response"],
        ),
        (
            "webex-precheck-a-wholesale-subscriber-provisioning-example.json",
            &["precheck_subscriber_request", "precheck_response"],
        ),
    ];
    let fixtures_present = Path::new(fixtures).is_dir();
    for (file, kinds) in cases.iter().filter(|_| fixtures_present) {
        let path = format!("{fixtures}/{file}");
        let v = json(&wholesale(&["api", "check", &path, "--format", "json"]));
        let found: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        assert_eq!(found, *kinds, "{file}");
    }
    // R-CUS-01: the library's own customer file is a customer file.
    let v = json(&wholesale(&[
        "api",
        "check",
        "samples/new_customer.json",
        "--format",
        "json",
    ]));
    assert_eq!(v["kind"], "new_customer");
    assert!(v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "HQ_LOCATION_UNCONFIRMED"));
    for (file, kind) in [
        (
            "samples/api/provision_customer.json",
            "provision_customer_request",
        ),
        (
            "samples/api/provision_subscriber_flawed.json",
            "provision_subscriber_request",
        ),
    ] {
        assert_eq!(
            json(&wholesale(&["api", "check", file, "--format", "json"]))["kind"],
            kind
        );
    }
}

#[test]
fn r_sta_status_lists_filters_and_finds_by_email() {
    let all = json(&wholesale(&[
        "status",
        "samples/customers.json",
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
    ]));
    let primaries: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["primary"].as_str().unwrap())
        .collect();
    assert_eq!(
        primaries,
        ["license_overage", "no_recent_activity", "suspended"]
    );
    let trials = json(&wholesale(&[
        "status",
        "samples/customers.json",
        "--as-of",
        "2026-11-25",
        "--subscription-type",
        "trial",
        "--format",
        "json",
    ]));
    assert_eq!(trials[0]["name"], "Bolt Freight");
    assert_eq!(trials.as_array().unwrap().len(), 1);
    let found = json(&wholesale(&[
        "status",
        "samples/customers.json",
        "--as-of",
        "2026-11-25",
        "--email",
        "ANA.COSTA@acme-dental.example",
        "--format",
        "json",
    ]));
    assert_eq!(found[0]["name"], "Acme Dental");
    let bad = wholesale(&[
        "status",
        "samples/customers.json",
        "--as-of",
        "2026-11-25",
        "--status",
        "sleepy",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stdout(&wholesale(&[
        "status",
        "samples/customers.json",
        "--as-of",
        "2026-11-25"
    ]))
    .contains("3 of 3 customers"));
}

#[test]
fn r_cus_01_customer_check_text_and_json() {
    let output = wholesale(&[
        "customer",
        "check",
        "samples/new_customer.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let v = json(&output);
    assert_eq!(v["valid"], false);
    assert!(v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "CUSTOMER_FIELD_REQUIRED"));
    let mut customer: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("samples/new_customer.json")).unwrap(),
    )
    .unwrap();
    customer["external_id"] = "NORD-1".into();
    customer["hq_location_confirmed"] = true.into();
    customer["packages"] = serde_json::json!(["webex_meetings", "attendant_console"]);
    let path = temp("customer.json", &customer.to_string());
    let output = wholesale(&["customer", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    // R-CUS-06: the add-on lacks its base; R-CUS-01: it is no second package.
    assert!(text.contains("PACKAGE_DEPENDENCY_MISSING"), "{text}");
    assert!(!text.contains("CUSTOMER_PACKAGE_COUNT"), "{text}");
}

#[test]
fn r_usr_01_users_check_a_manual_batch() {
    let output = wholesale(&[
        "users",
        "check",
        "samples/customer.json",
        "samples/manual_add.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let v = json(&output);
    let codes: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"ADMIN_PACKAGE_DOWNGRADE") && codes.contains(&"USER_LOCATION_UNKNOWN"),
        "{codes:?}"
    );
    assert!(stdout(&wholesale(&[
        "users",
        "check",
        "samples/customer.json",
        "samples/manual_add.json"
    ]))
    .contains("INVALID"));
}

#[test]
fn r_rep_01_report_read_write_and_name() {
    let read = wholesale(&[
        "report",
        "read",
        "subscription_details",
        "samples/subscriptions.csv",
        "--format",
        "json",
    ]);
    assert_eq!(read.status.code(), Some(0));
    let rows = temp("rows.json", &stdout(&read));
    let written = wholesale(&[
        "report",
        "write",
        "subscription_details",
        rows.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0));
    let again = temp("again.csv", &stdout(&written));
    let reread = wholesale(&[
        "report",
        "read",
        "subscription_details",
        again.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(json(&reread)["rows"], json(&read)["rows"]);
    let as_json = json(&wholesale(&[
        "report",
        "write",
        "subscription_details",
        rows.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(as_json["csv"]
        .as_str()
        .unwrap()
        .starts_with("Calculation Date,"));
    assert!(stdout(&wholesale(&[
        "report",
        "read",
        "devices",
        "samples/reports/Devices_m2N8s5_2026-11-25.csv"
    ]))
    .contains("devices report"));

    let name = json(&wholesale(&[
        "report",
        "name",
        "Default_Template_a1b2_2026-11-25.csv",
        "--format",
        "json",
    ]));
    assert_eq!(
        (name["template"].as_str(), name["id"].as_str()),
        (Some("Default_Template"), Some("a1b2"))
    );
    let built = wholesale(&[
        "report",
        "name",
        "--template",
        "Default",
        "--id",
        "a1b2",
        "--date",
        "2026-11-25",
    ]);
    assert!(stdout(&built).starts_with("Default_a1b2_2026-11-25.csv"));
    // R-REP-05: a name that would parse back differently is refused.
    let refused = wholesale(&[
        "report",
        "name",
        "--template",
        "Default",
        "--id",
        "a_b",
        "--date",
        "2026-11-25",
        "--format",
        "json",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        json(&refused)["errors"][0]["code"],
        "REPORT_FILE_NAME_INVALID"
    );
}

#[test]
fn r_csv_19_csv_remediate_a_message() {
    let known = wholesale(&[
        "csv",
        "remediate",
        "Cannot update user license.",
        "--format",
        "json",
    ]);
    assert_eq!(known.status.code(), Some(0));
    assert_eq!(json(&known)["remediation"]["rule"], "R-CSV-19");
    let unknown = wholesale(&["csv", "remediate", "disk full"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stdout(&unknown).contains("no known remediation"));
    // The csv check command is still there beside it.
    assert_eq!(
        wholesale(&[
            "csv",
            "check",
            "samples/users_clean.csv",
            "--format",
            "json"
        ])
        .status
        .code(),
        Some(1)
    );
}
