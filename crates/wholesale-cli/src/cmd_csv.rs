//! `wholesale csv check`: plan a bulk user CSV import (R-CSV-01..20).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use wholesale_core::csv_import::{
    self, Action, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot, OutputError, RowOutcome,
};
use wholesale_core::{Problem, Severity};

use crate::output::{terminal_safe, write_json};
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

/// What `csv check` lists besides the review of destructive rows, which is
/// always listed (R-CSV-20).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Show {
    /// The problems of the file and of the rows.
    #[default]
    Problems,
    /// One line per row that changes something (add, modify,
    /// change_package, remove).
    Changes,
    /// The problems, and one line per row whatever it does.
    All,
}

/// A planned outcome `--fail-on` can refuse (exit 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A user removed from the org.
    Remove,
    /// A user moved to another package.
    #[value(name = "change_package", alias = "change-package")]
    ChangePackage,
    /// A license taken away on a row that is neither.
    #[value(name = "license_removal", alias = "license-removal")]
    LicenseRemoval,
}

impl FailOn {
    fn applies(self, row: &RowOutcome) -> bool {
        match self {
            FailOn::Remove => row.action == Action::Remove,
            FailOn::ChangePackage => row.action == Action::ChangePackage,
            FailOn::LicenseRemoval => {
                row.is_destructive()
                    && !matches!(row.action, Action::Remove | Action::ChangePackage)
            }
        }
    }
}

#[derive(Subcommand)]
pub enum CsvCommand {
    /// Check a Control Hub user CSV and print the import plan.
    ///
    /// Text output lists every remove, change_package and license removal
    /// row by row (the review), then what --show asks for. Exit 0 when
    /// nothing is rejected (and nothing --fail-on names is planned), 1 when
    /// a row or the file is rejected or --fail-on applies, 2 for usage or
    /// I/O errors.
    Check {
        /// The CSV file (UTF-8, or the UTF-16LE text Control Hub exports).
        file: PathBuf,
        /// An org snapshot (JSON, see docs/csv_import.md; `wholesale
        /// snapshot build` makes one from exports) to check users,
        /// locations, numbers and subscriptions against.
        #[arg(long, value_name = "SNAPSHOT.json")]
        org: Option<PathBuf>,
        /// The import behavior chosen in Control Hub.
        #[arg(long, value_enum, default_value_t)]
        behavior: Behavior,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// What text output lists besides the review (default: problems).
        #[arg(long, value_enum)]
        show: Option<Show>,
        /// Exit 1 when the file would do any of these (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        fail_on: Vec<FailOn>,
        /// Print the number of problems per code (text output).
        #[arg(long)]
        codes: bool,
        /// Write the rows that pass, as written, in the file's encoding.
        #[arg(long, value_name = "FILE")]
        write_ready: Option<PathBuf>,
        /// Write the rejected rows, with an Errors column.
        #[arg(long, value_name = "FILE")]
        write_rejected: Option<PathBuf>,
    },
}

pub fn run(cmd: CsvCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let CsvCommand::Check {
        file,
        org,
        behavior,
        format,
        show,
        fail_on,
        codes,
        write_ready,
        write_rejected,
    } = cmd;
    if format == Format::Json && (show.is_some() || codes) {
        return Err(Failure(
            "--show and --codes shape the text output; the JSON plan holds every row and problem"
                .into(),
        ));
    }
    let options = options(org.as_deref(), behavior)?;
    // Through the core's bounded reader: an endless or huge file is the
    // plan's FILE_TOO_LARGE after MAX_FILE_BYTES + 1 bytes (R-CSV-04). The
    // bytes are kept for the ready and rejected files.
    let bytes = csv_import::read_at_most(open_input(&file)?, csv_import::MAX_FILE_BYTES)
        .map_err(|e| Failure(format!("{}: cannot read the CSV: {e}", file.display())))?;
    let plan = csv_import::check_bytes(&bytes, &options);
    let name = file.display().to_string();
    match format {
        Format::Json => write_json(out, &plan)?,
        Format::Text => {
            write_text(out, &name, &plan, show.unwrap_or_default())?;
            if codes {
                write_codes(out, &plan)?;
            }
        }
        Format::Markdown => return Err(Failure("csv check prints text or json".into())),
    }
    // Notes about the files go where they do not mix with a JSON plan.
    let mut notes: Box<dyn Write> = match format {
        Format::Json => Box::new(std::io::stderr()),
        _ => Box::new(&mut *out),
    };
    let mut refused = false;
    for (path, part) in [(write_ready, Part::Ready), (write_rejected, Part::Rejected)] {
        if let Some(path) = path {
            refused |= !write_part(&mut notes, &bytes, &plan, &path, part)?;
        }
    }
    let failed = fail_on
        .iter()
        .any(|f| plan.rows.iter().any(|row| f.applies(row)));
    Ok(if plan.has_rejections() || failed || refused {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Ready,
    Rejected,
}

/// Writes the ready or rejected file to `path`; `false` (and a note) when
/// the file is refused as a whole, so there are no rows to write.
fn write_part(
    notes: &mut dyn Write,
    bytes: &[u8],
    plan: &ImportPlan,
    path: &Path,
    part: Part,
) -> Result<bool, Failure> {
    let what = match part {
        Part::Ready => "ready",
        Part::Rejected => "rejected",
    };
    let mut buffer = Vec::new();
    let written = match part {
        Part::Ready => csv_import::write_ready(bytes, plan, &mut buffer),
        Part::Rejected => csv_import::write_rejected(bytes, plan, &mut buffer),
    };
    let written = match written {
        Ok(written) => written,
        Err(e @ OutputError::FileRefused { .. }) => {
            writeln!(
                notes,
                "{what} file not written: {} ({}) {e}",
                e.code(),
                e.code().rule()
            )?;
            return Ok(false);
        }
        Err(e) => return Err(Failure(format!("{}: {} {e}", path.display(), e.code()))),
    };
    std::fs::write(path, &buffer)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    writeln!(
        notes,
        "wrote {} {what} row(s) to {}",
        written.rows,
        path.display()
    )?;
    Ok(true)
}

fn options(org: Option<&Path>, behavior: Behavior) -> Result<ImportOptions, Failure> {
    let mut options = ImportOptions::default().with_behavior(behavior.into());
    if let Some(path) = org {
        let json = read_input_at_most(path, csv_import::MAX_FILE_BYTES)?;
        // R-CSV-21: a snapshot that cannot be read exactly stops the check;
        // a check silently switched off would make a plan look clean.
        let snapshot = OrgSnapshot::from_json_bytes(&json).map_err(|e| {
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

/// A summary line, the review of destructive rows (always, R-CSV-20), then
/// what `show` asks for.
fn write_text(
    out: &mut dyn Write,
    name: &str,
    plan: &ImportPlan,
    show: Show,
) -> Result<(), Failure> {
    let s = &plan.summary;
    writeln!(
        out,
        "{}: {} rows: {} add, {} modify, {} change_package, {} remove, {} no_change, {} rejected; {} warnings",
        terminal_safe(name), s.rows, s.add, s.modify, s.change_package, s.remove, s.no_change, s.rejected, s.warnings
    )?;
    write_review(out, plan)?;
    if show != Show::Changes {
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
    }
    if show != Show::Problems {
        writeln!(out, "Rows:")?;
        for row in &plan.rows {
            let listed =
                show == Show::All || !matches!(row.action, Action::NoChange | Action::Rejected);
            if listed {
                write_row(out, row)?;
            }
        }
    }
    Ok(())
}

/// R-CSV-20: every remove, change_package and license removal, row by row,
/// even when nothing is rejected.
fn write_review(out: &mut dyn Write, plan: &ImportPlan) -> Result<(), Failure> {
    let rows: Vec<&RowOutcome> = plan.destructive_rows().collect();
    if rows.is_empty() {
        writeln!(out, "Review: nothing is removed and no package changes.")?;
        return Ok(());
    }
    writeln!(
        out,
        "Review: {} row(s) remove users, change packages or remove licenses:",
        rows.len()
    )?;
    for row in rows {
        write_row(out, row)?;
    }
    Ok(())
}

/// `  line 6: remove ana@acme.example (webex_calling): removes [...]`.
fn write_row(out: &mut dyn Write, row: &RowOutcome) -> Result<(), Failure> {
    let package = row
        .package
        .as_ref()
        .map_or_else(String::new, |p| format!(" ({})", p.api_id()));
    let list = |what: &str, ids: &csv_import::Licenses| {
        if ids.is_empty() {
            String::new()
        } else {
            format!("; {what} {}", ids.ids().collect::<Vec<_>>().join(", "))
        }
    };
    writeln!(
        out,
        "  line {}: {} {}{package}{}{}",
        row.line,
        row.action.as_str(),
        terminal_safe(&row.email),
        list("removes", &row.remove),
        list("assigns", &row.assign),
    )?;
    Ok(())
}

/// `Codes: LOCATION_UNKNOWN 2, ...`: the number of problems per code.
fn write_codes(out: &mut dyn Write, plan: &ImportPlan) -> Result<(), Failure> {
    let counts = plan.code_counts();
    if counts.is_empty() {
        writeln!(out, "Codes: none")?;
        return Ok(());
    }
    writeln!(out, "Codes:")?;
    for entry in counts {
        writeln!(
            out,
            "  {} ({}, {}) {}",
            entry.code,
            entry.code.rule(),
            entry.code.severity().as_str(),
            entry.count
        )?;
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
    write_text(out, "users.csv", &plan, Show::Problems)?;
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
        "{}{}: {severity}{} ({}) {}",
        at,
        terminal_safe(&column),
        problem.code,
        problem.rule(),
        terminal_safe(&problem.message)
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
                    show: None,
                    fail_on: Vec::new(),
                    codes: false,
                    write_ready: None,
                    write_rejected: None,
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
