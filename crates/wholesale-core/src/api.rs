//! The Webex Wholesale Provisioning API shapes (R-API-01..04).
