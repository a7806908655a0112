//! R-CSV-20: the ready file (rows that pass, byte for byte, in the file's
//! encoding) and the rejected file (rejected rows with an `Errors` column);
//! and, on generated files, that the ready file checks again clean with the
//! same actions.

use proptest::prelude::*;
use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check_bytes, write_ready, write_rejected, Action, ImportBehavior, ImportOptions, ImportPlan,
    OrgSnapshot, OutputError,
};

const HEADER: &str = "User ID/Email,Display Name,Webex Meetings,Webex Calling,Phone Number,Location,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams";

fn ready(bytes: &[u8], plan: &ImportPlan) -> Vec<u8> {
    let mut out = Vec::new();
    write_ready(bytes, plan, &mut out).unwrap();
    out
}

fn rejected(bytes: &[u8], plan: &ImportPlan) -> Vec<u8> {
    let mut out = Vec::new();
    write_rejected(bytes, plan, &mut out).unwrap();
    out
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

// R-CSV-20, R-CSV-22
#[test]
fn r_csv_20_ready_rows_are_copied_byte_for_byte() {
    let rows = [
        // A formula-like display name is kept as written (R-CSV-22 warns).
        "ana@acme.example,=HYPERLINK(\"http://x\"),TRUE,,,,acme.webex.com,FALSE,FALSE\r\n",
        // Rejected: not an address.
        "nope,Nope,TRUE,,,,acme.webex.com,FALSE,FALSE\r\n",
        "\r\n",
        // Quoted cells with a delimiter and doubled quotes, a CR-only ending.
        "bob@acme.example,\"Bob \"\"B\"\", Jr\",TRUE,,,,acme.webex.com,FALSE,FALSE\r",
        // A duplicate of the first row: rejected.
        "ana@acme.example,=HYPERLINK(\"http://x\"),TRUE,,,,acme.webex.com,FALSE,FALSE\n",
        "cy@acme.example,+cy,TRUE,,,,-acme.webex.com,FALSE,FALSE\n",
        // The last row, without a line ending.
        "dee@acme.example,Dee,TRUE,,,,acme.webex.com,FALSE,FALSE",
    ];
    let text = format!("{HEADER}\r\n{}", rows.concat());
    let plan = check_bytes(text.as_bytes(), &ImportOptions::default());
    let actions: Vec<Action> = plan.rows.iter().map(|r| r.action).collect();
    use Action::{Add, Rejected};
    assert_eq!(actions, [Add, Rejected, Add, Rejected, Add, Add]);
    let expected = format!("{HEADER}\r\n{}{}{}{}", rows[0], rows[3], rows[5], rows[6]);
    assert_eq!(
        String::from_utf8(ready(text.as_bytes(), &plan)).unwrap(),
        expected
    );
    // With a UTF-8 BOM, the BOM is kept.
    let with_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    let plan = check_bytes(&with_bom, &ImportOptions::default());
    assert_eq!(
        ready(&with_bom, &plan),
        [&b"\xEF\xBB\xBF"[..], expected.as_bytes()].concat()
    );
}

// R-CSV-01, R-CSV-20
#[test]
fn r_csv_20_a_utf16_file_stays_utf16() {
    let header = HEADER.replace(',', "\t");
    let text = format!(
        "{header}\r\nana@acme.example\tAna Sá 😀\tTRUE\t\t\t\tacme.webex.com\tFALSE\tFALSE\r\n\
         bad\tX\tTRUE\t\t\t\t\tFALSE\tFALSE\r\n\
         bob@acme.example\t=1+1\tTRUE\t\t\t\tacme.webex.com\tFALSE\tFALSE\r\n"
    );
    let bytes = utf16le(&text);
    let plan = check_bytes(&bytes, &ImportOptions::default());
    assert_eq!(plan.summary.rejected, 1);
    let out = ready(&bytes, &plan);
    let lines: Vec<&str> = text.split_inclusive("\r\n").collect();
    assert_eq!(out, utf16le(&[lines[0], lines[1], lines[3]].concat()));
    let again = check_bytes(&out, &ImportOptions::default());
    assert_eq!(again.summary.rejected, 0);
    assert_eq!(again.summary.add, 2);

    let out = rejected(&bytes, &plan);
    assert_eq!(&out[..2], &[0xFF, 0xFE]);
    let decoded = String::from_utf16(
        &out[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        decoded.starts_with(&format!("{header}\tErrors\r\nbad\tX\t")),
        "{decoded}"
    );
    assert!(
        decoded.contains("\t\"EMAIL_INVALID [User ID/Email]: "),
        "{decoded}"
    );
}

// R-CSV-05, R-CSV-20
#[test]
fn r_csv_20_rejected_rows_carry_their_errors() {
    let text = format!(
        "{HEADER}\n\
         ana@acme.example,Ana,TRUE,TRUE,,,acme.webex.com,FALSE,FALSE\n\
         ok@acme.example,Ok,TRUE,,,,acme.webex.com,FALSE,FALSE\n\
         short@acme.example,TRUE\n\
         eve@acme.example,\"Eve \"\"the\"\" never closed,TRUE,,,,,FALSE,FALSE\n"
    );
    let plan = check_bytes(text.as_bytes(), &ImportOptions::default());
    assert_eq!(plan.summary.rejected, 3);
    let out = String::from_utf8(rejected(text.as_bytes(), &plan)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 10);
    assert_eq!(&header[9], "Errors");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3, "{out}");
    assert_eq!(&records[0][0], "ana@acme.example");
    assert!(records[0][9].starts_with("PACKAGE_MULTIPLE [Webex Calling]: 2 packages are TRUE"));
    // A ragged row keeps its fields; its errors follow them.
    assert_eq!(records[1].len(), 3);
    assert!(records[1][2].starts_with("ROW_MALFORMED: the row has 2 fields"));
    // The quote never closed is closed, so the errors are a cell of their own.
    assert!(records[2][1].starts_with("Eve \"the\" never closed"));
    assert!(records[2][2].starts_with("ROW_MALFORMED: a quoted cell that starts on line 5"));
    // Checked again, the rejected file is still rejected, row for row.
    let again = check_bytes(out.as_bytes(), &ImportOptions::default());
    assert_eq!(again.summary.rejected, 3);
}

// R-CSV-20
#[test]
fn r_csv_20_nothing_is_written_for_a_refused_file_or_another_plan() {
    let refused = b"First Name\nAna\n";
    let plan = check_bytes(refused, &ImportOptions::default());
    let err = write_ready(refused, &plan, Vec::new()).unwrap_err();
    assert_eq!(err.code(), Code::OutputFileRefused);
    assert!(matches!(
        write_rejected(refused, &plan, Vec::new()),
        Err(OutputError::FileRefused {
            code: Code::HeaderEmailMissing
        })
    ));
    let one = format!("{HEADER}\na@acme.example,A,TRUE,,,,s.webex.com,FALSE,FALSE\n");
    let two = format!("{one}\nb@acme.example,B,TRUE,,,,s.webex.com,FALSE,FALSE\n");
    let plan_one = check_bytes(one.as_bytes(), &ImportOptions::default());
    let plan_two = check_bytes(two.as_bytes(), &ImportOptions::default());
    for (bytes, plan) in [(&one, &plan_two), (&two, &plan_one)] {
        let err = write_ready(bytes.as_bytes(), plan, Vec::new()).unwrap_err();
        assert_eq!(err.code(), Code::OutputPlanMismatch, "{err}");
    }
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = write_ready(one.as_bytes(), &plan_one, Broken).unwrap_err();
    assert_eq!(err.code(), Code::OutputUnwritable);
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        4 => Just("TRUE".to_owned()),
        2 => Just("FALSE".to_owned()),
        1 => Just("maybe".to_owned()),
        2 => Just("HQ".to_owned()),
        1 => Just("Branch".to_owned()),
        2 => Just("+14085550100".to_owned()),
        1 => Just("=SUM(A1)".to_owned()),
        1 => Just("@x".to_owned()),
        2 => "[a-d]@acme\\.example",
        2 => "[a-zA-Z ,\"\n=+@é-]{0,8}",
    ]
}

fn line_of(cells: &[String], delimiter: char) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([delimiter, '"', '\n', '\r']) || c.starts_with(' ') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(&delimiter.to_string())
}

fn org() -> OrgSnapshot {
    OrgSnapshot::from_json(
        r#"{"package": "webex_calling", "admin_email": "a@acme.example", "locations": ["HQ"],
            "users": [{"email": "a@acme.example", "package": "webex_calling", "phone_number": "+14085550100", "location": "HQ"},
                      {"email": "b@acme.example", "package": "webex_meetings", "licenses": ["basic_messaging"]}]}"#,
    )
    .unwrap()
}

/// What a row does, for the comparison of a plan with its ready file's.
fn effect(plan: &ImportPlan) -> Vec<String> {
    plan.rows
        .iter()
        .filter(|r| r.action != Action::Rejected)
        .map(|r| {
            format!(
                "{} {:?} {:?} {:?} {:?}",
                r.email, r.action, r.package, r.assign, r.remove
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // R-CSV-20: the ready file, checked again with the same snapshot and
    // behavior, has no rejected row and the same actions for those rows.
    #[test]
    fn r_csv_20_the_ready_file_checks_again_clean_with_the_same_actions(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 9), 1..20),
        ragged in proptest::collection::vec(0usize..12, 0..3),
        blank_after in proptest::collection::vec(any::<bool>(), 20),
        eol in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        last_eol in any::<bool>(),
        utf16 in any::<bool>(),
        bom in any::<bool>(),
        with_org in any::<bool>(),
        add_and_remove in any::<bool>(),
    ) {
        let delimiter = if utf16 { '\t' } else { ',' };
        let mut lines: Vec<String> = rows.iter().map(|r| line_of(r, delimiter)).collect();
        for (i, &width) in ragged.iter().enumerate() {
            let at = i % lines.len();
            lines[at] = line_of(&rows[at][..width.min(9)], delimiter);
        }
        let mut text = HEADER.replace(',', &delimiter.to_string()) + eol;
        for (i, line) in lines.iter().enumerate() {
            text.push_str(line);
            if i + 1 < lines.len() || last_eol {
                text.push_str(eol);
            }
            if blank_after[i] && i + 1 < lines.len() {
                text.push_str(eol);
            }
        }
        let bytes = match (utf16, bom) {
            (true, _) => utf16le(&text),
            (false, true) => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            (false, false) => text.into_bytes(),
        };
        let behavior = if add_and_remove { ImportBehavior::AddAndRemove } else { ImportBehavior::AddOnly };
        let options = ImportOptions::default().with_behavior(behavior).with_org(with_org.then(org));
        let plan = check_bytes(&bytes, &options);
        prop_assume!(plan.file_errors.is_empty());

        let mut out = Vec::new();
        let written = write_ready(&bytes, &plan, &mut out).unwrap();
        prop_assert_eq!(written.rows, plan.rows.len() - plan.summary.rejected);
        prop_assert_eq!(out.starts_with(&[0xFF, 0xFE]), utf16);
        prop_assert_eq!(out.starts_with(b"\xEF\xBB\xBF"), bom && !utf16);
        let again = check_bytes(&out, &options);
        let kept_non_blank = plan.rows.iter().any(|r| {
            r.action != Action::Rejected && !r.warnings.iter().any(|w| w.code == Code::RowBlank)
        });
        if !kept_non_blank {
            // Nothing but a header (and blank records) is left.
            prop_assert_eq!(again.file_errors[0].code, Code::FileNoDataRows);
            return Ok(());
        }
        prop_assert!(again.file_errors.is_empty(), "{:?}", again.file_errors);
        prop_assert_eq!(again.summary.rejected, 0, "{:?}", again.rows);
        prop_assert_eq!(effect(&again), effect(&plan));

        // The rejected file holds the others, each with its errors.
        let mut out = Vec::new();
        let written = write_rejected(&bytes, &plan, &mut out).unwrap();
        prop_assert_eq!(written.rows, plan.summary.rejected);
    }
}
