//! The bad-input corpus (`tests/bad_inputs/`): hostile files for every parser
//! of outside input, each with its expected typed outcome in
//! `tests/bad_inputs/expected.json`:
//!
//! ```json
//! {"csv_nul_byte.csv": {"parser": "user_csv", "errors": ["FILE_ENCODING"], "warnings": []}}
//! ```
//!
//! `parser` is one of `user_csv`, `org_snapshot`, `report:<kind>`,
//! `call_legs`, `queued_calls`, `api_payload`. `errors`/`warnings` are the
//! sets of registry codes found anywhere in the result (file, row, cell);
//! `refused` names the typed `Err` when the parser refuses the input as a
//! whole (e.g. `ReportError::Unreadable`), with the codes the error carries
//! in `errors`. An entry with `generate` has no file: the harness builds the
//! input (a 2 MiB field, 20,001 rows) at test time.
//!
//! Every file must have an entry and every entry a file (or `generate`), so
//! a new file cannot be added without its expectation. A parser must never
//! panic on any of them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use wholesale_core::api::check_payload;
use wholesale_core::codes::{Code, Severity};
use wholesale_core::csv_import::{check_bytes, ImportBehavior, ImportOptions, OrgSnapshot};
use wholesale_core::problem::Problem;
use wholesale_core::quality::{read_legs, read_queued_calls, QualityError, RejectedRow};
use wholesale_core::report::{
    app_versions::AppVersionRow, calling_usage::CallingUsageRow, devices::DeviceRow,
    phone_numbers::PhoneNumberRow, read_report, subscription_details::SubscriptionDetailsRow,
    ReportError, ReportRow,
};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad_inputs")
}

/// One expectation from `expected.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    parser: String,
    /// `add_only` (default) or `add_and_remove`; user CSV only.
    #[serde(default)]
    behavior: Option<ImportBehavior>,
    /// A snapshot file for the user CSV check, relative to `tests/`.
    #[serde(default)]
    org: Option<String>,
    /// Build the input instead of reading a file.
    #[serde(default)]
    generate: Option<String>,
    #[serde(default)]
    refused: Option<String>,
    #[serde(default)]
    errors: BTreeSet<String>,
    #[serde(default)]
    warnings: BTreeSet<String>,
    /// Why the file is there (documentation only).
    #[serde(default)]
    #[allow(dead_code)]
    about: String,
}

/// What a parser did with an input, reduced to comparable sets.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    refused: Option<String>,
    errors: BTreeSet<String>,
    warnings: BTreeSet<String>,
}

impl Outcome {
    fn add(&mut self, code: Code) {
        let set = match code.severity() {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
        };
        set.insert(code.as_str().to_owned());
    }

    fn add_problems<'a>(&mut self, problems: impl IntoIterator<Item = &'a Problem>) {
        for p in problems {
            self.add(p.code);
        }
    }

    fn refused(name: &str) -> Outcome {
        Outcome {
            refused: Some(name.to_owned()),
            ..Outcome::default()
        }
    }
}

/// A CSV of `rows` valid data rows, then `extra` appended to the last row's
/// first-name cell.
fn generated_csv(rows: usize, big_cell: usize) -> Vec<u8> {
    let mut csv = b"User ID/Email,First Name,Webex Meetings,Preferred Webex Site\n".to_vec();
    for i in 0..rows {
        csv.extend_from_slice(format!("user{i}@acme.example,").as_bytes());
        if i + 1 == rows {
            csv.resize(csv.len() + big_cell, b'x');
        } else {
            csv.extend_from_slice(b"Ana");
        }
        csv.extend_from_slice(b",TRUE,acme.webex.com\n");
    }
    csv
}

fn generate(kind: &str) -> Vec<u8> {
    match kind {
        "twenty_thousand_and_one_rows" => generated_csv(20_001, 3),
        "two_mib_field" => generated_csv(1, 2 * 1024 * 1024),
        other => panic!("unknown generator {other:?}"),
    }
}

fn user_csv(bytes: &[u8], e: &Expectation) -> Outcome {
    let mut options = ImportOptions::default().with_behavior(e.behavior.unwrap_or_default());
    if let Some(org) = &e.org {
        let json = fs::read_to_string(corpus_dir().join("..").join(org)).expect("org file");
        options = options.with_org(OrgSnapshot::from_json(&json).expect("org snapshot"));
    }
    let plan = check_bytes(bytes, &options);
    let mut out = Outcome::default();
    for p in plan.file_errors.iter().chain(&plan.file_warnings) {
        out.add(p.code);
    }
    for row in &plan.rows {
        for p in row.errors.iter().chain(&row.warnings) {
            out.add(p.code);
        }
    }
    out
}

fn org_snapshot(bytes: &[u8]) -> Outcome {
    match OrgSnapshot::from_json_bytes(bytes) {
        Ok(_) => Outcome::default(),
        Err(e) => Outcome::refused(e.code().as_str()),
    }
}

fn report<R: ReportRow>(bytes: &[u8]) -> Outcome {
    match read_report::<R>(bytes) {
        Ok(table) => {
            let mut out = Outcome::default();
            for p in &table.problems {
                out.add(p.code);
            }
            out
        }
        Err(ReportError::Unreadable(_)) => Outcome::refused("ReportError::Unreadable"),
        Err(ReportError::MissingColumns(problems)) => {
            let mut out = Outcome::refused("ReportError::MissingColumns");
            for p in &problems {
                out.add(p.code);
            }
            out
        }
        Err(other) => Outcome::refused(&format!("ReportError::other({other})")),
    }
}

fn rejected(rows: &[RejectedRow]) -> Outcome {
    let mut out = Outcome::default();
    for row in rows {
        out.add_problems(&row.problems);
    }
    out
}

fn quality_error(e: QualityError) -> Outcome {
    let name = match &e {
        QualityError::Read(_) => "QualityError::Read",
        QualityError::HeaderMissing { .. } => "QualityError::HeaderMissing",
        _ => "QualityError::other",
    };
    let mut out = Outcome::refused(name);
    out.add(e.code());
    out
}

fn api_payload(bytes: &[u8]) -> Outcome {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Outcome::refused("serde_json::Error");
    };
    let check = check_payload(&value);
    let mut out = Outcome::default();
    out.add_problems(check.errors.iter().chain(&check.warnings));
    out
}

fn run(bytes: &[u8], e: &Expectation) -> Outcome {
    match e.parser.as_str() {
        "user_csv" => user_csv(bytes, e),
        "org_snapshot" => org_snapshot(bytes),
        "report:subscription_details" => report::<SubscriptionDetailsRow>(bytes),
        "report:calling_usage" => report::<CallingUsageRow>(bytes),
        "report:devices" => report::<DeviceRow>(bytes),
        "report:phone_numbers" => report::<PhoneNumberRow>(bytes),
        "report:app_versions" => report::<AppVersionRow>(bytes),
        "call_legs" => read_legs(bytes).map_or_else(quality_error, |r| rejected(&r.rejected)),
        "queued_calls" => {
            read_queued_calls(bytes).map_or_else(quality_error, |r| rejected(&r.rejected))
        }
        "api_payload" => api_payload(bytes),
        other => panic!("unknown parser {other:?}"),
    }
}

fn expectations() -> BTreeMap<String, Expectation> {
    let text = fs::read_to_string(corpus_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is a map of file name to expectation")
}

#[test]
fn every_bad_input_gets_its_expected_typed_outcome() {
    let expected = expectations();
    let mut failures = Vec::new();
    let mut parsers = BTreeSet::new();
    for (name, e) in &expected {
        let bytes = match &e.generate {
            Some(kind) => generate(kind),
            None => fs::read(corpus_dir().join(name))
                .unwrap_or_else(|err| panic!("{name}: listed in expected.json but {err}")),
        };
        let got = run(&bytes, e);
        let want = Outcome {
            refused: e.refused.clone(),
            errors: e.errors.clone(),
            warnings: e.warnings.clone(),
        };
        if got != want {
            failures.push(format!(
                "{name} ({}):\n  want {want:?}\n  got  {got:?}",
                e.parser
            ));
        }
        parsers.insert(e.parser.clone());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The issue asks for at least 40 files across every parser of outside input.
    assert!(expected.len() >= 40, "only {} inputs", expected.len());
    assert_eq!(
        parsers.len(),
        10,
        "every parser has bad inputs: {parsers:?}"
    );
}

#[test]
fn every_corpus_file_has_an_expectation() {
    let expected = expectations();
    for entry in fs::read_dir(corpus_dir()).expect("tests/bad_inputs") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("UTF-8 name");
        if name == "expected.json" || name.ends_with(".py") || name == "README.md" {
            continue;
        }
        assert!(
            expected.contains_key(&name),
            "{name} has no entry in expected.json"
        );
    }
}
