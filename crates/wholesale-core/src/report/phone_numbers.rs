//! The phone numbers report: every Webex Calling number and extension of every
//! managed customer.

use super::report_row;

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
        /// yes/no; empty when not given.
        active: Option<bool> = "Active",
        user_type: String = "User Type",
        number_type: String = "Number Type",
        user_id: String = "User ID",
        user_uuid: String = "User UUID",
    }
}
