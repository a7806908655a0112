//! `wholesale demo`: every capability on sample data shipped in the repo.

use std::io::Write;

use crate::{cmd_api, cmd_csv, cmd_kpi, cmd_quality, cmd_snapshot, Failure, Outcome};

/// The repo's `samples/` folder, found from the crate at build time so the
/// demo runs from any working directory.
pub fn samples_dir() -> std::path::PathBuf {
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = crate_dir.ancestors().nth(2).unwrap_or(crate_dir);
    repo.join("samples")
}

pub fn run(out: &mut dyn Write) -> Result<Outcome, Failure> {
    writeln!(
        out,
        "wholesale-core {} demo, on the sample data in {}\n",
        env!("CARGO_PKG_VERSION"),
        samples_dir().display()
    )?;
    cmd_api::demo(out)?;
    cmd_csv::demo(out)?;
    cmd_snapshot::demo(out)?;
    cmd_kpi::demo(out)?;
    cmd_quality::demo(out)?;
    Ok(Outcome::Clean)
}
