//! The Partner Hub reports by kind: what the bindings and the CLI name with a
//! string (`"devices"`), read and written without naming the row type.
//!
//! ```
//! use wholesale_core::report::kind::{read_report_of_kind, ReportKind};
//!
//! let kind: ReportKind = serde_json::from_str("\"app_versions\"").unwrap();
//! let csv = "Customer Name,Org ID,App Type,Platform,Version,OS Version,Number of Users\nAcme,o,app,mac,1,14,3\n";
//! let table = read_report_of_kind(kind, csv.as_bytes()).unwrap();
//! assert_eq!(serde_json::to_value(&table).unwrap()["rows"][0]["customer_name"], "Acme");
//! assert_eq!(ReportKind::ALL.len(), 5);
//! ```

use std::io::{Read, Write};

use serde::{Deserialize, Deserializer, Serialize};

use super::app_versions::AppVersionRow;
use super::calling_usage::CallingUsageRow;
use super::devices::DeviceRow;
use super::phone_numbers::PhoneNumberRow;
use super::subscription_details::SubscriptionDetailsRow;
use super::{read_report, write_report, ReportError, ReportTable};

macro_rules! report_kinds {
    ($( $(#[$doc:meta])* $kind:ident = $name:literal, $row:ty; )*) => {
        /// A Partner Hub report the library reads and writes (R-REP-01).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ReportKind {
            $( $(#[$doc])* $kind, )*
        }

        impl ReportKind {
            /// Every kind, in the order the docs list them.
            pub const ALL: &'static [ReportKind] = &[$(ReportKind::$kind),*];

            /// The snake_case name, e.g. `subscription_details`.
            pub const fn as_str(self) -> &'static str {
                match self { $(ReportKind::$kind => $name),* }
            }
        }

        /// A report of any kind, as read: `{rows, problems}`.
        #[derive(Clone, Debug, PartialEq, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum AnyReportTable {
            $( $(#[$doc])* $kind(ReportTable<$row>), )*
        }

        /// Rows of one kind of report, to be written.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum AnyReportRows {
            $( $(#[$doc])* $kind(Vec<$row>), )*
        }

        /// A row of any report, as `readReport` returns it (for the schema
        /// of the bindings' arguments; Rust code uses [`AnyReportRows`]).
        #[cfg(feature = "schema")]
        #[derive(schemars::JsonSchema)]
        #[serde(untagged)]
        #[allow(missing_docs)]
        pub enum AnyReportRow {
            $( $kind($row), )*
        }

        /// Reads a report of `kind` (R-REP-01); see [`read_report`].
        pub fn read_report_of_kind(kind: ReportKind, reader: impl Read) -> Result<AnyReportTable, ReportError> {
            Ok(match kind {
                $( ReportKind::$kind => AnyReportTable::$kind(read_report(reader)?), )*
            })
        }

        impl AnyReportRows {
            /// Reads rows of `kind` (as [`read_report_of_kind`] returns them)
            /// from any serde deserializer: JSON, a Python or a JS value.
            pub fn deserialize_kind<'de, D: Deserializer<'de>>(kind: ReportKind, rows: D) -> Result<Self, D::Error> {
                Ok(match kind {
                    $( ReportKind::$kind => AnyReportRows::$kind(Vec::deserialize(rows)?), )*
                })
            }

            /// Writes the rows as the report's CSV (R-REP-01); see [`write_report`].
            pub fn write(&self, writer: impl Write) -> Result<(), ReportError> {
                match self {
                    $( AnyReportRows::$kind(rows) => write_report(writer, rows), )*
                }
            }
        }
    };
}

report_kinds! {
    /// The subscription details report (R-REP-02).
    SubscriptionDetails = "subscription_details", SubscriptionDetailsRow;
    /// The devices report.
    Devices = "devices", DeviceRow;
    /// The phone numbers report.
    PhoneNumbers = "phone_numbers", PhoneNumberRow;
    /// The calling usage report.
    CallingUsage = "calling_usage", CallingUsageRow;
    /// The app versions report.
    AppVersions = "app_versions", AppVersionRow;
}

impl AnyReportTable {
    /// The problems of the rows that could not be read.
    pub fn problems(&self) -> &[crate::Problem] {
        macro_rules! problems {
            ($($kind:ident),*) => { match self { $(AnyReportTable::$kind(table) => &table.problems),* } };
        }
        problems!(
            SubscriptionDetails,
            Devices,
            PhoneNumbers,
            CallingUsage,
            AppVersions
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_rep_01_every_kind_reads_back_what_it_writes() {
        for &kind in ReportKind::ALL {
            let empty = AnyReportRows::deserialize_kind(kind, serde_json::json!([])).unwrap();
            let mut csv = Vec::new();
            empty.write(&mut csv).unwrap();
            let table = read_report_of_kind(kind, csv.as_slice()).unwrap();
            assert!(table.problems().is_empty(), "{kind:?}");
            let name = serde_json::to_value(kind).unwrap();
            assert_eq!(name, kind.as_str());
        }
    }

    #[test]
    fn r_rep_01_an_unknown_kind_is_refused_with_the_known_ones() {
        let err = serde_json::from_str::<ReportKind>("\"invoices\"").unwrap_err();
        assert!(err.to_string().contains("subscription_details"), "{err}");
    }
}
