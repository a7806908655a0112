//! `wholesale csv check`: plan a bulk user CSV import (R-CSV-01..20).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use wholesale_core::csv_import::{self, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot};
use wholesale_core::{Problem, Severity};

use crate::output::write_json;
use crate::{demo::samples_dir, open_input, read_input_at_most, Failure, Format, Outcome};

/// The import behavior, as spelled on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Behavior {
    /// "Add services only": TRUE assigns, FALSE changes nothing.
    #[default]
    AddOnly,
    /// "Add and remove services": TRUE assigns, FALSE removes.
    AddAndRemove,
}

impl From<Behavior> for ImportBehavior {
    fn from(b: Behavior) -> Self {
        match b {
            Behavior::AddOnly => ImportBehavior::AddOnly,
            Behavior::AddAndRemove => ImportBehavior::AddAndRemove,
        }
    }
}

#[derive(Subcommand)]
pub enum CsvCommand {
    /// Check a Control Hub user CSV and print the import plan.
    ///
    /// Exit 0 when nothing is rejected, 1 when a row or the file is rejected,
    /// 2 for usage or I/O errors.
    Check {
        /// The CSV file (UTF-8, or the UTF-16LE text Control Hub exports).
        file: PathBuf,
        /// An org snapshot (JSON, see docs/csv_import.md) to check users,
        /// locations, numbers and subscriptions against.
        #[arg(long, value_name = "SNAPSHOT.json")]
        org: Option<PathBuf>,
        /// The import behavior chosen in Control Hub.
        #[arg(long, value_enum, default_value_t)]
        behavior: Behavior,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(cmd: CsvCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let CsvCommand::Check {
        file,
        org,
        behavior,
        format,
    } = cmd;
    let options = options(org.as_deref(), behavior)?;
    // Through the core's bounded reader: an endless or huge file is the
    // plan's FILE_TOO_LARGE after MAX_FILE_BYTES + 1 bytes (R-CSV-04).
    let plan = csv_import::check(open_input(&file)?, &options)
        .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    match format {
        Format::Json => write_json(out, &plan)?,
        Format::Text => write_text(out, &file.display().to_string(), &plan)?,
        Format::Markdown => return Err(Failure("csv check prints text or json".into())),
    }
    Ok(if plan.has_rejections() {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn options(org: Option<&Path>, behavior: Behavior) -> Result<ImportOptions, Failure> {
    let mut options = ImportOptions::default().with_behavior(behavior.into());
    if let Some(path) = org {
        let json = read_input_at_most(path, csv_import::MAX_FILE_BYTES)?;
        let text = String::from_utf8(json)
            .map_err(|_| Failure(format!("{} is not UTF-8 JSON", path.display())))?;
        // R-CSV-21: a snapshot that cannot be read exactly stops the check;
        // a check silently switched off would make a plan look clean.
        let snapshot = OrgSnapshot::from_json(&text).map_err(|e| {
            Failure(format!(
                "{}: {} ({}) {e}",
                path.display(),
                e.code(),
                e.code().rule()
            ))
        })?;
        options = options.with_org(snapshot);
    }
    Ok(options)
}

/// A summary line, then one line per problem.
fn write_text(out: &mut dyn Write, name: &str, plan: &ImportPlan) -> Result<(), Failure> {
    let s = &plan.summary;
    writeln!(
        out,
        "{name}: {} rows: {} add, {} modify, {} change_package, {} remove, {} no_change, {} rejected; {} warnings",
        s.rows, s.add, s.modify, s.change_package, s.remove, s.no_change, s.rejected, s.warnings
    )?;
    let rows = plan
        .rows
        .iter()
        .flat_map(|row| row.errors.iter().chain(&row.warnings));
    for problem in plan
        .file_errors
        .iter()
        .chain(&plan.file_warnings)
        .chain(rows)
    {
        write_problem(out, problem)?;
    }
    Ok(())
}

pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    let dir = samples_dir();
    let options = options(Some(&dir.join("org.json")), Behavior::AddOnly)?;
    let plan = csv_import::check(open_input(&dir.join("users.csv"))?, &options)?;
    writeln!(
        out,
        "== CSV import: samples/users.csv against samples/org.json (add services only) =="
    )?;
    write_text(out, "users.csv", &plan)?;
    // R-CSV-19: what to do when Control Hub itself refuses a row.
    let reported = "Line 5: Cannot update user attributes; cannot revert license change.";
    if let Some(fix) = csv_import::remediation_for(reported) {
        writeln!(
            out,
            "Control Hub said {reported:?} -> {} ({})",
            fix.steps(),
            fix.rule()
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// `line 3, column "Phone Number": warning CODE (R-CSV-NN) message`.
pub(crate) fn write_problem(out: &mut dyn Write, problem: &Problem) -> std::io::Result<()> {
    let at = problem
        .line
        .map_or_else(|| "file".to_owned(), |line| format!("line {line}"));
    let column = problem
        .field
        .as_deref()
        .map_or_else(String::new, |c| format!(", column {c:?}"));
    let severity = match problem.severity() {
        Severity::Error => "",
        Severity::Warning => "warning ",
    };
    writeln!(
        out,
        "{at}{column}: {severity}{} ({}) {}",
        problem.code,
        problem.rule(),
        problem.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_runs_on_the_shipped_samples_and_reports_problems() {
        let mut out = Vec::new();
        demo(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("rejected"), "{text}");
        assert!(text.contains("LOCATION_UNKNOWN (R-CSV-11)"), "{text}");
    }

    #[test]
    fn check_exit_codes_follow_the_plan() {
        let dir = samples_dir();
        let run_check = |file: &str, format| {
            let mut out = Vec::new();
            let outcome = run(
                CsvCommand::Check {
                    file: dir.join(file),
                    org: Some(dir.join("org.json")),
                    behavior: Behavior::AddOnly,
                    format,
                },
                &mut out,
            );
            (outcome, String::from_utf8(out).unwrap())
        };
        let (outcome, json) = run_check("users.csv", Format::Json);
        assert_eq!(outcome.unwrap(), Outcome::Problems);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(value["summary"]["rejected"].as_u64().unwrap() > 0);
        let (outcome, _) = run_check("users_clean.csv", Format::Text);
        assert_eq!(outcome.unwrap(), Outcome::Clean);
        let (outcome, _) = run_check("no_such_file.csv", Format::Text);
        assert!(outcome.is_err());
    }
}
