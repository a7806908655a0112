//! From the file's text (bytes) to an import plan: one outcome per data row (R-CSV-05..18, R-CSV-20).

use csv::StringRecord;

use super::decode::sniff_delimiter;
use super::header::{self, Columns, HeaderError};
use super::row::{reject, Planner};
use super::{FileProblem, ImportOptions, ImportPlan, RowProblem, MAX_DATA_ROWS, MAX_FIELD_BYTES};
use crate::codes::Code;
use crate::text::count_newlines;

/// Plans every data row of `text` (see `decode::body`: a record that is not
/// UTF-8 makes a file error).
pub(crate) fn plan(text: &[u8], options: &ImportOptions) -> ImportPlan {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    // StringRecord: each record's UTF-8 is checked once, as it is read, not
    // once per cell access.
    let mut record = StringRecord::new();

    // The header row.
    let header_line = match read(&mut reader, &mut record, text) {
        Ok(Some(start)) => start.line,
        Err(problem) => return ImportPlan::file_error(problem.code, problem.line, problem.message),
        Ok(None) => {
            return ImportPlan::file_error(
                Code::FileEmpty,
                None,
                "the file has no header row; start from a CSV exported by Control Hub (Users > Manage users > Export)",
            )
        }
    };
    if let Some(problem) = oversized(&record, header_line, None) {
        return ImportPlan::file_error(problem.code, problem.line, problem.message);
    }
    let columns = match header::parse(record.iter()) {
        Ok(columns) => columns,
        Err(HeaderError::EmailMissing) => {
            return ImportPlan::file_error(
                Code::HeaderEmailMissing,
                Some(header_line),
                "the header has no \"User ID/Email\" column, the key of every row; add it (the \"(Required)\" suffix is optional)",
            )
        }
        Err(HeaderError::Duplicate(first, second)) => {
            let name = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
            return ImportPlan::file_error(
                Code::HeaderDuplicate,
                Some(header_line),
                format!(
                    "columns {} ({:?}) and {} ({:?}) name the same column; keep one of them",
                    first.saturating_add(1),
                    name(first),
                    second.saturating_add(1),
                    name(second)
                ),
            );
        }
    };

    let mut plan = ImportPlan::default();
    if !columns.unknown.is_empty() {
        plan.push_file_problem(unknown_columns(&columns, header_line));
    }

    let expected_rows = count_newlines(text).min(MAX_DATA_ROWS);
    plan.rows.reserve(expected_rows);
    let mut planner = Planner::new(options, &columns, expected_rows);
    let mut data_rows: usize = 0;
    let mut last_start = 0usize;
    loop {
        let Start { line, byte: start } = match read(&mut reader, &mut record, text) {
            Ok(Some(start)) => start,
            Ok(None) => break,
            Err(problem) => {
                return ImportPlan::file_error(problem.code, problem.line, problem.message)
            }
        };
        data_rows = data_rows.saturating_add(1);
        if let Some(problem) = oversized(&record, line, Some(&columns)) {
            return ImportPlan::file_error(problem.code, problem.line, problem.message);
        }
        if data_rows > MAX_DATA_ROWS {
            continue; // Only counting now.
        }
        last_start = start;
        planner.row(line, &record, &mut plan.rows);
    }
    if data_rows > MAX_DATA_ROWS {
        return ImportPlan::file_error(
            Code::FileTooManyRows,
            None,
            format!(
                "the file has {data_rows} data rows; Control Hub takes at most {MAX_DATA_ROWS} per file: split it"
            ),
        );
    }
    // R-CSV-05: an unterminated quote swallows the rest of the file into the
    // last record; the csv reader accepts that silently, so look for it.
    let tail = text.get(last_start..);
    if let (Some(tail), Some(last)) = (tail, plan.rows.last_mut()) {
        if ends_inside_quotes(tail, delimiter) {
            // The quote explains a field-count mismatch, if any: one error.
            last.errors.retain(|e| e.code != Code::RowMalformed);
            last.errors.insert(
                0,
                RowProblem {
                    code: Code::RowMalformed,
                    column: None,
                    message: format!(
                        "a quoted cell that starts on line {} is never closed, so the rest of the file was read as one cell; add the closing '\"'",
                        last.line
                    ),
                },
            );
            reject(last);
        }
    }
    plan
}

/// Where a record starts: its 1-based physical line (the header is line 1)
/// and its first byte.
#[derive(Clone, Copy)]
struct Start {
    line: u64,
    byte: usize,
}

/// Reads the next record of `text`; where it starts, or `None` at the end.
fn read(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut StringRecord,
    text: &[u8],
) -> Result<Option<Start>, FileProblem> {
    match reader.read_record(record) {
        Ok(true) => Ok(Some(
            record
                .position()
                .map_or(Start { line: 1, byte: 0 }, |p| start_of(text, p)),
        )),
        Ok(false) => Ok(None),
        // Not expected from a slice with flexible records, but never drop
        // rows silently: the file is refused as a whole.
        Err(e) => Err(FileProblem {
            code: Code::RowMalformed,
            line: e.position().map(|p| p.line()),
            message: format!("the CSV cannot be read past this point: {e}"),
        }),
    }
}

/// The true start of a record the reader reports at `position`. The reader
/// counts every `\n` it has consumed, but reports a record from where the
/// previous one ended: before the `\n` of a CRLF and before blank lines,
/// which are skipped here.
fn start_of(text: &[u8], position: &csv::Position) -> Start {
    let mut byte = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let mut line = position.line();
    while let Some(&b @ (b'\r' | b'\n')) = text.get(byte) {
        line = line.saturating_add(u64::from(b == b'\n'));
        byte += 1;
    }
    Start { line, byte }
}

/// `FIELD_TOO_LARGE` for the first cell over the limit.
fn oversized(record: &StringRecord, line: u64, columns: Option<&Columns>) -> Option<FileProblem> {
    if record.as_slice().len() <= MAX_FIELD_BYTES {
        return None; // No cell can be larger than the whole record.
    }
    let (index, field) = record
        .iter()
        .enumerate()
        .find(|(_, f)| f.len() > MAX_FIELD_BYTES)?;
    let column = columns.and_then(|c| c.names.get(index)).map_or_else(
        || format!("column {}", index.saturating_add(1)),
        |n| format!("column {n:?}"),
    );
    Some(FileProblem {
        code: Code::FieldTooLarge,
        line: Some(line),
        message: format!(
            "{column} holds {} bytes, more than the {} MiB a cell may hold: the file is not a user list or a quote is misplaced",
            field.len(),
            MAX_FIELD_BYTES / (1024 * 1024)
        ),
    })
}

fn unknown_columns(columns: &Columns, line: u64) -> FileProblem {
    const SHOWN: usize = 10;
    let names: Vec<String> = columns
        .unknown
        .iter()
        .filter_map(|&i| columns.names.get(i))
        .take(SHOWN)
        .map(|n| format!("{n:?}"))
        .collect();
    let more = columns.unknown.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    FileProblem {
        code: Code::ColumnUnknown,
        line: Some(line),
        message: format!(
            "{} column(s) are not used by the import and are ignored: {}{more}",
            columns.unknown.len(),
            names.join(", ")
        ),
    }
}

/// Whether the record text starting at `tail` ends inside a quoted field, as
/// the csv reader parses it (quotes open only at the start of a field, `""`
/// inside quotes is a literal quote).
fn ends_inside_quotes(tail: &[u8], delimiter: u8) -> bool {
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
