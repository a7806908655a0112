//! R-CSV-20 on generated files: every data row gets exactly one outcome, in
//! order, at its physical line, whatever the cells hold, including ragged
//! rows, quotes, embedded line breaks, blank lines, a final unterminated quote,
//! UTF-8 with or without BOM and UTF-16LE; and on hostile files (stray quotes,
//! other separators, LF, CRLF and CR-only line endings mixed), every
//! non-blank physical line belongs to exactly one outcome or the file is
//! refused as a whole, and no outcome that spans lines is ever accepted.

use proptest::prelude::*;
use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check_bytes, Action, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot,
};

const HEADER: [&str; 10] = [
    "User ID/Email",
    "Phone Number",
    "Extension",
    "Location",
    "Preferred Webex Site",
    "Basic Messaging",
    "Webex Calling",
    "Webex Suite",
    "Webex Meetings",
    "Jabber Calling",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("TRUE".to_owned()),
        Just("false".to_owned()),
        Just("HQ".to_owned()),
        Just("+14085550100".to_owned()),
        Just("4085550100".to_owned()),
        Just("100".to_owned()),
        "[a-c]{1,3}@acme\\.example",
        // Anything printable, with delimiters, quotes and line breaks.
        "[a-zA-Z0-9 ,\t\"\n@.+åé😀-]{0,12}",
    ]
}

/// A row: usually as wide as the header, sometimes ragged (never under 2 cells,
/// so no row is an empty line).
fn row() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        8 => proptest::collection::vec(cell(), HEADER.len()),
        2 => proptest::collection::vec(cell(), 2..HEADER.len() + 4),
    ]
}

#[derive(Clone, Copy, Debug)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
}

fn quote(cell: &str, delimiter: char) -> String {
    if cell.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// The file text and the expected start line of every data row.
fn render(
    rows: &[Vec<String>],
    blank_before: &[bool],
    unterminated: bool,
    delimiter: char,
    eol: &str,
) -> (String, Vec<u64>) {
    let sep = delimiter.to_string();
    let mut text = HEADER.join(&sep) + eol;
    let mut lines = Vec::new();
    let line_of = |text: &str| 1 + text.matches('\n').count() as u64;
    for (i, row) in rows.iter().enumerate() {
        if blank_before.get(i).copied().unwrap_or(false) {
            text.push_str(eol);
        }
        lines.push(line_of(&text));
        let cells: Vec<String> = row.iter().map(|c| quote(c, delimiter)).collect();
        text.push_str(&cells.join(&sep));
        text.push_str(eol);
    }
    if unterminated {
        lines.push(line_of(&text));
        text.push_str(&format!(
            "z@acme.example{delimiter}\"never closed{eol}more{delimiter}text{eol}"
        ));
    }
    (text, lines)
}

/// A line of a hostile file: cells (`|` stands for the file's separator),
/// stray and doubled quotes, other separators, and text.
fn hostile_line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[a-c]{1,3}@acme\\.example",
        4 => Just("|".to_owned()),
        3 => Just("TRUE".to_owned()),
        2 => Just("\"".to_owned()),
        1 => Just("\"\"".to_owned()),
        1 => Just(";".to_owned()),
        1 => Just(",".to_owned()),
        1 => Just(" ".to_owned()),
        1 => Just("\u{2028}".to_owned()),
        2 => "[A-Za-zé]{1,5}",
    ];
    proptest::collection::vec(piece, 0..14).prop_map(|pieces| pieces.concat())
}

/// R-CSV-20: the file is refused as a whole (nothing planned), or every
/// non-blank physical line of `text` lies in the header or in exactly one
/// outcome's lines, outcomes come in file order without overlapping, and an
/// outcome spanning several lines is rejected.
fn assert_accounted(text: &str, plan: &ImportPlan) -> Result<(), TestCaseError> {
    if !plan.file_errors.is_empty() {
        prop_assert!(plan.rows.is_empty());
        return Ok(());
    }
    let mut previous_end = 1; // The header is line 1 and holds no line break.
    for row in &plan.rows {
        prop_assert!(
            row.line > previous_end,
            "{:?} overlaps line {}",
            row,
            previous_end
        );
        prop_assert!(row.last_line >= row.line);
        if row.last_line > row.line {
            prop_assert_eq!(row.action, Action::Rejected, "{:?}", row);
        }
        previous_end = row.last_line;
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let physical: Vec<&str> = unified.split('\n').collect();
    for (index, line) in physical.iter().enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        let number = index as u64 + 1;
        let owners = plan
            .rows
            .iter()
            .filter(|r| (r.line..=r.last_line).contains(&number))
            .count();
        prop_assert_eq!(
            owners,
            1,
            "line {} ({:?}) belongs to {} outcomes",
            number,
            line,
            owners
        );
    }
    Ok(())
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
    }
}

fn options(behavior: ImportBehavior, with_org: bool) -> ImportOptions {
    let org = with_org.then(|| {
        OrgSnapshot::from_json(
            r#"{"package": "webex_calling", "admin_email": "a@acme.example", "locations": ["HQ"],
                "subscribed_packages": ["webex_calling", "webex_meetings"],
                "users": [{"email": "a@acme.example", "package": "webex_calling", "extension": "100", "location": "HQ"},
                          {"email": "b@acme.example", "package": "webex_meetings"}]}"#,
        )
        .unwrap()
    });
    ImportOptions::default()
        .with_behavior(behavior)
        .with_org(org)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // R-CSV-20
    #[test]
    fn r_csv_20_one_outcome_per_data_row_in_order(
        rows in proptest::collection::vec(row(), 0..25),
        blank_before in proptest::collection::vec(any::<bool>(), 25),
        unterminated in any::<bool>(),
        encoding in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Utf16Le)],
        crlf in any::<bool>(),
        add_and_remove in any::<bool>(),
        with_org in any::<bool>(),
    ) {
        let delimiter = if matches!(encoding, Encoding::Utf16Le) { '\t' } else { ',' };
        let eol = if crlf { "\r\n" } else { "\n" };
        let (text, lines) = render(&rows, &blank_before, unterminated, delimiter, eol);
        let behavior = if add_and_remove { ImportBehavior::AddAndRemove } else { ImportBehavior::AddOnly };
        let plan = check_bytes(&encode(&text, encoding), &options(behavior, with_org));

        let any_data = unterminated || rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()));
        if !any_data {
            let codes: Vec<Code> = plan.file_errors.iter().map(|p| p.code).collect();
            prop_assert_eq!(codes, [Code::FileNoDataRows]);
            return Ok(());
        }
        prop_assert!(plan.file_errors.is_empty(), "{:?}", plan.file_errors);
        let got: Vec<u64> = plan.rows.iter().map(|r| r.line).collect();
        prop_assert_eq!(got, lines);
        let s = plan.summary;
        prop_assert_eq!(s.rows, plan.rows.len());
        prop_assert_eq!(s.add + s.modify + s.change_package + s.remove + s.no_change + s.rejected, s.rows);
        for row in &plan.rows {
            // Rejected exactly when there are errors; warnings never hide an action.
            prop_assert_eq!(row.action == Action::Rejected, !row.errors.is_empty());
            if row.action == Action::Rejected {
                prop_assert!(row.assign.is_empty() && row.remove.is_empty());
            }
        }
        if unterminated {
            let last = plan.rows.last().unwrap();
            prop_assert_eq!(last.action, Action::Rejected);
        }
    }

    // R-CSV-20, R-CSV-05: rows cannot vanish, whatever the quoting.
    #[test]
    fn r_csv_20_every_physical_line_is_accounted_for(
        lines in proptest::collection::vec(hostile_line(), 0..30),
        endings in proptest::collection::vec(prop_oneof![Just("\n"), Just("\r\n"), Just("\r")], 31),
        encoding in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Utf16Le)],
        with_org in any::<bool>(),
    ) {
        let separator = if matches!(encoding, Encoding::Utf16Le) { "\t" } else { "," };
        let mut text = HEADER.join(separator);
        for (line, eol) in lines.iter().zip(&endings) {
            text.push_str(eol);
            text.push_str(&line.replace('|', separator));
        }
        text.push_str(endings[30]);
        let plan = check_bytes(&encode(&text, encoding), &options(ImportBehavior::AddAndRemove, with_org));
        assert_accounted(&text, &plan)?;
    }

    // R-CSV-20 and the no-panic rule on arbitrary bytes: either the file is
    // refused as a whole (and nothing is planned) or every row is accounted for.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let plan = check_bytes(&bytes, &ImportOptions::default());
        if !plan.file_errors.is_empty() {
            prop_assert!(plan.rows.is_empty());
        }
        prop_assert_eq!(plan.summary.rows, plan.rows.len());
        let mut last = 0;
        for row in &plan.rows {
            prop_assert!(row.line > last);
            last = row.line;
        }
    }
}
