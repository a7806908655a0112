//! The import workflow end to end: `snapshot build` from the exports
//! (R-CSV-21), the review of destructive rows and `--fail-on`, `--show`,
//! `--codes`, and the ready and rejected files (R-CSV-20).

use std::path::{Path, PathBuf};

mod common;
use common::wholesale;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A scratch folder of one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("wholesale-workflow-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SNAPSHOT: &str = r#"{"locations": ["HQ"], "users": [
    {"email": "ana@acme.example", "package": "webex_meetings", "licenses": ["basic_messaging"]},
    {"email": "bob@acme.example", "package": "webex_meetings", "licenses": ["basic_messaging"]},
    {"email": "cy@acme.example", "package": "webex_meetings", "licenses": ["basic_messaging"]}]}"#;

const HEADER: &str = "User ID/Email,Display Name,Webex Meetings,Webex Voice,Phone Number,Location,Basic Messaging,Jabber Calling,Jabber with Webex Teams";

// R-CSV-21
#[test]
fn r_csv_21_snapshot_build_from_the_shipped_export() {
    let output = wholesale(&["snapshot", "build", "--users", "samples/users_export.csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json = text(&output.stdout);
    let org = wholesale_core::csv_import::OrgSnapshot::from_json(&json).unwrap();
    assert_eq!(org.known_users().len(), 6);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("samples/users_export.csv: line 1: warning COLUMN_UNKNOWN"),
        "{stderr}"
    );
    assert!(stderr.contains("EXPORT_LOCATIONS_PARTIAL"), "{stderr}");
    // The UTF-16LE tab-separated export gives the same snapshot.
    let utf16 = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "tests/exports/users_export_utf16.csv",
    ]);
    assert_eq!(utf16.status.code(), Some(0));
    assert_eq!(text(&utf16.stdout), json);
}

// R-CUS-05
#[test]
fn r_cus_05_snapshot_build_marks_the_admins_given_and_refuses_unknown_ones() {
    let output = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "samples/users_export.csv",
        "--admin",
        "MARTA.SILVA@acme-dental.example",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let org = wholesale_core::csv_import::OrgSnapshot::from_json(&text(&output.stdout)).unwrap();
    let admins: Vec<&str> = org
        .known_users()
        .iter()
        .filter(|u| u.full_admin)
        .map(|u| u.email.as_str())
        .collect();
    assert_eq!(admins, ["marta.silva@acme-dental.example"]);

    let typo = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "samples/users_export.csv",
        "--admin",
        "marta.silv@acme-dental.example",
    ]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(typo.stdout.is_empty(), "no snapshot is written");
    let stderr = text(&typo.stderr);
    assert!(
        stderr.contains("EXPORT_ADMIN_UNKNOWN") && stderr.contains("marta.silv@"),
        "{stderr}"
    );
}

// R-CSV-11, R-CSV-21
#[test]
fn r_csv_21_snapshot_build_takes_locations_from_each_source() {
    let dir = scratch("locations");
    let out = dir.join("org.json");
    let output = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "samples/users_export.csv",
        "--locations",
        "samples/locations.csv",
        "--phone-numbers",
        "tests/exports/phone_numbers_utf16.csv",
        "--package",
        "Webex Calling",
        "-o",
        path(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let org: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        org["locations"],
        serde_json::json!(["Lisboa HQ", "Porto", "Faro", "Braga"])
    );
    assert_eq!(org["package"], "webex_calling");
    assert!(!text(&output.stderr).contains("EXPORT_LOCATIONS_PARTIAL"));

    let bad = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "samples/users_export.csv",
        "--locations",
        "samples/org.json",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("samples/org.json: line 1: LOCATIONS_COLUMN_MISSING (R-CSV-21)")
    );
    let package = wholesale(&[
        "snapshot",
        "build",
        "--users",
        "samples/users_export.csv",
        "--package",
        "Webex Vioce",
    ]);
    assert_eq!(package.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

// R-CSV-05, R-CSV-07, R-CSV-14, R-CSV-21
#[test]
fn r_csv_21_a_malformed_export_is_refused_with_every_line() {
    let dir = scratch("malformed");
    let export = dir.join("export.csv");
    std::fs::write(
        &export,
        "User ID/Email,Webex Calling,Webex Meetings\nana@acme.example,TRUE,TRUE\nbob@acme.example,TRUE\nana@acme.example,FALSE,TRUE\n",
    )
    .unwrap();
    let output = wholesale(&["snapshot", "build", "--users", path(&export)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no snapshot with errors");
    let stderr = text(&output.stderr);
    for expected in [
        "line 2, column \"Webex Meetings\": PACKAGE_MULTIPLE",
        "line 3: ROW_MALFORMED",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn check_files(name: &str, csv: &[u8]) -> (PathBuf, PathBuf, PathBuf) {
    let dir = scratch(name);
    let (file, org) = (dir.join("users.csv"), dir.join("org.json"));
    std::fs::write(&file, csv).unwrap();
    std::fs::write(&org, SNAPSHOT).unwrap();
    (dir, file, org)
}

// R-CSV-20
#[test]
fn r_csv_20_the_review_lists_every_destructive_row_and_fail_on_refuses_them() {
    let csv = format!(
        "{HEADER}\nana@acme.example,,FALSE,FALSE,,,,,\nbob@acme.example,,FALSE,TRUE,+14085550100,HQ,,FALSE,FALSE\ncy@acme.example,,,,,,FALSE,,\ndee@acme.example,Dee,TRUE,,,,,FALSE,FALSE\n"
    );
    let (dir, file, org) = check_files("review", csv.as_bytes());
    let args = |extra: &[&str]| {
        let mut args = vec![
            "csv",
            "check",
            path(&file),
            "--org",
            path(&org),
            "--behavior",
            "add-and-remove",
        ];
        args.extend_from_slice(extra);
        wholesale(&args)
    };
    let plain = args(&[]);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "nothing is rejected: {}",
        text(&plain.stdout)
    );
    let out = text(&plain.stdout);
    assert!(out.contains("Review: 3 row(s)"), "{out}");
    assert!(out.contains("  line 2: remove ana@acme.example (webex_meetings); removes webex_meetings, basic_messaging"), "{out}");
    assert!(out.contains("  line 3: change_package bob@acme.example (webex_voice); removes webex_meetings; assigns webex_voice"), "{out}");
    assert!(
        out.contains("  line 4: modify cy@acme.example (webex_meetings); removes basic_messaging"),
        "{out}"
    );
    assert!(!out.contains("dee@acme.example"), "{out}");
    for (fail_on, code) in [
        ("remove", 1),
        ("change_package", 1),
        ("license-removal", 1),
        ("remove,change-package", 1),
    ] {
        assert_eq!(
            args(&["--fail-on", fail_on]).status.code(),
            Some(code),
            "{fail_on}"
        );
    }
    // --show changes lists every row that changes something.
    let changes = text(&args(&["--show", "changes"]).stdout);
    assert!(
        changes.contains("Rows:\n") && changes.contains("  line 5: add dee@acme.example"),
        "{changes}"
    );
    std::fs::write(
        &file,
        format!("{HEADER}\ndee@acme.example,Dee,TRUE,,,,,FALSE,FALSE\n"),
    )
    .unwrap();
    let quiet = args(&["--fail-on", "remove,change_package"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(text(&quiet.stdout).contains("Review: nothing is removed and no package changes."));
    assert_eq!(
        args(&["--codes", "--format", "json"]).status.code(),
        Some(2)
    );
    assert_eq!(args(&["--fail-on", "everything"]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

// R-CSV-20
#[test]
fn r_csv_20_show_all_and_codes() {
    let output = wholesale(&[
        "csv",
        "check",
        "samples/users.csv",
        "--org",
        "samples/org.json",
        "--show",
        "all",
        "--codes",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output.stdout);
    assert!(
        out.contains("  line 13: rejected sofia.alves@acme-dental.example"),
        "{out}"
    );
    assert!(
        out.contains("line 13, column \"User ID/Email (Required)\": EMAIL_DUPLICATE"),
        "{out}"
    );
    assert!(
        out.contains("\nCodes:\n  JABBER_REQUIRED (R-CSV-12, error) 4\n"),
        "{out}"
    );
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

// R-CSV-01, R-CSV-20, R-CSV-22
#[test]
fn r_csv_20_ready_and_rejected_files_keep_the_bytes_and_the_encoding() {
    let rows = [
        "dee@acme.example\t=HYPERLINK(\"x\")\tTRUE\t\t\t\t\tFALSE\tFALSE\r\n",
        "broken\tB\tTRUE\t\t\t\t\tFALSE\tFALSE\r\n",
        "eve@acme.example\t\"Eve \"\"E\"\"\"\tTRUE\t\t\t\t\tFALSE\tFALSE",
    ];
    let header = HEADER.replace(',', "\t") + "\r\n";
    let csv = utf16le(&format!("{header}{}", rows.concat()));
    let (dir, file, org) = check_files("ready", &csv);
    let (ready, rejected) = (dir.join("ready.csv"), dir.join("rejected.csv"));
    let output = wholesale(&[
        "csv",
        "check",
        path(&file),
        "--org",
        path(&org),
        "--write-ready",
        path(&ready),
        "--write-rejected",
        path(&rejected),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output.stdout);
    assert!(out.contains("wrote 2 ready row(s) to "), "{out}");
    assert!(out.contains("wrote 1 rejected row(s) to "), "{out}");
    assert_eq!(
        std::fs::read(&ready).unwrap(),
        utf16le(&format!("{header}{}{}", rows[0], rows[2]))
    );
    let rejected = std::fs::read(&rejected).unwrap();
    let expected_start = utf16le(&format!("{}\tErrors\r\nbroken\tB\t", header.trim_end()));
    assert!(rejected.starts_with(&expected_start));
    // The ready file checks clean.
    let again = wholesale(&[
        "csv",
        "check",
        path(&ready),
        "--org",
        path(&org),
        "--format",
        "json",
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
    // In JSON mode the notes go to stderr; a refused file writes nothing.
    std::fs::write(&file, "First Name\nAna\n").unwrap();
    let refused = wholesale(&[
        "csv",
        "check",
        path(&file),
        "--format",
        "json",
        "--write-ready",
        path(&dir.join("none.csv")),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("ready file not written: OUTPUT_FILE_REFUSED"));
    assert!(!dir.join("none.csv").exists());
    serde_json::from_slice::<serde_json::Value>(&refused.stdout).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_demo_walks_from_export_to_upload() {
    let output = wholesale(&["demo"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(
        out.contains("== From export to upload: wholesale snapshot build"),
        "{out}"
    );
    assert!(
        out.contains("  line 6: remove ines.rocha@acme-dental.example"),
        "{out}"
    );
    assert!(out.contains("wrote 7 ready row(s) to "), "{out}");
}
