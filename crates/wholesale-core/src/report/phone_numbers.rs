//! The phone numbers report: every Webex Calling number and extension of every
//! managed customer.

use serde::{Deserialize, Serialize};

use super::{report_row, Cell};

/// The phone numbers report's `Active` column (R-REP-01): a status whose
/// values the seed does not list, so any other text is kept as given.
/// `Active`/`yes`/`true` and `Inactive`/`no`/`false` (any case) are known.
///
/// ```
/// use wholesale_core::report::phone_numbers::NumberStatus;
/// use wholesale_core::report::Cell;
///
/// assert_eq!(NumberStatus::parse_cell("Inactive").unwrap(), NumberStatus::Inactive);
/// assert_eq!(NumberStatus::parse_cell("yes").unwrap(), NumberStatus::Active);
/// assert_eq!(NumberStatus::parse_cell("Porting").unwrap(), NumberStatus::Other("Porting".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberStatus {
    /// In service.
    Active,
    /// Not in service.
    Inactive,
    /// A status the library does not know, kept as given.
    #[serde(untagged)]
    Other(String),
}

impl NumberStatus {
    fn of(text: &str) -> NumberStatus {
        let known = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(text));
        if known(&["active", "yes", "true"]) {
            NumberStatus::Active
        } else if known(&["inactive", "no", "false"]) {
            NumberStatus::Inactive
        } else {
            NumberStatus::Other(text.to_owned())
        }
    }
}

impl Cell for NumberStatus {
    fn parse_cell(text: &str) -> Result<Self, String> {
        Ok(NumberStatus::of(crate::text::trim(text)))
    }

    fn write_cell(&self) -> Result<String, String> {
        match self {
            NumberStatus::Active => Ok("Active".to_owned()),
            NumberStatus::Inactive => Ok("Inactive".to_owned()),
            NumberStatus::Other(text) => {
                let written = text.write_cell()?;
                if NumberStatus::of(&written) == *self {
                    Ok(written)
                } else {
                    Err(format!(
                        "{text:?} as an unknown status would read back as a known one"
                    ))
                }
            }
        }
    }
}

report_row! {
    /// One phone number or extension.
    pub struct PhoneNumberRow {
        external_id: String = "External ID",
        customer: String = "Customer",
        customer_org_id: String = "Customer Org ID",
        location_id: String = "Location ID",
        location_name: String = "Location Name",
        country: String = "Country",
        phone_number: String = "Phone Number",
        extension: String = "Extension",
        pstn_connection: String = "PSTN Connection",
        /// The number's status; empty when not given.
        active: Option<NumberStatus> = "Active",
        user_type: String = "User Type",
        number_type: String = "Number Type",
        user_id: String = "User ID",
        user_uuid: String = "User UUID",
    }
}
