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
    pub jabber_calling: Option<usize>,
    pub jabber_teams: Option<usize>,
    pub basic: Vec<(BasicLicense, usize)>,
    pub packages: Vec<(Package, usize)>,
    pub unknown: Vec<usize>,
    /// Unknown columns whose name is close to a known one, with that name.
    pub misspelled: Vec<(usize, &'static str)>,
}

/// Why a header cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HeaderError {
    EmailMissing,
    /// (first index, second index) of two cells naming the same column.
    Duplicate(usize, usize),
}

/// Lowercase, whitespace removed, "(Required)" suffix dropped.
pub(crate) fn normalize(cell: &str) -> String {
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

pub(crate) const JABBER_CALLING: &str = "Jabber Calling";
pub(crate) const JABBER_TEAMS: &str = "Jabber with Webex Teams";

/// The fixed columns the import reads, as Control Hub's template spells
/// them (matched as [`normalize`] says).
const FIXED: [(&str, Column); 10] = [
    ("User ID/Email", Column::Email),
    ("First Name", Column::FirstName),
    ("Last Name", Column::LastName),
    ("Display Name", Column::DisplayName),
    ("Phone Number", Column::PhoneNumber),
    ("Extension", Column::Extension),
    ("Location", Column::Location),
    ("Preferred Webex Site", Column::PreferredSite),
    (JABBER_CALLING, Column::JabberCalling),
    (JABBER_TEAMS, Column::JabberTeams),
];

/// Other names accepted for the key column.
const EMAIL_ALIASES: [&str; 2] = ["Email", "User ID"];

fn squash(name: &str) -> String {
    normalize(name)
}

/// Classifies one header cell.
pub(crate) fn classify(cell: &str) -> Column {
    let key = normalize(cell);
    if EMAIL_ALIASES.iter().any(|alias| normalize(alias) == key) {
        return Column::Email;
    }
    if let Some((_, column)) = FIXED.iter().find(|(name, _)| normalize(name) == key) {
        return column.clone();
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

/// Every column name the import knows: fixed columns, basic licenses and
/// subscriber packages.
fn known_names() -> impl Iterator<Item = &'static str> {
    FIXED
        .iter()
        .map(|&(name, _)| name)
        .chain(
            BasicLicense::ALL
                .into_iter()
                .map(BasicLicense::display_name),
        )
        .chain(Package::subscriber_packages().filter_map(Package::display_name))
}

/// The known column an unknown header cell probably meant (R-CSV-02): the
/// closest name within a small edit distance (Damerau-Levenshtein, so a
/// swapped pair of letters is one edit), compared as header names match
/// (case, spaces and a "(Required)" suffix ignored; a package's bracketed
/// suffix dropped). Short names need a closer match, so `Title` is not taken
/// for `Site`.
pub(crate) fn probable_column(cell: &str) -> Option<&'static str> {
    const LONGEST: usize = 64;
    let key = normalize(cell);
    let key = match key.find('[') {
        Some(open) if key.ends_with(']') => &key[..open],
        _ => key.as_str(),
    };
    if key.is_empty() || key.len() > LONGEST {
        return None;
    }
    let allowed = |len: usize| match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    known_names()
        .map(|name| (strsim::damerau_levenshtein(key, &squash(name)), name))
        .filter(|&(distance, name)| distance > 0 && distance <= allowed(squash(name).len()))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
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
            Column::JabberCalling => &mut columns.jabber_calling,
            Column::JabberTeams => &mut columns.jabber_teams,
            Column::Basic(license) => {
                columns.basic.push((license, index));
                continue;
            }
            Column::Package(package, _) => {
                columns.packages.push((package, index));
                continue;
            }
            Column::Unknown => {
                match probable_column(cell) {
                    Some(name) => columns.misspelled.push((index, name)),
                    None => columns.unknown.push(index),
                }
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
    fn r_csv_02_near_misses_name_the_column_they_probably_meant() {
        assert_eq!(probable_column("Webex Caling"), Some("Webex Calling"));
        assert_eq!(probable_column("User ID/Emial"), Some("User ID/Email"));
        assert_eq!(
            probable_column("Phone Numbr (Required)"),
            Some("Phone Number")
        );
        assert_eq!(
            probable_column("Webex Meetngs [acme.webex.com]"),
            Some("Webex Meetings")
        );
        assert_eq!(probable_column("Department"), None);
        assert_eq!(probable_column("Title"), None);
        assert_eq!(probable_column("Webex Calling"), None);
        let columns = parse(["Email", "Webex Caling", "Department"].into_iter()).unwrap();
        assert_eq!(columns.misspelled, [(1, "Webex Calling")]);
        assert_eq!(columns.unknown, [2]);
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
