//! From the file's text (bytes) to an import plan: one outcome per data row
//! (R-CSV-01, R-CSV-02, R-CSV-04, R-CSV-05, R-CSV-20, R-CSV-21).

use super::header::{self, Columns, HeaderError};
use super::records::{ReadError, Record, Records};
use super::row::{reject, Planner};
use super::{
    file_problem, ImportOptions, ImportPlan, Problem, RowOutcome, MAX_COLUMNS, MAX_DATA_ROWS,
    MAX_FIELD_BYTES,
};
use crate::codes::Code;
use crate::text::{count_newlines, trim, truncate, MESSAGE_CHARS};

/// Plans every data row of `text`, separated by `delimiter` (see
/// `decode::body`: a record that is not UTF-8 makes a file error).
pub(crate) fn plan(text: &[u8], delimiter: u8, options: &ImportOptions) -> ImportPlan {
    plan_rows(text, delimiter, options).unwrap_or_else(ImportPlan::refused)
}

fn plan_rows(text: &[u8], delimiter: u8, options: &ImportOptions) -> Result<ImportPlan, Problem> {
    let (mut records, columns, header_line) = open(text, delimiter)?;
    let mut plan = ImportPlan::default();
    for problem in header_warnings(&columns, header_line) {
        plan.push_file_problem(problem);
    }
    if let Some(org) = options.org() {
        for problem in missing_lists(org) {
            plan.push_file_problem(problem);
        }
    }

    let expected_rows = count_newlines(text).min(MAX_DATA_ROWS);
    plan.rows.reserve(expected_rows);
    let mut planner = Planner::new(options, &columns, expected_rows);
    let data_rows = read_rows(
        text,
        delimiter,
        &mut records,
        &columns,
        MAX_DATA_ROWS,
        &mut plan.rows,
        |record, blank, rows| planner.row(record, blank, rows),
    )?;
    if data_rows > MAX_DATA_ROWS {
        return Err(file_problem(
            Code::FileTooManyRows,
            None,
            format!(
                "the file has {data_rows} data rows (blank rows not counted); Control Hub takes at most {MAX_DATA_ROWS} per file: split it"
            ),
        ));
    }
    no_data_rows(data_rows, header_line)?;
    Ok(plan)
}

/// R-CSV-04: a header and no data row.
pub(crate) fn no_data_rows(data_rows: usize, header_line: u64) -> Result<(), Problem> {
    if data_rows > 0 {
        return Ok(());
    }
    Err(file_problem(
        Code::FileNoDataRows,
        Some(header_line),
        "the file has a header but no data row: nothing would be imported; add one row per user under the header",
    ))
}

/// Opens the text of a user file, the import's or Control Hub's export
/// (R-CSV-01, R-CSV-02): the records after the header, the header's
/// columns and its line.
pub(crate) fn open(text: &[u8], delimiter: u8) -> Result<(Records<'_>, Columns, u64), Problem> {
    let first_line = text
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .unwrap_or_default();
    if let Some(problem) = separator_hint(first_line) {
        return Err(problem);
    }
    let mut records = Records::new(text, delimiter);
    let Some(header) = records.next_record().map_err(|e| read_error(e, None))? else {
        return Err(file_problem(
            Code::FileEmpty,
            None,
            "the file has no header row; start from a CSV exported by Control Hub (Users > Manage users > Export)",
        ));
    };
    let header_line = header.first_line;
    header_quoting(&header)?;
    let columns = header::parse(header.iter())
        .map_err(|e| header_error(e, &header, first_line, delimiter))?;
    Ok((records, columns, header_line))
}

/// R-CSV-02: the header's warnings, once per file (unknown and misspelled
/// columns).
pub(crate) fn header_warnings(columns: &Columns, header_line: u64) -> Vec<Problem> {
    let unknown = (!columns.unknown.is_empty()).then(|| unknown_columns(columns, header_line));
    unknown
        .into_iter()
        .chain(
            columns
                .misspelled
                .iter()
                .map(|&(index, meant)| misspelled_column(columns, index, meant, header_line)),
        )
        .collect()
}

/// Reads the data rows of an opened file: `each` turns a record (and
/// whether it is blank) into the next entry of `rows` while at most
/// `max_rows` data rows are read; after that they are only counted
/// (R-CSV-04: blank rows do not count). Returns the number of data rows.
/// A quote opened in the last record and never closed rejects that row
/// (R-CSV-05).
pub(crate) fn read_rows(
    text: &[u8],
    delimiter: u8,
    records: &mut Records<'_>,
    columns: &Columns,
    max_rows: usize,
    rows: &mut Vec<RowOutcome>,
    mut each: impl FnMut(&Record<'_>, bool, &mut Vec<RowOutcome>),
) -> Result<usize, Problem> {
    let mut data_rows: usize = 0;
    let mut last: Option<(usize, u64)> = None;
    loop {
        let start = text.len() - records.rest().len();
        let Some(record) = records
            .next_record()
            .map_err(|e| read_error(e, Some(columns)))?
        else {
            break;
        };
        let blank = is_blank(&record);
        if !blank {
            data_rows = data_rows.saturating_add(1);
        }
        if data_rows > max_rows {
            continue; // Only counting now.
        }
        last = Some((start, record.first_line));
        each(&record, blank, rows);
    }
    // R-CSV-05: a quote opened on the last record and never closed swallows
    // the rest of the file; the reader accepts that, so look for it.
    if let (Some((start, line)), Some(row)) = (last, rows.last_mut()) {
        let tail = text.get(start..).unwrap_or_default();
        if ends_inside_quotes(tail, delimiter) {
            row.errors
                .retain(|e| e.code != Code::RowMalformed && e.code != Code::CellLineBreak);
            row.errors.insert(
                0,
                Problem {
                    code: Code::RowMalformed,
                    field: None,
                    line: None,
                    message: format!(
                        "a quoted cell that starts on line {line} is never closed, so the rest of the file was read as one cell; add the closing '\"'"
                    ),
                },
            );
            reject(row);
        }
    }
    Ok(data_rows)
}

/// R-CSV-20: a record of blank cells, which spreadsheets leave behind. A
/// line break is not blank: it is a quote that swallowed lines (R-CSV-05).
fn is_blank(record: &Record<'_>) -> bool {
    record.iter().all(|cell| trim(cell).is_empty()) && !record.has_line_break()
}

/// R-CSV-01: Excel's `sep=;` first line, which Control Hub reads as the header.
fn separator_hint(first_line: &[u8]) -> Option<Problem> {
    let line = std::str::from_utf8(first_line).ok()?.trim();
    let separator = line.get(..4).filter(|s| s.eq_ignore_ascii_case("sep="))?;
    let named = line.get(separator.len()..).map_or("", str::trim);
    Some(file_problem(
        Code::FileSeparator,
        Some(1),
        format!(
            "the first line {:?} is Excel's separator hint ({}), which Control Hub reads as the header; delete that line and save the file as CSV UTF-8 (Comma delimited)",
            truncate(line, MESSAGE_CHARS),
            separator_name(named.bytes().next().unwrap_or(b','))
        ),
    ))
}

fn separator_name(separator: u8) -> &'static str {
    match separator {
        b',' => "commas",
        b';' => "semicolons",
        b'\t' => "tabs",
        b'|' => "vertical bars",
        _ => "another character",
    }
}

/// R-CSV-01: a header that is not split by the file's separator but by
/// another one (Excel's "CSV" is semicolon-separated in much of Europe).
fn wrong_separator(first_line: &[u8], delimiter: u8) -> Option<Problem> {
    let count = |sep: u8| first_line.iter().filter(|&&b| b == sep).count();
    let expected = count(delimiter);
    let (found, times) = [b';', b'\t', b',', b'|']
        .into_iter()
        .filter(|&sep| sep != delimiter)
        .map(|sep| (sep, count(sep)))
        .max_by_key(|&(_, times)| times)?;
    (times > expected).then(|| {
        let how = if delimiter == b'\t' {
            "a UTF-16 file is read as Control Hub exports it, tab-separated: export it again from Control Hub, or save it as CSV UTF-8 (Comma delimited)"
        } else {
            "Control Hub reads a UTF-8 file as comma-separated: in Excel choose Save As > CSV UTF-8 (Comma delimited), or set the list separator to a comma"
        };
        file_problem(
            Code::FileSeparator,
            Some(1),
            format!("the header is separated by {}, not by {}; {how}", separator_name(found), separator_name(delimiter)),
        )
    })
}

/// R-CSV-02: a header cell holding a quote or a line break means the
/// header's quoting is broken (a quote opened there swallows the next lines).
fn header_quoting(header: &Record<'_>) -> Result<(), Problem> {
    let Some((index, cell)) = header
        .iter()
        .enumerate()
        .find(|(_, cell)| cell.contains('"') || cell.chars().any(super::records::is_line_break))
    else {
        return Ok(());
    };
    let spans = if header.last_line > header.first_line {
        format!(
            "; lines {}-{} were read as the header",
            header.first_line, header.last_line
        )
    } else {
        String::new()
    };
    Err(file_problem(
        Code::HeaderMalformed,
        Some(header.first_line),
        format!(
            "header cell {} ({:?}) holds a quote or a line break: a quote in the header is not closed or not doubled{spans}; fix the header row",
            index.saturating_add(1),
            truncate(cell, MESSAGE_CHARS)
        ),
    ))
}

fn header_error(
    error: HeaderError,
    header: &Record<'_>,
    first_line: &[u8],
    delimiter: u8,
) -> Problem {
    let line = Some(header.first_line);
    match error {
        HeaderError::EmailMissing => {
            if let Some(problem) = wrong_separator(first_line, delimiter) {
                return problem;
            }
            let hint = header
                .iter()
                .find(|cell| header::probable_column(cell) == Some("User ID/Email"))
                .map_or_else(String::new, |cell| {
                    format!(
                        " ({:?} is probably it, misspelled)",
                        truncate(trim(cell), MESSAGE_CHARS)
                    )
                });
            file_problem(
                Code::HeaderEmailMissing,
                line,
                format!("the header has no \"User ID/Email\" column, the key of every row{hint}; add it (the \"(Required)\" suffix is optional)"),
            )
        }
        HeaderError::Duplicate(first, second) => {
            let name = |i: usize| {
                truncate(trim(header.get(i).unwrap_or_default()), MESSAGE_CHARS).into_owned()
            };
            file_problem(
                Code::HeaderDuplicate,
                line,
                format!(
                    "columns {} ({:?}) and {} ({:?}) name the same column; keep one of them",
                    first.saturating_add(1),
                    name(first),
                    second.saturating_add(1),
                    name(second)
                ),
            )
        }
    }
}

fn read_error(error: ReadError, columns: Option<&Columns>) -> Problem {
    match error {
        ReadError::TooManyFields { line } => file_problem(
            Code::FileTooManyColumns,
            Some(line),
            format!(
                "the row has more than {MAX_COLUMNS} fields, far more than a Control Hub file has: the file is not a user list or its separator is wrong"
            ),
        ),
        ReadError::FieldTooLarge { line, index, bytes } => {
            let column = columns.and_then(|c| c.names.get(index)).map_or_else(
                || format!("column {}", index.saturating_add(1)),
                |n| format!("column {:?}", truncate(n, MESSAGE_CHARS)),
            );
            file_problem(
                Code::FieldTooLarge,
                Some(line),
                format!(
                    "{column} holds at least {bytes} bytes, more than the {} MiB a cell may hold: the file is not a user list or a quote is not closed",
                    MAX_FIELD_BYTES / (1024 * 1024)
                ),
            )
        }
        ReadError::NotUtf8 { line } => file_problem(
            Code::FileEncoding,
            Some(line),
            "the record is not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel) or UTF-16LE",
        ),
    }
}

/// R-CSV-21: each list the snapshot lacks switches its checks off, once.
pub(crate) fn missing_lists(org: &super::OrgSnapshot) -> impl Iterator<Item = Problem> + '_ {
    let skipped = |key: &str| {
        match key {
        "locations" => "locations are not checked against the org (R-CSV-11)",
        "users" => "rows are planned by their cells alone: existing users, removals and numbers in use in the org are not checked (R-CSV-08, R-CSV-09, R-CSV-16)",
        _ => "packages are not checked against the customer's subscriptions (R-CSV-17)",
    }
    };
    let lists = org.missing_lists().map(move |key| {
        file_problem(
            Code::SnapshotListMissing,
            None,
            format!(
                "the org snapshot has no \"{key}\" list, so {}",
                skipped(key)
            ),
        )
    });
    let without_licenses = org
        .known_users()
        .iter()
        .filter(|u| u.licenses.is_none())
        .count();
    let licenses = (without_licenses > 0).then(|| {
        file_problem(
            Code::SnapshotListMissing,
            None,
            format!(
                "{without_licenses} snapshot user(s) have no \"licenses\" list, so their basic licenses are taken as not known (R-CSV-06)"
            ),
        )
    });
    let admins = (!org.known_users().is_empty() && !org.names_an_admin()).then(|| {
        file_problem(
            Code::SnapshotListMissing,
            None,
            "the org snapshot names no full admin (\"admin_email\", or \"full_admin\": true on a user), so removals and package changes of full admins are not checked (R-CUS-05)",
        )
    });
    lists.chain(licenses).chain(admins)
}

fn unknown_columns(columns: &Columns, line: u64) -> Problem {
    const SHOWN: usize = 10;
    let names: Vec<String> = columns
        .unknown
        .iter()
        .filter_map(|&i| columns.names.get(i))
        .take(SHOWN)
        .map(|n| format!("{:?}", truncate(n, MESSAGE_CHARS)))
        .collect();
    let more = columns.unknown.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    file_problem(
        Code::ColumnUnknown,
        Some(line),
        format!(
            "{} column(s) are not used by the import and are ignored: {}{more}",
            columns.unknown.len(),
            names.join(", ")
        ),
    )
}

fn misspelled_column(columns: &Columns, index: usize, meant: &str, line: u64) -> Problem {
    let name = columns.names.get(index).map_or("", String::as_str);
    file_problem(
        Code::ColumnMisspelled,
        Some(line),
        format!(
            "column {} ({:?}) is not a column the import reads and is ignored; it is probably {meant:?} misspelled: rename it if so",
            index.saturating_add(1),
            truncate(name, MESSAGE_CHARS)
        ),
    )
}

/// Whether the record text starting at `tail` ends inside a quoted field, as
/// the csv reader parses it (quotes open only at the start of a field, `""`
/// inside quotes is a literal quote).
pub(crate) fn ends_inside_quotes(tail: &[u8], delimiter: u8) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &b in tail {
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted,
            State::FieldStart | State::Unquoted => {
                if b == delimiter || b == b'\n' || b == b'\r' {
                    State::FieldStart
                } else {
                    State::Unquoted
                }
            }
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted if b == delimiter || b == b'\n' || b == b'\r' => State::FieldStart,
            State::QuoteInQuoted => State::Unquoted,
        };
    }
    state == State::Quoted
}
