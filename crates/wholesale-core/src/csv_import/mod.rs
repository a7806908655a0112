//! Bulk user CSV import (R-CSV-01..20): parse, validate and plan a Control Hub
//! "CSV add or modify" import offline.
//!
//! [`check`] reads CSV bytes (UTF-8 with or without BOM, or the UTF-16LE
//! tab-separated text Control Hub exports) and returns an [`ImportPlan`]:
//! file-level problems plus exactly one [`RowOutcome`] per data row, in order
//! (R-CSV-20). Only a failure of the reader is an `Err`; everything about the
//! content is in the plan. The plan's JSON is the CLI's `--format json`.
//!
//! ```
//! use wholesale_core::csv_import::{check_bytes, Action, ImportBehavior, ImportOptions, OrgSnapshot};
//!
//! let csv = "User ID/Email,Webex Calling,Phone Number,Location,Jabber Calling,Jabber with Webex Teams\n\
//!            ana@acme.example,TRUE,+14085550100,HQ,FALSE,FALSE\n\
//!            bob@acme.example,TRUE,,Branch,FALSE,FALSE\n";
//! let org = OrgSnapshot::from_json(r#"{"locations": ["HQ"]}"#).unwrap();
//! let options = ImportOptions::default()
//!     .with_behavior(ImportBehavior::AddOnly)
//!     .with_org(org);
//! let plan = check_bytes(csv.as_bytes(), &options);
//! assert_eq!(plan.rows[0].action, Action::Add);
//! assert_eq!(plan.rows[1].action, Action::Rejected);
//! let codes: Vec<_> = plan.rows[1].errors.iter().map(|e| e.code.as_str()).collect();
//! assert_eq!(codes, ["LOCATION_UNKNOWN", "NUMBER_REQUIRED"]);
//! assert_eq!(plan.summary.rejected, 1);
//! ```

use std::io::Read;

pub use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::codes::{Code, Severity};
use crate::package::{BasicLicense, BasicLicenses, Package};
use crate::problem::{AsProblem, Problem};

mod decode;
mod export;
mod header;
mod index;
mod plan;
mod ready;
mod records;
mod remediation;
mod row;
mod select;
mod snapshot;

pub use export::{
    snapshot_from_export, ExportError, ExportFile, ExportFiles, SnapshotBuild, MAX_EXPORT_USERS,
};
pub use ready::{write_ready, write_rejected, OutputError, Written};
pub use remediation::{remediation_for, Remediation, RemediationAdvice};
pub use select::{ActionFacet, CodeFacet, ColumnFacet, PlanFacets, RowQuery};
pub use snapshot::{OrgSnapshot, SnapshotError, SnapshotUser};

/// At most this many data rows per file (R-CSV-04).
pub const MAX_DATA_ROWS: usize = 20_000;
/// Files larger than this are refused before parsing (64 MiB, R-CSV-04):
/// [`check`] reads at most one byte more.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Cells larger than this are refused while the record is read (1 MiB).
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Rows with more fields than this are refused while the record is read.
/// Control Hub's export has a few dozen columns plus one per subscription
/// and license; a thousand leaves room for any org and refuses a file that
/// is not a user list before it costs memory.
pub const MAX_COLUMNS: usize = 1_000;

/// The import behavior chosen in Control Hub (R-CSV-06).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportBehavior {
    /// "Add services only" (the default): TRUE assigns, FALSE changes nothing,
    /// and the basic licenses come with the wholesale package.
    #[default]
    AddOnly,
    /// "Add and remove services": TRUE assigns, FALSE removes, nothing is
    /// assigned automatically.
    AddAndRemove,
}

/// What [`check`] needs besides the bytes. Start from `Default` and override.
///
/// ```
/// use wholesale_core::csv_import::{ImportBehavior, ImportOptions};
///
/// let options = ImportOptions::default();
/// assert_eq!(options.behavior(), ImportBehavior::AddOnly);
/// assert!(options.org().is_none());
/// let options = options.with_behavior(ImportBehavior::AddAndRemove);
/// assert_eq!(options.behavior(), ImportBehavior::AddAndRemove);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    behavior: ImportBehavior,
    org: Option<OrgSnapshot>,
}

/// The options argument of the bindings' `check_csv`: the core's
/// [`ImportOptions`], with the snapshot given as an object, as its JSON
/// text or as the bytes of its JSON file ([`OrgSnapshotArg`]). Unknown keys
/// are refused; the snapshot is read as strictly as [`OrgSnapshot::from_value`]
/// reads it, so a refused one keeps its `SNAPSHOT_*` code and key path.
///
/// ```
/// use wholesale_core::csv_import::{ImportBehavior, ImportOptionsArg};
///
/// let arg: ImportOptionsArg = serde_json::from_str(r#"{"behavior": "add_and_remove", "org": "{\"users\": []}"}"#).unwrap();
/// let options = arg.into_options().unwrap();
/// assert_eq!(options.behavior(), ImportBehavior::AddAndRemove);
/// assert!(options.org().is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CheckCsvOptions"))]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptionsArg {
    /// The import behavior chosen in Control Hub (R-CSV-06).
    pub behavior: ImportBehavior,
    /// The org snapshot (R-CSV-21): the object, its JSON text, or the bytes
    /// of its JSON file.
    pub org: Option<OrgSnapshotArg>,
}

/// An org snapshot as the bindings take it: the object, its JSON text, or
/// the bytes of its JSON file (a page's `File.arrayBuffer()`, Python
/// `bytes`), which cross into WebAssembly as one copy where text is
/// re-encoded character by character. Any other JSON value is kept as
/// [`Object`](Self::Object), for [`OrgSnapshot::from_value`] to refuse.
#[derive(Clone, Debug, PartialEq)]
pub enum OrgSnapshotArg {
    /// The snapshot as a JSON object.
    Object(serde_json::Value),
    /// The snapshot's JSON text.
    Text(String),
    /// The bytes of the snapshot's JSON file (UTF-8).
    Bytes(Vec<u8>),
}

/// The object, a string, or bytes (`x-bytes`: `Uint8Array` in TypeScript,
/// `bytes` in Python).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for OrgSnapshotArg {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OrgSnapshotArg".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let object = generator.subschema_for::<OrgSnapshot>();
        schemars::json_schema!({
            "description": "An org snapshot as the bindings take it: the object, its JSON text, or the bytes of its JSON file.",
            "anyOf": [object, {"type": "string"}, {"x-bytes": true}],
        })
    }
}

impl OrgSnapshotArg {
    /// Reads the snapshot (R-CSV-21).
    pub fn read(self) -> Result<OrgSnapshot, SnapshotError> {
        match self {
            OrgSnapshotArg::Object(value) => OrgSnapshot::from_value(value),
            OrgSnapshotArg::Text(text) => OrgSnapshot::from_json(&text),
            OrgSnapshotArg::Bytes(bytes) => OrgSnapshot::from_json_bytes(&bytes),
        }
    }
}

impl<'de> Deserialize<'de> for OrgSnapshotArg {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArgVisitor;

        impl<'de> serde::de::Visitor<'de> for ArgVisitor {
            type Value = OrgSnapshotArg;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an org snapshot: an object, its JSON text or its bytes")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Text(text.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Text(text))
            }

            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Bytes(bytes.to_vec()))
            }

            fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Bytes(bytes))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(OrgSnapshotArg::Object)
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(OrgSnapshotArg::Object)
            }

            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Object(v.into()))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Object(v.into()))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Object(v.into()))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(OrgSnapshotArg::Object(v.into()))
            }
        }

        deserializer.deserialize_any(ArgVisitor)
    }
}

impl ImportOptionsArg {
    /// The options, the snapshot read (R-CSV-21).
    pub fn into_options(self) -> Result<ImportOptions, SnapshotError> {
        let org = self.org.map(OrgSnapshotArg::read).transpose()?;
        Ok(ImportOptions::new()
            .with_behavior(self.behavior)
            .with_org(org))
    }
}

impl ImportOptions {
    /// The defaults: add-only, no snapshot.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the import behavior.
    pub fn with_behavior(mut self, behavior: ImportBehavior) -> Self {
        self.behavior = behavior;
        self
    }

    /// Sets (or clears) the org snapshot.
    pub fn with_org(mut self, org: impl Into<Option<OrgSnapshot>>) -> Self {
        self.org = org.into();
        self
    }

    /// The import behavior.
    pub fn behavior(&self) -> ImportBehavior {
        self.behavior
    }

    /// The org snapshot, if any.
    pub fn org(&self) -> Option<&OrgSnapshot> {
        self.org.as_ref()
    }
}

/// What the import would do with one data row (R-CSV-20).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A new user.
    Add,
    /// An existing user whose attributes or licenses change.
    Modify,
    /// An existing user who gets a different wholesale package.
    ChangePackage,
    /// An existing user removed from the org (every package column FALSE).
    Remove,
    /// Nothing changes.
    NoChange,
    /// The row has errors: nothing happens for it.
    Rejected,
}

impl Action {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Modify => "modify",
            Action::ChangePackage => "change_package",
            Action::Remove => "remove",
            Action::NoChange => "no_change",
            Action::Rejected => "rejected",
        }
    }
}

/// A problem with the file as a whole, on `line` where there is one.
pub(crate) fn file_problem(code: Code, line: Option<u64>, message: impl Into<String>) -> Problem {
    Problem::general(code, message).on_line(line)
}

/// The outcome of one data row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowOutcome {
    /// The 1-based physical line where the record starts (the header is line 1).
    pub line: u64,
    /// The physical line where the record ends: `line` unless a quoted cell
    /// spans lines (which is an error, R-CSV-05).
    pub last_line: u64,
    /// The `User ID/Email` cell, trimmed (empty when missing). Held inline
    /// up to 24 bytes, as most e-mails are: no allocation per row.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub email: CompactString,
    /// What the import does with the row.
    pub action: Action,
    /// The wholesale package the user holds after the import (for `remove`,
    /// the one removed; `null` when unknown or none).
    pub package: Option<Package>,
    /// The package and basic licenses the row assigns.
    pub assign: Licenses,
    /// The package and basic licenses the row removes.
    pub remove: Licenses,
    /// Errors; non-empty exactly when `action` is `rejected`.
    pub errors: Vec<Problem>,
    /// Warnings; they never change the action.
    pub warnings: Vec<Problem>,
}

/// The licenses a row assigns or removes: at most one wholesale package and
/// some basic licenses. Its JSON is the list of their ids, the package first
/// and the basic licenses in Control Hub's order (`basic_messaging`,
/// `basic_space_meetings`, `call_on_webex`).
///
/// ```
/// use wholesale_core::csv_import::{check_bytes, ImportOptions};
/// use wholesale_core::package::{BasicLicense, Package};
///
/// let csv = "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n\
///            ana@acme.example,TRUE,acme.webex.com,FALSE,FALSE\n";
/// let plan = check_bytes(csv.as_bytes(), &ImportOptions::default());
/// let assign = &plan.rows[0].assign;
/// assert_eq!(assign.package(), Some(&Package::WebexMeetings));
/// assert!(assign.basic().contains(BasicLicense::CallOnWebex));
/// assert_eq!(*assign, ["webex_meetings", "basic_messaging", "basic_space_meetings", "call_on_webex"]);
/// assert_eq!(serde_json::to_string(assign).unwrap(),
///            r#"["webex_meetings","basic_messaging","basic_space_meetings","call_on_webex"]"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Licenses {
    package: Option<Package>,
    basic: BasicLicenses,
}

impl Licenses {
    /// The wholesale package, if any.
    pub fn package(&self) -> Option<&Package> {
        self.package.as_ref()
    }

    /// The basic licenses.
    pub fn basic(&self) -> BasicLicenses {
        self.basic
    }

    /// The ids, in JSON order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.package
            .iter()
            .map(Package::api_id)
            .chain(self.basic.iter().map(|license| -> &str { license.id() }))
    }

    /// How many ids [`ids`](Self::ids) yields.
    pub fn len(&self) -> usize {
        usize::from(self.package.is_some()) + self.basic.len()
    }

    /// Whether there is nothing to assign or remove.
    pub fn is_empty(&self) -> bool {
        self.package.is_none() && self.basic.is_empty()
    }

    pub(crate) fn set_package(&mut self, package: Package) {
        self.package = Some(package);
    }

    pub(crate) fn insert_basic(&mut self, license: BasicLicense) {
        self.basic.insert(license);
    }

    pub(crate) fn clear(&mut self) {
        *self = Licenses::default();
    }
}

impl std::fmt::Debug for Licenses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.ids()).finish()
    }
}

impl Serialize for Licenses {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.ids())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Licenses {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Licenses".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "License identifiers: the package first, then basic licenses.",
            "type": "array",
            "items": generator.subschema_for::<Package>(),
        })
    }
}

impl PartialEq<[&str]> for Licenses {
    fn eq(&self, ids: &[&str]) -> bool {
        self.ids().eq(ids.iter().copied())
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Licenses {
    fn eq(&self, ids: &[&str; N]) -> bool {
        *self == ids[..]
    }
}

/// Counts of the plan's outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Data rows planned (`rows.len()`).
    pub rows: usize,
    /// Rows planned as `add`.
    pub add: usize,
    /// Rows planned as `modify`.
    pub modify: usize,
    /// Rows planned as `change_package`.
    pub change_package: usize,
    /// Rows planned as `remove`.
    pub remove: usize,
    /// Rows planned as `no_change`.
    pub no_change: usize,
    /// Rows `rejected`.
    pub rejected: usize,
    /// Warnings, on rows and on the file.
    pub warnings: usize,
}

/// The import plan: the CLI's JSON, field for field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImportPlan {
    /// Problems that make the whole file unusable; when there is one, `rows`
    /// is empty (nothing is planned).
    pub file_errors: Vec<Problem>,
    /// Warnings about the file as a whole (unknown columns).
    pub file_warnings: Vec<Problem>,
    /// One outcome per data row, in file order.
    pub rows: Vec<RowOutcome>,
    /// Counts.
    pub summary: Summary,
}

/// How many problems of the plan carry one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CodeCount {
    /// The code.
    pub code: Code,
    /// The problems with it, of the file and of the rows.
    pub count: usize,
}

/// What a person reviews before an import (R-CSV-20): every row that
/// destroys something, and the number of problems per code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanReview {
    /// [`ImportPlan::destructive_rows`], in file order.
    pub destructive: Vec<RowOutcome>,
    /// [`ImportPlan::code_counts`].
    pub code_counts: Vec<CodeCount>,
}

impl RowOutcome {
    /// R-CSV-20: whether the row destroys something: a `remove`, a
    /// `change_package`, or any other planned row that removes a license.
    /// Such rows are listed wherever a person reads the plan.
    pub fn is_destructive(&self) -> bool {
        match self.action {
            Action::Remove | Action::ChangePackage => true,
            Action::Rejected => false,
            Action::Add | Action::Modify | Action::NoChange => !self.remove.is_empty(),
        }
    }
}

impl ImportPlan {
    /// Whether the file or any row is rejected (the CLI exits 1).
    pub fn has_rejections(&self) -> bool {
        !self.file_errors.is_empty() || self.summary.rejected > 0
    }

    /// R-CSV-20: the rows that destroy something ([`RowOutcome::is_destructive`]),
    /// in file order.
    ///
    /// ```
    /// use wholesale_core::csv_import::{check_bytes, Action, ImportOptions, OrgSnapshot};
    ///
    /// let org = OrgSnapshot::from_json(r#"{"users": [{"email": "ana@acme.example", "package": "webex_meetings"}]}"#).unwrap();
    /// let csv = b"User ID/Email,Webex Meetings\nana@acme.example,FALSE\nbob@acme.example,TRUE\n";
    /// let plan = check_bytes(csv, &ImportOptions::default().with_org(org));
    /// let review: Vec<_> = plan.destructive_rows().map(|r| (r.line, r.action)).collect();
    /// assert_eq!(review, [(2, Action::Remove)]);
    /// ```
    pub fn destructive_rows(&self) -> impl Iterator<Item = &RowOutcome> {
        self.rows.iter().filter(|row| row.is_destructive())
    }

    /// The review of the plan: its destructive rows and its count per code.
    pub fn review(&self) -> PlanReview {
        PlanReview {
            destructive: self.destructive_rows().cloned().collect(),
            code_counts: self.code_counts(),
        }
    }

    /// The number of problems per code, of the file and of the rows,
    /// errors and warnings alike; the most frequent first, ties in the
    /// registry's order.
    pub fn code_counts(&self) -> Vec<CodeCount> {
        let mut counts: Vec<CodeCount> = Vec::new();
        let problems = self.file_errors.iter().chain(&self.file_warnings).chain(
            self.rows
                .iter()
                .flat_map(|row| row.errors.iter().chain(&row.warnings)),
        );
        for problem in problems {
            match counts.iter_mut().find(|c| c.code == problem.code) {
                Some(entry) => entry.count += 1,
                None => counts.push(CodeCount {
                    code: problem.code,
                    count: 1,
                }),
            }
        }
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        counts
    }

    /// A plan of no rows, for a file refused (or only warned about) as a whole.
    fn refused(problem: Problem) -> ImportPlan {
        let mut plan = ImportPlan::default();
        plan.push_file_problem(problem);
        plan
    }

    fn push_file_problem(&mut self, problem: Problem) {
        match problem.code.severity() {
            Severity::Error => self.file_errors.push(problem),
            Severity::Warning => self.file_warnings.push(problem),
        }
    }

    fn finish(mut self) -> ImportPlan {
        for row in &mut self.rows {
            for problem in row.errors.iter_mut().chain(&mut row.warnings) {
                problem.line = Some(row.line);
            }
        }
        let mut summary = Summary {
            rows: self.rows.len(),
            warnings: self.file_warnings.len(),
            ..Summary::default()
        };
        for row in &self.rows {
            summary.warnings += row.warnings.len();
            *match row.action {
                Action::Add => &mut summary.add,
                Action::Modify => &mut summary.modify,
                Action::ChangePackage => &mut summary.change_package,
                Action::Remove => &mut summary.remove,
                Action::NoChange => &mut summary.no_change,
                Action::Rejected => &mut summary.rejected,
            } += 1;
        }
        self.summary = summary;
        self
    }
}

/// Why [`check`] could not read its input at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CsvImportError {
    /// The reader failed.
    #[error("cannot read the CSV: {0}")]
    Io(#[from] std::io::Error),
}

impl CsvImportError {
    /// The registry code of the error: `FILE_UNREADABLE`.
    pub fn code(&self) -> Code {
        Code::FileUnreadable
    }
}

impl AsProblem for CsvImportError {
    fn to_problem(&self) -> Problem {
        Problem::general(self.code(), self.to_string())
    }
}

/// Plans the import of the CSV read from `reader` (R-CSV-01..20).
///
/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes; a larger input is a
/// `FILE_TOO_LARGE` file error. Only an I/O failure is an `Err`.
///
/// ```
/// use wholesale_core::csv_import::{check, ImportOptions};
///
/// let csv: &[u8] = b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n\
///                    ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n";
/// let plan = check(csv, &ImportOptions::default()).unwrap();
/// assert_eq!(plan.summary.add, 1);
/// assert_eq!(plan.rows[0].assign, ["webex_meetings", "basic_messaging", "basic_space_meetings", "call_on_webex"]);
/// ```
pub fn check(reader: impl Read, options: &ImportOptions) -> Result<ImportPlan, CsvImportError> {
    let bytes = read_at_most(reader, MAX_FILE_BYTES)?;
    Ok(check_bytes(&bytes, options))
}

/// Reads `reader` to its end, but never more than `limit` + 1 bytes: enough
/// to tell an input over `limit` from one at it, however long or endless
/// the input is (R-CSV-04). [`check`] reads its input so; the CLI and the
/// bindings read snapshots and other files so.
///
/// ```
/// use wholesale_core::csv_import::read_at_most;
///
/// let endless = std::io::repeat(b'x');
/// assert_eq!(read_at_most(endless, 10).unwrap().len(), 11);
/// assert_eq!(read_at_most(&b"abc"[..], 10).unwrap(), b"abc");
/// ```
pub fn read_at_most(reader: impl Read, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Plans the import of CSV `bytes`; see [`check`].
pub fn check_bytes(bytes: &[u8], options: &ImportOptions) -> ImportPlan {
    let (body, delimiter) = match text_of(bytes) {
        Ok(text) => text,
        Err(problem) => return ImportPlan::refused(problem).finish(),
    };
    let plan = plan::plan(&body, delimiter, options);
    if !plan.file_errors.is_empty() {
        if let Some(problem) = encoding_problem(bytes) {
            return ImportPlan::refused(problem).finish();
        }
    }
    plan.finish()
}

/// The text of a user file and its separator (R-CSV-01), once its size is
/// known to be within [`MAX_FILE_BYTES`] (R-CSV-04).
pub(crate) fn text_of(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, [u8]>, u8), Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_problem(
            Code::FileTooLarge,
            None,
            format!(
                "the file is larger than {} MiB; split it into files of at most {MAX_DATA_ROWS} rows",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    decode::body(bytes).map_err(|e| file_problem(Code::FileEncoding, e.line, e.message))
}

/// The encoding problem of a file whose reading stopped early: the records
/// read were valid UTF-8, but one after them may not be, and an encoding
/// problem is the one to report, before any other (R-CSV-01).
pub(crate) fn encoding_problem(bytes: &[u8]) -> Option<Problem> {
    decode::decode(bytes)
        .err()
        .map(|e| file_problem(Code::FileEncoding, e.line, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{BytesDeserializer, Error as ValueError};

    #[test]
    fn r_csv_21_the_snapshot_argument_is_an_object_its_text_or_its_bytes() {
        let text = r#"{"locations": ["HQ"]}"#;
        let expected = OrgSnapshot::from_json(text).unwrap();
        let from_bytes =
            OrgSnapshotArg::deserialize(BytesDeserializer::<ValueError>::new(text.as_bytes()))
                .unwrap();
        assert_eq!(from_bytes, OrgSnapshotArg::Bytes(text.as_bytes().to_vec()));
        for arg in [
            format!(r#"{{"org": {text}}}"#),
            format!(r#"{{"org": {}}}"#, serde_json::to_string(text).unwrap()),
        ] {
            let options: ImportOptionsArg = serde_json::from_str(&arg).unwrap();
            assert_eq!(
                options.into_options().unwrap().org(),
                Some(&expected),
                "{arg}"
            );
        }
        assert_eq!(from_bytes.read().unwrap(), expected);
        let none: ImportOptionsArg = serde_json::from_str(r#"{"org": null}"#).unwrap();
        assert_eq!(none.org, None);
        for not_an_object in ["[1]", "true", "7", "-7", "7.5"] {
            let options: ImportOptionsArg =
                serde_json::from_str(&format!(r#"{{"org": {not_an_object}}}"#)).unwrap();
            let err = options.into_options().unwrap_err();
            assert_eq!(
                (err.code(), err.path()),
                (Code::SnapshotInvalid, "."),
                "{not_an_object}"
            );
        }
    }
}
