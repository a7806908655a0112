//! One test per rule of DOMAIN.md section 3, each with a passing and a failing
//! input. The shared vectors (`csv_vectors.rs`) cover the same rules with
//! full plans; these tests name the rule and pin the decisive detail.

use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check_bytes, remediation_for, Action, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot,
    Remediation, RowOutcome,
};

const ORG: &str = r#"{
  "package": "webex_calling", "admin_email": "admin@acme.example",
  "locations": ["HQ", "Branch"],
  "subscribed_packages": ["webex_calling", "webex_suite", "webex_meetings", "webex_voice"],
  "users": [
    {"email": "admin@acme.example", "package": "webex_calling", "extension": "100", "location": "HQ",
     "licenses": ["basic_messaging", "basic_space_meetings", "call_on_webex"]},
    {"email": "ana@acme.example", "package": "webex_calling", "phone_number": "+14085550101", "extension": "101",
     "location": "HQ", "licenses": ["basic_messaging"]},
    {"email": "bob@acme.example", "package": "webex_meetings", "licenses": []}
  ]
}"#;

fn org() -> OrgSnapshot {
    OrgSnapshot::from_json(ORG).unwrap()
}

/// The two Jabber columns R-CSV-12 requires, FALSE on every row, added to a
/// file that has neither (and no quotes, so lines are rows): the tests of
/// other rules then need not repeat them.
fn with_jabber(csv: &str) -> String {
    if csv.contains("Jabber") || csv.contains('"') || !csv.contains('\n') {
        return csv.to_owned();
    }
    let mut lines = csv.split_inclusive('\n');
    let mut out = String::new();
    if let Some(header) = lines.next() {
        let (text, eol) = header.split_at(header.trim_end_matches(['\r', '\n']).len());
        out.push_str(&format!(
            "{text},Jabber Calling,Jabber with Webex Teams{eol}"
        ));
    }
    for line in lines {
        let (text, eol) = line.split_at(line.trim_end_matches(['\r', '\n']).len());
        if text.is_empty() {
            out.push_str(line);
        } else if text.trim_matches([',', ' ']).is_empty() {
            out.push_str(&format!("{text},,{eol}"));
        } else {
            out.push_str(&format!("{text},FALSE,FALSE{eol}"));
        }
    }
    out
}

fn run(csv: &str, behavior: ImportBehavior, with_org: bool) -> ImportPlan {
    let options = ImportOptions::default()
        .with_behavior(behavior)
        .with_org(with_org.then(org));
    check_bytes(with_jabber(csv).as_bytes(), &options)
}

fn one(csv: &str) -> RowOutcome {
    let plan = run(csv, ImportBehavior::AddOnly, true);
    assert!(plan.file_errors.is_empty(), "{:?}", plan.file_errors);
    assert_eq!(plan.rows.len(), 1);
    plan.rows.into_iter().next().unwrap()
}

fn codes(row: &RowOutcome) -> Vec<Code> {
    row.errors
        .iter()
        .chain(&row.warnings)
        .map(|p| p.code)
        .collect()
}

fn file_codes(plan: &ImportPlan) -> Vec<Code> {
    plan.file_errors.iter().map(|p| p.code).collect()
}

const MEET: &str = "User ID/Email,Webex Meetings,Preferred Webex Site\n";

#[test]
fn r_csv_01_encodings() {
    let csv = with_jabber(&format!("{MEET}dan@acme.example,TRUE,s\n"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        csv.replace(',', "\t")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    for bytes in [
        csv.as_bytes().to_vec(),
        [&b"\xEF\xBB\xBF"[..], csv.as_bytes()].concat(),
        utf16,
    ] {
        let plan = check_bytes(&bytes, &ImportOptions::default());
        assert_eq!(plan.summary.add, 1, "{plan:?}");
    }
    let latin1 = check_bytes(
        b"User ID/Email\nj\xF6ran@acme.example\n",
        &ImportOptions::default(),
    );
    assert_eq!(file_codes(&latin1), [Code::FileEncoding]);
}

#[test]
fn r_csv_02_headers() {
    let row = one("user id/email (REQUIRED),WEBEX MEETINGS [acme.webex.com],preferred webex site\ndan@acme.example,TRUE,s\n");
    assert_eq!(row.action, Action::Add);
    let plan = run(
        "Email Address,Webex Meetings\nx@y.zz,TRUE\n",
        ImportBehavior::AddOnly,
        false,
    );
    assert_eq!(file_codes(&plan), [Code::HeaderEmailMissing]);
    let plan = run(
        &format!(
            "{}Department\ndan@acme.example,TRUE,s,Sales\n",
            MEET.trim_end().to_owned() + ","
        ),
        ImportBehavior::AddOnly,
        false,
    );
    assert_eq!(plan.file_warnings.len(), 1);
    assert_eq!(plan.file_warnings[0].code, Code::ColumnUnknown);
    assert_eq!(plan.summary.warnings, 1);
}

#[test]
fn r_csv_03_boolean_cells() {
    assert_eq!(
        one(&format!("{MEET}dan@acme.example,tRUE,s\n")).action,
        Action::Add
    );
    let row = one(&format!("{MEET}dan@acme.example,Y,s\n"));
    assert!(codes(&row).contains(&Code::CellNotBoolean));
}

#[test]
fn r_csv_04_row_limit_constant() {
    // The 20,000/20,001-row files are generated in csv_limits.rs.
    assert_eq!(wholesale_core::csv_import::MAX_DATA_ROWS, 20_000);
}

#[test]
fn r_csv_05_bad_row_does_not_hide_the_others() {
    let plan = run(
        &format!("{MEET}dan@acme.example,TRUE\neva@acme.example,TRUE,s\n"),
        ImportBehavior::AddOnly,
        true,
    );
    assert_eq!(plan.rows[0].errors[0].code, Code::RowMalformed);
    assert_eq!(plan.rows[1].action, Action::Add);
}

#[test]
fn r_csv_06_behaviors() {
    let csv =
        "User ID/Email,Basic Messaging,Call on Webex,Webex Calling\nana@acme.example,FALSE,TRUE,\n";
    let add_only = run(csv, ImportBehavior::AddOnly, true);
    assert_eq!(add_only.rows[0].assign, ["call_on_webex"]);
    assert!(add_only.rows[0].remove.is_empty());
    let add_remove = run(csv, ImportBehavior::AddAndRemove, true);
    assert_eq!(add_remove.rows[0].assign, ["call_on_webex"]);
    assert_eq!(add_remove.rows[0].remove, ["basic_messaging"]);
    // A new user: basic licenses come automatically only with add-only.
    let new = format!("{MEET}dan@acme.example,TRUE,s\n");
    assert_eq!(
        run(&new, ImportBehavior::AddOnly, true).rows[0]
            .assign
            .len(),
        4
    );
    assert_eq!(
        run(&new, ImportBehavior::AddAndRemove, true).rows[0].assign,
        ["webex_meetings"]
    );
}

#[test]
fn r_csv_07_one_package_per_user() {
    let head = "User ID/Email,Webex Meetings,Webex Voice,Preferred Webex Site\n";
    assert_eq!(
        one(&format!("{head}dan@acme.example,TRUE,FALSE,s\n")).action,
        Action::Add
    );
    let row = one(&format!("{head}dan@acme.example,TRUE,TRUE,s\n"));
    assert_eq!(codes(&row), [Code::PackageMultiple]);
    assert_eq!(row.errors[0].field.as_deref(), Some("Webex Voice"));
}

#[test]
fn r_csv_08_all_false_removes() {
    let head = "User ID/Email,Webex Meetings,Webex Calling\n";
    let row = one(&format!("{head}bob@acme.example,FALSE,FALSE\n"));
    assert_eq!(row.action, Action::Remove);
    assert_eq!(row.remove, ["webex_meetings"]);
    assert_eq!(
        codes(&one(&format!("{head}zed@acme.example,FALSE,FALSE\n"))),
        [Code::UserUnknown]
    );
    // Blank is not FALSE: no removal.
    assert_eq!(
        one(&format!("{head}bob@acme.example,FALSE,\n")).action,
        Action::NoChange
    );
}

#[test]
fn r_csv_09_new_user_needs_a_package() {
    let head = "User ID/Email,Basic Messaging,Webex Meetings\n";
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,TRUE,\n"))),
        [Code::PackageRequired]
    );
    // An existing user keeps theirs.
    assert_eq!(
        one(&format!("{head}bob@acme.example,TRUE,\n")).action,
        Action::Modify
    );
}

#[test]
fn r_csv_10_number_for_calling_packages() {
    let head = "User ID/Email,Extension,Location,Preferred Webex Site,Webex Calling\n";
    assert_eq!(
        one(&format!("{head}dan@acme.example,150,HQ,s,TRUE\n")).action,
        Action::Add
    );
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,,HQ,s,TRUE\n"))),
        [Code::NumberRequired]
    );
}

#[test]
fn r_csv_11_location() {
    let head = "User ID/Email,Extension,Location,Preferred Webex Site,Webex Calling\n";
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,150,,s,TRUE\n"))),
        [Code::LocationRequired]
    );
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,150,Mars,s,TRUE\n"))),
        [Code::LocationUnknown]
    );
    // Without a snapshot the location is not checked for existence.
    let plan = run(
        &format!("{head}dan@acme.example,150,Mars,s,TRUE\n"),
        ImportBehavior::AddOnly,
        false,
    );
    assert_eq!(plan.rows[0].action, Action::Add);
}

#[test]
fn r_csv_12_jabber_cells() {
    let head = "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n";
    assert_eq!(
        one(&format!("{head}dan@acme.example,TRUE,s,false,TRUE\n")).action,
        Action::Add
    );
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,TRUE,s,maybe,true\n"))),
        [Code::JabberCellInvalid]
    );
    // Adding a user or changing a package needs both cells, TRUE or FALSE.
    let blank = one(&format!("{head}dan@acme.example,TRUE,s,false,\n"));
    assert_eq!(codes(&blank), [Code::JabberRequired]);
    assert_eq!(
        blank.errors[0].field.as_deref(),
        Some("Jabber with Webex Teams")
    );
    let change = one(&format!("{head}ana@acme.example,TRUE,s,,\n"));
    assert_eq!(change.action, Action::Rejected);
    assert_eq!(codes(&change), [Code::JabberRequired, Code::JabberRequired]);
    // A missing column is an error on the rows that need it, naming the column.
    let missing = one("User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling\ndan@acme.example,TRUE,s,TRUE\n");
    assert_eq!(codes(&missing), [Code::JabberRequired]);
    assert_eq!(
        missing.errors[0].field.as_deref(),
        Some("Jabber with Webex Teams")
    );
    // Other rows may leave them blank: bob keeps Webex Meetings.
    assert_eq!(
        one(&format!("{head}bob@acme.example,TRUE,s,,\n")).action,
        Action::NoChange
    );
}

#[test]
fn r_csv_13_preferred_site_is_a_warning() {
    let head = "User ID/Email,Extension,Location,Preferred Webex Site,Webex Voice,Webex Meetings\n";
    let meetings = one(&format!("{head}dan@acme.example,,,,,TRUE\n"));
    assert_eq!(meetings.action, Action::Add);
    assert_eq!(codes(&meetings), [Code::PreferredSiteMissing]);
    assert!(codes(&one(&format!("{head}dan@acme.example,150,HQ,,TRUE,\n"))).is_empty());
}

#[test]
fn r_csv_14_emails() {
    let plan = run(
        &format!("{MEET}dan@acme.example,TRUE,s\nDan@Acme.example,TRUE,s\nnope,TRUE,s\n"),
        ImportBehavior::AddOnly,
        true,
    );
    assert!(plan.rows[0].errors.is_empty());
    assert_eq!(codes(&plan.rows[1]), [Code::EmailDuplicate]);
    assert!(plan.rows[1].errors[0].message.contains("line 2"));
    assert_eq!(codes(&plan.rows[2]), [Code::EmailInvalid]);
}

#[test]
fn r_csv_15_phone_numbers() {
    let head = "User ID/Email,Phone Number,Location,Preferred Webex Site,Webex Calling\n";
    assert!(codes(&one(&format!(
        "{head}dan@acme.example,+14085550150,HQ,s,TRUE\n"
    )))
    .is_empty());
    let no_plus = one(&format!("{head}dan@acme.example,14085550150,HQ,s,TRUE\n"));
    assert_eq!(
        (no_plus.action, codes(&no_plus)),
        (Action::Add, vec![Code::PhoneNumberNoPlus])
    );
    assert_eq!(
        codes(&one(&format!(
            "{head}dan@acme.example,555-0150,HQ,s,TRUE\n"
        ))),
        [Code::PhoneNumberInvalid]
    );
}

#[test]
fn r_csv_16_extensions_and_numbers_in_use() {
    let head = "User ID/Email,Phone Number,Extension,Location,Preferred Webex Site,Webex Calling\n";
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,,7,HQ,s,TRUE\n"))),
        [Code::ExtensionInvalid]
    );
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,,101,HQ,s,TRUE\n"))),
        [Code::NumberInUse]
    );
    assert_eq!(
        codes(&one(&format!(
            "{head}dan@acme.example,+14085550101,,HQ,s,TRUE\n"
        ))),
        [Code::NumberInUse]
    );
    // The owner keeps their own number.
    assert!(codes(&one(&format!(
        "{head}ana@acme.example,+14085550101,101,HQ,s,TRUE\n"
    )))
    .is_empty());
}

#[test]
fn r_csv_17_subscriptions() {
    let head = "User ID/Email,Extension,Location,Preferred Webex Site,Webex Calling Standard,Webex Suite\n";
    assert_eq!(
        codes(&one(&format!("{head}dan@acme.example,150,HQ,s,TRUE,\n"))),
        [Code::PackageNotSubscribed]
    );
    assert_eq!(
        one(&format!("{head}dan@acme.example,150,HQ,s,,TRUE\n")).action,
        Action::Add
    );
}

#[test]
fn r_csv_18_package_change_rules() {
    let head = "User ID/Email,Phone Number,Location,Preferred Webex Site,Webex Calling,Webex Suite,Webex Meetings\n";
    let bob = one(&format!("{head}bob@acme.example,,,s,,TRUE,\n"));
    assert_eq!(codes(&bob), [Code::PackageChangeNeedsNumber]);
    let bob = one(&format!(
        "{head}bob@acme.example,+14085550150,HQ,s,,TRUE,\n"
    ));
    assert_eq!(bob.action, Action::ChangePackage);
    assert_eq!(bob.remove, ["webex_meetings"]);
    let admin = one(&format!("{head}admin@acme.example,,,s,,,TRUE\n"));
    assert_eq!(codes(&admin), [Code::AdminPackageDowngrade]);
    assert_eq!(
        one(&format!("{head}admin@acme.example,,,s,TRUE,,\n")).action,
        Action::NoChange
    );
}

#[test]
fn r_csv_19_control_hub_errors_map_to_reassign() {
    assert_eq!(
        remediation_for("Cannot update user attributes; cannot revert license change"),
        Some(Remediation::ReassignPackage)
    );
    assert_eq!(
        remediation_for("cannot update user LICENSE."),
        Some(Remediation::ReassignPackage)
    );
    assert_eq!(remediation_for("User already exists"), None);
}

#[test]
fn r_csv_20_every_row_one_outcome() {
    let plan = run(
        &format!("{MEET}dan@acme.example,TRUE,s\n,,\nbad,TRUE,s\nbob@acme.example,,s\n"),
        ImportBehavior::AddOnly,
        true,
    );
    let actions: Vec<Action> = plan.rows.iter().map(|r| r.action).collect();
    // bob's site is not in the snapshot, so it cannot be compared: no_change.
    assert_eq!(
        actions,
        [
            Action::Add,
            Action::NoChange,
            Action::Rejected,
            Action::NoChange
        ]
    );
    assert_eq!(codes(&plan.rows[1]), [Code::RowBlank]);
    let s = plan.summary;
    assert_eq!(
        (s.rows, s.add, s.no_change, s.rejected, s.modify),
        (4, 1, 2, 1, 0)
    );
}

/// The plan's JSON keys are the contract with the CLI and the bindings.
#[test]
fn plan_json_shape_is_stable() {
    let plan = run(
        &format!("{MEET}dan@acme.example,TRUE,\nbad,TRUE,s\n"),
        ImportBehavior::AddOnly,
        true,
    );
    let json = serde_json::to_value(&plan).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&json),
        ["file_errors", "file_warnings", "rows", "summary"]
    );
    assert_eq!(
        keys(&json["rows"][0]),
        [
            "action",
            "assign",
            "email",
            "errors",
            "last_line",
            "line",
            "package",
            "remove",
            "warnings"
        ]
    );
    assert_eq!(
        keys(&json["rows"][1]["errors"][0]),
        ["code", "field", "line", "message", "rule", "severity"]
    );
    assert_eq!(
        keys(&json["summary"]),
        [
            "add",
            "change_package",
            "modify",
            "no_change",
            "rejected",
            "remove",
            "rows",
            "warnings"
        ]
    );
    assert_eq!(json["rows"][1]["errors"][0]["rule"], "R-CSV-14");
    let bad = check_bytes(b"First Name\nx\n", &ImportOptions::default());
    let json = serde_json::to_value(&bad).unwrap();
    assert_eq!(json["file_errors"][0]["severity"], "error");
    assert_eq!(
        keys(&json["file_errors"][0]),
        ["code", "field", "line", "message", "rule", "severity"]
    );
}

/// Bindings may pass options as JSON; missing keys take the core's defaults.
#[test]
fn options_deserialize_with_defaults() {
    let options: ImportOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(options, ImportOptions::default());
    let options: ImportOptions = serde_json::from_str(&format!(
        r#"{{"behavior": "add_and_remove", "org": {ORG}}}"#
    ))
    .unwrap();
    assert_eq!(options.behavior(), ImportBehavior::AddAndRemove);
    assert_eq!(options.org().unwrap().known_users().len(), 3);
    assert!(serde_json::from_str::<ImportOptions>(r#"{"behavior": "add_all"}"#).is_err());
    assert!(
        OrgSnapshot::from_json(r#"{"users": [{"email": "a@b.co", "licenses": ["gold"]}]}"#)
            .is_err()
    );
}
