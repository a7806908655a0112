//! One data row against the header, the snapshot and the rows before it
//! (R-CSV-03, R-CSV-05..18, R-CSV-20..22).
//!
//! This runs 20,000 times per file, so a typical row allocates nothing:
//! cells are borrowed from the record, the e-mail is held inline, the
//! cross-row indexes hold indexes rather than copies, and the license lists
//! are inline.

use super::header::{Columns, JABBER_CALLING, JABBER_TEAMS};
use super::index::{EmailIndex, NumbersInUse, People, Person};
use super::records::Record;
use super::{Action, ImportBehavior, ImportOptions, OrgSnapshot, RowOutcome, SnapshotUser};
use crate::codes::{Code, Severity};
use crate::contact::{
    check_email, check_extension, check_phone_number, email_key, extension_id, number_id,
    same_number,
};
use crate::package::{BasicLicense, BasicLicenses, Package};
use crate::problem::Problem;
use crate::provisioning::{check_admin_package, check_calling_number};
use crate::text::{same_name, trim, truncate};

/// How much of a cell a row message quotes.
const CELL_CHARS: usize = 60;

/// Plans rows one after the other; it holds what a row needs to know about
/// the rows before it.
pub(super) struct Planner<'a> {
    behavior: ImportBehavior,
    org: Option<&'a OrgSnapshot>,
    columns: &'a Columns,
    /// Snapshot users and first rows by e-mail.
    emails: EmailIndex,
    phones: NumbersInUse,
    extensions: NumbersInUse,
    /// Numbers of rejected rows: they reserve nothing (R-CSV-16), but a
    /// later row with the same number is told of the clash to come.
    rejected_phones: NumbersInUse,
    rejected_extensions: NumbersInUse,
    /// By snapshot user: the numbers the user holds in `phones` and
    /// `extensions` (from the snapshot, so for good). A row of that user with
    /// the same number needs no lookup: re-importing an export, the common
    /// case, then costs no cache miss in those tables.
    held_numbers: Vec<HeldNumbers>,
}

#[derive(Clone, Copy, Default)]
struct HeldNumbers {
    phone: Option<u64>,
    extension: Option<u64>,
}

/// The numbers a row takes once it is known not to be rejected (R-CSV-16).
#[derive(Clone, Copy, Default)]
struct Claims {
    phone: Option<u64>,
    extension: Option<u64>,
}

/// A boolean cell: TRUE / FALSE in any case, or blank (R-CSV-03).
fn parse_bool(cell: &str) -> Result<Option<bool>, ()> {
    // Setting bit 5 of each byte lowercases ASCII letters and maps no other
    // byte to one of these letters, so the masked compares are
    // `eq_ignore_ascii_case` on four bytes at once.
    const LOWER: u32 = 0x2020_2020;
    let word = |bytes: [u8; 4]| u32::from_le_bytes(bytes) | LOWER;
    match *cell.as_bytes() {
        [] => Ok(None),
        [a, b, c, d] if word([a, b, c, d]) == u32::from_le_bytes(*b"true") => Ok(Some(true)),
        [a, b, c, d, e]
            if word([a, b, c, d]) == u32::from_le_bytes(*b"fals") && e | 0x20 == b'e' =>
        {
            Ok(Some(false))
        }
        _ => Err(()),
    }
}

/// Problems and warnings of one row, routed by severity.
#[derive(Default)]
struct Found {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Found {
    fn push(&mut self, problem: impl Into<Problem>) {
        let problem = problem.into();
        match problem.code.severity() {
            Severity::Error => self.errors.push(problem),
            Severity::Warning => self.warnings.push(problem),
        }
    }

    fn extend(&mut self, problem: Option<Problem>) {
        if let Some(problem) = problem {
            self.push(problem);
        }
    }

    fn add(&mut self, code: Code, column: Option<&str>, message: impl Into<String>) {
        self.push(Problem {
            code,
            field: column.map(str::to_owned),
            line: None,
            message: message.into(),
        });
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

/// The boolean cells of basic licenses.
#[derive(Clone, Copy, Default)]
struct BasicCells {
    set_true: BasicLicenses,
    set_false: BasicLicenses,
}

fn has(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !trim(v).is_empty())
}

/// Nothing happens for a rejected row.
pub(super) fn reject(row: &mut RowOutcome) {
    row.action = Action::Rejected;
    row.assign.clear();
    row.remove.clear();
}

fn not_boolean(column: &str, value: &str) -> Problem {
    Problem {
        code: Code::CellNotBoolean,
        field: Some(column.to_owned()),
        line: None,
        message: format!(
            "{:?} is not TRUE, FALSE or blank",
            truncate(value, CELL_CHARS)
        ),
    }
}

impl<'a> Planner<'a> {
    pub fn new(options: &'a ImportOptions, columns: &'a Columns, rows: usize) -> Self {
        let org = options.org();
        let users = org.map(|o| o.known_users()).unwrap_or_default();
        let people = People { users, rows: &[] };
        let mut emails = EmailIndex::with_capacity(users.len().saturating_add(rows));
        let mut phones = NumbersInUse::with_capacity(users.len().saturating_add(rows));
        let mut extensions = NumbersInUse::with_capacity(users.len().saturating_add(rows));
        let mut held_numbers = Vec::with_capacity(users.len());
        for (index, user) in users.iter().enumerate() {
            let person = Person::user(index);
            let phone = user.phone_number.as_deref().and_then(number_id);
            let extension = user.extension.as_deref().and_then(extension_id);
            held_numbers.push(HeldNumbers {
                phone: phone.filter(|&number| phones.record(number, person)),
                extension: extension.filter(|&ext| extensions.record(ext, person)),
            });
            let key = email_key(trim(&user.email));
            emails.record(&key, EmailIndex::hash(&key), person, people);
        }
        Planner {
            behavior: options.behavior(),
            org,
            columns,
            emails,
            phones,
            extensions,
            rejected_phones: NumbersInUse::with_capacity(0),
            rejected_extensions: NumbersInUse::with_capacity(0),
            held_numbers,
        }
    }

    fn users(&self) -> &'a [SnapshotUser] {
        self.org.map(|o| o.known_users()).unwrap_or_default()
    }

    /// Whether the snapshot lists the org's users (R-CSV-21): without that
    /// list, rows are planned by their cells alone.
    fn users_known(&self) -> bool {
        self.org.is_some_and(|o| o.users.is_some())
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

    /// Plans the data row `record` and appends its outcome to `rows`, the
    /// rows planned before it; `blank` says whether every cell is blank
    /// (`plan::is_blank`, which the caller has asked to count the row).
    /// (The outcome is filled where it lies rather than moved there: it is
    /// nearly 200 bytes.)
    pub fn row(&mut self, record: &Record<'_>, blank: bool, rows: &mut Vec<RowOutcome>) {
        let email = trim(record.get(self.columns.email).unwrap_or_default());
        rows.push(RowOutcome {
            line: record.first_line,
            last_line: record.last_line,
            email: email.into(),
            action: Action::NoChange,
            package: None,
            assign: Default::default(),
            remove: Default::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        });
        if let Some((out, earlier)) = rows.split_last_mut() {
            self.fill(out, record, blank, email, earlier);
        }
    }

    /// Plans `out`, the outcome of `record` (whose e-mail cell is `email`),
    /// after the rows `rows`.
    fn fill(
        &mut self,
        out: &mut RowOutcome,
        record: &Record<'_>,
        blank: bool,
        email: &str,
        rows: &[RowOutcome],
    ) {
        let cols = self.columns;
        let cell = |index: usize| trim(record.get(index).unwrap_or_default());
        let opt_cell = |index: Option<usize>| index.map(cell).unwrap_or_default();
        let mut found = Found::default();

        // R-CSV-20: a row of blank cells (spreadsheets leave them) changes nothing.
        if blank {
            found.add(
                Code::RowBlank,
                None,
                "every cell is blank: nothing happens for this row; delete it",
            );
            out.warnings = found.warnings;
            return;
        }
        // R-CSV-05: no user field holds a line break; a cell that does is a
        // quote that swallowed the lines after it, which must not vanish.
        if record.has_line_break() {
            for index in record.cells_with_line_breaks() {
                let column = cols.names.get(index).map_or_else(
                    || format!("column {}", index.saturating_add(1)),
                    Clone::clone,
                );
                let spans = if out.last_line > out.line {
                    format!(
                        "lines {}-{} were read as this one row",
                        out.line, out.last_line
                    )
                } else {
                    "it holds a Unicode line or paragraph separator".to_owned()
                };
                found.add(
                    Code::CellLineBreak,
                    Some(&column),
                    format!(
                        "the cell holds a line break, which no user field can: {spans}; a quote in this cell or the row is probably not closed (or a line break was typed into the cell): fix it so each user is on one line"
                    ),
                );
            }
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
        }
        if !found.errors.is_empty() {
            out.errors = found.errors;
            reject(out);
            return;
        }

        // R-CSV-14: the key.
        let this_row = Person::row(rows.len());
        let people = People {
            users: self.users(),
            rows,
        };
        let key = email_key(email);
        let hash = EmailIndex::hash(&key);
        // One lookup: a known user, and an earlier row with this e-mail. An
        // empty e-mail is never recorded (it is an error of its own).
        let known = if email.is_empty() {
            self.emails.get(&key, hash, people)
        } else {
            self.emails.record(&key, hash, this_row, people)
        };
        let earlier = known.first_row().map(Person::Row);
        let (existing, held) = match known.user() {
            Some(index) => (
                self.users().get(index as usize),
                self.held_numbers
                    .get(index as usize)
                    .copied()
                    .unwrap_or_default(),
            ),
            None => (None, HeldNumbers::default()),
        };

        let email_column = self.name(cols.email);
        if email.is_empty() {
            found.add(
                Code::EmailRequired,
                Some(email_column),
                "the User ID/Email cell is empty: every row needs the user's e-mail",
            );
        } else if let Some(problem) = check_email(email_column, email) {
            found.push(problem);
        } else if let Some(first) = earlier {
            found.add(
                Code::EmailDuplicate,
                Some(email_column),
                format!(
                    "{email} is already on line {}; keep one row per user",
                    people.line(first).unwrap_or_default()
                ),
            );
        }

        // R-CSV-03, R-CSV-07, R-CSV-08: package cells.
        let mut single: Option<(&Package, usize)> = None;
        let mut trues = 0usize;
        let mut falses = 0usize;
        let mut all_false = !cols.packages.is_empty();
        for (package, index) in &cols.packages {
            match parse_bool(cell(*index)) {
                Ok(Some(true)) => {
                    trues += 1;
                    single = single.or(Some((package, *index)));
                    all_false = false;
                }
                Ok(Some(false)) => falses += 1,
                Ok(None) => all_false = false,
                Err(()) => {
                    all_false = false;
                    found.push(not_boolean(self.name(*index), cell(*index)));
                }
            }
        }
        if trues > 1 {
            let true_columns: Vec<usize> = cols
                .packages
                .iter()
                .filter(|(_, i)| parse_bool(cell(*i)) == Ok(Some(true)))
                .map(|(_, i)| *i)
                .collect();
            let names: Vec<&str> = true_columns.iter().map(|&i| self.name(i)).collect();
            found.add(
                Code::PackageMultiple,
                true_columns.get(1).map(|&i| self.name(i)),
                format!(
                    "{trues} packages are TRUE ({}): a user holds one wholesale package; keep {} or another one TRUE and set the others FALSE or blank",
                    names.join(", "),
                    single.map_or("", |(p, _)| p.api_id())
                ),
            );
            single = None;
        }
        let mut basic = BasicCells::default();
        for (license, index) in &cols.basic {
            match parse_bool(cell(*index)) {
                Ok(Some(true)) => basic.set_true.insert(*license),
                Ok(Some(false)) => basic.set_false.insert(*license),
                Ok(None) => {}
                Err(()) => found.push(not_boolean(self.name(*index), cell(*index))),
            }
        }
        // R-CSV-12.
        for index in [cols.jabber_calling, cols.jabber_teams]
            .into_iter()
            .flatten()
        {
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
        // R-CSV-16: `number` held by another user is NUMBER_IN_USE; otherwise
        // the row claims it (taken once the row is known not to be rejected),
        // told when a rejected row has it too.
        let claim = |numbers: &NumbersInUse,
                     rejected: &NumbersInUse,
                     number: u64,
                     shown: &str,
                     column: &str,
                     found: &mut Found| {
            if let Some(owner) = numbers.holder(number, email, people) {
                let owner_email = email_key(people.email(owner));
                let whose = match people.line(owner) {
                    None => format!("{owner_email} in the org"),
                    Some(first) => format!("{owner_email} on line {first}"),
                };
                found.add(
                    Code::NumberInUse,
                    Some(column),
                    format!("{shown} is already used by {whose}; give each user their own number"),
                );
                return None;
            }
            if let Some(owner) = rejected.holder(number, email, people) {
                found.add(
                    Code::NumberHeldByRejectedRow,
                    Some(column),
                    format!(
                        "{shown} is also on line {}, which is rejected: once that row is fixed, one of the two gets NUMBER_IN_USE",
                        people.line(owner).unwrap_or_default()
                    ),
                );
            }
            Some(number)
        };
        // A number the row's own user holds is not in use by anyone else.
        let mut claims = Claims::default();
        if let (false, Some(column)) = (phone.is_empty(), self.name_of(cols.phone)) {
            let problem = check_phone_number(column, phone);
            let usable = problem
                .as_ref()
                .map_or(true, |p| p.code.severity() == Severity::Warning);
            found.extend(problem);
            if let Some(number) = number_id(phone).filter(|&n| usable && held.phone != Some(n)) {
                claims.phone = claim(
                    &self.phones,
                    &self.rejected_phones,
                    number,
                    phone,
                    column,
                    &mut found,
                );
            }
        }
        if let (false, Some(column)) = (extension.is_empty(), self.name_of(cols.extension)) {
            match check_extension(column, extension) {
                Some(problem) => found.push(problem),
                None => {
                    let ext = extension_id(extension).filter(|&e| held.extension != Some(e));
                    if let Some(ext) = ext {
                        claims.extension = claim(
                            &self.extensions,
                            &self.rejected_extensions,
                            ext,
                            extension,
                            column,
                            &mut found,
                        );
                    }
                }
            }
        }
        // R-CSV-11: the location must exist in the org (when its locations are known).
        let locations = self
            .org
            .and_then(|o| o.locations.as_deref().map(|l| (o, l)));
        if let (Some((org, locations)), false) = (locations, location.is_empty()) {
            if org.location(location).is_none() {
                let known: Vec<String> = locations
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

        let row = RowCells {
            phone,
            extension,
            location,
            site,
            first_name: opt_cell(cols.first_name),
            last_name: opt_cell(cols.last_name),
            display_name: opt_cell(cols.display_name),
        };
        self.formula_cells(&mut found, email, &row);

        if all_false {
            self.plan_removal(out, &mut found, existing, email);
        } else if let Some((package, index)) = single {
            out.package = Some(package.clone());
            self.plan_package(
                out,
                &mut found,
                existing,
                email,
                (package, self.name(index)),
                &row,
                basic,
            );
        } else if trues == 0 {
            let set_false = |current: &Package| {
                cols.packages
                    .iter()
                    .find(|(p, i)| p == current && parse_bool(cell(*i)) == Ok(Some(false)))
                    .map(|(_, i)| self.name(*i))
            };
            self.plan_kept(
                out,
                &mut found,
                existing,
                set_false,
                falses > 0,
                &row,
                basic,
            );
        }
        if matches!(out.action, Action::Add | Action::ChangePackage) {
            self.jabber_required(&mut found, cell);
        }

        out.errors = found.errors;
        out.warnings = found.warnings;
        let (phones, extensions) = if out.errors.is_empty() {
            (&mut self.phones, &mut self.extensions)
        } else {
            reject(out);
            (&mut self.rejected_phones, &mut self.rejected_extensions)
        };
        if let Some(number) = claims.phone {
            phones.record(number, this_row);
        }
        if let Some(ext) = claims.extension {
            extensions.record(ext, this_row);
        }
    }

    /// R-CSV-12: a row that adds a user or changes a package holds TRUE or
    /// FALSE in both Jabber columns.
    fn jabber_required<'c>(&self, found: &mut Found, cell: impl Fn(usize) -> &'c str) {
        for (index, name) in [
            (self.columns.jabber_calling, JABBER_CALLING),
            (self.columns.jabber_teams, JABBER_TEAMS),
        ] {
            match index {
                None => found.add(
                    Code::JabberRequired,
                    Some(name),
                    format!(
                        "the file has no {name} column, which a row that adds a user or changes a package must fill with TRUE or FALSE; add the column"
                    ),
                ),
                Some(index) if cell(index).is_empty() => found.add(
                    Code::JabberRequired,
                    Some(self.name(index)),
                    "the cell is blank; a row that adds a user or changes a package must hold TRUE or FALSE here",
                ),
                Some(_) => {}
            }
        }
    }

    /// R-CSV-22: text cells Control Hub stores that a spreadsheet would run
    /// as a formula when the users are exported again. Numbers and
    /// extensions are not among them: a valid one never starts like a
    /// formula but for E.164's `+`, and any other is an error already.
    fn formula_cells(&self, found: &mut Found, email: &str, row: &RowCells<'_>) {
        let cols = self.columns;
        let cells = [
            (Some(cols.email), email),
            (cols.first_name, row.first_name),
            (cols.last_name, row.last_name),
            (cols.display_name, row.display_name),
            (cols.location, row.location),
            (cols.site, row.site),
        ];
        for (index, value) in cells {
            if let (Some(b'=' | b'+' | b'-' | b'@'), Some(index)) = (value.bytes().next(), index) {
                found.add(
                    Code::CellFormula,
                    Some(self.name(index)),
                    format!(
                        "{:?} starts like a spreadsheet formula: Control Hub stores it as text, and a spreadsheet opening a later export may run it; remove the leading character if it is not meant",
                        truncate(value, CELL_CHARS)
                    ),
                );
            }
        }
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
        let email_column = Some(self.name(self.columns.email));
        if self.users_known() && existing.is_none() {
            found.add(
                Code::UserUnknown,
                email_column,
                format!(
                    "every package column is FALSE, which removes the user, but the org has no user {email}; fix the e-mail or delete the row"
                ),
            );
            return;
        }
        if self.org.is_some_and(|org| org.is_admin(email)) {
            found.add(
                Code::AdminRemoval,
                email_column,
                format!(
                    "{email} is the customer's full admin and cannot be removed; give the admin role to another user first"
                ),
            );
            return;
        }
        // R-CSV-08: a removal needs the FALSE of the user's own package.
        let has_column =
            |package: &Package| self.columns.packages.iter().any(|(p, _)| p == package);
        match existing.and_then(|user| user.package.as_ref()) {
            Some(package) if !has_column(package) => {
                found.add(
                    Code::RemovalNotCovered,
                    email_column,
                    format!(
                        "every package column is FALSE, but the file has no column for {package}, the package {email} holds, so Control Hub would not remove the user; add a {} column set to FALSE to remove them, or delete the row",
                        package.display_name().unwrap_or(package.api_id())
                    ),
                );
                return;
            }
            Some(_) => {}
            None => {
                let absent: Vec<&str> = Package::subscriber_packages()
                    .filter(|p| !has_column(p))
                    .filter_map(Package::display_name)
                    .collect();
                if !absent.is_empty() {
                    found.add(
                        Code::RemovalNotCovered,
                        email_column,
                        format!(
                            "every package column is FALSE, which removes the user only when the file has a column for the user's package; the user's package is not known (no org snapshot lists it) and the file has no column for {}: add those columns set to FALSE, or give an org snapshot",
                            absent.join(", ")
                        ),
                    );
                    return;
                }
            }
        }
        let Some(user) = existing else {
            return; // Planned by its cells alone.
        };
        out.package = user.package.clone();
        if let Some(package) = &user.package {
            out.remove.set_package(package.clone());
        }
        for &license in user.licenses.iter().flatten() {
            out.remove.insert_basic(license);
        }
    }

    /// Exactly one package TRUE: add, change_package, modify or no_change.
    /// `column` is the package's column.
    #[allow(clippy::too_many_arguments)]
    fn plan_package(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
        (package, column): (&Package, &str),
        row: &RowCells<'_>,
        basic: BasicCells,
    ) {
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
                self.diff(out, user, row, basic);
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
                out.assign.set_package(package.clone());
                if let Some(current) = &user.package {
                    out.remove.set_package(current.clone());
                }
                self.licenses(out, held(user), basic, true);
                self.site_warning(found, package, row.site);
            }
            None => {
                out.action = Action::Add;
                self.required_fields(found, package, row, None);
                out.assign.set_package(package.clone());
                let basic = BasicCells {
                    set_false: BasicLicenses::new(),
                    ..basic
                };
                self.licenses(out, Some(BasicLicenses::new()), basic, true);
                self.site_warning(found, package, row.site);
            }
        }
    }

    /// No package TRUE, not all FALSE: an existing user keeps the package.
    /// `set_false` gives the column of a package whose cell is FALSE;
    /// `any_false` says whether any package cell is.
    #[allow(clippy::too_many_arguments)]
    fn plan_kept<'c>(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        set_false: impl Fn(&Package) -> Option<&'c str>,
        any_false: bool,
        row: &RowCells<'_>,
        basic: BasicCells,
    ) {
        let add_only = self.behavior == ImportBehavior::AddOnly;
        if !self.users_known() {
            // By its cells alone: an update of an existing user.
            if add_only && any_false {
                found.add(
                    Code::PackageFalseIgnored,
                    None,
                    "a package cell is FALSE and the others are blank: under add services only this changes nothing, even if it is the user's package; to remove the user set every package column FALSE, to remove a package choose add and remove services",
                );
            }
            out.action = Action::Modify;
            self.licenses(out, None, basic, false);
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
            let own_false = set_false(current);
            if let (true, Some(column)) = (add_only, own_false) {
                found.add(
                    Code::PackageFalseIgnored,
                    Some(column),
                    format!(
                        "FALSE on {current}, the user's package, changes nothing under add services only while the other package cells are blank: the user keeps it; to remove the user set every package column FALSE, to remove the package choose add and remove services"
                    ),
                );
            }
            if !add_only && own_false.is_some() {
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
        self.diff(out, user, row, basic);
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

    /// R-CSV-06: basic licenses. `held` is what the user holds (`None`
    /// when not known); `with_package` means the row assigns a package,
    /// which brings the three basic licenses in add-only imports.
    fn licenses(
        &self,
        out: &mut RowOutcome,
        held: Option<BasicLicenses>,
        basic: BasicCells,
        with_package: bool,
    ) {
        let add_only = self.behavior == ImportBehavior::AddOnly;
        for license in BasicLicense::ALL {
            let wanted = basic.set_true.contains(license) || (add_only && with_package);
            if wanted && !held.is_some_and(|h| h.contains(license)) {
                out.assign.insert_basic(license);
            }
            let unwanted = !add_only && basic.set_false.contains(license);
            let maybe_held = held.map_or(!with_package, |h| h.contains(license));
            if unwanted && maybe_held {
                out.remove.insert_basic(license);
            }
        }
    }

    /// Modify or no_change for an existing user who keeps the package.
    fn diff(
        &self,
        out: &mut RowOutcome,
        user: &SnapshotUser,
        row: &RowCells<'_>,
        basic: BasicCells,
    ) {
        let differs = |cell: &str, known: &Option<String>| {
            !cell.is_empty() && known.as_deref().is_some_and(|k| !same_name(k, cell))
        };
        let changed = (!row.phone.is_empty()
            && !user
                .phone_number
                .as_deref()
                .is_some_and(|known| same_number(known, row.phone)))
            || (!row.extension.is_empty()
                && user.extension.as_deref().map(trim) != Some(row.extension))
            || (!row.location.is_empty()
                && !user
                    .location
                    .as_deref()
                    .is_some_and(|l| same_name(l, row.location)))
            || differs(row.first_name, &user.first_name)
            || differs(row.last_name, &user.last_name)
            || differs(row.display_name, &user.display_name)
            || differs(row.site, &user.preferred_webex_site);
        self.licenses(out, held(user), basic, false);
        out.action = if changed || !out.assign.is_empty() || !out.remove.is_empty() {
            Action::Modify
        } else {
            Action::NoChange
        };
    }
}

/// The basic licenses a snapshot user holds; `None` when not known.
fn held(user: &SnapshotUser) -> Option<BasicLicenses> {
    user.licenses.as_ref().map(|l| l.iter().copied().collect())
}
