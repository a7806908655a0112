//! The devices report: every device of every managed customer.

use super::report_row;

report_row! {
    /// One device.
    pub struct DeviceRow {
        external_id: String = "External ID",
        customer: String = "Customer",
        customer_org_id: String = "Customer Org ID",
        location_id: String = "Location ID",
        location_name: String = "Location Name",
        product: String = "Product",
        mac: String = "MAC",
        firmware: String = "Firmware",
        phone_number: String = "Phone Number",
        extension: String = "Extension",
        user_id: String = "User ID",
        user_uuid: String = "User UUID",
    }
}
