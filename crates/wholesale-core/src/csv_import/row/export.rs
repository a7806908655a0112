//! A row of Control Hub's user export read as the state of one user
//! (R-CSV-21): the import's own cell checks, without the rules that judge
//! a change (the export is what the org holds, not what an import asks).

use super::rules::{cell, ThisRow};
use super::{Claims, Found, Planner};
use crate::csv_import::records::Record;
use crate::csv_import::{RowOutcome, SnapshotUser};
use crate::package::BasicLicense;

impl Planner<'_> {
    /// R-CSV-21: reads the export row `record` after `rows` and appends its
    /// entry (errors and warnings, no action) to `rows`. The row is read as
    /// the import reads its cells (R-CSV-03, R-CSV-05, R-CSV-07, R-CSV-14 to
    /// R-CSV-16): a ragged row, a line break in a cell, a cell that is not
    /// TRUE/FALSE, two packages TRUE, an invalid or repeated e-mail, an
    /// invalid number or one held by an earlier user are errors, since a
    /// snapshot missing that user would let checks pass that must not.
    /// Returns the user when the row has no error; a blank row is no user.
    pub fn export_row(
        &mut self,
        record: &Record<'_>,
        blank: bool,
        rows: &mut Vec<RowOutcome>,
    ) -> Option<SnapshotUser> {
        let email = cell(record, self.columns.email);
        let mut out = RowOutcome {
            line: record.first_line,
            last_line: record.last_line,
            email: email.into(),
            action: crate::csv_import::Action::NoChange,
            package: None,
            assign: Default::default(),
            remove: Default::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let mut found = Found::default();
        let mut user = None;
        if blank {
            super::check_blank_row(&mut found);
        } else {
            self.check_line_breaks(&mut found, record, out.line, out.last_line);
            self.check_field_count(&mut found, record);
        }
        if blank || !found.errors.is_empty() {
            out.errors = found.errors;
            out.warnings = found.warnings;
            rows.push(out);
            return None;
        }
        let (this_row, known) = self.record_email(email, rows);
        let people = super::People {
            users: self.users(),
            rows,
        };
        let earlier = known.first_row().map(super::Person::Row);
        self.check_email_cell(&mut found, email, earlier, people);
        let packages = self.check_package_cells(&mut found, record);
        let basic = self.check_basic_license_cells(&mut found, record);
        let value = |index: Option<usize>| {
            index
                .map(|i| cell(record, i))
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let this = ThisRow { email, people };
        let (phone, extension) = (value(self.columns.phone), value(self.columns.extension));
        let claims = Claims {
            phone: self.check_phone_cell(&mut found, phone.as_deref().unwrap_or(""), None, &this),
            extension: self.check_extension_cell(
                &mut found,
                extension.as_deref().unwrap_or(""),
                None,
                &this,
            ),
        };
        if found.errors.is_empty() {
            // Without basic-license columns the export does not say which
            // the user holds: not known, rather than none.
            let licenses = (!self.columns.basic.is_empty()).then(|| {
                BasicLicense::ALL
                    .into_iter()
                    .filter(|&l| basic.set_true.contains(l))
                    .collect()
            });
            user = Some(SnapshotUser {
                email: email.to_owned(),
                package: packages.single.map(|(package, _)| package.clone()),
                phone_number: phone,
                extension,
                location: value(self.columns.location),
                licenses,
                first_name: value(self.columns.first_name),
                last_name: value(self.columns.last_name),
                display_name: value(self.columns.display_name),
                preferred_webex_site: value(self.columns.site),
                // The export has no role column: who is an admin is not known here.
                full_admin: false,
            });
        }
        self.settle(&mut out, found, claims, this_row);
        rows.push(out);
        user
    }
}
