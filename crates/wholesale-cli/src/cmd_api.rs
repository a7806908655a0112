//! `wholesale api check`: detect, parse and precheck a Webex Wholesale API payload.

use std::io::Write;

use clap::Subcommand;

use crate::{Failure, Outcome};

#[derive(Subcommand)]
pub enum ApiCommand {
    /// Detect which payload a JSON file is, parse it and run the local precheck.
    Check,
}

pub fn run(_cmd: ApiCommand, _out: &mut dyn Write) -> Result<Outcome, Failure> {
    Err(Failure("api check is not built yet".into()))
}

pub fn demo(_out: &mut dyn Write) -> Result<(), Failure> {
    Ok(())
}
