//! `wholesale`: check Webex Wholesale payloads, CSV imports, KPIs and call
//! quality offline. Every command is a thin layer over `wholesale-core`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod cmd_api;
mod cmd_codes;
mod cmd_csv;
mod cmd_customer;
mod cmd_kpi;
mod cmd_quality;
mod cmd_remediate;
mod cmd_report;
mod cmd_snapshot;
mod cmd_status;
mod cmd_users;
mod demo;
mod output;

/// Webex Wholesale rules, offline: payload prechecks, CSV import plans, license
/// KPIs and call quality.
#[derive(Parser)]
#[command(name = "wholesale", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format shared by every command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// Machine-readable JSON.
    Json,
    /// A Markdown table (only `codes`).
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// List every error and warning code with its rule.
    Codes {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show what the library does, on sample data shipped in the repo.
    Demo,
    /// Webex Wholesale Provisioning API payloads.
    #[command(subcommand)]
    Api(cmd_api::ApiCommand),
    /// Bulk user CSV imports, and Control Hub import error remediation.
    #[command(subcommand)]
    Csv(cmd_remediate::CsvCommands),
    /// License KPIs from a subscription details report or a JSON list of subscriptions.
    Kpi(cmd_kpi::KpiArgs),
    /// Call quality from a call-leg CSV.
    Quality(cmd_quality::QualityArgs),
    /// Org snapshots for `csv check --org`, built from Control Hub exports.
    #[command(subcommand)]
    Snapshot(cmd_snapshot::SnapshotCommand),
    /// Customer statuses (R-STA), list filters and the search by e-mail.
    Status(cmd_status::StatusArgs),
    /// Customer creation checks (R-CUS-01..03, R-CUS-06, R-TPL).
    #[command(subcommand)]
    Customer(cmd_customer::CustomerCommand),
    /// Manual add of users (R-USR-01, R-CUS-04, R-CUS-05).
    #[command(subcommand)]
    Users(cmd_users::UsersCommand),
    /// Partner Hub reports: read, write, file names (R-REP).
    #[command(subcommand)]
    Report(cmd_report::ReportCommand),
}

/// How a command ended: the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: valid, nothing rejected.
    Clean,
    /// Exit 1: the input has errors.
    Problems,
}

/// An error that stops a command: exit 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Reads a whole input file, naming it in the error.
pub fn read_input(path: &PathBuf) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// Opens an input file, naming it in the error.
pub fn open_input(path: &Path) -> Result<std::fs::File, Failure> {
    std::fs::File::open(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// Reads at most `limit` bytes of an input file: a larger (or endless) one,
/// such as `/dev/zero`, is refused after `limit` + 1 bytes, not read to the
/// end of memory.
pub fn read_input_at_most(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let bytes = wholesale_core::csv_import::read_at_most(open_input(path)?, limit)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    if bytes.len() > limit {
        return Err(Failure(format!(
            "{} is larger than {} MiB",
            path.display(),
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// The largest JSON input a command reads (customers, users, rows): an
/// endless input stops with an error (R-REP-05).
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

/// Reads a JSON input file of type `T`, at most [`MAX_JSON_BYTES`], naming
/// the file in every error.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    let bytes = read_input_at_most(path, MAX_JSON_BYTES)?;
    serde_json::from_slice(&bytes).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Codes { format } => cmd_codes::run(format, &mut out),
        Command::Demo => demo::run(&mut out),
        Command::Api(cmd) => cmd_api::run(cmd, &mut out),
        Command::Csv(cmd) => cmd_remediate::run(cmd, &mut out),
        Command::Kpi(args) => cmd_kpi::run(args, &mut out),
        Command::Quality(args) => cmd_quality::run(args, &mut out),
        Command::Snapshot(cmd) => cmd_snapshot::run(cmd, &mut out),
        Command::Status(args) => cmd_status::run(args, &mut out),
        Command::Customer(cmd) => cmd_customer::run(cmd, &mut out),
        Command::Users(cmd) => cmd_users::run(cmd, &mut out),
        Command::Report(cmd) => cmd_report::run(cmd, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("wholesale: {}", output::terminal_safe(&message));
            ExitCode::from(2)
        }
    }
}
