//! The org snapshot: what the import plan compares the CSV with (R-CSV-21).

use serde::{Deserialize, Deserializer, Serialize};

use crate::codes::Code;
use crate::contact::same_email;
use crate::package::{BasicLicense, Package};
use crate::problem::{AsProblem, Problem};
use crate::text::{same_name, trim, truncate, MESSAGE_CHARS};

/// A snapshot of the customer org, as JSON (see `docs/csv_import.md`).
///
/// Strict (R-CSV-21): a key the library does not know is an error naming it,
/// since a misspelled key would silently switch a check off. Packages are
/// API identifiers or display names, in any case. Every key is optional,
/// and a list that is absent (or `null`) means "not known": the checks that
/// need it are skipped, and the plan says so once in a warning. `[]` means
/// "known to be empty" (no location, no user, no subscription).
///
/// ```
/// use wholesale_core::csv_import::OrgSnapshot;
/// use wholesale_core::codes::Code;
///
/// let org = OrgSnapshot::from_json(r#"{
///     "package": "Webex Calling", "admin_email": "admin@acme.example",
///     "locations": ["HQ"], "subscribed_packages": ["webex_calling"],
///     "users": [{"email": "ana@acme.example", "package": "webex_calling",
///                "phone_number": "+14085550100", "location": "HQ",
///                "licenses": ["basic_messaging"]}]
/// }"#).unwrap();
/// assert!(org.user("ANA@acme.example").is_some());
/// assert_eq!(org.location("hq"), Some("HQ"));
///
/// let typo = OrgSnapshot::from_json(r#"{"locatons": ["HQ"]}"#).unwrap_err();
/// assert_eq!(typo.code(), Code::SnapshotKeyUnknown);
/// assert_eq!(typo.path(), "locatons");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgSnapshot {
    /// The package the customer was created with (its full admin's package, R-CUS-05).
    #[serde(
        default,
        deserialize_with = "strict_package",
        skip_serializing_if = "Option::is_none"
    )]
    pub package: Option<Package>,
    /// The full admin the customer was created with (R-CUS-05); other full
    /// admins are users with [`full_admin`](SnapshotUser::full_admin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_email: Option<String>,
    /// Location names; `None` when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<String>>,
    /// The packages the customer has a subscription for; `None` when not known.
    #[serde(
        default,
        deserialize_with = "strict_packages",
        skip_serializing_if = "Option::is_none"
    )]
    pub subscribed_packages: Option<Vec<Package>>,
    /// The org's users; `None` when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<SnapshotUser>>,
}

/// A user of the org snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SnapshotUser {
    /// Sign-in e-mail (compared as the plan compares e-mails, R-CSV-14).
    #[serde(default)]
    pub email: String,
    /// The wholesale package the user holds, if any.
    #[serde(
        default,
        deserialize_with = "strict_package",
        skip_serializing_if = "Option::is_none"
    )]
    pub package: Option<Package>,
    /// E.164 phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Location name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Basic licenses the user holds; `None` when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licenses: Option<Vec<BasicLicense>>,
    /// First name; compared only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name; compared only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Display name; compared only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether the user holds the customer's full admin role: such a user
    /// keeps the customer's package and is not removed (R-CUS-05).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_admin: bool,
    /// Preferred Webex site; compared only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_webex_site: Option<String>,
}

/// A package by API identifier or display name, any case (R-CSV-21): the
/// lenient reading of the API (unknown ids kept) would let a typo such as
/// `"Webex Voice "` pass as an unknown package and skip every check.
fn strict_package<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Package>, D::Error> {
    Option::<String>::deserialize(deserializer)?
        .map(|text| parse_package(&text))
        .transpose()
}

fn strict_packages<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Package>>, D::Error> {
    Option::<Vec<String>>::deserialize(deserializer)?
        .map(|texts| texts.iter().map(|text| parse_package(text)).collect())
        .transpose()
}

fn parse_package<E: serde::de::Error>(text: &str) -> Result<Package, E> {
    Package::parse_strict(text).map_err(E::custom)
}

/// A refused snapshot is a problem about the key or value at its path.
impl AsProblem for SnapshotError {
    fn to_problem(&self) -> Problem {
        let problem = Problem::general(self.code(), self.to_string());
        match self.path() {
            // The document itself, or a place serde could not name.
            "." | "?" => problem,
            path => problem.in_field(path),
        }
    }
}

/// Why a snapshot could not be read (R-CSV-21).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// A key the snapshot format does not have, at `path` (for example
    /// `users[2].emial`).
    #[error("the org snapshot has an unknown key at {path}; {expected} (a misspelled key would switch a check off)")]
    UnknownKey {
        /// Where the key is, the key last.
        path: String,
        /// The keys accepted there.
        expected: String,
    },
    /// Not JSON, or JSON of the wrong shape or with an unknown package, at `path`.
    #[error("invalid org snapshot at {path}: {message}")]
    Invalid {
        /// Where the problem is (`.` for the document itself).
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl SnapshotError {
    /// `SNAPSHOT_KEY_UNKNOWN` or `SNAPSHOT_INVALID`.
    pub fn code(&self) -> Code {
        match self {
            SnapshotError::UnknownKey { .. } => Code::SnapshotKeyUnknown,
            SnapshotError::Invalid { .. } => Code::SnapshotInvalid,
        }
    }

    /// Where in the snapshot the problem is, as `users[2].emial`; `.` for
    /// the document itself.
    pub fn path(&self) -> &str {
        match self {
            SnapshotError::UnknownKey { path, .. } | SnapshotError::Invalid { path, .. } => path,
        }
    }

    fn from_serde(error: serde_path_to_error::Error<serde_json::Error>) -> SnapshotError {
        let path = key_path(error.path());
        let message = error.into_inner().to_string();
        // serde words an unknown key as "unknown field `KEY`, expected ...";
        // the key itself is the last segment of the path.
        match message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.rfind("`, expected").map(|at| &rest[at + 3..]))
        {
            Some(expected) => {
                let expected = expected
                    .find(" at line ")
                    .map_or(expected, |cut| &expected[..cut]);
                SnapshotError::UnknownKey {
                    path: truncate(&path, MESSAGE_CHARS).into_owned(),
                    expected: expected.to_owned(),
                }
            }
            None => SnapshotError::Invalid { path, message },
        }
    }
}

/// A key path as `users[2].emial`; a key that would not read back from that
/// form (empty, or holding `.`, `[`, a quote or a space) is written as a JSON
/// string, so every path names its place visibly; `.` is the document itself.
fn key_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                let plain = !key.is_empty()
                    && !key.contains(|c: char| {
                        matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace() || c.is_control()
                    });
                if plain {
                    out.push_str(key);
                } else {
                    out.push_str(&serde_json::to_string(key).unwrap_or_default());
                }
            }
            Segment::Unknown => out.push_str(if out.is_empty() { "?" } else { ".?" }),
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// Reads a snapshot from `json` through the reader `read` makes. A valid
/// snapshot is read once without tracking key paths (the common case, and
/// the larger part of a 5,000-user snapshot's reading time); a refused one is
/// read again with them, so the error names where it is.
fn read_json<'a, R: serde_json::de::Read<'a>>(
    json: &[u8],
    read: impl Fn() -> R,
) -> Result<OrgSnapshot, SnapshotError> {
    let first = json
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(&b'{') {
        return Err(not_an_object());
    }
    let mut deserializer = serde_json::Deserializer::new(read());
    if let Ok(snapshot) = OrgSnapshot::deserialize(&mut deserializer) {
        if deserializer.end().is_ok() {
            return Ok(snapshot);
        }
    }
    let mut deserializer = serde_json::Deserializer::new(read());
    let snapshot =
        serde_path_to_error::deserialize(&mut deserializer).map_err(SnapshotError::from_serde)?;
    deserializer.end().map_err(|e| SnapshotError::Invalid {
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(snapshot)
}

/// serde would read a struct from an array too; a snapshot is an object.
fn not_an_object() -> SnapshotError {
    SnapshotError::Invalid {
        path: ".".into(),
        message: "the snapshot must be a JSON object {\"locations\": [...], \"users\": [...], ...}"
            .into(),
    }
}

impl OrgSnapshot {
    /// Reads a snapshot from JSON text (R-CSV-21). A leading byte order
    /// mark is skipped, as [`from_json_bytes`](Self::from_json_bytes) skips it.
    pub fn from_json(json: &str) -> Result<OrgSnapshot, SnapshotError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        read_json(json.as_bytes(), || serde_json::de::StrRead::new(json))
    }

    /// Reads a snapshot from the bytes of a JSON file (R-CSV-21), as
    /// strictly as [`from_json`](Self::from_json): UTF-8, a leading byte
    /// order mark skipped (editors on Windows write one); bytes that are not
    /// UTF-8 are `SNAPSHOT_INVALID` with the line and column.
    ///
    /// ```
    /// use wholesale_core::csv_import::OrgSnapshot;
    ///
    /// let org = OrgSnapshot::from_json_bytes(b"\xEF\xBB\xBF{\"locations\": [\"HQ\"]}").unwrap();
    /// assert_eq!(org.location("hq"), Some("HQ"));
    /// assert!(OrgSnapshot::from_json_bytes(b"{\"admin_email\": \"\xFF\"}").is_err());
    /// ```
    pub fn from_json_bytes(json: &[u8]) -> Result<OrgSnapshot, SnapshotError> {
        let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
        // One UTF-8 check of the whole text is faster than serde_json's check
        // of each string (a tenth of the read in wasm); bytes that fail it
        // are read as bytes, so the error says where.
        match std::str::from_utf8(json) {
            Ok(text) => read_json(json, || serde_json::de::StrRead::new(text)),
            Err(_) => read_json(json, || serde_json::de::SliceRead::new(json)),
        }
    }

    /// Reads a snapshot from a JSON value, as strictly as [`from_json`](Self::from_json).
    pub fn from_value(value: serde_json::Value) -> Result<OrgSnapshot, SnapshotError> {
        if !value.is_object() {
            return Err(not_an_object());
        }
        serde_path_to_error::deserialize(value).map_err(SnapshotError::from_serde)
    }

    /// The users, or none when they are not known.
    pub fn known_users(&self) -> &[SnapshotUser] {
        self.users.as_deref().unwrap_or_default()
    }

    /// The user with `email`, compared as the import plan compares e-mails
    /// ([`same_email`]).
    pub fn user(&self, email: &str) -> Option<&SnapshotUser> {
        let email = trim(email);
        self.known_users()
            .iter()
            .find(|u| same_email(trim(&u.email), email))
    }

    /// Whether `email` is a full admin of the customer (R-CUS-05): the
    /// admin it was created with, or a user holding the full admin role.
    pub fn is_admin(&self, email: &str) -> bool {
        let email = trim(email);
        self.admin_email
            .as_deref()
            .is_some_and(|a| same_email(trim(a), email))
            || self
                .known_users()
                .iter()
                .any(|u| u.full_admin && same_email(trim(&u.email), email))
    }

    /// Whether the snapshot names any full admin: without one, the R-CUS-05
    /// checks of the plan cannot find an admin (the plan warns).
    pub fn names_an_admin(&self) -> bool {
        self.admin_email
            .as_deref()
            .is_some_and(|a| !trim(a).is_empty())
            || self.known_users().iter().any(|u| u.full_admin)
    }

    /// The location named `name` as the snapshot spells it, names compared
    /// as R-CSV-11 says ([`same_name`]: trimmed, NFC, case-folded).
    pub fn location(&self, name: &str) -> Option<&str> {
        self.locations
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|l| trim(l))
            .find(|l| same_name(l, name))
    }

    /// The lists this snapshot does not have, by their key (R-CSV-21).
    pub fn missing_lists(&self) -> impl Iterator<Item = &'static str> + '_ {
        [
            ("locations", self.locations.is_none()),
            ("users", self.users.is_none()),
            ("subscribed_packages", self.subscribed_packages.is_none()),
        ]
        .into_iter()
        .filter_map(|(key, missing)| missing.then_some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_csv_21_every_refused_key_has_a_visible_path() {
        let empty = OrgSnapshot::from_json(r#"{"": 1}"#).unwrap_err();
        assert_eq!(
            (empty.code(), empty.path()),
            (Code::SnapshotKeyUnknown, r#""""#)
        );
        let dotted = OrgSnapshot::from_json(r#"{"users": [{"e.mail": "x"}]}"#).unwrap_err();
        assert_eq!(dotted.path(), r#"users[0]."e.mail""#);
        let ticked = OrgSnapshot::from_json(r#"{"a`b": 1}"#).unwrap_err();
        assert_eq!(
            (ticked.code(), ticked.path()),
            (Code::SnapshotKeyUnknown, "a`b")
        );
        assert!(
            ticked.to_string().contains("expected one of `package`"),
            "{ticked}"
        );
        let document = OrgSnapshot::from_json("[1]").unwrap_err();
        assert_eq!(document.path(), ".");
    }

    #[test]
    fn r_csv_21_bytes_read_as_the_text_reads_and_name_the_same_places() {
        let text = r#"{"admin_email": "a@b.co", "locations": ["HQ"], "users": [{"email": "a@b.co", "full_admin": true}]}"#;
        let org = OrgSnapshot::from_json(text).unwrap();
        assert_eq!(OrgSnapshot::from_json_bytes(text.as_bytes()).unwrap(), org);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(OrgSnapshot::from_json_bytes(&with_bom).unwrap(), org);
        assert_eq!(
            OrgSnapshot::from_json(&format!("\u{feff}{text}")).unwrap(),
            org
        );
        for bad in [
            r#"{"users": [{"email": "a@b.co"}, {"emial": "x"}]}"#,
            r#"{"users": [{"email": "a@b.co", "package": "Webex Vioce"}]}"#,
            r#"{"locations": ["HQ"]} x"#,
            r#" [1]"#,
            "",
            r#"{"users": [{"email": 7}]}"#,
        ] {
            let from_text = OrgSnapshot::from_json(bad).unwrap_err();
            let from_bytes = OrgSnapshot::from_json_bytes(bad.as_bytes()).unwrap_err();
            assert_eq!(from_bytes, from_text, "{bad}");
        }
        let latin1 =
            OrgSnapshot::from_json_bytes(b"{\"admin_email\": \"jos\xE9@b.co\"}").unwrap_err();
        assert_eq!(
            (latin1.code(), latin1.path()),
            (Code::SnapshotInvalid, "admin_email")
        );
        assert!(latin1.to_string().contains("line 1"), "{latin1}");
    }

    #[test]
    fn r_csv_21_unknown_keys_are_named_with_their_path() {
        let err = OrgSnapshot::from_json(r#"{"users": [{"email": "a@b.co"}, {"emial": "x"}]}"#)
            .unwrap_err();
        assert_eq!(err.code(), Code::SnapshotKeyUnknown);
        assert_eq!(err.path(), "users[1].emial");
        assert!(err.to_string().contains("`email`"), "{err}");
        let value = serde_json::json!({"locatons": []});
        assert_eq!(
            OrgSnapshot::from_value(value).unwrap_err().path(),
            "locatons"
        );
    }

    #[test]
    fn r_csv_21_packages_by_id_or_display_name_any_case() {
        let org = OrgSnapshot::from_json(
            r#"{"package": "WEBEX VOICE", "subscribed_packages": ["Webex Calling", "webex_meetings"],
                "users": [{"email": "a@b.co", "package": "webex calling"}]}"#,
        )
        .unwrap();
        assert_eq!(org.package, Some(Package::WebexVoice));
        assert_eq!(
            org.subscribed_packages,
            Some(vec![Package::WebexCalling, Package::WebexMeetings])
        );
        assert_eq!(org.known_users()[0].package, Some(Package::WebexCalling));
        let err =
            OrgSnapshot::from_json(r#"{"users": [{"email": "a@b.co", "package": "Webex Vioce"}]}"#)
                .unwrap_err();
        assert_eq!(err.code(), Code::SnapshotInvalid);
        assert_eq!(err.path(), "users[0].package");
    }

    #[test]
    fn r_csv_21_absent_lists_are_not_known() {
        let org = OrgSnapshot::from_json(r#"{"locations": null, "users": []}"#).unwrap();
        assert_eq!(
            org.missing_lists().collect::<Vec<_>>(),
            ["locations", "subscribed_packages"]
        );
        let round = serde_json::to_string(&org).unwrap();
        assert_eq!(round, r#"{"users":[]}"#);
        assert_eq!(OrgSnapshot::from_json(&round).unwrap(), org);
        assert_eq!(
            OrgSnapshot::from_json("[]").unwrap_err().code(),
            Code::SnapshotInvalid
        );
        assert_eq!(
            OrgSnapshot::from_json("{} x").unwrap_err().code(),
            Code::SnapshotInvalid
        );
    }
}
