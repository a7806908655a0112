//! The weekly report of a read call-leg CSV: the reader's legs aggregated,
//! with its rejected rows. Here rather than in `read` or `aggregate`, so that
//! neither of the two imports the other.

use chrono::NaiveDate;

use super::aggregate::{weekly_report, QualityReport};
use super::leg::QualityPolicy;
use super::read::LegsRead;

impl LegsRead {
    /// The weekly report of these legs, with the rejected rows in it.
    pub fn report(&self, as_of: NaiveDate, policy: &QualityPolicy) -> QualityReport {
        let mut report = weekly_report(&self.legs, as_of, policy);
        report.rejected_rows = self.rejected.clone();
        report
    }
}
