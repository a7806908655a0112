//! `wholesale csv remediate MESSAGE`: the fix for a Control Hub import error
//! message (R-CSV-19).

use std::io::Write;

use clap::{Args, Subcommand};
use serde::Serialize;
use wholesale_core::csv_import::{remediation_for, RemediationAdvice};

use crate::output::{safe, write_json};
use crate::{cmd_csv, Failure, Format, Outcome};

/// The `csv` subcommands: those of `cmd_csv` and `remediate`.
#[derive(Subcommand)]
pub enum CsvCommands {
    #[command(flatten)]
    Csv(cmd_csv::CsvCommand),
    /// The remediation for a Control Hub import error message (R-CSV-19).
    /// Exit 0 with the steps when the message is known, 1 when not.
    Remediate(RemediateArgs),
}

#[derive(Args)]
pub struct RemediateArgs {
    /// The error message Control Hub showed (English).
    message: String,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Serialize)]
struct Answer<'a> {
    message: &'a str,
    remediation: Option<RemediationAdvice>,
}

pub fn run(cmd: CsvCommands, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let args = match cmd {
        CsvCommands::Csv(cmd) => return cmd_csv::run(cmd, out),
        CsvCommands::Remediate(args) => args,
    };
    let advice = remediation_for(&args.message).map(RemediationAdvice::from);
    match args.format {
        Format::Json => write_json(
            out,
            &Answer {
                message: &args.message,
                remediation: advice,
            },
        )?,
        Format::Text => match &advice {
            Some(a) => writeln!(out, "{}: {}", a.rule, a.steps)?,
            None => writeln!(out, "no known remediation for \"{}\"", safe(&args.message))?,
        },
        Format::Markdown => return Err(Failure("csv remediate prints text or json".into())),
    }
    Ok(if advice.is_some() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
