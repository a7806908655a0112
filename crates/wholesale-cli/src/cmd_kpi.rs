//! `wholesale kpi`: license KPIs. Filled by the analytics issue.

use std::io::Write;

use clap::Args;

use crate::{Failure, Outcome};

#[derive(Args)]
pub struct KpiArgs {}

pub fn run(_args: KpiArgs, _out: &mut dyn Write) -> Result<Outcome, Failure> {
    Err(Failure("kpi is not built yet".into()))
}

pub fn demo(_out: &mut dyn Write) -> Result<(), Failure> {
    Ok(())
}
