//! Partner Hub reports (R-REP-01..04): typed rows read from and written to CSV
//! with the English headers, report file names, and data regions.
//!
//! One shared layer serves all five reports: header matching (any order, any
//! case, surrounding spaces), typed cells (counts, yes/no, ISO dates) and
//! formula neutralization on write. Each report is a row type declared with
//! its column list in its own submodule.
//!
//! ```
//! use wholesale_core::report::{read_report, write_report, devices::DeviceRow};
//!
//! let csv = "customer,MAC,External ID,Customer Org ID,Location ID,Location Name,Product,Firmware,Phone Number,Extension,User ID,User UUID\n\
//!            Acme,00AABBCCDDEE,ext-1,org-1,loc-1,HQ,Cisco 8851,sip88xx.14,+14085551234,1234,ana@acme.example,u-1\n";
//! let table = read_report::<DeviceRow>(csv.as_bytes()).unwrap();
//! assert!(table.problems.is_empty());
//! assert_eq!(table.rows[0].phone_number, "+14085551234");
//!
//! let mut out = Vec::new();
//! write_report(&mut out, &table.rows).unwrap();
//! let written = String::from_utf8(out).unwrap();
//! assert!(written.contains(",'+14085551234,")); // cannot start a formula, still readable
//! assert_eq!(read_report::<DeviceRow>(written.as_bytes()).unwrap().rows, table.rows);
//! ```

use std::borrow::Cow;
use std::io::{Read, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::Code;
use crate::org::DataRegion;
use crate::problem::{AsProblem, Problem};

pub mod app_versions;
pub mod calling_usage;
pub mod devices;
pub mod file_name;
pub mod kind;
pub mod phone_numbers;
pub mod subscription_details;

pub use file_name::ReportFileName;
pub use kind::{read_report_of_kind, AnyReportRows, AnyReportTable, ReportKind};

/// Data regions a report can be filtered by (R-REP-04): US, CA, EU, UAE.
pub use crate::org::DataRegion as Region;

/// The regions the Partner Hub region selector offers for report data held in
/// `regions` (R-REP-04): each region once, in the order US, CA, EU, UAE; empty
/// when the data is in fewer than two regions (the selector is then hidden).
///
/// ```
/// use wholesale_core::report::{region_selector, Region};
///
/// assert_eq!(region_selector([Region::Eu, Region::Us, Region::Eu]), vec![Region::Us, Region::Eu]);
/// assert!(region_selector([Region::Uae]).is_empty());
/// ```
pub fn region_selector(regions: impl IntoIterator<Item = DataRegion>) -> Vec<DataRegion> {
    let present: Vec<DataRegion> = regions.into_iter().collect();
    let offered: Vec<DataRegion> = DataRegion::ALL
        .into_iter()
        .filter(|r| present.contains(r))
        .collect();
    if offered.len() < 2 {
        Vec::new()
    } else {
        offered
    }
}

/// A report that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// I/O failure, or no header row.
    #[error("cannot read the report: {0}")]
    Unreadable(String),
    /// Required columns are missing from the header row; one problem each.
    #[error("the report lacks required columns: {}", .0.iter().filter_map(|p| p.field.as_deref()).collect::<Vec<_>>().join(", "))]
    MissingColumns(Vec<Problem>),
    /// Writing failed.
    #[error("cannot write the report: {0}")]
    Write(String),
    /// The input is larger than a report can be (R-REP-05): the file, a
    /// cell or the number of columns is over its limit. Nothing is read.
    #[error("the report is too large: {0}")]
    TooLarge(String),
    /// A row holds a value the report's own reader would refuse or read
    /// back differently (R-REP-05); nothing is written.
    #[error("{}", .0.message)]
    Unwritable(Problem),
}

impl ReportError {
    /// The registry code of the error (the first missing column's, for
    /// [`ReportError::MissingColumns`]).
    pub fn code(&self) -> Code {
        match self {
            ReportError::Unreadable(_) => Code::ReportUnreadable,
            ReportError::MissingColumns(_) => Code::ReportColumnMissing,
            ReportError::Write(_) => Code::ReportWriteFailed,
            ReportError::TooLarge(_) => Code::ReportTooLarge,
            ReportError::Unwritable(problem) => problem.code,
        }
    }
}

impl AsProblem for ReportError {
    fn to_problem(&self) -> Problem {
        match self {
            ReportError::MissingColumns(problems) => Problem {
                field: problems.first().and_then(|p| p.field.clone()),
                line: Some(1),
                ..Problem::general(self.code(), self.to_string())
            },
            ReportError::Unwritable(problem) => problem.clone(),
            _ => Problem::general(self.code(), self.to_string()),
        }
    }

    fn problems(&self) -> Vec<Problem> {
        match self {
            ReportError::MissingColumns(problems) => problems.clone(),
            _ => vec![self.to_problem()],
        }
    }
}

/// A problem at `line` of a report file (1-based, the header is line 1),
/// about `column` (the header as the report defines it) where one is.
fn report_problem(code: Code, line: u64, column: Option<&str>, message: String) -> Problem {
    Problem {
        code,
        field: column.map(str::to_owned),
        line: Some(line),
        message,
    }
}

/// The rows read from a report, and a problem for every row that could not be
/// read (such a row is not in `rows`, and is never dropped silently).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "{R}Table"))]
pub struct ReportTable<R> {
    /// The rows read, in file order.
    pub rows: Vec<R>,
    /// One problem per unreadable row or cell, and the warnings about rows
    /// read (cells trimmed).
    pub problems: Vec<Problem>,
    /// The physical line of each row of `rows` (for problems found later,
    /// such as a duplicated ID).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub lines: Vec<u64>,
}

/// A typed report cell.
pub trait Cell: Sized {
    /// Parses the cell's text (the guard quote already removed); the error
    /// says what was expected.
    fn parse_cell(text: &str) -> Result<Self, String>;
    /// The cell's text before formula neutralization, or why the reader
    /// would not read it back as this value (R-REP-05).
    fn write_cell(&self) -> Result<String, String>;
}

/// Text cells: the reader has trimmed them (R-REP-05) before removing the
/// guard quote, so a guarded leading tab survives.
impl Cell for String {
    fn parse_cell(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
    fn write_cell(&self) -> Result<String, String> {
        Ok(self.clone())
    }
}

/// Counts: an empty cell is 0.
impl Cell for u64 {
    fn parse_cell(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        text.parse()
            .map_err(|_| format!("{text:?} is not a whole number of 0 or more"))
    }
    fn write_cell(&self) -> Result<String, String> {
        Ok(self.to_string())
    }
}

/// Quantities such as minutes: an empty cell is 0; finite and 0 or more.
impl Cell for f64 {
    fn parse_cell(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(0.0);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(format!("{text:?} is not a number of 0 or more")),
        }
    }
    fn write_cell(&self) -> Result<String, String> {
        if self.is_finite() && *self >= 0.0 {
            Ok(self.to_string())
        } else {
            Err(format!("{self} is not a finite number of 0 or more"))
        }
    }
}

/// Yes/no cells: `yes`, `no`, `true`, `false` in any case; written `yes`/`no`.
impl Cell for bool {
    fn parse_cell(text: &str) -> Result<Self, String> {
        let text = text.trim();
        ["yes", "true"]
            .iter()
            .any(|y| y.eq_ignore_ascii_case(text))
            .then_some(true)
            .or_else(|| {
                ["no", "false"]
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(text))
                    .then_some(false)
            })
            .ok_or_else(|| format!("{text:?} is not yes, no, true or false"))
    }
    fn write_cell(&self) -> Result<String, String> {
        Ok(if *self { "yes" } else { "no" }.to_owned())
    }
}

/// ISO dates `YYYY-MM-DD`.
impl Cell for NaiveDate {
    fn parse_cell(text: &str) -> Result<Self, String> {
        let text = text.trim();
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| format!("{text:?} is not an ISO date YYYY-MM-DD"))
    }
    fn write_cell(&self) -> Result<String, String> {
        Ok(self.format("%Y-%m-%d").to_string())
    }
}

/// An optional cell: empty (or spaces) is `None`.
impl<T: Cell> Cell for Option<T> {
    fn parse_cell(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            T::parse_cell(text).map(Some)
        }
    }
    fn write_cell(&self) -> Result<String, String> {
        match self {
            None => Ok(String::new()),
            Some(value) => {
                let text = value.write_cell()?;
                if text.trim().is_empty() {
                    Err("an empty value reads back as no value".to_owned())
                } else {
                    Ok(text)
                }
            }
        }
    }
}

/// A report row type: its column headers and how to read and write its cells.
/// Declared with the `report_row!` macro in each report's submodule.
pub trait ReportRow: Sized {
    /// The English column headers, in Partner Hub's order.
    const HEADERS: &'static [&'static str];
    /// Reads the row's cells; `None` when a cell is invalid (the reader holds
    /// the problem).
    fn from_cells(cells: &mut CellReader<'_>) -> Option<Self>;
    /// The row's cells in `HEADERS` order, before neutralization; a cell
    /// the reader would not read back is the reason why.
    fn to_cells(&self) -> Vec<Result<String, String>>;
}

/// Reads one record's cells in `HEADERS` order, recording a problem for each
/// invalid cell. Used by `report_row!`.
pub struct CellReader<'a> {
    record: &'a csv::StringRecord,
    positions: &'a [usize],
    headers: &'static [&'static str],
    line: u64,
    next: usize,
    problems: Vec<Problem>,
    /// Per column: cells read trimmed, and the first one's line.
    trimmed: &'a mut [(u64, u64)],
}

impl CellReader<'_> {
    /// The next cell, parsed as `T`; `None` (and a problem) when invalid.
    pub fn cell<T: Cell>(&mut self) -> Option<T> {
        let i = self.next;
        self.next += 1;
        let header = self.headers.get(i).copied().unwrap_or("?");
        let text = self
            .positions
            .get(i)
            .and_then(|&p| self.record.get(p))
            .unwrap_or("");
        let value = read_back(text);
        if value.len() != unguard(text).len() {
            if let Some((count, first)) = self.trimmed.get_mut(i) {
                if *count == 0 {
                    *first = self.line;
                }
                *count += 1;
            }
        }
        match T::parse_cell(value) {
            Ok(value) => Some(value),
            Err(expected) => {
                self.problems.push(report_problem(
                    Code::ReportCellInvalid,
                    self.line,
                    Some(header),
                    expected,
                ));
                None
            }
        }
    }
}

/// Declares a report row struct with one `field: Type = "Header",` per column.
macro_rules! report_row {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $header:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            $( $(#[$fmeta])* #[doc = concat!("Column `", $header, "`.")] pub $field: $ty, )*
        }

        impl $crate::report::ReportRow for $name {
            const HEADERS: &'static [&'static str] = &[$($header),*];

            fn from_cells(cells: &mut $crate::report::CellReader<'_>) -> Option<Self> {
                // Read every cell first so every invalid cell is reported.
                $( let $field = cells.cell::<$ty>(); )*
                Some($name { $( $field: $field?, )* })
            }

            fn to_cells(&self) -> Vec<Result<String, String>> {
                vec![ $( $crate::report::Cell::write_cell(&self.$field) ),* ]
            }
        }
    };
}
pub(crate) use report_row;

/// Characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

fn starts_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Makes a cell safe for a spreadsheet (R-REP-01): a cell that starts with
/// `=`, `+`, `-`, `@`, tab or CR (after any leading quotes) gets a single
/// quote in front. An E.164 number is no exception: `+14085551234` is written
/// `'+14085551234`, which a spreadsheet shows as text with its `+` and every
/// digit, instead of evaluating it as a number and dropping the `+`.
///
/// ```
/// use wholesale_core::report::{neutralize, unguard};
///
/// assert_eq!(neutralize("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(neutralize("+14085551234"), "'+14085551234");
/// assert_eq!(neutralize("Acme"), "Acme");
/// assert_eq!(unguard(&neutralize("'=1")), "'=1");
/// ```
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if starts_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The value a reader takes from a cell's text (R-REP-05): trimmed, the
/// guard quote removed, trimmed again (text cells never keep spaces around
/// them, so a guarded `'\tx` is `x`). The writer checks each cell against it,
/// so what it writes reads back unchanged.
fn read_back(cell: &str) -> &str {
    crate::text::trim(unguard(crate::text::trim(cell)))
}

/// Removes the quote [`neutralize`] added, so a written report reads back
/// to the same rows. Other cells are returned unchanged.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

fn normalize_header(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The largest report read (R-REP-05): larger input is refused before it is
/// parsed, so an endless reader (`/dev/zero`) costs bounded time and memory.
pub const MAX_REPORT_BYTES: usize = 256 * 1024 * 1024;

/// A report row's limits: R-CSV-04's columns and cell size.
const REPORT_LIMITS: crate::text::RecordLimits = crate::text::RecordLimits {
    columns: crate::csv_import::MAX_COLUMNS,
    cell_bytes: crate::csv_import::MAX_FIELD_BYTES,
};

/// Reads at most [`MAX_REPORT_BYTES`] from `reader`; more is
/// [`ReportError::TooLarge`].
pub fn read_bounded(reader: impl Read) -> Result<Vec<u8>, ReportError> {
    crate::text::read_bounded(
        reader,
        MAX_REPORT_BYTES,
        "split it or filter it in Partner Hub",
    )
    .map_err(ReportError::from)
}

impl From<crate::text::Unbounded> for ReportError {
    fn from(e: crate::text::Unbounded) -> Self {
        match e {
            crate::text::Unbounded::Io(e) => ReportError::Unreadable(e.to_string()),
            crate::text::Unbounded::TooLarge(why) => ReportError::TooLarge(why),
        }
    }
}

/// Reads a report of row type `R` from CSV (UTF-8, with a header row),
/// at most [`MAX_REPORT_BYTES`] of it, with cells and columns within the
/// limits of R-CSV-04 (`csv_import::MAX_FIELD_BYTES`, `csv_import::MAX_COLUMNS`).
///
/// Columns may come in any order and case, with surrounding spaces; extra
/// columns are ignored. Missing columns are an error listing each one. A row
/// whose cells cannot be read becomes a [`Problem`] per bad cell, with
/// its physical line (LF, CRLF or CR line ends, blank lines counted) and
/// column; rows whose every cell is empty are skipped. Cells are trimmed,
/// with one warning per column that had any (R-REP-05).
pub fn read_report<R: ReportRow>(reader: impl Read) -> Result<ReportTable<R>, ReportError> {
    read_report_bytes(&read_bounded(reader)?)
}

/// [`read_report`] of a report already in memory.
pub fn read_report_bytes<R: ReportRow>(bytes: &[u8]) -> Result<ReportTable<R>, ReportError> {
    if bytes.len() > MAX_REPORT_BYTES {
        return Err(ReportError::TooLarge(format!(
            "the input is larger than {} MiB",
            MAX_REPORT_BYTES / (1024 * 1024)
        )));
    }
    let mut lines = crate::text::LineCounter::new(bytes);
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let headers = csv
        .headers()
        .map_err(|e| ReportError::Unreadable(e.to_string()))?
        .clone();
    if headers.is_empty() || headers.iter().all(|h| h.trim().is_empty()) {
        return Err(ReportError::Unreadable("no header row".into()));
    }
    check_record_size(&headers, 1)?;
    let found: Vec<String> = headers.iter().map(normalize_header).collect();
    let mut positions = Vec::with_capacity(R::HEADERS.len());
    let mut missing = Vec::new();
    for &header in R::HEADERS {
        let wanted = normalize_header(header);
        match found.iter().position(|h| *h == wanted) {
            Some(p) => positions.push(p),
            None => missing.push(report_problem(
                Code::ReportColumnMissing,
                1,
                Some(header),
                format!("add a column headed {header:?}"),
            )),
        }
    }
    if !missing.is_empty() {
        return Err(ReportError::MissingColumns(missing));
    }

    let mut table = ReportTable {
        rows: Vec::new(),
        problems: Vec::new(),
        lines: Vec::new(),
    };
    let mut trimmed = vec![(0u64, 0u64); R::HEADERS.len()];
    let mut record = csv::StringRecord::new();
    loop {
        let before = csv.position().byte();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if let csv::ErrorKind::Io(io) = e.kind() {
                    return Err(ReportError::Unreadable(io.to_string()));
                }
                let line = lines.record_line(e.position().map_or(before, |p| p.byte()));
                table.problems.push(report_problem(
                    Code::ReportRowMalformed,
                    line,
                    None,
                    format!("the row cannot be read as CSV: {e}"),
                ));
                continue;
            }
        }
        let line = lines.record_line(record.position().map_or(before, |p| p.byte()));
        check_record_size(&record, line)?;
        // Blank in the report's own columns: what the writer refuses to
        // write, so it is not a row (other columns are ignored anyway).
        if positions
            .iter()
            .all(|&p| record.get(p).map_or(true, |c| c.trim().is_empty()))
        {
            continue;
        }
        if record.len() != headers.len() {
            table.problems.push(report_problem(
                Code::ReportRowMalformed,
                line,
                None,
                format!(
                    "the row has {} cells but the header has {}",
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let mut cells = CellReader {
            record: &record,
            positions: &positions,
            headers: R::HEADERS,
            line,
            next: 0,
            problems: Vec::new(),
            trimmed: &mut trimmed,
        };
        let row = R::from_cells(&mut cells);
        table.problems.append(&mut cells.problems);
        if let Some(row) = row {
            table.rows.push(row);
            table.lines.push(line);
        }
    }
    for (header, (count, first)) in R::HEADERS.iter().zip(trimmed) {
        if count > 0 {
            table.problems.push(report_problem(
                Code::ReportCellTrimmed,
                first,
                Some(header),
                format!(
                    "{count} cell(s) had spaces around them and were read trimmed \
                     (`acme ` is `acme`); the first is on this line"
                ),
            ));
        }
    }
    table.problems.sort_by_key(|p| p.line);
    Ok(table)
}

/// A record with more columns than a report can have, or a cell larger than
/// a report cell can be, stops the reading (R-REP-05).
fn check_record_size(record: &csv::StringRecord, line: u64) -> Result<(), ReportError> {
    match crate::text::record_over_limits(
        record.len(),
        record.iter().map(str::len),
        line,
        &REPORT_LIMITS,
    ) {
        Some(why) => Err(ReportError::TooLarge(why)),
        None => Ok(()),
    }
}

/// Writes rows as CSV with the report's English headers, every cell
/// [neutralized](neutralize).
///
/// A row the reader would not read back unchanged (a number that is NaN,
/// infinite or negative, text with spaces around it, an empty optional
/// value, a row of empty cells) is [`ReportError::Unwritable`], naming its
/// row (line 2 is the first row) and column; nothing is written then.
pub fn write_report<R: ReportRow>(writer: impl Write, rows: &[R]) -> Result<(), ReportError> {
    let mut cells = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let line = i as u64 + 2;
        let mut texts = Vec::with_capacity(R::HEADERS.len());
        for (header, cell) in R::HEADERS.iter().zip(row.to_cells()) {
            let cell = cell.and_then(|text| {
                let written = neutralize(&text).into_owned();
                if read_back(&written) == text {
                    Ok(written)
                } else {
                    Err(format!(
                        "{:?} has spaces around it, which the reader trims",
                        crate::text::truncate(&text, crate::text::MESSAGE_CHARS)
                    ))
                }
            });
            match cell {
                Ok(text) => texts.push(text),
                Err(why) => {
                    return Err(ReportError::Unwritable(report_problem(
                        Code::ReportCellUnwritable,
                        line,
                        Some(header),
                        format!("row {}, {header}: {why}", i + 1),
                    )))
                }
            }
        }
        if texts.iter().all(|c| c.trim().is_empty()) {
            return Err(ReportError::Unwritable(report_problem(
                Code::ReportCellUnwritable,
                line,
                None,
                format!(
                    "row {}: every cell is empty, and the reader skips such rows",
                    i + 1
                ),
            )));
        }
        cells.push(texts);
    }
    let mut csv = csv::Writer::from_writer(writer);
    let err = |e: csv::Error| ReportError::Write(e.to_string());
    csv.write_record(R::HEADERS).map_err(err)?;
    for texts in &cells {
        csv.write_record(texts).map_err(err)?;
    }
    csv.flush().map_err(|e| ReportError::Write(e.to_string()))
}
