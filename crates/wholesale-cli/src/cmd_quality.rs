//! `wholesale quality`: call quality. Filled by the calling-quality issue.

use std::io::Write;

use clap::Args;

use crate::{Failure, Outcome};

#[derive(Args)]
pub struct QualityArgs {}

pub fn run(_args: QualityArgs, _out: &mut dyn Write) -> Result<Outcome, Failure> {
    Err(Failure("quality is not built yet".into()))
}

pub fn demo(_out: &mut dyn Write) -> Result<(), Failure> {
    Ok(())
}
