//! R-CSV-20: the files a plan splits its CSV into: the ready file (the rows
//! that pass, as they were written) and the rejected file (the rejected
//! rows, with their errors).
//!
//! Both copy the original bytes of the header and of each row, in order,
//! with each one's own line ending and the file's encoding, byte-order mark
//! and separator: a UTF-16LE export stays UTF-16LE. Nothing is "cleaned":
//! a cell that starts like a formula (`=`, `+`, `-`, `@`) stays as it is,
//! since the import checks what Control Hub will store (R-CSV-22 warns).
//! Blank lines, which hold no row, are not copied.

use std::io::Write;

use serde::Serialize;

use super::plan::ends_inside_quotes;
use super::records::Records;
use super::{text_of, Action, ImportPlan};
use crate::codes::Code;
use crate::problem::{AsProblem, Problem};

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Written {
    /// Data rows written (the header not counted).
    pub rows: usize,
}

/// Why the rows could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The plan refused the file as a whole: it has no rows to split.
    #[error(
        "the file is refused as a whole ({code}), so it has no rows to write: fix the file first"
    )]
    FileRefused {
        /// The code of the plan's first file error.
        code: Code,
    },
    /// The bytes are not those the plan was made from.
    #[error("the plan is not the plan of these bytes ({detail}): check the file again and write from that plan")]
    PlanMismatch {
        /// Where they part.
        detail: String,
    },
    /// The writer failed.
    #[error("cannot write the file: {0}")]
    Io(#[from] std::io::Error),
}

impl OutputError {
    /// `OUTPUT_FILE_REFUSED`, `OUTPUT_PLAN_MISMATCH` or `OUTPUT_UNWRITABLE`.
    pub fn code(&self) -> Code {
        match self {
            OutputError::FileRefused { .. } => Code::OutputFileRefused,
            OutputError::PlanMismatch { .. } => Code::OutputPlanMismatch,
            OutputError::Io(_) => Code::OutputUnwritable,
        }
    }
}

impl AsProblem for OutputError {
    fn to_problem(&self) -> Problem {
        Problem::general(self.code(), self.to_string())
    }
}

/// Writes the ready file of `plan`, the plan of `bytes`: the header and
/// every row that is not `rejected`, byte for byte, in order, in the file's
/// encoding (R-CSV-20). Checked again with the same options, it has no
/// rejected row and the same actions for its rows.
///
/// ```
/// use wholesale_core::csv_import::{check_bytes, write_ready, ImportOptions};
///
/// let header = "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\r\n";
/// let ana = "ana@acme.example,TRUE,=acme.webex.com,FALSE,FALSE\r\n";
/// let bad = "not-an-email,TRUE,acme.webex.com,FALSE,FALSE\r\n";
/// let csv = format!("{header}{ana}{bad}");
/// let plan = check_bytes(csv.as_bytes(), &ImportOptions::default());
/// let mut ready = Vec::new();
/// assert_eq!(write_ready(csv.as_bytes(), &plan, &mut ready).unwrap().rows, 1);
/// assert_eq!(ready, format!("{header}{ana}").into_bytes());
/// ```
pub fn write_ready(
    bytes: &[u8],
    plan: &ImportPlan,
    out: impl Write,
) -> Result<Written, OutputError> {
    split(bytes, plan, out, Part::Ready)
}

/// Writes the rejected file of `plan`, the plan of `bytes`: the header with
/// an `Errors` column added, and every `rejected` row as written with its
/// errors (`CODE [column]: message`, `; ` between them) in that column, in
/// the file's encoding and separator (R-CSV-20). A ragged row keeps its own
/// number of fields, so its errors may not sit under the header's `Errors`.
pub fn write_rejected(
    bytes: &[u8],
    plan: &ImportPlan,
    out: impl Write,
) -> Result<Written, OutputError> {
    split(bytes, plan, out, Part::Rejected)
}

/// The `Errors` cell of a rejected row, quoted, on one line.
fn errors_cell(errors: &[Problem]) -> Vec<u8> {
    let text = errors
        .iter()
        .map(|e| match &e.field {
            Some(field) => format!("{} [{field}]: {}", e.code, e.message),
            None => format!("{}: {}", e.code, e.message),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let one_line: String = text
        .chars()
        .map(|c| {
            if super::records::is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("\"{}\"", one_line.replace('"', "\"\"")).into_bytes()
}

/// Which rows a file holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Those not rejected, as they are.
    Ready,
    /// Those rejected, with an `Errors` cell.
    Rejected,
}

/// Copies the header and the rows of `part`.
fn split(
    bytes: &[u8],
    plan: &ImportPlan,
    mut out: impl Write,
    part: Part,
) -> Result<Written, OutputError> {
    if let Some(first) = plan.file_errors.first() {
        return Err(OutputError::FileRefused { code: first.code });
    }
    let mismatch = |detail: String| OutputError::PlanMismatch { detail };
    let (text, delimiter) =
        text_of(bytes).map_err(|p| mismatch(format!("the bytes are refused: {}", p.code)))?;
    let mut records = Records::new(&text, delimiter);
    let header = match records.next_record() {
        Ok(Some(header)) => header.span.clone(),
        _ => return Err(mismatch("the bytes have no header".into())),
    };
    let mut body: Vec<u8> = Vec::with_capacity(text.len());
    body.extend_from_slice(text.get(header.clone()).unwrap_or_default());
    if part == Part::Rejected {
        body.push(delimiter);
        body.extend_from_slice(b"Errors");
    }
    body.extend_from_slice(records.line_ending_at(header.end));
    let mut written = 0usize;
    let mut rows = plan.rows.iter();
    loop {
        let record = match records.next_record() {
            Ok(Some(record)) => (record.first_line, record.span.clone()),
            Ok(None) => break,
            Err(_) => return Err(mismatch("a record of the bytes cannot be read".into())),
        };
        let (line, span) = record;
        let row = rows.next().filter(|row| row.line == line).ok_or_else(|| {
            mismatch(format!(
                "the bytes have a row on line {line}, the plan does not"
            ))
        })?;
        let rejected = row.action == Action::Rejected;
        if rejected != (part == Part::Rejected) {
            continue;
        }
        let cells = text.get(span.clone()).unwrap_or_default();
        body.extend_from_slice(cells);
        if rejected {
            if ends_inside_quotes(cells, delimiter) {
                body.push(b'"'); // The quote never closed would swallow the errors.
            }
            body.push(delimiter);
            body.extend_from_slice(&errors_cell(&row.errors));
        }
        body.extend_from_slice(records.line_ending_at(span.end));
        written += 1;
    }
    if let Some(row) = rows.next() {
        return Err(mismatch(format!(
            "the plan has a row on line {}, the bytes do not",
            row.line
        )));
    }
    out.write_all(&encoded(bytes, body))?;
    out.flush()?;
    Ok(Written { rows: written })
}

/// `body` (UTF-8) in the encoding of `bytes`, with its byte-order mark.
fn encoded(bytes: &[u8], body: Vec<u8>) -> Vec<u8> {
    const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
    const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
    if bytes.starts_with(UTF16LE_BOM) {
        // The text was decoded from UTF-16, so it is UTF-8 and encodes back
        // to the very bytes it was decoded from.
        let text = String::from_utf8_lossy(&body);
        let mut out = Vec::with_capacity(2 + body.len() * 2);
        out.extend_from_slice(UTF16LE_BOM);
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        return out;
    }
    if bytes.starts_with(UTF8_BOM) {
        let mut out = Vec::with_capacity(3 + body.len());
        out.extend_from_slice(UTF8_BOM);
        out.extend_from_slice(&body);
        return out;
    }
    body
}
