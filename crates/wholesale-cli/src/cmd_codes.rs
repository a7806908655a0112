//! `wholesale codes`: the error-code registry.

use std::io::Write;

use wholesale_core::codes;

use crate::output::write_json;
use crate::{Failure, Format, Outcome};

pub fn run(format: Format, out: &mut dyn Write) -> Result<Outcome, Failure> {
    match format {
        Format::Json => write_json(out, &codes::registry().collect::<Vec<_>>())?,
        Format::Markdown => write!(out, "{}", codes::registry_markdown())?,
        Format::Text => {
            for info in codes::registry() {
                writeln!(
                    out,
                    "{:<28} {:<9} {:<7} {}",
                    info.code,
                    info.rule,
                    info.severity.as_str(),
                    info.summary
                )?;
            }
        }
    }
    Ok(Outcome::Clean)
}
