//! The weekly reports of read CSVs: the reader's legs (or queued calls)
//! aggregated, with its rejected rows. Here rather than in `read` or `aggregate`, so that
//! neither of the two imports the other.

use chrono::NaiveDate;

use super::aggregate::QualityReport;
use super::leg::QualityPolicy;
use super::partial::weekly_report;
use super::queue::{queue_kpis, QueueReport};
use super::read::{LegsRead, QueuedCallsRead};

impl LegsRead {
    /// The weekly report of these legs, with the rejected rows in it.
    pub fn report(&self, as_of: NaiveDate, policy: &QualityPolicy) -> QualityReport {
        let mut report = weekly_report(&self.legs, as_of, policy);
        report.rejected_rows = self.rejected.clone();
        report
    }
}

impl QueuedCallsRead {
    /// The queue KPIs of these calls (R-CQ-04), with the rejected rows in them.
    pub fn report(&self, as_of: NaiveDate) -> QueueReport {
        let mut report = queue_kpis(&self.calls, as_of);
        report.rejected_rows = self.rejected.clone();
        report
    }
}
