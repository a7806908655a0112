//! Webex Wholesale packages: API identifiers, display names and entitlements.
//!
//! The API identifier (`webex_calling`) is the serde name. Cisco adds packages
//! over time, so an identifier the library does not know is kept as
//! [`Package::Other`] rather than rejected; rules that need to know a package
//! report it where they meet it.
//!
//! ```
//! use wholesale_core::package::Package;
//!
//! let suite: Package = "Webex Suite".parse().unwrap();
//! assert_eq!(suite, Package::WebexSuite);
//! assert_eq!(suite.api_id(), "webex_suite");
//! assert!(suite.entitles_calling() && suite.entitles_meetings());
//!
//! let err = "webex_gold".parse::<Package>().unwrap_err();
//! assert!(err.to_string().contains("webex_calling"));
//!
//! // Lenient reading keeps what Cisco sends.
//! let future = Package::from_api_id("webex_hologram");
//! assert!(!future.is_known());
//! assert_eq!(future.api_id(), "webex_hologram");
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::Code;
use crate::problem::{AsProblem, Problem};

macro_rules! packages {
    ($( $variant:ident = $id:literal, $display:literal, subscriber: $sub:literal, calling: $calling:literal, meetings: $meetings:literal; )*) => {
        /// A wholesale package, by its API identifier.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Package {
            $( #[doc = concat!("`", $id, "`: ", $display, ".")] $variant, )*
            /// An identifier the library does not know yet, kept as given.
            Other(String),
        }

        impl Package {
            /// Every package the library knows, subscriber packages first.
            pub const KNOWN: &'static [Package] = &[$(Package::$variant),*];

            /// The API identifier, e.g. `webex_calling`.
            pub fn api_id(&self) -> &str {
                match self { $(Package::$variant => $id,)* Package::Other(id) => id }
            }

            /// The display name used in Control Hub and CSV headers, e.g.
            /// "Webex Calling"; `None` for an unknown package.
            pub fn display_name(&self) -> Option<&'static str> {
                match self { $(Package::$variant => Some($display),)* Package::Other(_) => None }
            }

            /// Whether a user (subscriber) can hold this package; the others
            /// are customer-level only.
            pub fn is_subscriber_package(&self) -> bool {
                match self { $(Package::$variant => $sub,)* Package::Other(_) => false }
            }

            /// Whether the package entitles Webex Calling.
            pub fn entitles_calling(&self) -> bool {
                match self { $(Package::$variant => $calling,)* Package::Other(_) => false }
            }

            /// Whether the package entitles Webex Meetings.
            pub fn entitles_meetings(&self) -> bool {
                match self { $(Package::$variant => $meetings,)* Package::Other(_) => false }
            }

            /// Reads an API identifier, keeping an unknown one as [`Package::Other`].
            pub fn from_api_id(id: &str) -> Package {
                match id { $($id => Package::$variant,)* other => Package::Other(other.to_owned()) }
            }
        }
    };
}

packages! {
    WebexCalling = "webex_calling", "Webex Calling", subscriber: true, calling: true, meetings: false;
    WebexCallingStandard = "webex_calling_standard", "Webex Calling Standard", subscriber: true, calling: true, meetings: false;
    WebexSuite = "webex_suite", "Webex Suite", subscriber: true, calling: true, meetings: true;
    WebexVoice = "webex_voice", "Webex Voice", subscriber: true, calling: true, meetings: false;
    WebexMeetings = "webex_meetings", "Webex Meetings", subscriber: true, calling: false, meetings: true;
    CxEssentials = "cx_essentials", "Customer Assist", subscriber: true, calling: true, meetings: false;
    AttendantConsole = "attendant_console", "Attendant Console", subscriber: true, calling: false, meetings: false;
    CxStandardAgent = "cx_standard_agent", "Contact Center Standard Agent", subscriber: true, calling: false, meetings: false;
    CxPremiumAgent = "cx_premium_agent", "Contact Center Premium Agent", subscriber: true, calling: false, meetings: false;
    CommonAreaCalling = "common_area_calling", "Webex Common Area Calling", subscriber: false, calling: false, meetings: false;
    CiscoCallingPlan = "cisco_calling_plan", "Cisco Calling Plan", subscriber: false, calling: false, meetings: false;
    CxVoicePorts = "cx_voice_ports", "Contact Center Voice Ports", subscriber: false, calling: false, meetings: false;
    CxAiAssistant = "cx_ai_assistant", "Contact Center AI Assistant", subscriber: false, calling: false, meetings: false;
    WebexAiAgent = "webex_ai_agent", "Webex AI Agent", subscriber: false, calling: false, meetings: false;
}

impl Package {
    /// Whether the library knows this package (it is not [`Package::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Package::Other(_))
    }

    /// Whether a user of this package needs a phone number or extension and a
    /// location (R-CSV-10, R-CSV-11): Webex Calling, Webex Calling Standard and
    /// Webex Suite.
    pub fn requires_number_and_location(&self) -> bool {
        matches!(
            self,
            Package::WebexCalling | Package::WebexCallingStandard | Package::WebexSuite
        )
    }

    /// Whether a "Preferred Webex Site" is expected (R-CSV-13): every known
    /// package except Webex Voice.
    pub fn expects_preferred_site(&self) -> bool {
        self.is_known() && *self != Package::WebexVoice
    }

    /// Whether the package is an add-on on the "Packages and add-ons" screen
    /// (R-CUS-01): `cisco_calling_plan`, `attendant_console`. An add-on is
    /// not counted as the customer's one package.
    pub fn is_add_on(&self) -> bool {
        !self.required_base().is_empty()
    }

    /// The packages one of which an add-on needs beside it (R-CUS-06, the
    /// Webex Wholesale API reference); empty for a package that is no add-on.
    pub fn required_base(&self) -> &'static [Package] {
        match self {
            Package::CiscoCallingPlan => &[
                Package::CommonAreaCalling,
                Package::WebexCalling,
                Package::WebexSuite,
                Package::WebexVoice,
                Package::CxEssentials,
            ],
            Package::AttendantConsole => &[
                Package::WebexCalling,
                Package::WebexSuite,
                Package::CxEssentials,
            ],
            _ => &[],
        }
    }

    /// The known subscriber packages, in API order.
    pub fn subscriber_packages() -> impl Iterator<Item = &'static Package> {
        Package::KNOWN.iter().filter(|p| p.is_subscriber_package())
    }

    /// Strict parsing: an API identifier or a display name (case-insensitive,
    /// trimmed). Unknown text is a [`PackageError`] naming the accepted values.
    pub fn parse_strict(text: &str) -> Result<Package, PackageError> {
        let wanted = text.trim();
        Package::KNOWN
            .iter()
            .find(|p| {
                p.api_id().eq_ignore_ascii_case(wanted)
                    || p.display_name()
                        .is_some_and(|name| name.eq_ignore_ascii_case(wanted))
            })
            .cloned()
            .ok_or_else(|| PackageError::Unknown(text.to_owned()))
    }
}

impl FromStr for Package {
    type Err = PackageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Package::parse_strict(s)
    }
}

impl fmt::Display for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_id())
    }
}

impl Serialize for Package {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.api_id())
    }
}

/// Lenient, as the API demands (R-API-01): an unknown identifier becomes
/// [`Package::Other`] and is written back unchanged.
/// A string: Cisco adds packages, and an unknown identifier is kept as given.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Package {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PackageId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known: Vec<&str> = Package::KNOWN.iter().map(Package::api_id).collect();
        schemars::json_schema!({
            "description": "A package API identifier, e.g. `webex_calling` (one of `x-known`, or one Cisco added since).",
            "type": "string",
            "x-known": known,
        })
    }
}

impl<'de> Deserialize<'de> for Package {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Ok(Package::from_api_id(&text))
    }
}

/// Why a package string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PackageError {
    /// Neither an identifier nor a display name the library knows.
    /// The message quotes at most 80 characters of the text (a hostile
    /// 2 MiB argument must not come back as a 2 MiB message).
    #[error("unknown package {:?}; accepted values: {list}", crate::text::truncate(.0, crate::text::MESSAGE_CHARS), list = accepted_values())]
    Unknown(String),
}

impl PackageError {
    /// The registry code for this error.
    pub fn code(&self) -> Code {
        Code::PackageUnknown
    }
}

impl AsProblem for PackageError {
    fn to_problem(&self) -> Problem {
        Problem::general(self.code(), self.to_string())
    }
}

/// What a package is and entitles, as the bindings' `packages()` lists it.
///
/// ```
/// use wholesale_core::package::{Package, PackageInfo};
///
/// let info = PackageInfo::from(&Package::WebexCalling);
/// assert_eq!(info.display_name, "Webex Calling");
/// assert!(info.requires_number_and_location);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackageInfo {
    /// The API identifier, e.g. `webex_calling`.
    pub api_id: String,
    /// The Control Hub display name, e.g. `Webex Calling` (empty for a
    /// package the library does not know).
    pub display_name: String,
    /// Whether a user (subscriber) can hold it.
    pub is_subscriber_package: bool,
    /// Whether it entitles Webex Calling.
    pub entitles_calling: bool,
    /// Whether it entitles Webex Meetings.
    pub entitles_meetings: bool,
    /// Whether a user holding it needs a phone number and a location.
    pub requires_number_and_location: bool,
    /// Whether a user holding it expects a preferred Webex site.
    pub expects_preferred_site: bool,
}

impl From<&Package> for PackageInfo {
    fn from(package: &Package) -> Self {
        PackageInfo {
            api_id: package.api_id().to_owned(),
            display_name: package.display_name().unwrap_or_default().to_owned(),
            is_subscriber_package: package.is_subscriber_package(),
            entitles_calling: package.entitles_calling(),
            entitles_meetings: package.entitles_meetings(),
            requires_number_and_location: package.requires_number_and_location(),
            expects_preferred_site: package.expects_preferred_site(),
        }
    }
}

impl PackageInfo {
    /// Every package the library knows, in [`Package::KNOWN`] order.
    pub fn all() -> Vec<PackageInfo> {
        Package::KNOWN.iter().map(PackageInfo::from).collect()
    }
}

/// "webex_calling (Webex Calling), ..." for messages.
pub fn accepted_values() -> String {
    Package::KNOWN
        .iter()
        .map(|p| format!("{} ({})", p.api_id(), p.display_name().unwrap_or("")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The basic licenses Control Hub assigns on top of a wholesale package in
/// "add services only" imports (R-CSV-06).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BasicLicense {
    /// "Basic Messaging".
    BasicMessaging,
    /// "Basic Space Meetings".
    BasicSpaceMeetings,
    /// "Call on Webex".
    CallOnWebex,
}

impl BasicLicense {
    /// All three, in the order Control Hub lists them.
    pub const ALL: [BasicLicense; 3] = [
        BasicLicense::BasicMessaging,
        BasicLicense::BasicSpaceMeetings,
        BasicLicense::CallOnWebex,
    ];

    /// The snake_case identifier used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            BasicLicense::BasicMessaging => "basic_messaging",
            BasicLicense::BasicSpaceMeetings => "basic_space_meetings",
            BasicLicense::CallOnWebex => "call_on_webex",
        }
    }

    /// The CSV column header, e.g. "Basic Messaging".
    pub fn display_name(self) -> &'static str {
        match self {
            BasicLicense::BasicMessaging => "Basic Messaging",
            BasicLicense::BasicSpaceMeetings => "Basic Space Meetings",
            BasicLicense::CallOnWebex => "Call on Webex",
        }
    }
}

/// A set of basic licenses, iterated in [`BasicLicense::ALL`] order.
///
/// ```
/// use wholesale_core::package::{BasicLicense, BasicLicenses};
///
/// let set: BasicLicenses = [BasicLicense::CallOnWebex, BasicLicense::BasicMessaging].into_iter().collect();
/// assert!(set.contains(BasicLicense::CallOnWebex));
/// assert_eq!(set.len(), 2);
/// assert_eq!(set.iter().map(BasicLicense::id).collect::<Vec<_>>(), ["basic_messaging", "call_on_webex"]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct BasicLicenses(u8);

impl BasicLicenses {
    /// The empty set.
    pub const fn new() -> Self {
        BasicLicenses(0)
    }

    fn bit(license: BasicLicense) -> u8 {
        1 << license as u8
    }

    /// Adds `license`.
    pub fn insert(&mut self, license: BasicLicense) {
        self.0 |= Self::bit(license);
    }

    /// Removes every license.
    pub fn clear(&mut self) {
        self.0 = 0;
    }

    /// Whether `license` is in the set.
    pub fn contains(self, license: BasicLicense) -> bool {
        self.0 & Self::bit(license) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many licenses the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The licenses, in [`BasicLicense::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = BasicLicense> {
        BasicLicense::ALL
            .into_iter()
            .filter(move |&l| self.contains(l))
    }
}

impl FromIterator<BasicLicense> for BasicLicenses {
    fn from_iter<I: IntoIterator<Item = BasicLicense>>(licenses: I) -> Self {
        let mut set = BasicLicenses::new();
        for license in licenses {
            set.insert(license);
        }
        set
    }
}

impl fmt::Debug for BasicLicenses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// R-CUS-06: each add-on among `packages` needs one of its base packages
/// beside it (`cisco_calling_plan`: `common_area_calling`, `webex_calling`,
/// `webex_suite`, `webex_voice` or `cx_essentials`; `attendant_console`:
/// `webex_calling`, `webex_suite` or `cx_essentials`). One
/// `PACKAGE_DEPENDENCY_MISSING` error per add-on without its base, about
/// `field`, naming what is missing.
///
/// ```
/// use wholesale_core::package::{check_package_dependencies, Package};
///
/// assert!(check_package_dependencies(&[Package::WebexCalling, Package::CiscoCallingPlan], "packages").is_empty());
/// let problems = check_package_dependencies(&[Package::WebexMeetings, Package::AttendantConsole], "packages");
/// assert_eq!(problems[0].code.as_str(), "PACKAGE_DEPENDENCY_MISSING");
/// assert!(problems[0].message.contains("webex_calling"));
/// ```
pub fn check_package_dependencies(packages: &[Package], field: &str) -> Vec<Problem> {
    packages
        .iter()
        .filter(|p| p.is_add_on())
        .filter(|add_on| !add_on.required_base().iter().any(|b| packages.contains(b)))
        .map(|add_on| {
            let bases: Vec<&str> = add_on.required_base().iter().map(Package::api_id).collect();
            Problem::new(
                Code::PackageDependencyMissing,
                field,
                format!(
                    "the add-on {} needs one of {} beside it; add one of them",
                    add_on.api_id(),
                    bases.join(", ")
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_subscriber_packages_and_five_customer_level_ones() {
        let subscriber: Vec<_> = Package::subscriber_packages().map(|p| p.api_id()).collect();
        assert_eq!(
            subscriber,
            [
                "webex_calling",
                "webex_calling_standard",
                "webex_suite",
                "webex_voice",
                "webex_meetings",
                "cx_essentials",
                "attendant_console",
                "cx_standard_agent",
                "cx_premium_agent"
            ]
        );
        assert_eq!(Package::KNOWN.len(), 14);
    }

    #[test]
    fn entitlements_match_the_vocabulary() {
        let calling: Vec<_> = Package::KNOWN
            .iter()
            .filter(|p| p.entitles_calling())
            .map(Package::api_id)
            .collect();
        assert_eq!(
            calling,
            [
                "webex_calling",
                "webex_calling_standard",
                "webex_suite",
                "webex_voice",
                "cx_essentials"
            ]
        );
        let meetings: Vec<_> = Package::KNOWN
            .iter()
            .filter(|p| p.entitles_meetings())
            .map(Package::api_id)
            .collect();
        assert_eq!(meetings, ["webex_suite", "webex_meetings"]);
    }

    #[test]
    fn parses_identifier_and_display_name_in_any_case() {
        for p in Package::KNOWN {
            assert_eq!(&p.api_id().parse::<Package>().unwrap(), p);
            let name = p.display_name().unwrap();
            assert_eq!(&name.to_uppercase().parse::<Package>().unwrap(), p);
            assert_eq!(&format!("  {name} ").parse::<Package>().unwrap(), p);
        }
    }

    #[test]
    fn unknown_package_error_names_the_accepted_values() {
        let err = "gold".parse::<Package>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("\"gold\""));
        for p in Package::KNOWN {
            assert!(text.contains(p.api_id()));
        }
        assert_eq!(err.to_problem().code, Code::PackageUnknown);
    }

    #[test]
    fn r_pkg_01_unknown_package_message_stays_short_for_huge_input() {
        // Found by the wasm binding's hostile tests: a 2 MiB argument came
        // back as a 2 MiB message.
        let huge = "x".repeat(2 * 1024 * 1024);
        let err = Package::parse_strict(&huge).unwrap_err();
        let message = err.to_string();
        assert!(message.len() < 1_000, "{} bytes", message.len());
        assert!(message.contains("xxxx…"));
        assert!(Package::parse_strict("gold")
            .unwrap_err()
            .to_string()
            .contains("\"gold\""));
    }

    #[test]
    fn unknown_identifier_round_trips_through_serde() {
        let p: Package = serde_json::from_str("\"webex_hologram\"").unwrap();
        assert_eq!(p, Package::Other("webex_hologram".into()));
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"webex_hologram\"");
    }
}
