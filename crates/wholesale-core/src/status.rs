//! Customer status (R-STA) and customer-list filters. Filled by the analytics issue.
