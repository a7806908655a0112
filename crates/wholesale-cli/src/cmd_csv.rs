//! `wholesale csv check`: plan a bulk user CSV import. Filled by the CSV import issue.

use std::io::Write;

use clap::Subcommand;

use crate::{Failure, Outcome};

#[derive(Subcommand)]
pub enum CsvCommand {
    /// Check a Control Hub user CSV and print the import plan.
    Check,
}

pub fn run(_cmd: CsvCommand, _out: &mut dyn Write) -> Result<Outcome, Failure> {
    Err(Failure("csv check is not built yet".into()))
}

pub fn demo(_out: &mut dyn Write) -> Result<(), Failure> {
    Ok(())
}
