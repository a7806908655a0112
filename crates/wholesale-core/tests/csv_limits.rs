//! Limits and hostile inputs (R-CSV-01, R-CSV-02, R-CSV-04, R-CSV-05): every
//! one gives a typed problem, never a panic or an out-of-memory.

use std::io::Read;

use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check, check_bytes, Action, CsvImportError, ImportOptions, ImportPlan, MAX_COLUMNS,
    MAX_DATA_ROWS, MAX_FIELD_BYTES, MAX_FILE_BYTES,
};

fn plan(bytes: &[u8]) -> ImportPlan {
    check_bytes(bytes, &ImportOptions::default())
}

fn file_codes(plan: &ImportPlan) -> Vec<&'static str> {
    plan.file_errors.iter().map(|e| e.code.as_str()).collect()
}

fn rows_csv(n: usize) -> Vec<u8> {
    let mut text =
        String::from("User ID/Email,Extension,Location,Preferred Webex Site,Webex Calling,Jabber Calling,Jabber with Webex Teams\n");
    for i in 0..n {
        text.push_str(&format!(
            "user{i}@acme.example,{},HQ,acme.webex.com,TRUE,FALSE,FALSE\n",
            1000 + i
        ));
    }
    text.into_bytes()
}

// R-CSV-04
#[test]
fn r_csv_04_twenty_thousand_rows_are_planned() {
    let plan = plan(&rows_csv(MAX_DATA_ROWS));
    assert!(plan.file_errors.is_empty());
    assert_eq!(plan.summary.rows, MAX_DATA_ROWS);
    assert_eq!(plan.summary.add, MAX_DATA_ROWS);
    assert_eq!(plan.rows.last().unwrap().line, 20_001);
}

// R-CSV-04
#[test]
fn r_csv_04_blank_rows_do_not_count_towards_the_limit() {
    let mut bytes = rows_csv(MAX_DATA_ROWS);
    bytes.extend(b",,,,,,\n ,,,,,,\n\n,,,,,,\n");
    let plan = plan(&bytes);
    assert!(plan.file_errors.is_empty(), "{:?}", plan.file_errors);
    assert_eq!(plan.summary.add, MAX_DATA_ROWS);
    assert_eq!(plan.summary.rows, MAX_DATA_ROWS + 3);
    assert_eq!(plan.rows.last().unwrap().line, 20_005);
}

// R-CSV-04
#[test]
fn r_csv_04_twenty_thousand_and_one_rows_plan_nothing() {
    let plan = plan(&rows_csv(MAX_DATA_ROWS + 1));
    assert_eq!(file_codes(&plan), ["FILE_TOO_MANY_ROWS"]);
    assert!(plan.file_errors[0].message.contains("20001"));
    assert!(plan.rows.is_empty());
    assert!(plan.has_rejections());
}

// R-CSV-04: a 2 MiB cell is a file error naming its line and column.
#[test]
fn r_csv_04_two_mib_field_is_a_file_error() {
    let mut bytes =
        b"User ID/Email,Display Name,Webex Meetings\na@acme.example,x,TRUE\nb@acme.example,"
            .to_vec();
    bytes.extend(std::iter::repeat(b'x').take(2 * 1024 * 1024));
    bytes.extend(b",TRUE\n");
    let plan = plan(&bytes);
    assert_eq!(file_codes(&plan), ["FIELD_TOO_LARGE"]);
    assert_eq!(plan.file_errors[0].line, Some(3));
    assert!(plan.file_errors[0].message.contains("Display Name"));
    assert!(plan.rows.is_empty());
    // Exactly at the limit is fine.
    let mut ok = b"User ID/Email,Display Name\na@acme.example,".to_vec();
    ok.extend(std::iter::repeat(b'x').take(MAX_FIELD_BYTES));
    ok.push(b'\n');
    assert!(check_bytes(&ok, &ImportOptions::default())
        .file_errors
        .is_empty());
}

/// R-CSV-01 before R-CSV-04: records are checked for UTF-8 as they are read,
/// so a plan that stops early (here at a 2 MiB cell) must still report a bad
/// byte further on as the file's error, as a check of the whole file first
/// would.
#[test]
fn r_csv_01_an_encoding_error_after_an_early_stop_is_the_error() {
    let mut bytes = b"User ID/Email,Display Name\na@acme.example,".to_vec();
    bytes.extend(std::iter::repeat(b'x').take(2 * 1024 * 1024));
    bytes.extend(b"\nb@acme.example,caf\xE9\n");
    let plan = plan(&bytes);
    assert_eq!(file_codes(&plan), ["FILE_ENCODING"]);
    assert_eq!(plan.file_errors[0].line, Some(3));
    // The same bad byte in a file that is otherwise fine.
    let plan = check_bytes(
        b"User ID/Email,Display Name\na@acme.example,ok\nb@acme.example,caf\xE9\n",
        &ImportOptions::default(),
    );
    assert_eq!(file_codes(&plan), ["FILE_ENCODING"]);
    assert_eq!(plan.file_errors[0].line, Some(3));
    // And in the header.
    let plan = check_bytes(
        b"User ID/Email,Caf\xE9\na@acme.example,x\n",
        &ImportOptions::default(),
    );
    assert_eq!(file_codes(&plan), ["FILE_ENCODING"]);
}

/// An endless reader: `check` must stop after the limit, not exhaust memory.
struct Endless;

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(b'a');
        Ok(buf.len())
    }
}

// R-CSV-04: the 64 MiB limit is enforced while reading.
#[test]
fn r_csv_04_file_over_64_mib_is_refused_while_reading() {
    let plan = check(Endless, &ImportOptions::default()).unwrap();
    assert_eq!(file_codes(&plan), ["FILE_TOO_LARGE"]);
    assert!(plan.rows.is_empty());
    let bytes = vec![b'a'; MAX_FILE_BYTES + 1];
    assert_eq!(
        file_codes(&check_bytes(&bytes, &ImportOptions::default())),
        ["FILE_TOO_LARGE"]
    );
}

struct Failing;

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("disk on fire"))
    }
}

#[test]
fn only_a_reader_failure_is_an_err() {
    let err = check(Failing, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, CsvImportError::Io(_)));
    assert!(err.to_string().contains("disk on fire"));
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

// R-CSV-01
#[test]
fn r_csv_01_truncated_utf16_is_file_encoding() {
    let full = utf16le("User ID/Email\tWebex Meetings\r\nana@acme.example\tTRUE\r\n");
    for cut in [3, full.len() - 1, full.len() - 3] {
        let plan = plan(&full[..cut]);
        assert_eq!(file_codes(&plan), ["FILE_ENCODING"], "cut at {cut}");
        assert!(plan.rows.is_empty());
    }
    // A lone high surrogate at the end (a cut inside a pair).
    let mut lone = utf16le("User ID/Email\n😀");
    lone.truncate(lone.len() - 2);
    assert_eq!(file_codes(&plan(&lone)), ["FILE_ENCODING"]);
}

// R-CSV-02: no header at all.
#[test]
fn r_csv_02_lone_bom_and_empty_files_have_no_header() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\n\n\r\n"] {
        assert_eq!(file_codes(&plan(bytes)), ["FILE_EMPTY"], "{bytes:?}");
    }
}

// R-CSV-20: a header alone is a clean, empty plan.
#[test]
fn r_csv_04_a_header_without_data_rows_is_a_file_error() {
    for bytes in [
        &b"User ID/Email,Webex Calling\n"[..],
        b"User ID/Email,Webex Calling",
        b"User ID/Email,Webex Calling\r\n\r\n,\n , \n",
    ] {
        let plan = plan(bytes);
        assert_eq!(file_codes(&plan), ["FILE_NO_DATA_ROWS"], "{bytes:?}");
        assert!(plan.rows.is_empty());
        assert!(plan.has_rejections());
    }
}

// R-CSV-04: a row with too many fields is refused while it is read, so a
// 66 MB header of one-letter columns costs neither minutes nor gigabytes.
#[test]
fn r_csv_04_too_many_columns_is_a_file_error() {
    let mut header = String::from("User ID/Email");
    header.push_str(&",x".repeat(MAX_COLUMNS));
    let wide_header = plan(format!("{header}\na@acme.example\n").as_bytes());
    assert_eq!(file_codes(&wide_header), ["FILE_TOO_MANY_COLUMNS"]);
    let huge = ",a".repeat(33_000_000);
    let huge_header = plan(format!("User ID/Email{huge}\n").as_bytes());
    assert_eq!(file_codes(&huge_header), ["FILE_TOO_MANY_COLUMNS"]);
    let mut row = String::from("User ID/Email,Webex Meetings\na@acme.example");
    row.push_str(&",TRUE".repeat(MAX_COLUMNS + 1));
    let wide_row = plan(row.as_bytes());
    assert_eq!(file_codes(&wide_row), ["FILE_TOO_MANY_COLUMNS"]);
    assert_eq!(wide_row.file_errors[0].line, Some(2));
}

// R-CSV-05
#[test]
fn r_csv_05_ragged_rows_are_rejected_one_by_one() {
    let plan = plan(b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\na@acme.example\nb@acme.example,TRUE,s,x,y,FALSE,FALSE\nc@acme.example,TRUE,s,FALSE,FALSE\n");
    let actions: Vec<_> = plan.rows.iter().map(|r| r.action).collect();
    assert_eq!(actions, [Action::Rejected, Action::Rejected, Action::Add]);
    assert_eq!(plan.rows[0].errors[0].code, Code::RowMalformed);
    assert_eq!(plan.rows[1].line, 3);
}

// R-CSV-01
#[test]
fn r_csv_01_nul_byte_is_file_encoding() {
    let plan = plan(b"User ID/Email,Webex Meetings\na@acme.example,TRUE\nb@acme\0.example,TRUE\n");
    assert_eq!(file_codes(&plan), ["FILE_ENCODING"]);
    assert_eq!(plan.file_errors[0].line, Some(3));
}

// R-CSV-02
#[test]
fn r_csv_02_duplicate_headers_are_a_file_error() {
    let plan = plan(b"User ID/Email,Webex Suite,webex suite\na@acme.example,TRUE,\n");
    assert_eq!(file_codes(&plan), ["HEADER_DUPLICATE"]);
    assert!(plan.rows.is_empty());
}

// R-CSV-05: quotes that never close, anywhere.
#[test]
fn r_csv_05_unterminated_quotes_never_panic() {
    for text in [
        "\"",
        "User ID/Email\n\"",
        "\"User ID/Email,Webex Meetings\na@b.co,TRUE\n",
        "User ID/Email,Webex Meetings\na@acme.example,\"TRUE",
        "User ID/Email,Webex Meetings\na@acme.example,\"TRUE\"\"",
    ] {
        let plan = plan(text.as_bytes());
        for row in &plan.rows {
            if row
                .errors
                .iter()
                .any(|e| e.message.contains("never closed"))
            {
                assert_eq!(row.action, Action::Rejected);
            }
        }
    }
    let plan = plan(b"User ID/Email,Webex Meetings\na@acme.example,\"TRUE");
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.rows[0].errors[0].code, Code::RowMalformed);
}
