//! R-CSV-21: an org snapshot built from the files a partner has: the
//! Control Hub user export (UTF-8 or UTF-16LE), a location list and the
//! phone numbers report; every problem in them with its line.

use std::path::{Path, PathBuf};

use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check_bytes, snapshot_from_export, Action, ExportError, ExportFile, ExportFiles, ImportOptions,
    OrgSnapshot, MAX_FILE_BYTES,
};
use wholesale_core::package::{BasicLicense, Package};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap()
}

fn codes_lines(err: &ExportError) -> Vec<(&str, Option<u64>)> {
    err.problems
        .iter()
        .map(|p| (p.code.as_str(), p.line))
        .collect()
}

// R-CSV-21
#[test]
fn r_csv_21_users_packages_licenses_numbers_from_the_shipped_export() {
    let export = read("samples/users_export.csv");
    let built = snapshot_from_export(&ExportFiles::new(&export)).unwrap();
    let org = &built.snapshot;
    assert_eq!(org.known_users().len(), 6);
    let joao = org.user("JOAO.PEREIRA@acme-dental.example").unwrap();
    assert_eq!(joao.package, Some(Package::WebexCalling));
    assert_eq!(joao.phone_number.as_deref(), Some("+351213000101"));
    assert_eq!(joao.extension.as_deref(), Some("101"));
    assert_eq!(joao.location.as_deref(), Some("Lisboa HQ"));
    assert_eq!(joao.first_name.as_deref(), Some("João"));
    let pedro = org.user("pedro.lima@acme-dental.example").unwrap();
    assert_eq!(pedro.phone_number, None, "a blank cell is no number");
    assert_eq!(
        pedro.licenses.as_deref(),
        Some(&[BasicLicense::BasicMessaging, BasicLicense::CallOnWebex][..])
    );
    let ana = org.user("ana.costa@acme-dental.example").unwrap();
    assert_eq!(ana.package, Some(Package::WebexMeetings));
    // Locations from the users' cells, each once, with a warning that a
    // location without users is missing from them.
    assert_eq!(
        org.locations.as_deref(),
        Some(&["Lisboa HQ".to_owned(), "Porto".into(), "Faro".into()][..])
    );
    let warnings: Vec<&str> = built.warnings.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(warnings, ["COLUMN_UNKNOWN", "EXPORT_LOCATIONS_PARTIAL"]);
    assert_eq!(built.warning_files, [ExportFile::Users, ExportFile::Users]);
    // Subscriptions and the admin are not in an export: not known.
    assert_eq!(
        org.missing_lists().collect::<Vec<_>>(),
        ["subscribed_packages"]
    );
    assert_eq!(org.admin_email, None);
    // The JSON printed reads back as the same strict snapshot.
    let json = serde_json::to_string(org).unwrap();
    assert_eq!(&OrgSnapshot::from_json(&json).unwrap(), org);
}

// R-CSV-01, R-CSV-21
#[test]
fn r_csv_21_a_utf16_tab_export_gives_the_same_snapshot() {
    let utf8 = read("samples/users_export.csv");
    let utf16 = read("tests/exports/users_export_utf16.csv");
    assert_eq!(&utf16[..2], &[0xFF, 0xFE]);
    let a = snapshot_from_export(&ExportFiles::new(&utf8)).unwrap();
    let b = snapshot_from_export(&ExportFiles::new(&utf16)).unwrap();
    assert_eq!(a.snapshot, b.snapshot);
    assert_eq!(a.warnings, b.warnings);
}

// R-CSV-11, R-CSV-21
#[test]
fn r_csv_21_locations_from_each_source() {
    let export = read("samples/users_export.csv");
    let list = b"Location Name\r\nLisboa HQ\r\n\"Sala 1, Porto\"\r\n\r\nporto\r\nCoimbra\r\n";
    let built = snapshot_from_export(&ExportFiles::new(&export).with_locations(list)).unwrap();
    // The list first (blank lines skipped), then the users' cells; one
    // spelling per name (R-CSV-11), and no partial-list warning.
    assert_eq!(
        built.snapshot.locations.as_deref(),
        Some(
            &[
                "Lisboa HQ".to_owned(),
                "Sala 1, Porto".into(),
                "porto".into(),
                "Coimbra".into(),
                "Faro".into()
            ][..]
        )
    );
    assert!(!built
        .warnings
        .iter()
        .any(|p| p.code == Code::ExportLocationsPartial));

    let report = read("tests/exports/phone_numbers_utf16.csv");
    let built =
        snapshot_from_export(&ExportFiles::new(&export).with_phone_numbers(&report)).unwrap();
    assert_eq!(
        built.snapshot.locations.as_deref(),
        Some(
            &[
                "Lisboa HQ".to_owned(),
                "Porto".into(),
                "Faro".into(),
                "Braga".into()
            ][..]
        )
    );

    // Braga is known from the report, so the import's row for it is not rejected.
    let users = read("samples/users.csv");
    let org = built.snapshot.clone();
    let plan = check_bytes(&users, &ImportOptions::default().with_org(org));
    let carla = plan
        .rows
        .iter()
        .find(|r| r.email == "carla.mendes@acme-dental.example")
        .unwrap();
    assert!(!carla.errors.iter().any(|e| e.code == Code::LocationUnknown));

    let both = snapshot_from_export(
        &ExportFiles::new(&export)
            .with_locations(b"Name\nSetubal\n")
            .with_phone_numbers(&report)
            .with_package(&Package::WebexCalling),
    )
    .unwrap();
    assert_eq!(both.snapshot.locations.as_deref().map(|l| l.len()), Some(5));
    assert_eq!(both.snapshot.package, Some(Package::WebexCalling));
}

// R-CSV-05, R-CSV-21
#[test]
fn r_csv_21_location_files_are_read_strictly() {
    let export = read("samples/users_export.csv");
    let build = |list: &[u8]| snapshot_from_export(&ExportFiles::new(&export).with_locations(list));
    // A list without its header would lose its first location: refused.
    let err = build(b"Lisboa HQ\nPorto\n").unwrap_err();
    assert_eq!(err.file, ExportFile::Locations);
    assert_eq!(codes_lines(&err), [("LOCATIONS_COLUMN_MISSING", Some(1))]);
    assert!(err.problems[0].message.contains("\"Lisboa HQ\""));
    let err = build(b"Location,Address\nPorto,Rua 1\n\"Faro\nBraga\",x\nEvora\n").unwrap_err();
    assert_eq!(
        codes_lines(&err),
        [("CELL_LINE_BREAK", Some(3)), ("ROW_MALFORMED", Some(5))]
    );
    assert_eq!(
        codes_lines(&build(b"").unwrap_err()),
        [("FILE_EMPTY", None)]
    );
    assert_eq!(
        codes_lines(&build(b"Location\nMalm\xF6\n").unwrap_err()),
        [("FILE_ENCODING", Some(2))]
    );
    let err = snapshot_from_export(&ExportFiles::new(&export).with_phone_numbers(b"Number\n+1\n"))
        .unwrap_err();
    assert_eq!(err.file, ExportFile::PhoneNumbers);
}

// R-CSV-03, R-CSV-05, R-CSV-07, R-CSV-14, R-CSV-16, R-CSV-21
#[test]
fn r_csv_21_every_problem_of_a_malformed_export_with_its_line() {
    let export =
        "User ID/Email,Webex Calling,Webex Meetings,Phone Number,Extension,Basic Messaging\n\
                  ana@acme.example,TRUE,FALSE,+14085550100,100,TRUE\n\
                  \n\
                  bob@acme.example,TRUE,TRUE,,,\n\
                  ANA@acme.example,FALSE,TRUE,,,\n\
                  cy@acme.example,TRUE,FALSE,+14085550100,,yes\n\
                  dee@acme.example,TRUE\n\
                  \"eve@acme.example,TRUE,FALSE,,,\n\
                  fay@acme.example\",TRUE,FALSE,,,\n\
                  not-an-address,FALSE,TRUE,,,\n\
                  gus@acme.example,FALSE,TRUE,4085550177,,\n";
    let err = snapshot_from_export(&ExportFiles::new(export.as_bytes())).unwrap_err();
    assert_eq!(err.file, ExportFile::Users);
    assert_eq!(
        codes_lines(&err),
        [
            ("PACKAGE_MULTIPLE", Some(4)),
            ("EMAIL_DUPLICATE", Some(5)),
            ("CELL_NOT_BOOLEAN", Some(6)),
            ("NUMBER_IN_USE", Some(6)),
            ("ROW_MALFORMED", Some(7)),
            ("CELL_LINE_BREAK", Some(8)),
            ("EMAIL_INVALID", Some(10)),
            ("PHONE_NUMBER_NO_PLUS", Some(11)),
        ]
    );
    let number = &err.problems[3];
    assert_eq!(number.field.as_deref(), Some("Phone Number"));
    assert!(number.message.contains("line 2"), "{}", number.message);
}

// R-CSV-01, R-CSV-02, R-CSV-04, R-CSV-21
#[test]
fn r_csv_21_an_export_that_is_not_a_user_file_is_refused_as_a_whole() {
    let refused = |bytes: &[u8]| {
        let err = snapshot_from_export(&ExportFiles::new(bytes)).unwrap_err();
        codes_lines(&err)
            .into_iter()
            .map(|(code, line)| (code.to_owned(), line))
            .collect::<Vec<_>>()
    };
    let one = |code: &str, line| vec![(code.to_owned(), line)];
    assert_eq!(refused(b""), one("FILE_EMPTY", None));
    assert_eq!(
        refused(b"Email,Webex Calling\n"),
        one("FILE_NO_DATA_ROWS", Some(1))
    );
    assert_eq!(
        refused(b"First Name\nAna\n"),
        one("HEADER_EMAIL_MISSING", Some(1))
    );
    assert_eq!(
        refused(b"Email;Webex Calling\na@b.co;TRUE\n"),
        one("FILE_SEPARATOR", Some(1))
    );
    assert_eq!(
        refused(b"Email\na@b.co\n\xFF\n"),
        one("FILE_ENCODING", Some(3))
    );
    assert_eq!(
        refused(&[0xFE, 0xFF, 0, b'E']),
        one("FILE_ENCODING", Some(1))
    );
    let huge = vec![b'a'; MAX_FILE_BYTES + 1];
    assert_eq!(refused(&huge), one("FILE_TOO_LARGE", None));
    let wide = format!("Email,\"{}\"\n", "x".repeat(2 << 20));
    assert_eq!(refused(wide.as_bytes()), one("FIELD_TOO_LARGE", Some(1)));
}

// R-CSV-20, R-CSV-21
#[test]
fn r_csv_21_the_built_snapshot_plans_the_sample_as_the_json_one_does() {
    let export = read("samples/users_export.csv");
    let locations = read("samples/locations.csv");
    let built = snapshot_from_export(
        &ExportFiles::new(&export)
            .with_locations(&locations)
            .with_package(&Package::WebexCalling),
    )
    .unwrap();
    let mut json =
        OrgSnapshot::from_json(&String::from_utf8(read("samples/org.json")).unwrap()).unwrap();
    // What an export cannot say: the subscriptions and the full admin.
    json.subscribed_packages = None;
    json.admin_email = None;
    let users = read("samples/users.csv");
    let plan = |org: OrgSnapshot| check_bytes(&users, &ImportOptions::default().with_org(org));
    let (from_export, from_json) = (plan(built.snapshot), plan(json));
    let actions = |p: &wholesale_core::csv_import::ImportPlan| -> Vec<Action> {
        p.rows.iter().map(|r| r.action).collect()
    };
    assert_eq!(actions(&from_export), actions(&from_json));
    assert!(actions(&from_export).contains(&Action::Remove));
}
