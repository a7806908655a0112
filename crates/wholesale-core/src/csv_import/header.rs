//! R-CSV-02: recognizing Control Hub's header row.

use crate::package::{BasicLicense, Package};

/// What a header cell means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Email,
    FirstName,
    LastName,
    DisplayName,
    PhoneNumber,
    Extension,
    Location,
    PreferredSite,
    JabberCalling,
    JabberTeams,
    Basic(BasicLicense),
    /// A package column; the bracketed suffix (subscription or site) is kept
    /// so `Webex Calling [Sub1]` and `Webex Calling [Sub2]` are two columns.
    Package(Package, String),
    Unknown,
}

/// The columns of a file, by index.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// Header cells as written (trimmed), for problem messages.
    pub names: Vec<String>,
    pub email: usize,
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    pub display_name: Option<usize>,
    pub phone: Option<usize>,
    pub extension: Option<usize>,
    pub location: Option<usize>,
    pub site: Option<usize>,
    pub jabber: Vec<usize>,
    pub basic: Vec<(BasicLicense, usize)>,
    pub packages: Vec<(Package, usize)>,
    pub unknown: Vec<usize>,
}

/// Why a header cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HeaderError {
    EmailMissing,
    /// (first index, second index) of two cells naming the same column.
    Duplicate(usize, usize),
}

/// Lowercase, whitespace removed, "(Required)" suffix dropped.
fn normalize(cell: &str) -> String {
    let mut key: String = cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(stripped) = key.strip_suffix("(required)") {
        key.truncate(stripped.len());
    }
    key
}

fn squash(name: &str) -> String {
    normalize(name)
}

/// Classifies one header cell.
pub(crate) fn classify(cell: &str) -> Column {
    let key = normalize(cell);
    let fixed = match key.as_str() {
        "userid/email" | "email" | "userid" => Some(Column::Email),
        "firstname" => Some(Column::FirstName),
        "lastname" => Some(Column::LastName),
        "displayname" => Some(Column::DisplayName),
        "phonenumber" => Some(Column::PhoneNumber),
        "extension" => Some(Column::Extension),
        "location" => Some(Column::Location),
        "preferredwebexsite" => Some(Column::PreferredSite),
        "jabbercalling" => Some(Column::JabberCalling),
        "jabberwithwebexteams" => Some(Column::JabberTeams),
        _ => None,
    };
    if let Some(column) = fixed {
        return column;
    }
    if let Some(license) = BasicLicense::ALL
        .into_iter()
        .find(|l| squash(l.display_name()) == key)
    {
        return Column::Basic(license);
    }
    // A package display name, optionally followed by "[suffix]".
    let (name, suffix) = match key.find('[') {
        Some(open) if key.ends_with(']') => (&key[..open], &key[open..]),
        _ => (key.as_str(), ""),
    };
    Package::subscriber_packages()
        .find(|p| p.display_name().is_some_and(|d| squash(d) == name))
        .map_or(Column::Unknown, |p| {
            Column::Package(p.clone(), suffix.to_owned())
        })
}

/// Reads the header row.
pub(crate) fn parse<'a>(cells: impl Iterator<Item = &'a str>) -> Result<Columns, HeaderError> {
    let mut columns = Columns::default();
    let mut email = None;
    let mut seen: Vec<(Column, usize)> = Vec::new();
    for (index, cell) in cells.enumerate() {
        columns.names.push(cell.trim().to_owned());
        let column = classify(cell);
        if column != Column::Unknown {
            if let Some(&(_, first)) = seen.iter().find(|(c, _)| *c == column) {
                return Err(HeaderError::Duplicate(first, index));
            }
            seen.push((column.clone(), index));
        }
        let slot = match column {
            Column::Email => {
                email = Some(index);
                continue;
            }
            Column::FirstName => &mut columns.first_name,
            Column::LastName => &mut columns.last_name,
            Column::DisplayName => &mut columns.display_name,
            Column::PhoneNumber => &mut columns.phone,
            Column::Extension => &mut columns.extension,
            Column::Location => &mut columns.location,
            Column::PreferredSite => &mut columns.site,
            Column::JabberCalling | Column::JabberTeams => {
                columns.jabber.push(index);
                continue;
            }
            Column::Basic(license) => {
                columns.basic.push((license, index));
                continue;
            }
            Column::Package(package, _) => {
                columns.packages.push((package, index));
                continue;
            }
            Column::Unknown => {
                columns.unknown.push(index);
                continue;
            }
        };
        *slot = Some(index);
    }
    columns.email = email.ok_or(HeaderError::EmailMissing)?;
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_csv_02_tolerant_header_names() {
        for email in [
            "User ID/Email",
            "user id/email (Required)",
            " USER ID / EMAIL ",
            "UserID/Email(required)",
        ] {
            assert_eq!(classify(email), Column::Email, "{email}");
        }
        assert_eq!(classify("Phone Number"), Column::PhoneNumber);
        assert_eq!(
            classify("Basic Space Meetings"),
            Column::Basic(BasicLicense::BasicSpaceMeetings)
        );
        assert_eq!(
            classify("Webex Calling [Sub123]"),
            Column::Package(Package::WebexCalling, "[sub123]".into())
        );
        assert_eq!(
            classify("webex meetings [acme.webex.com]"),
            Column::Package(Package::WebexMeetings, "[acme.webex.com]".into())
        );
        assert_eq!(
            classify("Webex Calling Standard"),
            Column::Package(Package::WebexCallingStandard, String::new())
        );
        assert_eq!(classify("Department"), Column::Unknown);
        assert_eq!(classify("Webex Calling [oops"), Column::Unknown);
        // Customer-level packages are not user columns.
        assert_eq!(classify("Webex Common Area Calling"), Column::Unknown);
    }

    #[test]
    fn r_csv_02_key_column_required_and_duplicates_refused() {
        assert_eq!(
            parse(["First Name", "Webex Calling"].into_iter()).unwrap_err(),
            HeaderError::EmailMissing
        );
        assert_eq!(
            parse(["User ID/Email", "Location", "location (required)"].into_iter()).unwrap_err(),
            HeaderError::Duplicate(1, 2)
        );
        let two_subscriptions =
            parse(["Email", "Webex Calling [A]", "Webex Calling [B]", "X", "X"].into_iter())
                .unwrap();
        assert_eq!(two_subscriptions.packages.len(), 2);
        assert_eq!(two_subscriptions.unknown, vec![3, 4]);
    }
}
