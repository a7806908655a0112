//! A row the call-leg and queued-call readers did not use: the readers return
//! it and the weekly report carries it, so it sits below both.

use serde::Serialize;

use crate::problem::Problem;

/// A CSV row that was not used, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RejectedRow {
    /// The 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// What is wrong; `field` names the CSV column.
    pub problems: Vec<Problem>,
}

impl RejectedRow {
    /// The row at `line` with its problems, each placed on that line.
    pub fn new(line: u64, problems: Vec<Problem>) -> RejectedRow {
        let problems = problems
            .into_iter()
            .map(|problem| problem.on_line(Some(line)))
            .collect();
        RejectedRow { line, problems }
    }
}
