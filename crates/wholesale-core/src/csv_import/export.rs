//! R-CSV-21: an org snapshot built from files a partner already has: the
//! Control Hub user export (the import file's columns, UTF-8 or UTF-16LE
//! tab-separated), a location list, the phone numbers report.
//!
//! The export is read by the import's own reader (encoding, separator,
//! header, bounded records, physical lines) and its cells by the import's
//! own checks, so a file the import would refuse is refused here with the
//! same codes and lines.

use serde::Serialize;

use super::header::normalize;
use super::plan::{header_warnings, no_data_rows, open, read_rows};
use super::records::{Record, Records};
use super::row::Planner;
use super::{encoding_problem, file_problem, text_of, ImportOptions, OrgSnapshot, RowOutcome};
use crate::codes::{Code, Severity};
use crate::contact::same_email;
use crate::package::Package;
use crate::problem::{AsProblem, Problem};
use crate::text::{count_newlines, same_name, trim, truncate, MESSAGE_CHARS};

/// At most this many users in an export. An org can have more users than
/// one import file may hold ([`MAX_DATA_ROWS`](super::MAX_DATA_ROWS)); this
/// bounds the snapshot's memory (a user is a few hundred bytes) while the
/// file itself stays within [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES).
pub const MAX_EXPORT_USERS: usize = 100_000;

/// The header names a location column may have (compared as the import's
/// headers are: case, spaces and a `(Required)` suffix ignored).
const LOCATION_HEADERS: [&str; 3] = ["Location", "Location Name", "Name"];

/// The files a snapshot is built from (R-CSV-21), as bytes.
///
/// ```
/// use wholesale_core::csv_import::{snapshot_from_export, ExportFiles};
///
/// let export = b"User ID/Email,Webex Calling,Phone Number,Location\nana@acme.example,TRUE,+14085550100,HQ\n";
/// let built = snapshot_from_export(&ExportFiles::new(export).with_locations(b"Location\nHQ\nBranch\n")).unwrap();
/// assert_eq!(built.snapshot.locations.as_deref(), Some(&["HQ".to_owned(), "Branch".to_owned()][..]));
/// assert_eq!(built.snapshot.known_users()[0].phone_number.as_deref(), Some("+14085550100"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportFiles<'a> {
    /// The Control Hub user export.
    pub users: &'a [u8],
    /// A location list: a header `Location` (or `Location Name`, `Name`)
    /// and one location per row; other columns are ignored.
    pub locations: Option<&'a [u8]>,
    /// Control Hub's phone numbers report: its `Location` column.
    pub phone_numbers: Option<&'a [u8]>,
    /// The package the customer was created with (R-CUS-05).
    pub package: Option<&'a Package>,
    /// The e-mails of the customer's full admins, each a user of the export
    /// (the export has no role column): they are marked
    /// [`full_admin`](super::SnapshotUser::full_admin) (R-CUS-05).
    pub admins: &'a [String],
}

impl<'a> ExportFiles<'a> {
    /// The user export alone.
    pub fn new(users: &'a [u8]) -> Self {
        ExportFiles {
            users,
            ..ExportFiles::default()
        }
    }

    /// Adds a location list.
    pub fn with_locations(mut self, locations: &'a [u8]) -> Self {
        self.locations = Some(locations);
        self
    }

    /// Adds the phone numbers report.
    pub fn with_phone_numbers(mut self, report: &'a [u8]) -> Self {
        self.phone_numbers = Some(report);
        self
    }

    /// Sets the customer's package.
    pub fn with_package(mut self, package: &'a Package) -> Self {
        self.package = Some(package);
        self
    }

    /// Names the customer's full admins.
    pub fn with_admins(mut self, admins: &'a [String]) -> Self {
        self.admins = admins;
        self
    }
}

/// Which of the [`ExportFiles`] a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportFile {
    /// The Control Hub user export.
    Users,
    /// The location list.
    Locations,
    /// The phone numbers report.
    PhoneNumbers,
}

impl ExportFile {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFile::Users => "users",
            ExportFile::Locations => "locations",
            ExportFile::PhoneNumbers => "phone_numbers",
        }
    }
}

/// A snapshot built from exports, with the warnings about them (an unknown
/// column, a blank row, a number without `+`, locations known only from
/// the users).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SnapshotBuild {
    /// The snapshot, as `check` takes it.
    pub snapshot: OrgSnapshot,
    /// Warnings, each with its line (`field` is the column where there is one).
    pub warnings: Vec<Problem>,
    /// Which file each warning is in, index for index.
    pub warning_files: Vec<ExportFile>,
}

/// Why no snapshot was built: every problem of the first file that has an
/// error, errors first, each with its line (R-CSV-21). A snapshot missing a
/// user would let the import's checks pass rows they must refuse, so there
/// is no snapshot with errors.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the {} file cannot be used for a snapshot: {}", file.as_str(), problems.first().map_or_else(String::new, ToString::to_string))]
pub struct ExportError {
    /// The file with the errors.
    pub file: ExportFile,
    /// Its problems: errors, then warnings (never empty).
    pub problems: Vec<Problem>,
}

impl AsProblem for ExportError {
    fn to_problem(&self) -> Problem {
        self.problems
            .first()
            .cloned()
            .unwrap_or_else(|| Problem::general(Code::FileEmpty, self.to_string()))
    }

    fn problems(&self) -> Vec<Problem> {
        self.problems.clone()
    }
}

/// Builds an org snapshot from the user export and the optional location
/// sources (R-CSV-21): users with their package (the package column set
/// TRUE), basic licenses (those TRUE; not known without license columns),
/// number, extension, location, names and site; locations from the location
/// list, the phone numbers report and the users' Location cells, each once
/// (names compared as R-CSV-11 says), in that order. Subscriptions and the
/// admin roles are not in these files, so `subscribed_packages` stays absent
/// (not known) and only the users named in
/// [`admins`](ExportFiles::admins) are full admins; an admin who is not a
/// user of the export is `EXPORT_ADMIN_UNKNOWN` (a typo would switch the
/// admin's R-CUS-05 checks off).
///
/// ```
/// use wholesale_core::csv_import::{snapshot_from_export, ExportFiles};
/// use wholesale_core::codes::Code;
///
/// let export = "User ID/Email,Webex Calling,Webex Meetings\nana@acme.example,TRUE,TRUE\n";
/// let err = snapshot_from_export(&ExportFiles::new(export.as_bytes())).unwrap_err();
/// assert_eq!(err.problems[0].code, Code::PackageMultiple);
/// assert_eq!(err.problems[0].line, Some(2));
///
/// let export = b"User ID/Email,Webex Calling,Extension\nana@acme.example,TRUE,100\n";
/// let admins = ["ANA@acme.example".to_owned()];
/// let built = snapshot_from_export(&ExportFiles::new(export).with_admins(&admins)).unwrap();
/// assert!(built.snapshot.is_admin("ana@acme.example"));
/// let typo = ["ama@acme.example".to_owned()];
/// let err = snapshot_from_export(&ExportFiles::new(export).with_admins(&typo)).unwrap_err();
/// assert_eq!(err.problems[0].code, Code::ExportAdminUnknown);
/// ```
pub fn snapshot_from_export(files: &ExportFiles<'_>) -> Result<SnapshotBuild, ExportError> {
    let mut warnings = Vec::new();
    let mut warning_files = Vec::new();
    let mut collect = |file: ExportFile, found: Vec<Problem>| {
        warning_files.extend(std::iter::repeat(file).take(found.len()));
        warnings.extend(found);
    };
    let (mut users, found) = read_users(files.users)?;
    let exported_locations = users.locations.take();
    collect(ExportFile::Users, found);
    let mut locations: Option<Vec<String>> = None;
    for (file, bytes) in [
        (ExportFile::Locations, files.locations),
        (ExportFile::PhoneNumbers, files.phone_numbers),
    ] {
        let Some(bytes) = bytes else { continue };
        let (names, found) = read_locations(bytes, file)?;
        collect(file, found);
        let list = locations.get_or_insert_with(Vec::new);
        for name in names {
            add_location(list, name);
        }
    }
    if let Some(exported) = exported_locations {
        if locations.is_none() {
            collect(
                ExportFile::Users,
                vec![file_problem(
                    Code::ExportLocationsPartial,
                    None,
                    "the locations are those of the users' Location cells: a location that has no user yet is not among them, and a row naming it is LOCATION_UNKNOWN; add a location list or the phone numbers report",
                )],
            );
        }
        let list = locations.get_or_insert_with(Vec::new);
        for name in exported {
            add_location(list, name);
        }
    }
    users.locations = locations;
    users.package = files.package.cloned();
    mark_admins(&mut users, files.admins)?;
    Ok(SnapshotBuild {
        snapshot: users,
        warnings,
        warning_files,
    })
}

/// R-CUS-05: marks each of `admins` a full admin; every one must be a user.
fn mark_admins(snapshot: &mut OrgSnapshot, admins: &[String]) -> Result<(), ExportError> {
    let mut unknown = Vec::new();
    for (index, admin) in admins.iter().enumerate() {
        let email = trim(admin);
        let user = snapshot
            .users
            .iter_mut()
            .flatten()
            .find(|u| same_email(trim(&u.email), email));
        match user {
            Some(user) => user.full_admin = true,
            None => unknown.push(Problem::new(
                Code::ExportAdminUnknown,
                format!("admins[{index}]"),
                format!(
                    "{:?} is not a user of the export: every full admin is a user of the org; fix the e-mail",
                    truncate(email, MESSAGE_CHARS)
                ),
            )),
        }
    }
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ExportError {
            file: ExportFile::Users,
            problems: unknown,
        })
    }
}

fn add_location(list: &mut Vec<String>, name: String) {
    if !list.iter().any(|known| same_name(known, &name)) {
        list.push(name);
    }
}

/// The problems found, errors first; an error makes them an [`ExportError`].
fn settle(file: ExportFile, mut problems: Vec<Problem>) -> Result<Vec<Problem>, ExportError> {
    problems.sort_by_key(|p| p.severity() != Severity::Error);
    match problems.first() {
        Some(first) if first.severity() == Severity::Error => Err(ExportError { file, problems }),
        _ => Ok(problems),
    }
}

/// A file-level problem stops the file; an encoding problem comes first
/// (as in `check_bytes`).
fn refused(bytes: &[u8], file: ExportFile, problem: Problem) -> ExportError {
    ExportError {
        file,
        problems: vec![encoding_problem(bytes).unwrap_or(problem)],
    }
}

/// The users of the export, with the locations their cells name (in
/// `locations`, `None` without a Location column), and the warnings.
fn read_users(bytes: &[u8]) -> Result<(OrgSnapshot, Vec<Problem>), ExportError> {
    let file = ExportFile::Users;
    let (text, delimiter) = text_of(bytes).map_err(|p| refused(bytes, file, p))?;
    let (mut records, columns, header_line) =
        open(&text, delimiter).map_err(|p| refused(bytes, file, p))?;
    let options = ImportOptions::default();
    let expected = count_newlines(&text).min(MAX_EXPORT_USERS);
    let mut planner = Planner::new(&options, &columns, expected);
    let mut rows: Vec<RowOutcome> = Vec::with_capacity(expected);
    let mut users = Vec::with_capacity(expected);
    let data_rows = read_rows(
        &text,
        delimiter,
        &mut records,
        &columns,
        MAX_EXPORT_USERS,
        &mut rows,
        |record, blank, rows| users.extend(planner.export_row(record, blank, rows)),
    )
    .map_err(|p| refused(bytes, file, p))?;
    if data_rows > MAX_EXPORT_USERS {
        return Err(refused(
            bytes,
            file,
            file_problem(
                Code::FileTooManyRows,
                None,
                format!(
                    "the export has {data_rows} users; a snapshot holds at most {MAX_EXPORT_USERS}"
                ),
            ),
        ));
    }
    no_data_rows(data_rows, header_line).map_err(|p| refused(bytes, file, p))?;
    let mut problems = header_warnings(&columns, header_line);
    for row in rows {
        for mut problem in row.errors.into_iter().chain(row.warnings) {
            problem.line = Some(row.line);
            problems.push(problem);
        }
    }
    // Any row error refuses the file, including the unclosed quote that
    // `read_rows` finds on the last row after its user was read.
    let problems = settle(file, problems)?;
    let locations = columns.location.map(|_| {
        let mut list = Vec::new();
        for location in users.iter().filter_map(|u| u.location.clone()) {
            add_location(&mut list, location);
        }
        list
    });
    Ok((
        OrgSnapshot {
            locations,
            users: Some(users),
            ..OrgSnapshot::default()
        },
        problems,
    ))
}

/// The location names of a location list or phone numbers report: the
/// column named as [`LOCATION_HEADERS`] says, every non-blank cell,
/// trimmed; a ragged row or a cell with a line break is an error on its
/// line (R-CSV-05), as in the import.
fn read_locations(
    bytes: &[u8],
    file: ExportFile,
) -> Result<(Vec<String>, Vec<Problem>), ExportError> {
    let (text, delimiter) = text_of(bytes).map_err(|p| refused(bytes, file, p))?;
    let mut records = Records::new(&text, delimiter);
    let read_error = |line: u64| {
        file_problem(
            Code::FieldTooLarge,
            Some(line),
            "a row is larger than a location list holds (too many fields or a huge cell): the file is not a location list or a quote is not closed",
        )
    };
    let header = records
        .next_record()
        .map_err(|_| refused(bytes, file, read_error(1)))?;
    let Some(header) = header else {
        return Err(refused(
            bytes,
            file,
            file_problem(
                Code::FileEmpty,
                None,
                "the file is empty: it has no header row",
            ),
        ));
    };
    let header_line = header.first_line;
    let width = header.len();
    let Some(column) = location_column(&header) else {
        let first: Vec<String> = header
            .iter()
            .take(5)
            .map(|c| format!("{:?}", truncate(trim(c), MESSAGE_CHARS)))
            .collect();
        return Err(refused(
            bytes,
            file,
            file_problem(
                Code::LocationsColumnMissing,
                Some(header_line),
                format!(
                    "the header ({}) has no column named {}: the first line must be the header, one location per line under it",
                    first.join(", "),
                    LOCATION_HEADERS.join(", ")
                ),
            ),
        ));
    };
    let mut names = Vec::new();
    let mut problems = Vec::new();
    loop {
        let record = match records.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(_) => return Err(refused(bytes, file, read_error(header_line))),
        };
        if let Some(problem) = location_row_problem(&record, width) {
            problems.push(problem);
            continue;
        }
        let name = trim(record.get(column).unwrap_or_default());
        if !name.is_empty() {
            names.push(name.to_owned());
        }
    }
    let problems = settle(file, problems)?;
    Ok((names, problems))
}

fn location_column(header: &Record<'_>) -> Option<usize> {
    header.iter().position(|cell| {
        LOCATION_HEADERS
            .iter()
            .any(|&name| normalize(cell) == normalize(name))
    })
}

/// R-CSV-05 for a location row: a ragged row or a cell holding a line break.
fn location_row_problem(record: &Record<'_>, width: usize) -> Option<Problem> {
    let line = Some(record.first_line);
    if record.has_line_break() {
        return Some(file_problem(
            Code::CellLineBreak,
            line,
            format!(
                "a cell holds a line break: lines {}-{} were read as one row; a quote is probably not closed",
                record.first_line, record.last_line
            ),
        ));
    }
    (record.len() != width).then(|| {
        file_problem(
            Code::RowMalformed,
            line,
            format!(
                "the row has {} fields but the header has {width}: a delimiter or quote is missing or extra",
                record.len()
            ),
        )
    })
}
