//! The Webex App versions report: users per app version and platform over the
//! last 90 days.

use super::report_row;

report_row! {
    /// Users of one app type, platform and version.
    pub struct AppVersionRow {
        customer_name: String = "Customer Name",
        org_id: String = "Org ID",
        app_type: String = "App Type",
        platform: String = "Platform",
        version: String = "Version",
        os_version: String = "OS Version",
        number_of_users: u64 = "Number of Users",
    }
}
