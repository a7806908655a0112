//! `wholesale snapshot build`: an org snapshot from the files a partner has
//! (R-CSV-21): the Control Hub user export, a location list, the phone
//! numbers report.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use wholesale_core::csv_import::{self, ExportError, ExportFile, ExportFiles, SnapshotBuild};
use wholesale_core::package::Package;
use wholesale_core::Problem;

use crate::cmd_csv::{self, write_problem, Behavior, CsvCommand, FailOn};
use crate::demo::samples_dir;
use crate::output::write_json;
use crate::{read_input_at_most, Failure, Format, Outcome};

#[derive(Subcommand)]
pub enum SnapshotCommand {
    /// Build an org snapshot (JSON) for `csv check --org` from Control Hub
    /// exports.
    ///
    /// Warnings go to stderr. Exit 0 when built, 1 when a file has errors
    /// (each printed with its line; no snapshot is written), 2 for usage or
    /// I/O errors.
    Build {
        /// The Control Hub user export (Users > Export; UTF-8 CSV or the
        /// UTF-16LE tab-separated text Control Hub writes).
        #[arg(long, value_name = "EXPORT.csv")]
        users: PathBuf,
        /// A location list: a header `Location` (or `Location Name`,
        /// `Name`) and one location per row.
        #[arg(long, value_name = "FILE")]
        locations: Option<PathBuf>,
        /// Control Hub's phone numbers report (its Location column).
        #[arg(long, value_name = "REPORT.csv")]
        phone_numbers: Option<PathBuf>,
        /// The package the customer was created with (API id or display name).
        #[arg(long, value_name = "PKG")]
        package: Option<String>,
        /// A full admin of the customer (repeat for each): a user of the
        /// export, marked `full_admin` so the import holds it to the
        /// customer's package (R-CUS-05). The export has no role column.
        #[arg(long = "admin", value_name = "EMAIL")]
        admins: Vec<String>,
        /// Write the snapshot here instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(cmd: SnapshotCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let SnapshotCommand::Build {
        users,
        locations,
        phone_numbers,
        package,
        admins,
        output,
    } = cmd;
    let paths = Paths {
        users: &users,
        locations: locations.as_deref(),
        phone_numbers: phone_numbers.as_deref(),
    };
    let package = package
        .map(|p| Package::parse_strict(&p).map_err(|e| Failure(format!("--package: {e}"))))
        .transpose()?;
    let built = match build(&paths, package.as_ref(), &admins)? {
        Ok(built) => built,
        Err(err) => {
            write_problems(&mut std::io::stderr(), &paths, err.file, &err.problems)?;
            return Ok(Outcome::Problems);
        }
    };
    let mut stderr = std::io::stderr();
    for (problem, &file) in built.warnings.iter().zip(&built.warning_files) {
        write_problems(&mut stderr, &paths, file, std::slice::from_ref(problem))?;
    }
    match output {
        Some(path) => {
            let mut buffer = Vec::new();
            write_json(&mut buffer, &built.snapshot)?;
            std::fs::write(&path, buffer)
                .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
        }
        None => write_json(out, &built.snapshot)?,
    }
    Ok(Outcome::Clean)
}

/// The files given, for reading and for naming them in messages.
struct Paths<'p> {
    users: &'p Path,
    locations: Option<&'p Path>,
    phone_numbers: Option<&'p Path>,
}

impl Paths<'_> {
    fn of(&self, file: ExportFile) -> &Path {
        match file {
            ExportFile::Users => self.users,
            ExportFile::Locations => self.locations.unwrap_or(self.users),
            ExportFile::PhoneNumbers => self.phone_numbers.unwrap_or(self.users),
        }
    }
}

/// Reads the files (each bounded as the import's CSV is) and builds the
/// snapshot; `Err` inside for files with errors.
fn build(
    paths: &Paths<'_>,
    package: Option<&Package>,
    admins: &[String],
) -> Result<Result<SnapshotBuild, ExportError>, Failure> {
    let read = |path: &Path| {
        csv_import::read_at_most(crate::open_input(path)?, csv_import::MAX_FILE_BYTES)
            .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
    };
    let users = read(paths.users)?;
    let locations = paths.locations.map(read).transpose()?;
    let numbers = paths.phone_numbers.map(read).transpose()?;
    let mut files = ExportFiles::new(&users);
    files.locations = locations.as_deref();
    files.phone_numbers = numbers.as_deref();
    files.package = package;
    files.admins = admins;
    Ok(csv_import::snapshot_from_export(&files))
}

fn write_problems(
    out: &mut dyn Write,
    paths: &Paths<'_>,
    file: ExportFile,
    problems: &[Problem],
) -> Result<(), Failure> {
    let name = paths.of(file).display().to_string();
    for problem in problems {
        write!(out, "{}: ", crate::output::terminal_safe(&name))?;
        write_problem(out, problem)?;
    }
    Ok(())
}

/// The walk-through of docs/csv_import.md on the samples: build the
/// snapshot from the shipped export, check the import file against it,
/// review what it removes, write the ready file.
pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    let dir = samples_dir();
    let work = std::env::temp_dir().join(format!("wholesale-demo-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let snapshot = work.join("org_from_export.json");
    writeln!(
        out,
        "== From export to upload: wholesale snapshot build --users samples/users_export.csv --locations samples/locations.csv --package webex_calling --admin marta.silva@acme-dental.example =="
    )?;
    let built = run(
        SnapshotCommand::Build {
            users: dir.join("users_export.csv"),
            locations: Some(dir.join("locations.csv")),
            phone_numbers: None,
            package: Some("webex_calling".into()),
            admins: vec!["marta.silva@acme-dental.example".into()],
            output: Some(snapshot.clone()),
        },
        out,
    )?;
    let users = read_input_at_most(&snapshot, csv_import::MAX_FILE_BYTES)?;
    writeln!(
        out,
        "snapshot: {} ({} bytes, exit {})",
        snapshot.display(),
        users.len(),
        i32::from(built == Outcome::Problems)
    )?;
    let ready = work.join("users.ready.csv");
    writeln!(
        out,
        "== wholesale csv check samples/users.csv --org {} --fail-on remove --write-ready {} ==",
        snapshot.display(),
        ready.display()
    )?;
    let checked = cmd_csv::run(
        CsvCommand::Check {
            file: dir.join("users.csv"),
            org: Some(snapshot),
            behavior: Behavior::AddOnly,
            format: Format::Text,
            show: None,
            fail_on: vec![FailOn::Remove],
            codes: true,
            write_ready: Some(ready),
            write_rejected: None,
        },
        out,
    )?;
    writeln!(
        out,
        "exit {} (1 when a row is rejected or, with --fail-on remove, a user would be removed)\n",
        i32::from(checked == Outcome::Problems)
    )?;
    Ok(())
}
