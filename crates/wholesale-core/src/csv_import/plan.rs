//! From decoded text to an import plan: one outcome per data row (R-CSV-05..18, R-CSV-20).

use std::borrow::Cow as Id;
use std::rc::Rc;

use csv::StringRecord;

use super::decode::sniff_delimiter;
use super::header::{self, Columns, HeaderError};
use super::{
    Action, FileProblem, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot, RowOutcome,
    RowProblem, SnapshotUser, MAX_DATA_ROWS, MAX_FIELD_BYTES,
};
use crate::codes::{Code, Severity};
use crate::contact::{
    check_email, check_extension, check_phone_number, extension_id, number_id, number_key, truncate,
};
use crate::package::{BasicLicense, Package};
use crate::problem::Problem;
use crate::provisioning::{check_admin_package, check_calling_number};

/// FxHash (rustc-hash): the keys are short e-mails and numbers, and SipHash
/// was the largest cost of a 20,000-row check. Flooding is bounded by the row
/// limit and the input is the caller's own file.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

fn sized<K, V>(capacity: usize) -> HashMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, Default::default())
}

/// A package id without allocating for the packages the library knows.
fn package_id(package: &Package) -> Id<'static, str> {
    Package::KNOWN
        .iter()
        .find(|known| *known == package)
        .map_or_else(
            || Id::Owned(package.api_id().to_owned()),
            |known| Id::Borrowed(known.api_id()),
        )
}

/// Plans every data row of `text`.
pub(crate) fn plan(text: &str, options: &ImportOptions) -> ImportPlan {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // StringRecord: each record's UTF-8 is checked once (the text is already
    // UTF-8), not once per cell access.
    let mut record = StringRecord::new();

    // The header row.
    let mut lines = Lines::new(text.as_bytes());
    let header_line = match read(&mut reader, &mut record) {
        Ok(Some(start)) => lines.at(start).0,
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

    let expected_rows = text.matches('\n').count().min(MAX_DATA_ROWS);
    plan.rows.reserve(expected_rows);
    let mut planner = Planner::new(options, &columns, expected_rows);
    let mut data_rows: usize = 0;
    let mut last_start = 0usize;
    loop {
        let start = match read(&mut reader, &mut record) {
            Ok(Some(start)) => start,
            Ok(None) => break,
            Err(problem) => {
                return ImportPlan::file_error(problem.code, problem.line, problem.message)
            }
        };
        let (line, start) = lines.at(start);
        data_rows = data_rows.saturating_add(1);
        if let Some(problem) = oversized(&record, line, Some(&columns)) {
            return ImportPlan::file_error(problem.code, problem.line, problem.message);
        }
        if data_rows > MAX_DATA_ROWS {
            continue; // Only counting now.
        }
        last_start = start;
        plan.rows.push(planner.row(line, &record));
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
    let tail = text.as_bytes().get(last_start..);
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

/// Reads the next record; its start byte, or `None` at the end.
fn read(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut StringRecord,
) -> Result<Option<usize>, FileProblem> {
    match reader.read_record(record) {
        Ok(true) => Ok(Some(
            record
                .position()
                .and_then(|p| usize::try_from(p.byte()).ok())
                .unwrap_or(0),
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

/// Physical line numbers of record starts. The csv reader's own line count
/// lags by one after a CRLF terminator, so lines are counted here, from the
/// record's first byte (after the line breaks and blank lines it skipped).
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(text: &'t [u8]) -> Self {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line and the true start byte of a record the reader
    /// reported at `start` (records come in increasing order).
    fn at(&mut self, start: usize) -> (u64, usize) {
        let mut start = start.max(self.offset);
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let newlines = self
            .text
            .get(self.offset..start)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line = self
            .line
            .saturating_add(u64::try_from(newlines).unwrap_or(u64::MAX));
        self.offset = start;
        (self.line, start)
    }
}

/// `FIELD_TOO_LARGE` for the first cell over the limit.
fn oversized(record: &StringRecord, line: u64, columns: Option<&Columns>) -> Option<FileProblem> {
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

fn reject(row: &mut RowOutcome) {
    row.action = Action::Rejected;
    row.assign.clear();
    row.remove.clear();
}

/// A set of basic licenses (the boolean cells of a row), without allocating.
#[derive(Clone, Copy, Default)]
struct LicenseSet(u8);

impl LicenseSet {
    fn bit(license: BasicLicense) -> u8 {
        match license {
            BasicLicense::BasicMessaging => 1,
            BasicLicense::BasicSpaceMeetings => 2,
            BasicLicense::CallOnWebex => 4,
        }
    }

    fn insert(&mut self, license: BasicLicense) {
        self.0 |= Self::bit(license);
    }

    fn contains(self, license: BasicLicense) -> bool {
        self.0 & Self::bit(license) != 0
    }
}

/// Who holds a number.
enum Owner {
    Org(Rc<str>),
    Row(u64, Rc<str>),
}

impl Owner {
    fn email(&self) -> &str {
        match self {
            Owner::Org(e) | Owner::Row(_, e) => e,
        }
    }
}

struct Planner<'a> {
    behavior: ImportBehavior,
    org: Option<&'a OrgSnapshot>,
    columns: &'a Columns,
    /// Snapshot users by lowercase e-mail.
    users: HashMap<String, &'a SnapshotUser>,
    /// Lowercase e-mail -> first line.
    emails: HashMap<Rc<str>, u64>,
    /// Numbers and extensions in use, by `contact::number_id`/`extension_id`
    /// (no allocation per row).
    phones: HashMap<u64, Owner>,
    extensions: HashMap<u64, Owner>,
}

/// A boolean cell: TRUE / FALSE in any case, or blank (R-CSV-03).
fn parse_bool(cell: &str) -> Result<Option<bool>, ()> {
    if cell.is_empty() {
        Ok(None)
    } else if cell.eq_ignore_ascii_case("true") {
        Ok(Some(true))
    } else if cell.eq_ignore_ascii_case("false") {
        Ok(Some(false))
    } else {
        Err(())
    }
}

/// Problems and warnings of one row, routed by severity.
#[derive(Default)]
struct Found {
    errors: Vec<RowProblem>,
    warnings: Vec<RowProblem>,
}

impl Found {
    fn push(&mut self, problem: impl Into<RowProblem>) {
        let problem = problem.into();
        match problem.code.severity() {
            Severity::Error => self.errors.push(problem),
            Severity::Warning => self.warnings.push(problem),
        }
    }

    fn add(&mut self, code: Code, column: Option<&str>, message: impl Into<String>) {
        self.push(RowProblem {
            code,
            column: column.map(str::to_owned),
            message: message.into(),
        });
    }
}

impl<'a> Planner<'a> {
    fn new(options: &'a ImportOptions, columns: &'a Columns, rows: usize) -> Self {
        let org = options.org();
        let known = org.map_or(0, |o| o.users.len());
        let mut users = sized(known);
        let mut phones = sized(known.saturating_add(rows));
        let mut extensions = sized(known.saturating_add(rows));
        for user in org.map(|o| o.users.as_slice()).unwrap_or_default() {
            let email = user.email.trim().to_lowercase();
            let shared: Rc<str> = Rc::from(email.as_str());
            if let Some(number) = user.phone_number.as_deref().and_then(number_id) {
                phones
                    .entry(number)
                    .or_insert_with(|| Owner::Org(Rc::clone(&shared)));
            }
            if let Some(ext) = user.extension.as_deref().and_then(extension_id) {
                extensions
                    .entry(ext)
                    .or_insert_with(|| Owner::Org(Rc::clone(&shared)));
            }
            users.entry(email).or_insert(user);
        }
        Planner {
            behavior: options.behavior(),
            org,
            columns,
            users,
            emails: sized(rows),
            phones,
            extensions,
        }
    }

    fn name(&self, index: usize) -> &'a str {
        self.columns
            .names
            .get(index)
            .map(String::as_str)
            .unwrap_or_default()
    }

    fn name_of(&self, index: Option<usize>) -> Option<&'a str> {
        index.map(|i| self.name(i))
    }

    fn row(&mut self, line: u64, record: &StringRecord) -> RowOutcome {
        let cols = self.columns;
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        let opt_cell = |index: Option<usize>| index.map(cell).unwrap_or_default();
        let email = cell(cols.email);
        let mut out = RowOutcome {
            line,
            email: email.to_owned(),
            action: Action::NoChange,
            package: None,
            assign: Vec::new(),
            remove: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let mut found = Found::default();

        // R-CSV-20: a row of blank cells (spreadsheets leave them) changes nothing.
        if (0..record.len()).all(|i| cell(i).is_empty()) {
            found.add(
                Code::RowBlank,
                None,
                "every cell is blank: nothing happens for this row; delete it",
            );
            out.warnings = found.warnings;
            return out;
        }
        // R-CSV-05: a ragged row cannot be read column by column.
        if record.len() != cols.names.len() {
            found.add(
                Code::RowMalformed,
                None,
                format!(
                    "the row has {} fields but the header has {}: a delimiter or quote is missing or extra",
                    record.len(),
                    cols.names.len()
                ),
            );
            out.errors = found.errors;
            reject(&mut out);
            return out;
        }

        // R-CSV-14: the key.
        let email_column = self.name(cols.email);
        let email_key: Rc<str> = if email
            .bytes()
            .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
        {
            Rc::from(email.to_lowercase())
        } else {
            Rc::from(email)
        };
        if email.is_empty() {
            found.add(
                Code::EmailRequired,
                Some(email_column),
                "the User ID/Email cell is empty: every row needs the user's e-mail",
            );
        } else if let Some(problem) = check_email(email_column, email) {
            found.push(problem);
        } else if let Some(first) = self.emails.get(&email_key) {
            found.add(
                Code::EmailDuplicate,
                Some(email_column),
                format!("{email} is already on line {first}; keep one row per user"),
            );
        }
        if !email.is_empty() {
            self.emails.entry(Rc::clone(&email_key)).or_insert(line);
        }

        // R-CSV-03, R-CSV-07, R-CSV-08: package cells.
        let mut trues: Vec<(&Package, usize)> = Vec::new();
        let mut falses: Vec<&Package> = Vec::new();
        let mut all_false = !cols.packages.is_empty();
        for (package, index) in &cols.packages {
            match parse_bool(cell(*index)) {
                Ok(Some(true)) => {
                    trues.push((package, *index));
                    all_false = false;
                }
                Ok(Some(false)) => falses.push(package),
                Ok(None) => all_false = false,
                Err(()) => {
                    all_false = false;
                    found.push(not_boolean(self.name(*index), cell(*index)));
                }
            }
        }
        if let [(first, _), (_, second_index), ..] = trues.as_slice() {
            let names: Vec<&str> = trues.iter().map(|(_, i)| self.name(*i)).collect();
            found.add(
                Code::PackageMultiple,
                Some(self.name(*second_index)),
                format!(
                    "{} packages are TRUE ({}): a user holds one wholesale package; keep {} or another one TRUE and set the others FALSE or blank",
                    trues.len(),
                    names.join(", "),
                    first.api_id()
                ),
            );
        }
        let mut basic_true = LicenseSet::default();
        let mut basic_false = LicenseSet::default();
        for (license, index) in &cols.basic {
            match parse_bool(cell(*index)) {
                Ok(Some(true)) => basic_true.insert(*license),
                Ok(Some(false)) => basic_false.insert(*license),
                Ok(None) => {}
                Err(()) => found.push(not_boolean(self.name(*index), cell(*index))),
            }
        }
        // R-CSV-12.
        for &index in &cols.jabber {
            if parse_bool(cell(index)).is_err() {
                found.add(
                    Code::JabberCellInvalid,
                    Some(self.name(index)),
                    format!(
                        "{:?} is not TRUE, FALSE or blank",
                        truncate(cell(index), CELL_CHARS)
                    ),
                );
            }
        }

        // R-CSV-15, R-CSV-16: numbers.
        let phone = opt_cell(cols.phone);
        let extension = opt_cell(cols.extension);
        let location = opt_cell(cols.location);
        let site = opt_cell(cols.site);
        if let (false, Some(column)) = (phone.is_empty(), self.name_of(cols.phone)) {
            let problem = check_phone_number(column, phone);
            let usable = problem
                .as_ref()
                .map_or(true, |p| p.code.severity() == Severity::Warning);
            found.extend(problem);
            if usable {
                claim(
                    &mut self.phones,
                    number_id(phone),
                    phone,
                    column,
                    line,
                    &email_key,
                    &mut found,
                );
            }
        }
        if let (false, Some(column)) = (extension.is_empty(), self.name_of(cols.extension)) {
            match check_extension(column, extension) {
                Some(problem) => found.push(problem),
                None => claim(
                    &mut self.extensions,
                    extension_id(extension),
                    extension,
                    column,
                    line,
                    &email_key,
                    &mut found,
                ),
            }
        }
        // R-CSV-11: the location must exist in the org.
        if let (Some(org), false) = (self.org, location.is_empty()) {
            if org.location(location).is_none() {
                let known: Vec<String> = org
                    .locations
                    .iter()
                    .take(10)
                    .map(|l| format!("{l:?}"))
                    .collect();
                found.add(
                    Code::LocationUnknown,
                    self.name_of(cols.location),
                    format!(
                        "{:?} is not a location of this customer (known: {}); create it in Control Hub first or fix the name",
                        truncate(location, CELL_CHARS),
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    ),
                );
            }
        }

        let existing = self.org.and_then(|_| self.users.get(&*email_key).copied());
        let row = RowCells {
            phone,
            extension,
            location,
            site,
            first_name: opt_cell(cols.first_name),
            last_name: opt_cell(cols.last_name),
            display_name: opt_cell(cols.display_name),
        };

        let single = match trues.as_slice() {
            [(package, index)] => Some((*package, *index)),
            _ => None,
        };
        if all_false {
            self.plan_removal(&mut out, &mut found, existing, email);
        } else if let Some((package, index)) = single {
            out.package = Some(package.clone());
            self.plan_package(
                &mut out,
                &mut found,
                existing,
                email,
                package,
                index,
                &row,
                basic_true,
                basic_false,
            );
        } else if trues.is_empty() {
            self.plan_kept(
                &mut out,
                &mut found,
                existing,
                &falses,
                &row,
                basic_true,
                basic_false,
            );
        }

        out.errors = found.errors;
        out.warnings = found.warnings;
        if !out.errors.is_empty() {
            reject(&mut out);
        }
        out
    }

    /// R-CSV-08: every package column FALSE.
    fn plan_removal(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
    ) {
        out.action = Action::Remove;
        let Some(org) = self.org else {
            return; // Planned by its cells alone.
        };
        let Some(user) = existing else {
            found.add(
                Code::UserUnknown,
                Some(self.name(self.columns.email)),
                format!(
                    "every package column is FALSE, which removes the user, but the org has no user {email}; fix the e-mail or delete the row"
                ),
            );
            return;
        };
        if org.is_admin(email) {
            found.add(
                Code::AdminRemoval,
                Some(self.name(self.columns.email)),
                format!(
                    "{email} is the customer's full admin and cannot be removed; give the admin role to another user first"
                ),
            );
            return;
        }
        out.package = user.package.clone();
        out.remove
            .extend(user.package.iter().map(|p| package_id(p)));
        out.remove
            .extend(user.licenses.iter().map(|l| Id::Borrowed(l.id())));
    }

    /// Exactly one package TRUE: add, change_package, modify or no_change.
    #[allow(clippy::too_many_arguments)]
    fn plan_package(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
        package: &Package,
        index: usize,
        row: &RowCells<'_>,
        basic_true: LicenseSet,
        basic_false: LicenseSet,
    ) {
        let column = self.name(index);
        if let Some(org) = self.org {
            // R-CSV-17.
            if let Some(subscribed) = &org.subscribed_packages {
                if !subscribed.contains(package) {
                    found.add(
                        Code::PackageNotSubscribed,
                        Some(column),
                        format!(
                            "the customer has no subscription for {package}; add the subscription or choose another package"
                        ),
                    );
                }
            }
            // R-CSV-18 with R-CUS-05.
            if let (true, Some(customer_package)) = (org.is_admin(email), &org.package) {
                found.extend(check_admin_package(customer_package, package, column));
            }
        }
        match existing {
            Some(user) if user.package.as_ref() == Some(package) => {
                self.required_fields(found, package, row, Some(user));
                self.diff(out, user, row, basic_true, basic_false);
            }
            Some(user) => {
                // R-CSV-18 with R-USR-02.
                out.action = Action::ChangePackage;
                let has_number = !row.phone.is_empty()
                    || !row.extension.is_empty()
                    || has(&user.phone_number)
                    || has(&user.extension);
                let has_location = !row.location.is_empty() || has(&user.location);
                found.extend(check_calling_number(
                    package,
                    has_number,
                    has_location,
                    column,
                ));
                out.assign.push(package_id(package));
                out.remove
                    .extend(user.package.iter().map(|p| package_id(p)));
                self.licenses(out, &user.licenses, basic_true, basic_false, true);
                self.site_warning(found, package, row.site);
            }
            None => {
                out.action = Action::Add;
                self.required_fields(found, package, row, None);
                out.assign.push(package_id(package));
                self.licenses(out, &[], basic_true, LicenseSet::default(), true);
                self.site_warning(found, package, row.site);
            }
        }
    }

    /// No package TRUE, not all FALSE: an existing user keeps the package.
    #[allow(clippy::too_many_arguments)]
    fn plan_kept(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        falses: &[&Package],
        row: &RowCells<'_>,
        basic_true: LicenseSet,
        basic_false: LicenseSet,
    ) {
        if self.org.is_none() {
            // By its cells alone: an update of an existing user.
            out.action = Action::Modify;
            self.licenses(out, &[], basic_true, basic_false, false);
            return;
        }
        let Some(user) = existing else {
            // R-CSV-09.
            found.add(
                Code::PackageRequired,
                None,
                "the org has no user with this e-mail, so the row adds one, and a new user needs exactly one package column set TRUE",
            );
            return;
        };
        out.package = user.package.clone();
        if let Some(current) = &user.package {
            if self.behavior == ImportBehavior::AddAndRemove && falses.contains(&current) {
                found.add(
                    Code::PackageRequired,
                    None,
                    format!(
                        "FALSE would remove {current} and leave the user without a package; set the new package TRUE to change it, or every package column FALSE to remove the user"
                    ),
                );
                return;
            }
            self.required_fields(found, current, row, Some(user));
        }
        self.diff(out, user, row, basic_true, basic_false);
    }

    /// R-CSV-10, R-CSV-11: number and location for the calling packages; a
    /// blank cell keeps the snapshot's value.
    fn required_fields(
        &self,
        found: &mut Found,
        package: &Package,
        row: &RowCells<'_>,
        user: Option<&SnapshotUser>,
    ) {
        if !package.requires_number_and_location() {
            return;
        }
        let has_number = !row.phone.is_empty()
            || !row.extension.is_empty()
            || user.is_some_and(|u| has(&u.phone_number) || has(&u.extension));
        if !has_number {
            found.add(
                Code::NumberRequired,
                self.name_of(self.columns.phone.or(self.columns.extension)),
                format!("{package} needs a phone number or an extension: fill Phone Number or Extension"),
            );
        }
        if row.location.is_empty() && !user.is_some_and(|u| has(&u.location)) {
            found.add(
                Code::LocationRequired,
                self.name_of(self.columns.location),
                format!("{package} needs a location: fill Location with one of the customer's locations"),
            );
        }
    }

    /// R-CSV-13.
    fn site_warning(&self, found: &mut Found, package: &Package, site: &str) {
        if package.expects_preferred_site() && site.is_empty() {
            found.add(
                Code::PreferredSiteMissing,
                self.name_of(self.columns.site),
                format!(
                    "no Preferred Webex Site for {package}: the import goes ahead, but meetings may break later; fill it with the customer's Webex site"
                ),
            );
        }
    }

    /// R-CSV-06: basic licenses. `with_package` means the row assigns a
    /// package, which brings the three basic licenses in add-only imports.
    fn licenses(
        &self,
        out: &mut RowOutcome,
        held: &[BasicLicense],
        basic_true: LicenseSet,
        basic_false: LicenseSet,
        with_package: bool,
    ) {
        let add_only = self.behavior == ImportBehavior::AddOnly;
        for license in BasicLicense::ALL {
            let wanted = basic_true.contains(license) || (add_only && with_package);
            if wanted && !held.contains(&license) {
                out.assign.push(Id::Borrowed(license.id()));
            }
            let unwanted = !add_only && basic_false.contains(license);
            let known_held = held.contains(&license) || (self.org.is_none() && !with_package);
            if unwanted && known_held {
                out.remove.push(Id::Borrowed(license.id()));
            }
        }
    }

    /// Modify or no_change for an existing user who keeps the package.
    fn diff(
        &self,
        out: &mut RowOutcome,
        user: &SnapshotUser,
        row: &RowCells<'_>,
        basic_true: LicenseSet,
        basic_false: LicenseSet,
    ) {
        let differs = |cell: &str, known: &Option<String>| {
            !cell.is_empty()
                && known
                    .as_deref()
                    .is_some_and(|k| !k.trim().eq_ignore_ascii_case(cell))
        };
        let changed = (!row.phone.is_empty()
            && user.phone_number.as_deref().map(number_key) != Some(number_key(row.phone)))
            || (!row.extension.is_empty()
                && user.extension.as_deref().map(str::trim) != Some(row.extension))
            || (!row.location.is_empty()
                && !user
                    .location
                    .as_deref()
                    .is_some_and(|l| l.trim().eq_ignore_ascii_case(row.location)))
            || differs(row.first_name, &user.first_name)
            || differs(row.last_name, &user.last_name)
            || differs(row.display_name, &user.display_name)
            || differs(row.site, &user.preferred_webex_site);
        self.licenses(out, &user.licenses, basic_true, basic_false, false);
        out.action = if changed || !out.assign.is_empty() || !out.remove.is_empty() {
            Action::Modify
        } else {
            Action::NoChange
        };
    }
}

/// The row's value cells, trimmed ("" when blank or the column is absent).
struct RowCells<'c> {
    phone: &'c str,
    extension: &'c str,
    location: &'c str,
    site: &'c str,
    first_name: &'c str,
    last_name: &'c str,
    display_name: &'c str,
}

fn has(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

impl Found {
    fn extend(&mut self, problem: Option<Problem>) {
        if let Some(problem) = problem {
            self.push(problem);
        }
    }
}

/// R-CSV-16: a number used by another user (in the org or an earlier row).
fn claim(
    owners: &mut HashMap<u64, Owner>,
    key: Option<u64>,
    shown: &str,
    column: &str,
    line: u64,
    email_key: &Rc<str>,
    found: &mut Found,
) {
    let Some(key) = key else {
        return;
    };
    match owners.get(&key) {
        Some(owner) if owner.email() != &**email_key => {
            let whose = match owner {
                Owner::Org(email) => format!("{email} in the org"),
                Owner::Row(first, email) => format!("{email} on line {first}"),
            };
            found.add(
                Code::NumberInUse,
                Some(column),
                format!("{shown} is already used by {whose}; give each user their own number"),
            );
        }
        Some(_) => {}
        None => {
            owners.insert(key, Owner::Row(line, Rc::clone(email_key)));
        }
    }
}

fn not_boolean(column: &str, value: &str) -> RowProblem {
    RowProblem {
        code: Code::CellNotBoolean,
        column: Some(column.to_owned()),
        message: format!(
            "{:?} is not TRUE, FALSE or blank",
            truncate(value, CELL_CHARS)
        ),
    }
}

/// How much of a cell a row message quotes.
const CELL_CHARS: usize = 60;
