//! Partner Hub reports (R-REP-01..04). Filled by the analytics issue.
