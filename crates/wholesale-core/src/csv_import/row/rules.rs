//! The checks a data row goes through, one function per rule, each named
//! after what it checks and documented starting with its rule ID(s).
//!
//! A check adds what it finds to the row's [`Found`]; one that decides
//! whether planning goes on returns `true` when it does. The planner
//! (`row.rs`) applies them in order and assembles the outcome. Nothing here
//! allocates unless a problem is found.

use super::{BasicCells, Found, Planner, RowCells};
use crate::codes::{Code, Severity};
use crate::contact::{
    check_email, check_extension, check_phone_number, email_key, extension_id, number_id,
};
use crate::csv_import::header::{JABBER_CALLING, JABBER_TEAMS};
use crate::csv_import::index::{NumbersInUse, People, Person};
use crate::csv_import::records::Record;
use crate::csv_import::{ImportBehavior, SnapshotUser};
use crate::package::Package;
use crate::problem::Problem;
use crate::provisioning::{check_admin_package, check_calling_number};
use crate::text::{trim, truncate};

/// How much of a cell a row message quotes.
const CELL_CHARS: usize = 60;

/// The trimmed cell `index` of `record` ("" when the row has no such cell).
pub(super) fn cell<'r>(record: &Record<'r>, index: usize) -> &'r str {
    trim(record.get(index).unwrap_or_default())
}

/// A boolean cell: TRUE / FALSE in any case, or blank (R-CSV-03).
pub(super) fn parse_bool(cell: &str) -> Result<Option<bool>, ()> {
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

/// R-CSV-03: `CELL_NOT_BOOLEAN` for a package or basic-license cell.
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

/// Whether a snapshot value is there and not blank.
fn has(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !trim(v).is_empty())
}

/// The package cells of a row as the plan needs them.
pub(super) struct PackageCells<'a> {
    /// The package set TRUE and its column, when exactly one is.
    pub single: Option<(&'a Package, usize)>,
    /// How many package cells are TRUE.
    pub trues: usize,
    /// How many package cells are FALSE.
    pub falses: usize,
    /// Every package cell FALSE, none blank (R-CSV-08: a removal); never so
    /// for a file without package columns.
    pub all_false: bool,
}

/// The row being planned, for the cross-row checks: its e-mail and where
/// the people before it are.
pub(super) struct ThisRow<'r> {
    /// The row's e-mail cell, trimmed.
    pub email: &'r str,
    /// The snapshot's users and the rows planned before this one.
    pub people: People<'r>,
}

/// R-CSV-20: a row of blank cells (spreadsheets leave them) changes nothing:
/// `ROW_BLANK`, a warning.
pub(super) fn check_blank_row(found: &mut Found) {
    found.add(
        Code::RowBlank,
        None,
        "every cell is blank: nothing happens for this row; delete it",
    );
}

/// R-CSV-16: `number` (written `shown` in `column`) held by another user or
/// an earlier planned row is `NUMBER_IN_USE`; otherwise the row claims it
/// (taken once the row is known not to be rejected), with
/// `NUMBER_HELD_BY_REJECTED_ROW` when a rejected row has it too. Returns the
/// number claimed.
fn claim_number(
    found: &mut Found,
    numbers: &NumbersInUse,
    rejected: &NumbersInUse,
    number: u64,
    shown: &str,
    column: &str,
    this: &ThisRow<'_>,
) -> Option<u64> {
    let &ThisRow { email, people } = this;
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
}

/// R-CSV-18 with R-USR-02: a user moved to another package keeps or gets a
/// number (or extension) and a location when the new package needs them
/// (`PACKAGE_CHANGE_NEEDS_NUMBER`); a blank cell falls back to the
/// snapshot's value.
pub(super) fn check_package_change_number(
    found: &mut Found,
    package: &Package,
    row: &RowCells<'_>,
    user: &SnapshotUser,
    column: &str,
) {
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
}

/// R-CSV-09: a row for an e-mail the org does not have adds a user, who
/// needs exactly one package TRUE: `PACKAGE_REQUIRED`.
pub(super) fn check_new_user_package(found: &mut Found) {
    found.add(
        Code::PackageRequired,
        None,
        "the org has no user with this e-mail, so the row adds one, and a new user needs exactly one package column set TRUE",
    );
}

impl<'a> Planner<'a> {
    /// R-CSV-05: no user field holds a line break; a cell that does is a
    /// quote that swallowed the lines after it, which must not vanish:
    /// `CELL_LINE_BREAK` for each such cell. `line..=last_line` are the
    /// physical lines the record was read from.
    pub(super) fn check_line_breaks(
        &self,
        found: &mut Found,
        record: &Record<'_>,
        line: u64,
        last_line: u64,
    ) {
        if !record.has_line_break() {
            return;
        }
        for index in record.cells_with_line_breaks() {
            let column = self.columns.names.get(index).map_or_else(
                || format!("column {}", index.saturating_add(1)),
                Clone::clone,
            );
            let spans = if last_line > line {
                format!("lines {line}-{last_line} were read as this one row")
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

    /// R-CSV-05: a ragged row (more or fewer fields than the header) cannot
    /// be read column by column: `ROW_MALFORMED`.
    pub(super) fn check_field_count(&self, found: &mut Found, record: &Record<'_>) {
        let columns = self.columns.names.len();
        if record.len() != columns {
            found.add(
                Code::RowMalformed,
                None,
                format!(
                    "the row has {} fields but the header has {columns}: a delimiter or quote is missing or extra",
                    record.len(),
                ),
            );
        }
    }

    /// R-CSV-14: the e-mail, the row's key, is there (`EMAIL_REQUIRED`), is
    /// an address (`EMAIL_INVALID`) and is on no earlier row
    /// (`EMAIL_DUPLICATE`; `earlier` is the first row with it).
    pub(super) fn check_email_cell(
        &self,
        found: &mut Found,
        email: &str,
        earlier: Option<Person>,
        people: People<'_>,
    ) {
        let email_column = self.name(self.columns.email);
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
    }

    /// R-CSV-03, R-CSV-07: every package cell is TRUE, FALSE or blank
    /// (`CELL_NOT_BOOLEAN`), and at most one is TRUE (`PACKAGE_MULTIPLE`,
    /// which leaves the row without a package). Returns the cells as the
    /// plan needs them, with R-CSV-08's all-FALSE.
    pub(super) fn check_package_cells(
        &self,
        found: &mut Found,
        record: &Record<'_>,
    ) -> PackageCells<'a> {
        let cols = self.columns;
        let mut single: Option<(&Package, usize)> = None;
        let mut trues = 0usize;
        let mut falses = 0usize;
        let mut all_false = !cols.packages.is_empty();
        for (package, index) in &cols.packages {
            match parse_bool(cell(record, *index)) {
                Ok(Some(true)) => {
                    trues += 1;
                    single = single.or(Some((package, *index)));
                    all_false = false;
                }
                Ok(Some(false)) => falses += 1,
                Ok(None) => all_false = false,
                Err(()) => {
                    all_false = false;
                    found.push(not_boolean(self.name(*index), cell(record, *index)));
                }
            }
        }
        if trues > 1 {
            let true_columns: Vec<usize> = cols
                .packages
                .iter()
                .filter(|(_, i)| parse_bool(cell(record, *i)) == Ok(Some(true)))
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
        PackageCells {
            single,
            trues,
            falses,
            all_false,
        }
    }

    /// R-CSV-03: every basic-license cell is TRUE, FALSE or blank
    /// (`CELL_NOT_BOOLEAN`). Returns the licenses set TRUE and FALSE
    /// (R-CSV-06 plans them).
    pub(super) fn check_basic_license_cells(
        &self,
        found: &mut Found,
        record: &Record<'_>,
    ) -> BasicCells {
        let mut basic = BasicCells::default();
        for (license, index) in &self.columns.basic {
            match parse_bool(cell(record, *index)) {
                Ok(Some(true)) => basic.set_true.insert(*license),
                Ok(Some(false)) => basic.set_false.insert(*license),
                Ok(None) => {}
                Err(()) => found.push(not_boolean(self.name(*index), cell(record, *index))),
            }
        }
        basic
    }

    /// R-CSV-12: the Jabber cells are TRUE, FALSE or blank
    /// (`JABBER_CELL_INVALID`).
    pub(super) fn check_jabber_cells(&self, found: &mut Found, record: &Record<'_>) {
        for index in [self.columns.jabber_calling, self.columns.jabber_teams]
            .into_iter()
            .flatten()
        {
            if parse_bool(cell(record, index)).is_err() {
                found.add(
                    Code::JabberCellInvalid,
                    Some(self.name(index)),
                    format!(
                        "{:?} is not TRUE, FALSE or blank",
                        truncate(cell(record, index), CELL_CHARS)
                    ),
                );
            }
        }
    }

    /// R-CSV-15, R-CSV-16: a phone number is E.164 (`PHONE_NUMBER_INVALID`;
    /// `PHONE_NUMBER_NO_PLUS`, a warning, still lets it be used) and not
    /// another user's ([`claim_number`]). A number the row's own user holds
    /// (`held`) is not in use by anyone else. Returns the number the row
    /// claims.
    pub(super) fn check_phone_cell(
        &self,
        found: &mut Found,
        phone: &str,
        held: Option<u64>,
        this: &ThisRow<'_>,
    ) -> Option<u64> {
        let (false, Some(column)) = (phone.is_empty(), self.name_of(self.columns.phone)) else {
            return None;
        };
        let problem = check_phone_number(column, phone);
        let usable = problem
            .as_ref()
            .map_or(true, |p| p.code.severity() == Severity::Warning);
        found.extend(problem);
        let number = number_id(phone).filter(|&n| usable && held != Some(n))?;
        claim_number(
            found,
            &self.phones,
            &self.rejected_phones,
            number,
            phone,
            column,
            this,
        )
    }

    /// R-CSV-16: an extension is valid (`EXTENSION_INVALID`) and not another
    /// user's ([`claim_number`]). An extension the row's own user holds
    /// (`held`) is not in use by anyone else. Returns the extension the row
    /// claims.
    pub(super) fn check_extension_cell(
        &self,
        found: &mut Found,
        extension: &str,
        held: Option<u64>,
        this: &ThisRow<'_>,
    ) -> Option<u64> {
        let (false, Some(column)) = (extension.is_empty(), self.name_of(self.columns.extension))
        else {
            return None;
        };
        if let Some(problem) = check_extension(column, extension) {
            found.push(problem);
            return None;
        }
        let ext = extension_id(extension).filter(|&e| held != Some(e))?;
        claim_number(
            found,
            &self.extensions,
            &self.rejected_extensions,
            ext,
            extension,
            column,
            this,
        )
    }

    /// R-CSV-11: a non-blank location is one of the org's, when the snapshot
    /// lists them (`LOCATION_UNKNOWN`, naming up to ten known ones).
    pub(super) fn check_location_known(&self, found: &mut Found, location: &str) {
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
                    self.name_of(self.columns.location),
                    format!(
                        "{:?} is not a location of this customer (known: {}); create it in Control Hub first or fix the name",
                        truncate(location, CELL_CHARS),
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    ),
                );
            }
        }
    }

    /// R-CSV-22: text cells Control Hub stores that a spreadsheet would run
    /// as a formula when the users are exported again (`CELL_FORMULA`, a
    /// warning). Numbers and extensions are not among them: a valid one
    /// never starts like a formula but for E.164's `+`, and any other is an
    /// error already.
    pub(super) fn check_formula_cells(&self, found: &mut Found, email: &str, row: &RowCells<'_>) {
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

    /// R-CSV-12: a row that adds a user or changes a package holds TRUE or
    /// FALSE in both Jabber columns (`JABBER_REQUIRED` for a blank cell or a
    /// missing column).
    pub(super) fn check_jabber_required(&self, found: &mut Found, record: &Record<'_>) {
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
                Some(index) if cell(record, index).is_empty() => found.add(
                    Code::JabberRequired,
                    Some(self.name(index)),
                    "the cell is blank; a row that adds a user or changes a package must hold TRUE or FALSE here",
                ),
                Some(_) => {}
            }
        }
    }

    /// R-CSV-08: every package column FALSE removes a user, who must be in
    /// the org when the snapshot lists its users (`USER_UNKNOWN`). Returns
    /// whether the removal goes on.
    pub(super) fn check_removed_user_exists(
        &self,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
    ) -> bool {
        if self.users_known() && existing.is_none() {
            found.add(
                Code::UserUnknown,
                Some(self.name(self.columns.email)),
                format!(
                    "every package column is FALSE, which removes the user, but the org has no user {email}; fix the e-mail or delete the row"
                ),
            );
            return false;
        }
        true
    }

    /// R-CUS-05 (applied by R-CSV-18): a full admin of the customer cannot be
    /// removed (`ADMIN_REMOVAL`). Returns whether the removal goes on.
    pub(super) fn check_admin_not_removed(&self, found: &mut Found, email: &str) -> bool {
        if self.is_admin(email) {
            found.add(
                Code::AdminRemoval,
                Some(self.name(self.columns.email)),
                format!(
                    "{email} is a full admin of the customer and cannot be removed; take the admin role away (or give it to another user) first"
                ),
            );
            return false;
        }
        true
    }

    /// R-CSV-08: Control Hub removes a user only when the cell of the
    /// user's own package is FALSE, so the file needs that column; when the
    /// user's package is not known, a column for every subscriber package
    /// (`REMOVAL_NOT_COVERED`). Returns whether the removal goes on.
    pub(super) fn check_removal_covered(
        &self,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
    ) -> bool {
        let email_column = Some(self.name(self.columns.email));
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
                false
            }
            Some(_) => true,
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
                    return false;
                }
                true
            }
        }
    }

    /// R-CSV-17: the package set TRUE (in `column`) is one the customer
    /// subscribes to, when the snapshot lists them (`PACKAGE_NOT_SUBSCRIBED`).
    pub(super) fn check_package_subscribed(
        &self,
        found: &mut Found,
        package: &Package,
        column: &str,
    ) {
        let Some(subscribed) = self.org.and_then(|org| org.subscribed_packages.as_ref()) else {
            return;
        };
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

    /// R-CSV-18 with R-CUS-05: every full admin of the customer keeps the package
    /// the customer was created with (`ADMIN_PACKAGE_DOWNGRADE`).
    pub(super) fn check_admin_keeps_package(
        &self,
        found: &mut Found,
        email: &str,
        package: &Package,
        column: &str,
    ) {
        let Some(org) = self.org else {
            return;
        };
        if let (true, Some(customer_package)) = (self.is_admin(email), &org.package) {
            found.extend(check_admin_package(customer_package, package, column));
        }
    }

    /// R-CSV-10: a calling package needs a phone number or an extension
    /// (`NUMBER_REQUIRED`); a blank cell keeps the snapshot user's.
    pub(super) fn check_number_required(
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
    }

    /// R-CSV-11: a calling package needs a location (`LOCATION_REQUIRED`);
    /// a blank cell keeps the snapshot user's.
    pub(super) fn check_location_required(
        &self,
        found: &mut Found,
        package: &Package,
        row: &RowCells<'_>,
        user: Option<&SnapshotUser>,
    ) {
        if !package.requires_number_and_location() {
            return;
        }
        if row.location.is_empty() && !user.is_some_and(|u| has(&u.location)) {
            found.add(
                Code::LocationRequired,
                self.name_of(self.columns.location),
                format!("{package} needs a location: fill Location with one of the customer's locations"),
            );
        }
    }

    /// R-CSV-13: a package assigned (on `add` and `change_package`) that
    /// expects a Preferred Webex Site, every known one but Webex Voice, has
    /// one (`PREFERRED_SITE_MISSING`, a warning).
    pub(super) fn check_preferred_site(&self, found: &mut Found, package: &Package, site: &str) {
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

    /// R-CSV-08: under add services only, a FALSE package cell with the
    /// others blank changes nothing (`PACKAGE_FALSE_IGNORED`, a warning);
    /// this one for a row planned by its cells alone (`any_false`: some
    /// package cell is FALSE).
    pub(super) fn check_false_ignored_by_cells(&self, found: &mut Found, any_false: bool) {
        if self.behavior == ImportBehavior::AddOnly && any_false {
            found.add(
                Code::PackageFalseIgnored,
                None,
                "a package cell is FALSE and the others are blank: under add services only this changes nothing, even if it is the user's package; to remove the user set every package column FALSE, to remove a package choose add and remove services",
            );
        }
    }

    /// R-CSV-08: under add services only, FALSE on the user's own package
    /// (`current`, whose column is `own_false` when its cell is FALSE) with
    /// the other package cells blank changes nothing
    /// (`PACKAGE_FALSE_IGNORED`, a warning).
    pub(super) fn check_own_false_ignored(
        &self,
        found: &mut Found,
        current: &Package,
        own_false: Option<&str>,
    ) {
        if let (true, Some(column)) = (self.behavior == ImportBehavior::AddOnly, own_false) {
            found.add(
                Code::PackageFalseIgnored,
                Some(column),
                format!(
                    "FALSE on {current}, the user's package, changes nothing under add services only while the other package cells are blank: the user keeps it; to remove the user set every package column FALSE, to remove the package choose add and remove services"
                ),
            );
        }
    }

    /// R-CSV-09: under add and remove services, FALSE on the user's own
    /// package (`current`; `own_false` its column when FALSE) with no other
    /// package TRUE would leave the user without one (`PACKAGE_REQUIRED`).
    /// Returns whether planning goes on.
    pub(super) fn check_own_false_keeps_a_package(
        &self,
        found: &mut Found,
        current: &Package,
        own_false: Option<&str>,
    ) -> bool {
        if self.behavior != ImportBehavior::AddOnly && own_false.is_some() {
            found.add(
                Code::PackageRequired,
                None,
                format!(
                    "FALSE would remove {current} and leave the user without a package; set the new package TRUE to change it, or every package column FALSE to remove the user"
                ),
            );
            return false;
        }
        true
    }
}
