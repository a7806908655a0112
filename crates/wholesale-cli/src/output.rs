//! Shared output helpers: JSON printing and problem lines.

use std::io::Write;

use serde::Serialize;

use crate::Failure;

/// Writes `value` as pretty JSON followed by a newline.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
