//! `wholesale report read|write|name`: the Partner Hub reports (R-REP-01,
//! R-REP-02, R-REP-05) and their file names (R-REP-03).

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use wholesale_core::report::{
    read_report_of_kind, AnyReportRows, ReportFileName, ReportKind, MAX_REPORT_BYTES,
};

use crate::output::{eprint_problems, safe, safe_display, write_json};
use crate::{read_input_at_most, Failure, Format, Outcome};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Read a report CSV into typed rows; every unreadable row is reported
    /// with its line. Exit 1 when a row could not be read.
    Read {
        /// subscription_details, devices, phone_numbers, calling_usage or app_versions.
        #[arg(value_parser = parse_kind)]
        kind: ReportKind,
        /// The report CSV.
        file: PathBuf,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write rows (JSON, as `report read --format json` gives them) as the
    /// report's CSV, formula-safe. Refuses what the reader would not read back.
    Write {
        /// The report kind.
        #[arg(value_parser = parse_kind)]
        kind: ReportKind,
        /// A JSON list of rows, or `{"rows": [...]}`.
        file: PathBuf,
        /// text: the CSV itself; json: `{"csv": ...}`.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Parse a report file name, or build one from --template, --id, --date.
    Name {
        /// `<template>_<id>_<YYYY-MM-DD>[.csv]` to parse.
        #[arg(required_unless_present_all = ["template", "id", "date"])]
        name: Option<String>,
        /// The template name, to build a name.
        #[arg(long, requires_all = ["id", "date"], conflicts_with = "name")]
        template: Option<String>,
        /// The alphanumeric id, to build a name.
        #[arg(long)]
        id: Option<String>,
        /// The download date, to build a name.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn parse_kind(text: &str) -> Result<ReportKind, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|e| e.to_string())
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not YYYY-MM-DD"))
}

pub fn run(cmd: ReportCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    match cmd {
        ReportCommand::Read { kind, file, format } => read(kind, &file, format, out),
        ReportCommand::Write { kind, file, format } => write(kind, &file, format, out),
        ReportCommand::Name {
            name,
            template,
            id,
            date,
            format,
        } => name_of(name, template, id, date, format, out),
    }
}

fn read(
    kind: ReportKind,
    file: &std::path::Path,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let bytes = read_input_at_most(file, MAX_REPORT_BYTES)?;
    let table = read_report_of_kind(kind, bytes.as_slice())
        .map_err(|e| Failure(format!("{}: {}", file.display(), safe_display(&e))))?;
    let problems = table.problems();
    match format {
        Format::Json => write_json(out, &table)?,
        Format::Text => {
            let rows = serde_json::to_value(&table)?
                .get("rows")
                .and_then(serde_json::Value::as_array)
                .map_or(0, Vec::len);
            writeln!(
                out,
                "{} report {}: {rows} rows read, {} problems",
                kind.as_str(),
                safe(&file.display().to_string()),
                problems.len()
            )?;
            for p in problems {
                writeln!(out, "  {}", safe_display(p))?;
            }
        }
        Format::Markdown => return Err(Failure("report read prints text or json".into())),
    }
    let errors = problems
        .iter()
        .any(|p| p.severity() == wholesale_core::Severity::Error);
    if format == Format::Json {
        eprint_problems(problems);
    }
    Ok(if errors {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// Rows given as a list, or as the `{"rows": [...]}` that `report read` prints.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RowsFile {
    Rows(Vec<serde_json::Value>),
    Table { rows: Vec<serde_json::Value> },
}

#[derive(Serialize)]
struct Written {
    csv: String,
}

fn write(
    kind: ReportKind,
    file: &std::path::Path,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let rows = match crate::read_json::<RowsFile>(file)? {
        RowsFile::Rows(rows) | RowsFile::Table { rows } => rows,
    };
    let rows = AnyReportRows::deserialize_kind(kind, serde_json::Value::Array(rows))
        .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let mut csv = Vec::new();
    rows.write(&mut csv)
        .map_err(|e| Failure(format!("{}: {}", file.display(), safe_display(&e))))?;
    match format {
        Format::Json => write_json(
            out,
            &Written {
                csv: String::from_utf8(csv)?,
            },
        )?,
        // The CSV is the output itself; it is data for a file, not the
        // terminal, and is written exactly.
        Format::Text => out.write_all(&csv)?,
        Format::Markdown => return Err(Failure("report write prints text or json".into())),
    }
    Ok(Outcome::Clean)
}

fn name_of(
    name: Option<String>,
    template: Option<String>,
    id: Option<String>,
    date: Option<NaiveDate>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let parsed = match (name, template, id, date) {
        (Some(name), ..) => ReportFileName::parse(&name),
        (None, Some(template), Some(id), Some(date)) => ReportFileName::new(template, id, date),
        _ => {
            return Err(Failure(
                "give a NAME, or --template, --id and --date".into(),
            ))
        }
    };
    let problem = match parsed {
        Ok(name) => {
            match format {
                Format::Json => write_json(
                    out,
                    &serde_json::json!({
                        "template": name.template,
                        "id": name.id,
                        "date": name.date,
                        "file_name": name.file_name(),
                    }),
                )?,
                Format::Text => writeln!(
                    out,
                    "{} (template {}, id {}, date {})",
                    safe(&name.file_name()),
                    safe(&name.template),
                    safe(&name.id),
                    name.date
                )?,
                Format::Markdown => return Err(Failure("report name prints text or json".into())),
            }
            return Ok(Outcome::Clean);
        }
        Err(problem) => problem,
    };
    match format {
        Format::Json => write_json(out, &serde_json::json!({ "errors": [problem] }))?,
        _ => writeln!(out, "{}", safe_display(&problem))?,
    }
    Ok(Outcome::Problems)
}
