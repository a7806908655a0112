//! One data row against the header, the snapshot and the rows before it
//! (R-CSV-03, R-CSV-05..18, R-CSV-20..22).
//!
//! This runs 20,000 times per file, so a typical row allocates nothing:
//! cells are borrowed from the record, the e-mail is held inline, the
//! cross-row indexes hold indexes rather than copies, and the license lists
//! are inline.
//!
//! The checks are in `row/rules.rs`, one function per rule, each documented
//! starting with its rule ID. This file is the planner: the order in which
//! the checks run, the [`Found`] collector they report to, and the row's
//! outcome (its action, package and license changes, the numbers it takes).

mod export;
mod rules;

use super::header::Columns;
use super::index::{EmailEntry, EmailIndex, HashSet, NumbersInUse, People, Person};
use super::records::Record;
use super::{Action, ImportBehavior, ImportOptions, OrgSnapshot, RowOutcome, SnapshotUser};
use crate::codes::{Code, Severity};
use crate::contact::{email_key, extension_id, number_id, same_number};
use crate::package::{BasicLicense, BasicLicenses, Package};
use crate::problem::Problem;
use crate::text::{same_name, trim};
use rules::{cell, check_blank_row, parse_bool, ThisRow};

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
    /// The e-mail keys of the customer's full admins (R-CUS-05), gathered
    /// once: asking the snapshot would pass over every user for every row.
    admins: HashSet<String>,
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

/// Nothing happens for a rejected row.
pub(super) fn reject(row: &mut RowOutcome) {
    row.action = Action::Rejected;
    row.assign.clear();
    row.remove.clear();
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
        let mut admins = HashSet::default();
        if let Some(admin) = org.and_then(|o| o.admin_email.as_deref()) {
            admins.insert(email_key(trim(admin)).into_owned());
        }
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
            if user.full_admin {
                admins.insert(key.into_owned());
            }
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
            admins,
        }
    }

    /// Whether `email` is a full admin of the customer (R-CUS-05), as
    /// [`OrgSnapshot::is_admin`] decides it: e-mails are the same when
    /// their keys are ([`crate::contact::same_email`]).
    fn is_admin(&self, email: &str) -> bool {
        !self.admins.is_empty() && self.admins.contains(email_key(trim(email)).as_ref())
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
    /// after the rows `rows`: the row's checks in order, then its plan.
    fn fill(
        &mut self,
        out: &mut RowOutcome,
        record: &Record<'_>,
        blank: bool,
        email: &str,
        rows: &[RowOutcome],
    ) {
        let cols = self.columns;
        let opt_cell = |index: Option<usize>| index.map(|i| cell(record, i)).unwrap_or_default();
        let mut found = Found::default();

        // A blank row only warns; a row that cannot be read column by
        // column is rejected before any cell is looked at.
        if blank {
            check_blank_row(&mut found);
            out.warnings = found.warnings;
            return;
        }
        self.check_line_breaks(&mut found, record, out.line, out.last_line);
        self.check_field_count(&mut found, record);
        if !found.errors.is_empty() {
            out.errors = found.errors;
            reject(out);
            return;
        }

        // R-CSV-14: the key.
        let (this_row, known) = self.record_email(email, rows);
        let people = People {
            users: self.users(),
            rows,
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

        // The cells, each against its own rules.
        self.check_email_cell(&mut found, email, earlier, people);
        let packages = self.check_package_cells(&mut found, record);
        let basic = self.check_basic_license_cells(&mut found, record);
        self.check_jabber_cells(&mut found, record);
        let phone = opt_cell(cols.phone);
        let extension = opt_cell(cols.extension);
        let location = opt_cell(cols.location);
        let site = opt_cell(cols.site);
        let this = ThisRow { email, people };
        let claims = Claims {
            phone: self.check_phone_cell(&mut found, phone, held.phone, &this),
            extension: self.check_extension_cell(&mut found, extension, held.extension, &this),
        };
        self.check_location_known(&mut found, location);
        let row = RowCells {
            phone,
            extension,
            location,
            site,
            first_name: opt_cell(cols.first_name),
            last_name: opt_cell(cols.last_name),
            display_name: opt_cell(cols.display_name),
        };
        self.check_formula_cells(&mut found, email, &row);

        // The plan, by the package cells.
        if packages.all_false {
            self.plan_removal(out, &mut found, existing, email);
        } else if let Some((package, index)) = packages.single {
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
        } else if packages.trues == 0 {
            let set_false = |current: &Package| {
                cols.packages
                    .iter()
                    .find(|(p, i)| p == current && parse_bool(cell(record, *i)) == Ok(Some(false)))
                    .map(|(_, i)| self.name(*i))
            };
            self.plan_kept(
                out,
                &mut found,
                existing,
                set_false,
                packages.falses > 0,
                &row,
                basic,
            );
        }
        if matches!(out.action, Action::Add | Action::ChangePackage) {
            self.check_jabber_required(&mut found, record);
        }

        self.settle(out, found, claims, this_row);
    }

    /// The row about to be planned after `rows`, and what is known of its
    /// e-mail: one lookup finds a known user and an earlier row with it, and
    /// records the row. An empty e-mail is never recorded (it is an error of
    /// its own).
    fn record_email(&mut self, email: &str, rows: &[RowOutcome]) -> (Person, EmailEntry) {
        let this_row = Person::row(rows.len());
        let people = People {
            users: self.users(),
            rows,
        };
        let key = email_key(email);
        let hash = EmailIndex::hash(&key);
        let known = if email.is_empty() {
            self.emails.get(&key, hash, people)
        } else {
            self.emails.record(&key, hash, this_row, people)
        };
        (this_row, known)
    }

    /// Gives `out` what was found, rejecting it on an error; the numbers
    /// the row claims are taken only when it is not rejected (R-CSV-16).
    fn settle(&mut self, out: &mut RowOutcome, found: Found, claims: Claims, this_row: Person) {
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

    /// R-CSV-08: every package column FALSE: `remove`, once the removal's
    /// checks pass; it removes the package and the licenses the snapshot
    /// lists.
    fn plan_removal(
        &self,
        out: &mut RowOutcome,
        found: &mut Found,
        existing: Option<&SnapshotUser>,
        email: &str,
    ) {
        out.action = Action::Remove;
        let goes_on = self.check_removed_user_exists(found, existing, email)
            && self.check_admin_not_removed(found, email)
            && self.check_removal_covered(found, existing, email);
        if !goes_on {
            return;
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
        self.check_package_subscribed(found, package, column);
        self.check_admin_keeps_package(found, email, package, column);
        match existing {
            Some(user) if user.package.as_ref() == Some(package) => {
                self.required_fields(found, package, row, Some(user));
                self.diff(out, user, row, basic);
            }
            Some(user) => {
                out.action = Action::ChangePackage;
                rules::check_package_change_number(found, package, row, user, column);
                out.assign.set_package(package.clone());
                if let Some(current) = &user.package {
                    out.remove.set_package(current.clone());
                }
                self.licenses(out, held(user), basic, true);
                self.check_preferred_site(found, package, row.site);
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
                self.check_preferred_site(found, package, row.site);
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
        if !self.users_known() {
            // By its cells alone: an update of an existing user.
            self.check_false_ignored_by_cells(found, any_false);
            out.action = Action::Modify;
            self.licenses(out, None, basic, false);
            return;
        }
        let Some(user) = existing else {
            rules::check_new_user_package(found);
            return;
        };
        out.package = user.package.clone();
        if let Some(current) = &user.package {
            let own_false = set_false(current);
            self.check_own_false_ignored(found, current, own_false);
            if !self.check_own_false_keeps_a_package(found, current, own_false) {
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
        self.check_number_required(found, package, row, user);
        self.check_location_required(found, package, row, user);
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

#[cfg(test)]
mod tests {
    use super::super::{check_bytes, ImportOptions, OrgSnapshot};
    use crate::codes::Code;

    #[test]
    fn r_cus_05_a_row_is_an_admin_exactly_when_the_snapshot_says_so() {
        let org = OrgSnapshot::from_json(
            r#"{"package": "webex_calling", "admin_email": " JÖRAN@Exempel.se ",
                "users": [{"email": "jöran@exempel.se", "package": "webex_calling", "extension": "100"},
                          {"email": "ana@bücher.example", "package": "webex_calling", "extension": "101", "full_admin": true},
                          {"email": "bo@acme.example", "package": "webex_calling", "extension": "102"},
                          {"email": "cy@acme.example", "package": "webex_calling", "extension": "103", "full_admin": true}]}"#,
        )
        .unwrap();
        let emails = [
            "Jöran@exempel.se",
            "ana@xn--bcher-kva.example",
            "BO@acme.example",
            " Cy@Acme.Example ",
        ];
        let mut csv = String::from("User ID/Email,Webex Calling\n");
        for email in emails {
            csv.push_str(&format!("{email},FALSE\n"));
        }
        let plan = check_bytes(csv.as_bytes(), &ImportOptions::new().with_org(org.clone()));
        let refused: Vec<bool> = plan
            .rows
            .iter()
            .map(|r| r.errors.iter().any(|p| p.code == Code::AdminRemoval))
            .collect();
        let admins: Vec<bool> = emails.iter().map(|e| org.is_admin(e)).collect();
        assert_eq!(refused, admins, "{:?}", plan.rows);
        assert_eq!(refused, [true, true, false, true]);
    }
}
