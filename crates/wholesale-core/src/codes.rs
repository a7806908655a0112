//! The registry of every error and warning code the library can report.
//!
//! A code is a stable `SCREAMING_SNAKE_CASE` string shared by the Rust, Python
//! and JavaScript APIs. Each code names the rule of `docs/rules.md` it enforces,
//! whether it is an error or a warning, and a one-line meaning. This module is
//! the single place where codes are declared: the CLI's `wholesale codes`,
//! `docs/codes.md` and the bindings all read [`Code::ALL`].
//!
//! ```
//! use wholesale_core::codes::{Code, Severity};
//!
//! let code: Code = "EMAIL_INVALID".parse().unwrap();
//! assert_eq!(code.rule(), "R-CSV-14");
//! assert_eq!(code.severity(), Severity::Error);
//! assert!(Code::ALL.contains(&code));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Whether a problem stops the operation or only deserves attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The operation cannot go ahead as given.
    Error,
    /// The operation goes ahead, but something may break later.
    Warning,
}

impl Severity {
    /// The lowercase name used in JSON and in the bindings.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A code string that is not in the registry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}: not in the wholesale-core registry")]
pub struct UnknownCode(pub String);

macro_rules! registry {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $rule:literal, $severity:ident, $summary:literal; )*) => {
        /// Every code the library reports. See the [module docs](self).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* #[doc = concat!("`", $id, "` (", $rule, "): ", $summary)] $variant, )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string form, e.g. `EMAIL_DUPLICATE`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $id),* }
            }

            /// The rule of `docs/rules.md` this code enforces, e.g. `R-CSV-14`.
            pub const fn rule(self) -> &'static str {
                match self { $(Code::$variant => $rule),* }
            }

            /// Whether the code is an error or a warning.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// A one-line meaning, for listings and docs.
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }

        impl FromStr for Code {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok(Code::$variant),)*
                    other => Err(UnknownCode(other.to_owned())),
                }
            }
        }
    };
}

// Sections follow the modules that report the codes; keep each module's codes
// together so the registry reads like the spec.
registry! {
    // --- package -----------------------------------------------------------
    PackageUnknown = "PACKAGE_UNKNOWN", "R-PKG-01", Error,
        "The package is neither a known API identifier nor a known display name.";

    // --- template (R-TPL) --------------------------------------------------
    TemplateFieldRequired = "TEMPLATE_FIELD_REQUIRED", "R-TPL-03",
        Error, "A required onboarding-template field is empty.";
    TemplatePstnProvider = "TEMPLATE_PSTN_PROVIDER", "R-TPL-04", Warning,
        "The template uses a cloud-connected PSTN provider, which Cisco advises against.";
    ProvisioningIdRequired = "PROVISIONING_ID_REQUIRED", "R-TPL-01", Error,
        "No onboarding template provisioning ID: nothing can be provisioned without one.";
    ProvisioningIdInvalid = "PROVISIONING_ID_INVALID", "R-TPL-01", Error,
        "The provisioning ID is not a valid identifier.";

    // --- provisioning: customers and users (R-CUS, R-USR, R-TAG) -------------
    CustomerFieldRequired = "CUSTOMER_FIELD_REQUIRED", "R-CUS-01", Error,
        "A field required to create a customer is empty.";
    CustomerPackageCount = "CUSTOMER_PACKAGE_COUNT", "R-CUS-01", Error,
        "A customer is created with exactly one package (add-ons such as cisco_calling_plan are not counted).";
    PackageDependencyMissing = "PACKAGE_DEPENDENCY_MISSING", "R-CUS-06", Error,
        "An add-on (cisco_calling_plan, attendant_console) lacks the base package it needs.";
    CountryInvalid = "COUNTRY_INVALID", "R-CUS-01", Error,
        "The country is not an ISO 3166 alpha-2 code.";
    HqLocationUnconfirmed = "HQ_LOCATION_UNCONFIRMED", "R-CUS-02", Error,
        "The partner has not confirmed that the HQ is in a Webex-supported location.";
    DataRegionUnknown = "DATA_REGION_UNKNOWN", "R-CUS-03", Error,
        "The data region is not one where the service is offered.";
    UserFieldRequired = "USER_FIELD_REQUIRED", "R-CUS-04", Error,
        "A field required to add a user is empty.";
    UserNumberRequired = "USER_NUMBER_REQUIRED", "R-CUS-04", Error,
        "A user with a calling package needs a phone number or an extension.";
    UserLocationUnknown = "USER_LOCATION_UNKNOWN", "R-CUS-04", Error,
        "The user's location is not one of the customer's locations.";
    AdminPackageDowngrade = "ADMIN_PACKAGE_DOWNGRADE", "R-CUS-05", Error,
        "Every full admin of the customer must keep the package the customer was created with.";
    PackageNotForUsers = "PACKAGE_NOT_FOR_USERS", "R-CUS-04", Error,
        "The package is customer-level only; a user needs a subscriber package.";
    UserEmailDuplicate = "USER_EMAIL_DUPLICATE", "R-USR-01", Error,
        "The same e-mail appears twice in one manual-add batch.";
    ManualBatchTooLarge = "MANUAL_BATCH_TOO_LARGE", "R-USR-01", Error,
        "Manual add takes at most 25 users per batch.";
    PackageChangeNeedsNumber = "PACKAGE_CHANGE_NEEDS_NUMBER", "R-USR-02", Error,
        "Changing a user to a calling package needs a phone number or extension and a location.";
    TagEditForbidden = "TAG_EDIT_FORBIDDEN", "R-TAG-01", Error,
        "Only full admins and partner admins may edit custom tags.";

    // --- contact values (R-CSV-14..16, shared by provisioning, CSV and API) ---
    EmailInvalid = "EMAIL_INVALID", "R-CSV-14", Error,
        "The e-mail address is not plausible.";
    PhoneNumberInvalid = "PHONE_NUMBER_INVALID", "R-CSV-15", Error,
        "The phone number is not E.164 ('+' then 8 to 15 digits).";
    PhoneNumberNoPlus = "PHONE_NUMBER_NO_PLUS", "R-CSV-15", Warning,
        "The phone number is all digits without '+': a spreadsheet may have stripped it.";
    ExtensionInvalid = "EXTENSION_INVALID", "R-CSV-16", Error,
        "The extension is not 2 to 10 digits.";

    // --- api (R-API) ---------------------------------------------------------
    ApiPayloadUnrecognized = "API_PAYLOAD_UNRECOGNIZED", "R-API-01", Error,
        "The JSON is not a Webex Wholesale customer, subscriber, request or precheck payload.";
    ApiPayloadInvalid = "API_PAYLOAD_INVALID", "R-API-01", Error,
        "The payload has the shape of a known kind but a field has the wrong type.";
    ApiStatusUnknown = "API_STATUS_UNKNOWN", "R-API-01", Warning,
        "A status value the library does not know; it is kept as given.";
    ApiPackageUnknown = "API_PACKAGE_UNKNOWN", "R-API-01", Warning,
        "A package identifier the library does not know; it is kept as given.";
    ApiReportedError = "API_REPORTED_ERROR", "R-API-01", Error,
        "Webex reported an error (errorCode) on this object.";
    ApiReportedWarning = "API_REPORTED_WARNING", "R-API-01", Warning,
        "Webex reported a warning (errorCode) on this object.";
    SubscriberPackageCount = "SUBSCRIBER_PACKAGE_COUNT", "R-API-03", Error,
        "A subscriber request carries exactly one wholesale package.";
    ResourceIdInvalid = "RESOURCE_ID_INVALID", "R-API-04", Error,
        "The Webex resource ID is not unpadded base64 of `ciscospark://<region>/<TYPE>/<uuid>`.";

    // --- csv_import (R-CSV) ----------------------------------------------------
    FileUnreadable = "FILE_UNREADABLE", "R-CSV-01", Error,
        "The reader failed (an I/O error) before the file was read to its end.";
    FileEncoding = "FILE_ENCODING", "R-CSV-01", Error,
        "The file is neither UTF-8 (with or without BOM) nor UTF-16LE with a BOM.";
    FileSeparator = "FILE_SEPARATOR", "R-CSV-01", Error,
        "The file is not separated as Control Hub reads it (commas in UTF-8, tabs in UTF-16), or starts with Excel's `sep=` line.";
    FileEmpty = "FILE_EMPTY", "R-CSV-02", Error,
        "The file has no header row.";
    HeaderEmailMissing = "HEADER_EMAIL_MISSING", "R-CSV-02", Error,
        "The header has no `User ID/Email` key column.";
    HeaderDuplicate = "HEADER_DUPLICATE", "R-CSV-02", Error,
        "Two header cells name the same column.";
    ColumnUnknown = "COLUMN_UNKNOWN", "R-CSV-02", Warning,
        "Columns the import does not use; they are kept and ignored.";
    ColumnMisspelled = "COLUMN_MISSPELLED", "R-CSV-02", Warning,
        "An unknown column whose name is close to a known one: probably a typo, and it is ignored.";
    HeaderMalformed = "HEADER_MALFORMED", "R-CSV-02", Error,
        "A header cell holds a quote character or a line break: the header's quoting is broken.";
    CellNotBoolean = "CELL_NOT_BOOLEAN", "R-CSV-03", Error,
        "A package or license cell is not TRUE, FALSE or blank.";
    FileTooManyRows = "FILE_TOO_MANY_ROWS", "R-CSV-04", Error,
        "More than 20,000 data rows: nothing is planned.";
    FileTooLarge = "FILE_TOO_LARGE", "R-CSV-04", Error,
        "The file is larger than 64 MiB: nothing is planned.";
    FieldTooLarge = "FIELD_TOO_LARGE", "R-CSV-04", Error,
        "A cell is larger than 1 MiB: nothing is planned.";
    FileTooManyColumns = "FILE_TOO_MANY_COLUMNS", "R-CSV-04", Error,
        "A row has more fields than a Control Hub file can have: nothing is planned.";
    FileNoDataRows = "FILE_NO_DATA_ROWS", "R-CSV-04", Error,
        "The file has a header but no data row: nothing would be imported.";
    RowMalformed = "ROW_MALFORMED", "R-CSV-05", Error,
        "The row has a different number of fields than the header, or an unterminated quote.";
    CellLineBreak = "CELL_LINE_BREAK", "R-CSV-05", Error,
        "A cell holds a line break: a quote is probably not closed, and the lines it spans were read as one row.";
    PackageMultiple = "PACKAGE_MULTIPLE", "R-CSV-07", Error,
        "More than one wholesale package cell is TRUE: a user holds at most one package.";
    UserUnknown = "USER_UNKNOWN", "R-CSV-08", Error,
        "Every package cell is FALSE (remove the user) but the org has no user with this e-mail.";
    RemovalNotCovered = "REMOVAL_NOT_COVERED", "R-CSV-08", Error,
        "Every package cell is FALSE, but the file has no column for the user's package: no removal is planned.";
    PackageFalseIgnored = "PACKAGE_FALSE_IGNORED", "R-CSV-08", Warning,
        "FALSE in a package column changes nothing under add services only (the other package cells are blank).";
    PackageRequired = "PACKAGE_REQUIRED", "R-CSV-09", Error,
        "A new user needs exactly one package set TRUE.";
    NumberRequired = "NUMBER_REQUIRED", "R-CSV-10", Error,
        "Webex Calling, Webex Calling Standard and Webex Suite need a phone number or an extension.";
    LocationRequired = "LOCATION_REQUIRED", "R-CSV-11", Error,
        "Webex Calling, Webex Calling Standard and Webex Suite need a location.";
    LocationUnknown = "LOCATION_UNKNOWN", "R-CSV-11", Error,
        "The location is not one of the customer's locations.";
    JabberCellInvalid = "JABBER_CELL_INVALID", "R-CSV-12", Error,
        "A Jabber Calling or Jabber with Webex Teams cell is not TRUE, FALSE or blank.";
    JabberRequired = "JABBER_REQUIRED", "R-CSV-12", Error,
        "A row that adds a user or changes a package needs TRUE or FALSE in both Jabber columns.";
    PreferredSiteMissing = "PREFERRED_SITE_MISSING", "R-CSV-13", Warning,
        "No Preferred Webex Site for a package with meetings: meetings may break later.";
    EmailRequired = "EMAIL_REQUIRED", "R-CSV-14", Error,
        "The User ID/Email cell is empty.";
    EmailDuplicate = "EMAIL_DUPLICATE", "R-CSV-14", Error,
        "The e-mail already appears on an earlier row of the file.";
    NumberInUse = "NUMBER_IN_USE", "R-CSV-16", Error,
        "The phone number or extension belongs to another user (in the org or an earlier row).";
    NumberHeldByRejectedRow = "NUMBER_HELD_BY_REJECTED_ROW", "R-CSV-16", Warning,
        "A rejected earlier row has the same number: fixing that row will make the two clash.";
    PackageNotSubscribed = "PACKAGE_NOT_SUBSCRIBED", "R-CSV-17", Error,
        "The customer has no subscription for this package.";
    AdminRemoval = "ADMIN_REMOVAL", "R-CUS-05", Error,
        "A full admin of the customer cannot be removed from the org by a CSV import.";
    RowBlank = "ROW_BLANK", "R-CSV-20", Warning,
        "Every cell of the row is blank: nothing happens for it.";
    SnapshotKeyUnknown = "SNAPSHOT_KEY_UNKNOWN", "R-CSV-21", Error,
        "The org snapshot has a key the library does not know (a typo would switch a check off).";
    SnapshotInvalid = "SNAPSHOT_INVALID", "R-CSV-21", Error,
        "The org snapshot is not JSON of the expected shape, or names an unknown package.";
    SnapshotListMissing = "SNAPSHOT_LIST_MISSING", "R-CSV-21", Warning,
        "The org snapshot has no list of locations, users or subscribed packages: the checks that need it are skipped.";
    CellFormula = "CELL_FORMULA", "R-CSV-22", Warning,
        "A text cell starts like a spreadsheet formula (=, +, -, @): Control Hub stores it and exports it later.";
    LocationsColumnMissing = "LOCATIONS_COLUMN_MISSING", "R-CSV-21", Error,
        "A locations file or phone numbers report has no Location column: no location can be read from it.";
    ExportAdminUnknown = "EXPORT_ADMIN_UNKNOWN", "R-CUS-05", Error,
        "A full admin named for a snapshot built from exports is not a user of the user export.";
    ExportLocationsPartial = "EXPORT_LOCATIONS_PARTIAL", "R-CSV-21", Warning,
        "The snapshot's locations come only from the users' Location cells: a location without users is not in it.";
    OutputFileRefused = "OUTPUT_FILE_REFUSED", "R-CSV-20", Error,
        "The file is refused as a whole: it has no rows to write to a ready or rejected file.";
    OutputPlanMismatch = "OUTPUT_PLAN_MISMATCH", "R-CSV-20", Error,
        "The plan is not the plan of these bytes: its rows cannot be written from them.";
    OutputUnwritable = "OUTPUT_UNWRITABLE", "R-CSV-20", Error,
        "The ready or rejected file could not be written.";

    // --- status and kpi (R-STA, R-KPI) -----------------------------------------
    StatusWindowZero = "STATUS_WINDOW_ZERO", "R-STA", Warning,
        "A status window (expiring soon, no recent activity) is 0 days: it only covers the as-of day.";
    KpiPercentileInvalid = "KPI_PERCENTILE_INVALID", "R-KPI-04", Error,
        "The low-assignment percentile is not a number from 0 to 100.";
    TrendWeekRepeated = "TREND_WEEK_REPEATED", "R-KPI-13", Warning,
        "Two trend inputs fall in one week: the later day counts, the other is left out.";
    KpiRatioInvalid = "KPI_RATIO_INVALID", "R-KPI-04", Error,
        "The fixed low-assignment ratio is not a finite number of 0 or more.";

    // --- report (R-REP) --------------------------------------------------------
    ReportUnreadable = "REPORT_UNREADABLE", "R-REP-01", Error,
        "The report could not be read: an I/O error, or no header row.";
    ReportWriteFailed = "REPORT_WRITE_FAILED", "R-REP-01", Error,
        "The writer failed while the report was written.";
    ReportColumnMissing = "REPORT_COLUMN_MISSING", "R-REP-01", Error,
        "A column the report needs is not in its header row.";
    ReportCellInvalid = "REPORT_CELL_INVALID", "R-REP-01", Error,
        "A report cell cannot be read as its column's type (count, yes/no, ISO date).";
    ReportRowMalformed = "REPORT_ROW_MALFORMED", "R-REP-01", Error,
        "A report row cannot be read as CSV (bad quoting, not UTF-8).";
    ReportTooLarge = "REPORT_TOO_LARGE", "R-REP-05", Error,
        "The report (or a cell, or its column count) is over the reader's limit: nothing is read.";
    ReportCellTrimmed = "REPORT_CELL_TRIMMED", "R-REP-05", Warning,
        "Cells of a column had spaces around them and were read trimmed (`acme ` is `acme`).";
    ReportCellUnwritable = "REPORT_CELL_UNWRITABLE", "R-REP-05", Error,
        "A value the report's reader would refuse or read back differently (NaN, infinite, spaces around text): nothing is written.";
    SubscriptionDuplicate = "SUBSCRIPTION_DUPLICATE", "R-REP-05", Warning,
        "A subscription ID (and product line) appears on an earlier row or item: it is counted once.";
    SubscriptionIdTrimmed = "SUBSCRIPTION_ID_TRIMMED", "R-REP-05", Warning,
        "A subscription or customer ID had spaces around it and was trimmed (`acme ` is `acme`).";
    ReportSumOverflow = "REPORT_SUM_OVERFLOW", "R-REP-05", Error,
        "License counts whose sum does not fit in 64 bits: the row is not counted.";
    KpiSumOverflow = "KPI_SUM_OVERFLOW", "R-REP-05", Warning,
        "A KPI sum does not fit in 64 bits: the figure shown is the largest count, not the sum.";
    ReportFileNameInvalid = "REPORT_FILE_NAME_INVALID", "R-REP-03", Error,
        "The file name is not `<template name>_<alphanumeric id>_<YYYY-MM-DD>`.";

    // --- quality (R-CQ) --------------------------------------------------------
    LegMetricInvalid = "LEG_METRIC_INVALID", "R-CQ-01", Error,
        "A call-leg metric is not a number, is NaN or infinite, negative, or a loss above 100%.";
    LegStreamIncomplete = "LEG_STREAM_INCOMPLETE", "R-CQ-01", Error,
        "A stream has some of jitter, latency and loss blank and others not.";
    QualityPolicyInvalid = "QUALITY_POLICY_INVALID", "R-CQ-01", Error,
        "A quality threshold is NaN, infinite or negative.";
    LegColumnsLengthMismatch = "LEG_COLUMNS_LENGTH_MISMATCH", "R-CQ-01", Error,
        "The columns handed to the columnar classifier differ in length.";
    LegEndpointUnknown = "LEG_ENDPOINT_UNKNOWN", "R-CQ-02", Error,
        "The endpoint type is not one of webex_app, desk_phone, room_device, analog, third_party, other.";
    LegIpVersionInvalid = "LEG_IP_VERSION_INVALID", "R-CQ-02", Error,
        "The IP version is not 4 or 6.";
    LegTimeInvalid = "LEG_TIME_INVALID", "R-CQ-03", Error,
        "The start time is not an RFC 3339 timestamp, so the leg has no week.";
    LegFieldRequired = "LEG_FIELD_REQUIRED", "R-CQ-03", Error,
        "The customer_id or leg_id of a call leg is empty.";
    LegRowMalformed = "LEG_ROW_MALFORMED", "R-CQ-03", Error,
        "The call-leg row cannot be read: wrong number of fields or not UTF-8.";
    CallDataUnreadable = "CALL_DATA_UNREADABLE", "R-CQ-03", Error,
        "The call-leg or call-queue CSV could not be read (an I/O error).";
    CallDataTooLarge = "CALL_DATA_TOO_LARGE", "R-REP-05", Error,
        "The call-leg or call-queue CSV (or a cell, or its column count) is over the reader's limit: nothing is read.";
    LegIdDuplicate = "LEG_ID_DUPLICATE", "R-REP-05", Warning,
        "A call leg's customer and leg ID appear on an earlier row: the leg is counted once.";
    LegHeaderMissing = "LEG_HEADER_MISSING", "R-CQ-03", Error,
        "The call-leg CSV lacks a required column; nothing can be read.";
    QualityPartialInvalid = "QUALITY_PARTIAL_INVALID", "R-CQ-03", Error,
        "A row of partial quality counts cannot be a sum of legs: empty customer_id, a week_start that is no Sunday 00:00 UTC, or more poor legs than measured or more measured than legs.";
    QueueHeaderMissing = "QUEUE_HEADER_MISSING", "R-CQ-04", Error,
        "The queued-call CSV lacks a required column; nothing can be read.";
    QueueRowMalformed = "QUEUE_ROW_MALFORMED", "R-CQ-04", Error,
        "The queued-call row cannot be read: wrong number of fields or not UTF-8.";
    QueueFieldInvalid = "QUEUE_FIELD_INVALID", "R-CQ-04", Error,
        "A queued call has an empty customer_id or queue, or a start time that is not RFC 3339.";
    QueueOutcomeUnknown = "QUEUE_OUTCOME_UNKNOWN", "R-CQ-04", Error,
        "The queue outcome is not answered, moved_to_other_queue or abandoned.";
    QueueWaitInvalid = "QUEUE_WAIT_INVALID", "R-CQ-04", Error,
        "The wait is not a whole, non-negative number of seconds.";
    LegFeatureUnknown = "LEG_FEATURE_UNKNOWN", "R-CQ-05", Error,
        "The feature is not call_queue, hunt_group or auto_attendant.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        schemars::json_schema!({
            "description": "A code of the registry (docs/codes.md), e.g. `EMAIL_INVALID`.",
            "type": "string",
            "enum": codes,
        })
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One row of the registry, as listed by `wholesale codes` and `docs/codes.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CodeInfo {
    /// The stable code string.
    pub code: &'static str,
    /// The rule ID it enforces.
    pub rule: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// One-line meaning.
    pub summary: &'static str,
}

impl From<Code> for CodeInfo {
    fn from(code: Code) -> Self {
        CodeInfo {
            code: code.as_str(),
            rule: code.rule(),
            severity: code.severity(),
            summary: code.summary(),
        }
    }
}

/// The registry as plain rows, in registry order.
pub fn registry() -> impl Iterator<Item = CodeInfo> {
    Code::ALL.iter().copied().map(CodeInfo::from)
}

impl Code {
    /// The page of `docs/` that documents this code with an example.
    pub fn reference_page(self) -> &'static str {
        let family: Vec<&str> = self.rule().splitn(3, '-').take(2).collect();
        match (self, family.as_slice()) {
            // Contact values are documented with provisioning, their first user.
            (
                Code::EmailInvalid
                | Code::PhoneNumberInvalid
                | Code::PhoneNumberNoPlus
                | Code::ExtensionInvalid,
                _,
            ) => "provisioning.md",
            (_, ["R", "CSV"]) => "csv_import.md",
            (_, ["R", "STA" | "KPI" | "REP"]) => "analytics.md",
            (_, ["R", "CQ"]) => "quality.md",
            _ => "provisioning.md",
        }
    }
}

/// The registry as the Markdown table kept in `docs/codes.md`.
///
/// A test compares the file with this output, so the docs cannot drift.
pub fn registry_markdown() -> String {
    let mut out = String::from(
        "# Error and warning codes\n\n\
         Generated from `wholesale_core::codes` (`wholesale codes --format markdown`); \
         a test fails when this file and the registry differ. The reference page \
         gives an example of each code. Contact-value codes (`EMAIL_INVALID`, \
         `PHONE_NUMBER_*`, `EXTENSION_INVALID`) are shared by provisioning, the \
         CSV import and the API precheck.\n\n\
         | Code | Rule | Severity | Meaning | Reference |\n|---|---|---|---|---|\n",
    );
    for &code in Code::ALL {
        let info = CodeInfo::from(code);
        let page = code.reference_page();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | [{page}]({page}) |\n",
            info.code,
            info.rule,
            info.severity.as_str(),
            info.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_screaming_snake_case_and_round_trips() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let id = code.as_str();
            assert!(seen.insert(id), "{id} listed twice");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{id} is not SCREAMING_SNAKE_CASE"
            );
            assert_eq!(id.parse::<Code>().unwrap(), code);
            assert!(
                code.rule().starts_with("R-"),
                "{id} has rule {}",
                code.rule()
            );
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
    }

    #[test]
    fn unknown_code_is_a_typed_error() {
        assert_eq!(
            "NOT_A_CODE".parse::<Code>(),
            Err(UnknownCode("NOT_A_CODE".into()))
        );
    }
}
